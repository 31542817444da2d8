"""Time to check every HumanEval-X canonical solution in the sandbox, and the pass rate per language.

    python benchmarks/bench_humaneval.py [--data ../shared/humaneval-x] [--budget 180] [--workers N]

Runs the 4 x 164 canonical solutions through the nonce harness (helpers.humaneval.run_checked), one
language after the other, each language's programs in parallel on all cores. Prints per language the
wall time, the CPU time the sandboxed compilers and programs used, the mean compile and run time
per program and the pass rate, then the total. The machine is shared, so the wall time depends on
the load; CPU seconds / cores is what the wall time would be on idle cores. Fails when the total
wall time exceeds the budget (3 minutes by default) or a language passes under 97%.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

from helpers import humaneval

LANGUAGES = ("python", "javascript", "java", "cpp")


def _children_cpu() -> float:
    """CPU seconds (user + system) of finished child processes, the sandboxed runs among them."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Check all canonical solutions and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=humaneval.SHARED_DIR)
    parser.add_argument("--budget", type=float, default=180.0, help="seconds for all 656 programs")
    parser.add_argument("--min-pass", type=float, default=0.97, help="pass rate per language")
    parser.add_argument("--workers", type=int, default=None, help="parallel runs (default: cores)")
    args = parser.parse_args(argv)

    cores = len(os.sched_getaffinity(0))
    print(
        f"{'language':>10} {'programs':>8} {'passed':>7} {'rate':>7} {'wall s':>7} {'CPU s':>6} "
        f"{'compile s':>9} {'run s':>6}  failures"
    )
    total, total_cpu, low = 0.0, 0.0, []
    for language in LANGUAGES:
        problems = humaneval.load_humaneval_x(language, "local", args.data)
        start, cpu_start = time.monotonic(), _children_cpu()
        rows = humaneval.run_checked(
            problems, [p["canonical_solution"] for p in problems], workers=args.workers
        )
        wall, cpu = time.monotonic() - start, _children_cpu() - cpu_start
        total, total_cpu = total + wall, total_cpu + cpu
        passed = sum(r["verdict"] == "passed" for r in rows)
        rate = passed / len(rows)
        compile_s = sum(r["compile_duration_s"] for r in rows) / len(rows)
        run_s = sum(r["duration_s"] for r in rows) / len(rows)
        failures = ", ".join(f"{r['task_id']} ({r['verdict']})" for r in rows if r["verdict"] != "passed")
        print(
            f"{language:>10} {len(rows):8d} {passed:7d} {rate:7.1%} {wall:7.1f} {cpu:6.1f} "
            f"{compile_s:9.3f} "
            f"{run_s:6.3f}  {failures or '-'}",
            flush=True,
        )
        if rate < args.min_pass:
            low.append(language)
    print(
        f"all {len(LANGUAGES) * 164} programs: {total:.1f} s wall (budget {args.budget:.0f} s), "
        f"{total_cpu:.1f} CPU s = {total_cpu / cores:.1f} s on {cores} idle cores; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    if total > args.budget or low:
        print(
            f"FAIL: {total:.1f} s > {args.budget:.0f} s"
            if total > args.budget
            else f"FAIL: pass rate under {args.min_pass:.0%} in {', '.join(low)}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
