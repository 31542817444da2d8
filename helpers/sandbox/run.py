"""The sandbox's public entry points: run one program, run it repeatedly, run many in parallel."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from helpers.config import get_language
from helpers.sandbox import languages, results, tools
from helpers.sandbox.launch import Sandbox
from helpers.sandbox.results import ExecutionResult, Limits


def run_repeated(source: str, language: str, repeats: int = 2, timeout_s: float = 10.0,
                 stdin: str | None = None, *, limits: Limits | None = None,
                 precompiled: bool = True) -> list[ExecutionResult]:
    """Compile once, then run the program `repeats` times, each in a fresh working directory."""
    lang = get_language(language)
    if not timeout_s > 0 or repeats < 1:
        raise ValueError(f"Need timeout_s > 0 and repeats >= 1, got {timeout_s!r} and {repeats!r}.")
    limits = limits or Limits()
    tool = tools.missing_tool(lang.key)
    if tool is not None:
        return [results.unavailable(lang.key, tool)] * repeats
    box = Sandbox()
    try:
        plan = languages.prepare(lang.key, source, box, limits, precompiled)
        compile_s = 0.0
        if plan.compile is not None:
            box.open_build()
            box.fresh_workdir()
            raw = box.execute(plan.compile, limits.compile_timeout_s, limits.compile_memory_mb,
                              languages.COMPILE_NPROC, limits, 256, cwd=box.build)
            compile_s = raw.duration_s
            built_ok = plan.built is None or plan.built.exists()
            failed = results.compile_failure(raw, built_ok, plan.run[-1], limits)
            if failed is not None:
                return [failed] * repeats
            box.seal_build()
        data = None if stdin is None else stdin.encode("utf-8", errors="surrogatepass")
        outcomes = []
        for _ in range(repeats):
            box.fresh_workdir()
            raw = box.execute(plan.run, timeout_s, plan.memory_mb, languages.NPROC[lang.key],
                              limits, limits.file_size_mb, stdin=data)
            outcomes.append(results.classify(raw, limits, timeout_s, compile_s))
        return outcomes
    finally:
        box.close()


def run_program(source: str, language: str, timeout_s: float = 10.0, stdin: str | None = None,
                *, limits: Limits | None = None, precompiled: bool = True) -> ExecutionResult:
    """Compile (Java, C++) and run a program in the sandbox; never raises for a bad program."""
    return run_repeated(source, language, 1, timeout_s, stdin, limits=limits,
                        precompiled=precompiled)[0]


def run_many_repeated(jobs: Sequence[tuple[str, str]], repeats: int = 2, timeout_s: float = 10.0,
                      stdin: str | None = None, *, workers: int | None = None,
                      limits: Limits | None = None,
                      precompiled: bool = True) -> list[list[ExecutionResult]]:
    """Run (source, language) jobs in parallel, each compiled once and run `repeats` times."""
    keys = [get_language(language).key for _, language in jobs]  # fail fast on a bad name
    if precompiled:
        tools.warm_caches(set(keys))
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
