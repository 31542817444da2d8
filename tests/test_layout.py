"""helpers.layout: every stage, model folder, prediction file and system name from one place."""

from __future__ import annotations

import pytest

from helpers import config, layout


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path)
    monkeypatch.delenv(config.MODELS_DIR_VARIABLE, raising=False)  # large models beside the rest
    return layout.Run.of(config.get_profile("cpu-tiny"))


def test_stage_dirs_are_created_under_the_profile(run, tmp_path):
    assert run.stage_dir(layout.EXPLORE) == tmp_path / "cpu-tiny" / "01_explore_dataset"
    assert (tmp_path / "cpu-tiny" / "01_explore_dataset").is_dir()
    assert run.stage_dir(layout.FINETUNE, "C++").name == "03_qlora_finetune-cpp"
    assert not run.stage_dir(layout.MOE, create=False).exists()
    with pytest.raises(ValueError, match="Unknown stage"):
        layout.stage_name("nope")


def test_model_folders(run, tmp_path):
    models = tmp_path / "cpu-tiny" / "models"
    assert run.base_dir == models / "base" and run.tokenizer_dir == models / "tokenizer"
    assert run.expert_dir("Java") == models / "experts" / "java"
    assert run.adapter_dir("js") == models / "adapters" / "javascript"
    assert run.moe_dir("hidden") == models / "moe-hidden"
    assert run.trained_moe_dir("top2") == models / "moe-trained-top2"
    assert run.system_dir(layout.expert_system("python")) == run.expert_dir("python")
    with pytest.raises(ValueError, match="gate_mode"):
        run.moe_dir("learned")
    with pytest.raises(ValueError, match="rust"):
        run.expert_dir("rust")
    with pytest.raises(ValueError, match="no model"):
        run.system_dir(layout.ORACLE)


def test_system_names():
    assert layout.expert_system("C++") == "expert-cpp" and layout.is_expert("expert-cpp")
    assert not layout.is_expert(layout.ORACLE)
    assert layout.slerp_pair_system("python", "Java") == "slerp-python-java"
    assert layout.trained_moe_system("top2") == "moe-trained-top2"
    assert layout.is_trained_moe("moe-trained-top2") and not layout.is_trained_moe("moe-hidden")


def test_predictions_of_notebooks_02_and_03(run):
    from helpers.runs import write_jsonl

    assert run.base_and_expert_predictions() == {}
    write_jsonl(layout.predictions_file(run.stage_dir(layout.BASE), "java"), [{"prediction": "x"}])
    write_jsonl(run.own_predictions_file("expert", "python"), [{"prediction": "y"}])
    found = run.base_and_expert_predictions()
    assert found == {"base": {"java": [{"prediction": "x"}]}, "expert": {"python": [{"prediction": "y"}]}}
    with pytest.raises(ValueError, match="02/03"):
        run.own_predictions_file("ties", "python")


def test_system_dirs_lists_what_was_saved(run):
    from helpers.runs import atomic_write_text

    profile = config.get_profile("cpu-tiny")
    assert run.system_dirs(profile) == {} and run.expert_dirs() == {}
    for folder in (
        run.base_dir,
        run.system_dir(layout.TIES),
        run.trained_moe_dir("top2"),
        run.expert_dir("cpp"),
    ):
        atomic_write_text(folder / "config.json", "{}")
        atomic_write_text(folder / "model.safetensors", "")
    assert list(run.system_dirs(profile)) == ["base", "ties", "moe-trained-top2"]
    assert list(run.expert_dirs()) == ["cpp"]
    hub = profile.replace(base_model="org/model")
    assert run.system_dirs(hub)["base"].as_posix() == "org/model"


def test_shown_path_is_relative_to_the_repository(tmp_path):
    assert layout.shown_path(config.REPO_ROOT / "runs" / "x") == "runs/x"
    assert layout.shown_path(tmp_path) == str(tmp_path)


def test_every_model_folder_has_the_stage_that_writes_it():
    from helpers.layout import model_writer

    assert model_writer("models/base") == "02_base_model"
    assert model_writer("models/adapters/java") == "03_qlora_finetune-java"
    assert model_writer("models/experts/cpp") == "03_qlora_finetune-cpp"
    assert model_writer("models/recipes/ties") == "04_merge_ties_slerp"
    assert model_writer("models/slerp-python-java") == "04_merge_ties_slerp"
    assert model_writer("models/recipes/moe-hidden") == "05_moe_assembly"
    assert model_writer("models/moe-trained-top2") == "06_router_training"
    assert model_writer("models/tokenizer") == "01_explore_dataset"  # the first stage that loads it
    assert model_writer("models/notes") is None
    assert model_writer("models/adapters/cobol") is None


def test_07_looks_for_each_systems_answers_where_02_to_05_wrote_them(run, tmp_path):
    assert layout.predictions_model("expert-java", "recipe-44dd") == "expert-java:recipe-44dd"
    base, merge, moe = run.stage_dir(layout.BASE), run.stage_dir(layout.MERGE), run.stage_dir(layout.MOE)
    assert run.earlier_predictions_dirs("base") == [base, merge / "base", moe / "base"]
    assert run.earlier_predictions_dirs("expert-cpp")[0] == run.stage_dir(layout.FINETUNE, "cpp")
    assert run.earlier_predictions_dirs("ties") == [merge / "ties", moe / "ties"]
    # the file 03 writes is the one 07 reads: the expert's own language in 03's run folder
    assert layout.predictions_file(run.earlier_predictions_dirs("expert-java")[0], "java") == (
        run.own_predictions_file("expert-java", "java")
    )
