"""The store side of clustering: the ``clusters`` and ``cluster_mentions`` tables in DuckDB.

``cluster_mentions`` keeps, per asserted mention, its block (dyad and code family), date interval
and keywords, computed once in batches and reused by incremental updates; clustering reads it back
one block at a time, with the keywords too common in a block to tell events apart. ``clusters(store)``
lists the ``clusters`` table.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from ..actors import ActorDictionary
from ..errors import StoreError
from .features import _keywords, _Names, _vocabulary, actor_key, actor_names, date_interval, name_words
from .settings import ClusterSettings

if TYPE_CHECKING:
    from ..store import Store


# -- schema ----------------------------------------------------------------------------------------

def m002_clusters(con: duckdb.DuckDBPyConnection) -> None:
    """The ``clusters`` table (one row per real-world event) and ``cluster_mentions`` (per mention:
    block, date interval and keywords, computed once and reused by incremental updates). Creating
    them again is a no-op."""
    con.execute("""
        CREATE TABLE IF NOT EXISTS clusters (
            cluster VARCHAR NOT NULL, source VARCHAR, target VARCHAR, cameo_root VARCHAR, cameo VARCHAR,
            date VARCHAR, date_precision VARCHAR, quantity VARCHAR, quantity_value DOUBLE, quantity_unit VARCHAR,
            n_mentions INTEGER NOT NULL, n_documents INTEGER NOT NULL, n_outlets INTEGER NOT NULL,
            first_reported DATE, last_reported DATE, first_event VARCHAR NOT NULL, updated_at TIMESTAMP)""")
    con.execute("""
        CREATE TABLE IF NOT EXISTS cluster_mentions (
            event_id VARCHAR NOT NULL, doc VARCHAR NOT NULL, dyad VARCHAR, family VARCHAR NOT NULL,
            lo INTEGER NOT NULL, hi INTEGER NOT NULL, dated BOOLEAN NOT NULL, keywords VARCHAR[] NOT NULL)""")


# -- mention features, blocks and common keywords --------------------------------------------------

_FEATURES_SQL = """
WITH sent AS (SELECT doc, sent_index, list(start) AS starts,
                     string_agg(coalesce(source_text, '') || ' ' || coalesce(target_text, ''), ' ') AS actors
              FROM events WHERE {inner} GROUP BY doc, sent_index)
SELECT e.event_id, e.doc, e.source, e.target, e.root, e.date, e.date_basis, e.date_cue, e.published,
       e.sentence, e.trigger, e.start, se.start AS sent_start, s.starts, s.actors
FROM events e JOIN sent s USING (doc, sent_index)
LEFT JOIN sentences se ON se.doc = e.doc AND se.idx = e.sent_index
WHERE e.factuality = 'asserted' AND {outer}"""

_BLOCK_SQL = """
SELECT m.dyad, m.family, m.event_id, e.doc, e.sent_index, e.start, e.source, e.target, e.cameo, m.lo, m.hi,
       m.dated, m.keywords, e.quantity_value, e.quantity_unit, e.published, e.cluster
FROM cluster_mentions m JOIN events e USING (event_id)
WHERE {scope}
ORDER BY m.dyad NULLS LAST, m.family, e.published NULLS LAST, m.event_id"""

_COMMON_SQL = """
WITH scoped AS (SELECT dyad, family, keywords FROM cluster_mentions m WHERE {scope}),
     blocks AS (SELECT dyad, family, count(*) AS n FROM scoped GROUP BY ALL),
     df AS (SELECT dyad, family, word, count(*) AS n
            FROM (SELECT dyad, family, unnest(keywords) AS word FROM scoped) GROUP BY ALL)
SELECT df.dyad, df.family, df.word
FROM df JOIN blocks USING (dyad, family)
WHERE df.n > greatest($least, $share * blocks.n)"""

PART_SIZE = 250_000   # mentions per partition of a full run (bounds memory)


def _require(store: Store, *, writing: bool = False) -> None:
    if writing and store.read_only:
        raise StoreError("clustering writes to the store; open it without read_only")
    have = store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                             "AND table_name IN ('clusters', 'cluster_mentions')").fetchall()
    if have[0][0] < 2:
        raise StoreError("this store has no clusters table: its migrations have not run; "
                         "open it once read-write with Store(path) to migrate")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


def _pending_docs(store: Store) -> set[str]:
    """Documents with asserted mentions that were never clustered."""
    rows = store.con.execute(
        "SELECT DISTINCT doc FROM events e WHERE factuality = 'asserted' AND (cluster IS NULL "
        "OR NOT EXISTS (SELECT 1 FROM cluster_mentions m WHERE m.event_id = e.event_id))").fetchall()
    return {r[0] for r in rows}


def _compute_mentions(store: Store, docs: list[str] | None, settings: ClusterSettings,
                      actors: ActorDictionary | None) -> int:
    """Block, date interval and keywords of each asserted mention (of ``docs``, or all) into
    ``cluster_mentions``. Returns how many were computed."""
    con = store.con
    con.execute("DELETE FROM cluster_mentions WHERE doc IN (SELECT unnest(?))" if docs is not None
                else "DELETE FROM cluster_mentions", [docs] if docs is not None else [])
    con.execute("DELETE FROM cluster_mentions WHERE event_id NOT IN "
                "(SELECT event_id FROM events WHERE factuality = 'asserted')")
    scopes: list[dict[str, Any]]
    if docs is None:
        parts = max(1, -(-_count(con, "events") // PART_SIZE))
        scope, scopes = "hash({doc}) % $parts = $part", [{"parts": parts, "part": p} for p in range(parts)]
    else:
        scope, scopes = "{doc} IN (SELECT unnest($docs))", [{"docs": docs}]
    sql = _FEATURES_SQL.format(inner=scope.format(doc="doc"), outer=scope.format(doc="e.doc"))
    names = actor_names(actors or ActorDictionary.load())
    n = 0
    for params in scopes:
        for batch in con.cursor().sql(sql, params=params).to_arrow_reader(50_000):
            table = _features(batch, settings, names)
            _append(con, "cluster_mentions", table)
            n += table.num_rows
    return n


def _features(batch: pa.RecordBatch, settings: ClusterSettings, names: dict[str, frozenset[str]]) -> pa.Table:
    cols = [batch.column(name).to_pylist() for name in batch.schema.names]
    pair_names: dict[tuple[str | None, str | None], _Names] = {}
    vocabulary = _vocabulary(settings.stopwords)
    rows: list[tuple[Any, ...]] = []
    for (event_id, doc, source, target, root, value, basis, cue, published, sentence, trigger, start,
         sent_start, starts, actors) in zip(*cols):
        lo, hi, dated = date_interval(value, basis, cue, published, settings)
        at = start - sent_start if sent_start is not None else -1
        others = [o - sent_start for o in starts if o != start] if sent_start is not None else []
        a, b = actor_key(source), actor_key(target)
        own = pair_names.get((a, b))
        if own is None:
            own = pair_names[(a, b)] = _Names(names.get(a or "", frozenset()) | names.get(b or "", frozenset()))
        texts = _text_names(actors or "", (trigger or "").lower())
        found = _keywords(sentence, trigger or "", at, others, (own, texts), vocabulary, settings.keyword_window)
        rows.append((event_id, doc, "-".join(sorted((a, b))) if a and b else None, settings.family(root),
                     lo, hi, dated, sorted(found)))
    columns: list[Sequence[Any]] = list(zip(*rows)) if rows else [[] for _ in _MENTION_SCHEMA]
    return pa.table(dict(zip(_MENTION_SCHEMA.names, columns)), schema=_MENTION_SCHEMA)


_MENTION_SCHEMA = pa.schema([("event_id", pa.string()), ("doc", pa.string()), ("dyad", pa.string()),
                             ("family", pa.string()), ("lo", pa.int32()), ("hi", pa.int32()),
                             ("dated", pa.bool_()), ("keywords", pa.list_(pa.string()))])


@lru_cache(maxsize=4096)
def _text_names(texts: str, trigger: str) -> _Names:
    """Words of the actor texts of a sentence (the coder sometimes gives the event word as one)."""
    return _Names(name_words([texts]) - {trigger})


def _append(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    if rows.num_rows == 0:
        return
    con.register("_cluster_rows", rows)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _cluster_rows")
    finally:
        con.unregister("_cluster_rows")


def _common_words(store: Store, settings: ClusterSettings, scope: str,
                  params: dict[str, Any]) -> dict[tuple[str, str], frozenset[str]]:
    """Per block (of those ``scope`` selects), the keywords too common there to tell events apart."""
    rows = store.con.execute(_COMMON_SQL.format(scope=scope), {
        **params, "least": settings.common_keyword_min, "share": settings.common_keyword_share}).fetchall()
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for dyad, family, word in rows:
        found[(dyad, family)].add(word)
    return {key: frozenset(words) for key, words in found.items()}


def _common_table(store: Store, settings: ClusterSettings, scope: str, params: dict[str, Any], *,
                  replace: bool) -> None:
    """The common keywords of the blocks ``scope`` selects, into the temp table ``_cluster_common``."""
    if replace:
        store.con.execute("CREATE OR REPLACE TEMP TABLE _cluster_common (dyad VARCHAR, family VARCHAR, word VARCHAR)")
    store.con.execute(f"INSERT INTO _cluster_common {_COMMON_SQL.format(scope=scope)}", {
        **params, "least": settings.common_keyword_min, "share": settings.common_keyword_share})


def _stored_common(store: Store) -> dict[tuple[str, str], frozenset[str]]:
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for dyad, family, word in store.con.execute("SELECT * FROM _cluster_common").fetchall():
        found[(dyad, family)].add(word)
    return {key: frozenset(words) for key, words in found.items()}


def _blocks(con: duckdb.DuckDBPyConnection, sql: str,
            params: dict[str, Any]) -> Iterator[tuple[tuple[Any, Any], list[tuple[Any, ...]]]]:
    """The rows of ``sql`` (ordered by dyad, family) one block at a time."""
    reader = con.sql(sql, params=params or None).to_arrow_reader(100_000)
    key: tuple[Any, Any] | None = None
    rows: list[tuple[Any, ...]] = []
    for batch in reader:
        for row in zip(*(batch.column(i).to_pylist() for i in range(batch.num_columns))):
            if (row[0], row[1]) != key:
                if rows and key is not None:
                    yield key, rows
                key, rows = (row[0], row[1]), []
            rows.append(row)
    if rows and key is not None:
        yield key, rows


# -- listing ---------------------------------------------------------------------------------------

def clusters(store: Store, *, actor: str | None = None, dyad: tuple[str, str] | None = None,
             code: str | None = None, since: str | None = None, until: str | None = None,
             min_documents: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
    """Clusters with their report counts, most widely reported first."""
    _require(store)
    clauses: list[str] = ["n_documents >= ?"]
    params: list[Any] = [int(min_documents)]
    if actor:
        clauses.append("(starts_with(source, ?) OR starts_with(target, ?))")
        params += [actor_key(actor.upper()) or actor.upper()] * 2
    if dyad:
        a, b = (actor_key(x.upper()) or x.upper() for x in dyad)
        clauses.append("((source = ? AND target = ?) OR (source = ? AND target = ?))")
        params += [a, b, b, a]
    if code:
        clauses.append("starts_with(cameo, ?)")
        params.append(code)
    if since:
        clauses.append("date IS NOT NULL AND date >= ?")
        params.append(since)
    if until:
        clauses.append("date IS NOT NULL AND left(date, ?) <= ?")
        params += [len(until), until]
    sql = (f"SELECT * EXCLUDE (updated_at) FROM clusters WHERE {' AND '.join(clauses)} "
           "ORDER BY n_documents DESC, n_mentions DESC, first_reported NULLS LAST, cluster")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [_plain_row(r) for r in store.query(sql, params)]


def _plain_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}
