"""Tests for helpers.driver_program: a prediction's definitions under the reference's driver."""

from __future__ import annotations

import pytest
from sample_programs import PROGRAMS

from helpers import driver_program
from helpers.checks import execution_checks
from helpers.driver_program import compose_driver_program
from helpers.program_parts import split_program

# --------------------------------------------------------------------------------------------
# compose_driver_program
# --------------------------------------------------------------------------------------------


def test_compose_python_keeps_prediction_setup_drops_its_driver():
    program = compose_driver_program(PROGRAMS["python"]["correct"], PROGRAMS["python"]["reference"], "python")
    assert program.startswith("import math\nfrom functools import reduce\nOFFSET = 0\ndef add")
    assert "my own test" not in program and "def scaled" not in program
    assert program.rstrip().endswith("print(add(3, 4))")


def test_compose_javascript_does_not_redeclare_driver_names():
    program = compose_driver_program(
        PROGRAMS["javascript"]["correct"], PROGRAMS["javascript"]["reference"], "javascript"
    )
    assert program.count("let x") == 1 and "const ZERO = 0;" in program
    assert "my own test" not in program


def test_compose_java_renames_the_prediction_class():
    program = compose_driver_program(PROGRAMS["java"]["correct"], PROGRAMS["java"]["reference"], "java")
    assert "Main" not in program and "GFG.calls++" in program
    assert program.startswith("import java.util.*;\nclass GFG {")
    assert "static int BASE = 0;" in program  # a reference field the prediction lacks
    assert "my own test" not in program and program.count("void main") == 1


def test_compose_cpp_uses_reference_main_and_globals():
    program = compose_driver_program(PROGRAMS["cpp"]["correct"], PROGRAMS["cpp"]["reference"], "cpp")
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
    assert compose_driver_program(PROGRAMS["python"]["correct"], PROGRAMS["cpp"]["reference"], "cpp") is None
    assert (
        compose_driver_program(PROGRAMS["cpp"]["correct"], PROGRAMS["python"]["reference"], "python") is None
    )
    # a reference without a driver cannot drive anything
    assert (
        compose_driver_program(PROGRAMS["python"]["correct"], "def add(a, b):\n    pass\n", "python") is None
    )


def test_compose_java_keeps_grammar_gaps_drops_cut_off_members():
    prediction = (
        "class Solution {\n"
        "    static int q = 0;\n"
        "    static int add(int a, int b) { (q) = a; return a + b; }\n"  # javac accepts
        "    static int unused(int a) { return a +\n"
    )  # cut off by the token limit
    assert split_program(prediction, "java").has_errors
    program = compose_driver_program(prediction, PROGRAMS["java"]["reference"], "java")
    assert "(q) = a;" in program and "unused" not in program


def test_compose_python_keeps_globals_the_functions_read_not_their_locals():
    prediction = (
        "def add(a, b):\n    total = a + b + BIAS\n    return total\n"
        "BIAS = 0\ntotal = add(2, 2)\nprint(total)\n"
    )
    program = compose_driver_program(prediction, PROGRAMS["python"]["reference"], "python")
    assert "BIAS = 0" in program and "total = add(2, 2)" not in program


def test_missing_names_lists_what_the_driver_calls_but_the_prediction_lacks():
    renamed = "def add_numbers(a, b):\n    return a + b\n"
    reference = split_program(PROGRAMS["python"]["reference"], "python")
    assert driver_program.missing_names(split_program(renamed, "python"), reference) == ["add"]
    correct = split_program(PROGRAMS["python"]["correct"], "python")
    assert driver_program.missing_names(correct, reference) == []
    report = execution_checks(
        [renamed], [PROGRAMS["python"]["reference"]], "python", reference_format="source"
    )
    assert report.samples[0]["missing_names"] == "add"
    assert "NameError" in report.samples[0]["reason"]


def test_compose_skips_definitions_with_syntax_errors():
    prediction = "def add(a, b):\n    return a + b\ndef helper(:\n    pass\n"
    program = compose_driver_program(prediction, PROGRAMS["python"]["reference"], "python")
    assert "def add" in program and "helper" not in program
