"""Notebooks 02 and 03 through the pipeline, interrupted and changed as a user would (issue #14).

One python expert on cpu-tiny (a few minutes): --force on other data trains from scratch, a
damaged newest checkpoint falls back to the one before and is named, tokens per second count this
session only, and a deleted base model makes notebook 03 incomplete (notebook 02 reruns first).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from notebook_anatomy import NOTEBOOKS_DIR

REPO = NOTEBOOKS_DIR.parent
STAGE = "03_qlora_finetune-python"

pytestmark = pytest.mark.slow


def pipeline(runs: Path, *args: str) -> str:
    """Run the pipeline on notebooks 02 and 03 (python only); return its output."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [
        sys.executable,
        "-m",
        "helpers.pipeline",
        "--profile",
        "cpu-tiny",
        "--languages",
        "python",
        "--runs-dir",
        str(runs),
        *args,
    ]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, f"pipeline failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def small_data(folder: Path, rows: int = 12) -> Path:
    """A local data folder: the mini corpus' python splits, the training split cut to `rows`."""
    source = REPO / "data" / "xlcost-mini" / "python"
    (folder / "python").mkdir(parents=True)
    for split in ("validation", "test"):
        shutil.copy(source / f"{split}.jsonl", folder / "python" / f"{split}.jsonl")
    lines = (source / "train.jsonl").read_text().splitlines()[:rows]
    (folder / "python" / "train.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_notebook_03_resumes_only_what_the_same_inputs_wrote(tmp_path):
    runs = tmp_path / "runs"
    pipeline(runs, "--only", "02", "03")
    out = runs / "cpu-tiny" / STAGE
    fresh = json.loads((out / "metrics.json").read_text())
    assert fresh["resumed_from"] is None and fresh["train_seconds"] > 0.5

    # --force with other data: trains again from step 0 (no stale checkpoint-30 resumed)
    local = ["--param", "DATA_SOURCE=local", "--param", f"DATA_PATH={small_data(tmp_path / 'd')}"]
    pipeline(runs, "--only", "03", "--force", *local)
    forced = json.loads((out / "metrics.json").read_text())
    assert forced["resumed_from"] is None and forced["train_seconds"] > 0.5
    assert forced["train_steps"] == fresh["train_steps"]

    # Interrupted after the last save (no completion record) with a damaged newest checkpoint:
    # the run falls back to the checkpoint before it and names the damaged file.
    newest = max((out / "checkpoints").glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
    bad = newest / "optimizer.pt"
    bad.write_bytes(bad.read_bytes()[:100])
    (out / ".complete.json").unlink()
    pipeline(runs, "--only", "03", *local)
    resumed = json.loads((out / "metrics.json").read_text())
    assert resumed["resumed_from"] and not resumed["resumed_from"].endswith(newest.name)
    assert str(bad) in (out / "03_qlora_finetune.ipynb").read_text()

    # the rate counts this session's tokens only (the last checkpoint interval), not all of them
    def session_tokens(metrics: dict) -> float:
        return metrics["train_tokens_per_second"] * metrics["train_seconds"]

    assert session_tokens(resumed) < 0.6 * session_tokens(forced)

    # The base model deleted: notebook 03 is not complete; notebook 02 rebuilds it first.
    shutil.rmtree(runs / "cpu-tiny" / "models" / "base")
    output = pipeline(runs, "--only", "03", *local)
    assert "02_base_model reruns first" in output and "models/base is missing" in output
    assert f"{STAGE}: skipped-complete" not in output
