"""How `make test` shares the test files between its two pytest-xdist workers (`-n 2 --dist loadfile`).

Each test file runs whole on one worker, so a module's fixtures (the notebooks' pipeline run, a
built corpus) are made once. The longest files go out first, longest first, each to the worker that
is free: with xdist's own order (most tests first) the 1-test notebook-resume file would start last
and run on alone while the other worker idled.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

# The longest files, longest first. The first four: serial minutes on the idle 2-core CI machine
# (about 7, 5, 4 and 3); the rest: their share of a two-worker run on the shared machine (load
# average 10-18), where they took 10, 7, 3.5 and 2 minutes against 36 for the notebooks. Every other
# file follows in xdist's order, most tests first.
HEAVY_FIRST = (
    "test_notebooks_run.py",  # the whole cpu-tiny workbook through papermill
    "test_rehearsal.py",  # the whole colab-t4 rehearsal through papermill
    "test_resume_notebooks.py",  # notebooks 02-03 run four times, interrupted and changed
    "test_generated_corpus.py",  # every program of the generated corpus in the sandbox
    "test_humaneval.py",  # HumanEval-X's canonical solutions in the sandbox
    "test_checks.py",  # the mini corpus' and the paper's references through their own checks
    "test_references.py",  # the paper's detokenized references, run twice
    "test_mini_corpus.py",  # every mini-corpus program in the sandbox
    "test_finetune.py",  # short training runs, interrupted and resumed
)


def rank(test_file: str) -> int:
    """A test file's place in HEAVY_FIRST; every other file ranks after them all."""
    name = PurePosixPath(test_file).name
    return HEAVY_FIRST.index(name) if name in HEAVY_FIRST else len(HEAVY_FIRST)


def next_file(queued: Iterable[str]) -> str:
    """The queued test file to hand out next: the longest slow tier left, else the first in the queue."""
    return min(queued, key=rank)  # min keeps the first of equal ranks: xdist's order for the rest


def make_scheduler(config, log):
    """xdist's loadfile scheduling, handing out the HEAVY_FIRST files first."""
    from xdist.scheduler import LoadFileScheduling

    class HeavyFirstFileScheduling(LoadFileScheduling):
        def _assign_work_unit(self, node) -> None:
            self.workqueue.move_to_end(next_file(self.workqueue), last=False)
            super()._assign_work_unit(node)

    return HeavyFirstFileScheduling(config, log)
