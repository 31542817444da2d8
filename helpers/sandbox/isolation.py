"""Isolation of sandboxed runs: per-run uids, the namespaces this machine allows, which dirs get a
private tmpfs or are hidden, killing stragglers, and the report of which protections are in force."""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from functools import lru_cache
from pathlib import Path

from helpers.sandbox import cgroups, tools
from helpers.sandbox.tools import SANDBOX_PATH

# Directories every user may write to; each gets a private tmpfs inside the mount namespace.
SHARED_WRITABLE_DIRS = ("/tmp", "/var/tmp", "/dev/shm", "/dev/mqueue")
# Their tmpfs is small: tmpfs pages are memory that no rlimit of the program counts.
SHARED_TMPFS_OPTS = "size=16m,nr_inodes=1024,mode=1777"
# Host sockets (/run: dbus, docker, ...; /var/run links there; /tmp/.X11-unix is under /tmp) and
# the user's files are hidden under an empty read-only tmpfs (with the repository: its results).
_HIDDEN_DIRS = ("/run", "/home", "/root")
# Uids handed to sandboxed runs when we are root: a high range with no passwd entries.
_UID_BASE = 1_000_000_000
_UID_SPAN = 100_000_000


def _probe(cmd: list[str]) -> bool:
    """Return True when `cmd` runs and exits 0 within a few seconds."""
    try:
        done = subprocess.run(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _probe_launcher(prefix: tuple[str, ...], options: list[str]) -> bool:
    """Return True when the launcher, under `prefix`, sets up `options` and runs /bin/true."""
    cmd = [*prefix, *tools.launcher_cmd(), "inner", "1", "-1", "/", *options, "--", "/bin/true"]
    try:
        done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.stdout == b"exit 0"


@lru_cache(maxsize=1)
def namespace_mode() -> tuple[tuple[str, ...], frozenset[str]]:
    """Return the unshare prefix to use and what it gives: namespaces (net, mount, pid, ipc, uts)
    and "fs" when the launcher can also make / read-only, hide dirs and mount the work tmpfs."""
    unshare = shutil.which("unshare", path=SANDBOX_PATH)
    if unshare is None or not sys.platform.startswith("linux"):
        return (), frozenset()
    user = () if os.geteuid() == 0 else ("--map-root-user",)
    full = (
        unshare,
        *user,
        "--net",
        "--mount",
        "--pid",
        "--ipc",
        "--uts",
        "--fork",
        "--kill-child",
        "--mount-proc",
    )
    if _probe([*full, "true"]):
        kinds = {"net", "mount", "pid", "ipc", "uts"}
        fs = (
            ["-R", "-h", "/run", "-t", "/tmp", "size=1m,nr_inodes=16"]
            if os.path.isdir("/run")
            else ["-R", "-t", "/tmp", "size=1m"]
        )
        return full, frozenset(kinds | ({"fs"} if _probe_launcher(full, fs) else set()))
    net_only = (unshare, *user, "--net")
    if _probe([*net_only, "true"]):
        return net_only, frozenset({"net"})
    return (), frozenset()


def hidden_dirs() -> list[str]:
    """Return the dirs hidden under an empty tmpfs in each run (none without the "fs" mode)."""
    if "fs" not in namespace_mode()[1]:
        return []
    home = [os.environ.get("HOME", ""), pwd.getpwuid(os.getuid()).pw_dir]
    repo = str(Path(__file__).resolve().parents[2])  # runs/ holds earlier results
    needed = [
        os.path.realpath(p) for tool in tools.toolchains().values() for p in tool.values() if p
    ] + SANDBOX_PATH.split(":")
    found: list[str] = []
    for d in sorted({os.path.realpath(d) for d in [*_HIDDEN_DIRS, *home, repo] if d}, key=len):
        if (
            d != "/"
            and os.path.isdir(d)
            and not is_under(d, [*private_dirs(), *found])
            and not any(n == d or is_under(n, [d]) for n in needed)
        ):
            found.append(d)  # outermost first: a nested one would have no mount point
    return found


def sandbox_capabilities() -> dict[str, bool]:
    """Return which protections are in force for runs started by this process."""
    root = os.geteuid() == 0
    kinds = namespace_mode()[1]
    hidden = hidden_dirs()
    homes = {
        os.path.realpath(h)
        for h in (os.environ.get("HOME"), pwd.getpwuid(os.getuid()).pw_dir)
        if h and os.path.isdir(h)
    }
    linux = sys.platform.startswith("linux")
    cgroup = bool(cgroups.cgroup_parents())
    return {
        "running_as_root": root,
        "dedicated_uid": root,  # each run drops to its own unprivileged uid
        "network_isolated": "net" in kinds,
        "private_tmp": "mount" in kinds,
        "pid_namespace": "pid" in kinds,
        "ipc_namespace": "ipc" in kinds,  # SysV segments and POSIX queues die with the run
        "uts_namespace": "uts" in kinds,
        "memory_limit": True,  # RLIMIT_DATA (plus -Xmx / --max-old-space-size)
        # RLIMIT_AS per process (it counts shared mappings too) where there is no run cgroup.
        "address_space_limit": not cgroup,
        "cgroup_memory": cgroup,  # one memory budget for all processes of a run, shared included
        "cgroup_pids": "v2" in cgroups.cgroup_parents() or "pids" in cgroups.cgroup_parents(),
        "cpu_limit": True,  # wall-clock timeout and RLIMIT_CPU
        "file_size_limit": True,  # RLIMIT_FSIZE
        "process_limit": True,  # RLIMIT_NPROC: per run with a dedicated uid, else per user
        "no_new_privs": linux,
        "output_cap": True,
        "kills_whole_tree": "pid" in kinds or root,
        "dies_with_parent": linux,  # the launcher's guard: PR_SET_PDEATHSIG, removes the folder
        "launcher_deadline": True,  # the guard kills the run shortly after timeout_s
        "read_only_root": "fs" in kinds,  # writable: the work folder, private /tmp, /dev/shm
        "run_hidden": "/run" in hidden,  # host sockets (/run, /var/run)
        "home_hidden": "fs" in kinds
        and all(h in hidden or is_under(h, hidden + private_dirs()) for h in homes),
        "work_folder_limits": "fs" in kinds,  # the work folder is a tmpfs with size and inodes
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
