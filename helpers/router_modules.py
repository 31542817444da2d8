"""Router networks for the mixture of experts: softmax, top-k and noisy top-k routers as modules
that swap into a Mixtral model, and their load-balancing losses.

A router maps each token's hidden state `x` (hidden_size) to weights over the experts:
- softmax:      G(x) = Softmax(x·W_g)                       (dense: every expert, weighted)
- top-k:        G(x) = Softmax(TopK(x·W_g, k))              (the other experts get exactly 0)
- noisy top-k:  H(x)_i = (x·W_g)_i + StandardNormal()·Softplus((x·W_noise)_i), then top-k and
  softmax (Shazeer et al. 2017); the noise is only added in training.

`install_routers` swaps such a module in for the `gate` of every MixtralSparseMoeBlock (the experts,
attention and embeddings stay as they are). Like transformers' MixtralTopKRouter it takes the
hidden states and returns `(router_logits, top_k_weights, top_k_index)`, which is all the sparse MoE
block uses. The Router module subclasses Mixtral's router, so `output_router_logits=True` reports
its logits too.

Balancing losses, each per layer and averaged over layers:
- `switch_loss`: E · Σ_i f_i·P_i (Switch Transformer, as transformers computes it for Mixtral),
  f_i the share of tokens dispatched to expert i, P_i the mean router probability of expert i;
- `importance_loss`: CV² of Importance_i = Σ_x G(x)_i (Shazeer et al.);
- `load_loss`: CV² of the smooth load estimate Σ_x P(x, i), where P(x, i) is the probability, under
  fresh noise, that expert i stays in the top k (Shazeer et al.; needs the noise to be defined).

Training the routers is helpers.router; where the tokens go is helpers.routing.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch


ROUTER_KINDS = ("softmax", "topk", "noisy_topk")


INITS = ("mergekit", "scratch")  # W_g copied from the MoE's current gate, or drawn afresh


_EPS = 1e-10


def check_kind(kind: str) -> str:
    """Return `kind` if it is a known router kind, else raise a clear ValueError."""
    if kind not in ROUTER_KINDS:
        raise ValueError(f"Unknown router kind {kind!r}. Valid kinds: {', '.join(ROUTER_KINDS)}.")
    return kind


def router_name(kind: str, top_k: int) -> str:
    """Short name of a router, used in folder names and tables: softmax, top2, noisy-top2."""
    check_kind(kind)
    return {"softmax": "softmax", "topk": f"top{top_k}", "noisy_topk": f"noisy-top{top_k}"}[kind]


@functools.cache
def router_class() -> type:
    """The Router nn.Module class (built on first use: importing this module needs no torch)."""
    import torch
    import torch.nn.functional as F
    from torch import nn
    from transformers.models.mixtral.modeling_mixtral import MixtralTopKRouter

    # A subclass of Mixtral's router, so that transformers treats it as one: with
    # `output_router_logits=True` the model returns its logits (helpers.moe's routing analysis).
    class Router(MixtralTopKRouter):
        """A router for one MoE layer: softmax, top-k or noisy top-k router over `num_experts`."""

        def __init__(self, kind: str, hidden_size: int, num_experts: int, top_k: int):
            nn.Module.__init__(self)  # not MixtralTopKRouter's: it wants a whole MixtralConfig
            check_kind(kind)
            if kind != "softmax" and not 1 <= top_k <= num_experts:
                raise ValueError(f"top_k must be between 1 and num_experts={num_experts}, got {top_k}.")
            if kind == "noisy_topk" and top_k == num_experts:
                raise ValueError(
                    "noisy top-k needs top_k < num_experts (with all experts chosen "
                    "the noise changes nothing); use kind='softmax' instead."
                )
            self.kind, self.hidden_dim, self.num_experts = kind, hidden_size, num_experts
            self.top_k = num_experts if kind == "softmax" else top_k
            # Same name and layout as MixtralTopKRouter.weight, (experts, hidden): W_g transposed.
            self.weight = nn.Parameter(torch.zeros(num_experts, hidden_size))
            # Shazeer et al. start W_noise at zero: noise of std Softplus(0) ≈ 0.69 on every logit.
            self.noise_weight = (
                nn.Parameter(torch.zeros(num_experts, hidden_size)) if kind == "noisy_topk" else None
            )
            self.last: dict[str, torch.Tensor] | None = None  # tensors of the latest forward pass

        def forward(self, hidden_states: torch.Tensor):
            """(router_logits, top_k_weights, top_k_index), as MixtralTopKRouter returns them."""
            # The router computes in float32 whatever the model's dtype (its weights are float32).
            x = hidden_states.reshape(-1, self.hidden_dim).float()  # (tokens, hidden)
            clean = F.linear(x, self.weight)  # (tokens, experts)
            logits, noise_std = clean, None
            if self.noise_weight is not None:
                noise_std = F.softplus(F.linear(x, self.noise_weight))
                if self.training:
                    logits = clean + torch.randn_like(clean) * noise_std
            if self.kind == "softmax":
                weights = torch.softmax(logits, dim=-1)  # (tokens, experts)
                index = torch.arange(self.num_experts, device=x.device).expand(len(x), -1)
            else:
                top_values, index = logits.topk(self.top_k, dim=-1)  # (tokens, k)
                weights = torch.softmax(top_values, dim=-1)
            self.last = {
                "clean": clean,
                "logits": logits,
                "noise_std": noise_std,
                "weights": weights,
                "index": index,
            }
            return logits, weights.to(hidden_states.dtype), index

        def dense_gates(self, hidden_states: torch.Tensor) -> torch.Tensor:
            """G(x) as a (tokens, experts) matrix: the weights, zero for experts not chosen."""
            _, weights, index = self(hidden_states)
            return scatter_gates(weights, index, self.num_experts)

        def extra_repr(self) -> str:
            return (
                f"kind={self.kind}, hidden_size={self.hidden_dim}, "
                f"num_experts={self.num_experts}, top_k={self.top_k}"
            )

    return Router


def make_router(
    kind: str,
    hidden_size: int,
    num_experts: int,
    top_k: int = 2,
    weight: torch.Tensor | None = None,
    seed: int | None = None,
    std: float = 0.02,
):
    """A Router module: W_g copied from `weight` or drawn N(0, std²) with `seed`; W_noise zero."""
    import torch

    router = router_class()(kind, hidden_size, num_experts, top_k)
    with torch.no_grad():
        if weight is not None:
            if tuple(weight.shape) != (num_experts, hidden_size):
                raise ValueError(
                    f"gate weight has shape {tuple(weight.shape)}, expected "
                    f"(num_experts, hidden_size) = {(num_experts, hidden_size)}."
                )
            router.weight.copy_(weight.detach().float())
        else:
            generator = torch.Generator().manual_seed(0 if seed is None else seed)
            router.weight.copy_(torch.randn(num_experts, hidden_size, generator=generator) * std)
    return router


def moe_blocks(model) -> list:
    """The sparse MoE block (`mlp`) of every decoder layer of a Mixtral-architecture model."""
    layers = getattr(getattr(model, "model", model), "layers", None)
    if layers is None or not all(
        hasattr(layer.mlp, "gate") and hasattr(layer.mlp, "experts") for layer in layers
    ):
        raise ValueError(
            f"{type(model).__name__} is not a Mixtral-style MoE: expected "
            "model.model.layers[i].mlp with a `gate` and `experts`."
        )
    return [layer.mlp for layer in layers]


def install_routers(
    model, kind: str, top_k: int | None = None, init: str = "mergekit", seed: int = 0
) -> list:
    """Replace every layer's gate by a Router module (W_g from the old gate or fresh); return it."""
    check_kind(kind)
    if init not in INITS:
        raise ValueError(f"Unknown router init {init!r}. Valid inits: {', '.join(INITS)}.")
    model_config = model.config
    top_k = top_k or model_config.num_experts_per_tok
    routers = []
    for index, block in enumerate(moe_blocks(model)):
        old = block.gate.weight
        router = make_router(
            kind,
            model_config.hidden_size,
            model_config.num_local_experts,
            top_k,
            weight=old if init == "mergekit" else None,
            seed=seed + index,
            std=model_config.initializer_range,
        )
        router.to(device=old.device).train(block.training)  # a new module would start in training
        block.gate = router
        block.top_k = router.top_k
        routers.append(router)
    return routers


def routers_of(model) -> list:
    """The Router modules installed in `model` (raises if a layer still has its original gate)."""
    gates = [block.gate for block in moe_blocks(model)]
    if not all(isinstance(gate, router_class()) for gate in gates):
        raise ValueError("The model still has its original gates; call router.install_routers first.")
    return gates


def freeze_all_but_routers(model) -> dict[str, int]:
    """Freeze every parameter except the routers' (W_g, W_noise); return the parameter counts."""
    routers = routers_of(model)
    for param in model.parameters():
        param.requires_grad_(False)
    for router in routers:
        for param in router.parameters():
            param.requires_grad_(True)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return {"trainable": trainable, "total": sum(p.numel() for p in model.parameters())}


def cv_squared(values: torch.Tensor) -> torch.Tensor:
    """Squared coefficient of variation: population variance / mean² (0 when all are equal)."""
    values = values.float()
    return values.var(correction=0) / (values.mean() ** 2 + _EPS)


def _rows(tensor: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
    """The rows of a (tokens, ...) tensor where `mask` (tokens,) is true; all without a mask."""
    return tensor if mask is None else tensor[mask.reshape(-1).bool()]


def expert_counts(index: torch.Tensor, num_experts: int, mask: torch.Tensor | None = None):
    """How many of the (masked) tokens are dispatched to each expert: (experts,) floats."""
    import torch

    chosen = _rows(index, mask).reshape(-1)
    return torch.bincount(chosen, minlength=num_experts).float()


def switch_loss(logits: torch.Tensor, index: torch.Tensor, mask: torch.Tensor | None = None):
    """E · Σ_i f_i·P_i for one layer: f_i dispatches to expert i per token, P_i its mean prob."""
    import torch

    logits, index = _rows(logits, mask), _rows(index, mask)
    num_experts = logits.shape[-1]
    share = expert_counts(index, num_experts) / max(len(logits), 1)  # sums to k, as in transformers
    probs = torch.softmax(logits.float(), dim=-1).mean(dim=0)
    return num_experts * torch.sum(share * probs)


def importance_loss(
    weights: torch.Tensor, index: torch.Tensor, num_experts: int, mask: torch.Tensor | None = None
):
    """CV² of each expert's importance Σ_x G(x)_i over the (masked) tokens of one layer."""
    dense = scatter_gates(_rows(weights, mask), _rows(index, mask), num_experts)
    return cv_squared(dense.sum(dim=0))


def smooth_load(clean: torch.Tensor, noisy: torch.Tensor, noise_std: torch.Tensor, top_k: int):
    """P(x, i): probability that expert i is in the top k under fresh noise (tokens, experts)."""
    import torch

    # Expert i stays in the top k if its noisy logit beats the k-th largest of the *other* experts:
    # for an expert now in the top k that is the (k+1)-th value, for the others the k-th value.
    top = noisy.topk(top_k + 1, dim=-1).values  # (tokens, k+1)
    in_top = noisy >= top[:, top_k - 1 : top_k]
    threshold = torch.where(in_top, top[:, top_k : top_k + 1], top[:, top_k - 1 : top_k])
    normal = torch.distributions.Normal(0.0, 1.0)
    return normal.cdf((clean - threshold) / (noise_std + _EPS))


def load_loss(
    clean: torch.Tensor,
    noisy: torch.Tensor,
    noise_std: torch.Tensor,
    top_k: int,
    mask: torch.Tensor | None = None,
):
    """CV² of each expert's smooth load Σ_x P(x, i) over the (masked) tokens of one layer."""
    prob = smooth_load(_rows(clean, mask), _rows(noisy, mask), _rows(noise_std, mask), top_k)
    return cv_squared(prob.sum(dim=0))


def balance_losses(
    routers: Sequence,
    mask: torch.Tensor | None = None,
    aux_coef: float = 0.0,
    importance_coef: float = 0.0,
    load_coef: float = 0.0,
) -> dict[str, torch.Tensor]:
    """Switch, importance and load losses of the routers' last forward pass, averaged over layers,
    and their weighted sum `total` (the load loss only for noisy routers, which define it)."""
    import torch

    parts: dict[str, list] = {"switch": [], "importance": [], "load": []}
    for router in routers:
        last = router.last
        if last is None:
            raise ValueError("The routers have not run yet: call the model before balance_losses.")
        parts["switch"].append(switch_loss(last["logits"], last["index"], mask))
        parts["importance"].append(importance_loss(last["weights"], last["index"], router.num_experts, mask))
        if last["noise_std"] is not None:
            parts["load"].append(
                load_loss(last["clean"], last["logits"], last["noise_std"], router.top_k, mask)
            )
    zero = torch.zeros(())
    losses = {name: torch.stack(values).mean() if values else zero for name, values in parts.items()}
    losses["total"] = (
        aux_coef * losses["switch"] + importance_coef * losses["importance"] + load_coef * losses["load"]
    )
    return losses


def routing_snapshot(routers: Sequence, mask: torch.Tensor | None = None) -> dict[str, list]:
    """Per layer: each expert's share of the gate mass (`usage`), of the top-k dispatches (`load`),
    and the coefficient of variation of the dispatch counts (`load_cv`), from the last forward."""
    import torch

    usage, load, load_cv = [], [], []
    with torch.no_grad():
        for router in routers:
            last = router.last
            weights, index = _rows(last["weights"], mask), _rows(last["index"], mask)
            mass = scatter_gates(weights, index, router.num_experts).sum(dim=0)
            counts = expert_counts(index, router.num_experts)
            usage.append((mass / mass.sum().clamp_min(_EPS)).tolist())
            load.append((counts / counts.sum().clamp_min(_EPS)).tolist())
            load_cv.append(math.sqrt(float(cv_squared(counts))))
    return {"usage": usage, "load": load, "load_cv": load_cv}


def scatter_gates(weights: torch.Tensor, index: torch.Tensor, num_experts: int) -> torch.Tensor:
    """G(x) as a (tokens, experts) matrix: (tokens, k) weights at `index`, zero elsewhere."""
    import torch

    return torch.zeros(len(weights), num_experts, dtype=weights.dtype, device=weights.device).scatter(
        1, index, weights
    )
