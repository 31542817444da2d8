"""Large models rebuilt on demand from the small artifacts that persist, and deleted after use.

Between notebooks only small artifacts need to persist (runs/<profile>/: adapters, router weights,
predictions, metrics, tokenizer). The large models (merged experts, TIES/SLERP merges, mergekit
MoEs) live in the large models folder (layout.Run.large_models_dir), and what each was built from
in runs/<profile>/models/recipes/<system>/ (`remember`). `ensure` returns a large model's folder,
rebuilding it, and what it is built from, when it is missing or was built from other inputs:
an expert from its adapter, a merge with mergekit from its configuration, a MoE with mergekit-moe's
writer from the experts and its saved routers (no prompt pass). `release` deletes folders after
their last use when the profile says so (keep_large_models False); the code path is the same on
every profile. Rebuilds are atomic (runs.publish_dir) and resume: a folder is reused only when
its recipe equals the one its inputs give now.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from helpers import config, layout

ROUTERS_FILE = "routers.safetensors"  # a mergekit MoE's gate matrices, `layers.<i>.weight`
INPUTS_FILE = "inputs.json"  # each input path of the recipe -> its system name ("base": the run's)
_KEPT_FILES = ("README.md", "moe_experts.json")  # copied beside the recipe


def expert_recipe(base_source: str | Path, adapter_dir: str | Path, capability=None) -> dict:
    """What an expert is built from: the base model, the adapter's bytes and the merge dtype."""
    import hashlib

    from helpers.modeling import compute_dtype_name, model_fingerprint

    weights = sorted(Path(adapter_dir).glob("*.safetensors"))
    digest = hashlib.sha1(b"".join(p.read_bytes() for p in weights)).hexdigest()[:12]
    return {
        "base": model_fingerprint(base_source),
        "adapter": digest,
        "dtype": compute_dtype_name(capability),
    }


def _built_from(folder: Path, recipe_file: str) -> dict | None:
    """The recipe a saved model folder records, or None when it is missing or incomplete."""
    from helpers.modeling import is_saved_model

    path = folder / recipe_file
    if not (is_saved_model(folder) and path.is_file()):
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def ensure_expert(
    run: layout.Run, language: str, base_source: str | Path, tokenizer, capability=None
) -> Path:
    """One language's expert folder: reused when built from this adapter and base, else merged
    from the adapter now (finetune.merge_expert)."""
    from helpers.finetune import merge_expert
    from helpers.modeling import EXPERT_RECIPE_FILE

    target, adapter = run.expert_dir(language), run.adapter_dir(language)
    if not (adapter / "adapter_config.json").is_file():
        raise FileNotFoundError(
            f"no adapter for {language} in {layout.shown_path(adapter)}: run notebook 03 for it first."
        )
    recipe = expert_recipe(base_source, adapter, capability)
    if _built_from(target, EXPERT_RECIPE_FILE) == recipe:
        return target
    text = json.dumps(recipe, indent=2) + "\n"
    return merge_expert(base_source, adapter, target, tokenizer, capability, {EXPERT_RECIPE_FILE: text})


def ensure_experts(run: layout.Run, base_source: str | Path, tokenizer, capability=None) -> dict[str, Path]:
    """Every language's expert folder (ensure_expert), by language."""
    return {
        language: ensure_expert(run, language, base_source, tokenizer, capability)
        for language in config.LANGUAGES
    }


def remember(run: layout.Run, system: str) -> Path:
    """Keep what a just-built merge or MoE was made from, small, in models/recipes/<system>/:
    its recipe, README.md, a MoE's expert order and router weights."""
    from safetensors.torch import save_file

    from helpers import moe
    from helpers.modeling import BUILD_RECIPE_FILES
    from helpers.runs import publish_dir

    source = run.system_dir(system)
    base_dir = run.base_dir.resolve()

    def write(tmp: Path) -> None:
        tmp.mkdir(parents=True)
        kind = _kind(source)
        saved = json.loads((source / f"{kind}_recipe.json").read_text(encoding="utf-8"))
        names = {
            path: run.system_of(path) or (layout.BASE_SYSTEM if Path(path).resolve() == base_dir else None)
            for path in _input_paths(kind, saved["config"])
        }
        (tmp / INPUTS_FILE).write_text(json.dumps(names, indent=2) + "\n", encoding="utf-8")
        for name in (*BUILD_RECIPE_FILES, *_KEPT_FILES):
            if (source / name).is_file():
                shutil.copy2(source / name, tmp / name)
        if (source / moe.RECIPE_FILE).is_file():
            gates = moe.saved_router_weights(source)
            save_file(
                {f"layers.{i}.weight": w.contiguous() for i, w in enumerate(gates)}, str(tmp / ROUTERS_FILE)
            )

    return publish_dir(run.recipe_dir(system), write)


def _kind(kept: Path) -> str | None:
    """`merge` or `moe` by the recipe kept in `kept`, None without one."""
    from helpers import merge, moe

    for kind, name in (("merge", merge.RECIPE_FILE), ("moe", moe.RECIPE_FILE)):
        if (kept / name).is_file():
            return kind
    return None


def _input_paths(kind: str, model_config: dict) -> list[str]:
    """The models a merge or MoE configuration reads, base first."""
    if kind == "merge":
        paths = [model_config.get("base_model")] + [m["model"] for m in model_config.get("models", [])]
    else:
        paths = [model_config["base_model"]] + [e["source_model"] for e in model_config["experts"]]
    return [p for p in dict.fromkeys(paths) if p]


def _kept_recipe(run: layout.Run, kind: str, kept: Path) -> tuple[dict, dict]:
    """The kept recipe with its inputs at this run's paths (the large models folder or the runs
    folder may have moved since), and the map from those paths to the paths it was built from."""
    saved = json.loads((kept / f"{kind}_recipe.json").read_text(encoding="utf-8"))
    names = (
        json.loads((kept / INPUTS_FILE).read_text(encoding="utf-8")) if (kept / INPUTS_FILE).is_file() else {}
    )
    moved = {}
    for old, name in names.items():
        if name == layout.BASE_SYSTEM:
            moved[old] = str(run.base_dir.resolve())
        elif name:
            moved[old] = str(run.system_dir(name).resolve())
    model_config = json.loads(json.dumps(saved["config"]))  # a copy to rewrite
    if kind == "merge":
        refs = [model_config, *model_config.get("models", [])]
        keys = ["base_model"] + ["model"] * len(model_config.get("models", []))
    else:
        refs = [model_config, *model_config["experts"]]
        keys = ["base_model"] + ["source_model"] * len(model_config["experts"])
    for ref, key in zip(refs, keys, strict=True):
        if ref.get(key) in moved:
            ref[key] = moved[ref[key]]
    return {**saved, "config": model_config}, {new: old for old, new in moved.items()}


def expected_recipe(run: layout.Run, profile: config.Profile, system: str, capability=None) -> dict:
    """The recipe `system`'s folder must record to be current: its kept configuration with the
    fingerprints its inputs have now (or will have once rebuilt), without building anything."""
    from helpers.modeling import ensure_base_model, model_fingerprint, recipe_fingerprint

    if layout.is_expert(system):
        language = system.removeprefix("expert-")
        base_source, _ = ensure_base_model(profile)
        return expert_recipe(base_source, run.adapter_dir(language), capability)
    kept = run.recipe_dir(system)
    kind = _kind(kept)
    if kind is None:
        raise FileNotFoundError(f"no recipe for {system} in {layout.shown_path(kept)}.")
    saved, _ = _kept_recipe(run, kind, kept)
    inputs = {}
    for path in _input_paths(kind, saved["config"]):
        source = run.system_of(path)
        inputs[path] = (
            recipe_fingerprint(expected_recipe(run, profile, source, capability))
            if source
            else model_fingerprint(path)
        )
    return {**saved, "inputs": inputs}


def ensure(run: layout.Run, profile: config.Profile, system: str, tokenizer, capability=None) -> Path:
    """The folder of `system`, rebuilt (with whatever it is built from) when missing or stale.

    Experts come from their adapters; a merge or MoE from its kept recipe (models/recipes/);
    a trained MoE saved as routers only gets the MoE it names. Raises FileNotFoundError, naming the
    notebook to run, when a model is neither saved nor rebuildable.
    """
    from helpers import merge, moe, router
    from helpers.modeling import ensure_base_model, is_saved_model

    if system == layout.BASE_SYSTEM:
        return Path(ensure_base_model(profile, tokenizer)[0])
    if layout.is_trained_moe(system):
        path = run.system_dir(system)
        if not (path / router.ROUTER_FILE).is_file():
            raise FileNotFoundError(f"no {system} in {layout.shown_path(path)}: run notebook 06 first.")
        start = router.start_system(path)
        if start:
            ensure(run, profile, start, tokenizer, capability)
        return path
    if layout.is_expert(system):
        base_source, _ = ensure_base_model(profile, tokenizer)
        return ensure_expert(run, system.removeprefix("expert-"), base_source, tokenizer, capability)
    target, kept = run.system_dir(system), run.recipe_dir(system)
    kind = _kind(kept)
    if kind is None:
        if is_saved_model(target):
            return target
        notebook = "05" if system.startswith(layout.moe_system("")) else "04"
        raise FileNotFoundError(f"{system} is neither saved nor rebuildable: run notebook {notebook} first.")
    want = expected_recipe(run, profile, system, capability)
    if _built_from(target, f"{kind}_recipe.json") == want:
        return target
    model_config = want["config"]
    for path in _input_paths(kind, model_config):
        if run.system_of(path):
            ensure(run, profile, run.system_of(path), tokenizer, capability)
    card_file = kept / "README.md"
    card = card_file.read_text(encoding="utf-8") if card_file.is_file() else ""
    if kind == "merge":
        merge.run_mergekit(model_config, target, tokenizer, card, profile.seed)
    else:
        from safetensors.torch import load_file

        saved = json.loads((kept / moe.RECIPE_FILE).read_text(encoding="utf-8"))
        base = model_config["base_model"]
        built_from = _kept_recipe(run, kind, kept)[1].get(base, base)
        if saved["inputs"].get(built_from) != want["inputs"].get(base):
            raise ValueError(f"{system}'s saved routers come from another base model: rerun notebook 05.")
        gates = load_file(str(kept / ROUTERS_FILE))
        info = json.loads((kept / moe.EXPERTS_FILE).read_text(encoding="utf-8"))
        layers = [gates[f"layers.{i}.weight"] for i in range(len(gates))]
        moe.rebuild_moe(model_config, saved["seed"], layers, info, target, tokenizer, card)
    remember(run, system)  # the kept recipe now names the inputs' current fingerprints
    return target


def large_folders(run: layout.Run, system: str) -> list[Path]:
    """The large model folders that loading `system` reads or that rebuilding it needs: its own
    folder and its inputs' (a trained MoE saved as routers only: its start MoE's), recursively."""
    from helpers import router

    if system in (layout.BASE_SYSTEM, layout.ORACLE):
        return []
    if layout.is_trained_moe(system):
        path = run.system_dir(system)
        start = router.start_system(path) if (path / router.ROUTER_FILE).is_file() else None
        return large_folders(run, start) if start else []
    folders = [run.system_dir(system)]
    kept = run.recipe_dir(system) if not layout.is_expert(system) else None
    kind = _kind(kept) if kept else None
    if kind:
        saved, _ = _kept_recipe(run, kind, kept)
        for path in _input_paths(kind, saved["config"]):
            source = run.system_of(path)
            folders += large_folders(run, source) if source else []
    return list(dict.fromkeys(folders))


def release(
    profile: config.Profile, run: layout.Run, folders: Iterable[str | Path], keep: Iterable[str | Path] = ()
) -> list[Path]:
    """Delete the large model folders among `folders` (not those in `keep`) when the profile does
    not keep large models; adapters, routers and anything outside the large models folder stay.
    A group folder (experts/) left empty inside the large models folder goes too.
    Returns the folders deleted."""
    if profile.keep_large_models:
        return []
    kept = {Path(k) for k in keep}
    root = run.large_models_dir.resolve()
    deleted = []
    for folder in map(Path, folders):
        if folder in kept or run.system_of(folder) is None or not folder.is_dir():
            continue
        parent = folder.resolve().parent
        shutil.rmtree(folder)
        deleted.append(folder)
        if parent != root and parent.is_relative_to(root) and not any(parent.iterdir()):
            parent.rmdir()
    return deleted


def release_unneeded(
    profile: config.Profile, run: layout.Run, used: Iterable[str], still_to_use: Iterable[str]
) -> list[Path]:
    """After the systems `used` ran: release their large folders (and those they were rebuilt from)
    that none of `still_to_use` needs."""
    needed = [f for name in still_to_use for f in large_folders(run, name)]
    return release(profile, run, [f for name in used for f in large_folders(run, name)], keep=needed)
