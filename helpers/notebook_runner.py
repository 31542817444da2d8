"""Execute one notebook in a fresh kernel with papermill, and say how it went.

The kernel's own stderr noise is filtered out of ours, each kernel listens on Unix sockets of its
own (so kernels started at once never clash), a failure names the failing cell, and the peak memory
of the kernel and everything under it is sampled (helpers.peak_memory). helpers.pipeline decides
which notebooks run, with which parameters, and what their results mean for the stages after them.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from helpers import peak_memory


@dataclass(frozen=True)
class NotebookRun:
    """How one execution went: `error` names the failing cell and the error ("" when it ran through)."""

    seconds: float
    peak_gb: float
    error: str = ""


def execute(notebook: Path, executed: Path, params: dict, cell_timeout: int) -> NotebookRun:
    """Run `notebook` (in its own folder) into `executed` with papermill's `params` injected."""
    import papermill

    start = time.perf_counter()
    error = ""
    with peak_memory.PeakMemory() as peak:
        try:
            papermill.execute_notebook(
                str(notebook),
                str(executed),
                parameters=params,
                cwd=str(notebook.parent),
                kernel_name="python3",
                progress_bar=False,
                execution_timeout=cell_timeout,
                kernel_manager_class=quiet_kernel_manager(),
            )
        except papermill.PapermillExecutionError as err:
            error = (
                f"{failing_cell(executed, err.exec_count)}: {err.ename}: {err.evalue}; "
                f"executed copy: {executed}"
            )
    return NotebookRun(time.perf_counter() - start, peak.gb, error)


def failing_cell(executed: Path, exec_count: int) -> str:
    """Name a failing cell by its index in the source notebook and its first line."""
    import nbformat

    added = {"injected-parameters", "papermill-error-cell-tag"}  # cells papermill inserts
    cells = [
        c
        for c in nbformat.read(str(executed), as_version=4).cells
        if not added & set(c.metadata.get("tags", []))
    ]
    for index, cell in enumerate(cells):
        if cell.get("execution_count") == exec_count:
            first_line = (cell.source.strip().splitlines() or [""])[0]
            return f"cell {index} ({first_line[:60]!r})"
    return f"the cell with execution count {exec_count}"


# What every notebook kernel's own logging prints on the pipeline's output, with nothing to act on:
# ipykernel's warning about its local TCP transport, and the interrupt jupyter_client sends a
# kernel when it shuts it down. Other lines a kernel writes to its stderr still come through.
KERNEL_NOISE = re.compile(r"Kernel is running over TCP without encryption|KeyboardInterrupt caught in kernel")


def forward_without_noise(source, target) -> None:
    """Copy the lines of `source` (a binary stream, read to its end) to the text stream `target`,
    leaving out KERNEL_NOISE lines."""
    for raw in iter(source.readline, b""):
        line = raw.decode(errors="replace")
        if not KERNEL_NOISE.search(line):
            target.write(line)
            target.flush()
    source.close()


def quiet_kernel_manager() -> type:
    """A jupyter kernel manager class whose kernels' stderr reaches ours without KERNEL_NOISE, and
    whose kernels listen on Unix sockets of their own: two kernels started at once over TCP can
    pick the same free port ("Address already in use", seen when stages ran side by side)."""
    import subprocess
    import threading
    import uuid

    from jupyter_client import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.transport = "ipc"  # the sockets are files `<ip>-<port>`, removed at shutdown
            self.ip = os.path.join(tempfile.gettempdir(), f"workbook-kernel-{uuid.uuid4().hex[:12]}")

        async def _async_launch_kernel(self, kernel_cmd, **kw):  # start and restart both land here
            kw["stderr"] = subprocess.PIPE
            await super()._async_launch_kernel(kernel_cmd, **kw)
            stream = self.provisioner.process.stderr
            threading.Thread(target=forward_without_noise, args=(stream, sys.stderr), daemon=True).start()

    return QuietKernelManager
