"""One sandbox: a temporary directory and uid per program, and running one step (compile or run)
in it through the launcher, with output capped and a wall-clock deadline."""

from __future__ import annotations

import math
import os
import secrets
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from helpers.sandbox import cgroups, isolation, tools
from helpers.sandbox.results import Limits, Raw

# The guard kills the run this long after timeout_s: our own deadline normally comes first.
GUARD_GRACE_S = 1.0
# A run's cgroup holds its data limit plus room for page cache and its tmpfs files (charged to
# it), and its process limit plus the guard, unshare and the inner launcher.
CGROUP_EXTRA_MB = 256
CGROUP_EXTRA_PIDS = 4


def _kill_group(pgid: int) -> None:
    """SIGKILL a process group, ignoring one that is already gone."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _has_exited(proc: subprocess.Popen) -> bool:
    """True when the process has exited, without reaping it (so its pgid stays ours)."""
    try:
        return os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True


def _read_status(fd: int) -> str:
    """Read the launcher's one-line report from the status pipe and close it."""
    os.set_blocking(fd, False)
    chunks = []
    try:
        while chunk := os.read(fd, 4096):
            chunks.append(chunk)
    except BlockingIOError:
        pass
    finally:
        os.close(fd)
    return b"".join(chunks).decode(errors="replace")


class Sandbox:
    """A temporary directory plus the uid shared by the compile step and the runs of one program."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="moe-exec-")).resolve()
        self.build = self.root / "build"  # source and compiled program
        self.work = self.root / "work"  # cwd, HOME and TMPDIR of each step, emptied between runs
        self.uid = isolation.take_uid() if os.geteuid() == 0 else None
        self.marker = secrets.token_hex(8)  # finds stragglers when there is no PID namespace
        self.build.mkdir()
        os.chmod(self.root, 0o711)  # the sandbox uid may pass, not list

    def _own(self, path: Path, sandbox: bool) -> None:
        """Hand a tree to the sandbox uid (writable) or take it back (read-only for the runs)."""
        if self.uid is None:
            return
        uid = self.uid if sandbox else 0
        paths = [path]
        for parent, dirs, files in os.walk(path):  # does not follow symlinks
            paths += [Path(parent, name) for name in dirs + files]
        for p in paths:
            os.lchown(p, uid, uid)
            if not sandbox and not p.is_symlink():  # readable, not writable, no setuid bits
                mode = p.stat().st_mode & 0o755
                os.chmod(p, mode | (0o755 if p.is_dir() else 0o444))

    def open_build(self) -> None:
        """Let the compile step write the compiled program into the build directory."""
        self._own(self.build, sandbox=True)

    def seal_build(self) -> None:
        """Make the compiled program read-only for the runs."""
        self._own(self.build, sandbox=False)

    def fresh_workdir(self) -> None:
        """Give the next step an empty working directory."""
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(mode=0o700)
        self._own(self.work, sandbox=True)

    def env(self) -> dict[str, str]:
        """Return the minimal environment of sandboxed processes."""
        return {
            "PATH": tools.SANDBOX_PATH,
            "HOME": str(self.work),
            "TMPDIR": str(self.work),
            "LANG": "C.UTF-8",
            "MOE_SANDBOX": self.marker,
            "PYTHONHASHSEED": "0",
        }  # set iteration order repeats (python3 runs without -I)

    def _layout(self, cwd: Path, limits: Limits, compiling: bool) -> list[str]:
        """Return the launcher options that set up the run's file system (see launcher.c)."""
        kinds = isolation.namespace_mode()[1]
        private = isolation.private_dirs()
        hidden = isolation.hidden_dirs()
        options = [a for d in private for a in ("-d", d, isolation.SHARED_TMPFS_OPTS)]
        options += [a for d in hidden for a in ("-h", d)]
        for d in (str(self.root), str(tools.cache_dir())):
            if os.path.isdir(d) and isolation.is_under(d, private + hidden):
                options += ["-k", d]  # would be covered: bind it back
        if "fs" in kinds:
            owner = f",uid={self.uid},gid={self.uid}" if self.uid is not None else ""
            options += [
                "-R",
                "-t",
                str(self.work),
                f"size={limits.work_folder_mb}m,nr_inodes={limits.work_folder_files},mode=0700{owner}",
            ]
            if compiling:
                options += ["-w", str(cwd)]
        return options

    def execute(
        self,
        argv: list[str],
        timeout_s: float,
        memory_mb: int,
        nproc: int,
        limits: Limits,
        file_size_mb: int,
        stdin: bytes | None = None,
        cwd: Path | None = None,
        address_mb: int | None = None,
        cancel: threading.Event | None = None,
    ) -> Raw:
        """Run argv in the sandbox; capture its output (capped) and how it ended. With `cwd`
        (the build dir) it is the compile step and may write there."""
        prefix = isolation.namespace_mode()[0]
        root = str(self.root)
        output_bytes = limits.output_bytes
        run_nproc = nproc  # the cgroup counts this run's processes only
        if self.uid is None:  # the limit then counts all our processes, not just this run's
            nproc += isolation.user_task_count()
        rlimits = {
            "RLIMIT_DATA": memory_mb << 20,
            "RLIMIT_CPU": math.ceil(timeout_s) + 1,
            "RLIMIT_NPROC": nproc,
            "RLIMIT_FSIZE": file_size_mb << 20,
            "RLIMIT_CORE": 0,
            "RLIMIT_NOFILE": 1024,
            "RLIMIT_STACK": 8 << 20,
        }
        group = None
        if cgroups.cgroup_parents():  # one budget for the whole run; mapping more is allowed
            group = cgroups.RunCgroup(memory_mb + CGROUP_EXTRA_MB, run_nproc + CGROUP_EXTRA_PIDS)
        elif address_mb is not None:  # per process, shared mappings included
            rlimits["RLIMIT_AS"] = address_mb << 20
        uid = str(-1 if self.uid is None else self.uid)
        status_r, status_w = os.pipe()
        launcher = tools.launcher_cmd()
        guard = [
            *launcher,
            "guard",
            str(os.getpid()),
            root,
            f"{timeout_s + GUARD_GRACE_S:.3f}",
            uid,
            *[a for d in (group.dirs if group else []) for a in ("-c", str(d))],
            "--",
        ]
        inner = [
            *prefix,
            *launcher,
            "inner",
            str(status_w),
            uid,
            str(cwd or self.work),
            *self._layout(cwd or self.work, limits, cwd is not None),
        ]
        for name, value in rlimits.items():
            inner += ["-r", name, str(value)]
        # Output goes to files, not pipes: a writer never blocks (node would buffer in memory
        # behind a full pipe), nothing needs draining, and RLIMIT_FSIZE bounds them on disk.
        streams = [self.root / "stdin", self.root / "stdout", self.root / "stderr"]
        streams[0].write_bytes(stdin or b"")
        start = time.monotonic()
        try:
            with (
                open(streams[0], "rb") as fin,
                open(streams[1], "wb") as fout,
                open(streams[2], "wb") as ferr,
            ):
                proc = subprocess.Popen(
                    [*guard, *inner, "--", *argv],
                    stdin=fin,
                    stdout=fout,
                    stderr=ferr,
                    pass_fds=(status_w,),
                    start_new_session=True,
                    cwd=root,
                    env=self.env(),
                )
        except BaseException:
            os.close(status_r)
            if group is not None:
                group.remove()
            raise
        finally:
            os.close(status_w)
        try:
            timed_out, over_cap = _wait(proc, start + timeout_s, streams[1:], output_bytes, cancel)
            duration = time.monotonic() - start
            timed_out = timed_out or duration >= timeout_s  # the guard's deadline came first
        finally:
            _kill_group(proc.pid)  # stragglers and, after a timeout, the program itself
            proc.wait()
            # A PID namespace dies with its first process, but the kernel finishes that after
            # unshare has gone: wait for it, and catch what left our process group otherwise.
            isolation.kill_stragglers(self.uid, self.marker)
            status = _read_status(status_r)
            oom_kills = group.oom_kills() if group is not None else 0
            if group is not None:
                group.remove()
        out, out_cut = _read_capped(streams[1], output_bytes)
        err, err_cut = _read_capped(streams[2], output_bytes)
        truncated = over_cap or out_cut or err_cut
        if status.startswith("error"):
            raise RuntimeError(
                f"Sandbox setup failed ({status[6:]}); "
                "see sandbox_capabilities() for what this machine allows."
            )
        word, _, number = status.partition(" ")
        code = int(number) if word == "exit" else None
        sig = int(number) if word == "signal" else None
        return Raw(code, sig, out, err, duration, timed_out, truncated, oom_kills > 0)

    def close(self) -> None:
        """Remove the sandbox directory and free the uid."""
        shutil.rmtree(self.root, ignore_errors=True)
        isolation.release_uid(self.uid)


def _wait(
    proc: subprocess.Popen, deadline: float, outputs: list[Path], cap: int, cancel: threading.Event | None
) -> tuple[bool, bool]:
    """Wait (not reaping) for exit, the deadline, output over `cap` or `cancel`: (timed_out,
    over_cap); a cancelled run counts as timed out."""
    try:
        pidfd = os.pidfd_open(proc.pid)  # readable once the process has exited
    except (AttributeError, OSError):
        pidfd = None
    try:
        while True:
            if any(p.stat().st_size > cap for p in outputs):
                return False, True
            if _has_exited(proc):
                return False, False
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (cancel is not None and cancel.is_set()):
                return True, False
            if pidfd is not None:
                select.select([pidfd], [], [], min(remaining, 0.02))
            else:
                time.sleep(min(remaining, 0.005))
    finally:
        if pidfd is not None:
            os.close(pidfd)


def _read_capped(path: Path, cap: int) -> tuple[bytes, bool]:
    """Return the first `cap` bytes of a file and whether there was more."""
    with open(path, "rb") as f:
        data = f.read(cap + 1)
    return data[:cap], len(data) > cap
