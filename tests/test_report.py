"""helpers.report: numbers and sentences for computed summaries (known answers)."""

from __future__ import annotations

from helpers import report


def test_number_and_share():
    assert report.number(0.123456) == "0.123" and report.number(1115008) == "1,115,008"
    assert report.number(float("nan")) == "n/a" and report.number(3) == "3"
    assert report.number(1234.0) == "1,234" and report.number(2.5, 1) == "2.5"
    assert report.share(0.625) == "62%" and report.share(float("nan")) == "n/a"


def test_span_direction_and_lists():
    assert report.span([0.2, 0.05, 0.141]) == "0.050–0.200"
    assert report.span([0.5]) == "0.500" and report.span([]) == "n/a"
    assert report.span([0.0, 0.625], as_share=True) == "0%–62%"
    assert report.direction(1.0, 2.0) == "rose" and report.direction(2.0, 1.0) == "fell"
    assert report.direction(1.0, 1.001, tolerance=0.01) == "stayed the same"
    assert report.per_language({"python": 0.5, "java": 1.0}, as_share=True) == "python 50%, java 100%"
    assert report.count_where({"a": 0.6, "b": 0.4}, lambda v: v >= 0.5) == (1, 2)
    assert report.bullets(["one", "two"]) == "- one\n- two"
