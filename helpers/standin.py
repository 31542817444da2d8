"""Stand-in base models for CPU rehearsals of the GPU profiles: small, built here, and shaped like
the real model (its architecture family, config values and tokenizer conventions).

A rehearsal (`config.rehearsal_profile`) runs every notebook with a GPU profile's code path on a
CPU. Its base model `standin:<Hub id>` is built by notebook 02 like cpu-tiny's: the real model's
shipped config.json (helpers/model_configs) with the widths, depth and vocabulary cut down, and a
byte-level BPE tokenizer trained on the bundled corpus with the real tokenizer's special tokens, ids,
BOS behaviour and chat template. So the rehearsal meets what the real model brings: SmolLM2's
tied embeddings and ChatML template with its default system prompt, Mistral's untied embeddings,
grouped-query attention, `[INST]` template and a tokenizer that adds `<s>` itself.
"""

from __future__ import annotations

from dataclasses import dataclass

# SmolLM2-1.7B-Instruct's template (tokenizer_config.json): ChatML, with a system prompt when none is given.
SMOLLM2_CHAT_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face"
    "<|im_end|>\\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + "
    "'<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}"
    "{% endif %}"
)
# Mistral-7B-Instruct-v0.2's template: `<s>[INST] ... [/INST]answer</s>` (the markers are plain text).
MISTRAL_CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"
    "{% endif %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}"
    "{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token }}"
    "{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}"
    "{% endfor %}"
)


@dataclass(frozen=True)
class TokenizerConventions:
    """What a real tokenizer does that the code must handle: its special tokens, ids and template."""

    special_tokens: tuple[str, ...]  # in id order from 0, as in the real vocabulary
    bos_token: str
    eos_token: str
    unk_token: str
    pad_token: str | None  # None: the real tokenizer has none (load_tokenizer uses the EOS)
    chat_template: str
    adds_bos: bool  # whether encoding a text puts the BOS id in front


CONVENTIONS: dict[str, TokenizerConventions] = {
    "HuggingFaceTB/SmolLM2-1.7B-Instruct": TokenizerConventions(
        ("<|endoftext|>", "<|im_start|>", "<|im_end|>"),
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        unk_token="<|endoftext|>",
        pad_token="<|im_end|>",  # eos = pad = 2
        chat_template=SMOLLM2_CHAT_TEMPLATE,
        adds_bos=False,
    ),
    "mistralai/Mistral-7B-Instruct-v0.2": TokenizerConventions(
        ("<unk>", "<s>", "</s>"),
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token=None,
        chat_template=MISTRAL_CHAT_TEMPLATE,
        adds_bos=True,
    ),
}

# The stand-in's size; widths keep the real model's ratios (MLP width, query heads per key head).
STANDIN_HIDDEN = 64
STANDIN_LAYERS = 2
STANDIN_HEADS = 4
STANDIN_VOCAB = 1024
STANDIN_PRETRAIN = {"steps": 100, "batch_size": 8, "lr": 3e-3, "block_len": 256}


def real_model_id(base_model: str) -> str:
    """The Hub id a `standin:<Hub id>` base model stands in for (ValueError if it is not one)."""
    from helpers.config import STANDIN_PREFIX

    real = base_model.removeprefix(STANDIN_PREFIX)
    if not base_model.startswith(STANDIN_PREFIX) or real not in CONVENTIONS:
        accepted = ", ".join(STANDIN_PREFIX + name for name in CONVENTIONS)
        raise ValueError(f"No stand-in for base model {base_model!r}; accepted: {accepted}.")
    return real


def build_tokenizer(real_id: str, texts: list[str], vocab_size: int = STANDIN_VOCAB):
    """A byte-level BPE tokenizer trained on `texts` with the real tokenizer's conventions."""
    from tokenizers import processors

    from helpers.modeling import train_tokenizer

    rules = CONVENTIONS[real_id]
    names = {"bos_token": rules.bos_token, "eos_token": rules.eos_token, "unk_token": rules.unk_token}
    if rules.pad_token:
        names["pad_token"] = rules.pad_token
    tokenizer = train_tokenizer(
        texts,
        vocab_size,
        special_tokens=rules.special_tokens,
        names=names,
        chat_template=rules.chat_template,
        markers=(),
    )
    if rules.adds_bos:
        bos_id = tokenizer.convert_tokens_to_ids(rules.bos_token)
        tokenizer.backend_tokenizer.post_processor = processors.TemplateProcessing(
            single=f"{rules.bos_token} $A",
            pair=f"{rules.bos_token} $A $B",
            special_tokens=[(rules.bos_token, bos_id)],
        )
    return tokenizer


def standin_config(real_id: str, tokenizer, max_positions: int):
    """The real model's config with widths, depth and vocabulary cut down (ratios kept)."""
    from helpers.plan.models import load_base_config

    real = load_base_config(real_id)
    query_per_kv = real.num_attention_heads // real.num_key_value_heads
    real.update(
        {
            "hidden_size": STANDIN_HIDDEN,
            "intermediate_size": STANDIN_HIDDEN * real.intermediate_size // real.hidden_size,
            "num_hidden_layers": STANDIN_LAYERS,
            "num_attention_heads": STANDIN_HEADS,
            "num_key_value_heads": max(1, STANDIN_HEADS // query_per_kv),
            "head_dim": STANDIN_HIDDEN // STANDIN_HEADS,
            "vocab_size": len(tokenizer),
            "max_position_embeddings": max_positions,
            "bos_token_id": tokenizer.bos_token_id,
            "eos_token_id": tokenizer.eos_token_id,
            "pad_token_id": tokenizer.pad_token_id,
        }
    )
    return real


def build_base(profile, tokenizer, texts: list[str]) -> tuple[object, list[float]]:
    """The stand-in for `profile.base_model`, briefly pre-trained on `texts`; returns it and its losses."""
    import torch
    from transformers import AutoModelForCausalLM

    from helpers import modeling

    real_id = real_model_id(profile.base_model)
    torch.manual_seed(profile.seed)
    model_config = standin_config(real_id, tokenizer, max(profile.max_seq_len, 1024))
    model = AutoModelForCausalLM.from_config(model_config)
    blocks = modeling.pretraining_blocks(texts, tokenizer, STANDIN_PRETRAIN["block_len"])
    losses = modeling.pretrain(
        model,
        blocks,
        STANDIN_PRETRAIN["steps"],
        STANDIN_PRETRAIN["batch_size"],
        STANDIN_PRETRAIN["lr"],
        profile.seed,
    )
    return model, losses
