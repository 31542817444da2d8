"""helpers.humaneval.systems: pass@1 per system on real problems, with the canonical row."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import config
from helpers.humaneval import systems

DATA = Path(os.environ.get("HUMANEVAL_X_DIR", config.REPO_ROOT.parent / "shared" / "humaneval-x"))


@pytest.fixture(scope="module")
def problems():
    assert DATA.is_dir(), f"HumanEval-X data missing: expected {DATA} (../shared/humaneval-x)"
    return systems.load_problems(["python", "javascript"], 2, source="local", path=DATA)


def test_load_problems_takes_the_first_ones(problems):
    assert [p["task_id"] for p in problems["python"]] == ["Python/0", "Python/1"]
    with pytest.raises(ValueError, match="at least 1"):
        systems.load_problems(["python"], 0, source="local", path=DATA)


@pytest.mark.slow
def test_pass_at_1_scores_right_and_wrong_answers(problems):
    right = {
        lang: ["```\n" + p["prompt"] + p["canonical_solution"] + "\n```" for p in rows]
        for lang, rows in problems.items()
    }
    wrong = {lang: ["I cannot help with that." for _ in rows] for lang, rows in problems.items()}
    half = {lang: [right[lang][0], wrong[lang][1]] for lang in problems}
    table, rows = systems.pass_at_1(problems, {"right": right, "wrong": wrong, "half": half})
    assert table[systems.CANONICAL] == {"python": 1.0, "javascript": 1.0}
    assert table["right"] == {"python": 1.0, "javascript": 1.0}
    assert table["wrong"] == {"python": 0.0, "javascript": 0.0}
    assert table["half"] == {"python": 0.5, "javascript": 0.5}
    assert len(rows) == 4 * 2 * 2
    assert {r["system"] for r in rows} == {systems.CANONICAL, "right", "wrong", "half"}


def test_greedy_answers_batches_every_language_once(problems, monkeypatch):
    from helpers import generate

    calls = []

    def fake_generate(model, tokenizer, prompts, settings):
        calls.append(len(prompts))
        return [f"answer {i}" for i in range(len(prompts))]

    class Tokenizer:
        def apply_chat_template(self, messages, tokenize, add_generation_prompt):
            return "<s>[INST] " + messages[0]["content"] + " [/INST]"

    monkeypatch.setattr(generate, "generate", fake_generate)
    answers = systems.greedy_answers(object(), Tokenizer(), problems, settings=None)
    assert calls == [4] and answers == {
        "python": ["answer 0", "answer 1"],
        "javascript": ["answer 2", "answer 3"],
    }
