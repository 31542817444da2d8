"""Sentences from a run's numbers: the building blocks of every notebook's computed Summary, so that
what the prose says cannot drift from what the run measured."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping


def number(value: float, digits: int = 3) -> str:
    """A value for prose: integers as integers, floats rounded, NaN as 'n/a'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or float(value).is_integer() and abs(value) >= 1000:
        return f"{int(value):,}"
    return f"{value:.{digits}f}"


def share(value: float) -> str:
    """A share in [0, 1] as a percentage: 0.625 -> '62%'."""
    return "n/a" if value is None or math.isnan(value) else f"{100 * value:.0f}%"


def span(values: Iterable[float], digits: int = 3, as_share: bool = False) -> str:
    """The range of some values: '0.020–0.141', or '0%–62%' as shares (one value: that value)."""
    values = [v for v in values if v is not None and not math.isnan(v)]
    if not values:
        return "n/a"
    shown = share if as_share else (lambda v: number(v, digits))
    low, high = min(values), max(values)
    return shown(low) if low == high else f"{shown(low)}–{shown(high)}"


def direction(before: float, after: float, tolerance: float = 0.0) -> str:
    """'rose', 'fell' or 'stayed the same' (within `tolerance`), from `before` to `after`."""
    if after > before + tolerance:
        return "rose"
    if after < before - tolerance:
        return "fell"
    return "stayed the same"


def per_language(values: Mapping[str, float], digits: int = 3, as_share: bool = False) -> str:
    """'python 0.057, java 0.071, …' in the mapping's order."""
    shown = share if as_share else (lambda v: number(v, digits))
    return ", ".join(f"{language} {shown(value)}" for language, value in values.items())


def count_where(values: Mapping[str, float], predicate) -> tuple[int, int]:
    """(how many values satisfy `predicate`, how many there are)."""
    return sum(bool(predicate(v)) for v in values.values()), len(values)


def interval(result: Mapping, digits: int = 3, as_share: bool = False) -> str:
    """'+0.012 (95% interval -0.010 to +0.030)' from a helpers.stats bootstrap result: signed for a
    paired difference (`difference`), plain for a statistic (`value`); as shares in percent (points)."""
    signed = "difference" in result
    value = result["difference"] if signed else result["value"]

    def shown(v: float) -> str:
        if v is None or math.isnan(v):
            return "n/a"
        if as_share:
            return f"{100 * v:+.0f} points" if signed else share(v)
        return f"{v:+.{digits}f}" if signed else number(v, digits)

    level = f"{100 * result['level']:.0f}%"
    return f"{shown(value)} ({level} interval {shown(result['low'])} to {shown(result['high'])})"


def effect(result: Mapping, higher: str = "clearly higher", lower: str = "clearly lower") -> str:
    """`higher` or `lower` when a bootstrap result's interval excludes 0, else 'no clear effect'."""
    verdicts = {"higher": higher, "lower": lower}
    return verdicts.get(result["verdict"], "no clear effect (the interval includes 0)")


def paired(
    result: Mapping,
    unit: str,
    higher: str = "clearly higher",
    lower: str = "clearly lower",
    as_share: bool = False,
) -> str:
    """'+0.012 (95% interval -0.010 to +0.030) over 16 paired <unit>: <effect>' of a paired result."""
    shown = interval(result, as_share=as_share)
    return f"{shown} over {result['pairs']} paired {unit}: {effect(result, higher, lower)}"


def bullets(lines: Iterable[str]) -> str:
    """Markdown bullet list (display it with IPython.display.Markdown)."""
    return "\n".join(f"- {line}" for line in lines)
