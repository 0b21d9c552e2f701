"""Which way a dyad's relations are heading: trend, verdict and change points of a per-period index.

Pure arithmetic on the series ``series.dyad_series`` returns (no SQL; the full rules are in
``docs/analytics.md``):

* trend = Theil–Sen slope of the per-period index against time in years, with its 95% interval;
* verdict and change points: see :func:`verdict` and :func:`change_points`.

Import the public names from ``detente.analytics``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

VERDICTS = ("improving", "deteriorating", "stable", "insufficient")
MARGIN = 0.5        # index points: the least half-vs-half difference or change point that counts
MIN_EVENTS = 3      # fewer units in the window: verdict "insufficient"
MIN_PERIODS = 2     # fewer periods with events: no trend, verdict "insufficient"
INTERVAL_PERIODS = 4  # the slope's 95% interval decides only from this many periods on


@dataclass(frozen=True)
class Trend:
    """Theil–Sen slope of the per-period index, in index points per year, with its 95% interval."""

    slope: float
    low: float
    high: float
    intercept: float  # the fitted index at the first period
    periods: int


@dataclass(frozen=True)
class ChangePoint:
    """The period where the index shifts: mean of the segment before and of the segment from here."""

    period: date
    before: float
    after: float

    @property
    def shift(self) -> float:
        return self.after - self.before


def fit_trend(series: pd.DataFrame) -> Trend | None:
    """Theil–Sen slope of ``series["index"]`` against ``series["period"]`` in years.

    None when the evidence is insufficient: fewer than 2 periods or fewer than 3 events in all.
    """
    return _fit_trend([_as_date(p) for p in series["period"]], series["index"].to_numpy(dtype=float),
                      events=int(series["events"].sum()))


def _fit_trend(periods: list[date], values: np.ndarray, *, events: int) -> Trend | None:
    if len(periods) < MIN_PERIODS or events < MIN_EVENTS:
        return None
    from scipy.stats import theilslopes

    fit = theilslopes(values, _years(periods), alpha=0.95)
    return Trend(slope=float(fit.slope), low=float(fit.low_slope), high=float(fit.high_slope),
                 intercept=float(fit.intercept), periods=len(periods))


def half_shift(values: list[float]) -> float:
    """Mean of the later half minus mean of the earlier half (the middle value of an odd count is left out)."""
    half = len(values) // 2
    if half == 0:
        return 0.0
    return float(np.mean(values[-half:]) - np.mean(values[:half]))


def verdict(values: list[float], trend: Trend | None, *, events: int, margin: float = MARGIN) -> str:
    """``improving``, ``deteriorating``, ``stable`` or ``insufficient`` for per-period index ``values``.

    insufficient: fewer than 2 periods with events, or fewer than 3 events in all.
    improving: slope > 0 and either the slope's 95% interval is above 0 (counted only from 4 periods
    on) or the later half's mean index exceeds the earlier half's by more than ``margin``.
    deteriorating: the mirror image. stable: anything else.
    """
    if trend is None or len(values) < MIN_PERIODS or events < MIN_EVENTS:
        return "insufficient"
    interval = len(values) >= INTERVAL_PERIODS
    shift = half_shift(values)
    if trend.slope > 0 and ((interval and trend.low > 0) or shift > margin):
        return "improving"
    if trend.slope < 0 and ((interval and trend.high < 0) or shift < -margin):
        return "deteriorating"
    return "stable"


def change_points(series: pd.DataFrame, *, min_segment: int = 2, margin: float = MARGIN) -> list[ChangePoint]:
    """Shifts in the per-period index found by binary segmentation.

    Split the series where the difference between the two sides' mean index is largest, each side
    at least ``min_segment`` periods long; keep the split when that difference exceeds ``margin`` and
    look for further splits inside both sides.
    """
    values = series["index"].to_numpy(dtype=float)
    cuts = sorted(_segment(values, 0, len(values), min_segment=min_segment, margin=margin))
    bounds = [0, *cuts, len(values)]
    periods = list(series["period"])
    return [ChangePoint(period=_as_date(periods[cut]), before=float(values[bounds[i]:cut].mean()),
                        after=float(values[cut:bounds[i + 2]].mean()))
            for i, cut in enumerate(cuts)]


def _segment(values: np.ndarray, start: int, stop: int, *, min_segment: int, margin: float) -> list[int]:
    best = _best_split(values[start:stop], min_segment)
    if best is None or abs(best[1]) <= margin:
        return []
    cut = start + best[0]
    return [*_segment(values, start, cut, min_segment=min_segment, margin=margin), cut,
            *_segment(values, cut, stop, min_segment=min_segment, margin=margin)]


def _best_split(values: np.ndarray, min_segment: int) -> tuple[int, float] | None:
    """(split, mean after - mean before) with the largest absolute difference, or None if too short."""
    size = max(1, min_segment)
    splits = range(size, len(values) - size + 1)
    if not splits:
        return None
    shifts = [float(values[s:].mean() - values[:s].mean()) for s in splits]
    i = int(np.argmax(np.abs(shifts)))
    return splits[i], shifts[i]


def _years(periods: list[date]) -> np.ndarray:
    """Years since the first period (365.25 days a year)."""
    return np.asarray([(p - periods[0]).days for p in periods], dtype=float) / 365.25


def _as_date(value: date | pd.Timestamp) -> date:
    return value.date() if isinstance(value, pd.Timestamp) else value
