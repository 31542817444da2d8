"""Data-set exploration used by notebook 01: sizes, parallel tasks, token lengths, runnable references."""

from __future__ import annotations

import random

from helpers import config

Records = dict[tuple[str, str], list[dict]]  # (language, split) -> records


def title_of(text: str) -> str:
    """The task title of an xlcost description: the part before the first ' | '."""
    return text.split("|", 1)[0].strip()


def split_sizes(records: Records):
    """A language × split table of record counts."""
    import pandas as pd

    rows = [
        {"language": lang, "split": split, "records": len(recs)} for (lang, split), recs in records.items()
    ]
    table = pd.DataFrame(rows).pivot(index="language", columns="split", values="records")
    return table.reindex(index=[k for k in config.LANGUAGES if k in table.index])


def parallel_task(records: Records, split: str, title: str | None = None) -> dict[str, dict | None]:
    """One task in every language, matched by title (the first task of the first language if none)."""
    languages = [lang for lang in config.LANGUAGES if (lang, split) in records]
    if title is None:
        title = title_of(records[languages[0], split][0]["text"])
    found = {}
    for lang in languages:
        matches = [r for r in records[lang, split] if title_of(r["text"]) == title]
        found[lang] = matches[0] if matches else None
    return found


def token_lengths(records: Records, tokenizer):
    """One row per record: language, split, description and code length in tokenizer tokens."""
    import pandas as pd

    rows = []
    for (lang, split), recs in records.items():
        texts = tokenizer([r["text"] for r in recs], add_special_tokens=False)["input_ids"]
        codes = tokenizer([r["source"] for r in recs], add_special_tokens=False)["input_ids"]
        rows += [
            {"language": lang, "split": split, "text_tokens": len(t), "code_tokens": len(c)}
            for t, c in zip(texts, codes, strict=True)
        ]
    return pd.DataFrame(rows)


def length_summary(lengths, max_seq_len: int):
    """Median, 95th percentile and share over `max_seq_len` of description+code tokens per language."""
    total = lengths["text_tokens"] + lengths["code_tokens"]
    frame = lengths.assign(total_tokens=total, too_long=total > max_seq_len)
    return (
        frame.groupby("language")
        .agg(
            median_text=("text_tokens", "median"),
            median_code=("code_tokens", "median"),
            p95_total=("total_tokens", lambda s: s.quantile(0.95)),
            share_too_long=("too_long", "mean"),
        )
        .reindex([k for k in config.LANGUAGES if k in set(frame["language"])])
    )


def sample(records: list[dict], limit: int | None, seed: int = 0) -> list[dict]:
    """A seeded sample of `limit` records (all of them when limit is 0, None or larger than the list)."""
    if not limit or limit >= len(records):
        return list(records)
    return random.Random(seed).sample(records, limit)


def sample_by_subset(records: list[dict], limit: int | None, seed: int = 0) -> list[dict]:
    """`sample` of each subset (hand-written, generated; see helpers.data) apart, in first-seen order."""
    subsets = dict.fromkeys(r.get("subset") for r in records)
    return [
        record
        for subset in subsets
        for record in sample([r for r in records if r.get("subset") == subset], limit or 0, seed)
    ]


def run_references(records: dict[str, list[dict]], timeout_s: float = 10.0):
    """Run each record's `source` in the sandbox; one row per program with status and output match."""
    import pandas as pd

    from helpers import execution

    jobs = [(r["source"], lang) for lang, recs in records.items() for r in recs]
    results = execution.run_many(jobs, timeout_s=timeout_s)
    rows, flat = [], [(lang, r) for lang, recs in records.items() for r in recs]
    for (lang, record), result in zip(flat, results, strict=True):
        expected = record.get("expected_stdout")
        rows.append(
            {
                "language": lang,
                "status": result.status,
                "seconds": result.duration_s,
                "matches_expected": None if expected is None else result.stdout == expected,
            }
        )
    return pd.DataFrame(rows)


def side_by_side_html(task: dict[str, dict | None]) -> str:
    """An HTML table with one column per language showing `detokenize(code)` of each program."""
    from helpers import table_style
    from helpers.xlcost_codec import detokenize

    programs = {
        config.LANGUAGES[lang].display: detokenize(record["code"], lang) if record else None
        for lang, record in task.items()
    }
    return table_style.programs_html({"": programs})
