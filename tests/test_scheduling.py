"""tests/scheduling.py: the order in which make test's two xdist workers get the test files."""

from __future__ import annotations

import re
from pathlib import Path

import scheduling

TESTS = Path(__file__).resolve().parent


def test_the_longest_slow_tier_left_goes_first():
    queue = ["tests/test_notebook_structure.py", "tests/test_humaneval.py", "tests/test_resume_notebooks.py"]
    assert scheduling.next_file(queue) == "tests/test_resume_notebooks.py"
    assert scheduling.next_file(queue[:2]) == "tests/test_humaneval.py"


def test_other_files_keep_the_queue_order():
    queue = ["tests/test_b.py", "tests/test_a.py", "tests/test_c.py"]
    assert scheduling.next_file(queue) == "tests/test_b.py"
    assert [scheduling.rank(name) for name in queue] == [len(scheduling.HEAVY_FIRST)] * 3


def test_every_heavy_file_exists():
    """A renamed slow tier would silently lose its place at the front."""
    assert [name for name in scheduling.HEAVY_FIRST if not (TESTS / name).exists()] == []


def test_make_test_runs_on_two_workers_by_test_file():
    makefile = (TESTS.parent / "Makefile").read_text()
    assert re.search(r"^XDIST \?= -n 2 --dist loadfile$", makefile, re.M)
    targets = re.findall(r"^(test|test-fast): setup\n\t(.+)$", makefile, re.M)
    assert len(targets) == 2 and all("-m pytest $(XDIST)" in command for _, command in targets)
