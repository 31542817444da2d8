"""Evaluation of generated code: CodeBLEU as the paper scored it and without its free credit.

Predictions are cut to their program by helpers.answers.answer_to_program before scoring (the
text the execution checks in helpers.checks run); `as_given=True` scores the texts unchanged, as
the paper scored its published predictions.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.xlcost_codec import REFERENCE_FORMATS

if TYPE_CHECKING:
    import pandas as pd

# The paper's protocol: one calc_codebleu call per sample with these weights, then the plain mean.
PAPER_WEIGHTS = (0.25, 0.25, 0.25, 0.25)
SCORINGS = ("published", "corrected")
# How the workbook scores its own runs: the paper's protocol, and the honest one (no free data-flow
# credit, runnable references tokenised as code). Notebooks 02-07 all use this pair.
OWN_RUN_SCORINGS = (("published", "xlcost"), ("corrected", "source"))
COMPONENTS = (
    "ngram_match_score",
    "weighted_ngram_match_score",
    "syntax_match_score",
    "dataflow_match_score",
)
# jsonl fields that hold the text, in the shapes the paper published and plain ones.
TEXT_FIELDS = ("value", "prediction", "ground_truth", "reference")
# Below this many samples per process, starting worker processes costs more than it saves.
_MIN_SAMPLES_PER_PROCESS = 40


# --------------------------------------------------------------------------------------------
# Reading the paper's jsonl files
# --------------------------------------------------------------------------------------------


def read_jsonl_records(path: str | Path) -> list[dict]:
    """Read a jsonl file of JSON objects with clear errors; an empty file is an error too."""
    from helpers.runs import read_jsonl

    records = read_jsonl(path)
    if not records:
        raise ValueError(f"{path} is empty; expected one JSON object per line")
    return records


def read_jsonl_texts(path: str | Path) -> list[str]:
    """Read the code strings of a jsonl file in any of the accepted shapes (see TEXT_FIELDS)."""
    texts = []
    for row_no, record in enumerate(read_jsonl_records(path), start=1):
        field_name = next((k for k in TEXT_FIELDS if k in record), None)
        if field_name is None or not isinstance(record[field_name], str):
            raise ValueError(
                f"{path}, row {row_no}: no text field; accepted rows are "
                '{"value": str}, {"expert", "prediction": str}, {"expert", "ground_truth": str}, '
                '{"prediction": str} or {"reference": str}; got keys '
                f"{sorted(record)}"
            )
        texts.append(record[field_name])
    return texts


# --------------------------------------------------------------------------------------------
# CodeBLEU
# --------------------------------------------------------------------------------------------


@dataclass
class CodeBLEUResult:
    """Mean CodeBLEU and components over a set of samples, with the per-sample rows."""

    n: int
    codebleu: float
    ngram_match_score: float
    weighted_ngram_match_score: float
    syntax_match_score: float
    dataflow_match_score: float
    free_dataflow_share: float  # share of samples with a data-flow match of 0 (free 0.25 if published)
    no_reference_dataflow_share: float  # share of samples whose reference has no data flow at all
    language: str
    scoring: str
    reference_format: str
    # one dict per sample: codebleu, the four components, ref_has_dataflow
    samples: list[dict] = field(default_factory=list, repr=False)

    def summary(self) -> dict:
        """Return everything but the per-sample rows, as a JSON-ready dict."""
        summary = asdict(self)
        del summary["samples"]
        return summary

    def to_frame(self) -> pd.DataFrame:
        """Return the per-sample rows as a pandas DataFrame (one row per sample, in input order)."""
        import pandas as pd

        return pd.DataFrame(self.samples, columns=_SAMPLE_COLUMNS)

    def rescored(self, scoring: str) -> CodeBLEUResult:
        """Return the same samples under another scoring, without scoring them again."""
        if scoring not in SCORINGS:
            raise ValueError(f"Unknown scoring {scoring!r}; valid: {', '.join(SCORINGS)}.")
        return _summarise(self.samples, self.language, scoring, self.reference_format)


_SAMPLE_COLUMNS = ["codebleu", *COMPONENTS, "ref_has_dataflow"]


def score_codebleu(
    predictions: list[str],
    references: list[str],
    language: str,
    scoring: str = "published",
    reference_format: str = "xlcost",
    workers: int | None = None,
    as_given: bool = False,
) -> CodeBLEUResult:
    """Score predictions against references with CodeBLEU, one sample at a time, and average.

    Each prediction is scored as answers.answer_to_program cuts it (a no-op on predictions
    generation stored); as_given=True scores the texts exactly as given (the paper's protocol on
    its published predictions, which were scored uncut).
    """
    from helpers.config import get_language

    language = get_language(language).name
    if scoring not in SCORINGS:
        raise ValueError(f"Unknown scoring {scoring!r}; valid: {', '.join(SCORINGS)}.")
    if reference_format not in REFERENCE_FORMATS:
        raise ValueError(
            f"Unknown reference_format {reference_format!r}; valid: {', '.join(REFERENCE_FORMATS)}."
        )
    predictions, references = list(predictions), list(references)
    if len(predictions) != len(references):
        raise ValueError(
            f"{len(predictions)} predictions but {len(references)} references; "
            "prediction i is scored against reference i, so the counts must match."
        )
    if not predictions:
        raise ValueError("No samples to score: predictions and references are empty.")
    for name, texts in (("predictions", predictions), ("references", references)):
        bad = next((i for i, t in enumerate(texts) if not isinstance(t, str)), None)
        if bad is not None:
            raise ValueError(f"{name}[{bad}] is {type(texts[bad]).__name__}; expected str.")
    return score_codebleu_many(
        [(predictions, references, language)], scoring, reference_format, workers, as_given
    )[0]


def score_codebleu_many(
    sets: list[tuple[list[str], list[str], str]],
    scoring: str = "published",
    reference_format: str = "xlcost",
    workers: int | None = None,
    as_given: bool = False,
) -> list[CodeBLEUResult]:
    """Score several (predictions, references, language) sets in one pool of worker processes.

    The same as calling score_codebleu on each set, but worker start-up is paid once.
    """
    from helpers.answers import answer_to_program
    from helpers.config import get_language
    from helpers.runtime import usable_cores

    workers = len(usable_cores()) if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}.")
    if scoring not in SCORINGS:
        raise ValueError(f"Unknown scoring {scoring!r}; valid: {', '.join(SCORINGS)}.")
    flat = [
        (p if as_given else answer_to_program(p, lang), r, get_language(lang).name)
        for preds, refs, lang in sets
        for p, r in zip(preds, refs, strict=True)
    ]
    samples = _score_samples(flat, reference_format, workers)
    results, start = [], 0
    for preds, _, lang in sets:
        chunk, start = samples[start : start + len(preds)], start + len(preds)
        results.append(_summarise(chunk, get_language(lang).name, scoring, reference_format))
    return results


def _combine(sample: dict, scoring: str) -> float:
    """Return one sample's CodeBLEU from its components under the given scoring."""
    ngram, weighted, syntax, dataflow = (sample[c] for c in COMPONENTS)
    if scoring == "published":
        # calc_codebleu's own expression, in its order of operations, so the float is the same
        # to the last bit; a data-flow match of 0 counts as a full 1.0.
        alpha, beta, gamma, theta = PAPER_WEIGHTS
        return alpha * ngram + beta * weighted + gamma * syntax + theta * (dataflow or 1)
    if not sample["ref_has_dataflow"]:
        # Nothing to match: drop the term and share its weight among the other three.
        return (ngram + weighted + syntax) / 3
    return 0.25 * (ngram + weighted + syntax + dataflow)


def _summarise(samples: list[dict], language: str, scoring: str, reference_format: str):
    """Average per-sample rows into a CodeBLEUResult."""
    n = len(samples)
    rows = [{k: s[k] for k in _SAMPLE_COLUMNS if k != "codebleu"} for s in samples]
    for row in rows:
        row["codebleu"] = _combine(row, scoring)

    def mean(column: str) -> float:
        return math.fsum(row[column] for row in rows) / n

    return CodeBLEUResult(
        n=n,
        codebleu=mean("codebleu"),
        **{c: mean(c) for c in COMPONENTS},
        free_dataflow_share=sum(s["dataflow_match_score"] == 0 for s in samples) / n,
        no_reference_dataflow_share=sum(not s["ref_has_dataflow"] for s in samples) / n,
        language=language,
        scoring=scoring,
        reference_format=reference_format,
        samples=rows,
    )


def _score_samples(
    triples: list[tuple[str, str, str]],
    reference_format: str,
    workers: int,
) -> list[dict]:
    """Score (prediction, reference, language) triples in processes with fixed string hashing."""
    n = len(triples)
    processes = max(1, min(workers, n // _MIN_SAMPLES_PER_PROCESS))
    if processes == 1 and _hashing_is_fixed():
        return _score_chunk((triples, reference_format))
    # Sample i goes to process i % processes: lengths vary a lot, interleaving evens out the load.
    chunks = [(triples[k::processes], reference_format) for k in range(processes)]
    results = _run_workers(chunks)
    samples: list[dict] = [{}] * n
    for k, chunk_samples in enumerate(results):
        samples[k::processes] = chunk_samples
    return samples


def _hashing_is_fixed() -> bool:
    """Return True if this process hashes strings as PYTHONHASHSEED=0 does."""
    return sys.flags.hash_randomization == 0


def _run_workers(chunks: list[tuple]) -> list[list[dict]]:
    """Score each chunk in its own `python` subprocess started with PYTHONHASHSEED=0."""
    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    # Plain subprocesses rather than multiprocessing: the caller's environment is not touched
    # and scripts need no `if __name__ == "__main__"` guard. JSON keeps floats bit-exact.
    package_parent = str(Path(__file__).resolve().parent.parent)
    python_path = os.pathsep.join(p for p in (package_parent, os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": python_path}
    command = [sys.executable, "-c", "from helpers.evaluate import _worker_main; _worker_main()"]

    def run(chunk: tuple) -> list[dict]:
        done = subprocess.run(
            command,
            input=json.dumps(chunk),
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"CodeBLEU worker process failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout)

    with ThreadPoolExecutor(len(chunks)) as threads:
        return list(threads.map(run, chunks))


def _worker_main() -> None:
    """Entry point of a worker process: a JSON chunk on stdin, JSON sample rows on stdout."""
    json.dump(_score_chunk(tuple(json.load(sys.stdin))), sys.stdout)


def _score_chunk(chunk: tuple[list, str]) -> list[dict]:
    """Score ([(prediction, reference, language), ...], reference_format) one sample at a time."""
    from codebleu import calc_codebleu
    from codebleu.dataflow_match import dfg_function, get_data_flow, normalize_dataflow
    from codebleu.parser import remove_comments_and_docstrings
    from codebleu.utils import get_tree_sitter_language
    from tree_sitter import Parser

    # The library's data-flow graphs pass variable names through set(), whose order depends on
    # the string hash seed; names are then numbered in that order, so the data-flow match of a
    # sample can change from run to run. With the seed fixed at 0 it is reproducible.
    if not _hashing_is_fixed():
        raise RuntimeError("CodeBLEU must run with PYTHONHASHSEED=0 (see helpers.evaluate).")
    triples, reference_format = chunk
    if reference_format == "source":
        from helpers.xlcost_codec import code_tokens, detokenize

        triples = [(p, detokenize(r, lang), lang) for p, r, lang in triples]

    def tokenizer_for(language: str):
        if reference_format != "source":
            return None  # the library's default: str.split, as the paper used
        return lambda program: code_tokens(program, language)

    def reference_has_dataflow(reference: str, language: str) -> bool:
        # The reference's data-flow edges, extracted exactly as corpus_dataflow_match does.
        parser = Parser()
        parser.language = get_tree_sitter_language(language)
        code = reference.strip()
        try:
            code = remove_comments_and_docstrings(code, language)
        except Exception:  # the library also keeps the code as is when this fails
            pass
        return len(normalize_dataflow(get_data_flow(code, [parser, dfg_function[language]]))) > 0

    samples = []
    with _library_warnings_silenced():
        for prediction, reference, language in triples:
            scores = calc_codebleu(
                [reference],
                [prediction],
                lang=language,
                weights=PAPER_WEIGHTS,
                tokenizer=tokenizer_for(language),
            )
            dataflow = float(scores["dataflow_match_score"])
            samples.append(
                {
                    **{c: float(scores[c]) for c in COMPONENTS},
                    # A match above 0 needs reference edges; only a 0 needs a second look (this
                    # saves extracting the reference's data flow twice for most samples).
                    "ref_has_dataflow": dataflow > 0 or reference_has_dataflow(reference, language),
                }
            )
    return samples


@contextmanager
def _library_warnings_silenced() -> Iterator[None]:
    """Mute the library's per-call 'no reference data-flows' warning (we count those cases)."""
    import logging

    root = logging.getLogger()
    # logging.warning() installs a stderr handler on a handler-less root logger; a NullHandler
    # stops that, so the caller's logging setup is left exactly as it was.
    guard = logging.NullHandler() if not root.handlers else None
    if guard is not None:
        root.addHandler(guard)
    previous = root.manager.disable
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(previous)
        if guard is not None:
            root.removeHandler(guard)


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def _write_scores_csv(result: CodeBLEUResult, path: str | Path) -> None:
    """Write the per-sample rows of a result to a csv file."""
    result.to_frame().to_csv(path, index_label="sample")


def main(argv: list[str] | None = None) -> int:
    """Command line: score a predictions jsonl against a references jsonl, print JSON."""
    import argparse

    from helpers.config import get_language

    parser = argparse.ArgumentParser(prog="python -m helpers.evaluate", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    cb = commands.add_parser("codebleu", help="CodeBLEU of predictions against references")
    cb.add_argument("--predictions", required=True, help="jsonl, one prediction per row")
    cb.add_argument("--references", required=True, help="jsonl, one reference per row")
    cb.add_argument("--lang", required=True, help="python, java, javascript or cpp")
    cb.add_argument("--scoring", choices=SCORINGS, default="published")
    cb.add_argument("--reference-format", choices=REFERENCE_FORMATS, default="xlcost")
    cb.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    cb.add_argument("--out", help="write per-sample scores to this csv")
    cb.add_argument(
        "--as-given",
        action="store_true",
        help="score predictions as given, not cut to their program (the paper's files)",
    )
    args = parser.parse_args(argv)

    try:
        language = get_language(args.lang).name
        predictions = read_jsonl_texts(args.predictions)
        references = read_jsonl_texts(args.references)
        if len(predictions) != len(references):
            raise ValueError(
                f"{args.predictions} has {len(predictions)} rows but {args.references} has "
                f"{len(references)}; prediction i is scored against reference i, so the row "
                "counts must match."
            )
        result = score_codebleu(
            predictions,
            references,
            language,
            scoring=args.scoring,
            reference_format=args.reference_format,
            workers=args.workers,
            as_given=args.as_given,
        )
        if args.out:
            _write_scores_csv(result, args.out)
    except (ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(json.dumps(result.summary()))
    return 0


# Keep this last, so that everything above is defined when the command line runs.
if __name__ == "__main__":
    sys.exit(main())
