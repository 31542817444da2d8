"""Hand-made and published programs shared by the tests of program_parts, driver_program,
language_id and checks (known answers: each reference prints "12\n7")."""

from __future__ import annotations

import json

import pytest

from helpers import execution
from helpers.config import REPO_ROOT

ARTIFACTS = REPO_ROOT.parent / "shared" / "paper-artifacts"
GROUND_TRUTHS = {  # the paper's references, xlcost form
    "python": "code/Base_Mistral/Python/BASE_ground_truths_python.jsonl",
    "java": "code/Base_Mistral/Java/BASE_ground_truths_Java.jsonl",
    "javascript": "code/Base_Mistral/Javascript/BASE_ground_truths_Javascript.jsonl",
    "cpp": "code/Base_Mistral/CPP/BASE_ground_truths_C++.jsonl",
}
TOOLS = execution.toolchains()


def lang_param(language: str):
    """Parametrize value: skipped without the toolchain, slow for the compiled languages."""
    marks = [
        pytest.mark.skipif(not all(TOOLS[language].values()), reason=f"{language} toolchain not installed")
    ]
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
            'document.write(add(x, 7) + "<br>");\n'
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
            '        System.out.println("my own test " + add(1, 1));\n'
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
            '    std::cout << "my own test " << add(1, 1) << std::endl;\n'
            "}\n"
        ),
        "wrong": "int add(int a, int b) { return a - b; }\nint main() { return 0; }\n",
    },
}
EXPECTED_STDOUT = "12\n7"


def ground_truths(language: str) -> list[str]:
    """Return the paper's references of one language (xlcost form)."""
    path = ARTIFACTS / GROUND_TRUTHS[language]
    return [
        json.loads(line)["value"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def needs_artifacts() -> None:
    """Skip the calling test when the paper's artifacts are not next to the repository."""
    if not ARTIFACTS.is_dir():
        pytest.skip(f"paper artifacts not found at {ARTIFACTS} (see the paper-artifacts README)")
