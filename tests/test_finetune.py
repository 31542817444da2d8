"""helpers.finetune: prompt-completion data, trainer settings, resuming, merging, padding counts."""

from __future__ import annotations

import json
import re

import pytest
import torch

from helpers import checkpoints, config, finetune, modeling, prompts, xlcost_codec


@pytest.fixture(scope="module")
def records(micro_records):
    return micro_records


def test_sft_examples_are_prompt_completion_pairs(records, tokenizer):
    examples = finetune.sft_examples(records[:2], "python", tokenizer)
    assert examples[0]["prompt"] == prompts.chat_prompt(records[0]["text"], "python", tokenizer)
    assert examples[0]["completion"] == " " + xlcost_codec.detokenize(records[0]["code"], "python").strip()
    assert "#" not in examples[0]["completion"]  # xlcost's code has no comments


def test_sft_examples_do_not_double_a_bos_the_tokenizer_adds(records, tokenizer):
    class AddsBos:
        bos_token, bos_token_id = "<s>", 1

        def __call__(self, text):
            return {"input_ids": [1, 7]}

        def apply_chat_template(self, messages, **kwargs):
            return f"<s>[INST] {messages[0]['content']} [/INST]"

    prompt = finetune.sft_examples(records[:1], "python", AddsBos())[0]["prompt"]
    assert prompt.startswith("[INST] Write a Python program")


def test_sft_dataset_rejects_no_records(tokenizer):
    with pytest.raises(ValueError, match="No python records"):
        finetune.sft_dataset([], "python", tokenizer)


def test_lora_config_and_batch_layout_follow_profile():
    profile = config.get_profile("paper")
    lora = finetune.lora_config(profile)
    assert (lora.r, lora.lora_alpha, lora.lora_dropout) == (16, 32, 0.1)
    assert set(lora.target_modules) == set(profile.lora_target_modules)
    assert finetune.batch_layout(profile, packing=True) == (1, profile.packed_rows_per_step)
    assert finetune.batch_layout(profile, packing=False) == (profile.batch_size, 1)


@pytest.mark.parametrize(
    "capability,bf16,fp16",
    [(None, False, False), ((7, 5), False, True), ((8, 0), True, False), ((9, 0), True, False)],
)
def test_mixed_precision_decision(capability, bf16, fp16):
    assert finetune.mixed_precision(capability) == {"bf16": bf16, "fp16": fp16}


def test_sft_config_on_cpu_is_float32_without_checkpointing(tmp_path, micro_profile):
    args = finetune.sft_config(micro_profile(), tmp_path, capability=None)
    assert (args.bf16, args.fp16, args.activation_checkpointing, args.use_cpu) == (False, False, False, True)


def test_sft_config_loss_packing_and_checkpoints(tmp_path, micro_profile):
    args = finetune.sft_config(micro_profile(), tmp_path)
    assert args.completion_only_loss and args.packing and args.packing_strategy == "bfd"
    assert (args.max_steps, args.save_steps, args.eval_steps) == (4, 2, 2)
    assert args.train_sampling_strategy == "random"
    unpacked = finetune.sft_config(micro_profile(), tmp_path, packing=False)
    assert not unpacked.packing and unpacked.train_sampling_strategy == "group_by_length"


def test_loss_history_rows():
    log = [
        {"step": 1, "loss": 2.0},
        {"step": 2, "loss": 1.5},
        {"step": 2, "eval_loss": 1.8},
        {"step": 2, "train_runtime": 3.0},
    ]
    history = finetune.loss_history(log)
    assert history.values.tolist() == [[1, "train", 2.0], [2, "train", 1.5], [2, "validation", 1.8]]


class StopAt:
    """A callback that interrupts training after a given step (like a Ctrl-C or a lost VM)."""

    def __init__(self, step: int):
        from transformers import TrainerCallback

        stop_step = step

        class _Stop(TrainerCallback):
            def on_step_end(self, args, state, control, **kwargs):
                if state.global_step >= stop_step:
                    control.should_training_stop = True
                    control.should_save = True
                return control

        self.callback = _Stop()


def make_trainer(profile, micro_dir, tokenizer, records, out, callbacks=None, packing=None):
    dataset = finetune.sft_dataset(records, "python", tokenizer)
    model = finetune.load_qlora_model(micro_dir, profile)
    return finetune.build_trainer(
        model, tokenizer, dataset, dataset, profile, out, packing=packing, callbacks=callbacks
    )


@pytest.mark.slow
def test_interrupted_training_resumes_from_last_checkpoint(
    tmp_path, micro_dir, tokenizer, records, micro_profile
):
    out = tmp_path / "checkpoints"
    first = make_trainer(micro_profile(), micro_dir, tokenizer, records, out, callbacks=[StopAt(2).callback])
    info = finetune.train(first)
    assert info["global_step"] == 2 and info["resumed_from"] is None
    assert checkpoints.last_checkpoint(out) == out / "checkpoint-2"

    # a fresh process would do this:
    second = make_trainer(micro_profile(), micro_dir, tokenizer, records, out)
    info = finetune.train(second)
    assert info["resumed_from"] == str(out / "checkpoint-2") and info["global_step"] == 4
    steps = [e["step"] for e in second.state.log_history if "loss" in e]
    assert steps == [1, 2, 3, 4]  # the history of the first run was restored, then continued
    state = json.loads((out / "checkpoint-4" / "trainer_state.json").read_text())
    assert state["global_step"] == 4


@pytest.mark.slow
def test_a_checkpoint_from_other_data_is_not_resumed(tmp_path, micro_dir, tokenizer, records, micro_profile):
    out = tmp_path / "checkpoints"
    finetune.train(
        make_trainer(micro_profile(), micro_dir, tokenizer, records, out, callbacks=[StopAt(2).callback])
    )
    with pytest.warns(checkpoints.ResumeWarning, match="changed: train_data.*starting over"):
        info = finetune.train(make_trainer(micro_profile(), micro_dir, tokenizer, records[:3], out))
    assert info["resumed_from"] is None and info["global_step"] == 4
    assert [p.name for p in checkpoints.list_checkpoints(out)] == ["checkpoint-4", "checkpoint-2"]
    assert (
        checkpoints.identity_of(out / "checkpoint-4")["train_data"]
        != checkpoints.identity_of(tmp_path / "checkpoints" / "set-aside" / "checkpoint-2.other-inputs")[
            "train_data"
        ]
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", ["optimizer.pt", "scheduler.pt"])
def test_a_damaged_newest_checkpoint_falls_back_and_counts_this_session(
    tmp_path, micro_dir, tokenizer, records, name, micro_profile
):
    out = tmp_path / "checkpoints"
    # checkpoints 2 and 4
    whole = finetune.train(make_trainer(micro_profile(), micro_dir, tokenizer, records, out))
    bad = out / "checkpoint-4" / name
    if name == "optimizer.pt":
        bad.write_bytes(bad.read_bytes()[:100])  # a disk that filled up mid-write
    else:
        bad.unlink()
    with pytest.warns(checkpoints.ResumeWarning, match=re.escape(str(bad))):
        info = finetune.train(make_trainer(micro_profile(), micro_dir, tokenizer, records, out))
    assert info["resumed_from"] == str(out / "checkpoint-2") and info["global_step"] == 4
    # tokens and seconds are this session's (steps 3 and 4), not the restored total
    assert 0 < info["tokens_seen"] < info["tokens_seen_total"] == whole["tokens_seen"]
    assert info["tokens_per_second"] == pytest.approx(info["tokens_seen"] / info["train_seconds"])


@pytest.mark.slow
def test_training_changes_adapters_and_merge_matches(tmp_path, micro_dir, tokenizer, records, micro_profile):
    from transformers import MistralForCausalLM

    trainer = make_trainer(micro_profile(), micro_dir, tokenizer, records, tmp_path / "checkpoints")
    before = trainer.evaluate()["eval_loss"]
    finetune.train(trainer)
    assert trainer.evaluate()["eval_loss"] < before
    lora_b = [p for n, p in trainer.model.named_parameters() if "lora_B" in n]
    assert lora_b and all(p.dtype == torch.float32 for p in lora_b)
    assert any(p.abs().sum() > 0 for p in lora_b)  # B starts at zero; training moved it

    adapter_dir = modeling.save_atomically(modeling.bundle(trainer.model, tokenizer), tmp_path / "adapter")
    expert = finetune.merge_expert(micro_dir, adapter_dir, tmp_path / "expert", tokenizer)
    merged = MistralForCausalLM.from_pretrained(expert)  # a plain model: no peft needed
    assert type(merged.model.layers[0].self_attn.q_proj).__name__ == "Linear"
    assert (expert / "tokenizer.json").exists()

    from peft import PeftModel

    unmerged = PeftModel.from_pretrained(modeling.load_model(micro_dir, quantize=False), adapter_dir)
    ids = torch.tensor([[tokenizer.bos_token_id, 10, 20, 30]])
    with torch.no_grad():
        assert torch.allclose(merged(ids).logits, unmerged(ids).logits, atol=1e-4)


@pytest.mark.slow
def test_token_counts_packing_removes_padding(tmp_path, micro_dir, tokenizer, records, micro_profile):
    packed = make_trainer(micro_profile(), micro_dir, tokenizer, records, tmp_path / "a", packing=True)
    padded = make_trainer(micro_profile(), micro_dir, tokenizer, records, tmp_path / "b", packing=False)
    packed_counts, padded_counts = finetune.token_counts(packed), finetune.token_counts(padded)
    assert packed_counts["padding"] == 0 and padded_counts["padding"] > 0
    assert packed_counts["real"] == padded_counts["real"]  # the same tokens, fewer wasted
