#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int status_fd = -1;

static void fail(const char *what) {
    dprintf(status_fd, "error %s: %s", what, strerror(errno));
    exit(0);
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

int main(int argc, char **argv) {
    if (argc < 9) return 126;
    status_fd = atoi(argv[1]);
    long uid = atol(argv[2]);
    const char *cwd = argv[3], *keep = argv[4], *tmpfs_opts = argv[6];
    int rebind = atoi(argv[5]);
    int resources[16], n = 0, i = 7;
    rlim_t values[16];
    if (chdir(keep) != 0) fail("chdir");  /* keeps the host directory after /tmp is covered */
    for (; i < argc && strcmp(argv[i], "--"); i++) {
        if (!strcmp(argv[i], "-d") && i + 1 < argc) {
            i++;
            if (mount("tmpfs", argv[i], "tmpfs", MS_NOSUID | MS_NODEV, tmpfs_opts)) fail(argv[i]);
        } else if (!strcmp(argv[i], "-r") && i + 2 < argc && n < 16) {
            resources[n] = resource_id(argv[i + 1]);
            values[n++] = strtoull(argv[i + 2], NULL, 10);
            i += 2;
        } else {
            errno = EINVAL;
            fail(argv[i]);
        }
    }
    if (i + 1 >= argc) { errno = EINVAL; fail("no program"); }
    if (rebind) {
        make_dirs(keep);
        if (mount(".", keep, NULL, MS_BIND | MS_REC, NULL)) fail("bind");
    }
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
