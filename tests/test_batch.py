"""The Dask engine: a 2-worker LocalCluster codes the demo corpus into Parquet shards, which load
into the store with exactly the events the local engine gives (slow: each worker loads the model)."""
from __future__ import annotations

from pathlib import Path

import pytest

from detente import Store, ingest
from detente.batch import run_batch

pytestmark = pytest.mark.slow
DEMO = str(Path(__file__).resolve().parent.parent / "detente" / "data" / "demo")


def _events(store: Store) -> list[tuple[object, ...]]:
    return [tuple(r.values()) for r in store.query(
        "SELECT doc, sent_index, source, target, cameo, factuality, date, start FROM events ORDER BY ALL")]


def test_dask_engine_matches_local_ingest(tmp_path: Path, nlp, coder) -> None:  # type: ignore[no-untyped-def]
    with Store(":memory:") as local, Store(tmp_path / "dask.duckdb") as store:
        ingest([DEMO], local, nlp=nlp, coder=coder)
        report = run_batch([DEMO], store, tmp_path / "shards", n_workers=2, partition_size=6)
        assert report.partitions == 4 and report.errors == []
        assert len(list((tmp_path / "shards").glob("*.events.parquet"))) == 4
        assert store.counts() == local.counts()
        assert _events(store) == _events(local)
        again = run_batch([DEMO], store, tmp_path / "shards2", n_workers=2)
        assert again.unchanged == 20 and again.partitions == 0
