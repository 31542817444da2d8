"""How each language is built and run in the sandbox: the compile and run command lines and the
memory a run may use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers.sandbox import isolation, tools
from helpers.sandbox.launch import Sandbox
from helpers.sandbox.results import Limits

# Threads count as processes for RLIMIT_NPROC: a JVM has ~15 threads, node ~7.
NPROC = {"python": 8, "javascript": 32, "java": 64, "cpp": 8}
COMPILE_NPROC = 128
_JS_PRELUDE = """\
// Browser-style output for xlcost programs: document.write prints to stdout, <br> is a newline.
const BR = /<br\\s*\\/?>/gi;
const out = (text) => process.stdout.write(text.replace(BR, "\\n"));
globalThis.document = {
  write: (...parts) => out(parts.join("")),
  writeln: (...parts) => out(parts.join("") + "\\n"),
};
"""


@dataclass(frozen=True)
class Plan:
    """How to build and run one program: argv lists and the run's memory limit."""

    compile: list[str] | None
    run: list[str]
    memory_mb: int  # RLIMIT_DATA of the run
    address_mb: int  # RLIMIT_AS of the run: also counts shared mappings, which DATA does not
    built: Path | None = None  # file the compile step must produce (Java: the main class)


# RLIMIT_AS allowances on top of the memory limit, measured on OpenJDK 17 and node 18: a JVM
# with these flags needs about 950 MiB of address space for hello world at -Xmx512m (compressed
# class space and code cache reservations), node about 800 MiB plus about twice its heap.
_ADDRESS_EXTRA_MB = {"python": 256, "cpp": 256, "java": 1280}
_JVM_RUN_FLAGS = ("-XX:CompressedClassSpaceSize=64m", "-XX:ReservedCodeCacheSize=32m")


def prepare(language: str, source: str, box: Sandbox, limits: Limits, precompiled: bool) -> Plan:
    """Write the program into the sandbox and return how to build and run it."""
    mem, build = limits.memory_mb, box.build
    paths = tools.toolchains()[language]
    # A cache under /tmp would be covered by the private tmpfs: the compilers could not see it.
    precompiled = precompiled and not isolation.is_under(tools.cache_dir(), isolation.private_dirs())
    if language == "python":
        path = build / "main.py"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        return Plan(None, [paths["python3"], "-s", "-B", str(path)], mem, mem + _ADDRESS_EXTRA_MB["python"])
    if language == "javascript":
        path, prelude = build / "main.js", build / "prelude.js"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        prelude.write_text(_JS_PRELUDE)
        run = [paths["node"], f"--max-old-space-size={mem}", "--require", str(prelude), str(path)]
        return Plan(None, run, mem + 256, 2 * mem + 1024)  # V8 heap plus the runtime's own
    if language == "java":
        main, stem = tools.java_entry_point(source)
        (build / "src").mkdir()
        (build / "classes").mkdir()
        path = build / "src" / f"{stem}.java"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        archive = tools.javac_archive(paths["javac"]) if precompiled else None
        cds = [f"-J-XX:SharedArchiveFile={archive}"] if archive else []
        compile_ = [
            paths["javac"],
            *tools.javac_jvm_flags(),
            *cds,
            "-encoding",
            "UTF-8",
            "-proc:none",
            "-d",
            str(build / "classes"),
            str(path),
        ]
        run = [
            paths["java"],
            f"-Xmx{mem}m",
            *tools.JVM_FLAGS,
            *_JVM_RUN_FLAGS,
            "-Xlog:disable",
            "-Xlog:all=warning:stderr",
            "-Dfile.encoding=UTF-8",
            "-cp",
            str(build / "classes"),
            main,
        ]
        built = build / "classes" / (main.replace(".", "/") + ".class")
        # Data: heap plus metaspace, code cache, threads.
        return Plan(compile_, run, mem + 384, mem + _ADDRESS_EXTRA_MB["java"], built)
    path = build / "main.cpp"
    path.write_text(source, encoding="utf-8", errors="surrogatepass")
    pch = tools.cpp_pch_dir(paths["g++"]) if precompiled else None
    include = ["-I", str(pch)] if pch else []
    compile_ = [paths["g++"], *tools.CPP_FLAGS, *include, "-o", str(build / "prog"), str(path)]
    return Plan(compile_, [str(build / "prog")], mem, mem + _ADDRESS_EXTRA_MB["cpp"])
