"""The CPU-only parts of benchmarks/gpu_profile_check.py: steps, plan figures, JSON, the CUDA guard,
the random-model builder and the random MoE checkpoint that the project's loader reads (on the CPU
with tiny shapes; bitsandbytes 4-bit runs on a CPU)."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from helpers import config
from helpers.plan import models, notebooks

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "gpu_profile_check.py"


@pytest.fixture(scope="module")
def check():
    spec = importlib.util.spec_from_file_location("gpu_profile_check", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_steps_name_a_notebook_and_what_they_measure(check):
    names = [s.name for s in check.STEPS]
    assert len(set(names)) == len(names) == 6
    assert all(s.notebook in notebooks.NOTEBOOKS and s.measures for s in check.STEPS)
    assert {s.notebook for s in check.STEPS} >= {"03_qlora_finetune", "05_moe_assembly", "06_router_training"}


@pytest.mark.parametrize("name", ["colab-t4", "paper"])
def test_planned_figures_for_every_step(check, name):
    plan = check.planned(config.get_profile(name))
    assert set(plan) == {s.name for s in check.STEPS}
    limit = {"colab-t4": 15, "paper": 24}[name]
    for figures in plan.values():
        assert 0 < figures["allocated_gb"] < limit
        assert figures["tokens_per_s"] is None or figures["tokens_per_s"] > 0
    # the MoE's weights: attention NF4 with double quantisation, experts plain NF4, the rest 16-bit
    moe = models.moe_breakdown(config.get_profile(name).base_model)
    by_hand = (
        moe.linear * (0.5 + (1 + 4 / 256) / 64)
        + moe.experts * (0.5 + 4 / 64)
        + (moe.embeddings + moe.other) * 2
    )
    assert plan["moe_load_4bit"]["allocated_gb"] == pytest.approx(by_hand / 2**30)


def test_report_json_from_a_given_measurement(check, tmp_path):
    profile = config.get_profile("colab-t4")
    measured = {
        "qlora_train": check.Measurement(peak_gb=4.2, seconds=9.5, tokens_per_s=987.6),
        "adapter_merge": check.Measurement(peak_gb=3.5, seconds=2.0),
    }
    result = json.loads(json.dumps(check.report(profile, measured, "Tesla T4")))
    rows = {row["name"]: row for row in result["steps"]}
    assert result["device"] == "Tesla T4" and list(rows) == [s.name for s in check.STEPS]
    assert rows["qlora_train"]["measured_peak_gb"] == 4.2
    assert rows["qlora_train"]["measured_tokens_per_s"] == 987.6
    assert rows["adapter_merge"]["measured_tokens_per_s"] is None
    assert rows["router_train"]["measured_peak_gb"] is None  # not run
    assert rows["router_train"]["planned_allocated_gb"] > 0
    text = check.table(result)
    assert "qlora_train" in text and "4.20" in text


def test_refuses_without_cuda(check, capsys):
    import torch

    if torch.cuda.is_available():
        pytest.skip("a GPU is visible")
    assert check.main(["--profile", "colab-t4"]) == check.EXIT_NO_CUDA
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "CUDA" in err and "\n" not in err


def _tiny_mixtral():
    from transformers import LlamaConfig

    base = LlamaConfig(
        vocab_size=256,
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=4,
        tie_word_embeddings=True,
    )
    return base, models.mixtral_config(base)


def test_random_model_builds_and_runs_on_cpu(check):
    import torch

    base, _ = _tiny_mixtral()
    model = check.random_model(base, "cpu", linear_4bit=True, dtype=torch.bfloat16)
    assert not any(p.device.type == "meta" for p in model.parameters())
    assert model.lm_head.weight is model.model.embed_tokens.weight  # tied as in SmolLM2
    import bitsandbytes as bnb

    four_bit = sum(isinstance(m, bnb.nn.Linear4bit) for m in model.modules())
    assert four_bit == base.num_hidden_layers * 7  # attention and MLP projections
    with torch.no_grad():
        logits = model(input_ids=torch.tensor([[1, 2, 3, 4]])).logits
    assert logits.shape == (1, 4, 256) and torch.isfinite(logits.float()).all()


def random_moe(check, folder):
    """The tiny MoE's random checkpoint, loaded by the notebooks' loader (4-bit experts, CPU)."""
    import torch

    from helpers.moe_4bit import load_moe_4bit_experts

    _, moe_cfg = _tiny_mixtral()
    check.save_random_model(moe_cfg, folder, torch.bfloat16, shard_gb=1e-4)  # several shards
    return load_moe_4bit_experts(folder, quantize=True, capability=None)


def test_the_moe_step_loads_a_random_checkpoint_with_the_projects_loader(check, tmp_path):
    import torch

    from helpers import modeling
    from helpers.moe_4bit import is_4bit_parametrized

    moe = random_moe(check, tmp_path / "moe")
    assert (
        modeling.is_saved_model(tmp_path / "moe") and len(list((tmp_path / "moe").glob("*.safetensors"))) > 1
    )
    experts = moe.model.layers[0].mlp.experts
    assert is_4bit_parametrized(experts, "gate_up_proj") and is_4bit_parametrized(experts, "down_proj")
    assert is_4bit_parametrized(moe.model.layers[0].self_attn.q_proj, "weight")  # attention NF4 too
    assert torch.equal(moe.model.norm.weight, torch.ones_like(moe.model.norm.weight))  # norms 1
    with torch.no_grad():
        logits = moe(input_ids=torch.tensor([[1, 2, 3, 4]])).logits
    assert logits.shape == (1, 4, 256) and torch.isfinite(logits.float()).all()


def test_qlora_and_router_steps_run_on_cpu(check, tmp_path):
    import torch
    from peft import LoraConfig

    base_cfg, moe_cfg = _tiny_mixtral()
    lora = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "down_proj"], task_type="CAUSAL_LM")
    model, trainable = check.prepare_qlora(check.random_model(base_cfg, "cpu", True, torch.bfloat16), lora)
    assert trainable and all(p.dtype == torch.float32 for p in trainable)
    before = [p.detach().clone() for p in trainable]
    assert (
        check.train_steps(model, trainable, 1, 8, 256, torch.bfloat16, device="cpu") == check.TRAIN_STEPS * 8
    )
    assert any(not torch.equal(a, b) for a, b in zip(before, trainable, strict=True))

    moe = random_moe(check, tmp_path / "moe")
    routers = check.prepare_router_training(moe)
    assert len(routers) == moe_cfg.num_hidden_layers
    assert [p for p in moe.parameters() if p.requires_grad] == routers
    before = routers[0].detach().clone()
    check.train_steps(moe, routers, 2, 8, 256, torch.bfloat16, device="cpu")
    assert not torch.equal(before, routers[0])
    before = routers[0].detach().clone()
    check.train_steps(moe, routers, 2, 8, 256, torch.float16, device="cpu")  # a T4's: on a scaled loss
    assert not torch.equal(before, routers[0])
    moe.eval()
    profile = config.get_profile("colab-t4", gen_batch_size=2, max_new_tokens=3)
    assert check.generate(moe, profile, 256, torch.bfloat16, device="cpu", prompt_tokens=4) == 6
