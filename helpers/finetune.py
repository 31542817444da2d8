"""QLoRA fine-tuning of one expert per language with trl's SFTTrainer, resumable from checkpoints.

The base model is loaded in 4-bit NF4 through bitsandbytes (on a CPU too), LoRA adapters train on
top of it, the loss counts only the program (trl's prompt-completion format), examples are packed
into rows of `max_seq_len` tokens, and a checkpoint every `checkpoint_steps` lets an interrupted
run resume. Afterwards the adapter is merged into a full-precision copy of the base: the expert.
"""

from __future__ import annotations

import functools
import json
import warnings
from pathlib import Path

from helpers import checkpoints, config
from helpers.modeling import (
    bundle,
    compute_dtype_name,
    load_model,
    save_atomically,
    training_program,
    use_gradient_checkpointing,
)


def sft_examples(records: list[dict], language: str, tokenizer) -> list[dict[str, str]]:
    """Prompt-completion pairs: the instruction in the chat template, then ' <program>'."""
    from helpers import prompts

    language = config.get_language(language).name
    # trl tokenizes the prompt with the tokenizer's own special tokens; a tokenizer that adds
    # `<s>` itself would otherwise see it twice (generation tokenizes without adding it).
    adds_bos = prompts.adds_bos(tokenizer)
    examples = []
    for record in records:
        prompt = prompts.chat_prompt(record["text"], language, tokenizer)
        if adds_bos:
            prompt = prompts.strip_bos(prompt, tokenizer)
        # The template renders an answer as " {code}</s>"; trl appends the end-of-sequence token.
        examples.append({"prompt": prompt, "completion": " " + training_program(record, language).strip()})
    return examples


def sft_dataset(records: list[dict], language: str, tokenizer):
    """A datasets.Dataset of prompt-completion pairs (see sft_examples)."""
    from datasets import Dataset

    if not records:
        raise ValueError(f"No {language} records to fine-tune on; check the data source and split.")
    return Dataset.from_list(sft_examples(records, language, tokenizer))


def lora_config(profile: config.Profile):
    """LoRA on the profile's target modules with its rank, alpha and dropout."""
    from peft import LoraConfig

    return LoraConfig(
        r=profile.lora_r,
        lora_alpha=profile.lora_alpha,
        lora_dropout=profile.lora_dropout,
        target_modules=list(profile.lora_target_modules),
        bias="none",
        task_type="CAUSAL_LM",
    )


def batch_layout(profile: config.Profile, packing: bool) -> tuple[int, int]:
    """(sequences per forward pass, forward passes per optimizer step) with or without packing."""
    # A packed row is already max_seq_len tokens of several examples. Without flash-attention,
    # trl flattens a batch of packed rows into one long row whose attention costs the square of
    # its length, so one row per forward pass and gradient accumulation for the batch.
    if packing:
        return 1, profile.packed_rows_per_step
    return profile.batch_size, 1


def mixed_precision(capability: tuple[int, int] | None) -> dict[str, bool]:
    """Trainer flags: bf16 from Ampere on, fp16 on a T4, neither on a CPU (float32)."""
    # trl defaults bf16 to True, which a CPU run or a T4 must not use.
    dtype = compute_dtype_name(capability)
    return {"bf16": dtype == "bfloat16", "fp16": dtype == "float16"}


def sft_config(
    profile: config.Profile,
    output_dir: str | Path,
    packing: bool | None = None,
    max_steps: int | None = None,
    capability: tuple[int, int] | None = None,
    length_bucketing: bool | None = None,
    evaluate: bool = True,
    checkpoints: bool = True,
):
    """trl SFTConfig from the profile: completion-only loss, packing, eval and checkpoints."""
    from trl import SFTConfig

    packing = profile.packing if packing is None else packing
    # without packing, batch examples of similar length together (length bucketing) by default
    length_bucketing = (not packing) if length_bucketing is None else length_bucketing
    max_steps = max_steps or profile.finetune_steps
    rows, accumulation = batch_layout(profile, packing)
    every = max(1, min(profile.checkpoint_steps, max_steps))
    return SFTConfig(
        output_dir=str(output_dir),
        max_steps=max_steps,
        per_device_train_batch_size=rows,
        per_device_eval_batch_size=rows,
        gradient_accumulation_steps=accumulation,
        learning_rate=profile.lr,
        lr_scheduler_type="cosine",
        warmup_steps=max(1, max_steps // 10),
        max_length=profile.max_seq_len,
        packing=packing,
        packing_strategy="bfd",  # best-fit decreasing: whole examples, none cut in two
        completion_only_loss=True,  # loss on the program only, not on the instruction
        train_sampling_strategy="group_by_length" if length_bucketing else "random",
        include_num_input_tokens_seen="non_padding",  # tokens per second without the padding
        eval_strategy="steps" if evaluate else "no",
        eval_steps=every,
        save_strategy="steps" if checkpoints else "no",
        save_steps=every,
        save_total_limit=2,
        logging_steps=1,
        activation_checkpointing=use_gradient_checkpointing(capability),  # was gradient_checkpointing
        **mixed_precision(capability),
        use_cpu=capability is None,
        seed=profile.seed,
        data_seed=profile.seed,
        report_to="none",
        disable_tqdm=True,
        dataloader_num_workers=0,
    )


def load_qlora_model(
    base_source: str | Path, profile: config.Profile, capability: tuple[int, int] | None = None
):
    """The base model in 4-bit NF4 (profile.load_in_4bit), made ready for k-bit training."""
    from peft import prepare_model_for_kbit_training

    model = load_model(base_source, quantize=profile.load_in_4bit, capability=capability)
    if profile.load_in_4bit:
        model = prepare_model_for_kbit_training(
            model, use_gradient_checkpointing=use_gradient_checkpointing(capability)
        )
    return model


def build_trainer(
    model,
    tokenizer,
    train_dataset,
    eval_dataset,
    profile: config.Profile,
    output_dir: str | Path,
    packing: bool | None = None,
    max_steps: int | None = None,
    capability: tuple[int, int] | None = None,
    callbacks: list | None = None,
    length_bucketing: bool | None = None,
    checkpoints: bool = True,
):
    """An SFTTrainer that adds the profile's LoRA adapters to `model` (a 4-bit base)."""
    from transformers import PrinterCallback
    from trl import SFTTrainer

    args = sft_config(
        profile,
        output_dir,
        packing,
        max_steps,
        capability,
        length_bucketing,
        evaluate=eval_dataset is not None,
        checkpoints=checkpoints,
    )
    with warnings.catch_warnings():  # peft still calls transformers' renamed checkpointing API
        warnings.simplefilter("ignore", FutureWarning)
        trainer = SFTTrainer(
            model=model,
            args=args,
            train_dataset=train_dataset,
            eval_dataset=eval_dataset,
            processing_class=tokenizer,
            peft_config=lora_config(profile),
            callbacks=callbacks,
        )
    trainer.remove_callback(PrinterCallback)  # the loss curve is returned, not printed per step
    trainer.add_callback(identity_callback_class()(resume_identity(trainer, profile)))
    # trl stores adapters of a quantized model in bfloat16; keep them in float32 (peft's default):
    # fp16 mixed precision (T4) refuses half-precision trainable weights, and a CPU gains nothing.
    for param in trainer.model.parameters():
        if param.requires_grad:
            param.data = param.data.float()
    return trainer


@functools.cache
def identity_callback_class() -> type:
    """A TrainerCallback that stores the run's resume identity in each checkpoint it saves."""
    from transformers import TrainerCallback

    class IdentityCallback(TrainerCallback):
        def __init__(self, identity: dict):
            self.identity = identity

        def on_save(self, args, state, control, **kwargs):
            folder = Path(args.output_dir) / f"{checkpoints.PREFIX}{state.global_step}"
            if folder.is_dir():  # the Trainer calls on_save once the folder is written
                checkpoints.write_identity(folder, self.identity)
            return control

    return IdentityCallback


# TrainingArguments fields that change what training computes (not where or how often it logs).
_RESULT_ARGS = (
    "max_steps",
    "learning_rate",
    "lr_scheduler_type",
    "warmup_steps",
    "weight_decay",
    "per_device_train_batch_size",
    "gradient_accumulation_steps",
    "max_length",
    "packing",
    "packing_strategy",
    "completion_only_loss",
    "train_sampling_strategy",
    "seed",
    "data_seed",
    "bf16",
    "fp16",
    "optim",
    "max_grad_norm",
)


def resume_identity(trainer, profile: config.Profile) -> dict:
    """What a checkpoint must match to be resumed: base model, training rows, settings."""
    from helpers.modeling import model_fingerprint

    model = trainer.model.get_base_model() if hasattr(trainer.model, "get_base_model") else trainer.model
    rows = trainer.train_dataset.to_dict()  # the tokenized (packed) rows the Trainer draws from
    lora = lora_config(profile)
    return {
        "base_model": model_fingerprint(model.name_or_path),
        "train_data": checkpoints.digest(rows),
        "settings": checkpoints.digest({name: getattr(trainer.args, name, None) for name in _RESULT_ARGS}),
        "lora": checkpoints.digest(
            [lora.r, lora.lora_alpha, lora.lora_dropout, sorted(lora.target_modules), profile.load_in_4bit]
        ),
    }


def train(trainer) -> dict:
    """Train, resuming from the newest checkpoint that the same inputs wrote.

    A checkpoint that is incomplete or corrupt falls back to the one before it; one written from
    another base model, other data or other settings is set aside and training starts over (both
    with a checkpoints.ResumeWarning naming the file). Seconds and tokens are this session's.
    """
    output_dir = Path(trainer.args.output_dir)
    stores = [c for c in trainer.callback_handler.callbacks if isinstance(c, identity_callback_class())]
    if not stores:
        raise ValueError(
            "train() wants a trainer from finetune.build_trainer (it records what produced each checkpoint)."
        )
    checkpoint, _ = checkpoints.resume_point(output_dir, stores[0].identity)
    tokens_before = 0
    if checkpoint is not None:  # the state the Trainer restores, tokens counted so far included
        saved = json.loads((checkpoint / "trainer_state.json").read_text(encoding="utf-8"))
        tokens_before = int(saved.get("num_input_tokens_seen") or 0)
    result = trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint else None)
    seconds = result.metrics.get("train_runtime") or float("nan")  # this session's wall time
    tokens = trainer.state.num_input_tokens_seen - tokens_before  # real tokens, this session
    return {
        "resumed_from": str(checkpoint) if checkpoint else None,
        "global_step": trainer.state.global_step,
        "train_seconds": seconds,
        "train_loss": result.metrics.get("train_loss"),
        "tokens_seen": tokens,
        "tokens_seen_total": trainer.state.num_input_tokens_seen,
        # nothing trained (resumed from the final checkpoint): no rate to report
        "tokens_per_second": tokens / seconds if tokens and seconds > 0 else float("nan"),
    }


def loss_history(log_history: list[dict]):
    """Training and validation loss per step from a trainer's log history, as a DataFrame."""
    import pandas as pd

    rows = [
        {"step": entry["step"], "split": split, "loss": entry[key]}
        for entry in log_history
        for key, split in (("loss", "train"), ("eval_loss", "validation"))
        if key in entry
    ]
    return pd.DataFrame(rows, columns=["step", "split", "loss"])


def merge_expert(
    base_source: str | Path,
    adapter_dir: str | Path,
    target: str | Path,
    tokenizer,
    capability: tuple[int, int] | None = None,
    files: dict[str, str] | None = None,
) -> Path:
    """Merge the adapter into an unquantised copy of the base; save a plain model folder (with
    `files`, e.g. its recipe, written in the same atomic publish)."""
    from peft import PeftModel

    base = load_model(base_source, quantize=False, capability=capability)
    with warnings.catch_warnings():  # see build_trainer
        warnings.simplefilter("ignore", FutureWarning)
        merged = PeftModel.from_pretrained(base, str(adapter_dir)).merge_and_unload()
    return save_atomically(bundle(merged, tokenizer, files), target)


def token_counts(trainer, max_batches: int | None = None) -> dict[str, int]:
    """Tokens in the training batches, and how many of them are padding, over one pass."""
    total = padding = 0
    for index, batch in enumerate(trainer.get_train_dataloader()):
        if max_batches is not None and index >= max_batches:
            break
        total += batch["input_ids"].numel()
        if "attention_mask" in batch:
            padding += int((batch["attention_mask"] == 0).sum())
        # padding-free (packed) batches carry no attention mask: every position is a real token
    return {"tokens": total, "padding": padding, "real": total - padding}
