/* The sandbox launcher, compiled once into the cache dir by helpers/sandbox/tools.py (C, because a
 * Python launcher costs 20-60 ms of interpreter start-up per step on a busy machine; the Python
 * twin, launcher_twin.py, takes the same arguments and is the fallback). Two roles:
 *
 * launcher guard PARENT_PID ROOT DEADLINE_S UID [-c CGROUP_DIR]... -- COMMAND...
 *   Started by Python in its own session; joins the run's cgroups (made by cgroups.py) first, so
 *   that everything it starts is counted there. Dies with its parent (PR_SET_PDEATHSIG): when the
 *   notebook kernel is killed, it kills COMMAND and everything it started (the run's uid, its
 *   process group; the namespaces die with their first process) and removes ROOT, the run's
 *   temporary folder. It also kills COMMAND after DEADLINE_S seconds, so the deadline holds
 *   even when the parent stops looking. COMMAND is `unshare ... launcher inner ...` or, without
 *   namespaces, `launcher inner ...`.
 *
 * launcher inner STATUS_FD UID(-1: keep) CWD [options] -- PROGRAM ARGS...
 *   Runs as PID 1 of the sandbox namespaces (or directly when there are none): sets up the file
 *   system, forks the program with rlimits, a dropped uid and no_new_privs, reaps every orphan,
 *   and reports "exit N" / "signal N" (or "error WHAT: WHY") on STATUS_FD. When it exits, the
 *   kernel kills whatever is left in the namespace. Options, applied in this order whatever
 *   their order on the command line:
 *     -k DIR       keep DIR: opened first, bound back over whatever covers it below (read-only)
 *     -R           make every mount read-only
 *     -d DIR OPTS  mount a fresh writable tmpfs with OPTS on DIR (/tmp, /dev/shm, ...)
 *     -h DIR       hide DIR under an empty read-only tmpfs ($HOME, /run, ...)
 *     -w DIR       bind DIR writable again (the build folder while compiling)
 *     -t DIR OPTS  mount the work folder: a tmpfs with OPTS (size and inode limits) on DIR
 *     -r NAME N    set rlimit NAME (RLIMIT_AS, ...) to N for the program
 *   The environment is passed through unchanged. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif
#define ATTR_RDONLY 0x1ULL /* MOUNT_ATTR_RDONLY */
#define MAX_DIRS 32

struct attr { uint64_t set, clr, propagation, userns_fd; }; /* struct mount_attr */

static int status_fd = -1;

static void fail(const char *what) {
    dprintf(status_fd, "error %s: %s", what, strerror(errno));
    exit(0);
}

static int set_readonly(const char *path, int readonly, int recursive) {
    struct attr a = {readonly ? ATTR_RDONLY : 0, readonly ? 0 : ATTR_RDONLY, 0, 0};
    return (int)syscall(SYS_mount_setattr, AT_FDCWD, path, recursive ? AT_RECURSIVE : 0,
                        &a, sizeof a);
}

static int resource_id(const char *name) {
    if (!strcmp(name, "RLIMIT_DATA")) return RLIMIT_DATA;
    if (!strcmp(name, "RLIMIT_AS")) return RLIMIT_AS;
    if (!strcmp(name, "RLIMIT_CPU")) return RLIMIT_CPU;
    if (!strcmp(name, "RLIMIT_NPROC")) return RLIMIT_NPROC;
    if (!strcmp(name, "RLIMIT_FSIZE")) return RLIMIT_FSIZE;
    if (!strcmp(name, "RLIMIT_CORE")) return RLIMIT_CORE;
    if (!strcmp(name, "RLIMIT_NOFILE")) return RLIMIT_NOFILE;
    if (!strcmp(name, "RLIMIT_STACK")) return RLIMIT_STACK;
    errno = EINVAL;
    fail(name);
    return -1;
}

static void make_dirs(const char *path) {
    char buf[4096];
    if (strlen(path) >= sizeof buf) { errno = ENAMETOOLONG; fail(path); }
    strcpy(buf, path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') { *p = 0; mkdir(buf, 0755); *p = '/'; }
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST) fail(path);
}

/* ------------------------------------------------------------------------------- guard */

static void kill_uid(long uid) {
    /* kill(-1) as the run's uid reaches every process of that uid, in any namespace. */
    if (uid < 0 || geteuid() != 0) return;
    for (int round = 0; round < 100; round++) {
        pid_t p = fork();
        if (p == 0) {
            if (setresgid(uid, uid, uid) || setresuid(uid, uid, uid)) _exit(0);
            _exit(kill(-1, SIGKILL) == 0 ? 1 : 0);  /* 1: found some, look again */
        }
        int st = 0;
        if (p < 0 || waitpid(p, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) == 0) return;
    }
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb; (void)flag; (void)ftw;
    remove(path);
    return 0;
}

static int write_text(const char *dir, const char *file, const char *text) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
    close(fd);
    return ok ? 0 : -1;
}

static void leave_and_remove_cgroups(char **cgroups, int ncg) {
    char pid[32], parent[4096];
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    for (int k = 0; k < ncg; k++) {  /* move to the parent cgroup, then remove the run's */
        snprintf(parent, sizeof parent, "%s", cgroups[k]);
        char *slash = strrchr(parent, '/');
        if (slash) *slash = 0;
        write_text(parent, "cgroup.procs", pid);
        for (int round = 0; round < 300 && rmdir(cgroups[k]) && errno == EBUSY; round++)
            usleep(10000);
    }
}

static char **cgroups;
static int ncgroups;

static void abandon(pid_t child, long uid, const char *root) {
    /* The parent died: kill the run, remove its folder, then take our process group down. */
    kill(child, SIGKILL);
    kill_uid(uid);
    int ready[2], gone[2];
    if (pipe(ready) == 0 && pipe(gone) == 0) {
        pid_t cleaner = fork();
        if (cleaner == 0) {  /* leaves the group so that it survives the kill below */
            setsid();
            close(ready[0]);
            close(gone[1]);
            close(ready[1]);  /* tells the guard it may kill the group */
            char c;
            while (read(gone[0], &c, 1) < 0 && errno == EINTR) {}  /* EOF: the guard is dead */
            kill_uid(uid);
            nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
            leave_and_remove_cgroups(cgroups, ncgroups);
            _exit(0);
        }
        close(ready[1]);
        close(gone[0]);
        char c;
        if (cleaner > 0) while (read(ready[0], &c, 1) < 0 && errno == EINTR) {}
    }
    kill(0, SIGKILL);  /* ourselves and whatever is left in the group; closes the pipe */
    _exit(1);
}

static int guard(int argc, char **argv) {
    if (argc < 8) return 126;
    pid_t parent = (pid_t)atol(argv[2]);
    const char *root = argv[3];
    double limit = atof(argv[4]);
    long uid = atol(argv[5]);
    int cmd = 6;
    cgroups = argv + 7;
    for (; cmd + 1 < argc && !strcmp(argv[cmd], "-c"); cmd += 2) ncgroups++;
    for (int k = 0; k < ncgroups; k++) cgroups[k] = argv[7 + 2 * k];  /* compact the list */
    if (cmd + 1 >= argc || strcmp(argv[cmd], "--")) return 126;
    cmd++;
    char self_pid[32];
    snprintf(self_pid, sizeof self_pid, "%d", (int)getpid());
    for (int k = 0; k < ncgroups; k++)
        if (write_text(cgroups[k], "cgroup.procs", self_pid)) {
            dprintf(2, "sandbox: cannot join cgroup %s: %s\n", cgroups[k], strerror(errno));
            return 126;
        }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    pid_t self = getpid();
    pid_t child = fork();
    if (child < 0) return 126;
    if (child == 0) {
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        prctl(PR_SET_PDEATHSIG, SIGKILL);  /* unshare passes it on with --kill-child */
        if (getppid() != self) _exit(127);
        execv(argv[cmd], argv + cmd);
        dprintf(2, "sandbox: cannot start %s: %s\n", argv[cmd], strerror(errno));
        _exit(127);
    }
    if (ncgroups) write_text("/proc/self", "oom_score_adj", "-1000");  /* kill the program, not us */
    if (getppid() != parent) abandon(child, uid, root);  /* died before PDEATHSIG was set */
    struct timespec now, end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    end.tv_sec += (time_t)limit;
    end.tv_nsec += (long)((limit - (double)(time_t)limit) * 1e9);
    if (end.tv_nsec >= 1000000000L) { end.tv_sec++; end.tv_nsec -= 1000000000L; }
    int st = 0;
    for (;;) {
        if (waitpid(child, &st, WNOHANG) == child) break;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long left = (end.tv_sec - now.tv_sec) * 1000000000LL + (end.tv_nsec - now.tv_nsec);
        if (left <= 0) {  /* the deadline: kill the run and wait for it */
            kill(child, SIGKILL);
            kill_uid(uid);
            waitpid(child, &st, 0);
            break;
        }
        struct timespec wait = {(time_t)(left / 1000000000LL), (long)(left % 1000000000LL)};
        int sig = sigtimedwait(&set, NULL, &wait);
        if (sig == SIGTERM || sig == SIGHUP || sig == SIGINT) abandon(child, uid, root);
    }
    return 0;
}

/* ------------------------------------------------------------------------------- inner */

static int inner(int argc, char **argv) {
    if (argc < 6) return 126;
    status_fd = atoi(argv[2]);
    long uid = atol(argv[3]);
    const char *cwd = argv[4];
    const char *keep[MAX_DIRS], *tmp[MAX_DIRS], *tmp_opts[MAX_DIRS], *hide[MAX_DIRS];
    const char *writable[MAX_DIRS], *work = NULL, *work_opts = NULL;
    int keep_fd[MAX_DIRS], nk = 0, nt = 0, nh = 0, nw = 0, readonly = 0;
    int resources[16], n = 0, i = 5;
    rlim_t values[16];
    for (; i < argc && strcmp(argv[i], "--"); i++) {
        const char *opt = argv[i];
        int more = argc - i - 1;
        if (!strcmp(opt, "-k") && more >= 1 && nk < MAX_DIRS) keep[nk++] = argv[++i];
        else if (!strcmp(opt, "-R")) readonly = 1;
        else if (!strcmp(opt, "-d") && more >= 2 && nt < MAX_DIRS) {
            tmp[nt] = argv[++i];
            tmp_opts[nt++] = argv[++i];
        } else if (!strcmp(opt, "-h") && more >= 1 && nh < MAX_DIRS) hide[nh++] = argv[++i];
        else if (!strcmp(opt, "-w") && more >= 1 && nw < MAX_DIRS) writable[nw++] = argv[++i];
        else if (!strcmp(opt, "-t") && more >= 2) {
            work = argv[++i];
            work_opts = argv[++i];
        } else if (!strcmp(opt, "-r") && more >= 2 && n < 16) {
            resources[n] = resource_id(argv[i + 1]);
            values[n++] = strtoull(argv[i + 2], NULL, 10);
            i += 2;
        } else {
            errno = EINVAL;
            fail(opt);
        }
    }
    if (i + 1 >= argc) { errno = EINVAL; fail("no program"); }
    for (int k = 0; k < nk; k++)  /* before anything covers them */
        if ((keep_fd[k] = open(keep[k], O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0) fail(keep[k]);
    if (readonly && set_readonly("/", 1, 1)) fail("read-only /");
    for (int k = 0; k < nt; k++)
        if (mount("tmpfs", tmp[k], "tmpfs", MS_NOSUID | MS_NODEV, tmp_opts[k])) fail(tmp[k]);
    for (int k = 0; k < nh; k++)
        if (mount("tmpfs", hide[k], "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                  "size=64k,nr_inodes=256,mode=755")) fail(hide[k]);
    for (int k = 0; k < nk; k++) {
        char from[64];
        snprintf(from, sizeof from, "/proc/self/fd/%d", keep_fd[k]);
        make_dirs(keep[k]);
        if (mount(from, keep[k], NULL, MS_BIND | MS_REC, NULL)) fail(keep[k]);
        close(keep_fd[k]);
    }
    for (int k = 0; k < nh; k++)
        if (set_readonly(hide[k], 1, 0)) fail(hide[k]);
    for (int k = 0; k < nw; k++)
        if (mount(writable[k], writable[k], NULL, MS_BIND, NULL)
            || set_readonly(writable[k], 0, 0)) fail(writable[k]);
    if (work && mount("tmpfs", work, "tmpfs", MS_NOSUID | MS_NODEV, work_opts)) fail(work);
    pid_t pid = fork();
    if (pid < 0) fail("fork");
    if (pid == 0) {
        close(status_fd);
        for (int k = 0; k < n; k++) {
            struct rlimit cur, lim;
            getrlimit(resources[k], &cur);
            rlim_t v = values[k] < cur.rlim_max ? values[k] : cur.rlim_max;
            lim.rlim_cur = lim.rlim_max = v;
            if (setrlimit(resources[k], &lim)) { perror("sandbox: setrlimit"); _exit(127); }
        }
        if (uid >= 0 && (setgroups(0, NULL) || setresgid(uid, uid, uid)
                         || setresuid(uid, uid, uid))) {
            perror("sandbox: cannot drop privileges");
            _exit(127);
        }
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) { perror("sandbox: no_new_privs"); _exit(127); }
        if (chdir(cwd)) { perror("sandbox: chdir"); _exit(127); }
        execv(argv[i + 1], argv + i + 1);
        dprintf(2, "sandbox: cannot start %s: %s\n", argv[i + 1], strerror(errno));
        _exit(127);
    }
    int st = 0;
    for (;;) {
        pid_t p = wait(&st);
        if (p == pid) break;
        if (p < 0 && errno != EINTR) fail("wait");
    }
    if (WIFSIGNALED(st)) dprintf(status_fd, "signal %d", WTERMSIG(st));
    else dprintf(status_fd, "exit %d", WEXITSTATUS(st));
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "guard")) return guard(argc, argv);
    if (argc > 1 && !strcmp(argv[1], "inner")) return inner(argc, argv);
    return 126;
}
