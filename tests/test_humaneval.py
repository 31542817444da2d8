"""HumanEval-X: loading, composition, the harness that cannot be fooled, pass@k and the CLI."""

from __future__ import annotations

import json
import math
import os
import re
from fractions import Fraction
from pathlib import Path

import pytest

from helpers import humaneval
from helpers.execution import ExecutionResult
from helpers.humaneval import programs
from helpers.humaneval.__main__ import main as cli_main

LANGUAGES = ("python", "java", "javascript", "cpp")
NONCE = "0123456789abcdef0123456789abcdef"


def _data_dir() -> Path:
    """../shared/humaneval-x next to the repository (HUMANEVAL_X_DIR overrides, e.g. in a worktree)."""
    path = Path(os.environ.get("HUMANEVAL_X_DIR") or humaneval.SHARED_DIR)
    if not (path / "humaneval_python.jsonl.gz").is_file():
        pytest.fail(
            f"HumanEval-X data not found at {path}: CI provides ../shared/humaneval-x next "
            "to the repository; elsewhere set HUMANEVAL_X_DIR to that folder."
        )
    return path


@pytest.fixture(scope="module")
def data_dir() -> Path:
    return _data_dir()


@pytest.fixture(scope="module")
def problems(data_dir) -> dict[str, dict[str, dict]]:
    return {
        lang: {p["task_id"]: p for p in humaneval.load_humaneval_x(lang, "local", data_dir)}
        for lang in LANGUAGES
    }


# --------------------------------------------------------------------------- pass@k


def _exact_pass_at_k(n: int, c: int, k: int) -> Fraction:
    return 1 - Fraction(math.comb(n - c, k), math.comb(n, k))


@pytest.mark.parametrize(
    ("n", "c", "k", "expected"),
    [
        (10, 1, 1, 0.1),
        (10, 10, 1, 1.0),
        (10, 10, 10, 1.0),
        (5, 0, 1, 0.0),
        (5, 0, 5, 0.0),
        (1, 1, 1, 1.0),
        (1, 0, 1, 0.0),
        (10, 1, 10, 1.0),
        (4, 2, 2, 5 / 6),
        (200, 0, 100, 0.0),
    ],
)
def test_pass_at_k_known_values(n, c, k, expected):
    assert humaneval.pass_at_k(n, c, k) == pytest.approx(expected, abs=1e-12)


def test_pass_at_k_matches_the_exact_formula():
    for n in (1, 2, 7, 20, 200):
        for c in range(0, n + 1, max(1, n // 7)):
            for k in sorted({1, 2, 10, 100, n} & set(range(1, n + 1))):
                exact = float(_exact_pass_at_k(n, c, k))
                assert humaneval.pass_at_k(n, c, k) == pytest.approx(exact, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(
    ("n", "c", "k"), [(5, 6, 1), (5, -1, 1), (5, 2, 6), (5, 2, 0), (0, 0, 1), (5.0, 2, 1), (True, 1, 1)]
)
def test_pass_at_k_rejects_bad_input(n, c, k):
    with pytest.raises(ValueError, match="n"):
        humaneval.pass_at_k(n, c, k)


# --------------------------------------------------------------------------- loading


def test_load_local_gives_164_problems_per_language(problems):
    prefixes = {"python": "Python/", "java": "Java/", "javascript": "JavaScript/", "cpp": "CPP/"}
    for lang in LANGUAGES:
        ids = list(problems[lang])
        assert len(ids) == 164 and ids[0] == prefixes[lang] + "0"
        first = problems[lang][ids[0]]
        assert first["language"] == lang and first["origin"] == "local"


def test_load_accepts_other_language_spellings_and_a_file(data_dir):
    assert len(humaneval.load_humaneval_x("JS", "local", data_dir)) == 164
    one_file = data_dir / "humaneval_cpp.jsonl.gz"
    assert humaneval.load_humaneval_x("C++", "local", one_file)[0]["task_id"] == "CPP/0"


def test_load_errors_say_what_is_accepted(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="Valid languages: python, java, javascript, cpp"):
        humaneval.load_humaneval_x("go", "local", tmp_path)
    with pytest.raises(ValueError, match="Valid sources: auto, hub, local"):
        humaneval.load_humaneval_x("python", "mini")
    with pytest.raises(ValueError, match="needs path="):
        humaneval.load_humaneval_x("python", "local")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        humaneval.load_humaneval_x("python", "local", tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="humaneval_js.jsonl.gz"):
        humaneval.load_humaneval_x("javascript", "local", tmp_path)
    (tmp_path / "humaneval_python.jsonl").write_text('{"task_id": "Python/0"}\n')
    with pytest.raises(ValueError, match="line 1: missing prompt, canonical_solution, test"):
        humaneval.load_humaneval_x("python", "local", tmp_path)


def test_offline_hub_names_the_alternative_and_auto_falls_back(data_dir, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(RuntimeError, match=r"HF_HUB_OFFLINE is set.*source='local'"):
        humaneval.load_humaneval_x("java", "hub")
    with pytest.raises(RuntimeError, match="source='local'"):
        humaneval.load_humaneval_x("java", "auto")
    with pytest.warns(UserWarning, match="using the local folder"):
        rows = humaneval.load_humaneval_x("java", "auto", data_dir)
    assert rows[0]["origin"] == "local"


class _Tokenizer:
    def apply_chat_template(self, messages, tokenize, add_generation_prompt):
        assert not tokenize and add_generation_prompt
        return "<user>" + messages[0]["content"] + "</user><assistant>"


def test_prompts_for_completion_and_instruct_models(problems):
    problem = problems["cpp"]["CPP/0"]
    assert humaneval.completion_prompt(problem) == problem["prompt"]
    chat = humaneval.instruct_prompt(problem, _Tokenizer())
    assert chat == (
        "<user>Write a C++ program to complete the following. " + problem["prompt"] + "</user><assistant>"
    )


# --------------------------------------------------------------------------- composition

TOY = {
    "python": {
        "task_id": "Python/0",
        "language": "python",
        "prompt": 'def f(x):\n    """Doc."""\n',
        "test": "def check(c):\n    assert c(1) == 2\ncheck(f)",
        "declaration": "def f(x):\n",
    },
    "java": {
        "task_id": "Java/0",
        "language": "java",
        "prompt": "import java.util.*;\nclass Solution {\n    public int f(int x) {\n",
        "test": "public class Main {\n    public static void main(String[] args) {\n"
        "        if (new Solution().f(1) != 2) throw new AssertionError();\n    }\n}",
        "declaration": "class Solution {\n    public int f(int x) {\n",
    },
    "javascript": {
        "task_id": "JavaScript/0",
        "language": "javascript",
        "prompt": "/* Doc. */\nconst f = (x) => {\n",
        "test": "const testF = () => {\n  console.assert(f(1) === 2)\n}\ntestF()\n",
        "declaration": "\nconst f = (x) => {\n",
    },
    "cpp": {
        "task_id": "CPP/0",
        "language": "cpp",
        "prompt": ("/* Doc. */\n#include<stdio.h>\n#include<vector>\nusing namespace std;\nint f(int x){\n"),
        "test": "#undef NDEBUG\n#include<assert.h>\nint main(){\n    assert (f(1) == 2);\n}\n",
        "declaration": "#include<stdio.h>\nint f(int x){\n",
    },
}
GOOD = {
    "python": "    return x + 1\n",
    "java": "        return x + 1;\n    }\n}",
    "javascript": "  return x + 1\n}\n",
    "cpp": "    return x + 1;\n}\n",
}


def test_compose_python_as_the_evaluator():
    program = humaneval.compose_program(TOY["python"], GOOD["python"] + "print('extra')\n")
    imports = program[: program.index("def f")]
    assert imports.startswith("import math\nimport re\nimport sys\n")
    assert imports.endswith("import string\nfrom typing import *\nfrom collections import *\n")
    assert "    import numpy as np\nexcept ImportError:" in imports  # no numpy in the sandbox
    # The completion is cut at its first non-indented line, as CodeGeeX does.
    assert program[len(imports) :] == (
        'def f(x):\n    """Doc."""\n    return x + 1\ndef check(c):\n    assert c(1) == 2\ncheck(f)\n'
    )


def test_compose_cpp_adds_only_missing_headers():
    program = humaneval.compose_program(TOY["cpp"], GOOD["cpp"])
    headers = (
        "#include<stdlib.h>\n#include<algorithm>\n#include<math.h>\n#include<string>\n"
        "#include<climits>\n#include<cstring>\n#include<iostream>\n"
    )
    assert program == headers + "\n" + TOY["cpp"]["prompt"] + GOOD["cpp"] + "\n" + TOY["cpp"]["test"]


@pytest.mark.parametrize("lang", ["java", "javascript"])
def test_compose_java_and_javascript_concatenate(lang):
    program = humaneval.compose_program(TOY[lang], GOOD[lang])
    assert program == TOY[lang]["prompt"] + GOOD[lang] + "\n" + TOY[lang]["test"]


def test_compose_real_problem_matches_the_evaluator_formula(problems):
    p = problems["java"]["Java/0"]
    assert (
        humaneval.compose_program(p, p["canonical_solution"])
        == p["prompt"] + p["canonical_solution"] + "\n" + p["test"]
    )


def test_checked_program_ends_with_the_nonce_after_the_tests():
    line = programs.SENTINEL_PREFIX + NONCE
    py = humaneval.checked_program(TOY["python"], GOOD["python"], NONCE)
    assert py.index(f"check(_he_strict_{NONCE}(f))") < py.index(line) and "_he_os.write(1" in py
    js = humaneval.checked_program(TOY["javascript"], GOOD["javascript"], NONCE)
    assert "console.assert" not in js and f"__he_assert_{NONCE}(f(1) === 2)" in js
    assert js.index("testF()") < js.index(line)
    java = humaneval.checked_program(TOY["java"], GOOD["java"], NONCE)
    assert "class HumanEvalTests {" in java and "public static void tests(String[] args)" in java
    assert java.count("public class Main") == 1 and "setDefaultAssertionStatus(true)" in java
    cpp = humaneval.checked_program(TOY["cpp"], GOOD["cpp"] + "#define f(x) 2\n", NONCE)
    assert f"int he_tests_{NONCE}() {{" in cpp and "#undef f\n" in cpp
    assert cpp.index("#include<assert.h>") < cpp.index("#undef assert") < cpp.index("he_tests_")
    with pytest.raises(ValueError, match="nonce must be 16-64 lowercase hex digits"):
        humaneval.checked_program(TOY["cpp"], GOOD["cpp"], "not-a-nonce")


# --------------------------------------------------------------------------- answers

ANSWERS = {
    "python": "Here you go:\n```python\nimport math\n\ndef helper(x):\n    return x + 1\n\n"
    'def f(x):\n    """Doc."""\n    return helper(x)\n\nprint(f(1))\n```\nDone.',
    "java": "```java\nimport java.util.*;\nclass Solution {\n    private int one() { return 1; }\n"
    "    public int f(int x) {\n        return x + one();\n    }\n}\n"
    "public class Main {\n    public static void main(String[] a) {}\n}\n```",
    "javascript": "```js\nconst one = () => 1\nfunction f(x) {\n  return x + one()\n}\n"
    "console.log(f(1))\n```",
    "cpp": "```cpp\n#include <vector>\nint f(int x) {\n    return x + 1;\n}\n"
    "int main() {\n    return 0;\n}\n```",
}
EXPECTED_COMPLETIONS = {
    "python": "    import math\n\n    def helper(x):\n        return x + 1\n"
    '    """Doc."""\n    return helper(x)\n\nprint(f(1))\n',
    "java": "\n        return x + one();\n    }\n\n    private int one() { return 1; }\n\n}",
    "javascript": "\n  return x + one()\n}\nconst one = () => 1\n\nconsole.log(f(1))\n",
    "cpp": "\n    return x + 1;\n}\n\n",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_answer_to_completion_cuts_fences_and_the_repeated_signature(lang):
    assert humaneval.answer_to_completion(ANSWERS[lang], TOY[lang]) == EXPECTED_COMPLETIONS[lang]


def test_answer_to_completion_keeps_a_plain_completion_and_indents_a_bare_body():
    assert humaneval.answer_to_completion("    return x + 1\n", TOY["python"]) == "    return x + 1\n"
    assert humaneval.answer_to_completion("return x + 1", TOY["python"]) == "    return x + 1"
    assert humaneval.answer_to_completion("  return x + 1\n}\n", TOY["javascript"]) == "  return x + 1\n}\n"
    with pytest.raises(ValueError, match="answer must be str"):
        humaneval.answer_to_completion(None, TOY["python"])


def test_answer_cut_off_gets_its_closing_braces():
    answer = (
        "```java\nclass Solution {\n    public int f(int x) {\n        if (x > 0) {\n            return 2;"
    )
    completion = humaneval.answer_to_completion(answer, TOY["java"])
    assert completion == "\n        if (x > 0) {\n            return 2;\n}\n}\n}"
    program = humaneval.compose_program(TOY["java"], completion)
    assert program.count("{") == program.count("}")


def test_answer_repeating_the_whole_prompt(problems):
    p = problems["java"]["Java/0"]
    answer = "```java\n" + p["prompt"] + p["canonical_solution"] + "\n```"
    completion = humaneval.answer_to_completion(answer, p)
    assert completion.strip() == p["canonical_solution"].strip()


# --------------------------------------------------------------------------- the verdict


def _result(status="ok", stdout="", stderr="", code=0):
    return ExecutionResult(status, code, stdout, stderr, 0.1)


def test_verdict_needs_the_nonce_as_the_last_line():
    line = programs.SENTINEL_PREFIX + NONCE
    assert humaneval.verdict(_result(stdout=f"x\n{line}\n"), NONCE, "python") == ("passed", "")
    assert humaneval.verdict(_result(stdout="All tests passed\n"), NONCE, "python")[0] == "early_exit"
    fake = programs.SENTINEL_PREFIX + "f" * 32
    assert humaneval.verdict(_result(stdout=fake + "\n"), NONCE, "java")[0] == "early_exit"
    assert humaneval.verdict(_result(stdout=f"{line}\nmore\n"), NONCE, "cpp")[0] == "failed"
    assert (
        humaneval.verdict(_result(stdout=line, stderr="Assertion failed"), NONCE, "javascript")[0] == "failed"
    )
    assert humaneval.verdict(_result("runtime_error", code=1), NONCE, "python")[0] == "failed"
    assert humaneval.verdict(_result("timeout", code=None), NONCE, "python")[0] == "timeout"
    assert humaneval.verdict(_result("compile_error", code=1), NONCE, "cpp")[0] == "compile_error"


# --------------------------------------------------------------------------- running (sandbox)


def test_canonical_solutions_pass_on_a_sample(problems):
    sample = [
        problems[lang][f"{prefix}/{i}"]
        for lang, prefix in (
            ("python", "Python"),
            ("java", "Java"),
            ("javascript", "JavaScript"),
            ("cpp", "CPP"),
        )
        for i in (0, 53)
    ]
    rows = humaneval.run_checked(sample, [p["canonical_solution"] for p in sample])
    assert [r["verdict"] for r in rows] == ["passed"] * len(sample), rows


def _hostile(lang: str) -> dict[str, str]:
    """Completions that must not pass the toy problem (f(1) == 2), by what they try."""
    fake = programs.SENTINEL_PREFIX + "0" * 32
    if lang == "python":
        return {
            "wrong": "    return x\n",
            "exit": "    exit(0)\n",
            "sys.exit": "    import sys; sys.exit(0)\n",
            "os._exit": "    import os; os._exit(0)\n",
            "success text": "    print('All tests passed')\n    import os; os._exit(0)\n",
            "fake sentinel": f"    print('{fake}')\n    import os; os._exit(0)\n",
            "closed stdout": "    import os; os.close(1)\n    return x + 1\n",
            "patched write": "    import os; os.write = lambda *a: 0\n    return x + 1\n",
            "always equal": "    class Any:\n        def __eq__(self, other):\n"
            "            return True\n    return Any()\n",
            "lying metaclass": "    class M(type):\n        __eq__ = lambda s, o: True\n"
            "        __hash__ = type.__hash__\n"
            "    class Any(metaclass=M):\n        __eq__ = lambda s, o: True\n"
            "    return Any()\n",
            "rebound type": "    import builtins\n    builtins.type = lambda v: int\n"
            "    class Any:\n        __eq__ = lambda s, o: True\n    return Any()\n",
            "lying int": "    class Int(int):\n        def __eq__(self, other):\n"
            "            return True\n    return Int(0)\n",
        }
    if lang == "java":
        end = "\n    }\n}"
        return {
            "wrong": "        return x;" + end,
            "exit": "        System.exit(0); return 0;" + end,
            "halt": "        Runtime.getRuntime().halt(0); return 0;" + end,
            "success text": '        System.out.println("All tests passed"); System.exit(0); return 0;' + end,
            "fake sentinel": f'        System.out.println("{fake}"); System.exit(0); return 0;' + end,
            "closed stdout": "        try { new java.io.FileOutputStream(java.io.FileDescriptor.out)"
            ".close(); } catch (Exception e) {}\n        return x + 1;" + end,
        }
    if lang == "javascript":
        return {
            "wrong": "  return x\n}\n",
            "exit": "  process.exit(0)\n}\n",
            "assert silenced": "  console.assert = () => {}\n  return x\n}\n",
            "console replaced": "  return x\n}\nvar console = {assert: () => {}, log: () => {}}\n",
            "success text": "  console.log('All tests passed'); process.exit(0)\n}\n",
            "fake sentinel": f"  console.log('{fake}'); process.exit(0)\n}}\n",
            "swallowed throw": "  process.on('uncaughtException', () => {})\n  return x\n}\n",
        }
    return {
        "wrong": "    return x;\n}\n",
        "exit": "    exit(0);\n}\n",
        "_exit": "    _exit(0);\n}\n",
        "quick_exit": "    quick_exit(0);\n}\n",
        "success text": '    puts("All tests passed"); exit(0);\n}\n',
        "fake sentinel": f'    puts("{fake}"); exit(0);\n}}\n',
        "assert neutralised": "    return x;\n}\n#define assert(e) ((void)0)\n",
        "macro rewrites the test": "    return x;\n}\n#define f(x) 2\n",
        "interposed __assert_fail": '    return x;\n}\nextern "C" void __assert_fail(const char*,'
        " const char*, unsigned int, const char*) {}\n",
        "static exit": "    return x;\n}\nstatic int early = (exit(0), 0);\n",
    }


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_completions_never_pass(lang):
    hostile = _hostile(lang)
    cases = ["good", "from answer", *hostile]
    completions = [GOOD[lang], EXPECTED_COMPLETIONS[lang], *hostile.values()]
    rows = humaneval.run_checked([TOY[lang]] * len(cases), completions)
    verdicts = dict(zip(cases, (r["verdict"] for r in rows), strict=True))
    assert (verdicts.pop("good"), verdicts.pop("from answer")) == ("passed", "passed"), rows[:2]
    assert all(v != "passed" for v in verdicts.values()), verdicts
    exits = [c for c in verdicts if "exit" in c or c in ("halt", "success text", "fake sentinel")]
    assert all(verdicts[c] == "early_exit" for c in exits), verdicts


@pytest.mark.slow
def test_all_canonical_solutions(problems):
    """At least 97% per language; the failures are the known ones (README and wrong JS solutions)."""
    expected_failures = {
        "JavaScript/162",
        "CPP/22",
        "CPP/137",
        "CPP/162",
        "JavaScript/112",
        "JavaScript/155",
    }  # the last two fail their own tests
    todo = [p for lang in LANGUAGES for p in problems[lang].values()]
    rows = humaneval.run_checked(todo, [p["canonical_solution"] for p in todo])
    failed = {r["task_id"] for r in rows if r["verdict"] != "passed"}
    assert failed == expected_failures, [r for r in rows if r["task_id"] in failed]


# --------------------------------------------------------------------------- the CLI


def _write_samples(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def test_cli_prints_pass_at_k_as_its_last_line(problems, data_dir, tmp_path, capsys):
    p0, p1 = problems["python"]["Python/0"], problems["python"]["Python/1"]
    samples = _write_samples(
        tmp_path / "s.jsonl",
        [
            {"task_id": "Python/0", "completion": p0["canonical_solution"]},
            {"task_id": "Python/0", "completion": "    return None\n"},
            "",
            {"task_id": "Python/1", "completion": p1["canonical_solution"]},
            {"task_id": "Python/1", "completion": "    import sys; sys.exit(0)\n"},
        ],
    )
    out = tmp_path / "results.jsonl"
    assert (
        cli_main(
            [
                "evaluate",
                "--language",
                "python",
                "--samples",
                str(samples),
                "--data",
                str(data_dir),
                "--k",
                "1,2,10",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["pass@1"] == pytest.approx(0.5) and summary["pass@2"] == pytest.approx(1.0)
    assert "pass@10" not in summary  # n = 2 < 10
    assert (summary["problems"], summary["samples"]) == (2, 4)
    assert (summary["passed"], summary["failed"], summary["early_exit"]) == (2, 1, 1)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["task_id"], r["n"], r["passed"]) for r in rows] == [("Python/0", 2, 1), ("Python/1", 2, 1)]
    assert [s["verdict"] for s in rows[1]["samples"]] == ["passed", "early_exit"]


def test_cli_canonical_and_answers(data_dir, tmp_path, capsys, problems):
    p = problems["javascript"]["JavaScript/0"]
    answer = "```javascript\n" + p["declaration"].strip() + "\n" + p["canonical_solution"] + "```"
    samples = _write_samples(tmp_path / "a.jsonl", [{"task_id": p["task_id"], "completion": answer}])
    assert (
        cli_main(
            [
                "evaluate",
                "--language",
                "js",
                "--samples",
                str(samples),
                "--data",
                str(data_dir),
                "--from-answers",
            ]
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["pass@1"] == 1.0 and summary["language"] == "javascript"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            [{"task_id": "Python/0", "completion": "    pass"}, {"task_id": "Python/0"}],
            r"line 2: no \"completion\" string for Python/0",
        ),
        (["", {"task_id": "Python/999", "completion": "x"}], r"line 2: unknown task_id 'Python/999'"),
        ([{"task_id": "Java/0", "completion": "x"}], r"line 1: unknown task_id 'Java/0'.*'Python/0'"),
        (["{not json"], r"line 1: not valid JSON"),
        ([], r"no samples"),
    ],
)
def test_cli_rejects_bad_samples_with_the_line_number(lines, message, data_dir, tmp_path, capsys):
    samples = _write_samples(tmp_path / "bad.jsonl", lines)
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["evaluate", "--language", "python", "--samples", str(samples), "--data", str(data_dir)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert re.search(message, err), err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--language", "go", "--canonical"], "Unknown language 'go'"),
        (["--language", "python", "--canonical", "--k", "0,x"], "--k must be positive integers"),
        (["--language", "python", "--canonical", "--timeout", "0"], "--timeout must be a positive"),
    ],
)
def test_cli_rejects_bad_options(args, message, data_dir, capsys):
    with pytest.raises(SystemExit):
        cli_main(["evaluate", *args, "--data", str(data_dir)])
    assert message in capsys.readouterr().err


def test_chat_style_answers_of_canonical_solutions_pass(problems):
    """A fenced answer repeating the declaration (with the prompt's helpers) and its own main."""
    own_main = {
        "python": "\nif __name__ == '__main__':\n    print('demo')\n",
        "java": "\npublic class Main {\n    public static void main(String[] a) {}\n}\n",
        "javascript": "\nconsole.log('demo')\n",
        "cpp": "\nint main() {\n    return 0;\n}\n",
    }
    picks = [
        ("python", "Python/10"),
        ("javascript", "JavaScript/38"),
        ("java", "Java/32"),
        ("cpp", "CPP/0"),
    ]  # each declaration holds a helper function too (CPP/0: none)
    todo, completions = [], []
    for lang, task_id in picks:
        p = problems[lang][task_id]
        answer = (
            f"Here it is:\n```{lang}\n{p['declaration']}{p['canonical_solution']}"
            f"{own_main[lang]}```\nIt works."
        )
        todo.append(p)
        completions.append(humaneval.answer_to_completion(answer, p))
    rows = humaneval.run_checked(todo, completions)
    assert [r["verdict"] for r in rows] == ["passed"] * len(picks), rows
