"""Run untrusted generated programs (Python, JavaScript, Java, C++) in a sandbox.

`run_program` compiles (javac, g++) and runs one program; `run_repeated` compiles once and runs
it N times (for the determinism check); `run_many` / `run_many_repeated` do many jobs on a thread
pool, results in input order (Ctrl-C cancels the queued jobs, kills the running ones and
re-raises). None of them raises for a bad program, only ValueError for an unknown language or a
timeout_s that is not a finite number > 0. `sandbox_capabilities()` says which protections are
in force on this machine; `python -m helpers.sandbox check` (or `helpers.execution check`) prints
them, `... run --lang L FILE` runs one file.

Statuses of an `ExecutionResult`:
- "ok": the program exited with code 0 within the time limit.
- "compile_error": javac or g++ rejected the program (or Java has no class with a main to run).
- "runtime_error": non-zero exit code, an uncaught exception or a crash signal (SIGSEGV, SIGABRT).
- "timeout": the wall-clock limit ran out; `exit_code` is None. Compiling has its own deadline,
  timeout_s + 2 s (javac's start-up), never more than `Limits.compile_timeout_s`.
- "killed": ended by a resource limit: output over the cap (`truncated` is True; the program is
  stopped within ~20 ms of passing it), the memory limit (the run's cgroup killed a process,
  or the runtime's out-of-memory message), the file-size limit, the CPU-time limit (SIGXCPU) or
  a SIGKILL.
- "unavailable": the toolchain is not installed; `stderr` names the Debian package to install.
`detail` says in words why a program was killed or which signal ended it.

Each run gets a fresh temporary directory (removed afterwards, also after a timeout or when our
process is killed: the launcher's guard dies with it and cleans up), an empty working directory
that is also its HOME and TMPDIR (a tmpfs of `Limits.work_folder_mb` and `work_folder_files`), a
minimal environment, rlimits (data segment, CPU time, file size, process count, no core dumps;
address space when there is no cgroup), where the machine allows it a cgroup with one memory and
process budget for the whole run, its own uid (as root) and network, mount, PID, IPC and UTS
namespaces, a read-only file system with /run and the homes hidden: see
README "What the sandbox enforces" and `sandbox_capabilities()`.

Python runs on the system interpreter (/usr/bin/python3 -s -B, standard library only, isolated from
the project's venv; the environment is ours alone, so PYTHONHASHSEED=0 makes the printing of sets
and dicts of strings repeat from run to run, as it does in Java, C++ and JavaScript). JavaScript
runs under node with a prelude loaded by `node --require`, so error line numbers are the program's
own; it defines `document.write`/`writeln` printing to stdout, with `<br>` turned into a newline,
as xlcost's browser-style programs expect. Java: the file is named after the public class if there
is one, and the class that declares `main` is run (xlcost's `class GFG`, even after helper
classes). C++ is compiled with g++ -std=c++17 -O0 (fastest to compile), with a precompiled
<bits/stdc++.h> kept in `cache_dir()`; javac starts from a class-data-sharing archive there.

Modules: `tools` (toolchains, build cache, Java entry point), `isolation` (uids, namespaces,
hidden dirs, capabilities), `cgroups` (per-run cgroups), `launch` (one sandboxed step via
launcher.c, or its twin launcher_twin.py), `languages` (build and run command lines), `results`
(ExecutionResult, Limits, statuses), `run` (the entry points), `cli` (`python -m helpers.sandbox`).
"""

from helpers.sandbox.isolation import sandbox_capabilities
from helpers.sandbox.results import STATUSES, ExecutionResult, Limits
from helpers.sandbox.run import run_many, run_many_repeated, run_program, run_repeated
from helpers.sandbox.tools import DEBIAN_PACKAGES, SANDBOX_PATH, cache_dir, java_entry_point, toolchains

__all__ = [
    "DEBIAN_PACKAGES",
    "SANDBOX_PATH",
    "STATUSES",
    "ExecutionResult",
    "Limits",
    "cache_dir",
    "java_entry_point",
    "run_many",
    "run_many_repeated",
    "run_program",
    "run_repeated",
    "sandbox_capabilities",
    "toolchains",
]
