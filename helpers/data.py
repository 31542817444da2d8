"""Loading xlcost-text-to-code: one language and split, from the Hub, a local folder or the mini corpus.

Data sources (`load_xlcost(..., data_source=...)`; the older keyword `source=` is still accepted):
"hub" (codeparrot/xlcost-text-to-code), "local" (a folder laid out `<dir>/<language>/<split>.jsonl`,
one JSON record per line with at least string fields `text` and `code`; the language folder may
also be named after the xlcost configuration, `Python-program-level/`, the validation file
`valid.jsonl`, `val.jsonl` or `dev.jsonl`; the Hub's parquet export downloaded as is,
`<config>/<split>/*.parquet`, works too; a path to one .jsonl file is read as is), "mini" (the
bundled corpus in data/xlcost-mini, same layout; see helpers.mini_corpus), "mini+generated" (the
mini corpus followed by the generated parallel corpus of data/xlcost-generated, see
helpers.generated_corpus; `limit` then bounds each of the two subsets) and "auto" (the Hub when
reachable, otherwise mini, with a warning; "local" when a path is given).

A record has `text` (the description), `code` (xlcost's tokenised form, see helpers.xlcost_codec),
`source` (the runnable program, rebuilt from `code` when a row has none), `language`, `split`,
`origin` (the data source it came from) and `subset` ("hand-written" for the mini corpus's tasks,
"generated" for the generated corpus's, the data source's name otherwise). `tokenize` and
`detokenize` are re-exported here for scripts that call `helpers.data.tokenize`; `python -m
helpers.data build-mini` rebuilds the mini corpus and `python -m helpers.data show` prints a few
records.
"""

from __future__ import annotations

import math
import os
import warnings
from functools import cache
from pathlib import Path

from helpers.config import DATA_DIR, LANGUAGES, get_language
from helpers.mini_corpus import MINI_DIR
from helpers.runs import read_jsonl
from helpers.xlcost_codec import detokenize
from helpers.xlcost_codec import tokenize as tokenize  # re-exported: a public entry point

HUB_DATASET = "codeparrot/xlcost-text-to-code"
PARQUET_REVISION = "refs/convert/parquet"  # the Hub's automatic parquet export of the data set
SPLITS = ("train", "validation", "test")
SOURCES = ("auto", "hub", "local", "mini", "mini+generated")  # the values of `data_source`
GENERATED_DIR = DATA_DIR / "xlcost-generated"  # written by helpers.generated_corpus
SUBSETS = ("hand-written", "generated")  # the subsets of "mini+generated", in load order

_SPLIT_ALIASES = {"valid": "validation", "val": "validation", "dev": "validation"}
_FIELDS = ("text", "code")  # what every local row must carry, as strings


def canonical_split(split: str) -> str:
    """'train', 'validation' or 'test' (also accepts valid/val/dev); anything else raises."""
    name = str(split).strip().lower()
    name = _SPLIT_ALIASES.get(name, name)
    if name not in SPLITS:
        raise ValueError(
            f"Unknown split {split!r}. Valid splits: {', '.join(SPLITS)} (also accepted: valid, val, dev)."
        )
    return name


def _offline_by_env() -> str | None:
    for var in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"):
        if os.environ.get(var, "").strip().lower() in ("1", "true", "yes", "on"):
            return f"{var} is set"
    return None


@cache
def _can_connect(host: str, port: int, timeout_s: float) -> bool:
    import socket

    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def hub_unreachable_reason() -> str | None:
    """Why the Hugging Face Hub cannot be used now (None when it answers)."""
    reason = _offline_by_env()
    if reason is None and not _can_connect("huggingface.co", 443, 2.0):
        reason = "huggingface.co:443 does not answer"
    return reason


def _hub_error(reason: str) -> RuntimeError:
    return RuntimeError(
        f"Cannot load xlcost from the Hugging Face Hub ({reason}). Use data_source='mini' for "
        "the bundled mini corpus, or data_source='local' with path=<dir> holding "
        "<language>/<split>.jsonl."
    )


def _load_hub(config_name: str, split: str) -> list[dict]:
    """Rows of the Hub data set; datasets 4+ refuses its loading script, so fall back to the
    Hub's parquet export of it (one folder per configuration, one per split inside)."""
    import datasets

    try:
        rows = datasets.load_dataset(HUB_DATASET, config_name, split=split)
    except Exception as error:  # noqa: BLE001 - which class depends on the datasets version
        if "script" not in str(error).lower():
            raise
        rows = datasets.load_dataset(
            HUB_DATASET, data_dir=config_name, split=split, revision=PARQUET_REVISION
        )
    return [dict(row) for row in rows]


def _local_files(root: Path, language: str, split: str) -> list[Path]:
    """Files holding one language and split under `root` (layouts: see the module docstring)."""
    if root.is_file():
        return [root]
    names = [language, LANGUAGES[language].xlcost_config]
    aliases = {"validation": ["validation", "valid", "val", "dev"]}.get(split, [split])
    for name in names:
        for alias in aliases:
            if (root / name / f"{alias}.jsonl").is_file():
                return [root / name / f"{alias}.jsonl"]
            parquet = sorted((root / name / alias).glob("*.parquet"))
            if parquet:
                return parquet
    return []


def _load_local(root: Path, language: str, split: str) -> list[dict]:
    if not root.exists():
        raise FileNotFoundError(
            f"Local xlcost folder {str(root)!r} does not exist. Expected a folder laid out "
            "<dir>/<language>/<split>.jsonl (e.g. python/train.jsonl), like data/xlcost-mini."
        )
    files = _local_files(root, language, split)
    if not files:
        raise FileNotFoundError(
            f"No {language} {split} data under {str(root)!r}: expected {root}/{language}/{split}.jsonl "
            f"(or {LANGUAGES[language].xlcost_config}/{split}.jsonl, or a parquet export "
            f"{LANGUAGES[language].xlcost_config}/{split}/*.parquet)."
        )
    rows: list[dict] = []
    for file in files:
        if file.suffix == ".parquet":
            import pandas as pd

            rows += _checked(pd.read_parquet(file).to_dict("records"), file)
        else:
            rows += _checked(read_jsonl(file), file)
    return rows


def _checked(rows: list[dict], file: Path) -> list[dict]:
    """The rows of one local file; a row without string `text` and `code` raises a ValueError."""
    for index, row in enumerate(rows):
        for field in _FIELDS:
            value = row.get(field)
            if isinstance(value, str):
                continue
            kind = type(value).__name__
            null = value is None or isinstance(value, float) and math.isnan(value)  # pandas: NaN
            found = (
                "missing"
                if field not in row
                else "null"
                if null
                else f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
            )
            where = f"row {index + 1}" if file.suffix == ".parquet" else f"line {_line_number(file, index)}"
            raise ValueError(
                f"{file}, {where}: field {field!r} is {found}; every record needs "
                "'text' and 'code' as strings (the description, and the program in "
                "xlcost's tokenised form)."
            )
    return rows


def _line_number(file: Path, index: int) -> int:
    """The line of a JSON-lines file that holds its record number `index` (blank lines skipped)."""
    lines = file.read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, start=1) if line.strip()][index]


def load_xlcost(
    language: str,
    split: str,
    data_source: str = "auto",
    path: str | Path | None = None,
    limit: int | None = None,
    *,
    source: str | None = None,
) -> list[dict]:
    """Records (text, code, source, language, split, origin, ...) of one language and split."""
    data_source = data_source if source is None else source  # `source=`: the older keyword
    language = get_language(language).name
    split = canonical_split(split)
    chosen = str(data_source).strip().lower()
    if chosen not in SOURCES:
        raise ValueError(f"Unknown data source {data_source!r}. Valid data sources: {', '.join(SOURCES)}.")
    if chosen == "local" and path is None:
        raise ValueError("data_source='local' needs path=<dir> holding <language>/<split>.jsonl files.")
    if chosen == "auto":
        if path is not None:
            chosen = "local"
        else:
            reason = hub_unreachable_reason()
            chosen = "mini" if reason else "hub"
            warnings.warn(
                f"load_xlcost(data_source='auto'): {reason}, so using the bundled mini corpus ({MINI_DIR})."
                if reason
                else "load_xlcost(data_source='auto'): using the Hugging Face Hub data set.",
                stacklevel=2,
            )
    if chosen == "hub":
        reason = hub_unreachable_reason()
        if reason:
            raise _hub_error(reason)
        try:
            rows = _load_hub(LANGUAGES[language].xlcost_config, split)
        except ConnectionError as error:
            raise _hub_error(str(error)) from error
    elif chosen == "mini+generated":
        rows = [
            {**row, "subset": subset}
            for subset, root in zip(SUBSETS, (MINI_DIR, GENERATED_DIR), strict=True)
            for row in _load_local(root, language, split)[:limit]
        ]
    else:
        rows = _load_local(Path(path) if chosen == "local" else MINI_DIR, language, split)
        rows = rows[:limit] if limit is not None else rows
    records = []
    for row in rows:
        subset = row.get("subset") or ("hand-written" if chosen == "mini" else chosen)
        record = {**row, "language": language, "split": split, "origin": chosen, "subset": subset}
        record["text"], record["code"] = str(row.get("text", "")), str(row.get("code", ""))
        if not record.get("source"):
            record["source"] = detokenize(record["code"], language)
        records.append(record)
    return records


def main(argv: list[str] | None = None) -> None:
    """CLI: `build-mini` writes the mini corpus (helpers.mini_corpus); `show` prints a few records."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m helpers.data", description=main.__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    # build-mini's own options (--tasks, --out) are parsed by helpers.mini_corpus
    commands.add_parser(
        "build-mini", add_help=False, help="write <out>/<language>/<split>.jsonl (see build-mini --help)"
    )
    show = commands.add_parser("show", help="print a few records")
    show.add_argument("--language", default="python")
    show.add_argument("--split", default="test")
    show.add_argument("--data-source", "--source", dest="data_source", default="mini", choices=SOURCES)
    show.add_argument("--path", default=None)
    show.add_argument("--limit", type=int, default=2)
    args, rest = parser.parse_known_args(argv)
    if args.command == "build-mini":
        from helpers import mini_corpus

        mini_corpus.main(rest, prog="python -m helpers.data build-mini")
        return
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    records = load_xlcost(args.language, args.split, args.data_source, args.path, args.limit)
    for record in records:
        print(f"=== {record.get('task_id', '')} ({record['origin']}) {record['text'][:100]}")
        print("--- code (xlcost form)")
        print(record["code"])
        print("--- source")
        print(record["source"])


if __name__ == "__main__":
    main()
