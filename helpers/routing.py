"""Where the tokens go: routing tables per language, expert and layer, the own-language share, the
Java↔JavaScript confusion, router-row similarity, and the figures drawn from them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import torch


def mean_row_cosine(weight: torch.Tensor) -> float:
    """Mean cosine similarity between different experts' rows of a router (1: indistinguishable)."""
    import torch

    rows = torch.nn.functional.normalize(weight.float(), dim=1)
    similarity = rows @ rows.T
    n = len(rows)
    return float((similarity.sum() - similarity.diagonal().sum()) / (n * (n - 1)))


def router_choices(
    model, tokenizer, prompts: Sequence[str], completions: Sequence[str] | None = None, batch_size: int = 8
) -> list[torch.Tensor]:
    """Top-k experts of every counted token: one (layers, tokens, k) tensor per prompt.

    Without completions every token of the prompt counts; with them the text is prompt +
    completion and only the completion's tokens count (e.g. a reference program read after its
    prompt, as the MoE reads its own answer while writing it).
    """
    import torch

    if completions is not None and len(completions) != len(prompts):
        raise ValueError(f"{len(completions)} completions for {len(prompts)} prompts; one each.")
    k = model.config.num_experts_per_tok
    starts = [len(tokenizer(p, add_special_tokens=False)["input_ids"]) if completions else 0 for p in prompts]
    texts = [p + c for p, c in zip(prompts, completions, strict=True)] if completions else list(prompts)
    side, tokenizer.padding_side = tokenizer.padding_side, "right"  # real tokens at positions 0..n-1
    choices: list[torch.Tensor] = []
    try:
        for first in range(0, len(texts), batch_size):
            batch = tokenizer(
                texts[first : first + batch_size], return_tensors="pt", padding=True, add_special_tokens=False
            ).to(model.device)
            with torch.no_grad():
                out = model(**batch, output_router_logits=True, use_cache=False)
            seq = batch["input_ids"].shape[1]
            # router_logits: one (batch * seq, experts) tensor per layer
            logits = torch.stack([r.float().reshape(-1, seq, r.shape[-1]) for r in out.router_logits])
            top = torch.topk(logits, k, dim=-1).indices.cpu()  # (layers, batch, seq, k)
            for row, length in enumerate(batch["attention_mask"].sum(dim=1).tolist()):
                choices.append(top[:, row, starts[first + row] : length])
    finally:
        tokenizer.padding_side = side
    return choices


def routing_table(
    model,
    tokenizer,
    prompts_by_language: Mapping[str, Sequence[str]],
    experts: Sequence[str] | None = None,
    completions_by_language: Mapping[str, Sequence[str]] | None = None,
    batch_size: int = 8,
) -> pd.DataFrame:
    """Where each language's tokens go, per layer: rows layer × language × expert.

    `first_choice_share`: share of the tokens whose highest-scoring expert is this one (sums to 1
    over experts); `selected_share`: share of the tokens that send anything to it (top-k, sums to
    k); `tokens`: how many tokens were counted. The same per prompt, as lists in the prompts'
    order (for bootstrap intervals over prompts): `first_choice_counts`, `selected_counts` and
    `prompt_tokens`. Without `experts`, the names saved with the MoE (`moe_experts.json` in the
    folder it was loaded from) are used.
    """
    import pandas as pd
    import torch

    if experts is None:
        from helpers.moe import expert_names

        experts = expert_names(model.name_or_path)
    n = len(experts)
    if n != model.config.num_local_experts:
        raise ValueError(f"{n} expert names for a MoE with {model.config.num_local_experts} experts.")
    rows = []
    for language, prompts in prompts_by_language.items():
        completions = completions_by_language[language] if completions_by_language else None
        choices = router_choices(model, tokenizer, prompts, completions, batch_size)
        top = torch.cat(choices, dim=1)  # (layers, tokens, k)
        tokens = top.shape[1]
        hot = [torch.nn.functional.one_hot(c, n) for c in choices]  # (layers, tokens_i, k, experts)
        first_counts = torch.stack([h[:, :, 0].sum(dim=1) for h in hot]).tolist()  # prompt, layer, expert
        selected_counts = torch.stack([h.sum(dim=(1, 2)) for h in hot]).tolist()
        for layer in range(top.shape[0]):
            first = torch.bincount(top[layer, :, 0], minlength=n).float() / max(tokens, 1)
            anywhere = torch.bincount(top[layer].reshape(-1), minlength=n).float() / max(tokens, 1)
            rows += [
                {
                    "layer": layer,
                    "language": language,
                    "expert": experts[e],
                    "first_choice_share": first[e].item(),
                    "selected_share": anywhere[e].item(),
                    "tokens": tokens,
                    "first_choice_counts": [counts[layer][e] for counts in first_counts],
                    "selected_counts": [counts[layer][e] for counts in selected_counts],
                    "prompt_tokens": [c.shape[1] for c in choices],
                }
                for e in range(n)
            ]
    return pd.DataFrame(rows)


def share_matrix(table: pd.DataFrame, layer: int, column: str = "first_choice_share") -> pd.DataFrame:
    """One layer of a routing table as a language × expert matrix."""
    part = table[table["layer"] == layer]
    if part.empty:
        raise ValueError(f"no layer {layer} in the table; layers: {sorted(table['layer'].unique())}.")
    return part.pivot(index="language", columns="expert", values=column)


def own_expert_share(table: pd.DataFrame, column: str = "first_choice_share") -> pd.DataFrame:
    """Per layer and language, the share of tokens routed to their own language's expert."""
    own = table[table["language"] == table["expert"]]
    return own.pivot(index="layer", columns="language", values=column)


def confusion_share(
    table: pd.DataFrame, first: str = "java", second: str = "javascript", column: str = "first_choice_share"
) -> pd.Series:
    """Per layer, the mean share of first's tokens sent to second's expert and vice versa."""
    for name in (first, second):
        if name not in set(table["language"]) or name not in set(table["expert"]):
            raise ValueError(f"{name!r} is not both a language and an expert of the table.")

    def share(language: str, expert: str) -> pd.Series:
        part = table[(table["language"] == language) & (table["expert"] == expert)]
        return part.set_index("layer")[column]

    return ((share(first, second) + share(second, first)) / 2).rename(f"{first}<->{second}")


def confusion_table(
    table: pd.DataFrame, first: str = "java", second: str = "javascript", column: str = "first_choice_share"
) -> pd.DataFrame:
    """Per layer: mean own-expert share, the first<->second share, and the mean of other cross pairs.

    With routing blind to the language, every cell is about 1/experts (first choice).
    """
    import pandas as pd

    pair = {(first, second), (second, first)}
    cross = table[table["language"] != table["expert"]]
    is_pair = [(lang, exp) in pair for lang, exp in zip(cross["language"], cross["expert"], strict=True)]
    others = cross[[not p for p in is_pair]].groupby("layer")[column].mean()
    return pd.DataFrame(
        {
            "own_expert": own_expert_share(table, column).mean(axis=1),
            f"{first}<->{second}": confusion_share(table, first, second, column),
            "other_cross_pairs": others,
        }
    )


def routing_heatmaps(
    tables: Mapping[str, pd.DataFrame],
    title: str,
    column: str = "first_choice_share",
    layers: Sequence[int] | None = None,
):
    """A grid of language × expert heatmaps: one row per table (e.g. gate mode), one column per layer.

    Without `layers`, every layer when there are at most six, else four spread over the depth.
    """
    import matplotlib.pyplot as plt

    from helpers import figure_style

    first = next(iter(tables.values()))
    if layers is None:
        every = sorted(first["layer"].unique())
        layers = every if len(every) <= 6 else [every[round(i * (len(every) - 1) / 3)] for i in range(4)]
    fig, axes = plt.subplots(
        len(tables),
        len(layers),
        squeeze=False,
        layout="constrained",
        figsize=(2.9 * len(layers) + 0.8, 2.6 * len(tables)),
    )
    for row, (name, table) in enumerate(tables.items()):
        languages = list(dict.fromkeys(table["language"]))
        experts = list(dict.fromkeys(table["expert"]))
        for col, layer in enumerate(layers):
            ax = axes[row][col]
            matrix = share_matrix(table, layer, column).loc[languages, experts].to_numpy()
            image = figure_style.annotated_heatmap(
                ax, matrix, languages if col == 0 else [], experts, colorbar_label=None
            )
            ax.set(
                title=f"{name} · layer {layer}",
                xlabel="expert" if row == len(tables) - 1 else "",
                ylabel="tokens of" if col == 0 else "",
            )
    figure_style.shared_colorbar(fig, image, axes, "share of the language's tokens")
    fig.suptitle(title)
    return fig


def history_frame(history: Sequence[dict]):
    """Training history as a long DataFrame: step, layer, expert, usage, load, load_cv."""
    import pandas as pd

    rows = [
        {
            "step": h["step"],
            "layer": layer,
            "expert": expert,
            "usage": h["usage"][layer][expert],
            "load": h["load"][layer][expert],
            "load_cv": h["load_cv"][layer],
        }
        for h in history
        for layer in range(len(h["usage"]))
        for expert in range(len(h["usage"][layer]))
    ]
    return pd.DataFrame(rows)


def shown_layers(n_layers: int, max_layers: int = 4) -> list[int]:
    """At most max_layers layer indices, evenly spread and including the first and the last."""
    if n_layers <= max_layers:
        return list(range(n_layers))
    return sorted({round(i * (n_layers - 1) / (max_layers - 1)) for i in range(max_layers)})


def usage_figure(
    histories: Mapping[str, Sequence[dict]], experts: Sequence[str], max_layers: int = 4, window: int = 5
):
    """Each expert's share of the gate mass over training: a row per router, a column per layer
    (at most max_layers), smoothed over `window` steps."""
    import matplotlib.pyplot as plt

    frames = {name: history_frame(history) for name, history in histories.items()}
    layers = shown_layers(int(next(iter(frames.values()))["layer"].max()) + 1, max_layers)
    fig, axes = plt.subplots(
        len(frames),
        len(layers),
        sharex=True,
        sharey=True,
        squeeze=False,
        figsize=(2.8 * len(layers), 1.9 * len(frames)),
    )
    for row, (name, frame) in enumerate(frames.items()):
        for col, layer in enumerate(layers):
            part = frame[frame["layer"] == layer]
            wide = (
                part.pivot(index="step", columns="expert", values="usage")
                .rolling(window, min_periods=1)
                .mean()
            )
            ax = axes[row, col]
            ax.stackplot(wide.index, wide.T.to_numpy(), labels=list(experts))
            ax.set_ylim(0, 1)
            ax.set_title(f"{name} · layer {layer}", fontsize="small")
            ax.label_outer()
    axes[0, -1].legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize="small", title="expert")
    fig.supxlabel("router training step")
    fig.supylabel("share of gate mass")
    fig.tight_layout()
    return fig


def shared_token_share(tokenizer, programs: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """Per language, the share of its programs' token occurrences whose token also occurs in
    another language's programs: how much of a program a router cannot tell apart by token."""
    ids = {
        language: [t for p in texts for t in tokenizer(p, add_special_tokens=False)["input_ids"]]
        for language, texts in programs.items()
    }
    shares = {}
    for language, tokens in ids.items():
        elsewhere = set().union(*(set(ids[other]) for other in ids if other != language))
        shares[language] = sum(t in elsewhere for t in tokens) / len(tokens) if tokens else float("nan")
    return shares


def routing_metrics(tables: Mapping[tuple[str, str], pd.DataFrame]) -> dict[str, dict]:
    """notebook 05's routing results for metrics.json from `routing_table`s keyed (gate_mode, tokens):
    own-expert shares per layer and in the best layer, and the Java↔JavaScript confusion."""
    metrics: dict[str, dict] = {
        name: {}
        for name in (
            "own_expert_share",
            "best_layer_own_share",
            "best_layer_own_selected_share",
            "java_javascript_confusion",
            "other_cross_pairs",
        )
    }
    for (mode, kind), table in tables.items():
        own = own_expert_share(table)
        metrics["own_expert_share"].setdefault(mode, {})[kind] = own.to_dict("index")
        metrics["best_layer_own_share"].setdefault(mode, {})[kind] = own.max().to_dict()
        metrics["best_layer_own_selected_share"].setdefault(mode, {})[kind] = (
            own_expert_share(table, "selected_share").max().to_dict()
        )
        metrics["java_javascript_confusion"].setdefault(mode, {})[kind] = confusion_share(table).to_dict()
        metrics["other_cross_pairs"].setdefault(mode, {})[kind] = confusion_table(table)[
            "other_cross_pairs"
        ].to_dict()
    return metrics
