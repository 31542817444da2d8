"""One style for every table a notebook displays: numbers rounded to 3 decimals, counts as integers,
columns named in words a reader knows, all-zero rows summarised; and programs shown whole, side by
side, in monospaced columns. The functions return display copies: compute with the original."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

DIGITS = 3
MISSING = "–"  # shown for NaN / None
# Internal names (metrics.json keys, DataFrame columns) and the words a reader sees. A notebook
# adds its own with `names=` (e.g. notebook 08's verdicts.COLUMN_NAMES for the paper's tables).
NAMES = {
    "codebleu_published": "CodeBLEU (published scoring)",
    "codebleu_corrected": "CodeBLEU (corrected)",
    "free_dataflow_share_published": "free data-flow credit (share of samples)",
    "free_dataflow_share_corrected": "free data-flow credit, corrected (share of samples)",
    "ngram_match_score_corrected": "n-gram match (corrected)",
    "weighted_ngram_match_score_corrected": "weighted n-gram match (corrected)",
    "syntax_match_score_corrected": "syntax match (corrected)",
    "dataflow_match_score_corrected": "data-flow match (corrected)",
    "ngram_match_score": "n-gram match",
    "weighted_ngram_match_score": "weighted n-gram match",
    "syntax_match_score": "syntax match",
    "dataflow_match_score": "data-flow match",
    "val_loss": "validation loss (nats per token)",
    "runs": "runs (share)",
    "runs_rate": "runs (share)",
    "driver_match": "prints what the reference prints (share)",
    "driver_match_rate": "prints what the reference prints (share)",
    "runs_ok": "runs cleanly (share)",
    "matches_expected": "prints the expected output (share)",
    "mean_seconds": "mean seconds per program",
    "programs": "programs",
    "median_text": "median description tokens",
    "median_code": "median program tokens",
    "p95_total": "description + program tokens, 95th percentile",
    "share_too_long": "longer than a training row (share)",
    "global_step": "steps in total",
    "steps_run": "steps run now",
    "train_seconds": "training seconds",
    "resumed_from": "resumed from",
    "tokens_per_s": "tokens per second",
    "tokens_per_second": "tokens per second",
    "train_loss": "training loss (mean over the steps)",
    "tokens_seen": "tokens trained on (this session)",
    "tokens_seen_total": "tokens trained on (in total)",
    "base_val_loss": "validation loss, base model",
    "expert_val_loss": "validation loss, expert",
    "total": "parameters (total)",
    "active": "parameters (active per token)",
    "trainable": "parameters (trainable)",
    "routing_accuracy": "routing accuracy (share to own expert)",
    "load_cv": "load CV (0 = even)",
    "max_abs_diff": "largest |difference| from its source",
}


def cell_text(value: object, integer: bool = False, digits: int = DIGITS) -> str:
    """One cell as text: integers (and integer-valued floats when `integer`, or of 1,000 or more)
    with thousands separators, other numbers to `digits` decimals, non-zero ones below 10**-digits
    in scientific notation (so they read neither as 0 nor as a rounded-up 0.001), NaN as a dash;
    a list or tuple element by element."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, list | tuple):  # e.g. a row of probabilities in one cell
        return "[" + ", ".join(cell_text(v, False, digits) for v in value) + "]"
    if isinstance(value, bool | str) or not isinstance(value, numbers.Real):
        return str(value)
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    value = float(value) + 0.0  # + 0.0 turns -0.0 into 0.0: no '-0.000'
    if math.isinf(value):
        return str(value)
    if value.is_integer() and (integer or abs(value) >= 1000):
        return f"{int(value):,}"
    if value != 0 and abs(value) < 10**-digits:  # 0.0005 would round to 0.001, 0.0004 to 0
        return f"{value:.1e}"
    return f"{value:.{digits}f}"


def _numbers(column: pd.Series) -> list[float]:
    """The real-number cells of a column (bools and text left out)."""
    return [
        float(v)
        for v in column
        if isinstance(v, numbers.Real) and not isinstance(v, bool) and not math.isnan(float(v))
    ]


def is_zero_row(row: pd.Series) -> bool:
    """True when the row holds numbers and every one of them is 0."""
    found = _numbers(row)
    return bool(found) and len(found) == len(row) and all(v == 0 for v in found)


def _label(key: object) -> str:
    """An index label as text (a tuple of a MultiIndex joined with '/')."""
    return "/".join(map(str, key)) if isinstance(key, tuple) else str(key)


def summarise_zero_rows(frame: pd.DataFrame, min_rows: int = 2) -> pd.DataFrame:
    """`frame` with its all-zero rows (when there are at least `min_rows`) replaced by one row that
    names them: the row labels are kept, so nothing is hidden."""
    import pandas as pd

    zero = frame.apply(is_zero_row, axis=1) if len(frame.columns) else pd.Series(False, index=frame.index)
    if zero.sum() < min_rows:
        return frame
    labels = [_label(key) for key in frame.index[zero.to_numpy()]]
    note = f"all 0 ({len(labels)} rows): {', '.join(labels)}"
    kept = frame[~zero.to_numpy()].copy()
    if isinstance(kept.index, pd.MultiIndex):
        kept.index = kept.index.map(_label)
    summary = pd.DataFrame([[0] * len(frame.columns)], index=[note], columns=frame.columns)
    folded = pd.concat([kept, summary])
    names = [n for n in frame.index.names if n is not None]
    folded.index.name = "/".join(map(str, names)) if names else None
    return folded


def _rename(labels: pd.Index, names: Mapping[str, str]) -> pd.Index:
    """Index or columns (every level) renamed by `names`, their level names too."""
    import pandas as pd

    def word(label: object) -> object:
        return names.get(label, label) if isinstance(label, str) else label

    if isinstance(labels, pd.MultiIndex):
        renamed = labels.set_levels([level.map(word) for level in labels.levels])
        return renamed.set_names([word(n) for n in labels.names])
    return pd.Index([word(v) for v in labels], name=word(labels.name))


def show(
    table: pd.DataFrame | pd.Series | Mapping,
    names: Mapping[str, str] | None = None,
    digits: int = DIGITS,
    zero_rows: str = "keep",
) -> pd.DataFrame:
    """A copy of `table` for display: columns and index in words (NAMES, then `names`), numbers as
    text rounded to `digits` decimals, a column whose numbers are all whole as integers;
    `zero_rows="summarise"` folds two or more all-zero rows into one row that lists them."""
    import pandas as pd

    if zero_rows not in ("keep", "summarise"):
        raise ValueError(f"zero_rows={zero_rows!r}: accepted are 'keep' and 'summarise'.")
    if isinstance(table, pd.Series):
        frame = table.to_frame(name=table.name if table.name is not None else "value")
    elif isinstance(table, pd.DataFrame):
        frame = table
    elif isinstance(table, Mapping):
        frame = pd.Series(dict(table), name="value", dtype=object).to_frame()  # ints stay ints
    else:
        raise ValueError(f"show() takes a DataFrame, a Series or a mapping, not {type(table).__name__}.")
    if zero_rows == "summarise":
        frame = summarise_zero_rows(frame)
    words = {**NAMES, **(names or {})}
    shown = pd.DataFrame(index=frame.index)
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        found = _numbers(column)
        integer = bool(found) and all(v.is_integer() for v in found)
        shown[position] = [cell_text(v, integer, digits) for v in column]
    shown.columns = _rename(frame.columns, words)
    shown.index = _rename(frame.index, words)
    return shown


def programs_html(rows: Mapping[str, Mapping[str, str | None]], caption: str = "") -> str:
    """An HTML table of whole programs: one row per key of `rows`, one monospaced column per key of
    its mapping (e.g. {"python": {"reference": ..., "prediction": ...}}); line breaks kept, long
    lines wrapped, nothing cut. A row label of "" shows no label column."""
    import html

    if not rows:
        raise ValueError("programs_html() needs at least one row of programs.")
    columns = list(dict.fromkeys(name for programs in rows.values() for name in programs))
    labelled = any(label != "" for label in rows)
    cell = 'style="vertical-align:top;text-align:left;padding:4px 8px"'
    pre = 'style="white-space:pre-wrap;font-family:monospace;font-size:12px;margin:0"'
    head = ("<th></th>" if labelled else "") + "".join(
        f"<th {cell}>{html.escape(str(c))}</th>" for c in columns
    )
    body = []
    for label, programs in rows.items():
        cells = [f"<th {cell}>{html.escape(str(label))}</th>"] if labelled else []
        for name in columns:
            text = programs.get(name)
            shown = "(none)" if text is None else (text if text.strip() else "(empty)")
            cells.append(f"<td {cell}><pre {pre}>{html.escape(shown)}</pre></td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{title}<tr>{head}</tr>{''.join(body)}</table>"
