"""helpers.compare: metrics.json tables from (system, language)-indexed frames."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import compare


def test_metrics_by_column_nests_system_then_language():
    index = pd.MultiIndex.from_tuples(
        [("base", "python"), ("base", "java"), ("ties", "python")], names=["system", "language"]
    )
    scores = pd.DataFrame({"codebleu_corrected": [0.1, 0.2, 0.3], "other": [1, 2, 3]}, index=index)
    execution = pd.DataFrame({"runs_rate": [0.5, 1.0, 0.0]}, index=index)
    assert compare.metrics_by_column(scores, execution) == {
        "codebleu_corrected": {"base": {"python": 0.1, "java": 0.2}, "ties": {"python": 0.3}},
        "runs_rate": {"base": {"python": 0.5, "java": 1.0}, "ties": {"python": 0.0}},
    }


def test_load_system_gives_moes_4bit_experts_when_the_profile_says(tmp_path, monkeypatch):
    import torch
    from transformers import MixtralConfig, MixtralForCausalLM

    from helpers import config, layout, moe_4bit, router, router_modules

    torch.manual_seed(0)
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path)
    # the MoE in the large models folder, the routers-only trained MoE beside the small artifacts
    monkeypatch.setenv(config.MODELS_DIR_VARIABLE, str(tmp_path / "scratch"))
    run = layout.Run.of("cpu-tiny")
    small = {"hidden_size": 32, "intermediate_size": 64, "num_attention_heads": 4, "num_key_value_heads": 2}
    moe_dir = run.moe_dir("hidden")
    MixtralForCausalLM(MixtralConfig(vocab_size=60, num_hidden_layers=2, **small)).save_pretrained(moe_dir)
    profile = config.get_profile("cpu-tiny", generate_in_4bit=False)
    plain = compare.load_system(moe_dir, profile)
    assert not moe_4bit.is_4bit_parametrized(plain.model.layers[0].mlp.experts, "gate_up_proj")
    four = compare.load_system(moe_dir, profile.replace(moe_experts_4bit=True))
    assert moe_4bit.is_4bit_parametrized(four.model.layers[0].mlp.experts, "gate_up_proj")
    router_modules.install_routers(four, "topk")  # a trained MoE, saved as its routers only
    trained = run.trained_moe_dir("top2")
    router.save_trained_moe(four, None, trained, start_dir=moe_dir)
    assert trained.parent != moe_dir.parent
    again = compare.load_system(trained, profile.replace(moe_experts_4bit=True))
    assert router_modules.routers_of(again)[0].kind == "topk"  # its own router modules back


def test_subset_table_means_each_system_and_subset_over_languages():
    samples = pd.DataFrame(
        {
            "system": ["base"] * 4 + ["moe"],
            "language": ["python", "java", "python", "java", "python"],
            "subset": ["hand-written", "hand-written", "generated", "generated", "generated"],
            "codebleu": [0.2, 0.4, 0.6, 0.8, 1.0],
            "corrected": [0.1, 0.3, 0.5, 0.7, 0.9],
        }
    )
    table = compare.subset_table(samples)
    assert list(table["base"]) == ["hand-written", "generated"]
    assert table["base"]["generated"]["codebleu_published"] == 0.7
    assert table["base"]["hand-written"]["codebleu_corrected"] == 0.2
    assert table["moe"] == {"generated": {"codebleu_published": 1.0, "codebleu_corrected": 0.9, "samples": 1}}


class _NoModel:
    """A model that must not be asked for anything: reuse should make generation unnecessary."""

    def __getattr__(self, name):
        raise AssertionError(f"the model was used ({name}); the earlier predictions should have been reused")

    def __call__(self, *args, **kwargs):
        raise AssertionError("the model was used (called); the earlier predictions should have been reused")


def test_predict_languages_reuses_an_earlier_notebooks_complete_predictions(tmp_path):
    from helpers import generate, prompts
    from helpers.runs import read_jsonl, write_jsonl

    records = {
        "python": [{"text": "add two numbers", "code": "print ( 3 )", "source": "print(3)", "task_id": "t"}]
    }
    settings = generate.GenerationSettings(max_new_tokens=5, batch_size=2)
    prompt = [prompts.prompt_for("add two numbers", "python", None, "paper")]
    rows = generate.prediction_rows(records["python"], prompt, ["print(3)"], "python", "ties:abc", settings)
    write_jsonl(tmp_path / "04" / "ties" / "predictions_python.jsonl", rows)
    out = tmp_path / "07" / "ties"
    reuse = [tmp_path / "05" / "ties", tmp_path / "04" / "ties"]  # the first holds nothing
    got = compare.predict_languages(
        _NoModel(), _NoModel(), records, out, "ties:abc", settings, "paper", reuse
    )
    assert got["python"] == rows and read_jsonl(out / "predictions_python.jsonl") == rows  # copied
    with pytest.raises(AssertionError, match="the model was used"):  # another model's file is not reused
        compare.predict_languages(
            _NoModel(), _NoModel(), records, tmp_path / "x", "ties:other", settings, "paper", reuse
        )
