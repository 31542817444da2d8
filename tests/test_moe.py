"""helpers.moe: gating by hand, mergekit-moe on tiny models (three gate modes) and routing tables."""

from __future__ import annotations

import pandas as pd
import pytest
import torch

from helpers import config, moe, routing

LANGUAGES = tuple(config.LANGUAGES)

PROMPTS = {  # one distinct set of prompts per expert
    "python": ["Write a Python program: def f(x):", "[INST] Python [/INST] def g():"],
    "java": ["Write a Java program: public class A {", "[INST] Java [/INST] int f() {"],
    "javascript": ["Write a Javascript program: function f(x) {", "[INST] Javascript [/INST] let x"],
    "cpp": ["Write a C++ program: int main() {", "[INST] C++ [/INST] #include"],
}


@pytest.fixture(scope="module")
def tiny(tiny_models):
    """The tiny base and experts of conftest, and a mergekit MoE of them in every gate mode."""
    root, base_dir, experts = tiny_models["root"], tiny_models["base"], tiny_models["experts"]
    tokenizer = tiny_models["tokenizer"]
    built = {
        mode: moe.build_moe(
            base_dir,
            experts,
            root / f"moe-{mode}",
            tokenizer,
            mode,
            PROMPTS,
            moe.negative_prompts(PROMPTS, 1),
            top_k=2,
            seed=0,
        )
        for mode in moe.GATE_MODES
    }
    return {**tiny_models, "moe": built}


def load(path):
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(path).eval()


# --------------------------------------------------------------------------- gating by hand


def test_top_k_gating_known_answer():
    logits = torch.tensor([[0.0, 1.0, 2.0, 3.0]])
    weights, indices = moe.top_k_gating(logits, 2)
    assert indices.tolist() == [[3, 2]]
    e = torch.exp(torch.tensor([3.0, 2.0]))
    assert torch.allclose(weights, (e / e.sum()).unsqueeze(0))  # softmax of the two kept
    with pytest.raises(ValueError, match="k must be"):
        moe.top_k_gating(logits, 5)


def test_moe_layer_by_hand():
    x = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    router = torch.tensor([[10.0, 0.0], [0.0, 10.0]])  # token 0 -> expert 0, token 1 -> expert 1
    experts = [lambda h: 2 * h, lambda h: -h]
    assert torch.allclose(moe.moe_layer(x, router, experts, k=1), torch.tensor([[2.0, 0.0], [0.0, -1.0]]))
    with pytest.raises(ValueError, match="router_weight"):
        moe.moe_layer(x, torch.ones(3, 2), experts, k=1)


def test_negative_prompts_sample_the_other_experts():
    negative = moe.negative_prompts(PROMPTS, 1, seed=0)
    assert all(len(prompts) == 3 for prompts in negative.values())
    assert not set(negative["java"]) & set(PROMPTS["java"])
    assert moe.negative_prompts(PROMPTS, 1, seed=0) == negative  # seeded
    assert moe.negative_prompts(PROMPTS, 0) == {name: [] for name in PROMPTS}


def test_expert_prompts_follow_the_chat_template(tiny):
    records = [{"text": "Add two numbers", "code": "print ( 1 + 2 )"}]
    tokenizer = tiny["tokenizer"]
    plain = moe.expert_prompts(records, "python", tokenizer)
    assert plain == ["[INST] Write a Python program to complete the following. Add two numbers [/INST]"]
    with_code = moe.expert_prompts(records, "python", tokenizer, code_tokens=(2, 50))
    assert len(with_code) == 2 and with_code[0].startswith(plain[0] + " ")
    assert with_code[1].rstrip().endswith("print(1 + 2)")  # the whole (short) program
    with pytest.raises(ValueError, match="code_tokens"):
        moe.expert_prompts(records, "python", tokenizer, code_tokens=(0,))


def test_config_errors(tiny):
    with pytest.raises(ValueError, match="gate_mode"):
        moe.moe_config(tiny["base"], tiny["experts"], "learned")
    with pytest.raises(ValueError, match="top_k"):
        moe.moe_config(tiny["base"], tiny["experts"], "random", top_k=5)
    with pytest.raises(ValueError, match="positive prompts"):
        moe.moe_config(tiny["base"], tiny["experts"], "hidden", {"python": ["x"]})


@pytest.mark.slow
def test_identical_prompts_for_every_expert_are_refused(tiny, tmp_path):
    same = {lang: ["Write a program"] for lang in LANGUAGES}
    with pytest.raises(ValueError, match="rejects"):
        moe.build_moe(tiny["base"], tiny["experts"], tmp_path / "bad", tiny["tokenizer"], "hidden", same)


# --------------------------------------------------------------------------- the built MoEs


@pytest.mark.slow
@pytest.mark.parametrize("mode", moe.GATE_MODES)
def test_moe_loads_generates_and_has_experts_by_hidden_routers(tiny, mode):
    path = tiny["moe"][mode]
    model = load(path)
    assert type(model).__name__ == "MixtralForCausalLM"
    assert model.config.num_local_experts == 4 and model.config.num_experts_per_tok == 2
    assert moe.expert_names(path) == list(LANGUAGES)
    routers = moe.router_weights(model)
    assert len(routers) == 2 and all(r.shape == (4, 64) for r in routers)
    if mode != "random":  # mergekit normalises every prompt-made gate vector
        assert all(torch.allclose(r.norm(dim=1), torch.ones(4), atol=1e-2) for r in routers)
    ids = tiny["tokenizer"]("def f(x):", return_tensors="pt", add_special_tokens=False)
    out = model.generate(**ids, max_new_tokens=4, do_sample=False, pad_token_id=0)
    assert out.shape[1] == ids["input_ids"].shape[1] + 4
    assert (path / "README.md").is_file() and (path / "tokenizer.json").is_file()


@pytest.mark.slow
def test_moe_keeps_base_attention_and_expert_mlps(tiny):
    from helpers.merge import load_weights

    moe_weights, base = load_weights(tiny["moe"]["hidden"]), load_weights(tiny["base"])
    name = "model.layers.1.self_attn.q_proj.weight"
    assert torch.equal(moe_weights[name], base[name])
    java = load_weights(tiny["experts"]["java"])
    fused = moe_weights["model.layers.1.mlp.experts.down_proj"]  # (experts, hidden, intermediate)
    assert torch.equal(fused[1], java["model.layers.1.mlp.down_proj.weight"])  # expert 1 is java


@pytest.mark.slow
def test_gate_modes_differ_and_random_is_seeded(tiny, tmp_path):
    routers = {mode: moe.router_weights(load(path)) for mode, path in tiny["moe"].items()}
    for a, b in (("hidden", "cheap_embed"), ("hidden", "random"), ("cheap_embed", "random")):
        assert not torch.allclose(routers[a][0], routers[b][0])
    # cheap_embed averages token embeddings: the same router in every layer
    assert torch.equal(routers["cheap_embed"][0], routers["cheap_embed"][1])
    again = moe.build_moe(
        tiny["base"], tiny["experts"], tmp_path / "again", tiny["tokenizer"], "random", seed=0
    )
    other = moe.build_moe(
        tiny["base"], tiny["experts"], tmp_path / "other", tiny["tokenizer"], "random", seed=1
    )
    assert all(
        torch.equal(a, b) for a, b in zip(routers["random"], moe.router_weights(load(again)), strict=True)
    )
    assert not torch.equal(routers["random"][0], moe.router_weights(load(other))[0])


@pytest.mark.slow
def test_teaching_moe_layer_equals_mixtral_block(tiny):
    model = load(tiny["moe"]["hidden"])
    block = model.model.layers[0].mlp
    x = torch.randn(6, 64)
    experts = [moe.mixtral_expert(model, 0, e) for e in range(4)]
    with torch.no_grad():
        expected = block(x.unsqueeze(0)).squeeze(0)
        ours = moe.moe_layer(x, block.gate.weight, experts, k=2)
    assert torch.allclose(ours, expected, atol=1e-5)


@pytest.mark.slow
def test_routing_table_counts_tokens(tiny):
    model, tokenizer = load(tiny["moe"]["hidden"]), tiny["tokenizer"]
    prompts = {lang: PROMPTS[lang] for lang in LANGUAGES}
    table = routing.routing_table(model, tokenizer, prompts, list(LANGUAGES), batch_size=3)
    assert set(table.columns) >= {"layer", "language", "expert", "first_choice_share", "selected_share"}
    sums = table.groupby(["layer", "language"])[["first_choice_share", "selected_share"]].sum()
    assert (sums["first_choice_share"].sub(1).abs() < 1e-6).all()
    assert (sums["selected_share"].sub(2).abs() < 1e-6).all()  # top-2: two experts per token
    n_tokens = sum(len(tokenizer(p, add_special_tokens=False)["input_ids"]) for p in PROMPTS["java"])
    assert table[table["language"] == "java"]["tokens"].iloc[0] == n_tokens
    for row in table.itertuples():  # the same counts per prompt, for bootstrap intervals over prompts
        assert len(row.prompt_tokens) == len(PROMPTS[row.language]) and sum(row.prompt_tokens) == row.tokens
        assert sum(row.first_choice_counts) == pytest.approx(row.first_choice_share * row.tokens)
        assert sum(row.selected_counts) == pytest.approx(row.selected_share * row.tokens)
    completions = {lang: [" x = 1"] * len(PROMPTS[lang]) for lang in LANGUAGES}
    only_code = routing.routing_table(model, tokenizer, prompts, completions_by_language=completions)
    assert list(dict.fromkeys(only_code["expert"])) == list(LANGUAGES)  # names saved with the MoE
    assert only_code["tokens"].iloc[0] < n_tokens  # only the completions' tokens count


def test_own_share_and_confusion_by_hand():
    rows = []
    shares = {
        "java": {"java": 0.5, "javascript": 0.4, "python": 0.1},
        "javascript": {"java": 0.2, "javascript": 0.7, "python": 0.1},
        "python": {"java": 0.0, "javascript": 0.0, "python": 1.0},
    }
    for language, by_expert in shares.items():
        rows += [
            {
                "layer": 0,
                "language": language,
                "expert": expert,
                "first_choice_share": share,
                "selected_share": share,
                "tokens": 10,
            }
            for expert, share in by_expert.items()
        ]
    table = pd.DataFrame(rows)
    own = routing.own_expert_share(table)
    assert own.loc[0].to_dict() == {"java": 0.5, "javascript": 0.7, "python": 1.0}
    assert routing.confusion_share(table).loc[0] == pytest.approx(0.3)  # (0.4 + 0.2) / 2
    summary = routing.confusion_table(table)
    assert summary.loc[0, "other_cross_pairs"] == pytest.approx(0.05)  # 0.1, 0.1, 0, 0
    assert routing.share_matrix(table, 0).loc["java", "javascript"] == 0.4
    with pytest.raises(ValueError, match="cpp"):
        routing.confusion_share(table, "java", "cpp")


def test_mean_row_cosine_known_answers():
    assert routing.mean_row_cosine(torch.eye(3)) == pytest.approx(0.0)
    assert routing.mean_row_cosine(torch.ones(4, 5)) == pytest.approx(1.0)
    assert routing.mean_row_cosine(torch.tensor([[1.0, 0.0], [-1.0, 0.0]])) == pytest.approx(-1.0)


def test_program_completions_start_with_a_space():
    records = [{"code": "print ( 1 )"}]
    assert moe.program_completions(records, "python") == [" print(1)"]


@pytest.mark.slow
def test_saved_routers_and_the_random_redraw(tiny):
    saved = moe.saved_router_weights(tiny["moe"]["random"])
    loaded = moe.router_weights(load(tiny["moe"]["random"]))
    assert all(torch.equal(a, b) for a, b in zip(saved, loaded, strict=True))
    redrawn = moe.random_router_weights(tiny["base"], 4, seed=0)
    assert all(torch.equal(a, b) for a, b in zip(saved, redrawn, strict=True))
    assert not torch.equal(moe.random_router_weights(tiny["base"], 4, seed=1)[0], saved[0])


@pytest.mark.slow
def test_routing_heatmaps_draw_one_panel_per_mode_and_layer(tiny):
    import matplotlib

    matplotlib.use("Agg")
    model = load(tiny["moe"]["cheap_embed"])
    table = routing.routing_table(model, tiny["tokenizer"], PROMPTS, list(LANGUAGES))
    fig = routing.routing_heatmaps({"a": table, "b": table}, "test")
    panels = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert len(panels) == 2 * 2  # two tables, two layers
    assert len(fig.axes) - len(panels) == 1  # and one colour bar shared by all panels
