"""Peak memory of the processes a stage starts (its notebook kernel and everything that runs under it).

The pipeline runs each notebook in a fresh kernel, a child process; mergekit and the sandbox run
below that kernel. `PeakMemory` samples the resident memory of all of this process's descendants
a few times a second and keeps the largest total, so a notebook that holds two models at once
shows as a peak twice as high. Memory of this process itself is not counted.
"""

from __future__ import annotations

import threading

GB = 1024**3


def descendants_rss() -> int:
    """Resident bytes of every descendant of this process, summed (processes that vanish count 0)."""
    import psutil

    total = 0
    for child in psutil.Process().children(recursive=True):
        try:
            total += child.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return total


class PeakMemory:
    """`with PeakMemory() as peak: ...` then `peak.bytes`: the largest total RSS of descendants seen."""

    def __init__(self, interval: float = 0.2):
        if interval <= 0:
            raise ValueError(f"interval must be a positive number of seconds; got {interval!r}.")
        self.interval = interval
        self.bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while True:
            self.bytes = max(self.bytes, descendants_rss())
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def gb(self) -> float:
        """The peak in GiB."""
        return self.bytes / GB
