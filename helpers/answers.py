"""From a model's raw answer to the program it contains: the one rule for cutting code out of text.

Generation stores `answer_to_program(answer)` as the prediction, CodeBLEU scores it and the
execution checks run it, so the code that is scored is the code that is run. The steps:
1. cut at the first stop string (a new instruction, or special tokens spelled out as text);
2. remove an echoed instruction (and the paper's literal "\\n") from the start;
3. keep the code of a markdown fence when there is one: ``` or ~~~ of any length, the block
   tagged with the language first, else the first block; an unclosed fence runs to the end;
4. drop prose after the code ("Output:", "This program ..."), and for Java and C++ whatever
   follows the last top-level `}` without braces or semicolons.
The rule is idempotent: a program it returned comes back unchanged, so applying it again when
scoring or running an already cut prediction changes nothing.
"""

from __future__ import annotations

import re
import textwrap

from helpers.config import get_language

__all__ = [
    "STOP_STRINGS",
    "answer_to_program",
    "answers_to_programs",
    "cut_at_stop",
    "cut_trailing_prose",
    "fenced_code",
    "strip_echo",
]

# Text that never belongs to an answer: the start of a new instruction or turn, or special tokens
# that a tokenizer without them spelled out as text; Mistral's [INST] format and ChatML (SmolLM2).
STOP_STRINGS = ("[INST]", "[/INST]", "</s>", "<s>", "<|im_start|>", "<|im_end|>")
# Lines that start the model's prose after the code ("Output:", "Explanation", "This program ...").
# Indented too: answers often indent every line after the first. Inside a docstring or block
# comment such a line is not prose (see _inside_comment_or_string).
_PROSE_LINE = re.compile(
    r"^\s*(?:Output|Explanation|Note|Example|Time [Cc]omplexity|Space [Cc]omplexity|Input)\b.*:?"
    r"|^\s*(?:This|The|In this|Here)\s+(?:program|code|function|solution|above|below)\b.*$"
)
# A markdown fence line: three or more backticks or tildes (the only fence pattern in helpers/).
_FENCE_MARK = r"^[ \t]*(?P<fence>`{3,}|~{3,})"
_FENCE_LINE = re.compile(_FENCE_MARK)
# A fenced block: opening line with an optional tag, body, and the same fence closing it (or the
# end of the text when the answer was cut off).
_FENCE = re.compile(
    _FENCE_MARK + r"[ \t]*(?P<tag>[^\s`]*)[^\n]*\n"
    r"(?P<body>.*?)(?:^[ \t]*(?P=fence)[ \t]*$|\Z)",
    re.S | re.M,
)
_FENCE_TAGS = {
    "python": {"python", "py", "python3", "py3"},
    "java": {"java"},
    "javascript": {"javascript", "js", "node", "nodejs", "jsx"},
    "cpp": {"cpp", "c++", "cc", "cxx", "hpp"},
}


def cut_at_stop(text: str, stop_strings: tuple[str, ...] = STOP_STRINGS) -> str:
    """Return the text before the first stop string."""
    cut = min((text.find(s) for s in stop_strings if s and s in text), default=len(text))
    return text[:cut]


def strip_echo(text: str, instruction: str = "") -> str:
    """Remove an echoed instruction (and the paper's literal '\\n') from the start of an answer."""
    text, previous = text.lstrip(), None
    while text != previous:  # "\\n \\n code" loses both, so a second pass finds nothing more
        previous = text
        for prefix in ("[INST]", instruction, "[/INST]", "\\n"):
            if prefix and text.startswith(prefix):
                text = text[len(prefix) :].lstrip()
    return text


def fenced_code(text: str, language: str) -> str:
    """Return the code of a markdown-fenced block (one tagged with the language first), else text.

    The first fenced block whose tag names the language wins, then the first fenced block of
    any tag; an unclosed fence (output cut off) runs to the end. Blocks with nothing but blank
    lines are skipped (a stray closing fence after unfenced code is not the code). Text without
    such blocks is returned unchanged.
    """
    language = get_language(language).name
    if not isinstance(text, str):
        raise ValueError(f"text must be str, got {type(text).__name__}.")
    blocks = [
        (m.group("tag").lower(), m.group("body")) for m in _FENCE.finditer(text) if m.group("body").strip()
    ]
    if not blocks:
        return text
    tagged = [body for tag, body in blocks if tag in _FENCE_TAGS[language]]
    return (tagged or [blocks[0][1]])[0]


def _code_end_in_braces(text: str) -> int | None:
    """Index just after the last '}' that closes a top-level block, or None (strings skipped)."""
    depth, end, quote, index = 0, None, "", 0
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote or char == "\n":
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                end = index + 1
        index += 1
    return end


def _inside_comment_or_string(code: str, language: str) -> bool:
    """True when code ends inside a block comment or multi-line string (roughly; no full lexer).

    A docstring or comment line such as "The function returns ..." is not prose after the code.
    """
    if language == "python":
        return code.count('"""') % 2 == 1 or code.count("'''") % 2 == 1
    if code.rfind("/*") > code.rfind("*/"):
        return True
    return language == "javascript" and code.count("`") % 2 == 1  # template literal


def cut_trailing_prose(code: str, language: str) -> str:
    """Return code without the prose or stray fence lines after it (Java, C++: after its last `}`)."""
    language = get_language(language).name
    lines = code.rstrip().splitlines()
    for index, line in enumerate(lines):
        if (
            _FENCE_LINE.match(line)
            or _PROSE_LINE.match(line)
            and not _inside_comment_or_string("\n".join(lines[:index]), language)
        ):
            lines = lines[:index]
            break
    code = "\n".join(lines).rstrip()
    if language in ("java", "cpp"):
        # A Java or C++ program ends with the '}' of its last top-level block (class or main);
        # what follows without braces or semicolons is not code.
        end = _code_end_in_braces(code)
        if end is not None and not re.search(r"[{;]", code[end:]):
            code = code[:end]
    return code


def answer_to_program(answer: str, language: str, instruction: str = "") -> str:
    """Return the program in a model's answer: cut at a stop string, echo, fence and prose removed.

    `instruction` is the task text the model may echo (known at generation time; a prediction
    already cut needs none). Always STOP_STRINGS: a generation setting that stops decoding
    elsewhere must not change what is scored. The result has no leading or trailing blank
    space, and the common indentation of a fenced block (a fence in a markdown list) is removed.
    """
    language = get_language(language).name
    if not isinstance(answer, str):
        raise ValueError(f"answer must be str, got {type(answer).__name__}.")
    text = strip_echo(cut_at_stop(answer), instruction)
    program = cut_trailing_prose(textwrap.dedent(fenced_code(text, language)), language)
    return program.strip()


def answers_to_programs(answers: list[str], language: str, name: str = "answers") -> list[str]:
    """Return answer_to_program of each answer; a clear error names the first one not a str."""
    if isinstance(answers, str):
        raise ValueError(f"{name} must be a list of strings, got one str.")
    answers = list(answers)
    bad = next((i for i, a in enumerate(answers) if not isinstance(a, str)), None)
    if bad is not None:
        raise ValueError(f"{name}[{bad}] is {type(answers[bad]).__name__}; expected str.")
    return [answer_to_program(a, language) for a in answers]
