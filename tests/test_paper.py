"""Tests for helpers.paper: the reported numbers, the artifact loader, and reproducing the tables."""

from __future__ import annotations

import shutil
from urllib.error import URLError
from urllib.parse import unquote

import pytest

from helpers import paper
from helpers.config import LANGUAGES, REPO_ROOT
from helpers.evaluate import COMPONENTS, score_codebleu

ARTIFACTS_ROOT = REPO_ROOT.parent / "shared" / "paper-artifacts"
needs_artifacts = pytest.mark.skipif(
    not ARTIFACTS_ROOT.is_dir(), reason=f"the paper's artifacts are not at {ARTIFACTS_ROOT}"
)
# The bar: our `published` scoring reproduces the mean of the paper's own per-sample csv.
TOLERANCE = 0.003


@pytest.fixture(scope="module")
def artifacts():
    if not ARTIFACTS_ROOT.is_dir():
        pytest.skip(f"the paper's artifacts are not at {ARTIFACTS_ROOT}")
    return paper.load_artifacts(ARTIFACTS_ROOT)


@pytest.fixture(scope="module")
def scored(artifacts):
    """Published scoring of every set: {(system, language): (ArtifactSet, per-sample frame)}."""
    return {
        (system, language): (
            artifact,
            score_codebleu(  # as published: see paper.score_artifacts
                artifact.predictions, artifact.references, language, as_given=True
            ).to_frame(),
        )
        for system, by_language in artifacts.items()
        for language, artifact in by_language.items()
    }


# ------------------------------------------------------------------------------ reported numbers


def test_reported_numbers():
    assert paper.reported_codebleu("base", "Python") == 0.1800
    assert paper.reported_codebleu("finetuned", "C++") == 0.3340
    assert paper.reported_codebleu("finetuned", "java") == 0.4287
    assert paper.reported_codebleu("base_moe") == 0.1660
    assert paper.reported_codebleu("moe") == 0.2500
    assert set(paper.TABLE1) == set(LANGUAGES)


@pytest.mark.parametrize(
    "args, message",
    [
        (("base",), "per language"),
        (("moe", "python"), "over all languages"),
        (("gpt",), "Unknown system"),
        (("base", "cobol"), "Unknown language"),
    ],
)
def test_reported_numbers_reject_bad_questions(args, message):
    with pytest.raises(ValueError, match=message):
        paper.reported_codebleu(*args)


# ------------------------------------------------------------------------------ loading


@needs_artifacts
def test_artifact_counts(artifacts):
    assert set(artifacts) == set(paper.SYSTEMS)
    for system in ("base", "finetuned"):
        assert {lang: a.n for lang, a in artifacts[system].items()} == dict.fromkeys(LANGUAGES, 200)
    assert {lang: a.n for lang, a in artifacts["base_moe"].items()} == dict.fromkeys(LANGUAGES, 50)
    moe = {lang: a.n for lang, a in artifacts["moe"].items()}
    assert sum(moe.values()) == 199
    assert moe == {"python": 50, "java": 50, "javascript": 49, "cpp": 50}
    for by_language in artifacts.values():
        for artifact in by_language.values():
            assert len(artifact.references) == len(artifact.report) == artifact.n
            assert list(artifact.report.columns) == paper.SCORE_COLUMNS


@needs_artifacts
def test_mixed_files_are_split_by_expert(artifacts):
    from helpers.evaluate import read_jsonl_records

    records = read_jsonl_records(ARTIFACTS_ROOT / "code/MOE/Base Model/BASE_MOE_predictions.jsonl")
    cpp = artifacts["base_moe"]["cpp"]
    assert all(records[i]["expert"] == "C++" for i in cpp.rows)
    assert cpp.predictions[0] == records[cpp.rows[0]]["prediction"]
    # the per-sample scores follow their rows
    report = paper._read_report(ARTIFACTS_ROOT / "code/MOE/Base Model/BASE_MOE_eval_report_Java.csv")
    assert cpp.report["codebleu"].tolist() == report["codebleu"].iloc[cpp.rows].tolist()


def test_missing_folder_raises_artifacts_unavailable(tmp_path):
    expected = f"lacks {len(paper.ARTIFACT_PATHS)} of the paper's artifact files"
    with pytest.raises(paper.ArtifactsUnavailable, match=expected):
        paper.load_artifacts(tmp_path)


@needs_artifacts
def test_download_fills_the_cache_once(tmp_path, monkeypatch):
    fetched = []

    def fake_fetch(url, timeout):  # serve the local copy instead of the network
        assert url.startswith(paper.UPSTREAM_RAW_URL)
        rel_path = unquote(url[len(paper.UPSTREAM_RAW_URL) :])
        fetched.append(rel_path)
        return (ARTIFACTS_ROOT / rel_path).read_bytes()

    monkeypatch.setattr(paper, "_fetch", fake_fetch)
    cache = paper.download_artifacts(tmp_path / "cache")
    assert sorted(fetched) == sorted(paper.ARTIFACT_PATHS)
    assert "code/MOE/Base Model/BASE_MOE_predictions.jsonl" in fetched  # the space is quoted
    loaded = paper.load_artifacts(cache)
    assert (
        loaded["finetuned"]["cpp"].predictions[:3]
        == paper.load_artifacts(ARTIFACTS_ROOT)["finetuned"]["cpp"].predictions[:3]
    )
    paper.download_artifacts(tmp_path / "cache")
    assert len(fetched) == len(paper.ARTIFACT_PATHS)  # nothing fetched the second time


def test_unreachable_upstream_raises_artifacts_unavailable(tmp_path, monkeypatch):
    def offline(url, timeout):
        raise URLError("no route to host")

    monkeypatch.setattr(paper, "_fetch", offline)
    with pytest.raises(paper.ArtifactsUnavailable, match="could not download .*no route to host"):
        paper.download_artifacts(tmp_path)
    assert not any(tmp_path.rglob("*.jsonl"))


@needs_artifacts
def test_incomplete_copy_is_reported(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(ARTIFACTS_ROOT, copy)
    (copy / "code/MOE/eval_report.csv").unlink()
    with pytest.raises(paper.ArtifactsUnavailable, match="eval_report.csv"):
        paper.load_artifacts(copy)


@needs_artifacts
def test_comparison_table_on_a_slice(artifacts):
    import dataclasses

    small = {
        system: {
            lang: dataclasses.replace(
                a,
                predictions=a.predictions[:3],
                references=a.references[:3],
                report=a.report.iloc[:3].reset_index(drop=True),
                rows=a.rows[:3],
            )
            for lang, a in by_language.items()
        }
        for system, by_language in artifacts.items()
    }
    table = paper.comparison_table(paper.score_artifacts(small))
    assert len(table) == 8 + 4 + 1 + 4 + 1  # per-language rows plus the two "all" rows
    row = table.set_index(["system", "language"]).loc[("base_moe", "all")]
    assert row["n"] == 12 and row["reported"] == 0.1660
    assert (table["corrected"] <= table["published"] + 1e-12).all()
    assert table["free_dataflow_share"].between(0, 1).all()


# ------------------------------------------------------------------------------ the key bar


@needs_artifacts
@pytest.mark.slow
@pytest.mark.parametrize("system", ["base", "finetuned"])
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_table1_cell_reproduces_the_paper_csv(scored, system, language):
    artifact, ours = scored[(system, language)]
    csv_mean = artifact.report["codebleu"].mean()
    assert ours["codebleu"].mean() == pytest.approx(csv_mean, abs=TOLERANCE)


@needs_artifacts
@pytest.mark.slow
def test_table2_mistral_cell_reproduces_the_paper_csv(scored):
    ours = [scored[("base_moe", lang)][1]["codebleu"] for lang in LANGUAGES]
    csv = [scored[("base_moe", lang)][0].report["codebleu"] for lang in LANGUAGES]
    mean = sum(s.sum() for s in ours) / 200
    csv_mean = sum(s.sum() for s in csv) / 200
    assert mean == pytest.approx(csv_mean, abs=TOLERANCE)
    assert mean == pytest.approx(paper.TABLE2["base_moe"], abs=TOLERANCE)


@needs_artifacts
@pytest.mark.slow
@pytest.mark.parametrize("system", ["base", "finetuned", "base_moe"])
def test_per_sample_agreement(scored, system):
    # N-gram components match on every row: same tokenizer, same strings, same weights.
    # Syntax and data flow differ on some rows: the paper ran codebleu 0.6.0, which built its
    # own (older) tree-sitter grammars, and a random string hash seed (data flow).
    for language in LANGUAGES:
        artifact, ours = scored[(system, language)]
        for component in ("ngram_match_score", "weighted_ngram_match_score"):
            assert (ours[component] - artifact.report[component]).abs().max() < 1e-9
        agree = ((ours["codebleu"] - artifact.report["codebleu"]).abs() < 1e-9).mean()
        assert agree >= 0.75, f"{system}/{language}: only {agree:.0%} of samples agree"


@needs_artifacts
def test_printed_tables_versus_the_csv_means(artifacts):
    def csv_mean(system, language):
        return artifacts[system][language].report["codebleu"].mean()

    for language in LANGUAGES:
        for system in ("base", "finetuned"):
            printed, mean = paper.TABLE1[language][system], csv_mean(system, language)
            if (system, language) in paper.TABLE_VS_CSV:
                assert abs(printed - mean) > 0.00005
            else:
                assert printed == round(mean, 4)
    assert paper.TABLE1["cpp"]["finetuned"] == 0.3340
    assert round(csv_mean("finetuned", "cpp"), 4) == 0.3440
    assert round(csv_mean("finetuned", "python"), 3) == 0.400
    base_moe = [artifacts["base_moe"][lang].report["codebleu"] for lang in LANGUAGES]
    assert round(sum(s.sum() for s in base_moe) / 200, 4) == paper.TABLE2["base_moe"]
    moe = [artifacts["moe"][lang].report for lang in LANGUAGES]
    assert round(sum(r["codebleu"].sum() for r in moe) / 199, 4) == 0.2511
    for report in moe:  # the MoE csv: nothing matched but a little syntax, plus the free 0.25
        assert (
            (report[["ngram_match_score", "weighted_ngram_match_score", "dataflow_match_score"]] == 0)
            .all()
            .all()
        )


@needs_artifacts
@pytest.mark.slow
def test_moe_csv_does_not_follow_from_the_moe_predictions(scored):
    # Recorded finding: the published MoE predictions share n-grams with their references,
    # but the paper's MoE csv has n-gram 0 on every row.
    ngram = sum(scored[("moe", lang)][1]["ngram_match_score"].sum() for lang in LANGUAGES) / 199
    assert ngram > 0.03


@needs_artifacts
@pytest.mark.slow
def test_references_scored_against_themselves_score_one(artifacts):
    for language in LANGUAGES:
        references = artifacts["base"][language].references
        published = score_codebleu(references, references, language, scoring="published")
        for result in (published, published.rescored("corrected")):
            assert result.n == 200
            assert result.codebleu == pytest.approx(1.0, abs=1e-9), (language, result.scoring)
            for component in COMPONENTS[:3]:
                assert getattr(result, component) == pytest.approx(1.0, abs=1e-9)


# ------------------------------------------------------------------------------ prompt tails


def test_without_prompt_tail_drops_the_end_of_the_prompt_not_code():
    code = "class GFG { static int f ( ) { return 1 ; } }"
    assert paper.without_prompt_tail(f"] \\n Driver code [/INST] \\n {code}", "java") == f" \\n {code}"
    assert paper.without_prompt_tail(f"1. Call [/INST] \\n 2. Output [/INST] {code}", "java") == f" {code}"
    # code before [/INST] is the answer; a new [INST] is not a prompt tail
    assert paper.without_prompt_tail(f"{code} [/INST] more", "java") == f"{code} [/INST] more"
    assert paper.without_prompt_tail("x [INST] Write [/INST] y", "java") == "x [INST] Write [/INST] y"
    answer = f"Driver code [/INST] \\n {code} </s> [INST] next"
    from helpers.answers import answer_to_program

    assert answer_to_program(paper.without_prompt_tail(answer, "java"), "java") == code
    assert answer_to_program(answer, "java") == "Driver code"  # the one rule alone stops early
