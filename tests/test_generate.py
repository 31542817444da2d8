"""helpers.generate: batching by length, decoding only new tokens, prediction files."""

from __future__ import annotations

import pytest
import torch

from helpers import answers, config, generate, modeling, runs
from helpers.prompts import prompt_for


class StubModel:
    """Answers every prompt with the same fixed tokens; counts generate() calls."""

    device = torch.device("cpu")

    def __init__(self, answer_ids: list[int]):
        self.answer_ids = answer_ids
        self.calls = 0

    def generate(self, input_ids, attention_mask, **kwargs):
        self.calls += 1
        self.kwargs = kwargs
        answer = torch.tensor([self.answer_ids] * input_ids.shape[0])
        return torch.cat([input_ids, answer], dim=1)


def test_length_batches_sort_longest_first_and_cover_all():
    assert generate.length_batches([3, 9, 1, 7, 5], 2) == [[1, 3], [4, 0], [2]]
    assert generate.length_batches([], 4) == []
    with pytest.raises(ValueError, match="batch_size"):
        generate.length_batches([1], 0)


def test_settings_from_profile_and_as_dict():
    profile = config.get_profile("cpu-tiny")
    settings = generate.GenerationSettings.from_profile(profile, do_sample=True)
    assert settings.max_new_tokens == profile.max_new_tokens
    assert settings.batch_size == profile.gen_batch_size
    assert settings.do_sample and settings.as_dict()["stop_strings"] == list(answers.STOP_STRINGS)


def test_generate_decodes_only_the_new_tokens(tokenizer):
    answer = tokenizer(" return a + b", add_special_tokens=False)["input_ids"]
    model = StubModel(answer + [tokenizer.eos_token_id])
    prompts = ["<s>[INST] Add [/INST]", "<s>[INST] a much longer prompt than the first [/INST]"]
    out = generate.generate(model, tokenizer, prompts, generate.GenerationSettings(batch_size=2))
    assert out == [" return a + b", " return a + b"]  # no prompt text, no character lost
    assert model.calls == 1 and model.kwargs["do_sample"] is False


def test_generate_restores_input_order(tokenizer):
    class EchoLength(StubModel):
        def generate(self, input_ids, attention_mask, **kwargs):
            real = attention_mask.sum(dim=1, keepdim=True)  # prompt length marks the prompt
            return torch.cat([input_ids, 4 + real], dim=1)  # ids 4.. are ordinary tokens

    prompts = ["a", "a b c d e f", "a b c"]
    settings = generate.GenerationSettings(batch_size=2)
    batched = generate.generate(EchoLength([]), tokenizer, prompts, settings)
    single = [generate.generate(EchoLength([]), tokenizer, [p], settings)[0] for p in prompts]
    assert batched == single


def test_left_padding_batched_equals_one_at_a_time(tokenizer):
    """With a real (random) model: left padding and the KV cache change nothing greedy picks."""
    from transformers import MistralForCausalLM

    profile = config.get_profile(
        "cpu-tiny",
        tiny_hidden_size=64,
        tiny_layers=1,
        tiny_intermediate_size=128,
        tiny_heads=2,
        tiny_kv_heads=1,
    )
    torch.manual_seed(0)
    model = MistralForCausalLM(modeling.tiny_model_config(profile, tokenizer)).eval()
    prompts = [
        "<s>[INST] Add [/INST]",
        "<s>[INST] Write a Python program to add [/INST]",
        "<s>[INST] int main [/INST]",
    ]
    settings = generate.GenerationSettings(max_new_tokens=12, stop_strings=())
    batched = generate.generate(model, tokenizer, prompts, settings.replace(batch_size=3))
    single = generate.generate(model, tokenizer, prompts, settings.replace(batch_size=1))
    assert batched == single and all(batched)


def test_sampling_is_reproducible_with_its_seed(tokenizer):
    from transformers import MistralForCausalLM

    profile = config.get_profile(
        "cpu-tiny",
        tiny_hidden_size=64,
        tiny_layers=1,
        tiny_intermediate_size=128,
        tiny_heads=2,
        tiny_kv_heads=1,
    )
    torch.manual_seed(0)
    model = MistralForCausalLM(modeling.tiny_model_config(profile, tokenizer)).eval()
    prompts = ["<s>[INST] Add [/INST]", "<s>[INST] int main [/INST]"]
    settings = generate.GenerationSettings(
        max_new_tokens=16, stop_strings=(), do_sample=True, temperature=1.5, top_p=1.0, batch_size=2
    )
    first = generate.generate(model, tokenizer, prompts, settings.replace(seed=1))
    assert generate.generate(model, tokenizer, prompts, settings.replace(seed=1)) == first
    assert generate.generate(model, tokenizer, prompts, settings.replace(seed=2)) != first


def test_write_predictions_rows_and_rerun_skips(tmp_path, tokenizer):
    records = [
        {"task_id": "t1", "text": "Add", "code": "x = 1", "source": "x = 1\n"},
        {"task_id": "t2", "text": "Sub", "code": "y = 2", "source": "y = 2\n"},
    ]
    prompts = [prompt_for(r["text"], "python", tokenizer) for r in records]
    model = StubModel(tokenizer(" x = 1", add_special_tokens=False)["input_ids"])
    settings = generate.GenerationSettings(batch_size=2, max_new_tokens=8)
    path = tmp_path / "predictions_python.jsonl"
    rows = generate.write_predictions(path, model, tokenizer, records, prompts, "python", "m1", settings)
    assert runs.read_jsonl(path) == rows and model.calls == 1
    assert rows[1]["task_id"] == "t2" and rows[1]["reference"] == "y = 2" and rows[1]["subset"] is None
    fields = {"prompt", "prediction", "raw_prediction", "reference", "language", "model", "settings"}
    assert fields <= set(rows[0])
    assert rows[0]["prediction"] == "x = 1" and rows[0]["settings"]["max_new_tokens"] == 8
    generate.write_predictions(path, model, tokenizer, records, prompts, "python", "m1", settings)
    assert model.calls == 1  # complete: skipped
    generate.write_predictions(path, model, tokenizer, records, prompts, "python", "m2", settings)
    assert model.calls == 2  # another model: generated again
    with pytest.raises(ValueError, match="one prompt per record"):
        generate.write_predictions(path, model, tokenizer, records, prompts[:1], "python", "m", settings)


@pytest.mark.slow
def test_score_predictions_identical_code_scores_one():
    reference = "def f ( x ) : NEW_LINE INDENT return x + 1 NEW_LINE DEDENT print ( f ( 1 ) )"
    from helpers.xlcost_codec import detokenize

    rows = [{"prediction": detokenize(reference, "python"), "reference": reference}]
    scores = generate.score_predictions(rows, "python")
    assert scores["codebleu_corrected"] == pytest.approx(1.0)
    assert 0 <= scores["codebleu_published"] <= 1


@pytest.mark.slow
def test_codebleu_results_keep_each_sample_in_order():
    reference = "def f ( x ) : NEW_LINE INDENT return x + 1 NEW_LINE DEDENT print ( f ( 1 ) )"
    from helpers.xlcost_codec import detokenize

    right = {"prediction": detokenize(reference, "python"), "reference": reference}
    wrong = {"prediction": "while True: pass", "reference": reference}
    results = generate.codebleu_results([wrong, right], "python")
    assert list(results) == ["published", "corrected"]
    corrected = [sample["codebleu"] for sample in results["corrected"].samples]
    assert corrected[1] == pytest.approx(1.0) and corrected[0] < 0.5  # per sample, in the rows' order
    scores = generate.result_scores(results)
    assert scores["codebleu_corrected"] == pytest.approx(sum(corrected) / 2)
    assert scores == generate.score_predictions([wrong, right], "python")


@pytest.mark.slow
def test_score_by_subset_scores_each_subset_apart():
    reference = "def f ( x ) : NEW_LINE INDENT return x + 1 NEW_LINE DEDENT print ( f ( 1 ) )"
    from helpers.xlcost_codec import detokenize

    right = {"prediction": detokenize(reference, "python"), "reference": reference, "subset": "generated"}
    wrong = {"prediction": "while True: pass", "reference": reference, "subset": "hand-written"}
    scores = generate.score_by_subset([right, wrong, {**right, "subset": None}], "python")
    assert list(scores) == ["generated", "hand-written", "all"]
    assert scores["generated"]["codebleu_corrected"] == pytest.approx(1.0)
    assert scores["hand-written"]["codebleu_corrected"] < 0.5


def test_reuse_or_write_predictions_reads_a_complete_file_or_generates(tmp_path, tokenizer):
    records = [{"task_id": "t1", "text": "Add", "code": "x = 1", "source": "x = 1\n"}]
    prompts = [prompt_for(r["text"], "python", tokenizer) for r in records]
    settings = generate.GenerationSettings(batch_size=1, max_new_tokens=8)
    model = StubModel(tokenizer(" x = 1", add_special_tokens=False)["input_ids"])
    loads = []

    def load_model():
        loads.append(1)
        return model

    existing, fallback = tmp_path / "02" / "predictions_python.jsonl", tmp_path / "03" / "base.jsonl"
    path, rows = generate.reuse_or_write_predictions(
        existing, fallback, load_model, tokenizer, records, prompts, "python", "base:1", settings
    )
    assert path == fallback and len(loads) == 1 and rows[0]["prediction"] == "x = 1"
    path, _ = generate.reuse_or_write_predictions(
        existing, fallback, load_model, tokenizer, records, prompts, "python", "base:1", settings
    )
    assert path == fallback and len(loads) == 1  # the fallback is complete: no model loaded
    runs.write_jsonl(existing, rows)
    path, again = generate.reuse_or_write_predictions(
        existing, fallback, load_model, tokenizer, records, prompts, "python", "base:1", settings
    )
    assert path == existing and again == rows and len(loads) == 1


def test_repeats_a_line_counts_complete_lines_but_not_braces_or_blanks():
    loop = 'int main() {\n    print("No");\n    print("No");\n    print("No");\n'
    assert generate.repeats_a_line(loop, 3) and not generate.repeats_a_line(loop, 4)
    assert not generate.repeats_a_line("x = 1\nx = 1\nx = 1", 3)  # the third is still being written
    assert not generate.repeats_a_line("}\n}\n}\n}\n\n\n\n\n", 3)
    with pytest.raises(ValueError, match="at least 2"):
        generate.repeats_a_line("a\n", 1)


def test_repeated_line_stop_decides_per_sequence(tokenizer):
    prompt = tokenizer(["<s>[INST] Add [/INST]"], add_special_tokens=False)["input_ids"][0]
    looping = tokenizer(" f(1)\n f(1)\n", add_special_tokens=False)["input_ids"]
    fine = tokenizer(" f(1)\n f(2)\n", add_special_tokens=False)["input_ids"]
    width = max(len(looping), len(fine))
    pad = [tokenizer.pad_token_id]
    rows = [prompt + looping + pad * (width - len(looping)), prompt + fine + pad * (width - len(fine))]
    stop = generate.RepeatedLineStop(tokenizer, len(prompt), repeats=2)
    assert stop(torch.tensor(rows)).tolist() == [True, False]


def test_generation_passes_the_repeated_line_stop_unless_switched_off(tokenizer):
    model = StubModel(tokenizer(" x = 1", add_special_tokens=False)["input_ids"])
    settings = generate.GenerationSettings(batch_size=1, max_new_tokens=8)
    generate.generate_batch(model, tokenizer, ["<s>[INST] Add [/INST]"], settings)
    (criterion,) = model.kwargs["stopping_criteria"]
    assert isinstance(criterion, generate.RepeatedLineStop) and criterion.repeats == 4
    generate.generate_batch(
        model, tokenizer, ["<s>[INST] Add [/INST]"], settings.replace(stop_repeated_lines=0)
    )
    assert model.kwargs["stopping_criteria"] is None
