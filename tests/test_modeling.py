"""helpers.modeling: hardware decisions, the tiny base model, 4-bit loading, atomic saves."""

from __future__ import annotations

import json
import math

import pytest
import torch

from helpers import config, modeling, moe_4bit

TEXTS = [
    "def add(a, b):\n    return a + b\n",
    "int main() { return 0; }\n",
    "console.log(1 + 2);\n",
    "class GFG { static int f(int n) { return n * 2; } }\n",
    "Write a Python program to complete the following. Add two numbers",
] * 4


# --------------------------------------------------------------------------- decisions


@pytest.mark.parametrize(
    "capability,dtype",
    [
        (None, "float32"),
        ((7, 5), "float16"),
        ((6, 1), "float16"),
        ((8, 0), "bfloat16"),
        ((8, 6), "bfloat16"),
        ((9, 0), "bfloat16"),
    ],
)
def test_compute_dtype_from_capability(capability, dtype):
    # A T4 (7.5) answers True to torch.cuda.is_bf16_supported(), yet must compute in float16.
    assert modeling.compute_dtype_name(capability) == dtype


def test_device_map_and_checkpointing_decisions():
    assert modeling.device_map(None) == {"": "cpu"}
    assert modeling.device_map((7, 5)) == {"": 0}
    assert modeling.use_gradient_checkpointing(None) is False
    assert modeling.use_gradient_checkpointing((8, 0)) is True


def test_quantization_config_is_qlora_nf4():
    t4 = modeling.quantization_config((7, 5))
    assert t4.load_in_4bit and t4.bnb_4bit_quant_type == "nf4" and t4.bnb_4bit_use_double_quant
    assert t4.bnb_4bit_compute_dtype == torch.float16
    assert modeling.quantization_config(None).bnb_4bit_compute_dtype == torch.float32


def test_configure_torch_fixes_threads_and_seed():
    before = torch.get_num_threads()
    try:
        settings = modeling.configure_torch(config.get_profile("cpu-tiny", torch_threads=1, seed=3))
        assert settings == {"torch_threads": 1, "seed": 3}
        first = torch.rand(3)
        modeling.configure_torch(config.get_profile("cpu-tiny", torch_threads=1, seed=3))
        assert torch.equal(first, torch.rand(3))
    finally:
        torch.set_num_threads(before)


# --------------------------------------------------------------------------- tokenizer, tiny model


def test_chat_template_is_the_papers_format(tokenizer):
    messages = [{"role": "user", "content": "Write X"}, {"role": "assistant", "content": "code"}]
    assert tokenizer.apply_chat_template(messages, tokenize=False) == "<s>[INST] Write X [/INST] code</s>"
    ids = tokenizer("<s>[INST] hi [/INST]")["input_ids"]
    assert ids[0] == tokenizer.bos_token_id and tokenizer.padding_side == "left"


def test_chat_markers_are_one_special_token_each(tokenizer):
    inst, end = tokenizer.convert_tokens_to_ids(["[INST]", "[/INST]"])
    ids = tokenizer("<s>[INST] Write a Java program [/INST] def f", add_special_tokens=False)["input_ids"]
    assert ids[:2] == [tokenizer.bos_token_id, inst] and ids.count(end) == 1
    # the markers absorb the spaces beside them: the answer starts with its own first word
    after = tokenizer.convert_ids_to_tokens(ids[ids.index(end) + 1 :])
    assert after[0] == "def" and tokenizer.decode(ids[ids.index(end) + 1 :]) == "def f"
    assert "[INST]" not in tokenizer.decode(ids, skip_special_tokens=True)  # answers decode without them


def test_pretraining_texts_mix_plain_programs_and_instructed_examples(tokenizer):
    plain = modeling.pretraining_texts(data_source="mini")
    mixed = modeling.pretraining_texts(data_source="mini", instructed=0.5, seed=1, tokenizer=tokenizer)
    assert len(plain) == 4 * 48 and not any(t.startswith("[INST]") for t in plain)
    instructed = [t for t in mixed if t.startswith("[INST] Write a ")]
    assert len(instructed) == 4 * 24 and len(mixed) == len(plain) + len(instructed)
    java = [t for t in instructed if t.startswith("[INST] Write a Java program")]
    assert len(java) == 24 and all(" [/INST] " in t for t in java)
    again = modeling.pretraining_texts(data_source="mini", instructed=0.5, seed=1, tokenizer=tokenizer)
    assert sorted(mixed) == sorted(again)
    with pytest.raises(ValueError, match="share of the records"):
        modeling.pretraining_texts(instructed=2.0)


def test_tiny_data_source_keeps_the_bundled_corpora(micro_profile):
    assert (
        modeling.tiny_data_source(micro_profile().replace(data_source="mini+generated")) == "mini+generated"
    )
    assert modeling.tiny_data_source(micro_profile().replace(data_source="hub")) == "mini"


def test_tiny_model_config_follows_profile(tokenizer, micro_profile):
    model_config = modeling.tiny_model_config(micro_profile(), tokenizer)
    shape = (model_config.hidden_size, model_config.num_hidden_layers, model_config.num_key_value_heads)
    assert shape == (64, 1, 1)
    assert model_config.vocab_size == len(tokenizer) and not model_config.tie_word_embeddings
    assert model_config.pad_token_id == tokenizer.pad_token_id != model_config.eos_token_id


def test_pretraining_blocks_shape_and_separators(tokenizer):
    blocks = modeling.pretraining_blocks(TEXTS, tokenizer, block_len=8)
    assert blocks.ndim == 2 and blocks.shape[1] == 8
    flat = blocks.flatten().tolist()
    assert flat[0] == tokenizer.bos_token_id and tokenizer.eos_token_id in flat
    with pytest.raises(ValueError, match="fewer than one block"):
        modeling.pretraining_blocks(["a"], tokenizer, block_len=64)


@pytest.mark.slow
def test_pretrain_lowers_the_loss(tokenizer, micro_profile):
    from transformers import MistralForCausalLM

    torch.manual_seed(0)
    model = MistralForCausalLM(modeling.tiny_model_config(micro_profile(), tokenizer))
    blocks = modeling.pretraining_blocks(TEXTS, tokenizer, block_len=16)
    losses = modeling.pretrain(model, blocks, steps=30, batch_size=4, lr=3e-3)
    assert len(losses) == 30 and sum(losses[-5:]) < sum(losses[:5])
    assert not model.training  # left in eval mode for generation


def test_training_program_is_runnable_source_without_comments():
    record = {"code": "def f ( x ) : NEW_LINE INDENT return x + 1 NEW_LINE DEDENT print ( f ( 1 ) )"}
    program = modeling.training_program(record, "python")
    assert program.startswith("def f(x):\n    return x + 1")
    assert "NEW_LINE" not in program


def test_ensure_base_model_hub_profile_downloads_nothing():
    source, losses = modeling.ensure_base_model(config.get_profile("paper"))
    assert source == "mistralai/Mistral-7B-Instruct-v0.2" and losses == []


def test_ensure_base_model_builds_once_then_reuses(tmp_path, monkeypatch, tokenizer, micro_profile):
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path)
    monkeypatch.setattr(modeling, "pretraining_texts", lambda **kwargs: TEXTS)
    profile = micro_profile()
    source, losses = modeling.ensure_base_model(profile, tokenizer)
    assert modeling.is_saved_model(source) and len(losses) == profile.tiny_pretrain_steps
    assert (tmp_path / "cpu-tiny" / "models" / "base" / "tokenizer.json").exists()
    monkeypatch.setattr(modeling, "build_tiny_base", lambda *a: pytest.fail("rebuilt the base"))
    assert modeling.ensure_base_model(profile, tokenizer) == (source, losses)


# --------------------------------------------------------------------------- loading, saving


def test_load_model_in_4bit_on_cpu(micro_dir):
    full = modeling.load_model(micro_dir, quantize=False)
    quantized = modeling.load_model(micro_dir, quantize=True)
    layer = quantized.model.layers[0].self_attn.q_proj
    assert type(layer).__name__ == "Linear4bit" and layer.weight.quant_state.quant_type == "nf4"
    assert modeling.parameter_count(quantized) == modeling.parameter_count(full)
    ids = torch.tensor([[1, 5, 9, 12]])
    with torch.no_grad():  # 4-bit weights stay close to the float32 ones
        diff = (full(ids).logits - quantized(ids).logits).abs().max()
    assert diff < 0.5


def test_4bit_layer_keeps_its_gradient_after_an_evaluation(micro_dir):
    """Regression: bitsandbytes' CPU repacking in eval mode used to drop the input gradient."""
    model = modeling.load_model(micro_dir, quantize=True)
    layer = model.model.layers[0].mlp.down_proj
    with torch.no_grad():
        layer(torch.randn(1, 3, layer.in_features))  # an evaluation, in eval mode
    layer.train()
    x = torch.randn(2, 3, layer.in_features, requires_grad=True)
    layer(x).sum().backward()
    import bitsandbytes.functional as bnb_functional

    weight = bnb_functional.dequantize_4bit(layer.weight.data, layer.weight.quant_state)
    expected = weight.sum(dim=0).expand_as(x)  # d(sum(x W^T))/dx = column sums of W
    assert x.grad is not None and torch.allclose(x.grad, expected, atol=1e-4)


def test_save_atomically_replaces_and_leaves_no_partial(tmp_path):
    class Writer:
        def __init__(self, text):
            self.text = text

        def save_pretrained(self, path):
            path.mkdir(parents=True)
            (path / "weights.txt").write_text(self.text)

    target = tmp_path / "model"
    modeling.save_atomically(Writer("one"), target)
    modeling.save_atomically(Writer("two"), target)
    assert (target / "weights.txt").read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["model"]


def test_a_failed_save_keeps_the_old_model_and_leaves_no_partial(tmp_path):
    class Broken:
        def save_pretrained(self, path):
            path.mkdir(parents=True)
            (path / "weights.txt").write_text("half")
            raise OSError("disk full")

    target = tmp_path / "model"
    target.mkdir()
    (target / "weights.txt").write_text("old")
    with pytest.raises(OSError, match="disk full"):
        modeling.save_atomically(Broken(), target)
    assert (target / "weights.txt").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["model"]


def test_bundle_saves_model_tokenizer_and_files(tmp_path, micro_dir, tokenizer):
    model = modeling.load_model(micro_dir, quantize=False)
    out = modeling.save_atomically(modeling.bundle(model, tokenizer, {"log.json": "[1]"}), tmp_path / "b")
    assert modeling.is_saved_model(out) and (out / "tokenizer.json").exists()
    assert json.loads((out / "log.json").read_text()) == [1]


def test_model_fingerprint_changes_with_the_weights(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"1234")
    first = modeling.model_fingerprint(folder)
    (folder / "model.safetensors").write_bytes(b"123456")
    assert modeling.model_fingerprint(folder) != first
    assert modeling.model_fingerprint("org/model") == "org/model"
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "model.safetensors").write_bytes(b"123456")  # other times, same bytes: same model
    assert modeling.model_fingerprint(copy) == modeling.model_fingerprint(folder)
    (copy / "model.safetensors").write_bytes(b"123457")
    assert modeling.model_fingerprint(copy) != modeling.model_fingerprint(folder)


# --------------------------------------------------------------------------- MoEs with 4-bit experts


@pytest.fixture(scope="module")
def moe_dir(tmp_path_factory):
    """A saved tiny random Mixtral (the architecture mergekit-moe writes), 4 experts, top-2."""
    from transformers import MixtralConfig, MixtralForCausalLM

    torch.manual_seed(0)
    model = MixtralForCausalLM(
        MixtralConfig(
            vocab_size=120,
            hidden_size=64,
            intermediate_size=128,
            num_hidden_layers=2,
            num_attention_heads=4,
            num_key_value_heads=2,
            num_local_experts=4,
            num_experts_per_tok=2,
            sliding_window=None,
        )
    )
    path = tmp_path_factory.mktemp("moe") / "moe-hidden"
    model.save_pretrained(path)
    return path


def test_moe_experts_load_packed_in_nf4(moe_dir):
    full = modeling.load_model(moe_dir, quantize=False)
    moe = modeling.load_model(moe_dir, quantize=False, experts_4bit=True)
    for layer in moe.model.layers:
        for name in ("gate_up_proj", "down_proj"):
            assert moe_4bit.is_4bit_parametrized(layer.mlp.experts, name)
            packed = layer.mlp.experts.parametrizations[name].original
            shape = getattr(full.model.layers[0].mlp.experts, name).shape  # (experts, out, in)
            assert packed.dtype == torch.uint8 and getattr(layer.mlp.experts, name).shape == shape
            assert packed.numel() * packed.element_size() == math.prod(shape) * 4 / 8  # 1/8 of float32
    assert not moe_4bit.is_4bit_parametrized(moe.model.layers[0].self_attn.q_proj, "weight")
    assert modeling.parameter_count(moe) == modeling.parameter_count(full)
    assert len(moe_4bit.moe_experts_modules(moe)) == 2


def test_moe_4bit_logits_are_the_dequantised_models_and_close_to_float32(moe_dir):
    import bitsandbytes.functional as bnb_functional

    full = modeling.load_model(moe_dir, quantize=False)
    moe = modeling.load_model(moe_dir, quantize=False, experts_4bit=True)
    ids = torch.tensor([[1, 5, 9, 12, 40, 77], [3, 3, 8, 100, 2, 6]])
    reference = modeling.load_model(moe_dir, quantize=False)  # experts set to NF4's round trip by hand
    with torch.no_grad():
        for layer in reference.model.layers:
            for name in ("gate_up_proj", "down_proj"):
                weight = getattr(layer.mlp.experts, name)
                packed, state = bnb_functional.quantize_4bit(weight.data, quant_type="nf4")
                weight.copy_(bnb_functional.dequantize_4bit(packed, state))
        logits = moe(ids).logits
        torch.testing.assert_close(logits, reference(ids).logits, atol=1e-5, rtol=1e-5)
        exact = full(ids).logits
    # NF4's rounding error on random weights: measured 2 % of the largest logit; allowed 5 %
    assert (logits - exact).abs().max() < 0.05 * exact.abs().max()
    out = moe.generate(ids[:1], max_new_tokens=4, do_sample=False)
    assert out.shape == (1, 10)


def test_moe_4bit_with_quantized_linear_layers(moe_dir):
    moe = modeling.load_model(moe_dir, quantize=True, experts_4bit=True)
    attention = moe.model.layers[0].self_attn.q_proj
    assert moe_4bit.is_4bit_parametrized(attention, "weight")
    assert not moe_4bit.is_4bit_parametrized(moe.lm_head, "weight")  # as bitsandbytes leaves it
    import bitsandbytes.functional as bnb_functional

    bnb = modeling.load_model(moe_dir, quantize=True)  # transformers' Linear4bit, 16-bit experts
    linear = bnb.model.layers[0].self_attn.q_proj
    same = bnb_functional.dequantize_4bit(linear.weight.data, linear.weight.quant_state)
    torch.testing.assert_close(attention.weight, same, atol=0, rtol=0)  # the same NF4 + double quant
    full = modeling.load_model(moe_dir, quantize=False)
    ids = torch.tensor([[1, 5, 9, 12]])
    with torch.no_grad():
        diff = (full(ids).logits - moe(ids).logits).abs().max()
    assert diff < 0.5  # as test_load_model_in_4bit_on_cpu allows for the dense model


def test_router_only_backward_through_4bit_experts(moe_dir):
    from helpers import router_modules

    moe = modeling.load_model(moe_dir, quantize=False, experts_4bit=True)
    routers = router_modules.install_routers(moe, "topk", 2)
    router_modules.freeze_all_but_routers(moe)
    moe.train()
    ids = torch.tensor([[1, 5, 9, 12, 40, 77]])
    moe(input_ids=ids, labels=ids).loss.backward()
    assert all(r.weight.grad is not None and r.weight.grad.abs().sum() > 0 for r in routers)
    experts = moe_4bit.moe_experts_modules(moe)
    assert all(p.grad is None and not p.requires_grad for m in experts for p in m.parameters())


def test_experts_4bit_leaves_a_dense_model_as_it_was(micro_dir):
    dense = modeling.load_model(micro_dir, quantize=False, experts_4bit=True)
    assert moe_4bit.moe_experts_modules(dense) == []
    assert not moe_4bit.is_4bit_parametrized(dense.model.layers[0].mlp.down_proj, "weight")


def test_free_memory_collects_a_model_held_in_a_cycle():
    import gc
    import weakref

    class Holder:
        pass

    holder = Holder()
    holder.self, holder.weight = holder, torch.zeros(1000)
    alive = weakref.ref(holder)
    gc.disable()  # no automatic collection in between
    try:
        del holder
        assert modeling.free_memory(enabled=False) == modeling.free_memory(enabled=False)
        assert alive() is not None  # a reference cycle outlives `del`
        used = modeling.free_memory()
        assert alive() is None
    finally:
        gc.enable()
    assert used == {} if not torch.cuda.is_available() else set(used) == {"gpu_allocated_gb"}
