"""helpers.runtime: hosted detection, the torchao decision, stale imports (known answers)."""

from __future__ import annotations

import types

from helpers import runtime


def test_is_hosted():
    assert runtime.is_hosted({"google.colab": object()}, {})
    assert runtime.is_hosted({}, {"KAGGLE_KERNEL_RUN_TYPE": "Interactive"})
    assert not runtime.is_hosted({}, {})


def test_torchao_blocks_peft_below_its_minimum():
    assert runtime.torchao_blocks_peft("0.10.0")  # Colab's, late 2026
    assert runtime.torchao_blocks_peft("0.15.9+cu121")
    assert not runtime.torchao_blocks_peft("0.16.0")
    assert not runtime.torchao_blocks_peft("0.18.1")
    assert not runtime.torchao_blocks_peft(None)  # not installed: nothing to do


def test_hide_old_torchao_is_a_no_op_without_torchao(monkeypatch):
    monkeypatch.setattr(runtime, "installed_version", lambda name: None)
    assert runtime.hide_old_torchao() is False


def test_hide_old_torchao_answers_peft_check(monkeypatch):
    import peft.tuners.lora.torchao as lora_torchao

    monkeypatch.setattr(runtime, "installed_version", lambda name: "0.10.0")
    monkeypatch.setattr(lora_torchao, "is_torchao_available", lora_torchao.is_torchao_available)
    assert runtime.hide_old_torchao() is True
    assert lora_torchao.is_torchao_available() is False


def test_stale_imports(monkeypatch):
    monkeypatch.setattr(runtime, "installed_version", lambda name: {"a": "2.0", "b": "1.0"}.get(name))
    modules = {"a": types.SimpleNamespace(__version__="1.0"), "b": types.SimpleNamespace(__version__="1.0")}
    assert runtime.stale_imports({"a": "a", "b": "b", "c": "c"}, modules) == ["a"]


def test_quiet_libraries_silences_progress_and_root_warnings(monkeypatch):
    import logging

    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    root = logging.getLogger()
    monkeypatch.setattr(root, "level", logging.WARNING)
    runtime.quiet_libraries()
    import os

    assert os.environ["TQDM_DISABLE"] == "1"
    assert not root.isEnabledFor(logging.WARNING) and root.isEnabledFor(logging.ERROR)
    assert logging.getLogger("mergekit").getEffectiveLevel() == logging.ERROR


def test_versions_line():
    line = runtime.versions_line({"torch": "2.13.0", "mergekit": "missing"})
    assert line == "torch 2.13.0 · mergekit missing"


def test_usable_cores_are_the_affinity_or_every_core(monkeypatch):
    import os

    assert runtime.usable_cores() == sorted(os.sched_getaffinity(0))
    monkeypatch.delattr(os, "sched_getaffinity")  # as on macOS
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert runtime.usable_cores() == [0, 1, 2]
