"""The notebook anatomy of ../shared/STYLE.md as data, shared by the structure test and tooling."""

from __future__ import annotations

from pathlib import Path

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"

# The setup cell, identical in every notebook: on Colab/Kaggle it fetches the workbook and installs
# the pinned requirements except torch (preinstalled there); locally and under papermill it does
# nothing but check that the helpers package is importable.
SETUP_CELL = '''\
# Setup (the same in every notebook). On Colab/Kaggle: fetch the workbook, install the pinned
# requirements except torch (already installed there) and the compilers; locally: nothing.
import os
import subprocess
import sys

HOSTED = "google.colab" in sys.modules or "KAGGLE_KERNEL_RUN_TYPE" in os.environ
WORKBOOK_URL = os.environ.get("WORKBOOK_URL", "https://github.com/moe-codegen-workbook/workbook")
if HOSTED:
    home = os.path.expanduser("~/workbook")
    if not os.path.isdir(home):
        subprocess.run(["git", "clone", "--depth=1", WORKBOOK_URL, home], check=True)
        install = (f"grep -v '^torch==' {home}/requirements.txt > /tmp/req.txt && "
                   f"pip install -q -r /tmp/req.txt && bash {home}/scripts/install_toolchains.sh")
        subprocess.run(install, shell=True, check=True)
    sys.path.insert(0, home)
    os.chdir(f"{home}/notebooks")'''

# Sections every notebook ends with, in this order.
CLOSING_SECTIONS = ("## Results", "## Summary", "## Exercises")
