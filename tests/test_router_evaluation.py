"""helpers.router_evaluation: the comparison table, gap closed, the noise verdict, 06's metrics."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import layout, router_evaluation

LANGS = ["python", "java"]


def report(loss, by_language, tokens=10):
    return {"loss": loss, "loss_by_language": by_language, "tokens": tokens}


def test_oracle_report_weights_by_tokens():
    oracle = router_evaluation.oracle_report({"python": report(2.0, {}, 10), "java": report(4.0, {}, 30)})
    assert oracle == {"loss": 3.5, "loss_by_language": {"python": 2.0, "java": 4.0}, "tokens": 40}


def test_gap_closed_known_values():
    assert router_evaluation.gap_closed(3.0, untrained=4.0, oracle=2.0) == 0.5
    assert router_evaluation.gap_closed(4.0, 4.0, 2.0) == 0.0
    assert pd.isna(router_evaluation.gap_closed(1.0, 2.0, 2.0))


def history(cvs):
    return [{"step": i + 1, "load_cv": [cv, cv]} for i, cv in enumerate(cvs)]


def test_noise_comparison_pairs_steps_and_reads_validation():
    histories = {"top2": history([0.5, 0.6, 0.55, 0.5]), "noisy-top2": history([0.3, 0.35, 0.3, 0.32])}
    load_cvs = {
        layout.trained_moe_system("top2"): pd.Series([0.4, 0.2]),
        layout.trained_moe_system("noisy-top2"): pd.Series([0.1, 0.1]),
    }
    noise = router_evaluation.noise_comparison(histories, load_cvs, "top2", "noisy-top2")
    assert noise["paired"]["verdict"] == "lower"
    assert noise["paired"]["difference"] == pytest.approx(-0.22)
    assert noise["val_load_cv_mean"] == {"top2": pytest.approx(0.3), "noisy-top2": pytest.approx(0.1)}
    assert noise["noise_lowers_val_load_cv"] is True


def test_training_metrics_verdicts():
    systems = {
        layout.moe_system("hidden"): report(4.0, {"python": 4.0, "java": 4.0}),
        layout.moe_system("random"): report(5.0, {"python": 5.0, "java": 5.0}),
        layout.trained_moe_system("top2"): report(3.0, {"python": 3.0, "java": 3.0}),
        layout.ORACLE: report(2.0, {"python": 2.0, "java": 2.0}),
    }
    accuracy = {name: pd.Series([0.5, 0.7]) for name in systems if name != layout.ORACLE}
    load_cvs = {name: pd.Series([0.1, 0.3]) for name in accuracy}
    table = router_evaluation.comparison_table(systems, accuracy, load_cvs, LANGS)
    assert table.loc[layout.ORACLE, "val_loss"] == 2.0 and pd.isna(table.loc[layout.ORACLE, "load_cv"])
    noise = {
        "train_load_cv_mean": {},
        "val_load_cv_mean": {},
        "noise_lowers_val_load_cv": False,
        "paired": {"difference": 0.0, "se": 0.1, "verdict": "no clear difference"},
    }
    metrics = router_evaluation.training_metrics(
        table, accuracy, load_cvs, noise, "top2", ["hidden", "random"], LANGS
    )
    assert metrics["top2_beats_every_mergekit_gate"] is True
    assert metrics["best_mergekit_gate"] == layout.moe_system("hidden")
    assert metrics["gap_closed_by_trained_top_k"] == pytest.approx(0.5)
    assert metrics["routing_accuracy_mean"][layout.trained_moe_system("top2")] == pytest.approx(0.6)
