"""Command line: `python -m helpers.humaneval evaluate --language L (--samples F | --canonical)`.

Samples are JSON lines {"task_id": "Python/0", "completion": "..."} (the human-eval convention;
several lines with one task_id are several samples). The last line printed is a JSON object with
pass@k (each requested k that every problem has enough samples for), the numbers of problems and
samples, and the count of each verdict (passed, failed, early_exit, timeout, compile_error,
killed, unavailable).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from helpers.config import get_language
from helpers.humaneval.dataset import SHARED_DIR, load_humaneval_x
from helpers.humaneval.programs import answer_to_completion
from helpers.humaneval.scoring import DEFAULT_TIMEOUT_S, evaluate_samples


def parse_ks(text: str) -> list[int]:
    """'1,10' -> [1, 10]; anything else raises a one-line ValueError."""
    try:
        ks = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        ks = []
    if not ks or ks[0] < 1:
        raise ValueError(f"--k must be positive integers separated by commas, such as 1,10; got {text!r}.")
    return ks


def read_samples(path: Path, problems: list[dict], from_answers: bool = False) -> list[dict]:
    """Samples of a jsonl file, checked line by line against the problems' task_ids."""
    from helpers.runs import read_jsonl

    records = read_jsonl(path)  # its errors name the line
    lines = path.read_text(encoding="utf-8").splitlines()
    line_numbers = [i for i, line in enumerate(lines, start=1) if line.strip()]
    by_id = {p["task_id"]: p for p in problems}
    example = next(iter(by_id), "?")
    samples = []
    for line_no, record in zip(line_numbers, records, strict=True):
        task_id, completion = record.get("task_id"), record.get("completion")
        if task_id not in by_id:
            raise ValueError(
                f"{path}, line {line_no}: unknown task_id {task_id!r}; expected one "
                f"of this language's ids, such as {example!r}."
            )
        if not isinstance(completion, str):
            raise ValueError(
                f'{path}, line {line_no}: no "completion" string for {task_id}; '
                'expected {"task_id": ..., "completion": "..."}.'
            )
        if from_answers:
            completion = answer_to_completion(completion, by_id[task_id])
        samples.append({"task_id": task_id, "completion": completion})
    if not samples:
        raise ValueError(
            f'{path}: no samples; expected lines such as {{"task_id": {example!r}, "completion": "..."}}.'
        )
    return samples


def main(argv: list[str] | None = None) -> int:
    """Evaluate samples (or the canonical solutions) and print a JSON summary as the last line."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.humaneval",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="run samples against the HumanEval-X tests")
    ev.add_argument("--language", required=True, help="python, java, javascript or cpp")
    which = ev.add_mutually_exclusive_group(required=True)
    which.add_argument("--samples", type=Path, help="jsonl of {task_id, completion}")
    which.add_argument("--canonical", action="store_true", help="the canonical solutions")
    ev.add_argument("--data", type=Path, help=f"local folder (e.g. {SHARED_DIR})")
    ev.add_argument(
        "--source", default=None, help="auto, hub or local (default: local with --data, else auto)"
    )
    ev.add_argument("--k", default="1,10", help="pass@k values (default 1,10)")
    ev.add_argument("--out", type=Path, help="per-problem results (jsonl, written atomically)")
    ev.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds per program")
    ev.add_argument("--workers", type=int, default=None, help="parallel runs (default: cores)")
    ev.add_argument(
        "--from-answers",
        action="store_true",
        help="completions are raw model answers: strip fences and repeated signatures",
    )
    args = parser.parse_args(argv)
    try:
        language = get_language(args.language).name
        ks = parse_ks(args.k)
        if not args.timeout > 0:
            raise ValueError(f"--timeout must be a positive number of seconds, got {args.timeout}.")
        source = args.source or ("local" if args.data else "auto")
        problems = load_humaneval_x(language, source, args.data)
        if args.canonical:
            samples = [{"task_id": p["task_id"], "completion": p["canonical_solution"]} for p in problems]
        else:
            samples = read_samples(args.samples, problems, args.from_answers)
        summary, rows = evaluate_samples(
            problems, samples, ks=ks, timeout_s=args.timeout, workers=args.workers
        )
    except (ValueError, FileNotFoundError, RuntimeError) as err:
        parser.error(str(err))
    if args.out:
        from helpers.runs import write_jsonl

        write_jsonl(args.out, rows)
        summary["out"] = str(args.out)
    summary["problems_in_data"] = len(problems)  # pass@k covers the problems with samples
    print(json.dumps({"language": language, **summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
