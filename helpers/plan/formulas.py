"""Bytes and seconds of the basic operations (hold weights, train, generate, copy) from a model's
shape and the assumptions; each function is one formula a reader can check by hand."""

from __future__ import annotations

import math

from helpers.plan import assumptions as A
from helpers.plan.models import ParameterBreakdown


def _dims(cfg) -> tuple[int, int, int, int, int]:
    """(hidden, q width, kv width, intermediate, layers) of a Llama/Mistral/Mixtral config."""
    head_dim = getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads
    return (
        cfg.hidden_size,
        cfg.num_attention_heads * head_dim,
        cfg.num_key_value_heads * head_dim,
        cfg.intermediate_size,
        cfg.num_hidden_layers,
    )


# --------------------------------------------------------------------------- memory (bytes)


def weight_bytes(
    params: ParameterBreakdown,
    linear_4bit: bool,
    experts_4bit: bool = False,
    rest_fp32: bool = False,
    dtype_bytes: int = A.BYTES_16BIT,
) -> float:
    """Bytes of the weights: NF4 (double quantisation) for what is quantised, 16-bit (or fp32) else.

    `rest_fp32`: peft's prepare_model_for_kbit_training casts every non-4-bit weight (embeddings,
    lm_head, norms) to float32. Experts quantised by replace_parameter_4bit use plain NF4.
    """
    rest = (params.embeddings + params.other) * (A.BYTES_FP32 if rest_fp32 else dtype_bytes)
    linear = params.linear * (A.NF4_BYTES_PER_PARAM if linear_4bit else dtype_bytes)
    experts = params.experts * (A.NF4_PLAIN_BYTES_PER_PARAM if experts_4bit else dtype_bytes)
    return linear + experts + rest


def dequant_workspace_bytes(cfg, experts_4bit: bool = False) -> float:
    """16-bit copy that bitsandbytes makes of the largest 4-bit weight it multiplies with.

    A dense model: one MLP projection (intermediate x hidden). A MoE whose fused experts are
    parametrised 4-bit: the whole layer's gate_up_proj and down_proj of every expert.
    """
    h, _, _, inter, _ = _dims(cfg)
    if experts_4bit and getattr(cfg, "num_local_experts", 0):
        return 3 * cfg.num_local_experts * inter * h * A.BYTES_16BIT
    return inter * h * A.BYTES_16BIT


def kv_cache_bytes(cfg, sequences: int, tokens: int) -> float:
    """Keys and values of every layer for `sequences` rows of `tokens` positions (16-bit)."""
    _, _, kv, _, layers = _dims(cfg)
    return 2 * layers * kv * A.BYTES_16BIT * sequences * tokens


def activation_elements_dense(cfg, lora_dropout: bool = False) -> int:
    """16-bit elements one dense decoder layer keeps per token for backward (see assumptions)."""
    h, q, kv, inter, _ = _dims(cfg)
    attention = 2 * h + 3 * q + 3 * kv  # residual, norm out, q, k, v, rotated q and k, attn out
    mlp = 2 * h + 4 * inter  # residual, norm out, gate, up, silu(gate), product
    dropout = (5 * h + q + inter) if lora_dropout else 0  # inputs of the 7 adapted projections
    return attention + mlp + dropout


def activation_elements_moe(cfg) -> int:
    """16-bit elements one Mixtral layer keeps per token for backward (top-k experts)."""
    h, q, kv, inter, _ = _dims(cfg)
    attention = 2 * h + 3 * q + 3 * kv
    mlp = 2 * h + cfg.num_experts_per_tok * (h + 4 * inter + h)  # per chosen expert: in, 4 I, out
    return attention + mlp


def activation_bytes(
    cfg, tokens: int, per_layer_elements: int, checkpointing: bool, dtype_bytes: int = A.BYTES_16BIT
) -> float:
    """Activation memory of a training step over `tokens` tokens (all rows of a forward pass).

    Without checkpointing every layer keeps its activations: layers x tokens x per_layer.
    With it, each layer keeps only its input (layers x tokens x hidden) and one layer's
    activations are rebuilt at a time in the backward pass (tokens x per_layer).
    """
    h, _, _, _, layers = _dims(cfg)
    if checkpointing:
        return (layers * tokens * h + tokens * per_layer_elements) * dtype_bytes
    return layers * tokens * per_layer_elements * dtype_bytes


def logits_bytes(cfg, tokens: int) -> float:
    """Logits of a training step and their loss: 16-bit logits, fp32 copy, fp32 gradient."""
    return tokens * cfg.vocab_size * A.LOGIT_BYTES_PER_TOKEN_PER_VOCAB


def gpu_gb(allocated_bytes: float) -> float:
    """What a notebook needs of the GPU for a peak of `allocated_bytes` tensors: allocator slack
    on top, plus the CUDA context; 0 when nothing is on the GPU."""
    if allocated_bytes <= 0:
        return 0.0
    return allocated_bytes * (1 + A.ALLOCATOR_OVERHEAD) / A.GIB + A.CUDA_CONTEXT_GB


# --------------------------------------------------------------------------- time (seconds)


def forward_flops_per_token(params: ParameterBreakdown, cfg, context: int) -> float:
    """FLOPs of one token's forward pass: 2 per active parameter plus causal attention scores."""
    _, q, _, _, layers = _dims(cfg)
    return 2 * params.active + 2 * layers * context * q  # QK^T and AV over half the context


def train_seconds(
    tokens: float, params: ParameterBreakdown, cfg, context: int, tflops: float, checkpointing: bool
) -> float:
    """Seconds to train on `tokens` with frozen base weights at `tflops` achieved.

    Forward (1x), backward to the inputs only (1x: no weight gradients of frozen weights) and,
    with activation checkpointing, the forward again (1x): 2 or 3 forward passes' FLOPs.
    """
    passes = 3 if checkpointing else 2
    return tokens * passes * forward_flops_per_token(params, cfg, context) / (tflops * 1e12)


def forward_seconds(tokens: float, params: ParameterBreakdown, cfg, context: int, tflops: float) -> float:
    """Seconds of forward passes (no gradients) over `tokens` at `tflops` achieved."""
    return tokens * forward_flops_per_token(params, cfg, context) / (tflops * 1e12)


def decode_step_seconds(
    params: ParameterBreakdown,
    cfg,
    hardware: A.Hardware,
    batch: int,
    context: int,
    linear_4bit: bool,
    experts_4bit: bool,
) -> float:
    """One decode step of a batch: every weight read once (4-bit ones dequantised first), the KV
    cache read, at BANDWIDTH_EFFICIENCY of the bandwidth, plus per-layer launch overhead."""

    def traffic(count: int, quantised: bool) -> float:
        return count * (A.DEQUANT_TRAFFIC_BYTES_PER_PARAM if quantised else A.BYTES_16BIT)

    # with batches of 8-16 tokens and top-2 of 4 experts, every expert is read each step
    weights = (
        traffic(params.linear, linear_4bit)
        + traffic(params.experts, experts_4bit)
        + params.embeddings * A.BYTES_16BIT
    )  # lm_head (the embeddings when tied)
    moved = weights + kv_cache_bytes(cfg, batch, context)
    bandwidth = hardware.mem_bandwidth_gbs * 1e9 * A.BANDWIDTH_EFFICIENCY
    return moved / bandwidth + cfg.num_hidden_layers * A.DECODE_OVERHEAD_S_PER_LAYER


def generation_seconds(
    params: ParameterBreakdown,
    cfg,
    hardware: A.Hardware,
    prompts: int,
    batch: int,
    max_new_tokens: int,
    linear_4bit: bool = True,
    experts_4bit: bool = False,
) -> float:
    """Batched greedy generation of `prompts` prompts: prefill plus max_new_tokens decode steps
    per batch (GEN_STEPS_FRACTION of them)."""
    if prompts <= 0:
        return 0.0
    batches = math.ceil(prompts / batch)
    context = A.GEN_PROMPT_TOKENS + max_new_tokens // 2  # mean context over the decode steps
    steps = batches * max_new_tokens * A.GEN_STEPS_FRACTION
    step = decode_step_seconds(params, cfg, hardware, batch, context, linear_4bit, experts_4bit)
    prefill = forward_seconds(
        prompts * A.GEN_PROMPT_TOKENS, params, cfg, A.GEN_PROMPT_TOKENS, hardware.peak_tflops * A.PREFILL_MFU
    )
    return steps * step + prefill


def generated_tokens_per_second(
    params: ParameterBreakdown,
    cfg,
    hardware: A.Hardware,
    batch: int,
    max_new_tokens: int,
    linear_4bit: bool = True,
    experts_4bit: bool = False,
) -> float:
    """Planned new tokens per second of batched decoding (what the GPU check measures)."""
    context = A.GEN_PROMPT_TOKENS + max_new_tokens // 2
    return batch / decode_step_seconds(params, cfg, hardware, batch, context, linear_4bit, experts_4bit)


def copy_seconds(gigabytes: float, hardware: A.Hardware) -> float:
    """Seconds to read or write `gigabytes` (GiB) of model files."""
    return gigabytes * A.GIB / (hardware.disk_gbs * 1e9)


def cpu_checks_seconds(programs: int, samples_scored: int, hardware: A.Hardware) -> float:
    """Execution checks of `programs` and CodeBLEU (both scorings) of `samples_scored`, on the CPU."""
    work = programs * A.EXEC_SECONDS_PER_PROGRAM + samples_scored * A.SCORINGS * A.CODEBLEU_SECONDS_PER_SAMPLE
    return work / hardware.cpu_cores
