"""What a notebook run leaves behind: atomic files and folders, metrics.json, figures, versions.

Every file or folder the workbook publishes goes through `atomic_write_bytes` (a file) or
`publish_dir` (a folder): written next to its target under a temporary name, then renamed, so a
reader or a crash never sees half of it.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

# Libraries whose versions every notebook shows in its resolve cell.
TRACKED_LIBRARIES = (
    "torch",
    "transformers",
    "tokenizers",
    "peft",
    "trl",
    "datasets",
    "accelerate",
    "bitsandbytes",
    "mergekit",
    "codebleu",
    "tree-sitter",
    "papermill",
)


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file and a rename, so readers never see half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def publish_dir(target: str | Path, write: Callable[[Path], object]) -> Path:
    """Call `write(folder)` on a fresh sibling `<target>.partial`, then swap it in for `target`."""
    import shutil

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    old = target.with_name(target.name + ".old")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        write(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    # the previous version stays whole (as .old) until the new one is in place
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically (see atomic_write_bytes)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def write_jsonl(path: str | Path, rows: list[Mapping[str, Any]]) -> Path:
    """Write rows as JSON lines, atomically."""
    text = "".join(json.dumps(dict(row), ensure_ascii=False) + "\n" for row in rows)
    return atomic_write_text(path, text)


def read_jsonl(path: str | Path) -> list[dict]:
    """Read a JSON-lines file of objects (blank lines ignored); a bad line raises a clear ValueError."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise ValueError(f"cannot read {path}: {err}") from None
    records = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(
                f"{path}, line {line_no}: not valid JSON ({err.msg}); expected one JSON object per line"
            ) from None
        if not isinstance(record, dict):
            raise ValueError(
                f"{path}, line {line_no}: expected a JSON object such as "
                f'{{"value": ...}}, got {type(record).__name__}'
            )
        records.append(record)
    return records


def _jsonable(value: Any) -> Any:
    """Turn numpy scalars, paths and tuples into plain JSON values; NaN/inf become None."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item") and callable(value.item):  # numpy / torch scalars
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def save_metrics(run_dir: str | Path, metrics: Mapping[str, Any]) -> Path:
    """Write `metrics.json` for a run (atomically) and return its path."""
    text = json.dumps(_jsonable(metrics), indent=2, sort_keys=True) + "\n"
    return atomic_write_text(Path(run_dir) / "metrics.json", text)


def load_metrics(run_dir: str | Path) -> dict:
    """Read a run's `metrics.json`."""
    return json.loads((Path(run_dir) / "metrics.json").read_text(encoding="utf-8"))


def save_figure(fig: Any, path: str | Path, dpi: int = 120) -> Path:
    """Save a matplotlib figure as PNG atomically and return the path."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return atomic_write_bytes(path, buffer.getvalue())


def library_versions(names: tuple[str, ...] = TRACKED_LIBRARIES) -> dict[str, str]:
    """Return the installed version of each library ('missing' when not installed)."""
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    return versions
