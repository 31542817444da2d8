"""Benchmark: CodeBLEU over every published sample (800 base, 800 fine-tuned, 399 MoE protocol).

Scores them serially (one worker process) and in parallel (one per core), checks that the two
give identical per-sample rows, and prints samples/s for each. The bar: the parallel run takes
under 60 s on 2 cores. Run by hand (`python benchmarks/bench_codebleu.py`), never by the tests.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

from helpers import paper
from helpers.config import LANGUAGES
from helpers.evaluate import score_codebleu

BAR_SECONDS = 60.0


def _batches(artifacts: dict) -> dict[str, tuple[list[str], list[str]]]:
    """Pool every system's samples per language (per-sample scores do not depend on batching)."""
    batches = {}
    for language in LANGUAGES:
        sets = [by_language[language] for by_language in artifacts.values() if language in by_language]
        batches[language] = (
            [p for s in sets for p in s.predictions],
            [r for s in sets for r in s.references],
        )
    return batches


def _cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children (the worker processes)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )


def _run(batches: dict, workers: int) -> tuple[float, float, dict]:
    """Score every batch with the given number of workers; return wall s, CPU s and results."""
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    results = {
        # the published texts as the paper scored them (see paper.score_artifacts)
        language: score_codebleu(predictions, references, language, workers=workers, as_given=True)
        for language, (predictions, references) in batches.items()
    }
    return time.perf_counter() - start, _cpu_seconds() - cpu_start, results


def main(argv: list[str] | None = None) -> int:
    """Time serial and parallel scoring and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--artifacts", default=None, help="artifacts folder (default: the shared copy, else upstream)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for the parallel run (default: all cores)",
    )
    args = parser.parse_args(argv)

    batches = _batches(paper.load_artifacts(args.artifacts))
    n = sum(len(predictions) for predictions, _ in batches.values())
    load_before = os.getloadavg()
    serial_s, serial_cpu, serial = _run(batches, workers=1)
    parallel_s, parallel_cpu, parallel = _run(batches, workers=args.workers)
    load_after = os.getloadavg()
    identical = all(serial[lang].samples == parallel[lang].samples for lang in batches)

    print(f"samples:  {n} ({', '.join(f'{k} {len(v[0])}' for k, v in batches.items())})")
    print(f"serial:   {serial_s:6.1f} s  {n / serial_s:6.1f} samples/s  (1 worker; {serial_cpu:.1f} CPU s)")
    print(
        f"parallel: {parallel_s:6.1f} s  {n / parallel_s:6.1f} samples/s  "
        f"({args.workers} workers, {os.cpu_count()} cores; {parallel_cpu:.1f} CPU s)"
    )
    print(
        f"speed-up: {serial_s / parallel_s:.2f}x (wall clock; other load on the cores shows "
        "in the wall times, not in the CPU seconds)"
    )
    print(f"identical per-sample rows, serial vs parallel: {identical}")
    print(
        "load average (1, 5, 15 min): before "
        f"{' '.join(f'{x:.2f}' for x in load_before)}, after "
        f"{' '.join(f'{x:.2f}' for x in load_after)}"
    )
    verdict = "met" if parallel_s < BAR_SECONDS else "MISSED"
    print(f"bar: parallel under {BAR_SECONDS:.0f} s: {verdict}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
