"""Every assumption of the memory and time plan, one named constant each, with where it comes from.

Memory is in GiB (2**30 bytes), shown as "GB" as nvidia-smi, torch and Colab show it. Parameter
counts are exact (helpers.plan.models); everything else here is an estimate until
benchmarks/gpu_profile_check.py measures it on the hardware.
"""

from __future__ import annotations

from dataclasses import dataclass

GIB = 2**30  # bytes per GiB

# --------------------------------------------------------------------------- storage per parameter
BYTES_16BIT = 2  # float16 (T4) or bfloat16 (Ampere) weights and activations
BYTES_FP32 = 4
NF4_BLOCK = 64  # bitsandbytes' 4-bit block size: one absmax per 64 weights
NF4_DOUBLE_QUANT_BLOCK = 256  # double quantisation: absmaxes stored 8-bit, one fp32 scale per 256
# 4 bits of weight + an 8-bit absmax per block + an fp32 second-level scale per 256 absmaxes
# (QLoRA paper, section 3: 0.127 bits per parameter of constants with double quantisation).
NF4_BYTES_PER_PARAM = 0.5 + (1 + BYTES_FP32 / NF4_DOUBLE_QUANT_BLOCK) / NF4_BLOCK  # ≈ 0.5159
# replace_parameter_4bit (MoE experts) defaults to compress_statistics=False: fp32 absmax per block.
NF4_PLAIN_BYTES_PER_PARAM = 0.5 + BYTES_FP32 / NF4_BLOCK  # 0.5625
# LoRA weights train in float32 (finetune.build_trainer): weight + gradient + Adam's m and v.
LORA_TRAIN_BYTES_PER_PARAM = 4 * BYTES_FP32
# A trainer checkpoint holds the adapter, Adam's two moments and small state: about 3 copies.
LORA_CHECKPOINT_COPIES = 3
CHECKPOINTS_KEPT = 2  # save_total_limit in finetune.sft_config and router._save_checkpoint
# Traffic per 4-bit weight per forward: read 0.5 B, write the 16-bit copy (2 B), read it (2 B):
# bitsandbytes dequantises a whole weight before the matmul once a batch has more than one row.
DEQUANT_TRAFFIC_BYTES_PER_PARAM = 0.5 + 2 * BYTES_16BIT

# --------------------------------------------------------------------------- fixed overheads
# CUDA context, cuBLAS workspace and kernels: 0.5-1 GB on a T4/A10G, outside max_memory_allocated.
CUDA_CONTEXT_GB = 0.75
# The caching allocator reserves more than it hands out (fragmentation): 10 % over the peak.
ALLOCATOR_OVERHEAD = 0.10
# A notebook kernel with torch (CUDA libraries), transformers, datasets, a tokenizer and the
# xlcost splits loaded: about 2-3 GB resident on Colab before any model.
HOST_BASELINE_GB = 2.5
# transformers reads a checkpoint shard by shard; the Hub's shards are at most about 5 GB (Mistral
# ships 3 of about 5 GB, SmolLM2 one of 3.4 GB). One shard is resident while it is copied.
HUB_SHARD_GB = 5.0
# save_pretrained's default max_shard_size in transformers 5 is "50GB": one shard, gathered in
# host memory while it is written.
SAVE_SHARD_GB_DEFAULT = 50.0
# mergekit's MergeOptions.out_shard_size "5B" (bytes): TensorWriter keeps a shard in host memory
# until it is full; helpers/merge.py and helpers/moe.py keep that default today.
MERGEKIT_SHARD_GB_DEFAULT = 5.0 * 1e9 / GIB

# --------------------------------------------------------------------------- activations
# Elements kept per token per decoder layer for the backward pass (16-bit each), counted from the
# Llama/Mistral forward: attention: residual input h, norm output h, q, k, v, rotated q and k,
# attention output q (SDPA keeps no attention matrix); MLP: residual input h, norm output h,
# gate, up, silu(gate), silu(gate)*up (4 x intermediate). LoRA dropout (p > 0) copies the input of
# every adapted projection. MoE layers keep, per chosen expert, its gathered input, its four
# intermediate tensors and its weighted output. See activation_elements_* in helpers.plan.memory.
# Cross-entropy on the logits: the 16-bit logits, their fp32 copy (router.token_loss, trl's loss)
# and the fp32 gradient of log-softmax.
LOGIT_BYTES_PER_TOKEN_PER_VOCAB = BYTES_16BIT + 2 * BYTES_FP32

# --------------------------------------------------------------------------- data (xlcost, program level)
XLCOST_TRAIN_RECORDS = 9_000  # per language: the program-level train splits hold ~8-10 thousand
XLCOST_VALIDATION_RECORDS = 470  # per language (used when max_eval_samples is None)
XLCOST_TEST_RECORDS = 880  # per language
# Prompt (chat template + instruction) + program, in SmolLM2/Mistral tokens: an assumption to be
# replaced by notebook 01's token_lengths on the real data.
MEAN_EXAMPLE_TOKENS = 350
# A batch of examples is right-padded to its longest: with 4-8 rows, about twice the mean.
PADDED_BATCH_TOKENS = 2 * MEAN_EXAMPLE_TOKENS
GEN_PROMPT_TOKENS = 160  # a test prompt (SmolLM2's template adds a system prompt), left-padded
# mergekit-moe prompts: chat prompt + 32 program tokens, padded to the longest of the batch.
MOE_PROMPT_TOKENS = 160
# A generation batch runs until its longest answer stops; with 8-16 prompts one usually reaches
# max_new_tokens, so every batch is planned at max_new_tokens steps (conservative).
GEN_STEPS_FRACTION = 1.0
SPEED_PROMPTS_DEFAULT = None  # notebook 07 times generation on every Python test prompt again

# --------------------------------------------------------------------------- CPU work
# Sandbox execution of one program (compile + run): javac and g++ take 1-2 s, python and node
# 0.1-0.3 s; mean over the four languages, per core.
EXEC_SECONDS_PER_PROGRAM = 1.2
CODEBLEU_SECONDS_PER_SAMPLE = 0.05  # per scoring (tree-sitter parse + data flow), per core
SCORINGS = 2  # published and corrected (evaluate.OWN_RUN_SCORINGS)
# Notebook 08 scores the paper's published outputs: measured 45 s on cpu-tiny (README), the same
# work on every profile except the execution-check sample size.
PAPER_NOTEBOOK_SECONDS = 45.0
CPU_TINY_EXEC_SUBSAMPLE = 6  # what that measurement used
PAPER_EXEC_SYSTEMS = 5  # base, finetuned, moe, base_moe and the references


@dataclass(frozen=True)
class Hardware:
    """What a profile's machine offers, and the throughputs the plan assumes on it."""

    name: str
    gpu_gb: float  # memory limit a notebook must fit
    host_ram_gb: float
    disk_gb: float  # free disk for runs/ and the Hub cache (informational)
    peak_tflops: float  # dense 16-bit tensor-core peak
    mem_bandwidth_gbs: float  # GPU memory bandwidth, GB/s (1e9)
    cpu_gflops: float  # achieved fp32 training throughput of the host CPU (notebook 06 as written)
    cpu_cores: int  # for execution checks and CodeBLEU
    disk_gbs: float  # sustained read/write of the model folders, GB/s (1e9)
    download_gbs: float  # Hub download, GB/s (1e9)


HARDWARE = {
    # T4: 65 TFLOPS fp16 tensor peak, 320 GB/s; Colab/Kaggle free tier: 2 vCPUs, 12.7 GB RAM
    # (12 usable), ~78 GB free disk. 15 GB of the 16 are usable (torch reports 14.7 GiB).
    "colab-t4": Hardware(
        "colab-t4",
        gpu_gb=15.0,
        host_ram_gb=12.0,
        disk_gb=78.0,
        peak_tflops=65.0,
        mem_bandwidth_gbs=320.0,
        cpu_gflops=50.0,
        cpu_cores=2,
        disk_gbs=0.2,
        download_gbs=0.1,
    ),
    # The weakest of A10G/L4/3090/4090: A10G, 70 TFLOPS bf16 dense, 600 GB/s; a cloud host with
    # 64 GB RAM and 8 vCPUs. The bar is 24 GB (an A10G or L4 exposes about 22.5 GiB of it).
    "paper": Hardware(
        "paper",
        gpu_gb=24.0,
        host_ram_gb=64.0,
        disk_gb=500.0,
        peak_tflops=70.0,
        mem_bandwidth_gbs=600.0,
        cpu_gflops=300.0,
        cpu_cores=8,
        disk_gbs=0.5,
        download_gbs=0.2,
    ),
}

# Share of the tensor-core peak that QLoRA training reaches: bitsandbytes dequantises every
# weight in every forward and recompute, HF Trainer without fused kernels: 15 % (reports of
# plain HF QLoRA range 10-25 % MFU).
TRAIN_MFU = 0.15
PREFILL_MFU = 0.30  # forward-only passes (prefill, validation loss, routing tables, hidden gate)
BANDWIDTH_EFFICIENCY = 0.6  # share of the memory bandwidth a decode step reaches
# Kernel launches and Python per decoder layer per decode step in transformers' generate with
# bitsandbytes layers (dequantise + matmul per projection, attention, norms): ~40 launches.
DECODE_OVERHEAD_S_PER_LAYER = 0.8e-3
