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
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from .errors import DetenteError
from .store import Store

PERIODS = ("day", "week", "month", "quarter", "year")
COUNTS = ("clusters", "mentions")
VERDICTS = ("improving", "deteriorating", "stable", "insufficient")
QUAD_COLUMNS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
# First three letters of actor codes that are not states: organisations, militant groups,
# corporations, unknown actors and the CAMEO regions (as in detente/data/actors/actors.csv).
NON_STATE = ("---", "IGO", "NGO", "IMG", "MNC", "UIS",
             "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
             "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST")
K = 2.0             # shrinkage: pseudo-events at Goldstein 0 added to every index
MARGIN = 0.5        # index points: the least half-vs-half difference or change point that counts
MIN_EVENTS = 3      # fewer units in the window: verdict "insufficient"
MIN_PERIODS = 2     # fewer periods with events: no trend, verdict "insufficient"
INTERVAL_PERIODS = 4  # the slope's 95% interval decides only from this many periods on
_DATE_TEXT = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

# The start of a "YYYY", "YYYY-MM" or "YYYY-MM-DD" date as a DATE; NULL when malformed.
_DAY = ("CASE strlen(date) WHEN 10 THEN try_cast(date AS DATE) WHEN 7 THEN try_cast(date || '-01' AS DATE) "
        "WHEN 4 THEN try_cast(date || '-01-01' AS DATE) END")
_MEASURES = """count(*) AS events,
    count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
    count(*) FILTER (WHERE quad_class = 2) AS material_coop,
    count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
    count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
    coalesce(sum(goldstein), 0.0) AS goldstein_sum,
    avg(goldstein) AS goldstein_mean,
    count(*) FILTER (WHERE quad_class <= 2) / nullif(count(quad_class), 0) AS coop_share,
    coalesce(sum(goldstein), 0.0) / (count(goldstein) + $k) AS "index"
"""
_SERIES_COLUMNS = "event_id, cluster, published, goldstein, quad_class"
_EVIDENCE_COLUMNS = ("event_id, cluster, published, goldstein, quad_class, doc, date, source, target, cameo, "
                     "sentence")
# substr(x, 1, 3) rather than left(x, 3): the same here, and many times faster in DuckDB
_STATE_COLUMNS = (_SERIES_COLUMNS + ", least(substr(source, 1, 3), substr(target, 1, 3)) AS a, "
                  "greatest(substr(source, 1, 3), substr(target, 1, 3)) AS b")


# -- results ------------------------------------------------------------------------------------

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


@dataclass(frozen=True)
class Edge:
    """Net cooperation between two states: ``weight`` = sum of Goldstein scores, ``index`` its shrunk mean."""

    a: str
    b: str
    weight: float
    events: int
    index: float


@dataclass
class Network:
    """States as nodes, net cooperation as edge weights, and groups found on the cooperative edges."""

    nodes: list[str]
    edges: list[Edge]
    groups: list[list[str]]

    def closest(self, node: str) -> list[tuple[str, float]]:
        """Partners of ``node``, highest weight (most cooperative) first."""
        node = node.upper()
        if node not in self.nodes:
            raise DetenteError(f"{node} is not in the network; it has {len(self.nodes)} states"
                               + (f", e.g. {', '.join(self.nodes[:5])}" if self.nodes else ""))
        partners = [(e.b if e.a == node else e.a, e.weight) for e in self.edges if node in (e.a, e.b)]
        return sorted(partners, key=lambda p: (-p[1], p[0]))

    def group_of(self, node: str) -> int | None:
        """Index of the group ``node`` belongs to in ``groups``."""
        return next((i for i, g in enumerate(self.groups) if node.upper() in g), None)

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "edges": [asdict(e) for e in self.edges], "groups": self.groups}


# -- series -------------------------------------------------------------------------------------

def dyad_series(store: Store, a: str, b: str, *, by: str = "year", directed: bool = False,
                since: str | None = None, until: str | None = None, count: str = "clusters",
                factuality: str | None = "asserted", normalise: bool = False, k: float = K) -> pd.DataFrame:
    """Per period: counts by quad class, Goldstein sum and mean, cooperative share and index.

    One row per period that has events, oldest first. Columns: ``period`` (bucket start),
    ``events``, ``verbal_coop``, ``material_coop``, ``verbal_conflict``, ``material_conflict``,
    ``goldstein_sum``, ``goldstein_mean``, ``coop_share`` and ``index``; with ``normalise`` also
    ``all_events`` (units of every actor in the period) and ``share`` (= events / all_events).
    ``directed`` counts only ``a -> b``. ``factuality=None`` counts every factuality.
    """
    frame = _dyad_frame(store, a, b, by=by, directed=directed, since=since, until=until, count=count,
                        factuality=factuality, normalise=normalise, k=k)
    return frame[frame["period"].notna()].reset_index(drop=True)


def shrunk_index(goldstein_sum: float, n: int, *, k: float = K) -> float:
    """The relation index: sum of Goldstein scores over (n + k), a mean pulled toward 0 when n is small."""
    return goldstein_sum / (n + k)


def relation_index(store: Store, *, by: str = "year", since: str | None = None, until: str | None = None,
                   count: str = "clusters", factuality: str | None = "asserted", k: float = K) -> pd.DataFrame:
    """The index of every undirected state dyad and period: columns a, b, period, events, goldstein_sum, index."""
    frame = _states_frame(store, by=by, since=since, until=until, count=count, factuality=factuality, k=k)
    rows = frame[frame["period"].notna()]
    return rows[["a", "b", "period", "events", "goldstein_sum", "index"]].reset_index(drop=True)


def _dyad_frame(store: Store, a: str, b: str, *, by: str, directed: bool, since: str | None, until: str | None,
                count: str, factuality: str | None, normalise: bool, k: float) -> pd.DataFrame:
    """The dyad's per-period rows plus one total row (period NaT)."""
    base = _Selection.of(by=by, since=since, until=until, count=count, factuality=factuality, k=k)
    pair = base.with_pair(a, b, directed=directed, keyed=_has_dyad_key(store))
    sql = f"""WITH p AS (SELECT *, date_trunc($by, day)::DATE AS period
                         FROM ({pair.units(count, _SERIES_COLUMNS)}))
              SELECT period, {_MEASURES} FROM p GROUP BY GROUPING SETS ((period), ())"""
    if normalise:
        sql = f"""WITH s AS ({sql}),
                  c AS (SELECT date_trunc($by, day)::DATE AS period, count(*) AS all_events
                        FROM ({base.units(count, _SERIES_COLUMNS)}) GROUP BY ALL)
                  SELECT s.*, c.all_events, s.events / c.all_events AS share FROM s LEFT JOIN c USING (period)"""
    return _df(store, sql + " ORDER BY period NULLS LAST", pair.params)


def _states_frame(store: Store, *, by: str, since: str | None, until: str | None, count: str,
                  factuality: str | None, k: float) -> pd.DataFrame:
    """Per undirected state dyad: one row per period plus one total row (period NaT)."""
    sel = _Selection.of(by=by, since=since, until=until, count=count, factuality=factuality, k=k).with_states()
    sql = f"""WITH p AS (SELECT *, date_trunc($by, day)::DATE AS period
                         FROM ({sel.units(count, _STATE_COLUMNS)}))
              SELECT a, b, period, {_MEASURES} FROM p GROUP BY GROUPING SETS ((a, b, period), (a, b))
              ORDER BY a, b, period NULLS LAST"""
    return _df(store, sql, sel.params)


@dataclass
class _Selection:
    """WHERE clauses and their named parameters; values only ever travel as parameters."""

    clauses: list[str]
    params: dict[str, Any]

    @classmethod
    def of(cls, *, by: str, since: str | None, until: str | None, count: str, factuality: str | None,
           k: float) -> _Selection:
        _choice(by, PERIODS, "by")
        _choice(count, COUNTS, "count")
        sel = cls(["date IS NOT NULL"], {"by": by, "k": float(k)})
        if factuality is not None:
            sel.add("factuality = $factuality", factuality=factuality)
        if since:
            sel.add("date >= $since", since=_date_text(since, "since"))
        if until:
            sel.add("substr(date, 1, length($until)) <= $until", until=_date_text(until, "until"))
        return sel

    def add(self, clause: str, **params: Any) -> None:
        self.clauses.append(clause)
        self.params.update(params)

    def with_pair(self, a: str, b: str, *, directed: bool, keyed: bool = False) -> _Selection:
        """Events between actors whose codes start with ``a`` and ``b``.

        ``keyed``: the events table has a ``dyad`` column (the two state prefixes, sorted:
        "PAK-USA"); the same condition on it lets DuckDB skip row groups of other dyads.
        """
        a, b = _pair(a, b)
        sel = _Selection(list(self.clauses), dict(self.params))
        forward = "(starts_with(source, $a) AND starts_with(target, $b))"
        sel.add(forward if directed else f"({forward} OR (starts_with(source, $b) AND starts_with(target, $a)))",
                a=a, b=b)
        if keyed and len(a) >= 3 and len(b) >= 3:
            sel.add("dyad = $dyad", dyad="-".join(sorted((a[:3], b[:3]))))
        return sel

    def with_states(self) -> _Selection:
        sel = _Selection(list(self.clauses), dict(self.params))
        sel.add("length(source) >= 3 AND length(target) >= 3 AND substr(source, 1, 3) <> substr(target, 1, 3) "
                "AND NOT list_contains($non_state, substr(source, 1, 3)) "
                "AND NOT list_contains($non_state, substr(target, 1, 3))", non_state=list(NON_STATE))
        return sel

    def units(self, count: str, columns: str) -> str:
        """SELECT of the counted units: every dated event, or the first report of each cluster.

        A report without a cluster is a cluster of its own; the reports of a cluster are reduced
        to the one with the earliest ``published`` date (then the smallest ``event_id``).
        """
        picked = (f"SELECT * FROM (SELECT {columns}, {_DAY} AS day FROM events WHERE {' AND '.join(self.clauses)})"
                  " WHERE day IS NOT NULL")
        if count == "mentions":
            return picked
        return (f"WITH f AS MATERIALIZED ({picked}) SELECT * FROM f WHERE cluster IS NULL UNION ALL "
                "SELECT arg_min(COLUMNS(*), (published, event_id)) FROM f WHERE cluster IS NOT NULL GROUP BY cluster")


def _has_dyad_key(store: Store) -> bool:
    """Whether the events table has the precomputed ``dyad`` column (see docs/analytics.md, Performance)."""
    return bool(_rows(store, "SELECT count(*) AS n FROM duckdb_columns() WHERE database_name = current_database() "
                      "AND schema_name = current_schema() AND table_name = 'events' AND column_name = 'dyad'",
                      {})[0]["n"])


def _df(store: Store, sql: str, params: dict[str, Any]) -> pd.DataFrame:
    return store.con.execute(sql, _used(sql, params)).df()


def _rows(store: Store, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, _used(sql, params))
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _used(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """DuckDB rejects named parameters the statement does not use."""
    return {name: value for name, value in params.items() if re.search(rf"\${name}\b", sql)}


# -- trend, verdict, change points --------------------------------------------------------------

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


def network(store: Store, *, since: str | None = None, until: str | None = None, count: str = "clusters",
            factuality: str | None = "asserted", k: float = K, seed: int = 0) -> Network:
    """The alignment network of states.

    Edge weight = net cooperation, the sum of Goldstein scores of the counted events between two
    states (either direction); ``index`` is the same sum shrunk as in :func:`shrunk_index`. Groups are
    Louvain communities (networkx, fixed ``seed``) of the graph of positive-weight edges; a state
    with no cooperative edge is a group of its own.
    """
    sel = _Selection.of(by="year", since=since, until=until, count=count, factuality=factuality, k=k).with_states()
    sql = (f"SELECT a, b, coalesce(sum(goldstein), 0.0) AS weight, count(*) AS events, "
           f"coalesce(sum(goldstein), 0.0) / (count(goldstein) + $k) AS \"index\" "
           f"FROM ({sel.units(count, _STATE_COLUMNS)}) GROUP BY a, b ORDER BY a, b")
    edges = [Edge(a=r["a"], b=r["b"], weight=float(r["weight"]), events=int(r["events"]), index=float(r["index"]))
             for r in _rows(store, sql, sel.params)]
    nodes = sorted({e.a for e in edges} | {e.b for e in edges})
    return Network(nodes=nodes, edges=edges, groups=_groups(nodes, edges, seed=seed))


def _groups(nodes: list[str], edges: list[Edge], *, seed: int) -> list[list[str]]:
    import networkx as nx
    from networkx.algorithms.community import louvain_communities

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((e.a, e.b, e.weight) for e in edges if e.weight > 0)
    groups = [sorted(g) for g in louvain_communities(graph, weight="weight", seed=seed)]
    return sorted(groups, key=lambda g: (-len(g), g[0]))


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


def _years(periods: list[date]) -> np.ndarray:
    """Years since the first period (365.25 days a year)."""
    return np.asarray([(p - periods[0]).days for p in periods], dtype=float) / 365.25


def _as_date(value: date | pd.Timestamp) -> date:
    return value.date() if isinstance(value, pd.Timestamp) else value


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


def _choice(value: str, choices: tuple[str, ...], name: str) -> None:
    if value not in choices:
        raise DetenteError(f"{name} must be one of {', '.join(choices)}; got {value!r}")


def _date_text(text: str, name: str) -> str:
    if not _DATE_TEXT.fullmatch(text):
        raise DetenteError(f"{name} wants a date like 2015, 2015-07 or 2015-07-09; got {text!r}")
    return text


def _pair(a: str, b: str) -> tuple[str, str]:
    a, b = a.strip().upper(), b.strip().upper()
    if not a or not b or a == b:
        raise DetenteError(f"a dyad needs two different actor codes such as USA and PAK; got {a!r} and {b!r}")
    return a, b
