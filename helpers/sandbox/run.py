"""The sandbox's public entry points: run one program, run it repeatedly, run many in parallel."""

from __future__ import annotations

import math
import numbers
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from helpers.config import get_language
from helpers.sandbox import languages, results, tools
from helpers.sandbox.launch import Sandbox
from helpers.sandbox.results import ExecutionResult, Limits

# Compiling gets its own deadline: the run's timeout_s plus this much for javac's JVM start-up,
# and never more than Limits.compile_timeout_s (so a constexpr bomb ends with the run's budget).
COMPILE_EXTRA_S = 2.0


class _Cancelled(Exception):
    """Raised inside a worker of run_many_repeated once the batch has been cancelled."""


def check_timeout(timeout_s: float) -> float:
    """Return timeout_s as a float, or raise ValueError unless it is a finite number > 0."""
    number = isinstance(timeout_s, numbers.Real) and not isinstance(timeout_s, bool)
    if not (number and math.isfinite(timeout_s) and timeout_s > 0):
        raise ValueError(f"timeout_s must be a finite number of seconds > 0, got {timeout_s!r}.")
    return float(timeout_s)


def compile_timeout(timeout_s: float, limits: Limits) -> float:
    """Return the compile step's deadline in seconds for a run with this timeout_s."""
    return min(limits.compile_timeout_s, timeout_s + COMPILE_EXTRA_S)


def run_repeated(
    source: str,
    language: str,
    repeats: int = 2,
    timeout_s: float = 10.0,
    stdin: str | None = None,
    *,
    limits: Limits | None = None,
    precompiled: bool = True,
) -> list[ExecutionResult]:
    """Compile once, then run the program `repeats` times, each in a fresh working directory."""
    return _run_repeated(source, language, repeats, timeout_s, stdin, limits, precompiled, None)


def _run_repeated(
    source: str,
    language: str,
    repeats: int,
    timeout_s: float,
    stdin: str | None,
    limits: Limits | None,
    precompiled: bool,
    cancel: threading.Event | None,
) -> list[ExecutionResult]:
    """run_repeated, stopping early (raising _Cancelled) once `cancel` is set."""
    lang = get_language(language)
    timeout_s = check_timeout(timeout_s)
    if not isinstance(repeats, int) or repeats < 1:
        raise ValueError(f"repeats must be a whole number >= 1, got {repeats!r}.")
    limits = limits or Limits()
    tool = tools.missing_tool(lang.name)
    if tool is not None:
        return [results.unavailable(lang.name, tool)] * repeats
    box = Sandbox()
    try:
        plan = languages.prepare(lang.name, source, box, limits, precompiled)
        compile_s = 0.0
        if plan.compile is not None:
            box.open_build()
            box.fresh_workdir()
            raw = box.execute(
                plan.compile,
                compile_timeout(timeout_s, limits),
                limits.compile_memory_mb,
                languages.COMPILE_NPROC,
                limits,
                256,
                cwd=box.build,
                cancel=cancel,
            )
            compile_s = raw.duration_s
            built_ok = plan.built is None or plan.built.exists()
            if cancel is not None and cancel.is_set():
                raise _Cancelled
            failed = results.compile_failure(raw, built_ok, plan.run[-1], compile_timeout(timeout_s, limits))
            if failed is not None:
                return [failed] * repeats
            box.seal_build()
        data = None if stdin is None else stdin.encode("utf-8", errors="surrogatepass")
        outcomes = []
        for _ in range(repeats):
            box.fresh_workdir()
            raw = box.execute(
                plan.run,
                timeout_s,
                plan.memory_mb,
                languages.NPROC[lang.name],
                limits,
                limits.file_size_mb,
                stdin=data,
                address_mb=plan.address_mb,
                cancel=cancel,
            )
            if cancel is not None and cancel.is_set():
                raise _Cancelled
            outcomes.append(results.classify(raw, limits, timeout_s, compile_s))
        return outcomes
    finally:
        box.close()


def run_program(
    source: str,
    language: str,
    timeout_s: float = 10.0,
    stdin: str | None = None,
    *,
    limits: Limits | None = None,
    precompiled: bool = True,
) -> ExecutionResult:
    """Compile (Java, C++) and run a program in the sandbox; never raises for a bad program."""
    return run_repeated(source, language, 1, timeout_s, stdin, limits=limits, precompiled=precompiled)[0]


def run_many_repeated(
    jobs: Sequence[tuple[str, str]],
    repeats: int = 2,
    timeout_s: float = 10.0,
    stdin: str | None = None,
    *,
    workers: int | None = None,
    limits: Limits | None = None,
    precompiled: bool = True,
) -> list[list[ExecutionResult]]:
    """Run (source, language) jobs in parallel, each compiled once and run `repeats` times."""
    keys = [get_language(language).name for _, language in jobs]  # fail fast on a bad name
    check_timeout(timeout_s)
    if precompiled:
        tools.warm_caches(set(keys))
    workers = workers or len(os.sched_getaffinity(0))
    cancel = threading.Event()
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [
            pool.submit(_run_repeated, source, key, repeats, timeout_s, stdin, limits, precompiled, cancel)
            for (source, _), key in zip(jobs, keys, strict=True)
        ]
        return [f.result() for f in futures]
    except BaseException:
        # Ctrl-C (or any error): drop queued jobs, kill the running ones, then re-raise.
        cancel.set()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)


def run_many(
    jobs: Sequence[tuple[str, str]],
    timeout_s: float = 10.0,
    stdin: str | None = None,
    *,
    workers: int | None = None,
    limits: Limits | None = None,
    precompiled: bool = True,
) -> list[ExecutionResult]:
    """Run (source, language) jobs in a thread pool; results come back in input order."""
    runs = run_many_repeated(
        jobs, 1, timeout_s, stdin, workers=workers, limits=limits, precompiled=precompiled
    )
    return [r[0] for r in runs]
