"""helpers.data: loading xlcost from the Hub, a local folder or the mini corpus (fast tests)."""

from __future__ import annotations

import json
import sys

import pytest

from helpers import data, xlcost_codec
from helpers.config import LANGUAGES
from helpers.mini_corpus import TASKS_DIR


def expected_mini_sizes() -> dict[str, int]:
    sizes = {split: 0 for split in data.SPLITS}
    for task in TASKS_DIR.glob("*/task.json"):
        sizes[json.loads(task.read_text(encoding="utf-8"))["split"]] += 1
    return sizes


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_load_mini_sizes_and_fields(language):
    sizes = expected_mini_sizes()
    assert sum(sizes.values()) == 64 and all(sizes.values())
    for split, size in sizes.items():
        records = data.load_xlcost(language, split, data_source="mini")
        assert len(records) == size
        first = records[0]
        assert first["origin"] == "mini" and first["language"] == language
        assert {"text", "code", "source", "task_id", "expected_stdout"} <= set(first)
        assert first["code"] == xlcost_codec.tokenize(first["source"], language)
    assert len(data.load_xlcost(language, "valid", data_source="mini", limit=2)) == 2


def test_data_source_keyword_positional_and_the_older_source_alias():
    by_keyword = data.load_xlcost("java", "test", data_source="mini", limit=2)
    assert by_keyword == data.load_xlcost("java", "test", "mini", limit=2)
    assert by_keyword == data.load_xlcost("java", "test", source="mini", limit=2)  # users' scripts
    assert [r["origin"] for r in by_keyword] == ["mini", "mini"]
    with pytest.raises(ValueError, match="auto, hub, local, mini"):
        data.load_xlcost("java", "test", source="s3")


def test_tokenize_and_detokenize_stay_public_here():
    assert data.tokenize is xlcost_codec.tokenize and data.detokenize is xlcost_codec.detokenize
    assert data.tokenize("x = 1\n", "python") == "x = 1 NEW_LINE"


def test_auto_falls_back_to_mini_when_offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.warns(UserWarning, match="mini corpus"):
        records = data.load_xlcost("python", "test", data_source="auto")
    assert records and {r["origin"] for r in records} == {"mini"}


def test_hub_offline_names_the_alternatives(monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    with pytest.raises(RuntimeError, match="data_source='mini'.*data_source='local'"):
        data.load_xlcost("java", "train", data_source="hub")


class FakeDatasets:
    """Stands in for `datasets`: refuses the loading script, serves the parquet export."""

    def __init__(self):
        self.calls = []

    def load_dataset(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        if kwargs.get("revision") != data.PARQUET_REVISION:
            raise RuntimeError("Dataset scripts are no longer supported, but found xlcost-text-to-code.py")
        return [{"text": "Add | Driver code", "code": "int main ( ) { return 0 ; }"}]


def test_hub_falls_back_to_the_parquet_export(monkeypatch):
    fake = FakeDatasets()
    monkeypatch.setitem(sys.modules, "datasets", fake)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setattr(data, "_can_connect", lambda *args: True)  # no network in tests
    records = data.load_xlcost("C++", "val", data_source="hub")
    assert fake.calls == [
        (("codeparrot/xlcost-text-to-code", "C++-program-level"), {"split": "validation"}),
        (
            ("codeparrot/xlcost-text-to-code",),
            {"data_dir": "C++-program-level", "split": "validation", "revision": "refs/convert/parquet"},
        ),
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
        records = data.load_xlcost("java", "train", data_source="auto", limit=1)
    assert len(records) == 1 and records[0]["origin"] == "hub"


def test_local_layouts(tmp_path):
    rows = [{"text": "Add | Driver code", "code": "print ( 1 + 2 ) NEW_LINE"}]
    for folder in ("python", "Java-program-level"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "test.jsonl").write_text(json.dumps(rows[0]) + "\n")
    records = data.load_xlcost("python", "test", data_source="local", path=tmp_path)
    assert records[0]["source"] == "print(1 + 2)\n" and records[0]["origin"] == "local"
    assert data.load_xlcost("java", "test", data_source="auto", path=tmp_path)[0]["origin"] == "local"


def test_local_parquet_export_layout(tmp_path):
    import pandas as pd

    folder = tmp_path / "Javascript-program-level" / "validation"
    folder.mkdir(parents=True)
    rows = [{"text": "Add | Driver code", "code": "document . write ( 1 + 2 ) ;"}]
    pd.DataFrame(rows).to_parquet(folder / "0000.parquet")
    records = data.load_xlcost("js", "dev", data_source="local", path=tmp_path)
    assert records[0]["source"] == "document.write(1 + 2);\n"
    assert records[0]["split"] == "validation" and records[0]["language"] == "javascript"


@pytest.mark.parametrize(
    "kwargs,error,message",
    [
        ({"language": "rust", "split": "train"}, ValueError, "python, java, javascript, cpp"),
        ({"language": "python", "split": "dev2"}, ValueError, "train, validation, test"),
        ({"language": "python", "split": "train", "data_source": "s3"}, ValueError, "auto, hub, local, mini"),
        ({"language": "python", "split": "train", "data_source": "local"}, ValueError, "path="),
        (
            {"language": "python", "split": "train", "data_source": "local", "path": "/no/such/dir"},
            FileNotFoundError,
            "does not exist",
        ),
    ],
)
def test_clear_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        data.load_xlcost(**kwargs)


@pytest.mark.parametrize(
    "row,field,found",
    [
        ({"text": "Add"}, "code", "missing"),
        ({"code": "print ( 1 ) NEW_LINE"}, "text", "missing"),
        ({"text": "Add", "code": None}, "code", "null"),
        ({"text": ["Add"], "code": "print ( 1 ) NEW_LINE"}, "text", "a list"),
        ({"text": "Add", "code": 12}, "code", "an int"),
    ],
)
def test_local_row_without_string_text_or_code_names_file_line_and_field(tmp_path, row, field, found):
    good = {"text": "Add | Driver code", "code": "print ( 1 + 2 ) NEW_LINE"}
    (tmp_path / "python").mkdir()
    file = tmp_path / "python" / "test.jsonl"
    # line 3 is the bad row: the blank line 2 counts, as in an editor
    file.write_text(json.dumps(good) + "\n\n" + json.dumps(row) + "\n" + json.dumps(good) + "\n")
    with pytest.raises(ValueError) as error:
        data.load_xlcost("python", "test", data_source="local", path=tmp_path)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{file}, line 3: field '{field}' is {found};")
    assert "'text' and 'code'" in message and "strings" in message


def test_local_parquet_row_without_string_code_names_the_row(tmp_path):
    import pandas as pd

    folder = tmp_path / "Python-program-level" / "test"
    folder.mkdir(parents=True)
    pd.DataFrame([{"text": "Add", "code": "x = 1"}, {"text": "Sub", "code": None}]).to_parquet(
        folder / "0000.parquet"
    )
    with pytest.raises(ValueError, match=r"0000\.parquet, row 2: field 'code' is null;"):
        data.load_xlcost("python", "test", data_source="local", path=tmp_path)


def test_local_folder_without_the_language(tmp_path):
    with pytest.raises(FileNotFoundError, match="python/train.jsonl"):
        data.load_xlcost("python", "train", data_source="local", path=tmp_path)


def test_cli_show(capsys):
    data.main(["show", "--language", "java", "--split", "test", "--source", "mini", "--limit", "1"])
    out = capsys.readouterr().out
    assert "--- code (xlcost form)" in out and "class" in out
    data.main(["show", "--language", "java", "--split", "test", "--data-source", "mini", "--limit", "1"])
    assert capsys.readouterr().out == out


def test_hub_reachability_respects_offline_variables(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "true")
    monkeypatch.setattr(data, "_can_connect", lambda *args: pytest.fail("must not connect"))
    assert data.hub_unreachable_reason() == "HF_HUB_OFFLINE is set"


@pytest.mark.parametrize("split", data.SPLITS)
def test_mini_plus_generated_is_the_mini_corpus_then_the_generated_one(split):
    mini = data.load_xlcost("cpp", split, data_source="mini")
    both = data.load_xlcost("cpp", split, data_source="mini+generated")
    generated = [r for r in both if r["subset"] == "generated"]
    assert [r["task_id"] for r in both[: len(mini)]] == [r["task_id"] for r in mini]
    assert {r["subset"] for r in both[: len(mini)]} == {"hand-written"}
    assert len(generated) == len(both) - len(mini) >= 50
    assert all(r["task_id"].startswith("gen_") and r["origin"] == "mini+generated" for r in generated)
    assert {r["subset"] for r in mini} == {"hand-written"}  # the bundled corpus names its subset too


def test_mini_plus_generated_limit_bounds_each_subset():
    records = data.load_xlcost("python", "test", data_source="mini+generated", limit=3)
    assert [r["subset"] for r in records] == ["hand-written"] * 3 + ["generated"] * 3
