"""The DuckDB store: migrations, atomic replace, counts, parameterised queries."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente.errors import StoreError
from detente.models import Article, Event
from detente.store import CodedDocument, Store, content_hash


def _event(doc: str, i: int = 0, **kw: object) -> Event:
    base = dict(doc=doc, sent_index=0, source="RUS", target="PAK", cameo="057", goldstein=8.0, quad_class=1,
                plover="AGREE", factuality="asserted", sentence="Russia signed a deal with Pakistan.",
                source_text="Russia", target_text="Pakistan", start=7, end=13, rule="sign_agreement",
                date="2015-10", date_basis="text", event_id=f"{doc}-{i}", published="2018-10-11")
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def _doc(doc_id: str, text: str = "Russia signed a deal with Pakistan.", n: int = 1) -> CodedDocument:
    article = Article(id=doc_id, text=text, published=date(2018, 10, 11))
    return CodedDocument(article, [(0, len(text), text)], [_event(doc_id, i) for i in range(n)])


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "x.duckdb"
    with Store(path) as store:
        assert store.query("SELECT count(*) AS n FROM _migrations")[0]["n"] >= 1
    with Store(path) as store:
        assert store.migrate() == []


def test_add_documents_and_counts(store: Store) -> None:
    store.add_documents([_doc("a", n=2), _doc("b")])
    store.add_error("bad.jsonl", 3, "bad.jsonl line 3: invalid JSON")
    assert store.counts() == {"documents": 2, "sentences": 2, "events": 3, "errors": 1}


def test_changed_document_replaces_its_events(store: Store) -> None:
    store.add_documents([_doc("a", n=3)])
    store.add_documents([_doc("a", text="Russia signed another deal.", n=1)])
    assert store.counts()["events"] == 1
    assert store.query("SELECT text FROM documents WHERE id = ?", ["a"])[0]["text"] == "Russia signed another deal."


def test_known_hashes(store: Store) -> None:
    doc = _doc("a")
    store.add_documents([doc])
    assert store.known_hashes(["a", "zzz"]) == {"a": content_hash(doc.article)}


def test_failed_write_keeps_what_was_stored(store: Store) -> None:
    store.add_documents([_doc("a")])
    bad = _doc("b")
    bad.events.append(_event("b", 0))  # duplicate event id -> primary key violation
    with pytest.raises(StoreError):
        store.add_documents([bad])
    assert store.counts()["documents"] == 1 and store.counts()["events"] == 1


def test_read_only_store_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_query_is_parameterised(store: Store) -> None:
    store.add_documents([_doc("a")])
    hostile = "a' OR '1'='1"
    assert store.query("SELECT id FROM documents WHERE id = ?", [hostile]) == []
