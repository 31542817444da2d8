"""The bundled mini corpus (data/xlcost-mini): its folder, and the build from the task folders.

Each task folder under `data/xlcost-mini/tasks/` holds a `task.json` (task_id, text, split), the
program in all four languages (`python.py`, `java.java`, `javascript.js`, `cpp.cpp`) and its
`expected_stdout.txt`. `build_mini_corpus` writes them out in the xlcost layout that
`helpers.data.load_xlcost(data_source="mini")` reads: `<language>/<split>.jsonl`, one record per
task with `text`, `code` (the xlcost form), `source` (the program as written) and `expected_stdout`.
Rebuild with `python -m helpers.data build-mini` (or `python -m helpers.mini_corpus`).
"""

from __future__ import annotations

import json
from pathlib import Path

from helpers.config import DATA_DIR, LANGUAGES
from helpers.xlcost_codec import tokenize

MINI_DIR = DATA_DIR / "xlcost-mini"
TASKS_DIR = MINI_DIR / "tasks"


def build_mini_corpus(
    tasks_dir: str | Path = TASKS_DIR, out_dir: str | Path = MINI_DIR
) -> dict[str, dict[str, int]]:
    """Write <out_dir>/<language>/<split>.jsonl from the task folders; return the record counts."""
    # helpers.data imports MINI_DIR from here, so its split names are imported when needed
    from helpers.data import SPLITS, canonical_split

    tasks_dir, out_dir = Path(tasks_dir), Path(out_dir)
    task_dirs = sorted(p for p in tasks_dir.iterdir() if (p / "task.json").is_file())
    if not task_dirs:
        raise FileNotFoundError(f"No task folders with a task.json under {tasks_dir}.")
    rows: dict[tuple[str, str], list[dict]] = {
        (language, split): [] for language in LANGUAGES for split in SPLITS
    }
    for task_dir in task_dirs:
        task = json.loads((task_dir / "task.json").read_text(encoding="utf-8"))
        split = canonical_split(task["split"])
        expected = (task_dir / "expected_stdout.txt").read_text(encoding="utf-8")
        for language, spec in LANGUAGES.items():
            program_file = task_dir / f"{language}.{spec.extension}"
            if not program_file.is_file():
                raise FileNotFoundError(f"Task {task_dir.name} has no {program_file.name}.")
            program = program_file.read_text(encoding="utf-8")
            rows[language, split].append(
                {
                    "task_id": task["task_id"],
                    "text": task["text"],
                    "code": tokenize(program, language),
                    "source": program,
                    "expected_stdout": expected,
                }
            )
    counts: dict[str, dict[str, int]] = {}
    for (language, split), records in rows.items():
        target = out_dir / language / f"{split}.jsonl"
        target.parent.mkdir(parents=True, exist_ok=True)
        records.sort(key=lambda r: str(r["task_id"]))
        target.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        counts.setdefault(language, {})[split] = len(records)
    return counts


def main(argv: list[str] | None = None, prog: str = "python -m helpers.mini_corpus") -> None:
    """CLI: write the mini corpus and print the record counts per language and split."""
    import argparse

    parser = argparse.ArgumentParser(prog=prog, description=main.__doc__)
    parser.add_argument("--tasks", default=str(TASKS_DIR), help="the task folders")
    parser.add_argument("--out", default=str(MINI_DIR), help="where <language>/<split>.jsonl go")
    args = parser.parse_args(argv)
    counts = build_mini_corpus(args.tasks, args.out)
    for language, per_split in counts.items():
        print(f"{language:<11}", "  ".join(f"{s}={n}" for s, n in per_split.items()))


if __name__ == "__main__":
    main()
