"""Property-based tests: arbitrary bytes, text and JSON Lines through reading, coding and storing.

Reading is fuzzed without the model (fast); coding and the whole ingest use the session model
(slow). Every run is bounded (at most 100 examples, no deadline, no example database), so the
suite stays quick and repeatable.
"""
from __future__ import annotations

import codecs
import json
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.errors import IngestError
from detente.ingest import read_articles
from detente.models import Article, Event
from detente.store import Store

BOUNDED = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# --- strategies ------------------------------------------------------------------------------

ACTORS = ["Chile", "Peru", "Japan", "China", "the United States", "Russia", "President Putin", "NATO",
          "the UN", "Pakistan's", "Indian", "they", "the two countries", "both sides", "it", "Moscow"]
VERBS = [" signed a deal with ", " accused ", " met ", " imposed sanctions on ", " did not attack ",
         " will visit ", " praised ", " urged ", " condemned ", " said ", " agreed to sell jets to ",
         " may threaten ", " rejected the offer from ", " and "]
PUNCTUATION = [".", ". ", "!", "?", "\n", "\n\n", "\r\n", "\r", "\t", "  ", ",", ";", "—", '"', "'", "(", ")",
               "...", "$2 billion", " on Monday", " in 2015", " yesterday", "By Jane Doe\n",
               "Published in Daily Times, October 11th 2018.", "2018-02-30"]
ODD = ["\x00", "\x0c", "\x85", "\u2028", "\u00a0", "\u200b", "\ufeff", "\u0301", "e\u0301", "\U0001F1E8\U0001F1F1",
       "\U0001F600", "\ufb01", "\u0130", "\u00df", "\u202e", "\u216b", "\u0663", "\ufffd", "\u3000", "\ud7ff"]
FRAGMENTS = ACTORS + VERBS + PUNCTUATION + ODD

ENDS = [". ", ".\n", "! ", "? ", ".", " on Monday. ", ", officials said.\n\n", " in 2015.\r\n", "\u2028"]
noise = st.one_of(st.just(""), st.just(""), st.sampled_from(PUNCTUATION + ODD), st.text(max_size=3))
clause = st.tuples(st.sampled_from(ACTORS), noise, st.sampled_from(VERBS), noise, st.sampled_from(ACTORS),
                   st.sampled_from(ENDS)).map("".join)
news_text = st.lists(st.one_of(clause, clause, st.sampled_from(FRAGMENTS), st.text(max_size=8)),
                     max_size=25).map("".join)
"""Text that is part news (actor, verb, actor, sentence end; noise inside) and part anything
Unicode allows."""

lone_surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=12), news_text, st.sampled_from(["2018-10-11", "2018-02-30", "",
                                                                           "2018-10-11T09:00:00Z", "11 Oct 2018"]))
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
FIELDS = ["id", "text", "title", "published", "url", "outlet", "author"]
records = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=7) | st.fixed_dictionaries(
    {"id": st.one_of(st.integers(0, 9), st.text(min_size=1, max_size=6)),
     "text": st.one_of(news_text, st.lists(st.one_of(st.text(max_size=4), lone_surrogates)).map("".join))},
    optional={"published": json_scalars, "title": json_values})


@st.composite
def json_lines(draw: st.DrawFn) -> list[str]:
    """Lines of a JSON Lines file: records (escaped as ASCII or not), any JSON, or any text."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["record", "record", "value", "text"]))
        if kind == "text":
            lines.append(draw(st.text(st.characters(exclude_characters="\n\x00"), max_size=30)))
        else:
            value = draw(records if kind == "record" else json_values)
            lines.append(json.dumps(value, ensure_ascii=draw(st.booleans())))
    return lines


SUFFIXES = [".txt", ".text", ".html", ".htm", ".jsonl", ".json", ".xml", ""]
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
HTML_BITS = ["<html>", "<head>", "<body>", "<p>", "</p>", "<article>", "</article>", "<script>", "</script>",
             "<style>", "<noscript>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xD800;", "<br/>",
             "<meta charset='latin-1'>", "<?xml version='1.0'?>", "<title>", "</title>", "<h1>", "<table><tr><td>"]
html_text = st.lists(st.one_of(st.sampled_from(HTML_BITS + FRAGMENTS), st.text(max_size=6)), max_size=40).map("".join)
file_bytes = st.one_of(
    st.binary(max_size=3000),
    st.builds(lambda bom, data: bom + data, st.sampled_from(BOMS), st.binary(max_size=300)),
    st.builds(lambda text, codec: text.encode(codec, errors="replace"), st.one_of(news_text, html_text),
              st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"])),
    json_lines().map(lambda lines: "\n".join(lines).encode("utf-8", errors="surrogatepass")),
)


# --- checks ----------------------------------------------------------------------------------


def check_article(article: Article) -> None:
    assert article.id.strip() and article.text.strip()
    for value in (article.id, article.text, article.title, article.url, article.outlet, article.author,
                  article.path):
        if value is not None:
            value.encode("utf-8")  # no lone surrogates: everything read can be stored and printed


def check_error(error: IngestError, path: str) -> None:
    assert error.path == path and str(error).startswith(path)
    assert "\n" not in str(error)
    str(error).encode("utf-8")


def check_offsets(text: str, sentences: list[tuple[int, int, str]], events: list[Event]) -> None:
    for start, end, sentence in sentences:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == sentence
    for event in events:
        assert 0 <= event.start < event.end <= len(text), event
        assert text[event.start:event.end] == event.trigger, event
        assert 0 <= event.sent_index < len(sentences), event
        start, end, _ = sentences[event.sent_index]
        assert start <= event.start and event.end <= end, (event, sentences[event.sent_index])


def in_file(data: bytes, suffix: str, test: Callable[[Path], None]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        test(path)


# --- reading (fast) --------------------------------------------------------------------------


@settings(BOUNDED, max_examples=100)
@given(file_bytes, st.sampled_from(SUFFIXES))
def test_read_articles_survives_arbitrary_bytes(data: bytes, suffix: str) -> None:
    def test(path: Path) -> None:
        errors: list[IngestError] = []
        for article in read_articles([path], on_error=errors.append):
            check_article(article)
            assert article.path == str(path)
        for error in errors:
            check_error(error, str(path))

    in_file(data, suffix, test)


@settings(BOUNDED, max_examples=100)
@given(json_lines())
def test_every_json_line_is_an_article_or_an_error(lines: list[str]) -> None:
    def test(path: Path) -> None:
        errors: list[IngestError] = []
        articles = list(read_articles([path], on_error=errors.append))
        for article in articles:
            check_article(article)
        for error in errors:
            check_error(error, str(path))
        content = [n for n, line in enumerate(lines, 1) if line.strip()]
        if content and lines[content[0] - 1].strip() in ("[", "{"):  # a pretty-printed document: one error
            assert (articles, [e.line for e in errors]) == ([], [None])
        else:
            assert len(articles) + len(errors) == len(content)
            assert {e.line for e in errors} <= set(content)

    in_file("\n".join(lines).encode("utf-8", errors="surrogatepass"), ".jsonl", test)


# --- coding and storing (slow: the model) ----------------------------------------------------


@pytest.mark.slow
@settings(BOUNDED, max_examples=80)
@given(news_text, st.booleans(), st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
def test_coding_any_text_keeps_offsets_inside_the_document(nlp: Any, coder: Any, text: str, prefilter: bool,
                                                           published: date | None) -> None:
    from detente.pipeline import code_articles

    article = Article(id="fuzz", text=text, published=published)
    [coded] = code_articles([article], nlp=nlp, coder=coder, prefilter=prefilter)
    assert coded.article == article
    check_offsets(text, coded.sentences, coded.events)


@pytest.mark.slow
@settings(BOUNDED, max_examples=50)
@given(json_lines())
def test_ingesting_any_json_lines_stores_whole_documents(nlp: Any, coder: Any, lines: list[str]) -> None:
    from detente.pipeline import ingest

    def test(path: Path) -> None:
        with Store(":memory:") as store:
            report = ingest([str(path)], store, nlp=nlp, coder=coder, batch_size=2)
            read = {a.id: a for a in read_articles([path], on_error=lambda e: None)}
            docs = {r["id"]: r for r in store.query("SELECT id, text, n_sentences FROM documents")}
            assert set(docs) == set(read) and report.stored == len(read)
            assert store.counts()["errors"] == len(report.errors)
            for doc_id, doc in docs.items():
                assert doc["text"] == read[doc_id].text
                sentences = [(r["start"], r["end"], r["text"]) for r in store.query(
                    'SELECT start, "end", text FROM sentences WHERE doc = ? ORDER BY idx', [doc_id])]
                assert len(sentences) == doc["n_sentences"]
                events = [Event(**{k: r[k] for k in ("doc", "sent_index", "source", "target", "cameo",
                                                     "goldstein", "quad_class", "plover", "factuality",
                                                     "sentence", "source_text", "target_text", "start", "end",
                                                     "rule", "trigger")})
                          for r in store.query("SELECT * FROM events WHERE doc = ?", [doc_id])]
                check_offsets(doc["text"], sentences, events)

    in_file("\n".join(lines).encode("utf-8", errors="surrogatepass"), ".jsonl", test)
