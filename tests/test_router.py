"""Gating modules, balancing losses and router-only training on a tiny random Mixtral."""

from __future__ import annotations

import json
import math
import re

import pytest
import torch

from helpers import checkpoints, config, router, router_evaluation, router_modules, routing

HIDDEN, EXPERTS = 16, 4


def tiny_mixtral(top_k: int = 2, vocab: int = 50, seed: int = 0):
    from transformers import MixtralConfig, MixtralForCausalLM

    torch.manual_seed(seed)
    model_config = MixtralConfig(
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        num_local_experts=4,
        num_experts_per_tok=top_k,
        vocab_size=vocab,
        pad_token_id=0,
    )
    model = MixtralForCausalLM(model_config)
    with torch.no_grad():  # gates of a visible size, so routing differs from token to token
        for block in router_modules.moe_blocks(model):
            block.gate.weight.normal_(0.0, 1.0)
    return model.eval()


def toy_examples(n: int = 12, vocab: int = 50) -> list[dict]:
    generator = torch.Generator().manual_seed(1)
    examples = []
    for i in range(n):
        length = 6 + i % 5
        ids = torch.randint(1, vocab, (length,), generator=generator).tolist()
        examples.append(
            {"input_ids": ids, "labels": [-100] * 3 + ids[3:], "language": list(config.LANGUAGES)[i % 4]}
        )
    return examples


def make_router(kind: str, top_k: int = 2, seed: int = 0):
    return router_modules.make_router(kind, HIDDEN, EXPERTS, top_k, seed=seed, std=1.0)


X = torch.randn(2, 5, HIDDEN, generator=torch.Generator().manual_seed(3))  # (batch, seq, hidden)


# --------------------------------------------------------------------------- router modules


@pytest.mark.parametrize("kind,k", [("softmax", 4), ("topk", 1), ("topk", 2), ("noisy_topk", 2)])
def test_shapes_and_gates_sum_to_one(kind, k):
    module = make_router(kind, k)
    logits, weights, index = module(X)
    assert logits.shape == (10, EXPERTS)
    assert weights.shape == index.shape == (10, k)
    dense = module.dense_gates(X)
    assert dense.shape == (10, EXPERTS)
    torch.testing.assert_close(dense.sum(dim=-1), torch.ones(10))


@pytest.mark.parametrize("kind,k", [("topk", 1), ("topk", 2), ("topk", 3), ("noisy_topk", 2)])
def test_exactly_k_nonzero_gates(kind, k):
    module = make_router(kind, k).train()
    assert ((module.dense_gates(X) > 0).sum(dim=-1) == k).all()


def test_softmax_gates_every_expert_with_softmax_weights():
    module = make_router("softmax")
    dense = module.dense_gates(X)
    assert (dense > 0).all()
    expected = torch.softmax(X.reshape(-1, HIDDEN) @ module.weight.T, dim=-1)
    torch.testing.assert_close(dense, expected)


def test_topk_is_softmax_over_the_k_largest_logits():
    module = make_router("topk", 2)
    logits = X.reshape(-1, HIDDEN) @ module.weight.T
    values, index = logits.topk(2, dim=-1)
    _, weights, got_index = module(X)
    assert torch.equal(got_index, index)
    torch.testing.assert_close(weights, torch.softmax(values, dim=-1))


def test_noise_only_in_training():
    module = make_router("noisy_topk")
    with torch.no_grad():
        module.noise_weight.fill_(0.5)
    module.eval()
    first, second = module(X)[0], module(X)[0]
    torch.testing.assert_close(first, second)
    torch.testing.assert_close(first, X.reshape(-1, HIDDEN) @ module.weight.T)
    module.train()
    assert not torch.allclose(module(X)[0], module(X)[0])


def test_a_seeded_router_is_deterministic():
    torch.manual_seed(5)
    a = make_router("noisy_topk", seed=7).train()
    out_a = a(X)
    torch.manual_seed(5)
    b = make_router("noisy_topk", seed=7).train()
    out_b = b(X)
    for left, right in zip(out_a, out_b, strict=True):
        assert torch.equal(left, right)
    assert not torch.equal(make_router("topk", seed=8).weight, a.weight)


def test_gradients_reach_w_g_and_w_noise_for_k_above_one():
    module = make_router("noisy_topk", 2).train()
    _, weights, index = module(X)
    values = torch.arange(EXPERTS, dtype=torch.float32)  # stand-in expert outputs
    (weights * values[index]).sum().backward()
    assert module.weight.grad is not None and module.weight.grad.abs().sum() > 0
    assert module.noise_weight.grad is not None and module.noise_weight.grad.abs().sum() > 0


def test_top1_gate_gets_no_gradient_from_its_weight():
    """With k = 1 the softmax over one value is 1: why the study needs k > 1 to learn W_g."""
    module = make_router("topk", 1)
    _, weights, index = module(X)
    (weights * torch.arange(EXPERTS, dtype=torch.float32)[index]).sum().backward()
    assert module.weight.grad.abs().sum() == 0


def test_bad_arguments_raise_clearly():
    with pytest.raises(ValueError, match="Valid kinds"):
        router_modules.make_router("sparse", HIDDEN, EXPERTS)
    with pytest.raises(ValueError, match="top_k must be"):
        router_modules.make_router("topk", HIDDEN, EXPERTS, top_k=5)
    with pytest.raises(ValueError, match="noisy top-k needs"):
        router_modules.make_router("noisy_topk", HIDDEN, EXPERTS, top_k=EXPERTS)
    with pytest.raises(ValueError, match="expected"):
        router_modules.make_router("topk", HIDDEN, EXPERTS, weight=torch.zeros(3, HIDDEN))
    with pytest.raises(ValueError, match="not a Mixtral-style MoE"):
        router_modules.moe_blocks(torch.nn.Linear(2, 2))


def test_router_names():
    names = [router_modules.router_name(kind, 2) for kind in router_modules.ROUTER_KINDS]
    assert names == ["softmax", "top2", "noisy-top2"]


# --------------------------------------------------------------------------- balancing losses


def test_cv_squared_known_values():
    assert float(router_modules.cv_squared(torch.tensor([3.0, 3.0, 3.0, 3.0]))) == pytest.approx(0.0)
    # all load on one of E experts: population CV² = E - 1
    assert float(router_modules.cv_squared(torch.tensor([8.0, 0.0, 0.0, 0.0]))) == pytest.approx(3.0)


def test_switch_loss_matches_transformers():
    from transformers.models.mixtral.modeling_mixtral import load_balancing_loss_func

    logits = torch.randn(30, EXPERTS, generator=torch.Generator().manual_seed(0))
    index = logits.topk(2, dim=-1).indices
    expected = load_balancing_loss_func((logits,), EXPERTS, 2)
    torch.testing.assert_close(router_modules.switch_loss(logits, index), expected)
    mask = torch.tensor([1] * 20 + [0] * 10)
    expected_masked = load_balancing_loss_func((logits,), EXPERTS, 2, mask[None, :])
    torch.testing.assert_close(router_modules.switch_loss(logits, index, mask), expected_masked)


def test_switch_loss_is_k_when_perfectly_balanced():
    logits = torch.zeros(8, EXPERTS)  # uniform probabilities
    index = torch.tensor([[0, 1], [2, 3]] * 4)
    assert float(router_modules.switch_loss(logits, index)) == pytest.approx(2.0)


def test_importance_loss_zero_when_balanced_and_positive_when_not():
    index = torch.tensor([[0], [1], [2], [3]])
    weights = torch.ones(4, 1)
    assert float(router_modules.importance_loss(weights, index, EXPERTS)) == pytest.approx(0.0)
    assert float(
        router_modules.importance_loss(weights, torch.zeros(4, 1, dtype=torch.long), EXPERTS)
    ) == pytest.approx(3.0)


def test_smooth_load_is_a_probability_and_reaches_w_noise():
    module = make_router("noisy_topk", 2).train()
    module(X)
    last = module.last
    prob = router_modules.smooth_load(last["clean"], last["logits"], last["noise_std"], 2)
    assert prob.shape == (10, EXPERTS) and ((prob >= 0) & (prob <= 1)).all()
    # in expectation k experts are chosen per token; the estimate is close to that on average
    assert float(prob.detach().sum(dim=-1).mean()) == pytest.approx(2.0, abs=0.6)
    router_modules.load_loss(last["clean"], last["logits"], last["noise_std"], 2).backward()
    assert module.noise_weight.grad.abs().sum() > 0


def test_balance_losses_weights_and_load_only_for_noisy():
    plain, noisy = make_router("topk", 2), make_router("noisy_topk", 2).train()
    with torch.no_grad():
        plain(X)
    losses = router_modules.balance_losses([plain], aux_coef=1.0)
    assert float(losses["load"]) == 0.0
    assert float(losses["total"]) == pytest.approx(float(losses["switch"]))
    with torch.no_grad():
        noisy(X)
    losses = router_modules.balance_losses([noisy], aux_coef=0.0, importance_coef=2.0, load_coef=3.0)
    expected = 2.0 * float(losses["importance"]) + 3.0 * float(losses["load"])
    assert float(losses["load"]) > 0 and float(losses["total"]) == pytest.approx(expected)
    with pytest.raises(ValueError, match="have not run"):
        router_modules.balance_losses([make_router("topk")])


# --------------------------------------------------------------------------- in a Mixtral model


def test_installed_topk_router_reproduces_mixtral_in_eval():
    model = tiny_mixtral()
    ids = torch.randint(1, 50, (2, 9), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        expected = model(input_ids=ids).logits
        router_modules.install_routers(model, "topk")
        got = model(input_ids=ids).logits
    torch.testing.assert_close(got, expected)
    assert len(router_modules.routers_of(model)) == 2


def test_installed_routers_report_their_logits_to_transformers():
    """routing.routing_table (output_router_logits) reads the same routing through our routers."""
    from helpers import moe

    ids = torch.randint(1, 50, (2, 9), generator=torch.Generator().manual_seed(0))
    native = tiny_mixtral()
    with torch.no_grad():
        expected = native(input_ids=ids, output_router_logits=True).router_logits
    swapped = tiny_mixtral()
    router_modules.install_routers(swapped, "noisy_topk")
    with torch.no_grad():
        got = swapped(input_ids=ids, output_router_logits=True).router_logits
    assert len(got) == len(expected) == 2
    for left, right in zip(got, expected, strict=True):
        torch.testing.assert_close(left, right)
    weights = moe.router_weights(swapped)  # the weight keeps Mixtral's name and layout
    assert weights[0].shape == (4, 64)


def test_freezing_leaves_only_routers_trainable():
    model = tiny_mixtral()
    with pytest.raises(ValueError, match="install_routers"):
        router_modules.freeze_all_but_routers(model)
    router_modules.install_routers(model, "noisy_topk")
    counts = router_modules.freeze_all_but_routers(model)
    assert counts["trainable"] == 2 * 2 * 4 * 64  # layers × (W_g, W_noise) × experts × hidden


@pytest.mark.parametrize("kind", ["softmax", "topk", "noisy_topk"])
def test_save_and_load_round_trip(tmp_path, kind):
    from transformers import AutoModelForCausalLM

    model = tiny_mixtral()
    router_modules.install_routers(model, kind, init="scratch", seed=3)
    if kind == "noisy_topk":
        with torch.no_grad():
            for g in router_modules.routers_of(model):
                g.noise_weight.fill_(0.25)
    ids = torch.randint(1, 50, (2, 9), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        expected = model(input_ids=ids).logits
    path = router.save_trained_moe(model, None, tmp_path / "moe-trained", {"steps": 3})
    assert model.config.num_experts_per_tok == 2  # the live model's config is left alone
    plain = AutoModelForCausalLM.from_pretrained(path).eval()  # plain transformers, no custom code
    with torch.no_grad():
        torch.testing.assert_close(plain(input_ids=ids).logits, expected)
    again = router.load_trained_moe(path, with_routers=True)
    gates = router_modules.routers_of(again)
    assert gates[0].kind == kind
    assert json.loads((path / router.ROUTER_FILE).read_text())["steps"] == 3
    if kind == "noisy_topk":
        assert torch.equal(gates[1].noise_weight, torch.full((4, 64), 0.25))
    with torch.no_grad():
        torch.testing.assert_close(again(input_ids=ids).logits, expected)


def test_load_trained_moe_refuses_other_folders(tmp_path):
    with pytest.raises(ValueError, match="router.json"):
        router.load_trained_moe(tmp_path)


# --------------------------------------------------------------------------- data and evaluation


class ToyTokenizer:
    eos_token = "$"

    def __call__(self, text):
        return {"input_ids": [ord(c) for c in text]}


def test_lm_example_labels_only_the_completion():
    example = router.lm_example("ab", "cd", ToyTokenizer(), max_len=100)
    assert example["input_ids"] == [97, 98, 99, 100, 36]
    assert example["labels"] == [-100, -100, 99, 100, 36]
    assert router.lm_example("ab", "cd", ToyTokenizer(), max_len=3)["labels"] == [-100, -100, 99]


def test_lm_examples_are_the_experts_prompt_completion_pairs(micro_records, tokenizer):
    from helpers import finetune

    examples = router.lm_examples(micro_records[:2], "python", tokenizer, max_len=640)
    pairs = finetune.sft_examples(micro_records[:2], "python", tokenizer)
    assert [e["prompt"] for e in examples] == [p["prompt"] for p in pairs]
    assert all(e["language"] == "python" for e in examples)
    first = router.lm_example(pairs[0]["prompt"], pairs[0]["completion"], tokenizer, 640)
    assert examples[0]["input_ids"] == first["input_ids"] and examples[0]["labels"] == first["labels"]


def test_collate_pads_right_and_masks_labels():
    batch = router.collate(
        [{"input_ids": [5, 6, 7], "labels": [-100, 6, 7]}, {"input_ids": [8], "labels": [8]}], pad_id=0
    )
    assert batch["input_ids"].tolist() == [[5, 6, 7], [8, 0, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 0, 0]]
    assert batch["labels"].tolist() == [[-100, 6, 7], [8, -100, -100]]


def test_token_loss_known_value():
    logits = torch.zeros(1, 3, 4)  # uniform over 4 tokens: cross-entropy ln 4 at every position
    total, count = router.token_loss(logits, torch.tensor([[-100, 1, 2]]))
    assert int(count) == 2 and float(total) == pytest.approx(2 * math.log(4.0))


def test_validation_loss_per_token_and_language():
    model = tiny_mixtral()
    examples = toy_examples()
    report = router_evaluation.validation_loss(model, examples, pad_id=0, batch_size=5)
    assert set(report["loss_by_language"]) == set(config.LANGUAGES)
    labelled = sum(sum(label != -100 for label in e["labels"][1:]) for e in examples)
    assert report["tokens"] == labelled
    one_by_one = [router_evaluation.validation_loss(model, [e], pad_id=0) for e in examples]
    expected = sum(r["loss"] * r["tokens"] for r in one_by_one) / report["tokens"]
    assert report["loss"] == pytest.approx(expected, rel=1e-5)  # padding changes nothing
    # each example's loss and tokens, per language in the examples' order: the same one by one
    kept = [
        (r["example_losses"][e["language"]][0], r["example_tokens"][e["language"]][0])
        for r, e in zip(one_by_one, examples, strict=True)
    ]
    by_language = {
        lang: [kept[i] for i, e in enumerate(examples) if e["language"] == lang] for lang in config.LANGUAGES
    }
    for lang, pairs in by_language.items():
        assert report["example_tokens"][lang] == [t for _, t in pairs]
        assert report["example_losses"][lang] == pytest.approx([x for x, _ in pairs], rel=1e-5)
    router_modules.install_routers(model, "topk")  # the same function with the routers swapped in
    again = router_evaluation.validation_loss(model, examples, pad_id=0)
    assert again["loss"] == pytest.approx(report["loss"], rel=1e-5)
    reports = {"a": {"loss": 1.0, "tokens": 1}, "b": {"loss": 4.0, "tokens": 3}}
    assert router_evaluation.mixed_loss(reports) == 3.25


def test_load_cv_from_a_routing_table():
    import pandas as pd

    rows = []  # layer 0: every token to expert a (k=1); layer 1: half to a, half to b
    for language in ("x", "y"):
        for layer, shares in ((0, {"a": 1.0, "b": 0.0}), (1, {"a": 0.5, "b": 0.5})):
            rows += [
                {
                    "layer": layer,
                    "language": language,
                    "expert": expert,
                    "selected_share": share,
                    "tokens": 10,
                }
                for expert, share in shares.items()
            ]
    cv = router_evaluation.load_cv(pd.DataFrame(rows))
    assert cv[0] == pytest.approx(1.0) and cv[1] == pytest.approx(0.0)


# --------------------------------------------------------------------------- training


def profile_for_tests(**overrides):
    settings = {"router_batch_size": 3, "router_lr": 0.05, "checkpoint_steps": 2, **overrides}
    return config.get_profile("cpu-tiny", **settings)


def test_training_changes_only_the_routers(tmp_path):
    model = tiny_mixtral()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    router_modules.install_routers(model, "noisy_topk")
    result = router.train_routers(model, toy_examples(), profile_for_tests(), tmp_path, pad_id=0, steps=3)
    after = model.state_dict()
    for name, value in before.items():
        if name.endswith("mlp.gate.weight"):
            assert not torch.equal(after[name], value), f"{name} did not train"
        else:
            assert torch.equal(after[name], value), f"{name} changed but should be frozen"
    assert [h["step"] for h in result["history"]] == [1, 2, 3]
    first = result["history"][0]
    assert len(first["usage"]) == 2 and len(first["usage"][0]) == 4 and first["load_loss"] > 0
    assert [p.name for p in checkpoints.list_checkpoints(tmp_path)] == ["checkpoint-3.pt", "checkpoint-2.pt"]
    frame = routing.history_frame(result["history"])
    assert len(frame) == 3 * 2 * 4 and set(frame.columns) >= {"step", "layer", "expert", "usage"}


@pytest.mark.slow
def test_an_interrupted_run_resumes_to_the_same_routers(tmp_path):
    examples, profile = toy_examples(), profile_for_tests()
    whole = tiny_mixtral()
    router_modules.install_routers(whole, "noisy_topk")
    router.train_routers(whole, examples, profile, tmp_path / "a", pad_id=0, steps=4)

    parts = tiny_mixtral()
    router_modules.install_routers(parts, "noisy_topk")
    # "interrupted" after two steps
    router.train_routers(parts, examples, profile, tmp_path / "b", pad_id=0, steps=2)
    fresh = tiny_mixtral()  # a new process: the model is built again from the same MoE
    router_modules.install_routers(fresh, "noisy_topk")
    result = router.train_routers(fresh, examples, profile, tmp_path / "b", pad_id=0, steps=4)
    assert result["resumed_from"].endswith("checkpoint-2.pt") and result["steps_run"] == 2
    assert [h["step"] for h in result["history"]] == [1, 2, 3, 4]
    for a, b in zip(router_modules.routers_of(whole), router_modules.routers_of(fresh), strict=True):
        torch.testing.assert_close(a.weight, b.weight)
        torch.testing.assert_close(a.noise_weight, b.noise_weight)


@pytest.mark.slow
def test_a_checkpoint_from_other_settings_is_not_resumed(tmp_path):
    examples = toy_examples()
    model = tiny_mixtral()
    router_modules.install_routers(model, "topk")
    router.train_routers(model, examples, profile_for_tests(), tmp_path, pad_id=0, steps=2)
    again = tiny_mixtral()
    router_modules.install_routers(again, "topk")
    with pytest.warns(checkpoints.ResumeWarning, match="changed: .*lr"):
        result = router.train_routers(
            again, examples, profile_for_tests(router_lr=0.01), tmp_path, pad_id=0, steps=2
        )
    assert result["resumed_from"] is None and result["steps_run"] == 2
    with pytest.warns(checkpoints.ResumeWarning, match="changed: data"):
        other_data = router.train_routers(
            again, examples[:-1], profile_for_tests(router_lr=0.01), tmp_path, pad_id=0, steps=1
        )
    assert other_data["resumed_from"] is None  # a checkpoint of other data is not resumed either
    # stale ones are set aside, out of the way of resuming
    assert [p.name for p in checkpoints.list_checkpoints(tmp_path)] == ["checkpoint-1.pt"]


def test_a_corrupt_newest_router_checkpoint_falls_back_and_is_named(tmp_path):
    examples, profile = toy_examples(), profile_for_tests()
    model = tiny_mixtral()
    router_modules.install_routers(model, "topk")
    router.train_routers(model, examples, profile, tmp_path, pad_id=0, steps=4)  # 2 and 4
    bad = tmp_path / "checkpoint-4.pt"
    bad.write_bytes(bad.read_bytes()[:200])
    again = tiny_mixtral()
    router_modules.install_routers(again, "topk")
    with pytest.warns(checkpoints.ResumeWarning, match=re.escape(str(bad))):
        result = router.train_routers(again, examples, profile, tmp_path, pad_id=0, steps=4)
    assert result["resumed_from"] == str(tmp_path / "checkpoint-2.pt") and result["steps_run"] == 2


@pytest.mark.slow
def test_training_lowers_the_training_loss(tmp_path):
    examples = toy_examples(8)
    model = tiny_mixtral()
    router_modules.install_routers(model, "topk")
    before = router_evaluation.validation_loss(model, examples, pad_id=0)["loss"]
    router.train_routers(
        model, examples, profile_for_tests(router_batch_size=8, router_lr=0.1), tmp_path, pad_id=0, steps=15
    )
    assert router_evaluation.validation_loss(model, examples, pad_id=0)["loss"] < before


def test_only_float16_needs_a_scaled_loss():
    assert router.needs_loss_scaling(torch.float16)
    assert not router.needs_loss_scaling(torch.bfloat16) and not router.needs_loss_scaling(torch.float32)
    assert not router.loss_scaler(tiny_mixtral()).is_enabled()
    scaler = router.loss_scaler(tiny_mixtral().half())
    assert scaler.is_enabled() and scaler.get_scale() == 2.0**16


def test_float16_flushes_the_lm_losss_gradients_to_zero_unless_the_loss_is_scaled():
    # colab-t4's router batch: 4 rows of 1024 tokens; SmolLM2's vocabulary. Uniform next-token
    # probabilities 1/49152 give every wrong token a gradient of 1/49152/4096 = 5e-9, below float16's
    # smallest number (6e-8): unscaled, all of them are lost; scaled by 2^16 (3e-4), none is.
    vocab, tokens, batch_tokens = 49152, 256, 4 * 1024
    labels = torch.arange(tokens + 1).remainder(vocab).unsqueeze(0)
    zeros = {}
    for scaled in (False, True):
        logits = torch.zeros(1, tokens + 1, vocab, dtype=torch.float16, requires_grad=True)
        loss_sum, _ = router.token_loss(logits, labels)
        loss = loss_sum.sum() / batch_tokens
        (loss * 2.0**16 if scaled else loss).backward()
        zeros[scaled] = (logits.grad[0, :-1] == 0).float().mean().item()
    assert zeros[False] == pytest.approx((vocab - 1) / vocab)  # only the right tokens' gradients survive
    assert zeros[True] == 0.0


@pytest.mark.slow
def test_a_float16_moe_trains_its_routers_on_a_scaled_loss_and_resumes_its_scale(tmp_path):
    examples, profile = toy_examples(), profile_for_tests()

    def half_moe():
        model = tiny_mixtral().half()
        router_modules.install_routers(model, "topk")  # the routers themselves stay float32
        return model

    whole = half_moe()
    before = [r.weight.detach().clone() for r in router_modules.routers_of(whole)]
    result = router.train_routers(whole, examples, profile, tmp_path / "a", pad_id=0, steps=4)
    history = result["history"]
    assert [h["loss_scale"] for h in history][:1] == [2.0**16]
    assert all(math.isfinite(h["lm_loss"]) and h["skipped"] in (True, False) for h in history)
    after = router_modules.routers_of(whole)
    assert all(r.weight.dtype == torch.float32 for r in after)
    assert any(not torch.equal(a.weight, b) for a, b in zip(after, before, strict=True)), "no router moved"

    router.train_routers(half_moe(), examples, profile, tmp_path / "b", pad_id=0, steps=2)  # interrupted
    fresh = half_moe()
    resumed = router.train_routers(fresh, examples, profile, tmp_path / "b", pad_id=0, steps=4)
    assert resumed["steps_run"] == 2
    assert [h["loss_scale"] for h in resumed["history"]] == [h["loss_scale"] for h in history]
    for a, b in zip(after, router_modules.routers_of(fresh), strict=True):
        torch.testing.assert_close(a.weight, b.weight)


# ------------------------------------------------- memory: micro-batches, checkpointing, 4-bit experts


def one_step(kind: str, tmp_path, seed: int = 0, **overrides):
    """The routers after one training step of a fresh tiny MoE, and that step's history."""
    model = tiny_mixtral(seed=seed)
    router_modules.install_routers(model, kind)
    profile = profile_for_tests(router_batch_size=4, **overrides)
    result = router.train_routers(model, toy_examples(), profile, tmp_path, pad_id=0, steps=1)
    return [r.weight.detach().clone() for r in router_modules.routers_of(model)], result["history"][0]


@pytest.mark.parametrize("kind", ["softmax", "topk"])
def test_a_step_in_micro_batches_equals_one_full_batch(kind, tmp_path):
    no_balance = {"router_aux_coef": 0.0, "router_importance_coef": 0.0}
    full, full_log = one_step(kind, tmp_path / "full", **no_balance)
    micro, micro_log = one_step(kind, tmp_path / "micro", router_micro_batch_size=1, **no_balance)
    for a, b in zip(full, micro, strict=True):
        torch.testing.assert_close(a, b, atol=1e-6, rtol=1e-5)  # Adam's first step: sign(grad) x lr
    assert micro_log["lm_loss"] == pytest.approx(full_log["lm_loss"], rel=1e-5)
    # the routing logged is the whole batch's
    torch.testing.assert_close(torch.tensor(micro_log["usage"]), torch.tensor(full_log["usage"]))
    # with balancing losses the micro-batches' are weighted by their tokens: close, not equal
    full, full_log = one_step(kind, tmp_path / "full_b")
    micro, micro_log = one_step(kind, tmp_path / "micro_b", router_micro_batch_size=2)
    assert micro_log["lm_loss"] == pytest.approx(full_log["lm_loss"], rel=1e-5)
    assert micro_log["loss"] == pytest.approx(full_log["loss"], rel=0.01)


def test_micro_batch_gradients_equal_the_full_batchs():
    model = tiny_mixtral()
    routers = router_modules.install_routers(model, "topk")
    router_modules.freeze_all_but_routers(model)
    model.train()
    rows, grads = toy_examples(4), []
    profile = profile_for_tests(router_aux_coef=0.0, router_importance_coef=0.0)
    for micro in (4, 1, 3):  # one batch, single rows, uneven chunks
        for r in routers:
            r.weight.grad = None
        router.accumulate_step(model, routers, rows, micro, pad_id=0, profile=profile)
        grads.append(torch.cat([r.weight.grad.flatten() for r in routers]))
    torch.testing.assert_close(grads[1], grads[0], atol=1e-6, rtol=1e-4)
    torch.testing.assert_close(grads[2], grads[0], atol=1e-6, rtol=1e-4)
    with pytest.raises(ValueError, match="router_micro_batch_size"):
        router.accumulate_step(model, routers, rows, 0, pad_id=0, profile=profile)


@pytest.mark.parametrize("kind", ["topk", "noisy_topk"])
def test_activation_checkpointing_gives_the_same_step(kind, tmp_path):
    plain, plain_log = one_step(kind, tmp_path / "plain")
    again, again_log = one_step(kind, tmp_path / "ckpt", router_grad_checkpointing=True)
    for a, b in zip(plain, again, strict=True):
        torch.testing.assert_close(a, b, atol=1e-6, rtol=1e-5)  # the noise is replayed, not redrawn
    assert again_log["loss"] == pytest.approx(plain_log["loss"], rel=1e-6)


def test_4bit_expert_moe_trains_saves_routers_only_and_reloads(tmp_path):
    from helpers import modeling, moe_4bit

    start_dir = tmp_path / "models" / "moe-hidden"
    tiny_mixtral().save_pretrained(start_dir)
    model = modeling.load_model(start_dir, quantize=False, experts_4bit=True)
    experts = moe_4bit.moe_experts_modules(model)
    packed = [p.clone() for m in experts for p in m.parameters()]
    router_modules.install_routers(model, "noisy_topk")
    before = [r.weight.detach().clone() for r in router_modules.routers_of(model)]
    profile = profile_for_tests(router_micro_batch_size=2, router_grad_checkpointing=True)
    router.train_routers(model, toy_examples(), profile, tmp_path / "ckpt", pad_id=0, steps=2)
    after = router_modules.routers_of(model)
    assert all(not torch.equal(a, b.weight) for a, b in zip(before, after, strict=True))
    still = [p for m in experts for p in m.parameters()]  # the packed experts did not change
    assert all(torch.equal(a, b) for a, b in zip(packed, still, strict=True))
    target = tmp_path / "models" / "moe-trained-noisy_top2"
    with pytest.raises(ValueError, match="start_dir"):
        router.save_trained_moe(model, None, target)
    router.save_trained_moe(model, None, target, {"steps": 2}, start_dir)
    saved = sorted(p.name for p in target.iterdir())
    assert saved == sorted(["config.json", router.GATES_FILE, router.ROUTER_FILE, router.NOISE_FILE])
    assert modeling.is_saved_model(target)  # what layout.trained_moe_dirs looks for
    again = router.load_trained_moe(target, with_routers=True, experts_4bit=True)
    for a, b in zip(after, router_modules.routers_of(again), strict=True):
        torch.testing.assert_close(a.weight, b.weight)
        torch.testing.assert_close(a.noise_weight, b.noise_weight)
    ids = torch.tensor([[1, 5, 9, 12, 30]])
    model.eval()
    with torch.no_grad():
        torch.testing.assert_close(again(ids).logits, model(ids).logits)
    plain = router.load_trained_moe(target, experts_4bit=True)  # Mixtral's own gates: W_g, top-k
    with torch.no_grad():
        torch.testing.assert_close(plain(ids).logits, model(ids).logits)
