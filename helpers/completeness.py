"""Whether a pipeline stage is complete: same parameters, same upstream results, outputs intact.

A stage that finishes writes `.complete.json` in its run folder:

- `parameters`: what papermill injected;
- `metrics`: sha256 of the metrics.json it wrote;
- `outputs`: the model folders under runs/<profile>/models it created or changed, each with
  its content fingerprint (checkpoints.folder_fingerprint: names, sizes and bytes, not times);
- `upstream`: the `fingerprint` of each stage it reads from (see layout.UPSTREAM), None for one that
  was not complete when it ran;
- `fingerprint`: a digest of all of the above, which the stages downstream record in turn.

A stage is complete while all of that still holds; `problem` says what no longer does (a model
folder deleted or rebuilt, an upstream stage rerun), so the pipeline reruns it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from helpers import checkpoints, layout

MARKER = ".complete.json"
_SCRATCH_SUFFIXES = (".partial", ".old")  # folders runs.publish_dir is still writing


def upstream_of(stage_name: str, all_stage_names: Iterable[str]) -> list[str]:
    """Names of the stages `stage_name` reads from, among all_stage_names (every language)."""
    numbers = layout.UPSTREAM.get(stage_name[:2], ())
    return [name for name in all_stage_names if name[:2] in numbers]


def model_outputs(profile: str) -> dict[str, str]:
    """Every model folder under runs/<profile>/models (relative path -> content fingerprint), but the
    large models that helpers.rebuild rebuilds (they may be deleted after use)."""
    from helpers.modeling import BUILD_RECIPE_FILES

    root = layout.Run(profile).models_dir
    if not root.is_dir():
        return {}
    found = {}
    for folder in sorted(p for p in root.rglob("*") if p.is_dir()):
        if folder.name.endswith(_SCRATCH_SUFFIXES) or any(
            part.endswith(_SCRATCH_SUFFIXES) for part in folder.relative_to(root).parts
        ):
            continue
        if any((folder / name).is_file() for name in BUILD_RECIPE_FILES):
            continue  # a large model, rebuilt on demand: its kept recipe (models/recipes/) stands for it
        if any(p.is_file() for p in folder.iterdir()):
            found[f"{layout.MODELS_FOLDER}/{folder.relative_to(root).as_posix()}"] = (
                checkpoints.folder_fingerprint(folder)
            )
    return found


def file_hash(path: str | Path) -> str | None:
    """sha256 of a file's bytes (first 16 hex digits), or None when it does not exist."""
    path = Path(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else None


def read_marker(out_dir: str | Path) -> dict | None:
    """A stage's `.complete.json`, or None when it is missing or unreadable."""
    try:
        marker = json.loads((Path(out_dir) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) else None


def make_marker(
    out_dir: str | Path,
    parameters: Mapping[str, Any],
    upstream: Mapping[str, Any],
    before: Mapping[str, str],
    after: Mapping[str, str],
    seconds: float,
    beside: Iterable[str] = (),
) -> dict:
    """The `.complete.json` of a stage that just finished (outputs: what changed in models/).

    `beside` names the stages that ran at the same time: a folder that one of them writes
    (layout.model_writer) changed because of it, so it is not this stage's output.
    """
    others = set(beside)
    outputs = {
        path: fp
        for path, fp in after.items()
        if before.get(path) != fp and layout.model_writer(path) not in others
    }
    marker = {
        "parameters": dict(parameters),
        "upstream": dict(upstream),
        "outputs": outputs,
        "metrics": file_hash(Path(out_dir) / "metrics.json"),
    }
    return {
        **marker,
        "fingerprint": checkpoints.digest(marker),
        "seconds": round(seconds, 1),
        "status": "done",
    }


def problem(
    marker: dict | None,
    out_dir: str | Path,
    parameters: Mapping[str, Any],
    upstream: Mapping[str, Any],
    models: Mapping[str, str],
) -> str | None:
    """Why a stage with this marker is not complete now, or None when it is."""
    if marker is None:
        return "not run to the end yet"
    if marker.get("parameters") != dict(parameters):
        return "its parameters changed"
    if "fingerprint" not in marker:
        return "its completion record predates upstream tracking"
    if marker.get("metrics") != file_hash(Path(out_dir) / "metrics.json"):
        return "its metrics.json is missing or changed"
    for path, fp in marker.get("outputs", {}).items():
        if models.get(path) != fp:
            return f"its output {path} is {'missing' if path not in models else 'changed'}"
    recorded = marker.get("upstream", {})
    for name in sorted(set(recorded) | set(upstream)):
        if recorded.get(name) != upstream.get(name):
            now = "is no longer complete" if upstream.get(name) is None else "changed"
            return f"upstream stage {name} {now}"
    return None
