"""helpers.router_ceiling: the routers' real input, class-mean gates and the linear ceiling, by hand."""

from __future__ import annotations

import pytest
import torch

from helpers import router_ceiling
from tests.test_router import tiny_mixtral


class ByteTokenizer:
    """One token per character, ids below the tiny model's vocabulary of 50."""

    def __call__(self, text, add_special_tokens=False, return_tensors=None):
        ids = [ord(c) % 50 for c in text]
        return {"input_ids": torch.tensor([ids]) if return_tensors == "pt" else ids}


def test_router_inputs_reproduce_the_models_router_logits():
    model = tiny_mixtral()
    tokenizer = ByteTokenizer()
    features = router_ceiling.router_inputs(model, tokenizer, ["ab", "xyz"], ["cde", "fg"])
    assert [f.shape for f in features] == [(5, 64), (5, 64)]  # 3 + 2 completion tokens, each layer
    for prompt, completion, first in (("ab", "cde", 0), ("xyz", "fg", 3)):
        ids = torch.tensor([tokenizer(prompt + completion)["input_ids"]])
        with torch.no_grad():
            logits = model(input_ids=ids, output_router_logits=True).router_logits
        start, count = len(prompt), len(completion)
        for layer, block in enumerate(model.model.layers):
            mine = features[layer][first : first + count] @ block.mlp.gate.weight.float().T
            assert torch.allclose(mine, logits[layer].float()[start : start + count], atol=1e-5)


def test_router_inputs_need_one_completion_per_prompt():
    with pytest.raises(ValueError, match="one each"):
        router_ceiling.router_inputs(tiny_mixtral(), ByteTokenizer(), ["a", "b"], ["c"])


def clusters(centres: dict[str, torch.Tensor], n: int, noise: float, seed: int) -> dict[str, list]:
    generator = torch.Generator().manual_seed(seed)
    return {
        lang: [centre + noise * torch.randn(n, len(centre), generator=generator)]
        for lang, centre in centres.items()
    }


def test_class_mean_gates_known_answer_and_perfect_routing():
    experts = ["python", "java", "cpp"]
    centres = {lang: 3.0 * torch.eye(3)[i] for i, lang in enumerate(experts)}
    features = {lang: [c.expand(4, 3)] for lang, c in centres.items()}
    gates = router_ceiling.class_mean_gates(features, experts)
    # python's row: e0 - (e1 + e2)/2 scaled by 3, normalised
    expected = torch.tensor([1.0, -0.5, -0.5]) / torch.tensor([1.0, -0.5, -0.5]).norm()
    assert torch.allclose(gates[0][0], expected, atol=1e-6)
    shares = router_ceiling.first_choice_share(features, gates, experts)
    assert shares == {0: {"python": 1.0, "java": 1.0, "cpp": 1.0}}


def test_class_mean_gates_name_missing_languages():
    with pytest.raises(ValueError, match="no features for"):
        router_ceiling.class_mean_gates({"python": [torch.zeros(2, 3)]}, ["python", "java"])


def test_linear_ceiling_separable_is_one_and_identical_is_near_chance():
    experts = ["python", "java", "cpp", "javascript"]
    apart = {lang: 5.0 * torch.eye(4)[i] for i, lang in enumerate(experts)}
    ceiling = router_ceiling.linear_ceiling(
        clusters(apart, 50, 0.3, seed=0), clusters(apart, 50, 0.3, seed=1), experts
    )
    assert ceiling[0] == {lang: 1.0 for lang in experts}
    same = {lang: torch.zeros(4) for lang in experts}
    blind = router_ceiling.linear_ceiling(
        clusters(same, 200, 1.0, seed=0), clusters(same, 200, 1.0, seed=1), experts
    )
    assert 0.1 < sum(blind[0].values()) / 4 < 0.4  # chance is 0.25
    again = router_ceiling.linear_ceiling(
        clusters(same, 200, 1.0, seed=0), clusters(same, 200, 1.0, seed=1), experts
    )
    assert again == blind  # seeded
