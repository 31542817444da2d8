"""Every notebook runs on cpu-tiny through the pipeline (papermill); its metrics.json is sane.

One pipeline run per test session, into a temporary runs folder; then one test per stage checks
the keys it must report and that every number is finite and in range (never exact values).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from notebook_anatomy import NOTEBOOKS_DIR

REPO = NOTEBOOKS_DIR.parent
ARTIFACTS = REPO.parent / "shared" / "paper-artifacts"
LANGS = ("python", "java", "javascript", "cpp")
SUBSETS = ("hand-written", "generated")  # of the cpu-tiny data source, mini+generated

# stage -> {dotted key: (low, high)}; "*" expands to every language.
RULES: dict[str, dict[str, tuple[float, float]]] = {
    "01_explore_dataset": {
        "records.*.train": (1, 1e9),
        "records.*.test": (1, 1e9),
        "median_code_tokens.*": (1, 1e6),
        "runs_ok_share.*": (0.9, 1.0),
        "matches_expected_share.*": (0.9, 1.0),
    },
    "04_merge_ties_slerp": {
        **{
            f"codebleu_{scoring}.{system}.*": (0.0, 1.0)
            for scoring in ("published", "corrected")
            for system in ("ties", "slerp-python-java", "slerp-tree")
        },
        "runs_rate.ties.*": (0.0, 1.0),
        "runs_rate.slerp-tree.*": (0.0, 1.0),
        # mergekit's weights equal the teaching versions in helpers.merge
        "teaching_max_abs_diff.ties": (0.0, 1e-5),
        "teaching_max_abs_diff.slerp": (0.0, 1e-5),
        "task_vector_relative_norm.*": (1e-4, 1.0),
        "distance_to_experts.ties.*": (1e-4, 1.0),
    },
    "05_moe_assembly": {
        "walk_token_max_abs_diff": (0.0, 1e-4),  # y by hand = the Mixtral block
        "router_layers": (3, 3),
        "router_shape.experts": (4, 4),
        "router_shape.hidden": (128, 128),
        "gate_modes_differ": (1, 1),
        "random_reproducible": (1, 1),
        "teaching_moe_layer_max_abs_diff": (0.0, 1e-4),
        **{
            f"own_expert_share.{mode}.{kind}.{layer}.*": (0.0, 1.0)
            for mode in ("hidden", "cheap_embed", "random")
            for kind in ("prompt", "program")
            for layer in range(3)
        },
        **{
            f"java_javascript_confusion.{mode}.{kind}.{layer}": (0.0, 1.0)
            for mode in ("hidden", "cheap_embed", "random")
            for kind in ("prompt", "program")
            for layer in range(3)
        },
        **{f"codebleu_corrected.moe-{mode}.*": (0.0, 1.0) for mode in ("hidden", "cheap_embed", "random")},
        "runs_rate.moe-hidden.*": (0.0, 1.0),
        **{f"probe_accuracy.{layer}": (0.0, 1.0) for layer in range(4)},  # embeddings and 3 layers
        **{f"router_input_class_mean_share.{layer}.*": (0.0, 1.0) for layer in range(3)},
        **{f"linear_router_ceiling.{layer}.*": (0.0, 1.0) for layer in range(3)},
        "linear_router_ceiling_mean": (0.25, 1.0),  # a fitted router does at least as well as chance
    },
    "08_reproduce_paper": {
        "n_samples": (1999, 1999),
        "max_abs_delta_vs_csv": (0.0, 0.003),
        "published.base/*": (0.15, 0.25),
        "published.finetuned/*": (0.30, 0.45),
        "published.base_moe/all": (0.16, 0.17),
        "corrected.base/*": (0.0, 0.15),
        "free_dataflow_share.base/*": (0.2, 0.6),
        "runs_rate.finetuned/*": (0.0, 1.0),
        "runs_rate.reference/*": (0.5, 1.0),
        "reference_driver_match_rate.reference/*": (0.99, 1.0),
        "requested_language_share.finetuned/*": (0.5, 1.0),
        "published_source_refs.finetuned/*": (0.2, 0.5),
    },
    "02_base_model": {
        "base_codebleu_published.*": (0.0, 1.0),
        "base_codebleu_corrected.*": (0.0, 1.0),
        "n_predictions.*": (16, 16),  # 8 hand-written and 8 generated test tasks per language
        "parameters": (1e5, 1e7),
        "base_runs_rate.*": (0.0, 1.0),
    },
    # one stage per language; the bars of the task: the expert beats the base model on its own
    # language (corrected CodeBLEU higher, validation loss lower) and packing leaves no padding
    **{
        f"03_qlora_finetune-{lang}": {
            "base_codebleu_corrected": (0.0, 1.0),
            "expert_codebleu_corrected": (0.0, 1.0),
            "base_codebleu_published": (0.0, 1.0),
            "expert_codebleu_published": (0.0, 1.0),
            # with 408 training programs the validation loss falls for every expert, but greedy
            # CodeBLEU on 16 test tasks moves by a few thousandths either way: only its range is checked
            "expert_gain_codebleu_corrected": (-1.0, 1.0),
            **{f"by_subset.{subset}.expert_codebleu_corrected": (0.0, 1.0) for subset in SUBSETS},
            "base_free_dataflow_share_published": (0.0, 1.0),  # what the Summary explains the scorings by
            "expert_free_dataflow_share_published": (0.0, 1.0),
            "val_loss_drop": (1e-6, 10.0),
            "base_val_loss": (0.0, 20.0),
            "expert_val_loss": (0.0, 20.0),
            "train_steps": (1, 1e6),
            "padding_share": (0.0, 0.05),
            "train_tokens_per_second": (1.0, 1e9),
            # paired bootstrap intervals, expert minus base (see test_intervals_are_ordered)
            **{
                f"base_vs_expert_ci.{key}.{field}": (-1.0, 1.0)
                for key in ("codebleu_corrected", "codebleu_published", "runs_rate")
                for field in ("difference", "low", "high")
            },
            **{
                f"base_vs_expert_ci.val_loss.{field}": (-20.0, 20.0)
                for field in ("difference", "low", "high")
            },
            "base_vs_expert_ci.codebleu_corrected.pairs": (16, 16),  # 8 hand-written and 8 generated tasks
            "base_vs_expert_ci.val_loss.pairs": (16, 16),
        }
        for lang in LANGS
    },
    "07_evaluate": {
        **{
            f"table.{system}.*.{metric}": (0.0, 1.0)
            for system in (
                "base",
                "expert (oracle)",
                "ties",
                "slerp-tree",
                "moe-hidden",
                "moe-cheap_embed",
                "moe-random",
                "moe-trained-top2",
            )
            for metric in ("codebleu_published", "codebleu_corrected", "runs_rate")
        },
        "sizes.moe-hidden.total": (1e5, 1e8),
        "sizes.base.tokens_per_s": (1e-3, 1e9),
        # HumanEval-X pass@1 for every system; the canonical solutions show the harness works
        **{
            f"humaneval_x.{system}.*": (0.0, 1.0)
            for system in (
                "base",
                "expert (oracle)",
                "ties",
                "slerp-tree",
                "moe-hidden",
                "moe-cheap_embed",
                "moe-random",
                "moe-trained-top2",
            )
        },
        "humaneval_x.canonical solutions.*": (0.95, 1.0),
        "humaneval_problems.*": (1, 164),
        # teacher-forced validation loss: every expert (by its language) and system on every language
        **{
            f"expert_loss_matrix.{row}.*": (0.0, 20.0)
            for row in (*LANGS, "base", "moe-hidden", "moe-trained-top2")
        },
        **{
            f"language_following.{system}.*": (0.0, 1.0)
            for system in ("base", "expert (oracle)", "moe-hidden")
        },
        **{f"by_subset.base.{subset}.codebleu_corrected": (0.0, 1.0) for subset in SUBSETS},
    },
    # the bar of the task: a trained top-2 router beats every untrained mergekit gate, same run
    "06_router_training": {
        **{
            f"val_loss.moe-{name}": (0.0, 20.0)
            for name in (
                "hidden",
                "cheap_embed",
                "random",
                "trained-softmax",
                "trained-top2",
                "trained-noisy-top2",
            )
        },
        "val_loss.expert (oracle)": (0.0, 20.0),
        "top2_beats_every_mergekit_gate": (1, 1),
        **{
            f"routing_accuracy_mean.moe-{name}": (0.0, 1.0)
            for name in ("hidden", "trained-softmax", "trained-top2", "trained-noisy-top2")
        },
        "train_load_cv_mean.top2": (0.0, 2.0),
        "train_load_cv_mean.noisy-top2": (0.0, 2.0),
        "val_load_cv_mean.top2": (0.0, 2.0),
        "val_load_cv_mean.noisy-top2": (0.0, 2.0),
        "router_steps": (1, 1e6),
        # paired bootstrap intervals over validation examples (see test_intervals_are_ordered)
        **{
            f"{key}.moe-trained-{name}.{measure}.{field}": (low, high)
            for name in ("softmax", "top2", "noisy-top2")
            for key, measure, low, high in (
                ("trained_vs_best_gate_ci", "val_loss", -20.0, 20.0),
                ("trained_vs_best_gate_ci", "routing_accuracy", -1.0, 1.0),
                ("trained_vs_oracle_ci", "val_loss", -20.0, 20.0),
            )
            for field in ("difference", "low", "high")
        },
        **{
            f"gap_closed_ci.moe-trained-{name}.{field}": (-100.0, 100.0)
            for name in ("softmax", "top2", "noisy-top2")
            for field in ("value", "low", "high")
        },
        **{
            f"routing_accuracy_ci.moe-{name}.{field}": (0.0, 1.0)
            for name in ("hidden", "cheap_embed", "random", "trained-top2")
            for field in ("value", "low", "high")
        },
        "trained_vs_best_gate_ci.moe-trained-top2.val_loss.pairs": (64, 64),  # 16 per language
        **{
            f"noise_{split}_load_cv_ci.{field}": (-2.0, 2.0)
            for split in ("train", "val")
            for field in ("low", "high")
        },
    },
}

# stage -> {key: (at least this many rows, fields every row must fill)}, for lists of records.
ROW_RULES: dict[str, dict[str, tuple[int, tuple[str, ...]]]] = {
    "08_reproduce_paper": {"verdicts": (5, ("claim", "verdict"))},
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory) -> Path:
    """Run the whole cpu-tiny workbook once; return its runs/cpu-tiny folder."""
    runs = tmp_path_factory.mktemp("runs")
    cmd = [
        sys.executable,
        "-m",
        "helpers.pipeline",
        "--profile",
        "cpu-tiny",
        "--force",
        "--runs-dir",
        str(runs),
        "--param",
        f"ARTIFACTS={ARTIFACTS}",
        "--param",
        f"PAPER_FIGURES={runs / 'paper-figures'}",
    ]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, f"pipeline failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    return runs / "cpu-tiny"


def expand(key: str) -> list[str]:
    """Replace "*" in a dotted key by each language."""
    return [key.replace("*", lang) for lang in LANGS] if "*" in key else [key]


def lookup(metrics: dict, dotted: str):
    value = metrics
    for part in dotted.split("."):
        assert isinstance(value, dict) and part in value, f"metrics.json lacks {dotted!r}"
        value = value[part]
    return value


def numbers(value):
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from numbers(item)


def check_rows(metrics: dict, key: str, min_rows: int, fields: tuple[str, ...]) -> None:
    """Assert metrics[key] is a list of at least min_rows records, each with non-empty fields."""
    rows = lookup(metrics, key)
    assert isinstance(rows, list) and len(rows) >= min_rows, (
        f"{key} needs at least {min_rows} rows, got {rows!r:.200}"
    )
    for index, row in enumerate(rows):
        assert isinstance(row, dict), f"{key}[{index}] is not a record"
        for name in fields:
            assert isinstance(row.get(name), str) and row[name].strip(), f"{key}[{index}] lacks {name!r}"


def test_every_notebook_has_rules():
    stems = {p.stem for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")}
    covered = {stage.split("-")[0] for stage in RULES}  # 03_qlora_finetune-python -> 03_qlora_finetune
    assert stems <= covered, f"add metric rules for {sorted(stems - covered)}"


@pytest.mark.parametrize("stage", sorted(RULES))
def test_stage_metrics(pipeline_run, stage):
    if not (NOTEBOOKS_DIR / f"{stage.split('-')[0]}.ipynb").exists():
        pytest.skip(f"{stage} notebook not in this checkout")
    metrics_path = pipeline_run / stage / "metrics.json"
    assert metrics_path.exists(), f"{stage} wrote no metrics.json"
    metrics = json.loads(metrics_path.read_text())
    assert metrics.get("status") != "skipped", f"{stage} skipped: {metrics.get('reason')}"
    for number in numbers(metrics):
        assert math.isfinite(number), f"{stage}: non-finite value in metrics.json"
    for key, (low, high) in RULES[stage].items():
        for dotted in expand(key):
            value = lookup(metrics, dotted)
            assert low <= value <= high, f"{stage}: {dotted}={value} not in [{low}, {high}]"
    for key, (min_rows, fields) in ROW_RULES.get(stage, {}).items():
        check_rows(metrics, key, min_rows, fields)
    assert list((pipeline_run / stage).glob("*.png")), f"{stage} saved no figure"


def intervals(value, where: str = ""):
    """(dotted key, interval) of every bootstrap interval (a dict with low, high and verdict) in metrics."""
    if isinstance(value, dict):
        if {"low", "high", "verdict"} <= set(value):
            yield where, value
        for key, item in value.items():
            yield from intervals(item, f"{where}.{key}" if where else key)


@pytest.mark.parametrize("stage", ["03_qlora_finetune-python", "06_router_training"])
def test_intervals_are_ordered(pipeline_run, stage):
    """Every bootstrap interval: low <= high, its verdict read from where 0 lies, seeded resamples."""
    metrics = json.loads((pipeline_run / stage / "metrics.json").read_text())
    found = list(intervals(metrics))
    assert len(found) >= 4, f"{stage} reports no bootstrap intervals"
    for key, ci in found:
        assert ci["low"] <= ci["high"], f"{stage}: {key} has low {ci['low']} > high {ci['high']}"
        reference = ci.get("reference", 0.0)  # e.g. chance for a routing accuracy
        expected = (
            "higher"
            if ci["low"] > reference
            else "lower"
            if ci["high"] < reference
            else "no clear difference"
        )
        assert ci["verdict"] == expected, f"{stage}: {key} verdict {ci['verdict']!r}, interval {ci}"
        assert ci["level"] == 0.95 and 900 <= ci["resamples"] <= 1000, f"{stage}: {key} {ci}"
    assert metrics["bootstrap"]["seed"] == 0


def test_comparison_table_is_complete(pipeline_run):
    """Notebook 07: a row per system, a column per language, every cell filled in both scorings."""
    metrics = json.loads((pipeline_run / "07_evaluate" / "metrics.json").read_text())
    assert {"base", "expert (oracle)", "ties", "slerp-tree", "moe-hidden"} <= set(metrics["systems"])
    assert any(s.startswith("moe-trained-") for s in metrics["systems"]), "trained routers missing"
    for system in metrics["systems"]:
        for lang in LANGS:
            cell = metrics["table"][system][lang]
            for metric in ("codebleu_published", "codebleu_corrected"):
                assert math.isfinite(cell[metric]), f"{system}/{lang}/{metric} is empty"
