"""The web API and pages, in process (FastAPI's TestClient), over a small hand-made database."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
if importlib.util.find_spec("httpx2") is None:  # starlette's TestClient takes httpx2, or httpx with a warning
    pytest.importorskip("httpx")

import duckdb  # noqa: E402

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient  # noqa: E402

from detente import web  # noqa: E402
from detente.errors import DetenteError, StoreError  # noqa: E402
from detente.models import Article, Event  # noqa: E402
from detente.store import CodedDocument, Store  # noqa: E402

TINY = Path(__file__).resolve().parent / "data" / "tiny"
HOSTILE = "Russia praised Pakistan 100% as a sure_thing. <script>alert(1)</script> was posted."
CAMEO = {"057": (8.0, 1, "AGREE"), "112": (-2.0, 3, "ACCUSE"), "162": (-5.6, 4, "REDUCE"), "051": (3.4, 1, "SUPPORT"),
         "071": (7.4, 2, "AID")}


def _event(doc: str, n: int, sentences: list[tuple[int, str]], spec: dict[str, Any], published: str) -> Event:
    """An event whose offsets are those of its trigger word in the document."""
    start, sentence = sentences[spec["sent"]]
    at = start + sentence.index(spec["trigger"])
    goldstein, quad, plover = CAMEO[spec["cameo"]]
    return Event(doc=doc, sent_index=spec["sent"], source=spec["source"], target=spec["target"], cameo=spec["cameo"],
                 goldstein=goldstein, quad_class=quad, plover=plover, factuality=spec.get("factuality", "asserted"),
                 sentence=sentence, source_text=spec["source_text"], target_text=spec["target_text"],
                 start=at, end=at + len(spec["trigger"]), rule="test", trigger=spec["trigger"], date=spec["date"],
                 date_basis="text", event_id=f"{doc}-{n}", published=published)


def _doc(doc_id: str, published: str, text: str, events: list[dict[str, Any]], **meta: Any) -> CodedDocument:
    sentences: list[tuple[int, str]] = []
    at = 0
    for part in text.split(". "):
        part = part if part.endswith(".") else part + "."
        start = text.index(part, at)
        sentences.append((start, part))
        at = start + len(part)
    article = Article(id=doc_id, text=text, published=date.fromisoformat(published), **meta)
    return CodedDocument(article, [(s, s + len(t), t) for s, t in sentences],
                         [_event(doc_id, i, sentences, e, published) for i, e in enumerate(events)])


DOCS = [
    _doc("d1", "2015-10-12", "Russia signed a deal with Pakistan. Islamabad welcomed it.", [
        dict(sent=0, trigger="signed", source="RUS", target="PAK", cameo="057", source_text="Russia",
             target_text="Pakistan", date="2015-10"),
        dict(sent=0, trigger="signed", source="PAK", target="RUS", cameo="057", source_text="Pakistan",
             target_text="Russia", date="2015-10")], title="Deal signed", outlet="The Herald", url="https://example.org/1"),
    _doc("d2", "2016-03-02", "Pakistan accused India of shelling.", [
        dict(sent=0, trigger="accused", source="PAK", target="IND", cameo="112", source_text="Pakistan",
             target_text="India", date="2016-03-01")], title="Accusations"),
    _doc("d3", "2017-01-05", "The United States suspended aid to Pakistan. Washington may praise Pakistan later.", [
        dict(sent=0, trigger="suspended", source="USA", target="PAK", cameo="162", source_text="United States",
             target_text="Pakistan", date="2017-01-04"),
        dict(sent=1, trigger="praise", source="USA", target="PAK", cameo="051", source_text="Washington",
             target_text="Pakistan", date="2017-01-05", factuality="hypothetical")], title="Aid suspended"),
    _doc("d4", "2018-05-20", "The United States released funds to Pakistan.", [
        dict(sent=0, trigger="released", source="USAGOV", target="PAK", cameo="071", source_text="United States",
             target_text="Pakistan", date="2018-05-19")], title="Funds released"),
    _doc("d5", "2019-02-01", "Russia signed a deal with Pakistan.", [
        dict(sent=0, trigger="signed", source="RUS", target="PAK", cameo="057", source_text="Russia",
             target_text="Pakistan", date="2019-01")], title="Another deal"),
    _doc("evil", "2019-03-01", HOSTILE, [
        dict(sent=0, trigger="praised", source="RUS", target="PAK", cameo="051", source_text="Russia",
             target_text="Pakistan", date="2019-03-01")], title="<script>alert('title')</script>"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        store.add_documents(DOCS)
    return path


@pytest.fixture()
def db(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the test database for each test."""
    return Path(shutil.copy(built, tmp_path / "web.duckdb"))


class _FakeCoder:
    """Stands in for EventCoder in POST /api/code: one 057 event per sentence with "signed" in it."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    def matcher(self, doc: Any, *, on: date | None = None, surnames: dict[str, Any] | None = None) -> list[Any]:
        return []

    def code(self, doc: Any, article: Article) -> list[Event]:
        time.sleep(self.delay)
        events = []
        for i, sent in enumerate(doc.sents):
            if "signed" in sent.text:
                at = doc.text.index("signed", sent.start_char)
                events.append(Event(doc=article.id, sent_index=i, source="RUS", target="PAK", cameo="057",
                                    goldstein=8.0, quad_class=1, plover="AGREE", factuality="asserted",
                                    sentence=sent.text, source_text="Russia", target_text="Pakistan", start=at,
                                    end=at + 6, rule="sign_agreement", trigger="signed", date="2018-10-08",
                                    date_basis="relative", date_cue="on Monday",
                                    extra={"source_via": "name", "target_via": "name"}))
        return events


def _loader(coder: Any, calls: list[int] | None = None) -> web.NlpLoader:
    def load() -> tuple[Any, Any]:
        import spacy

        if calls is not None:
            calls.append(1)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp, coder

    return load


@pytest.fixture()
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(web.create_app(db, nlp_loader=_loader(_FakeCoder()))) as c:
        yield c


def _ok(client: TestClient, path: str) -> dict[str, Any]:
    response = client.get(path)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    assert data["ok"] is True
    return data


# -- /api/events ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "ids"), [
    ("", ["evil-0", "d5-0", "d4-0", "d3-1", "d3-0", "d2-0", "d1-0", "d1-1"]),
    ("actor=IND", ["d2-0"]),
    ("actor=usa", ["d4-0", "d3-1", "d3-0"]),
    ("dyad=PAK-USA", ["d4-0", "d3-1", "d3-0"]),
    ("dyad=RUS,PAK&since=2019", ["evil-0", "d5-0"]),
    ("code=05&until=2015", ["d1-0", "d1-1"]),
    ("code=16", ["d3-0"]),
    ("quad_class=4", ["d3-0"]),
    ("factuality=hypothetical", ["d3-1"]),
    ("q=UNITED states", ["d4-0", "d3-0"]),
    ("q=100%25", ["evil-0"]),
    ("q=%25", ["evil-0"]),
    ("q=_", ["evil-0"]),
    ("q=sure_thing", ["evil-0"]),
    ("q=' OR '1'='1", []),
    ("doc=d3", ["d3-1", "d3-0"]),
    ("sort=goldstein&order=asc&limit=2", ["d3-0", "d2-0"]),
    ("limit=2&offset=2", ["d4-0", "d3-1"]),
])
def test_events_filters(client: TestClient, query: str, ids: list[str]) -> None:
    data = _ok(client, f"/api/events?{query}")
    assert [e["event_id"] for e in data["events"]] == ids


def test_events_page_has_a_total(client: TestClient) -> None:
    data = _ok(client, "/api/events?limit=3&offset=1")
    assert (data["total"], data["limit"], data["offset"], len(data["events"])) == (8, 3, 1, 3)


@pytest.mark.parametrize("query", ["limit=501", "limit=0", "offset=-1", "sort=sentence", "sort=1;DROP TABLE events",
                                   "order=sideways", "quad_class=5", "since=yesterday", "code=05'"])
def test_events_rejects_bad_parameters(client: TestClient, query: str) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    assert response.json()["ok"] is False and response.json()["error"]


@pytest.mark.parametrize("path", ["/api/events?offset={}", "/api/documents?offset={}", "/api/dyads?min_events={}",
                                  "/api/clusters?min_documents={}"])
def test_huge_offsets_and_counts_are_refused_not_a_crash(client: TestClient, path: str) -> None:
    # schemathesis found /api/documents?offset=9223372036854775808: DuckDB's OFFSET is a BIGINT, so it
    # was a 500; counts past 2**127 failed the same way
    assert _ok(client, path.format(web.MAX_INT))
    for number in (web.MAX_INT + 1, 2**63, 10**40):
        response = client.get(path.format(number))
        assert response.status_code == 422, response.text
        assert "less than or equal to 4611686018427387904" in response.json()["error"]


def test_event_marks_point_at_the_words(client: TestClient) -> None:
    event = _ok(client, "/api/events?doc=d3&factuality=asserted")["events"][0]
    words = {m["kind"]: event["sentence"][m["start"]:m["end"]] for m in event["marks"]}
    assert words == {"source": "United States", "event": "suspended", "target": "Pakistan"}
    assert (event["label"], event["source_name"], event["sentence_start"]) == (
        "Reduce or stop material aid", "United States", 0)


def test_marks_in_a_later_sentence_use_its_offset(client: TestClient) -> None:
    event = _ok(client, "/api/events?factuality=hypothetical")["events"][0]
    words = {m["kind"]: event["sentence"][m["start"]:m["end"]] for m in event["marks"]}
    assert words == {"source": "Washington", "event": "praise", "target": "Pakistan"}
    assert event["sentence_start"] == len("The United States suspended aid to Pakistan. ")


# -- dyads, network, clusters ---------------------------------------------------------------------

def test_dyads_ranked_with_index_trend_and_verdict(client: TestClient) -> None:
    data = _ok(client, "/api/dyads")
    assert [d["dyad"] for d in data["dyads"]] == ["PAK-RUS", "PAK-USA", "IND-PAK"]
    first = data["dyads"][0]
    assert set(first) >= {"a", "b", "events", "index", "trend", "verdict"}
    assert first["verdict"] in ("improving", "deteriorating", "stable", "insufficient")
    assert data["names"]["PAK"] == "Pakistan"
    by_change = _ok(client, "/api/dyads?rank=change")
    assert sorted(d["dyad"] for d in by_change["dyads"]) == ["IND-PAK", "PAK-RUS", "PAK-USA"]


def test_one_dyad(client: TestClient) -> None:
    data = _ok(client, "/api/dyads/usa/pak")
    assert (data["a"], data["b"], data["events"]) == ("USA", "PAK", 2)
    assert [p["label"] for p in data["series"]] == ["2017", "2018"]
    assert data["series"][0]["material_conflict"] == 1
    assert data["evidence_total"] == 3  # the hypothetical one is evidence, not counted in the index
    assert [e["event_id"] for e in data["evidence"]] == ["d3-0", "d3-1", "d4-0"]
    assert all(e["marks"] for e in data["evidence"])
    assert data["verdict"] in ("improving", "deteriorating", "stable", "insufficient")


def test_one_dyad_needs_two_actors(client: TestClient) -> None:
    response = client.get("/api/dyads/USA/USA")
    assert response.status_code == 400
    assert response.json() == {"ok": False, "error": "a dyad needs two different actor codes such as USA and PAK; "
                                                     "got 'USA' and 'USA'"}


def test_network(client: TestClient) -> None:
    data = _ok(client, "/api/network")
    assert data["nodes"] == ["IND", "PAK", "RUS", "USA"]
    assert {(e["a"], e["b"]) for e in data["edges"]} == {("IND", "PAK"), ("PAK", "RUS"), ("PAK", "USA")}
    assert set(data["layout"]) == set(data["nodes"])


def test_clusters_when_not_clustered(client: TestClient) -> None:
    assert _ok(client, "/api/clusters") == {"ok": True, "available": False, "clusters": []}


def test_clusters_from_event_cluster_ids(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("UPDATE events SET cluster = 'c1' WHERE event_id IN ('d1-0', 'd5-0')")
    con.close()
    with TestClient(web.create_app(db)) as client:
        data = _ok(client, "/api/clusters")
    assert data["available"] is True
    assert [(c["cluster"], c["n_mentions"], c["n_documents"]) for c in data["clusters"]] == [("c1", 2, 2)]


def test_clusters_from_the_clusters_table(db: Path) -> None:
    con = duckdb.connect(str(db))                  # the store's migrations made the clusters tables
    con.execute("UPDATE events SET cluster = 'c1' WHERE event_id IN ('d1-0', 'd5-0')")
    con.execute("INSERT INTO clusters (cluster, source, target, cameo_root, cameo, date, n_mentions, n_documents, "
                "n_outlets, first_reported, last_reported, first_event) VALUES ('c1', 'RUS', 'PAK', '05', '057', "
                "'2015-10', 2, 2, 1, '2015-10-12', '2019-02-01', 'd1-0')")
    con.close()
    with TestClient(web.create_app(db)) as client:
        data = _ok(client, "/api/clusters?dyad=PAK-RUS")
    assert data["available"] is True
    assert [(c["cluster"], c["n_documents"], c["first_reported"]) for c in data["clusters"]] == [
        ("c1", 2, "2015-10-12")]


# -- documents and actors -------------------------------------------------------------------------

def test_documents_list(client: TestClient) -> None:
    data = _ok(client, "/api/documents?limit=2")
    assert data["total"] == 6
    assert [d["id"] for d in data["documents"]] == ["evil", "d5"]
    assert _ok(client, "/api/documents?q=shelling")["documents"][0]["id"] == "d2"


def test_one_document(client: TestClient) -> None:
    data = _ok(client, "/api/documents/d1")
    assert data["document"]["title"] == "Deal signed" and data["document"]["outlet"] == "The Herald"
    assert "path" not in data["document"] and "content_hash" not in data["document"]
    assert [s["text"] for s in data["sentences"]] == ["Russia signed a deal with Pakistan.", "Islamabad welcomed it."]
    assert [e["event_id"] for e in data["events"]] == ["d1-0", "d1-1"]


def test_missing_document_is_404(client: TestClient) -> None:
    response = client.get("/api/documents/nope")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no document 'nope' in this store; list them at /api/documents"}


def test_actor(client: TestClient) -> None:
    data = _ok(client, "/api/actors/pak")
    assert (data["code"], data["name"], data["events"], data["as_target"]) == ("PAK", "Pakistan", 8, 6)
    assert [(p["partner"], p["events"]) for p in data["partners"]] == [("RUS", 4), ("USA", 3), ("IND", 1)]
    assert {d["dyad"] for d in data["dyads"]} == {"PAK-RUS", "PAK-USA", "IND-PAK"}
    assert len(data["recent"]) == 8


def test_unknown_actor_is_404(client: TestClient) -> None:
    assert client.get("/api/actors/ZZZ").status_code == 404


# -- coding a pasted text -------------------------------------------------------------------------

def test_code_a_text_without_storing_it(db: Path) -> None:
    calls: list[int] = []
    with TestClient(web.create_app(db, nlp_loader=_loader(_FakeCoder(), calls))) as client:
        text = "Talks went on. Russia signed a deal with Pakistan on Monday."
        response = client.post("/api/code", json={"text": text, "published": "2018-10-11"})
        assert response.status_code == 200, response.text
        client.post("/api/code", json={"text": "Again."})
        total = _ok(client, "/api/stats")["events"]
    data = response.json()
    assert calls == [1]  # the model loads once, on first use
    assert total == 8    # nothing stored
    event = data["events"][0]
    assert event["sentence_start"] == text.index("Russia")
    assert {m["kind"]: event["sentence"][m["start"]:m["end"]] for m in event["marks"]} == {
        "source": "Russia", "event": "signed", "target": "Pakistan"}
    reasons = {r["step"]: r["reason"] for r in event["explain"]}
    assert reasons["event"] == "verb pattern sign_agreement fired on “signed” → CAMEO 057 Sign formal agreement"
    assert reasons["date"] == "2018-10-08 (relative, cue “on Monday”)"
    assert reasons["source"] == "RUS from “Russia” (via name)"


def test_code_bounds_the_text(client: TestClient) -> None:
    response = client.post("/api/code", json={"text": "x" * (web.MAX_TEXT + 1)})
    assert response.status_code == 413
    assert response.json() == {"ok": False, "error": "the text has 20,001 characters; the limit is 20,000"}
    assert client.post("/api/code", content=b"{" + b" " * web.MAX_BODY + b"}",
                       headers={"content-type": "application/json"}).status_code == 413
    assert client.post("/api/code", json={"text": "  "}).status_code == 400
    assert client.post("/api/code", json={"text": "a", "published": "soon"}).status_code == 422


def test_code_bounds_the_time(db: Path) -> None:
    app = web.create_app(db, nlp_loader=_loader(_FakeCoder(delay=1.0)), code_timeout=0.1)
    with TestClient(app) as client:
        response = client.post("/api/code", json={"text": "Russia signed a deal with Pakistan."})
    assert response.status_code == 504
    assert response.json() == {"ok": False, "error": "coding took longer than 0.1 s; send a shorter text"}


def test_lone_surrogates_in_a_posted_text_become_replacement_characters(client: TestClient) -> None:
    # JSON may escape a lone surrogate ("\\ud800"); Python decodes it, UTF-8 cannot encode it, and
    # coding the text (or an error echoing it) was a 500
    response = client.post("/api/code", content=b'{"text": "Russia signed \\ud800 a deal.", "published": "2018-10-11"}',
                           headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    assert response.json()["text"] == "Russia signed \ufffd a deal."
    assert response.json()["events"][0]["trigger"] == "signed"
    for body in (b'{"\\ud800": 1}', b'"\\udc80"', b'{"text": "a", "published": "\\ud800"}'):
        response = client.post("/api/code", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 422, response.text
        assert "\ufffd" in response.text


# -- storing a posted article ---------------------------------------------------------------------

def test_ingest_is_off_unless_allowed(client: TestClient) -> None:
    response = client.post("/api/ingest", json={"text": "Russia signed a deal with Pakistan."})
    assert response.status_code == 403
    assert "--allow-ingest" in response.json()["error"]


def test_ingest_stores_an_article(db: Path) -> None:
    import spacy

    from detente.actors import ActorDictionary
    from detente.patterns import VerbPatterns
    from detente.pipeline import build_coder

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    coder = build_coder(nlp, actors=ActorDictionary.load(TINY), patterns=VerbPatterns.load(TINY / "verbs.jsonl"))
    app = web.create_app(db, allow_ingest=True, nlp_loader=lambda: (nlp, coder))
    with TestClient(app) as client:
        response = client.post("/api/ingest", json={"text": HOSTILE, "id": "posted", "title": "Posted",
                                                    "published": "2020-01-02"})
        assert response.status_code == 200, response.text
        assert response.json() == {"ok": True, "id": "posted", "events": 0, "url": "/documents/posted"}
        stored = _ok(client, "/api/documents/posted")
    assert stored["document"]["text"] == HOSTILE and stored["document"]["published"] == "2020-01-02"
    assert [s["text"] for s in stored["sentences"]] == ["Russia praised Pakistan 100% as a sure_thing.",
                                                       "<script>alert(1)</script> was posted."]


def test_ingest_replaces_lone_surrogates(db: Path) -> None:
    from detente.actors import ActorDictionary
    from detente.patterns import VerbPatterns
    from detente.pipeline import build_coder

    nlp, _ = _loader(None)()
    coder = build_coder(nlp, actors=ActorDictionary.load(TINY), patterns=VerbPatterns.load(TINY / "verbs.jsonl"))
    app = web.create_app(db, allow_ingest=True, nlp_loader=lambda: (nlp, coder))
    with TestClient(app) as client:
        response = client.post("/api/ingest", content=b'{"text": "Russia signed \\udc80 a deal.", "id": "s\\ud800", '
                                                      b'"title": "\\udfff"}', headers={"content-type": "application/json"})
        assert response.status_code == 200, response.text
        assert response.json()["id"] == "s\ufffd"
        stored = _ok(client, "/api/documents/s%EF%BF%BD")["document"]
    assert (stored["text"], stored["title"]) == ("Russia signed \ufffd a deal.", "\ufffd")


def test_allow_ingest_creates_a_missing_database(tmp_path: Path) -> None:
    with TestClient(web.create_app(tmp_path / "new.duckdb", allow_ingest=True)) as client:
        assert _ok(client, "/api/stats")["documents"] == 0


def test_missing_database_fails_at_start(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        web.create_app(tmp_path / "missing.duckdb")


# -- the single-writer rule -----------------------------------------------------------------------

def test_busy_while_a_writer_holds_the_file_in_this_process(client: TestClient, db: Path) -> None:
    writer = duckdb.connect(str(db))
    try:
        response = client.get("/api/dyads")
    finally:
        writer.close()
    assert response.status_code == 503
    assert response.json() == {"ok": False, "error": web.BUSY}
    assert client.get("/api/dyads").status_code == 200


def test_busy_while_another_process_writes(db: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               f"con = duckdb.connect({str(db)!r})\nprint('ready', flush=True)\ntime.sleep(30)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with TestClient(web.create_app(db, lock_wait=0.2)) as client:
            started = time.monotonic()
            response = client.get("/api/events")
            waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert response.status_code == 503
    assert response.json() == {"ok": False, "error": "the database is busy (an ingest is writing); retry shortly"}
    assert 0.2 <= waited < 5


# -- pages, headers, schema, helpers --------------------------------------------------------------

@pytest.mark.parametrize(("path", "needle"), [
    ("/", 'data-page="overview"'),
    ("/dyads/usa/pak", 'data-a="USA" data-b="PAK"'),
    ("/documents", 'data-page="documents"'),
    ("/documents/d1", 'data-doc="d1"'),
    ("/actors/pak", 'data-code="PAK"'),
    ("/search?q=deal", 'value="deal"'),
    ("/code", 'id="code-form"'),
])
def test_pages_are_thin_templates(client: TestClient, path: str, needle: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert needle in response.text
    assert '<script src="/static/dashboard.js" defer></script>' in response.text


def test_pages_escape_what_they_are_given(client: TestClient) -> None:
    response = client.get("/documents/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>" not in client.get('/search?q="><script>alert(1)</script>').text.replace(
        '<script src="/static/dashboard.js" defer></script>', "")


def test_store_button_only_with_allow_ingest(db: Path, client: TestClient) -> None:
    assert 'id="code-store"' not in client.get("/code").text
    with TestClient(web.create_app(db, allow_ingest=True)) as allowed:
        assert 'id="code-store"' in allowed.get("/code").text


def test_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/dyads", "/static/dashboard.js"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_plotly_is_served_from_the_installed_package(client: TestClient) -> None:
    pytest.importorskip("plotly")
    response = client.get("/vendor/plotly.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert len(response.content) > 1_000_000


def test_static_files(client: TestClient) -> None:
    assert client.get("/static/app.css").status_code == 200
    script = client.get("/static/dashboard.js").text
    assert ".innerHTML" not in script and "eval(" not in script


def test_unknown_page_is_an_html_404(client: TestClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404 and "No such page." in response.text


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert paths == {"/api/stats", "/api/events", "/api/dyads", "/api/dyads/{a}/{b}", "/api/network", "/api/clusters",
                     "/api/documents", "/api/documents/{doc_id}", "/api/actors/{code}", "/api/code", "/api/ingest"}


def test_get_prints_one_response(db: Path) -> None:
    text = web.get(db, "/api/events?actor=IND")
    assert text.startswith('{\n  "ok": true,\n  "total": 1,')
    with pytest.raises(DetenteError, match=r"^GET /api/documents/nope: 404 no document 'nope'"):
        web.get(db, "/api/documents/nope")


def test_serve_binds_to_localhost_by_default(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import inspect

    import uvicorn

    from detente import cli

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    web.serve(db)
    assert calls[0]["host"] == "127.0.0.1"
    assert inspect.signature(cli.serve).parameters["host"].default == "127.0.0.1"


@pytest.mark.slow
def test_code_with_the_real_model(db: Path, nlp: Any, coder: Any) -> None:
    with TestClient(web.create_app(db, nlp_loader=lambda: (nlp, coder))) as client:
        response = client.post("/api/code", json={"text": "Russia and Pakistan signed a defence agreement on Monday.",
                                                  "published": "2018-10-11"})
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    assert {(e["source"][:3], e["target"][:3], e["cameo"]) for e in events} >= {("RUS", "PAK", "057")}
    assert all(any(m["kind"] == "event" for m in e["marks"]) for e in events)
    assert all(e["explain"] for e in events)
