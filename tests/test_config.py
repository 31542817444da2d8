from __future__ import annotations

import dataclasses

import pytest

from helpers import config


def test_three_profiles_default_cpu_tiny():
    assert set(config.PROFILES) == {"cpu-tiny", "colab-t4", "paper"}
    tiny = config.get_profile("cpu-tiny")
    assert tiny.base_model == "tiny" and tiny.data_source == "mini+generated"
    paper = config.get_profile("paper")
    assert paper.base_model == "mistralai/Mistral-7B-Instruct-v0.2"
    assert paper.load_in_4bit and paper.max_new_tokens == 256


def test_expected_runtimes_say_measured_or_estimated():
    # cpu-tiny's is the measured whole-workbook time the README gives (8 min 31 s, two at a time)
    tiny = config.get_profile("cpu-tiny").expected_runtime
    assert "measured" in tiny and "8 min 31 s" in tiny and "estimate" not in tiny
    assert "8 min 31 s" in (config.REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("colab-t4", "paper"):
        assert "estimate" in config.get_profile(name).expected_runtime


def test_unknown_profile_lists_valid_ones():
    with pytest.raises(ValueError, match="cpu-tiny, colab-t4, paper, colab-t4-rehearsal, paper-rehearsal"):
        config.get_profile("gpu-huge")


# What a rehearsal may change: sizes and steps, the data source and the base model (both offline).
REHEARSAL_CHANGES = {"name", "hardware", "expected_runtime", "base_model", *config.REHEARSAL_SIZES}


@pytest.mark.parametrize("name", ["colab-t4", "paper"])
def test_a_rehearsal_keeps_the_profiles_code_path_and_cuts_sizes(name):
    real, rehearsal = config.get_profile(name), config.get_profile(name + "-rehearsal")
    assert rehearsal.name == name + "-rehearsal" and rehearsal.builds_base and not real.builds_base
    assert rehearsal.base_model == "standin:" + real.base_model
    kept = [f for f in dataclasses.fields(config.Profile) if f.name not in REHEARSAL_CHANGES]
    assert len(kept) >= 25  # 4-bit loading, LoRA shape, learning rates, gate modes, memory options ...
    assert [getattr(rehearsal, f.name) for f in kept] == [getattr(real, f.name) for f in kept]
    assert rehearsal.finetune_steps < real.finetune_steps and rehearsal.router_steps < real.router_steps
    assert rehearsal.data_source == "mini"  # the Hub is out of reach here


def test_rehearsals_only_of_gpu_profiles():
    with pytest.raises(
        ValueError, match="No rehearsal of profile 'cpu-tiny': rehearsals exist for colab-t4, paper"
    ):
        config.rehearsal_profile("cpu-tiny")


def test_base_model_override():
    assert config.get_profile("paper-rehearsal", base_model="/models/mine").base_model == "/models/mine"
    assert config.get_profile("paper", base_model="").base_model == "mistralai/Mistral-7B-Instruct-v0.2"
    assert not config.get_profile("cpu-tiny", base_model="/models/mine").builds_base


def test_overrides_and_unknown_fields():
    assert config.get_profile("cpu-tiny", finetune_steps=3).finetune_steps == 3
    with pytest.raises(ValueError, match="Unknown profile fields"):
        config.get_profile("cpu-tiny", not_a_field=1)


@pytest.mark.parametrize(
    "name,key",
    [
        ("Python", "python"),
        ("C++", "cpp"),
        ("js", "javascript"),
        ("JavaScript", "javascript"),
        (" java ", "java"),
    ],
)
def test_language_aliases(name, key):
    assert config.get_language(name).name == key


def test_unknown_language_lists_valid_ones():
    with pytest.raises(ValueError, match="python, java, javascript, cpp"):
        config.get_language("rust")


@pytest.mark.parametrize("name", [None, 3, ["python"], b"python"])
def test_a_language_that_is_not_a_string_is_the_same_clear_error(name):
    with pytest.raises(ValueError) as error:
        config.get_language(name)
    unknown = str(pytest.raises(ValueError, config.get_language, "rust").value)
    assert str(error.value) == unknown.replace("'rust'", repr(name))
    assert "\n" not in str(error.value)


def test_language_table():
    assert [lang.display for lang in config.LANGUAGES.values()] == ["Python", "Java", "Javascript", "C++"]
    assert config.LANGUAGES["cpp"].xlcost_config == "C++-program-level"
