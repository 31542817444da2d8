"""helpers.mini_corpus: the committed corpus equals a fresh build, the build on hand-made tasks,
the CLI; and (slow: a few minutes on 2 cores) every program of the corpus runs in the sandbox and
prints its expected output, both as written and after a trip through the xlcost form."""

from __future__ import annotations

import json

import pytest

from helpers import data, execution, mini_corpus, xlcost_codec
from helpers.config import LANGUAGES


def test_committed_mini_corpus_equals_a_fresh_build(tmp_path):
    counts = mini_corpus.build_mini_corpus(mini_corpus.TASKS_DIR, tmp_path)
    assert sum(counts["python"].values()) == 64
    for language in LANGUAGES:
        for split in data.SPLITS:
            fresh = (tmp_path / language / f"{split}.jsonl").read_text(encoding="utf-8")
            committed = mini_corpus.MINI_DIR / language / f"{split}.jsonl"
            assert committed.is_file(), f"{committed} missing: python -m helpers.data build-mini"
            assert committed.read_text(encoding="utf-8") == fresh, (
                f"{committed} is stale: run python -m helpers.data build-mini"
            )


def test_build_mini_corpus_on_hand_made_tasks(tmp_path):
    programs = {
        "python": "print(1)\n",
        "java": "class GFG { public static void main(String[] a) { System.out.println(1); } }\n",
        "javascript": "console.log(1);\n",
        "cpp": "#include <iostream>\nint main() { std::cout << 1 << std::endl; }\n",
    }
    for task_id, split in (("001_one", "train"), ("002_two", "test")):
        task = tmp_path / "tasks" / task_id
        task.mkdir(parents=True)
        (task / "task.json").write_text(
            json.dumps({"task_id": task_id, "title": "One", "text": "One | Driver code", "split": split})
        )
        (task / "expected_stdout.txt").write_text("1\n")
        for language, program in programs.items():
            (task / f"{language}.{LANGUAGES[language].extension}").write_text(program)
    counts = mini_corpus.build_mini_corpus(tmp_path / "tasks", tmp_path / "out")
    assert counts["cpp"] == {"train": 1, "validation": 0, "test": 1}
    record = json.loads((tmp_path / "out" / "cpp" / "test.jsonl").read_text())
    assert record == {
        "task_id": "002_two",
        "text": "One | Driver code",
        "code": "#include <iostream> NEW_LINE int main ( ) { std :: cout << 1 << std :: endl ; }",
        "source": programs["cpp"],
        "expected_stdout": "1\n",
    }


def test_cli_build_mini_through_helpers_data(tmp_path, capsys):
    # `python -m helpers.data build-mini` is what the README and the stale-corpus message name
    data.main(["build-mini", "--tasks", str(mini_corpus.TASKS_DIR), "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["python", "train=48", "validation=8", "test=8"]
    fresh = (tmp_path / "java" / "test.jsonl").read_text(encoding="utf-8")
    assert fresh == (mini_corpus.MINI_DIR / "java" / "test.jsonl").read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        data.main(["show", "--tasks", "x"])  # build-mini's options belong to build-mini only


# --------------------------------------------------------------------------- running the programs


@pytest.mark.slow
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_mini_programs_print_their_expected_output(language):
    records = [r for split in data.SPLITS for r in data.load_xlcost(language, split, "mini")]
    assert len(records) == 64
    round_trip = [xlcost_codec.detokenize(r["code"], language) for r in records]  # code: tokenize(source)
    variants = {"source": [r["source"] for r in records], "detokenize(code)": round_trip}
    jobs = [(source, language) for sources in variants.values() for source in sources]
    results = execution.run_many(jobs)
    failures = []
    for i, result in enumerate(results):
        variant, record = list(variants)[i // len(records)], records[i % len(records)]
        if result.status != "ok" or result.stdout != record["expected_stdout"]:
            why = result.stderr.strip().splitlines()[-1:] if result.status != "ok" else "stdout"
            failures.append(f"{record['task_id']} ({variant}): {result.status} {why}")
    assert not failures, f"{len(failures)} of {len(jobs)} {language} runs failed:\n" + "\n".join(failures)
