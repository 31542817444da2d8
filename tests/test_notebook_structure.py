"""Every notebook follows the anatomy of ../shared/STYLE.md and is committed without outputs."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import nbformat
import papermill
import pytest
from notebook_anatomy import CLOSING_SECTIONS, NOTEBOOKS_DIR, SETUP_CELL

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
PARAM_LINE = re.compile(r"^([A-Z][A-Z0-9_]*): [\w\[\], |]+ = (.+?)  # \S.*$")


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no numbered notebooks in {NOTEBOOKS_DIR}"


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def nb(request):
    return request.param, nbformat.read(request.param, as_version=4)


def test_committed_without_outputs(nb):
    path, notebook = nb
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path.name} cell {index} has outputs"
            assert cell.execution_count is None, f"{path.name} cell {index} has an execution count"


def test_title_cell(nb):
    path, notebook = nb
    first = notebook.cells[0]
    assert first.cell_type == "markdown"
    title = first.source.splitlines()[0]
    assert re.fullmatch(rf"# {path.stem[:2]} · \S.*", title), f"bad title line {title!r}"
    assert "You will" in first.source, "the title cell lists what the reader will do"
    assert "cpu-tiny" in first.source, "the title cell gives the run time on each profile"
    titles = [c for c in notebook.cells if c.cell_type == "markdown" and c.source.startswith("# ")]
    assert len(titles) == 1, "exactly one '# Title' cell"


def test_setup_cell_is_the_shared_one(nb):
    path, notebook = nb
    assert notebook.cells[1].source == SETUP_CELL, f"{path.name}: setup cell differs"


def test_parameters_cell(nb):
    path, notebook = nb
    cell = notebook.cells[2]
    assert "parameters" in cell.metadata.get("tags", []), "third cell is tagged parameters"
    names = []
    for line in cell.source.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = PARAM_LINE.match(line)
        assert match, f"{path.name}: parameter line needs `NAME: type = literal  # comment`: {line!r}"
        ast.literal_eval(match.group(2))  # a literal, not a derived value
        names.append(match.group(1))
    assert names[0] == "PROFILE" and '"cpu-tiny"' in cell.source.splitlines()[0]
    # papermill must see every parameter (it skips lines it cannot parse, e.g. '=' in a comment)
    assert sorted(papermill.inspect_notebook(str(path))) == sorted(names)


def test_resolve_cell(nb):
    path, notebook = nb
    assert re.search(r"config\.get_profile\(\s*PROFILE, base_model=BASE_MODEL", notebook.cells[3].source)


def test_sections_in_order(nb):
    path, notebook = nb
    heads = [
        line
        for c in notebook.cells
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if line.startswith("## ")
    ]
    numbered = [h for h in heads if re.match(r"## \d+\. ", h)]
    assert numbered, "at least one numbered section"
    numbers = [int(re.match(r"## (\d+)\.", h).group(1)) for h in numbered]
    assert numbers == list(range(1, len(numbers) + 1)), f"sections numbered 1..n: {numbers}"
    assert tuple(heads[-3:]) == CLOSING_SECTIONS, f"ends with {CLOSING_SECTIONS}, got {heads[-3:]}"
    assert heads.index(numbered[-1]) < heads.index("## Results")


def test_saves_metrics(nb):
    path, notebook = nb
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "runs.save_metrics(" in code, f"{path.name} must write metrics.json"


def test_no_defs_outside_teaching_versions(nb):
    """A `def` in a notebook is allowed only as a teaching version, marked and tested."""
    path, notebook = nb
    for cell in notebook.cells:
        if cell.cell_type == "code" and re.search(r"^def ", cell.source, re.M):
            assert "teaching version of helpers." in cell.source, (
                f"{path.name}: move the function to helpers/ or mark it "
                "'# teaching version of helpers.<module>.<name>' and test that they agree"
            )


def test_ruff_is_clean():
    """helpers, tests, benchmarks and notebooks pass ruff."""
    targets = [
        p for p in ("helpers", "tests", "benchmarks", "notebooks") if (NOTEBOOKS_DIR.parent / p).exists()
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *targets],
        cwd=NOTEBOOKS_DIR.parent,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_is_clean():
    """helpers, tests, benchmarks and notebooks are formatted by `ruff format` (make lint, pre-commit)."""
    targets = [
        p for p in ("helpers", "tests", "benchmarks", "notebooks") if (NOTEBOOKS_DIR.parent / p).exists()
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *targets],
        cwd=NOTEBOOKS_DIR.parent,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pre_commit_runs_the_same_checks():
    """The pre-commit hooks are local (nothing downloaded) and run ruff check, ruff format and the
    notebook-output check."""
    import yaml

    config = yaml.safe_load((NOTEBOOKS_DIR.parent / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert {"ruff-check", "ruff-format", "notebooks-without-outputs"} <= set(hooks)
    assert "ruff format" in hooks["ruff-format"]["entry"] and "ruff check" in hooks["ruff-check"]["entry"]
