"""Tests for helpers.answers: the one rule that cuts a program out of a model's answer."""

from __future__ import annotations

import pytest

from helpers import answers
from helpers.answers import answer_to_program, cut_at_stop, fenced_code, strip_echo

INSTRUCTION = "Write a Python program to complete the following. Add"

# --------------------------------------------------------------------------------------------
# The steps
# --------------------------------------------------------------------------------------------


def test_cut_at_stop_and_strip_echo():
    assert cut_at_stop("x = 1\n[INST] more") == "x = 1\n"
    assert strip_echo(f"[INST] {INSTRUCTION} [/INST] \\n def f(): pass", INSTRUCTION) == "def f(): pass"
    assert strip_echo("def f(): pass", INSTRUCTION) == "def f(): pass"
    assert strip_echo("\\n \\n def f(): pass") == "def f(): pass"  # repeated: all removed


def test_fenced_code_prefers_the_language_block():
    text = "Intro\n```\nplain\n```\nthen\n```Python\nprint(1)\n```\n```java\nclass A {}\n```\n"
    assert fenced_code(text, "python") == "print(1)\n"
    assert fenced_code(text, "java") == "class A {}\n"
    assert fenced_code(text, "cpp") == "plain\n"  # no C++ block: the first block


def test_fenced_code_unclosed_fence_and_no_fence():
    assert fenced_code("Sure!\n```cpp\nint main() {\n", "cpp") == "int main() {\n"
    assert fenced_code("def f():\n    return 1\n", "python") == "def f():\n    return 1\n"
    assert fenced_code("~~~js\nlet a = 1;\n~~~", "javascript") == "let a = 1;\n"
    assert fenced_code("```c++\nint x;\n```", "cpp") == "int x;\n"


# --------------------------------------------------------------------------------------------
# answer_to_program: known answers
# --------------------------------------------------------------------------------------------

UNFINISHED = "int f() { return 1; }\nint main() {\n  return f();"
JS_SCRIPT = "function f() { return 1; }\nconsole.log(f());"


@pytest.mark.parametrize(
    "language,text,expected",
    [
        (
            "python",
            "Here is the code:\n```python\ndef f():\n    return 1\n```\nThis program returns 1.",
            "def f():\n    return 1",
        ),
        ("python", "def f():\n    return 1\n\nOutput: 1", "def f():\n    return 1"),
        (
            "java",
            "class GFG {\n  void f() { }\n}\nThis code prints nothing",
            "class GFG {\n  void f() { }\n}",
        ),
        (
            "cpp",
            'int main() {\n  cout << "}";\n  return 0;\n}\n\nExplanation: it prints }',
            'int main() {\n  cout << "}";\n  return 0;\n}',
        ),
        # unfinished code (cut by max_new_tokens) and brace-less driver code are kept as they are
        ("cpp", UNFINISHED, UNFINISHED),
        ("javascript", JS_SCRIPT, JS_SCRIPT),
    ],
)
def test_answer_to_program_cuts_trailing_junk(language, text, expected):
    assert answer_to_program(text, language) == expected


def test_answer_to_program_combines_the_steps():
    raw = " \\n def f():\n    return 1\n[INST] Write another"
    assert answer_to_program(raw, "python") == "def f():\n    return 1"


def test_tilde_fences():
    assert answer_to_program("Sure:\n~~~python\nprint(1)\n~~~\nDone.", "python") == "print(1)"
    assert answer_to_program("~~~~\nx = 1\n~~~~", "python") == "x = 1"


def test_four_backtick_fences():
    text = "Code:\n````python\nx = 1\nprint(x)\n````\nExplanation: prints 1"
    assert answer_to_program(text, "python") == "x = 1\nprint(x)"
    nested = "````md\n```\ninner\n```\n````"  # only the same fence closes a block
    assert fenced_code(nested, "python") == "```\ninner\n```\n"


def test_the_language_tag_is_preferred():
    text = "```python\nprint(1)\n```\nIn JavaScript:\n```js\nconsole.log(1);\n```"
    assert answer_to_program(text, "javascript") == "console.log(1);"
    assert answer_to_program(text, "python") == "print(1)"


def test_untagged_block_is_the_fallback():
    text = "Two ways:\n```\nconsole.log(2);\n```\n```python\nprint(2)\n```"
    assert answer_to_program(text, "js") == "console.log(2);"  # no JavaScript tag: first block
    assert answer_to_program(text, "python") == "print(2)"


def test_unclosed_fence_runs_to_the_end():
    text = "Here you go:\n```java\nclass A {\n  static int f() { return 1; }\n"
    assert answer_to_program(text, "java") == "class A {\n  static int f() { return 1; }"


def test_stray_closing_fence_after_unfenced_code():
    assert answer_to_program("x = 1\nprint(x)\n```\n", "python") == "x = 1\nprint(x)"


@pytest.mark.parametrize("stop", ["[INST]", "</s>", "[/INST]", "<s>", "<|im_start|>", "<|im_end|>"])
def test_stop_strings_cut(stop):
    assert stop in answers.STOP_STRINGS
    assert answer_to_program(f"print(1){stop} Write a Java program", "python") == "print(1)"
    fenced = f"```python\nprint(2)\n```{stop}```python\nprint(3)\n```"
    assert answer_to_program(fenced, "python") == "print(2)"


def test_trailing_prose_removed_but_not_docstrings_or_comments():
    text = (
        'def f(n):\n    """\n    The function doubles n.\n    """\n    return 2 * n\n'
        "\nprint(f(2))\n  The function above returns twice its argument.\nOutput: 4"
    )
    assert answer_to_program(text, "python") == (
        'def f(n):\n    """\n    The function doubles n.\n    """\n    return 2 * n\n\nprint(f(2))'
    )
    cpp = "/* The function returns 1 */\nint f() { return 1; }\nTime Complexity: O(1)"
    assert answer_to_program(cpp, "cpp") == "/* The function returns 1 */\nint f() { return 1; }"


def test_fenced_block_in_a_markdown_list_is_dedented():
    text = "1. Define it:\n   ```python\n   def f():\n       return 1\n   ```\n2. Call it."
    assert answer_to_program(text, "python") == "def f():\n    return 1"


def test_answer_to_program_is_idempotent():
    raws = [
        "Here is the code:\n```python\ndef f():\n    return 1\n```\nThis program returns 1.",
        " \\n def f():\n    return 1\n[INST] Write another",
        "No code, sorry.",
        "",
        "class GFG {\n  void f() { }\n}\nThis code prints nothing",
        "1. Define it:\n   ```cpp\n   int f() { return 1; }\n   ```\n",
    ]
    for language in ("python", "java", "cpp"):
        for raw in raws:
            program = answer_to_program(raw, language)
            assert answer_to_program(program, language) == program, (language, raw)


def test_answers_to_programs_checks_its_input():
    assert answers.answers_to_programs(["```js\nf();\n```"], "javascript") == ["f();"]
    with pytest.raises(ValueError, match="list of strings"):
        answers.answers_to_programs("print(1)", "python")
    with pytest.raises(ValueError, match=r"predictions\[1\] is int"):
        answers.answers_to_programs(["a", 1], "python", "predictions")
    with pytest.raises(ValueError, match="Unknown language"):
        answer_to_program("x", "cobol")


# --------------------------------------------------------------------------------------------
# One rule for generation, CodeBLEU and the execution checks
# --------------------------------------------------------------------------------------------

RAW_ANSWER = (
    "Sure! Here is the program:\n```python\nprint(6 * 7)\n```\nOutput: 42\n[INST] Write a Java program"
)


def test_generation_scoring_and_checks_use_the_same_program(monkeypatch):
    """The stored prediction is answer_to_program of the raw text; CodeBLEU scores it and the
    execution check runs it (a raw answer that, as it stands, is not a program at all)."""
    from helpers import checks, evaluate, generate

    calls = []
    original = answers.answer_to_program

    def spy(answer, language, instruction=""):
        calls.append(answer)
        return original(answer, language, instruction)

    program = original(RAW_ANSWER, "python")
    assert program == "print(6 * 7)"

    monkeypatch.setattr(answers, "answer_to_program", spy)
    record = {
        "task_id": "t",
        "text": "Print 42",
        "code": "print ( 6 * 7 ) NEW_LINE",
        "source": "print(6 * 7)\n",
    }
    (row,) = generate.prediction_rows(
        [record], ["prompt"], [RAW_ANSWER], "python", "m", generate.GenerationSettings()
    )
    assert row["prediction"] == program and row["raw_prediction"] == RAW_ANSWER
    assert calls == [RAW_ANSWER]

    calls.clear()

    def score(prediction: str, **options) -> evaluate.CodeBLEUResult:
        return evaluate.score_codebleu(
            [prediction],
            [record["code"]],
            "python",
            scoring="corrected",
            reference_format="source",
            **options,
        )

    raw_score, stored_score = score(RAW_ANSWER), score(program)
    assert calls == [RAW_ANSWER, program]  # scoring cut both, to the same program
    assert raw_score.samples == stored_score.samples
    assert stored_score.codebleu > score(RAW_ANSWER, as_given=True).codebleu

    calls.clear()
    report = checks.execution_checks(
        [RAW_ANSWER, program], [record["source"]] * 2, "python", reference_format="source"
    )
    assert calls == [RAW_ANSWER, program]
    # the reference is a script: the prediction's own output is compared, so a match means the
    # cut program is what ran
    assert [(r["runs"], r["driver_match"], r["driver_mode"]) for r in report.samples] == [
        (True, True, "whole_program")
    ] * 2
