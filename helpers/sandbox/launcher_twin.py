"""Python twin of launcher.c: same roles (guard, inner), arguments and status line; the fallback
when no C compiler exists. Run as a script with `python -I -S`, standard library only."""

import ctypes
import os
import resource
import shutil
import signal
import sys
import time

LIBC = ctypes.CDLL(None, use_errno=True)
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC = 2, 4, 8, 4096, 16384
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
SYS_MOUNT_SETATTR, AT_FDCWD, AT_RECURSIVE, ATTR_RDONLY = 442, -100, 0x8000, 1


class MountAttr(ctypes.Structure):
    """struct mount_attr of mount_setattr(2)."""

    _fields_ = [
        ("set", ctypes.c_uint64),
        ("clr", ctypes.c_uint64),
        ("propagation", ctypes.c_uint64),
        ("userns_fd", ctypes.c_uint64),
    ]


def set_readonly(path: str, readonly: bool, recursive: bool) -> int:
    """Set or clear the read-only flag of the mount at path (and below it when recursive)."""
    attr = MountAttr(ATTR_RDONLY if readonly else 0, 0 if readonly else ATTR_RDONLY, 0, 0)
    return LIBC.syscall(
        SYS_MOUNT_SETATTR,
        AT_FDCWD,
        path.encode(),
        AT_RECURSIVE if recursive else 0,
        ctypes.byref(attr),
        ctypes.sizeof(attr),
    )


def kill_uid(uid: int) -> None:
    """SIGKILL every process of the run's uid (root only), as launcher.c does."""
    if uid < 0 or os.geteuid() != 0:
        return
    for _ in range(100):
        pid = os.fork()
        if pid == 0:
            try:
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
                os.kill(-1, signal.SIGKILL)
                os._exit(1)
            except OSError:
                os._exit(0)
        if os.waitpid(pid, 0)[1] >> 8 != 1:
            return


def leave_and_remove_cgroups(cgroups: list[str]) -> None:
    """Move to each parent cgroup, then remove the run's."""
    for d in cgroups:
        try:
            with open(os.path.join(os.path.dirname(d), "cgroup.procs"), "w") as f:
                f.write(str(os.getpid()))
        except OSError:
            pass
        for _ in range(300):
            try:
                os.rmdir(d)
                break
            except OSError:
                time.sleep(0.01)


def abandon(child: int, uid: int, root: str, cgroups: list[str]) -> None:
    """The parent died: kill the run, remove its folder, then take our process group down."""
    os.kill(child, signal.SIGKILL)
    kill_uid(uid)
    ready_r, ready_w = os.pipe()
    gone_r, gone_w = os.pipe()
    if os.fork() == 0:
        os.setsid()
        os.close(ready_r)
        os.close(gone_w)
        os.close(ready_w)
        os.read(gone_r, 1)  # EOF once the guard is dead
        kill_uid(uid)
        shutil.rmtree(root, ignore_errors=True)
        leave_and_remove_cgroups(cgroups)
        os._exit(0)
    os.close(ready_w)
    os.close(gone_r)
    os.read(ready_r, 1)
    os.killpg(0, signal.SIGKILL)


def guard(args: list[str]) -> int:
    """launcher guard PARENT_PID ROOT DEADLINE_S UID [-c DIR]... -- COMMAND... (see launcher.c)."""
    parent, root, limit, uid = int(args[0]), args[1], float(args[2]), int(args[3])
    i, cgroups = 4, []
    while args[i] == "-c":
        cgroups.append(args[i + 1])
        i += 2
    command = args[i + 1 :]
    for d in cgroups:
        with open(os.path.join(d, "cgroup.procs"), "w") as f:
            f.write(str(os.getpid()))
    wanted = {signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    me = os.getpid()
    child = os.fork()
    if child == 0:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, wanted)
        LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != me:
            os._exit(127)
        try:
            os.execv(command[0], command)
        finally:
            os._exit(127)
    if cgroups:  # the kernel's OOM killer should pick the program, not us (where allowed)
        try:
            with open("/proc/self/oom_score_adj", "w") as f:
                f.write("-1000")
        except OSError:
            pass
    if os.getppid() != parent:
        abandon(child, uid, root, cgroups)
    end = time.monotonic() + limit
    while os.waitpid(child, os.WNOHANG)[0] != child:
        left = end - time.monotonic()
        if left <= 0:
            os.kill(child, signal.SIGKILL)
            kill_uid(uid)
            os.waitpid(child, 0)
            break
        info = signal.sigtimedwait(wanted, left)
        if info is not None and info.si_signo != signal.SIGCHLD:
            abandon(child, uid, root, cgroups)
    return 0


def inner(args: list[str]) -> int:
    """launcher inner STATUS_FD UID CWD [options] -- PROGRAM ARGS... (see launcher.c)."""
    fd, uid, cwd = int(args[0]), int(args[1]), args[2]

    def fail(what: str) -> None:
        os.write(fd, f"error {what}: {os.strerror(ctypes.get_errno())}".encode())
        sys.exit(0)

    def mount(source: str, target: str, fstype: str | None, flags: int, opts: str | None) -> None:
        if LIBC.mount(
            source.encode(), target.encode(), fstype and fstype.encode(), flags, opts and opts.encode()
        ):
            fail(target)

    keep, tmp, hide, writable, limits = [], [], [], [], []
    readonly, work, i = False, None, 3
    while args[i] != "--":
        opt = args[i]
        if opt == "-R":
            readonly, i = True, i + 1
        elif opt in ("-k", "-h", "-w"):
            {"-k": keep, "-h": hide, "-w": writable}[opt].append(args[i + 1])
            i += 2
        elif opt in ("-d", "-t"):
            if opt == "-d":
                tmp.append((args[i + 1], args[i + 2]))
            else:
                work = (args[i + 1], args[i + 2])
            i += 3
        elif opt == "-r":
            limits.append((getattr(resource, args[i + 1]), int(args[i + 2])))
            i += 3
        else:
            fail(opt)
    program = args[i + 1 :]
    keep_fds = [os.open(d, os.O_PATH | os.O_DIRECTORY) for d in keep]
    if readonly and set_readonly("/", True, True):
        fail("read-only /")
    for d, opts in tmp:
        mount("tmpfs", d, "tmpfs", MS_NOSUID | MS_NODEV, opts)
    for d in hide:
        mount("tmpfs", d, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=64k,nr_inodes=256,mode=755")
    for d, kfd in zip(keep, keep_fds, strict=True):
        os.makedirs(d, exist_ok=True)
        mount(f"/proc/self/fd/{kfd}", d, None, MS_BIND | MS_REC, None)
        os.close(kfd)
    for d in hide:
        if set_readonly(d, True, False):
            fail(d)
    for d in writable:
        mount(d, d, None, MS_BIND, None)
        if set_readonly(d, False, False):
            fail(d)
    if work:
        mount("tmpfs", work[0], "tmpfs", MS_NOSUID | MS_NODEV, work[1])
    pid = os.fork()
    if pid == 0:
        try:
            os.close(fd)
            for res, value in limits:
                hard = resource.getrlimit(res)[1]
                value = value if hard == resource.RLIM_INFINITY else min(value, hard)
                resource.setrlimit(res, (value, value))
            if uid >= 0:
                os.setgroups([])
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
            if LIBC.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0):
                raise OSError(ctypes.get_errno(), "no_new_privs")
            os.chdir(cwd)
            os.execv(program[0], program)
        except BaseException as e:
            os.write(2, f"sandbox: cannot start {program[0]}: {e}\n".encode())
            os._exit(127)
    while True:
        p, status = os.waitpid(-1, 0)
        if p == pid:
            break
    if os.WIFSIGNALED(status):
        os.write(fd, b"signal %d" % os.WTERMSIG(status))
    else:
        os.write(fd, b"exit %d" % os.WEXITSTATUS(status))
    return 0


if __name__ == "__main__":
    role = sys.argv[1] if len(sys.argv) > 1 else ""
    sys.exit(guard(sys.argv[2:]) if role == "guard" else inner(sys.argv[2:]) if role == "inner" else 126)
