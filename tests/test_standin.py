"""Stand-in base models: the real models' architecture family, config values and tokenizer conventions."""

from __future__ import annotations

import pytest

from helpers import config, modeling, prompts, standin

SMOLLM2 = "HuggingFaceTB/SmolLM2-1.7B-Instruct"
MISTRAL = "mistralai/Mistral-7B-Instruct-v0.2"
TEXTS = ["def f(x):\n    return x + 1\n", "int main() { return 0; }\n", "print('hello')\n"] * 20


@pytest.fixture(scope="module")
def tokenizers():
    return {real: standin.build_tokenizer(real, TEXTS, vocab_size=400) for real in (SMOLLM2, MISTRAL)}


def test_smollm2_conventions(tokenizers):
    tokenizer = tokenizers[SMOLLM2]
    # as SmolLM2's tokenizer: <|endoftext|> 0, BOS <|im_start|> 1, EOS = PAD <|im_end|> 2, no BOS added
    assert tokenizer.convert_ids_to_tokens([0, 1, 2]) == ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    assert (tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token_id) == (1, 2, 2)
    assert not prompts.adds_bos(tokenizer)
    assert prompts.chat_prompt("Add one.", "python", tokenizer) == (
        "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
        "<|im_start|>user\nWrite a Python program to complete the following. Add one.<|im_end|>\n"
        "<|im_start|>assistant\n"
    )


def test_mistral_conventions(tokenizers):
    tokenizer = tokenizers[MISTRAL]
    assert tokenizer.convert_ids_to_tokens([0, 1, 2]) == ["<unk>", "<s>", "</s>"]
    assert (tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token) == (1, 2, None)
    assert prompts.adds_bos(tokenizer)  # Mistral's tokenizer puts <s> in front of every text
    assert tokenizer("x", add_special_tokens=False)["input_ids"][:1] != [1]
    prompt = prompts.chat_prompt("Add one.", "python", tokenizer)
    assert prompt == "<s>[INST] Write a Python program to complete the following. Add one. [/INST]"
    assert "[INST]" not in tokenizer.convert_ids_to_tokens(tokenizer(prompt)["input_ids"])  # plain text


def test_configs_keep_the_real_families_ratios(tokenizers):
    llama = standin.standin_config(SMOLLM2, tokenizers[SMOLLM2], 1024)
    assert (
        llama.model_type == "llama"
        and llama.tie_word_embeddings
        and llama.rope_parameters["rope_theta"] == 130000
    )
    assert llama.intermediate_size == 4 * llama.hidden_size  # 8192 / 2048
    assert llama.num_key_value_heads == llama.num_attention_heads  # SmolLM2: 32 query, 32 key heads
    mistral = standin.standin_config(MISTRAL, tokenizers[MISTRAL], 1024)
    assert mistral.model_type == "mistral" and not mistral.tie_word_embeddings
    assert mistral.rope_parameters["rope_theta"] == 1e6 and mistral.sliding_window is None
    assert mistral.intermediate_size == 3.5 * mistral.hidden_size  # 14336 / 4096
    assert mistral.num_attention_heads == 4 * mistral.num_key_value_heads  # 32 / 8, grouped-query
    assert mistral.vocab_size == len(tokenizers[MISTRAL]) and mistral.pad_token_id is None


def test_the_base_model_names_a_known_real_model():
    assert standin.real_model_id("standin:" + MISTRAL) == MISTRAL
    with pytest.raises(ValueError, match="No stand-in for base model 'standin:gpt2'; accepted: standin:"):
        standin.real_model_id("standin:gpt2")


@pytest.mark.parametrize("name,model_type", [("colab-t4-rehearsal", "llama"), ("paper-rehearsal", "mistral")])
def test_a_rehearsal_builds_its_stand_in_once(name, model_type, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path)
    monkeypatch.setitem(standin.STANDIN_PRETRAIN, "steps", 2)
    profile = config.get_profile(name)
    tokenizer = modeling.load_tokenizer(profile)
    source, losses = modeling.ensure_base_model(profile, tokenizer)
    assert len(losses) == 2 and modeling.is_saved_model(source)
    model = modeling.load_model(source, quantize=True)  # 4-bit, as the profile loads it
    assert model.config.model_type == model_type and model.config.hidden_size == standin.STANDIN_HIDDEN
    assert modeling.ensure_base_model(profile, tokenizer) == (source, losses)  # cached, not rebuilt
