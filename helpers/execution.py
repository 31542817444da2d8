"""Run untrusted generated programs in a sandbox: the public API of `helpers.sandbox`, under the
name other modules and users' scripts know. `python -m helpers.execution run|check ...` works as
`python -m helpers.sandbox run|check ...`; see helpers/sandbox/__init__.py for the details."""

from __future__ import annotations

import sys

from helpers.sandbox import (
    DEBIAN_PACKAGES,
    SANDBOX_PATH,
    STATUSES,
    ExecutionResult,
    Limits,
    cache_dir,
    java_entry_point,
    run_many,
    run_many_repeated,
    run_program,
    run_repeated,
    sandbox_capabilities,
    toolchains,
)
from helpers.sandbox import cli as _cli

__all__ = [
    "DEBIAN_PACKAGES",
    "SANDBOX_PATH",
    "STATUSES",
    "ExecutionResult",
    "Limits",
    "cache_dir",
    "java_entry_point",
    "main",
    "run_many",
    "run_many_repeated",
    "run_program",
    "run_repeated",
    "sandbox_capabilities",
    "toolchains",
]


def main(argv: list[str] | None = None) -> int:
    """Command line: `run` one program and print its result as JSON, or `check` the sandbox."""
    return _cli.main(argv, prog="python -m helpers.execution")


if __name__ == "__main__":
    sys.exit(main())
