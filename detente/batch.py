"""Coding on a Dask cluster: workers parse and code partitions of articles and write Parquet shards;
one process (the one holding the DuckDB store, which allows a single writer) loads the shards.

Worker code lives in this importable module so each worker process loads the spaCy model once
(``_worker_coder`` is cached per process), not once per task.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from .errors import DetenteError, IngestError
from .ingest import read_articles
from .models import Article
from .clusters import update_clusters
from .store import Store, content_hash, document_tables

TABLES = ("documents", "sentences", "events")


@dataclass
class BatchReport:
    read: int = 0
    unchanged: int = 0
    partitions: int = 0
    stored: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _worker_coder() -> tuple[Any, Any]:
    from .nlp import load_nlp
    from .pipeline import build_coder

    nlp = load_nlp()
    return nlp, build_coder(nlp)


def code_partition(records: list[dict[str, Any]], shard: str) -> dict[str, int]:
    """Runs on a worker: code one partition of articles and write its three Parquet files."""
    from .pipeline import code_articles

    nlp, coder = _worker_coder()
    articles = [_article(r) for r in records]
    docs = list(code_articles(articles, nlp=nlp, coder=coder))
    for name, table in document_tables(docs).items():
        pq.write_table(table, f"{shard}.{name}.parquet")
    return {"documents": len(docs), "events": sum(len(d.events) for d in docs)}


def _article(record: dict[str, Any]) -> Article:
    published = record.get("published")
    return Article(**{**record, "published": date.fromisoformat(published) if published else None})


def run_batch(paths: Iterable[str], store: Store, out_dir: Path, *, scheduler: str | None = None,
              n_workers: int = 2, partition_size: int = 200, in_flight: int = 8) -> BatchReport:
    """Code ``paths`` on a Dask cluster (``scheduler`` address, or a local cluster of ``n_workers``),
    write Parquet shards to ``out_dir``, then load them into ``store``."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as e:
        raise DetenteError("the Dask engine needs the batch extra: pip install 'detente[batch]'") from e
    out_dir.mkdir(parents=True, exist_ok=True)
    report = BatchReport()

    def on_error(error: IngestError) -> None:
        report.errors.append(str(error))
        store.add_error(error.path, error.line, str(error))

    cluster = None if scheduler else LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                                 dashboard_address=None)
    with Client(scheduler or cluster) as client:
        pending = as_completed()
        partitions = _partitions(read_articles(paths, on_error=on_error), store, report, partition_size)
        for n, records in enumerate(partitions):
            pending.add(client.submit(code_partition, records, str(out_dir / f"part-{n:06d}"), pure=False))
            report.partitions += 1
            while pending.count() >= in_flight:
                _collect(next(pending), report)
        for future in pending:
            _collect(future, report)
    if cluster is not None:
        cluster.close()
    report.stored = load_shards(store, out_dir)
    store.optimize()
    update_clusters(store, [])                 # clusters every mention not clustered yet
    return report


def _collect(future: Any, report: BatchReport) -> None:
    result = future.result()
    report.events += result["events"]


def _partitions(articles: Iterable[Article], store: Store, report: BatchReport,
                size: int) -> Iterator[list[dict[str, Any]]]:
    """Partitions of new or changed articles, as plain records (cheap to send to workers)."""
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        report.read += len(batch)
        known = store.known_hashes([a.id for a in batch])
        todo = [a for a in {a.id: a for a in batch}.values() if known.get(a.id) != content_hash(a)]
        report.unchanged += len(batch) - len(todo)
        if todo:
            yield [{**asdict(a), "published": a.published.isoformat() if a.published else None} for a in todo]


def load_shards(store: Store, folder: Path) -> int:
    """Load every shard in ``folder`` into the store, one transaction per shard."""
    stored = 0
    for documents in sorted(folder.glob("*.documents.parquet")):
        stem = str(documents)[: -len(".documents.parquet")]
        tables = {name: pq.read_table(f"{stem}.{name}.parquet") for name in TABLES}
        stored += store.add_tables(tables)
    return stored
