"""Comparing routers on validation data: loss per program token, routing accuracy, load balance,
the oracle, and whether noise in training evened out the experts' load (notebook 06)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from helpers import layout, stats
from helpers.router import collate, token_loss

if TYPE_CHECKING:
    import pandas as pd


def oracle_report(per_language: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The oracle (each language's own expert on its own examples) as one `validation_loss` report."""
    return {
        "loss": mixed_loss(per_language),
        "loss_by_language": {language: r["loss"] for language, r in per_language.items()},
        "tokens": sum(r["tokens"] for r in per_language.values()),
    }


def comparison_table(
    evaluation: Mapping[str, Mapping[str, Any]],
    accuracy: Mapping[str, pd.Series],
    load_cvs: Mapping[str, pd.Series],
    languages: Sequence[str],
) -> pd.DataFrame:
    """One row per system: validation loss (all, per language), routing accuracy and load CV
    (means over layers; NaN for the oracle, which has no router)."""
    import pandas as pd

    table = pd.DataFrame(
        {name: {"val_loss": r["loss"], **r["loss_by_language"]} for name, r in evaluation.items()}
    ).T[["val_loss", *languages]]
    table["routing_accuracy"] = pd.Series({name: a.mean() for name, a in accuracy.items()})
    table["load_cv"] = pd.Series({name: cv.mean() for name, cv in load_cvs.items()})
    return table


def gap_closed(loss: float, untrained: float, oracle: float) -> float:
    """Share of the loss gap between an untrained gate and the oracle that `loss` closes."""
    gap = untrained - oracle
    return (untrained - loss) / gap if gap else float("nan")


def noise_comparison(
    histories: Mapping[str, Sequence[dict]], load_cvs: Mapping[str, pd.Series], plain: str, noisy: str
) -> dict[str, Any]:
    """Does noise even out the load? The same batches at every step make the per-step difference
    of load CV (noisy minus plain, mean over layers) a paired comparison; validation has no noise.

    `plain` and `noisy` are router names (`top2`, `noisy-top2`); `load_cvs` is keyed by system name.
    """
    import numpy as np
    import pandas as pd

    train_cv = {
        name: pd.DataFrame(histories[name]).set_index("step")["load_cv"].map(np.mean)
        for name in (plain, noisy)
    }  # mean over layers, per step
    val_cv = {name: float(load_cvs[layout.trained_moe_system(name)].mean()) for name in (plain, noisy)}
    paired = stats.paired_difference(train_cv[plain].tolist(), train_cv[noisy].tolist())
    return {
        "train_cv": train_cv,
        "train_load_cv_mean": {name: float(curve.mean()) for name, curve in train_cv.items()},
        "val_load_cv_mean": val_cv,
        "paired": paired,
        "noise_lowers_val_load_cv": bool(val_cv[noisy] < val_cv[plain]),
    }


def training_metrics(
    comparison: pd.DataFrame,
    accuracy: Mapping[str, pd.Series],
    load_cvs: Mapping[str, pd.Series],
    noise: Mapping[str, Any],
    top_k_router: str,
    gate_modes: Sequence[str],
    languages: Sequence[str],
) -> dict[str, Any]:
    """notebook 06's results for metrics.json: losses, routing accuracy, load CV, the noise verdict,
    and how the trained top-k router compares with every mergekit gate and the oracle."""
    val_loss = comparison["val_loss"]
    top_k = float(val_loss[layout.trained_moe_system(top_k_router)])
    mergekit = {layout.moe_system(mode): float(val_loss[layout.moe_system(mode)]) for mode in gate_modes}
    best_gate = min(mergekit, key=mergekit.get)
    oracle = float(val_loss[layout.ORACLE])
    paired = noise["paired"]
    return {
        "val_loss": val_loss.to_dict(),
        "val_loss_by_language": comparison[list(languages)].to_dict(orient="index"),
        "routing_accuracy": {name: a.tolist() for name, a in accuracy.items()},
        "routing_accuracy_mean": comparison["routing_accuracy"].dropna().to_dict(),
        "load_cv": {name: cv.tolist() for name, cv in load_cvs.items()},
        "train_load_cv_mean": noise["train_load_cv_mean"],
        "val_load_cv_mean": noise["val_load_cv_mean"],
        "noise_train_load_cv_difference": paired["difference"],
        "noise_train_load_cv_difference_se": paired["se"],
        "noise_effect_on_train_load_cv": paired["verdict"],
        "noise_lowers_val_load_cv": noise["noise_lowers_val_load_cv"],
        "top2_beats_every_mergekit_gate": all(top_k < loss for loss in mergekit.values()),
        "best_mergekit_gate": best_gate,
        "gap_closed_by_trained_top_k": gap_closed(top_k, mergekit[best_gate], oracle),
    }


def validation_loss(model, examples: Sequence[dict], pad_id: int, batch_size: int = 8) -> dict[str, Any]:
    """Mean loss per labelled (program) token of any causal LM, overall and per language."""
    import torch

    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    # similar lengths together: less padding
    order = sorted(range(len(examples)), key=lambda i: len(examples[i]["input_ids"]))
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            chunk = [examples[i] for i in order[start : start + batch_size]]
            batch = {k: v.to(model.device) for k, v in collate(chunk, pad_id).items()}
            logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
            loss_sum, n_tokens = token_loss(logits, batch["labels"])
            for example, row_loss, row_n in zip(chunk, loss_sum, n_tokens, strict=True):
                key = example["language"]
                sums[key] = sums.get(key, 0.0) + float(row_loss)
                counts[key] = counts.get(key, 0) + int(row_n)
    model.train(was_training)
    return {
        "loss": sum(sums.values()) / max(sum(counts.values()), 1),
        "loss_by_language": {k: sums[k] / max(counts[k], 1) for k in sums},
        "tokens": sum(counts.values()),
    }


def load_cv(table) -> Any:
    """Per layer, the coefficient of variation of the experts' load (top-k dispatches of all
    languages' tokens) from a `helpers.routing.routing_table`: 0 is perfectly even."""
    table = table.assign(dispatched=table["selected_share"] * table["tokens"])
    counts = table.groupby(["layer", "expert"])["dispatched"].sum().unstack("expert")
    return (counts.std(axis=1, ddof=0) / counts.mean(axis=1)).rename("load_cv")


def mixed_loss(per_language: dict[str, dict[str, Any]]) -> float:
    """Token-weighted loss of several `validation_loss` reports (e.g. experts on their language)."""
    total = sum(r["loss"] * r["tokens"] for r in per_language.values())
    return total / max(sum(r["tokens"] for r in per_language.values()), 1)
