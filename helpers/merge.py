"""Dense merges of the experts with mergekit (TIES, SLERP, a SLERP tree), and teaching versions.

The teaching functions (`task_vector`, `trim_by_magnitude`, `elect_sign`, `disjoint_merge`,
`ties_merge_tensors`, `slerp_tensors`) compute on plain tensors what mergekit 0.1.5 computes for
every weight of a model; tests/test_merge.py shows that they give mergekit's weights.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.runs import publish_dir

if TYPE_CHECKING:
    import pandas as pd
    import torch

# The merge methods this module configures, and what the model cards call them.
METHODS = {"ties": "TIES (trim, elect sign, disjoint merge)", "slerp": "SLERP"}
RECIPE_FILE = "merge_recipe.json"  # what a merged folder was made from (a rerun can skip)


# --------------------------------------------------------------------------- teaching versions


def task_vector(expert: torch.Tensor, base: torch.Tensor) -> torch.Tensor:
    """What fine-tuning changed: expert minus base, weight by weight."""
    if expert.shape != base.shape:
        raise ValueError(f"expert {tuple(expert.shape)} and base {tuple(base.shape)} differ in shape.")
    return expert - base


def trim_by_magnitude(delta: torch.Tensor, density: float) -> torch.Tensor:
    """TIES step 1: keep the `density` share of entries largest in magnitude, zero the rest."""
    import torch

    if not 0 <= density <= 1:
        raise ValueError(f"density must be in [0, 1], got {density}.")
    if density == 1:
        return delta.clone()
    if density == 0 or delta.numel() == 0:
        return torch.zeros_like(delta)
    keep = max(1, int(density * delta.numel()))  # mergekit keeps at least one entry
    order = torch.argsort(delta.abs().reshape(-1).float(), descending=True)
    mask = torch.zeros(delta.numel(), dtype=delta.dtype)
    mask[order[:keep]] = 1
    return delta * mask.reshape(delta.shape)


def elect_sign(deltas: torch.Tensor) -> torch.Tensor:
    """TIES step 2: per entry, the sign (+1/-1) of the summed task vectors (ties go to +1)."""
    return (deltas.sum(dim=0) >= 0).to(deltas.dtype) * 2 - 1


def disjoint_merge(
    deltas: torch.Tensor, sign: torch.Tensor, weights: torch.Tensor | None = None
) -> torch.Tensor:
    """TIES step 3: per entry, the weighted mean of the task vectors that agree with `sign`."""
    import torch

    weights = torch.ones(len(deltas), dtype=deltas.dtype) if weights is None else weights
    weights = weights.reshape(-1, *([1] * (deltas.dim() - 1)))  # (experts, 1, ...)
    agree = (deltas.sign() == sign).to(deltas.dtype)  # a zeroed entry agrees with nothing
    total = (deltas * agree).sum(dim=0)
    divisor = (weights * agree).sum(dim=0)
    return total / torch.where(divisor == 0, torch.ones_like(divisor), divisor)


def ties_merge_tensors(
    base: torch.Tensor,
    experts: Sequence[torch.Tensor],
    density: float,
    weights: Sequence[float] | None = None,
) -> torch.Tensor:
    """TIES on one weight: base + disjoint mean of the trimmed, sign-agreeing task vectors."""
    import torch

    if not experts:
        raise ValueError("TIES needs at least one expert tensor.")
    weights = [1.0] * len(experts) if weights is None else list(weights)
    if len(weights) != len(experts):
        raise ValueError(f"{len(weights)} weights for {len(experts)} experts; give one per expert.")
    w = torch.tensor(weights, dtype=base.dtype)
    # mergekit scales each trimmed task vector by its weight before electing the sign.
    deltas = torch.stack([trim_by_magnitude(task_vector(e, base), density) for e in experts])
    deltas = deltas * w.reshape(-1, *([1] * base.dim()))  # (experts, *shape)
    return base + disjoint_merge(deltas, elect_sign(deltas), w)


def slerp_tensors(
    t: float, v0: torch.Tensor, v1: torch.Tensor, dot_threshold: float = 0.9995, eps: float = 1e-8
) -> torch.Tensor:
    """Spherical interpolation of two whole weight tensors: v0 at t=0, v1 at t=1.

    Seen as one long vector each, the two tensors span an angle θ; the result moves along the
    great circle between them: sin((1-t)θ)/sin θ · v0 + sin(tθ)/sin θ · v1. Nearly parallel
    tensors (cos θ above dot_threshold) fall back to the straight line (1-t)·v0 + t·v1.
    """
    import torch

    if not 0 <= t <= 1:
        raise ValueError(f"t must be in [0, 1], got {t}.")
    if v0.shape != v1.shape:
        raise ValueError(f"v0 {tuple(v0.shape)} and v1 {tuple(v1.shape)} differ in shape.")
    a, b = v0.reshape(-1).float(), v1.reshape(-1).float()
    norm_a = a.norm() if a.norm() > eps else torch.tensor(1.0)
    norm_b = b.norm() if b.norm() > eps else torch.tensor(1.0)
    dot = torch.dot(a / norm_a, b / norm_b).clamp(-1, 1)  # cos θ
    if dot.abs() > dot_threshold:
        return ((1 - t) * a + t * b).reshape(v0.shape)
    theta = torch.acos(dot)
    coef_a, coef_b = torch.sin((1 - t) * theta) / torch.sin(theta), torch.sin(t * theta) / torch.sin(theta)
    return (coef_a * a + coef_b * b).reshape(v0.shape)


# --------------------------------------------------------------------------- mergekit configurations


def ties_config(
    base_dir: str | Path,
    expert_dirs: Mapping[str, str | Path],
    density: float,
    weights: Mapping[str, float] | None = None,
    dtype: str = "float32",
) -> dict:
    """A mergekit TIES configuration: every expert against the base, one density for all."""
    if not expert_dirs:
        raise ValueError("TIES needs at least one expert; expert_dirs is empty.")
    if not 0 < density <= 1:
        raise ValueError(f"density must be in (0, 1], got {density}.")
    weights = dict(weights or {})
    unknown = set(weights) - set(expert_dirs)
    if unknown:
        raise ValueError(f"weights for unknown experts {sorted(unknown)}; experts: {sorted(expert_dirs)}.")
    models = [
        {
            "model": model_reference(path),
            "parameters": {"density": float(density), "weight": float(weights.get(name, 1.0))},
        }
        for name, path in expert_dirs.items()
    ]
    return {
        "merge_method": "ties",
        "base_model": model_reference(base_dir),
        "models": models,
        "parameters": {"normalize": True},
        "dtype": dtype,
    }


def slerp_config(first_dir: str | Path, second_dir: str | Path, t: float, dtype: str = "float32") -> dict:
    """A mergekit SLERP configuration: t=0 gives the first model, t=1 the second."""
    if not 0 <= t <= 1:
        raise ValueError(f"t must be in [0, 1], got {t}.")
    first, second = model_reference(first_dir), model_reference(second_dir)
    # mergekit's SLERP takes exactly two models and starts from the one named base_model.
    return {
        "merge_method": "slerp",
        "base_model": first,
        "models": [{"model": first}, {"model": second}],
        "parameters": {"t": float(t)},
        "dtype": dtype,
    }


def model_reference(source: str | Path) -> str:
    """What mergekit should read: an absolute local folder, or a Hub id such as `org/name`.

    A relative folder such as `models/x` would look like a Hub id to mergekit, so local folders
    are made absolute; a Hub id is kept only when no such local path exists.
    """
    import re

    path = Path(source)
    if path.exists() or not re.fullmatch(r"[\w.-]+/[\w.-]+", str(source)):
        path = path.resolve()
        if not (path / "config.json").is_file():
            raise FileNotFoundError(
                f"{path} holds no model (no config.json); run the notebook that "
                "saves it first (base model: notebook 02, experts: notebook 03)."
            )
        return str(path)
    return str(source)


# --------------------------------------------------------------------------- running mergekit


def model_card(name: str, merge_config: dict, inputs: Mapping[str, str], notes: str = "") -> str:
    """A short README.md for a merged model: method, inputs, parameters, mergekit configuration."""
    import yaml

    method = merge_config.get("merge_method", "?")
    lines = [
        f"# {name}",
        "",
        f"Made with mergekit ({METHODS.get(method, method)}) by the moe-codegen workbook.",
        "",
        "## Inputs",
        "",
    ]
    lines += [f"- {role}: `{path}`" for role, path in inputs.items()]
    lines += ["", "## Parameters", ""]
    params = dict(merge_config.get("parameters") or {})
    for model in merge_config.get("models", []):
        for key, value in (model.get("parameters") or {}).items():
            params[f"{key} ({Path(model['model']).name})"] = value
    lines += [f"- {key}: {value}" for key, value in params.items()]
    lines.append(f"- dtype: {merge_config.get('dtype')}")
    if notes:
        lines += ["", notes]
    lines += [
        "",
        "## mergekit configuration",
        "",
        "```yaml",
        yaml.safe_dump(merge_config, sort_keys=False).rstrip(),
        "```",
        "",
    ]
    return "\n".join(lines)


def recipe(merge_config: dict) -> dict:
    """What a merge depends on: its configuration and a fingerprint of every input model."""
    from helpers.modeling import model_fingerprint

    paths = [merge_config.get("base_model")] + [m["model"] for m in merge_config.get("models", [])]
    return {"config": merge_config, "inputs": {p: model_fingerprint(p) for p in dict.fromkeys(paths) if p}}


def is_current(target: str | Path, merge_config: dict) -> bool:
    """True when `target` holds a model merged with this configuration from these same inputs."""
    from helpers.modeling import is_saved_model

    path = Path(target) / RECIPE_FILE
    return (
        is_saved_model(target)
        and path.is_file()
        and json.loads(path.read_text(encoding="utf-8")) == recipe(merge_config)
    )


def merge_options(seed: int):
    """mergekit's MergeOptions for every merge and MoE here: seeded, on the GPU when there is one,
    quiet, without mergekit's model card (it looks the inputs up on the Hub; we write our own
    README.md) or tokenizer copy (we save ours)."""
    import torch
    from mergekit.merge import MergeOptions

    return MergeOptions(
        device="cuda" if torch.cuda.is_available() else "cpu",
        random_seed=seed,
        quiet=True,
        write_model_card=False,
        copy_tokenizer=False,
    )


def run_mergekit(
    merge_config: dict, target: str | Path, tokenizer, card: str, seed: int = 0, force: bool = False
) -> Path:
    """Merge with mergekit's Python API into `target` (atomically), with tokenizer and README.md.

    A folder already merged from the same configuration and inputs is kept unless `force`.
    """
    from mergekit.config import MergeConfiguration
    from mergekit.merge import run_merge

    target = Path(target)
    if not force and is_current(target, merge_config):
        return target
    options = merge_options(seed)

    def write(tmp: Path) -> None:
        run_merge(MergeConfiguration.model_validate(merge_config), str(tmp), options)
        tokenizer.save_pretrained(tmp)  # with its chat template, which mergekit's copy leaves out
        (tmp / "README.md").write_text(card, encoding="utf-8")
        (tmp / RECIPE_FILE).write_text(json.dumps(recipe(merge_config), indent=2) + "\n", encoding="utf-8")

    return publish_dir(target, write)


def merge_ties(
    base_dir: str | Path,
    expert_dirs: Mapping[str, str | Path],
    target: str | Path,
    tokenizer,
    density: float,
    weights: Mapping[str, float] | None = None,
    dtype: str = "float32",
    seed: int = 0,
) -> Path:
    """TIES-merge the experts against the base into `target`; returns the folder."""
    merge_config = ties_config(base_dir, expert_dirs, density, weights, dtype)
    inputs = {
        "base model": merge_config["base_model"],
        **{f"expert {name}": m["model"] for name, m in zip(expert_dirs, merge_config["models"], strict=True)},
    }
    card = model_card(Path(target).name, merge_config, inputs)
    return run_mergekit(merge_config, target, tokenizer, card, seed)


def merge_slerp(
    first_dir: str | Path,
    second_dir: str | Path,
    target: str | Path,
    tokenizer,
    t: float,
    dtype: str = "float32",
    seed: int = 0,
) -> Path:
    """SLERP two models into `target` (t=0: the first, t=1: the second); returns the folder."""
    merge_config = slerp_config(first_dir, second_dir, t, dtype)
    inputs = {"first (t=0)": merge_config["base_model"], "second (t=1)": merge_config["models"][1]["model"]}
    card = model_card(Path(target).name, merge_config, inputs)
    return run_mergekit(merge_config, target, tokenizer, card, seed)


def slerp_tree(
    expert_dirs: Mapping[str, str | Path],
    models_dir: str | Path,
    tokenizer,
    t: float,
    dtype: str = "float32",
    seed: int = 0,
) -> dict[str, Path]:
    """SLERP four experts pairwise, then the two pairs: slerp(slerp(a, b), slerp(c, d)).

    Returns every folder written, keyed `slerp-a-b`, `slerp-c-d` and `slerp-tree`.
    """
    names = list(expert_dirs)
    if len(names) != 4:
        raise ValueError(f"the SLERP tree takes exactly four experts, got {len(names)}: {names}.")
    from helpers import layout

    models_dir = Path(models_dir)
    made = {}
    for first, second in (names[:2], names[2:]):
        name = layout.slerp_pair_system(first, second)
        made[name] = merge_slerp(
            expert_dirs[first], expert_dirs[second], models_dir / name, tokenizer, t, dtype, seed
        )
    left, right = (made[layout.slerp_pair_system(*pair)] for pair in (names[:2], names[2:]))
    made[layout.SLERP_TREE] = merge_slerp(
        left, right, models_dir / layout.SLERP_TREE, tokenizer, t, dtype, seed
    )
    return made


def local_folder(source: str | Path) -> Path:
    """A model's local folder: the folder itself, or the Hub cache's copy of a Hub id."""
    path = Path(source)
    if path.is_dir():
        return path
    from huggingface_hub import snapshot_download

    return Path(snapshot_download(str(source), allow_patterns=["*.json", "*.safetensors"]))


def _tensor_files(model_dir: str | Path) -> dict[str, Path]:
    """Which safetensors file holds each tensor of a saved model (one file or several shards)."""
    from safetensors import safe_open

    files = sorted(local_folder(model_dir).glob("*.safetensors"))
    if not files:
        raise FileNotFoundError(f"no .safetensors files in {model_dir}.")
    where = {}
    for file in files:
        with safe_open(str(file), framework="pt") as handle:
            where.update(dict.fromkeys(handle.keys(), file))
    return where


def _tensor(where: dict[str, Path], name: str) -> torch.Tensor:
    """One tensor of a saved model, as float32 (read alone: big models need not fit in memory)."""
    from safetensors import safe_open

    with safe_open(str(where[name]), framework="pt") as handle:
        return handle.get_tensor(name).float()


def load_weights(model_dir: str | Path) -> dict[str, torch.Tensor]:
    """Every tensor of a saved model folder, by name (for small models and tests)."""
    where = _tensor_files(model_dir)
    return {name: _tensor(where, name) for name in where}


def read_tensor(model_dir: str | Path, name: str) -> torch.Tensor:
    """One named tensor of a saved model, as float32."""
    where = _tensor_files(model_dir)
    if name not in where:
        raise KeyError(f"{model_dir} has no tensor {name!r}.")
    return _tensor(where, name)


def _sample_names(model_dir: str | Path, max_tensors: int | None) -> list[str]:
    """Tensor names of a model, evenly spread, at most max_tensors of them (None: all)."""
    names = sorted(_tensor_files(model_dir))
    if max_tensors is None or max_tensors >= len(names):
        return names
    step = len(names) / max_tensors
    return [names[int(i * step)] for i in range(max_tensors)]


def ties_teaching_difference(
    merged_dir: str | Path,
    base_dir: str | Path,
    expert_dirs: Mapping[str, str | Path],
    density: float,
    weights: Sequence[float] | None = None,
    max_tensors: int | None = 8,
) -> float:
    """Largest |mergekit - ties_merge_tensors| over some tensors of a TIES merge (None: all)."""
    worst = 0.0
    for name in _sample_names(base_dir, max_tensors):
        ours = ties_merge_tensors(
            read_tensor(base_dir, name),
            [read_tensor(path, name) for path in expert_dirs.values()],
            density,
            weights,
        )
        worst = max(worst, float((ours - read_tensor(merged_dir, name)).abs().max()))
    return worst


def slerp_teaching_difference(
    merged_dir: str | Path,
    first_dir: str | Path,
    second_dir: str | Path,
    t: float,
    max_tensors: int | None = 8,
) -> float:
    """Largest |mergekit - slerp_tensors| over some tensors of a SLERP merge (None: all)."""
    worst = 0.0
    for name in _sample_names(first_dir, max_tensors):
        ours = slerp_tensors(t, read_tensor(first_dir, name), read_tensor(second_dir, name))
        worst = max(worst, float((ours - read_tensor(merged_dir, name)).abs().max()))
    return worst


def task_vector_stats(base_dir: str | Path, expert_dirs: Mapping[str, str | Path]) -> pd.DataFrame:
    """Task vectors compared, tensor by tensor: relative size ||τ|| / ||θ_base|| and cosines.

    Rows and columns are the experts; the diagonal holds the relative size, the rest the
    cosine similarity of two experts' task vectors over all weights.
    """
    import pandas as pd

    base = _tensor_files(base_dir)
    experts = {name: _tensor_files(path) for name, path in expert_dirs.items()}
    names = list(experts)
    dots = {(a, b): 0.0 for a in names for b in names}
    base_sq = 0.0
    for tensor_name in base:
        theta = _tensor(base, tensor_name)
        base_sq += float(theta.pow(2).sum())
        deltas = {n: (_tensor(experts[n], tensor_name) - theta).reshape(-1) for n in names}
        for a in names:
            for b in names:
                dots[a, b] += float(deltas[a] @ deltas[b])
    table = pd.DataFrame(index=names, columns=names, dtype=float)
    for a in names:
        for b in names:
            norm = (dots[a, a] * dots[b, b]) ** 0.5
            table.loc[a, b] = (
                (dots[a, a] / base_sq) ** 0.5 if a == b else (dots[a, b] / norm if norm else float("nan"))
            )
    return table


def weight_distances(merged_dir: str | Path, sources: Mapping[str, str | Path]) -> dict[str, float]:
    """Relative L2 distance ||merged - source|| / ||source|| over all weights, per source model."""
    merged = _tensor_files(merged_dir)
    distances = {}
    for name, path in sources.items():
        other = _tensor_files(path)
        diff = norm = 0.0
        for tensor_name in other:
            theirs = _tensor(other, tensor_name)
            diff += float((_tensor(merged, tensor_name) - theirs).pow(2).sum())
            norm += float(theirs.pow(2).sum())
        distances[name] = (diff / norm) ** 0.5 if norm else float("nan")
    return distances
