"""HumanEval-X for the workbook's systems: greedy answers of a model on every language's problems,
pass@1 per system and language, and the canonical solutions as the harness's own check."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

CANONICAL = "canonical solutions"  # the row that shows the harness passes correct programs


def load_problems(
    languages: Sequence[str], limit: int | None, source: str = "auto", path=None
) -> dict[str, list[dict]]:
    """The first `limit` problems of each language (all 164 with None), by language; the local
    folder defaults to ../shared/humaneval-x (used offline, or with source='local')."""
    from helpers.humaneval.dataset import SHARED_DIR, load_humaneval_x

    path = SHARED_DIR if path is None else path
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1 problem or None (all), got {limit}.")
    return {language: load_humaneval_x(language, source, path)[:limit] for language in languages}


def greedy_answers(
    model, tokenizer, problems: Mapping[str, Sequence[dict]], settings
) -> dict[str, list[str]]:
    """One greedy answer per problem to its instruct prompt, every language in one batched run."""
    from helpers import generate
    from helpers.humaneval.dataset import instruct_prompt

    prompts = {language: [instruct_prompt(p, tokenizer) for p in rows] for language, rows in problems.items()}
    flat = [prompt for rows in prompts.values() for prompt in rows]
    answers = generate.generate(model, tokenizer, flat, settings) if flat else []
    out, start = {}, 0
    for language, rows in prompts.items():
        out[language], start = answers[start : start + len(rows)], start + len(rows)
    return out


def pass_at_1(
    problems: Mapping[str, Sequence[dict]],
    answers: Mapping[str, Mapping[str, Sequence[str]]],
    timeout_s: float = 10.0,
) -> tuple[dict[str, dict[str, float]], list[dict]]:
    """pass@1 of one answer per problem: {system: {language: pass@1}}, and one row per sample.

    `answers` is {system: {language: answers}}; the canonical solutions are added as the row
    `CANONICAL`, scored by the same harness. All systems' programs of a language run in one
    sandbox pool.
    """
    from helpers.humaneval.programs import answer_to_completion
    from helpers.humaneval.scoring import run_checked

    table: dict[str, dict[str, float]] = {}
    rows: list[dict] = []
    for language, language_problems in problems.items():
        completions = {CANONICAL: [p["canonical_solution"] for p in language_problems]}
        for system, by_language in answers.items():
            completions[system] = [
                answer_to_completion(a, p)
                for a, p in zip(by_language[language], language_problems, strict=True)
            ]
        systems = list(completions)
        results = run_checked(
            [p for _ in systems for p in language_problems],
            [c for s in systems for c in completions[s]],
            timeout_s=timeout_s,
        )
        for index, system in enumerate(systems):
            part = results[index * len(language_problems) : (index + 1) * len(language_problems)]
            # one greedy sample per problem: pass@1 is the share of problems that pass
            table.setdefault(system, {})[language] = sum(r["verdict"] == "passed" for r in part) / len(part)
            rows += [{"system": system, "language": language, **r} for r in part]
    return table, rows
