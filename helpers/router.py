"""Gating networks for the mixture of experts: softmax, top-k and noisy top-k routers, their
load-balancing losses, and router-only training of a Mixtral-architecture MoE.

A router maps each token's hidden state `x` (hidden_size) to weights over the experts:
- softmax:      G(x) = Softmax(x·W_g)                       (dense: every expert, weighted)
- top-k:        G(x) = Softmax(TopK(x·W_g, k))              (the other experts get exactly 0)
- noisy top-k:  H(x)_i = (x·W_g)_i + StandardNormal()·Softplus((x·W_noise)_i), then top-k and
  softmax (Shazeer et al. 2017); the noise is only added in training.

`install_routers` swaps such a module in for the `gate` of every MixtralSparseMoeBlock (the experts,
attention and embeddings stay as they are). Like transformers' MixtralTopKRouter it takes the
hidden states and returns `(router_logits, top_k_weights, top_k_index)`, which is all the sparse MoE
block uses. A trained router is saved as a plain MixtralForCausalLM folder (top-k in eval mode *is*
Mixtral's router; the dense softmax router is Mixtral's router with `num_experts_per_tok` equal to
the number of experts), so any code that loads a Mixtral model loads it.

Balancing losses, each per layer and averaged over layers:
- `switch_loss`: E · Σ_i f_i·P_i (Switch Transformer, as transformers computes it for Mixtral),
  f_i the share of tokens dispatched to expert i, P_i the mean router probability of expert i;
- `importance_loss`: CV² of Importance_i = Σ_x G(x)_i (Shazeer et al.);
- `load_loss`: CV² of the smooth load estimate Σ_x P(x, i), where P(x, i) is the probability, under
  fresh noise, that expert i stays in the top k (Shazeer et al.; needs the noise to be defined).

Routing analysis (where each language's tokens go) is helpers.moe's `routing_table`; the Gating
module subclasses Mixtral's router, so `output_router_logits=True` reports its logits too.
"""

from __future__ import annotations

import functools
import io
import json
import math
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers import checkpoints, config

if TYPE_CHECKING:
    import torch

ROUTER_KINDS = ("softmax", "topk", "noisy_topk")
INITS = ("mergekit", "scratch")  # W_g copied from the MoE's current gate, or drawn afresh
ROUTER_FILE = "router.json"  # kind and top-k of a saved trained router
NOISE_FILE = "router_noise.safetensors"  # W_noise of each layer (noisy routers only)
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


# --------------------------------------------------------------------------- the gating module


@functools.cache
def gating_class() -> type:
    """The Gating nn.Module class (built on first use: importing this module needs no torch)."""
    import torch
    import torch.nn.functional as F
    from torch import nn
    from transformers.models.mixtral.modeling_mixtral import MixtralTopKRouter

    # A subclass of Mixtral's router, so that transformers treats it as one: with
    # `output_router_logits=True` the model returns its logits (helpers.moe's routing analysis).
    class Gating(MixtralTopKRouter):
        """A router for one MoE layer: softmax, top-k or noisy top-k gating over `num_experts`."""

        def __init__(self, kind: str, hidden_size: int, num_experts: int, top_k: int):
            nn.Module.__init__(self)  # not MixtralTopKRouter's: it wants a whole MixtralConfig
            check_kind(kind)
            if kind != "softmax" and not 1 <= top_k <= num_experts:
                raise ValueError(f"top_k must be between 1 and num_experts={num_experts}, "
                                 f"got {top_k}.")
            if kind == "noisy_topk" and top_k == num_experts:
                raise ValueError("noisy top-k needs top_k < num_experts (with all experts chosen "
                                 "the noise changes nothing); use kind='softmax' instead.")
            self.kind, self.hidden_dim, self.num_experts = kind, hidden_size, num_experts
            self.top_k = num_experts if kind == "softmax" else top_k
            # Same name and layout as MixtralTopKRouter.weight, (experts, hidden): W_g transposed.
            self.weight = nn.Parameter(torch.zeros(num_experts, hidden_size))
            # Shazeer et al. start W_noise at zero: noise of std Softplus(0) ≈ 0.69 on every logit.
            self.noise_weight = (nn.Parameter(torch.zeros(num_experts, hidden_size))
                                 if kind == "noisy_topk" else None)
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
            self.last = {"clean": clean, "logits": logits, "noise_std": noise_std,
                         "weights": weights, "index": index}
            return logits, weights.to(hidden_states.dtype), index

        def dense_gates(self, hidden_states: torch.Tensor) -> torch.Tensor:
            """G(x) as a (tokens, experts) matrix: the weights, zero for experts not chosen."""
            _, weights, index = self(hidden_states)
            return scatter_gates(weights, index, self.num_experts)

        def extra_repr(self) -> str:
            return (f"kind={self.kind}, hidden_size={self.hidden_dim}, "
                    f"num_experts={self.num_experts}, top_k={self.top_k}")

    return Gating


def make_gating(kind: str, hidden_size: int, num_experts: int, top_k: int = 2,
                weight: torch.Tensor | None = None, seed: int | None = None, std: float = 0.02):
    """A Gating module: W_g copied from `weight` or drawn N(0, std²) with `seed`; W_noise zero."""
    import torch

    gating = gating_class()(kind, hidden_size, num_experts, top_k)
    with torch.no_grad():
        if weight is not None:
            if tuple(weight.shape) != (num_experts, hidden_size):
                raise ValueError(f"gate weight has shape {tuple(weight.shape)}, expected "
                                 f"(num_experts, hidden_size) = {(num_experts, hidden_size)}.")
            gating.weight.copy_(weight.detach().float())
        else:
            generator = torch.Generator().manual_seed(0 if seed is None else seed)
            gating.weight.copy_(torch.randn(num_experts, hidden_size, generator=generator) * std)
    return gating


def moe_blocks(model) -> list:
    """The sparse MoE block (`mlp`) of every decoder layer of a Mixtral-architecture model."""
    layers = getattr(getattr(model, "model", model), "layers", None)
    if layers is None or not all(hasattr(layer.mlp, "gate") and hasattr(layer.mlp, "experts")
                                 for layer in layers):
        raise ValueError(f"{type(model).__name__} is not a Mixtral-style MoE: expected "
                         "model.model.layers[i].mlp with a `gate` and `experts`.")
    return [layer.mlp for layer in layers]


def install_routers(model, kind: str, top_k: int | None = None, init: str = "mergekit",
                    seed: int = 0) -> list:
    """Replace every layer's gate by a Gating module (W_g from the old gate or fresh); return it."""
    check_kind(kind)
    if init not in INITS:
        raise ValueError(f"Unknown router init {init!r}. Valid inits: {', '.join(INITS)}.")
    cfg = model.config
    top_k = top_k or cfg.num_experts_per_tok
    routers = []
    for index, block in enumerate(moe_blocks(model)):
        old = block.gate.weight
        gating = make_gating(kind, cfg.hidden_size, cfg.num_local_experts, top_k,
                             weight=old if init == "mergekit" else None, seed=seed + index,
                             std=cfg.initializer_range)
        gating.to(device=old.device).train(block.training)  # a new module would start in training
        block.gate = gating
        block.top_k = gating.top_k
        routers.append(gating)
    return routers


def routers_of(model) -> list:
    """The Gating modules installed in `model` (raises if a layer still has its original gate)."""
    gates = [block.gate for block in moe_blocks(model)]
    if not all(isinstance(gate, gating_class()) for gate in gates):
        raise ValueError("The model still has its original gates; "
                         "call router.install_routers first.")
    return gates


def freeze_all_but_routers(model) -> dict[str, int]:
    """Freeze every parameter except the routers' (W_g, W_noise); return the parameter counts."""
    routers = routers_of(model)
    for param in model.parameters():
        param.requires_grad_(False)
    for gating in routers:
        for param in gating.parameters():
            param.requires_grad_(True)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return {"trainable": trainable, "total": sum(p.numel() for p in model.parameters())}


# --------------------------------------------------------------------------- balancing losses


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


def importance_loss(weights: torch.Tensor, index: torch.Tensor, num_experts: int,
                    mask: torch.Tensor | None = None):
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


def load_loss(clean: torch.Tensor, noisy: torch.Tensor, noise_std: torch.Tensor, top_k: int,
              mask: torch.Tensor | None = None):
    """CV² of each expert's smooth load Σ_x P(x, i) over the (masked) tokens of one layer."""
    prob = smooth_load(_rows(clean, mask), _rows(noisy, mask), _rows(noise_std, mask), top_k)
    return cv_squared(prob.sum(dim=0))


def balance_losses(routers: Sequence, mask: torch.Tensor | None = None, aux_coef: float = 0.0,
                   importance_coef: float = 0.0, load_coef: float = 0.0) -> dict[str, torch.Tensor]:
    """Switch, importance and load losses of the routers' last forward pass, averaged over layers,
    and their weighted sum `total` (the load loss only for noisy routers, which define it)."""
    import torch

    parts: dict[str, list] = {"switch": [], "importance": [], "load": []}
    for gating in routers:
        last = gating.last
        if last is None:
            raise ValueError("The routers have not run yet: call the model before balance_losses.")
        parts["switch"].append(switch_loss(last["logits"], last["index"], mask))
        parts["importance"].append(importance_loss(last["weights"], last["index"],
                                                   gating.num_experts, mask))
        if last["noise_std"] is not None:
            parts["load"].append(load_loss(last["clean"], last["logits"], last["noise_std"],
                                           gating.top_k, mask))
    zero = torch.zeros(())
    losses = {name: torch.stack(values).mean() if values else zero
              for name, values in parts.items()}
    losses["total"] = (aux_coef * losses["switch"] + importance_coef * losses["importance"]
                       + load_coef * losses["load"])
    return losses


def routing_snapshot(routers: Sequence, mask: torch.Tensor | None = None) -> dict[str, list]:
    """Per layer: each expert's share of the gate mass (`usage`), of the top-k dispatches (`load`),
    and the coefficient of variation of the dispatch counts (`load_cv`), from the last forward."""
    import torch

    usage, load, load_cv = [], [], []
    with torch.no_grad():
        for gating in routers:
            last = gating.last
            weights, index = _rows(last["weights"], mask), _rows(last["index"], mask)
            mass = scatter_gates(weights, index, gating.num_experts).sum(dim=0)
            counts = expert_counts(index, gating.num_experts)
            usage.append((mass / mass.sum().clamp_min(_EPS)).tolist())
            load.append((counts / counts.sum().clamp_min(_EPS)).tolist())
            load_cv.append(math.sqrt(float(cv_squared(counts))))
    return {"usage": usage, "load": load, "load_cv": load_cv}


def scatter_gates(weights: torch.Tensor, index: torch.Tensor, num_experts: int) -> torch.Tensor:
    """G(x) as a (tokens, experts) matrix: (tokens, k) weights at `index`, zero elsewhere."""
    import torch

    return torch.zeros(len(weights), num_experts, dtype=weights.dtype,
                       device=weights.device).scatter(1, index, weights)


# --------------------------------------------------------------------------- data


def lm_example(prompt: str, completion: str, tokenizer, max_len: int) -> dict[str, list[int]]:
    """Token ids and labels of prompt + completion + `</s>`, the loss on the completion only
    (as trl's prompt-completion format computes it for the experts)."""
    prompt_ids = tokenizer(prompt)["input_ids"]
    ids = tokenizer(prompt + completion + tokenizer.eos_token)["input_ids"]
    shared = 0  # the completion starts where the two tokenisations diverge (trl does the same)
    while shared < min(len(prompt_ids), len(ids)) and prompt_ids[shared] == ids[shared]:
        shared += 1
    labels = [-100] * shared + ids[shared:]
    return {"input_ids": ids[:max_len], "labels": labels[:max_len]}


def mixed_examples(profile: config.Profile, tokenizer, split: str, limit: int | None = None,
                   source: str | None = None, path: str | Path | None = None) -> list[dict]:
    """The split of all four languages as LM examples: token ids, labels on the program, and the
    prompt, completion and language they came from (the prompts the experts were fine-tuned on)."""
    from helpers import data, finetune

    examples = []
    for language in config.LANGUAGES:
        records = data.load_xlcost(language, split, source=source or profile.data_source,
                                   path=path, limit=limit)
        for pair in finetune.sft_examples(records, language, tokenizer):
            example = lm_example(pair["prompt"], pair["completion"], tokenizer, profile.max_seq_len)
            examples.append({**example, **pair, "language": language})
    if not examples:
        raise ValueError(f"No {split} records for any language; check the data source.")
    return examples


def collate(examples: Sequence[dict], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded input_ids, attention_mask and labels (-100 on padding) of a list of examples."""
    import torch

    width = max(len(e["input_ids"]) for e in examples)
    ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    labels = torch.full((len(examples), width), -100, dtype=torch.long)
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    for row, example in enumerate(examples):
        n = len(example["input_ids"])
        ids[row, :n] = torch.tensor(example["input_ids"])
        labels[row, :n] = torch.tensor(example["labels"])
        mask[row, :n] = 1
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def token_loss(logits: torch.Tensor, labels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Summed next-token cross-entropy over labelled positions, and their count: each (rows,)."""
    import torch.nn.functional as F

    shift_logits, shift_labels = logits[:, :-1].float(), labels[:, 1:]
    losses = F.cross_entropy(shift_logits.transpose(1, 2), shift_labels, ignore_index=-100,
                             reduction="none")  # (rows, positions)
    counted = shift_labels != -100
    return (losses * counted).sum(dim=1), counted.sum(dim=1)


# --------------------------------------------------------------------------- evaluation


def validation_loss(model, examples: Sequence[dict], pad_id: int,
                    batch_size: int = 8) -> dict[str, Any]:
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
            chunk = [examples[i] for i in order[start:start + batch_size]]
            batch = {k: v.to(model.device) for k, v in collate(chunk, pad_id).items()}
            logits = model(input_ids=batch["input_ids"],
                           attention_mask=batch["attention_mask"]).logits
            loss_sum, n_tokens = token_loss(logits, batch["labels"])
            for example, row_loss, row_n in zip(chunk, loss_sum, n_tokens, strict=True):
                key = example["language"]
                sums[key] = sums.get(key, 0.0) + float(row_loss)
                counts[key] = counts.get(key, 0) + int(row_n)
    model.train(was_training)
    return {"loss": sum(sums.values()) / max(sum(counts.values()), 1),
            "loss_by_language": {k: sums[k] / max(counts[k], 1) for k in sums},
            "tokens": sum(counts.values())}


def load_cv(table) -> Any:
    """Per layer, the coefficient of variation of the experts' load (top-k dispatches of all
    languages' tokens) from a `helpers.moe.routing_table`: 0 is perfectly even."""
    table = table.assign(dispatched=table["selected_share"] * table["tokens"])
    counts = table.groupby(["layer", "expert"])["dispatched"].sum().unstack("expert")
    return (counts.std(axis=1, ddof=0) / counts.mean(axis=1)).rename("load_cv")


def mixed_loss(per_language: dict[str, dict[str, Any]]) -> float:
    """Token-weighted loss of several `validation_loss` reports (e.g. experts on their language)."""
    total = sum(r["loss"] * r["tokens"] for r in per_language.values())
    return total / max(sum(r["tokens"] for r in per_language.values()), 1)


# --------------------------------------------------------------------------- training


def _identity(kind: str, top_k: int, profile: config.Profile, fingerprint: str,
              examples: Sequence[dict]) -> dict:
    """What a checkpoint must match to be resumed: same start, data, router and settings."""
    import hashlib

    data = hashlib.sha1(json.dumps([e["input_ids"] for e in examples]).encode()).hexdigest()[:16]
    return {"kind": kind, "top_k": top_k, "start": fingerprint, "data": data, "seed": profile.seed,
            "lr": profile.router_lr, "batch_size": profile.router_batch_size,
            "aux_coef": profile.router_aux_coef, "importance_coef": profile.router_importance_coef,
            "load_coef": profile.router_load_coef, "max_seq_len": profile.max_seq_len}


def _save_checkpoint(checkpoint_dir: Path, state: dict, keep: int = 2) -> Path:
    """Write checkpoint-<step>.pt atomically and keep only the newest `keep` of them."""
    import torch

    from helpers.runs import atomic_write_bytes

    buffer = io.BytesIO()
    torch.save(state, buffer)
    path = atomic_write_bytes(checkpoint_dir / f"{checkpoints.PREFIX}{state['step']}.pt",
                              buffer.getvalue())
    for old in checkpoints.list_checkpoints(checkpoint_dir)[keep:]:
        old.unlink(missing_ok=True)
    return path


def _router_state(routers: Sequence) -> list[dict]:
    """Each router's parameters, detached copies."""
    return [{k: v.detach().clone() for k, v in gating.state_dict().items()} for gating in routers]


def train_routers(model, examples: Sequence[dict], profile: config.Profile,
                  checkpoint_dir: str | Path, pad_id: int, steps: int | None = None,
                  fingerprint: str = "") -> dict[str, Any]:
    """Train only the installed routers on `examples` (LM loss on programs + balancing losses),
    resuming from the newest matching checkpoint; return the per-step history and timings.

    `fingerprint` names the starting point (the MoE and how the routers were initialised): a
    checkpoint written from another starting point, other data or other settings is not resumed
    (training starts over), and a damaged one falls back to the one before it; both are set
    aside with a checkpoints.ResumeWarning naming the file.

    Every step draws `router_batch_size` examples and the routers' noise from generators seeded by
    (seed, step), so a resumed run repeats exactly what an uninterrupted one would have done.
    """
    import torch

    routers = routers_of(model)
    freeze_all_but_routers(model)
    steps = profile.router_steps if steps is None else steps
    gating = routers[0]
    identity = _identity(gating.kind, gating.top_k, profile, fingerprint, examples)
    checkpoint_dir = Path(checkpoint_dir)
    params = [p for r in routers for p in r.parameters()]
    optimizer = torch.optim.Adam(params, lr=profile.router_lr)
    history: list[dict] = []
    start, resumed_from = 0, None
    # a corrupt newest checkpoint falls back to the one before; other inputs start over
    latest, state = checkpoints.resume_point(checkpoint_dir, identity)
    if latest is not None and state["step"] > steps:  # from a longer run: past where this one ends
        for stale in checkpoints.list_checkpoints(checkpoint_dir):
            checkpoints.set_aside(stale, "longer-run")
        latest = None
    if latest is not None:
        for module, saved in zip(routers, state["routers"], strict=True):
            module.load_state_dict(saved)
        optimizer.load_state_dict(state["optimizer"])
        history, start, resumed_from = state["history"], state["step"], str(latest)
    every = max(1, min(profile.checkpoint_steps, steps))
    began = time.perf_counter()
    model.train()  # routers add noise; attention dropout of Mixtral is 0 by default
    for step in range(start, steps):
        picker = torch.Generator().manual_seed(profile.seed * 1_000_003 + step)
        chosen = torch.randint(0, len(examples), (profile.router_batch_size,), generator=picker)
        batch = {k: v.to(model.device)
                 for k, v in collate([examples[int(i)] for i in chosen], pad_id).items()}
        # the noise is seeded per step; the global generators are left as they were
        cuda = [model.device.index or 0] if model.device.type == "cuda" else []
        with torch.random.fork_rng(devices=cuda):
            torch.manual_seed(profile.seed * 7_919 + step)
            logits = model(input_ids=batch["input_ids"],
                           attention_mask=batch["attention_mask"]).logits
        loss_sum, n_tokens = token_loss(logits, batch["labels"])
        lm = loss_sum.sum() / n_tokens.sum().clamp_min(1)
        mask = batch["attention_mask"].reshape(-1).bool()
        balance = balance_losses(routers, mask, profile.router_aux_coef,
                                 profile.router_importance_coef, profile.router_load_coef)
        loss = lm + balance["total"]
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        history.append({"step": step + 1, "lm_loss": lm.item(), "loss": loss.item(),
                        **{f"{k}_loss": v.item() for k, v in balance.items() if k != "total"},
                        **routing_snapshot(routers, mask)})
        if (step + 1) % every == 0 or step + 1 == steps:
            _save_checkpoint(checkpoint_dir, {"step": step + 1, "identity": identity,
                                              "routers": _router_state(routers),
                                              "optimizer": optimizer.state_dict(),
                                              "history": history})
    model.eval()
    return {"history": history, "resumed_from": resumed_from, "global_step": steps,
            "steps_run": steps - start, "train_seconds": time.perf_counter() - began}


def history_frame(history: Sequence[dict]):
    """Training history as a long DataFrame: step, layer, expert, usage, load, load_cv."""
    import pandas as pd

    rows = [{"step": h["step"], "layer": layer, "expert": expert,
             "usage": h["usage"][layer][expert], "load": h["load"][layer][expert],
             "load_cv": h["load_cv"][layer]}
            for h in history for layer in range(len(h["usage"]))
            for expert in range(len(h["usage"][layer]))]
    return pd.DataFrame(rows)


def shown_layers(n_layers: int, max_layers: int = 4) -> list[int]:
    """At most max_layers layer indices, evenly spread and including the first and the last."""
    if n_layers <= max_layers:
        return list(range(n_layers))
    return sorted({round(i * (n_layers - 1) / (max_layers - 1)) for i in range(max_layers)})


def usage_figure(histories: Mapping[str, Sequence[dict]], experts: Sequence[str],
                 max_layers: int = 4, window: int = 5):
    """Each expert's share of the gate mass over training: a row per router, a column per layer
    (at most max_layers), smoothed over `window` steps."""
    import matplotlib.pyplot as plt

    frames = {name: history_frame(history) for name, history in histories.items()}
    layers = shown_layers(int(next(iter(frames.values()))["layer"].max()) + 1, max_layers)
    fig, axes = plt.subplots(len(frames), len(layers), sharex=True, sharey=True, squeeze=False,
                             figsize=(2.8 * len(layers), 1.9 * len(frames)))
    for row, (name, frame) in enumerate(frames.items()):
        for col, layer in enumerate(layers):
            part = frame[frame["layer"] == layer]
            wide = (part.pivot(index="step", columns="expert", values="usage")
                    .rolling(window, min_periods=1).mean())
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


# --------------------------------------------------------------------------- saving and loading


def trained_moe_dir(profile: config.Profile, name: str) -> Path:
    """runs/<profile>/models/moe-trained-<name>: a MoE with trained routers (name e.g. top2)."""
    return config.run_dir(profile, "models") / f"moe-trained-{name}"


def trained_moe_dirs(profile: config.Profile) -> dict[str, Path]:
    """Every saved trained-router MoE of the profile, by name: {'moe-trained-top2': path, ...}."""
    from helpers.modeling import is_saved_model

    models = config.run_dir(profile, "models")
    return {p.name: p for p in sorted(models.glob("moe-trained-*")) if is_saved_model(p)}


class _TrainedMoe:
    """A model with installed routers, saved as a plain Mixtral folder plus the router files."""

    def __init__(self, model, tokenizer, info: dict):
        self.model, self.tokenizer, self.info = model, tokenizer, info

    def save_pretrained(self, path: str | Path) -> None:
        """Write the model (Mixtral's own gates holding W_g), the tokenizer and the router files."""
        from safetensors.torch import save_file
        from transformers.models.mixtral.modeling_mixtral import MixtralTopKRouter

        path = Path(path)
        blocks = moe_blocks(self.model)
        routers = [block.gate for block in blocks]
        cfg = self.model.config
        saved_k = cfg.num_experts_per_tok
        try:
            # Mixtral's router: softmax over all experts, top k, renormalised: Softmax(TopK(x·W_g)).
            # With k = every expert it is the dense softmax router.
            cfg.num_experts_per_tok = routers[0].top_k
            for block, gating in zip(blocks, routers, strict=True):
                native = MixtralTopKRouter(cfg).to(gating.weight.device)
                native.weight.data.copy_(gating.weight.data)
                block.gate, block.top_k = native, gating.top_k
            self.model.save_pretrained(path)
        finally:
            for block, gating in zip(blocks, routers, strict=True):
                block.gate, block.top_k = gating, gating.top_k
            cfg.num_experts_per_tok = saved_k
        if self.tokenizer is not None:
            self.tokenizer.save_pretrained(path)
        noise = {f"layers.{i}.noise_weight": g.noise_weight.detach().contiguous().cpu()
                 for i, g in enumerate(routers) if g.noise_weight is not None}
        if noise:
            save_file(noise, str(path / NOISE_FILE))
        info = {"kind": routers[0].kind, "top_k": routers[0].top_k, **self.info}
        (path / ROUTER_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")


def save_trained_moe(model, tokenizer, target: str | Path, info: dict | None = None) -> Path:
    """Save a MoE with trained routers atomically; transformers loads it as MixtralForCausalLM."""
    from helpers.modeling import save_atomically

    routers_of(model)  # clear error if nothing was installed
    return save_atomically(_TrainedMoe(model, tokenizer, info or {}), target)


def load_trained_moe(path: str | Path, with_routers: bool = False, quantize: bool = False,
                     capability: tuple[int, int] | None = None):
    """Load a saved trained-router MoE (as modeling.load_model does); with_routers=True swaps the
    Gating modules back in (e.g. to train further or to read their routing)."""
    import torch
    from safetensors.torch import load_file

    from helpers.modeling import load_model

    path = Path(path)
    if not (path / ROUTER_FILE).is_file():
        raise ValueError(f"{path} has no {ROUTER_FILE}: "
                         "not a MoE saved by router.save_trained_moe.")
    model = load_model(path, quantize=quantize, capability=capability)
    if with_routers:
        info = json.loads((path / ROUTER_FILE).read_text(encoding="utf-8"))
        routers = install_routers(model, info["kind"], info["top_k"], init="mergekit")
        if (path / NOISE_FILE).is_file():
            noise = load_file(str(path / NOISE_FILE))
            with torch.no_grad():
                for i, gating in enumerate(routers):
                    gating.noise_weight.copy_(noise[f"layers.{i}.noise_weight"])
        model.eval()
    return model
