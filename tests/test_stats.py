"""helpers.stats: paired differences and bootstrap intervals on hand-made values."""

from __future__ import annotations

import math

import pytest

from helpers import stats


def test_paired_difference_known_values():
    result = stats.paired_difference([1.0, 2.0, 3.0], [0.0, 1.0, 2.5])
    assert result["difference"] == pytest.approx(-5 / 6)
    # differences -1, -1, -0.5: sample sd = sqrt(1/12), se = sd / sqrt(3)
    assert result["se"] == pytest.approx(math.sqrt(1 / 12) / math.sqrt(3))
    assert result["verdict"] == "lower" and result["pairs"] == 3


def test_paired_difference_no_clear_difference_and_higher():
    assert stats.paired_difference([0, 0, 0, 0], [1, -1, 1, -1])["verdict"] == "no clear difference"
    assert stats.paired_difference([0, 0, 0], [1, 1.1, 0.9])["verdict"] == "higher"
    with pytest.raises(ValueError, match="equal lengths"):
        stats.paired_difference([1, 2], [1])
    with pytest.raises(ValueError, match="at least 2"):
        stats.paired_difference([1], [1])


def test_bootstrap_ci_brackets_the_mean_and_repeats():
    values = [0.0, 1.0] * 20
    low, high = stats.bootstrap_ci(values)
    assert low < 0.5 < high and 0.25 < low and high < 0.75
    assert stats.bootstrap_ci(values) == (low, high)  # seeded
    assert stats.bootstrap_ci([3.0] * 5) == (3.0, 3.0)
    assert all(math.isnan(v) for v in stats.bootstrap_ci([]))
