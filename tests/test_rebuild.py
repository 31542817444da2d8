"""helpers.rebuild: large models deleted and rebuilt from small artifacts give the same weights and
logits; release deletes only large folders, and only when the profile does not keep them."""

from __future__ import annotations

import shutil

import pytest
import torch

from helpers import completeness, config, layout, merge, modeling, moe, rebuild

LANGUAGES = tuple(config.LANGUAGES)
PROMPTS = {  # one distinct set of routing prompts per expert
    "python": ["Write a Python program: def f(x):", "[INST] Python [/INST] def g():"],
    "java": ["Write a Java program: public class A {", "[INST] Java [/INST] int f() {"],
    "javascript": ["Write a Javascript program: function f(x) {", "[INST] Javascript [/INST] let x"],
    "cpp": ["Write a C++ program: int main() {", "[INST] C++ [/INST] #include"],
}


def save_adapter(run: layout.Run, language: str, seed: int) -> None:
    """A random (non-zero) LoRA adapter on the run's base model, as notebook 03 saves one."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(seed)
    base = AutoModelForCausalLM.from_pretrained(run.base_dir)
    lora = LoraConfig(r=2, target_modules=["q_proj", "gate_proj", "down_proj"], init_lora_weights=False)
    get_peft_model(base, lora).save_pretrained(run.adapter_dir(language))


@pytest.fixture
def run(tmp_path, monkeypatch, tiny_models):
    """A cpu-tiny run with the tiny base model of conftest and one random adapter per language."""
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path / "runs")
    monkeypatch.delenv(config.MODELS_DIR_VARIABLE, raising=False)
    run = layout.Run.of("cpu-tiny")
    shutil.copytree(tiny_models["base"], run.base_dir)
    for index, language in enumerate(LANGUAGES):
        save_adapter(run, language, index + 1)
    return run


@pytest.fixture
def profile():
    return config.get_profile("cpu-tiny")


def logits(path, text="def f(x): return x"):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path).eval()
    with torch.no_grad():
        return model(**tokenizer(text, return_tensors="pt")).logits


def test_a_deleted_expert_is_merged_again_from_its_adapter(run, tiny_models):
    tokenizer = tiny_models["tokenizer"]
    path = rebuild.ensure_expert(run, "java", run.base_dir, tokenizer)
    original, identity = merge.load_weights(path), modeling.model_fingerprint(path)
    assert not torch.equal(
        original["model.layers.0.mlp.gate_proj.weight"],
        merge.load_weights(run.base_dir)["model.layers.0.mlp.gate_proj.weight"],
    )
    written = (path / "model.safetensors").stat().st_mtime_ns
    assert rebuild.ensure_expert(run, "java", run.base_dir, tokenizer) == path  # current: reused as is
    assert (path / "model.safetensors").stat().st_mtime_ns == written
    shutil.rmtree(path)
    again = rebuild.ensure_expert(run, "java", run.base_dir, tokenizer)
    rebuilt = merge.load_weights(again)
    assert rebuilt.keys() == original.keys()
    assert all(torch.equal(rebuilt[name], original[name]) for name in original)
    assert modeling.model_fingerprint(again) == identity  # what predictions and checkpoints name


def test_an_expert_from_another_adapter_is_merged_again(run, tiny_models):
    tokenizer = tiny_models["tokenizer"]
    path = rebuild.ensure_expert(run, "cpp", run.base_dir, tokenizer)
    before, identity = merge.load_weights(path), modeling.model_fingerprint(path)
    save_adapter(run, "cpp", seed=99)  # notebook 03 trained it again
    after = merge.load_weights(rebuild.ensure_expert(run, "cpp", run.base_dir, tokenizer))
    name = "model.layers.0.mlp.gate_proj.weight"
    assert not torch.equal(before[name], after[name])
    assert modeling.model_fingerprint(path) != identity


def test_missing_adapter_or_recipe_names_the_notebook(run, profile, tiny_models):
    shutil.rmtree(run.adapter_dir("python"))
    with pytest.raises(FileNotFoundError, match="notebook 03"):
        rebuild.ensure_expert(run, "python", run.base_dir, tiny_models["tokenizer"])
    with pytest.raises(FileNotFoundError, match="notebook 05"):
        rebuild.ensure(run, profile, layout.moe_system("hidden"), tiny_models["tokenizer"])
    with pytest.raises(FileNotFoundError, match="notebook 04"):
        rebuild.ensure(run, profile, layout.TIES, tiny_models["tokenizer"])


def test_a_merge_tree_is_rebuilt_with_its_inputs(run, profile, tiny_models):
    tokenizer = tiny_models["tokenizer"]
    experts = rebuild.ensure_experts(run, run.base_dir, tokenizer)
    tree = merge.slerp_tree(experts, run.large_models_dir, tokenizer, 0.5)
    for name in tree:
        rebuild.remember(run, name)
    original = merge.load_weights(tree[layout.SLERP_TREE])
    identity = modeling.model_fingerprint(tree[layout.SLERP_TREE])
    for folder in [*tree.values(), *experts.values()]:
        shutil.rmtree(folder)
    assert list(run.system_dirs(profile)) == ["base", layout.SLERP_TREE]  # rebuildable counts
    path = rebuild.ensure(run, profile, layout.SLERP_TREE, tokenizer)
    rebuilt = merge.load_weights(path)
    assert all(torch.equal(rebuilt[name], original[name]) for name in original)
    assert modeling.model_fingerprint(path) == identity
    assert all(modeling.is_saved_model(folder) for folder in tree.values())  # its pairs, rebuilt first


def test_a_moe_rebuilt_from_experts_and_kept_routers_gives_identical_logits(run, profile, tiny_models):
    tokenizer = tiny_models["tokenizer"]
    experts = rebuild.ensure_experts(run, run.base_dir, tokenizer)
    target = run.moe_dir("hidden")
    moe.build_moe(run.base_dir, experts, target, tokenizer, "hidden", PROMPTS, top_k=2, seed=0)
    rebuild.remember(run, layout.moe_system("hidden"))
    original, identity = logits(target), modeling.model_fingerprint(target)
    routers = moe.saved_router_weights(target)
    for folder in [target, *experts.values()]:
        shutil.rmtree(folder)
    path = rebuild.ensure(run, profile, layout.moe_system("hidden"), tokenizer)
    assert path == target and moe.expert_names(path) == list(LANGUAGES)
    assert all(torch.equal(a, b) for a, b in zip(moe.saved_router_weights(path), routers, strict=True))
    assert torch.equal(logits(path), original)
    assert modeling.model_fingerprint(path) == identity  # 06's checkpoints still resume
    assert moe.is_current(path, moe.moe_config(run.base_dir, experts, "hidden", PROMPTS), seed=0)


def test_release_deletes_only_large_folders_when_the_profile_says_so(run, profile, tiny_models):
    tokenizer = tiny_models["tokenizer"]
    experts = rebuild.ensure_experts(run, run.base_dir, tokenizer)
    ties = merge.merge_ties(run.base_dir, experts, run.system_dir(layout.TIES), tokenizer, density=0.5)
    rebuild.remember(run, layout.TIES)
    everything = [*experts.values(), ties, run.adapter_dir("python"), run.base_dir, run.recipe_dir("ties")]
    assert rebuild.release(profile, run, everything) == []  # cpu-tiny keeps large models
    dropping = profile.replace(keep_large_models=False)
    assert not config.get_profile("colab-t4").keep_large_models
    assert not config.get_profile("colab-t4-rehearsal").keep_large_models
    # ties is done, the python expert is still to come: only the other three experts and ties go
    gone = rebuild.release_unneeded(dropping, run, [layout.TIES], [layout.expert_system("python")])
    assert sorted(p.name for p in gone) == sorted(["java", "javascript", "cpp", "ties"])
    assert modeling.is_saved_model(experts["python"]) and not ties.exists()
    assert rebuild.release(dropping, run, everything) == [experts["python"]]
    for small in (run.adapter_dir("java"), run.base_dir, run.recipe_dir("ties"), run.tokenizer_dir.parent):
        assert small.is_dir()
    assert not (run.large_models_dir / "experts").exists()  # the emptied group folder goes too
    assert run.large_models_dir.is_dir()


def test_large_models_folder_and_what_the_pipeline_tracks(run, tiny_models, monkeypatch, tmp_path):
    rebuild.ensure_expert(run, "python", run.base_dir, tiny_models["tokenizer"])
    tracked = completeness.model_outputs("cpu-tiny")
    assert "models/adapters/python" in tracked and "models/base" in tracked
    assert not any(path.startswith("models/experts") for path in tracked)  # rebuilt on demand
    monkeypatch.setenv(config.MODELS_DIR_VARIABLE, str(tmp_path / "scratch"))
    assert run.large_models_dir == tmp_path / "scratch" / "cpu-tiny"
    assert run.expert_dir("java") == tmp_path / "scratch" / "cpu-tiny" / "experts" / "java"
    assert run.moe_dir("random").parent == run.large_models_dir
    assert run.trained_moe_dir("top2").parent == run.models_dir  # routers: small, persist
    assert run.recipe_dir("ties") == run.models_dir / "recipes" / "ties"
    assert run.system_of(run.expert_dir("cpp")) == "expert-cpp"
    assert run.system_of(run.system_dir(layout.TIES)) == "ties"
    assert run.system_of(run.adapter_dir("cpp")) is None and run.system_of(run.base_dir) is None


def test_runs_and_large_models_folders_may_move_between_sessions(
    run, profile, tiny_models, monkeypatch, tmp_path
):
    tokenizer = tiny_models["tokenizer"]
    experts = rebuild.ensure_experts(run, run.base_dir, tokenizer)
    ties = merge.merge_ties(run.base_dir, experts, run.system_dir(layout.TIES), tokenizer, density=0.5)
    rebuild.remember(run, layout.TIES)
    original = merge.load_weights(ties)
    # a new session: only the small artifacts were copied to a new runs folder, large models elsewhere
    shutil.copytree(
        run.root,
        tmp_path / "drive" / "cpu-tiny",
        ignore=lambda folder, names: [n for n in names if run.system_of(f"{folder}/{n}")],
    )
    shutil.rmtree(run.root)  # the old session's disk is gone
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path / "drive")
    monkeypatch.setenv(config.MODELS_DIR_VARIABLE, str(tmp_path / "scratch"))
    moved = layout.Run.of("cpu-tiny")
    path = rebuild.ensure(moved, profile, layout.TIES, tokenizer)
    assert path == tmp_path / "scratch" / "cpu-tiny" / "ties"
    rebuilt = merge.load_weights(path)
    assert all(torch.equal(rebuilt[name], original[name]) for name in original)
    assert rebuild.ensure(moved, profile, layout.TIES, tokenizer) == path  # current now: reused
