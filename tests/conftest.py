"""Fixtures shared by the test modules: a micro profile, a micro tokenizer and model, and tiny
random base + expert models for the merge and MoE tests. Everything is built locally, offline."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from helpers import config

LANGUAGES = tuple(config.LANGUAGES)
MICRO_TEXTS = [
    "def add(a, b):\n    return a + b\n",
    "int main() { return 0; }\n",
    "console.log(1 + 2);\n",
    "class GFG { static int f(int n) { return n * 2; } }\n",
    "Write a Python program to complete the following. Add two numbers",
] * 4
# cpu-tiny with every dimension shrunk: a model builds and trains a few steps in about a second.
MICRO_SIZES = dict(
    tiny_hidden_size=64,
    tiny_layers=1,
    tiny_intermediate_size=128,
    tiny_heads=2,
    tiny_kv_heads=1,
    tiny_vocab_size=300,
    tiny_block_len=16,
    tiny_pretrain_batch=2,
    tiny_pretrain_steps=3,
    max_seq_len=1024,
    finetune_steps=4,
    checkpoint_steps=2,
    packed_rows_per_step=1,
    batch_size=2,
    lr=1e-3,
)


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: unused under -p no:xdist
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` (make test) hands out the longest test files first (see tests/scheduling.py)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from scheduling import make_scheduler

    return make_scheduler(config, log)


@pytest.fixture(scope="session")
def micro_profile():
    """A function: the micro profile, with any field overridden (`micro_profile(lr=0.1)`)."""

    def make(**overrides) -> config.Profile:
        return config.get_profile("cpu-tiny", **{**MICRO_SIZES, **overrides})

    return make


@pytest.fixture(scope="session")
def micro_records():
    """Six Python training records of the bundled mini corpus."""
    from helpers import data

    return data.load_xlcost("python", "train", data_source="mini", limit=6)


@pytest.fixture(scope="session")
def tokenizer(micro_records):
    """A 300-token byte-level BPE tokenizer with the workbook's chat template."""
    from helpers import modeling

    programs = [modeling.training_program(r, "python") for r in micro_records]
    return modeling.train_tokenizer(MICRO_TEXTS + programs, vocab_size=300)


@pytest.fixture(scope="session")
def micro_dir(tmp_path_factory, tokenizer, micro_profile):
    """A saved micro MistralForCausalLM (random weights, seeded) with its tokenizer."""
    from transformers import MistralForCausalLM

    from helpers import modeling

    torch.manual_seed(0)
    model = MistralForCausalLM(modeling.tiny_model_config(micro_profile(), tokenizer))
    return modeling.save_atomically(
        modeling.bundle(model, tokenizer), tmp_path_factory.mktemp("micro") / "base"
    )


def make_tiny_models(root: Path, scale: float = 0.02) -> tuple[Path, dict[str, Path]]:
    """A tiny random MistralForCausalLM as base and four perturbed copies as experts, with a tokenizer."""
    from transformers import MistralConfig, MistralForCausalLM

    from helpers.modeling import train_tokenizer

    texts = [
        "def f(x):\n    return x\n",
        "public class A { int f() { return 1; } }",
        "function f(x) { return x; }",
        "int main() { return 0; }",
        "Write a Python program",
    ] * 4
    tokenizer = train_tokenizer(texts, vocab_size=300)
    model_config = MistralConfig(
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        vocab_size=len(tokenizer),
        tie_word_embeddings=False,
        sliding_window=None,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(0)
    base = MistralForCausalLM(model_config)
    base_dir = root / "base"
    base.save_pretrained(base_dir)
    tokenizer.save_pretrained(base_dir)
    experts = {}
    for index, language in enumerate(LANGUAGES):
        generator = torch.Generator().manual_seed(index + 1)
        expert = MistralForCausalLM(model_config)
        expert.load_state_dict(base.state_dict())
        with torch.no_grad():  # a different change of attention and MLP weights per expert
            for name, param in expert.named_parameters():
                if "mlp" in name or "self_attn" in name:
                    param.add_(scale * torch.randn(param.shape, generator=generator))
        experts[language] = root / "experts" / language
        expert.save_pretrained(experts[language])
        tokenizer.save_pretrained(experts[language])
    return base_dir, experts


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory):
    """{root, base, experts, tokenizer}: tiny random base and expert folders (see make_tiny_models)."""
    from transformers import AutoTokenizer

    root = tmp_path_factory.mktemp("tiny")
    base_dir, experts = make_tiny_models(root)
    return {
        "root": root,
        "base": base_dir,
        "experts": experts,
        "tokenizer": AutoTokenizer.from_pretrained(base_dir),
    }


@pytest.fixture
def sandbox_parent(monkeypatch, tmp_path_factory):
    """Put every sandbox directory in a folder of our own and check that it ends up empty
    (the sandbox tests use it: `pytestmark = pytest.mark.usefixtures("sandbox_parent")`)."""
    import os
    import secrets
    import shutil
    import tempfile

    tmp_path_factory.getbasetemp()  # pytest's own temporary folders stay where they were
    parent = Path(tempfile.gettempdir()) / f"moe-exec-test-{secrets.token_hex(4)}"
    parent.mkdir(mode=0o711)
    os.chmod(parent, 0o711)  # the sandbox uid must be able to pass through
    monkeypatch.setattr(tempfile, "tempdir", str(parent))
    yield parent
    left = list(parent.iterdir())
    shutil.rmtree(parent, ignore_errors=True)
    assert left == [], f"sandbox directories left behind: {left}"
