"""Run the workbook's notebooks with papermill, in order and resumably.

    python -m helpers.pipeline --profile cpu-tiny [--only 01 03] [--languages python java] [--force]
    python -m helpers.pipeline --jobs 1   # one notebook at a time (default: the profile's parallel_stages)
    python -m helpers.pipeline --profile colab-t4 --rehearse [--base-model DIR]

--rehearse runs a GPU profile's code path on a CPU, with sizes cut and a stand-in base model
(helpers.config.rehearsal_profile, helpers.standin), into runs/<profile>-rehearsal/; --base-model
runs every notebook on a local model folder instead of the profile's base model.

Each stage writes to runs/<profile>/<stage>/ (executed notebook, figures, metrics.json). A stage
whose `.complete.json` still holds (same parameters, same upstream results, its model folders
intact: see helpers.completeness) is skipped unless --force; an upstream stage whose results are
gone is rerun first. --force also sets the stage's training checkpoints aside, so it starts over.
A notebook that declares a `LANGUAGE` parameter runs once per language. --param values are checked
against the notebooks' `parameters` cells before anything runs. On a failure the notebook and cell
are named, everything that finished is kept, and the exit code is 1.

Stages that do not read each other's results (layout.UPSTREAM, layout.STARTS_AFTER) run at the same
time, up to the profile's `parallel_stages` (--jobs N): on cpu-tiny two single-threaded notebooks
share the two cores (01 and 08 beside 02, the four 03s in pairs, 04 beside 05); on the GPU profiles
one notebook runs at a time. Each runs in a forked process, so its peak memory is its own, on its
own share of the cores.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from helpers import checkpoints, completeness, config, layout, notebook_runner
from helpers.runs import atomic_write_text

NOTEBOOKS_DIR = config.REPO_ROOT / "notebooks"
COMPLETE_MARKER = completeness.MARKER
# Set by their own flags (--profile, --languages), never by --param.
OWN_FLAGS = {"PROFILE": "--profile", "LANGUAGE": "--languages"}


@dataclass(frozen=True)
class Stage:
    """One papermill execution: a notebook, and a language for per-language notebooks."""

    notebook: Path
    language: str | None = None
    declared: Mapping[str, str] = field(default_factory=dict)  # parameter name -> type name

    @property
    def name(self) -> str:
        """Stage name, also the run folder: `03_qlora_finetune-python` or `01_explore_dataset`."""
        return layout.stage_name(self.notebook.stem, self.language)


@dataclass
class StageResult:
    """What happened to a stage."""

    stage: str
    status: str  # done | skipped-complete | skipped | failed
    seconds: float
    out_dir: Path
    detail: str = ""
    peak_rss_gb: float | None = None  # the notebook kernel and its children (helpers.notebook_runner)


def declared_parameters(notebook: Path) -> dict[str, str]:
    """Names in the notebook's `parameters` cell and their types (hint, else the default's type)."""
    import papermill

    declared = {}
    for name, info in papermill.inspect_notebook(str(notebook)).items():
        kind = info.get("inferred_type_name") or "None"
        if kind == "None":
            try:
                kind = type(ast.literal_eval(info.get("default", ""))).__name__
            except (ValueError, SyntaxError):
                kind = "any"
        declared[name] = kind
    return declared


def discover_stages(
    notebooks_dir: Path | None = None,
    only: list[str] | None = None,
    languages: list[str] | None = None,
) -> list[Stage]:
    """Numbered notebooks in order, per-language ones expanded; `only` filters by number or stem."""
    notebooks_dir = notebooks_dir or NOTEBOOKS_DIR
    langs = [config.get_language(name).name for name in (languages or list(config.LANGUAGES))]
    notebooks = sorted(p for p in notebooks_dir.glob("[0-9][0-9]_*.ipynb"))
    if only:
        wanted = {token.strip() for token in only}
        notebooks = [p for p in notebooks if p.stem[:2] in wanted or p.stem in wanted]
        if not notebooks:
            raise ValueError(f"--only {only} matches no notebook in {notebooks_dir}.")
    stages = []
    for notebook in notebooks:
        declared = declared_parameters(notebook)
        if "LANGUAGE" in declared:
            stages += [Stage(notebook, lang, declared) for lang in langs]
        else:
            stages.append(Stage(notebook, None, declared))
    return stages


def stage_parameters(stage: Stage, profile: str, extra: dict[str, object]) -> dict[str, object]:
    """Parameters to inject: PROFILE, LANGUAGE, and the extras the notebook declares."""
    params: dict[str, object] = {"PROFILE": profile}
    if stage.language:
        params["LANGUAGE"] = stage.language
    params.update({k: v for k, v in extra.items() if k in stage.declared})
    return params


_INT = re.compile(r"[+-]?\d+")


def typed_value(name: str, text: str, kind: str, notebook: str) -> object:
    """`text` as the type `kind` of parameter `name` in `notebook`; a clear ValueError if not."""

    def wrong(accepted: str) -> ValueError:
        return ValueError(f"--param {name}={text}: {name} is {accepted} in {notebook}; got {text!r}")

    if kind == "int":
        if not _INT.fullmatch(text.strip()):
            raise wrong("an integer (e.g. 0)")
        return int(text)
    if kind == "float":
        try:
            return float(text)
        except ValueError:
            raise wrong("a number (e.g. 0.5)") from None
    if kind == "bool":
        lowered = text.strip().lower()
        if lowered not in ("true", "false", "1", "0"):
            raise wrong("true or false")
        return lowered in ("true", "1")
    if kind == "str":  # a JSON string literal ("...") loses its quotes, anything else is as typed
        if len(text) >= 2 and text[0] == text[-1] == '"':
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                return text
        return text
    try:  # untyped: JSON when it parses, else the text
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def typed_params(
    stages: list[Stage], raw: Mapping[str, str], selected: list[Stage] | None = None
) -> dict[str, dict[str, object]]:
    """Per stage, the --param values it declares, converted to its types (ValueError if wrong).

    Every name must be declared by a notebook among `selected` (default: all stages), and PROFILE
    and LANGUAGE come from their own flags.
    """
    selected = stages if selected is None else selected
    for name in raw:
        if name in OWN_FLAGS:
            raise ValueError(f"--param {name}=...: set {name} with {OWN_FLAGS[name]}, not --param.")
        if not any(name in stage.declared for stage in selected):
            accepted = sorted({n for st in selected for n in st.declared} - set(OWN_FLAGS))
            notebooks = sorted({st.notebook.stem for st in selected})
            raise ValueError(
                f"--param {name}: no selected notebook ({', '.join(notebooks)}) "
                f"declares {name}; accepted: {', '.join(accepted) or 'none'}."
            )
    return {
        stage.name: {
            name: typed_value(name, text, stage.declared[name], stage.notebook.stem)
            for name, text in raw.items()
            if name in stage.declared
        }
        for stage in stages
    }


def usable_runs_dir(path: Path, flag: str = "--runs-dir") -> Path:
    """`path` resolved, created and checked writable; a one-line ValueError (naming `flag`) if not."""
    path = Path(path).expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as err:
        raise ValueError(
            f"{flag} {path}: cannot create or write there ({err.strerror or err}); "
            "pass a folder you can write to."
        ) from None
    return path


def recorded_extra(stage: Stage, profile: str) -> dict[str, object] | None:
    """The --param values a stage last completed with (from its marker), or None."""
    marker = completeness.read_marker(layout.Run(profile).root / stage.name)
    if marker is None or not isinstance(marker.get("parameters"), dict):
        return None
    return {k: v for k, v in marker["parameters"].items() if k not in OWN_FLAGS}


def completion_problem(
    stage: Stage,
    all_stages: list[Stage],
    profile: str,
    extra: Mapping[str, object] | None,
    models: Mapping[str, str],
    _seen: frozenset[str] = frozenset(),
) -> str | None:
    """Why `stage` is not complete now (see helpers.completeness), or None when it is.

    `extra` are the --param values it should have run with; None judges it by those it ran
    with (what an upstream stage's results are, whatever this invocation passes).
    """
    out_dir = layout.Run(profile).root / stage.name
    extra = recorded_extra(stage, profile) if extra is None else extra
    if extra is None:
        return "not run to the end yet"
    upstream = upstream_fingerprints(stage, all_stages, profile, models, _seen)
    return completeness.problem(
        completeness.read_marker(out_dir),
        out_dir,
        stage_parameters(stage, profile, dict(extra)),
        upstream,
        models,
    )


def upstream_fingerprints(
    stage: Stage,
    all_stages: list[Stage],
    profile: str,
    models: Mapping[str, str],
    _seen: frozenset[str] = frozenset(),
) -> dict[str, str | None]:
    """Each upstream stage's fingerprint, None for one whose results are not all there now."""
    by_name = {st.name: st for st in all_stages}
    found = {}
    for name in completeness.upstream_of(stage.name, by_name):
        if name in _seen:  # a cycle in UPSTREAM would otherwise recurse forever
            continue
        why = completion_problem(by_name[name], all_stages, profile, None, models, _seen | {stage.name})
        marker = completeness.read_marker(layout.Run(profile).root / name)
        found[name] = None if why else marker["fingerprint"]
    return found


def with_producers(
    selected: list[Stage], all_stages: list[Stage], profile: str
) -> tuple[list[Stage], dict[str, dict], list[str]]:
    """`selected` plus each upstream stage a selected stage used whose results are now gone,
    the parameters those rerun with (the ones they ran with), and a note for each."""
    models = completeness.model_outputs(profile)
    by_name = {st.name: st for st in all_stages}
    chosen, extras, notes = {st.name for st in selected}, {}, []
    pending = list(selected)
    while pending:
        stage = pending.pop()
        marker = completeness.read_marker(layout.Run(profile).root / stage.name) or {}
        for name, recorded in (marker.get("upstream") or {}).items():
            if name in chosen or name not in by_name or recorded is None:
                continue
            why = completion_problem(by_name[name], all_stages, profile, None, models)
            if why:
                chosen.add(name)
                extras[name] = recorded_extra(by_name[name], profile) or {}
                pending.append(by_name[name])
                notes.append(f"{name} reruns first: {stage.name} used it, and {why}")
    return [st for st in all_stages if st.name in chosen], extras, notes


@dataclass
class StartedStage:
    """A stage about to execute: where it writes, what it is given, the model folders before it."""

    stage: Stage
    out_dir: Path
    params: dict
    before: dict[str, str]
    rerun: str  # why a stage that completed before runs again ("" when it never completed)


def start_stage(
    stage: Stage, profile: str, extra: dict, force: bool, all_stages: list[Stage]
) -> StartedStage | StageResult:
    """A StageResult when the stage is complete already (skipped), else its StartedStage, with its
    old completion record and metrics.json removed (and its checkpoints set aside with `force`)."""
    out_dir = layout.Run(profile).stage_dir(stage.notebook.stem, stage.language)
    params = stage_parameters(stage, profile, extra)
    before = completeness.model_outputs(profile)
    why = completion_problem(stage, all_stages, profile, extra, before)
    if not force and why is None:
        return StageResult(stage.name, "skipped-complete", 0.0, out_dir)
    rerun = f"rerun: {why}" if completeness.read_marker(out_dir) and why else ""
    if force:  # --force means from scratch, not from the last checkpoint
        checkpoints.set_aside_all(out_dir / checkpoints.CHECKPOINTS_DIR, "forced")
    (out_dir / COMPLETE_MARKER).unlink(missing_ok=True)
    (out_dir / "metrics.json").unlink(missing_ok=True)  # so a metrics.json below is this run's
    return StartedStage(stage, out_dir, params, before, rerun)


def execute_stage(started: StartedStage, cell_timeout: int) -> StageResult:
    """Run the stage's notebook (helpers.notebook_runner): done or failed, with its peak memory."""
    stage, out_dir = started.stage, started.out_dir
    run = notebook_runner.execute(
        stage.notebook, out_dir / f"{stage.notebook.stem}.ipynb", started.params, cell_timeout
    )
    detail = run.error or started.rerun
    status = "failed" if run.error else "done"
    return StageResult(stage.name, status, run.seconds, out_dir, detail, round(run.peak_gb, 3))


def finish_stage(
    started: StartedStage,
    result: StageResult,
    profile: str,
    all_stages: list[Stage],
    beside: frozenset[str] = frozenset(),
) -> StageResult:
    """A skip the notebook reported becomes the status; a done stage gets its completion record
    (`beside`: the stages that ran at the same time, whose model folders are not its outputs)."""
    # A notebook that cannot run here (e.g. its inputs are unreachable) says so in metrics.json
    # and stops; that is a skip, not a failure.
    skipped = skip_reason(started.out_dir / "metrics.json")
    if skipped is not None:
        result.status, result.detail = "skipped", skipped
    if result.status == "done":  # a skipped stage is tried again next time
        after = completeness.model_outputs(profile)
        upstream = upstream_fingerprints(started.stage, all_stages, profile, after)
        marker = completeness.make_marker(
            started.out_dir, started.params, upstream, started.before, after, result.seconds, beside
        )
        marker["peak_rss_gb"] = result.peak_rss_gb
        atomic_write_text(started.out_dir / COMPLETE_MARKER, json.dumps(marker, indent=2) + "\n")
    return result


def parallel_jobs(profile: config.Profile, requested: int | None) -> int:
    """How many stages run at once: --jobs when given, else the profile's `parallel_stages`
    (1 on the GPU profiles: one GPU, planned one notebook at a time)."""
    jobs = profile.parallel_stages if requested is None else requested
    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"--jobs {jobs}: give a whole number of stages to run at once, 1 or more.")
    return jobs


def stage_prerequisites(stages: list[Stage]) -> dict[str, set[str]]:
    """Stage name -> the stages of `stages` it must wait for: those it reads from
    (layout.UPSTREAM) and those it starts after (layout.STARTS_AFTER)."""
    names = [st.name for st in stages]
    waits = {}
    for stage in stages:
        after = set(completeness.upstream_of(stage.name, names))
        numbers = layout.STARTS_AFTER.get(stage.name[:2], ())
        waits[stage.name] = after | {name for name in names if name[:2] in numbers}
    return waits


def core_shares(cores: list[int], stages: int) -> list[list[int]]:
    """The CPU cores each of `stages` stages running at once gets: equal contiguous shares (the
    first ones one more), or every core for each when there are fewer cores than stages."""
    if stages < 1:
        raise ValueError(f"core_shares needs at least one stage, got {stages}.")
    if len(cores) < stages:
        return [list(cores) for _ in range(stages)]
    size, extra = divmod(len(cores), stages)
    shares, start = [], 0
    for index in range(stages):
        end = start + size + (index < extra)
        shares.append(list(cores[start:end]))
        start = end
    return shares


def pin_process_tree(pid: int, cores: list[int]) -> None:
    """Set the CPU affinity of process `pid` and all its descendants (those that exist now; new
    ones inherit it). Processes that vanish or are not ours to change are left alone."""
    import psutil

    if not hasattr(psutil.Process, "cpu_affinity"):  # macOS: no affinity to set
        return
    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)]
    except psutil.Error:
        return
    for process in tree:
        try:
            process.cpu_affinity(cores)
        except (psutil.Error, OSError):
            continue


@dataclass
class _Running:
    """A stage executing in a forked process, and the stages that ran beside it so far."""

    started: StartedStage
    process: object  # multiprocessing.Process
    reader: object  # the pipe end its StageResult arrives on
    beside: set[str]


def _execute_in_child(started: StartedStage, cell_timeout: int, conn) -> None:
    """A forked process's work: execute the stage, send its StageResult back."""
    try:
        result = execute_stage(started, cell_timeout)
    except BaseException as err:  # the parent reports it as a failure, as it would in-process
        detail = f"{type(err).__name__}: {err}"
        result = StageResult(started.stage.name, "failed", 0.0, started.out_dir, detail)
    conn.send(result)
    conn.close()


def run_stages(
    stages: list[Stage],
    profile: str,
    params: Mapping[str, dict],
    forced: set[str],
    cell_timeout: int,
    all_stages: list[Stage],
    jobs: int = 1,
) -> list[StageResult]:
    """Run `stages` in order, up to `jobs` at once (each in a forked process, so each one's peak
    memory is its own), a stage only once those it waits for (stage_prerequisites) have ended.
    After a failure no new stage starts; the ones running finish. Results come in stage order."""
    import multiprocessing
    from multiprocessing.connection import wait

    from helpers.runtime import usable_cores

    fork = multiprocessing.get_context("fork")
    number = {st.name: i for i, st in enumerate(stages, 1)}
    waits = stage_prerequisites(stages)
    cores = usable_cores()
    pending, ended, results = list(stages), set(), {}
    running: dict[str, _Running] = {}
    failed = False

    def share_cores() -> None:
        """Each running stage's process tree on its own share of the cores (all of them when it
        runs alone), so that the worker pools of two stages do not fight over one core."""
        for entry, share in zip(running.values(), core_shares(cores, len(running)), strict=True):
            pin_process_tree(entry.process.pid, share)

    def report(result: StageResult) -> None:
        results[result.stage] = result
        ended.add(result.stage)
        note = f" ({result.detail})" if result.detail else ""
        print(
            f"[{number[result.stage]}/{len(stages)}] {result.stage}: {result.status} "
            f"in {result.seconds:.1f}s{note}",
            flush=True,
        )

    while pending or running:
        while not failed and len(running) < jobs:
            ready = next((st for st in pending if waits[st.name] <= ended), None)
            if ready is None:
                break
            pending.remove(ready)
            print(f"[{number[ready.name]}/{len(stages)}] {ready.name} ...", flush=True)
            extra = params.get(ready.name, {})
            started = start_stage(ready, profile, extra, ready.name in forced, all_stages)
            if isinstance(started, StageResult):
                report(started)
            elif jobs == 1:  # one at a time: in this process, as a debugger expects
                result = finish_stage(started, execute_stage(started, cell_timeout), profile, all_stages)
                report(result)
                failed = result.status == "failed"
            else:
                reader, writer = fork.Pipe(duplex=False)
                process = fork.Process(target=_execute_in_child, args=(started, cell_timeout, writer))
                process.start()
                writer.close()
                for entry in running.values():
                    entry.beside.add(ready.name)
                running[ready.name] = _Running(started, process, reader, set(running))
                share_cores()
        if not running:
            break  # nothing left that can start (after a failure, or waiting on a failed stage)
        by_reader = {entry.reader: name for name, entry in running.items()}
        for reader in wait(list(by_reader)):
            name = by_reader[reader]
            entry = running.pop(name)
            try:
                result = reader.recv()
            except EOFError:  # the process died without a word (killed, out of memory)
                result = StageResult(name, "failed", 0.0, entry.started.out_dir, "its process ended abruptly")
            entry.process.join()
            result = finish_stage(entry.started, result, profile, all_stages, frozenset(entry.beside))
            report(result)
            failed = failed or result.status == "failed"
        if running:
            share_cores()  # the ones still running take over the cores of those that ended
    return [results[st.name] for st in stages if st.name in results]


def skip_reason(metrics_path: Path) -> str | None:
    """The reason a stage gave for skipping itself in its metrics.json, or None."""
    if not metrics_path.exists():
        return None
    try:
        metrics = json.loads(metrics_path.read_text())
    except ValueError:  # a half-written or hand-edited file is not a skip
        return None
    if not isinstance(metrics, dict) or metrics.get("status") != "skipped":
        return None
    return str(metrics.get("reason", ""))


def summary_table(results: list[StageResult], wall_seconds: float | None = None) -> str:
    """A plain-text table of what ran, how long it took and where its figures are (and the wall
    clock time, which is less than the total when stages ran side by side)."""
    lines = [f"{'stage':32} {'status':17} {'seconds':>8} {'peak GB':>8}  figures"]
    for r in results:
        figures = len(list(r.out_dir.glob("*.png")))
        peak = f"{r.peak_rss_gb:8.2f}" if r.peak_rss_gb is not None else f"{'':8}"
        lines.append(f"{r.stage:32} {r.status:17} {r.seconds:8.1f} {peak}  {figures} in {r.out_dir}")
    lines.append(f"{'total':32} {'':17} {sum(r.seconds for r in results):8.1f}")
    if wall_seconds is not None:
        lines.append(f"{'wall clock':32} {'':17} {wall_seconds:8.1f}")
    return "\n".join(lines)


def usable_base_model(path: Path) -> Path:
    """`path` resolved, if it holds a saved model and its tokenizer; a one-line ValueError if not."""
    from helpers.modeling import is_saved_model

    path = Path(path).expanduser().resolve()
    has_tokenizer = (path / "tokenizer.json").is_file() or (path / "tokenizer.model").is_file()
    if not (is_saved_model(path) and has_tokenizer):
        raise ValueError(
            f"--base-model {path}: not a saved model folder; pass one with config.json, "
            "*.safetensors weights and a tokenizer (what save_pretrained writes)."
        )
    return path


def parse_param(text: str) -> tuple[str, str]:
    """`NAME=VALUE` split in two; the value is converted later, to the notebook's type for NAME."""
    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"--param wants NAME=VALUE, got {text!r}")
    return name, value


def kernel_environment(runs_dir: Path | None, models_dir: Path | None = None) -> None:
    """Make the notebook kernels (which inherit os.environ) import these helpers, write runs to
    `runs_dir` and large models to `models_dir` (helpers.layout) when given."""
    root = str(config.REPO_ROOT)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != root]
    os.environ["PYTHONPATH"] = os.pathsep.join([root, *paths])
    if runs_dir is not None:
        os.environ["WORKBOOK_RUNS_DIR"] = str(runs_dir)
        config.RUNS_DIR = runs_dir
    if models_dir is not None:
        os.environ[config.MODELS_DIR_VARIABLE] = str(models_dir)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", default="cpu-tiny", help=f"one of {', '.join(config.profile_names())}")
    parser.add_argument(
        "--rehearse", action="store_true", help="a GPU profile's code path on this CPU, sizes cut (see above)"
    )
    parser.add_argument("--base-model", type=Path, help="a local model folder used instead of the base model")
    parser.add_argument("--only", nargs="+", help="notebook numbers or stems, e.g. 01 03")
    parser.add_argument("--languages", nargs="+", help="languages for per-language notebooks")
    parser.add_argument(
        "--force", action="store_true", help="rerun stages that are complete, from scratch (no checkpoints)"
    )
    parser.add_argument(
        "--param",
        action="append",
        type=parse_param,
        default=[],
        help="NAME=VALUE for every notebook that declares NAME (checked first)",
    )
    parser.add_argument("--cell-timeout", type=int, default=900, help="seconds per cell")
    parser.add_argument("--runs-dir", type=Path, help="where runs go (default: ./runs)")
    parser.add_argument(
        "--models-dir",
        type=Path,
        help=f"where large models go (default: ${config.MODELS_DIR_VARIABLE}, else under the runs)",
    )
    parser.add_argument(
        "--jobs", type=int, help="independent stages run at once (default: the profile's parallel_stages)"
    )
    args = parser.parse_args(argv)

    try:
        profile = (
            config.rehearsal_profile(args.profile) if args.rehearse else config.get_profile(args.profile)
        ).name
        raw_params = dict(args.param)
        if args.base_model is not None:
            raw_params["BASE_MODEL"] = str(usable_base_model(args.base_model))
        selected = discover_stages(only=args.only, languages=args.languages)
        all_stages = discover_stages()
        all_stages += [st for st in selected if st.name not in {a.name for a in all_stages}]
        params = typed_params(selected, raw_params)  # unknown names and bad values fail here
        models_dir = None if args.models_dir is None else usable_runs_dir(args.models_dir, "--models-dir")
        jobs = parallel_jobs(config.get_profile(profile), args.jobs)
        runs_dir = usable_runs_dir(args.runs_dir or config.RUNS_DIR)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    kernel_environment(runs_dir, models_dir)
    stages, producer_params, notes = with_producers(selected, all_stages, profile)
    params.update(producer_params)
    for note in notes:
        print(note, flush=True)

    print(f"Running {len(stages)} stage(s) on profile {profile!r}, {jobs} at a time", flush=True)
    forced = {st.name for st in selected} if args.force else set()
    start = time.perf_counter()
    results = run_stages(stages, profile, params, forced, args.cell_timeout, all_stages, jobs)
    print("\n" + summary_table(results, time.perf_counter() - start))
    summary = [{**vars(r), "out_dir": str(r.out_dir)} for r in results]
    atomic_write_text(
        layout.Run(profile).root / "pipeline_summary.json", json.dumps(summary, indent=2) + "\n"
    )
    failed = [r for r in results if r.status == "failed"]
    if failed:
        print(f"\nFAILED: {failed[0].stage}: {failed[0].detail}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
