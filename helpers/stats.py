"""Small statistics for effect sizes with error bars: seeded bootstrap intervals, paired and not."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Hashable, Sequence


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean; NaN for no values."""
    return sum(values) / len(values) if len(values) else float("nan")


def bootstrap_interval(
    statistic: Callable[[list[int]], float],
    n: int,
    resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
    strata: Sequence[Hashable] | None = None,
) -> tuple[float, float, int]:
    """(low, high, resamples used): percentile interval of `statistic(indices)`, seeded resamples of range(n).

    Each resample draws n indices with replacement, within each stratum when `strata` gives every
    item a label (the design's fixed counts, e.g. tasks per language, are kept); resamples where the
    statistic is not finite (e.g. a ratio over a zero gap) are left out.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}.")
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, got {resamples}.")
    if strata is not None and len(strata) != n:
        raise ValueError(f"strata needs one label per item: {len(strata)} labels for {n} items.")
    if n < 1:
        return float("nan"), float("nan"), 0
    groups = [list(range(n))]
    if strata is not None:
        groups = list({label: [i for i in range(n) if strata[i] == label] for label in strata}.values())
    rng = random.Random(seed)
    values = []
    for _ in range(resamples):
        indices = [group[rng.randrange(len(group))] for group in groups for _ in group]
        value = float(statistic(indices))
        if math.isfinite(value):
            values.append(value)
    if not values:
        return float("nan"), float("nan"), 0
    values.sort()
    low = values[int((1 - level) / 2 * (len(values) - 1))]
    high = values[int((1 + level) / 2 * (len(values) - 1))]
    return low, high, len(values)


def bootstrap_ci(
    values: Sequence[float],
    statistic: Callable[[Sequence[float]], float] = mean,
    resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap interval of `statistic` over `values` (seeded, so it repeats)."""
    low, high, _ = bootstrap_interval(
        lambda indices: statistic([values[i] for i in indices]), len(values), resamples, level, seed
    )
    return low, high


def interval_verdict(low: float, high: float, reference: float = 0.0) -> str:
    """'higher' when the interval lies above `reference`, 'lower' below it, else 'no clear difference'."""
    return "higher" if low > reference else "lower" if high < reference else "no clear difference"


def bootstrap_statistic(
    statistic: Callable[[list[int]], float],
    n: int,
    resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
    strata: Sequence[Hashable] | None = None,
    reference: float = 0.0,
) -> dict:
    """`statistic` of all n items with its seeded percentile bootstrap interval and the interval's
    verdict against `reference` (e.g. chance; `bootstrap_interval` resamples; `statistic` takes a
    list of indices)."""
    if n < 2:
        raise ValueError(f"a bootstrap interval needs at least 2 items, got {n}.")
    low, high, used = bootstrap_interval(statistic, n, resamples, level, seed, strata)
    return {
        "value": float(statistic(list(range(n)))),
        "low": low,
        "high": high,
        "level": level,
        "items": n,
        "resamples": used,
        "reference": reference,
        "verdict": interval_verdict(low, high, reference),
    }


def weighted_mean(values: Sequence[float], weights: Sequence[float] | None = None) -> float:
    """Sum of weight x value over the sum of the weights (plain mean without weights); NaN for none."""
    if weights is None:
        return mean(values)
    total = sum(weights)
    return sum(w * v for v, w in zip(values, weights, strict=True)) / total if total else float("nan")


def paired_bootstrap(
    first: Sequence[float],
    second: Sequence[float],
    weights: Sequence[float] | None = None,
    resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
    strata: Sequence[Hashable] | None = None,
) -> dict:
    """Difference of means, `second` minus `first`, item by item, with a seeded bootstrap interval.

    Items are resampled in pairs (the same task for both). With `weights` (e.g. tokens per example
    for a loss per token) the means are weighted. Returns difference, low, high, level, pairs,
    resamples and verdict ("higher", "lower" or "no clear difference": the interval holds 0).
    """
    if len(first) != len(second) or (weights is not None and len(weights) != len(first)):
        raise ValueError(
            f"paired values need equal lengths, got {len(first)} and {len(second)}"
            + (f" with {len(weights)} weights." if weights is not None else ".")
        )
    if weights is not None and any(w < 0 for w in weights):
        raise ValueError("weights must be 0 or more (e.g. token counts).")

    def difference(indices: list[int]) -> float:
        w = None if weights is None else [weights[i] for i in indices]
        return weighted_mean([second[i] for i in indices], w) - weighted_mean([first[i] for i in indices], w)

    result = bootstrap_statistic(difference, len(first), resamples, level, seed, strata)
    del result["reference"]  # a difference is read against 0
    return {"difference": result.pop("value"), "pairs": result.pop("items"), **result}
