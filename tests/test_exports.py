"""Exports: the JSONL field contract, CSV, Parquet and filters."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from detente import exports
from detente.errors import DetenteError
from detente.store import Store
from tests.test_store import _doc, _event

CONTRACT = {"doc", "source", "target", "cameo", "date", "factuality", "sentence", "event_id", "source_text",
            "target_text", "goldstein", "quad_class", "plover", "date_basis", "start", "end", "rule", "published"}


@pytest.fixture()
def filled(store: Store) -> Store:
    doc = _doc("a", n=1)
    doc.events.append(_event("a", 1, source="USA", target="PAK", cameo="112", date="2007", quad_class=3))
    store.add_documents([doc])
    return store


def test_jsonl_has_the_contract_fields(filled: Store) -> None:
    buf = io.StringIO()
    assert exports.export(filled, stream=buf) == 2
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert CONTRACT <= set(rows[0])
    assert rows[0]["published"] == "2018-10-11"


def test_csv_and_parquet(filled: Store, tmp_path: Path) -> None:
    assert exports.export(filled, fmt="csv", out=tmp_path / "e.csv") == 2
    with open(tmp_path / "e.csv", newline="") as f:
        assert len(list(csv.DictReader(f))) == 2
    assert exports.export(filled, fmt="parquet", out=tmp_path / "e.parquet") == 2
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 2


def test_filters(filled: Store) -> None:
    assert [r["cameo"] for r in exports.events(filled, exports.EventFilter(dyad=("PAK", "USA")))] == ["112"]
    assert [r["cameo"] for r in exports.events(filled, exports.EventFilter(code="05"))] == ["057"]
    assert [r["cameo"] for r in exports.events(filled, exports.EventFilter(until="2010"))] == ["112"]
    assert [r["cameo"] for r in exports.events(filled, exports.EventFilter(since="2015"))] == ["057"]


def test_unknown_format_is_a_clear_error(filled: Store) -> None:
    with pytest.raises(DetenteError, match="choose one of jsonl, csv, parquet"):
        exports.export(filled, fmt="xml")
