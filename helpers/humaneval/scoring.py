"""Running HumanEval-X programs in the sandbox, the pass decision, and pass@k.

A sample passes only when its program exited with status 0, the last line of its stdout is this
run's nonce (written by the harness after the tests, see programs.py) and, for JavaScript, nothing
on stderr says "Assertion failed". Verdicts:
- "passed";
- "failed": an assertion or another error ended the program (non-zero exit, a crash signal), or it
  printed after the nonce, or (JavaScript) an assertion failure was reported;
- "early_exit": exit status 0, but the tests never reached their end (`exit(0)`, `System.exit(0)`,
  `process.exit(0)`, `sys.exit(0)`, `os._exit(0)`, a closed stdout, success-looking output...);
- "timeout", "compile_error", "killed", "unavailable": as the sandbox reports them.
"""

from __future__ import annotations

import math
import secrets
from collections import Counter
from collections.abc import Sequence

from helpers.config import get_language
from helpers.humaneval.programs import JS_ASSERT_FAILED, checked_program, sentinel_line

VERDICTS = ("passed", "failed", "early_exit", "timeout", "compile_error", "killed", "unavailable")
DEFAULT_TIMEOUT_S = 10.0  # per program run; compilation has the sandbox's own limit
_TAIL = 400  # characters of stderr kept per sample in the results


def pass_at_k(n: int, c: int, k: int) -> float:
    """Chen et al.'s unbiased pass@k, 1 - C(n-c, k) / C(n, k), as a stable running product."""
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (n, c, k)):
        raise ValueError(f"n, c and k must be integers, got {n!r}, {c!r}, {k!r}.")
    if not (n >= 1 and 0 <= c <= n and 1 <= k <= n):
        raise ValueError(f"pass@k needs n >= 1, 0 <= c <= n and 1 <= k <= n; got n={n}, c={c}, k={k}.")
    if n - c < k:
        return 1.0
    return 1.0 - math.prod(1.0 - k / i for i in range(n - c + 1, n + 1))


def new_nonce() -> str:
    """A fresh random nonce for one evaluation run."""
    return secrets.token_hex(16)


def verdict(result, nonce: str, language: str) -> tuple[str, str]:
    """(verdict, why) for one sandbox result of a checked program."""
    language = get_language(language).name
    if result.status != "ok":
        if result.status == "runtime_error":
            return "failed", result.detail or f"exit status {result.exit_code}"
        return result.status, result.detail
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    marker = sentinel_line(nonce)
    if not lines or lines[-1].strip() != marker:
        if any(ln.strip() == marker for ln in lines):
            return "failed", "printed output after the tests had finished"
        return "early_exit", "exit status 0, but the tests did not run to their end"
    if language == "javascript" and JS_ASSERT_FAILED in result.stderr:
        return "failed", "console.assert reported a failure"
    return "passed", ""


def run_checked(
    problems: Sequence[dict],
    completions: Sequence[str],
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    workers: int | None = None,
    nonce: str | None = None,
) -> list[dict]:
    """Run each (problem, completion) pair in the sandbox; one result dict per pair, in order."""
    from helpers.execution import run_many

    if len(problems) != len(completions):
        raise ValueError(f"got {len(problems)} problems but {len(completions)} completions.")
    nonce = nonce or new_nonce()
    jobs = [(checked_program(p, c, nonce), p["language"]) for p, c in zip(problems, completions, strict=True)]
    results = run_many(jobs, timeout_s=timeout_s, workers=workers)
    rows = []
    for problem, completion, result in zip(problems, completions, results, strict=True):
        status, why = verdict(result, nonce, problem["language"])
        rows.append(
            {
                "task_id": problem["task_id"],
                "completion": completion,
                "verdict": status,
                "why": why,
                "sandbox_status": result.status,
                "exit_code": result.exit_code,
                "duration_s": result.duration_s,
                "compile_duration_s": result.compile_duration_s,
                "stderr_tail": result.stderr[-_TAIL:],
            }
        )
    return rows


def evaluate_samples(
    problems: Sequence[dict],
    samples: Sequence[dict],
    *,
    ks: Sequence[int] = (1, 10),
    timeout_s: float = DEFAULT_TIMEOUT_S,
    workers: int | None = None,
) -> tuple[dict, list[dict]]:
    """Evaluate {"task_id", "completion"} samples: (summary with pass@k, one row per problem)."""
    by_id = {p["task_id"]: p for p in problems}
    unknown = [s["task_id"] for s in samples if s["task_id"] not in by_id]
    if unknown:
        raise ValueError(f"unknown task_id {unknown[0]!r}; expected ids such as {next(iter(by_id), '?')!r}.")
    runs = run_checked(
        [by_id[s["task_id"]] for s in samples],
        [s["completion"] for s in samples],
        timeout_s=timeout_s,
        workers=workers,
    )
    grouped: dict[str, list[dict]] = {}
    for run in runs:
        grouped.setdefault(run["task_id"], []).append(run)
    rows = []
    for task_id, task_runs in grouped.items():
        n, c = len(task_runs), sum(r["verdict"] == "passed" for r in task_runs)
        row = {"task_id": task_id, "language": by_id[task_id]["language"], "n": n, "passed": c}
        row.update({f"pass@{k}": pass_at_k(n, c, k) for k in ks if k <= n})
        row["samples"] = [{key: v for key, v in r.items() if key != "task_id"} for r in task_runs]
        rows.append(row)
    return summarize(rows, ks), rows


def summarize(rows: Sequence[dict], ks: Sequence[int] = (1, 10)) -> dict:
    """Mean pass@k over problems (each k that every problem has n >= k for) and verdict counts."""
    counts = Counter(s["verdict"] for row in rows for s in row["samples"])
    summary: dict = {}
    for k in sorted(set(ks)):
        if rows and all(row["n"] >= k for row in rows):
            summary[f"pass@{k}"] = sum(pass_at_k(row["n"], row["passed"], k) for row in rows) / len(rows)
    summary.update(
        {
            "problems": len(rows),
            "samples": sum(row["n"] for row in rows),
            "languages": sorted({row["language"] for row in rows}),
        }
    )
    summary.update({name: counts.get(name, 0) for name in VERDICTS})
    return summary
