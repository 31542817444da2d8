"""What a mergekit MoE is made of, read from its weights: where every tensor came from (the base,
an expert, or mergekit's router), a drawing of one layer built from that inventory, and one token
walked through one MoE layer with every intermediate number."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import torch

ROUTER = "router (mergekit)"
_EXPERT_TENSORS = ("experts.gate_up_proj", "experts.down_proj")


def _component(name: str) -> str:
    """The part of the model a tensor belongs to: embeddings, attention, norm, router, experts, lm_head."""
    if "embed_tokens" in name:
        return "embeddings"
    if "lm_head" in name:
        return "lm_head"
    if ".self_attn." in name:
        return "attention"
    if ".mlp.gate." in name:
        return "router"
    if ".mlp.experts." in name:
        return "experts"
    return "norms"


def _shapes(model_dir: str | Path) -> dict[str, tuple[int, ...]]:
    """Every tensor's shape in a saved model, read from the safetensors headers."""
    from safetensors import safe_open

    from helpers.merge import _tensor_files

    shapes = {}
    for name, file in _tensor_files(model_dir).items():
        with safe_open(str(file), framework="pt") as handle:
            shapes[name] = tuple(handle.get_slice(name).get_shape())
    return shapes


def _expert_slices(name: str, expert_dir: Path, index_of_layer: str) -> torch.Tensor:
    """An expert model's MLP in the MoE's fused layout: gate_up (2I, H) or down (H, I)."""
    import torch

    from helpers.merge import read_tensor

    prefix = f"model.layers.{index_of_layer}.mlp."
    if name.endswith("gate_up_proj"):
        return torch.cat(
            [
                read_tensor(expert_dir, prefix + "gate_proj.weight"),
                read_tensor(expert_dir, prefix + "up_proj.weight"),
            ]
        )
    return read_tensor(expert_dir, prefix + "down_proj.weight")


def inventory(
    moe_dir: str | Path,
    base_dir: str | Path,
    expert_dirs: Mapping[str, str | Path],
    check_layers: Sequence[int] | None = (0,),
) -> pd.DataFrame:
    """One row per MoE tensor (per expert for the fused expert tensors): component, layer, source
    ("base", an expert's language, or the router), parameters, the largest difference from that
    source, and for tensors taken from the base how far the experts' own versions had moved from it
    (what the MoE dropped: e.g. the attention that LoRA changed). Values are compared in the layers
    `check_layers` and outside the layers (None: every layer; a 7B MoE takes minutes); the other
    rows have NaN differences and their sources by name."""
    import pandas as pd

    from helpers.merge import _tensor_files, read_tensor
    from helpers.moe import expert_names

    moe_dir, base_dir = Path(moe_dir), Path(base_dir)
    experts = expert_names(moe_dir)
    missing = [e for e in experts if e not in expert_dirs]
    if missing:
        raise ValueError(f"no expert folder for {missing}; the MoE's experts are {experts}.")
    base_names = set(_tensor_files(base_dir))
    rows = []
    for name, shape in sorted(_shapes(moe_dir).items()):
        layer = int(name.split(".layers.")[1].split(".")[0]) if ".layers." in name else None
        component = _component(name)
        if layer is not None and check_layers is not None and layer not in check_layers:
            per_expert = component == "experts"
            count = math.prod(shape[1:] if per_expert else shape)
            for index, language in enumerate(experts if per_expert else [None]):
                source = language or (ROUTER if component == "router" else "base")
                rows.append(
                    {
                        "tensor": f"{name}[{index}]" if per_expert else name,
                        "component": component,
                        "layer": layer,
                        "source": source,
                        "parameters": count,
                        "max_abs_diff": float("nan"),
                        "experts_moved": float("nan"),
                    }
                )
            continue
        tensor = read_tensor(moe_dir, name)
        if component == "router":
            rows.append(
                {
                    "tensor": name,
                    "component": component,
                    "layer": layer,
                    "source": ROUTER,
                    "parameters": tensor.numel(),
                    "max_abs_diff": 0.0,
                    "experts_moved": 0.0,
                }
            )
        elif component == "experts":
            for index, language in enumerate(experts):
                own = _expert_slices(name, Path(expert_dirs[language]), str(layer))
                rows.append(
                    {
                        "tensor": f"{name}[{index}]",
                        "component": component,
                        "layer": layer,
                        "source": language,
                        "parameters": tensor[index].numel(),
                        "max_abs_diff": float((tensor[index] - own).abs().max()),
                        "experts_moved": 0.0,
                    }
                )
        else:
            source_name = name if name in base_names else "model.embed_tokens.weight"  # tied head
            base = read_tensor(base_dir, source_name)
            moved = max(
                float((read_tensor(path, source_name) - base).abs().max()) for path in expert_dirs.values()
            )
            rows.append(
                {
                    "tensor": name,
                    "component": component,
                    "layer": layer,
                    "source": "base",
                    "parameters": tensor.numel(),
                    "max_abs_diff": float((tensor - base).abs().max()),
                    "experts_moved": moved,
                }
            )
    return pd.DataFrame(rows)


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """The inventory per component and source: tensors, parameters, largest differences."""
    grouped = table.groupby(["component", "source"], sort=False)
    return grouped.agg(
        tensors=("tensor", "count"),
        parameters=("parameters", "sum"),
        max_abs_diff=("max_abs_diff", "max"),
        experts_moved=("experts_moved", "max"),
    ).reset_index()


def draw(table: pd.DataFrame, gate_mode: str, tolerance: float = 1e-6):
    """One MoE decoder layer as boxes, each coloured by where its weights came from (read from
    `inventory`); a box taken from the base whose experts had changed it says so."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    from helpers import figure_style

    layers = int(table["layer"].max()) + 1
    experts = list(dict.fromkeys(table.loc[table["component"] == "experts", "source"]))
    colours = {"base": "#BBBBBB", ROUTER: figure_style.PALETTE[4]}
    colours |= {language: figure_style.PALETTE[i] for i, language in enumerate(experts)}
    moved = table[table["source"] == "base"].groupby("component")["experts_moved"].max()

    def params(component: str, source: str | None = None) -> int:
        part = table[table["component"] == component]
        part = part if source is None else part[part["source"] == source]
        return int(part["parameters"].sum())

    def note(component: str) -> str:
        return "\nexperts' changes dropped" if moved.get(component, 0.0) > tolerance else ""

    fig, ax = plt.subplots(figsize=(8.5, 5.2))
    width = 8.0

    def box(x, y, w, h, label, colour):
        ax.add_patch(
            FancyBboxPatch(
                (x, y), w, h, boxstyle="round,pad=0.02", facecolor=colour, edgecolor="black", linewidth=0.8
            )
        )
        ax.text(x + w / 2, y + h / 2, label, ha="center", va="center", fontsize=8)

    box(
        0,
        0.0,
        width,
        0.6,
        f"embeddings: base ({params('embeddings'):,}){note('embeddings')}",
        colours["base"],
    )
    ax.annotate(f"× {layers} layers", (width + 0.1, 2.6), fontsize=9)
    box(
        0,
        0.9,
        width,
        0.8,
        f"attention + norms: base ({params('attention') + params('norms'):,}){note('attention')}",
        colours["base"],
    )
    box(
        0,
        2.0,
        width,
        0.6,
        f"router, {gate_mode} gate: (experts × hidden) per layer ({params('router'):,})",
        colours[ROUTER],
    )
    step = width / len(experts)
    for i, language in enumerate(experts):
        box(
            i * step + 0.05,
            2.9,
            step - 0.1,
            0.9,
            f"expert {i}: MLP of\nthe {language} expert\n({params('experts', language):,})",
            colours[language],
        )
    box(0, 4.1, width, 0.6, f"lm head: base{note('lm_head')}", colours["base"])
    ax.set(
        xlim=(-0.2, width + 1.3),
        ylim=(-0.2, 4.9),
        title="The MoE, read from its weights: each box coloured by where it came from",
    )
    ax.axis("off")
    return fig


def walk_token(model, tokenizer, text: str, position: int = -1, layer: int = 0) -> dict:
    """One token through one MoE layer, every step with its numbers: the MLP's input x (after the
    attention and the norm), router logits s = W_g·x, softmax, the top-k experts and their
    renormalised gates, each chosen expert's output E_i(x), and y = Σ gate_i·E_i(x), checked
    against the model's own MoE block."""
    import torch

    from helpers.moe import mixtral_expert, top_k_gating

    block = model.model.layers[layer].mlp
    captured = {}
    handle = block.register_forward_hook(
        lambda module, inputs, output: captured.update(
            x=inputs[0].detach(), y=output[0] if isinstance(output, tuple) else output
        )
    )
    try:
        ids = tokenizer(text, return_tensors="pt", add_special_tokens=False)["input_ids"].to(model.device)
        with torch.no_grad():
            model(input_ids=ids, use_cache=False)
    finally:
        handle.remove()
    with torch.no_grad():  # the arithmetic by hand, as plain numbers
        x = captured["x"][0, position].float()  # (hidden,)
        weight = block.gate.weight.float()
        logits = weight @ x  # (experts,)
        k = model.config.num_experts_per_tok
        gates, chosen = top_k_gating(logits.unsqueeze(0), k)
        outputs = {
            int(e): mixtral_expert(model, layer, int(e))(x.to(block.gate.weight.dtype)).float()
            for e in chosen[0]
        }
        y = sum(g * outputs[int(e)] for g, e in zip(gates[0], chosen[0], strict=True))
        model_y = (
            captured["y"]
            .detach()
            .reshape(-1, x.numel())[ids.shape[1] + position if position < 0 else position]
        )
    token_id = int(ids[0, position])
    return {
        "token": tokenizer.convert_ids_to_tokens(token_id),
        "layer": layer,
        "x": x,
        "logits": logits,
        "softmax": torch.softmax(logits, dim=-1),
        "chosen": chosen[0].tolist(),
        "gates": gates[0],
        "expert_outputs": outputs,
        "y": y,
        "max_abs_diff_from_model": float((y - model_y.float()).abs().max()),
    }


def walk_table(walk: dict, experts: Sequence[str], shown: int = 3) -> pd.DataFrame:
    """The walk's per-expert numbers as a table: logit, softmax, chosen, gate, and the first
    `shown` entries of each chosen expert's output and of their weighted sum."""
    import pandas as pd

    rows = []
    for index, language in enumerate(experts):
        chosen = index in walk["chosen"]
        gate = float(walk["gates"][walk["chosen"].index(index)]) if chosen else 0.0
        output = walk["expert_outputs"].get(index)
        rows.append(
            {
                "expert": f"{index} ({language})",
                "router logit": float(walk["logits"][index]),
                "softmax": float(walk["softmax"][index]),
                "chosen": chosen,
                "gate": gate,
                f"E_i(x)[:{shown}]": [round(float(v), 3) for v in output[:shown]] if chosen else "-",
            }
        )
    rows.append(
        {
            "expert": "y = Σ gate·E_i(x)",
            "router logit": float("nan"),
            "softmax": float("nan"),
            "chosen": False,
            "gate": sum(r["gate"] for r in rows),
            f"E_i(x)[:{shown}]": [round(float(v), 3) for v in walk["y"][:shown]],
        }
    )
    return pd.DataFrame(rows).set_index("expert")
