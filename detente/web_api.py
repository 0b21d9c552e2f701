"""The JSON API under ``/api``: the ``api`` router that ``web.create_app`` includes.

Every dashboard page's data comes from these endpoints. Event rows come back as plain values with
their CAMEO label, actor names and the spans to highlight in their sentence (``_event``);
``POST /api/code`` adds the reasons each event was coded. The limits (``MAX_LIMIT``, ``MAX_TEXT``,
...) and the store opened per request are in ``web_state``.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from typing import Annotated, Any, Literal, get_args

from fastapi import APIRouter, Path as PathParam, Query
from pydantic import BaseModel, Field, field_validator
from starlette.exceptions import HTTPException

from . import analytics, exports
from .errors import DetenteError
from .models import Article
from .store import Store
from .web_state import MAX_INT, MAX_LIMIT, MAX_TEXT, SURROGATE, WRITE_WAIT, StoreDep, WebDep, _Web, _open

Sort = Literal["date", "published", "goldstein", "quad_class", "cameo", "source", "target", "doc", "factuality",
              "event_id"]
SORTS: tuple[str, ...] = get_args(Sort)
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Since = Annotated[str | None, Query(pattern=DATE, description="event date from (YYYY, YYYY-MM or YYYY-MM-DD)")]
Until = Annotated[str | None, Query(pattern=DATE, description="event date until (prefix-compared)")]
By = Annotated[Literal["day", "week", "month", "quarter", "year"], Query(description="period of the series")]
Count = Annotated[Literal["clusters", "mentions"], Query(
    description="count one unit per real-world event (clusters) or every report (mentions)")]


# -- rows -----------------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value


def _row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _plain(value) for key, value in row.items()}


def _find(sentence: str, text: str | None, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first occurrence of ``text`` in ``sentence`` (whole words) that overlaps no taken span."""
    if not text:
        return None
    for flags in (0, re.IGNORECASE):
        for m in re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", sentence, flags):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                return m.start(), m.end()
    return None


def _marks(event: dict[str, Any], sentence_start: int | None) -> list[dict[str, Any]]:
    """Spans to highlight in ``event["sentence"]``: the event word (from the event's document offsets
    and the sentence's) and the source and target words; offsets are into the sentence."""
    sentence = str(event.get("sentence") or "")
    taken: list[tuple[int, int]] = []
    found: list[dict[str, Any]] = []
    start, end = event.get("start"), event.get("end")
    span: tuple[int, int] | None = None
    if sentence_start is not None and isinstance(start, int) and isinstance(end, int):
        s, e = start - sentence_start, end - sentence_start
        span = (s, e) if 0 <= s < e <= len(sentence) else None
    span = span or _find(sentence, event.get("trigger"), taken)
    if span:
        taken.append(span)
        found.append({"start": span[0], "end": span[1], "kind": "event"})
    for kind in ("source", "target"):
        span = _find(sentence, event.get(f"{kind}_text"), taken)
        if span:
            taken.append(span)
            found.append({"start": span[0], "end": span[1], "kind": kind})
    return sorted(found, key=lambda m: m["start"])


def _event(web: _Web, row: dict[str, Any]) -> dict[str, Any]:
    """An event row as the API returns it: plain values, its CAMEO label, actor names and marks."""
    out = _row(row)
    out["label"] = web.labels.get(str(out.get("cameo")))
    out["source_name"], out["target_name"] = web.name(out.get("source")), web.name(out.get("target"))
    out["marks"] = _marks(out, out.get("sentence_start"))
    return out


def _event_query(where: exports.EventFilter, extra: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    clause, params = where.where()
    for sql, values in extra:
        clause += (" AND " if clause else " WHERE ") + sql
        params += values
    return clause, params


def _select_events(store: Store, clause: str, params: list[Any], *, sort: str = "date", order: str = "desc",
                   limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Events with the start of their sentence (from the sentences table); ``sort`` is from SORTS."""
    if sort not in SORTS:
        raise DetenteError(f"sort must be one of {', '.join(SORTS)}; got {sort!r}")
    direction = "DESC" if order == "desc" else "ASC"
    cols = ", ".join(f'"{c}"' for c in exports.EXPORT_COLUMNS)
    sql = (f"SELECT e.*, s.start AS sentence_start FROM (SELECT {cols} FROM events{clause} "
           f'ORDER BY "{sort}" {direction} NULLS LAST, event_id LIMIT ? OFFSET ?) e '
           "LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sent_index "
           f'ORDER BY e."{sort}" {direction} NULLS LAST, e.event_id')
    return store.query(sql, [*params, limit, offset])


def _like(text: str) -> str:
    return "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"


def _count(store: Store, sql: str, params: list[Any]) -> int:
    return int(store.query(sql, params)[0]["n"])


def _has_table(store: Store, name: str) -> bool:
    return _count(store, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ? AND NOT temporary",
                  [name]) > 0


def _dyad(text: str | None) -> tuple[str, str] | None:
    if not text:
        return None
    parts = [p for p in re.split(r"[-,\s]+", text.upper()) if p]
    if len(parts) != 2:
        raise DetenteError(f"dyad wants two actor codes like USA-PAK; got {text!r}")
    return parts[0], parts[1]


# -- the JSON API ---------------------------------------------------------------------------------

api = APIRouter(prefix="/api", tags=["api"])


@api.get("/stats", summary="Counts of documents, sentences, events and the span of event dates")
def stats(store: StoreDep) -> dict[str, Any]:
    span = store.query("SELECT min(date) AS first, max(date) AS last FROM events WHERE date IS NOT NULL")[0]
    return {"ok": True, **store.counts(), "first": span["first"], "last": span["last"]}


@api.get("/events", summary="Coded events, filtered, searched, sorted and paged")
def events(store: StoreDep, web: WebDep,
           actor: Annotated[str | None, Query(description="source or target code prefix, e.g. PAK")] = None,
           dyad: Annotated[str | None, Query(description="two codes, either direction, e.g. USA-PAK")] = None,
           code: Annotated[str | None, Query(pattern=r"^\d{1,4}$", description="CAMEO code prefix, e.g. 05")] = None,
           quad_class: Annotated[int | None, Query(ge=1, le=4, description="1 verbal cooperation, 2 material "
                                                   "cooperation, 3 verbal conflict, 4 material conflict")] = None,
           factuality: Annotated[str | None, Query(description="asserted, negated, hypothetical, ...")] = None,
           since: Since = None, until: Until = None,
           q: Annotated[str | None, Query(max_length=200, description="text in the sentence (any case)")] = None,
           doc: Annotated[str | None, Query(description="document id")] = None,
           limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
           offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
           sort: Annotated[Sort, Query(description="column to sort by")] = "date",
           order: Annotated[Literal["asc", "desc"], Query()] = "desc") -> dict[str, Any]:
    where = exports.EventFilter(actor=actor, dyad=_dyad(dyad), code=code, since=since, until=until,
                                factuality=factuality, doc=doc)
    extra: list[tuple[str, list[Any]]] = [("quad_class = ?", [quad_class])] if quad_class else []
    if q:
        extra.append(("sentence ILIKE ? ESCAPE '\\'", [_like(q)]))
    clause, params = _event_query(where, extra)
    rows = _select_events(store, clause, params, sort=sort, order=order, limit=limit, offset=offset)
    return {"ok": True, "total": _count(store, f"SELECT count(*) AS n FROM events{clause}", params),
            "limit": limit, "offset": offset, "events": [_event(web, r) for r in rows]}


@api.get("/dyads", summary="Every state dyad with its relation index, trend and verdict, ranked")
def dyads(store: StoreDep, web: WebDep,
          rank: Annotated[Literal["index", "change"], Query(description="highest index first, or largest "
                                                            "|trend| first")] = "index",
          by: By = "year", since: Since = None, until: Until = None, count: Count = "clusters",
          min_events: Annotated[int, Query(ge=1, le=MAX_INT)] = 1,
          limit: Annotated[int | None, Query(ge=1, le=1000)] = None) -> dict[str, Any]:
    table = analytics.relations(store, by_change=rank == "change", by=by, since=since, until=until, count=count,
                                min_events=min_events, limit=limit)
    rows = analytics.records(table)
    return {"ok": True, "rank": rank, "by": by, "count": count, "dyads": rows,
            "names": {c: web.name(c) for r in rows for c in (r["a"], r["b"])}}


@api.get("/dyads/{a}/{b}", summary="One dyad: index, trend, verdict, series by quad class and the evidence")
def dyad(store: StoreDep, web: WebDep, a: str, b: str, by: By = "year", since: Since = None, until: Until = None,
         count: Count = "clusters",
         factuality: Annotated[str, Query(description="events counted in the index; 'any' for all")] = "asserted",
         evidence_limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 200) -> dict[str, Any]:
    report = analytics.dyad_summary(store, a, b, by=by, since=since, until=until, count=count,
                                    factuality=None if factuality == "any" else factuality)
    clause, params = exports.EventFilter(dyad=(report.a, report.b), since=since, until=until).where()
    rows = _select_events(store, clause, params, sort="date", order="asc", limit=evidence_limit)
    return {"ok": True, **report.to_dict(), "names": {report.a: web.name(report.a), report.b: web.name(report.b)},
            "factuality": factuality,
            "evidence_total": _count(store, f"SELECT count(*) AS n FROM events{clause}", params),
            "evidence": [_event(web, r) for r in rows]}


@api.get("/network", summary="States as nodes, net cooperation (sum of Goldstein scores) as edge weights")
def network(store: StoreDep, web: WebDep, since: Since = None, until: Until = None,
            count: Count = "clusters") -> dict[str, Any]:
    net = analytics.network(store, since=since, until=until, count=count)
    return {"ok": True, **net.to_dict(), "layout": _layout(net), "names": {n: web.name(n) for n in net.nodes}}


def _layout(net: analytics.Network) -> dict[str, list[float]]:
    """Node positions for drawing: Kamada–Kawai over every edge (spring layout past 300 states)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(net.nodes)
    graph.add_edges_from((e.a, e.b) for e in net.edges)
    if not net.nodes:
        return {}
    positions = nx.kamada_kawai_layout(graph) if len(net.nodes) <= 300 else nx.spring_layout(graph, seed=0)
    return {node: [round(float(x), 4), round(float(y), 4)] for node, (x, y) in positions.items()}


@api.get("/clusters", summary="Real-world events with the reports that corroborate them (when clustered)")
def clusters(store: StoreDep, dyad: Annotated[str | None, Query(description="e.g. USA-PAK")] = None,
             actor: str | None = None, code: Annotated[str | None, Query(pattern=r"^\d{1,4}$")] = None,
             min_documents: Annotated[int, Query(ge=1, le=MAX_INT)] = 1,
             limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100) -> dict[str, Any]:
    if _has_table(store, "clusters") and _count(store, "SELECT count(*) AS n FROM clusters", []) > 0:
        from . import clusters as clustering

        rows = clustering.clusters(store, actor=actor, dyad=_dyad(dyad), code=code, min_documents=min_documents,
                                   limit=limit)
        return {"ok": True, "available": True, "clusters": [_row(r) for r in rows]}
    clause, params = _event_query(exports.EventFilter(actor=actor, dyad=_dyad(dyad), code=code),
                                  [("cluster IS NOT NULL", [])])
    rows = store.query(
        f"SELECT cluster, arg_min(source, (published, event_id)) AS source, "
        f"arg_min(target, (published, event_id)) AS target, arg_min(cameo, (published, event_id)) AS cameo, "
        f"min(date) AS date, count(*) AS n_mentions, count(DISTINCT doc) AS n_documents, "
        f"min(published) AS first_reported, max(published) AS last_reported FROM events{clause} "
        "GROUP BY cluster HAVING count(DISTINCT doc) >= ? ORDER BY n_documents DESC, n_mentions DESC, cluster "
        "LIMIT ?", [*params, min_documents, limit])
    return {"ok": True, "available": bool(rows) or _count(
        store, "SELECT count(*) AS n FROM events WHERE cluster IS NOT NULL", []) > 0,
        "clusters": [_row(r) for r in rows]}


@api.get("/documents", summary="Stored documents, newest first, with their event counts")
def documents(store: StoreDep,
              q: Annotated[str | None, Query(max_length=200, description="text in the title or body")] = None,
              limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
              offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0) -> dict[str, Any]:
    clause, params = ("", []) if not q else (
        " WHERE (title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')", [_like(q)] * 2)
    rows = store.query(
        "SELECT d.id, d.title, d.published, d.outlet, d.author, d.url, d.n_sentences, "
        f"(SELECT count(*) FROM events e WHERE e.doc = d.id) AS events FROM documents d{clause} "
        "ORDER BY d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"ok": True, "total": _count(store, f"SELECT count(*) AS n FROM documents{clause}", params),
            "limit": limit, "offset": offset, "documents": [_row(r) for r in rows]}


@api.get("/documents/{doc_id:path}", summary="One document: metadata, text, sentences and events")
def document(store: StoreDep, web: WebDep, doc_id: Annotated[str, PathParam()]) -> dict[str, Any]:
    found = store.query("SELECT * EXCLUDE (content_hash, path) FROM documents WHERE id = ?", [doc_id])
    if not found:
        raise HTTPException(404, f"no document {doc_id!r} in this store; list them at /api/documents")
    sentences = store.query('SELECT idx, start, "end", text FROM sentences WHERE doc = ? ORDER BY idx', [doc_id])
    clause, params = exports.EventFilter(doc=doc_id).where()
    rows = _select_events(store, clause, params, sort="event_id", order="asc", limit=10_000)
    rows.sort(key=lambda r: (r["sent_index"], r["start"], r["event_id"]))
    return {"ok": True, "document": _row(found[0]), "sentences": sentences,
            "events": [_event(web, r) for r in rows]}


@api.get("/actors/{code}", summary="One actor: its events, partners, dyads and recent events")
def actor(store: StoreDep, web: WebDep, code: str) -> dict[str, Any]:
    code = code.strip().upper()
    involved = "(starts_with(source, ?) OR starts_with(target, ?))"
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {i}) AS {name}"
                      for i, name in enumerate(analytics.QUAD_COLUMNS, start=1))
    totals = store.query(
        "SELECT count(*) AS events, count(*) FILTER (WHERE starts_with(source, ?)) AS as_source, "
        f"count(*) FILTER (WHERE starts_with(target, ?)) AS as_target, {quads} FROM events WHERE {involved}",
        [code] * 4)[0]
    if not totals["events"] and not web.name(code):
        raise HTTPException(404, f"no actor {code!r}: no events and not in the actor dictionary")
    partners = store.query(
        "WITH p AS (SELECT CASE WHEN starts_with(source, ?) THEN target ELSE source END AS partner, goldstein, "
        f"quad_class FROM events WHERE {involved} AND NOT (starts_with(source, ?) AND starts_with(target, ?))) "
        f"SELECT substr(partner, 1, 3) AS partner, count(*) AS events, sum(goldstein) AS goldstein_sum, {quads} "
        "FROM p GROUP BY 1 ORDER BY events DESC, partner LIMIT 30", [code] * 5)
    clause, params = exports.EventFilter(actor=code).where()
    recent = _select_events(store, clause, params, sort="date", order="desc", limit=20)
    return {"ok": True, "code": code, "name": web.name(code), **totals,
            "partners": [{**_row(p), "name": web.name(p["partner"])} for p in partners],
            "dyads": [r for r in analytics.records(analytics.relations(store)) if code[:3] in (r["a"], r["b"])],
            "recent": [_event(web, r) for r in recent]}


class CodeRequest(BaseModel):
    """A text to code without storing it."""

    text: str = Field(description=f"the article or sentence, at most {MAX_TEXT:,} characters")
    published: date | None = Field(None, description="publication date, for resolving 'on Monday' etc.")

    @field_validator("*", mode="before")
    @classmethod
    def _without_lone_surrogates(cls, value: Any) -> Any:
        """Lone surrogates become U+FFFD, one character for one (so offsets hold), as in ``detente
        ingest``: before this, coding or storing such a text failed with a 500."""
        return SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


class IngestRequest(CodeRequest):
    """An article to code and store."""

    id: str | None = Field(None, max_length=200, description="document id (default: web- and a text hash)")
    title: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    author: str | None = Field(None, max_length=200)


def _checked(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise HTTPException(413, f"the text has {len(text):,} characters; the limit is {MAX_TEXT:,}")
    if not text.strip():
        raise HTTPException(400, "the text is empty; paste an article or a sentence")
    return text


@api.post("/code", summary="Code a text without storing it; every event with the reasons it was coded")
def code(body: CodeRequest, web: WebDep) -> dict[str, Any]:
    from .pipeline import explain_text

    text = _checked(body.text)
    nlp, coder = web.nlp_and_coder()
    result = web.bounded(lambda: explain_text(text, nlp=nlp, coder=coder, published=body.published))
    return {"ok": True, "text": text, "published": _plain(body.published),
            "events": [_explained(web, text, dict(e)) for e in result.events],
            "mentions": [_row(dict(m)) for m in result.mentions]}


def _explained(web: _Web, text: str, event: dict[str, Any]) -> dict[str, Any]:
    """A coded (unstored) event with its marks and its reasons, one line per coding step."""
    sentence = str(event.get("sentence") or "")
    starts = [m.start() for m in re.finditer(re.escape(sentence), text)] if sentence else []
    start = int(event.get("start") or 0)
    event["sentence_start"] = next((s for s in starts if s <= start < s + len(sentence)),
                                   starts[0] if starts else None)
    out = _event(web, event)
    out["explain"] = _reasons(out)
    return out


def _reasons(e: dict[str, Any]) -> list[dict[str, str]]:
    quad = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
    date_reason = f"{e.get('date') or 'unknown'} ({e.get('date_basis') or 'no date found'}"
    date_reason += f", cue “{e['date_cue']}”)" if e.get("date_cue") else ")"
    reasons = [
        ("event", f"verb pattern {e.get('rule')} fired on “{e.get('trigger')}” → CAMEO {e.get('cameo')} "
                  f"{e.get('label') or ''}".rstrip()),
        ("score", f"Goldstein {e.get('goldstein')}, quad class {e.get('quad_class')} "
                  f"({quad.get(e.get('quad_class') or 0, 'unknown')}), PLOVER {e.get('plover')}"),
        ("source", f"{e.get('source')} from “{e.get('source_text')}” (via {e.get('source_via') or 'name'})"),
        ("target", f"{e.get('target')} from “{e.get('target_text')}” (via {e.get('target_via') or 'name'})"),
        ("factuality", f"{e.get('factuality')}" + (f" (cue “{e['factuality_cue']}”)" if e.get("factuality_cue")
                                                   else " (no cue)")),
        ("date", date_reason),
    ]
    if e.get("quantity"):
        reasons.append(("quantity", f"{e['quantity']} ({e.get('quantity_value')} {e.get('quantity_unit') or ''})"
                        .replace(" )", ")")))
    return [{"step": step, "reason": reason} for step, reason in reasons]


@api.post("/ingest", summary="Code and store an article (only when the server runs with --allow-ingest)")
def ingest(body: IngestRequest, web: WebDep) -> dict[str, Any]:
    if not web.allow_ingest:
        raise HTTPException(403, "this server does not store articles; restart it with "
                                 "`detente serve --allow-ingest` to enable POST /api/ingest")
    from .pipeline import code_articles

    text = _checked(body.text)
    doc_id = body.id or "web-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    article = Article(id=doc_id, text=text, title=body.title, published=body.published, url=body.url,
                      outlet=body.outlet, author=body.author)
    nlp, coder = web.nlp_and_coder()
    coded = web.bounded(lambda: next(iter(code_articles([article], nlp=nlp, coder=coder))))
    with web.write_lock:
        store = _open(web.db, wait=max(web.lock_wait, WRITE_WAIT), read_only=False)
        try:
            store.add_documents([coded])
        finally:
            store.close()
    return {"ok": True, "id": doc_id, "events": len(coded.events), "url": f"/documents/{doc_id}"}
