"""The pipeline on throw-away notebooks: order, per-language expansion, resume, failure reporting."""

from __future__ import annotations

import json

import nbformat
import pytest

from helpers import config, pipeline


def make_notebook(path, params: str, body: str):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(params)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell, nbformat.v4.new_code_cell(body)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))


BODY = """
import json, os, pathlib
stage = "{stem}" + (f"-{{LANGUAGE}}" if "{per_lang}" == "1" else "")
out = pathlib.Path(os.environ["WORKBOOK_RUNS_DIR"]) / PROFILE / stage
out.mkdir(parents=True, exist_ok=True)
(out / "metrics.json").write_text(json.dumps({{"profile": PROFILE, "x": X}}))
"""


SKIPS = """
import json, os, pathlib
out = pathlib.Path(os.environ["WORKBOOK_RUNS_DIR"]) / PROFILE / "04_skips"
out.mkdir(parents=True, exist_ok=True)
(out / "metrics.json").write_text(json.dumps({"status": "skipped", "reason": "inputs offline"}))
raise RuntimeError("inputs offline")
"""


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    make_notebook(notebooks / "01_first.ipynb", 'PROFILE = "cpu-tiny"\nX = 1',
                  BODY.format(stem="01_first", per_lang="0"))
    make_notebook(notebooks / "02_per_language.ipynb", 'PROFILE = "cpu-tiny"\nLANGUAGE = "python"\nX = 1',
                  BODY.format(stem="02_per_language", per_lang="1"))
    make_notebook(notebooks / "03_fails.ipynb", 'PROFILE = "cpu-tiny"',
                  "a = 1\nraise RuntimeError('boom')")
    make_notebook(notebooks / "04_skips.ipynb", 'PROFILE = "cpu-tiny"', SKIPS)
    monkeypatch.setattr(pipeline, "NOTEBOOKS_DIR", notebooks)
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path / "runs")
    monkeypatch.setenv("WORKBOOK_RUNS_DIR", str(tmp_path / "runs"))
    return tmp_path


def test_discover_expands_per_language_notebooks(workdir):
    stages = pipeline.discover_stages(workdir / "notebooks", languages=["python", "C++"])
    assert [s.name for s in stages] == ["01_first", "02_per_language-python", "02_per_language-cpp",
                                        "03_fails", "04_skips"]
    assert [s.name for s in pipeline.discover_stages(workdir / "notebooks", only=["02"],
                                                     languages=["java"])] == ["02_per_language-java"]
    with pytest.raises(ValueError, match="matches no notebook"):
        pipeline.discover_stages(workdir / "notebooks", only=["99"])


def test_parameters_only_when_declared(workdir):
    first, *_ = pipeline.discover_stages(workdir / "notebooks")
    assert pipeline.stage_parameters(first, "cpu-tiny", {"X": 5, "UNKNOWN": 1}) == {
        "PROFILE": "cpu-tiny", "X": 5}


@pytest.mark.slow
def test_run_resume_and_failure(workdir, capsys):
    code = pipeline.main(["--only", "01", "02", "--languages", "python", "--param", "X=7"])
    assert code == 0
    runs = workdir / "runs" / "cpu-tiny"
    assert json.loads((runs / "02_per_language-python" / "metrics.json").read_text())["x"] == 7
    assert (runs / "01_first" / "01_first.ipynb").exists()
    # Complete stages are skipped the second time, and rerun with --force or new parameters.
    capsys.readouterr()
    pipeline.main(["--only", "01", "--param", "X=7"])
    assert "skipped-complete" in capsys.readouterr().out
    pipeline.main(["--only", "01", "--param", "X=7", "--force"])
    assert "01_first: done" in capsys.readouterr().out
    # A failing notebook is named with its cell; what finished before is kept.
    assert pipeline.main(["--only", "03"]) == 1
    err = capsys.readouterr().err
    assert "03_fails" in err and "cell 1 ('a = 1')" in err and "RuntimeError: boom" in err
    assert (runs / "01_first" / ".complete.json").exists()
    assert not (runs / "03_fails" / ".complete.json").exists()
    # A notebook that reports itself skipped is a skip, not a failure, and is retried next time.
    assert pipeline.main(["--only", "04"]) == 0
    assert "04_skips: skipped in" in capsys.readouterr().out
    assert not (runs / "04_skips" / ".complete.json").exists()


def test_unknown_profile_is_a_clear_error(workdir, capsys):
    assert pipeline.main(["--profile", "nope"]) == 2
    assert "Valid profiles" in capsys.readouterr().err


def test_param_parsing():
    assert pipeline.parse_param("A=1") == ("A", 1)
    assert pipeline.parse_param("A=../x") == ("A", "../x")
    assert pipeline.parse_param('A="s"') == ("A", "s")
