"""Every prompt the workbook writes: the paper's instruction, its prompt string, the chat template.

The paper asked 'Write a {display} program to complete the following. {text}' inside Mistral's
`<s>[INST] ... [/INST]` format; its prompt file spells that out with a literal backslash-n after
`[/INST]` (`paper_prompt`). The workbook's own runs put the same instruction into the tokenizer's
chat template (`chat_prompt`); the cpu-tiny tokenizer's template is the paper's format
(`PAPER_CHAT_TEMPLATE`).

Where the leading `<s>` (BOS) goes: a chat template writes it as text, and generation tokenizes
prompts without adding special tokens, so a generation prompt keeps it. trl (fine-tuning) tokenizes
prompts with the tokenizer's own special tokens and mergekit (routing prompts) adds the BOS itself,
so those prompts go without it (`strip_bos`), or a model would see `<s>` twice.
"""

from __future__ import annotations

from helpers.config import get_language

PROMPT_STYLES = ("chat", "paper")  # the tokenizer's chat template, or the paper's exact string

# The paper's instruction format as a chat template: `<s>[INST] {instruction} [/INST] {code}</s>`.
PAPER_CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "{% if message['role'] == 'user' %}[INST] {{ message['content'] }} [/INST]"
    "{% elif message['role'] == 'assistant' %} {{ message['content'] }}{{ eos_token }}"
    "{% endif %}{% endfor %}"
)


def instruction(text: str, language: str) -> str:
    """The paper's instruction: 'Write a {display} program to complete the following. {text}'."""
    return f"Write a {get_language(language).display} program to complete the following. {text}"


def paper_prompt(text: str, language: str) -> str:
    """The paper's exact prompt string (Mistral [INST] format with a literal backslash-n)."""
    return f"<s>[INST] {instruction(text, language)} [/INST] \\n </s>"


def chat_prompt(text: str, language: str, tokenizer) -> str:
    """The instruction in the tokenizer's own chat template, ready for generation."""
    messages = [{"role": "user", "content": instruction(text, language)}]
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)


def prompt_for(text: str, language: str, tokenizer, style: str = "chat") -> str:
    """The prompt of one task: 'chat' (the tokenizer's template) or 'paper' (the paper's string)."""
    if style == "chat":
        return chat_prompt(text, language, tokenizer)
    if style == "paper":
        return paper_prompt(text, language)
    raise ValueError(f"Unknown prompt style {style!r}; valid: {', '.join(PROMPT_STYLES)}.")


def adds_bos(tokenizer) -> bool:
    """Whether the tokenizer puts its BOS id in front of every text it encodes."""
    return tokenizer("x")["input_ids"][:1] == [tokenizer.bos_token_id]


def strip_bos(prompt: str, tokenizer) -> str:
    """The prompt without the tokenizer's BOS text at its start, for a reader that adds the BOS."""
    bos = tokenizer.bos_token
    return prompt[len(bos) :] if bos and prompt.startswith(bos) else prompt
