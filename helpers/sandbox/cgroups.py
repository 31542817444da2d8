"""Per-run control groups: one memory and process budget for all the processes of a run (RLIMIT_AS
and RLIMIT_DATA are per process and miss shared memory charged elsewhere). cgroup v2 where our
cgroup delegates the memory controller, else cgroup v1's memory (and pids) hierarchy when it is
writable (as root); None when neither is, and the rlimits are all there is."""

from __future__ import annotations

import os
import secrets
import signal
import time
from functools import lru_cache
from pathlib import Path

_PREFIX = "moe-sandbox-"


def _own_cgroups() -> dict[str, str]:
    """Return {controller or "": path} from /proc/self/cgroup ("" is the v2 unified path)."""
    found = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return {}
    for line in lines:
        _, controllers, path = line.split(":", 2)
        for name in controllers.split(",") if controllers else [""]:
            found[name] = path
    return found


def _try_child(parent: Path, files: dict[str, str]) -> bool:
    """Return True when we can make a child cgroup under parent and write `files` in it."""
    probe = parent / f"{_PREFIX}probe-{secrets.token_hex(4)}"
    try:
        probe.mkdir()
    except OSError:
        return False
    try:
        for name, value in files.items():
            (probe / name).write_text(value)
        return True
    except OSError:
        return False
    finally:
        try:
            probe.rmdir()
        except OSError:
            pass


@lru_cache(maxsize=1)
def cgroup_parents() -> dict[str, Path]:
    """Return where runs get their child cgroups: {"v2": dir} or {"memory": dir, "pids": dir}."""
    own = _own_cgroups()
    if "" in own:
        for mount in (Path("/sys/fs/cgroup"), Path("/sys/fs/cgroup/unified")):
            parent = mount / own[""].lstrip("/")
            try:
                enabled = (parent / "cgroup.subtree_control").read_text().split()
            except OSError:
                continue
            if "memory" in enabled and _try_child(parent, {"memory.max": str(64 << 20)}):
                return {"v2": parent}
    if "memory" in own:
        parent = Path("/sys/fs/cgroup/memory") / own["memory"].lstrip("/")
        if _try_child(parent, {"memory.limit_in_bytes": str(64 << 20)}):
            found = {"memory": parent}
            pids = Path("/sys/fs/cgroup/pids") / own.get("pids", "/").lstrip("/")
            if "pids" in own and _try_child(pids, {"pids.max": "8"}):
                found["pids"] = pids
            return found
    return {}


class RunCgroup:
    """The cgroup(s) of one sandboxed step: made before it starts, removed after it ends."""

    def __init__(self, memory_mb: int, pids: int) -> None:
        name = _PREFIX + secrets.token_hex(6)
        parents = cgroup_parents()
        self.dirs = [parents[k] / name for k in ("v2", "memory", "pids") if k in parents]
        limits = {
            "memory.max": str(memory_mb << 20),
            "memory.swap.max": "0",
            "memory.limit_in_bytes": str(memory_mb << 20),
            "memory.memsw.limit_in_bytes": str(memory_mb << 20),
            "pids.max": str(pids),
        }
        for d in self.dirs:
            d.mkdir()
            for file, value in limits.items():
                if (d / file).exists():
                    try:
                        (d / file).write_text(value)
                    except OSError:  # memsw / swap.max without swap accounting: no swap to cap
                        if "sw" not in file:
                            raise

    def oom_kills(self) -> int:
        """Return how many processes the kernel killed for going over the memory limit."""
        for d in self.dirs:
            for file in ("memory.events", "memory.oom_control"):
                try:
                    for line in (d / file).read_text().splitlines():
                        if line.startswith("oom_kill "):
                            return int(line.split()[1])
                except OSError:
                    continue
        return 0

    def remove(self) -> None:
        """Kill whatever is left in the cgroups and remove them."""
        for d in self.dirs:
            for _ in range(300):  # a dying PID namespace takes a moment to empty
                try:
                    pids = (d / "cgroup.procs").read_text().split()
                except OSError:
                    break
                for pid in pids:
                    try:
                        os.kill(int(pid), signal.SIGKILL)
                    except (OSError, ValueError):
                        pass
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)
