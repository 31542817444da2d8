from __future__ import annotations

import json
import math

import numpy as np

from helpers import runs


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "sub" / "file.txt"
    runs.atomic_write_text(target, "hello")
    runs.atomic_write_text(target, "again")
    assert target.read_text() == "again"
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]


def test_metrics_are_plain_json(tmp_path):
    runs.save_metrics(tmp_path, {"a": np.float32(0.5), "b": (1, 2), "c": math.nan, "d": {"x": np.int64(3)}})
    data = json.loads((tmp_path / "metrics.json").read_text())
    assert data == {"a": 0.5, "b": [1, 2], "c": None, "d": {"x": 3}}
    assert runs.load_metrics(tmp_path) == data


def test_jsonl_round_trip(tmp_path):
    rows = [{"prediction": "print(1)\n", "language": "python"}, {"prediction": "é ▁", "language": "cpp"}]
    runs.write_jsonl(tmp_path / "p.jsonl", rows)
    assert runs.read_jsonl(tmp_path / "p.jsonl") == rows


def test_library_versions_reports_missing():
    versions = runs.library_versions(("pytest", "surely-not-installed-pkg"))
    assert versions["surely-not-installed-pkg"] == "missing" and versions["pytest"][0].isdigit()
