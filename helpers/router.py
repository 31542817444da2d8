"""Router-only training of a Mixtral-architecture MoE, and saving and loading the result.

Everything in the MoE is frozen except its routers (helpers.router_modules, swapped in for
Mixtral's); they learn from the mixed training data of all four languages with the
language-modelling loss on program tokens plus the balancing losses. Training is resumable from
atomic checkpoints. A trained router is saved as a plain MixtralForCausalLM folder (top-k in eval
mode *is* Mixtral's router; the dense softmax router is Mixtral's router with `num_experts_per_tok`
equal to the number of experts), so any code that loads a Mixtral model loads it.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers import checkpoints, config
from helpers.router_modules import (
    balance_losses,
    freeze_all_but_routers,
    install_routers,
    moe_blocks,
    routers_of,
    routing_snapshot,
)

if TYPE_CHECKING:
    import torch

ROUTER_FILE = "router.json"  # kind and top-k of a saved trained router
NOISE_FILE = "router_noise.safetensors"  # W_noise of each layer (noisy routers only)
# W_g of each layer, when only the routers are saved (a MoE with 4-bit experts): the MoE is
# rebuilt from the mergekit MoE it started from, a sibling folder named in router.json.
GATES_FILE = "router_gates.safetensors"


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


def lm_examples(records: list[dict], language: str, tokenizer, max_len: int) -> list[dict]:
    """One language's records as LM examples (`lm_example` of the prompt-completion pairs its
    expert was fine-tuned on), with the prompt, completion and language they came from."""
    from helpers import finetune

    return [
        {**lm_example(pair["prompt"], pair["completion"], tokenizer, max_len), **pair, "language": language}
        for pair in finetune.sft_examples(records, language, tokenizer)
    ]


def mixed_examples(
    profile: config.Profile,
    tokenizer,
    split: str,
    limit: int | None = None,
    data_source: str | None = None,
    path: str | Path | None = None,
) -> list[dict]:
    """The split of all four languages as LM examples: token ids, labels on the program, and the
    prompt, completion and language they came from (the prompts the experts were fine-tuned on)."""
    from helpers import data

    examples = []
    for language in config.LANGUAGES:
        records = data.load_xlcost(
            language, split, data_source=data_source or profile.data_source, path=path, limit=limit
        )
        examples += lm_examples(records, language, tokenizer, profile.max_seq_len)
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
    losses = F.cross_entropy(
        shift_logits.transpose(1, 2), shift_labels, ignore_index=-100, reduction="none"
    )  # (rows, positions)
    counted = shift_labels != -100
    return (losses * counted).sum(dim=1), counted.sum(dim=1)


# --------------------------------------------------------------------------- training


def _identity(
    kind: str, top_k: int, profile: config.Profile, fingerprint: str, examples: Sequence[dict]
) -> dict:
    """What a checkpoint must match to be resumed: same start, data, router and settings."""
    import hashlib

    data = hashlib.sha1(json.dumps([e["input_ids"] for e in examples]).encode()).hexdigest()[:16]
    return {
        "kind": kind,
        "top_k": top_k,
        "start": fingerprint,
        "data": data,
        "seed": profile.seed,
        "lr": profile.router_lr,
        "batch_size": profile.router_batch_size,
        "aux_coef": profile.router_aux_coef,
        "importance_coef": profile.router_importance_coef,
        "load_coef": profile.router_load_coef,
        "max_seq_len": profile.max_seq_len,
    }


def _save_checkpoint(checkpoint_dir: Path, state: dict, keep: int = 2) -> Path:
    """Write checkpoint-<step>.pt atomically and keep only the newest `keep` of them."""
    import torch

    from helpers.runs import atomic_write_bytes

    buffer = io.BytesIO()
    torch.save(state, buffer)
    path = atomic_write_bytes(checkpoint_dir / f"{checkpoints.PREFIX}{state['step']}.pt", buffer.getvalue())
    for old in checkpoints.list_checkpoints(checkpoint_dir)[keep:]:
        old.unlink(missing_ok=True)
    return path


def _router_state(routers: Sequence) -> list[dict]:
    """Each router's parameters, detached copies."""
    return [
        {k: v.detach().clone() for k, v in router_module.state_dict().items()} for router_module in routers
    ]


def labelled_positions(example: dict) -> int:
    """Positions of an example whose next token is scored (token_loss's count)."""
    return sum(label != -100 for label in example["labels"][1:])


def accumulate_step(
    model,
    routers: Sequence,
    rows: Sequence[dict],
    micro_batch_size: int,
    pad_id: int,
    profile: config.Profile,
    scaler=None,
) -> dict[str, Any]:
    """Forward and backward passes over `rows` in micro-batches of `micro_batch_size`, the
    gradients accumulated; returns the step's losses and routing, as one full batch gives them.
    With a `scaler` (torch.amp.GradScaler) each backward pass starts from the scaled loss.

    The language-modelling loss is the mean over every labelled token of the batch (each
    micro-batch's summed loss divided by the batch's count), so its gradient equals the full
    batch's. The balancing losses are per micro-batch, weighted by its share of the batch's
    tokens (the usual gradient-accumulation approximation; exact with one micro-batch).
    """
    import torch

    if micro_batch_size < 1:
        raise ValueError(f"router_micro_batch_size is a positive integer or None, not {micro_batch_size}.")
    n_labelled = max(1, sum(labelled_positions(row) for row in rows))
    n_tokens = sum(len(row["input_ids"]) for row in rows)
    lm_total, loss_total = 0.0, 0.0
    parts: dict[str, float] = {}
    seen: list[dict] = []  # per micro-batch: the routers' detached choices and the token mask
    for first in range(0, len(rows), micro_batch_size):
        chunk = rows[first : first + micro_batch_size]
        batch = {k: v.to(model.device) for k, v in collate(chunk, pad_id).items()}
        logits = model(
            input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], use_cache=False
        ).logits
        loss_sum, _ = token_loss(logits, batch["labels"])
        lm = loss_sum.sum() / n_labelled
        mask = batch["attention_mask"].reshape(-1).bool()
        share = int(mask.sum()) / n_tokens
        balance = balance_losses(
            routers, mask, profile.router_aux_coef, profile.router_importance_coef, profile.router_load_coef
        )
        loss = lm + share * balance["total"]
        seen.append(
            {"mask": mask, "last": [{k: r.last[k].detach() for k in ("weights", "index")} for r in routers]}
        )
        lm_total, loss_total = lm_total + lm.item(), loss_total + loss.item()
        for name, value in balance.items():
            if name != "total":
                parts[name] = parts.get(name, 0.0) + share * value.item()
        # frees this micro-batch's activations before the next one
        (scaler.scale(loss) if scaler is not None else loss).backward()
    # the routing of the whole batch: every micro-batch's choices, concatenated per layer
    layers = [
        _Choices(
            {k: torch.cat([part["last"][i][k] for part in seen]) for k in ("weights", "index")},
            router_module.num_experts,
        )
        for i, router_module in enumerate(routers)
    ]
    mask = torch.cat([part["mask"] for part in seen])
    return {
        "lm_loss": lm_total,
        "loss": loss_total,
        **{f"{k}_loss": v for k, v in parts.items()},
        **routing_snapshot(layers, mask),
    }


class _Choices:
    """A stand-in router for routing_snapshot: a layer's `last` choices and its expert count."""

    def __init__(self, last: dict, num_experts: int):
        self.last, self.num_experts = last, num_experts


def needs_loss_scaling(dtype) -> bool:
    """Whether training in `dtype` needs a scaled loss: float16 (the T4's compute dtype) flushes
    gradients below 6e-8 to zero, and those of the LM loss over thousands of tokens are that small;
    bfloat16 and float32 have float32's exponent range."""
    import torch

    return dtype == torch.float16


def loss_scaler(model):
    """A torch.amp.GradScaler for `model`'s device, enabled when its compute dtype (that of its input
    embeddings) needs loss scaling; a disabled scaler passes losses and optimizer steps through."""
    import torch

    dtype = model.get_input_embeddings().weight.dtype
    return torch.amp.GradScaler(model.device.type, enabled=needs_loss_scaling(dtype))


def train_routers(
    model,
    examples: Sequence[dict],
    profile: config.Profile,
    checkpoint_dir: str | Path,
    pad_id: int,
    steps: int | None = None,
    fingerprint: str = "",
) -> dict[str, Any]:
    """Train only the installed routers on `examples` (LM loss on programs + balancing losses),
    resuming from the newest matching checkpoint; return the per-step history and timings.

    `fingerprint` names the starting point (the MoE and how the routers were initialised): a
    checkpoint written from another starting point, other data or other settings is not resumed
    (training starts over), and a damaged one falls back to the one before it; both are set
    aside with a checkpoints.ResumeWarning naming the file.

    Every step draws `router_batch_size` examples and the routers' noise from generators seeded by
    (seed, step), so a resumed run repeats exactly what an uninterrupted one would have done.
    A model computing in float16 trains on a dynamically scaled loss (loss_scaler; the scale is
    checkpointed too), and its history records each step's `loss_scale` and whether the step was
    `skipped` for gradients that overflowed.
    """
    import torch

    routers = routers_of(model)
    freeze_all_but_routers(model)
    steps = profile.router_steps if steps is None else steps
    router_module = routers[0]
    identity = _identity(router_module.kind, router_module.top_k, profile, fingerprint, examples)
    checkpoint_dir = Path(checkpoint_dir)
    params = [p for r in routers for p in r.parameters()]
    optimizer = torch.optim.Adam(params, lr=profile.router_lr)
    scaler = loss_scaler(model)
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
        if state.get("scaler"):
            scaler.load_state_dict(state["scaler"])
        history, start, resumed_from = state["history"], state["step"], str(latest)
    every = max(1, min(profile.checkpoint_steps, steps))
    micro = profile.router_micro_batch_size or profile.router_batch_size
    checkpointing = profile.router_grad_checkpointing
    if checkpointing:  # recompute each layer's activations in the backward pass (memory for time)
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    began = time.perf_counter()
    model.train()  # routers add noise; attention dropout of Mixtral is 0 by default
    for step in range(start, steps):
        picker = torch.Generator().manual_seed(profile.seed * 1_000_003 + step)
        chosen = torch.randint(0, len(examples), (profile.router_batch_size,), generator=picker)
        rows = [examples[int(i)] for i in chosen]
        optimizer.zero_grad(set_to_none=True)
        # the noise is seeded per step; the global generators are left as they were
        cuda = [model.device.index or 0] if model.device.type == "cuda" else []
        with torch.random.fork_rng(devices=cuda):
            torch.manual_seed(profile.seed * 7_919 + step)
            totals = accumulate_step(model, routers, rows, micro, pad_id, profile, scaler)
        scale = scaler.get_scale()
        scaler.step(optimizer)  # optimizer.step() on the unscaled gradients; skipped when not finite
        scaler.update()
        if scaler.is_enabled():
            totals |= {"loss_scale": scale, "skipped": scaler.get_scale() < scale}
        history.append({"step": step + 1, **totals})
        if (step + 1) % every == 0 or step + 1 == steps:
            _save_checkpoint(
                checkpoint_dir,
                {
                    "step": step + 1,
                    "identity": identity,
                    "routers": _router_state(routers),
                    "optimizer": optimizer.state_dict(),
                    "scaler": scaler.state_dict(),  # empty unless the loss is scaled
                    "history": history,
                },
            )
    if checkpointing:
        model.gradient_checkpointing_disable()
    model.eval()
    return {
        "history": history,
        "resumed_from": resumed_from,
        "global_step": steps,
        "steps_run": steps - start,
        "train_seconds": time.perf_counter() - began,
    }


# --------------------------------------------------------------------------- saving and loading


class _TrainedMoe:
    """A model with installed routers, saved as a plain Mixtral folder plus the router files."""

    def __init__(self, model, tokenizer, info: dict):
        self.model, self.tokenizer, self.info = model, tokenizer, info

    def save_pretrained(self, path: str | Path) -> None:
        """Write the model (Mixtral's own gates holding W_g), the tokenizer and the router files;
        only the routers when info names the MoE to rebuild from (`rebuild_from`)."""
        from transformers.models.mixtral.modeling_mixtral import MixtralTopKRouter

        path = Path(path)
        blocks = moe_blocks(self.model)
        routers = [block.gate for block in blocks]
        model_config = self.model.config
        saved_k = model_config.num_experts_per_tok
        if self.info.get("rebuild_from"):
            self._save_routers_only(path, routers)
            return
        try:
            # Mixtral's router: softmax over all experts, top k, renormalised: Softmax(TopK(x·W_g)).
            # With k = every expert it is the dense softmax router.
            model_config.num_experts_per_tok = routers[0].top_k
            for block, router_module in zip(blocks, routers, strict=True):
                native = MixtralTopKRouter(model_config).to(router_module.weight.device)
                native.weight.data.copy_(router_module.weight.data)
                block.gate, block.top_k = native, router_module.top_k
            self.model.save_pretrained(path)
        finally:
            for block, router_module in zip(blocks, routers, strict=True):
                block.gate, block.top_k = router_module, router_module.top_k
            model_config.num_experts_per_tok = saved_k
        if self.tokenizer is not None:
            self.tokenizer.save_pretrained(path)
        self._save_router_files(path, routers)

    def _save_router_files(self, path: Path, routers: Sequence) -> None:
        """router.json and, for noisy routers, W_noise of every layer."""
        from safetensors.torch import save_file

        noise = {
            f"layers.{i}.noise_weight": g.noise_weight.detach().contiguous().cpu()
            for i, g in enumerate(routers)
            if g.noise_weight is not None
        }
        if noise:
            save_file(noise, str(path / NOISE_FILE))
        info = {"kind": routers[0].kind, "top_k": routers[0].top_k, **self.info}
        (path / ROUTER_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")

    def _save_routers_only(self, path: Path, routers: Sequence) -> None:
        """The config, W_g of every layer, the router files and the tokenizer (no experts)."""
        from safetensors.torch import save_file

        path.mkdir(parents=True, exist_ok=True)
        model_config = self.model.config.to_dict()
        model_config["num_experts_per_tok"] = routers[0].top_k
        (path / "config.json").write_text(json.dumps(model_config, indent=2) + "\n", encoding="utf-8")
        gates = {f"layers.{i}.weight": g.weight.detach().contiguous().cpu() for i, g in enumerate(routers)}
        save_file(gates, str(path / GATES_FILE))
        if self.tokenizer is not None:
            self.tokenizer.save_pretrained(path)
        self._save_router_files(path, routers)


def save_trained_moe(
    model, tokenizer, target: str | Path, info: dict | None = None, start_dir: str | Path | None = None
) -> Path:
    """Save a MoE with trained routers atomically; transformers loads it as MixtralForCausalLM.

    A MoE whose experts are 4-bit (moe_4bit.load_moe_4bit_experts) cannot be written as a plain
    Mixtral folder: only its routers are saved, with `start_dir` (the MoE it was loaded from) named
    by its folder name, the system name, for load_trained_moe to rebuild it.
    """
    from helpers.modeling import save_atomically
    from helpers.moe_4bit import is_4bit_parametrized, moe_experts_modules

    routers_of(model)  # clear error if nothing was installed
    info = dict(info or {})
    experts = moe_experts_modules(model)
    if experts and is_4bit_parametrized(experts[0], "gate_up_proj"):
        if start_dir is None:
            raise ValueError(
                "A MoE with 4-bit experts saves its routers only: pass start_dir, the MoE folder it "
                "was loaded from."
            )
        info["rebuild_from"] = Path(start_dir).name
    return save_atomically(_TrainedMoe(model, tokenizer, info), target)


def start_system(path: str | Path) -> str | None:
    """The MoE a routers-only trained MoE is rebuilt from (its system name), or None for a full one."""
    info = json.loads((Path(path) / ROUTER_FILE).read_text(encoding="utf-8"))
    return info.get("rebuild_from") or None


def load_trained_moe(
    path: str | Path,
    with_routers: bool = False,
    quantize: bool = False,
    capability: tuple[int, int] | None = None,
    experts_4bit: bool = False,
    start_dir: str | Path | None = None,
):
    """Load a saved trained-router MoE (as modeling.load_model does); with_routers=True swaps the
    Gating modules back in (e.g. to train further or to read their routing). A routers-only
    folder is rebuilt from the MoE it names (`start_dir`, default: that name beside `path`; see
    start_system), with these routers."""
    import torch
    from safetensors.torch import load_file

    from helpers.modeling import load_model

    path = Path(path)
    if not (path / ROUTER_FILE).is_file():
        raise ValueError(f"{path} has no {ROUTER_FILE}: not a MoE saved by router.save_trained_moe.")
    info = json.loads((path / ROUTER_FILE).read_text(encoding="utf-8"))
    if info.get("rebuild_from"):
        start = Path(start_dir) if start_dir else path.parent / info["rebuild_from"]
        model = load_model(start, quantize, capability, experts_4bit)
        gates = load_file(str(path / GATES_FILE))
        model.config.num_experts_per_tok = info["top_k"]
        with torch.no_grad():
            for i, block in enumerate(moe_blocks(model)):
                block.gate.weight.copy_(gates[f"layers.{i}.weight"])
                block.gate.top_k = block.top_k = info["top_k"]
    else:
        model = load_model(path, quantize=quantize, capability=capability, experts_4bit=experts_4bit)
    if with_routers:
        routers = install_routers(model, info["kind"], info["top_k"], init="mergekit")
        if (path / NOISE_FILE).is_file():
            noise = load_file(str(path / NOISE_FILE))
            with torch.no_grad():
                for i, router_module in enumerate(routers):
                    router_module.noise_weight.copy_(noise[f"layers.{i}.noise_weight"])
        model.eval()
    return model
