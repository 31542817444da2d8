"""Tests for helpers.execution (helpers.sandbox): known outputs per language, and hostile programs
that must be contained."""

from __future__ import annotations

import json
import os
import secrets
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from helpers import execution
from helpers.execution import (
    ExecutionResult,
    java_entry_point,
    run_many,
    run_program,
    run_repeated,
    sandbox_capabilities,
)
from helpers.sandbox import isolation, tools

CAPS = sandbox_capabilities()
TOOLS = execution.toolchains()
LANGS = ["python", "javascript", "java", "cpp"]
SLACK_S = 3.0  # the machine is shared: allow some scheduling delay on top of a time limit


def _available(language: str) -> bool:
    return all(TOOLS[language].values())


def _lang(language: str):
    """Parametrize value that skips a language whose toolchain is missing."""
    marks = [pytest.mark.skipif(not _available(language), reason=f"{language} not installed")]
    if language in ("java", "cpp"):  # compiling takes about a second
        marks.append(pytest.mark.slow)
    return pytest.param(language, marks=marks)


ALL_LANGS = [_lang(lang) for lang in LANGS]


# every sandbox directory in a folder of our own, checked empty afterwards (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("sandbox_parent")


def _processes_of(uid: int) -> list[int]:
    """Pids of live (not zombie) processes owned by uid."""
    pids = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                state = Path(f"/proc/{entry.name}/stat").read_bytes().rpartition(b")")[2].split()
                if entry.stat().st_uid == uid and state[0] != b"Z":
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def _first_line_uid(result: ExecutionResult) -> int:
    """The hostile programs below print their uid first."""
    return int(result.stdout.split()[0])


HELLO = {
    "python": 'print("Hello, World!")',
    "javascript": 'console.log("Hello, World!");',
    "java": "class GFG { public static void main(String[] args) {\n"
    '  System.out.println("Hello, World!"); } }',
    "cpp": "#include <bits/stdc++.h>\nusing namespace std;\n"
    'int main() { cout << "Hello, World!" << endl; return 0; }',
}
ECHO_STDIN = {  # read two numbers, print their sum
    "python": "a, b = map(int, input().split())\nprint(a + b)",
    "javascript": 'const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(" ")'
    ".map(Number);\nconsole.log(a + b);",
    "java": "import java.util.*;\nclass GFG { public static void main(String[] x) {\n"
    "  Scanner s = new Scanner(System.in); System.out.println(s.nextInt() + s.nextInt()); } }",
    "cpp": "#include <iostream>\nint main() { int a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }",
}
RAISES = {  # uncaught exception / abnormal exit
    "python": 'raise ValueError("boom")',
    "javascript": 'throw new Error("boom");',
    "java": 'class GFG { public static void main(String[] a) { throw new RuntimeException("boom"); } }',
    "cpp": '#include <stdexcept>\nint main() { throw std::runtime_error("boom"); }',
}
EXIT_3 = {
    "python": "import sys\nsys.exit(3)",
    "javascript": "process.exit(3);",
    "java": "class GFG { public static void main(String[] a) { System.exit(3); } }",
    "cpp": "int main() { return 3; }",
}
ENDLESS = {
    "python": "while True:\n    pass",
    "javascript": "while (true) {}",
    "java": "class GFG { public static void main(String[] a) { while (true) {} } }",
    "cpp": "int main() { volatile long i = 0; while (true) { i++; } }",
}
MEMORY_BOMB = {
    "python": "x = []\nwhile True:\n    x.append(bytearray(10**7))",
    "javascript": "const a = [];\nwhile (true) a.push(new Array(1e6).fill(1.5));",
    "java": "import java.util.*;\nclass GFG { public static void main(String[] x) {\n"
    "  List<long[]> l = new ArrayList<>(); while (true) l.add(new long[1 << 20]); } }",
    "cpp": "#include <cstring>\n#include <vector>\nint main() { std::vector<char*> v;\n"
    "  while (true) { char* p = new char[1 << 24]; std::memset(p, 1, 1 << 24);"
    " v.push_back(p); } }",
}
OUTPUT_BOMB = {
    "python": "while True:\n    print('x' * 1000)",
    "cpp": '#include <cstdio>\nint main() { while (true) std::puts("yyyyyyyyyyyyyyyyyyyyyyy"); }',
}


# ----------------------------------------------------------------------------- known answers


@pytest.mark.parametrize("language", ALL_LANGS)
def test_hello_world(language):
    result = run_program(HELLO[language], language)
    assert result.status == "ok", result
    assert result.stdout == "Hello, World!\n"
    assert result.exit_code == 0 and result.stderr == "" and not result.truncated
    assert (result.compile_duration_s > 0) == (language in ("java", "cpp"))


def test_python_set_order_repeats_between_runs():
    """Printing a set of strings gives the same order every run (hash seed fixed in the sandbox)."""
    source = "print(list({'w%d' % i for i in range(40)}))\nprint(hash('abc'))\n"
    outputs = {run_program(source, "python").stdout for _ in range(3)}
    assert len(outputs) == 1, outputs


@pytest.mark.parametrize("language", ALL_LANGS)
def test_stdin_passthrough(language):
    result = run_program(ECHO_STDIN[language], language, stdin="40 2\n")
    assert result.status == "ok", result
    assert result.stdout.strip() == "42"


@pytest.mark.parametrize("language", ALL_LANGS)
def test_uncaught_exception_is_runtime_error(language):
    result = run_program(RAISES[language], language)
    assert result.status == "runtime_error", result
    assert result.exit_code != 0
    assert "boom" in result.stderr


@pytest.mark.parametrize("language", ALL_LANGS)
def test_nonzero_exit_is_runtime_error(language):
    result = run_program(EXIT_3[language], language)
    assert (result.status, result.exit_code) == ("runtime_error", 3)


@pytest.mark.slow
@pytest.mark.parametrize(
    "language, source",
    [
        ("java", "class GFG { public static void main(String[] a) { int x = ; } }"),
        ("cpp", "int main() { undeclared_function(); }"),
    ],
)
def test_compile_error(language, source):
    if not _available(language):
        pytest.skip(f"{language} not installed")
    results = run_repeated(source, language, repeats=2)
    assert [r.status for r in results] == ["compile_error", "compile_error"]
    assert results[0].exit_code not in (0, None)
    assert "error" in results[0].stderr


@pytest.mark.parametrize(
    "language, source",
    [
        ("python", ""),
        ("python", "def f(:\n"),
        ("javascript", "}}}{{{ garbage"),
        ("python", HELLO["cpp"]),
        ("cpp", HELLO["python"]),
        ("java", ""),
        ("java", "\x00\x01 not java"),
    ],
)
def test_bad_programs_never_raise(language, source):
    if not _available(language):
        pytest.skip(f"{language} not installed")
    result = run_program(source, language)
    assert result.status in execution.STATUSES
    assert json.loads(json.dumps(result.to_dict()))["status"] == result.status
    if source == "" and language == "python":
        assert result.status == "ok" and result.stdout == ""
    elif language == "java":  # nothing to run
        assert result.status == "compile_error"
    else:
        assert result.status != "ok"


def test_unknown_language_raises():
    with pytest.raises(ValueError, match="Unknown language"):
        run_program("print(1)", "cobol")
    with pytest.raises(ValueError, match="timeout_s"):
        run_program("print(1)", "python", timeout_s=0)


def test_language_aliases():
    assert run_program("print(7)", "Python").stdout == "7\n"


def test_missing_toolchain_is_unavailable(monkeypatch):
    real = execution.toolchains()
    monkeypatch.setattr(tools, "toolchains", lambda: {**real, "java": {"javac": None, "java": None}})
    result = run_program(HELLO["java"], "java")
    assert result.status == "unavailable" and result.exit_code is None
    assert "default-jdk-headless" in result.stderr


@pytest.mark.skipif(not _available("javascript"), reason="node not installed")
def test_javascript_document_write():
    source = (
        "function f(n) { return n * 2; }\n"
        'document.write(f(2) + "<br>");\ndocument.write("a", "b", "<BR/>");\n'
        'document.writeln("line");\nconsole.log("end");'
    )
    result = run_program(source, "javascript")
    assert result.status == "ok", result
    assert result.stdout == "4\nab\nline\nend\n"


@pytest.mark.skipif(not _available("javascript"), reason="node not installed")
def test_javascript_error_keeps_program_line_numbers():
    result = run_program("let a = 1;\nlet b = 2;\nundefinedName();", "javascript")
    assert result.status == "runtime_error"
    assert "main.js:3" in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(not _available("java"), reason="java not installed")
def test_java_helper_class_before_gfg():
    source = (
        "import java.util.*;\n"
        "class Pair { int a, b; Pair(int a, int b) { this.a = a; this.b = b; } }\n"
        "public class GFG {\n  static int sum(Pair p) { return p.a + p.b; }\n"
        "  public static void main(String[] args) {\n"
        "    System.out.println(sum(new Pair(2, 3))); } }\n"
    )
    result = run_program(source, "java")
    assert result.status == "ok", result
    assert result.stdout == "5\n"


@pytest.mark.slow
@pytest.mark.skipif(not _available("java"), reason="java not installed")
def test_java_public_helper_class_names_the_file():
    source = (
        'public class Helper { static String hi() { return "hi"; } }\n'
        "class GFG { public static void main(String[] a) {"
        " System.out.println(Helper.hi()); } }\n"
    )
    result = run_program(source, "java")
    assert result.status == "ok", result
    assert result.stdout == "hi\n"


def test_java_entry_point():
    assert java_entry_point(HELLO["java"]) == ("GFG", "GFG")
    two = "class A { void main() {} }\nclass GFG { public static void main(String[] a) {} }"
    assert java_entry_point(two) == ("GFG", "GFG")
    public_helper = "public class Util {}\nclass Main { static public void main(String... a) {} }"
    assert java_entry_point(public_helper) == ("Main", "Util")
    tricky = (
        "// class Fake { public static void main(String[] a) {} }\n"
        'package a.b;\nclass Real { String s = "class X {"; '
        "public static void main(String[] a) { } }"
    )
    assert java_entry_point(tricky) == ("a.b.Real", "Real")
    assert java_entry_point("") == ("Main", "Main")


def test_python_is_the_system_interpreter_with_a_minimal_environment():
    source = (
        "import os, sys\nprint(sys.executable)\n"
        "print(sorted(k for k in os.environ if k != 'MOE_SANDBOX'))\n"
        "print(os.environ['HOME'] == os.getcwd() == os.environ['TMPDIR'])"
    )
    result = run_program(source, "python")
    assert result.status == "ok", result
    lines = result.stdout.splitlines()
    assert lines[0] == TOOLS["python"]["python3"]
    assert ".venv" not in lines[0]
    assert lines[1] == str(["HOME", "LANG", "PATH", "PYTHONHASHSEED", "TMPDIR"])
    assert lines[2] == "True"


def test_repeats_compile_once_and_start_from_a_clean_directory():
    source = "import os\nprint('again' if os.path.exists('mark') else 'fresh')\nopen('mark', 'w').write('x')"
    results = run_repeated(source, "python", repeats=3)
    assert [r.stdout for r in results] == ["fresh\n"] * 3


def test_run_many_keeps_input_order():
    jobs = [(f"print({i})", "python") for i in range(6)] + [("raise SystemExit(1)", "py")]
    results = run_many(jobs, workers=3)
    assert [r.stdout for r in results[:6]] == [f"{i}\n" for i in range(6)]
    assert results[6].status == "runtime_error"


def test_cli_run_and_check(tmp_path, capsys):
    program = tmp_path / "p.py"
    program.write_text("print(input()[::-1])")
    feed = tmp_path / "in.txt"
    feed.write_text("abc\n")
    assert execution.main(["run", "--lang", "python", str(program), "--stdin", str(feed)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["status"] == "ok" and printed["stdout"] == "cba\n"
    assert execution.main(["check"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"toolchains", "protections", "launcher", "cache_dir"}
    assert report["protections"] == CAPS


# ----------------------------------------------------------------------------- hostile programs


def _assert_stopped_in_time(result: ExecutionResult, timeout_s: float, elapsed: float) -> None:
    assert result.status != "ok", result
    assert result.duration_s <= timeout_s + SLACK_S
    assert elapsed <= timeout_s + result.compile_duration_s + 2 * SLACK_S


@pytest.mark.slow
@pytest.mark.parametrize("language", ALL_LANGS)
def test_endless_loop_times_out(language):
    start = time.monotonic()
    result = run_program(ENDLESS[language], language, timeout_s=2)
    _assert_stopped_in_time(result, 2, time.monotonic() - start)
    assert result.status == "timeout" and result.exit_code is None


@pytest.mark.slow
@pytest.mark.parametrize("language", ALL_LANGS)
def test_memory_bomb_is_stopped(language):
    start = time.monotonic()
    result = run_program(MEMORY_BOMB[language], language, timeout_s=10)
    _assert_stopped_in_time(result, 10, time.monotonic() - start)
    assert result.status == "killed", result
    assert "memory limit" in result.detail


@pytest.mark.slow
@pytest.mark.parametrize("language", [_lang("python"), _lang("cpp")])
def test_output_bomb_is_truncated_and_stopped(language):
    start = time.monotonic()
    result = run_program(OUTPUT_BOMB[language], language, timeout_s=10)
    _assert_stopped_in_time(result, 10, time.monotonic() - start)
    assert result.status == "killed" and result.truncated
    assert len(result.stdout) == execution.Limits().output_bytes
    assert result.duration_s < 5  # stopped at the cap, not at the time limit


FORK_BOMB = {
    "python": "import os\nprint(os.getuid(), flush=True)\nwhile True:\n    try:\n"
    "        os.fork()\n    except OSError:\n        pass",
    "cpp": "#include <unistd.h>\n#include <cstdio>\n"
    'int main() { std::printf("%d\\n", (int)getuid()); std::fflush(stdout);'
    " while (true) fork(); }",
}


@pytest.mark.slow
@pytest.mark.skipif(
    not CAPS["dedicated_uid"],
    reason="fork bombs need a per-run uid (root): else RLIMIT_NPROC is shared with every process of the user",
)
@pytest.mark.parametrize("language", [_lang("python"), _lang("cpp")])
def test_fork_bomb_is_contained(language):
    # Each run has its own uid with RLIMIT_NPROC=8, checked here before the bomb goes off.
    probe = run_program(
        "import os\nn = 0\nfor _ in range(50):\n    try:\n"
        "        if os.fork() == 0:\n            import time; time.sleep(3)\n"
        "            os._exit(0)\n        n += 1\n"
        "    except OSError:\n        break\nprint(n)",
        "python",
    )
    assert probe.status == "ok" and 0 < int(probe.stdout) < 50, probe
    start = time.monotonic()
    result = run_program(FORK_BOMB[language], language, timeout_s=3)
    _assert_stopped_in_time(result, 3, time.monotonic() - start)
    assert result.status == "timeout"
    assert _processes_of(_first_line_uid(result)) == []


@pytest.mark.slow
def test_child_outliving_its_parent_is_killed():
    source = (
        "import os, time\nprint(os.getuid(), flush=True)\n"
        "if os.fork() == 0:\n    os.setsid()  # leave the process group\n"
        "    if os.fork() == 0:\n        time.sleep(60)\n    os._exit(0)\n"
        "time.sleep(0.2)\nprint('parent done')"
    )
    start = time.monotonic()
    result = run_program(source, "python", timeout_s=10)
    assert result.status == "ok", result
    assert result.stdout.endswith("parent done\n")
    assert time.monotonic() - start < 5
    if CAPS["dedicated_uid"]:  # else the sleeper shares our uid: nothing simple to check
        assert _processes_of(_first_line_uid(result)) == []


def test_cannot_touch_files_outside_the_sandbox(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    victim = locked / "keep.txt"
    victim.write_text("precious")
    locked.chmod(0o555)  # not writable by anyone but root
    shared = Path("/tmp") / f"moe-exec-escape-{secrets.token_hex(4)}"
    shared_victim = Path(tempfile.gettempdir()) / "victim.txt"  # our sandbox parent, 0711
    shared_victim.write_text("precious")
    source = f"""
import os
attempts = [
    lambda: open({str(locked / "new.txt")!r}, 'w').write('x'),
    lambda: open({str(shared)!r}, 'w').write('x'),
    lambda: os.remove({str(victim)!r}),
    lambda: os.remove({str(shared_victim)!r}),
    lambda: open({str(victim)!r}, 'w').write('overwritten'),
]
for attempt in attempts:
    try:
        attempt()
        print('done')
    except OSError as e:
        print('refused', type(e).__name__)
"""
    try:
        result = run_program(source, "python")
        assert result.status == "ok", result
        assert victim.read_text() == "precious"
        assert shared_victim.read_text() == "precious"
        assert not (locked / "new.txt").exists()
        assert not shared.exists()
        if CAPS["dedicated_uid"]:
            assert result.stdout.split().count("refused") >= 4
    finally:
        locked.chmod(0o755)
        shared_victim.unlink()
        shared.unlink(missing_ok=True)


@pytest.mark.skipif(not CAPS["private_tmp"], reason="no mount namespace: /tmp is shared")
def test_private_tmp_vanishes():
    name = f"moe-exec-private-{secrets.token_hex(4)}"
    for path in (f"/tmp/{name}", f"/dev/shm/{name}", f"/var/tmp/{name}"):
        result = run_program(f"open({path!r}, 'w').write('x')\nprint('written')", "python")
        assert result.stdout == "written\n", result
        assert not os.path.exists(path)


@pytest.mark.skipif(
    not CAPS["network_isolated"], reason="no network namespace on this platform: connections are not blocked"
)
def test_network_is_unreachable():
    # A server on loopback in our namespace: the sandbox has its own, empty network stack.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.1)
    port = server.getsockname()[1]
    accepted, done = [], threading.Event()

    def accept_one():
        while not done.is_set() and not accepted:
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept_one)
    thread.start()
    source = (
        "import socket\ntry:\n"
        f"    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
        "    print('connected')\nexcept OSError as e:\n    print('failed', e)"
    )
    try:
        result = run_program(source, "python", timeout_s=5)
    finally:
        done.set()
        thread.join()
        server.close()
    assert result.stdout.startswith("failed"), result
    assert accepted == []


def test_file_size_limit():
    source = "with open('big', 'wb') as f:\n    f.write(b'x' * (64 << 20))"
    result = run_program(source, "python")
    assert result.status == "killed" and "file-size limit" in result.detail


def test_capabilities_report_is_boolean():
    assert CAPS and all(isinstance(v, bool) for v in CAPS.values())
    if os.geteuid() == 0:
        assert CAPS["dedicated_uid"]


def test_python_launcher_twin_behaves_like_the_compiled_one(monkeypatch):
    # The C launcher is compiled when a C compiler exists; the Python twin is the fallback.
    python_launcher = tools.twin_launcher_cmd()
    monkeypatch.setattr(tools, "launcher_cmd", lambda: python_launcher)
    assert run_program(HELLO["python"], "python").stdout == "Hello, World!\n"
    assert run_program(EXIT_3["python"], "python").exit_code == 3
    killed = run_program("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)", "python")
    assert (killed.status, killed.exit_code) == ("runtime_error", -11)
    if CAPS["dedicated_uid"]:
        assert run_program("import os\nprint(os.getuid())", "python").stdout != "0\n"


@pytest.mark.slow
def test_without_namespaces_stragglers_are_still_killed(monkeypatch):
    # Platforms without unshare: no PID namespace, so the sandbox finds stragglers itself
    # (by uid when root, else by a marker in their environment).
    monkeypatch.setattr(isolation, "namespace_mode", lambda: ((), frozenset()))
    source = (
        "import os, sys, time\nr, w = os.pipe()\n"
        "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
        "        os.write(w, b'%d' % os.getpid())\n        time.sleep(60)\n    os._exit(0)\n"
        "print(os.read(r, 32).decode(), flush=True)"
    )
    start = time.monotonic()
    result = run_program(source, "python", timeout_s=10)
    assert result.status == "ok", result
    assert time.monotonic() - start < 5
    sleeper = int(result.stdout)
    assert (
        not Path(f"/proc/{sleeper}").exists()
        or b"time.sleep" not in Path(f"/proc/{sleeper}/cmdline").read_bytes()
    )
    assert run_program(HELLO["python"], "python").stdout == "Hello, World!\n"
