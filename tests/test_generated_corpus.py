"""helpers.generated_corpus and helpers.corpus_templates: the generated parallel corpus.

Fast tier: the committed files equal a fresh build, the schema, varied descriptions, splits by
family, the builder's refusals, and a seeded sample of programs run in the sandbox. Slow tier:
every committed program, and its trip through the xlcost form, prints its expected output."""

from __future__ import annotations

import json
import random
import re

import pytest

from helpers import data, execution
from helpers import generated_corpus as gc
from helpers.config import LANGUAGES
from helpers.corpus_templates import Family, Text, families, java, literal, render, slot_order
from helpers.execution import ExecutionResult
from helpers.runs import read_jsonl

SAMPLE_PER_LANGUAGE = 12


@pytest.fixture(scope="module")
def tasks() -> list[gc.Task]:
    return gc.render_tasks()


def committed(language: str) -> list[dict]:
    """Every committed record of one language, all splits, with its split."""
    return [
        {**row, "split": split}
        for split in gc.SPLITS
        for row in read_jsonl(gc.GENERATED_DIR / language / f"{split}.jsonl")
    ]


def fake_run_many(stdout_of=lambda source, language: "42\n", status="ok"):
    """A stand-in for execution.run_many that prints stdout_of(source, language)."""

    def run_many(jobs, timeout_s=10.0, **kwargs):
        return [ExecutionResult(status, 0, stdout_of(source, language), "", 0.0) for source, language in jobs]

    return run_many


def run_and_compare(rows: list[dict], language: str, round_trips: list[dict] | None = None) -> list[str]:
    """Run each record's source, and the round trip of each of `round_trips` (default: every
    record); describe every run that misprints."""
    round_trips = rows if round_trips is None else round_trips
    jobs = [(row["source"], language, row, "source") for row in rows]
    jobs += [(gc.round_trip(row["source"], language), language, row, "round trip") for row in round_trips]
    results = execution.run_many([(program, lang) for program, lang, _, _ in jobs])
    failures = []
    for (_, _, row, variant), result in zip(jobs, results, strict=True):
        if result.status != "ok" or result.stdout != row["expected_stdout"]:
            failures.append(f"{row['task_id']} ({variant}): {result.status} {result.stderr[-200:]}")
    return failures


# --------------------------------------------------------------------------- templates


def test_literal_per_language():
    assert literal([1, 2], "python") == "[1, 2]" and literal([1, 2], "javascript") == "[1, 2]"
    assert literal([1, 2], "java") == "{1, 2}" and literal([[1], [2]], "cpp") == "{{1}, {2}}"
    assert literal(Text("a b"), "cpp") == '"a b"' and literal("name", "java") == "name"
    with pytest.raises(TypeError, match="booleans"):
        literal(True, "python")


def test_render_known_answer():
    family = Family(
        name="one",
        titles=("Print $n",),
        comments=(("Function to print x",),),
        params=lambda rng: {"fn": "show", "n": 7},
        programs=dict(
            python="@0\ndef $fn(x):\n    print(x)\n\n\n@D\n$fn($n)\n",
            java=java(
                "@0\nstatic void $fn(int x) {\n    System.out.println(x);\n}\n"
                "@D\npublic static void main(String[] args) {\n    $fn($n);\n}"
            ),
            javascript="@0\nfunction $fn(x) {\n    console.log(x);\n}\n@D\n$fn($n);\n",
            cpp="@0\nvoid $fn(int x) {\n    cout << x << endl;\n}\n@D\nint main() {\n    $fn($n);\n}\n",
        ),
    )
    rendered = render(family, random.Random(0))
    assert rendered.text.startswith("Print 7 | Function to print x ; Driver")
    assert rendered.sources["python"].startswith("# Function to print x\ndef show(x):")
    assert "    // Function to print x\n    static void show(int x) {" in rendered.sources["java"]


def test_families_are_well_formed():
    found = families()
    assert len(found) >= 40 and len({f.name for f in found}) == len(found)
    for family in found:
        assert set(family.programs) == set(LANGUAGES), family.name
        slots = {key: slot_order(program) for key, program in family.programs.items()}
        # the description lists the comments in order, so every language must show the same ones
        assert all(order == slots["python"] for order in slots.values()), (family.name, slots)
        assert set(slots["python"]) == {str(i) for i in range(len(family.comments))} | {"D"}
        assert len(family.titles) >= 3, family.name


# --------------------------------------------------------------------------- the build


def test_render_is_deterministic_and_seeded(tasks):
    assert gc.render_tasks() == tasks
    outputs = {t.task_id: "1\n" for t in tasks}
    assert gc.corpus_files(tasks, outputs) == gc.corpus_files(gc.render_tasks(), outputs)
    other = gc.render_tasks(seed=gc.SEED + 1)
    assert [t.text for t in other] != [t.text for t in tasks]


def test_committed_files_equal_a_fresh_build():
    assert gc.stale_files() == [], "stale: run python -m helpers.generated_corpus build"
    assert gc.main(["build", "--check"]) == 0


def test_sizes_and_token_lengths(tasks):
    assert len(tasks) >= 400
    for key in LANGUAGES:
        lengths = gc.token_lengths(tasks, key)
        assert min(lengths) >= 40 and max(lengths) <= 300, key


def test_descriptions_vary_and_do_not_name_the_language(tasks):
    texts = [t.text for t in tasks]
    assert len(set(texts)) == len(texts)
    names = re.compile(r"\b(python|java|javascript|c\+\+|cpp)\b", re.IGNORECASE)
    assert not [t for t in texts if names.search(t)]
    by_family: dict[str, set[str]] = {}
    for task in tasks:
        by_family.setdefault(task.family, set()).add(task.text.split(" | ")[0])
    assert all(len(titles) >= 2 for titles in by_family.values()), by_family


def test_schema_matches_the_mini_corpus():
    mini_keys = set(read_jsonl(gc.MINI_TASKS.parent / "python" / "train.jsonl")[0])
    for key in LANGUAGES:
        rows = committed(key)
        assert rows
        for row in rows:
            assert set(row) - {"split"} == mini_keys | {"generated", "family"}
            assert row["generated"] is True and row["task_id"].startswith(f"gen_{row['family']}_")
            assert row["code"] == data.tokenize(row["source"], key)
            assert row["expected_stdout"].strip() and row["text"]
        loaded = data.load_xlcost(key, "validation", "local", path=gc.GENERATED_DIR)
        assert len(loaded) == sum(r["split"] == "validation" for r in rows)


def test_parallel_across_languages():
    by_language = {key: {r["task_id"]: r for r in committed(key)} for key in LANGUAGES}
    ids = set(by_language["python"])
    for key, rows in by_language.items():
        assert set(rows) == ids, key
        for task_id, row in rows.items():
            python = by_language["python"][task_id]
            assert (row["text"], row["split"], row["expected_stdout"]) == (
                python["text"],
                python["split"],
                python["expected_stdout"],
            )


def test_families_never_cross_splits():
    manifest = json.loads((gc.GENERATED_DIR / gc.MANIFEST).read_text(encoding="utf-8"))
    for key in LANGUAGES:
        splits: dict[str, set[str]] = {}
        for row in committed(key):
            splits.setdefault(row["family"], set()).add(row["split"])
        assert all(len(s) == 1 for s in splits.values())
        assert {f: s.pop() for f, s in splits.items()} == {
            f: split for split, names in manifest["families_per_split"].items() for f in names
        }
        assert manifest["counts"][key] == {
            split: sum(r["split"] == split for r in committed(key)) for split in gc.SPLITS
        }
    assert all(manifest["families_per_split"][split] for split in gc.SPLITS)
    assert (manifest["seed"], manifest["template_version"]) == (gc.SEED, gc.TEMPLATE_VERSION)


def test_family_splits_hold_out_whole_families():
    names = [f"family_{i}" for i in range(40)]
    splits = gc.family_splits(names, seed=3)
    assert splits == gc.family_splits(list(reversed(names)), seed=3)
    assert [list(splits.values()).count(s) for s in gc.SPLITS] == [32, 4, 4]
    pinned = {"family_0": "test", "family_1": "test", "family_2": "train", "family_3": "validation"}
    splits = gc.family_splits(names, seed=3, pinned=pinned)
    assert {name: splits[name] for name in pinned} == pinned
    assert [list(splits.values()).count(s) for s in gc.SPLITS] == [32, 4, 4]


def test_mini_neighbours_follow_their_mini_task():
    names = {f.name for f in families()}
    mini = gc.mini_splits()
    assert len(mini) == 64 and set(gc.MINI_NEIGHBOURS) <= names
    assert set(gc.MINI_NEIGHBOURS.values()) <= set(mini)
    manifest = json.loads((gc.GENERATED_DIR / gc.MANIFEST).read_text(encoding="utf-8"))
    split_of = {f: split for split, fs in manifest["families_per_split"].items() for f in fs}
    for family, task_id in gc.MINI_NEIGHBOURS.items():
        assert split_of[family] == mini[task_id], (family, task_id)


# --------------------------------------------------------------------------- refusals


def test_builder_refuses_disagreeing_outputs(monkeypatch, tmp_path):
    tasks = gc.render_tasks(variants=1)
    wrong = tasks[3]
    monkeypatch.setattr(
        execution,
        "run_many",
        fake_run_many(
            lambda source, language: (
                "7\n"
                if language == "cpp"
                and source in (wrong.sources["cpp"], gc.round_trip(wrong.sources["cpp"], "cpp"))
                else "6\n"
            )
        ),
    )
    with pytest.raises(
        gc.CorpusError,
        match=rf"1 of {len(tasks)} tasks refused:\n"
        rf"{wrong.task_id}: .*cpp source.*printed '7\\n'",
    ):
        gc.build(tmp_path, variants=1)
    assert not list(tmp_path.iterdir())


def test_builder_refuses_a_round_trip_that_does_not_run(monkeypatch, tasks):
    target = gc.round_trip(tasks[0].sources["java"], "java")
    monkeypatch.setattr(
        execution,
        "run_many",
        lambda jobs, **kw: [
            ExecutionResult(
                "compile_error" if source == target else "ok",
                1,
                "" if source == target else "6\n",
                "error: boom",
                0.0,
            )
            for source, _ in jobs
        ],
    )
    with pytest.raises(gc.CorpusError, match=rf"{tasks[0].task_id}: java round trip: compile_error"):
        gc.run_tasks(tasks[:2])


def test_builder_refuses_empty_output(monkeypatch, tasks):
    monkeypatch.setattr(execution, "run_many", fake_run_many(lambda source, language: ""))
    with pytest.raises(gc.CorpusError, match="printed ''"):
        gc.run_tasks(tasks[:1])


def test_build_writes_every_file_atomically(monkeypatch, tmp_path):
    monkeypatch.setattr(execution, "run_many", fake_run_many())
    counts = gc.build(tmp_path, variants=2)
    assert sum(counts["java"].values()) == 2 * len(families())
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == sorted([gc.MANIFEST] + [f"{k}/{s}.jsonl" for k in LANGUAGES for s in gc.SPLITS])
    assert gc.stale_files(tmp_path, variants=2) == []
    (tmp_path / "cpp" / "test.jsonl").write_text("", encoding="utf-8")
    assert gc.stale_files(tmp_path, variants=2) == ["cpp/test.jsonl"]


# --------------------------------------------------------------------------- running


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_seeded_sample_prints_its_expected_output(language):
    rows = random.Random(f"{gc.SEED}:{language}").sample(committed(language), SAMPLE_PER_LANGUAGE)
    failures = run_and_compare(rows, language)
    assert not failures, "\n".join(failures)


@pytest.mark.slow
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_program_prints_its_expected_output(language):
    # every program; the round trips of a seeded quarter (the build runs all of them, and the
    # fast tier compares the committed files with a fresh build), to keep make test short
    rows = committed(language)
    sample = random.Random(1).sample(rows, len(rows) // 4)
    failures = run_and_compare(rows, language, sample)
    assert not failures, f"{len(failures)} of {len(rows) + len(sample)} runs failed:\n" + "\n".join(failures)


def test_reuse_runs_only_the_changed_tasks(monkeypatch, tmp_path):
    monkeypatch.setattr(execution, "run_many", fake_run_many())
    gc.build(tmp_path, variants=1)
    seen: list[tuple[str, str]] = []

    def recording(jobs, **kwargs):
        seen.extend(jobs)
        return fake_run_many()(jobs)

    monkeypatch.setattr(execution, "run_many", recording)
    gc.build(tmp_path, variants=1, reuse=True)
    assert seen == []
    gc.build(tmp_path, variants=2, reuse=True)  # one new variant per family
    assert len(seen) == len(families()) * 8
    assert gc.stale_files(tmp_path, variants=2) == []
