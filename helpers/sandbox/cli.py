"""Command line of the sandbox: `run` one program and print its result as JSON, or `check`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import helpers.sandbox as sandbox
from helpers.config import get_language
from helpers.sandbox import tools
from helpers.sandbox.isolation import sandbox_capabilities
from helpers.sandbox.run import check_timeout, run_program


def check_report() -> dict:
    """Return what `check` prints: toolchains, protections, launcher kind and cache dir."""
    launcher = "compiled C" if len(tools.launcher_cmd()) == 1 else "python (no C compiler)"
    return {
        "toolchains": tools.toolchains(),
        "protections": sandbox_capabilities(),
        "launcher": launcher,
        "cache_dir": str(tools.cache_dir()),
    }


def _timeout(text: str) -> float:
    """Parse --timeout: a finite number of seconds > 0."""
    try:
        return check_timeout(float(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a finite number of seconds > 0, got {text!r}") from None


def main(argv: list[str] | None = None, prog: str = "python -m helpers.sandbox") -> int:
    """Command line: `run` one program and print its result as JSON, or `check` the sandbox."""
    parser = argparse.ArgumentParser(
        prog=prog, description=sandbox.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run one program, print its ExecutionResult as JSON")
    run.add_argument("file", type=Path)
    run.add_argument("--lang", required=True, help="python, java, javascript or cpp")
    run.add_argument("--timeout", type=_timeout, default=10.0, help="seconds (default 10)")
    run.add_argument("--stdin", type=Path, help="file to feed to the program's standard input")
    sub.add_parser("check", help="show which toolchains and protections are available")
    args = parser.parse_args(argv)
    if args.command == "check":
        print(json.dumps(check_report(), indent=2))
        return 0
    try:
        get_language(args.lang)
    except ValueError as e:
        parser.error(str(e))
    try:
        source = args.file.read_text(encoding="utf-8")
        stdin = args.stdin.read_text(encoding="utf-8") if args.stdin else None
    except (OSError, UnicodeDecodeError) as e:
        parser.error(f"cannot read the program or its input: {e}")
    result = run_program(source, args.lang, args.timeout, stdin)
    print(json.dumps(result.to_dict(), ensure_ascii=False))
    return 0
