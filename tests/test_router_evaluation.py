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
    # differences -0.2, -0.25, -0.25, -0.18: every resample's mean is below 0
    assert noise["train_ci"]["verdict"] == "lower" and noise["train_ci"]["high"] < 0
    assert noise["train_ci"]["difference"] == pytest.approx(-0.22)
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
        "train_ci": {"difference": 0.0, "low": -0.1, "high": 0.1, "verdict": "no clear difference"},
    }
    metrics = router_evaluation.training_metrics(
        table, accuracy, load_cvs, noise, "top2", ["hidden", "random"], LANGS
    )
    assert metrics["top2_beats_every_mergekit_gate"] is True
    assert metrics["best_mergekit_gate"] == layout.moe_system("hidden")
    assert metrics["gap_closed_by_trained_top_k"] == pytest.approx(0.5)
    assert metrics["routing_accuracy_mean"][layout.trained_moe_system("top2")] == pytest.approx(0.6)
    assert metrics["noise_effect_on_train_load_cv"] == "no clear difference"  # the bootstrap's verdict


def example_report(losses, tokens):
    """A validation_loss report with per-example values, {language: [...]} each."""
    total = sum(x * t for lang in losses for x, t in zip(losses[lang], tokens[lang], strict=True))
    count = sum(sum(t) for t in tokens.values())
    return {**report(total / count, {}, count), "example_losses": losses, "example_tokens": tokens}


def routing_rows(own, tokens, selected=None):
    """A one-layer routing table: per language, each prompt's own-expert first-choice count and
    tokens (the rest go to the other expert); `selected`: {language: {expert: counts}}."""
    rows = []
    for lang in LANGS:
        for expert in LANGS:
            first = own[lang] if expert == lang else [t - o for o, t in zip(own[lang], tokens, strict=True)]
            chosen = selected[lang][expert] if selected else first
            rows.append(
                {
                    "layer": 0,
                    "language": lang,
                    "expert": expert,
                    "first_choice_share": sum(first) / sum(tokens),
                    "selected_share": sum(chosen) / sum(tokens),
                    "tokens": sum(tokens),
                    "first_choice_counts": first,
                    "selected_counts": chosen,
                    "prompt_tokens": tokens,
                }
            )
    return pd.DataFrame(rows)


def test_headline_intervals_of_constant_differences_are_those_constants():
    from helpers import routing

    tokens = {lang: [2, 3, 4] for lang in LANGS}
    gate = {"python": [3.0, 4.0, 5.0], "java": [2.0, 6.0, 4.0]}
    shifted = {
        name: {lang: [x + d for x in xs] for lang, xs in gate.items()}
        for name, d in (("t", -0.5), ("o", -1.0))
    }
    hidden, random_gate = layout.moe_system("hidden"), layout.moe_system("random")
    trained = layout.trained_moe_system("top2")
    evaluation = {
        hidden: example_report(gate, tokens),
        random_gate: example_report({lang: [9.0] * 3 for lang in LANGS}, tokens),
        trained: example_report(shifted["t"], tokens),
        layout.ORACLE: example_report(shifted["o"], tokens),
    }
    routed = [4, 4, 4]
    tables = {
        hidden: routing_rows({lang: [1, 1, 1] for lang in LANGS}, routed),
        random_gate: routing_rows({lang: [2, 2, 2] for lang in LANGS}, routed),
        trained: routing_rows({"python": [3, 3, 3], "java": [4, 1, 4]}, routed),
    }
    found = router_evaluation.headline_intervals(
        evaluation, tables, ["hidden", "random"], LANGS, resamples=200
    )
    assert found["bootstrap"]["versus"] == hidden and found["bootstrap"]["strata"] == "language"
    versus = found["trained_vs_best_gate_ci"][trained]["val_loss"]
    assert [versus["difference"], versus["low"], versus["high"]] == pytest.approx([-0.5] * 3)
    assert versus["verdict"] == "lower" and versus["pairs"] == 6
    oracle = found["trained_vs_oracle_ci"][trained]["val_loss"]
    assert [oracle["low"], oracle["high"]] == pytest.approx([0.5] * 2) and oracle["verdict"] == "higher"
    gap = found["gap_closed_ci"][trained]
    assert [gap["value"], gap["low"], gap["high"]] == pytest.approx([0.5] * 3)
    # routing accuracy: the mean over layers and languages of the own expert's share, as comparison_table
    accuracy = found["routing_accuracy_ci"]
    for name, table in tables.items():
        assert accuracy[name]["value"] == pytest.approx(routing.own_expert_share(table).mean(axis=1).mean())
    assert [accuracy[hidden]["low"], accuracy[hidden]["high"]] == pytest.approx([0.25] * 2)
    assert accuracy[hidden]["reference"] == 0.5 and accuracy[hidden]["verdict"] == "lower"  # below chance
    assert accuracy[trained]["verdict"] == "higher"
    assert accuracy[trained]["low"] < accuracy[trained]["value"] < accuracy[trained]["high"]  # java varies
    assert found["trained_vs_best_gate_ci"][trained]["routing_accuracy"]["difference"] == pytest.approx(0.5)
    again = router_evaluation.headline_intervals(
        evaluation, tables, ["hidden", "random"], LANGS, resamples=200
    )
    assert again == found  # seeded
    table = router_evaluation.interval_table(found)
    assert list(table.index) == [trained] and table.loc[trained, "gap closed (low)"] == pytest.approx(0.5)
    assert table.loc[trained, "loss minus best gate"] == pytest.approx(-0.5)


def test_headline_intervals_refuse_misaligned_examples():
    tokens = {lang: [2, 3] for lang in LANGS}
    evaluation = {layout.moe_system("hidden"): example_report({lang: [1.0, 2.0] for lang in LANGS}, tokens)}
    tables = {layout.moe_system("hidden"): routing_rows({lang: [1, 1, 1] for lang in LANGS}, [2, 2, 2])}
    with pytest.raises(ValueError, match="different examples"):
        router_evaluation.example_columns(evaluation, tables, LANGS)


def test_noise_comparison_intervals_over_steps_and_validation_programs():
    histories = {"top2": history([0.5, 0.6, 0.55, 0.5]), "noisy-top2": history([0.3, 0.4, 0.35, 0.3])}
    plain, noisy = layout.trained_moe_system("top2"), layout.trained_moe_system("noisy-top2")
    load_cvs = {plain: pd.Series([1.0]), noisy: pd.Series([0.0])}
    routed = [4, 4, 4]
    one_expert = {lang: {"python": routed, "java": [0, 0, 0]} for lang in LANGS}  # load CV 1
    even = {lang: {"python": [2, 2, 2], "java": [2, 2, 2]} for lang in LANGS}  # load CV 0
    own = {lang: [2, 2, 2] for lang in LANGS}
    tables = {plain: routing_rows(own, routed, one_expert), noisy: routing_rows(own, routed, even)}
    noise = router_evaluation.noise_comparison(histories, load_cvs, "top2", "noisy-top2", tables, seed=0)
    train = noise["train_ci"]  # noisy minus plain is -0.2 at every step
    assert [train["difference"], train["low"], train["high"]] == pytest.approx([-0.2] * 3)
    assert train["verdict"] == "lower" and train["pairs"] == 4
    assert [noise["val_ci"]["low"], noise["val_ci"]["high"]] == pytest.approx([-1.0] * 2)
    assert router_evaluation.load_cv(tables[plain]).mean() == pytest.approx(1.0)  # the same CV
