"""MoEs with 4-bit experts: Mixtral's fused 3-D expert parameters quantised to NF4.

transformers 5 stores Mixtral's experts as two fused 3-D parameters per layer (gate_up_proj
(experts, 2 x intermediate, hidden) and down_proj (experts, hidden, intermediate)), which
bitsandbytes' Linear4bit does not quantise (bitsandbytes issue #1849): a 4x7B MoE would load
22.5 B expert parameters in 16-bit (42 GB). bitsandbytes' (experimental) parametrization stores
such a parameter packed (two NF4 values a byte, one float32 absmax per 64) and dequantises it
whenever the module reads it, once per forward pass of that module.
"""

from __future__ import annotations

from pathlib import Path

from helpers.modeling import _quiet_bitsandbytes, compute_dtype_name, is_saved_model


def is_4bit_parametrized(module, name: str) -> bool:
    """True when `module.<name>` is stored 4-bit through bitsandbytes' parametrization."""
    import torch.nn.utils.parametrize as P

    return P.is_parametrized(module, name) and any(
        type(p).__name__ == "Bnb4bitParametrization" for p in module.parametrizations[name]
    )


def quantize_parameter_4bit(module, name: str, device: str | int, double_quant: bool = False) -> None:
    """Move `module.<name>` to `device` and store it NF4 (bitsandbytes.nn.parametrize)."""
    import torch
    from bitsandbytes.nn.parametrize import replace_parameter_4bit

    param = getattr(module, name)
    with torch.no_grad():
        param.data = param.data.to(device)  # one tensor at a time: the 16-bit copy is freed next
    replace_parameter_4bit(module, name, compress_statistics=double_quant, quant_type="nf4")


def moe_experts_modules(model) -> list:
    """Every module holding fused 3-D expert parameters (`gate_up_proj`, `down_proj`)."""
    from torch import nn

    return [
        m
        for m in model.modules()
        # a 4-bit module's `parametrizations` dict has entries of those names too
        if not isinstance(m, nn.ModuleDict) and hasattr(m, "gate_up_proj") and hasattr(m, "down_proj")
    ]


def _checkpoint_tensors(folder: Path) -> dict[str, Path]:
    """Which safetensors file of a saved model holds each tensor name."""
    from safetensors import safe_open

    where = {}
    for file in sorted(folder.glob("*.safetensors")):
        with safe_open(str(file), framework="pt") as handle:
            where |= dict.fromkeys(handle.keys(), file)
    return where


def _read(where: dict[str, Path], name: str):
    """One tensor of the checkpoint (memory-mapped: only this tensor is read)."""
    from safetensors import safe_open

    with safe_open(str(where[name]), framework="pt") as handle:
        return handle.get_tensor(name)


def _set_tensor(model, name: str, value, buffer: bool = False) -> None:
    """Put `value` at `model.<name>` (a parameter, frozen, or a buffer), replacing the meta one."""
    import torch

    owner_name, _, leaf = name.rpartition(".")
    owner = model.get_submodule(owner_name)
    if buffer:
        owner._buffers[leaf] = value
    else:
        owner._parameters[leaf] = torch.nn.Parameter(value, requires_grad=value.is_floating_point())


def _fused_experts(where: dict[str, Path], layer: int, num_experts: int, device, dtype):
    """(gate_up_proj, down_proj) of one layer from mergekit's per-expert w1/w3/w2 tensors, fused as
    transformers 5 fuses them (gate rows, then up rows), on `device` in `dtype`."""
    import torch

    fused = f"model.layers.{layer}.mlp.experts."
    if fused + "gate_up_proj" in where:  # already fused on disk
        return tuple(_read(where, fused + n).to(device, dtype) for n in ("gate_up_proj", "down_proj"))
    prefix = f"model.layers.{layer}.block_sparse_moe.experts."

    def stack(names: list[str]):
        return torch.stack(
            [torch.cat([_read(where, prefix + n).to(device, dtype) for n in group]) for group in names]
        )

    gate_up = stack([[f"{e}.w1.weight", f"{e}.w3.weight"] for e in range(num_experts)])
    down = stack([[f"{e}.w2.weight"] for e in range(num_experts)])
    return gate_up, down  # (experts, 2 x intermediate, hidden), (experts, hidden, intermediate)


def load_moe_4bit_experts(source: str | Path, quantize: bool, capability: tuple[int, int] | None = None):
    """A Mixtral-architecture MoE from a local folder with its fused experts in NF4 and the rest as
    `load_model` puts it: linear layers (not lm_head) NF4 with double quantisation when
    `quantize`, else the compute dtype.

    The model is built empty (on the meta device) and filled one tensor at a time from the
    memory-mapped checkpoint, on the device: a layer's experts are fused there in 16-bit and
    quantised at once, so neither host RAM nor GPU memory ever holds the 16-bit MoE.
    """
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, GenerationConfig

    _quiet_bitsandbytes()
    folder = Path(source)
    if not is_saved_model(folder):
        raise ValueError(f"{source} is not a saved model folder (config.json and *.safetensors).")
    dtype = getattr(torch, compute_dtype_name(capability))
    device = torch.device("cuda", 0) if capability is not None else torch.device("cpu")
    model_config = AutoConfig.from_pretrained(folder)
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(model_config, dtype=dtype)
    experts = moe_experts_modules(model)
    if not experts:
        raise ValueError(f"{source} has no fused MoE experts (gate_up_proj, down_proj): not a Mixtral MoE.")
    where = _checkpoint_tensors(folder)
    for layer, module in enumerate(experts):
        gate_up, down = _fused_experts(where, layer, model_config.num_local_experts, device, dtype)
        for name, value in (("gate_up_proj", gate_up), ("down_proj", down)):
            module._parameters[name] = torch.nn.Parameter(value, requires_grad=False)
            quantize_parameter_4bit(module, name, device)
        del gate_up, down
    for name, _ in model.named_parameters():
        if ".experts." in name:
            continue
        on_disk = name.replace(".mlp.gate.", ".block_sparse_moe.gate.")
        on_disk = on_disk if on_disk in where else name
        if on_disk in where:
            _set_tensor(model, name, _read(where, on_disk).to(device, dtype))
    model.tie_weights()  # an lm_head tied to the embeddings (SmolLM2) is not in the checkpoint
    for name, module in model.named_modules():  # non-persistent buffers (rotary inv_freq): rebuilt
        if any(b.is_meta for b in module.buffers(recurse=False)) and hasattr(module, "rope_type"):
            parent, _, leaf = name.rpartition(".")
            setattr(model.get_submodule(parent), leaf, type(module)(model_config).to(device))
    missing = [n for n, t in [*model.named_parameters(), *model.named_buffers()] if t.is_meta]
    if missing:
        raise ValueError(f"{source} lacks tensors for {missing[:3]} ({len(missing)} in all).")
    if quantize:
        output = model.get_output_embeddings()
        for module in model.modules():
            if isinstance(module, torch.nn.Linear) and module is not output:
                quantize_parameter_4bit(module, "weight", device, double_quant=True)
    if (folder / "generation_config.json").is_file():  # as from_pretrained reads it
        model.generation_config = GenerationConfig.from_pretrained(folder)
    model.eval()
    return model
