"""helpers.prompts: the paper's prompt string, chat-template prompts and where `<s>` goes."""

from __future__ import annotations

import json

import pytest

from helpers import finetune, modeling, moe, prompts
from helpers.config import REPO_ROOT

ARTIFACTS = REPO_ROOT.parent / "shared" / "paper-artifacts" / "code"
needs_artifacts = pytest.mark.skipif(
    not ARTIFACTS.is_dir(), reason=f"paper artifacts not found at {ARTIFACTS}"
)
TEXTS = ["def add(a, b):\n    return a + b\n", "Write a Python program to complete the following. Add"] * 4


@pytest.fixture(scope="module")
def tokenizer():
    """A tiny tokenizer with the paper's chat template (it does not add `<s>` by itself)."""
    return modeling.train_tokenizer(TEXTS, vocab_size=300)


class AddsBos:
    """Stands in for a Hub tokenizer (Llama, SmolLM2) that puts `<s>` in front of every text."""

    bos_token, bos_token_id = "<s>", 1

    def __call__(self, text):
        return {"input_ids": [1, 7]}

    def apply_chat_template(self, messages, **kwargs):
        return f"<s>[INST] {messages[0]['content']} [/INST]"


@needs_artifacts
def test_paper_prompt_reproduces_the_published_prompts():
    rows = [
        json.loads(line)
        for line in (ARTIFACTS / "MOE" / "MOE_prompts.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    head = "Write a {} program to complete the following. "
    for row in rows:
        prompt, expert = row["prompt"], row["expert"]
        start = prompt.index(head.format(expert)) + len(head.format(expert))
        text = prompt[start : prompt.rindex(" [/INST]")]
        assert prompts.paper_prompt(text, expert) == prompt


def test_paper_prompt_known_answer():
    assert prompts.paper_prompt("Sum of two numbers | Driver code", "C++") == (
        "<s>[INST] Write a C++ program to complete the following. Sum of two numbers | Driver code "
        "[/INST] \\n </s>"
    )
    assert prompts.instruction("Add", "js") == "Write a Javascript program to complete the following. Add"


def test_chat_prompt_uses_the_tokenizer_template():
    class FakeTokenizer:
        def apply_chat_template(self, messages, tokenize, add_generation_prompt):
            self.seen = (messages, tokenize, add_generation_prompt)
            return "<chat>" + messages[0]["content"]

    tokenizer = FakeTokenizer()
    assert (
        prompts.chat_prompt("Add", "python", tokenizer)
        == "<chat>Write a Python program to complete the following. Add"
    )
    assert tokenizer.seen == (
        [{"role": "user", "content": prompts.instruction("Add", "python")}],
        False,
        True,
    )


def test_prompt_for_styles(tokenizer):
    assert prompts.prompt_for("Add", "python", tokenizer, "chat").startswith("<s>[INST] Write a Python")
    assert prompts.prompt_for("Add", "java", tokenizer, "paper").endswith("[/INST] \\n </s>")
    with pytest.raises(ValueError, match="chat, paper"):
        prompts.prompt_for("Add", "java", tokenizer, "alpaca")


def test_the_tiny_tokenizer_renders_the_paper_format(tokenizer):
    assert tokenizer.chat_template == prompts.PAPER_CHAT_TEMPLATE
    messages = [{"role": "user", "content": "Add"}, {"role": "assistant", "content": "x = 1"}]
    assert tokenizer.apply_chat_template(messages, tokenize=False) == "<s>[INST] Add [/INST] x = 1</s>"


def test_bos_detection_and_stripping(tokenizer):
    assert prompts.adds_bos(AddsBos()) and not prompts.adds_bos(tokenizer)
    assert prompts.strip_bos("<s>[INST] Add [/INST]", tokenizer) == "[INST] Add [/INST]"
    assert prompts.strip_bos("[INST] Add [/INST]", tokenizer) == "[INST] Add [/INST]"
    assert prompts.strip_bos("x<s>", tokenizer) == "x<s>"  # only a leading one

    class NoBos:
        bos_token = None

    assert prompts.strip_bos("<s>x", NoBos()) == "<s>x"


# Prompts written before the prompt code moved out of helpers.data, generate, finetune and moe
# (issue #9): the same texts must give byte-identical prompts.
PINNED_TEXTS = {
    "python": "Sum of two numbers | Driver code",
    "java": "Check if a number is prime | Java program",
    "javascript": 'Print "Hello" ▁ with <br> | JS',
    "cpp": "Count 'a' \\n in a string",
}
PINNED_PAPER = {
    "python": "<s>[INST] Write a Python program to complete the following. Sum of two numbers | "
    "Driver code [/INST] \\n </s>",
    "java": "<s>[INST] Write a Java program to complete the following. Check if a number is prime "
    "| Java program [/INST] \\n </s>",
    "javascript": '<s>[INST] Write a Javascript program to complete the following. Print "Hello" ▁ '
    "with <br> | JS [/INST] \\n </s>",
    "cpp": "<s>[INST] Write a C++ program to complete the following. Count 'a' \\n in a string "
    "[/INST] \\n </s>",
}


@pytest.mark.parametrize("language", list(PINNED_TEXTS))
def test_prompts_are_byte_identical_to_before_the_move(language, tokenizer):
    text = PINNED_TEXTS[language]
    paper, chat = PINNED_PAPER[language], PINNED_PAPER[language].removesuffix(" \\n </s>")
    assert prompts.paper_prompt(text, language) == paper
    assert prompts.prompt_for(text, language, tokenizer, "paper") == paper
    assert prompts.chat_prompt(text, language, tokenizer) == chat
    assert prompts.prompt_for(text, language, tokenizer, "chat") == chat
    record = {"text": text, "code": "x = 1"}
    # fine-tuning keeps `<s>` for a tokenizer that does not add it, drops it for one that does
    assert finetune.sft_examples([record], language, tokenizer)[0]["prompt"] == chat
    assert finetune.sft_examples([record], language, AddsBos())[0]["prompt"] == chat.removeprefix("<s>")
    # routing prompts never carry `<s>`: mergekit adds it
    assert moe.expert_prompts([record], language, tokenizer) == [chat.removeprefix("<s>")]
