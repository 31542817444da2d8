"""Measure each notebook's heaviest step on a GPU with random-initialised models of the real shapes.

    python benchmarks/gpu_profile_check.py --profile colab-t4|paper [--json OUT]

    python benchmarks/gpu_profile_check.py --profile colab-t4 --scratch /content/tmp

Builds SmolLM2-1.7B or Mistral-7B and their 4-expert MoE from the shipped configs
(helpers/model_configs, no downloads; weights are random, so only memory and speed mean
anything), runs QLoRA steps (peft + bitsandbytes 4-bit, activation checkpointing), the adapter
merge into a 16-bit base, batched generation, the MoE with 4-bit experts and router training
with activation checkpointing, and prints the measured peak memory
(torch.cuda.max_memory_allocated) and tokens per second beside the plan's figures (helpers.plan,
with the fixes). The MoE goes through the notebooks' own loader: its random weights are written
to a checkpoint in `--scratch` (default: the system's temporary folder; it needs the MoE's
16-bit size free, 10.7 GB for colab-t4 and 48.3 GB for paper from the configs, deleted after), which
helpers.moe_4bit.load_moe_4bit_experts then loads, as notebooks 05-07 do. Needs CUDA (exit 2
without it); about 10 minutes at most, plus writing that checkpoint.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from helpers import config
from helpers.plan import assumptions as A
from helpers.plan import formulas as F
from helpers.plan import models, notebooks

EXIT_NO_CUDA = 2
TRAIN_STEPS = 3  # measured optimizer steps after one warm-up step
INIT_STD = 0.02  # random weights: normal(0, 0.02), as the configs' initializer_range


@dataclass(frozen=True)
class Step:
    """One measured step: which notebook's heaviest step it stands for and what it measures."""

    name: str
    notebook: str
    measures: str


STEPS = (
    Step(
        "qlora_train",
        "03_qlora_finetune",
        "peak GPU memory and trained tokens/s of QLoRA steps (4-bit base, LoRA, checkpointing)",
    ),
    Step(
        "adapter_merge",
        "03_qlora_finetune",
        "peak GPU memory of merging a LoRA adapter into the 16-bit base on the GPU",
    ),
    Step(
        "generate_base",
        "02_base_model",
        "peak GPU memory and new tokens/s of batched greedy generation, base in 4-bit",
    ),
    Step(
        "moe_load_4bit",
        "05_moe_assembly",
        "GPU memory of loading the MoE with 4-bit attention and experts (moe_4bit.load_moe_4bit_experts)",
    ),
    Step(
        "router_train",
        "06_router_training",
        "peak GPU memory and tokens/s of router-only training steps with checkpointing",
    ),
    Step(
        "generate_moe",
        "07_evaluate",
        "peak GPU memory and new tokens/s of batched greedy generation with the 4-bit MoE",
    ),
)


@dataclass(frozen=True)
class Measurement:
    """What one step measured on the GPU."""

    peak_gb: float  # torch.cuda.max_memory_allocated, GiB
    seconds: float  # wall clock of the measured part
    tokens_per_s: float | None = None  # trained or generated tokens per second


def planned(profile: config.Profile) -> dict[str, dict[str, float | None]]:
    """The plan's figures for every step (fixed code): tensors' GiB and tokens per second."""
    ctx = notebooks.context(profile, notebooks.PlanOptions.with_fixes(profile))
    p, hw = profile, ctx.hardware
    lora = models.lora_parameters(ctx.cfg, p.lora_r, p.lora_target_modules)
    merge = (
        F.weight_bytes(ctx.base, linear_4bit=False) + lora * A.BYTES_FP32 + F.dequant_workspace_bytes(ctx.cfg)
    )
    train_tflops = hw.peak_tflops * A.TRAIN_MFU
    qlora_tokens = 1 if p.packing else p.batch_size
    router_tokens = notebooks.router_tokens_per_forward(ctx)

    def train_rate(params, cfg, tokens: int) -> float:
        return tokens / F.train_seconds(tokens, params, cfg, p.max_seq_len, train_tflops, True)

    def gen_rate(params, cfg, experts_4bit: bool) -> float:
        return F.generated_tokens_per_second(
            params, cfg, hw, p.gen_batch_size, p.max_new_tokens, p.generate_in_4bit, experts_4bit
        )

    gib = A.GIB
    return {
        "qlora_train": {
            "allocated_gb": sum(notebooks.qlora_parts(ctx).values()) / gib,
            "tokens_per_s": train_rate(ctx.base, ctx.cfg, qlora_tokens * p.max_seq_len),
        },
        "adapter_merge": {"allocated_gb": merge / gib, "tokens_per_s": None},
        "generate_base": {
            "allocated_gb": sum(notebooks.generation_parts(ctx, False).values()) / gib,
            "tokens_per_s": gen_rate(ctx.base, ctx.cfg, False),
        },
        "moe_load_4bit": {"allocated_gb": F.weight_bytes(ctx.moe, True, True) / gib, "tokens_per_s": None},
        "router_train": {
            "allocated_gb": sum(notebooks.router_parts(ctx).values()) / gib,
            "tokens_per_s": train_rate(ctx.moe, ctx.moe_cfg, router_tokens),
        },
        "generate_moe": {
            "allocated_gb": sum(notebooks.generation_parts(ctx, True).values()) / gib,
            "tokens_per_s": gen_rate(ctx.moe, ctx.moe_cfg, True),
        },
    }


def report(profile: config.Profile, measured: dict[str, Measurement], device: str = "") -> dict:
    """The JSON of a run: every step with its plan and, where it ran, its measurement."""
    plan = planned(profile)
    rows = []
    for step in STEPS:
        got = measured.get(step.name)
        rows.append(
            {
                **dataclasses.asdict(step),
                "planned_allocated_gb": round(plan[step.name]["allocated_gb"], 3),
                "planned_tokens_per_s": None
                if plan[step.name]["tokens_per_s"] is None
                else round(plan[step.name]["tokens_per_s"], 1),
                "measured_peak_gb": None if got is None else round(got.peak_gb, 3),
                "measured_tokens_per_s": None
                if got is None or got.tokens_per_s is None
                else round(got.tokens_per_s, 1),
                "seconds": None if got is None else round(got.seconds, 1),
            }
        )
    return {
        "profile": profile.name,
        "base_model": profile.base_model,
        "device": device,
        "note": "random weights of the real shapes; planned figures are estimates "
        "(helpers.plan with the fixes), tensors only (no CUDA context)",
        "steps": rows,
    }


def table(result: dict) -> str:
    """Plan and measurement side by side, one step a row."""

    def cell(value, fmt: str) -> str:
        return "-" if value is None else format(value, fmt)

    lines = [
        f"GPU profile check, {result['profile']} on {result['device'] or '?'} (random weights)",
        f"{'step':<15}{'plan GB':>9}{'measured GB':>13}{'plan tok/s':>12}{'measured tok/s':>16}",
    ]
    for row in result["steps"]:
        lines.append(
            f"{row['name']:<15}{cell(row['planned_allocated_gb'], '9.2f')}"
            f"{cell(row['measured_peak_gb'], '13.2f')}"
            f"{cell(row['planned_tokens_per_s'], '12.0f')}"
            f"{cell(row['measured_tokens_per_s'], '16.0f')}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- building models (GPU)


def random_model(model_config, device: str, linear_4bit: bool, dtype):
    """A causal LM of the config with random weights, built module by module on `device`: decoder
    nn.Linear as bitsandbytes Linear4bit (NF4, double quantisation) when linear_4bit, as
    transformers' bitsandbytes loading makes them; never whole in 16-bit."""
    import bitsandbytes as bnb
    import torch

    model = models.meta_model(model_config)

    def rand(shape) -> torch.Tensor:
        return torch.empty(shape, device=device, dtype=dtype).normal_(0, INIT_STD)

    for name, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            if linear_4bit and isinstance(child, torch.nn.Linear) and ".layers." in f".{name}.":
                layer = bnb.nn.Linear4bit(
                    child.in_features,
                    child.out_features,
                    bias=False,
                    compute_dtype=dtype,
                    quant_type="nf4",
                    compress_statistics=True,
                    device="meta",
                )
                layer.weight = bnb.nn.Params4bit(
                    rand(child.weight.shape), requires_grad=False, quant_type="nf4", compress_statistics=True
                )
                setattr(module, child_name, layer.to(device))
    tied = getattr(model_config, "tie_word_embeddings", False)
    for module in model.modules():
        if tied and module is model.lm_head:
            continue  # shares the embedding, tied again below
        for pname, param in list(module._parameters.items()):
            if param is None or param.device.type != "meta":
                continue
            norm = "norm" in type(module).__name__.lower()
            value = torch.ones(param.shape, device=device, dtype=dtype) if norm else rand(param.shape)
            module._parameters[pname] = torch.nn.Parameter(value, requires_grad=False)
    if tied:
        model.lm_head.weight = model.model.embed_tokens.weight
    rotary = model.model.rotary_emb
    model.model.rotary_emb = type(rotary)(config=model_config).to(device)  # buffers were on meta
    model.is_loaded_in_4bit = linear_4bit  # as transformers' bnb quantizer marks it (peft reads it)
    return model.eval()


def save_random_model(model_config, folder: Path, dtype, shard_gb: float = 2.0) -> Path:
    """Write a checkpoint of the config with random weights (norms 1) to `folder`, one tensor at a
    time in shards of about `shard_gb` GiB, so host RAM never holds the whole model; returns it."""
    import torch
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    model_config.save_pretrained(folder)
    shard: dict[str, torch.Tensor] = {}
    size, files = 0, 0

    def flush() -> None:
        nonlocal shard, size, files
        if shard:
            save_file(shard, str(folder / f"model-{files + 1:05d}.safetensors"))
            shard, size, files = {}, 0, files + 1

    for name, param in models.meta_model(model_config).named_parameters():  # tied weights once
        norm = "norm" in name.rsplit(".", 2)[-2]
        value = (
            torch.ones(param.shape, dtype=dtype)
            if norm
            else torch.randn(param.shape).mul_(INIT_STD).to(dtype)
        )
        shard[name], size = value, size + value.numel() * value.element_size()
        if size >= shard_gb * A.GIB:
            flush()
    flush()
    return folder


# --------------------------------------------------------------------------- measuring (GPU)


def prepare_qlora(model, lora):
    """peft's k-bit preparation (fp32 casts, checkpointing) and LoRA adapters in float32, as
    finetune.load_qlora_model and build_trainer do; returns the model and its trainable weights."""
    from peft import get_peft_model, prepare_model_for_kbit_training

    model = get_peft_model(prepare_model_for_kbit_training(model, use_gradient_checkpointing=True), lora)
    for param in model.parameters():
        if param.requires_grad:
            param.data = param.data.float()  # as finetune.build_trainer
    model.train()
    return model, [p for p in model.parameters() if p.requires_grad]


def prepare_router_training(moe) -> list:
    """Freeze the MoE, make every router's weight a trainable float32 parameter (as gating's
    routers are) and checkpoint activations; returns the router weights."""
    import torch

    for param in moe.parameters():
        param.requires_grad_(False)
    routers = []
    for layer in moe.model.layers:
        gate = layer.mlp.gate
        gate.weight = torch.nn.Parameter(gate.weight.data.float(), requires_grad=True)
        routers.append(gate.weight)
    moe.activation_checkpointing_enable(activation_checkpointing_kwargs={"use_reentrant": False})
    moe.train()
    return routers


def measure(work: Callable[[], Any], tokens: int | None = None) -> tuple[Measurement, Any]:
    """Run `work` and read the peak allocated memory; `tokens` processed give tokens per second.
    Returns the measurement and what `work` returned."""
    import torch

    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    value = work()
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    rate = tokens / seconds if tokens else None
    return Measurement(torch.cuda.max_memory_allocated() / A.GIB, seconds, rate), value


def _free() -> None:
    """Return the memory of models just deleted to the allocator."""
    import gc

    import torch

    gc.collect()
    torch.cuda.empty_cache()


def train_steps(model, params, rows: int, seq: int, vocab: int, dtype, device: str = "cuda") -> int:
    """One warm-up and TRAIN_STEPS optimizer steps on random tokens; returns tokens measured.
    In float16 the loss is scaled, as the workbook's training does (router.loss_scaler, the Trainer)."""
    import torch

    from helpers.router import needs_loss_scaling

    optimizer = torch.optim.AdamW(params, lr=1e-4)
    scaler = torch.amp.GradScaler(device, enabled=needs_loss_scaling(dtype))
    ids = torch.randint(0, vocab, (rows, seq), device=device)
    for step in range(TRAIN_STEPS + 1):
        with torch.autocast(device, dtype=dtype):
            loss = model(input_ids=ids, labels=ids).loss
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        optimizer.zero_grad(set_to_none=True)
        if step == 0 and device == "cuda":
            torch.cuda.synchronize()
    return TRAIN_STEPS * rows * seq


def generate(
    model,
    profile: config.Profile,
    vocab: int,
    dtype,
    device: str = "cuda",
    prompt_tokens: int = A.GEN_PROMPT_TOKENS,
) -> int:
    """Batched greedy generation of exactly max_new_tokens from random prompts; returns tokens."""
    import torch

    ids = torch.randint(3, vocab, (profile.gen_batch_size, prompt_tokens), device=device)
    # autocast: the trained routers are float32, the rest of the model 16-bit
    with torch.no_grad(), torch.autocast(device, dtype=dtype):
        model.generate(
            input_ids=ids,
            attention_mask=torch.ones_like(ids),
            do_sample=False,
            max_new_tokens=profile.max_new_tokens,
            min_new_tokens=profile.max_new_tokens,
            pad_token_id=0,
            eos_token_id=None,
            use_cache=True,
        )
    return profile.gen_batch_size * profile.max_new_tokens


def run_steps(profile: config.Profile, scratch: Path | None = None) -> dict[str, Measurement]:
    """Every step of STEPS on the GPU, one model at a time; the random MoE checkpoint that the
    project's loader reads is written under `scratch` (a temporary folder, deleted after)."""
    import torch
    from peft import LoraConfig, get_peft_model

    from helpers import modeling
    from helpers.moe_4bit import load_moe_4bit_experts

    dtype = getattr(torch, modeling.compute_dtype_name(modeling.cuda_capability()))
    cfg = models.load_base_config(profile.base_model)
    moe_cfg = models.mixtral_config(cfg, models.NUM_EXPERTS, profile.moe_top_k)
    lora = LoraConfig(
        r=profile.lora_r,
        lora_alpha=profile.lora_alpha,
        lora_dropout=profile.lora_dropout,
        target_modules=list(profile.lora_target_modules),
        task_type="CAUSAL_LM",
    )
    rows = 1 if profile.packing else profile.batch_size
    out: dict[str, Measurement] = {}

    base, trainable = prepare_qlora(random_model(cfg, "cuda", True, dtype), lora)
    out["qlora_train"], _ = measure(
        partial(train_steps, base, trainable, rows, profile.max_seq_len, cfg.vocab_size, dtype),
        TRAIN_STEPS * rows * profile.max_seq_len,
    )
    base.eval()
    generated = profile.gen_batch_size * profile.max_new_tokens
    out["generate_base"], _ = measure(partial(generate, base, profile, cfg.vocab_size, dtype), generated)
    del base, trainable
    _free()

    dense = get_peft_model(random_model(cfg, "cuda", False, dtype), lora)
    out["adapter_merge"], merged = measure(dense.merge_and_unload)
    del dense, merged
    _free()

    with tempfile.TemporaryDirectory(prefix="random-moe-", dir=scratch) as folder:
        save_random_model(moe_cfg, Path(folder), dtype)
        load = partial(load_moe_4bit_experts, folder, quantize=True, capability=modeling.cuda_capability())
        out["moe_load_4bit"], moe = measure(load)  # as notebooks 05-07 load it (moe_experts_4bit)
    routers = prepare_router_training(moe)
    micro = notebooks.PlanOptions.with_fixes(profile).router_micro_batch_size
    out["router_train"], _ = measure(
        partial(train_steps, moe, routers, micro, profile.max_seq_len, moe_cfg.vocab_size, dtype),
        TRAIN_STEPS * micro * profile.max_seq_len,
    )
    moe.eval()
    out["generate_moe"], _ = measure(partial(generate, moe, profile, moe_cfg.vocab_size, dtype), generated)
    del moe, routers
    _free()
    return out


def main(argv: list[str] | None = None) -> int:
    """Check that CUDA is there, run the steps, print and optionally write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", required=True, choices=sorted(A.HARDWARE))
    parser.add_argument("--json", type=Path, help="write the plan and measurements here")
    parser.add_argument(
        "--scratch", type=Path, help="folder for the random MoE checkpoint (default: the temporary folder)"
    )
    args = parser.parse_args(argv)
    import torch

    if not torch.cuda.is_available():
        print("error: gpu_profile_check needs a CUDA GPU; none is visible.", file=sys.stderr)
        return EXIT_NO_CUDA
    profile = config.get_profile(args.profile)
    result = report(profile, run_steps(profile, args.scratch), torch.cuda.get_device_name(0))
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
