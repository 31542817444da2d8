"""The table style: rounding, integers, readable names, all-zero rows, whole programs side by side."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import table_style


@pytest.mark.parametrize(
    ("value", "integer", "text"),
    [
        (0.015625, False, "0.016"),
        (7.700999, False, "7.701"),
        (1115008.0, False, "1,115,008"),  # a count stored as a float
        (1115008, False, "1,115,008"),
        (np.int64(48), False, "48"),
        (1.0, False, "1.000"),  # a share of 1 in a column of shares
        (1.0, True, "1"),  # in a column of whole numbers
        (0.0, False, "0.000"),
        (-0.0, False, "0.000"),  # a trimmed negative weight: no minus sign on zero
        (4.5e-8, False, "4.5e-08"),  # tiny but not zero: not shown as 0.000
        (-0.0004, False, "-4.0e-04"),
        (0.0005, False, "5.0e-04"),  # a threshold: not rounded up to 0.001
        (0.001, False, "0.001"),
        (float("nan"), False, "–"),
        (None, False, "–"),
        (True, False, "True"),
        ("ties", False, "ties"),
        ([0.6399999856948853, 0.23000000417232513], False, "[0.640, 0.230]"),  # float32 noise in a list
        ((0, 1), False, "[0, 1]"),
    ],
)
def test_cell_text(value, integer, text):
    assert table_style.cell_text(value, integer) == text


def test_show_rounds_names_and_keeps_whole_columns_whole():
    frame = pd.DataFrame(
        {"total": [1115008.0, 2230016.0], "tokens_per_s": [7.700999, 12.5], "my_col": [3.0, 4.0]},
        index=pd.Index(["base", "moe"], name="system"),
    )
    shown = table_style.show(frame, names={"my_col": "mine"})
    assert list(shown.columns) == ["parameters (total)", "tokens per second", "mine"]
    assert shown.loc["moe"].tolist() == ["2,230,016", "12.500", "4"]
    assert shown.index.name == "system"
    assert frame.loc["moe", "total"] == 2230016.0  # the original is untouched


def test_show_renames_index_and_multiindex_levels():
    frame = pd.DataFrame(
        {("published", "python"): [0.1234], ("codebleu_corrected", "python"): [0.5]},
        index=["val_loss"],
    )
    shown = table_style.show(frame)
    assert list(shown.columns) == [("published", "python"), ("CodeBLEU (corrected)", "python")]
    assert list(shown.index) == ["validation loss (nats per token)"]
    assert shown.iloc[0].tolist() == ["0.123", "0.500"]


def test_show_takes_a_series_and_a_mapping():
    assert table_style.show(pd.Series({"python": 0.25}, name="share")).loc["python", "share"] == "0.250"
    assert table_style.show({"a": 2, "b": 0.5}).loc[:, "value"].tolist() == ["2", "0.500"]


def test_zero_rows_are_summarised_with_their_labels():
    frame = pd.DataFrame(
        {"python": [0.0, 0.5, 0.0, 0.0], "java": [0.0, 0.25, 0.0, 0.0]},
        index=pd.MultiIndex.from_tuples(
            [("moe", "a"), ("ties", "b"), ("base", "c"), ("oracle", "d")], names=["system", "run"]
        ),
    )
    shown = table_style.show(frame, zero_rows="summarise")
    assert list(shown.index) == ["ties/b", "all 0 (3 rows): moe/a, base/c, oracle/d"]
    assert shown.index.name == "system/run"
    assert shown.iloc[1].tolist() == ["0.000", "0.000"]
    # one zero row is not worth a summary, and rows with text are never folded
    one = pd.DataFrame({"x": [0.0, 1.5]}, index=["a", "b"])
    assert list(table_style.show(one, zero_rows="summarise").index) == ["a", "b"]
    text = pd.DataFrame({"x": [0.0, 0.0], "note": ["", ""]}, index=["a", "b"])
    assert list(table_style.show(text, zero_rows="summarise").index) == ["a", "b"]


def test_a_table_of_zeros_becomes_one_row():
    frame = pd.DataFrame(np.zeros((40, 4)), columns=["python", "java", "javascript", "cpp"])
    shown = table_style.show(frame, zero_rows="summarise")
    assert shown.shape == (1, 4) and shown.index[0].startswith("all 0 (40 rows): 0, 1, 2")


def test_bad_arguments_are_clear():
    with pytest.raises(ValueError, match="keep"):
        table_style.show(pd.DataFrame({"x": [1]}), zero_rows="drop")
    with pytest.raises(ValueError, match="DataFrame"):
        table_style.show([1, 2])
    with pytest.raises(ValueError, match="at least one row"):
        table_style.programs_html({})


def test_programs_html_shows_whole_programs_escaped():
    program = "def f(x):\n    return x < 2  # " + "y" * 120 + "\n"
    page = table_style.programs_html({"python": {"reference": program, "prediction": ""}}, caption="one task")
    assert "def f(x):\n    return x &lt; 2" in page  # line breaks kept, HTML escaped
    assert "y" * 120 in page  # nothing cut
    assert "\\n" not in page  # no literal backslash-n
    assert "(empty)" in page and "<caption>one task</caption>" in page
    assert page.count("<pre") == 2 and "<th" in page and "python" in page


def test_programs_html_without_row_labels_and_missing_cells():
    page = table_style.programs_html({"first": {"a": "x = 1"}, "second": {"b": "y = 2"}})
    assert page.count("<pre") == 4 and page.count("(none)") == 2  # each row lacks one column
    unlabelled = table_style.programs_html({"": {"a": "x = 1", "b": "y"}})
    assert "<th></th>" not in unlabelled and unlabelled.count("<th") == 2
