"""Training checkpoints: listing them, checking they are whole, and resuming only matching ones.

A checkpoint is `checkpoint-<step>` in a checkpoint folder: a directory written by the transformers
Trainer (fine-tuning) or a single `checkpoint-<step>.pt` file (router training). Each carries the
*resume identity* of the run that wrote it (what produced it: the base model's fingerprint, a hash
of the training data, the settings that change the result). `resume_point` returns the newest
checkpoint that is whole and has the current identity; one that is not whole (a missing optimizer
or scheduler state, a truncated file) or comes from other inputs is moved to `set-aside/`, with a
warning that names it, so it is never resumed and the Trainer's own rotation never sees it.
"""

from __future__ import annotations

import hashlib
import json
import warnings
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

CHECKPOINTS_DIR = "checkpoints"  # inside a stage's run folder
PREFIX = "checkpoint-"  # checkpoint-<global step>, as the Trainer names them
IDENTITY_FILE = "resume_identity.json"  # inside a Trainer checkpoint folder
SET_ASIDE_DIR = "set-aside"  # checkpoints that must not be resumed, kept for inspection
# Files a Trainer checkpoint needs to continue exactly where it stopped.
TRAINER_FILES = ("trainer_state.json", "optimizer.pt", "scheduler.pt")
ROUTER_KEYS = ("step", "identity", "routers", "optimizer", "history")  # a router checkpoint's


class ResumeWarning(UserWarning):
    """A checkpoint was not resumed (incomplete, corrupt, or written from other inputs)."""


def checkpoint_step(path: str | Path) -> int | None:
    """The step of `checkpoint-<step>` or `checkpoint-<step>.pt`, or None for any other name."""
    name = Path(path).name
    stem = name[:-3] if name.endswith(".pt") else name
    digits = stem[len(PREFIX) :]
    return int(digits) if stem.startswith(PREFIX) and digits.isdigit() else None


def list_checkpoints(directory: str | Path) -> list[Path]:
    """Every checkpoint in `directory`, newest (highest step) first."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    found = [(step, p) for p in directory.iterdir() if (step := checkpoint_step(p)) is not None]
    return [p for _, p in sorted(found, reverse=True)]


def digest(value: Any) -> str:
    """A short sha256 of any JSON-serialisable value (keys sorted), for identities."""
    text = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _file_problem(path: Path) -> str | None:
    """Why a saved file cannot be read back (truncated zip, bad safetensors or JSON), or None."""
    if path.stat().st_size == 0:
        return "is empty"
    try:
        if path.suffix in (".pt", ".pth", ".bin"):
            if not zipfile.is_zipfile(path):  # torch.save writes a zip archive
                return "is not a complete torch file"
            with zipfile.ZipFile(path) as archive:
                bad = archive.testzip()  # reads every member and checks its CRC
            return f"has a corrupt member {bad}" if bad else None
        if path.suffix == ".safetensors":
            with path.open("rb") as handle:
                size = int.from_bytes(handle.read(8), "little")
                header = json.loads(handle.read(size))
            end = max((v["data_offsets"][1] for k, v in header.items() if k != "__metadata__"), default=0)
            return None if path.stat().st_size >= 8 + size + end else "is truncated"
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as err:
        return f"cannot be read ({type(err).__name__})"
    return None


def trainer_checkpoint_problem(folder: str | Path) -> tuple[Path, str] | None:
    """(bad file, what is wrong) for a Trainer checkpoint folder that cannot be resumed, or None."""
    folder = Path(folder)
    for name in (*TRAINER_FILES, IDENTITY_FILE):
        if not (folder / name).is_file():
            return folder / name, "is missing"
    # the weights: adapter_model.safetensors (LoRA) or model*.safetensors / *model*.bin
    if not any(folder.glob("*.safetensors")) and not any(folder.glob("*model*.bin")):
        return folder / "adapter_model.safetensors", "is missing"
    for path in sorted(folder.iterdir()):
        if path.is_file() and (problem := _file_problem(path)):
            return path, problem
    return None


def load_router_checkpoint(path: str | Path) -> tuple[dict | None, str | None]:
    """(state, None) for a whole router checkpoint file, else (None, what is wrong)."""
    import torch

    path = Path(path)
    problem = _file_problem(path)
    if problem:
        return None, problem
    try:
        state = torch.load(path, weights_only=False)
    except Exception as err:  # noqa: BLE001 - any unpickling failure means "not resumable"
        return None, f"cannot be loaded ({type(err).__name__})"
    missing = [k for k in ROUTER_KEYS if not isinstance(state, dict) or k not in state]
    return (None, f"lacks {', '.join(missing)}") if missing else (state, None)


def identity_of(checkpoint: str | Path) -> dict | None:
    """The resume identity stored with a Trainer checkpoint folder, or None."""
    path = Path(checkpoint) / IDENTITY_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_identity(checkpoint: str | Path, identity: Mapping[str, Any]) -> Path:
    """Store the resume identity in a Trainer checkpoint folder (atomically)."""
    from helpers.runs import atomic_write_text

    text = json.dumps(dict(identity), indent=2, sort_keys=True) + "\n"
    return atomic_write_text(Path(checkpoint) / IDENTITY_FILE, text)


def differences(saved: Mapping[str, Any] | None, current: Mapping[str, Any]) -> list[str]:
    """Names of the identity fields that differ (all of them when nothing was saved)."""
    saved = saved or {}
    return sorted(k for k in set(saved) | set(current) if saved.get(k) != current.get(k))


def set_aside(path: str | Path, reason: str) -> Path:
    """Move a checkpoint into <its folder>/set-aside/<name>.<reason> so it is never resumed."""
    import shutil

    path = Path(path)
    target = path.parent / SET_ASIDE_DIR / f"{path.name}.{reason}"
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        shutil.rmtree(target)
    path.replace(target)
    return target


def resume_point(directory: str | Path, identity: Mapping[str, Any]) -> tuple[Path | None, dict | None]:
    """The newest whole checkpoint written with `identity` (and, for a .pt file, its state).

    Checkpoints that are not whole fall back to the previous one; checkpoints from other inputs
    mean starting over. Both are set aside with a ResumeWarning naming the file.
    """
    identity = dict(identity)
    for path in list_checkpoints(directory):
        if path.suffix == ".pt":
            state, problem = load_router_checkpoint(path)
            bad, saved = path, (state or {}).get("identity")
        else:
            state, found = None, trainer_checkpoint_problem(path)
            (bad, problem), saved = found or (path, None), identity_of(path)
        if problem:
            set_aside(path, "corrupt")
            warnings.warn(
                f"{bad} {problem}: not resuming from {path.name}, trying an earlier checkpoint",
                ResumeWarning,
                stacklevel=2,
            )
            continue
        if saved != identity:
            changed = ", ".join(differences(saved, identity))
            for stale in list_checkpoints(directory):
                set_aside(stale, "other-inputs")
            warnings.warn(
                f"{path} was written from other inputs (changed: {changed}): starting over",
                ResumeWarning,
                stacklevel=2,
            )
            return None, None
        return path, state
    return None, None


def last_checkpoint(directory: str | Path) -> Path | None:
    """The newest checkpoint in `directory` that is whole (identity not checked), or None."""
    for path in list_checkpoints(directory):
        whole = (
            load_router_checkpoint(path)[1] is None
            if path.suffix == ".pt"
            else trainer_checkpoint_problem(path) is None
        )
        if whole:
            return path
    return None


def folder_fingerprint(folder: str | Path, sample_bytes: int = 1 << 20, whole_below: int = 64 << 20) -> str:
    """A content fingerprint of the files in `folder` (not their times): names, sizes and bytes.

    Files under `whole_below` bytes are hashed whole; larger ones (multi-GB weights) by their
    size and their first and last `sample_bytes`, which any rewrite of a weight file changes.
    """
    folder = Path(folder)
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        size = path.stat().st_size
        sha.update(f"{path.name}:{size}\n".encode())
        with path.open("rb") as handle:
            if size < whole_below:
                sha.update(handle.read())
            else:
                sha.update(handle.read(sample_bytes))
                handle.seek(size - sample_bytes)
                sha.update(handle.read(sample_bytes))
    return sha.hexdigest()[:16]


def set_aside_all(folder: str | Path, reason: str) -> list[Path]:
    """Set aside every checkpoint in `folder` and its subfolders (e.g. for a forced rerun)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    folders = [
        folder,
        *(p for p in folder.rglob("*") if p.is_dir() and SET_ASIDE_DIR not in p.relative_to(folder).parts),
    ]
    return [set_aside(path, reason) for directory in folders for path in list_checkpoints(directory)]
