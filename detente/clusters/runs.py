"""Clustering runs: ``cluster_events`` clusters everything, ``update_clusters`` what new documents touch.

A full run works through the blocks a partition at a time (bounding memory). An update re-clusters
only a region: the new documents' mentions, the mentions they could be joined with and every mention
of the clusters those already belong to. Both name the clusters (keeping ids where the membership
allows) and rebuild the ``clusters`` rows they touched in one transaction.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from ..actors import ActorDictionary
from ..errors import StoreError
from .database import (_BLOCK_SQL, PART_SIZE, _append, _blocks, _common_table, _common_words, _compute_mentions,
                       _count, _pending_docs, _require, _stored_common)
from .matching import _earliest, _name_groups, _Unit, _units, cluster_id, cluster_units
from .settings import ClusterReport, ClusterSettings

if TYPE_CHECKING:
    from ..store import Store

# the mentions of one partition of the blocks (a full run works through them one at a time)
_PART = "hash(coalesce(m.dyad, '')) % $parts = $part"
FULL_SHARE = 0.25     # an update with more of the store's mentions than this runs in full

# An update re-clusters the mentions of the new documents, the mentions a new one could be joined
# with (a shared keyword that is not too common in the block, or a shared amount unit, over
# overlapping dates; or overlapping dates alone when both are firmly dated and one has no such
# keyword), and every mention of the clusters those already belong to. Each step is a temp table.
_REGION_SQL = (
    """CREATE OR REPLACE TEMP TABLE _cluster_fresh AS
       SELECT m.event_id, m.dyad, m.family, m.lo, m.hi, m.dated AND m.hi - m.lo <= $vague AS firm,
              lower(e.quantity_unit) AS unit, m.keywords
       FROM cluster_mentions m JOIN events e USING (event_id)
       WHERE m.doc IN (SELECT unnest($docs)) AND m.dyad IS NOT NULL""",
    """CREATE OR REPLACE TEMP TABLE _cluster_fresh_words AS
       SELECT w.* FROM (SELECT event_id, dyad, family, lo, hi, unnest(keywords) AS word FROM _cluster_fresh) w
       ANTI JOIN _cluster_common c ON w.dyad = c.dyad AND w.family = c.family AND w.word = c.word""",
    """CREATE OR REPLACE TEMP TABLE _cluster_firm AS
       SELECT m.event_id, m.dyad, m.family, m.lo, m.hi, m.keywords FROM cluster_mentions m
       WHERE m.dated AND m.hi - m.lo <= $vague
         AND m.dyad || '|' || m.family IN (SELECT dyad || '|' || family FROM _cluster_fresh WHERE firm)""",
    """CREATE OR REPLACE TEMP TABLE _cluster_hit AS
       WITH words AS (SELECT w.* FROM (SELECT event_id, dyad, family, lo, hi, unnest(keywords) AS word
                                       FROM cluster_mentions) w
                      SEMI JOIN _cluster_fresh_words f ON w.dyad = f.dyad AND w.family = f.family AND w.word = f.word),
            by_word AS (SELECT w.event_id FROM words w JOIN _cluster_fresh_words f
                          ON w.dyad = f.dyad AND w.family = f.family AND w.word = f.word
                         AND w.lo <= f.hi AND f.lo <= w.hi),
            by_amount AS (SELECT m.event_id FROM cluster_mentions m JOIN events e USING (event_id)
                          JOIN _cluster_fresh f ON m.dyad = f.dyad AND m.family = f.family
                           AND lower(e.quantity_unit) = f.unit AND m.lo <= f.hi AND f.lo <= m.hi),
            fresh_bare AS (SELECT * FROM _cluster_fresh f WHERE firm
                           AND event_id NOT IN (SELECT event_id FROM _cluster_fresh_words)),
            by_date AS (SELECT m.event_id FROM _cluster_firm m JOIN fresh_bare f
                          ON m.dyad = f.dyad AND m.family = f.family AND m.lo <= f.hi AND f.lo <= m.hi),
            near AS (SELECT DISTINCT m.* FROM _cluster_firm m JOIN _cluster_fresh f
                       ON f.firm AND m.dyad = f.dyad AND m.family = f.family AND m.lo <= f.hi AND f.lo <= m.hi),
            near_words AS (SELECT w.event_id FROM (SELECT event_id, dyad, family, unnest(keywords) AS word FROM near) w
                           ANTI JOIN _cluster_common c ON w.dyad = c.dyad AND w.family = c.family AND w.word = c.word),
            bare AS (SELECT event_id FROM near WHERE event_id NOT IN (SELECT event_id FROM near_words))
       SELECT event_id FROM by_word UNION SELECT event_id FROM by_amount UNION SELECT event_id FROM by_date
       UNION SELECT event_id FROM bare
       UNION SELECT event_id FROM cluster_mentions WHERE doc IN (SELECT unnest($docs))""",
    # clusters whose stored counts no longer match their mentions (a document was replaced)
    """CREATE OR REPLACE TEMP TABLE _cluster_touched AS
       WITH counted AS (SELECT cluster, count(*) AS n FROM events WHERE cluster IS NOT NULL GROUP BY cluster)
       SELECT DISTINCT e.cluster FROM events e JOIN _cluster_hit USING (event_id) WHERE e.cluster IS NOT NULL
       UNION SELECT c.cluster FROM clusters c LEFT JOIN counted USING (cluster)
             WHERE counted.n IS DISTINCT FROM c.n_mentions
       UNION SELECT cluster FROM counted WHERE cluster NOT IN (SELECT cluster FROM clusters)""",
    """CREATE OR REPLACE TEMP TABLE _cluster_region AS
       SELECT event_id FROM _cluster_hit
       UNION SELECT e.event_id FROM events e JOIN cluster_mentions m USING (event_id)
             WHERE e.cluster IN (SELECT cluster FROM _cluster_touched)""",
)
_REGION = "m.event_id IN (SELECT event_id FROM _cluster_region)"
_TEMP_TABLES = ("_cluster_map", "_cluster_ids", "_cluster_common", "_cluster_fresh", "_cluster_fresh_words",
                "_cluster_firm", "_cluster_hit", "_cluster_touched", "_cluster_region")
# the blocks of the new documents' mentions, and of any other mention in the region
_FRESH_BLOCKS = ("m.dyad || '|' || m.family IN (SELECT DISTINCT dyad || '|' || family FROM cluster_mentions "
                 "WHERE doc IN (SELECT unnest($docs)))")
_MORE_BLOCKS = ("m.dyad || '|' || m.family IN (SELECT DISTINCT r.dyad || '|' || r.family FROM cluster_mentions r "
                "JOIN _cluster_region USING (event_id)) AND m.dyad || '|' || m.family NOT IN "
                "(SELECT DISTINCT dyad || '|' || family FROM _cluster_common)")

_ACTOR = "CASE WHEN {c} LIKE 'IGO%' OR {c} LIKE 'NGO%' THEN left({c}, 6) ELSE left({c}, 3) END"

_SUMMARY_SQL = f"""
INSERT INTO clusters
WITH e AS (SELECT e.cluster, e.event_id, e.doc, e.cameo, e.date, e.date_basis, e.date_cue, e.published,
                  e.quantity, e.quantity_value, e.quantity_unit, d.outlet,
                  {_ACTOR.format(c="e.source")} AS a, {_ACTOR.format(c="e.target")} AS b
           FROM events e LEFT JOIN documents d ON d.id = e.doc
           WHERE e.cluster IS NOT NULL {{only}}),
     codes AS (SELECT cluster, cameo, count(*) AS n, min(published) AS since FROM e GROUP BY ALL),
     code AS (SELECT cluster, first(cameo ORDER BY n DESC, since NULLS LAST, cameo) AS cameo FROM codes
              GROUP BY cluster),
     dirs AS (SELECT cluster, a, b, count(*) AS n, min(published) AS since FROM e GROUP BY ALL),
     dir AS (SELECT cluster, first({{{{'a': a, 'b': b}}}} ORDER BY n DESC, since NULLS LAST, a, b) AS ab FROM dirs
             GROUP BY cluster),
     dates AS (SELECT cluster, date, length(date) AS width, count(*) AS n,
                      coalesce(regexp_matches(date_cue, '^\\s*(ever\\s+)?since\\b', 'i'), false) AS since
               FROM e WHERE date IS NOT NULL AND date_basis IN ('text', 'relative') GROUP BY ALL),
     best AS (SELECT cluster, first(date ORDER BY since, width DESC, n DESC, date) AS date FROM dates GROUP BY cluster),
     amounts AS (SELECT cluster, quantity, quantity_value, quantity_unit, count(*) AS n FROM e
                 WHERE quantity_value IS NOT NULL GROUP BY ALL),
     amount AS (SELECT cluster, first({{{{'q': quantity, 'v': quantity_value, 'u': quantity_unit}}}}
                                      ORDER BY n DESC, quantity) AS q FROM amounts GROUP BY cluster),
     base AS (SELECT cluster, count(*) AS n_mentions, count(DISTINCT doc) AS n_documents,
                     count(DISTINCT outlet) AS n_outlets, min(published) AS first_reported,
                     max(published) AS last_reported,
                     first(event_id ORDER BY published NULLS LAST, event_id) AS first_event
              FROM e GROUP BY cluster)
SELECT base.cluster,
       CASE WHEN list_contains(?, left(code.cameo, 2)) THEN least(dir.ab.a, dir.ab.b) ELSE dir.ab.a END,
       CASE WHEN list_contains(?, left(code.cameo, 2)) THEN greatest(dir.ab.a, dir.ab.b) ELSE dir.ab.b END,
       left(code.cameo, 2), code.cameo, best.date,
       CASE length(best.date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END,
       amount.q.q, amount.q.v, amount.q.u, n_mentions, n_documents, n_outlets, first_reported, last_reported,
       first_event, ?
FROM base JOIN code USING (cluster) JOIN dir USING (cluster)
LEFT JOIN best USING (cluster) LEFT JOIN amount USING (cluster)"""


# -- public API ------------------------------------------------------------------------------------

def cluster_events(store: Store, *, settings: ClusterSettings = ClusterSettings(),
                   docs: Iterable[str] | None = None, actors: ActorDictionary | None = None) -> ClusterReport:
    """Cluster every asserted mention in the store (or, with ``docs``, update for those documents).
    ``actors`` gives the names left out of keywords (default: the package's dictionary)."""
    if docs is not None:
        return update_clusters(store, docs, settings=settings, actors=actors)
    started = time.perf_counter()
    _require(store, writing=True)
    report = ClusterReport(mentions=_compute_mentions(store, None, settings, actors))
    report.phases["keywords"] = time.perf_counter() - started
    _recluster(store, None, settings, report)
    report.seconds = time.perf_counter() - started
    return report


def update_clusters(store: Store, doc_ids: Iterable[str], *, settings: ClusterSettings = ClusterSettings(),
                    actors: ActorDictionary | None = None) -> ClusterReport:
    """Re-cluster what new or replaced documents touch: their blocks, over their dates, and the
    clusters already there. Mentions never clustered yet (from any document) are included."""
    started = time.perf_counter()
    _require(store, writing=True)
    docs = sorted(set(doc_ids) | _pending_docs(store))
    if docs and _mostly_new(store, docs):
        return cluster_events(store, settings=settings, actors=actors)   # cheaper, and memory-bounded
    report = ClusterReport()
    if docs:
        _compute_mentions(store, docs, settings, actors)
        report.phases["keywords"] = time.perf_counter() - started
        _common_table(store, settings, _FRESH_BLOCKS, {"docs": docs}, replace=True)
        params = {"docs": docs, "vague": settings.vague_days}
        for sql in _REGION_SQL:
            store.con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})
        _common_table(store, settings, _MORE_BLOCKS, {}, replace=False)
        report.mentions = _count(store.con, "_cluster_region")
        report.phases["region"] = time.perf_counter() - started - report.phases["keywords"]
        _recluster(store, docs, settings, report)
    report.seconds = time.perf_counter() - started
    return report


# -- helpers ---------------------------------------------------------------------------------------

def _mostly_new(store: Store, docs: list[str]) -> bool:
    """Whether the documents hold more than a quarter of the asserted mentions (a first load)."""
    rows = store.con.execute("SELECT count(*) FILTER (WHERE doc IN (SELECT unnest($docs))), count(*) FROM events "
                             "WHERE factuality = 'asserted'", {"docs": docs}).fetchall()
    new, total = rows[0]
    return bool(total) and new > FULL_SHARE * total and total > PART_SIZE // 10


def _recluster(store: Store, docs: list[str] | None, settings: ClusterSettings, report: ClusterReport) -> None:
    """Cluster the region (everything when ``docs`` is None) block by block, a partition of the
    blocks at a time; name the clusters and store them."""
    started = time.perf_counter()
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE _cluster_map (event_id VARCHAR, cluster VARCHAR)")
    con.execute("CREATE OR REPLACE TEMP TABLE _cluster_ids (cluster VARCHAR)")
    taken: set[str] = set()
    if docs is None:
        parts = max(1, -(-_count(con, "cluster_mentions") // PART_SIZE))
        for part in range(parts):
            params = {"parts": parts, "part": part}
            common = _common_words(store, settings, _PART, params)
            blocks = _blocks(con, _BLOCK_SQL.format(scope=_PART), params)
            _cluster_scope(store, blocks, common, settings, report, taken, region=False)
    else:
        blocks = _blocks(con, _BLOCK_SQL.format(scope=_REGION), {})
        _cluster_scope(store, blocks, _stored_common(store), settings, report, taken, region=True)
    report.phases["clustering"] = time.perf_counter() - started
    _write(store, docs, settings)
    for table in _TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    report.phases["writing"] = time.perf_counter() - started - report.phases["clustering"]


def _cluster_scope(store: Store, blocks: Iterable[tuple[tuple[Any, Any], list[tuple[Any, ...]]]],
                   common: dict[tuple[str, str], frozenset[str]], settings: ClusterSettings,
                   report: ClusterReport, taken: set[str], *, region: bool) -> None:
    """Cluster some blocks and queue the new ids of their mentions in ``_cluster_map``."""
    event_ids: list[str] = []
    names: list[str] = []
    olds: list[str | None] = []
    minted: dict[str, str] = {}
    for key, rows in blocks:
        report.blocks += 1
        units = _units(rows, common.get(key, frozenset()), settings) if key[0] else _lone(rows, settings)
        found, pairs = cluster_units(units, settings) if key[0] else ([[i] for i in range(len(units))], 0)
        report.pairs += pairs
        groups = [[m for k in g for m in units[k].mentions] for g in found]
        for group, name in zip(groups, _name_groups(groups, taken)):
            if name not in {m.cluster for m in group}:
                minted[name] = _earliest(group).event_id
            report.joined += len(group) if len({m.doc for m in group}) > 1 else 0
            for m in group:
                event_ids.append(m.event_id)
                names.append(name)
                olds.append(m.cluster)
    if region:
        names = _avoid_outside_ids(store, names, minted, taken)
    distinct = sorted(set(names))
    report.clusters += len(distinct)
    changed = [k for k, (n, o) in enumerate(zip(names, olds)) if n != o]
    report.changed += len(changed)
    _append(store.con, "_cluster_map", pa.table({"event_id": [event_ids[k] for k in changed],
                                                 "cluster": [names[k] for k in changed]}))
    _append(store.con, "_cluster_ids", pa.table({"cluster": distinct}))


def _lone(rows: Sequence[tuple[Any, ...]], settings: ClusterSettings) -> list[_Unit]:
    """Mentions without a known dyad: each one a cluster of its own."""
    return [u for row in rows for u in _units([row], frozenset(), settings)]


def _avoid_outside_ids(store: Store, names: list[str], minted: dict[str, str], taken: set[str]) -> list[str]:
    """A new id may not be one that a cluster outside the updated region already has."""
    if not minted:
        return names
    clash = {r[0] for r in store.con.execute(
        "SELECT DISTINCT cluster FROM events WHERE cluster IN (SELECT unnest(?)) "
        "AND event_id NOT IN (SELECT event_id FROM _cluster_region)", [sorted(minted)]).fetchall()}
    renamed = {}
    for name in sorted(clash):
        salt = 1
        while cluster_id(minted[name], salt) in taken | clash:
            salt += 1
        renamed[name] = cluster_id(minted[name], salt)
        taken.add(renamed[name])
    return [renamed.get(n, n) for n in names]


def _write(store: Store, docs: list[str] | None, settings: ClusterSettings) -> None:
    """Store the queued ids (``_cluster_map``) and rebuild the ``clusters`` rows of the region."""
    con = store.con
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute("UPDATE events SET cluster = m.cluster FROM _cluster_map m WHERE events.event_id = m.event_id")
        if docs is None:
            con.execute("UPDATE events SET cluster = NULL WHERE factuality <> 'asserted' AND cluster IS NOT NULL")
            con.execute("DELETE FROM clusters")
            con.execute(_SUMMARY_SQL.format(only=""), _summary_params(settings))
        else:
            con.execute("UPDATE events SET cluster = NULL WHERE factuality <> 'asserted' AND cluster IS NOT NULL "
                        "AND doc IN (SELECT unnest(?))", [docs])
            con.execute("DELETE FROM clusters WHERE cluster IN (SELECT cluster FROM _cluster_touched) "
                        "OR cluster IN (SELECT cluster FROM _cluster_ids)")
            con.execute(_SUMMARY_SQL.format(only="AND e.cluster IN (SELECT cluster FROM _cluster_ids)"),
                        _summary_params(settings))
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise StoreError(f"could not store clusters: {str(e).strip().splitlines()[0]}") from e


def _summary_params(settings: ClusterSettings) -> list[Any]:
    return [list(settings.symmetric_roots)] * 2 + [datetime.now(timezone.utc).replace(tzinfo=None)]
