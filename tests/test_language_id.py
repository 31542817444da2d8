"""Tests for helpers.language_id: which language a text is written in, and language shares."""

from __future__ import annotations

import pytest
from sample_programs import GROUND_TRUTHS, PROGRAMS, ground_truths, needs_artifacts

from helpers.language_id import classify_language, identify_language, language_report

# --------------------------------------------------------------------------------------------
# Language identification
# --------------------------------------------------------------------------------------------

SNIPPETS = {
    "python": [
        "def f(n):\n    return n * 2\n\nprint(f(3))\n",
        "for i in range(3):\n    print(i)\n",
        "x = [1, 2]\nx.append(3)\nprint(x)\n",
    ],
    "java": [
        PROGRAMS["java"]["reference"],
        'System.out.println("hi");\n',
        "public static void main(String[] args) { int a = 1; System.out.print(a); }",
    ],
    "javascript": [
        PROGRAMS["javascript"]["reference"],
        "console.log([1, 2].map(x => x * 2));",
        "function f(a) {\n  let s = 0;\n  return s + a;\n}\n",
    ],
    "cpp": [
        PROGRAMS["cpp"]["reference"],
        '#include <cstdio>\nint main() { printf("%d", 1); }',
        "vector<int> v = {1, 2};\nfor (auto x : v) cout << x << endl;\n",
    ],
}
NOT_CODE = [
    "",
    "   \n",
    "Write a function that returns the greatest common divisor.",
    "The answer is 42. It works because the loop ends when n reaches zero.",
    "1 2 3 4 5 6 7 8 9 10",
    "3 , 4 , 5 , 6 , 7",
    "Функция возвращает сумму двух чисел.",
    "[INST] [/INST] [INST] [/INST]",
]


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
    report = language_report(
        [PROGRAMS["python"]["correct"], fenced, PROGRAMS["java"]["reference"], "no code here, sorry."],
        "Python",
    )
    assert report["counts"] == {"python": 2, "java": 1, "javascript": 0, "cpp": 0, "not_code": 1}
    assert (report["requested_share"], report["other_language_share"], report["not_code_share"]) == (
        0.5,
        0.25,
        0.25,
    )
    with pytest.raises(ValueError, match="list of strings"):
        language_report("print(1)", "python")


@pytest.mark.slow
def test_language_id_on_real_references():
    """On the 800 detokenised references, each language is identified at least 98% of the time."""
    from helpers.xlcost_codec import detokenize

    needs_artifacts()
    for language in GROUND_TRUTHS:
        sources = [detokenize(code, language) for code in ground_truths(language)]
        accuracy = sum(identify_language(s) == language for s in sources) / len(sources)
        assert accuracy >= 0.98, (language, accuracy)
