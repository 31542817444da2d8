"""The memory and time plan: parameter counts, hand-computed bytes, the JSON schema and the CLI."""

import json
import subprocess
import sys

import pytest

from helpers import config
from helpers.plan import __main__ as cli
from helpers.plan import assumptions as A
from helpers.plan import formulas as F
from helpers.plan import models, notebooks

SMOL = "HuggingFaceTB/SmolLM2-1.7B-Instruct"
MISTRAL = "mistralai/Mistral-7B-Instruct-v0.2"
# proposed colab-t4 sizes (with the fixes) for a workbook of at most 4 hours
COLAB_PROPOSAL = {
    "max_eval_samples": 50,
    "gen_batch_size": 32,
    "finetune_steps": 200,
    "checkpoint_steps": 50,
    "router_steps": 100,
    "router_batch_size": 4,
    "exec_subsample": 25,
}


@pytest.fixture(scope="module")
def mistral_cfg():
    return models.load_base_config(MISTRAL)


@pytest.fixture(scope="module")
def smol_cfg():
    return models.load_base_config(SMOL)


def test_shipped_configs_load_as_their_classes(smol_cfg, mistral_cfg):
    assert type(smol_cfg).__name__ == "LlamaConfig" and smol_cfg.tie_word_embeddings
    assert (
        smol_cfg.num_hidden_layers,
        smol_cfg.hidden_size,
        smol_cfg.num_key_value_heads,
        smol_cfg.vocab_size,
        smol_cfg.rope_parameters["rope_theta"],
    ) == (24, 2048, 32, 49152, 130000)
    assert type(mistral_cfg).__name__ == "MistralConfig" and not mistral_cfg.tie_word_embeddings
    assert (
        mistral_cfg.intermediate_size,
        mistral_cfg.num_key_value_heads,
        mistral_cfg.vocab_size,
        mistral_cfg.sliding_window,
    ) == (14336, 8, 32000, None)


def test_unknown_base_model_is_a_clear_error():
    with pytest.raises(ValueError, match="No shipped config"):
        models.base_config_path("someone/other-model")


def test_mistral_parameters_by_hand():
    layer = 2 * 4096 * 4096 + 2 * 4096 * 1024 + 3 * 4096 * 14336 + 2 * 4096  # attn, MLP, norms
    expected = 32 * layer + 2 * 32000 * 4096 + 4096  # untied embedding and lm_head, final norm
    counts = models.base_breakdown(MISTRAL)
    assert counts.total == expected == 7_241_732_096
    assert counts.active == counts.total and counts.experts == 0
    assert abs(counts.total / 7.24e9 - 1) < 0.005


def test_mistral_moe_parameters_by_hand():
    experts = 32 * 4 * 3 * 4096 * 14336
    layer_rest = 2 * 4096 * 4096 + 2 * 4096 * 1024 + 4 * 4096 + 2 * 4096  # attn, router, norms
    expected = experts + 32 * layer_rest + 2 * 32000 * 4096 + 4096
    counts = models.moe_breakdown(MISTRAL)
    assert counts.experts == experts == 22_548_578_304
    assert counts.total == expected == 24_153_690_112
    assert abs(counts.total / 24.15e9 - 1) < 0.02
    assert counts.active == counts.total - experts // 2  # top-2 of 4: half the experts idle


def test_smollm2_moe_stays_tied_as_mergekit_writes_it(smol_cfg):
    moe_cfg = models.mixtral_config(smol_cfg)
    assert type(moe_cfg).__name__ == "MixtralConfig" and moe_cfg.tie_word_embeddings
    assert (moe_cfg.num_local_experts, moe_cfg.num_experts_per_tok, moe_cfg.sliding_window) == (4, 2, None)
    counts = models.moe_breakdown(SMOL)
    experts = 24 * 4 * 3 * 2048 * 8192
    expected = experts + 24 * (4 * 2048 * 2048 + 4 * 2048 + 2 * 2048) + 49152 * 2048 + 2048
    assert counts.total == expected
    assert abs(counts.total / 5.34e9 - 1) < 0.02
    assert counts.embeddings == 49152 * 2048  # counted once


def test_lora_parameters_by_hand(smol_cfg):
    targets = config.get_profile("colab-t4").lora_target_modules
    per_layer = 16 * (4 * (2048 + 2048) + 3 * (2048 + 8192))
    assert models.lora_parameters(smol_cfg, 16, targets) == 24 * per_layer == 18_087_936


def test_nf4_bytes_of_a_known_tensor_count():
    counts = models.ParameterBreakdown(
        total=10**6, linear=10**6, experts=0, embeddings=0, other=0, active=10**6
    )
    # 4 bits + one 8-bit absmax per 64 weights + one fp32 scale per 256 absmaxes
    assert F.weight_bytes(counts, linear_4bit=True) == pytest.approx(10**6 * (0.5 + (1 + 4 / 256) / 64))
    assert F.weight_bytes(counts, linear_4bit=False) == 2 * 10**6
    assert A.NF4_BYTES_PER_PARAM == pytest.approx(0.515869140625)


def test_activation_bytes_by_hand(smol_cfg):
    per_layer = F.activation_elements_dense(smol_cfg)
    assert per_layer == 2 * 2048 + 3 * 2048 + 3 * 2048 + 2 * 2048 + 4 * 8192 == 53_248
    assert F.activation_bytes(smol_cfg, 1024, per_layer, checkpointing=False) == 24 * 1024 * 53_248 * 2
    assert (
        F.activation_bytes(smol_cfg, 1024, per_layer, checkpointing=True)
        == (24 * 1024 * 2048 + 1024 * 53_248) * 2
        == 209_715_200
    )


def test_kv_cache_bytes_by_hand(mistral_cfg):
    assert F.kv_cache_bytes(mistral_cfg, 8, 1000) == 2 * 32 * 8 * 128 * 2 * 8 * 1000


def test_gpu_gb_adds_allocator_slack_and_context():
    assert F.gpu_gb(0) == 0
    assert F.gpu_gb(A.GIB) == pytest.approx(1 + A.ALLOCATOR_OVERHEAD + A.CUDA_CONTEXT_GB)


def test_options_read_the_profiles_memory_fields():
    profile = config.get_profile("colab-t4")
    read = notebooks.PlanOptions.from_profile(profile)
    assert read.moe_experts_4bit and read.router_grad_checkpointing and read.one_model_at_a_time
    assert read.router_micro_batch_size == profile.router_micro_batch_size == 2
    assert read.router_on_gpu  # notebook 06 trains on the device modeling.device_map picks
    assert read.trained_moe_router_only  # 4-bit experts: router.save_trained_moe keeps the routers
    assert read.moe_prompt_records == profile.moe_prompt_records == 64  # the profile bounds them
    assert read.reuse_predictions  # 07 reads 02-05's answers (layout.earlier_predictions_dirs)
    assert read.speed_prompts == 16 and read.explore_exec_limit == 25  # bounded timing and 01 runs
    full = notebooks.PlanOptions.from_profile(config.get_profile("colab-t4", moe_experts_4bit=False))
    assert not full.moe_experts_4bit and not full.trained_moe_router_only
    fixed = notebooks.PlanOptions.with_fixes(profile)
    assert fixed.moe_experts_4bit and fixed.router_grad_checkpointing and fixed.moe_prompt_records == 64


@pytest.fixture(scope="module")
def plans():
    out = {}
    for name in ("colab-t4", "paper"):
        profile = config.get_profile(name)
        out[name, "written"] = notebooks.plan(profile)
        # the code before issue #10's memory options: 16-bit experts, routers on the CPU in float32
        before = notebooks.PlanOptions(moe_prompt_records=profile.moe_prompt_records, reuse_predictions=False)
        out[name, "before"] = notebooks.plan(profile, before)
        out[name, "fixed"] = notebooks.plan(profile, notebooks.PlanOptions.with_fixes(profile))
    proposal = config.get_profile("colab-t4", **COLAB_PROPOSAL)
    out["colab-t4", "proposal"] = notebooks.plan(proposal, notebooks.PlanOptions.with_fixes(proposal))
    return out


def test_plan_json_schema(plans):
    result = json.loads(json.dumps(plans["colab-t4", "written"]))
    assert list(result["notebooks"]) == list(notebooks.NOTEBOOKS)
    for row in result["notebooks"].values():
        for key in ("peak_gpu_gb", "host_ram_gb", "disk_gb", "hours"):
            assert isinstance(row[key], float | int) and row[key] >= 0
        assert isinstance(row["fits"], bool) and row["heaviest_step"]
    assert result["total_hours"] == pytest.approx(
        sum(r["hours"] for r in result["notebooks"].values()), abs=0.01
    )
    assert set(result["parameters"]) >= {"base", "moe_total", "moe_active"}
    assert result["parameters"]["moe_active"] < result["parameters"]["moe_total"]


def test_without_the_memory_options_the_moe_notebooks_do_not_fit(plans):
    for name in ("colab-t4", "paper"):
        rows = plans[name, "before"]["notebooks"]
        assert not rows["06_router_training"]["fits"]  # float32 MoE on the CPU
        assert rows["06_router_training"]["peak_gpu_gb"] == 0
    paper = plans["paper", "before"]["notebooks"]
    assert not paper["05_moe_assembly"]["fits"] and not paper["07_evaluate"]["fits"]  # 16-bit experts
    # with the profile's bounded routing prompts, the hidden gate's one batch fits a T4
    assert plans["colab-t4", "before"]["notebooks"]["05_moe_assembly"]["fits"]
    unbounded = notebooks.plan(config.get_profile("colab-t4", moe_prompt_records=None))
    assert not unbounded["notebooks"]["05_moe_assembly"]["fits"]


def test_as_written_every_notebook_fits_the_profiles_memory(plans):
    for row in plans["paper", "written"]["notebooks"].values():
        assert row["fits"] and row["peak_gpu_gb"] <= 24
    for row in plans["colab-t4", "written"]["notebooks"].values():
        assert row["fits"] and row["peak_gpu_gb"] <= 15 and row["host_ram_gb"] <= 12
    # 4-bit experts: 07's MoE generation needs less than half the GPU memory of 16-bit experts
    paper, before = plans["paper", "written"]["notebooks"], plans["paper", "before"]["notebooks"]
    assert paper["07_evaluate"]["peak_gpu_gb"] < 0.5 * before["07_evaluate"]["peak_gpu_gb"]


def test_with_the_fixes_every_notebook_fits(plans):
    for name in ("colab-t4", "paper"):
        assert plans[name, "fixed"]["fits_all"], plans[name, "fixed"]["notebooks"]
    for row in plans["paper", "fixed"]["notebooks"].values():
        assert row["peak_gpu_gb"] <= 24


def test_proposed_colab_sizes_fit_in_four_hours(plans):
    proposal = plans["colab-t4", "proposal"]
    assert proposal["fits_all"] and proposal["total_hours"] <= 4.0
    for row in proposal["notebooks"].values():
        assert row["peak_gpu_gb"] <= 15 and row["host_ram_gb"] <= 12


def test_cli_json_parses(capsys):
    assert cli.main(["--profile", "paper", "--json", "--fixes"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["profile"] == "paper" and result["fits_all"]


def test_cli_table_and_overrides(capsys):
    assert (
        cli.main(
            [
                "--profile",
                "colab-t4",
                "--fixes",
                "--set",
                "router_steps=10",
                "--set",
                "reuse_predictions=True",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "06_router_training" in text and "parameters: base 1.71 B, MoE 5.34 B" in text


@pytest.mark.parametrize(
    "argv",
    [["--profile", "nope"], ["--profile", "cpu-tiny"], ["--profile", "paper", "--set", "no_such_field=1"]],
)
def test_cli_bad_input_is_one_line_exit_2(argv, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "\n" not in err


def test_module_entry_point_exit_code():
    done = subprocess.run(
        [sys.executable, "-m", "helpers.plan", "--profile", "nope"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and done.stderr.strip().startswith("error: Unknown profile")


def test_title_cells_show_the_plan_as_it_stands():
    """`python -m helpers.plan --update-notebooks` wrote them; rerun it when the plan changes."""
    from helpers.plan import titles

    for path in sorted((config.REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        title = "".join(json.loads(path.read_text())["cells"][0]["source"])
        assert titles.planned_line(path.stem) in title.splitlines(), path.name


def test_planned_line_replaces_the_old_one():
    from helpers.plan import titles

    once = titles.with_planned_line("# 02 · Title\n\nSome text.\n", "02_base_model")
    assert once.startswith("# 02 · Title\n\nSome text.\n\nPlanned on the GPU profiles (estimates")
    assert titles.with_planned_line(once.replace("GB GPU", "TB GPU"), "02_base_model") == once
    assert "`colab-t4` " in once and "`paper` " in once and once.count("\n") == 4
    with pytest.raises(ValueError, match="The plan has no notebook '09_x'; it plans 01_explore_dataset"):
        titles.planned_line("09_x")


def test_disk_follows_keep_large_models(plans):
    profile = config.get_profile("colab-t4")
    ctx = notebooks.context(profile)
    size, moe = ctx.gb16(ctx.base), ctx.gb16(ctx.moe)  # a 16-bit expert or merge, a 16-bit MoE
    dropping = plans["colab-t4", "written"]  # keep_large_models False: deleted after use
    rows = dropping["notebooks"]
    before_04 = sum(rows[name]["kept_gb"] for name in notebooks.NOTEBOOKS[:3])
    assert rows["03_qlora_finetune"]["kept_gb"] < size  # adapters and their checkpoints, no expert
    assert rows["04_merge_ties_slerp"]["disk_gb"] == pytest.approx(before_04 + 8 * size, abs=0.01)
    assert rows["04_merge_ties_slerp"]["kept_gb"] == 0
    assert rows["05_moe_assembly"]["disk_gb"] == pytest.approx(before_04 + 4 * size + 3 * moe, abs=0.02)
    # what persists between notebooks fits Kaggle's 20 GB working folder; the peak fits the local disk
    assert dropping["total_disk_gb"] <= 20
    assert dropping["peak_disk_gb"] <= A.HARDWARE["colab-t4"].disk_gb
    keeping = notebooks.plan(profile.replace(keep_large_models=True))
    kept = keeping["notebooks"]
    assert kept["05_moe_assembly"]["disk_gb"] - kept["04_merge_ties_slerp"]["disk_gb"] == pytest.approx(
        3 * moe, abs=0.01
    )
    assert keeping["peak_disk_gb"] == keeping["total_disk_gb"] > 50  # everything stays: ~61 GB
    assert keeping["total_hours"] < dropping["total_hours"]  # rebuilding costs time
