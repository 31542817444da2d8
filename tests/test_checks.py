"""Tests for helpers.checks: splitting programs, composing them, running the checks, language ID."""

from __future__ import annotations

import json
import math
import random

import pytest

from helpers import checks, execution
from helpers.checks import (
    classify_language,
    compose_driver_program,
    execution_checks,
    extract_code,
    identify_language,
    language_report,
    split_program,
)
from helpers.config import REPO_ROOT

ARTIFACTS = REPO_ROOT.parent / "shared" / "paper-artifacts"
GROUND_TRUTHS = {  # the paper's references, xlcost form
    "python": "code/Base_Mistral/Python/BASE_ground_truths_python.jsonl",
    "java": "code/Base_Mistral/Java/BASE_ground_truths_Java.jsonl",
    "javascript": "code/Base_Mistral/Javascript/BASE_ground_truths_Javascript.jsonl",
    "cpp": "code/Base_Mistral/CPP/BASE_ground_truths_C++.jsonl",
}
TOOLS = execution.toolchains()


def _lang(language: str):
    """Parametrize value: skipped without the toolchain, slow for the compiled languages."""
    marks = [pytest.mark.skipif(not all(TOOLS[language].values()),
                                reason=f"{language} toolchain not installed")]
    if language in ("java", "cpp"):  # a compile takes about a second
        marks.append(pytest.mark.slow)
    return pytest.param(language, marks=marks)


# --------------------------------------------------------------------------------------------
# Hand-made programs: a reference, a correct prediction whose own driver prints something else,
# and a prediction with the right function but wrong logic. The reference prints "12\n7".
# --------------------------------------------------------------------------------------------

PROGRAMS = {
    "python": {
        "reference": (
            "import math\n"
            "LIMIT = 10\n"
            "def add(a, b):\n"
            "    return a + b\n"
            "def scaled(x):\n"
            "    return x * 2\n"
            "# Driver code\n"
            "if __name__ == '__main__':\n"
            "    print(add(5, 7))\n"
            "    print(add(3, 4))\n"
        ),
        "correct": (
            "from functools import reduce\n"
            "OFFSET = 0\n"
            "def add(a, b):\n"
            "    '''Sum of two numbers.'''\n"
            "    return reduce(lambda x, y: x + y, [a, b]) + OFFSET\n"
            "\n"
            "print('my own test:', add(1, 1))\n"
        ),
        "wrong": "def add(a, b):\n    return a - b\n\nprint(add(2, 2))\n",
    },
    "javascript": {
        "reference": (
            "function add(a, b) {\n"
            "    return a + b;\n"
            "}\n"
            "let x = 5;\n"
            "document.write(add(x, 7) + \"<br>\");\n"
            "document.write(add(3, 4));\n"
        ),
        "correct": (
            "const ZERO = 0;\n"
            "let x = 100;\n"  # the reference's driver declares x again: must not clash
            "const add = (a, b) => a + b + ZERO;\n"
            "console.log('my own test', add(x, 1));\n"
        ),
        "wrong": "function add(a, b) { return a * b; }\nconsole.log(add(2, 3));\n",
    },
    "java": {
        "reference": (
            "import java.util.*;\n"
            "class GFG {\n"
            "    static int BASE = 0;\n"
            "    static int add(int a, int b) {\n"
            "        return a + b + BASE;\n"
            "    }\n"
            "    public static void main(String[] args) {\n"
            "        System.out.println(add(5, 7));\n"
            "        System.out.println(add(3, 4));\n"
            "    }\n"
            "}\n"
        ),
        "correct": (
            "public class Main {\n"
            "    static int calls = 0;\n"
            "    public static int add(int a, int b) {\n"
            "        Main.calls++;\n"
            "        return a + b;\n"
            "    }\n"
            "    public static void main(String[] args) {\n"
            "        System.out.println(\"my own test \" + add(1, 1));\n"
            "    }\n"
            "}\n"
        ),
        "wrong": (
            "class Solution {\n"
            "    static int add(int a, int b) { return a * b; }\n"
            "    public static void main(String[] args) { System.out.println(add(2, 3)); }\n"
            "}\n"
        ),
    },
    "cpp": {
        "reference": (
            "#include <bits/stdc++.h>\n"
            "using namespace std;\n"
            "#define SHIFT 0\n"
            "int add(int a, int b) {\n"
            "    return a + b + SHIFT;\n"
            "}\n"
            "int main() {\n"
            "    cout << add(5, 7) << endl;\n"
            "    cout << add(3, 4) << endl;\n"
            "    return 0;\n"
            "}\n"
        ),
        "correct": (
            "#include <iostream>\n"
            "struct Adder { int bias = 0; };\n"
            "int add(int a, int b) {\n"
            "    Adder adder;\n"
            "    return a + b + adder.bias;\n"
            "}\n"
            "int main() {\n"
            "    std::cout << \"my own test \" << add(1, 1) << std::endl;\n"
            "}\n"
        ),
        "wrong": "int add(int a, int b) { return a - b; }\nint main() { return 0; }\n",
    },
}
EXPECTED_STDOUT = "12\n7"


def _names(parts, kind: str) -> list[str]:
    return [name for part in parts.definitions if part.kind == kind for name in part.names]


# --------------------------------------------------------------------------------------------
# split_program
# --------------------------------------------------------------------------------------------

def test_split_python():
    parts = split_program(PROGRAMS["python"]["reference"], "python")
    assert parts.imports == ("import math",)
    assert _names(parts, "function") == ["add", "scaled"]
    assert parts.driver.startswith("LIMIT = 10\nif __name__ == '__main__':")
    assert "print(add(5, 7))" in parts.driver and "def " not in parts.driver
    assert [p.names for p in parts.driver_parts] == [("LIMIT",), ()]


def test_split_javascript_arrow_functions_and_classes():
    source = ("class Box { }\nconst twice = (v) => 2 * v;\nfunction f(a) { return a; }\n"
              "var n = 3;\nconsole.log(f(twice(n)));\n")
    parts = split_program(source, "js")
    assert _names(parts, "class") == ["Box"]
    assert _names(parts, "function") == ["twice", "f"]
    assert parts.driver == "var n = 3;\nconsole.log(f(twice(n)));"
    assert [p.names for p in parts.driver_parts] == [("n",), ()]


def test_split_java():
    source = PROGRAMS["java"]["reference"] + "class Pair { int a, b; }\n"
    parts = split_program(source, "Java")
    assert parts.main_class == "GFG" and parts.main_class_header == "class GFG"
    assert parts.main_signature == "public static void main(String[] args)"
    assert parts.imports == ("import java.util.*;",)
    assert [(p.kind, p.names, p.member) for p in parts.definitions[1:]] == [
        ("variable", ("BASE",), True), ("function", ("add",), True), ("class", ("Pair",), False)]
    assert parts.driver == ("System.out.println(add(5, 7));\n"
                            "        System.out.println(add(3, 4));")


def test_split_java_snippet_of_bare_methods():
    parts = split_program("static int f(int a) { return a; }\nclass Node { int v; }\n", "java")
    assert parts.main_class is None and parts.driver == ""
    assert [(p.kind, p.names, p.member) for p in parts.definitions] == [
        ("function", ("f",), True), ("class", ("Node",), False)]


def test_split_cpp():
    source = ("#include <vector>\nusing namespace std;\ntypedef long long ll;\nconst int N = 5;\n"
              "struct Node { int v; };\nint f(int a);\nint f(int a) { return a; }\n"
              "int main() { cout << f(N); }\n")
    parts = split_program(source, "C++")
    assert parts.imports == ("#include <vector>\n", "using namespace std;")
    assert [(p.kind, p.names) for p in parts.definitions[2:]] == [
        ("variable", ("ll",)), ("variable", ("N",)), ("class", ("Node",)), ("function", ("f",)),
        ("function", ("f",))]
    assert parts.definitions[4].text == "struct Node { int v; };"
    assert parts.driver == "int main() { cout << f(N); }"


def test_split_marks_parts_with_syntax_errors():
    parts = split_program("def ok():\n    return 1\ndef broken(:\n    return\n", "python")
    assert [p.usable for p in parts.definitions if p.kind == "function"][:1] == [True]
    assert parts.has_errors


def test_split_marks_python_cut_off_after_a_colon():
    parts = split_program("def ok():\n    return 1\ndef cut(n):\n    if n > 1:\n", "python")
    assert [p.usable for p in parts.definitions] == [True, False]


def test_split_rejects_unknown_language_and_bad_source():
    with pytest.raises(ValueError, match="Unknown language 'rust'"):
        split_program("fn main() {}", "rust")
    with pytest.raises(ValueError, match="source must be str"):
        split_program(None, "python")


# --------------------------------------------------------------------------------------------
# compose_driver_program
# --------------------------------------------------------------------------------------------

def test_compose_python_keeps_prediction_setup_drops_its_driver():
    program = compose_driver_program(PROGRAMS["python"]["correct"],
                                     PROGRAMS["python"]["reference"], "python")
    assert program.startswith("import math\nfrom functools import reduce\nOFFSET = 0\ndef add")
    assert "my own test" not in program and "def scaled" not in program
    assert program.rstrip().endswith("print(add(3, 4))")


def test_compose_javascript_does_not_redeclare_driver_names():
    program = compose_driver_program(PROGRAMS["javascript"]["correct"],
                                     PROGRAMS["javascript"]["reference"], "javascript")
    assert program.count("let x") == 1 and "const ZERO = 0;" in program
    assert "my own test" not in program


def test_compose_java_renames_the_prediction_class():
    program = compose_driver_program(PROGRAMS["java"]["correct"],
                                     PROGRAMS["java"]["reference"], "java")
    assert "Main" not in program and "GFG.calls++" in program
    assert program.startswith("import java.util.*;\nclass GFG {")
    assert "static int BASE = 0;" in program  # a reference field the prediction lacks
    assert "my own test" not in program and program.count("void main") == 1


def test_compose_cpp_uses_reference_main_and_globals():
    program = compose_driver_program(PROGRAMS["cpp"]["correct"],
                                     PROGRAMS["cpp"]["reference"], "cpp")
    assert program.startswith("#include <bits/stdc++.h>\nusing namespace std;\n#include <iostream>")
    assert "#define SHIFT 0" in program and "struct Adder" in program
    assert "my own test" not in program and program.count("int main") == 1


def test_compose_of_identical_programs_is_the_program():
    for language, programs in PROGRAMS.items():
        program = compose_driver_program(programs["reference"], programs["reference"], language)
        assert program is not None
        for line in filter(str.strip, programs["reference"].splitlines()):
            if language == "python" and line.strip().startswith("#"):
                continue  # comments are not carried over
            assert line.strip() in program, (language, line)


@pytest.mark.parametrize("language", list(PROGRAMS))
@pytest.mark.parametrize("prediction", ["", "   ", "The answer is 42.", "1 2 3 4 5"])
def test_compose_gives_none_without_definitions(language, prediction):
    assert compose_driver_program(prediction, PROGRAMS[language]["reference"], language) is None


def test_compose_gives_none_for_other_language_or_missing_driver():
    assert compose_driver_program(PROGRAMS["python"]["correct"], PROGRAMS["cpp"]["reference"],
                                  "cpp") is None
    assert compose_driver_program(PROGRAMS["cpp"]["correct"], PROGRAMS["python"]["reference"],
                                  "python") is None
    # a reference without a driver cannot drive anything
    assert compose_driver_program(PROGRAMS["python"]["correct"], "def add(a, b):\n    pass\n",
                                  "python") is None


def test_compose_java_keeps_grammar_gaps_drops_cut_off_members():
    prediction = ("class Solution {\n"
                  "    static int q = 0;\n"
                  "    static int add(int a, int b) { (q) = a; return a + b; }\n"  # javac accepts
                  "    static int unused(int a) { return a +\n")  # cut off by the token limit
    assert split_program(prediction, "java").has_errors
    program = compose_driver_program(prediction, PROGRAMS["java"]["reference"], "java")
    assert "(q) = a;" in program and "unused" not in program


def test_compose_python_keeps_globals_the_functions_read_not_their_locals():
    prediction = ("def add(a, b):\n    total = a + b + BIAS\n    return total\n"
                  "BIAS = 0\ntotal = add(2, 2)\nprint(total)\n")
    program = compose_driver_program(prediction, PROGRAMS["python"]["reference"], "python")
    assert "BIAS = 0" in program and "total = add(2, 2)" not in program


def test_missing_names_lists_what_the_driver_calls_but_the_prediction_lacks():
    renamed = "def add_numbers(a, b):\n    return a + b\n"
    reference = split_program(PROGRAMS["python"]["reference"], "python")
    assert checks.missing_names(split_program(renamed, "python"), reference) == ["add"]
    correct = split_program(PROGRAMS["python"]["correct"], "python")
    assert checks.missing_names(correct, reference) == []
    report = execution_checks([renamed], [PROGRAMS["python"]["reference"]], "python",
                              reference_format="source")
    assert report.samples[0]["missing_names"] == "add"
    assert "NameError" in report.samples[0]["reason"]


def test_compose_skips_definitions_with_syntax_errors():
    prediction = "def add(a, b):\n    return a + b\ndef helper(:\n    pass\n"
    program = compose_driver_program(prediction, PROGRAMS["python"]["reference"], "python")
    assert "def add" in program and "helper" not in program


# --------------------------------------------------------------------------------------------
# execution_checks on hand-made samples
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", [_lang(k) for k in PROGRAMS])
def test_execution_checks_known_answers(language):
    programs = PROGRAMS[language]
    other = "cpp" if language != "cpp" else "python"
    predictions = [
        programs["reference"],  # the reference itself
        programs["correct"],  # right function, own driver prints something else
        f"Here it is:\n```{language}\n{programs['correct']}```\nDone.",  # inside a fence
        programs["wrong"],  # right name, wrong logic
        "",  # empty
        "I am sorry, I cannot write that program.",  # not code
        PROGRAMS[other]["correct"],  # another language
    ]
    report = execution_checks(predictions, [programs["reference"]] * len(predictions), language,
                              reference_format="source", timeout_s=30)
    rows = report.samples
    assert [r["runs"] for r in rows] == [True, True, True, True, False, False, False]
    assert [r["driver_match"] for r in rows] == [True, True, True, False, False, False, False]
    assert rows[3]["reason"] == "composed program: output differs from the reference's"
    assert [r["reason"] for r in rows[4:6]] == ["empty prediction", "not code"]
    assert rows[6]["reason"] == f"written in {other}" and rows[6]["run_status"] == "not_run"
    assert report.n == 7 and report.n_checkable == 7 and report.n_driver_match == 3
    assert report.runs_rate == pytest.approx(4 / 7)
    assert report.driver_match_rate == pytest.approx(3 / 7)


def test_execution_checks_reference_that_fails_is_not_checkable():
    references = [PROGRAMS["python"]["reference"], "def add(a, b):\n    return a + b\n"
                  "raise SystemExit(3)\n", "def add(a, b):\n    return a + b\nadd(1, 2)\n"]
    report = execution_checks([PROGRAMS["python"]["correct"]] * 3, references, "python",
                              reference_format="source")
    assert [r["checkable"] for r in report.samples] == [True, False, False]
    assert [r["driver_match"] for r in report.samples] == [True, None, None]
    assert "reference did not run cleanly (runtime_error)" in report.samples[1]["reason"]
    assert report.samples[2]["reason"] == "reference prints nothing"
    assert (report.n_checkable, report.n_not_checkable, report.driver_match_rate) == (1, 2, 1.0)
    assert report.runs_rate == 1.0


def test_execution_checks_xlcost_references_and_predictions():
    reference = ("def add ( a , b ) : NEW_LINE INDENT return a + b NEW_LINE DEDENT "
                 "print ( add ( 5 , 7 ) ) NEW_LINE")
    report = execution_checks([reference, reference], [reference, reference], "python",
                              prediction_format="xlcost")
    assert report.runs_rate == 1.0 and report.driver_match_rate == 1.0
    as_is = execution_checks([reference], [reference], "python")  # tokenised text does not run
    assert as_is.samples[0]["runs"] is False


def test_execution_report_summary_and_frame():
    report = execution_checks(["print(1)"], ["print(1)"], "python", reference_format="source")
    summary = report.summary()
    assert "samples" not in summary and summary["n"] == 1
    json.dumps(summary)
    frame = report.to_frame()
    assert list(frame.columns) == checks._ROW_COLUMNS and len(frame) == 1


def test_execution_checks_bad_input():
    with pytest.raises(ValueError, match="2 predictions but 1 references"):
        execution_checks(["a", "b"], ["a"], "python")
    with pytest.raises(ValueError, match="Unknown reference_format 'tokens'"):
        execution_checks(["a"], ["a"], "python", reference_format="tokens")
    with pytest.raises(ValueError, match="Unknown prediction_format"):
        execution_checks(["a"], ["a"], "python", prediction_format="tokens")
    with pytest.raises(ValueError, match=r"predictions\[0\] is NoneType"):
        execution_checks([None], ["a"], "python")
    with pytest.raises(ValueError, match="Unknown language"):
        execution_checks(["a"], ["a"], "cobol")
    empty = execution_checks([], [], "python")
    assert empty.n == 0 and math.isnan(empty.runs_rate) and math.isnan(empty.driver_match_rate)


def test_normalise_output_only_trims_trailing_whitespace():
    assert checks.normalise_output("1 2 \r\n3\n\n") == "1 2\n3"
    assert checks.normalise_output(" 1") != checks.normalise_output("1")


# --------------------------------------------------------------------------------------------
# Markdown fences
# --------------------------------------------------------------------------------------------

def test_extract_code_prefers_the_language_block():
    text = "Intro\n```\nplain\n```\nthen\n```Python\nprint(1)\n```\n```java\nclass A {}\n```\n"
    assert extract_code(text, "python") == "print(1)\n"
    assert extract_code(text, "java") == "class A {}\n"
    assert extract_code(text, "cpp") == "plain\n"  # no C++ block: the first block


def test_extract_code_unclosed_fence_and_no_fence():
    assert extract_code("Sure!\n```cpp\nint main() {\n", "cpp") == "int main() {\n"
    assert extract_code("def f():\n    return 1\n", "python") == "def f():\n    return 1\n"
    assert extract_code("~~~js\nlet a = 1;\n~~~", "javascript") == "let a = 1;\n"
    assert extract_code("```c++\nint x;\n```", "cpp") == "int x;\n"


# --------------------------------------------------------------------------------------------
# Language identification
# --------------------------------------------------------------------------------------------

SNIPPETS = {
    "python": ["def f(n):\n    return n * 2\n\nprint(f(3))\n",
               "for i in range(3):\n    print(i)\n", "x = [1, 2]\nx.append(3)\nprint(x)\n"],
    "java": [PROGRAMS["java"]["reference"],
             "System.out.println(\"hi\");\n",
             "public static void main(String[] args) { int a = 1; System.out.print(a); }"],
    "javascript": [PROGRAMS["javascript"]["reference"], "console.log([1, 2].map(x => x * 2));",
                   "function f(a) {\n  let s = 0;\n  return s + a;\n}\n"],
    "cpp": [PROGRAMS["cpp"]["reference"], "#include <cstdio>\nint main() { printf(\"%d\", 1); }",
            "vector<int> v = {1, 2};\nfor (auto x : v) cout << x << endl;\n"],
}
NOT_CODE = ["", "   \n", "Write a function that returns the greatest common divisor.",
            "The answer is 42. It works because the loop ends when n reaches zero.",
            "1 2 3 4 5 6 7 8 9 10", "3 , 4 , 5 , 6 , 7", "Функция возвращает сумму двух чисел.",
            "[INST] [/INST] [INST] [/INST]"]


@pytest.mark.parametrize("language,text", [(k, t) for k, ts in SNIPPETS.items() for t in ts])
def test_identify_language_snippets(language, text):
    assert identify_language(text) == language


@pytest.mark.parametrize("text", NOT_CODE)
def test_identify_language_not_code(text):
    assert identify_language(text) == "not_code"


def test_identify_language_reads_xlcost_form():
    assert identify_language("def f ( a ) : NEW_LINE INDENT return a NEW_LINE DEDENT") == "python"


def test_classify_language_keeps_a_requested_language_that_also_parses():
    shared = "int twice(int a) {\n    return 2 * a;\n}\n"  # valid Java and valid C++
    assert classify_language(shared, "java") == "java"
    assert classify_language(shared, "cpp") == "cpp"
    assert classify_language(PROGRAMS["cpp"]["reference"], "java") == "cpp"


def test_language_report_shares():
    fenced = f"```python\n{PROGRAMS['python']['wrong']}```"
    report = language_report([PROGRAMS["python"]["correct"], fenced,
                              PROGRAMS["java"]["reference"], "no code here, sorry."], "Python")
    assert report["counts"] == {"python": 2, "java": 1, "javascript": 0, "cpp": 0, "not_code": 1}
    assert (report["requested_share"], report["other_language_share"],
            report["not_code_share"]) == (0.5, 0.25, 0.25)
    with pytest.raises(ValueError, match="list of strings"):
        language_report("print(1)", "python")


# --------------------------------------------------------------------------------------------
# Real programs (slow): the bar is that every reference that runs cleanly passes its own checks
# --------------------------------------------------------------------------------------------

def _ground_truths(language: str) -> list[str]:
    path = ARTIFACTS / GROUND_TRUTHS[language]
    return [json.loads(line)["value"] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _needs_artifacts():
    if not ARTIFACTS.is_dir():
        pytest.skip(f"paper artifacts not found at {ARTIFACTS} (see the paper-artifacts README)")


@pytest.mark.slow
def test_language_id_on_real_references():
    """On the 800 detokenised references, each language is identified at least 98% of the time."""
    from helpers.data import detokenize

    _needs_artifacts()
    for language in GROUND_TRUTHS:
        sources = [detokenize(code, language) for code in _ground_truths(language)]
        accuracy = sum(identify_language(s) == language for s in sources) / len(sources)
        assert accuracy >= 0.98, (language, accuracy)


def _assert_references_pass(report, what: str) -> None:
    failed = [r for r in report.samples if r["checkable"] and not (r["runs"] and r["driver_match"])]
    assert not failed, f"{what}: {len(failed)} reference(s) fail their own checks: {failed[:3]}"


@pytest.mark.slow
@pytest.mark.parametrize("language", [_lang(k) for k in PROGRAMS])
def test_mini_corpus_programs_pass_their_own_checks(language):
    """Every mini-corpus program (all splits), as a prediction of itself, passes both checks."""
    from helpers.data import SPLITS, load_xlcost

    records = [r for split in SPLITS for r in load_xlcost(language, split, source="mini")]
    assert records, "the mini corpus is empty"
    report = execution_checks([r["source"] for r in records], [r["code"] for r in records],
                              language, reference_format="xlcost")
    _assert_references_pass(report, f"mini corpus, {language}")
    # the bundled programs all run and print something: every one is checkable
    assert report.n_checkable == len(records), [r for r in report.samples if not r["checkable"]]


@pytest.mark.slow
@pytest.mark.parametrize("language", [_lang(k) for k in PROGRAMS])
def test_real_references_pass_their_own_checks(language):
    """A seeded sample of 40 of the paper's 200 references per language (compiles dominate the
    run time): each one that runs cleanly, as a prediction of itself, passes both checks."""
    from helpers.data import detokenize

    _needs_artifacts()
    references = random.Random(0).sample(_ground_truths(language), 40)
    sources = [detokenize(code, language) for code in references]
    report = execution_checks(sources, references, language, reference_format="xlcost")
    _assert_references_pass(report, f"paper references, {language}")
    assert report.n_checkable >= 25, report.summary()  # most references do run cleanly
