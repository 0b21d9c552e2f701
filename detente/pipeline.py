"""detente's own pipeline: the one chain of steps (read -> parse -> code -> store) that the CLI,
batch runs and tests all call. Not to be confused with spaCy's ``nlp.pipeline``."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TypeVar

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from .actors import ActorDictionary, ActorMatcher
from .arguments import BODY_NOUNS, STATE_ROLES
from .cameo import CameoTable
from .clusters import update_clusters
from .coding import EventCoder
from .errors import IngestError
from .ingest import read_articles
from .models import Article
from .patterns import VerbPatterns
from .store import CodedDocument, Store, content_hash


T = TypeVar("T")


def build_coder(nlp: Language, *, actors: ActorDictionary | None = None, patterns: VerbPatterns | None = None,
                cameo: CameoTable | None = None) -> EventCoder:
    """An EventCoder over the package's lexicons (or the ones given)."""
    cameo = cameo or CameoTable.load()
    actors = actors or ActorDictionary.load(cities=True)
    patterns = patterns or VerbPatterns.load(codes=set(cameo.codes), classes={
        "@organisation": actors.organisation_words(), "@country": actors.country_words(),
        "@capital": actors.capital_words()})
    matcher = ActorMatcher(actors, nlp.vocab, nlp.make_doc)
    return EventCoder(actors, patterns, cameo, matcher=matcher)


def code_articles(articles: Iterable[Article], *, nlp: Language, coder: EventCoder, prefilter: bool = True,
                  n_process: int = 1, batch_size: int = 256) -> Iterator[CodedDocument]:
    """Parse and code articles, in order, one CodedDocument each.

    A fast pass splits each text into sentences with spaCy's rule-based splitter and finds actor
    mentions with the phrase matcher on the bare tokens. With ``prefilter`` (the default) only the
    sentences that can hold a dyadic event (two actors, or one actor and a pronoun or "the two
    countries", and the sentence before such a pronoun; one actor right after such a sentence, whose
    other side may be implied: "Canberra demanded an apology. Beijing refused.") go through the full
    parse, and every sentence of a text of at most ``SHORT`` sentences (a wire lede). Without it the
    whole text is parsed, in pieces of at most ``MAX_PIECE`` characters, and the parser's own sentences
    are kept. Articles stream through one ``nlp.pipe`` (``n_process`` parser
    processes).
    """
    splitter = Sentencizer()
    plans = (_plan(a, nlp, coder, splitter, prefilter=prefilter) for a in articles)
    parts: list[tuple[int, Doc, int | None]] = []
    for doc, (plan, index, offset, last) in nlp.pipe(_parse_items(plans), as_tuples=True,
                                                     batch_size=batch_size, n_process=n_process):
        if offset >= 0:
            parts.append((offset, doc, index))
        if last:
            sentences = plan.sentences if prefilter else [
                (o + s.start_char, o + s.end_char, s.text) for o, d, _ in parts for s in d.sents]
            yield CodedDocument(plan.article, sentences, coder.code_parts(parts, plan.article))
            parts = []


MAX_PIECE = 50_000        # characters parsed at once in full-parse mode
SHORT = 3                 # sentences in a text parsed whole even with the prefilter (a wire lede: a
#                           country acting at home, "Turkish authorities imposed a curfew", names one actor)
MAX_WINDOW = 500_000      # characters split into sentences at once
MAX_SENTENCE = 2_000      # longer "sentences" (no punctuation) are parsed in pieces of about this size


@dataclass
class _Plan:
    article: Article
    sentences: list[tuple[int, int, str]]
    parse: Sequence[tuple[int | None, int, str]]   # (sentence index or None, character offset, text)


def _parse_items(plans: Iterable[_Plan]) -> Iterator[tuple[str, tuple[_Plan, int | None, int, bool]]]:
    """One (text, context) per piece to parse, in order; an article with none sends an empty text
    so that it still comes out, in its place."""
    for plan in plans:
        if not plan.parse:
            yield "", (plan, None, -1, True)
        for n, (index, offset, text) in enumerate(plan.parse):
            yield text, (plan, index, offset, n == len(plan.parse) - 1)


PAIR_WORDS = {"both", "two", "each", "they", "their", "them", "sides"}
ONE_WORDS = {"it", "its", "he", "his", "she", "her", "country", "government", "nation"}
FIGHT_WORDS = {"fighting", "clashes", "hostilities", "skirmishes"}    # "fighting broke out": the pair in view


def _plan(article: Article, nlp: Language, coder: EventCoder, splitter: Sentencizer, *,
          prefilter: bool) -> _Plan:
    """Split an article with the fast splitter and choose what to parse."""
    sentences: list[tuple[int, int, str]] = []
    scores: list[tuple[int, bool]] = []
    for offset, window in _windows(article.text, MAX_WINDOW):
        doc = splitter(nlp.make_doc(window))
        sents = [s for s in _paragraphs(doc) if s.text.strip()]
        sentences += [(start + offset, end + offset, text) for start, end, text in map(_stripped, sents)]
        if prefilter:
            scores += _scores(doc, sents, coder, article)
    if not prefilter:
        return _Plan(article, sentences, _pieces(article.text, sentences, MAX_PIECE))
    chosen = {i for i, (score, _) in enumerate(scores) if score >= 2 or len(scores) <= SHORT}
    chosen |= {i for i, (score, _) in enumerate(scores) if score == 1 and i - 1 in chosen}
    chosen |= {i - 1 for i in chosen if i > 0 and scores[i][1] and scores[i - 1][0] >= 1}
    parse = []
    for i in sorted(chosen):
        parse += [(i, offset, text) for _, offset, text in _pieces(article.text, [sentences[i]], MAX_SENTENCE)]
    return _Plan(article, sentences, parse)


def _scores(doc: Doc, sents: list[Span], coder: EventCoder, article: Article) -> list[tuple[int, bool]]:
    """Per sentence: actors named (+2 for "both"/"they" or "fighting", +1 for "it"/"the country") and
    whether it needs the sentence before for a pronoun."""
    actors: list[set[str]] = [set() for _ in sents]
    sent_of = {t.i: n for n, s in enumerate(sents) for t in s}
    for m in coder.matcher(doc, on=article.published, surnames={}):
        if m.start in sent_of and (m.kind != "role" or m.role not in STATE_ROLES):
            actors[sent_of[m.start]].add(m.code[:3] if m.kind != "role" else "people")
    # people named by role ("students", "rebels") with a country can be a domestic event; alone they are no one
    actors = [a if len(a) > 1 else a - {"people"} for a in actors]
    scores = []
    for n, sent in enumerate(sents):
        words = {t.lower_ for t in sent}
        body = any(t.lower_ in BODY_NOUNS and t.text[0].isupper() and t.i > sent.start and t.nbor(-1).lower_ == "the"
                   for t in sent)        # "the Commission": an organisation named before, and its act's other side
        pair = bool(words & (PAIR_WORDS | FIGHT_WORDS))
        scores.append((len(actors[n]) + 2 * pair + bool(words & ONE_WORDS) + 2 * body,
                       pair or bool(words & ONE_WORDS) or body))
    return scores


def _windows(text: str, size: int) -> Iterator[tuple[int, str]]:
    """The text in windows of at most ``size`` characters, cut after a full stop or a space where
    possible (the tokenizer takes at most ``nlp.max_length`` characters at once)."""
    start = 0
    while start < len(text):
        end = len(text)
        if end - start > size:
            dot = text.rfind(". ", start, start + size)
            end = dot + 2 if dot >= 0 else text.rfind(" ", start, start + size) + 1
            end = end if end > start else start + size
        yield start, text[start:end]
        start = end


def _paragraphs(doc: Doc) -> Iterator[Span]:
    """The splitter's sentences, also cut at blank lines: a title, a byline or a line without a full
    stop is not part of the next paragraph's first sentence."""
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and token.text.count("\n") >= 2 and token.i > start:
                yield doc[start:token.i]
                start = token.i + 1
        if start < sent.end:
            yield doc[start:sent.end]


def _stripped(sent: Span) -> tuple[int, int, str]:
    text = sent.text.strip()
    start = sent.start_char + sent.text.index(text)
    return start, start + len(text), text


def _pieces(text: str, sentences: list[tuple[int, int, str]], size: int) -> list[tuple[int | None, int, str]]:
    """Consecutive sentences grouped into pieces of at most ``size`` characters of the article
    ``text``; a longer sentence is cut at spaces. Offsets are the pieces' positions in ``text``."""
    pieces: list[tuple[int | None, int, str]] = []
    first = last = -1
    for start, end, sentence in sentences:
        if first >= 0 and end - first > size:
            pieces.append((None, first, text[first:last]))
            first = -1
        if end - start > size:
            pieces += _cut((start, end, sentence), size)
            continue
        first = start if first < 0 else first
        last = end
    if first >= 0:
        pieces.append((None, first, text[first:last]))
    return pieces


def _cut(sentence: tuple[int, int, str], size: int) -> list[tuple[int | None, int, str]]:
    start, _, text = sentence
    out: list[tuple[int | None, int, str]] = []
    pos = 0
    while pos < len(text):
        end = len(text) if len(text) - pos <= size else (text.rfind(" ", pos, pos + size) + 1 or pos + size)
        if text[pos:end].strip():
            out.append((None, start + pos, text[pos:end]))
        pos = end
    return out


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass
class IngestReport:
    """What one ingest run did."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    events: int = 0
    clusters: int = 0
    errors: list[str] = field(default_factory=list)


def ingest(paths: Iterable[str], store: Store, *, nlp: Language, coder: EventCoder, batch_size: int = 64,
           n_process: int = 1, prefilter: bool = True, cluster: bool = True,
           on_progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Read, code and store documents; bad input is recorded and skipped, never fatal.

    Documents stream through: unchanged ones (same id and content hash) are skipped before parsing,
    and coded ones are written ``batch_size`` at a time, each batch in one transaction. Then the
    reports of one real-world event are grouped (``cluster``): only the blocks the new documents
    touch are clustered again.
    """
    report = IngestReport()

    def on_error(error: IngestError) -> None:
        report.errors.append(str(error))
        store.add_error(error.path, error.line, str(error))
        store.pause()                                   # don't hold the file while the next batch is parsed

    articles = _changed(read_articles(paths, on_error=on_error), store, report, batch_size)
    coded = code_articles(articles, nlp=nlp, coder=coder, n_process=n_process, prefilter=prefilter)
    events: dict[str, int] = {}           # per document id stored: an id read twice, the last one wins
    for batch in _batches(coded, batch_size):
        batch = list({d.article.id: d for d in batch}.values())
        store.add_documents(batch)
        events.update((d.article.id, len(d.events)) for d in batch)
        report.stored, report.events = len(events), sum(events.values())
        store.pause()                                   # let readers in while the next batch is parsed
        if on_progress:
            on_progress(report)
    if cluster:            # also when nothing new was stored: a run killed while clustering left some
        report.clusters = update_clusters(store, list(events), actors=coder.actors).clusters
    return report


def _changed(articles: Iterable[Article], store: Store, report: IngestReport, size: int) -> Iterator[Article]:
    """The articles that are new or changed since they were stored."""
    for batch in _batches(articles, size):
        report.read += len(batch)
        batch = _latest(batch)
        known = store.known_hashes([a.id for a in batch])
        store.pause()
        todo = [a for a in batch if known.get(a.id) != content_hash(a)]
        report.unchanged += len(batch) - len(todo)
        yield from todo


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
    mentions: list[dict[str, object]] = [
        {"text": m.text, "start": m.start, "end": m.end, "kind": m.kind, "code": m.code or None, "role": m.role}
        for m in coder.matcher(doc, on=published, surnames={})]
    events = []
    for e in coder.code(doc, article):
        row = e.to_row()
        row.update({"source_via": e.extra.get("source_via"), "target_via": e.extra.get("target_via")})
        events.append(row)
    return Explanation(tokens, mentions, events)
