"""HumanEval-X programs: a model's answer -> a completion, and completion -> the program to run.

`compose_program` builds the program exactly as the data set's own evaluator (CodeGeeX's
`process_humaneval_test`) does: Python gets a block of standard imports, `prompt + completion +
"\\n" + test + "\\n"`, with the completion cut at its first non-indented line; C++ gets the
standard headers the prompt does not already include, then `prompt + completion + "\\n" + test`;
Java and JavaScript are `prompt + completion + "\\n" + test`.

`checked_program` is that program with a harness that cannot be fooled by exiting early: after
the tests it writes a per-run nonce (unknown to the completion) straight to file descriptor 1, so
the nonce is there only when the tests ran to their end. On top of that:
- JavaScript: the test's `console.assert(...)` calls go to an assert with a nonce name that throws
  (Node's own only prints "Assertion failed" and carries on with exit status 0);
- Java: the test class becomes `HumanEvalTests` and its `main` becomes `tests`, called by a
  `public class Main` that enables `assert` statements first (Java/151 uses one), then writes the
  nonce;
- C++: the test's `main` becomes a function called by our `main`; `assert` is redefined to call a
  function of the harness that ends in `__builtin_trap()` (a completion could otherwise define
  glibc's `__assert_fail` and carry on), and every macro the completion `#define`s is `#undef`ined
  before the test (so `#define has_close_elements(...) true` cannot rewrite the test).
- Python: `check(candidate)` gets a wrapper that lets only plain built-in values (numbers,
  strings, None and lists, tuples, sets, dicts of them) out of the candidate, so an object whose
  `__eq__` is always true cannot satisfy `assert candidate(x) == y`.
What it does not stop: a completion that reads its own program (or binary) to learn the nonce.
"""

from __future__ import annotations

import re

from helpers.config import get_language

# CodeGeeX's IMPORT_HELPER (codegeex/benchmark/utils.py), in its order; its numpy imports are
# made optional, because the sandbox's Python has the standard library only (no canonical
# solution or test uses numpy).
PYTHON_IMPORTS = (
    "import math",
    "import re",
    "import sys",
    "import copy",
    "import datetime",
    "import itertools",
    "import collections",
    "import heapq",
    "import statistics",
    "import functools",
    "import hashlib",
    "try:\n    import numpy\n    import numpy as np\nexcept ImportError:\n    pass",
    "import string",
    "from typing import *",
    "from collections import *",
)
CPP_HEADERS = (
    "#include<stdlib.h>",
    "#include<algorithm>",
    "#include<math.h>",
    "#include<stdio.h>",
    "#include<vector>",
    "#include<string>",
    "#include<climits>",
    "#include<cstring>",
    "#include<iostream>",
)
SENTINEL_PREFIX = "humaneval-x tests finished "  # followed by the nonce, alone on the last line
JS_ASSERT_FAILED = "Assertion failed"  # what Node's console.assert prints on stderr


def _code_of_answer(answer: str, language: str) -> str:
    """The code in a model's answer: the workbook's answer rule (helpers.answers) up to its fence
    step. Its later steps (stripping the first line's indentation, cutting after the last
    top-level brace) would break a completion, which is a function body, not a whole program."""
    from helpers.answers import cut_at_stop, fenced_code

    return fenced_code(cut_at_stop(answer), language)


# --------------------------------------------------------------------------- composition


def python_body(completion: str) -> str:
    """The completion up to its first non-indented, non-blank line (as CodeGeeX cuts it)."""
    kept = []
    for line in completion.split("\n"):
        if line.strip() and line[0] not in " \t":
            break
        kept.append(line)
    return "\n".join(kept)


def compose_program(problem: dict, completion: str) -> str:
    """The program the data set's evaluator runs for this completion (see the module docstring)."""
    language = get_language(problem["language"]).name
    prompt, test = problem["prompt"], problem["test"]
    if language == "python":
        setup = "\n".join(PYTHON_IMPORTS) + "\n"
        return setup + prompt + python_body(completion) + "\n" + test + "\n"
    if language == "cpp":
        setup = "".join(h + "\n" for h in CPP_HEADERS if h not in prompt)
        return setup + "\n" + prompt + completion + "\n" + test
    return prompt + completion + "\n" + test


def sentinel_line(nonce: str) -> str:
    """The line the harness prints once the tests have finished."""
    if not re.fullmatch(r"[0-9a-f]{16,64}", nonce):
        raise ValueError(f"nonce must be 16-64 lowercase hex digits, got {nonce!r}.")
    return SENTINEL_PREFIX + nonce


def checked_program(problem: dict, completion: str, nonce: str) -> str:
    """The evaluator's program plus the harness that proves the tests ran to the end."""
    language = get_language(problem["language"]).name
    line = sentinel_line(nonce)
    if language == "python":
        sentinel = (
            f"\nimport os as _he_os, sys as _he_sys\n_he_sys.stdout.flush()\n"
            f"_he_os.write(1, b'\\n{line}\\n')\n"
        )
        program = compose_program(problem, completion)
        test = problem["test"]
        calls = list(re.finditer(r"^check\((\w+)\)[ \t]*$", test, re.M))
        if calls:  # check(candidate) -> check(<strict wrapper>(candidate))
            call = calls[-1]
            wrapped = (
                _PY_STRICT.format(nonce=nonce)
                + test[: call.start()]
                + f"check(_he_strict_{nonce}({call.group(1)}))"
                + test[call.end() :]
            )
            program = program[: len(program) - len(test) - 1] + wrapped + "\n"
        return program + sentinel
    if language == "javascript":
        assert_name = f"__he_assert_{nonce}"
        test = re.sub(r"\bconsole\s*\.\s*assert\s*\(", assert_name + "(", problem["test"])
        helper = (
            f"const {assert_name} = ((E) => (ok, ...what) => {{ if (!ok) throw new E("
            f"'{JS_ASSERT_FAILED}' + (what.length ? ': ' + what.join(' ') : '')); }})(Error);\n"
        )
        sentinel = (
            f"\n;((fs) => {{ process.stdout.write(''); fs.writeSync(1, '\\n{line}\\n'); }})(require('fs'));\n"
        )
        return problem["prompt"] + completion + "\n" + helper + test + sentinel
    if language == "java":
        test = re.sub(r"\bpublic\s+class\s+Main\b", "class HumanEvalTests", problem["test"], count=1)
        # Ours is then the only `main`: the sandbox runs the first class that declares one.
        test = re.sub(r"\bstatic\s+void\s+main\s*\(", "static void tests(", test, count=1)
        main = (
            "\npublic class Main {\n    public static void main(String[] args) throws Throwable {\n"
            "        ClassLoader.getSystemClassLoader().setDefaultAssertionStatus(true);\n"
            "        HumanEvalTests.tests(args);\n        System.out.flush();\n"
            "        java.io.FileOutputStream out = new java.io.FileOutputStream("
            "java.io.FileDescriptor.out);\n"
            f'        out.write("\\n{line}\\n".getBytes());\n        out.flush();\n    }}\n}}\n'
        )
        return problem["prompt"] + completion + "\n" + test + main
    return _checked_cpp(problem, completion, nonce, line)


# Python: the candidate's results must be plain built-in values, so an object whose __eq__ is
# always true (or an int subclass that lies) cannot satisfy `assert candidate(x) == y`.
_PY_STRICT = """
def _he_strict_{nonce}(candidate, _types=(int, float, complex, str, bytes, bool, type(None)),
                      _type=type, _all=all, _any=any, _containers=(list, tuple, set, frozenset),
                      _dict=dict, _items=dict.items):
    # Built-ins are bound now (the candidate runs later and could rebind builtins.type), and
    # types are compared by identity (a metaclass could make == lie).
    def plain(value):
        kind = _type(value)
        if _any(kind is t for t in _types):
            return True
        if _any(kind is t for t in _containers):
            return _all(plain(v) for v in value)
        if kind is _dict:
            return _all(plain(k) and plain(v) for k, v in _items(value))
        return False

    def call(*args, **kwargs):
        result = candidate(*args, **kwargs)
        if not plain(result):
            raise TypeError("the candidate returned a " + _type(result).__name__
                            + ", not a plain built-in value")
        return result

    return call

"""
_CPP_PRELUDE = """\
#include <unistd.h>
static void he_fail_{nonce}(const char *what) {{
    static const char head[] = "Assertion failed: ";
    (void)!write(2, head, sizeof head - 1);
    const char *end = what;
    while (*end) end++;
    (void)!write(2, what, end - what);
    (void)!write(2, "\\n", 1);
    __builtin_trap();
}}
"""
_CPP_MAIN = """
int main() {{
    he_tests_{nonce}();
    fflush(stdout);
    std::cout.flush();
    static const char line[] = "\\n{line}\\n";
    return write(1, line, sizeof line - 1) == (ssize_t)(sizeof line - 1) ? 0 : 1;
}}
"""


def _cpp_macros(code: str) -> list[str]:
    """Names of the macros a piece of C++ #defines (line splices and comments undone first)."""
    text = _C_SKIP.sub(lambda m: " " if m.group(0).startswith("/") else m.group(0), code.replace("\\\n", ""))
    return sorted(set(re.findall(r"^[ \t]*(?:#|%:)[ \t]*define[ \t]+(\w+)", text, re.M)))


def _checked_cpp(problem: dict, completion: str, nonce: str, line: str) -> str:
    """C++: the evaluator's program with the test's main renamed and our main around it."""
    test = problem["test"]
    found = re.search(r"\bint\s+main\s*\(\s*\)\s*\{", test)
    if found is None:
        raise ValueError(f"{problem['task_id']}: the test has no `int main()` to wrap.")
    close = matching_brace(test, found.end() - 1)
    test = (
        test[: found.start()]
        + f"int he_tests_{nonce}() {{"
        + test[found.end() : close]
        + "return 0;\n}"
        + test[close + 1 :]
    )
    redefine = f"\n#undef assert\n#define assert(e) ((e) ? (void)0 : he_fail_{nonce}(#e))\n"
    includes = list(re.finditer(r"^[ \t]*#[ \t]*include[^\n]*$", test[: found.start()], re.M))
    at = includes[-1].end() if includes else 0
    test = test[:at] + redefine + test[at:]
    undefs = "".join(f"#undef {name}\n" for name in _cpp_macros(completion))
    program = compose_program(problem, completion)
    body = program[: len(program) - len(problem["test"])]
    return _CPP_PRELUDE.format(nonce=nonce) + body + undefs + test + _CPP_MAIN.format(nonce=nonce, line=line)


# --------------------------------------------------------------------------- brace matching

# Comments, string and character literals of C-like languages (and JavaScript templates).
_C_SKIP = re.compile(
    r'//[^\n]*|/\*.*?(?:\*/|\Z)|"(?:\\.|[^"\\\n])*"?|\'(?:\\.|[^\'\\\n])*\'?'
    r"|`(?:\\.|[^`\\])*`?",
    re.S,
)


def _brace_events(code: str) -> list[tuple[int, str]]:
    """Positions of `{` and `}` outside comments and literals."""
    events, pos = [], 0
    for m in _C_SKIP.finditer(code):
        events += [(pos + i, c) for i, c in enumerate(code[pos : m.start()]) if c in "{}"]
        pos = m.end()
    events += [(pos + i, c) for i, c in enumerate(code[pos:]) if c in "{}"]
    return events


def matching_brace(code: str, open_at: int) -> int:
    """Index of the `}` that closes the `{` at `open_at` (len(code) when it is never closed)."""
    depth = 0
    for pos, c in _brace_events(code):
        if pos < open_at:
            continue
        depth += 1 if c == "{" else -1
        if depth == 0:
            return pos
    return len(code)


def _cut_at_depth(code: str, depth: int) -> tuple[str, int]:
    """Cut code where `depth` more braces close than open; return it and how many are missing."""
    level = 0
    for pos, c in _brace_events(code):
        level += 1 if c == "{" else -1
        if level == -depth:
            return code[: pos + 1], 0
    return code, depth + level  # still open: truncated output gets its closing braces


# --------------------------------------------------------------------------- answers


def entry_point(problem: dict) -> str:
    """The name of the function under test, from the problem's declaration (or prompt)."""
    language = get_language(problem["language"]).name
    text = problem.get("declaration") or problem["prompt"]
    patterns = {
        "python": r"def\s+(\w+)\s*\(",
        "javascript": r"const\s+(\w+)\s*=",
        "java": r"\b(\w+)\s*\([^()]*\)\s*(?:throws[\w\s,.]+)?\{\s*$",
        "cpp": r"\b(\w+)\s*\([^()]*\)\s*\{\s*$",
    }
    names = re.findall(patterns[language], text, re.M)
    if not names:
        raise ValueError(f"{problem.get('task_id')}: cannot find the function under test in its declaration.")
    return names[-1]


def _python_completion(code: str, name: str) -> str:
    """Python: the body after a repeated `def name(...):`, with code before it moved inside."""
    found = re.search(rf"^([ \t]*)def[ \t]+{re.escape(name)}[ \t]*\(", code, re.M)
    if found is None:
        first = next((ln for ln in code.split("\n") if ln.strip()), "")
        return _indent(code) if first[:1] not in (" ", "\t") else code
    colon = _signature_end(code, found.end() - 1)
    body = code[colon + 1 :].split("\n", 1)
    rest = body[1] if len(body) > 1 else ""
    if body[0].strip():  # `def f(x): return x` on one line
        rest = "    " + body[0].strip() + "\n" + rest
    before = code[: found.start()].strip("\n")
    return (_indent(before) + "\n" if before.strip() else "") + rest


def _signature_end(code: str, open_paren: int) -> int:
    """Index of the `:` ending a Python signature whose `(` is at open_paren."""
    depth = 0
    for i in range(open_paren, len(code)):
        c = code[i]
        depth += c in "([{"
        depth -= c in ")]}"
        if depth == 0 and c == ":":
            return i
    return len(code)


def _indent(code: str) -> str:
    """Indent every non-blank line by four spaces."""
    return "\n".join("    " + ln if ln.strip() else ln for ln in code.split("\n"))


def _body_open(code: str, after: int) -> int | None:
    """Index of the `{` opening a function body whose name ends at `after` (None if none)."""
    depth = 0
    for i in range(after, len(code)):
        c = code[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "{" and depth == 0:
            return i
        elif c == ";" and depth == 0:
            return None  # a declaration or a call, not the definition
    return None


_JAVA_METHOD = re.compile(r"(\w+)\s*\([^()]*\)\s*(?:throws[\w\s,.]+)?\{")
_JS_DECLARED = re.compile(r"\b(?:function|const|let|var|class)\s+(\w+)")


def _braced_completion(code: str, name: str, language: str, prompt: str) -> str:
    """Java, JavaScript, C++: the code after a repeated signature, closed as the prompt needs."""
    if language == "javascript":
        pattern = rf"(?:\bfunction\s+{re.escape(name)}\b|\b{re.escape(name)}\s*=)"
    else:
        pattern = rf"\b{re.escape(name)}\s*(?=\()"
    found = opened = None
    for found in re.finditer(pattern, code):
        opened = _body_open(code, found.end())
        if opened is not None:
            break
    if opened is None:
        return code
    start = max(code.rfind(c, 0, found.start()) for c in "\n;{}") + 1  # the signature's start
    before, rest = code[:start], code[opened + 1 :]
    if language == "java":  # close the method and class Solution; drop what follows (their own Main)
        rest, missing = _cut_at_depth(rest, 2)
        members = _java_members_before(before)
        if set(_JAVA_METHOD.findall(members)) & set(_JAVA_METHOD.findall(prompt)):
            members = ""  # they repeat the prompt's own methods
        if members.strip() and rest.endswith("}") and not missing:
            rest = rest[:-1] + members + "\n}"
        return rest + "\n}" * missing
    rest, missing = _cut_at_depth(rest, 1)
    tail = code[opened + 1 + len(rest) :]
    if language == "cpp":
        tail = _without_cpp_main(tail)
        return rest + "\n}" * missing + tail
    declared = set(_JS_DECLARED.findall(before))
    # Keep the helpers defined before the function, unless they repeat the prompt's own.
    keep_before = before if declared and not declared & set(_JS_DECLARED.findall(prompt)) else ""
    # Helpers the answer defined before the function go right after it, before its own calls.
    return rest + "\n}" * missing + ("\n" + keep_before if keep_before.strip() else "") + tail


def _java_members_before(before: str) -> str:
    """Members the answer declared in class Solution before the method under test."""
    found = re.search(r"\bclass\s+Solution\b[^{]*\{", before)
    return before[found.end() :] if found else ""


def _without_cpp_main(code: str) -> str:
    """C++ code without a `main` function of its own (the test brings one)."""
    found = re.search(r"\bint\s+main\s*\([^)]*\)\s*\{", code)
    if found is None:
        return code
    return code[: found.start()] + code[matching_brace(code, found.end() - 1) + 1 :]


def answer_to_completion(answer: str, problem: dict) -> str:
    """Turn a model's answer into a completion of the problem's prompt (fences, repeated signature)."""
    if not isinstance(answer, str):
        raise ValueError(f"answer must be str, got {type(answer).__name__}.")
    language = get_language(problem["language"]).name
    code = _code_of_answer(answer, language)
    prompt = problem["prompt"]
    if language != "python" and prompt.strip() and prompt.strip() in code:  # the whole prompt again
        return code.split(prompt.strip(), 1)[1].lstrip("\n")
    name = entry_point(problem)
    if language == "python":
        return _python_completion(code, name)
    return _braced_completion(code, name, language, prompt)
