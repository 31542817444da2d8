"""The real models' shapes without their weights: shipped config.json values, the Mixtral config
mergekit-moe writes from them, and exact parameter counts of models built on the `meta` device."""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass
from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent.parent / "model_configs"
# Hub id of each base model -> the file holding its config.json values (no download needed).
CONFIG_FILES = {
    "HuggingFaceTB/SmolLM2-1.7B-Instruct": "smollm2-1.7b-instruct.json",
    "mistralai/Mistral-7B-Instruct-v0.2": "mistral-7b-instruct-v0.2.json",
}
NUM_EXPERTS = 4  # one expert per language (config.LANGUAGES)


@dataclass(frozen=True)
class ParameterBreakdown:
    """Parameters of one model by how bitsandbytes stores them (counts, not bytes)."""

    total: int  # every distinct parameter (tied embeddings once)
    linear: int  # nn.Linear weights inside the decoder layers: NF4 under load_in_4bit
    experts: int  # Mixtral's fused 3-D expert tensors: 16-bit unless replace_parameter_4bit
    embeddings: int  # input embedding and an untied lm_head: kept 16-bit by bitsandbytes
    other: int  # norms and routers: 16-bit (tiny)
    active: int  # used for one token: total minus the experts a top-k router skips

    def as_dict(self) -> dict[str, int]:
        """JSON-ready counts."""
        return asdict(self)


def base_config_path(base_model: str) -> Path:
    """The shipped config.json values of a Hub base model (ValueError for an unknown one)."""
    if base_model not in CONFIG_FILES:
        raise ValueError(f"No shipped config for {base_model!r}; known: {', '.join(CONFIG_FILES)}.")
    return CONFIG_DIR / CONFIG_FILES[base_model]


def load_base_config(base_model: str):
    """The base model's transformers config (LlamaConfig or MistralConfig) from the shipped JSON."""
    from transformers import AutoConfig

    values = json.loads(base_config_path(base_model).read_text(encoding="utf-8"))
    values = {k: v for k, v in values.items() if not k.startswith("_")}
    return AutoConfig.for_model(values.pop("model_type"), **values)


def mixtral_config(base_config, num_experts: int = NUM_EXPERTS, top_k: int = 2):
    """The MixtralConfig mergekit-moe 0.1.5 writes from a Llama or Mistral base (moe/mixtral.py).

    mergekit converts a Llama config to a MistralConfig (sliding_window None), then builds a
    MixtralConfig from its dict: everything else, tie_word_embeddings included, is the base's. A
    tied base has no lm_head tensor (mergekit's lm_head is optional), so the MoE stays tied.
    """
    from transformers import MistralConfig, MixtralConfig

    if not isinstance(base_config, MistralConfig):
        converted = MistralConfig(**base_config.to_dict())
        converted.sliding_window = None
        converted.max_position_embeddings = base_config.max_position_embeddings
        base_config = converted
    out = MixtralConfig(**base_config.to_dict())
    out.architectures = ["MixtralForCausalLM"]
    out.num_local_experts = num_experts
    out.num_experts_per_tok = top_k
    out.sliding_window = None
    return out


def meta_model(model_config):
    """A causal LM of this config on the `meta` device: shapes without memory."""
    import torch
    from transformers import AutoModelForCausalLM

    with torch.device("meta"):
        return AutoModelForCausalLM.from_config(model_config)


def breakdown(model) -> ParameterBreakdown:
    """Count a model's parameters by storage kind (meta or real; tied weights counted once)."""
    import torch

    linear_ids = {
        id(m.weight)
        for name, m in model.named_modules()
        if isinstance(m, torch.nn.Linear) and ".layers." in f".{name}"
    }
    embedding_ids = {
        id(m.weight) for m in (model.get_input_embeddings(), model.get_output_embeddings()) if m is not None
    }
    counts = {"linear": 0, "experts": 0, "embeddings": 0, "other": 0}
    for name, param in model.named_parameters():  # yields a shared (tied) tensor once
        if id(param) in linear_ids:
            counts["linear"] += param.numel()
        elif ".experts." in name:
            counts["experts"] += param.numel()
        elif id(param) in embedding_ids:
            counts["embeddings"] += param.numel()
        else:
            counts["other"] += param.numel()
    total = sum(counts.values())
    cfg = model.config
    experts = getattr(cfg, "num_local_experts", 0) or 0
    idle = counts["experts"] * (experts - cfg.num_experts_per_tok) // experts if experts else 0
    return ParameterBreakdown(total=total, active=total - idle, **counts)


@functools.cache
def base_breakdown(base_model: str) -> ParameterBreakdown:
    """Parameter counts of the base model, from its shipped config."""
    return breakdown(meta_model(load_base_config(base_model)))


@functools.cache
def moe_breakdown(base_model: str, num_experts: int = NUM_EXPERTS, top_k: int = 2) -> ParameterBreakdown:
    """Parameter counts of the mergekit-moe MoE of `num_experts` copies of the base."""
    return breakdown(meta_model(mixtral_config(load_base_config(base_model), num_experts, top_k)))


def lora_parameters(model_config, rank: int, target_modules: tuple[str, ...]) -> int:
    """Trainable LoRA parameters: rank × (in + out features) of every targeted projection."""
    h, inter = model_config.hidden_size, model_config.intermediate_size
    head_dim = getattr(model_config, "head_dim", None) or h // model_config.num_attention_heads
    q, kv = model_config.num_attention_heads * head_dim, model_config.num_key_value_heads * head_dim
    shapes = {
        "q_proj": (h, q),
        "k_proj": (h, kv),
        "v_proj": (h, kv),
        "o_proj": (q, h),
        "gate_proj": (h, inter),
        "up_proj": (h, inter),
        "down_proj": (inter, h),
    }
    per_layer = sum(rank * sum(shapes[name]) for name in target_modules if name in shapes)
    return per_layer * model_config.num_hidden_layers
