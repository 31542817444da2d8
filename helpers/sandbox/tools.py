"""Toolchains of the sandbox: where each tool is, the build cache (C++ PCH, javac archive, the
compiled launcher) and the Java entry point of a program."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

# What the sandboxed program sees on PATH; toolchains are looked up there too.
SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin"
# Debian package that provides each toolchain (named in "unavailable" results).
DEBIAN_PACKAGES = {"python": "python3", "javascript": "nodejs", "java": "default-jdk-headless", "cpp": "g++"}
CPP_FLAGS = ("-std=c++17", "-O0")  # -O0 compiles fastest; the PCH must use the same flags
JVM_FLAGS = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto")
LAUNCHER_C = Path(__file__).with_name("launcher.c")
LAUNCHER_TWIN = Path(__file__).with_name("launcher_twin.py")


def which(name: str) -> str | None:
    """Return the absolute path of a tool on the sandbox PATH, or None."""
    return shutil.which(name, path=SANDBOX_PATH)


def _python3() -> str | None:
    """Return the system interpreter (never the project's venv), or None."""
    return "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else which("python3")


def toolchains() -> dict[str, dict[str, str | None]]:
    """Return, per language, the path of each tool it needs (None when missing)."""
    return {
        "python": {"python3": _python3()},
        "javascript": {"node": which("node")},
        "java": {"javac": which("javac"), "java": which("java")},
        "cpp": {"g++": which("g++")},
    }


def missing_tool(language: str) -> str | None:
    """Return the name of a missing tool for the language, or None when all are there."""
    return next((name for name, path in toolchains()[language].items() if path is None), None)


def cache_dir() -> Path:
    """Return the directory for the precompiled C++ header and the javac class-data archive."""
    if os.environ.get("MOE_EXEC_CACHE_DIR"):
        return Path(os.environ["MOE_EXEC_CACHE_DIR"])
    if os.geteuid() == 0:  # readable by the sandbox uids; /root is not
        return Path("/var/cache/moe-codegen-workbook/execution")
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "moe-codegen-workbook" / "execution"


def _readable_by_others(path: Path) -> bool:
    """True when every directory above `path` lets other users through (for the sandbox uid)."""
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents] if p.exists())


_CACHE_LOCK = threading.Lock()


def _build_once(target: Path, cmd: list[str], cwd: Path) -> bool:
    """Create `target` once, across threads and processes, by running cmd ({out} = temp path)."""
    if target.exists():
        return True
    with _CACHE_LOCK:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            for p in [target.parent, *target.parent.parents]:
                if not p.is_relative_to(cache_dir()):
                    break
                os.chmod(p, 0o755)  # the sandbox uid reads the cache
            if os.geteuid() == 0 and not _readable_by_others(target.parent):
                return False
            with open(cache_dir() / ".lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if target.exists():
                    return True
                tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                done = subprocess.run(
                    [a.replace("{out}", str(tmp)) for a in cmd], cwd=cwd, capture_output=True, timeout=300
                )
                if done.returncode != 0 or not tmp.exists():
                    tmp.unlink(missing_ok=True)
                    return False
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)
                return True
        except (OSError, ValueError, subprocess.SubprocessError):
            return False


def _tool_key(tool: str, *flags: str) -> str:
    """Return a short hash that changes when the tool binary or the flags change."""
    real = os.path.realpath(tool)
    stat = os.stat(real)
    text = "|".join([real, str(stat.st_size), str(stat.st_mtime_ns), *flags])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


@lru_cache(maxsize=4)
def cpp_pch_dir(gpp: str) -> Path | None:
    """Return an include dir holding bits/stdc++.h.gch built with CPP_FLAGS, building it once."""
    # GCC looks for <dir>/bits/stdc++.h.gch before the header itself in every include dir; the
    # PCH is only used by programs whose first line includes <bits/stdc++.h> (most of xlcost).
    wrapper = cache_dir() / "stdc++-wrapper.h"
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        if not wrapper.exists():
            wrapper.write_text("#include <bits/stdc++.h>\n")
        # GCC does not check that the headers behind a PCH are unchanged: key on all of them.
        deps = subprocess.run(
            [gpp, *CPP_FLAGS, "-M", "-x", "c++-header", str(wrapper)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if deps.returncode != 0:
        return None
    headers = [
        f"{h}:{os.stat(h).st_mtime_ns}"
        for h in deps.stdout.replace("\\\n", " ").split()
        if h.startswith("/") and os.path.exists(h)
    ]
    include = cache_dir() / f"cpp-{_tool_key(gpp, *CPP_FLAGS, *headers)}"
    cmd = [gpp, *CPP_FLAGS, "-x", "c++-header", str(wrapper), "-o", "{out}"]
    return include if _build_once(include / "bits" / "stdc++.h.gch", cmd, cache_dir()) else None


@lru_cache(maxsize=4)
def javac_archive(javac: str) -> Path | None:
    """Return a class-data-sharing archive of javac's own classes, building it once."""
    modules = Path(os.path.realpath(javac)).parent.parent / "lib" / "modules"  # the JDK's classes
    stamp = str(modules.stat().st_mtime_ns) if modules.exists() else ""
    target = cache_dir() / f"javac-{_tool_key(javac, *JVM_FLAGS, stamp)}.jsa"
    if target.exists():
        return target
    work = Path(tempfile.mkdtemp(prefix="moe-jsa-"))
    try:
        (work / "Hello.java").write_text(
            "import java.util.*;\nclass Hello { public static void main(String[] a) {"
            " List<Integer> v = new ArrayList<>(); System.out.println(v); } }\n"
        )
        cmd = [
            javac,
            *javac_jvm_flags(),
            "-J-XX:ArchiveClassesAtExit={out}",
            "-d",
            str(work),
            str(work / "Hello.java"),
        ]
        return target if _build_once(target, cmd, work) else None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def javac_jvm_flags() -> list[str]:
    """Return the JVM flags of javac itself: fast start-up, few threads, no log noise."""
    return [f"-J{f}" for f in JVM_FLAGS] + ["-J-Xmx512m", "-J-Xlog:disable"]


def warm_caches(languages: set[str]) -> None:
    """Build the precompiled header / javac archive before many threads want them."""
    tools = toolchains()
    if "cpp" in languages and tools["cpp"]["g++"]:
        cpp_pch_dir(tools["cpp"]["g++"])
    if "java" in languages and tools["java"]["javac"]:
        javac_archive(tools["java"]["javac"])


@lru_cache(maxsize=1)
def launcher_cmd() -> tuple[str, ...]:
    """Return the command that starts the launcher: launcher.c compiled once if a C compiler
    exists, else its Python twin (20-60 ms slower per step: interpreter start-up)."""
    cc = which("cc") or which("gcc")
    if cc is not None and os.environ.get("MOE_EXEC_PY_LAUNCHER") != "1":
        code = LAUNCHER_C.read_text()
        key = hashlib.sha256((code + _tool_key(cc)).encode()).hexdigest()[:12]
        source = cache_dir() / f"launcher-{key}.c"
        target = cache_dir() / f"launcher-{key}"
        try:
            if not target.exists():
                cache_dir().mkdir(parents=True, exist_ok=True)
                source.write_text(code)
            if _build_once(target, [cc, "-O2", "-o", "{out}", str(source)], cache_dir()):
                os.chmod(target, 0o755)
                return (str(target),)
        except OSError:
            pass
    return twin_launcher_cmd()


def twin_launcher_cmd() -> tuple[str, ...]:
    """Return the command that starts the Python twin of the launcher."""
    return (sys.executable, "-I", "-S", str(LAUNCHER_TWIN))


# ----------------------------------------------------------------------------- Java entry point

_JAVA_SKIP = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
_JAVA_TOKEN = re.compile(r"[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*|[{};(]")
_JAVA_TYPE_WORDS = ("class", "interface", "enum", "record")


def java_entry_point(source: str) -> tuple[str, str]:
    """Return (class to run, file name without .java) for a Java program such as xlcost's GFG."""
    tokens = _JAVA_TOKEN.findall(_JAVA_SKIP.sub(" ", source))
    package, classes, public, mains = "", [], None, []
    depth, modifiers, current = 0, [], None
    for i, tok in enumerate(tokens):
        if tok == "{":
            depth, modifiers = depth + 1, []
        elif tok == "}":
            depth, modifiers = max(depth - 1, 0), []
        elif tok == ";":
            modifiers = []
        elif depth == 0 and tok == "package" and i + 1 < len(tokens):
            package = re.sub(r"\s+", "", tokens[i + 1]) + "."
        elif depth == 0 and tok in _JAVA_TYPE_WORDS and i + 1 < len(tokens):
            current = tokens[i + 1]
            classes.append(current)
            if "public" in modifiers and public is None:
                public = current
        elif (
            depth == 1
            and tok == "main"
            and current
            and i + 1 < len(tokens)
            and tokens[i + 1] == "("
            and "static" in modifiers
            and "void" in modifiers
        ):
            mains.append(current)
        else:
            modifiers.append(tok)
    if mains:
        main = "GFG" if "GFG" in mains else mains[0]
    else:  # no main found: let the JVM say what is wrong
        main = "GFG" if "GFG" in classes else (classes[0] if classes else "Main")
    return package + main, public or main
