"""The notebook anatomy of ../shared/STYLE.md as data, shared by the structure test and tooling."""

from __future__ import annotations

from pathlib import Path

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"

# The setup cell, identical in every notebook: on Colab/Kaggle it fetches the workbook and installs
# requirements-colab.txt (none of the runtime's own packages) and the compilers; locally and under
# papermill it does nothing.
SETUP_CELL = """\
# Setup (the same in every notebook). On Colab/Kaggle: fetch the workbook once (set WORKBOOK_URL to
# its Git URL, or upload it to ~/workbook), install what the runtime lacks (requirements-colab.txt:
# none of the runtime's own packages) and the compilers; locally and under papermill: nothing.
import os
import subprocess
import sys

HOSTED = "google.colab" in sys.modules or "KAGGLE_KERNEL_RUN_TYPE" in os.environ
if HOSTED:
    home = os.environ.get("WORKBOOK_HOME", os.path.expanduser("~/workbook"))
    if not os.path.isdir(home) and not os.environ.get("WORKBOOK_URL"):
        raise SystemExit(
            "Where is the workbook? Run os.environ['WORKBOOK_URL'] = '<its Git URL>' "
            f"(or upload the repository to {home}), then run this cell again."
        )
    if not os.path.isdir(home):
        subprocess.run(["git", "clone", "--depth=1", os.environ["WORKBOOK_URL"], home], check=True)
    if not os.path.exists(f"{home}/.installed"):
        get_ipython().run_line_magic("pip", f"install -q -r {home}/requirements-colab.txt")
        subprocess.run(["bash", f"{home}/scripts/install_toolchains.sh"], check=True)
        open(f"{home}/.installed", "w").close()
    sys.path.insert(0, home)
    os.chdir(f"{home}/notebooks")
    from helpers import runtime

    runtime.hide_old_torchao()  # Colab's torchao 0.10 makes peft refuse LoRA
    if runtime.stale_imports({"transformers": "transformers", "peft": "peft", "trl": "trl"}):
        raise SystemExit(runtime.RESTART_HINT)"""

# Sections every notebook ends with, in this order.
CLOSING_SECTIONS = ("## Results", "## Summary", "## Exercises")
