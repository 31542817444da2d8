"""What a sandboxed run returns: ExecutionResult, its STATUSES, the Limits it ran under, and how
the raw outcome of a process becomes a status."""

from __future__ import annotations

import dataclasses
import signal
from dataclasses import dataclass

from helpers.sandbox.tools import DEBIAN_PACKAGES, SANDBOX_PATH

STATUSES = ("ok", "compile_error", "runtime_error", "timeout", "killed", "unavailable")

_OOM_MARKERS = (
    "MemoryError",
    "std::bad_alloc",
    "java.lang.OutOfMemoryError",
    "JavaScript heap out of memory",
    "Array buffer allocation failed",
    "Cannot allocate memory",
    "Fatal process out of memory",
    "insufficient memory for the Java Runtime Environment",
)


@dataclass(frozen=True)
class ExecutionResult:
    """Outcome of one run of a program; `status` is one of STATUSES (see helpers.sandbox)."""

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
    compile_timeout_s: float = 60.0  # upper bound; compiling also gets at most timeout_s + 2 s
    compile_memory_mb: int = 2048
    work_folder_mb: int = 64  # size of the work folder (a tmpfs), HOME and TMPDIR of the program
    work_folder_files: int = 4096  # inodes of the work folder


@dataclass(frozen=True)
class Raw:
    """What one sandboxed process did, before it is turned into a status."""

    exit_code: int | None
    signal: int | None
    stdout: bytes
    stderr: bytes
    duration_s: float
    timed_out: bool
    truncated: bool
    oom_killed: bool = False  # the run's cgroup went over its memory limit


def classify(raw: Raw, limits: Limits, timeout_s: float, compile_s: float = 0.0) -> ExecutionResult:
    """Turn what a run did into an ExecutionResult with one of STATUSES."""
    stdout = raw.stdout.decode("utf-8", errors="replace")
    stderr = raw.stderr.decode("utf-8", errors="replace")
    out_of_memory = any(m in stderr for m in _OOM_MARKERS)
    too_large = "File too large" in stderr  # EFBIG: Python ignores SIGXFSZ and raises instead

    def result(status: str, code: int | None, detail: str = "") -> ExecutionResult:
        return ExecutionResult(
            status, code, stdout, stderr, round(raw.duration_s, 4), raw.truncated, round(compile_s, 4), detail
        )

    if raw.truncated:
        return result("killed", None, f"output exceeded the cap of {limits.output_bytes} bytes")
    if raw.timed_out:
        return result("timeout", None, f"ran longer than the {timeout_s:g} s limit")
    if raw.oom_killed:  # even when only a child was killed and the program carried on
        code = -raw.signal if raw.signal is not None else raw.exit_code
        return result(
            "killed",
            code,
            f"memory limit of {limits.memory_mb} MiB reached (the run's cgroup: all its processes together)",
        )
    if raw.signal is not None:
        name = signal.Signals(raw.signal).name if raw.signal in signal.valid_signals() else "?"
        if raw.signal == signal.SIGXCPU:
            return result("killed", -raw.signal, "CPU-time limit reached (SIGXCPU)")
        if raw.signal == signal.SIGXFSZ:
            return result(
                "killed", -raw.signal, f"file-size limit of {limits.file_size_mb} MiB reached (SIGXFSZ)"
            )
        if out_of_memory:
            return result("killed", -raw.signal, f"memory limit of {limits.memory_mb} MiB reached")
        if raw.signal == signal.SIGKILL:
            return result("killed", -raw.signal, "killed by SIGKILL")
        if raw.signal == signal.SIGBUS:  # on x86 this means a mapped file found its tmpfs full
            return result(
                "killed",
                -raw.signal,
                "shared-memory limit reached: a mapped file in "
                "/dev/shm, /tmp or the work folder is over its tmpfs size (SIGBUS)",
            )
        return result("runtime_error", -raw.signal, f"killed by {name}")
    if raw.exit_code == 0:
        return result("ok", 0)
    if out_of_memory:
        return result("killed", raw.exit_code, f"memory limit of {limits.memory_mb} MiB reached")
    if too_large:
        return result("killed", raw.exit_code, f"file-size limit of {limits.file_size_mb} MiB reached")
    return result("runtime_error", raw.exit_code)


def compile_failure(raw: Raw, built_ok: bool, main_class: str, timeout_s: float) -> ExecutionResult | None:
    """Return the result of a failed compile step, or None when it succeeded."""
    stdout = raw.stdout.decode("utf-8", errors="replace")
    stderr = raw.stderr.decode("utf-8", errors="replace")
    code = raw.exit_code if raw.signal is None else -raw.signal
    if raw.timed_out:
        return ExecutionResult(
            "timeout",
            None,
            stdout,
            stderr,
            round(raw.duration_s, 4),
            raw.truncated,
            round(raw.duration_s, 4),
            f"compilation ran longer than {timeout_s:g} s",
        )
    if code == 0 and not raw.truncated:
        if built_ok:
            return None
        stderr += f"error: no class {main_class} with `public static void main(String[] args)` to run\n"
    return ExecutionResult(
        "compile_error",
        code,
        stdout,
        stderr,
        round(raw.duration_s, 4),
        raw.truncated,
        round(raw.duration_s, 4),
        "compilation failed",
    )


def unavailable(language: str, tool: str) -> ExecutionResult:
    """Return the result for a language whose toolchain is not installed."""
    package = DEBIAN_PACKAGES[language]
    message = (
        f"{tool} not found on PATH {SANDBOX_PATH}: install the Debian package {package} "
        f"(apt-get install {package})"
    )
    return ExecutionResult("unavailable", None, "", message, 0.0, detail=message)
