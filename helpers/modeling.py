"""Tokenizers and models of each profile: trained locally on cpu-tiny, from the Hub otherwise."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from helpers import config, layout
from helpers.prompts import PAPER_CHAT_TEMPLATE

SPECIAL_TOKENS = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"}
# The chat template's markers, one special token each (as in Mistral's tokenizer): a prompt's
# structure is then two fixed tokens, not five ordinary ones that also occur inside programs. Each
# absorbs the spaces beside it, so that the token after `[/INST]` is the program's first word
# (`def`, `class`, `#include`), not a lone space that every language shares.
CHAT_MARKERS = ("[INST]", "[/INST]")
TINY_DATA_SOURCES = ("mini", "mini+generated")  # what the cpu-tiny tokenizer and base model read


def train_tokenizer(
    texts: Iterable[str],
    vocab_size: int = 2048,
    special_tokens: Iterable[str] | None = None,
    names: dict[str, str] | None = None,
    chat_template: str = PAPER_CHAT_TEMPLATE,
    markers: Iterable[str] = CHAT_MARKERS,
):
    """Train a byte-level BPE tokenizer (any byte sequence encodes) with a chat template.

    `special_tokens` take the first ids in their order and `names` say which is the BOS, EOS, ...;
    `markers` become added special tokens (default: cpu-tiny's `<s>`, `</s>`, `<unk>`, `<pad>`, the
    paper's template and its `[INST]`/`[/INST]` markers).
    """
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    names = dict(SPECIAL_TOKENS if names is None else names)
    core = Tokenizer(models.BPE())
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    core.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=list(names.values() if special_tokens is None else special_tokens),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    core.train_from_iterator(texts, trainer=trainer)
    markers = [AddedToken(m, lstrip=True, rstrip=True, special=True, normalized=False) for m in markers]
    if markers:
        core.add_special_tokens(markers)
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, **names)
    if markers:
        tokenizer.add_special_tokens({"additional_special_tokens": markers})
    tokenizer.chat_template = chat_template
    tokenizer.padding_side = "left"  # decoder-only generation pads on the left
    return tokenizer


def training_program(record: dict, language: str) -> str:
    """The program as the models learn it: runnable source rebuilt from xlcost's tokenised form."""
    from helpers.xlcost_codec import detokenize

    # xlcost's `code` has no comments. The mini corpus's hand-written `source` keeps them, so
    # rebuilding from `code` gives every profile the same kind of target, and the same one as the
    # references that CodeBLEU compares with.
    return detokenize(record["code"], language)


def tiny_data_source(profile: config.Profile) -> str:
    """The corpus the cpu-tiny tokenizer and base model read: the profile's, when it is a bundled one."""
    return profile.data_source if profile.data_source in TINY_DATA_SOURCES else "mini"


def tiny_tokenizer_corpus(split: str = "train", data_source: str = "mini") -> list[str]:
    """Texts the cpu-tiny tokenizer learns from: instructions and programs of all four languages."""
    from helpers import data, prompts

    texts = []
    for language in config.LANGUAGES:
        for record in data.load_xlcost(language, split, data_source=data_source):
            texts += [prompts.instruction(record["text"], language), training_program(record, language)]
    return texts


def load_tokenizer(profile: config.Profile, cache_dir: str | Path | None = None):
    """The profile's tokenizer: the base model's, or (cpu-tiny, a rehearsal) one trained here, cached."""
    from transformers import AutoTokenizer

    if not profile.builds_base:
        tokenizer = AutoTokenizer.from_pretrained(profile.base_model)
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        tokenizer.padding_side = "left"
        return tokenizer
    cache = Path(cache_dir) if cache_dir else layout.Run.of(profile).tokenizer_dir
    if (cache / "tokenizer.json").exists():
        tokenizer = AutoTokenizer.from_pretrained(cache)
    elif profile.base_model == "tiny":
        corpus = tiny_tokenizer_corpus(data_source=tiny_data_source(profile))
        tokenizer = train_tokenizer(corpus, profile.tiny_vocab_size)
        save_atomically(tokenizer, cache)
    else:
        from helpers import standin

        tokenizer = standin.build_tokenizer(
            standin.real_model_id(profile.base_model), tiny_tokenizer_corpus()
        )
        save_atomically(tokenizer, cache)
    if tokenizer.pad_token is None:  # e.g. Mistral's has none
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    return tokenizer


def save_atomically(obj, target: str | Path) -> Path:
    """`obj.save_pretrained` published atomically (runs.publish_dir): a crash leaves no half."""
    from helpers.runs import publish_dir

    return publish_dir(target, obj.save_pretrained)


# --------------------------------------------------------------------------- hardware decisions
# Each GPU-only branch is one small pure function of the CUDA compute capability (None on a CPU),
# so a unit test can check the decision without the hardware.


def cuda_capability() -> tuple[int, int] | None:
    """The first GPU's compute capability, e.g. (7, 5) for a T4, or None without CUDA."""
    import torch

    return tuple(torch.cuda.get_device_capability(0)) if torch.cuda.is_available() else None


def compute_dtype_name(capability: tuple[int, int] | None) -> str:
    """float32 on a CPU, float16 before Ampere (T4 is 7.5), bfloat16 from Ampere (8.0) on."""
    # torch.cuda.is_bf16_supported() says True on a T4 (emulated, slow), so decide from the capability.
    if capability is None:
        return "float32"
    return "bfloat16" if tuple(capability) >= (8, 0) else "float16"


def device_map(capability: tuple[int, int] | None) -> dict[str, int | str]:
    """Where the whole model goes: the first GPU, or the CPU."""
    return {"": 0} if capability is not None else {"": "cpu"}


def use_gradient_checkpointing(capability: tuple[int, int] | None) -> bool:
    """Recompute activations to save memory on a GPU; on a CPU memory is plenty and time is short."""
    return capability is not None


def quantization_config(capability: tuple[int, int] | None):
    """4-bit NF4 with double quantisation (QLoRA's recipe), computing in the hardware's dtype."""
    import torch
    from transformers import BitsAndBytesConfig

    return BitsAndBytesConfig(
        load_in_4bit=True,
        bnb_4bit_quant_type="nf4",
        bnb_4bit_use_double_quant=True,
        bnb_4bit_compute_dtype=getattr(torch, compute_dtype_name(capability)),
    )


def _quiet_bitsandbytes() -> None:
    """Hide bitsandbytes' notice that an optional CPU kernel package is absent (its own path works)."""
    import logging

    logging.getLogger("bitsandbytes").setLevel(logging.ERROR)


def configure_torch(profile: config.Profile) -> dict[str, int]:
    """Seed every generator, fix torch's CPU threads (results repeat), quiet progress bars."""
    from helpers import runtime

    runtime.quiet_libraries()
    _quiet_bitsandbytes()
    import datasets
    import torch
    from transformers import set_seed
    from transformers.utils import logging as transformers_logging

    if profile.torch_threads:
        # On a shared 2-core machine more threads than free cores makes torch far slower, not faster.
        torch.set_num_threads(profile.torch_threads)
    set_seed(profile.seed)
    transformers_logging.disable_progress_bar()  # in case transformers was imported before
    datasets.disable_progress_bars()
    return {"torch_threads": torch.get_num_threads(), "seed": profile.seed}


# --------------------------------------------------------------------------- the base model


def is_saved_model(path: str | Path) -> bool:
    """True when `path` holds a complete save_pretrained model (config and safetensors weights)."""
    path = Path(path)
    return (path / "config.json").is_file() and any(path.glob("*.safetensors"))


def tiny_model_config(profile: config.Profile, tokenizer):
    """A MistralConfig with the profile's tiny shapes and the tokenizer's vocabulary."""
    from transformers import MistralConfig

    return MistralConfig(
        vocab_size=len(tokenizer),
        hidden_size=profile.tiny_hidden_size,
        intermediate_size=profile.tiny_intermediate_size,
        num_hidden_layers=profile.tiny_layers,
        num_attention_heads=profile.tiny_heads,
        num_key_value_heads=profile.tiny_kv_heads,
        max_position_embeddings=max(profile.max_seq_len, 1024),
        sliding_window=None,
        tie_word_embeddings=False,  # as in Mistral-7B; mergekit then sees the same tensors
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )


def instructed_text(record: dict, language: str, tokenizer) -> str:
    """One training record as the tokenizer's chat template writes it (instruction, then the
    program), without the BOS and EOS that pretraining_blocks adds around every text."""
    from helpers import prompts

    messages = [
        {"role": "user", "content": prompts.instruction(record["text"], language)},
        {"role": "assistant", "content": training_program(record, language)},
    ]
    text = prompts.strip_bos(tokenizer.apply_chat_template(messages, tokenize=False), tokenizer)
    return text.removesuffix(tokenizer.eos_token)


def pretraining_texts(
    split: str = "train", data_source: str = "mini", instructed: float = 0.0, seed: int = 0, tokenizer=None
) -> list[str]:
    """What the tiny base model reads: every training program of all four languages, as source, and
    a seeded share `instructed` of the records again as instruction + program (instructed_text),
    so that the language the instruction names decides the language of the program after it."""
    import random

    from helpers import data

    if not 0.0 <= instructed <= 1.0:
        raise ValueError(f"instructed is a share of the records, from 0.0 to 1.0; got {instructed}.")
    if instructed and tokenizer is None:
        raise ValueError("instructed examples are written in a chat template: pass the tokenizer.")
    rng = random.Random(seed)
    texts = []
    for language in config.LANGUAGES:
        records = data.load_xlcost(language, split, data_source=data_source)
        texts += [training_program(record, language) for record in records]
        picked = rng.sample(range(len(records)), round(instructed * len(records)))
        texts += [instructed_text(records[i], language, tokenizer) for i in sorted(picked)]
    random.Random(seed).shuffle(texts)  # blocks mix languages and formats
    return texts


def pretraining_blocks(texts: list[str], tokenizer, block_len: int):
    """Token ids of `<s>text</s>` for every text, concatenated and cut into rows of block_len."""
    import torch

    ids: list[int] = []
    for text in texts:
        ids += [tokenizer.bos_token_id, *tokenizer(text, add_special_tokens=False)["input_ids"]]
        ids.append(tokenizer.eos_token_id)
    rows = len(ids) // block_len
    if rows == 0:
        raise ValueError(
            f"{len(ids)} tokens are fewer than one block of {block_len}; "
            "pass more text or a smaller block_len."
        )
    return torch.tensor(ids[: rows * block_len]).view(rows, block_len)  # (rows, block_len)


def pretrain(model, blocks, steps: int, batch_size: int, lr: float, seed: int = 0) -> list[float]:
    """Next-token pre-training on random rows of `blocks` (AdamW, warm-up, cosine); returns losses."""
    import math

    import torch

    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.1)
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * s / steps))
    )
    model.train()
    losses = []
    for _ in range(steps):
        batch = blocks[torch.randint(0, len(blocks), (batch_size,), generator=generator)]
        loss = model(input_ids=batch, labels=batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(loss.item())
    model.eval()
    return losses


def build_tiny_base(profile: config.Profile, tokenizer, texts: list[str]) -> tuple[object, list[float]]:
    """A freshly initialised tiny MistralForCausalLM pre-trained on `texts`; returns it and its losses."""
    import torch
    from transformers import MistralForCausalLM

    torch.manual_seed(profile.seed)
    model = MistralForCausalLM(tiny_model_config(profile, tokenizer))
    blocks = pretraining_blocks(texts, tokenizer, profile.tiny_block_len)
    losses = pretrain(
        model,
        blocks,
        profile.tiny_pretrain_steps,
        profile.tiny_pretrain_batch,
        profile.tiny_pretrain_lr,
        profile.seed,
    )
    return model, losses


def ensure_base_model(profile: config.Profile, tokenizer=None) -> tuple[str, list[float]]:
    """Where the base model loads from, and its pre-training losses (cpu-tiny's and a rehearsal's
    stand-in are built here once and cached)."""
    import json

    if not profile.builds_base:
        return profile.base_model, []  # a folder, or a Hub id that from_pretrained downloads once
    target = layout.Run.of(profile).base_dir
    log_path = target / "pretrain_losses.json"
    if not is_saved_model(target):
        from helpers import standin

        tokenizer = tokenizer or load_tokenizer(profile)
        texts = pretraining_texts(
            data_source=tiny_data_source(profile),
            instructed=profile.tiny_pretrain_instructed,
            seed=profile.seed,
            tokenizer=tokenizer,
        )
        build = build_tiny_base if profile.base_model == "tiny" else standin.build_base
        model, losses = build(profile, tokenizer, texts)
        model.generation_config.pad_token_id = tokenizer.pad_token_id
        save_atomically(bundle(model, tokenizer, {"pretrain_losses.json": json.dumps(losses)}), target)
    return str(target), json.loads(log_path.read_text()) if log_path.exists() else []


class _Bundle:
    """Model, tokenizer and extra files saved together, so one atomic rename publishes all of them."""

    def __init__(self, model, tokenizer, files: dict[str, str] | None = None):
        self.model, self.tokenizer, self.files = model, tokenizer, files or {}

    def save_pretrained(self, path: str | Path) -> None:
        """Write everything into `path`."""
        self.model.save_pretrained(path)
        self.tokenizer.save_pretrained(path)
        for name, text in self.files.items():
            (Path(path) / name).write_text(text, encoding="utf-8")


def bundle(model, tokenizer, files: dict[str, str] | None = None) -> _Bundle:
    """Pair a model with its tokenizer (and extra text files) for `save_atomically`."""
    return _Bundle(model, tokenizer, files)


def load_model(
    source: str | Path,
    quantize: bool,
    capability: tuple[int, int] | None = None,
    experts_4bit: bool = False,
):
    """A causal LM from a folder or Hub id: 4-bit NF4 through bitsandbytes, or in the compute dtype.

    With `experts_4bit`, a MoE (Mixtral's fused 3-D experts) loads with its experts in NF4
    (`moe_4bit.load_moe_4bit_experts`); a dense model loads as without it.
    """
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    _quiet_bitsandbytes()
    if experts_4bit and getattr(AutoConfig.from_pretrained(source), "num_local_experts", 0):
        from helpers.moe_4bit import load_moe_4bit_experts

        return load_moe_4bit_experts(source, quantize, capability)
    kwargs: dict = {
        "device_map": device_map(capability),
        "dtype": getattr(torch, compute_dtype_name(capability)),
    }
    if quantize:
        kwargs["quantization_config"] = quantization_config(capability)
    model = AutoModelForCausalLM.from_pretrained(source, **kwargs)
    if quantize:
        keep_4bit_layout(model)
    model.eval()
    return model


def free_memory(enabled: bool = True) -> dict[str, float]:
    """After `del model`: collect garbage and hand CUDA's cached blocks back, so the next model
    loads into the freed memory (profile.one_model_at_a_time; `enabled=False` does nothing).
    Returns the GPU memory still allocated (GiB, GPU 0) when there is CUDA."""
    import gc

    import torch

    if enabled:
        gc.collect()
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
    return {"gpu_allocated_gb": torch.cuda.memory_allocated(0) / 2**30} if torch.cuda.is_available() else {}


def keep_4bit_layout(model) -> int:
    """Stop bitsandbytes repacking 4-bit weights for CPU inference; returns the layers touched.

    On CPUs with AVX512-BF16, a Linear4bit in eval mode repacks its weight in place into a layout
    whose kernel has no backward pass. After one evaluation, training would then silently drop
    the gradient through every frozen layer (torch warns "an autograd kernel was not registered").
    Keeping the standard layout also makes results the same on CPUs with and without AVX512-BF16.
    """
    layers = [m for m in model.modules() if hasattr(m, "support_avx512bf16_for_cpu")]
    for layer in layers:
        layer.support_avx512bf16_for_cpu = False
    return len(layers)


def parameter_count(model) -> int:
    """Number of parameters, a 4-bit weight counted by its original shape (not its packed bytes)."""
    import math

    total = 0
    for param in model.parameters():
        state = getattr(param, "quant_state", None)  # bitsandbytes Params4bit keep the shape here
        total += math.prod(state.shape) if state is not None else param.numel()
    for module in model.modules():  # parametrized 4-bit parameters (experts): the packed bytes
        for p in getattr(module, "parametrizations", {}).values():
            state = getattr(p[0], "quant_state", None)
            if state is not None:
                total += math.prod(state.shape) - p.original.numel()
    return total


# A large model's folder names what it was built from in one of these files (expert: finetune, merge:
# merge.RECIPE_FILE, MoE: moe.RECIPE_FILE); helpers.rebuild rebuilds the folder from it.
EXPERT_RECIPE_FILE = "expert_recipe.json"
BUILD_RECIPE_FILES = (EXPERT_RECIPE_FILE, "merge_recipe.json", "moe_recipe.json")


def recipe_fingerprint(recipe: dict) -> str:
    """The identity of a model built from `recipe` (its canonical JSON's digest)."""
    import hashlib
    import json

    return "recipe-" + hashlib.sha1(json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:12]


def model_fingerprint(source: str | Path) -> str:
    """A cheap identity of a model: a Hub id as is; a folder built from a recipe (BUILD_RECIPE_FILES)
    by that recipe, so a rebuilt folder keeps its identity; any other by its weight files' sizes
    and sampled bytes (a copy keeps it)."""
    import hashlib
    import json

    path = Path(source)
    if not path.is_dir():
        return str(source)
    for name in BUILD_RECIPE_FILES:
        if (path / name).is_file() and is_saved_model(path):
            return recipe_fingerprint(json.loads((path / name).read_text(encoding="utf-8")))
    sha = hashlib.sha1()
    for weights in sorted(path.glob("*.safetensors")):
        # content, not times: a copied folder (a run on Google Drive) keeps its identity. Each file
        # by its size and first and last MiB (header and tensors), cheap for multi-GB shards.
        size = weights.stat().st_size
        with weights.open("rb") as handle:
            head = handle.read(1 << 20)
            handle.seek(max(0, size - (1 << 20)))
            sha.update(f"{weights.name}:{size}|".encode() + head + handle.read())
    return sha.hexdigest()[:12]
