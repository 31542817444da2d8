"""Tests for helpers.sandbox.run and the CLI: bad timeouts, Ctrl-C in run_many, and compile time
bounded by timeout_s (issue #14, items 10 and 11)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers.sandbox import run_many, run_program, run_repeated, tools

REPO = Path(__file__).resolve().parents[1]


# every sandbox directory in a folder of our own, checked empty afterwards (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("sandbox_parent")


@pytest.mark.parametrize("timeout_s", [float("inf"), float("nan"), -1, 0, -float("inf"), "3"])
def test_bad_timeout_is_a_clear_value_error(timeout_s):
    with pytest.raises(ValueError, match=r"^timeout_s must be a finite number of seconds > 0, got "):
        run_program("print(1)", "python", timeout_s=timeout_s)
    with pytest.raises(ValueError, match="timeout_s must be a finite number"):
        run_many([("print(1)", "python")], timeout_s=timeout_s)


def test_bad_repeats_is_a_clear_value_error():
    with pytest.raises(ValueError, match=r"repeats must be a whole number >= 1, got 0"):
        run_repeated("print(1)", "python", repeats=0)


@pytest.mark.parametrize("value", ["-1", "inf", "nan", "0", "soon"])
def test_cli_rejects_a_bad_timeout_in_one_line(tmp_path, value):
    program = tmp_path / "p.py"
    program.write_text("print(1)")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers.execution",
            "run",
            "--lang",
            "python",
            str(program),
            f"--timeout={value}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last == (
        "python -m helpers.execution run: error: argument --timeout: must be a finite "
        f"number of seconds > 0, got '{value}'"
    )


def test_ctrl_c_in_run_many_cancels_queued_and_kills_running_jobs():
    jobs = [("import time\ntime.sleep(30)", "python")] * 6
    main = threading.main_thread().ident
    timer = threading.Timer(1.5, signal.pthread_kill, (main, signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            run_many(jobs, timeout_s=20, workers=2)
    finally:
        timer.cancel()
    assert time.monotonic() - start < 6  # not 3 rounds of 20 s


# Each constant stays under g++'s constexpr operation limit (2**25), so the compiler does not give
# up early with an error; together they take about 15 s to compile on an idle 2-core machine.
CONSTEXPR_BOMB = (
    "constexpr long long spin(long long n) {\n"
    "  long long s = 0;\n"
    "  for (long long i = 0; i < n; i++) for (long long j = 0; j < n; j++) s += (i ^ j) & 1;\n"
    "  return s;\n"
    "}\n"
    + "".join(f"constexpr long long x{k} = spin({1200 + k});\n" for k in range(20))
    + "int main() { return (int)("
    + " + ".join(f"x{k}" for k in range(20))
    + "); }\n"
)


@pytest.mark.slow
@pytest.mark.skipif(not all(tools.toolchains()["cpp"].values()), reason="g++ not installed")
def test_compile_time_is_bounded_by_the_timeout():
    start = time.monotonic()
    result = run_program(CONSTEXPR_BOMB, "cpp", timeout_s=2)
    elapsed = time.monotonic() - start
    assert result.status == "timeout", result
    assert "compilation ran longer than 4 s" in result.detail
    assert elapsed < 10  # timeout_s + 2 s for the compiler, plus a loaded machine's slack
