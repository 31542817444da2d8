"""Profiles (hardware-sized settings) and the four languages of the study."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# Executed notebooks, figures, metrics and models of each run; tests point it elsewhere.
RUNS_DIR = Path(os.environ.get("WORKBOOK_RUNS_DIR", REPO_ROOT / "runs"))
# Where the large models (merged experts, merges, MoEs) go: <this>/<profile>/ when set (e.g. a local
# scratch disk while WORKBOOK_RUNS_DIR is on Google Drive), else runs/<profile>/models. Read at call time.
MODELS_DIR_VARIABLE = "WORKBOOK_MODELS_DIR"
DATA_DIR = REPO_ROOT / "data"


@dataclass(frozen=True)
class Language:
    """One programming language as the data set, CodeBLEU and the prompts name it."""

    name: str  # our name, also CodeBLEU's `lang`
    display: str  # what the paper's prompt says: "Write a {display} program ..."
    xlcost_config: str  # codeparrot/xlcost-text-to-code config name
    extension: str  # source file extension


LANGUAGES: dict[str, Language] = {
    "python": Language("python", "Python", "Python-program-level", "py"),
    "java": Language("java", "Java", "Java-program-level", "java"),
    "javascript": Language("javascript", "Javascript", "Javascript-program-level", "js"),
    "cpp": Language("cpp", "C++", "C++-program-level", "cpp"),
}

# Spellings found in the paper's artifacts and prompts, mapped to our keys.
_LANGUAGE_ALIASES = {
    "py": "python",
    "python3": "python",
    "js": "javascript",
    "c++": "cpp",
    "cplusplus": "cpp",
}


def get_language(name: str) -> Language:
    """Return the Language for a name such as 'python', 'Java', 'C++' or 'js'."""
    # anything but a string (None, a number) gets the unknown-name error, not an AttributeError
    language = name.strip().lower() if isinstance(name, str) else None
    language = _LANGUAGE_ALIASES.get(language, language)
    if language not in LANGUAGES:
        raise ValueError(
            f"Unknown language {name!r}. Valid languages: {', '.join(LANGUAGES)} "
            "(also accepted: Python, Java, JavaScript, C++, js, py)."
        )
    return LANGUAGES[language]


@dataclass(frozen=True)
class Profile:
    """Every size and setting that differs between hardware targets; the code path is the same."""

    name: str
    hardware: str  # what it is sized for
    expected_runtime: str  # whole workbook, measured or estimated (see README)
    # --- data ---
    data_source: str  # "mini" (bundled corpus), "mini+generated" (it and the generated one), "hub", "auto"
    max_eval_samples: int | None  # per language and split; None = all
    # --- base model ---
    base_model: str  # Hub id or model folder; "tiny" or "standin:<Hub id>": built by the workbook
    load_in_4bit: bool  # NF4 with double quantisation through bitsandbytes
    max_seq_len: int  # tokens per training example
    # tiny model (cpu-tiny only): shapes and pre-training budget
    tiny_hidden_size: int = 128
    tiny_layers: int = 2
    tiny_heads: int = 4
    tiny_vocab_size: int = 2048
    tiny_pretrain_steps: int = 300
    tiny_intermediate_size: int = 384  # MLP width
    tiny_kv_heads: int = 2  # grouped-query attention, as in Mistral
    tiny_block_len: int = 256  # tokens per pre-training sequence
    tiny_pretrain_batch: int = 8  # sequences per pre-training step
    tiny_pretrain_lr: float = 3e-3
    tiny_pretrain_instructed: float = 0.0  # share of training records also read as instruction + program
    torch_threads: int = 0  # CPU threads for torch; 0 keeps torch's default
    # notebooks the pipeline runs at once where neither reads the other's results (helpers.pipeline);
    # 1 on a GPU: the memory plan is for one notebook at a time
    parallel_stages: int = 1
    # --- QLoRA fine-tuning ---
    lora_r: int = 8
    lora_alpha: int = 16
    lora_dropout: float = 0.05
    lora_target_modules: tuple[str, ...] = (
        "q_proj",
        "k_proj",
        "v_proj",
        "o_proj",
        "gate_proj",
        "up_proj",
        "down_proj",
    )
    finetune_steps: int = 60
    batch_size: int = 8  # examples per step without packing
    lr: float = 2e-4
    packing: bool = True  # best-fit packing of examples into max_seq_len rows (no padding)
    packed_rows_per_step: int = 2  # with packing: rows of max_seq_len tokens per optimizer step
    checkpoint_steps: int = 10  # evaluate and save a resumable checkpoint every N steps
    # --- generation ---
    max_new_tokens: int = 256
    gen_batch_size: int = 8
    generate_in_4bit: bool = True  # load models for generation in 4-bit (False: compute dtype)
    # --- merging and MoE ---
    ties_density: float = 0.5
    slerp_t: float = 0.5
    moe_top_k: int = 2
    ties_weights: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0)  # one per expert, in LANGUAGES order
    slerp_pair: tuple[str, str] = ("python", "java")  # the two experts of the single SLERP
    moe_gate_modes: tuple[str, ...] = ("hidden", "cheap_embed", "random")  # one MoE each
    moe_prompt_records: int | None = None  # training records per expert for its prompts; None = all
    moe_prompt_code_tokens: tuple[int, ...] = (32,)  # program tokens after each instruction; () = none
    moe_negative_prompts: int = 16  # per other language, as negative prompts; 0 = none
    # --- router training ---
    router_steps: int = 60
    router_aux_coef: float = 0.01
    router_importance_coef: float = 0.01  # Shazeer et al.'s importance CV² loss
    router_load_coef: float = 0.01  # Shazeer et al.'s load CV² loss (noisy routers only)
    router_batch_size: int = 8  # examples per router training step
    router_lr: float = 1e-2  # Adam step size for the router weights only
    # --- memory (the GPU profiles; issue #10) ---
    # 05-07 load a MoE with its fused 3-D experts in NF4 (bitsandbytes' parametrization:
    # 0.125x the bytes of float32); trained MoEs are then saved as their routers only
    moe_experts_4bit: bool = False
    router_in_4bit: bool = False  # 06 trains and evaluates with the MoE's linear layers in NF4
    router_grad_checkpointing: bool = False  # 06 recomputes activations in the backward pass
    router_micro_batch_size: int | None = None  # rows per forward, gradients accumulated; None = all
    one_model_at_a_time: bool = True  # 05-07 free each model (gc, CUDA cache) before the next loads
    # --- disk (issue #10): large models are rebuilt from small artifacts when missing, everywhere;
    # False deletes each one after the notebook's last use of it (what persists: README)
    keep_large_models: bool = True
    # --- evaluation ---
    exec_subsample: int | None = None  # execution checks on a seeded subsample; None = all
    humaneval_problems: int | None = None  # HumanEval-X problems per language (the first N); None = 164
    explore_exec_limit: int | None = None  # 01: reference programs run per language (seeded); None = all
    speed_prompts: int | None = None  # 07: Python test prompts each system's speed is timed on; None = all
    seed: int = 0

    @property
    def builds_base(self) -> bool:
        """Whether the workbook builds this base model itself (cpu-tiny's, a rehearsal's stand-in)."""
        return self.base_model == "tiny" or self.base_model.startswith(STANDIN_PREFIX)

    def replace(self, **overrides) -> Profile:
        """Return a copy with some fields changed (unknown names raise)."""
        return dataclasses.replace(self, **overrides)


PROFILES: dict[str, Profile] = {
    "cpu-tiny": Profile(
        name="cpu-tiny",
        hardware="any CPU (2 cores, no GPU is enough); what CI runs",
        # measured on an idle 2-core machine with the generated corpus, venv installed (README)
        expected_runtime="about 8-10 minutes for the whole workbook on an idle 2-core machine "
        "(measured: 8 min 31 s, two notebooks at a time; see README)",
        data_source="mini+generated",  # 48 hand-written and 360 generated training tasks per language
        max_eval_samples=8,  # per subset: 8 hand-written and 8 generated validation and test tasks
        base_model="tiny",
        load_in_4bit=True,  # QLoRA through bitsandbytes on CPU: the same path as on a GPU
        max_seq_len=640,  # the longest mini example (prompt + program) fits whole
        tiny_hidden_size=128,
        tiny_layers=3,
        tiny_pretrain_steps=300,  # about one pass over the mixed corpus (500k tokens)
        tiny_pretrain_instructed=1.0,  # every training record also as instruction + program
        torch_threads=1,  # other jobs share the 2 cores: 2 threads measured 10-50x slower then
        parallel_stages=2,  # so two single-threaded notebooks use the 2 cores
        lr=2e-3,  # a tiny model and a few dozen steps want a larger step than a 7B model
        finetune_steps=60,
        checkpoint_steps=10,
        max_new_tokens=256,  # the median mini program is about 200 tokens
        gen_batch_size=16,
        exec_subsample=6,  # per system and language: execution checks dominate the run time
        humaneval_problems=4,  # per language, 12 systems: the tiny models score ~0, the harness is shown
        router_steps=90,  # 30 left the trained top-2 router above the best mergekit gate (measured)
        router_batch_size=4,
        router_lr=3e-2,  # few small steps want a larger step than the default
    ),
    "colab-t4": Profile(
        name="colab-t4",
        hardware="free Colab/Kaggle T4 (16 GB), fp16 compute",
        # sized by `python -m helpers.plan` for one 4-hour session (4-bit experts, micro-batches, ...)
        expected_runtime="planned 3.62 h (estimate, python -m helpers.plan); not yet run on a T4",
        data_source="hub",
        max_eval_samples=50,
        base_model="HuggingFaceTB/SmolLM2-1.7B-Instruct",  # Llama architecture: mergekit-moe mixes it
        load_in_4bit=True,
        max_seq_len=1024,
        lora_r=16,
        lora_alpha=32,
        finetune_steps=200,
        checkpoint_steps=50,  # every evaluation and checkpoint costs minutes on a T4
        batch_size=8,
        max_new_tokens=256,
        gen_batch_size=32,
        moe_prompt_records=64,  # mergekit tokenises an expert's prompts in one batch: bound them
        router_steps=100,
        router_batch_size=4,
        moe_experts_4bit=True,  # a 16-bit MoE does not fit the GPU with room to compute
        router_in_4bit=True,
        router_grad_checkpointing=True,
        router_micro_batch_size=2,  # 2 rows of max_seq_len tokens per forward
        keep_large_models=False,  # Kaggle keeps 20 GB; a 16-bit MoE alone is ~10 GB
        exec_subsample=25,  # per system and language
        explore_exec_limit=25,  # all 887 Python test programs would take half an hour of the 4 hours
        speed_prompts=16,  # Python prompts each system is timed on: keeps the plan inside 4 hours
    ),
    "paper": Profile(
        name="paper",
        hardware="one Ampere-or-newer GPU with 24 GB or more (A10G, L4, A100), bf16 compute",
        expected_runtime="planned 70 h (estimate, python -m helpers.plan); not yet run on a 24 GB GPU",
        data_source="hub",
        max_eval_samples=200,
        base_model="mistralai/Mistral-7B-Instruct-v0.2",
        load_in_4bit=True,
        max_seq_len=1024,
        lora_r=16,
        lora_alpha=32,
        lora_dropout=0.1,
        finetune_steps=1000,
        batch_size=4,
        lr=2e-4,
        max_new_tokens=256,
        gen_batch_size=8,
        checkpoint_steps=100,
        moe_prompt_records=64,  # mergekit tokenises an expert's prompts in one batch: bound them
        router_steps=1000,
        moe_experts_4bit=True,  # a 16-bit MoE does not fit the GPU with room to compute
        router_in_4bit=True,
        router_grad_checkpointing=True,
        router_micro_batch_size=2,  # 2 rows of max_seq_len tokens per forward
        exec_subsample=50,  # per system and language
        explore_exec_limit=50,
        speed_prompts=32,
    ),
}


# A CPU rehearsal of a GPU profile (`colab-t4-rehearsal`, `paper-rehearsal`): the profile's code
# path and settings (4-bit loading, LoRA shape, prompt template, memory options), with only sizes and
# steps cut so every notebook runs on 2 CPU cores in minutes. Two substitutions, because nothing here
# reaches the Hub: the bundled corpus instead of the Hub data set, and a base model of the real
# architecture family and tokenizer conventions built locally (helpers.standin), or BASE_MODEL.
REHEARSAL_SUFFIX = "-rehearsal"
STANDIN_PREFIX = "standin:"  # base_model "standin:<Hub id>": a small local model shaped like that one
REHEARSAL_SIZES = {
    "data_source": "mini",
    "max_eval_samples": 4,  # per language and split
    "max_seq_len": 512,
    "finetune_steps": 6,
    "checkpoint_steps": 3,  # so a rehearsal also evaluates and saves resumable checkpoints
    "batch_size": 2,
    "packed_rows_per_step": 1,
    "max_new_tokens": 32,
    "gen_batch_size": 4,
    "moe_prompt_records": 8,
    "moe_negative_prompts": 2,
    "router_steps": 4,
    "router_batch_size": 2,
    "exec_subsample": 2,
    "humaneval_problems": 2,
    "torch_threads": 1,
    "seed": 0,
}


def rehearsal_profile(name: str) -> Profile:
    """The CPU rehearsal of GPU profile `name` (see REHEARSAL_SIZES); ValueError for cpu-tiny."""
    if name not in PROFILES or PROFILES[name].builds_base:
        raise ValueError(
            f"No rehearsal of profile {name!r}: rehearsals exist for {', '.join(_hub_profiles())}."
        )
    real = PROFILES[name]
    return real.replace(
        name=name + REHEARSAL_SUFFIX,
        hardware=f"a CPU rehearsal of {name} ({real.hardware}): sizes and steps cut, same code path",
        expected_runtime="a few minutes on 2 CPU cores (see README)",
        base_model=STANDIN_PREFIX + real.base_model,
        **REHEARSAL_SIZES,
    )


def _hub_profiles() -> list[str]:
    """The profiles whose base model comes from the Hub (the GPU ones)."""
    return [name for name, profile in PROFILES.items() if not profile.builds_base]


def profile_names() -> list[str]:
    """Every accepted profile name: the profiles and the rehearsals of the GPU ones."""
    return [*PROFILES, *(name + REHEARSAL_SUFFIX for name in _hub_profiles())]


def get_profile(name: str, base_model: str = "", **overrides) -> Profile:
    """The named profile (or `<gpu profile>-rehearsal`), with fields overridden (e.g. max_eval_samples=8).

    `base_model` (a local model folder or Hub id) replaces the profile's base model; empty keeps it.
    """
    if name.endswith(REHEARSAL_SUFFIX) and name in profile_names():
        profile = rehearsal_profile(name.removesuffix(REHEARSAL_SUFFIX))
    elif name in PROFILES:
        profile = PROFILES[name]
    else:
        raise ValueError(f"Unknown profile {name!r}. Valid profiles: {', '.join(profile_names())}.")
    unknown = set(overrides) - {f.name for f in dataclasses.fields(Profile)}
    if unknown:
        raise ValueError(f"Unknown profile fields {sorted(unknown)}; see helpers/config.py:Profile.")
    if base_model:
        overrides["base_model"] = str(base_model)
    return profile.replace(**overrides) if overrides else profile
