"""The embedded DuckDB store: documents, sentences, events and ingest errors.

``Store(path)`` opens (or creates) a database file, ``Store(":memory:")`` an in-memory one, and
``Store(connection)`` wraps an existing DuckDB connection. Schema changes are named migration
functions, applied in order and recorded in ``_migrations``. Rows go in through Arrow tables, never
row by row. A document and its sentences and events are written in one transaction.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .errors import StoreError
from .models import Article, Event

MIGRATIONS: list[tuple[str, Callable[[duckdb.DuckDBPyConnection], None]]] = []


def migration(fn: Callable[[duckdb.DuckDBPyConnection], None]) -> Callable[[duckdb.DuckDBPyConnection], None]:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_initial(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, title VARCHAR, published DATE,
            url VARCHAR, outlet VARCHAR, author VARCHAR, path VARCHAR, text VARCHAR NOT NULL,
            n_sentences INTEGER, ingested_at TIMESTAMP)""")
    con.execute("""
        CREATE TABLE sentences (
            doc VARCHAR NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR NOT NULL, PRIMARY KEY (doc, idx))""")
    con.execute("""
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, doc VARCHAR NOT NULL, sent_index INTEGER NOT NULL,
            source VARCHAR, target VARCHAR, cameo VARCHAR NOT NULL, root VARCHAR NOT NULL,
            goldstein DOUBLE, quad_class INTEGER, plover VARCHAR,
            factuality VARCHAR NOT NULL, factuality_cue VARCHAR,
            date VARCHAR, date_basis VARCHAR, date_precision VARCHAR, date_cue VARCHAR,
            quantity VARCHAR, quantity_value DOUBLE, quantity_unit VARCHAR,
            sentence VARCHAR NOT NULL, source_text VARCHAR, target_text VARCHAR,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, rule VARCHAR NOT NULL, trigger VARCHAR,
            published DATE, cluster VARCHAR)""")
    con.execute("""
        CREATE TABLE ingest_errors (
            path VARCHAR, line INTEGER, message VARCHAR NOT NULL, created_at TIMESTAMP)""")


@migration
def m002_dyad_key(con: duckdb.DuckDBPyConnection) -> None:
    """An unordered country-pair key ("PAK-USA"), so dyad queries read one sorted range."""
    con.execute("ALTER TABLE events ADD COLUMN dyad VARCHAR")
    con.execute("UPDATE events SET dyad = least(substr(source, 1, 3), substr(target, 1, 3)) || '-' || "
                "greatest(substr(source, 1, 3), substr(target, 1, 3))")


@migration
def m003_clusters(con: duckdb.DuckDBPyConnection) -> None:
    """Clusters of reports of one real-world event (see ``detente.clusters``)."""
    from .clusters import m002_clusters

    m002_clusters(con)


EVENT_COLUMNS = [
    "event_id", "doc", "sent_index", "source", "target", "cameo", "root", "goldstein", "quad_class",
    "plover", "factuality", "factuality_cue", "date", "date_basis", "date_precision", "date_cue",
    "quantity", "quantity_value", "quantity_unit", "sentence", "source_text", "target_text",
    "start", "end", "rule", "trigger", "published", "cluster", "dyad",
]


def content_hash(article: Article) -> str:
    """Hash of everything that changes the coding of a document."""
    parts = [article.text, str(article.published or "")]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


@dataclass
class CodedDocument:
    """A document with its sentences and events, ready to store."""

    article: Article
    sentences: list[tuple[int, int, str]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


class Store:
    """An event store in one DuckDB database.

    DuckDB lets one process write a database file, and while it holds the file no other process can
    open it, even read-only. A long ingest therefore calls ``pause()`` between its writes, which closes
    the file; the next use reopens it, waiting up to ``lock_timeout`` seconds while another process
    holds it. So ``detente serve`` can read between an ingest's batches, and a second ingest waits its
    turn instead of failing.
    """

    def __init__(self, target: str | Path | duckdb.DuckDBPyConnection = ":memory:", *,
                 read_only: bool = False, lock_timeout: float = 60.0) -> None:
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self._con: duckdb.DuckDBPyConnection | None = None
        if isinstance(target, duckdb.DuckDBPyConnection):
            self._con = target
            self.path = None
        else:
            self.path = str(target)
            if read_only and self.path != ":memory:" and not Path(self.path).exists():
                raise StoreError(f"{self.path}: no such database; run `detente ingest` first")
            self._con = self._connect()
        if not read_only:
            self.migrate()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection (reopened after ``pause()``)."""
        if self._con is None:
            self._con = self._connect()
        return self._con

    def _connect(self) -> duckdb.DuckDBPyConnection:
        assert self.path is not None
        read_only = self.read_only and self.path != ":memory:"
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.05
        while True:
            try:
                con = duckdb.connect(self.path, read_only=read_only)
                con.execute("SET enable_progress_bar = false")
                return con
            except duckdb.IOException as e:
                if "lock" not in str(e).lower():
                    raise StoreError(f"{self.path}: cannot open database ({_first_line(e)})") from e
                if time.monotonic() >= deadline:
                    raise StoreError(f"{self.path}: cannot open database ({_first_line(e)}); another "
                                     f"detente process may be writing it (waited {self.lock_timeout:g} s): "
                                     "retry when it has finished") from e
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
            except duckdb.Error as e:
                raise StoreError(f"{self.path}: cannot open database ({_first_line(e)})") from e

    def pause(self) -> None:
        """Close a file database until it is next used, so other processes may open it meanwhile."""
        if self.path not in (None, ":memory:") and self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def migrate(self) -> list[str]:
        self.con.execute("CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
        done = {r[0] for r in self.con.execute("SELECT name FROM _migrations").fetchall()}
        applied = []
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            self.con.execute("BEGIN TRANSACTION")
            fn(self.con)
            self.con.execute("INSERT INTO _migrations VALUES (?, ?)", [name, _now()])
            self.con.execute("COMMIT")
            applied.append(name)
        return applied

    # -- writing ---------------------------------------------------------------------------
    def known_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """Content hashes of the given document ids already stored."""
        if not ids:
            return {}
        rows = self.con.execute("SELECT id, content_hash FROM documents WHERE id IN (SELECT unnest(?))",
                                [list(ids)]).fetchall()
        return {r[0]: r[1] for r in rows}

    def add_documents(self, docs: Iterable[CodedDocument]) -> int:
        """Store documents with their sentences and events, replacing older versions; one transaction."""
        docs = list(docs)
        if docs:
            self.add_tables(document_tables(docs))
        return len(docs)

    def add_tables(self, tables: dict[str, pa.Table]) -> int:
        """Store the documents, sentences and events tables made by ``document_tables`` (or read back
        from Parquet shards), replacing the documents' older versions; one transaction."""
        ids = tables["documents"].column("id").to_pylist()
        if not ids:
            return 0
        try:
            self.con.execute("BEGIN TRANSACTION")
            for table, col in (("events", "doc"), ("sentences", "doc"), ("documents", "id")):
                self.con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT unnest(?))", [ids])
            for table in ("documents", "sentences", "events"):
                self._insert(table, tables[table])
            self.con.execute("COMMIT")
        except duckdb.Error as e:
            self.con.execute("ROLLBACK")
            raise StoreError(f"could not store documents {ids[:3]}...: {_first_line(e)}") from e
        return len(ids)

    def add_error(self, path: str | None, line: int | None, message: str) -> None:
        self.con.execute("INSERT INTO ingest_errors VALUES (?, ?, ?, ?)", [path, line, message, _now()])

    def _insert(self, table: str, rows: pa.Table) -> None:
        if rows.num_rows == 0:
            return
        columns = [c[0] for c in self.con.execute(f"DESCRIBE {table}").fetchall()]
        self.con.register("_incoming", rows)
        try:
            cols = ", ".join(f'"{c}"' for c in columns if c in rows.column_names)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    # -- reading ---------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for key, table in (("documents", "documents"), ("sentences", "sentences"),
                           ("events", "events"), ("errors", "ingest_errors")):
            rows = self.con.execute(f"SELECT count(*) FROM {table}").fetchall()
            out[key] = int(rows[0][0]) if rows else 0
        return out

    def optimize(self) -> None:
        """Rewrite the events table sorted by dyad and date, so dyad queries read contiguous rows
        (worth it after a large load; ``detente ingest`` does it after the Dask engine's load)."""
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("CREATE TABLE _events_sorted AS SELECT * FROM events ORDER BY dyad, date, event_id")
        self.con.execute("DELETE FROM events")
        self.con.execute("INSERT INTO events SELECT * FROM _events_sorted")
        self.con.execute("DROP TABLE _events_sorted")
        self.con.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Run a parameterised query and return rows as dicts."""
        cur = self.con.execute(sql, list(params or []))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row)) for row in cur.fetchall()]


def document_tables(docs: list[CodedDocument]) -> dict[str, pa.Table]:
    """Arrow tables of documents, sentences and events, ready for ``Store.add_tables`` or Parquet."""
    now = _now()
    return {
        "documents": pa.Table.from_pylist([_document_row(d, now) for d in docs]),
        "sentences": pa.Table.from_pylist([{"doc": d.article.id, "idx": i, "start": s, "end": e, "text": t}
                                           for d in docs for i, (s, e, t) in enumerate(d.sentences)]),
        "events": pa.Table.from_pylist([_event_row(ev) for d in docs for ev in d.events]),
    }


def _document_row(d: CodedDocument, now: datetime) -> dict[str, Any]:
    a = d.article
    return {"id": a.id, "content_hash": content_hash(a), "title": a.title, "published": a.published,
            "url": a.url, "outlet": a.outlet, "author": a.author, "path": a.path, "text": a.text,
            "n_sentences": len(d.sentences), "ingested_at": now}


def _event_row(ev: Event) -> dict[str, Any]:
    row = ev.to_row()
    row["root"] = ev.cameo[:2]
    row["dyad"] = "-".join(sorted((ev.source[:3], ev.target[:3])))
    row["published"] = ev.published
    row["cluster"] = row.get("cluster")
    return {k: row.get(k) for k in EVENT_COLUMNS}


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
