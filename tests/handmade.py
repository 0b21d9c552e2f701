"""Parsed Docs built by hand, for the NLP unit tests that need no model."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import spacy
from spacy.tokens import Doc

from detente.models import Article, Event

VOCAB = spacy.blank("en").vocab
ARTICLE = Article(id="t", text="", published=date(2018, 10, 11))   # the article hand-built parses come from
NO_SPACE_BEFORE = {",", ".", ";", ":", "'s", "%"}
NO_SPACE_AFTER = {"$", "\u20ac", "\u00a3"}

Row = tuple[str, int, str, str] | tuple[str, int, str, str, str]


def make_doc(rows: Sequence[Row], ents: Sequence[tuple[int, int, str]] = ()) -> Doc:
    """A parsed Doc from (word, head index, dep, POS[, tag]) rows and (start, end, label) ents."""
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and words[i] not in NO_SPACE_AFTER
        for i in range(len(words))
    ]
    iob = ["O"] * len(words)
    for start, end, label in ents:
        iob[start] = f"B-{label}"
        for i in range(start + 1, end):
            iob[i] = f"I-{label}"
    tags = [r[4] if len(r) == 5 else "" for r in rows]
    return Doc(VOCAB, words=words, spaces=spaces, heads=[r[1] for r in rows],
               deps=[r[2] for r in rows], pos=[r[3] for r in rows], tags=tags, ents=iob)


def codes(events: Iterable[Event]) -> list[tuple[str, str, str, str]]:
    """(source, target, CAMEO code, factuality) of each event, sorted: what the coder tests compare."""
    return sorted((e.source, e.target, e.cameo, e.factuality) for e in events)
