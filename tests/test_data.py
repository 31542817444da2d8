"""helpers.data: the xlcost form and back, prompts, loading and the mini corpus (fast tests)."""

from __future__ import annotations

import json
import sys

import pytest

from helpers import data
from helpers.config import LANGUAGES, REPO_ROOT

ARTIFACTS = REPO_ROOT.parent / "shared" / "paper-artifacts" / "code"
needs_artifacts = pytest.mark.skipif(not ARTIFACTS.is_dir(),
                                     reason=f"paper artifacts not found at {ARTIFACTS}")
GROUND_TRUTHS = {
    "python": "Python/BASE_ground_truths_python.jsonl",
    "java": "Java/BASE_ground_truths_Java.jsonl",
    "javascript": "Javascript/BASE_ground_truths_Javascript.jsonl",
    "cpp": "CPP/BASE_ground_truths_C++.jsonl",
}
TASKS = data.MINI_DIR / "tasks"


def mini_programs() -> list[tuple[str, str, str]]:
    """(task, language, source) for every program of the mini corpus."""
    return [(task.name, key, (task / f"{key}.{lang.extension}").read_text(encoding="utf-8"))
            for task in sorted(TASKS.iterdir()) if (task / "task.json").is_file()
            for key, lang in LANGUAGES.items()]


def references(language: str) -> list[str]:
    path = ARTIFACTS / "Base_Mistral" / GROUND_TRUTHS[language]
    return [json.loads(line)["value"] for line in path.read_text(encoding="utf-8").splitlines()]


# --------------------------------------------------------------------------- tokenize


PYTHON_SOURCE = '''# A comment
def f(a):
    """A docstring is a comment too."""
    if a > 0:
        for i in range(a):
            print("Hello World", end=' ')  # trailing
    return 'inf'


if __name__ == "__main__":
    print(f(2), "a\\nb")
'''
PYTHON_CODE = (
    "def f ( a ) : NEW_LINE INDENT if a > 0 : NEW_LINE INDENT for i in range ( a ) : NEW_LINE "
    "INDENT print ( \" Hello ▁ World \" , end = ' ▁ ' ) NEW_LINE DEDENT DEDENT return ' inf ' "
    "NEW_LINE DEDENT if __name__ == \" _ _ main _ _ \" : NEW_LINE INDENT print ( f ( 2 ) , "
    "\" a NEW_LINE b \" ) NEW_LINE DEDENT")

CPP_SOURCE = '''#include <bits/stdc++.h>
using namespace std;
#define MAX 100
// a comment
int main() {
    vector<vector<int>> v(2, vector<int>(2, -1));
    int x = -1, y = x - 1;
    cout << "Yes\\n" << 'a' << x << y << endl; /* block */
    return 0;
}
'''
CPP_CODE = (
    "#include <bits/stdc++.h> NEW_LINE using namespace std ; #define MAX  100 NEW_LINE int main ( "
    ") { vector < vector < int > > v ( 2 , vector < int > ( 2 , -1 ) ) ; int x = -1 , y = x - 1 ; "
    "cout << \" Yes STRNEWLINE \" << ' a ' << x << y << endl ; return 0 ; }")

JAVA_SOURCE = '''import java.util.*;
class GFG {
    public static void main(String[] args) {
        List<List<Integer>> a = new ArrayList<>();
        char c = 'a';
        System.out.print(a.size() + "\\n");
        System.out.println("Hello World" + c);
    }
}
'''
JAVA_CODE = (
    "import java . util . * ; class GFG { public static void main ( String [ ] args ) { List < "
    "List < Integer > > a = new ArrayList < > ( ) ; char c = ' a ' ; System . out . print ( a . "
    "size ( ) + \" NEW_LINE \" ) ; System . out . println ( \" Hello ▁ World \" + c ) ; } }")

JS_SOURCE = '''// a comment
function f(n) {
    return n * 2;
}
let s = "Hello World<br>";
document.write(s + f(3) + "\\n");
'''
JS_CODE = ("function f ( n ) { return n * 2 ; } let s = \" Hello ▁ World < br > \" ; document . "
           "write ( s + f ( 3 ) + \" NEW_LINE \" ) ;")

KNOWN = [("python", PYTHON_SOURCE, PYTHON_CODE), ("cpp", CPP_SOURCE, CPP_CODE),
         ("java", JAVA_SOURCE, JAVA_CODE), ("javascript", JS_SOURCE, JS_CODE)]


@pytest.mark.parametrize("language,source,code", KNOWN, ids=[k[0] for k in KNOWN])
def test_tokenize_known_answers(language, source, code):
    assert data.tokenize(source, language) == code


@pytest.mark.parametrize("language,source,code", KNOWN, ids=[k[0] for k in KNOWN])
def test_round_trip_of_known_snippets(language, source, code):
    assert data.tokenize(data.detokenize(code, language), language) == code


@pytest.mark.parametrize("literal,language,expected", [
    ('"Hello World"', "python", '" Hello ▁ World "'),
    ("'inf'", "python", "' inf '"),
    ('"__main__"', "python", '" _ _ main _ _ "'),
    ('""', "javascript", '" "'),
    ('"00021"', "python", '"00021"'),  # digits next to the quotes stay attached
    ('"%.2f"', "java", '" % .2f "'),
    ('"-1"', "java", '" - 1"'),
    ("'\\0'", "cpp", "' \\0'"),  # the v14 rule never counts a backslash as punctuation
    ('"bits/stdc++.h"', "cpp", '" bits / stdc + + . h "'),
    ('"%.*lf\\n"', "cpp", '" % . * lf STRNEWLINE "'),
    ('"Yes\\n"', "java", '" Yes NEW_LINE "'),
])
def test_string_literals_like_xlcost(literal, language, expected):
    # each expected form is copied from the published references
    suffix = " NEW_LINE" if language == "python" else ""
    assert data.tokenize(f"f({literal});", language) == f"f ( {expected} ) ;{suffix}"


def test_python_nested_blocks_close_with_dedents():
    source = "for i in range(2):\n    if i:\n        while False:\n            pass\nx = 1\n"
    assert data.tokenize(source, "python") == (
        "for i in range ( 2 ) : NEW_LINE INDENT if i : NEW_LINE INDENT while False : NEW_LINE "
        "INDENT pass NEW_LINE DEDENT DEDENT DEDENT x = 1 NEW_LINE")


def test_docstring_kept_when_it_is_the_whole_block():
    assert data.tokenize('def f():\n    "doc"\n', "python") == \
        'def f ( ) : NEW_LINE INDENT " doc " NEW_LINE DEDENT'


def test_cpp_sign_joins_a_number_only_as_a_unary_sign():
    assert data.tokenize("f(-1, a -1, b - 1); return -2;", "cpp") == \
        "f ( -1 , a - 1 , b - 1 ) ; return -2 ;"
    assert data.tokenize("f(-1);", "java") == "f ( - 1 ) ;"  # only C++ does this


# --------------------------------------------------------------------------- code_tokens


def test_code_tokens_known_answers():
    assert data.code_tokens('x = a[i] // 2 + "a b"  # c\n', "python") == \
        ["x", "=", "a", "[", "i", "]", "//", "2", "+", '"a b"']
    assert data.code_tokens("#include <iostream>\nint x=a->b>>1; // c\nstd::cout<<'a';", "cpp") == \
        ["#include", "<iostream>", "int", "x", "=", "a", "->", "b", ">>", "1", ";", "std", "::",
         "cout", "<<", "'a'", ";"]
    assert data.code_tokens("if (a === b && c !== 1e-9) x >>>= 2;", "javascript") == \
        ["if", "(", "a", "===", "b", "&&", "c", "!==", "1e-9", ")", "x", ">>>=", "2", ";"]
    assert data.code_tokens("long n = 10L; /* c */ i++;", "java") == \
        ["long", "n", "=", "10L", ";", "i", "++", ";"]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_code_tokens_never_raise_on_broken_text(language):
    broken = 'Here is the code:\n```\nprint("unterminated\n  }}} /* open comment \n\t\\'
    assert isinstance(data.code_tokens(broken, language), list)
    assert isinstance(data.tokenize(broken, language), str)
    assert isinstance(data.detokenize(broken, language), str)
    assert data.tokenize("", language) == data.detokenize("", language).strip() == ""


# --------------------------------------------------------------------------- detokenize


def test_detokenize_python_layout_and_strings():
    code = ("def f ( s ) : NEW_LINE INDENT if s == ' inf ' : NEW_LINE INDENT print ( \" Hello ▁ "
            "World \" , end = \" \" ) NEW_LINE DEDENT return s NEW_LINE DEDENT if __name__ == "
            "\" _ _ main _ _ \" : NEW_LINE INDENT f ( \" a NEW_LINE b \" ) NEW_LINE DEDENT")
    assert data.detokenize(code, "python") == (
        "def f(s):\n"
        "    if s == 'inf':\n"
        "        print(\"Hello World\", end=\"\")\n"
        "    return s\n"
        "if __name__ == \"__main__\":\n"
        "    f(\"a\\nb\")\n")


def test_detokenize_cpp_preprocessor_lines():
    code = ("#include <bits/stdc++.h> NEW_LINE #include \" bits / stdc + + . h \" NEW_LINE "
            "#define MAX  100 NEW_LINE using namespace std ; int main ( ) { cout << \" Yes ▁ "
            "STRNEWLINE \" << ' ▁ ' ; return -1 ; }")
    assert data.detokenize(code, "cpp") == (
        "#include <bits/stdc++.h>\n#include \"bits/stdc++.h\"\n#define MAX 100\n"
        "using namespace std;\nint main() {\n    cout << \"Yes \\n\" << ' ';\n    return -1;\n}\n")


def test_detokenize_java_new_line_strings():
    # xlcost wrote Java's "\n" glued to what follows it
    code = ("class GFG { public static void main ( String [ ] args ) { System . out . print ( 1 + "
            "\"NEW_LINE\"); System . out . println ( \"YesNEW_LINE\"); } }")
    assert data.detokenize(code, "java") == (
        "class GFG {\n    public static void main(String[] args) {\n"
        "        System.out.print(1 + \"\\n\");\n        System.out.println(\"Yes\\n\");\n"
        "    }\n}\n")


def test_detokenize_javascript_puts_back_lost_line_breaks():
    code = "let arr = [ 1 , 2 ] ; let N = arr . length document . write ( N + \" \" ) ;"
    assert data.detokenize(code, "javascript") == \
        "let arr = [1, 2];\nlet N = arr.length\ndocument.write(N + \"\");\n"


def test_detokenize_repairs_lost_or_operators():
    code = "if ( n % 2 == 0 n % 3 == 0 ) return false ; build ( a , rt << 1 1 ) ;"
    assert data.detokenize(code, "cpp") == \
        "if (n % 2 == 0 || n % 3 == 0) return false;\nbuild(a, rt << 1 | 1);\n"
    # a cast and a declaration are not lost operators
    assert "|" not in data.detokenize("if ( f ( ( int ) x ) ) { g ( int a ) ; }", "cpp")


def test_no_break_space_inside_strings_is_kept():
    # two letters separated by a plain space were whitespace in the original literal
    assert data.detokenize('print ( " Modified array : " )', "python") == \
        'print("Modified array:")\n'


@needs_artifacts
def test_reference_round_trip_rate():
    # tokenize(detokenize(c)) == c for most published references; the rest are rows where
    # xlcost lost an operator (repaired) or glued Java's "\n" to the next tokens
    rates = {}
    for key in LANGUAGES:
        codes = references(key)
        exact = [data.tokenize(data.detokenize(c, key), key) == c for c in codes]
        rates[key] = sum(exact) / len(exact)
    assert min(rates.values()) >= 0.8 and sum(rates.values()) / 4 >= 0.85, rates


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_mini_corpus_round_trip(language):
    programs = [(task, source) for task, key, source in mini_programs() if key == language]
    assert programs
    for task, source in programs:
        code = data.tokenize(source, language)
        assert data.tokenize(data.detokenize(code, language), language) == code, task


# --------------------------------------------------------------------------- prompts


@needs_artifacts
def test_paper_prompt_reproduces_the_published_prompts():
    rows = [json.loads(line) for line in
            (ARTIFACTS / "MOE" / "MOE_prompts.jsonl").read_text(encoding="utf-8").splitlines()]
    head = "Write a {} program to complete the following. "
    for row in rows:
        prompt, expert = row["prompt"], row["expert"]
        start = prompt.index(head.format(expert)) + len(head.format(expert))
        text = prompt[start:prompt.rindex(" [/INST]")]
        assert data.paper_prompt(text, expert) == prompt


def test_paper_prompt_known_answer():
    assert data.paper_prompt("Sum of two numbers | Driver code", "C++") == (
        "<s>[INST] Write a C++ program to complete the following. Sum of two numbers | Driver code "
        "[/INST] \\n </s>")
    assert data.instruction("Add", "js") == \
        "Write a Javascript program to complete the following. Add"


def test_chat_prompt_uses_the_tokenizer_template():
    class FakeTokenizer:
        def apply_chat_template(self, messages, tokenize, add_generation_prompt):
            self.seen = (messages, tokenize, add_generation_prompt)
            return "<chat>" + messages[0]["content"]

    tokenizer = FakeTokenizer()
    assert data.chat_prompt("Add", "python", tokenizer) == \
        "<chat>Write a Python program to complete the following. Add"
    assert tokenizer.seen == ([{"role": "user", "content": data.instruction("Add", "python")}],
                              False, True)


# --------------------------------------------------------------------------- loading


def expected_mini_sizes() -> dict[str, int]:
    sizes = {split: 0 for split in data.SPLITS}
    for task in TASKS.glob("*/task.json"):
        sizes[json.loads(task.read_text(encoding="utf-8"))["split"]] += 1
    return sizes


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_load_mini_sizes_and_fields(language):
    sizes = expected_mini_sizes()
    assert sum(sizes.values()) == 64 and all(sizes.values())
    for split, size in sizes.items():
        records = data.load_xlcost(language, split, source="mini")
        assert len(records) == size
        first = records[0]
        assert first["origin"] == "mini" and first["language"] == language
        assert {"text", "code", "source", "task_id", "expected_stdout"} <= set(first)
        assert first["code"] == data.tokenize(first["source"], language)
    assert len(data.load_xlcost(language, "valid", source="mini", limit=2)) == 2


def test_auto_falls_back_to_mini_when_offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.warns(UserWarning, match="mini corpus"):
        records = data.load_xlcost("python", "test", source="auto")
    assert records and {r["origin"] for r in records} == {"mini"}


def test_hub_offline_names_the_alternatives(monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    with pytest.raises(RuntimeError, match="source='mini'.*source='local'"):
        data.load_xlcost("java", "train", source="hub")


class FakeDatasets:
    """Stands in for `datasets`: refuses the loading script, serves the parquet export."""

    def __init__(self):
        self.calls = []

    def load_dataset(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        if kwargs.get("revision") != data.PARQUET_REVISION:
            raise RuntimeError("Dataset scripts are no longer supported, but found "
                               "xlcost-text-to-code.py")
        return [{"text": "Add | Driver code", "code": "int main ( ) { return 0 ; }"}]


def test_hub_falls_back_to_the_parquet_export(monkeypatch):
    fake = FakeDatasets()
    monkeypatch.setitem(sys.modules, "datasets", fake)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setattr(data, "_can_connect", lambda *args: True)  # no network in tests
    records = data.load_xlcost("C++", "val", source="hub")
    assert fake.calls == [
        (("codeparrot/xlcost-text-to-code", "C++-program-level"), {"split": "validation"}),
        (("codeparrot/xlcost-text-to-code",),
         {"data_dir": "C++-program-level", "split": "validation",
          "revision": "refs/convert/parquet"}),
    ]
    assert records[0]["origin"] == "hub" and records[0]["language"] == "cpp"
    assert records[0]["source"] == "int main() {\n    return 0;\n}\n"


def test_auto_uses_the_hub_when_it_answers(monkeypatch):
    fake = FakeDatasets()
    monkeypatch.setitem(sys.modules, "datasets", fake)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setattr(data, "_can_connect", lambda *args: True)
    with pytest.warns(UserWarning, match="Hugging Face Hub"):
        records = data.load_xlcost("java", "train", source="auto", limit=1)
    assert len(records) == 1 and records[0]["origin"] == "hub"


def test_local_layouts(tmp_path):
    rows = [{"text": "Add | Driver code", "code": "print ( 1 + 2 ) NEW_LINE"}]
    for folder in ("python", "Java-program-level"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "test.jsonl").write_text(json.dumps(rows[0]) + "\n")
    records = data.load_xlcost("python", "test", source="local", path=tmp_path)
    assert records[0]["source"] == "print(1 + 2)\n" and records[0]["origin"] == "local"
    assert data.load_xlcost("java", "test", source="auto", path=tmp_path)[0]["origin"] == "local"


def test_local_parquet_export_layout(tmp_path):
    import pandas as pd

    folder = tmp_path / "Javascript-program-level" / "validation"
    folder.mkdir(parents=True)
    rows = [{"text": "Add | Driver code", "code": "document . write ( 1 + 2 ) ;"}]
    pd.DataFrame(rows).to_parquet(folder / "0000.parquet")
    records = data.load_xlcost("js", "dev", source="local", path=tmp_path)
    assert records[0]["source"] == "document.write(1 + 2);\n"
    assert records[0]["split"] == "validation" and records[0]["language"] == "javascript"


@pytest.mark.parametrize("kwargs,error,message", [
    ({"language": "rust", "split": "train"}, ValueError, "python, java, javascript, cpp"),
    ({"language": "python", "split": "dev2"}, ValueError, "train, validation, test"),
    ({"language": "python", "split": "train", "source": "s3"}, ValueError,
     "auto, hub, local, mini"),
    ({"language": "python", "split": "train", "source": "local"}, ValueError, "path="),
    ({"language": "python", "split": "train", "source": "local", "path": "/no/such/dir"},
     FileNotFoundError, "does not exist"),
])
def test_clear_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        data.load_xlcost(**kwargs)


def test_local_folder_without_the_language(tmp_path):
    with pytest.raises(FileNotFoundError, match="python/train.jsonl"):
        data.load_xlcost("python", "train", source="local", path=tmp_path)


# --------------------------------------------------------------------------- the mini corpus


def test_committed_mini_corpus_equals_a_fresh_build(tmp_path):
    counts = data.build_mini_corpus(TASKS, tmp_path)
    assert sum(counts["python"].values()) == 64
    for key in LANGUAGES:
        for split in data.SPLITS:
            fresh = (tmp_path / key / f"{split}.jsonl").read_text(encoding="utf-8")
            committed = data.MINI_DIR / key / f"{split}.jsonl"
            assert committed.is_file(), f"{committed} missing: python -m helpers.data build-mini"
            assert committed.read_text(encoding="utf-8") == fresh, \
                f"{committed} is stale: run python -m helpers.data build-mini"


def test_build_mini_corpus_on_hand_made_tasks(tmp_path):
    sources = {"python": "print(1)\n", "java": "class GFG { public static void main(String[] a) "
               "{ System.out.println(1); } }\n", "javascript": "console.log(1);\n",
               "cpp": "#include <iostream>\nint main() { std::cout << 1 << std::endl; }\n"}
    for task_id, split in (("001_one", "train"), ("002_two", "test")):
        task = tmp_path / "tasks" / task_id
        task.mkdir(parents=True)
        (task / "task.json").write_text(json.dumps(
            {"task_id": task_id, "title": "One", "text": "One | Driver code", "split": split}))
        (task / "expected_stdout.txt").write_text("1\n")
        for key, source in sources.items():
            (task / f"{key}.{LANGUAGES[key].extension}").write_text(source)
    counts = data.build_mini_corpus(tmp_path / "tasks", tmp_path / "out")
    assert counts["cpp"] == {"train": 1, "validation": 0, "test": 1}
    record = json.loads((tmp_path / "out" / "cpp" / "test.jsonl").read_text())
    assert record == {"task_id": "002_two", "text": "One | Driver code",
                      "code": "#include <iostream> NEW_LINE int main ( ) { std :: cout << 1 << "
                              "std :: endl ; }",
                      "source": sources["cpp"], "expected_stdout": "1\n"}


def test_cli_show(capsys):
    data.main(["show", "--language", "java", "--split", "test", "--source", "mini",
               "--limit", "1"])
    out = capsys.readouterr().out
    assert "--- code (xlcost form)" in out and "class" in out


def test_hub_reachability_respects_offline_variables(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "true")
    monkeypatch.setattr(data, "_can_connect", lambda *args: pytest.fail("must not connect"))
    assert data.hub_unreachable_reason() == "HF_HUB_OFFLINE is set"
