"""HumanEval-X problems: loading them (Hub or a local folder) and the prompts a model is given.

Sources of `load_humaneval_x`: "hub" (the data set THUDM/humaneval-x, configs python, java, js,
cpp), "local" (a folder laid out as ../shared/humaneval-x: `humaneval_<lang>.jsonl.gz`, where
<lang> is python, java, js or cpp; a plain `.jsonl` works too, and so does a path to one file) and
"auto" (the Hub when it answers, otherwise the local folder given as `path`, with a warning).
"""

from __future__ import annotations

import gzip
import json
import warnings
from pathlib import Path

from helpers.config import REPO_ROOT, get_language

HUB_DATASET = "THUDM/humaneval-x"
PARQUET_REVISION = "refs/convert/parquet"  # the Hub's automatic parquet export of the data set
SOURCES = ("auto", "hub", "local")
# Where tests, benchmarks and CI find the data: next to the repository.
SHARED_DIR = REPO_ROOT.parent / "shared" / "humaneval-x"
# Our language name -> the data set's name (Hub config and file suffix) and task_id prefix.
DATASET_NAMES = {"python": "python", "java": "java", "javascript": "js", "cpp": "cpp"}
TASK_PREFIXES = {"python": "Python", "java": "Java", "javascript": "JavaScript", "cpp": "CPP"}
REQUIRED_FIELDS = ("task_id", "prompt", "canonical_solution", "test")


def _hub_error(reason: str, language: str) -> RuntimeError:
    """The error for an unusable Hub, naming the alternative."""
    name = DATASET_NAMES[language]
    return RuntimeError(
        f"Cannot load HumanEval-X from the Hugging Face Hub ({reason}). Use source='local' with "
        f"path=<dir> holding humaneval_{name}.jsonl.gz (e.g. ../shared/humaneval-x), or go online."
    )


def _load_hub(language: str) -> list[dict]:
    """Rows of the Hub data set; datasets 4+ refuses its loading script, so fall back to parquet."""
    import datasets

    name = DATASET_NAMES[language]
    try:
        rows = datasets.load_dataset(HUB_DATASET, name, split="test")
    except Exception as error:  # noqa: BLE001 - which class depends on the datasets version
        if "script" not in str(error).lower():
            raise
        rows = datasets.load_dataset(HUB_DATASET, data_dir=name, split="test", revision=PARQUET_REVISION)
    return [dict(row) for row in rows]


def local_file(root: str | Path, language: str) -> Path:
    """Return the file of one language under `root` (or `root` itself when it is a file)."""
    language = get_language(language).name
    root = Path(root)
    if root.is_file():
        return root
    name = DATASET_NAMES[language]
    candidates = [
        root / f"humaneval_{name}.jsonl.gz",
        root / f"humaneval_{name}.jsonl",
        root / name / "data" / f"humaneval_{name}.jsonl.gz",
    ]  # CodeGeeX's own layout
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    if not root.exists():
        raise FileNotFoundError(
            f"HumanEval-X folder {str(root)!r} does not exist; expected a "
            f"folder holding humaneval_{name}.jsonl.gz (like ../shared/humaneval-x)."
        )
    raise FileNotFoundError(
        f"No {language} problems under {str(root)!r}: expected {candidates[0]} (or humaneval_{name}.jsonl)."
    )


def _load_local(root: str | Path, language: str) -> list[dict]:
    """Rows of one language's jsonl(.gz) file; a malformed line raises a clear ValueError."""
    file = local_file(root, language)
    opener = gzip.open if file.suffix == ".gz" else open
    try:
        with opener(file, "rt", encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError, EOFError) as err:
        raise ValueError(f"cannot read {file}: {err}") from None
    rows = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(
                f"{file}, line {line_no}: not valid JSON ({err.msg}); expected one "
                "HumanEval-X problem per line"
            ) from None
        missing = [f for f in REQUIRED_FIELDS if not isinstance(row, dict) or f not in row]
        if missing:
            raise ValueError(
                f"{file}, line {line_no}: missing {', '.join(missing)}; a problem "
                f"needs {', '.join(REQUIRED_FIELDS)}"
            )
        rows.append(row)
    return rows


def load_humaneval_x(language: str, source: str = "auto", path: str | Path | None = None) -> list[dict]:
    """Problems (task_id, prompt, canonical_solution, test, declaration, language, origin)."""
    language = get_language(language).name
    chosen = str(source).strip().lower()
    if chosen not in SOURCES:
        raise ValueError(f"Unknown data source {source!r}. Valid sources: {', '.join(SOURCES)}.")
    if chosen == "local" and path is None:
        raise ValueError(
            f"source='local' needs path=<dir> holding "
            f"humaneval_{DATASET_NAMES[language]}.jsonl.gz (e.g. ../shared/humaneval-x)."
        )
    if chosen in ("auto", "hub"):
        from helpers.data import hub_unreachable_reason

        reason = hub_unreachable_reason()
        if chosen == "auto" and reason and path is not None:
            warnings.warn(
                f"load_humaneval_x(source='auto'): {reason}, so using the local folder {path}.", stacklevel=2
            )
            chosen = "local"
        elif reason:
            raise _hub_error(reason, language)
        else:
            chosen = "hub"
    if chosen == "hub":
        try:
            rows = _load_hub(language)
        except ConnectionError as error:
            raise _hub_error(str(error), language) from error
    else:
        rows = _load_local(path, language)
    return [{**row, "language": language, "origin": chosen} for row in rows]


# --------------------------------------------------------------------------- prompts


def completion_prompt(problem: dict) -> str:
    """What a completion (base) model continues: the problem's own prompt, unchanged."""
    return problem["prompt"]


def instruction_text(problem: dict) -> str:
    """The workbook's instruction around the problem's prompt (helpers.prompts.instruction)."""
    from helpers.prompts import instruction

    return instruction(problem["prompt"], problem["language"])


def instruct_prompt(problem: dict, tokenizer) -> str:
    """What an instruct model is given: the instruction in the tokenizer's chat template, exactly
    as the workbook prompts for xlcost tasks (helpers.prompts.chat_prompt)."""
    from helpers.prompts import chat_prompt

    return chat_prompt(problem["prompt"], problem["language"], tokenizer)
