"""helpers.moe_anatomy: where a mergekit MoE's weights came from, and one token walked by hand."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
import torch  # noqa: E402

from helpers import config, moe, moe_anatomy  # noqa: E402

PROMPTS = {language: [f"Write a {language} program: x"] for language in config.LANGUAGES}


@pytest.fixture(scope="module")
def built(tiny_models):
    target = tiny_models["root"] / "moe-anatomy"
    moe.build_moe(
        tiny_models["base"],
        tiny_models["experts"],
        target,
        tiny_models["tokenizer"],
        "random",
        PROMPTS,
        {},
        top_k=2,
        seed=0,
    )
    return {**tiny_models, "moe": target}


def test_inventory_finds_every_source(built):
    table = moe_anatomy.inventory(built["moe"], built["base"], built["experts"], check_layers=None)
    layers = 2
    experts = table[table["component"] == "experts"]
    assert len(experts) == layers * 2 * 4 and (experts["max_abs_diff"] == 0).all()
    assert list(dict.fromkeys(experts["source"])) == list(config.LANGUAGES)  # expert i is language i
    assert (table.loc[table["component"] == "router", "source"] == moe_anatomy.ROUTER).sum() == layers
    attention = table[table["component"] == "attention"]
    # the MoE keeps the base's attention; the experts had changed theirs (conftest perturbs it)
    assert (attention["max_abs_diff"] == 0).all() and (attention["experts_moved"] > 0).all()
    summary = moe_anatomy.summary(table)
    assert summary["parameters"].sum() == table["parameters"].sum()
    with pytest.raises(ValueError, match="no expert folder"):
        moe_anatomy.inventory(built["moe"], built["base"], {"python": built["experts"]["python"]})
    assert len(moe_anatomy.draw(table, "random").axes[0].patches) == 4 + 4


def test_walk_token_matches_the_model(built):
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(built["moe"]).eval()
    walk = moe_anatomy.walk_token(model, built["tokenizer"], "def f(x):\n    return x", layer=1)
    assert walk["max_abs_diff_from_model"] < 1e-5
    assert len(walk["chosen"]) == 2 and float(walk["gates"].sum()) == pytest.approx(1.0)
    assert walk["chosen"] == torch.topk(walk["logits"], 2).indices.tolist()
    table = moe_anatomy.walk_table(walk, list(config.LANGUAGES))
    assert table["chosen"].sum() == 2 and table["gate"].iloc[-1] == pytest.approx(1.0)


def test_inventory_checks_only_the_layers_asked_for(built):
    every = moe_anatomy.inventory(built["moe"], built["base"], built["experts"], check_layers=None)
    first = moe_anatomy.inventory(built["moe"], built["base"], built["experts"])
    assert first["parameters"].tolist() == every["parameters"].tolist()
    assert first["source"].tolist() == every["source"].tolist()
    assert first.loc[first["layer"] == 1, "max_abs_diff"].isna().all()
    assert not every["max_abs_diff"].isna().any()
