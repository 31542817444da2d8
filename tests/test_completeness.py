"""helpers.completeness: what a stage's completion record holds and when it stops holding."""

from __future__ import annotations

import json

from helpers import completeness, config


def test_upstream_expands_per_language_stages():
    names = [
        "01_explore_dataset",
        "02_base_model",
        "03_qlora_finetune-python",
        "03_qlora_finetune-java",
        "04_merge_ties_slerp",
    ]
    assert completeness.upstream_of("03_qlora_finetune-java", names) == ["02_base_model"]
    assert completeness.upstream_of("04_merge_ties_slerp", names) == names[1:4]
    assert completeness.upstream_of("01_explore_dataset", names) == []


def test_model_outputs_are_content_fingerprints(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path)
    models = tmp_path / "p" / "models"
    (models / "experts" / "python").mkdir(parents=True)
    (models / "experts" / "python" / "w.bin").write_bytes(b"1")
    (models / "base.partial").mkdir()  # still being written: not an output yet
    (models / "base.partial" / "w.bin").write_bytes(b"2")
    found = completeness.model_outputs("p")
    assert list(found) == ["models/experts/python"]
    (models / "experts" / "python" / "w.bin").write_bytes(b"3")
    assert completeness.model_outputs("p") != found


def test_a_marker_holds_until_its_inputs_or_outputs_change(tmp_path):
    (tmp_path / "metrics.json").write_text(json.dumps({"x": 1}))
    params, upstream = {"PROFILE": "cpu-tiny"}, {"02_base_model": "f1"}
    before, after = {"models/base": "a"}, {"models/base": "a", "models/experts/python": "b"}
    marker = completeness.make_marker(tmp_path, params, upstream, before, after, 1.0)
    assert marker["outputs"] == {"models/experts/python": "b"}  # only what this stage changed
    assert completeness.problem(marker, tmp_path, params, upstream, after) is None
    assert completeness.problem(None, tmp_path, params, upstream, after) == "not run to the end yet"
    assert "parameters" in completeness.problem(marker, tmp_path, {"PROFILE": "paper"}, upstream, after)
    assert completeness.problem(marker, tmp_path, params, upstream, before) == (
        "its output models/experts/python is missing"
    )
    assert completeness.problem(marker, tmp_path, params, {"02_base_model": "f2"}, after) == (
        "upstream stage 02_base_model changed"
    )
    assert completeness.problem(marker, tmp_path, params, {"02_base_model": None}, after) == (
        "upstream stage 02_base_model is no longer complete"
    )
    (tmp_path / "metrics.json").write_text(json.dumps({"x": 2}))
    assert "metrics.json" in completeness.problem(marker, tmp_path, params, upstream, after)
    old_style = {"parameters": params, "seconds": 1.0, "status": "done"}  # before this record
    assert "predates" in completeness.problem(old_style, tmp_path, params, upstream, after)


def test_a_folder_written_by_a_stage_running_beside_is_not_an_output(tmp_path):
    """Two stages ran at once: each one's changes in models/ show in the other's window too."""
    (tmp_path / "metrics.json").write_text("{}")
    before = {}
    after = {"models/adapters/python": "p", "models/adapters/java": "j", "models/notes": "n"}
    marker = completeness.make_marker(tmp_path, {}, {}, before, after, 1.0, beside=["03_qlora_finetune-java"])
    # java's adapter is its own stage's; a folder no stage owns stays with whoever changed it
    assert marker["outputs"] == {"models/adapters/python": "p", "models/notes": "n"}
