"""Tests for helpers.checks: running the execution checks (runs, driver_match) on known answers."""

from __future__ import annotations

import json
import math
import random

import pytest
from sample_programs import PROGRAMS, ground_truths, lang_param, needs_artifacts

from helpers import checks
from helpers.checks import execution_checks

# --------------------------------------------------------------------------------------------
# execution_checks on hand-made samples
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", [lang_param(k) for k in PROGRAMS])
def test_execution_checks_known_answers(language):
    programs = PROGRAMS[language]
    other = "cpp" if language != "cpp" else "python"
    predictions = [
        programs["reference"],  # the reference itself
        programs["correct"],  # right function, own driver prints something else
        f"Here it is:\n```{language}\n{programs['correct']}```\nDone.",  # inside a fence
        programs["wrong"],  # right name, wrong logic
        "",  # empty
        "I am sorry, I cannot write that program.",  # not code
        PROGRAMS[other]["correct"],  # another language
    ]
    report = execution_checks(
        predictions,
        [programs["reference"]] * len(predictions),
        language,
        reference_format="source",
        timeout_s=30,
    )
    rows = report.samples
    assert [r["runs"] for r in rows] == [True, True, True, True, False, False, False]
    assert [r["driver_match"] for r in rows] == [True, True, True, False, False, False, False]
    assert rows[3]["reason"] == "composed program: output differs from the reference's"
    assert [r["reason"] for r in rows[4:6]] == ["empty prediction", "not code"]
    assert rows[6]["reason"] == f"written in {other}" and rows[6]["run_status"] == "not_run"
    assert report.n == 7 and report.n_checkable == 7 and report.n_driver_match == 3
    assert report.runs_rate == pytest.approx(4 / 7)
    assert report.driver_match_rate == pytest.approx(3 / 7)


def test_execution_checks_reference_that_fails_is_not_checkable():
    references = [
        PROGRAMS["python"]["reference"],
        "def add(a, b):\n    return a + b\nraise SystemExit(3)\n",
        "def add(a, b):\n    return a + b\nadd(1, 2)\n",
    ]
    report = execution_checks(
        [PROGRAMS["python"]["correct"]] * 3, references, "python", reference_format="source"
    )
    assert [r["checkable"] for r in report.samples] == [True, False, False]
    assert [r["driver_match"] for r in report.samples] == [True, None, None]
    assert "reference did not run cleanly (runtime_error)" in report.samples[1]["reason"]
    assert report.samples[2]["reason"] == "reference prints nothing"
    assert (report.n_checkable, report.n_not_checkable, report.driver_match_rate) == (1, 2, 1.0)
    assert report.runs_rate == 1.0


def test_execution_checks_xlcost_references_and_predictions():
    reference = (
        "def add ( a , b ) : NEW_LINE INDENT return a + b NEW_LINE DEDENT print ( add ( 5 , 7 ) ) NEW_LINE"
    )
    report = execution_checks(
        [reference, reference], [reference, reference], "python", prediction_format="xlcost"
    )
    assert report.runs_rate == 1.0 and report.driver_match_rate == 1.0
    as_is = execution_checks([reference], [reference], "python")  # tokenised text does not run
    assert as_is.samples[0]["runs"] is False


def test_execution_report_summary_and_frame():
    report = execution_checks(["print(1)"], ["print(1)"], "python", reference_format="source")
    summary = report.summary()
    assert "samples" not in summary and summary["n"] == 1
    json.dumps(summary)
    frame = report.to_frame()
    assert list(frame.columns) == checks._ROW_COLUMNS and len(frame) == 1


def test_execution_checks_bad_input():
    with pytest.raises(ValueError, match="2 predictions but 1 references"):
        execution_checks(["a", "b"], ["a"], "python")
    with pytest.raises(ValueError, match="Unknown reference_format 'tokens'"):
        execution_checks(["a"], ["a"], "python", reference_format="tokens")
    with pytest.raises(ValueError, match="Unknown prediction_format"):
        execution_checks(["a"], ["a"], "python", prediction_format="tokens")
    with pytest.raises(ValueError, match=r"predictions\[0\] is NoneType"):
        execution_checks([None], ["a"], "python")
    with pytest.raises(ValueError, match="Unknown language"):
        execution_checks(["a"], ["a"], "cobol")
    empty = execution_checks([], [], "python")
    assert empty.n == 0 and math.isnan(empty.runs_rate) and math.isnan(empty.driver_match_rate)


def test_normalise_output_only_trims_trailing_whitespace():
    assert checks.normalise_output("1 2 \r\n3\n\n") == "1 2\n3"
    assert checks.normalise_output(" 1") != checks.normalise_output("1")


# --------------------------------------------------------------------------------------------
# Real programs (slow): the bar is that every reference that runs cleanly passes its own checks
# --------------------------------------------------------------------------------------------


def _assert_references_pass(report, what: str) -> None:
    failed = [r for r in report.samples if r["checkable"] and not (r["runs"] and r["driver_match"])]
    assert not failed, f"{what}: {len(failed)} reference(s) fail their own checks: {failed[:3]}"


@pytest.mark.slow
@pytest.mark.parametrize("language", [lang_param(k) for k in PROGRAMS])
def test_mini_corpus_programs_pass_their_own_checks(language):
    """Every mini-corpus program (all splits), as a prediction of itself, passes both checks."""
    from helpers.data import SPLITS, load_xlcost

    records = [r for split in SPLITS for r in load_xlcost(language, split, source="mini")]
    assert records, "the mini corpus is empty"
    report = execution_checks(
        [r["source"] for r in records], [r["code"] for r in records], language, reference_format="xlcost"
    )
    _assert_references_pass(report, f"mini corpus, {language}")
    # the bundled programs all run and print something: every one is checkable
    assert report.n_checkable == len(records), [r for r in report.samples if not r["checkable"]]


@pytest.mark.slow
@pytest.mark.parametrize("language", [lang_param(k) for k in PROGRAMS])
def test_real_references_pass_their_own_checks(language):
    """A seeded sample of 40 of the paper's 200 references per language (compiles dominate the
    run time): each one that runs cleanly, as a prediction of itself, passes both checks."""
    from helpers.xlcost_codec import detokenize

    needs_artifacts()
    references = random.Random(0).sample(ground_truths(language), 40)
    sources = [detokenize(code, language) for code in references]
    report = execution_checks(sources, references, language, reference_format="xlcost")
    _assert_references_pass(report, f"paper references, {language}")
    assert report.n_checkable >= 25, report.summary()  # most references do run cleanly


def test_why_not_run_counts_the_failures_by_status_in_a_fixed_order():
    def row(status, runs):
        return {"run_status": status, "runs": runs}

    samples = [
        row("runtime_error", False),
        row("ok", True),
        row("not_run", False),
        row("runtime_error", False),
    ]
    report = checks.ExecutionReport("python", 4, 1, 0.25, 0, 4, 0, math.nan, samples)
    assert list(checks.why_not_run(report).items()) == [("not_run", 1), ("runtime_error", 2)]
    assert (
        checks.why_not_run(checks.ExecutionReport("python", 1, 1, 1.0, 0, 1, 0, math.nan, [row("ok", True)]))
        == {}
    )
    from helpers.sandbox import STATUSES

    assert set(checks.NOT_RUN_WORDS) == {"not_run", *STATUSES} - {"ok"}  # every way of not running
