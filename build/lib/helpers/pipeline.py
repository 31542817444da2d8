"""Run the workbook's notebooks in order with papermill, resumably.

    python -m helpers.pipeline --profile cpu-tiny [--only 01 03] [--languages python java] [--force]

Each stage writes to runs/<profile>/<stage>/ (executed notebook, figures, metrics.json). A stage
whose `.complete.json` matches its parameters is skipped unless --force. A notebook that declares a
`LANGUAGE` parameter runs once per language. On a failure the notebook and cell are named, everything
that finished is kept, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from helpers import config
from helpers.runs import atomic_write_text

NOTEBOOKS_DIR = config.REPO_ROOT / "notebooks"
COMPLETE_MARKER = ".complete.json"


@dataclass(frozen=True)
class Stage:
    """One papermill execution: a notebook, and a language for per-language notebooks."""

    notebook: Path
    language: str | None = None
    declared: frozenset[str] = field(default_factory=frozenset)  # its parameter names

    @property
    def name(self) -> str:
        """Stage name, also the run folder: `03_qlora_finetune-python` or `01_explore_dataset`."""
        stem = self.notebook.stem
        return f"{stem}-{self.language}" if self.language else stem


@dataclass
class StageResult:
    """What happened to a stage."""

    stage: str
    status: str  # done | skipped-complete | skipped | failed
    seconds: float
    out_dir: Path
    detail: str = ""


def declared_parameters(notebook: Path) -> frozenset[str]:
    """Names in the notebook's `parameters` cell."""
    import papermill

    return frozenset(papermill.inspect_notebook(str(notebook)))


def discover_stages(
    notebooks_dir: Path | None = None,
    only: list[str] | None = None,
    languages: list[str] | None = None,
) -> list[Stage]:
    """Numbered notebooks in order, per-language ones expanded; `only` filters by number or stem."""
    notebooks_dir = notebooks_dir or NOTEBOOKS_DIR
    langs = [config.get_language(name).key for name in (languages or list(config.LANGUAGES))]
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


def is_complete(out_dir: Path, params: dict[str, object]) -> bool:
    """True when the stage finished before with the same parameters."""
    marker = out_dir / COMPLETE_MARKER
    if not marker.exists():
        return False
    return json.loads(marker.read_text()).get("parameters") == params


def failing_cell(executed: Path, exec_count: int) -> str:
    """Name a failing cell by its index in the source notebook and its first line."""
    import nbformat

    added = {"injected-parameters", "papermill-error-cell-tag"}  # cells papermill inserts
    cells = [c for c in nbformat.read(str(executed), as_version=4).cells
             if not added & set(c.metadata.get("tags", []))]
    for index, cell in enumerate(cells):
        if cell.get("execution_count") == exec_count:
            first_line = (cell.source.strip().splitlines() or [""])[0]
            return f"cell {index} ({first_line[:60]!r})"
    return f"the cell with execution count {exec_count}"


def run_stage(stage: Stage, profile: str, extra: dict, force: bool, cell_timeout: int) -> StageResult:
    """Execute one stage with papermill unless it is already complete."""
    import papermill

    out_dir = config.run_dir(profile, stage.name)
    params = stage_parameters(stage, profile, extra)
    if not force and is_complete(out_dir, params):
        return StageResult(stage.name, "skipped-complete", 0.0, out_dir)
    (out_dir / COMPLETE_MARKER).unlink(missing_ok=True)
    (out_dir / "metrics.json").unlink(missing_ok=True)  # so a metrics.json below is this run's
    executed = out_dir / f"{stage.notebook.stem}.ipynb"
    start = time.perf_counter()
    status, detail = "done", ""
    try:
        papermill.execute_notebook(
            str(stage.notebook), str(executed), parameters=params, cwd=str(stage.notebook.parent),
            kernel_name="python3", progress_bar=False, execution_timeout=cell_timeout,
        )
    except papermill.PapermillExecutionError as err:
        status = "failed"
        detail = (f"{failing_cell(executed, err.exec_count)}: {err.ename}: {err.evalue}; "
                  f"executed copy: {executed}")
    seconds = time.perf_counter() - start
    # A notebook that cannot run here (e.g. its inputs are unreachable) says so in metrics.json
    # and stops; that is a skip, not a failure.
    skipped = skip_reason(out_dir / "metrics.json")
    if skipped is not None:
        status, detail = "skipped", skipped
    if status == "done":  # a skipped stage is tried again next time
        marker = {"parameters": params, "seconds": round(seconds, 1), "status": status}
        atomic_write_text(out_dir / COMPLETE_MARKER, json.dumps(marker, indent=2) + "\n")
    return StageResult(stage.name, status, seconds, out_dir, detail)


def skip_reason(metrics_path: Path) -> str | None:
    """The reason a stage gave for skipping itself in its metrics.json, or None."""
    if not metrics_path.exists():
        return None
    metrics = json.loads(metrics_path.read_text())
    return str(metrics.get("reason", "")) if metrics.get("status") == "skipped" else None


def summary_table(results: list[StageResult]) -> str:
    """A plain-text table of what ran, how long it took and where its figures are."""
    lines = [f"{'stage':32} {'status':17} {'seconds':>8}  figures"]
    for r in results:
        figures = len(list(r.out_dir.glob("*.png")))
        lines.append(f"{r.stage:32} {r.status:17} {r.seconds:8.1f}  {figures} in {r.out_dir}")
    lines.append(f"{'total':32} {'':17} {sum(r.seconds for r in results):8.1f}")
    return "\n".join(lines)


def parse_param(text: str) -> tuple[str, object]:
    """`NAME=VALUE` with VALUE parsed as JSON when it is valid JSON, else kept as a string."""
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"--param wants NAME=VALUE, got {text!r}")
    name, value = text.split("=", 1)
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", default="cpu-tiny", help=f"one of {', '.join(config.PROFILES)}")
    parser.add_argument("--only", nargs="+", help="notebook numbers or stems, e.g. 01 03")
    parser.add_argument("--languages", nargs="+", help="languages for per-language notebooks")
    parser.add_argument("--force", action="store_true", help="rerun stages that are complete")
    parser.add_argument("--param", action="append", type=parse_param, default=[],
                        help="NAME=VALUE passed to every notebook that declares NAME")
    parser.add_argument("--cell-timeout", type=int, default=900, help="seconds per cell")
    parser.add_argument("--runs-dir", type=Path, help="where runs go (default: ./runs)")
    args = parser.parse_args(argv)

    try:
        config.get_profile(args.profile)
        if args.runs_dir:  # the kernels inherit the environment, so they write there too
            os.environ["WORKBOOK_RUNS_DIR"] = str(args.runs_dir.resolve())
            config.RUNS_DIR = args.runs_dir.resolve()
        stages = discover_stages(only=args.only, languages=args.languages)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2

    print(f"Running {len(stages)} stage(s) on profile {args.profile!r}", flush=True)
    results = []
    for index, stage in enumerate(stages, 1):
        print(f"[{index}/{len(stages)}] {stage.name} ...", flush=True)
        result = run_stage(stage, args.profile, dict(args.param), args.force, args.cell_timeout)
        results.append(result)
        note = f" ({result.detail})" if result.detail else ""
        print(f"[{index}/{len(stages)}] {stage.name}: {result.status} "
              f"in {result.seconds:.1f}s{note}", flush=True)
        if result.status == "failed":
            break
    print("\n" + summary_table(results))
    summary = [{**vars(r), "out_dir": str(r.out_dir)} for r in results]
    atomic_write_text(config.RUNS_DIR / args.profile / "pipeline_summary.json",
                      json.dumps(summary, indent=2) + "\n")
    failed = [r for r in results if r.status == "failed"]
    if failed:
        print(f"\nFAILED: {failed[0].stage}: {failed[0].detail}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
