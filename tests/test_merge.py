"""helpers.merge: the teaching TIES and SLERP on toy tensors, and that they equal mergekit's merges."""

from __future__ import annotations

import math

import pytest
import torch

from helpers import compare, config, merge

LANGUAGES = tuple(config.LANGUAGES)


@pytest.fixture(scope="module")
def tiny(tiny_models):
    """The tiny base and expert models of conftest."""
    return tiny_models


# --------------------------------------------------------------------------- teaching versions


def test_trim_keeps_the_largest_magnitudes():
    delta = torch.tensor([0.1, -0.5, 0.3, -0.05])
    assert torch.equal(merge.trim_by_magnitude(delta, 0.5), torch.tensor([0.0, -0.5, 0.3, 0.0]))
    assert torch.equal(merge.trim_by_magnitude(delta, 1.0), delta)
    assert torch.equal(merge.trim_by_magnitude(delta, 0.0), torch.zeros(4))
    assert torch.count_nonzero(merge.trim_by_magnitude(delta, 0.01)) == 1  # at least one kept


def test_elect_sign_and_disjoint_merge_by_hand():
    deltas = torch.tensor([[1.0, -2.0, 0.0], [3.0, 1.0, 0.0], [-1.0, -2.0, 0.0]])
    sign = merge.elect_sign(deltas)
    assert torch.equal(sign, torch.tensor([1.0, -1.0, 1.0]))  # sums 3, -3, 0 (ties go to +)
    # entry 0: mean of 1 and 3 (the -1 disagrees); entry 1: mean of -2 and -2; entry 2: nothing
    assert torch.allclose(merge.disjoint_merge(deltas, sign), torch.tensor([2.0, -2.0, 0.0]))


def test_ties_one_expert_density_one_returns_the_expert():
    base, expert = torch.randn(5, 7), torch.randn(5, 7)
    assert torch.allclose(merge.ties_merge_tensors(base, [expert], density=1.0), expert, atol=1e-6)


def test_ties_known_answer():
    base = torch.zeros(4)
    experts = [torch.tensor([1.0, 0.2, -3.0, 0.1]), torch.tensor([-2.0, 0.4, -1.0, 0.0])]
    # density 0.5 keeps two entries each: [1, 0, -3, 0] and [-2, 0, -1, 0]; sums -1, 0, -4, 0
    # elect -, +, -, +; entry 0 keeps only -2, entry 2 averages -3 and -1
    merged = merge.ties_merge_tensors(base, experts, density=0.5)
    assert torch.allclose(merged, torch.tensor([-2.0, 0.0, -2.0, 0.0]))


def test_slerp_endpoints_and_midpoint():
    a, b = torch.tensor([[1.0, 0.0]]), torch.tensor([[0.0, 1.0]])
    assert torch.equal(merge.slerp_tensors(0.0, a, b), a)
    assert torch.allclose(merge.slerp_tensors(1.0, a, b), b, atol=1e-7)
    middle = merge.slerp_tensors(0.5, a, b)
    assert torch.allclose(middle, torch.tensor([[1.0, 1.0]]) / math.sqrt(2))  # stays on the circle
    assert torch.allclose(merge.slerp_tensors(0.5, a, 3 * a), 2 * a)  # parallel: a straight line


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="density"):
        merge.trim_by_magnitude(torch.ones(3), 1.5)
    with pytest.raises(ValueError, match="shape"):
        merge.slerp_tensors(0.5, torch.ones(3), torch.ones(4))
    with pytest.raises(ValueError, match="t must be"):
        merge.slerp_tensors(1.2, torch.ones(3), torch.ones(3))
    with pytest.raises(ValueError, match="one per expert"):
        merge.ties_merge_tensors(torch.ones(3), [torch.ones(3)], 0.5, weights=[1.0, 2.0])


def test_configs_refuse_missing_models_and_bad_parameters(tmp_path):
    with pytest.raises(FileNotFoundError, match="no model"):
        merge.slerp_config(tmp_path / "nothing", tmp_path / "nothing", 0.5)
    with pytest.raises(ValueError, match="density"):
        merge.ties_config(tmp_path, {"python": tmp_path}, density=0.0)


# --------------------------------------------------------------------------- against mergekit


@pytest.mark.slow
def test_mergekit_ties_equals_the_teaching_version(tiny, tmp_path):
    weights = {"python": 1.0, "java": 0.5, "javascript": 1.0, "cpp": 2.0}
    out = merge.merge_ties(
        tiny["base"], tiny["experts"], tmp_path / "ties", tiny["tokenizer"], density=0.5, weights=weights
    )
    merged, base = merge.load_weights(out), merge.load_weights(tiny["base"])
    experts = {lang: merge.load_weights(path) for lang, path in tiny["experts"].items()}
    for name, tensor in base.items():
        expected = merge.ties_merge_tensors(
            tensor, [experts[lang][name] for lang in LANGUAGES], 0.5, [weights[lang] for lang in LANGUAGES]
        )
        assert torch.allclose(merged[name], expected, atol=1e-6), name
    assert "density" in (out / "README.md").read_text() and (out / "tokenizer.json").is_file()


@pytest.mark.slow
def test_mergekit_ties_one_expert_density_one_is_that_expert(tiny, tmp_path):
    out = merge.merge_ties(
        tiny["base"], {"java": tiny["experts"]["java"]}, tmp_path / "ties1", tiny["tokenizer"], density=1.0
    )
    merged, java = merge.load_weights(out), merge.load_weights(tiny["experts"]["java"])
    assert all(torch.allclose(merged[k], java[k], atol=1e-6) for k in java)


@pytest.mark.slow
@pytest.mark.parametrize("t", [0.0, 0.3, 1.0])
def test_mergekit_slerp_equals_the_teaching_version(tiny, tmp_path, t):
    first, second = tiny["experts"]["python"], tiny["experts"]["java"]
    out = merge.merge_slerp(first, second, tmp_path / f"slerp-{t}", tiny["tokenizer"], t=t)
    merged, a, b = merge.load_weights(out), merge.load_weights(first), merge.load_weights(second)
    for name in a:
        assert torch.allclose(merged[name], merge.slerp_tensors(t, a[name], b[name]), atol=1e-6), name
    if t in (0.0, 1.0):  # the known answers: the first model at t=0, the second at t=1
        same = a if t == 0.0 else b
        assert all(torch.allclose(merged[k], same[k], atol=1e-6) for k in same)


@pytest.mark.slow
def test_slerp_tree_and_reuse(tiny):
    made = merge.slerp_tree(tiny["experts"], tiny["root"] / "models", tiny["tokenizer"], t=0.5)
    assert sorted(made) == ["slerp-javascript-cpp", "slerp-python-java", "slerp-tree"]
    tree = made["slerp-tree"]
    assert "slerp-python-java" in (tree / "README.md").read_text()
    stamp = (tree / "model.safetensors").stat().st_mtime_ns
    again = merge.slerp_tree(tiny["experts"], tiny["root"] / "models", tiny["tokenizer"], t=0.5)
    assert (again["slerp-tree"] / "model.safetensors").stat().st_mtime_ns == stamp  # kept, not redone
    distances = merge.weight_distances(tree, tiny["experts"])
    assert set(distances) == set(LANGUAGES) and all(0 < d < 1 for d in distances.values())


@pytest.mark.slow
def test_merged_model_loads_generates_and_is_evaluated(tiny, tmp_path):
    from transformers import AutoModelForCausalLM

    from helpers.generate import GenerationSettings

    out = merge.merge_ties(tiny["base"], tiny["experts"], tmp_path / "ties", tiny["tokenizer"], 0.5)
    model = AutoModelForCausalLM.from_pretrained(out).eval()
    records = {
        "python": [
            {"text": "add two numbers", "code": "print ( 1 + 2 )", "source": "print(1 + 2)", "task_id": "t1"}
        ]
    }
    settings = GenerationSettings(max_new_tokens=5, batch_size=2)
    rows = compare.predict_languages(
        model, tiny["tokenizer"], records, tmp_path / "preds", "ties:x", settings
    )
    assert (tmp_path / "preds" / "predictions_python.jsonl").is_file()
    assert rows["python"][0]["model"] == "ties:x" and isinstance(rows["python"][0]["prediction"], str)
    perfect = {"python": [{**rows["python"][0], "prediction": "print ( 1 + 2 )"}]}
    scores = compare.score_systems({"copy": perfect, "ties": rows})
    assert scores.loc[("copy", "python"), "codebleu_published"] == pytest.approx(1.0)
    assert scores.loc[("ties", "python"), "codebleu_published"] < 1.0
