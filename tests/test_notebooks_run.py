"""Every notebook runs on cpu-tiny through the pipeline (papermill); its metrics.json is sane.

One pipeline run per test session, into a temporary runs folder; then one test per stage checks
the keys it must report and that every number is finite and in range (never exact values).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from notebook_anatomy import NOTEBOOKS_DIR

REPO = NOTEBOOKS_DIR.parent
ARTIFACTS = REPO.parent / "shared" / "paper-artifacts"
LANGS = ("python", "java", "javascript", "cpp")

# stage -> {dotted key: (low, high)}; "*" expands to every language.
RULES: dict[str, dict[str, tuple[float, float]]] = {
    "01_explore_dataset": {
        "records.*.train": (1, 1e9), "records.*.test": (1, 1e9),
        "median_code_tokens.*": (1, 1e6), "runs_ok_share.*": (0.9, 1.0),
        "matches_expected_share.*": (0.9, 1.0),
    },
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory) -> Path:
    """Run the whole cpu-tiny workbook once; return its runs/cpu-tiny folder."""
    runs = tmp_path_factory.mktemp("runs")
    cmd = [sys.executable, "-m", "helpers.pipeline", "--profile", "cpu-tiny", "--force",
           "--runs-dir", str(runs), "--param", f"ARTIFACTS={ARTIFACTS}"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, f"pipeline failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    return runs / "cpu-tiny"


def expand(key: str) -> list[str]:
    return [key.replace("*", lang) for lang in LANGS] if "*" in key else [key]


def lookup(metrics: dict, dotted: str):
    value = metrics
    for part in dotted.split("."):
        assert isinstance(value, dict) and part in value, f"metrics.json lacks {dotted!r}"
        value = value[part]
    return value


def numbers(value):
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from numbers(item)


def test_every_notebook_has_rules():
    stems = {p.stem for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")}
    assert stems <= set(RULES), f"add metric rules for {sorted(stems - set(RULES))}"


@pytest.mark.parametrize("stage", sorted(RULES))
def test_stage_metrics(pipeline_run, stage):
    if not (NOTEBOOKS_DIR / f"{stage.split('-')[0]}.ipynb").exists():
        pytest.skip(f"{stage} notebook not in this checkout")
    metrics_path = pipeline_run / stage / "metrics.json"
    assert metrics_path.exists(), f"{stage} wrote no metrics.json"
    metrics = json.loads(metrics_path.read_text())
    assert metrics.get("status") != "skipped", f"{stage} skipped: {metrics.get('reason')}"
    for number in numbers(metrics):
        assert math.isfinite(number), f"{stage}: non-finite value in metrics.json"
    for key, (low, high) in RULES[stage].items():
        for dotted in expand(key):
            value = lookup(metrics, dotted)
            assert low <= value <= high, f"{stage}: {dotted}={value} not in [{low}, {high}]"
    assert list((pipeline_run / stage).glob("*.png")), f"{stage} saved no figure"
