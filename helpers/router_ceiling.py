"""How well could any linear router route by language? Per-token evidence at the routers' own input.

A Mixtral router scores the *normalised post-attention* hidden state of each token (what its gate
receives), but mergekit's `hidden` gate is built from the residual stream *entering* each layer (at
the prompts' last tokens). This module reads what the routers really see, for program tokens:

- `router_inputs`: the input of every layer's router at each completion token;
- `class_mean_gates`: mergekit's recipe (own language's mean minus the others', normalised) applied
  to those inputs, i.e. the `hidden` gate as it would be if it read the router's input;
- `first_choice_share`: per layer and language, the share of tokens whose best-scoring row is their
  own language's;
- `linear_ceiling`: held-out accuracy of a multinomial logistic regression on the router inputs,
  the most a linear router (one row per expert, as in Mixtral) can get right per token.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

PROGRAMS = 32  # programs per language and split that notebook 05 reads the routers' input on


def router_inputs(model, tokenizer, prompts: Sequence[str], completions: Sequence[str]) -> list[torch.Tensor]:
    """Per layer, the router's input at every completion token of prompt + completion: (tokens, hidden).

    Texts are read one at a time (no padding), tokenised as routing.router_choices does.
    """
    import torch

    from helpers.router_modules import moe_blocks

    if len(prompts) != len(completions):
        raise ValueError(f"{len(completions)} completions for {len(prompts)} prompts; one each.")
    blocks = moe_blocks(model)
    caught: dict[int, torch.Tensor] = {}

    def keep(layer: int):
        def hook(module, args):
            caught[layer] = args[0].detach().reshape(-1, args[0].shape[-1]).float().cpu()

        return hook

    handles = [block.gate.register_forward_pre_hook(keep(i)) for i, block in enumerate(blocks)]
    per_layer: list[list[torch.Tensor]] = [[] for _ in blocks]
    try:
        with torch.no_grad():
            for prompt, completion in zip(prompts, completions, strict=True):
                start = len(tokenizer(prompt, add_special_tokens=False)["input_ids"])
                ids = tokenizer(prompt + completion, add_special_tokens=False, return_tensors="pt")[
                    "input_ids"
                ]
                model(input_ids=ids.to(model.device), use_cache=False)
                for layer in range(len(blocks)):
                    per_layer[layer].append(caught[layer][start:])
    finally:
        for handle in handles:
            handle.remove()
    return [torch.cat(rows) for rows in per_layer]


def class_mean_gates(
    features: Mapping[str, Sequence[torch.Tensor]], experts: Sequence[str]
) -> list[torch.Tensor]:
    """Per layer, an (experts, hidden) router: row e is the mean input of expert e's language minus
    the mean of the other languages' means, normalised to length 1 (mergekit's `hidden` recipe)."""
    import torch

    missing = [e for e in experts if e not in features]
    if missing:
        raise ValueError(f"no features for {missing}; features are given for {sorted(features)}.")
    layers = len(features[experts[0]])
    gates = []
    for layer in range(layers):
        means = torch.stack([features[e][layer].mean(dim=0) for e in experts])  # (experts, hidden)
        others = (means.sum(dim=0, keepdim=True) - means) / (len(experts) - 1)
        gates.append(torch.nn.functional.normalize(means - others, dim=1))
    return gates


def first_choice_share(
    features: Mapping[str, Sequence[torch.Tensor]], gates: Sequence[torch.Tensor], experts: Sequence[str]
) -> dict[int, dict[str, float]]:
    """{layer: {language: share of its tokens whose highest-scoring router row is its own expert's}}."""
    shares: dict[int, dict[str, float]] = {}
    for layer, gate in enumerate(gates):
        shares[layer] = {
            language: float(((features[language][layer] @ gate.T).argmax(dim=1) == e).float().mean())
            for e, language in enumerate(experts)
            if language in features
        }
    return shares


def linear_ceiling(
    train: Mapping[str, Sequence[torch.Tensor]],
    test: Mapping[str, Sequence[torch.Tensor]],
    experts: Sequence[str],
    seed: int = 0,
    steps: int = 100,
    weight_decay: float = 1e-3,
) -> dict[int, dict[str, float]]:
    """{layer: {language: held-out share of its tokens a logistic-regression router sends to its own
    expert}}, trained on `train`'s tokens (standardised, LBFGS), scored on `test`'s."""
    import torch

    from helpers.specialisation import fit_probe

    ceiling: dict[int, dict[str, float]] = {}
    for layer in range(len(train[experts[0]])):
        x = torch.cat([train[e][layer] for e in experts])
        y = torch.cat([torch.full((len(train[e][layer]),), i) for i, e in enumerate(experts)])
        predict = fit_probe(x, y, len(experts), seed, steps, weight_decay)
        ceiling[layer] = {
            language: float((predict(test[language][layer]) == e).float().mean())
            for e, language in enumerate(experts)
            if language in test
        }
    return ceiling
