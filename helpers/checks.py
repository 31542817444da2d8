"""Execution-based checks of generated code: does it run, does it do what the reference does.

CodeBLEU counts shared n-grams; these checks run the code (in helpers.execution's sandbox):
- `runs`: the generated program (helpers.answers.answer_to_program of the prediction, the same
  text CodeBLEU scores) exits cleanly;
- `driver_match`: the generated *definitions* (functions, classes, globals they need) put under
  the reference's own driver code (helpers.driver_program) print exactly what the reference
  program prints. So a correct function passes even when the model's own test code prints
  something else, or is cut off. (A reference that defines nothing is a script: then the
  prediction's own output is compared.)
A prediction in another language or not code at all (helpers.language_id) is not run.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from helpers import answers
from helpers.config import get_language
from helpers.driver_program import compose_parts, missing_names
from helpers.language_id import NOT_CODE, classify_language
from helpers.program_parts import split_program
from helpers.xlcost_codec import REFERENCE_FORMATS

__all__ = [
    "PREDICTION_FORMATS",
    "REFERENCE_FORMATS",
    "ExecutionReport",
    "execution_checks",
    "normalise_output",
]

PREDICTION_FORMATS = ("source", "xlcost")


@dataclass
class ExecutionReport:
    """Execution checks of one language: rates over samples, and one row per sample."""

    language: str
    n: int
    n_runs: int  # generated program ran cleanly as is
    runs_rate: float
    n_checkable: int  # reference ran cleanly, deterministically and printed something
    n_not_checkable: int
    n_driver_match: int  # composed program printed what the reference printed
    driver_match_rate: float  # over checkable samples; nan when none is checkable
    # one dict per sample, in input order (see _ROW_COLUMNS)
    samples: list[dict] = field(default_factory=list, repr=False)

    def summary(self) -> dict:
        """Return everything but the per-sample rows, as a JSON-ready dict."""
        summary = asdict(self)
        del summary["samples"]
        return summary

    def to_frame(self):
        """Return the per-sample rows as a pandas DataFrame (one row per sample, in input order)."""
        import pandas as pd

        return pd.DataFrame(self.samples, columns=_ROW_COLUMNS)


# Why a sample did not run, in words (the sandbox's STATUSES, and "not_run": not run at all)
NOT_RUN_WORDS = {
    "not_run": "not run (not code in the requested language)",
    "compile_error": "do not compile",
    "runtime_error": "fail at run time",
    "timeout": "time out",
    "killed": "killed at a resource limit",
    "unavailable": "no toolchain",
}


def why_not_run(report: ExecutionReport) -> dict[str, int]:
    """How many samples did not run, by run status (NOT_RUN_WORDS' order; statuses with none left out)."""
    counts: dict[str, int] = {}
    for row in report.samples:
        if not row["runs"]:
            counts[row["run_status"]] = counts.get(row["run_status"], 0) + 1
    order = list(NOT_RUN_WORDS)
    return dict(sorted(counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))


_ROW_COLUMNS = [
    "sample",
    "detected_language",
    "run_status",
    "runs",
    "reference_status",
    "checkable",
    "driver_mode",
    "missing_names",
    "driver_status",
    "driver_match",
    "reason",
]


def _check_texts(texts, name: str) -> list[str]:
    if isinstance(texts, str):
        raise ValueError(f"{name} must be a list of strings, got one str.")
    texts = list(texts)
    bad = next((i for i, t in enumerate(texts) if not isinstance(t, str)), None)
    if bad is not None:
        raise ValueError(f"{name}[{bad}] is {type(texts[bad]).__name__}; expected str.")
    return texts


def normalise_output(stdout: str) -> str:
    """Return program output without trailing spaces on lines or trailing blank lines."""
    lines = stdout.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip("\n")


def _error_line(stderr: str, limit: int = 160) -> str:
    """Return the most telling line of an error output: the first naming an error, else the last."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    named = [line for line in lines if "error" in line.lower()]
    return (named or lines or [""])[0 if named else -1][:limit]


def execution_checks(
    predictions: list[str],
    references: list[str],
    language: str,
    reference_format: str = "xlcost",
    timeout_s: float = 10.0,
    workers: int | None = None,
    prediction_format: str = "source",
) -> ExecutionReport:
    """Run each prediction as is (`runs`) and under its reference's driver (`driver_match`).

    Each prediction is cut to its program by `answers.answer_to_program` first, the rule
    generation and CodeBLEU use (prediction_format="xlcost" then detokenises it); references
    are detokenised when reference_format is "xlcost". A prediction that is empty, not code or
    in another language (`classify_language`) fails both checks without being run.
    driver_match runs `driver_program.compose_driver_program`; when the reference defines no
    function or class (a script), the prediction's own output is compared instead (row field
    driver_mode "whole_program"); missing_names lists the functions the reference's driver
    calls that the prediction does not define. A sample whose reference does not run cleanly,
    prints nothing or prints different things on two runs is not checkable: its driver_match
    is None and it is left out of the rate. Outputs are compared
    after `normalise_output` (trailing whitespace only).
    """
    from helpers.execution import run_many, run_many_repeated
    from helpers.xlcost_codec import detokenize

    language = get_language(language).name
    predictions = _check_texts(predictions, "predictions")
    references = _check_texts(references, "references")
    if reference_format not in REFERENCE_FORMATS:
        raise ValueError(
            f"Unknown reference_format {reference_format!r}; valid: {', '.join(REFERENCE_FORMATS)}."
        )
    if prediction_format not in PREDICTION_FORMATS:
        raise ValueError(
            f"Unknown prediction_format {prediction_format!r}; valid: {', '.join(PREDICTION_FORMATS)}."
        )
    if len(predictions) != len(references):
        raise ValueError(
            f"{len(predictions)} predictions but {len(references)} references; "
            "prediction i is checked against reference i, so the counts must match."
        )
    if timeout_s <= 0:
        raise ValueError(f"timeout_s must be positive, got {timeout_s}.")

    if reference_format == "xlcost":
        references = [detokenize(r, language) for r in references]
    programs = [answers.answer_to_program(p, language) for p in predictions]
    if prediction_format == "xlcost":
        programs = [detokenize(p, language) if p.strip() else p for p in programs]

    rows, pred_jobs, composed_jobs = [], [], []
    for i, (program, reference) in enumerate(zip(programs, references, strict=True)):
        detected = classify_language(program, language)
        # A reference that defines nothing is a script: its "driver" is the whole program, so
        # the prediction's own output is compared instead of a composed program's.
        reference_parts = split_program(reference, language)
        mode = "composed" if reference_parts.defines_code else "whole_program"
        row = {
            "sample": i,
            "detected_language": detected,
            "run_status": "not_run",
            "runs": False,
            "reference_status": "",
            "checkable": False,
            "driver_mode": mode,
            "missing_names": "",
            "driver_status": "not_run",
            "driver_match": False,
            "reason": "",
        }
        if detected != language:
            row["reason"] = (
                "empty prediction"
                if not program.strip()
                else "not code"
                if detected == NOT_CODE
                else f"written in {detected}"
            )
        else:
            pred_jobs.append((i, program))
            composed = program
            if mode == "composed":
                prediction_parts = split_program(program, language)
                composed = compose_parts(prediction_parts, reference_parts)
                row["missing_names"] = ", ".join(missing_names(prediction_parts, reference_parts))
            if composed is None:
                row["reason"] = "nothing to compose (no complete definition)"
            else:
                composed_jobs.append((i, composed))
        rows.append(row)

    # References twice each (a differing second run marks printed randomness or hash order);
    # then every distinct program of the predictions once. Both use all workers.
    unique_refs = list(dict.fromkeys(references))
    ref_runs = dict(
        zip(
            unique_refs,
            run_many_repeated([(r, language) for r in unique_refs], 2, timeout_s, workers=workers),
            strict=True,
        )
    )
    # A program identical to a reference (a prediction copying it) reuses the reference's run.
    unique_programs = [p for p in dict.fromkeys(c for _, c in pred_jobs + composed_jobs) if p not in ref_runs]
    program_runs = {ref: runs[0] for ref, runs in ref_runs.items()}
    program_runs.update(
        zip(
            unique_programs,
            run_many([(p, language) for p in unique_programs], timeout_s, workers=workers),
            strict=True,
        )
    )

    for i, program in pred_jobs:
        result = program_runs[program]
        rows[i]["run_status"], rows[i]["runs"] = result.status, result.ok
    composed_by_sample = dict(composed_jobs)
    for i, row in enumerate(rows):
        first, second = ref_runs[references[i]]
        row["reference_status"] = first.status
        expected = normalise_output(first.stdout)
        if not first.ok or not second.ok:
            status = first.status if not first.ok else second.status
            why = f"reference did not run cleanly ({status})"
        elif expected != normalise_output(second.stdout):
            why = "reference output differs between two runs"
        elif not expected:
            why = "reference prints nothing"
        else:
            why = ""
        row["checkable"] = not why
        if why:
            row["driver_match"] = None
            row["reason"] = "; ".join(r for r in (row["reason"], why) if r)
            if i in composed_by_sample:
                row["driver_status"] = program_runs[composed_by_sample[i]].status
            continue
        if i not in composed_by_sample:
            continue
        result = program_runs[composed_by_sample[i]]
        row["driver_status"] = result.status
        row["driver_match"] = result.ok and normalise_output(result.stdout) == expected
        what = "composed program" if row["driver_mode"] == "composed" else "prediction"
        if not result.ok:
            detail = _error_line(result.stderr)
            row["reason"] = f"{what}: {result.status}" + (f": {detail}" if detail else "")
        elif not row["driver_match"]:
            row["reason"] = f"{what}: output differs from the reference's"
    return _execution_report(language, rows)


def _execution_report(language: str, rows: list[dict]) -> ExecutionReport:
    """Aggregate per-sample rows into an ExecutionReport."""
    n = len(rows)
    checkable = [r for r in rows if r["checkable"]]
    n_runs = sum(r["runs"] for r in rows)
    n_match = sum(bool(r["driver_match"]) for r in checkable)
    return ExecutionReport(
        language=language,
        n=n,
        n_runs=n_runs,
        runs_rate=n_runs / n if n else math.nan,
        n_checkable=len(checkable),
        n_not_checkable=n - len(checkable),
        n_driver_match=n_match,
        driver_match_rate=n_match / len(checkable) if checkable else math.nan,
        samples=rows,
    )
