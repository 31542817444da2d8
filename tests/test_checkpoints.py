"""helpers.checkpoints: listing, whole-or-not checks, identity-keyed resuming, fingerprints."""

from __future__ import annotations

import json
import os
import re

import pytest
import torch
from safetensors.torch import save_file

from helpers import checkpoints

IDENTITY = {"base_model": "abc", "train_data": "d1", "settings": "s1"}


def trainer_checkpoint(folder, step, identity=IDENTITY):
    """A hand-made Trainer checkpoint folder with every file resuming needs."""
    path = folder / f"checkpoint-{step}"
    path.mkdir(parents=True)
    (path / "trainer_state.json").write_text(json.dumps({"global_step": step}))
    torch.save({"state": {}}, path / "optimizer.pt")
    torch.save({"last_epoch": step}, path / "scheduler.pt")
    save_file({"w": torch.zeros(4, 4)}, str(path / "adapter_model.safetensors"))
    checkpoints.write_identity(path, identity)
    return path


def router_checkpoint(folder, step, identity=IDENTITY):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"checkpoint-{step}.pt"
    torch.save({"step": step, "identity": identity, "routers": [], "optimizer": {}, "history": []}, path)
    return path


def test_steps_and_newest_first(tmp_path):
    assert checkpoints.list_checkpoints(tmp_path / "missing") == []
    for name in ("checkpoint-2", "checkpoint-10", "checkpoint-x", "other"):
        (tmp_path / name).mkdir()
    (tmp_path / "checkpoint-7.pt").write_bytes(b"")
    assert [p.name for p in checkpoints.list_checkpoints(tmp_path)] == [
        "checkpoint-10",
        "checkpoint-7.pt",
        "checkpoint-2",
    ]
    assert checkpoints.checkpoint_step("checkpoint-12.pt") == 12
    assert checkpoints.checkpoint_step("checkpoint-12.pt.corrupt") is None


def test_last_checkpoint_skips_incomplete_ones(tmp_path):
    trainer_checkpoint(tmp_path, 2)
    trainer_checkpoint(tmp_path, 10)
    (tmp_path / "checkpoint-12").mkdir()  # interrupted mid-save: nothing in it yet
    (tmp_path / "checkpoint-12" / "trainer_state.json").write_text("{}")
    assert checkpoints.last_checkpoint(tmp_path) == tmp_path / "checkpoint-10"


def test_resume_point_is_the_newest_with_the_same_identity(tmp_path):
    trainer_checkpoint(tmp_path, 2)
    trainer_checkpoint(tmp_path, 4)
    assert checkpoints.resume_point(tmp_path, IDENTITY) == (tmp_path / "checkpoint-4", None)


@pytest.mark.parametrize(
    "name,damage",
    [
        ("optimizer.pt", "truncate"),
        ("scheduler.pt", "delete"),
        ("optimizer.pt", "delete"),
        ("adapter_model.safetensors", "truncate"),
        ("adapter_model.safetensors", "delete"),
        ("trainer_state.json", "truncate"),
        ("resume_identity.json", "delete"),
    ],
)
def test_a_damaged_newest_checkpoint_falls_back_and_names_the_file(tmp_path, name, damage):
    trainer_checkpoint(tmp_path, 2)
    bad = trainer_checkpoint(tmp_path, 4) / name
    if damage == "delete":
        bad.unlink()
    else:
        bad.write_bytes(bad.read_bytes()[: bad.stat().st_size // 2])
    with pytest.warns(checkpoints.ResumeWarning, match=re.escape(str(bad))):
        found, _ = checkpoints.resume_point(tmp_path, IDENTITY)
    assert found == tmp_path / "checkpoint-2"
    # set aside: the next run neither warns again nor lets the Trainer's rotation see it
    assert [p.name for p in checkpoints.list_checkpoints(tmp_path)] == ["checkpoint-2"]
    assert (tmp_path / "set-aside" / "checkpoint-4.corrupt").is_dir()


def test_checkpoints_from_other_inputs_are_not_resumed(tmp_path):
    trainer_checkpoint(tmp_path, 2)
    trainer_checkpoint(tmp_path, 4)
    other = {**IDENTITY, "train_data": "d2"}
    with pytest.warns(checkpoints.ResumeWarning, match="changed: train_data.*starting over"):
        assert checkpoints.resume_point(tmp_path, other) == (None, None)
    assert checkpoints.list_checkpoints(tmp_path) == []
    assert sorted(p.name for p in (tmp_path / "set-aside").iterdir()) == [
        "checkpoint-2.other-inputs",
        "checkpoint-4.other-inputs",
    ]


def test_router_checkpoints_fall_back_past_a_corrupt_file(tmp_path):
    router_checkpoint(tmp_path, 2)
    bad = router_checkpoint(tmp_path, 4)
    bad.write_bytes(bad.read_bytes()[:50])
    with pytest.warns(checkpoints.ResumeWarning, match=re.escape(str(bad))):
        found, state = checkpoints.resume_point(tmp_path, IDENTITY)
    assert found == tmp_path / "checkpoint-2.pt" and state["step"] == 2


def test_folder_fingerprint_follows_content_not_times(tmp_path):
    (tmp_path / "a.bin").write_bytes(b"12345")
    (tmp_path / "config.json").write_text("{}")
    before = checkpoints.folder_fingerprint(tmp_path)
    os.utime(tmp_path / "a.bin", (1, 1))
    assert checkpoints.folder_fingerprint(tmp_path) == before
    (tmp_path / "a.bin").write_bytes(b"12346")
    assert checkpoints.folder_fingerprint(tmp_path) != before
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(3000))
    sampled = checkpoints.folder_fingerprint(tmp_path, sample_bytes=100, whole_below=1000)
    big.write_bytes(bytes(2999) + b"x")  # the last bytes are part of the sample
    assert checkpoints.folder_fingerprint(tmp_path, sample_bytes=100, whole_below=1000) != sampled
