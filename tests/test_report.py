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


def test_interval_and_effect_from_bootstrap_results():
    from helpers import stats

    rose = stats.paired_bootstrap([0.0, 0.0, 0.0], [0.1, 0.1, 0.1])
    assert report.interval(rose) == "+0.100 (95% interval +0.100 to +0.100)"
    assert report.effect(rose, higher="the expert scores higher") == "the expert scores higher"
    assert report.effect(stats.paired_bootstrap([1.0, 1.0], [0.0, 0.0])) == "clearly lower"
    unclear = stats.paired_bootstrap([0.0] * 4, [1.0, -1.0] * 2)
    assert report.effect(unclear) == "no clear effect (the interval includes 0)"
    assert report.paired(rose, "test tasks", "the expert is higher") == (
        "+0.100 (95% interval +0.100 to +0.100) over 3 paired test tasks: the expert is higher"
    )
    share = {"value": 0.625, "low": 0.5, "high": 0.75, "level": 0.9}
    assert report.interval(share, as_share=True) == "62% (90% interval 50% to 75%)"
    points = {"difference": 0.25, "low": -0.05, "high": 0.5, "level": 0.95}
    assert report.interval(points, as_share=True) == "+25 points (95% interval -5 points to +50 points)"
    assert report.interval({"value": float("nan"), "low": 0.1, "high": 0.2, "level": 0.95}) == (
        "n/a (95% interval 0.100 to 0.200)"
    )
