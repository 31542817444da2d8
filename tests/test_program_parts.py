"""Tests for helpers.program_parts: cutting programs into definitions and driver code."""

from __future__ import annotations

import pytest
from sample_programs import PROGRAMS

from helpers.program_parts import split_program


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
    source = (
        "class Box { }\nconst twice = (v) => 2 * v;\nfunction f(a) { return a; }\n"
        "var n = 3;\nconsole.log(f(twice(n)));\n"
    )
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
        ("variable", ("BASE",), True),
        ("function", ("add",), True),
        ("class", ("Pair",), False),
    ]
    assert parts.driver == ("System.out.println(add(5, 7));\n        System.out.println(add(3, 4));")


def test_split_java_snippet_of_bare_methods():
    parts = split_program("static int f(int a) { return a; }\nclass Node { int v; }\n", "java")
    assert parts.main_class is None and parts.driver == ""
    assert [(p.kind, p.names, p.member) for p in parts.definitions] == [
        ("function", ("f",), True),
        ("class", ("Node",), False),
    ]


def test_split_cpp():
    source = (
        "#include <vector>\nusing namespace std;\ntypedef long long ll;\nconst int N = 5;\n"
        "struct Node { int v; };\nint f(int a);\nint f(int a) { return a; }\n"
        "int main() { cout << f(N); }\n"
    )
    parts = split_program(source, "C++")
    assert parts.imports == ("#include <vector>\n", "using namespace std;")
    assert [(p.kind, p.names) for p in parts.definitions[2:]] == [
        ("variable", ("ll",)),
        ("variable", ("N",)),
        ("class", ("Node",)),
        ("function", ("f",)),
        ("function", ("f",)),
    ]
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
    with pytest.raises(ValueError, match="program must be str"):
        split_program(None, "python")
