"""detente's own pipeline: the one chain of steps (read -> parse -> code -> store) that the CLI,
batch runs and tests all call. Not to be confused with spaCy's ``nlp.pipeline``."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from spacy.language import Language

from .actors import ActorDictionary, ActorMatcher
from .cameo import CameoTable
from .coding import EventCoder
from .errors import IngestError
from .ingest import read_articles
from .models import Article
from .patterns import VerbPatterns
from .store import CodedDocument, Store, content_hash


def build_coder(nlp: Language, *, actors: ActorDictionary | None = None, patterns: VerbPatterns | None = None,
                cameo: CameoTable | None = None) -> EventCoder:
    """An EventCoder over the package's lexicons (or the ones given)."""
    cameo = cameo or CameoTable.load()
    actors = actors or ActorDictionary.load()
    patterns = patterns or VerbPatterns.load(codes=set(cameo.codes))
    matcher = ActorMatcher(actors, nlp.vocab, nlp.make_doc)
    return EventCoder(actors, patterns, cameo, matcher=matcher)


def code_articles(articles: Iterable[Article], *, nlp: Language, coder: EventCoder,
                  batch_size: int = 64) -> Iterator[CodedDocument]:
    """Parse and code articles, in order, one CodedDocument each."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        sentences = [(s.start_char, s.end_char, s.text) for s in doc.sents]
        yield CodedDocument(article, sentences, coder.code(doc, article))


@dataclass
class IngestReport:
    """What one ingest run did."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)


def ingest(paths: Iterable[str], store: Store, *, nlp: Language, coder: EventCoder, batch_size: int = 32,
           on_progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Read, code and store documents; bad input is recorded and skipped, never fatal."""
    report = IngestReport()

    def on_error(error: IngestError) -> None:
        report.errors.append(str(error))
        store.add_error(error.path, error.line, str(error))

    articles = read_articles(paths, on_error=on_error)
    while True:
        batch = list(islice(articles, batch_size))
        if not batch:
            break
        report.read += len(batch)
        batch = _latest(batch)
        known = store.known_hashes([a.id for a in batch])
        todo = [a for a in batch if known.get(a.id) != content_hash(a)]
        report.unchanged += len(batch) - len(todo)
        coded = list(code_articles(todo, nlp=nlp, coder=coder))
        report.stored += store.add_documents(coded)
        report.events += sum(len(d.events) for d in coded)
        if on_progress:
            on_progress(report)
    return report


def _latest(batch: list[Article]) -> list[Article]:
    """One article per id within a batch: the last one read wins."""
    return list({a.id: a for a in batch}.values())


@dataclass
class Explanation:
    """Everything ``detente explain`` shows for a text: the parse, the actors, the events and why."""

    tokens: list[dict[str, object]]
    mentions: list[dict[str, object]]
    events: list[dict[str, object]]


def explain_text(text: str, *, nlp: Language, coder: EventCoder, published: date | None = None,
                 doc_id: str = "explain") -> Explanation:
    """Code one text without storing it, keeping the reasons."""
    article = Article(id=doc_id, text=text, published=published)
    doc = nlp(text)
    tokens = [{"i": t.i, "text": t.text, "lemma": t.lemma_, "pos": t.pos_, "dep": t.dep_, "head": t.head.i,
               "ent": t.ent_type_} for t in doc]
    mentions = [{"text": m.text, "start": m.start, "end": m.end, "kind": m.kind, "code": m.code or None,
                 "role": m.role} for m in coder.matcher(doc, on=published)]
    events = []
    for e in coder.code(doc, article):
        row = e.to_row()
        row.update({"source_via": e.extra.get("source_via"), "target_via": e.extra.get("target_via")})
        events.append(row)
    return Explanation(tokens, mentions, events)
