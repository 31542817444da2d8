"""The generated parallel corpus: several hundred short tasks in all four languages, from templates.

Each family in `helpers.corpus_templates` yields `VARIANTS` tasks (names, constants and phrasings
drawn from a `random.Random` seeded by the corpus seed, the family and the variant). Every program,
and its trip through the xlcost form (`detokenize(tokenize(source))`), runs in the sandbox; the
build refuses the corpus unless all eight runs of a task print the same non-empty output. Whole
families go to one split, so no family is seen in training and again in validation or test; a
family that resembles a hand-written task of data/xlcost-mini (`MINI_NEIGHBOURS`) goes to that
task's split, so the two corpora can be combined split by split without leaking between them.

Written to `data/xlcost-generated/<language>/<split>.jsonl` (the schema of data/xlcost-mini, plus
`generated: true` and `family`) and `manifest.json`. `python -m helpers.generated_corpus build`
writes it; `--check` rebuilds it in memory (outputs taken from the files) and compares.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from helpers.config import DATA_DIR
from helpers.corpus_templates import LANGUAGE_KEYS, Family, Rendered, families, render
from helpers.data import detokenize, tokenize
from helpers.runs import atomic_write_text, read_jsonl

GENERATED_DIR = DATA_DIR / "xlcost-generated"
MANIFEST = "manifest.json"
SPLITS = ("train", "validation", "test")  # as helpers.data names them
SEED = 11  # issue #11
TEMPLATE_VERSION = 1  # bump when a template changes what it renders
VARIANTS = 10  # tasks per family
HELD_OUT = {"validation": 0.1, "test": 0.1}  # share of families per held-out split
MINI_TASKS = DATA_DIR / "xlcost-mini" / "tasks"
# Families that resemble one hand-written mini task (same algorithm or the same loop shape): they
# follow that task into its split, so that the mini validation and test tasks keep no near copy
# in the generated training data (and the generated held-out families none in mini's training).
MINI_NEIGHBOURS = {
    "reverse_digits_of_a_number": "007_palindrome_number_check",
    "count_digits_in_a_number": "006_sum_of_digits",
    "product_of_digits": "006_sum_of_digits",
    "digital_root": "006_sum_of_digits",
    "sum_of_digits_in_a_string": "006_sum_of_digits",
    "factorial_of_a_number": "004_trailing_zeros_in_factorial",
    "check_strong_number": "010_armstrong_number_check",
    "check_prime_number": "003_sieve_of_eratosthenes",
    "count_primes_in_a_range": "003_sieve_of_eratosthenes",
    "power_of_a_number": "008_modular_exponentiation",
    "check_power_of_two": "009_count_set_bits",
    "sum_of_squares_of_first_n_natural_numbers": "013_sum_of_series_of_triangular_numbers",
    "tribonacci_numbers": "005_nth_fibonacci_number",
    "check_perfect_square": "031_square_root_using_binary_search",
    "iterative_binary_search": "041_first_and_last_occurrence_in_sorted_array",
    "sum_of_array_elements": "052_range_sum_queries_using_prefix_sum",
    "difference_between_largest_and_smallest_element": "033_largest_element_in_array",
    "count_occurrences_of_an_element": "040_frequency_of_array_elements",
    "reverse_an_array": "035_left_rotate_array_by_d",
    "selection_sort": "043_bubble_sort",
    "count_pairs_with_difference_k": "048_pair_with_given_sum_in_sorted_array",
    "count_distinct_elements": "050_remove_duplicates_from_sorted_array",
    "move_all_zeroes_to_end_of_array": "047_sort_an_array_of_0s_1s_and_2s",
    "add_two_matrices": "024_transpose_of_a_matrix",
    "sum_of_each_row_of_a_matrix": "024_transpose_of_a_matrix",
    "count_occurrences_of_a_character": "058_count_vowels_and_consonants_in_a_string",
    "reverse_a_string": "060_check_if_a_string_is_palindrome",
    "count_words_in_a_string": "057_reverse_words_in_a_string",
    "maximum_consecutive_repeating_character": "062_run_length_encoding",
    "remove_spaces_from_a_string": "064_remove_duplicate_characters_from_a_string",
}
_DRAWS = 20  # candidates drawn per variant, to find one not drawn already


class CorpusError(RuntimeError):
    """A task of the generated corpus did not run, or its programs disagree."""


@dataclass(frozen=True)
class Task:
    """One generated task: one description, four programs, one split."""

    task_id: str
    family: str
    split: str
    text: str
    sources: dict[str, str]  # language key -> runnable source


def _rng(seed: int, *parts: object) -> random.Random:
    """A generator seeded by the corpus seed and the parts (family, variant, draw)."""
    # str seeds are hashed with SHA-512 by `random`, so draws repeat across runs and machines
    return random.Random(":".join(str(p) for p in (seed, *parts)))


def mini_splits(tasks_dir: str | Path = MINI_TASKS) -> dict[str, str]:
    """task_id -> split of the hand-written mini corpus (empty when its task folders are absent)."""
    tasks_dir = Path(tasks_dir)
    files = sorted(tasks_dir.glob("*/task.json")) if tasks_dir.is_dir() else []
    return {f.parent.name: json.loads(f.read_text(encoding="utf-8"))["split"] for f in files}


def pinned_splits(names: list[str], tasks_dir: str | Path = MINI_TASKS) -> dict[str, str]:
    """Family -> split of the mini task it resembles, for the families of MINI_NEIGHBOURS."""
    splits = mini_splits(tasks_dir)
    return {name: splits[MINI_NEIGHBOURS[name]] for name in names if MINI_NEIGHBOURS.get(name) in splits}


def family_splits(
    names: list[str], seed: int = SEED, pinned: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Family -> split: pinned ones keep theirs; held-out quotas are filled in a seeded order."""
    pinned = dict(pinned or {})
    free = sorted(
        (n for n in names if n not in pinned),
        key=lambda n: hashlib.sha256(f"{seed}:{n}".encode()).hexdigest(),
    )
    splits = dict(pinned)
    for split, share in HELD_OUT.items():
        missing = max(1, round(share * len(names))) - list(splits.values()).count(split)
        for name in free[: max(0, missing)]:
            splits[name] = split
        free = free[max(0, missing) :]
    return {name: splits.get(name, "train") for name in names}


def _new_variant(family: Family, seed: int, variant: int, texts: set[str], programs: set[str]) -> Rendered:
    """The first draw with new code and an unused description (else just new code)."""
    fallback = None
    for draw in range(_DRAWS):
        rendered = render(family, _rng(seed, family.name, variant, draw))
        if rendered.sources["python"] in programs:
            continue
        if rendered.text not in texts:
            return rendered
        fallback = fallback or rendered
    if fallback is None:
        raise CorpusError(f"family {family.name}: no new variant after {_DRAWS} draws")
    return fallback


def render_tasks(seed: int = SEED, variants: int = VARIANTS) -> list[Task]:
    """Every task of the corpus (descriptions and programs, not yet run), in task_id order."""
    found = families()
    names = [f.name for f in found]
    splits = family_splits(names, seed, pinned_splits(names))
    tasks = []
    for family in found:
        texts: set[str] = set()
        programs: set[str] = set()
        for variant in range(variants):
            rendered = _new_variant(family, seed, variant, texts, programs)
            texts.add(rendered.text)
            programs.add(rendered.sources["python"])
            tasks.append(
                Task(
                    f"gen_{family.name}_{variant:02d}",
                    family.name,
                    splits[family.name],
                    rendered.text,
                    rendered.sources,
                )
            )
    return sorted(tasks, key=lambda t: t.task_id)


def round_trip(source: str, language: str) -> str:
    """The program as the xlcost form gives it back: detokenize(tokenize(source))."""
    return detokenize(tokenize(source, language), language)


def run_tasks(tasks: list[Task], timeout_s: float = 10.0) -> dict[str, str]:
    """task_id -> stdout of all eight runs (programs, round trips), or CorpusError if they differ."""
    from helpers import execution

    if not tasks:
        return {}
    jobs, owners = [], []
    for task in tasks:
        for key in LANGUAGE_KEYS:
            for variant, source in (
                ("source", task.sources[key]),
                ("round trip", round_trip(task.sources[key], key)),
            ):
                jobs.append((source, key))
                owners.append((task.task_id, key, variant))
    results = execution.run_many(jobs, timeout_s=timeout_s)
    runs: dict[str, list[tuple[str, str, object]]] = {}
    for (task_id, key, variant), result in zip(owners, results, strict=True):
        runs.setdefault(task_id, []).append((key, variant, result))
    outputs, failures = {}, []
    for task_id, task_runs in runs.items():
        bad = [
            f"{key} {variant}: {r.status} {r.stderr.strip().splitlines()[-1:]}"
            for key, variant, r in task_runs
            if r.status != "ok"
        ]
        printed = {r.stdout for _, _, r in task_runs}
        if not bad and (len(printed) != 1 or not next(iter(printed)).strip()):
            by_output = {}
            for key, variant, r in task_runs:
                by_output.setdefault(r.stdout, []).append(f"{key} {variant}")
            bad = [f"{', '.join(who)} printed {out!r}" for out, who in by_output.items()]
        if bad:
            failures.append(f"{task_id}: " + "; ".join(bad))
        else:
            outputs[task_id] = printed.pop()
    if failures:
        raise CorpusError(f"{len(failures)} of {len(runs)} tasks refused:\n" + "\n".join(failures))
    return outputs


def records(tasks: list[Task], outputs: Mapping[str, str], language: str, split: str) -> list[dict]:
    """The xlcost-form records of one language and split (the mini corpus's fields, plus two)."""
    return [
        {
            "task_id": t.task_id,
            "text": t.text,
            "code": tokenize(t.sources[language], language),
            "source": t.sources[language],
            "expected_stdout": outputs[t.task_id],
            "generated": True,
            "family": t.family,
        }
        for t in tasks
        if t.split == split
    ]


def manifest(tasks: list[Task], seed: int, variants: int) -> dict:
    """Counts, seed, template version and the families of each split."""
    per_split = {s: sorted({t.family for t in tasks if t.split == s}) for s in SPLITS}
    return {
        "corpus": "xlcost-generated",
        "seed": seed,
        "template_version": TEMPLATE_VERSION,
        "variants_per_family": variants,
        "families": sum(len(f) for f in per_split.values()),
        "tasks": len(tasks),
        "counts": {key: {s: sum(t.split == s for t in tasks) for s in SPLITS} for key in LANGUAGE_KEYS},
        "families_per_split": per_split,
        "mini_neighbours": {
            f: MINI_NEIGHBOURS[f] for f in sorted(MINI_NEIGHBOURS) if any(t.family == f for t in tasks)
        },
    }


def corpus_files(
    tasks: list[Task], outputs: Mapping[str, str], seed: int = SEED, variants: int = VARIANTS
) -> dict[str, str]:
    """Relative path -> file text of the whole corpus (jsonl per language and split, manifest)."""
    files = {}
    for key in LANGUAGE_KEYS:
        for split in SPLITS:
            rows = records(tasks, outputs, key, split)
            files[f"{key}/{split}.jsonl"] = "".join(
                json.dumps(row, ensure_ascii=False) + "\n" for row in rows
            )
    files[MANIFEST] = json.dumps(manifest(tasks, seed, variants), indent=2) + "\n"
    return files


def _stored_rows(out_dir: Path) -> dict[str, dict[str, dict]]:
    """task_id -> language -> record, of a written corpus."""
    rows: dict[str, dict[str, dict]] = {}
    for key in LANGUAGE_KEYS:
        for split in SPLITS:
            path = out_dir / key / f"{split}.jsonl"
            for row in read_jsonl(path) if path.is_file() else []:
                rows.setdefault(row["task_id"], {})[key] = row
    return rows


def stored_outputs(out_dir: str | Path = GENERATED_DIR, tasks: list[Task] | None = None) -> dict[str, str]:
    """task_id -> stored expected stdout (with `tasks`: only for tasks whose programs are unchanged)."""
    rows = _stored_rows(Path(out_dir))
    if tasks is None:
        return {
            task_id: next(iter(by_language.values()))["expected_stdout"]
            for task_id, by_language in rows.items()
        }
    return {
        t.task_id: rows[t.task_id]["python"]["expected_stdout"]
        for t in tasks
        if t.task_id in rows
        and all(rows[t.task_id].get(key, {}).get("source") == t.sources[key] for key in LANGUAGE_KEYS)
    }


def build(
    out_dir: str | Path = GENERATED_DIR,
    seed: int = SEED,
    variants: int = VARIANTS,
    timeout_s: float = 10.0,
    reuse: bool = False,
) -> dict[str, dict[str, int]]:
    """Render, run (with `reuse`: only changed tasks), verify and atomically write; return counts."""
    tasks = render_tasks(seed, variants)
    outputs = stored_outputs(out_dir, tasks) if reuse else {}
    outputs.update(run_tasks([t for t in tasks if t.task_id not in outputs], timeout_s))
    files = corpus_files(tasks, outputs, seed, variants)
    for relative, text in files.items():
        atomic_write_text(Path(out_dir) / relative, text)
    return manifest(tasks, seed, variants)["counts"]


def stale_files(out_dir: str | Path = GENERATED_DIR, seed: int = SEED, variants: int = VARIANTS) -> list[str]:
    """Files under `out_dir` that differ from a fresh build (outputs taken from the files)."""
    out_dir = Path(out_dir)
    tasks = render_tasks(seed, variants)
    stored = stored_outputs(out_dir)
    missing = [t.task_id for t in tasks if t.task_id not in stored]
    if missing:
        return [f"{MANIFEST} (no stored output for {len(missing)} tasks, e.g. {missing[0]})"]
    files = corpus_files(tasks, stored, seed, variants)
    return [
        relative
        for relative, text in files.items()
        if not (out_dir / relative).is_file() or (out_dir / relative).read_text(encoding="utf-8") != text
    ]


def token_lengths(tasks: list[Task], language: str) -> list[int]:
    """xlcost tokens per program of one language."""
    return [len(tokenize(t.sources[language], language).split()) for t in tasks]


def main(argv: list[str] | None = None) -> int:
    """CLI: `build` writes the generated corpus (`--check`: only compare with a fresh build)."""
    import argparse
    import statistics
    import time

    parser = argparse.ArgumentParser(prog="python -m helpers.generated_corpus", description=main.__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("build", help="write <out>/<language>/<split>.jsonl")
    command.add_argument("--out", default=str(GENERATED_DIR))
    command.add_argument("--seed", type=int, default=SEED)
    command.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the files differ from a fresh build"
    )
    command.add_argument(
        "--reuse", action="store_true", help="run only the tasks whose programs changed since the last build"
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files(args.out, args.seed)
        for relative in stale:
            print(f"stale: {relative} (run python -m helpers.generated_corpus build)")
        print("up to date" if not stale else f"{len(stale)} stale files")
        return 1 if stale else 0
    start = time.monotonic()
    try:
        counts = build(args.out, args.seed, reuse=args.reuse)
    except CorpusError as error:
        print(f"refused: {error}")
        return 1
    tasks = render_tasks(args.seed)
    for key, per_split in counts.items():
        lengths = token_lengths(tasks, key)
        print(
            f"{key:<11}",
            "  ".join(f"{s}={n}" for s, n in per_split.items()),
            f" tokens median={statistics.median(lengths):g} max={max(lengths)}",
        )
    print(f"wrote {args.out} in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
