"""Python twin of launcher.c (same arguments, same status line), used when no C compiler exists."""
# ruff: noqa: E401, E701, E702, I001, UP031
import ctypes, os, resource, sys
a = sys.argv[1:]
fd, uid, cwd, keep, rebind, opts = int(a[0]), int(a[1]), a[2], a[3], a[4] == "1", a[5].encode()
libc = ctypes.CDLL(None, use_errno=True)
def fail(what):
    os.write(fd, ("error %s: %s" % (what, os.strerror(ctypes.get_errno()))).encode())
    sys.exit(0)
os.chdir(keep)
i, limits = 6, []
while a[i] != "--":
    if a[i] == "-d":
        if libc.mount(b"tmpfs", a[i + 1].encode(), b"tmpfs", 2 | 4, opts):  # nosuid, nodev
            fail(a[i + 1])
        i += 2
    else:
        limits.append((getattr(resource, a[i + 1]), int(a[i + 2])))
        i += 3
prog = a[i + 1:]
if rebind:
    os.makedirs(keep, exist_ok=True)
    if libc.mount(b".", keep.encode(), None, 4096 | 16384, None):  # bind, recursive
        fail("bind")
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
        if libc.prctl(38, 1, 0, 0, 0):  # PR_SET_NO_NEW_PRIVS
            raise OSError(ctypes.get_errno(), "no_new_privs")
        os.chdir(cwd)
        os.execv(prog[0], prog)
    except BaseException as e:
        os.write(2, ("sandbox: cannot start %s: %s\n" % (prog[0], e)).encode())
        os._exit(127)
while True:
    p, st = os.waitpid(-1, 0)
    if p == pid:
        break
if os.WIFSIGNALED(st):
    os.write(fd, b"signal %d" % os.WTERMSIG(st))
else:
    os.write(fd, b"exit %d" % os.WEXITSTATUS(st))
