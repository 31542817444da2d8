"""Small statistics for effect sizes with error bars: paired differences and bootstrap intervals."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean; NaN for no values."""
    return sum(values) / len(values) if len(values) else float("nan")


def paired_difference(first: Sequence[float], second: Sequence[float], z: float = 2.0) -> dict:
    """Mean and standard error of `second - first`, pair by pair, and a verdict on its sign.

    The verdict is "lower" (second below first) or "higher" only when the mean difference is
    more than `z` standard errors from 0, else "no clear difference".
    """
    if len(first) != len(second):
        raise ValueError(f"paired values need equal lengths, got {len(first)} and {len(second)}.")
    diffs = [b - a for a, b in zip(first, second, strict=True)]
    n = len(diffs)
    if n < 2:
        raise ValueError(f"a paired difference needs at least 2 pairs, got {n}.")
    diff = mean(diffs)
    se = math.sqrt(sum((d - diff) ** 2 for d in diffs) / (n - 1)) / math.sqrt(n)
    verdict = "lower" if diff + z * se < 0 else "higher" if diff - z * se > 0 else "no clear difference"
    return {"difference": diff, "se": se, "z": z, "pairs": n, "verdict": verdict}


def bootstrap_ci(
    values: Sequence[float],
    statistic: Callable[[Sequence[float]], float] = mean,
    resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap interval of `statistic` over `values` (seeded, so it repeats)."""
    if not len(values):
        return float("nan"), float("nan")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}.")
    rng = random.Random(seed)
    n = len(values)
    stats = sorted(statistic([values[rng.randrange(n)] for _ in range(n)]) for _ in range(resamples))
    low = stats[int((1 - level) / 2 * (resamples - 1))]
    high = stats[int((1 + level) / 2 * (resamples - 1))]
    return low, high
