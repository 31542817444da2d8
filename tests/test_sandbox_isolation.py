"""Tests for helpers.sandbox's isolation (issue #14): escapes an attacker's probe found, each with a
known answer; they fail on the sandbox before the fix."""

from __future__ import annotations

import ctypes
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from helpers.sandbox import cgroups, run_many, run_program, sandbox_capabilities, tools

REPO = Path(__file__).resolve().parents[1]
CAPS = sandbox_capabilities()
ROOT = os.geteuid() == 0
LIBC = ctypes.CDLL(None, use_errno=True)


def _available(language: str) -> bool:
    return all(tools.toolchains()[language].values())


# every sandbox directory in a folder of our own, checked empty afterwards (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("sandbox_parent")


def _processes_mentioning(text: str) -> list[int]:
    """Pids of live processes whose command line contains `text`."""
    pids = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                state = Path(f"/proc/{entry.name}/stat").read_bytes().rpartition(b")")[2].split()
                if state[0] != b"Z" and text.encode() in Path(f"/proc/{entry.name}/cmdline").read_bytes():
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


# ----------------------------------------------------------------------------- 4: memory


SHARED_BOMB = {
    "python": "import mmap\nm = mmap.mmap(-1, 2 << 30, flags=mmap.MAP_SHARED)\n"
    "for i in range(0, 2 << 30, 4096):\n    m[i] = 1\nprint('got 2 GiB')",
    "cpp": "#include <sys/mman.h>\n#include <cstdio>\n#include <cstring>\n"
    "int main() { size_t n = 2UL << 30;\n"
    "  char *p = (char *)mmap(0, n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);\n"
    '  if (p == MAP_FAILED) { std::perror("mmap"); return 1; }\n'
    '  std::memset(p, 1, n); std::puts("got 2 GiB"); }',
}


@pytest.fixture(params=["cgroup", "rlimit_as"])
def memory_mode(request, monkeypatch):
    """Run a test with the run's cgroup (where this machine has one) and with RLIMIT_AS alone."""
    if request.param == "cgroup" and not cgroups.cgroup_parents():
        pytest.skip("no writable cgroup here")
    if request.param == "rlimit_as":
        monkeypatch.setattr(cgroups, "cgroup_parents", lambda: {})
    return request.param


@pytest.mark.slow
@pytest.mark.parametrize("language", ["python", "cpp"])
def test_shared_memory_bomb_is_killed(language, memory_mode):
    if not _available(language):
        pytest.skip(f"{language} not installed")
    result = run_program(SHARED_BOMB[language], language, timeout_s=20)
    assert result.status == "killed", result
    assert "memory limit" in result.detail
    assert "got 2 GiB" not in result.stdout


def test_forked_shared_memory_bombs_are_killed():
    # Eight processes of 1 GiB each: over the budget together, though each is under 2 GiB.
    source = (
        "import mmap, os\nfor _ in range(7):\n    if os.fork() == 0:\n        break\n"
        "try:\n    m = mmap.mmap(-1, 1 << 30, flags=mmap.MAP_SHARED)\n"
        "    for i in range(0, 1 << 30, 4096):\n        m[i] = 1\nexcept OSError:\n"
        "    raise SystemExit(1)\nprint('got 1 GiB', flush=True)"
    )
    result = run_program(source, "python", timeout_s=30)
    assert result.status != "ok" and "got 1 GiB" not in result.stdout, result
    if CAPS["cgroup_memory"]:  # with RLIMIT_AS alone the mmap fails and the program exits 1
        assert result.status == "killed" and "memory limit" in result.detail


def test_dev_shm_bomb_is_killed():
    # Two mapped 12 MiB files in /dev/shm, whose private tmpfs holds 16 MiB: touching the second
    # past the space left raises SIGBUS.
    source = (
        "import mmap, os\nmaps = []\nfor name in ('a', 'b'):\n"
        "    fd = os.open('/dev/shm/' + name, os.O_CREAT | os.O_RDWR)\n"
        "    os.ftruncate(fd, 12 << 20)\n    m = mmap.mmap(fd, 12 << 20)\n"
        "    for i in range(0, 12 << 20, 4096):\n        m[i] = 1\n    maps.append(m)\n"
        "print('got 24 MiB')"
    )
    result = run_program(source, "python")
    assert result.status == "killed", result
    assert "got 24 MiB" not in result.stdout
    if CAPS["private_tmp"]:
        assert "SIGBUS" in result.detail


def test_normal_programs_fit_the_address_space_limit(memory_mode):
    # 400 MiB of heap stays below the 512 MiB memory limit under RLIMIT_AS.
    result = run_program("x = bytearray(400 << 20)\nprint(len(x) >> 20)", "python")
    assert result.status == "ok" and result.stdout == "400\n", result


@pytest.mark.slow
@pytest.mark.parametrize(
    "language, source",
    [
        (
            "java",
            "import java.util.*;\nclass GFG { public static void main(String[] a) {\n"
            "  List<long[]> l = new ArrayList<>(); for (int i = 0; i < 40; i++)"
            " l.add(new long[1 << 20]);\n  System.out.println(l.size()); } }",
        ),
        (
            "javascript",
            "const a = []; for (let i = 0; i < 30; i++) a.push(new Array(1e6).fill(1.5));\n"
            "console.log(a.length);",
        ),
    ],
)
def test_jvm_and_node_heaps_fit_the_address_space_limit(language, source, memory_mode):
    if not _available(language):
        pytest.skip(f"{language} not installed")
    result = run_program(source, language, timeout_s=20)
    assert result.status == "ok", result
    assert result.stdout.strip() in ("40", "30")


# ----------------------------------------------------------------------------- 5: IPC


IPC_CREATE = """
import ctypes, os, time
libc = ctypes.CDLL(None, use_errno=True)
print(libc.shmget({key}, 1 << 20, 0o1600) >= 0)  # IPC_CREAT | 0600
mq = libc.mq_open(b"/{name}", os.O_CREAT | os.O_RDWR, 0o600, None)
print(mq >= 0, flush=True)
time.sleep({sleep})
"""
IPC_LOOK = """
import ctypes, os, time
libc = ctypes.CDLL(None, use_errno=True)
time.sleep(1.0)
print("shm seen" if libc.shmget({key}, 0, 0) >= 0 else "shm absent")
print("mq seen" if libc.mq_open(b"/{name}", os.O_RDONLY) >= 0 else "mq absent")
"""


def _host_shm(key: int) -> int:
    """Return the host's SysV segment id for key, or -1."""
    return LIBC.shmget(ctypes.c_int(key), 0, 0)


def _host_mq_exists(name: str) -> bool:
    fd = LIBC.mq_open(f"/{name}".encode(), os.O_RDONLY)
    if fd >= 0:
        LIBC.mq_close(fd)
    return fd >= 0


def test_ipc_objects_do_not_outlive_the_run_nor_cross_runs():
    key, name = 0x5EC00000 + secrets.randbelow(1 << 16), f"moe-test-{secrets.token_hex(4)}"
    try:
        first, second = run_many(
            [
                (IPC_CREATE.format(key=key, name=name, sleep=3), "python"),
                (IPC_LOOK.format(key=key, name=name), "python"),
            ],
            timeout_s=10,
            workers=2,
        )
        assert first.status == "ok" and first.stdout == "True\nTrue\n", first
        assert second.stdout == "shm absent\nmq absent\n", second
        assert _host_shm(key) == -1, "SysV segment left on the host"
        assert not _host_mq_exists(name), "POSIX message queue left on the host"
        listing = subprocess.run(["ipcs", "-m"], capture_output=True, text=True).stdout
        assert f"0x{key:08x}" not in listing
    finally:  # clean up after the sandbox of old, which let them through
        shmid = _host_shm(key)
        if shmid >= 0:
            LIBC.shmctl(shmid, 0, None)  # IPC_RMID
        LIBC.mq_unlink(f"/{name}".encode())


# ----------------------------------------------------------------------------- 6: parent killed


CHILD_RUN = """
import sys
from helpers.sandbox import run_program
print(run_program("import time\\nprint('started', flush=True)\\ntime.sleep(300)", "python",
                  timeout_s=120))
"""


def _run_cgroups() -> set[Path]:
    """The per-run cgroups that exist now."""
    return {d for parent in cgroups.cgroup_parents().values() for d in parent.glob("moe-sandbox-*")}


def _run_cgroups_holding(pids: list[int]) -> set[Path]:
    """The per-run cgroups that hold any of pids (other runs, e.g. another test worker's, have their own)."""
    wanted, found = {str(pid) for pid in pids}, set()
    for group in _run_cgroups():
        try:
            if wanted & set((group / "cgroup.procs").read_text().split()):
                found.add(group)
        except OSError:  # removed meanwhile
            pass
    return found


def test_killing_the_parent_kills_the_run_and_removes_its_folder(sandbox_parent):
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(sandbox_parent)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_RUN], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while not any(
            p.name.startswith("moe-exec-") and (p / "stdout").exists() and (p / "stdout").read_bytes()
            for p in sandbox_parent.iterdir()
        ):
            assert time.monotonic() < deadline, "the program never started"
            time.sleep(0.05)
        assert _processes_mentioning(str(sandbox_parent)), "no sandboxed process found"
        groups = _run_cgroups_holding(_processes_mentioning(str(sandbox_parent)))
        assert groups or not cgroups.cgroup_parents(), "the run is in no cgroup of its own"
        child.send_signal(signal.SIGKILL)
        child.wait()
        deadline = time.monotonic() + 5
        while _processes_mentioning(str(sandbox_parent)) or list(sandbox_parent.iterdir()):
            if time.monotonic() > deadline:
                left = _processes_mentioning(str(sandbox_parent))
                for pid in left:  # do not leave them to the next test
                    os.kill(pid, signal.SIGKILL)
                pytest.fail(f"left behind: processes {left}, files {list(sandbox_parent.iterdir())}")
            time.sleep(0.05)
        while groups & _run_cgroups():
            assert time.monotonic() < deadline + 2, f"cgroups left: {groups & _run_cgroups()}"
            time.sleep(0.05)
    finally:
        child.kill()
        child.wait()


def test_the_launcher_enforces_the_deadline_itself(tmp_path):
    for launcher in (tools.launcher_cmd(), tools.twin_launcher_cmd()):
        start = time.monotonic()
        done = subprocess.run(
            [*launcher, "guard", str(os.getpid()), str(tmp_path), "0.5", "-1", "--", "/bin/sleep", "30"],
            timeout=20,
        )
        assert done.returncode == 0
        assert time.monotonic() - start < 5, launcher


# ----------------------------------------------------------------------------- 7: non-root


NOBODY_RUN = """
import json, sys
from helpers.sandbox import run_program, sandbox_capabilities
token, home = sys.argv[1], sys.argv[2]
source = f'''
import os
for attempt in (lambda: print(open({token!r}).read()),
                lambda: open({home!r} + "/planted.txt", "w").write("x"),
                lambda: print(os.listdir({home!r}))):
    try:
        attempt()
        print("done")
    except OSError as e:
        print("refused", type(e).__name__)
'''
result = run_program(source, "python")
print(json.dumps({"result": result.to_dict(), "caps": sandbox_capabilities()}))
"""


@pytest.mark.skipif(not ROOT or not shutil.which("setpriv"), reason="needs root and setpriv")
def test_non_root_runs_cannot_see_the_users_files():
    nobody = pwd.getpwnam("nobody")
    base = Path(tempfile.mkdtemp(prefix="moe-nobody-", dir="/var/lib"))  # not under /tmp
    try:
        os.chmod(base, 0o711)
        home = base / "home"
        home.mkdir(mode=0o700)
        token = home / ".hf_token"
        token.write_text("hf_secret")
        for p in (home, token):
            os.chown(p, nobody.pw_uid, nobody.pw_gid)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "PYTHONPATH": str(REPO), "LANG": "C.UTF-8"}
        done = subprocess.run(
            [
                "setpriv",
                f"--reuid={nobody.pw_uid}",
                f"--regid={nobody.pw_gid}",
                "--clear-groups",
                sys.executable,
                "-c",
                NOBODY_RUN,
                str(token),
                str(home),
            ],
            env=env,
            cwd="/",
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout.splitlines()[-1])
        result, caps = report["result"], report["caps"]
        if not caps["home_hidden"]:  # no user namespaces here: `check` must say so
            assert not caps["read_only_root"]
            pytest.skip("no user+mount namespaces for non-root users on this kernel")
        assert result["status"] == "ok", result
        assert "hf_secret" not in result["stdout"]
        lines = result["stdout"].splitlines()
        assert lines[:2] == ["refused FileNotFoundError", "refused OSError"], result
        assert lines[2] in ("[]", "['.cache']")  # only the sandbox's own cache is bound back
        assert not (home / "planted.txt").exists()
        assert caps["read_only_root"] and not caps["dedicated_uid"]
    finally:
        shutil.rmtree(base, ignore_errors=True)


# ----------------------------------------------------------------------------- 8: file system


@pytest.mark.skipif(not ROOT, reason="needs root to listen on a socket under /run")
def test_host_sockets_under_run_are_hidden():
    path = f"/run/moe-test-{secrets.token_hex(4)}.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen(1)
    source = (
        f"import os, socket\nprint(os.path.exists({path!r}))\ns = socket.socket(socket.AF_UNIX)\n"
        f"try:\n    s.connect({path!r})\n    print('connected')\n"
        "except OSError as e:\n    print('refused', type(e).__name__)\n"
        "print(os.listdir('/run'), os.listdir('/var/run'))"
    )
    try:
        result = run_program(source, "python")
    finally:
        server.close()
        os.unlink(path)
    assert result.status == "ok", result
    assert result.stdout == "False\nrefused FileNotFoundError\n[] []\n"


def test_work_folder_has_size_and_inode_limits():
    source = (
        "import os\nsize = files = 0\ntry:\n    for i in range(200):\n"
        "        with open(f'big{i}', 'wb') as f:\n            f.write(b'x' * (1 << 20))\n"
        "        size += 1\nexcept OSError as e:\n    print(e.errno)\n"
        "for i in range(200):\n    os.remove(f'big{i}') if os.path.exists(f'big{i}') else None\n"
        "try:\n    for i in range(20000):\n        open(f'f{i}', 'w').close()\n        files += 1\n"
        "except OSError as e:\n    print(e.errno)\nprint(size, files)"
    )
    result = run_program(source, "python", timeout_s=30)
    assert result.status == "ok", result
    lines = result.stdout.split("\n")
    assert lines[0] == lines[1] == "28"  # ENOSPC
    size, files = map(int, lines[2].split())
    assert 32 <= size <= 64 and 1000 <= files <= 4096, result.stdout


@pytest.mark.skipif(not ROOT, reason="needs root to make a world-writable host folder")
def test_file_system_is_read_only_outside_the_work_folder():
    open_dir = Path("/var/lib") / f"moe-test-{secrets.token_hex(4)}"  # world-writable, not /tmp
    open_dir.mkdir(mode=0o1777)
    os.chmod(open_dir, 0o1777)
    try:
        source = f"open({str(open_dir / 'planted')!r}, 'w').write('x')"
        result = run_program(source, "python")
        assert result.status == "runtime_error", result
        assert "Read-only file system" in result.stderr
        assert not (open_dir / "planted").exists()
    finally:
        shutil.rmtree(open_dir)


def test_programs_still_write_their_work_folder_and_tmp():
    source = (
        "import os, tempfile\nopen('here.txt', 'w').write('a')\n"
        "open('/tmp/t.txt', 'w').write('b')\nopen(os.environ['HOME'] + '/h.txt', 'w').write('c')\n"
        "print(sorted(os.listdir('.')), open('/tmp/t.txt').read())"
    )
    result = run_program(source, "python")
    assert result.status == "ok", result
    assert result.stdout == "['h.txt', 'here.txt'] b\n"


def test_check_reports_the_new_protections():
    keys = {
        "ipc_namespace",
        "uts_namespace",
        "address_space_limit",
        "cgroup_memory",
        "cgroup_pids",
        "dies_with_parent",
        "launcher_deadline",
        "read_only_root",
        "run_hidden",
        "home_hidden",
        "work_folder_limits",
    }
    assert keys <= set(CAPS)
    # One of the two bounds shared memory: the run's cgroup, else RLIMIT_AS per process.
    assert CAPS["cgroup_memory"] != CAPS["address_space_limit"]
    if CAPS["read_only_root"]:
        assert CAPS["private_tmp"] and CAPS["work_folder_limits"]


def test_python_twin_sets_up_the_same_file_system(monkeypatch):
    source = (
        "import os\nopen('w.txt', 'w').write('x')\nprint(os.listdir('/run'), os.listdir('.'))\n"
        "try:\n    open('/var/lib/planted', 'w')\nexcept OSError as e:\n    print(e.errno)"
    )
    compiled = run_program(source, "python")
    monkeypatch.setattr(tools, "launcher_cmd", tools.twin_launcher_cmd)
    twin = run_program(source, "python")
    assert twin.status == compiled.status == "ok", (twin, compiled)
    assert twin.stdout == compiled.stdout
    if CAPS["read_only_root"]:
        assert twin.stdout == "[] ['w.txt']\n30\n"  # EROFS
