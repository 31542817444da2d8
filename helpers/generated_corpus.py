"""The generated parallel corpus: several hundred short tasks in all four languages, from templates.

Each family in `helpers.corpus_templates` yields `VARIANTS` tasks (names, constants and phrasings
drawn from a `random.Random` seeded by the corpus seed, the family and the variant). Every program,
and its trip through the xlcost form (`detokenize(tokenize(source))`), runs in the sandbox; the
build refuses the corpus unless all eight runs of a task print the same non-empty output. Whole
families go to one split, so no family is seen in training and again in validation or test.

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
from helpers.corpus_templates import LANGUAGE_KEYS, families, render
from helpers.data import SPLITS, detokenize, tokenize
from helpers.runs import atomic_write_text, read_jsonl

GENERATED_DIR = DATA_DIR / "xlcost-generated"
MANIFEST = "manifest.json"
SEED = 11  # issue #11
TEMPLATE_VERSION = 1  # bump when a template changes what it renders
VARIANTS = 10  # tasks per family
HELD_OUT = {"validation": 0.1, "test": 0.1}  # share of families per held-out split
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
    # str seeds are hashed with SHA-512 by `random`, so draws repeat across runs and machines
    return random.Random(":".join(str(p) for p in (seed, *parts)))


def family_splits(names: list[str], seed: int = SEED) -> dict[str, str]:
    """Family name -> split: validation and test each take a seeded tenth of the families."""
    order = sorted(names, key=lambda n: hashlib.sha256(f"{seed}:{n}".encode()).hexdigest())
    counts = {split: max(1, round(share * len(names))) for split, share in HELD_OUT.items()}
    splits, start = {}, 0
    for split in ("test", "validation"):
        for name in order[start:start + counts[split]]:
            splits[name] = split
        start += counts[split]
    return {name: splits.get(name, "train") for name in names}


def render_tasks(seed: int = SEED, variants: int = VARIANTS) -> list[Task]:
    """Every task of the corpus (descriptions and programs, not yet run), in task_id order."""
    found = families()
    splits = family_splits([f.name for f in found], seed)
    tasks = []
    for family in found:
        texts: set[str] = set()
        programs: set[str] = set()
        for variant in range(variants):
            # a description not used yet by the family if one turns up, else at least new code
            draws = [render(family, _rng(seed, family.name, variant, draw)) for draw in range(_DRAWS)]
            fresh = [r for r in draws if r.sources["python"] not in programs]
            if not fresh:
                raise CorpusError(f"family {family.name}: no new variant after {_DRAWS} draws")
            rendered = next((r for r in fresh if r.text not in texts), fresh[0])
            texts.add(rendered.text)
            programs.add(rendered.sources["python"])
            tasks.append(Task(f"gen_{family.name}_{variant:02d}", family.name,
                              splits[family.name], rendered.text, rendered.sources))
    return sorted(tasks, key=lambda t: t.task_id)


def round_trip(source: str, language: str) -> str:
    """The program as the xlcost form gives it back: detokenize(tokenize(source))."""
    return detokenize(tokenize(source, language), language)


def run_tasks(tasks: list[Task], timeout_s: float = 10.0) -> dict[str, str]:
    """task_id -> expected stdout, from running every program and its round trip in the sandbox;
    raises CorpusError (listing every failing task) unless all eight runs of a task agree."""
    from helpers import execution

    jobs, owners = [], []
    for task in tasks:
        for key in LANGUAGE_KEYS:
            for variant, source in (("source", task.sources[key]),
                                    ("round trip", round_trip(task.sources[key], key))):
                jobs.append((source, key))
                owners.append((task.task_id, key, variant))
    results = execution.run_many(jobs, timeout_s=timeout_s)
    runs: dict[str, list[tuple[str, str, object]]] = {}
    for (task_id, key, variant), result in zip(owners, results, strict=True):
        runs.setdefault(task_id, []).append((key, variant, result))
    outputs, failures = {}, []
    for task_id, task_runs in runs.items():
        bad = [f"{key} {variant}: {r.status} {r.stderr.strip().splitlines()[-1:]}"
               for key, variant, r in task_runs if r.status != "ok"]
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


def records(tasks: list[Task], outputs: Mapping[str, str], language: str,
            split: str) -> list[dict]:
    """The xlcost-form records of one language and split (the mini corpus's fields, plus two)."""
    return [{"task_id": t.task_id, "text": t.text, "code": tokenize(t.sources[language], language),
             "source": t.sources[language], "expected_stdout": outputs[t.task_id],
             "generated": True, "family": t.family}
            for t in tasks if t.split == split]


def manifest(tasks: list[Task], seed: int, variants: int) -> dict:
    """Counts, seed, template version and the families of each split."""
    per_split = {s: sorted({t.family for t in tasks if t.split == s}) for s in SPLITS}
    return {
        "corpus": "xlcost-generated", "seed": seed, "template_version": TEMPLATE_VERSION,
        "variants_per_family": variants, "families": sum(len(f) for f in per_split.values()),
        "tasks": len(tasks),
        "counts": {key: {s: sum(t.split == s for t in tasks) for s in SPLITS}
                   for key in LANGUAGE_KEYS},
        "families_per_split": per_split,
    }


def corpus_files(tasks: list[Task], outputs: Mapping[str, str], seed: int = SEED,
                 variants: int = VARIANTS) -> dict[str, str]:
    """Relative path -> file text of the whole corpus (jsonl per language and split, manifest)."""
    files = {}
    for key in LANGUAGE_KEYS:
        for split in SPLITS:
            rows = records(tasks, outputs, key, split)
            files[f"{key}/{split}.jsonl"] = "".join(
                json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    files[MANIFEST] = json.dumps(manifest(tasks, seed, variants), indent=2) + "\n"
    return files


def stored_outputs(out_dir: str | Path = GENERATED_DIR) -> dict[str, str]:
    """task_id -> expected stdout, read from a written corpus (to rebuild it without running)."""
    out_dir, outputs = Path(out_dir), {}
    for key in LANGUAGE_KEYS:
        for split in SPLITS:
            path = out_dir / key / f"{split}.jsonl"
            for row in read_jsonl(path) if path.is_file() else []:
                outputs.setdefault(row["task_id"], row["expected_stdout"])
    return outputs


def build(out_dir: str | Path = GENERATED_DIR, seed: int = SEED, variants: int = VARIANTS,
          timeout_s: float = 10.0) -> dict[str, dict[str, int]]:
    """Render, run and verify every task, then write the corpus atomically; return the counts."""
    tasks = render_tasks(seed, variants)
    files = corpus_files(tasks, run_tasks(tasks, timeout_s), seed, variants)
    for relative, text in files.items():
        atomic_write_text(Path(out_dir) / relative, text)
    return manifest(tasks, seed, variants)["counts"]


def stale_files(out_dir: str | Path = GENERATED_DIR, seed: int = SEED,
                variants: int = VARIANTS) -> list[str]:
    """Files under `out_dir` that differ from a fresh build (outputs taken from the files)."""
    out_dir = Path(out_dir)
    tasks = render_tasks(seed, variants)
    stored = stored_outputs(out_dir)
    missing = [t.task_id for t in tasks if t.task_id not in stored]
    if missing:
        return [f"{MANIFEST} (no stored output for {len(missing)} tasks, e.g. {missing[0]})"]
    files = corpus_files(tasks, stored, seed, variants)
    return [relative for relative, text in files.items()
            if not (out_dir / relative).is_file()
            or (out_dir / relative).read_text(encoding="utf-8") != text]


def token_lengths(tasks: list[Task], language: str) -> list[int]:
    """xlcost tokens per program of one language."""
    return [len(tokenize(t.sources[language], language).split()) for t in tasks]


def main(argv: list[str] | None = None) -> int:
    """CLI: `build` writes the generated corpus (`--check`: only compare with a fresh build)."""
    import argparse
    import statistics
    import time

    parser = argparse.ArgumentParser(prog="python -m helpers.generated_corpus",
                                     description=main.__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("build", help="write <out>/<language>/<split>.jsonl")
    command.add_argument("--out", default=str(GENERATED_DIR))
    command.add_argument("--seed", type=int, default=SEED)
    command.add_argument("--check", action="store_true",
                         help="write nothing; exit 1 if the files differ from a fresh build")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files(args.out, args.seed)
        for relative in stale:
            print(f"stale: {relative} (run python -m helpers.generated_corpus build)")
        print("up to date" if not stale else f"{len(stale)} stale files")
        return 1 if stale else 0
    start = time.monotonic()
    try:
        counts = build(args.out, args.seed)
    except CorpusError as error:
        print(f"refused: {error}")
        return 1
    tasks = render_tasks(args.seed)
    for key, per_split in counts.items():
        lengths = token_lengths(tasks, key)
        print(f"{key:<11}", "  ".join(f"{s}={n}" for s, n in per_split.items()),
              f" tokens median={statistics.median(lengths):g} max={max(lengths)}")
    print(f"wrote {args.out} in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
