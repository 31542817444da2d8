"""The install files: Colab/Kaggle get only what their runtime lacks; local runs get everything."""

from __future__ import annotations

import re

from helpers import config

# Packages a Colab/Kaggle runtime owns: replacing them can crash it.
RUNTIME_OWNED = {
    "torch",
    "ipykernel",
    "ipython",
    "notebook",
    "jupyterlab",
    "jupyter",
    "pandas",
    "matplotlib",
    "seaborn",
    "numpy",
    "nbformat",
    "papermill",
}


def pins(name: str) -> dict[str, str]:
    lines = (config.REPO_ROOT / name).read_text().splitlines()
    found = {}
    for line in lines:
        match = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_colab_requirements_pin_none_of_the_runtimes_packages():
    colab = pins("requirements-colab.txt")
    assert not set(colab) & RUNTIME_OWNED
    assert {"transformers", "peft", "trl", "bitsandbytes", "mergekit", "codebleu"} <= set(colab)
    assert not any("[" in name for name in colab)  # never codebleu[all]


def test_local_requirements_include_the_colab_file_and_pin_torch():
    text = (config.REPO_ROOT / "requirements.txt").read_text()
    assert "-r requirements-colab.txt" in text.splitlines()
    local = pins("requirements.txt")
    assert local["torch"] == "2.13.0"  # the fast CPU wheel; an open range pulls a CUDA build
    assert not set(local) & set(pins("requirements-colab.txt"))  # each pin in one place
