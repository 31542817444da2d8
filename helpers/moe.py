"""A Mixtral-architecture mixture of experts from the base and the experts (mergekit-moe), and routing.

mergekit-moe copies the base model's attention, norms and embeddings, puts each expert's MLP in
every layer as one of the MoE's experts, and writes one router (gate) per layer, a matrix of
shape (experts, hidden size) computed from prompts (`hidden`, `cheap_embed`) or drawn at random.
The routing functions run a MoE with `output_router_logits=True` and count where tokens go.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.runs import publish_dir

if TYPE_CHECKING:
    import torch

GATE_MODES = ("hidden", "cheap_embed", "random")
EXPERTS_FILE = "moe_experts.json"  # expert order, gate mode and prompt counts of a saved MoE
RECIPE_FILE = "moe_recipe.json"  # what a MoE folder was built from (a rerun can skip)


# --------------------------------------------------------------------------- the MoE layer, by hand


def top_k_gating(logits: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Softmax over the experts, keep the k largest, renormalise: (weights, indices), (tokens, k)."""
    import torch

    if not 1 <= k <= logits.shape[-1]:
        raise ValueError(f"k must be between 1 and the number of experts ({logits.shape[-1]}), got {k}.")
    probs = torch.softmax(logits.float(), dim=-1)  # (tokens, experts)
    weights, indices = torch.topk(probs, k, dim=-1)
    return weights / weights.sum(dim=-1, keepdim=True), indices


def moe_layer(
    x: torch.Tensor,
    router_weight: torch.Tensor,
    experts: Sequence[Callable[[torch.Tensor], torch.Tensor]],
    k: int,
) -> torch.Tensor:
    """y = Σ_i G(x)_i E_i(x) over the top-k experts of each token; x is (tokens, hidden)."""
    import torch

    if router_weight.shape != (len(experts), x.shape[-1]):
        raise ValueError(
            f"router_weight must be (experts={len(experts)}, hidden={x.shape[-1]}), "
            f"got {tuple(router_weight.shape)}."
        )
    weights, indices = top_k_gating(x @ router_weight.T, k)  # logits: (tokens, experts)
    y = torch.zeros_like(x)
    for slot in range(k):
        for e, expert in enumerate(experts):
            chosen = indices[:, slot] == e  # tokens whose slot-th choice is expert e
            if chosen.any():
                y[chosen] += weights[chosen, slot, None].to(x.dtype) * expert(x[chosen])
    return y


def mixtral_expert(model, layer: int, expert: int) -> Callable[[torch.Tensor], torch.Tensor]:
    """Expert `expert` of a Mixtral layer as a function: down(silu(gate(x)) * up(x))."""
    import torch.nn.functional as F

    experts = model.model.layers[layer].mlp.experts

    def forward(x):
        gate, up = F.linear(x, experts.gate_up_proj[expert]).chunk(2, dim=-1)
        return F.linear(experts.act_fn(gate) * up, experts.down_proj[expert])

    return forward


# --------------------------------------------------------------------------- prompts and config


def expert_prompts(
    records: Sequence[dict],
    language: str,
    tokenizer,
    code_tokens: Sequence[int] = (),
    limit: int | None = None,
) -> list[str]:
    """Routing prompts of one expert: each record's instruction in the chat template.

    With code_tokens, e.g. (16, 64), each record gives one prompt per number n: the instruction
    followed by the first n tokens of its program, so that the prompt's last token (what the
    `hidden` gate reads) is code of that language. The leading `<s>` is left out: mergekit adds it.
    """
    from helpers.modeling import training_program
    from helpers.prompts import chat_prompt, strip_bos

    if any(n < 1 for n in code_tokens):
        raise ValueError(f"code_tokens must be positive token counts, got {list(code_tokens)}.")
    prompts = []
    for record in list(records)[:limit]:
        prompt = strip_bos(chat_prompt(record["text"], language, tokenizer), tokenizer)
        if not code_tokens:
            prompts.append(prompt)
            continue
        ids = tokenizer(training_program(record, language), add_special_tokens=False)["input_ids"]
        prompts += [prompt + " " + tokenizer.decode(ids[:n]) for n in code_tokens]
    if not prompts:
        raise ValueError(f"no records to make {language} prompts from.")
    return prompts


def program_completions(records: Sequence[dict], language: str) -> list[str]:
    """Each record's program as the experts learned to write it after the prompt: ' <program>'."""
    from helpers.modeling import training_program

    return [" " + training_program(record, language).strip() for record in records]


def negative_prompts(
    positive: Mapping[str, Sequence[str]], per_language: int, seed: int = 0
) -> dict[str, list[str]]:
    """For each expert, a seeded sample of `per_language` prompts of every other expert.

    The mini corpus describes the same tasks in every language, so an expert's prompts and the
    others' differ mainly in the language; subtracting the others' prompts keeps that difference.
    """
    import random

    if per_language < 0:
        raise ValueError(f"per_language must be 0 or more, got {per_language}.")
    rng = random.Random(seed)
    negative: dict[str, list[str]] = {name: [] for name in positive}
    if per_language == 0:
        return negative
    for name in positive:
        for other, prompts in positive.items():
            if other != name:
                negative[name] += rng.sample(list(prompts), min(per_language, len(prompts)))
    return negative


def moe_config(
    base_dir: str | Path,
    expert_dirs: Mapping[str, str | Path],
    gate_mode: str,
    positive: Mapping[str, list[str]] | None = None,
    negative: Mapping[str, list[str]] | None = None,
    top_k: int = 2,
    dtype: str = "float32",
) -> dict:
    """A mergekit-moe configuration (a plain dict, as its YAML file would hold)."""
    from helpers.merge import model_reference

    if gate_mode not in GATE_MODES:
        raise ValueError(f"Unknown gate_mode {gate_mode!r}; valid: {', '.join(GATE_MODES)}.")
    if not 1 <= top_k <= len(expert_dirs):
        raise ValueError(
            f"top_k must be between 1 and the number of experts ({len(expert_dirs)}), got {top_k}."
        )
    positive, negative = dict(positive or {}), dict(negative or {})
    if gate_mode != "random":
        missing = [name for name in expert_dirs if not positive.get(name)]
        if missing:
            raise ValueError(
                f"gate_mode {gate_mode!r} needs positive prompts for every expert; none for {missing}."
            )
    experts = []
    for name, path in expert_dirs.items():
        expert: dict = {"source_model": model_reference(path)}
        if positive.get(name):
            expert["positive_prompts"] = list(positive[name])
        if negative.get(name):
            expert["negative_prompts"] = list(negative[name])
        experts.append(expert)
    return {
        "base_model": model_reference(base_dir),
        "architecture": "mixtral",
        "gate_mode": gate_mode,
        "dtype": dtype,
        "experts_per_token": top_k,
        "experts": experts,
    }


# --------------------------------------------------------------------------- building with mergekit-moe


def _recipe(config: dict, seed: int) -> dict:
    """What a MoE depends on: the configuration, the seed and a fingerprint of every input model."""
    from helpers.modeling import model_fingerprint

    paths = [config["base_model"]] + [e["source_model"] for e in config["experts"]]
    return {"config": config, "seed": seed, "inputs": {p: model_fingerprint(p) for p in dict.fromkeys(paths)}}


def is_current(target: str | Path, config: dict, seed: int = 0) -> bool:
    """True when `target` holds a MoE built from this configuration, seed and inputs."""
    from helpers.modeling import is_saved_model

    path = Path(target) / RECIPE_FILE
    return (
        is_saved_model(target)
        and path.is_file()
        and json.loads(path.read_text(encoding="utf-8")) == _recipe(config, seed)
    )


def moe_card(name: str, config: dict, expert_names: Sequence[str]) -> str:
    """A short README.md for a MoE: architecture, gate mode, inputs, prompt counts."""
    lines = [
        f"# {name}",
        "",
        "A Mixtral-architecture mixture of experts built with mergekit-moe by "
        "the moe-codegen workbook: attention, norms and embeddings from the base model, one MLP "
        "expert per language, a router per layer.",
        "",
        f"- base model: `{config['base_model']}`",
        f"- gate mode: {config['gate_mode']}; experts per token: {config['experts_per_token']}",
        f"- dtype: {config['dtype']}",
        "",
        "| expert | model | positive prompts | negative prompts |",
        "|---|---|---|---|",
    ]
    for index, (name_, expert) in enumerate(zip(expert_names, config["experts"], strict=True)):
        lines.append(
            f"| {index}: {name_} | `{expert['source_model']}` | "
            f"{len(expert.get('positive_prompts') or [])} | "
            f"{len(expert.get('negative_prompts') or [])} |"
        )
    return "\n".join(lines) + "\n"


def build_moe(
    base_dir: str | Path,
    expert_dirs: Mapping[str, str | Path],
    target: str | Path,
    tokenizer,
    gate_mode: str,
    positive: Mapping[str, list[str]] | None = None,
    negative: Mapping[str, list[str]] | None = None,
    top_k: int = 2,
    dtype: str = "float32",
    seed: int = 0,
    force: bool = False,
) -> Path:
    """Build a MixtralForCausalLM with mergekit-moe into `target` (atomically); returns the folder.

    The `random` gate draws from torch's generator, seeded here with `seed`, so it repeats.
    A folder built before from the same configuration, seed and inputs is kept unless `force`.
    """
    import torch
    from mergekit.moe.config import MoEMergeConfig, is_bad_config
    from mergekit.scripts.moe import build

    from helpers.merge import merge_options

    config = moe_config(base_dir, expert_dirs, gate_mode, positive, negative, top_k, dtype)
    target = Path(target)
    if not force and is_current(target, config, seed):
        return target
    parsed = MoEMergeConfig.model_validate(config)
    if is_bad_config(parsed):  # mergekit's build() would exit the process instead
        raise ValueError(
            "mergekit-moe rejects this configuration (identical prompts or models "
            "for every expert, or fewer experts than top_k); see the log above."
        )
    options = merge_options(seed)
    names = list(expert_dirs)
    info = {
        "experts": names,
        "gate_mode": gate_mode,
        "experts_per_token": top_k,
        "positive_prompts": {n: len((positive or {}).get(n) or []) for n in names},
        "negative_prompts": {n: len((negative or {}).get(n) or []) for n in names},
    }

    def write(tmp: Path) -> None:
        torch.manual_seed(seed)  # the random gate is torch.randn on the global generator
        build(parsed, out_path=str(tmp), merge_options=options, device=options.device)
        _write_moe_files(tmp, tokenizer, info, config, seed, moe_card(target.name, config, names))

    return publish_dir(target, write)


def _write_moe_files(folder: Path, tokenizer, info: dict, config: dict, seed: int, card: str) -> None:
    """The tokenizer, expert order, recipe and README.md of a MoE folder."""
    tokenizer.save_pretrained(folder)  # ours (pad token, chat template), not mergekit's edited copy
    (folder / EXPERTS_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    (folder / RECIPE_FILE).write_text(json.dumps(_recipe(config, seed), indent=2) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(card, encoding="utf-8")


def rebuild_moe(
    config: dict,
    seed: int,
    gates: Sequence[torch.Tensor],
    info: dict,
    target: str | Path,
    tokenizer,
    card: str = "",
) -> Path:
    """Assemble the MoE of `config` with saved routers `gates` (one (experts, hidden) matrix per
    layer) instead of computing them from prompts: mergekit-moe's own writer, atomically.

    Gives the folder build_moe wrote (same tensors, recipe and expert order), without the prompt pass.
    """
    import torch
    from mergekit.moe.config import MoEMergeConfig
    from mergekit.scripts.moe import select_output_arch

    from helpers.merge import merge_options

    parsed = MoEMergeConfig.model_validate(config)
    options = merge_options(seed)
    gates = [torch.as_tensor(g) for g in gates]
    experts = len(config["experts"])
    if any(tuple(g.shape[:1]) != (experts,) for g in gates):
        raise ValueError(f"each layer's gate must have one row per expert ({experts}).")

    def write(tmp: Path) -> None:
        # as build(): the shared experts' routers are an empty slice of the same matrices
        shared = [g[experts:] for g in gates]
        select_output_arch(parsed, options).write_model(str(tmp), parsed, options, gates, shared)
        _write_moe_files(
            tmp, tokenizer, info, config, seed, card or moe_card(Path(target).name, config, info["experts"])
        )

    return publish_dir(target, write)


def expert_names(moe_path: str | Path) -> list[str]:
    """The MoE's experts in router order (expert i is row i of every router)."""
    path = Path(moe_path) / EXPERTS_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; build the MoE with helpers.moe.build_moe.")
    return json.loads(path.read_text(encoding="utf-8"))["experts"]


def router_weights(model) -> list[torch.Tensor]:
    """Each layer's router matrix, (experts, hidden size), as float32 copies on the CPU."""
    return [layer.mlp.gate.weight.detach().float().cpu().clone() for layer in model.model.layers]


def saved_router_weights(moe_path: str | Path) -> list[torch.Tensor]:
    """Each layer's router matrix read from a saved MoE folder, without loading the model."""
    from helpers.merge import read_tensor

    layers = json.loads((Path(moe_path) / "config.json").read_text())["num_hidden_layers"]
    return [read_tensor(moe_path, f"model.layers.{i}.mlp.gate.weight") for i in range(layers)]


def random_router_weights(base_dir: str | Path, num_experts: int, seed: int) -> list[torch.Tensor]:
    """The routers mergekit-moe draws for gate_mode random with this seed (to check it repeats)."""
    import torch
    from mergekit.common import ModelReference
    from mergekit.moe.config import Expert
    from mergekit.moe.router import get_gate_params

    from helpers.merge import model_reference

    base = ModelReference.model_validate(model_reference(base_dir))
    torch.manual_seed(seed)  # as build_moe does before mergekit draws
    gates = get_gate_params(base, None, [Expert(source_model=base)] * num_experts, mode="random")
    return list(gates)  # one (experts, hidden) tensor per layer
