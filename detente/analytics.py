"""Relations analytics: how cooperative a dyad is, per period, and which way it is heading.

Every count and sum is computed in DuckDB with parameterised SQL over the ``events`` table; the
results come back as pandas DataFrames or small dataclasses. The rules, in short (the full text with
formulas is ``docs/analytics.md``):

* an event counts when it has a date and (by default) is ``asserted``; its period is the bucket that
  holds the *start* of its date: "2015" is 2015-01-01, "2015-07" is 2015-07-01;
* ``count="clusters"`` counts one unit per real-world event, ``coalesce(cluster, event_id)``, taking
  the values of its first report (earliest ``published``, then smallest ``event_id``);
  ``count="mentions"`` counts every event;
* relation index = sum(goldstein) / (n + k), n the units with a Goldstein score, k = 2 by default;
* trend = Theil–Sen slope of the per-period index against time in years, with its 95% interval;
* verdict and change points: see :func:`verdict` and :func:`change_points`.

This module is the one to import: it holds one dyad's summary (drivers, :func:`dyad_summary`) and
the ranking of every dyad (:func:`relations`), and re-exports the rest. The series and the relation
index are in ``series``, the trend, verdict and change points in ``trend``, and the alignment
network in ``network``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from .network import Edge, Network, network
from .series import (COUNTS, K, NON_STATE, PERIODS, QUAD_COLUMNS, _MEASURES, _STATE_COLUMNS, _Selection,
                     _dyad_frame, _has_dyad_key, _pair, _rows, dyad_series, relation_index, shrunk_index)
from .store import Store
from .trend import (INTERVAL_PERIODS, MARGIN, MIN_EVENTS, MIN_PERIODS, VERDICTS, ChangePoint, Trend, _as_date,
                    _fit_trend, change_points, fit_trend, half_shift, verdict)

__all__ = [
    "COUNTS", "INTERVAL_PERIODS", "K", "MARGIN", "MIN_EVENTS", "MIN_PERIODS", "NON_STATE", "PERIODS", "QUAD_COLUMNS",
    "VERDICTS", "ChangePoint", "DyadReport", "Edge", "Evidence", "Network", "Trend", "change_points", "drivers",
    "dyad_series", "dyad_summary", "fit_trend", "half_shift", "network", "period_label", "records", "relation_index",
    "relations", "series_records", "shrunk_index", "verdict",
]

_EVIDENCE_COLUMNS = ("event_id, cluster, published, goldstein, quad_class, doc, date, source, target, cameo, "
                     "sentence")


# -- results ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    """One event that drives a dyad's index, with where it was read."""

    event_id: str
    doc: str
    date: str
    source: str
    target: str
    cameo: str
    goldstein: float
    quad_class: int | None
    sentence: str


@dataclass
class DyadReport:
    """What :func:`dyad_summary` found for one dyad over one window."""

    a: str
    b: str
    by: str
    directed: bool
    count: str
    events: int
    index: float
    trend: Trend | None
    verdict: str
    series: pd.DataFrame
    drivers: list[Evidence] = field(default_factory=list)
    change_points: list[ChangePoint] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values; ``trend`` is the slope (or None), its interval beside it."""
        return {
            "a": self.a, "b": self.b, "by": self.by, "directed": self.directed, "count": self.count,
            "events": self.events, "index": _num(self.index),
            "trend": _num(self.trend.slope) if self.trend else None,
            "trend_low": _num(self.trend.low) if self.trend else None,
            "trend_high": _num(self.trend.high) if self.trend else None,
            "verdict": self.verdict,
            "series": series_records(self.series, self.by),
            "drivers": [asdict(e) for e in self.drivers],
            "change_points": [{"period": c.period.isoformat(), "label": period_label(c.period, self.by),
                               "before": _num(c.before), "after": _num(c.after)} for c in self.change_points],
        }


# -- one dyad -----------------------------------------------------------------------------------

def drivers(store: Store, a: str, b: str, *, directed: bool = False, since: str | None = None,
            until: str | None = None, count: str = "clusters", factuality: str | None = "asserted",
            top: int = 5) -> list[Evidence]:
    """The ``top`` counted events with the largest |Goldstein| score, with their sentences."""
    sel = _Selection.of(by="year", since=since, until=until, count=count, factuality=factuality, k=K)
    sel = sel.with_pair(a, b, directed=directed, keyed=_has_dyad_key(store))
    sel.params["top"] = int(top)
    sql = (f"SELECT event_id, doc, date, source, target, cameo, goldstein, quad_class, sentence "
           f"FROM ({sel.units(count, _EVIDENCE_COLUMNS)}) WHERE goldstein IS NOT NULL "
           "ORDER BY abs(goldstein) DESC, date DESC, event_id LIMIT $top")
    return [Evidence(**row) for row in _rows(store, sql, sel.params)]


def dyad_summary(store: Store, a: str, b: str, *, by: str = "year", directed: bool = False,
                 since: str | None = None, until: str | None = None, count: str = "clusters",
                 factuality: str | None = "asserted", k: float = K, margin: float = MARGIN, top: int = 5,
                 min_segment: int = 2) -> DyadReport:
    """Index, trend, verdict, driving events and change points of one dyad over one window."""
    frame = _dyad_frame(store, a, b, by=by, directed=directed, since=since, until=until, count=count,
                        factuality=factuality, normalise=False, k=k)
    series = frame[frame["period"].notna()].reset_index(drop=True)
    total = frame[frame["period"].isna()]
    events = int(total["events"].iloc[0]) if len(total) else 0
    trend = fit_trend(series)
    a, b = _pair(a, b)
    return DyadReport(
        a=a, b=b, by=by, directed=directed, count=count, events=events,
        index=float(total["index"].iloc[0]) if len(total) else 0.0, trend=trend,
        verdict=verdict(series["index"].tolist(), trend, events=events, margin=margin), series=series,
        drivers=drivers(store, a, b, directed=directed, since=since, until=until, count=count,
                        factuality=factuality, top=top),
        change_points=change_points(series, min_segment=min_segment, margin=margin))


# -- all dyads ----------------------------------------------------------------------------------

def relations(store: Store, *, by_change: bool = False, by: str = "year", since: str | None = None,
              until: str | None = None, count: str = "clusters", factuality: str | None = "asserted",
              k: float = K, margin: float = MARGIN, min_events: int = 1, limit: int | None = None) -> pd.DataFrame:
    """Every undirected state dyad with its index, trend and verdict, ranked.

    By default the most cooperative (highest index) first. With ``by_change`` the largest *sure*
    change first: the end of the slope's 95% interval nearest zero when the interval excludes zero
    and the dyad has at least 4 periods (0 otherwise), then |slope|; dyads without a trend last.
    Ties: more events first, then the dyad's name. Columns: dyad, a, b, events, periods, index,
    trend, trend_low, trend_high, verdict.
    """
    sel = _Selection.of(by=by, since=since, until=until, count=count, factuality=factuality, k=k).with_states()
    sel.params["min_events"] = int(min_events)
    sql = f"""WITH p AS (SELECT *, date_trunc($by, day)::DATE AS period FROM ({sel.units(count, _STATE_COLUMNS)})),
                  s AS (SELECT a, b, period, {_MEASURES} FROM p GROUP BY GROUPING SETS ((a, b, period), (a, b)))
              SELECT a, b, max(events) FILTER (WHERE period IS NULL) AS events,
                     max("index") FILTER (WHERE period IS NULL) AS "index",
                     list(period ORDER BY period) FILTER (WHERE period IS NOT NULL) AS periods,
                     list("index" ORDER BY period) FILTER (WHERE period IS NOT NULL) AS values
              FROM s GROUP BY a, b HAVING max(events) FILTER (WHERE period IS NULL) >= $min_events"""
    rows = [_relation_row(row, margin=margin) for row in _rows(store, sql, sel.params)]
    table = pd.DataFrame(rows, columns=["dyad", "a", "b", "events", "periods", "index", "trend", "trend_low",
                                        "trend_high", "verdict"]).astype(_RELATION_TYPES)
    if by_change:
        sure = table["trend_low"].clip(lower=0) - table["trend_high"].clip(upper=0)
        sure = sure.where(table["periods"] >= INTERVAL_PERIODS, 0.0).fillna(0.0)
        table = table.assign(_sure=sure, _size=table["trend"].abs()).sort_values(
            ["_sure", "_size", "events", "dyad"], ascending=[False, False, False, True], na_position="last")
        table = table.drop(columns=["_sure", "_size"])
    else:
        table = table.sort_values(["index", "events", "dyad"], ascending=[False, False, True])
    table = table.reset_index(drop=True)
    return table.head(limit) if limit is not None else table


_RELATION_TYPES = {"events": "int64", "periods": "int64", "index": "float64", "trend": "float64",
                   "trend_low": "float64", "trend_high": "float64"}


def _relation_row(row: dict[str, Any], *, margin: float) -> dict[str, Any]:
    values = [float(v) for v in row["values"]]
    events = int(row["events"])
    trend = _fit_trend(row["periods"], np.asarray(values), events=events)
    return {"dyad": f"{row['a']}-{row['b']}", "a": row["a"], "b": row["b"], "events": events,
            "periods": len(values), "index": float(row["index"]),
            "trend": trend.slope if trend else np.nan, "trend_low": trend.low if trend else np.nan,
            "trend_high": trend.high if trend else np.nan,
            "verdict": verdict(values, trend, events=events, margin=margin)}


# -- presentation helpers -----------------------------------------------------------------------

def period_label(period: date | pd.Timestamp, by: str) -> str:
    """How a period reads: 2015, 2015-Q3, 2015-07, 2015-W27 (ISO week) or 2015-07-09."""
    d = _as_date(period)
    if by == "year":
        return str(d.year)
    if by == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if by == "month":
        return f"{d.year}-{d.month:02d}"
    if by == "week":
        iso = d.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return d.isoformat()


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: dates as ISO strings, numpy numbers as Python ones, NaN as None."""
    return [{key: _num(value) for key, value in row.items()} for row in frame.to_dict("records")]


def series_records(series: pd.DataFrame, by: str) -> list[dict[str, Any]]:
    """A series as JSON-ready dicts: ``period`` as an ISO date, its ``label``, then every other column."""
    return [{"period": row["period"], "label": period_label(date.fromisoformat(row["period"]), by),
             **{key: value for key, value in row.items() if key != "period"}} for row in records(series)]


def _num(value: Any) -> Any:
    """numpy scalars to Python, timestamps and dates to ISO dates, NaN and NaT to None."""
    if value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, date)):
        return _as_date(value).isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value
