"""helpers.stats: bootstrap intervals, paired and not, on hand-made values."""

from __future__ import annotations

import math
import random

import pytest

from helpers import stats


def test_bootstrap_ci_brackets_the_mean_and_repeats():
    values = [0.0, 1.0] * 20
    low, high = stats.bootstrap_ci(values)
    assert low < 0.5 < high and 0.25 < low and high < 0.75
    assert stats.bootstrap_ci(values) == (low, high)  # seeded
    assert stats.bootstrap_ci([3.0] * 5) == (3.0, 3.0)
    assert all(math.isnan(v) for v in stats.bootstrap_ci([]))


def test_paired_bootstrap_of_a_constant_difference_is_that_constant():
    result = stats.paired_bootstrap([1.0, 2.0, 3.0, 4.0], [1.5, 2.5, 3.5, 4.5])
    assert [result["difference"], result["low"], result["high"]] == pytest.approx([0.5] * 3)
    assert result["verdict"] == "higher" and result["pairs"] == 4 and result["resamples"] == 1000
    assert stats.paired_bootstrap([2.0, 3.0], [1.0, 2.0])["verdict"] == "lower"


def test_paired_bootstrap_widens_with_noise_and_repeats_with_its_seed():
    rng = random.Random(3)
    base = [rng.random() for _ in range(40)]
    quiet = [b + 0.1 + rng.gauss(0, 0.01) for b in base]
    noisy = [b + 0.1 + rng.gauss(0, 0.3) for b in base]
    narrow, wide = stats.paired_bootstrap(base, quiet), stats.paired_bootstrap(base, noisy)
    assert narrow["low"] < narrow["difference"] < narrow["high"]
    assert wide["high"] - wide["low"] > 5 * (narrow["high"] - narrow["low"])
    assert narrow["verdict"] == "higher"
    assert stats.paired_bootstrap(base, noisy, seed=0) == wide  # seeded: the same interval again
    assert stats.paired_bootstrap(base, noisy, seed=1) != wide
    # differences of 0 and 1 in equal numbers: the interval holds 0.5 and not 0 or 1
    spread = stats.paired_bootstrap([0.0] * 10, [0.0, 1.0] * 5, seed=1)
    assert spread["low"] < 0.5 < spread["high"] and 0 < spread["low"] and spread["high"] < 1
    assert stats.paired_bootstrap([0.0] * 4, [1.0, -1.0] * 2)["verdict"] == "no clear difference"


def test_paired_bootstrap_with_weights_is_a_weighted_mean_difference():
    # per-example losses with token counts: (1 x 3 + 3 x 1) / 4 = 1.5 and (2 x 3 + 4 x 1) / 4 = 2.5
    result = stats.paired_bootstrap([1.0, 3.0], [2.0, 4.0], weights=[3, 1])
    assert result["difference"] == pytest.approx(1.0) and result["low"] == pytest.approx(1.0)
    assert stats.weighted_mean([1.0, 3.0], [3, 1]) == pytest.approx(1.5)
    assert stats.weighted_mean([1.0, 3.0]) == 2.0


def test_bootstrap_interval_keeps_strata_and_skips_undefined_resamples():
    # two strata of fixed size: resampling within them keeps their counts, so the share of "b" stays 1/2
    labels = ["a"] * 5 + ["b"] * 5
    low, high, used = stats.bootstrap_interval(
        lambda idx: sum(labels[i] == "b" for i in idx) / len(idx), 10, resamples=200, strata=labels
    )
    assert low == high == 0.5 and used == 200
    values = [0.0, 0.0, 1.0]  # a ratio over resamples without a 1 is undefined: left out
    low, high, used = stats.bootstrap_interval(
        lambda idx: 1.0 / sum(values[i] for i in idx) if sum(values[i] for i in idx) else float("nan"), 3
    )
    assert 0 < used < 1000 and 0 < low <= high <= 1.0


def test_bootstrap_statistic_reports_the_value_and_verdict():
    values = [1.0, 2.0, 3.0, 4.0]
    result = stats.bootstrap_statistic(lambda idx: max(values[i] for i in idx), 4, resamples=300)
    assert result["value"] == 4.0 and result["items"] == 4 and result["verdict"] == "higher"
    assert 1.0 <= result["low"] <= result["high"] == 4.0
    against = stats.bootstrap_statistic(
        lambda idx: max(values[i] for i in idx), 4, resamples=300, reference=5.0
    )
    assert against["reference"] == 5.0 and against["verdict"] == "lower"  # the interval lies below 5
    assert "reference" not in stats.paired_bootstrap([0.0, 1.0], [1.0, 2.0])  # read against 0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: stats.paired_bootstrap([1.0], [1.0, 2.0]), "equal lengths"),
        (lambda: stats.paired_bootstrap([1.0, 2.0], [1.0, 2.0], weights=[1.0]), "equal lengths"),
        (lambda: stats.paired_bootstrap([1.0, 2.0], [1.0, 2.0], weights=[1.0, -1.0]), "0 or more"),
        (lambda: stats.paired_bootstrap([1.0], [2.0]), "at least 2 items"),
        (lambda: stats.paired_bootstrap([1.0, 2.0], [1.0, 2.0], level=1.5), "between 0 and 1"),
        (lambda: stats.paired_bootstrap([1.0, 2.0], [1.0, 2.0], resamples=0), "at least 1"),
        (lambda: stats.bootstrap_interval(lambda idx: 0.0, 3, strata=["a"]), "one label per item"),
    ],
)
def test_bad_input_is_one_clear_error(call, message):
    with pytest.raises(ValueError, match=message) as caught:
        call()
    assert "\n" not in str(caught.value)
