"""Run untrusted generated programs (Python, JavaScript, Java, C++) in a sandbox.

`run_program` compiles (javac, g++) and runs one program; `run_repeated` compiles once and runs
it N times (for the determinism check); `run_many` / `run_many_repeated` do many jobs on a thread
pool, results in input order. None of them raises for a bad program, only ValueError for an
unknown language. `sandbox_capabilities()` says which protections are in force on this machine;
`python -m helpers.execution check` prints them, `... run --lang L FILE` runs one file.

Statuses of an `ExecutionResult`:
- "ok": the program exited with code 0 within the time limit.
- "compile_error": javac or g++ rejected the program (or Java has no class with a main to run).
- "runtime_error": non-zero exit code, an uncaught exception or a crash signal (SIGSEGV, SIGABRT).
- "timeout": the wall-clock limit ran out; `exit_code` is None (compilation has its own limit).
- "killed": ended by a resource limit: output over the cap (`truncated` is True; the program is
  stopped within ~20 ms of passing it), the memory limit (recognised from the runtime's
  out-of-memory message), the file-size limit, the CPU-time limit (SIGXCPU) or a SIGKILL.
- "unavailable": the toolchain is not installed; `stderr` names the Debian package to install.
`detail` says in words why a program was killed or which signal ended it.

Each run gets a fresh temporary directory (removed afterwards, also after a timeout), an empty
working directory that is also its HOME and TMPDIR, a minimal environment, rlimits (data
segment, CPU time, file size, process count, no core dumps) and, where the platform allows it,
its own uid and network, mount and PID namespaces: see README "What the sandbox enforces".

Python runs on the system interpreter (/usr/bin/python3 -s -B, standard library only, isolated from
the project's venv; the environment is ours alone, so PYTHONHASHSEED=0 makes the printing of sets
and dicts of strings repeat from run to run, as it does in Java, C++ and JavaScript). JavaScript
runs under node with a prelude loaded by `node --require`, so error line numbers are the program's
own; it defines `document.write`/`writeln` printing to stdout, with `<br>` turned into a newline,
as xlcost's browser-style programs expect. Java: the file is named after the public class if there
is one, and the class that declares `main` is run (xlcost's `class GFG`, even after helper
classes). C++ is compiled with g++ -std=c++17 -O0 (fastest to compile), with a precompiled
<bits/stdc++.h> kept in `cache_dir()`; javac starts from a class-data-sharing archive there. """

from __future__ import annotations

import argparse
import dataclasses
import fcntl
import hashlib
import json
import math
import os
import re
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpers.config import get_language

STATUSES = ("ok", "compile_error", "runtime_error", "timeout", "killed", "unavailable")

# What the sandboxed program sees on PATH; toolchains are looked up there too.
SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin"
# Debian package that provides each toolchain (named in "unavailable" results).
DEBIAN_PACKAGES = {"python": "python3", "javascript": "nodejs", "java": "default-jdk-headless",
                   "cpp": "g++"}
# Threads count as processes for RLIMIT_NPROC: a JVM has ~15 threads, node ~7.
_NPROC = {"python": 8, "javascript": 32, "java": 64, "cpp": 8}
_COMPILE_NPROC = 128
# Directories every user may write to; each gets a private tmpfs inside the mount namespace.
_SHARED_WRITABLE_DIRS = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/dev/mqueue")
# Uids handed to sandboxed runs when we are root: a high range with no passwd entries.
_UID_BASE = 1_000_000_000
_UID_SPAN = 100_000_000
_CPP_FLAGS = ("-std=c++17", "-O0")  # -O0 compiles fastest; the PCH must use the same flags
_JVM_FLAGS = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto")
_JS_PRELUDE = """\
// Browser-style output for xlcost programs: document.write prints to stdout, <br> is a newline.
const BR = /<br\\s*\\/?>/gi;
const out = (text) => process.stdout.write(text.replace(BR, "\\n"));
globalThis.document = {
  write: (...parts) => out(parts.join("")),
  writeln: (...parts) => out(parts.join("") + "\\n"),
};
"""
_OOM_MARKERS = ("MemoryError", "std::bad_alloc", "java.lang.OutOfMemoryError",
                "JavaScript heap out of memory", "Array buffer allocation failed",
                "Cannot allocate memory", "Fatal process out of memory")

# The launcher runs as PID 1 of the sandbox namespaces (or directly when there are none): it
# mounts the private tmpfs dirs, forks the program with rlimits, a dropped uid and no_new_privs,
# reaps every orphan, and reports "exit N" / "signal N" on the status fd. When it exits, the
# kernel kills whatever is left in the namespace. Arguments:
#   STATUS_FD UID(-1: keep) CWD KEEP_DIR REBIND(0/1) TMPFS_OPTS [-d DIR]... [-r NAME VALUE]...
#   -- PROGRAM ARGS...   (the environment is passed through unchanged)
# It is C, compiled once into the cache dir, because a Python launcher costs 20-60 ms of
# interpreter start-up per step on a busy machine; the Python twin below is the fallback.
_LAUNCHER_C = r"""
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
"""
_LAUNCHER_PY = r"""
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
"""


@dataclass(frozen=True)
class ExecutionResult:
    """Outcome of one run of a program; `status` is one of STATUSES (see the module docstring)."""

    status: str
    exit_code: int | None  # None when we stopped it (timeout, output cap) or it never started
    stdout: str
    stderr: str  # the program's, or the compiler's for compile_error
    duration_s: float  # wall time of the run step (of the compile step if that failed)
    truncated: bool = False  # stdout or stderr hit the output cap
    compile_duration_s: float = 0.0  # javac / g++ wall time, 0 for interpreted languages
    detail: str = ""  # why it was killed, which signal, what was missing...

    @property
    def ok(self) -> bool:
        """True when the program ran to completion with exit code 0."""
        return self.status == "ok"

    def to_dict(self) -> dict:
        """Return the fields as a JSON-ready dict."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Limits:
    """Resource limits of one run; the compile step gets its own, more generous ones."""

    memory_mb: int = 512  # data segment (heap) per process; Java gets -Xmx of this much
    output_bytes: int = 1 << 20  # cap on captured stdout and on stderr, each
    file_size_mb: int = 16  # largest file a program may write
    compile_timeout_s: float = 60.0
    compile_memory_mb: int = 2048


@dataclass(frozen=True)
class _Raw:
    """What one sandboxed process did, before it is turned into a status."""

    exit_code: int | None
    signal: int | None
    stdout: bytes
    stderr: bytes
    duration_s: float
    timed_out: bool
    truncated: bool


# ----------------------------------------------------------------------------- capabilities


def _probe(cmd: list[str]) -> bool:
    """Return True when `cmd` runs and exits 0 within a few seconds."""
    try:
        done = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


@lru_cache(maxsize=1)
def _namespace_mode() -> tuple[tuple[str, ...], frozenset[str]]:
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
    namespaces = _namespace_mode()[1]
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


# ----------------------------------------------------------------------------- toolchains


def _which(name: str) -> str | None:
    """Return the absolute path of a tool on the sandbox PATH, or None."""
    return shutil.which(name, path=SANDBOX_PATH)


def _python3() -> str | None:
    """Return the system interpreter (never the project's venv), or None."""
    return "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else _which("python3")


def toolchains() -> dict[str, dict[str, str | None]]:
    """Return, per language, the path of each tool it needs (None when missing)."""
    return {
        "python": {"python3": _python3()},
        "javascript": {"node": _which("node")},
        "java": {"javac": _which("javac"), "java": _which("java")},
        "cpp": {"g++": _which("g++")},
    }


def cache_dir() -> Path:
    """Return the directory for the precompiled C++ header and the javac class-data archive."""
    if os.environ.get("MOE_EXEC_CACHE_DIR"):
        return Path(os.environ["MOE_EXEC_CACHE_DIR"])
    if os.geteuid() == 0:  # readable by the sandbox uids; /root is not
        return Path("/var/cache/moe-codegen-workbook/execution")
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "moe-codegen-workbook" / "execution"


def _readable_by_others(path: Path) -> bool:
    """True when every directory above `path` lets other users through (for the sandbox uid)."""
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents] if p.exists())


_CACHE_LOCK = threading.Lock()


def _build_once(target: Path, cmd: list[str], cwd: Path) -> bool:
    """Create `target` once, across threads and processes, by running cmd ({out} = temp path)."""
    if target.exists():
        return True
    with _CACHE_LOCK:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            for p in [target.parent, *target.parent.parents]:
                if not p.is_relative_to(cache_dir()):
                    break
                os.chmod(p, 0o755)  # the sandbox uid reads the cache
            if os.geteuid() == 0 and not _readable_by_others(target.parent):
                return False
            with open(cache_dir() / ".lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if target.exists():
                    return True
                tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                done = subprocess.run([a.replace("{out}", str(tmp)) for a in cmd], cwd=cwd,
                                      capture_output=True, timeout=300)
                if done.returncode != 0 or not tmp.exists():
                    tmp.unlink(missing_ok=True)
                    return False
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)
                return True
        except (OSError, ValueError, subprocess.SubprocessError):
            return False


def _tool_key(tool: str, *flags: str) -> str:
    """Return a short hash that changes when the tool binary or the flags change."""
    real = os.path.realpath(tool)
    stat = os.stat(real)
    text = "|".join([real, str(stat.st_size), str(stat.st_mtime_ns), *flags])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


@lru_cache(maxsize=4)
def _cpp_pch_dir(gpp: str) -> Path | None:
    """Return an include dir holding bits/stdc++.h.gch built with _CPP_FLAGS, building it once."""
    # GCC looks for <dir>/bits/stdc++.h.gch before the header itself in every include dir; the
    # PCH is only used by programs whose first line includes <bits/stdc++.h> (most of xlcost).
    wrapper = cache_dir() / "stdc++-wrapper.h"
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        if not wrapper.exists():
            wrapper.write_text("#include <bits/stdc++.h>\n")
        # GCC does not check that the headers behind a PCH are unchanged: key on all of them.
        deps = subprocess.run([gpp, *_CPP_FLAGS, "-M", "-x", "c++-header", str(wrapper)],
                              capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    if deps.returncode != 0:
        return None
    headers = [f"{h}:{os.stat(h).st_mtime_ns}" for h in deps.stdout.replace("\\\n", " ").split()
               if h.startswith("/") and os.path.exists(h)]
    include = cache_dir() / f"cpp-{_tool_key(gpp, *_CPP_FLAGS, *headers)}"
    cmd = [gpp, *_CPP_FLAGS, "-x", "c++-header", str(wrapper), "-o", "{out}"]
    return include if _build_once(include / "bits" / "stdc++.h.gch", cmd, cache_dir()) else None


@lru_cache(maxsize=4)
def _javac_archive(javac: str) -> Path | None:
    """Return a class-data-sharing archive of javac's own classes, building it once."""
    modules = Path(os.path.realpath(javac)).parent.parent / "lib" / "modules"  # the JDK's classes
    stamp = str(modules.stat().st_mtime_ns) if modules.exists() else ""
    target = cache_dir() / f"javac-{_tool_key(javac, *_JVM_FLAGS, stamp)}.jsa"
    if target.exists():
        return target
    work = Path(tempfile.mkdtemp(prefix="moe-jsa-"))
    try:
        (work / "Hello.java").write_text(
            "import java.util.*;\nclass Hello { public static void main(String[] a) {"
            " List<Integer> v = new ArrayList<>(); System.out.println(v); } }\n")
        cmd = [javac, *_javac_jvm_flags(), "-J-XX:ArchiveClassesAtExit={out}",
               "-d", str(work), str(work / "Hello.java")]
        return target if _build_once(target, cmd, work) else None
    finally:
        shutil.rmtree(work, ignore_errors=True)


@lru_cache(maxsize=1)
def _launcher_cmd() -> tuple[str, ...]:
    """Return the command that starts the launcher: the compiled one if a C compiler exists."""
    cc = _which("cc") or _which("gcc")
    if cc is not None and os.environ.get("MOE_EXEC_PY_LAUNCHER") != "1":
        key = hashlib.sha256((_LAUNCHER_C + _tool_key(cc)).encode()).hexdigest()[:12]
        source = cache_dir() / f"launcher-{key}.c"
        target = cache_dir() / f"launcher-{key}"
        try:
            if not target.exists():
                cache_dir().mkdir(parents=True, exist_ok=True)
                source.write_text(_LAUNCHER_C)
            if _build_once(target, [cc, "-O2", "-o", "{out}", str(source)], cache_dir()):
                os.chmod(target, 0o755)
                return (str(target),)
        except OSError:
            pass
    return (sys.executable, "-I", "-S", "-c", _LAUNCHER_PY)


def _javac_jvm_flags() -> list[str]:
    """Return the JVM flags of javac itself: fast start-up, few threads, no log noise."""
    return [f"-J{f}" for f in _JVM_FLAGS] + ["-J-Xmx512m", "-J-Xlog:disable"]


# ----------------------------------------------------------------------------- Java entry point

_JAVA_SKIP = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
_JAVA_TOKEN = re.compile(r"[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*|[{};(]")
_JAVA_TYPE_WORDS = ("class", "interface", "enum", "record")


def java_entry_point(source: str) -> tuple[str, str]:
    """Return (class to run, file name without .java) for a Java program such as xlcost's GFG."""
    tokens = _JAVA_TOKEN.findall(_JAVA_SKIP.sub(" ", source))
    package, classes, public, mains = "", [], None, []
    depth, modifiers, current = 0, [], None
    for i, tok in enumerate(tokens):
        if tok == "{":
            depth, modifiers = depth + 1, []
        elif tok == "}":
            depth, modifiers = max(depth - 1, 0), []
        elif tok == ";":
            modifiers = []
        elif depth == 0 and tok == "package" and i + 1 < len(tokens):
            package = re.sub(r"\s+", "", tokens[i + 1]) + "."
        elif depth == 0 and tok in _JAVA_TYPE_WORDS and i + 1 < len(tokens):
            current = tokens[i + 1]
            classes.append(current)
            if "public" in modifiers and public is None:
                public = current
        elif (depth == 1 and tok == "main" and current and i + 1 < len(tokens)
              and tokens[i + 1] == "(" and "static" in modifiers and "void" in modifiers):
            mains.append(current)
        else:
            modifiers.append(tok)
    if mains:
        main = "GFG" if "GFG" in mains else mains[0]
    else:  # no main found: let the JVM say what is wrong
        main = "GFG" if "GFG" in classes else (classes[0] if classes else "Main")
    return package + main, public or main


# ----------------------------------------------------------------------------- the sandbox


_UIDS_IN_USE: set[int] = set()
_UID_LOCK = threading.Lock()


def _take_uid() -> int:
    """Return an unused sandbox uid (root only): concurrent runs never share a process quota."""
    with _UID_LOCK:
        while True:
            uid = _UID_BASE + secrets.randbelow(_UID_SPAN)
            if uid not in _UIDS_IN_USE:
                _UIDS_IN_USE.add(uid)
                return uid


def _release_uid(uid: int | None) -> None:
    """Give a sandbox uid back to the pool."""
    if uid is not None:
        with _UID_LOCK:
            _UIDS_IN_USE.discard(uid)


def _kill_stragglers(uid: int | None, marker: str) -> int:
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


def _user_task_count() -> int:
    """Count the tasks (threads too) of our own uid, which RLIMIT_NPROC also counts."""
    uid, count = os.getuid(), 0
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else []:
        try:
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                count += len(os.listdir(f"/proc/{entry.name}/task"))
        except OSError:
            continue
    return count


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


def _private_dirs() -> list[str]:
    """Return the shared writable dirs that get a private tmpfs in the sandbox (if any)."""
    if "mount" not in _namespace_mode()[1]:
        return []
    return [d for d in _SHARED_WRITABLE_DIRS if os.path.isdir(d) and not os.path.islink(d)]


def _is_under(path: str | Path, dirs: list[str]) -> bool:
    """True when path lies inside one of dirs."""
    real = os.path.realpath(path)
    return any(real.startswith(os.path.realpath(d) + "/") for d in dirs)


class _Sandbox:
    """A temporary directory plus the uid shared by the compile step and the runs of one program."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="moe-exec-")).resolve()
        self.build = self.root / "build"  # source and compiled program
        self.work = self.root / "work"  # cwd, HOME and TMPDIR of each step, emptied between runs
        self.uid = _take_uid() if os.geteuid() == 0 else None
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
        return {"PATH": SANDBOX_PATH, "HOME": str(self.work), "TMPDIR": str(self.work),
                "LANG": "C.UTF-8", "MOE_SANDBOX": self.marker,
                "PYTHONHASHSEED": "0"}  # set iteration order repeats (python3 runs without -I)

    def execute(self, argv: list[str], timeout_s: float, memory_mb: int, nproc: int,
                output_bytes: int, file_size_mb: int, stdin: bytes | None = None,
                cwd: Path | None = None) -> _Raw:
        """Run argv in the sandbox; capture its output (capped) and how it ended."""
        prefix = _namespace_mode()[0]
        private = _private_dirs()
        root = str(self.root)
        rebind = _is_under(root, private)
        if self.uid is None:  # the limit then counts all our processes, not just this run's
            nproc += _user_task_count()
        rlimits = {"RLIMIT_DATA": memory_mb << 20, "RLIMIT_CPU": math.ceil(timeout_s) + 1,
                   "RLIMIT_NPROC": nproc, "RLIMIT_FSIZE": file_size_mb << 20, "RLIMIT_CORE": 0,
                   "RLIMIT_NOFILE": 1024, "RLIMIT_STACK": 8 << 20}
        status_r, status_w = os.pipe()
        launcher = [*prefix, *_launcher_cmd(), str(status_w),
                    str(-1 if self.uid is None else self.uid), str(cwd or self.work), root,
                    "1" if rebind else "0", "size=64m,mode=1777"]
        for d in private:
            launcher += ["-d", d]
        for name, value in rlimits.items():
            launcher += ["-r", name, str(value)]
        # Output goes to files, not pipes: a writer never blocks (node would buffer in memory
        # behind a full pipe), nothing needs draining, and RLIMIT_FSIZE bounds them on disk.
        streams = [self.root / "stdin", self.root / "stdout", self.root / "stderr"]
        streams[0].write_bytes(stdin or b"")
        start = time.monotonic()
        try:
            with open(streams[0], "rb") as fin, open(streams[1], "wb") as fout, \
                    open(streams[2], "wb") as ferr:
                proc = subprocess.Popen(
                    [*launcher, "--", *argv], stdin=fin, stdout=fout, stderr=ferr,
                    pass_fds=(status_w,), start_new_session=True, cwd=root, env=self.env())
        except BaseException:
            os.close(status_r)
            raise
        finally:
            os.close(status_w)
        try:
            timed_out, over_cap = _wait(proc, start + timeout_s, streams[1:], output_bytes)
            duration = time.monotonic() - start
        finally:
            _kill_group(proc.pid)  # stragglers and, after a timeout, the program itself
            proc.wait()
            # A PID namespace dies with its first process, but the kernel finishes that after
            # unshare has gone: wait for it, and catch what left our process group otherwise.
            _kill_stragglers(self.uid, self.marker)
            status = _read_status(status_r)
        out, out_cut = _read_capped(streams[1], output_bytes)
        err, err_cut = _read_capped(streams[2], output_bytes)
        truncated = over_cap or out_cut or err_cut
        if status.startswith("error"):
            raise RuntimeError(f"Sandbox setup failed ({status[6:]}); "
                               "see sandbox_capabilities() for what this machine allows.")
        word, _, number = status.partition(" ")
        code = int(number) if word == "exit" else None
        sig = int(number) if word == "signal" else None
        return _Raw(code, sig, out, err, duration, timed_out, truncated)

    def close(self) -> None:
        """Remove the sandbox directory and free the uid."""
        shutil.rmtree(self.root, ignore_errors=True)
        _release_uid(self.uid)


def _wait(proc: subprocess.Popen, deadline: float, outputs: list[Path],
          cap: int) -> tuple[bool, bool]:
    """Wait (not reaping) for exit, the deadline or output over `cap`: (timed_out, over_cap)."""
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
            if remaining <= 0:
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


# ----------------------------------------------------------------------------- languages


@dataclass(frozen=True)
class _Plan:
    """How to build and run one program: argv lists and the run's memory limit."""

    compile: list[str] | None
    run: list[str]
    memory_mb: int
    built: Path | None = None  # file the compile step must produce (Java: the main class)


def _missing_tool(language: str) -> str | None:
    """Return the name of a missing tool for the language, or None when all are there."""
    return next((name for name, path in toolchains()[language].items() if path is None), None)


def _prepare(language: str, source: str, box: _Sandbox, limits: Limits,
             precompiled: bool) -> _Plan:
    """Write the program into the sandbox and return how to build and run it."""
    mem, build = limits.memory_mb, box.build
    tools = toolchains()[language]
    # A cache under /tmp would be covered by the private tmpfs: the compilers could not see it.
    precompiled = precompiled and not _is_under(cache_dir(), _private_dirs())
    if language == "python":
        path = build / "main.py"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        return _Plan(None, [tools["python3"], "-s", "-B", str(path)], mem)
    if language == "javascript":
        path, prelude = build / "main.js", build / "prelude.js"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        prelude.write_text(_JS_PRELUDE)
        run = [tools["node"], f"--max-old-space-size={mem}", "--require", str(prelude), str(path)]
        return _Plan(None, run, mem + 256)  # V8 heap plus the runtime's own memory
    if language == "java":
        main, stem = java_entry_point(source)
        (build / "src").mkdir()
        (build / "classes").mkdir()
        path = build / "src" / f"{stem}.java"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        archive = _javac_archive(tools["javac"]) if precompiled else None
        cds = [f"-J-XX:SharedArchiveFile={archive}"] if archive else []
        compile_ = [tools["javac"], *_javac_jvm_flags(), *cds, "-encoding", "UTF-8",
                    "-proc:none", "-d", str(build / "classes"), str(path)]
        run = [tools["java"], f"-Xmx{mem}m", *_JVM_FLAGS, "-Xlog:disable",
               "-Xlog:all=warning:stderr", "-Dfile.encoding=UTF-8", "-cp", str(build / "classes"),
               main]
        built = build / "classes" / (main.replace(".", "/") + ".class")
        return _Plan(compile_, run, mem + 384, built)  # heap plus metaspace, code cache, threads
    path = build / "main.cpp"
    path.write_text(source, encoding="utf-8", errors="surrogatepass")
    pch = _cpp_pch_dir(tools["g++"]) if precompiled else None
    include = ["-I", str(pch)] if pch else []
    compile_ = [tools["g++"], *_CPP_FLAGS, *include, "-o", str(build / "prog"), str(path)]
    return _Plan(compile_, [str(build / "prog")], mem)


def _classify(raw: _Raw, limits: Limits, timeout_s: float,
              compile_s: float = 0.0) -> ExecutionResult:
    """Turn what a run did into an ExecutionResult with one of STATUSES."""
    stdout = raw.stdout.decode("utf-8", errors="replace")
    stderr = raw.stderr.decode("utf-8", errors="replace")
    out_of_memory = any(m in stderr for m in _OOM_MARKERS)
    too_large = "File too large" in stderr  # EFBIG: Python ignores SIGXFSZ and raises instead

    def result(status: str, code: int | None, detail: str = "") -> ExecutionResult:
        return ExecutionResult(status, code, stdout, stderr, round(raw.duration_s, 4),
                               raw.truncated, round(compile_s, 4), detail)

    if raw.truncated:
        return result("killed", None, f"output exceeded the cap of {limits.output_bytes} bytes")
    if raw.timed_out:
        return result("timeout", None, f"ran longer than the {timeout_s:g} s limit")
    if raw.signal is not None:
        name = signal.Signals(raw.signal).name if raw.signal in signal.valid_signals() else "?"
        if raw.signal == signal.SIGXCPU:
            return result("killed", -raw.signal, "CPU-time limit reached (SIGXCPU)")
        if raw.signal == signal.SIGXFSZ:
            return result("killed", -raw.signal,
                          f"file-size limit of {limits.file_size_mb} MiB reached (SIGXFSZ)")
        if out_of_memory:
            return result("killed", -raw.signal, f"memory limit of {limits.memory_mb} MiB reached")
        if raw.signal == signal.SIGKILL:
            return result("killed", -raw.signal, "killed by SIGKILL")
        return result("runtime_error", -raw.signal, f"killed by {name}")
    if raw.exit_code == 0:
        return result("ok", 0)
    if out_of_memory:
        return result("killed", raw.exit_code, f"memory limit of {limits.memory_mb} MiB reached")
    if too_large:
        return result("killed", raw.exit_code,
                      f"file-size limit of {limits.file_size_mb} MiB reached")
    return result("runtime_error", raw.exit_code)


def _unavailable(language: str, tool: str) -> ExecutionResult:
    """Return the result for a language whose toolchain is not installed."""
    package = DEBIAN_PACKAGES[language]
    message = (f"{tool} not found on PATH {SANDBOX_PATH}: install the Debian package {package} "
               f"(apt-get install {package})")
    return ExecutionResult("unavailable", None, "", message, 0.0, detail=message)


# ----------------------------------------------------------------------------- public API


def run_repeated(source: str, language: str, repeats: int = 2, timeout_s: float = 10.0,
                 stdin: str | None = None, *, limits: Limits | None = None,
                 precompiled: bool = True) -> list[ExecutionResult]:
    """Compile once, then run the program `repeats` times, each in a fresh working directory."""
    lang = get_language(language)
    if not timeout_s > 0 or repeats < 1:
        raise ValueError(f"Need timeout_s > 0 and repeats >= 1, got {timeout_s!r} and {repeats!r}.")
    limits = limits or Limits()
    tool = _missing_tool(lang.key)
    if tool is not None:
        return [_unavailable(lang.key, tool)] * repeats
    box = _Sandbox()
    try:
        plan = _prepare(lang.key, source, box, limits, precompiled)
        compile_s = 0.0
        if plan.compile is not None:
            box.open_build()
            box.fresh_workdir()
            raw = box.execute(plan.compile, limits.compile_timeout_s, limits.compile_memory_mb,
                              _COMPILE_NPROC, limits.output_bytes, 256, cwd=box.build)
            compile_s = raw.duration_s
            failed = _compile_failure(raw, plan, limits)
            if failed is not None:
                return [failed] * repeats
            box.seal_build()
        data = None if stdin is None else stdin.encode("utf-8", errors="surrogatepass")
        results = []
        for _ in range(repeats):
            box.fresh_workdir()
            raw = box.execute(plan.run, timeout_s, plan.memory_mb, _NPROC[lang.key],
                              limits.output_bytes, limits.file_size_mb, stdin=data)
            results.append(_classify(raw, limits, timeout_s, compile_s))
        return results
    finally:
        box.close()


def _compile_failure(raw: _Raw, plan: _Plan, limits: Limits) -> ExecutionResult | None:
    """Return the result of a failed compile step, or None when it succeeded."""
    stdout = raw.stdout.decode("utf-8", errors="replace")
    stderr = raw.stderr.decode("utf-8", errors="replace")
    code = raw.exit_code if raw.signal is None else -raw.signal
    if raw.timed_out:
        return ExecutionResult("timeout", None, stdout, stderr, round(raw.duration_s, 4),
                               raw.truncated, round(raw.duration_s, 4),
                               f"compilation ran longer than {limits.compile_timeout_s:g} s")
    if code == 0 and not raw.truncated:
        if plan.built is None or plan.built.exists():
            return None
        stderr += (f"error: no class {plan.run[-1]} with `public static void main(String[] args)`"
                   " to run\n")
    return ExecutionResult("compile_error", code, stdout, stderr, round(raw.duration_s, 4),
                           raw.truncated, round(raw.duration_s, 4), "compilation failed")


def run_program(source: str, language: str, timeout_s: float = 10.0, stdin: str | None = None,
                *, limits: Limits | None = None, precompiled: bool = True) -> ExecutionResult:
    """Compile (Java, C++) and run a program in the sandbox; never raises for a bad program."""
    return run_repeated(source, language, 1, timeout_s, stdin, limits=limits,
                        precompiled=precompiled)[0]


def _warm_caches(languages: set[str]) -> None:
    """Build the precompiled header / javac archive before many threads want them."""
    tools = toolchains()
    if "cpp" in languages and tools["cpp"]["g++"]:
        _cpp_pch_dir(tools["cpp"]["g++"])
    if "java" in languages and tools["java"]["javac"]:
        _javac_archive(tools["java"]["javac"])


def run_many_repeated(jobs: Sequence[tuple[str, str]], repeats: int = 2, timeout_s: float = 10.0,
                      stdin: str | None = None, *, workers: int | None = None,
                      limits: Limits | None = None,
                      precompiled: bool = True) -> list[list[ExecutionResult]]:
    """Run (source, language) jobs in parallel, each compiled once and run `repeats` times."""
    keys = [get_language(language).key for _, language in jobs]  # fail fast on a bad name
    if precompiled:
        _warm_caches(set(keys))
    workers = workers or len(os.sched_getaffinity(0))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run_repeated, source, key, repeats, timeout_s, stdin,
                               limits=limits, precompiled=precompiled)
                   for (source, _), key in zip(jobs, keys, strict=True)]
        return [f.result() for f in futures]


def run_many(jobs: Sequence[tuple[str, str]], timeout_s: float = 10.0, stdin: str | None = None,
             *, workers: int | None = None, limits: Limits | None = None,
             precompiled: bool = True) -> list[ExecutionResult]:
    """Run (source, language) jobs in a thread pool; results come back in input order."""
    runs = run_many_repeated(jobs, 1, timeout_s, stdin, workers=workers, limits=limits,
                             precompiled=precompiled)
    return [r[0] for r in runs]


# ----------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    """Command line: `run` one program and print its result as JSON, or `check` the sandbox."""
    parser = argparse.ArgumentParser(prog="python -m helpers.execution", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run one program, print its ExecutionResult as JSON")
    run.add_argument("file", type=Path)
    run.add_argument("--lang", required=True, help="python, java, javascript or cpp")
    run.add_argument("--timeout", type=float, default=10.0, help="seconds (default 10)")
    run.add_argument("--stdin", type=Path, help="file to feed to the program's standard input")
    sub.add_parser("check", help="show which toolchains and protections are available")
    args = parser.parse_args(argv)
    if args.command == "check":
        launcher = "compiled C" if len(_launcher_cmd()) == 1 else "python (no C compiler)"
        report = {"toolchains": toolchains(), "protections": sandbox_capabilities(),
                  "launcher": launcher, "cache_dir": str(cache_dir())}
        print(json.dumps(report, indent=2))
        return 0
    try:
        get_language(args.lang)
    except ValueError as e:
        parser.error(str(e))
    try:
        source = args.file.read_text(encoding="utf-8")
        stdin = args.stdin.read_text(encoding="utf-8") if args.stdin else None
    except (OSError, UnicodeDecodeError) as e:
        parser.error(f"cannot read the program or its input: {e}")
    result = run_program(source, args.lang, args.timeout, stdin)
    print(json.dumps(result.to_dict(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
