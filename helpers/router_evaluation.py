"""Comparing routers on validation data: loss per program token, routing accuracy, load balance,
the oracle, whether noise in training evened out the experts' load, and seeded bootstrap
intervals of those comparisons over the validation examples (notebook 06)."""

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
        **{  # per example, when the reports keep them
            key: {language: r[key][language] for language, r in per_language.items()}
            for key in ("example_losses", "example_tokens")
            if all(key in r for r in per_language.values())
        },
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
    histories: Mapping[str, Sequence[dict]],
    load_cvs: Mapping[str, pd.Series],
    plain: str,
    noisy: str,
    tables: Mapping[str, pd.DataFrame] | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Does noise even out the load? The same batches at every step make the per-step difference
    of load CV (noisy minus plain, mean over layers) a paired comparison; validation has no noise.

    `plain` and `noisy` are router names (`top2`, `noisy-top2`); `load_cvs` (and `tables`, the
    routing tables) are keyed by system name. `train_ci`: seeded bootstrap interval over steps;
    `val_ci` (with `tables`): over validation programs, resampled within each language.
    """
    import numpy as np
    import pandas as pd

    train_cv = {
        name: pd.DataFrame(histories[name]).set_index("step")["load_cv"].map(np.mean)
        for name in (plain, noisy)
    }  # mean over layers, per step
    val_cv = {name: float(load_cvs[layout.trained_moe_system(name)].mean()) for name in (plain, noisy)}
    found = {
        "train_cv": train_cv,
        "train_load_cv_mean": {name: float(curve.mean()) for name, curve in train_cv.items()},
        "val_load_cv_mean": val_cv,
        "train_ci": stats.paired_bootstrap(train_cv[plain].tolist(), train_cv[noisy].tolist(), seed=seed),
        "noise_lowers_val_load_cv": bool(val_cv[noisy] < val_cv[plain]),
    }
    if tables is not None:
        systems = [layout.trained_moe_system(name) for name in (plain, noisy)]
        columns = example_columns(
            {}, {s: tables[s] for s in systems}, list(dict.fromkeys(tables[systems[0]]["language"]))
        )
        cv = {s: _load_cv_statistic(columns["selected"][s]) for s in systems}
        options = {"seed": seed, "strata": columns["strata"]}
        found["val_ci"] = _difference_ci(cv[systems[0]], cv[systems[1]], len(columns["strata"]), options)
    return found


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
    return {
        "val_loss": val_loss.to_dict(),
        "val_loss_by_language": comparison[list(languages)].to_dict(orient="index"),
        "routing_accuracy": {name: a.tolist() for name, a in accuracy.items()},
        "routing_accuracy_mean": comparison["routing_accuracy"].dropna().to_dict(),
        "load_cv": {name: cv.tolist() for name, cv in load_cvs.items()},
        "train_load_cv_mean": noise["train_load_cv_mean"],
        "val_load_cv_mean": noise["val_load_cv_mean"],
        "noise_train_load_cv_difference": noise["train_ci"]["difference"],
        "noise_effect_on_train_load_cv": noise["train_ci"]["verdict"],  # the bootstrap's, over steps
        "noise_lowers_val_load_cv": noise["noise_lowers_val_load_cv"],
        **{
            f"noise_{split}_load_cv_ci": noise[f"{split}_ci"]
            for split in ("train", "val")
            if f"{split}_ci" in noise
        },
        "top2_beats_every_mergekit_gate": all(top_k < loss for loss in mergekit.values()),
        "best_mergekit_gate": best_gate,
        "gap_closed_by_trained_top_k": gap_closed(top_k, mergekit[best_gate], oracle),
    }


def validation_loss(model, examples: Sequence[dict], pad_id: int, batch_size: int = 8) -> dict[str, Any]:
    """Mean loss per labelled (program) token of any causal LM, overall and per language.

    `example_losses` and `example_tokens` keep each example's loss per token and token count,
    per language in the examples' order, for paired bootstrap intervals.
    """
    import torch

    per_example: list[tuple[float, int]] = [(0.0, 0)] * len(examples)  # (summed loss, tokens)
    # similar lengths together: less padding
    order = sorted(range(len(examples)), key=lambda i: len(examples[i]["input_ids"]))
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            batch = {k: v.to(model.device) for k, v in collate([examples[i] for i in chunk], pad_id).items()}
            logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
            loss_sum, n_tokens = token_loss(logits, batch["labels"])
            for i, row_loss, row_n in zip(chunk, loss_sum.tolist(), n_tokens.tolist(), strict=True):
                per_example[i] = (float(row_loss), int(row_n))
    model.train(was_training)
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    losses: dict[str, list[float]] = {}
    tokens: dict[str, list[int]] = {}
    for example, (row_loss, row_n) in zip(examples, per_example, strict=True):
        key = example["language"]
        sums[key] = sums.get(key, 0.0) + row_loss
        counts[key] = counts.get(key, 0) + row_n
        losses.setdefault(key, []).append(row_loss / row_n if row_n else 0.0)  # weight 0 then
        tokens.setdefault(key, []).append(row_n)
    return {
        "loss": sum(sums.values()) / max(sum(counts.values()), 1),
        "loss_by_language": {k: sums[k] / max(counts[k], 1) for k in sums},
        "tokens": sum(counts.values()),
        "example_losses": losses,
        "example_tokens": tokens,
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


# --------------------------------------------------------------------------- intervals


def example_columns(
    evaluation: Mapping[str, Mapping[str, Any]], tables: Mapping[str, pd.DataFrame], languages: Sequence[str]
) -> dict[str, Any]:
    """Per validation example, aligned across systems (languages in order, each in its examples'
    order): `losses` per token and `tokens` (from `validation_loss` reports); from the routing
    tables `own` first-choice counts (layers, examples), `selected` counts (layers, examples,
    experts), `routed_tokens` and the number of `experts`; `strata`: each example's language."""
    import numpy as np

    found: dict[str, Any] = {"losses": {}, "own": {}, "selected": {}}
    sizes: dict[str, int] = {}
    for name, r in evaluation.items():
        found["losses"][name] = np.array([x for lang in languages for x in r["example_losses"][lang]])
        found["tokens"] = np.array([t for lang in languages for t in r["example_tokens"][lang]], dtype=float)
        sizes |= {lang: len(r["example_tokens"][lang]) for lang in languages}
    for name, table in tables.items():
        experts = list(dict.fromkeys(table["expert"]))
        layers = sorted(table["layer"].unique())
        cell = {(row.layer, row.language, row.expert): row for row in table.itertuples()}
        found["own"][name] = np.array(
            [
                [c for lang in languages for c in cell[layer, lang, lang].first_choice_counts]
                for layer in layers
            ],
            dtype=float,
        )
        found["selected"][name] = np.stack(
            [
                np.concatenate(
                    [
                        np.array([cell[layer, lang, e].selected_counts for e in experts]).T
                        for lang in languages
                    ]
                )
                for layer in layers
            ]
        ).astype(float)
        found["experts"] = len(experts)
        routed = {lang: cell[layers[0], lang, experts[0]].prompt_tokens for lang in languages}
        found["routed_tokens"] = np.array([t for lang in languages for t in routed[lang]], dtype=float)
        if sizes and sizes != {lang: len(routed[lang]) for lang in languages}:
            raise ValueError(f"{name}'s routing table and the losses count different examples per language.")
        sizes = {lang: len(routed[lang]) for lang in languages}
    found["strata"] = [lang for lang in languages for _ in range(sizes.get(lang, 0))]
    return found


def _load_cv_statistic(selected):
    """The mean over layers of the load CV of the resampled examples' selected counts."""
    import numpy as np

    def statistic(indices: list[int]) -> float:
        counts = selected[:, indices, :].sum(axis=1)  # (layers, experts)
        return float(np.mean(counts.std(axis=1) / counts.mean(axis=1)))

    return statistic


def headline_intervals(
    evaluation: Mapping[str, Mapping[str, Any]],
    tables: Mapping[str, pd.DataFrame],
    gate_modes: Sequence[str],
    languages: Sequence[str],
    resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, Any]:
    """Seeded bootstrap intervals of notebook 06's headline comparisons, over validation examples
    resampled within each language (each system scored on the same resampled examples).

    `trained_vs_best_gate_ci`: every trained MoE minus the mergekit gate with the lowest loss, in
    loss per token and mean routing accuracy; `trained_vs_oracle_ci`: loss minus the oracle's;
    `gap_closed_ci`: the share of the best gate's gap to the oracle each closes (the best gate kept
    fixed); `routing_accuracy_ci`: every routed system's mean routing accuracy (its verdict against
    chance, 1 / experts).
    """
    import numpy as np

    columns = example_columns(evaluation, tables, languages)
    strata, tokens, losses = columns["strata"], columns["tokens"], columns["losses"]
    n, lang_index = len(strata), np.array([list(languages).index(lang) for lang in strata])
    options = {"resamples": resamples, "level": level, "seed": seed, "strata": strata}

    def loss(name: str):
        return lambda idx: float((losses[name][idx] * tokens[idx]).sum() / tokens[idx].sum())

    def accuracy(name: str):
        own, routed = columns["own"][name], columns["routed_tokens"]

        def statistic(idx: list[int]) -> float:
            per_language = np.bincount(lang_index[idx], weights=routed[idx], minlength=len(languages))
            shares = [
                np.bincount(lang_index[idx], weights=layer[idx], minlength=len(languages)) / per_language
                for layer in own
            ]
            return float(np.mean(shares))  # over layers and languages, as comparison_table

        return statistic

    gates = {layout.moe_system(mode): evaluation[layout.moe_system(mode)]["loss"] for mode in gate_modes}
    best = min(gates, key=gates.get)  # as training_metrics picks it
    trained = [name for name in evaluation if layout.is_trained_moe(name)]
    paired = {
        name: stats.paired_bootstrap(
            losses[best].tolist(), losses[name].tolist(), weights=tokens.tolist(), **options
        )
        for name in trained
    }
    found: dict[str, Any] = {
        "trained_vs_best_gate_ci": {
            name: {
                "val_loss": paired[name],
                "routing_accuracy": _difference_ci(accuracy(best), accuracy(name), n, options),
            }
            for name in trained
        },
        "trained_vs_oracle_ci": {
            name: {
                "val_loss": stats.paired_bootstrap(
                    losses[layout.ORACLE].tolist(), losses[name].tolist(), weights=tokens.tolist(), **options
                )
            }
            for name in trained
        },
        "gap_closed_ci": {
            name: stats.bootstrap_statistic(
                lambda idx, name=name: gap_closed(loss(name)(idx), loss(best)(idx), loss(layout.ORACLE)(idx)),
                n,
                **options,
            )
            for name in trained
        },
        "routing_accuracy_ci": {  # its verdict: above or below chance (1 / experts)
            name: stats.bootstrap_statistic(accuracy(name), n, **options, reference=1 / columns["experts"])
            for name in tables
        },
        "bootstrap": {
            "resamples": resamples,
            "level": level,
            "seed": seed,
            "strata": "language",
            "versus": best,
        },
    }
    return found


def interval_table(intervals: Mapping[str, Any]) -> pd.DataFrame:
    """One row per trained MoE: estimate, low and high of each of `headline_intervals`' comparisons."""
    import pandas as pd

    rows = {}
    for name, gap in intervals["gap_closed_ci"].items():
        parts = {
            "loss minus best gate": intervals["trained_vs_best_gate_ci"][name]["val_loss"],
            "loss minus oracle": intervals["trained_vs_oracle_ci"][name]["val_loss"],
            "gap closed": gap,
            "accuracy minus best gate": intervals["trained_vs_best_gate_ci"][name]["routing_accuracy"],
        }
        rows[name] = {
            f"{label}{suffix}": r[key] if key != "estimate" else r.get("difference", r.get("value"))
            for label, r in parts.items()
            for key, suffix in (("estimate", ""), ("low", " (low)"), ("high", " (high)"))
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def _difference_ci(first, second, n: int, options: Mapping[str, Any]) -> dict[str, Any]:
    """stats.bootstrap_statistic of second(idx) - first(idx), named as a paired difference."""
    result = stats.bootstrap_statistic(lambda idx: second(idx) - first(idx), n, **options)
    del result["reference"]  # a difference is read against 0
    return {"difference": result.pop("value"), "pairs": result.pop("items"), **result}
