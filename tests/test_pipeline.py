"""The pipeline on throw-away notebooks: order, per-language expansion, resume, failure reporting."""

from __future__ import annotations

import json
import tempfile

import nbformat
import pytest

from helpers import checkpoints, config, layout, notebook_runner, pipeline


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
    make_notebook(
        notebooks / "01_first.ipynb",
        'PROFILE = "cpu-tiny"\nX = 1\nN: int = 0',
        BODY.format(stem="01_first", per_lang="0"),
    )
    make_notebook(
        notebooks / "02_per_language.ipynb",
        'PROFILE = "cpu-tiny"\nLANGUAGE = "python"\nX = 1',
        BODY.format(stem="02_per_language", per_lang="1"),
    )
    make_notebook(notebooks / "03_fails.ipynb", 'PROFILE = "cpu-tiny"', "a = 1\nraise RuntimeError('boom')")
    make_notebook(notebooks / "04_skips.ipynb", 'PROFILE = "cpu-tiny"', SKIPS)
    monkeypatch.setattr(pipeline, "NOTEBOOKS_DIR", notebooks)
    monkeypatch.setattr(layout, "UPSTREAM", {})  # these notebooks read nothing upstream
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path / "runs")
    monkeypatch.setenv("WORKBOOK_RUNS_DIR", str(tmp_path / "runs"))
    return tmp_path


def test_discover_expands_per_language_notebooks(workdir):
    stages = pipeline.discover_stages(workdir / "notebooks", languages=["python", "C++"])
    assert [s.name for s in stages] == [
        "01_first",
        "02_per_language-python",
        "02_per_language-cpp",
        "03_fails",
        "04_skips",
    ]
    assert [
        s.name for s in pipeline.discover_stages(workdir / "notebooks", only=["02"], languages=["java"])
    ] == ["02_per_language-java"]
    with pytest.raises(ValueError, match="matches no notebook"):
        pipeline.discover_stages(workdir / "notebooks", only=["99"])


def test_parameters_only_when_declared(workdir):
    first, *_ = pipeline.discover_stages(workdir / "notebooks")
    assert pipeline.stage_parameters(first, "cpu-tiny", {"X": 5, "UNKNOWN": 1}) == {
        "PROFILE": "cpu-tiny",
        "X": 5,
    }
    per_stage = pipeline.typed_params(pipeline.discover_stages(workdir / "notebooks"), {"X": "5"})
    assert per_stage["01_first"] == {"X": 5} and per_stage["03_fails"] == {}


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
    assert pipeline.parse_param("A=1") == ("A", "1")
    assert pipeline.parse_param("A=../x=y") == ("A", "../x=y")
    with pytest.raises(Exception, match="NAME=VALUE"):
        pipeline.parse_param("no-equals")


@pytest.mark.parametrize(
    "text,kind,value",
    [
        ("1", "int", 1),
        ("-3", "int", -3),
        ("0.5", "float", 0.5),
        ("true", "bool", True),
        ("1", "str", "1"),
        ('"s"', "str", "s"),
        ("../x", "str", "../x"),
        ("[1, 2]", "any", [1, 2]),
    ],
)
def test_values_take_the_notebooks_types(text, kind, value):
    assert pipeline.typed_value("A", text, kind, "01_first") == value


def test_declared_parameters_have_types(workdir):
    assert pipeline.declared_parameters(workdir / "notebooks" / "01_first.ipynb") == {
        "PROFILE": "str",
        "X": "int",
        "N": "int",
    }


@pytest.mark.parametrize(
    "argv,message",
    [
        (["--param", "NOPE=1"], "no selected notebook (01_first) declares NOPE; accepted: N, X"),
        (["--param", "N=abc"], "--param N=abc: N is an integer (e.g. 0) in 01_first; got 'abc'"),
        (["--param", "PROFILE=paper"], "set PROFILE with --profile, not --param"),
        (["--param", "LANGUAGE=java"], "set LANGUAGE with --languages, not --param"),
        (["--runs-dir", "/proc/nope"], "--runs-dir /proc/nope: cannot create or write there"),
        (["--models-dir", "/proc/nope"], "--models-dir /proc/nope: cannot create or write there"),
        (["--jobs", "0"], "--jobs 0: give a whole number of stages to run at once"),
        (["--rehearse"], "No rehearsal of profile 'cpu-tiny': rehearsals exist for colab-t4, paper"),
        (["--base-model", "/nonexistent/model"], "--base-model /nonexistent/model: not a saved model folder"),
    ],
)
def test_bad_arguments_fail_before_anything_runs(workdir, capsys, argv, message):
    assert pipeline.main(["--only", "01", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1  # one line, no traceback
    assert not (workdir / "runs").exists()  # nothing created, nothing run


PRODUCER = """
import os, pathlib
base = pathlib.Path(os.environ["WORKBOOK_RUNS_DIR"]) / PROFILE / "models" / "base"
base.mkdir(parents=True, exist_ok=True)
(base / "weights.bin").write_text(str(SEED))
out = pathlib.Path(os.environ["WORKBOOK_RUNS_DIR"]) / PROFILE / "02_producer"
out.mkdir(parents=True, exist_ok=True)
(out / "metrics.json").write_text('{"seed": %d}' % SEED)
"""

CONSUMER = """
import os, pathlib
runs = pathlib.Path(os.environ["WORKBOOK_RUNS_DIR"]) / PROFILE
out = runs / "03_consumer"
out.mkdir(parents=True, exist_ok=True)
(out / "metrics.json").write_text('{"base": "%s"}' % (runs / "models/base/weights.bin").read_text())
"""


@pytest.fixture
def chain(workdir, monkeypatch):
    """02_producer writes models/base, 03_consumer reads it."""
    notebooks = workdir / "notebooks"
    for old in notebooks.glob("*.ipynb"):
        old.unlink()
    make_notebook(notebooks / "02_producer.ipynb", 'PROFILE = "cpu-tiny"\nSEED = 1', PRODUCER)
    make_notebook(notebooks / "03_consumer.ipynb", 'PROFILE = "cpu-tiny"', CONSUMER)
    monkeypatch.setattr(layout, "UPSTREAM", {"03": ("02",)})
    return workdir / "runs" / "cpu-tiny"


@pytest.mark.slow
def test_a_stage_reruns_when_its_upstream_changes_or_is_gone(chain, capsys):
    assert pipeline.main([]) == 0
    capsys.readouterr()
    pipeline.main([])
    assert capsys.readouterr().out.count(": skipped-complete in") == 2
    # The producer reruns with other results: the consumer is no longer complete.
    pipeline.main(["--only", "02", "--param", "SEED=2"])
    capsys.readouterr()
    pipeline.main(["--only", "03"])
    out = capsys.readouterr().out
    assert "03_consumer: done" in out and "upstream stage 02_producer changed" in out
    # Its input deleted: the producer reruns first, then the consumer.
    import shutil

    shutil.rmtree(chain / "models" / "base")
    pipeline.main(["--only", "03"])
    out = capsys.readouterr().out
    assert "02_producer reruns first" in out and "models/base is missing" in out
    assert "02_producer: done" in out
    assert (chain / "models" / "base" / "weights.bin").read_text() == "2"  # as it last ran
    # ... and rebuilt it byte for byte, so the consumer's results still hold
    assert "03_consumer: skipped-complete" in out
    # An input rewritten with other content (whatever its times) is a change: rebuilt again.
    (chain / "models" / "base" / "weights.bin").write_text("3")
    pipeline.main(["--only", "03"])
    assert "models/base is changed" in capsys.readouterr().out
    assert (chain / "models" / "base" / "weights.bin").read_text() == "2"
    # A consumer whose upstream stage is gone altogether is not complete either.
    (chain / "02_producer" / ".complete.json").unlink()
    pipeline.main(["--only", "03"])
    assert "03_consumer: done" in capsys.readouterr().out
    # What the records hold: the producer's output by content, the consumer's upstream.
    pipeline.main([])
    marker = json.loads((chain / "02_producer" / ".complete.json").read_text())
    assert list(marker["outputs"]) == ["models/base"] and marker["fingerprint"]
    consumer = json.loads((chain / "03_consumer" / ".complete.json").read_text())
    assert consumer["upstream"] == {"02_producer": marker["fingerprint"]}


@pytest.mark.slow
def test_force_sets_the_checkpoints_aside(workdir, capsys):
    assert pipeline.main(["--only", "01"]) == 0
    stale = workdir / "runs" / "cpu-tiny" / "01_first" / "checkpoints" / "routers" / "checkpoint-3.pt"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"x")
    pipeline.main(["--only", "01"])
    assert stale.exists()  # a skipped stage keeps them
    pipeline.main(["--only", "01", "--force"])
    assert not stale.exists()
    assert (stale.parent / checkpoints.SET_ASIDE_DIR / "checkpoint-3.pt.forced").exists()


ALLOCATES = """
import time
held = [b"\\x01" * (MB * 2**20) for _ in range(COPIES)]  # written bytes, so resident
time.sleep(1.0)
"""


@pytest.mark.slow
def test_each_stage_records_the_peak_memory_of_its_kernel(workdir):
    """A notebook holding two copies of 300 MB peaks about 300 MB above one holding one copy."""
    notebooks = workdir / "notebooks"
    for old in notebooks.glob("*.ipynb"):
        old.unlink()
    make_notebook(notebooks / "01_one.ipynb", 'PROFILE = "cpu-tiny"\nMB = 300\nCOPIES = 1', ALLOCATES)
    make_notebook(notebooks / "02_two.ipynb", 'PROFILE = "cpu-tiny"\nMB = 300\nCOPIES = 2', ALLOCATES)
    assert pipeline.main([]) == 0
    summary = json.loads((workdir / "runs" / "cpu-tiny" / "pipeline_summary.json").read_text())
    peaks = {stage["stage"]: stage["peak_rss_gb"] for stage in summary}
    assert 0.29 < peaks["01_one"] < 1.5  # the kernel's own ~0.1 GB plus the 0.29 GiB it holds
    assert 0.25 < peaks["02_two"] - peaks["01_one"] < 0.4  # the second copy, 300 MB = 0.29 GiB
    marker = json.loads((workdir / "runs" / "cpu-tiny" / "02_two" / pipeline.COMPLETE_MARKER).read_text())
    assert marker["peak_rss_gb"] == peaks["02_two"]


def test_kernel_noise_lines_are_left_out():
    import io

    source = io.BytesIO(
        b"[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All communication ...\n"
        b"Traceback: something real\n"
        b"[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel.\n"
        b"last line without newline"
    )
    target = io.StringIO()
    notebook_runner.forward_without_noise(source, target)
    assert target.getvalue() == "Traceback: something real\nlast line without newline"
    assert source.closed


@pytest.mark.slow
def test_a_stage_prints_no_kernel_noise(workdir, capfd):
    assert pipeline.main(["--only", "01", "--param", "X=3"]) == 0
    out, err = capfd.readouterr()
    assert "01_first: done" in out
    assert "Kernel is running over TCP" not in out + err and "KeyboardInterrupt" not in out + err
    assert json.loads((workdir / "runs" / "cpu-tiny" / "01_first" / "metrics.json").read_text())["x"] == 3


def test_jobs_come_from_the_profile_unless_given():
    assert pipeline.parallel_jobs(config.get_profile("cpu-tiny"), None) == 2
    assert pipeline.parallel_jobs(config.get_profile("colab-t4"), None) == 1  # one GPU
    assert pipeline.parallel_jobs(config.get_profile("paper-rehearsal"), None) == 1
    assert pipeline.parallel_jobs(config.get_profile("paper"), 3) == 3
    with pytest.raises(ValueError, match="--jobs 0: give a whole number"):
        pipeline.parallel_jobs(config.get_profile("cpu-tiny"), 0)


def test_a_stage_waits_for_what_it_reads_and_what_it_starts_after():
    stages = pipeline.discover_stages()
    waits = pipeline.stage_prerequisites(stages)
    assert waits["01_explore_dataset"] == set() and waits["08_reproduce_paper"] == set()
    assert waits["02_base_model"] == {"01_explore_dataset"}  # the tokenizer 01 trains
    assert waits["03_qlora_finetune-java"] == {"02_base_model"}
    assert waits["06_router_training"] == {f"03_qlora_finetune-{lang}" for lang in config.LANGUAGES} | {
        "05_moe_assembly"
    }
    # only among the stages of this invocation
    only = pipeline.discover_stages(only=["03", "04"], languages=["python"])
    assert pipeline.stage_prerequisites(only)["04_merge_ties_slerp"] == {"03_qlora_finetune-python"}


WRITES_ADAPTER = """
import json, os, pathlib, time
runs = pathlib.Path(os.environ["WORKBOOK_RUNS_DIR"]) / PROFILE
start = time.time()
adapter = runs / "models" / "adapters" / LANGUAGE
adapter.mkdir(parents=True, exist_ok=True)
(adapter / "w.bin").write_text(LANGUAGE)
time.sleep(3.0)
out = runs / f"03_qlora_finetune-{LANGUAGE}"
out.mkdir(parents=True, exist_ok=True)
(out / "metrics.json").write_text(json.dumps({"start": start, "end": time.time()}))
"""


@pytest.mark.slow
def test_independent_stages_run_at_once_and_keep_their_own_outputs(workdir, capsys):
    notebooks = workdir / "notebooks"
    for old in notebooks.glob("*.ipynb"):
        old.unlink()
    make_notebook(
        notebooks / "03_qlora_finetune.ipynb", 'PROFILE = "cpu-tiny"\nLANGUAGE = "python"', WRITES_ADAPTER
    )
    assert pipeline.main(["--languages", "python", "java"]) == 0  # cpu-tiny: 2 at a time
    assert "2 at a time" in capsys.readouterr().out
    runs = workdir / "runs" / "cpu-tiny"
    spans = {
        lang: json.loads((runs / f"03_qlora_finetune-{lang}" / "metrics.json").read_text())
        for lang in ("python", "java")
    }
    assert spans["python"]["start"] < spans["java"]["end"] and spans["java"]["start"] < spans["python"]["end"]
    for lang in ("python", "java"):  # each record names its own adapter, not the other's
        marker = json.loads((runs / f"03_qlora_finetune-{lang}" / pipeline.COMPLETE_MARKER).read_text())
        assert list(marker["outputs"]) == [f"models/adapters/{lang}"]
        assert marker["peak_rss_gb"] > 0
    # one at a time on request, and the second run finds both complete
    assert pipeline.main(["--languages", "python", "java", "--jobs", "1"]) == 0
    assert capsys.readouterr().out.count(": skipped-complete in") == 2


def test_kernels_listen_on_sockets_of_their_own():
    """Two kernels started at once over TCP can draw the same free port; Unix sockets cannot clash."""
    manager_class = notebook_runner.quiet_kernel_manager()
    first, second = manager_class(kernel_name="python3"), manager_class(kernel_name="python3")
    assert first.transport == second.transport == "ipc"
    assert first.ip != second.ip and first.ip.startswith(tempfile.gettempdir())


WHERE_MODELS_GO = """
import json, os, pathlib
out = pathlib.Path(os.environ["WORKBOOK_RUNS_DIR"]) / PROFILE / "01_first"
out.mkdir(parents=True, exist_ok=True)
(out / "metrics.json").write_text(json.dumps({"models": os.environ.get("WORKBOOK_MODELS_DIR")}))
"""


@pytest.mark.slow
def test_models_dir_is_where_the_notebooks_put_large_models(workdir, monkeypatch):
    monkeypatch.setenv(config.MODELS_DIR_VARIABLE, "unset by the test")  # restored afterwards
    notebooks = workdir / "notebooks"
    for old in notebooks.glob("*.ipynb"):
        old.unlink()
    make_notebook(notebooks / "01_first.ipynb", 'PROFILE = "cpu-tiny"', WHERE_MODELS_GO)
    assert pipeline.main(["--models-dir", str(workdir / "scratch")]) == 0
    metrics = json.loads((workdir / "runs" / "cpu-tiny" / "01_first" / "metrics.json").read_text())
    assert metrics["models"] == str((workdir / "scratch").resolve())


def test_stages_running_at_once_share_the_cores():
    assert pipeline.core_shares([0, 1], 2) == [[0], [1]]
    assert pipeline.core_shares([0, 1], 1) == [[0, 1]]  # alone: every core
    assert pipeline.core_shares([0, 1, 2, 3, 4], 2) == [[0, 1, 2], [3, 4]]
    assert pipeline.core_shares([0], 2) == [[0], [0]]  # fewer cores than stages: they share all
    with pytest.raises(ValueError, match="at least one stage"):
        pipeline.core_shares([0, 1], 0)


def test_a_process_tree_is_pinned_to_its_cores():
    import os
    import subprocess
    import sys

    cores = sorted(os.sched_getaffinity(0))
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        pipeline.pin_process_tree(os.getpid(), cores[:1])  # this process and the child it started
        assert os.sched_getaffinity(child.pid) == set(cores[:1]) == os.sched_getaffinity(0)
    finally:
        child.kill()
        child.wait()
        os.sched_setaffinity(0, cores)
    pipeline.pin_process_tree(child.pid, cores)  # a process that is gone: nothing happens
