"""The colab-t4 rehearsal: every notebook with colab-t4's code path on this CPU, on a base model
folder made here with transformers alone (SmolLM2's shape: Llama, tied embeddings, ChatML with a
system prompt), passed as --base-model as a user with a downloaded model would.

One pipeline run for the module; then the checks read its summary and metrics.json files.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from notebook_anatomy import NOTEBOOKS_DIR

REPO = NOTEBOOKS_DIR.parent
ARTIFACTS = REPO.parent / "shared" / "paper-artifacts"
CHATML = (  # SmolLM2-1.7B-Instruct's chat template
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face"
    "<|im_end|>\\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + "
    "'<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}"
    "{% endif %}"
)
HIDDEN = 48

pytestmark = pytest.mark.slow


def smollm2_shaped_model(folder):
    """A randomly initialised Llama with SmolLM2's conventions, made without the workbook's code."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    core = Tokenizer(models.BPE())
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    core.decoder = decoders.ByteLevel()
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    sample = [path.read_text() for path in sorted((REPO / "helpers").glob("*.py"))]
    trainer = trainers.BpeTrainer(
        vocab_size=600, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    core.train_from_iterator(sample, trainer=trainer)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core,
        bos_token=specials[1],
        eos_token=specials[2],
        pad_token=specials[2],
        unk_token=specials[0],
    )
    tokenizer.chat_template = CHATML
    torch.manual_seed(0)
    model = LlamaForCausalLM(
        LlamaConfig(
            vocab_size=len(tokenizer),
            hidden_size=HIDDEN,
            intermediate_size=4 * HIDDEN,
            num_hidden_layers=2,
            num_attention_heads=4,
            num_key_value_heads=4,
            tie_word_embeddings=True,
            rope_theta=130000,
            bos_token_id=1,
            eos_token_id=2,
            pad_token_id=2,
        )
    )
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return sum(p.numel() for p in model.parameters())


@pytest.fixture(scope="module")
def rehearsal(tmp_path_factory):
    root = tmp_path_factory.mktemp("rehearsal")
    parameters = smollm2_shaped_model(root / "my-model")
    command = [
        sys.executable,
        "-m",
        "helpers.pipeline",
        "--profile",
        "colab-t4",
        "--rehearse",
        "--base-model",
        str(root / "my-model"),
        "--runs-dir",
        str(root / "runs"),
    ]
    if ARTIFACTS.is_dir():
        command += ["--param", f"ARTIFACTS={ARTIFACTS}"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    run = root / "runs" / "colab-t4-rehearsal"
    return run, parameters, root / "my-model"


def metrics(run, stage):
    return json.loads((run / stage / "metrics.json").read_text())


def test_every_notebook_ran_and_wrote_its_metrics(rehearsal):
    run, _, _ = rehearsal
    summary = json.loads((run / "pipeline_summary.json").read_text())
    notebooks = sorted(path.stem for path in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    assert len(summary) == len(notebooks) + 3  # 03 runs once per language
    for stage in summary:
        assert stage["status"] == "done", stage
        assert metrics(run, stage["stage"])["profile"] == "colab-t4-rehearsal"
        # the kernel's peak: torch and transformers take ~0.5 GB; these models a few MB
        assert 0.1 < stage["peak_rss_gb"] < 3.0, stage


def test_the_given_base_model_is_the_one_used(rehearsal):
    run, parameters, folder = rehearsal
    base = metrics(run, "02_base_model")
    assert base["base_model"] == str(folder) and base["parameters"] == parameters
    assert not (run / "models" / "base").exists()  # no stand-in was built
    assert metrics(run, "05_moe_assembly")["router_shape"] == {"experts": 4, "hidden": HIDDEN}


def test_colab_t4_settings_with_rehearsal_sizes(rehearsal):
    run, _, _ = rehearsal
    for language in ("python", "java", "javascript", "cpp"):
        expert = metrics(run, f"03_qlora_finetune-{language}")
        assert expert["train_steps"] == 6 and expert["resumed_from"] is None
        assert expert["trainable_parameters"] > 0
    routers = metrics(run, "06_router_training")
    assert routers["router_steps"] == 4 and routers["router_batch_size"] == 2
    prompt = json.loads((run / "02_base_model" / "predictions_python.jsonl").open().readline())["prompt"]
    assert prompt.startswith("<|im_start|>system\nYou are a helpful AI assistant named SmolLM")


def test_only_small_artifacts_remain_after_the_run(rehearsal):
    """colab-t4 keeps no large model: each was deleted after its last use, and the notebooks after
    it rebuilt what they needed from the adapters, recipes and routers that stay."""
    run, _, _ = rehearsal
    models = run / "models"
    left = sorted(p.parent.name for p in models.rglob("*_recipe.json") if (p.parent / "config.json").exists())
    assert left == [], left  # no expert, merge or MoE folder remains
    for language in ("python", "java", "javascript", "cpp"):
        assert (models / "adapters" / language / "adapter_model.safetensors").is_file()
    for system in ("ties", "slerp-python-java", "slerp-tree", "moe-hidden", "moe-cheap_embed", "moe-random"):
        assert (models / "recipes" / system).is_dir(), system
    assert (models / "recipes" / "moe-hidden" / "routers.safetensors").is_file()
    trained = sorted(models.glob("moe-trained-*"))
    assert len(trained) == 3 and all((p / "router_gates.safetensors").is_file() for p in trained)
    # 06 and 07 ran on models 05 and 04 had deleted: rebuilt on demand
    systems = metrics(run, "07_evaluate")["systems"]
    assert {"ties", "slerp-tree", "moe-hidden", "moe-random", *(p.name for p in trained)} <= set(systems)
