"""Isolation of sandboxed runs: per-run uids, the namespaces this machine allows, the dirs that
get a private tmpfs, killing stragglers, and the report of which protections are in force."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from functools import lru_cache
from pathlib import Path

from helpers.sandbox.tools import SANDBOX_PATH

# Directories every user may write to; each gets a private tmpfs inside the mount namespace.
SHARED_WRITABLE_DIRS = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/dev/mqueue")
# Uids handed to sandboxed runs when we are root: a high range with no passwd entries.
_UID_BASE = 1_000_000_000
_UID_SPAN = 100_000_000


def _probe(cmd: list[str]) -> bool:
    """Return True when `cmd` runs and exits 0 within a few seconds."""
    try:
        done = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


@lru_cache(maxsize=1)
def namespace_mode() -> tuple[tuple[str, ...], frozenset[str]]:
    """Return the unshare prefix to use and which namespaces it gives: net, mount, pid."""
    unshare = shutil.which("unshare", path=SANDBOX_PATH)
    if unshare is None or not sys.platform.startswith("linux"):
        return (), frozenset()
    user = () if os.geteuid() == 0 else ("--map-root-user",)
    full = (unshare, *user, "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc")
    if _probe([*full, "true"]):
        return full, frozenset({"net", "mount", "pid"})
    net_only = (unshare, *user, "--net")
    if _probe([*net_only, "true"]):
        return net_only, frozenset({"net"})
    return (), frozenset()


def sandbox_capabilities() -> dict[str, bool]:
    """Return which protections are in force for runs started by this process."""
    root = os.geteuid() == 0
    namespaces = namespace_mode()[1]
    return {
        "running_as_root": root,
        "dedicated_uid": root,  # each run drops to its own unprivileged uid
        "network_isolated": "net" in namespaces,
        "private_tmp": "mount" in namespaces,
        "pid_namespace": "pid" in namespaces,
        "memory_limit": True,  # RLIMIT_DATA (plus -Xmx / --max-old-space-size)
        "cpu_limit": True,  # wall-clock timeout and RLIMIT_CPU
        "file_size_limit": True,  # RLIMIT_FSIZE
        "process_limit": True,  # RLIMIT_NPROC: per run with a dedicated uid, else per user
        "no_new_privs": sys.platform.startswith("linux"),
        "output_cap": True,
        "kills_whole_tree": "pid" in namespaces or root,
    }


_UIDS_IN_USE: set[int] = set()
_UID_LOCK = threading.Lock()


def take_uid() -> int:
    """Return an unused sandbox uid (root only): concurrent runs never share a process quota."""
    with _UID_LOCK:
        while True:
            uid = _UID_BASE + secrets.randbelow(_UID_SPAN)
            if uid not in _UIDS_IN_USE:
                _UIDS_IN_USE.add(uid)
                return uid


def release_uid(uid: int | None) -> None:
    """Give a sandbox uid back to the pool."""
    if uid is not None:
        with _UID_LOCK:
            _UIDS_IN_USE.discard(uid)


def kill_stragglers(uid: int | None, marker: str) -> int:
    """SIGKILL the sandbox uid's processes (or our marked ones) until none is left; return count."""
    killed = 0
    for _ in range(200):  # repeat: a fork loop creates processes, a dying namespace takes a moment
        found = 0
        for entry in os.scandir("/proc") if os.path.isdir("/proc") else []:
            if not entry.name.isdigit():
                continue
            try:
                if uid is not None:
                    if entry.stat().st_uid != uid:
                        continue
                else:
                    with open(f"/proc/{entry.name}/environ", "rb") as f:
                        if f"MOE_SANDBOX={marker}".encode() not in f.read():
                            continue
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    if f.read().rpartition(b")")[2].split()[0] == b"Z":
                        continue  # already dead; whoever adopted it will reap it
                os.kill(int(entry.name), signal.SIGKILL)
                found += 1
            except (OSError, ValueError):
                continue
        killed += found
        if not found:
            break
        time.sleep(0.01)
    return killed


def user_task_count() -> int:
    """Count the tasks (threads too) of our own uid, which RLIMIT_NPROC also counts."""
    uid, count = os.getuid(), 0
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else []:
        try:
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                count += len(os.listdir(f"/proc/{entry.name}/task"))
        except OSError:
            continue
    return count


def private_dirs() -> list[str]:
    """Return the shared writable dirs that get a private tmpfs in the sandbox (if any)."""
    if "mount" not in namespace_mode()[1]:
        return []
    return [d for d in SHARED_WRITABLE_DIRS if os.path.isdir(d) and not os.path.islink(d)]


def is_under(path: str | Path, dirs: list[str]) -> bool:
    """True when path lies inside one of dirs."""
    real = os.path.realpath(path)
    return any(real.startswith(os.path.realpath(d) + "/") for d in dirs)
