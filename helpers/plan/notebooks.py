"""The plan of every notebook on a profile's hardware: planned peak GPU memory, host RAM, disk and
time of its heaviest step, as the code is written today or with the integrator's fixes."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from helpers import config, router_ceiling
from helpers.plan import assumptions as A
from helpers.plan import formulas as F
from helpers.plan import models

NOTEBOOKS = (
    "01_explore_dataset",
    "02_base_model",
    "03_qlora_finetune",
    "04_merge_ties_slerp",
    "05_moe_assembly",
    "06_router_training",
    "07_evaluate",
    "08_reproduce_paper",
)
ROUTER_KINDS = 3  # router_modules.ROUTER_KINDS: softmax, top-k, noisy top-k (one training each)
DENSE_SYSTEMS_07 = 7  # base, TIES, SLERP tree and the four experts (layout.system_dirs)
MERGE_MODEL_READS_04 = 5 + 6 + 5 + 24  # TIES, three SLERPs, task vectors, weight distances
MERGE_MODEL_WRITES_04 = 4  # TIES, two SLERP pairs, the SLERP tree
MODELS_RESIDENT_06 = 3  # the probe, the last trained MoE and the one being loaded


@dataclass(frozen=True)
class PlanOptions:
    """How the code behaves where the plan depends on it. `from_profile` reads the profile (its
    memory fields; options not built yet keep defaults that describe the code before issue #10);
    `with_fixes` applies every fix planned in issue #10. The defaults are the code before it."""

    moe_experts_4bit: bool = False  # fused 3-D experts NF4 via replace_parameter_4bit (05, 06, 07)
    router_on_gpu: bool = False  # notebook 06 trains on the GPU (before #10: the CPU, float32)
    router_grad_checkpointing: bool = False  # activation checkpointing in router training
    router_micro_batch_size: int | None = None  # rows per forward; None = router_batch_size
    one_model_at_a_time: bool = False  # notebooks free a model before loading the next
    moe_prompt_records: int | None = None  # mergekit prompts per expert; None = every train record
    mergekit_shard_gb: float = A.MERGEKIT_SHARD_GB_DEFAULT  # mergekit's in-memory output shard
    save_shard_gb: float = A.SAVE_SHARD_GB_DEFAULT  # save_pretrained's max_shard_size
    speed_prompts: int | None = A.SPEED_PROMPTS_DEFAULT  # 07's timing prompts; None = all Python
    explore_exec_limit: int | None = None  # 01's programs run per language; None = the whole split
    trained_moe_router_only: bool = False  # 06 saves router weights, the MoE is rebuilt on demand
    reuse_predictions: bool = True  # 07 reads 02-05's answers of the same weights (False: all redone)
    keep_large_models: bool = True  # False: each large model is deleted after use, rebuilt when needed

    @classmethod
    def from_profile(cls, profile: config.Profile) -> PlanOptions:
        """Options as the code runs on the profile: its memory fields (config.Profile), the
        decisions the code derives from them, and today's behaviour for what is not built yet."""
        values = {f.name: getattr(profile, f.name, f.default) for f in dataclasses.fields(cls)}
        # notebook 06 trains where modeling.device_map puts the model: the GPU of a GPU profile
        values["router_on_gpu"] = profile.name in A.HARDWARE or values["router_on_gpu"]
        # router.save_trained_moe saves a MoE with 4-bit experts as its routers only
        values["trained_moe_router_only"] = values["moe_experts_4bit"] or values["trained_moe_router_only"]
        return cls(**values)

    @classmethod
    def with_fixes(cls, profile: config.Profile) -> PlanOptions:
        """The fixed code: 4-bit experts, GPU router training with checkpointing and micro-batches
        of 2, one model at a time, bounded prompt counts, small shards, trained MoEs rebuilt
        from the mergekit MoE and their saved routers."""
        records = getattr(profile, "moe_prompt_records", None)
        return dataclasses.replace(
            cls.from_profile(profile),
            moe_experts_4bit=True,
            router_on_gpu=True,
            router_grad_checkpointing=True,
            router_micro_batch_size=min(2, profile.router_batch_size),
            one_model_at_a_time=True,
            moe_prompt_records=64 if records is None else records,
            mergekit_shard_gb=1.0,
            save_shard_gb=2.0,
            speed_prompts=16,
            explore_exec_limit=profile.exec_subsample,
            trained_moe_router_only=True,
        )


@dataclass(frozen=True)
class Estimate:
    """One notebook's plan: its heaviest step and what it needs (estimates, not measurements)."""

    notebook: str
    heaviest_step: str
    peak_gpu_gb: float
    host_ram_gb: float
    disk_gb: float  # peak disk while it runs: what earlier notebooks kept + what it holds at once
    hours: float
    fits: bool  # within the profile's GPU memory and host RAM
    gpu_parts_gb: dict[str, float] = field(default_factory=dict)  # the peak's terms (tensors)
    kept_gb: float = 0.0  # what it leaves on disk for later notebooks (with the Hub cache)

    def as_dict(self) -> dict:
        """JSON-ready, rounded to 3 decimals."""
        out = dataclasses.asdict(self)
        for key in ("peak_gpu_gb", "host_ram_gb", "disk_gb", "hours", "kept_gb"):
            out[key] = round(out[key], 3)
        out["gpu_parts_gb"] = {k: round(v, 3) for k, v in self.gpu_parts_gb.items()}
        return out


@dataclass(frozen=True)
class Context:
    """Everything a notebook's formula reads: profile, hardware, options, shapes and counts."""

    profile: config.Profile
    hardware: A.Hardware
    options: PlanOptions
    cfg: object  # the base model's transformers config
    moe_cfg: object  # the MixtralConfig mergekit-moe writes
    base: models.ParameterBreakdown
    moe: models.ParameterBreakdown

    @property
    def n_test(self) -> int:
        """Test prompts per language."""
        return self.profile.max_eval_samples or A.XLCOST_TEST_RECORDS

    @property
    def n_val(self) -> int:
        """Validation examples per language."""
        return self.profile.max_eval_samples or A.XLCOST_VALIDATION_RECORDS

    def gb16(self, params: models.ParameterBreakdown) -> float:
        """GiB of a model's 16-bit weights (its folder on disk)."""
        return params.total * A.BYTES_16BIT / A.GIB


def context(profile: config.Profile, options: PlanOptions | None = None) -> Context:
    """The plan's inputs for a GPU profile (ValueError for a profile without planned hardware)."""
    if profile.name not in A.HARDWARE:
        raise ValueError(
            f"No planned hardware for profile {profile.name!r}; the plan covers {', '.join(A.HARDWARE)}."
        )
    cfg = models.load_base_config(profile.base_model)
    moe_cfg = models.mixtral_config(cfg, models.NUM_EXPERTS, profile.moe_top_k)
    return Context(
        profile,
        A.HARDWARE[profile.name],
        options or PlanOptions.from_profile(profile),
        cfg,
        moe_cfg,
        models.base_breakdown(profile.base_model),
        models.moe_breakdown(profile.base_model, models.NUM_EXPERTS, profile.moe_top_k),
    )


def _estimate(
    ctx: Context,
    notebook: str,
    step: str,
    gpu_parts: dict[str, float],
    host_gb: float,
    disk_gb: float,
    seconds: float,
    kept_gb: float | None = None,
) -> Estimate:
    """An Estimate from the peak's tensor terms (bytes), host RAM, disk and seconds; `disk_gb` is
    what the notebook holds at once, `kept_gb` what it leaves (default: all of it); plan() adds
    what earlier notebooks kept."""
    peak = F.gpu_gb(sum(gpu_parts.values()))
    fits = peak <= ctx.hardware.gpu_gb and host_gb <= ctx.hardware.host_ram_gb
    return Estimate(
        notebook,
        step,
        peak,
        host_gb,
        disk_gb,
        seconds / 3600,
        fits,
        {k: v / A.GIB for k, v in gpu_parts.items()},
        disk_gb if kept_gb is None else kept_gb,
    )


def generation_parts(ctx: Context, moe: bool) -> dict[str, float]:
    """GPU tensors of batched generation with the base-shaped model or the MoE, in 4-bit."""
    params, cfg = (ctx.moe, ctx.moe_cfg) if moe else (ctx.base, ctx.cfg)
    experts_4bit = moe and ctx.options.moe_experts_4bit
    p = ctx.profile
    batch, prompt = p.gen_batch_size, A.GEN_PROMPT_TOKENS
    return {
        "weights": F.weight_bytes(params, p.generate_in_4bit, experts_4bit),
        "kv_cache": F.kv_cache_bytes(cfg, batch, prompt + p.max_new_tokens),
        "dequantised_weight": F.dequant_workspace_bytes(cfg, experts_4bit),
        "prefill": batch * prompt * 3 * cfg.intermediate_size * A.BYTES_16BIT
        + batch * cfg.vocab_size * A.BYTES_FP32,
    }


def _generation_s(ctx: Context, prompts: int, moe: bool) -> float:
    """Seconds of generating `prompts` answers with the base-shaped model or the MoE."""
    params, cfg = (ctx.moe, ctx.moe_cfg) if moe else (ctx.base, ctx.cfg)
    return F.generation_seconds(
        params,
        cfg,
        ctx.hardware,
        prompts,
        ctx.profile.gen_batch_size,
        ctx.profile.max_new_tokens,
        ctx.profile.generate_in_4bit,
        moe and ctx.options.moe_experts_4bit,
    )


def _load_host_gb(ctx: Context, params: models.ParameterBreakdown) -> float:
    """Host RAM while loading a model: the baseline and one checkpoint shard."""
    return A.HOST_BASELINE_GB + min(A.HUB_SHARD_GB, ctx.gb16(params))


def _router_files_gb(ctx: Context) -> float:
    """GiB of one MoE's router matrices in float32 (W_g, or W_g and W_noise: `matrices` 2)."""
    cfg = ctx.moe_cfg
    return cfg.num_hidden_layers * cfg.num_local_experts * cfg.hidden_size * A.BYTES_FP32 / A.GIB


def _expert_merges_s(ctx: Context) -> float:
    """Seconds to merge the four experts from their adapters again (load the base in 16-bit, write)."""
    return F.copy_seconds(4 * 2 * ctx.gb16(ctx.base), ctx.hardware)


def _moe_rebuilds_s(ctx: Context, count: int) -> float:
    """Seconds to rebuild `count` MoEs from the experts and their kept routers (read, write)."""
    return F.copy_seconds(count * (5 * ctx.gb16(ctx.base) + ctx.gb16(ctx.moe)), ctx.hardware)


# --------------------------------------------------------------------------- one function per notebook


def plan_01(ctx: Context) -> Estimate:
    """01: runs the reference programs of the test split in the sandbox (CPU only)."""
    per_language = ctx.options.explore_exec_limit or A.XLCOST_TEST_RECORDS
    seconds = F.cpu_checks_seconds(4 * per_language, 0, ctx.hardware)
    return _estimate(
        ctx,
        notebook="01_explore_dataset",
        step="reference programs in the sandbox",
        gpu_parts={},
        host_gb=A.HOST_BASELINE_GB,
        disk_gb=0.2,
        seconds=seconds,
    )


def plan_02(ctx: Context) -> Estimate:
    """02: downloads the base model, generates for every test prompt in 4-bit, scores, runs all."""
    size, n = ctx.gb16(ctx.base), 4 * ctx.n_test
    seconds = (
        size * A.GIB / (ctx.hardware.download_gbs * 1e9)
        + F.copy_seconds(size, ctx.hardware)
        + _generation_s(ctx, n, moe=False)
        + F.cpu_checks_seconds(n, n, ctx.hardware)
    )
    return _estimate(
        ctx,
        "02_base_model",
        "batched generation, base in 4-bit",
        generation_parts(ctx, moe=False),
        _load_host_gb(ctx, ctx.base),
        size,
        seconds,
    )


def qlora_parts(ctx: Context) -> dict[str, float]:
    """GPU tensors of one QLoRA step: 4-bit base (fp32 embeddings after peft's cast), LoRA with
    Adam, checkpointed activations of one forward pass, the logits and their loss."""
    p, cfg = ctx.profile, ctx.cfg
    rows = 1 if p.packing else p.batch_size  # finetune.batch_layout
    tokens = rows * p.max_seq_len
    lora = models.lora_parameters(cfg, p.lora_r, p.lora_target_modules)
    per_layer = F.activation_elements_dense(cfg, lora_dropout=p.lora_dropout > 0)
    return {
        "weights": F.weight_bytes(ctx.base, p.load_in_4bit, rest_fp32=p.load_in_4bit),
        "lora_and_adam": lora * A.LORA_TRAIN_BYTES_PER_PARAM,
        "activations": F.activation_bytes(cfg, tokens, per_layer, checkpointing=True),
        "logits_and_loss": F.logits_bytes(cfg, tokens),
        "dequantised_weight": F.dequant_workspace_bytes(cfg),
    }


def plan_03(ctx: Context) -> Estimate:
    """03 (four languages): QLoRA training, evaluation, adapter merge in 16-bit, generation."""
    p, cfg, hw = ctx.profile, ctx.cfg, ctx.hardware
    parts = qlora_parts(ctx)
    lora = models.lora_parameters(cfg, p.lora_r, p.lora_target_modules)
    merge = {
        "weights": F.weight_bytes(ctx.base, linear_4bit=False),
        "adapter": lora * A.BYTES_FP32,
        "dequantised_weight": F.dequant_workspace_bytes(cfg),
    }
    step = "QLoRA training step"
    if sum(merge.values()) > sum(parts.values()):
        parts, step = merge, "adapter merge into a 16-bit base on the GPU"
    forwards = p.packed_rows_per_step if p.packing else 1
    tokens = p.finetune_steps * forwards * (1 if p.packing else p.batch_size) * p.max_seq_len
    evaluations = math.ceil(p.finetune_steps / max(1, min(p.checkpoint_steps, p.finetune_steps))) + 2
    eval_tokens = evaluations * ctx.n_val * A.MEAN_EXAMPLE_TOKENS
    size = ctx.gb16(ctx.base)
    per_language = (
        F.train_seconds(
            tokens, ctx.base, cfg, p.max_seq_len, hw.peak_tflops * A.TRAIN_MFU, checkpointing=True
        )
        + F.forward_seconds(eval_tokens, ctx.base, cfg, A.MEAN_EXAMPLE_TOKENS, hw.peak_tflops * A.PREFILL_MFU)
        + F.copy_seconds(3 * size, hw)  # 4-bit load, 16-bit load, expert write
        + _generation_s(ctx, ctx.n_test, moe=False)
        + F.cpu_checks_seconds(2 * ctx.n_test, 2 * ctx.n_test, hw)
    )
    adapter_files = lora * A.BYTES_FP32 * (1 + A.CHECKPOINTS_KEPT * A.LORA_CHECKPOINT_COPIES) / A.GIB
    host = A.HOST_BASELINE_GB + max(min(A.HUB_SHARD_GB, size), min(ctx.options.save_shard_gb, size))
    if ctx.options.keep_large_models:
        held = kept = 4 * (size + adapter_files)
    else:  # each run's expert is deleted after its predictions: one at a time
        held, kept = size + 4 * adapter_files, 4 * adapter_files
    return _estimate(ctx, "03_qlora_finetune", step, parts, host, held, 4 * per_language, kept)


def plan_04(ctx: Context) -> Estimate:
    """04: TIES and three SLERP merges with mergekit, weight statistics, three models generate."""
    hw, size = ctx.hardware, ctx.gb16(ctx.base)
    largest = ctx.cfg.vocab_size * ctx.cfg.hidden_size  # the embedding matrix, parameters
    merge_gpu = largest * (5 * A.BYTES_16BIT + 3 * A.BYTES_FP32)  # five inputs, fp32 work copies
    parts = generation_parts(ctx, moe=False)
    step = "batched generation of a merged model in 4-bit"
    if merge_gpu > sum(parts.values()):
        parts, step = {"mergekit_tensors": merge_gpu}, "TIES merge, one tensor at a time"
    host = A.HOST_BASELINE_GB + max(
        min(ctx.options.mergekit_shard_gb, size) + largest * 5 * A.BYTES_16BIT / A.GIB,
        largest * 6 * A.BYTES_FP32 / A.GIB,
    )  # task vectors in fp32
    n, sub = 4 * ctx.n_test, 4 * (ctx.profile.exec_subsample or ctx.n_test)
    seconds = (
        F.copy_seconds((MERGE_MODEL_READS_04 + MERGE_MODEL_WRITES_04 + 3) * size, hw)
        + 3 * _generation_s(ctx, n, moe=False)
        + F.cpu_checks_seconds(3 * sub, 3 * n + 2 * n, hw)
    )  # + base and experts rescored
    held = kept = MERGE_MODEL_WRITES_04 * size
    if not ctx.options.keep_large_models:  # the experts merged again here, all deleted at the end
        held, kept, seconds = (4 + MERGE_MODEL_WRITES_04) * size, 0.0, seconds + _expert_merges_s(ctx)
    return _estimate(ctx, "04_merge_ties_slerp", step, parts, host, held, seconds, kept)


def moe_prompt_counts(ctx: Context) -> tuple[int, int]:
    """(positive, negative) mergekit prompts per expert, as notebook 05 makes them."""
    p = ctx.profile
    records = ctx.options.moe_prompt_records or A.XLCOST_TRAIN_RECORDS
    return records * max(1, len(p.moe_prompt_code_tokens)), p.moe_negative_prompts * 3


def hidden_gate_parts(ctx: Context) -> dict[str, float]:
    """GPU tensors of mergekit's `hidden` gate: the base in bf16 and one forward pass over all of
    an expert's positive prompts in one batch, keeping every layer's hidden states."""
    cfg, positive = ctx.cfg, moe_prompt_counts(ctx)[0]
    tokens = positive * A.MOE_PROMPT_TOKENS
    return {
        "weights": F.weight_bytes(ctx.base, linear_4bit=False),
        "hidden_states": (cfg.num_hidden_layers + 1) * tokens * cfg.hidden_size * A.BYTES_16BIT,
        "logits": tokens * cfg.vocab_size * A.BYTES_16BIT,
        "mlp_transient": tokens * 3 * cfg.intermediate_size * A.BYTES_16BIT,
    }


def plan_05(ctx: Context) -> Estimate:
    """05: three mergekit-moe builds (hidden, cheap_embed, random), routing tables, generation."""
    p, hw, cfg = ctx.profile, ctx.hardware, ctx.cfg
    positive, negative = moe_prompt_counts(ctx)
    parts, step = generation_parts(ctx, moe=True), "MoE generation and routing in 4-bit"
    if "hidden" in p.moe_gate_modes and sum(hidden_gate_parts(ctx).values()) > sum(parts.values()):
        parts, step = hidden_gate_parts(ctx), "mergekit hidden gate: all prompts in one batch"
    moe_gb, size = ctx.gb16(ctx.moe), ctx.gb16(ctx.base)
    layer_experts = 4 * 3 * cfg.intermediate_size * cfg.hidden_size * A.BYTES_16BIT * 2 / A.GIB
    hosts = [
        A.HOST_BASELINE_GB + min(ctx.options.mergekit_shard_gb, moe_gb) + layer_experts,
        _load_host_gb(ctx, ctx.moe),
    ]
    if "cheap_embed" in p.moe_gate_modes:  # one-hot (int64) of every prompt token, and its float
        onehot = positive * A.MOE_PROMPT_TOKENS * cfg.vocab_size * (8 + A.BYTES_FP32) / A.GIB
        hosts.append(A.HOST_BASELINE_GB + onehot)
    n, modes = 4 * ctx.n_test, len(p.moe_gate_modes)
    routing_tokens = 2 * n * (A.GEN_PROMPT_TOKENS + A.MEAN_EXAMPLE_TOKENS)  # prompts, programs
    seconds = modes * (
        F.copy_seconds(5 * size + 2 * moe_gb, hw)  # read inputs, write, load
        + F.forward_seconds(
            routing_tokens, ctx.moe, ctx.moe_cfg, A.MEAN_EXAMPLE_TOKENS, hw.peak_tflops * A.PREFILL_MFU
        )
        + _generation_s(ctx, n, moe=True)
    )
    if "hidden" in p.moe_gate_modes:
        seconds += F.copy_seconds(size, hw) + F.forward_seconds(
            4 * (positive + negative) * A.MOE_PROMPT_TOKENS,
            ctx.base,
            cfg,
            A.MOE_PROMPT_TOKENS,
            hw.peak_tflops * A.PREFILL_MFU,
        )
    # the first MoE's router inputs on training and test programs, one program per forward
    read = 4 * (router_ceiling.PROGRAMS + min(router_ceiling.PROGRAMS, ctx.n_test))
    seconds += F.forward_seconds(
        read * (A.GEN_PROMPT_TOKENS + A.MEAN_EXAMPLE_TOKENS),
        ctx.moe,
        ctx.moe_cfg,
        A.GEN_PROMPT_TOKENS + A.MEAN_EXAMPLE_TOKENS,
        hw.peak_tflops * A.PREFILL_MFU,
    )
    sub = 4 * (p.exec_subsample or ctx.n_test)
    seconds += F.cpu_checks_seconds(modes * sub, modes * n + 2 * n, hw)
    held = kept = modes * moe_gb
    if not ctx.options.keep_large_models:  # experts merged again; MoEs and experts deleted at the end
        held, kept = 4 * size + modes * moe_gb, modes * _router_files_gb(ctx)
        seconds += _expert_merges_s(ctx)
    return _estimate(ctx, "05_moe_assembly", step, parts, max(hosts), held, seconds, kept)


def router_tokens_per_forward(ctx: Context) -> int:
    """Tokens of one router-training forward pass (memory bound: rows padded to max_seq_len)."""
    p = ctx.profile
    return (ctx.options.router_micro_batch_size or p.router_batch_size) * p.max_seq_len


def router_parts(ctx: Context) -> dict[str, float]:
    """Tensors of one router-training step, on the GPU (fixed) or the CPU in float32 (today)."""
    o, cfg = ctx.options, ctx.moe_cfg
    dtype = A.BYTES_16BIT if o.router_on_gpu else A.BYTES_FP32
    tokens = router_tokens_per_forward(ctx)
    resident = 1 if o.one_model_at_a_time else MODELS_RESIDENT_06
    linear_4bit = getattr(ctx.profile, "router_in_4bit", True)  # 06's linear layers in NF4
    weights = (
        F.weight_bytes(ctx.moe, linear_4bit, o.moe_experts_4bit)
        if o.router_on_gpu
        else ctx.moe.total * A.BYTES_FP32
    )
    routers = cfg.num_hidden_layers * cfg.num_local_experts * cfg.hidden_size * 2  # W_g, W_noise
    return {
        "weights": resident * weights,
        "activations": F.activation_bytes(
            cfg, tokens, F.activation_elements_moe(cfg), o.router_grad_checkpointing, dtype
        ),
        "logits_and_loss": tokens * cfg.vocab_size * (dtype + 2 * A.BYTES_FP32),
        "routers_and_adam": routers * A.LORA_TRAIN_BYTES_PER_PARAM,
        "dequantised_weight": F.dequant_workspace_bytes(cfg, o.moe_experts_4bit) if o.router_on_gpu else 0.0,
    }


def plan_06(ctx: Context) -> Estimate:
    """06: trains three routers (softmax, top-k, noisy top-k), evaluates six MoEs and the experts."""
    p, o, hw = ctx.profile, ctx.options, ctx.hardware
    parts = router_parts(ctx)
    moe_gb = ctx.gb16(ctx.moe)
    router_gb = (
        ctx.moe_cfg.num_hidden_layers
        * ctx.moe_cfg.num_local_experts
        * ctx.moe_cfg.hidden_size
        * 2
        * A.BYTES_FP32
        / A.GIB
    )  # W_g and W_noise of every layer
    saved_gb = router_gb if o.trained_moe_router_only else moe_gb  # per trained MoE
    save = min(o.save_shard_gb, saved_gb)
    if o.router_on_gpu:
        gpu, host = parts, max(_load_host_gb(ctx, ctx.moe), A.HOST_BASELINE_GB + save)
        flops, where = hw.peak_tflops * A.TRAIN_MFU, "on the GPU in 4-bit"
    else:
        gpu, host = {}, A.HOST_BASELINE_GB + sum(parts.values()) / A.GIB
        flops, where = hw.cpu_gflops / 1000, "on the CPU in float32"  # TFLOPS
    train_tokens = (
        ROUTER_KINDS * p.router_steps * p.router_batch_size * min(p.max_seq_len, A.PADDED_BATCH_TOKENS)
    )
    val_tokens = 4 * ctx.n_val * A.MEAN_EXAMPLE_TOKENS
    systems = len(p.moe_gate_modes) + ROUTER_KINDS
    eval_flops = flops if not o.router_on_gpu else hw.peak_tflops * A.PREFILL_MFU
    seconds = (
        F.train_seconds(
            train_tokens, ctx.moe, ctx.moe_cfg, A.PADDED_BATCH_TOKENS, flops, o.router_grad_checkpointing
        )
        + 2 * systems * F.forward_seconds(val_tokens, ctx.moe, ctx.moe_cfg, A.MEAN_EXAMPLE_TOKENS, eval_flops)
        + F.forward_seconds(val_tokens, ctx.base, ctx.cfg, A.MEAN_EXAMPLE_TOKENS, eval_flops)
        + F.copy_seconds(
            (1 + ROUTER_KINDS + systems) * moe_gb + ROUTER_KINDS * saved_gb + 4 * ctx.gb16(ctx.base), hw
        )
    )
    held = kept = ROUTER_KINDS * saved_gb
    if not o.keep_large_models:  # MoEs rebuilt one by one (the start MoE kept for the trained ones)
        held += 4 * ctx.gb16(ctx.base) + 2 * moe_gb
        seconds += _expert_merges_s(ctx) + _moe_rebuilds_s(ctx, len(p.moe_gate_modes))
    return _estimate(
        ctx, "06_router_training", f"router training step {where}", gpu, host, held, seconds, kept
    )


def plan_07(ctx: Context) -> Estimate:
    """07: every system (7 dense models, 6 MoEs) answers every test prompt, then scoring."""
    p, hw = ctx.profile, ctx.hardware
    moes = len(p.moe_gate_modes) + ROUTER_KINDS
    dense_parts, moe_parts = generation_parts(ctx, moe=False), generation_parts(ctx, moe=True)
    parts, step = moe_parts, "MoE generation in 4-bit"
    if sum(dense_parts.values()) > sum(moe_parts.values()):
        parts, step = dense_parts, "dense generation in 4-bit"
    n, sub = 4 * ctx.n_test, 4 * (p.exec_subsample or ctx.n_test)
    speed = ctx.options.speed_prompts or ctx.n_test  # every system's timing run
    if ctx.options.reuse_predictions:  # only the experts' other three languages and the trained MoEs
        dense_prompts = 4 * 3 * ctx.n_test + DENSE_SYSTEMS_07 * speed
        moe_prompts = ROUTER_KINDS * n + moes * speed
    else:
        dense_prompts, moe_prompts = DENSE_SYSTEMS_07 * (n + speed), moes * (n + speed)
    seconds = (
        _generation_s(ctx, dense_prompts, moe=False)
        + _generation_s(ctx, moe_prompts, moe=True)
        + F.copy_seconds(DENSE_SYSTEMS_07 * ctx.gb16(ctx.base) + moes * ctx.gb16(ctx.moe), hw)
        + F.cpu_checks_seconds((3 + moes + 1) * sub, (DENSE_SYSTEMS_07 + moes + 1) * n, hw)
    )
    held = 0.0
    if not ctx.options.keep_large_models:  # everything rebuilt before it answers, deleted after
        size = ctx.gb16(ctx.base)
        held = 4 * size + max(MERGE_MODEL_WRITES_04 - 1, 2 * ctx.gb16(ctx.moe) / size) * size
        seconds += (
            _expert_merges_s(ctx)
            + F.copy_seconds((MERGE_MODEL_READS_04 - 24 + MERGE_MODEL_WRITES_04) * size, hw)
            + _moe_rebuilds_s(ctx, len(p.moe_gate_modes))
        )
    return _estimate(ctx, "07_evaluate", step, parts, _load_host_gb(ctx, ctx.moe), held, seconds, 0.0)


def plan_08(ctx: Context) -> Estimate:
    """08: scores the paper's published outputs on the CPU (measured on cpu-tiny) + execution."""
    extra = max(0, (ctx.profile.exec_subsample or 0) - A.CPU_TINY_EXEC_SUBSAMPLE)
    seconds = A.PAPER_NOTEBOOK_SECONDS + F.cpu_checks_seconds(
        extra * 4 * A.PAPER_EXEC_SYSTEMS, 0, ctx.hardware
    )
    return _estimate(
        ctx, "08_reproduce_paper", "CodeBLEU of the published outputs", {}, A.HOST_BASELINE_GB, 0.05, seconds
    )


PLANNERS = (plan_01, plan_02, plan_03, plan_04, plan_05, plan_06, plan_07, plan_08)


def plan(profile: config.Profile, options: PlanOptions | None = None) -> dict:
    """The whole workbook's plan on the profile's hardware, as the JSON the CLI writes."""
    ctx = context(profile, options)
    estimates, kept = [], 0.0
    for planner in PLANNERS:  # disk: what earlier notebooks kept, plus what this one holds at once
        estimate = planner(ctx)
        estimates.append(dataclasses.replace(estimate, disk_gb=kept + estimate.disk_gb))
        kept += estimate.kept_gb
    return {
        "profile": profile.name,
        "hardware": dataclasses.asdict(ctx.hardware),
        "options": dataclasses.asdict(ctx.options),
        "notebooks": {e.notebook: e.as_dict() for e in estimates},
        "total_hours": round(sum(e.hours for e in estimates), 3),
        "total_disk_gb": round(kept + 0.0, 3),  # what the workbook leaves on disk
        "peak_disk_gb": round(max(e.disk_gb for e in estimates) + 0.0, 3),
        "fits_all": all(e.fits for e in estimates),
        "parameters": {
            "base": ctx.base.total,
            "moe_total": ctx.moe.total,
            "moe_active": ctx.moe.active,
            "moe_experts": ctx.moe.experts,
        },
    }
