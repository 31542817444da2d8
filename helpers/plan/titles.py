"""The planned figures every notebook's title cell shows for the GPU profiles, from `plan`.

`python -m helpers.plan --update-notebooks` writes them; a test checks that the notebooks show
what the plan computes now, so the title cells cannot drift from the plan.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from helpers import config

MARK = "Planned on the GPU profiles"
GPU_PROFILES = ("colab-t4", "paper")
PER_LANGUAGE = {"03_qlora_finetune"}  # planned for its four runs together


@functools.cache
def _plans() -> dict[str, dict]:
    from helpers.plan.notebooks import plan

    return {name: plan(config.get_profile(name))["notebooks"] for name in GPU_PROFILES}


def _hours(hours: float) -> str:
    return f"{hours * 60:.0f} min" if hours < 1 else f"{hours:.1f} h"


def planned_line(stem: str) -> str:
    """One sentence with the notebook's planned peak GPU memory, host RAM, disk and time per profile."""
    parts = []
    for name, notebooks in _plans().items():
        if stem not in notebooks:
            raise ValueError(f"The plan has no notebook {stem!r}; it plans {', '.join(notebooks)}.")
        e = notebooks[stem]
        parts.append(
            f"`{name}` {e['peak_gpu_gb']:.1f} GB GPU, {e['host_ram_gb']:.1f} GB RAM, "
            f"{e['disk_gb']:.1f} GB disk, {_hours(e['hours'])}"
        )
    runs = " for its four runs (one per language)" if stem in PER_LANGUAGE else ""
    return f"{MARK}{runs} (estimates, `python -m helpers.plan`): " + "; ".join(parts) + "."


def with_planned_line(title: str, stem: str) -> str:
    """The title cell's text with its planned-figures line replaced, or appended when it has none."""
    lines = [line for line in title.rstrip("\n").split("\n") if not line.startswith(MARK)]
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join([*lines, "", planned_line(stem)])


def update_notebooks(notebooks_dir: Path) -> list[Path]:
    """Rewrite the title cell of every numbered notebook in `notebooks_dir`; returns those changed."""
    changed = []
    for path in sorted(notebooks_dir.glob("[0-9][0-9]_*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        title = notebook["cells"][0]
        old = "".join(title["source"])
        new = with_planned_line(old, path.stem)
        if new != old:
            lines = new.split("\n")
            title["source"] = [line + "\n" for line in lines[:-1]] + [lines[-1]]
            path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            changed.append(path)
    return changed
