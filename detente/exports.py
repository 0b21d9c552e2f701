"""Event selection and export: JSON Lines, CSV and Parquet.

The JSON Lines fields are the contract every scorer in ``../shared`` reads: ``doc, source, target,
cameo, date, factuality, sentence`` plus ``event_id, source_text, target_text, goldstein, quad_class,
plover, date_basis, start, end, rule, published`` and a few more (see ``EXPORT_COLUMNS``).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from .errors import DetenteError
from .store import Store

EXPORT_COLUMNS = [
    "event_id", "doc", "source", "target", "cameo", "goldstein", "quad_class", "plover", "date", "date_basis",
    "date_precision", "factuality", "sentence", "source_text", "target_text", "start", "end", "rule",
    "published", "sent_index", "trigger", "factuality_cue", "date_cue", "quantity", "quantity_value",
    "quantity_unit", "cluster",
]
FORMATS = ("jsonl", "csv", "parquet")


@dataclass(frozen=True)
class EventFilter:
    """Which events to select. Every field is optional; all given ones must hold."""

    actor: str | None = None            # source or target starts with this code
    dyad: tuple[str, str] | None = None  # either direction
    code: str | None = None             # CAMEO code prefix ("05", "057")
    since: str | None = None            # event date >= (YYYY, YYYY-MM or YYYY-MM-DD)
    until: str | None = None            # event date <= (prefix-compared)
    factuality: str | None = None       # e.g. "asserted"
    doc: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            clauses.append("(starts_with(source, ?) OR starts_with(target, ?))")
            params += [self.actor.upper()] * 2
        if self.dyad:
            a, b = (x.upper() for x in self.dyad)
            clauses.append("((starts_with(source, ?) AND starts_with(target, ?)) OR "
                           "(starts_with(source, ?) AND starts_with(target, ?)))")
            params += [a, b, b, a]
        if self.code:
            clauses.append("starts_with(cameo, ?)")
            params.append(self.code)
        if self.since:
            clauses.append("date IS NOT NULL AND date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date IS NOT NULL AND left(date, ?) <= ?")
            params += [len(self.until), self.until]
        if self.factuality:
            clauses.append("factuality = ?")
            params.append(self.factuality)
        if self.doc:
            clauses.append("doc = ?")
            params.append(self.doc)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def select_sql(where: EventFilter | None = None) -> tuple[str, list[Any]]:
    clause, params = (where or EventFilter()).where()
    cols = ", ".join(f'"{c}"' for c in EXPORT_COLUMNS)
    return f"SELECT {cols} FROM events{clause} ORDER BY doc, sent_index, start, event_id", params


def events(store: Store, where: EventFilter | None = None, *, limit: int | None = None) -> list[dict[str, Any]]:
    sql, params = select_sql(where)
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return store.query(sql, params)


def iter_jsonl(store: Store, where: EventFilter | None = None) -> Iterator[str]:
    for row in events(store, where):
        yield json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False)


def export(store: Store, *, fmt: str = "jsonl", out: Path | None = None, where: EventFilter | None = None,
           stream: IO[str] | None = None) -> int:
    """Write events in ``fmt`` to ``out`` (or JSON Lines to ``stream``). Returns the row count."""
    if fmt not in FORMATS:
        raise DetenteError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        n = 0
        if out is not None:
            with open(out, "w", encoding="utf-8") as f:
                for n, line in enumerate(iter_jsonl(store, where), start=1):
                    f.write(line + "\n")
        elif stream is not None:
            for n, line in enumerate(iter_jsonl(store, where), start=1):
                stream.write(line + "\n")
        return n
    if out is None:
        raise DetenteError(f"--format {fmt} needs an output file: -o events.{fmt}")
    sql, params = select_sql(where)
    relation = store.con.sql(sql, params=params) if params else store.con.sql(sql)
    table = relation.to_arrow_table()
    if fmt == "csv":
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, str(out))
    else:
        import pyarrow.parquet as pq

        pq.write_table(table, str(out))
    return int(table.num_rows)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value
