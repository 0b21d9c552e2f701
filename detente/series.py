"""Which events count, and the per-period series and relation index they add up to.

Every count and sum is computed in DuckDB with parameterised SQL over the ``events`` table (the full
rules with formulas are in ``docs/analytics.md``):

* an event counts when it has a date and (by default) is ``asserted``; its period is the bucket that
  holds the *start* of its date: "2015" is 2015-01-01, "2015-07" is 2015-07-01;
* ``count="clusters"`` counts one unit per real-world event, ``coalesce(cluster, event_id)``, taking
  the values of its first report (earliest ``published``, then smallest ``event_id``);
  ``count="mentions"`` counts every event;
* relation index = sum(goldstein) / (n + k), n the units with a Goldstein score, k = 2 by default.

``_Selection`` builds the WHERE clauses and the counted units; ``analytics`` (one dyad, the ranking)
and ``network`` select through it too. Import the public names from ``detente.analytics``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .errors import DetenteError
from .store import Store

PERIODS = ("day", "week", "month", "quarter", "year")
COUNTS = ("clusters", "mentions")
QUAD_COLUMNS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
# First three letters of actor codes that are not states: organisations, militant groups,
# corporations, unknown actors and the CAMEO regions (as in detente/data/actors/actors.csv).
NON_STATE = ("---", "IGO", "NGO", "IMG", "MNC", "UIS",
             "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
             "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST")
K = 2.0             # shrinkage: pseudo-events at Goldstein 0 added to every index
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
# substr(x, 1, 3) rather than left(x, 3): the same here, and many times faster in DuckDB
_STATE_COLUMNS = (_SERIES_COLUMNS + ", least(substr(source, 1, 3), substr(target, 1, 3)) AS a, "
                  "greatest(substr(source, 1, 3), substr(target, 1, 3)) AS b")


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
