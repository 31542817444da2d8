"""The run layout: the one place that names stages, run folders, model folders, prediction files and
systems. Notebooks and helpers ask it; no other module builds these paths or names.

    runs/<profile>/                     small artifacts: what must persist between notebooks
        <stage>/ or <stage>-<language>/     executed notebook, figures, metrics.json, predictions
        models/tokenizer/  models/base/     the cpu-tiny tokenizer and base model (notebook 02)
        models/adapters/<language>/         QLoRA adapters (03)
        models/recipes/<system>/            how to rebuild each large model (recipe, router weights)
        models/moe-trained-<router>/        MoEs with trained routers (06; routers only with 4-bit experts)
    <large models folder>/              large models, rebuilt from the above when missing (helpers.rebuild)
        experts/<language>/                 each adapter merged into the base (03)
        ties/  slerp-*/                     merges (04)
        moe-<gate_mode>/                    mergekit MoEs (05)

The large models folder is $WORKBOOK_MODELS_DIR/<profile>/ when that is set, else runs/<profile>/models.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from helpers import config

# Notebook stems in pipeline order; a stage's run folder is its stem (plus "-<language>").
EXPLORE = "01_explore_dataset"
BASE = "02_base_model"
FINETUNE = "03_qlora_finetune"
MERGE = "04_merge_ties_slerp"
MOE = "05_moe_assembly"
ROUTERS = "06_router_training"
EVALUATE = "07_evaluate"
PAPER = "08_reproduce_paper"
STAGES = (EXPLORE, BASE, FINETUNE, MERGE, MOE, ROUTERS, EVALUATE, PAPER)
# Which stages each stage reads the results of: its upstream (the pipeline reruns a stage whose
# upstream changed). Keyed by notebook number, as a per-language stage shares its notebook's.
UPSTREAM: dict[str, tuple[str, ...]] = {
    "03": ("02",),  # the base model and its predictions
    "04": ("02", "03"),  # base and experts
    "05": ("02", "03"),
    "06": ("03", "05"),  # the mergekit MoEs and the experts
    "07": ("02", "03", "04", "05", "06"),  # every system's predictions and models
}
# Stages that must not run beside each other although neither reads the other's results, as
# stage number -> the numbers it starts after when both run (the pipeline may run independent
# stages at once, helpers.pipeline): 01 trains the cpu-tiny tokenizer that 02 would otherwise train
# too, into the same folder.
STARTS_AFTER: dict[str, tuple[str, ...]] = {"02": ("01",)}
MODELS_FOLDER = "models"  # runs/<profile>/models: model folders every stage may read or write
RECIPES_FOLDER = "recipes"  # runs/<profile>/models/recipes/<system>/: how to rebuild a large model
# folders of runs/<profile>/models that hold small artifacts, never a large model
_SMALL_FOLDERS = ("experts", "adapters", "tokenizer", "base", RECIPES_FOLDER)

# System names, as tables and metrics.json show them.
BASE_SYSTEM = "base"
ORACLE = "expert (oracle)"  # each language answered by its own expert
TIES = "ties"
SLERP_TREE = "slerp-tree"
_EXPERT_PREFIX = "expert-"
_MOE_PREFIX = "moe-"
_TRAINED_PREFIX = "moe-trained-"

METRICS_FILE = "metrics.json"


def stage_name(stage: str, language: str | None = None) -> str:
    """A stage's run-folder name: `03_qlora_finetune-python`, or `01_explore_dataset`."""
    if stage not in STAGES and not stage[:2].isdigit():
        raise ValueError(f"Unknown stage {stage!r}; stages: {', '.join(STAGES)}.")
    return f"{stage}-{config.get_language(language).name}" if language else stage


def expert_system(language: str) -> str:
    """`expert-python`: the expert fine-tuned on one language."""
    return _EXPERT_PREFIX + config.get_language(language).name


def slerp_pair_system(first: str, second: str) -> str:
    """`slerp-python-java`: the SLERP of two experts."""
    return f"slerp-{config.get_language(first).name}-{config.get_language(second).name}"


def moe_system(gate_mode: str) -> str:
    """`moe-hidden`: the mergekit MoE built with one gate mode."""
    return _MOE_PREFIX + gate_mode


def trained_moe_system(router_name: str) -> str:
    """`moe-trained-top2`: a MoE whose routers were trained (router name from router_modules.router_name)."""
    return _TRAINED_PREFIX + router_name


def is_trained_moe(system: str) -> bool:
    """True for a system name of a MoE with trained routers."""
    return system.startswith(_TRAINED_PREFIX)


def is_expert(system: str) -> bool:
    """True for `expert-<language>` (not the oracle)."""
    return system.startswith(_EXPERT_PREFIX)


def model_writer(model_path: str) -> str | None:
    """The stage that writes a folder of runs/<profile>/models, named as helpers.completeness names
    it (`models/adapters/java` -> `03_qlora_finetune-java`); None where the layout names no writer.
    The cpu-tiny tokenizer is 01's: the first stage that loads it trains it (02 when 01 has not run)."""
    parts = Path(model_path).parts
    parts = parts[1:] if parts[:1] == (MODELS_FOLDER,) else parts
    if parts[:1] == (RECIPES_FOLDER,):
        parts = parts[1:]
    if not parts:
        return None
    head = parts[0]
    if head == "tokenizer":
        return EXPLORE
    if head == "base":
        return BASE
    if head in ("adapters", "experts") and len(parts) > 1 and parts[1] in config.LANGUAGES:
        return stage_name(FINETUNE, parts[1])
    if is_expert(head) and head[len(_EXPERT_PREFIX) :] in config.LANGUAGES:
        return stage_name(FINETUNE, head[len(_EXPERT_PREFIX) :])
    if is_trained_moe(head):
        return ROUTERS
    if head.startswith(_MOE_PREFIX):
        return MOE
    if head == TIES or head.startswith("slerp-"):
        return MERGE
    return None


@dataclass(frozen=True)
class Run:
    """One profile's run folder, `runs/<profile>/`; every path below it comes from here."""

    profile_name: str

    @classmethod
    def of(cls, profile: config.Profile | str) -> Run:
        """The run of a Profile, or of a profile name."""
        return cls(profile.name if isinstance(profile, config.Profile) else profile)

    @property
    def root(self) -> Path:
        """runs/<profile>/ (read from config.RUNS_DIR at call time, so tests can point it elsewhere)."""
        return config.RUNS_DIR / self.profile_name

    def stage_dir(self, stage: str, language: str | None = None, create: bool = True) -> Path:
        """runs/<profile>/<stage>[-<language>]/, created unless `create` is False."""
        path = self.root / stage_name(stage, language)
        if create:
            path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def models_dir(self) -> Path:
        """runs/<profile>/models/: every model folder of the run."""
        return self.root / MODELS_FOLDER

    @property
    def large_models_dir(self) -> Path:
        """Where large models go: $WORKBOOK_MODELS_DIR/<profile>/ when set, else models_dir."""
        root = os.environ.get(config.MODELS_DIR_VARIABLE, "")
        return Path(root) / self.profile_name if root else self.models_dir

    def recipe_dir(self, system: str) -> Path:
        """The small files a large model is rebuilt from (helpers.rebuild): models/recipes/<system>/."""
        if system == BASE_SYSTEM or system == ORACLE or is_trained_moe(system):
            raise ValueError(
                f"{system!r} has no recipe: merges and MoEs have one (experts rebuild from adapters)."
            )
        return self.models_dir / RECIPES_FOLDER / system

    def system_of(self, path: str | Path) -> str | None:
        """The system name of a large model folder of this run (`expert-java`, `ties`), or None."""
        path = Path(path).resolve()
        for language in config.LANGUAGES:
            if path == self.expert_dir(language).resolve():
                return expert_system(language)
        large = self.large_models_dir.resolve()
        if path.parent != large or path.name in _SMALL_FOLDERS or is_trained_moe(path.name):
            return None
        return path.name

    @property
    def tokenizer_dir(self) -> Path:
        """The cpu-tiny tokenizer, trained once."""
        return self.models_dir / "tokenizer"

    @property
    def base_dir(self) -> Path:
        """The base model the workbook pre-trained (cpu-tiny) or saved."""
        return self.models_dir / "base"

    def adapter_dir(self, language: str) -> Path:
        """The QLoRA adapter of one language's expert."""
        return self.models_dir / "adapters" / config.get_language(language).name

    def expert_dir(self, language: str) -> Path:
        """One language's expert: the adapter merged into the base (a large model)."""
        return self.large_models_dir / "experts" / config.get_language(language).name

    def system_dir(self, system: str) -> Path:
        """The saved model of a merge or MoE system (`ties`, `slerp-tree`, `moe-hidden`, ...)."""
        if system == BASE_SYSTEM:
            return self.base_dir
        if is_expert(system):
            return self.expert_dir(system[len(_EXPERT_PREFIX) :])
        if system == ORACLE:
            raise ValueError(f"{ORACLE!r} is no model: it is each language's own expert.")
        return self.models_dir / system if is_trained_moe(system) else self.large_models_dir / system

    def moe_dir(self, gate_mode: str) -> Path:
        """The mergekit MoE of one gate mode."""
        from helpers.moe import GATE_MODES

        if gate_mode not in GATE_MODES:
            raise ValueError(f"Unknown gate_mode {gate_mode!r}; valid: {', '.join(GATE_MODES)}.")
        return self.system_dir(moe_system(gate_mode))

    def trained_moe_dir(self, router_name: str) -> Path:
        """A MoE with trained routers."""
        return self.system_dir(trained_moe_system(router_name))

    def trained_moe_dirs(self) -> dict[str, Path]:
        """Every saved trained-router MoE, by system name: {'moe-trained-top2': path, ...}."""
        from helpers.modeling import is_saved_model

        if not self.models_dir.is_dir():
            return {}
        return {p.name: p for p in sorted(self.models_dir.glob(_TRAINED_PREFIX + "*")) if is_saved_model(p)}

    def system_dirs(self, profile: config.Profile) -> dict[str, Path]:
        """Saved models of every system that exists in this run, in the order tables show them.

        base, the TIES and SLERP-tree merges, the mergekit MoE of each gate mode, and each MoE
        whose routers were trained; a Hub base model is its id. The experts: `expert_dirs`. A large
        model counts when it is saved or its recipe is (helpers.rebuild.ensure rebuilds it).
        """
        from helpers.modeling import is_saved_model
        from helpers.moe import GATE_MODES

        def found_or_rebuildable(name: str) -> bool:
            return is_saved_model(self.system_dir(name)) or (
                name != BASE_SYSTEM and self.recipe_dir(name).is_dir()
            )

        local = [BASE_SYSTEM] if profile.builds_base else []
        local += [TIES, SLERP_TREE, *(moe_system(mode) for mode in GATE_MODES)]
        found = {name: self.system_dir(name) for name in local if found_or_rebuildable(name)}
        found |= self.trained_moe_dirs()
        if not profile.builds_base:
            found = {BASE_SYSTEM: Path(profile.base_model), **found}  # a folder or Hub id, as is
        return found

    def expert_dirs(self) -> dict[str, Path]:
        """The per-language expert models that exist in this run (saved, or their adapter is), by language."""
        from helpers.modeling import is_saved_model

        def found(language: str) -> bool:
            adapter = self.adapter_dir(language) / "adapter_config.json"
            return is_saved_model(self.expert_dir(language)) or adapter.is_file()

        return {language: self.expert_dir(language) for language in config.LANGUAGES if found(language)}

    def own_predictions_file(self, system: str, language: str) -> Path:
        """Where notebook 02 (base) or 03 (an expert) wrote its predictions on `language`."""
        if system == BASE_SYSTEM:
            folder = self.stage_dir(BASE, create=False)
        elif system == _EXPERT_PREFIX.rstrip("-") or is_expert(system):
            folder = self.stage_dir(FINETUNE, language, create=False)
        else:
            raise ValueError(
                f"Only {BASE_SYSTEM!r} and the experts write predictions in 02/03, not {system!r}."
            )
        return predictions_file(folder, language)

    def earlier_predictions_dirs(self, system: str) -> list[Path]:
        """The folders where notebooks 02-05 wrote `system`'s answers, for 07 to reuse: 02's run
        folder for the base, 03's for an expert (its own language), 04's and 05's subfolders for
        the merges and the mergekit MoEs."""
        folders = []
        if system == BASE_SYSTEM:
            folders.append(self.stage_dir(BASE, create=False))
        elif is_expert(system):
            folders.append(self.stage_dir(FINETUNE, system[len(_EXPERT_PREFIX) :], create=False))
        return folders + [self.stage_dir(stage, create=False) / system for stage in (MERGE, MOE)]

    def base_and_expert_predictions(self) -> dict[str, dict[str, list[dict]]]:
        """{"base"|"expert": {language: rows}} from notebooks 02 and 03, where those runs exist."""
        from helpers.runs import read_jsonl

        found: dict[str, dict[str, list[dict]]] = {}
        for language in config.LANGUAGES:
            for system in ("expert", BASE_SYSTEM):
                path = self.own_predictions_file(system, language)
                if path.is_file():
                    found.setdefault(system, {})[language] = read_jsonl(path)
        return found


def predictions_model(system: str, fingerprint: str) -> str:
    """What a predictions file records as its model, in every notebook: `<system>:<fingerprint>`
    (`base:c0912...`, `expert-java:recipe-44dd...`), so that a later notebook can reuse the answers
    an earlier one wrote with the same weights (helpers.compare.predict_languages)."""
    return f"{system}:{fingerprint}"


def predictions_file(folder: str | Path, language: str) -> Path:
    """`<folder>/predictions_<language>.jsonl`: one system's answers on one language."""
    return Path(folder) / f"predictions_{config.get_language(language).name}.jsonl"


def shown_path(path: str | Path) -> str:
    """A path as notebooks show it: relative to the repository when inside it, else as given."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(config.REPO_ROOT))
    except ValueError:
        return str(path)
