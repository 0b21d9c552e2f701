"""One mention's clustering features: the actors of its dyad, its date interval and its keywords.

Pure Python, no store: ``actor_key`` gives the actor a dyad is made of, ``date_interval`` the days
the event can have happened on, and ``keywords`` the stems of the content words around the event
word (stopwords and the actors' own names left out).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from ..actors import ActorDictionary
from .settings import ClusterSettings

# capitalised words of actor names that are not names ("Islamic Republic of Pakistan", "Wagner Group")
_GENERIC_NAME_WORDS = frozenset("""
the and for group union company republic kingdom federation united democratic people peoples islamic arab
national state states federal socialist emirates islands island front party organization organisation
council bank fund forces army movement liberation international world south north east west central new
""".split())

FIRST_DAY = date.min.toordinal()   # "no earlier bound"
LAST_DAY = date.max.toordinal()    # "no later bound"
_SINCE = re.compile(r"^\s*(?:ever\s+)?since\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:['’]s)?")
_PRECISION = {4: "year", 7: "month", 10: "day"}


@lru_cache(maxsize=65536)
def actor_key(code: str | None) -> str | None:
    """The actor a dyad is made of: "IGOUNO" for organisations, else the first three letters."""
    if not code or code.startswith("---"):
        return None
    return code[:6] if code.startswith(("IGO", "NGO")) else code[:3]


def date_interval(value: str | None, basis: str | None, cue: str | None, published: date | None,
                  settings: ClusterSettings) -> tuple[int, int, bool]:
    """When the event can have happened, as day ordinals (first, last), and whether the text dates it."""
    pub = published.toordinal() if published else None
    span = _span(value) if basis in ("text", "relative") else None
    if span is None:
        if pub is None:
            return FIRST_DAY, LAST_DAY, False
        return pub - settings.publication_window_days, pub, False
    lo, hi = span
    if cue and _SINCE.match(cue):
        hi = max(hi, pub) if pub is not None else LAST_DAY
    elif basis == "relative" and pub is not None and hi > lo:
        lo = min(lo, pub - settings.relative_window_days)
    if pub is not None and lo <= pub < hi:
        hi = pub                         # an asserted event happened by the time it was reported
    return lo, hi, True


@lru_cache(maxsize=65536)
def _span(value: str | None) -> tuple[int, int] | None:
    """The days of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None when malformed."""
    precision = _PRECISION.get(len(value)) if value else None
    try:
        if precision == "year":
            year = int(str(value)[:4])
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        if precision == "month":
            first = date.fromisoformat(f"{value}-01")
            after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first.toordinal(), after.toordinal() - 1
        if precision == "day":
            day = date.fromisoformat(str(value)).toordinal()
            return day, day
    except ValueError:
        return None
    return None


def keywords(sentence: str, trigger: str, *, at: int = -1, others: Sequence[int] = (),
             names: frozenset[str] = frozenset(), settings: ClusterSettings = ClusterSettings()) -> frozenset[str]:
    """Stems of the content words around the event word: the word itself and up to ``keyword_window``
    content words on each side. Words between two event words of the sentence are shared half and
    half; stopwords and the actors' names (``names``, lowercase; "pakistan" also drops "pakistani")
    do not count. ``at`` is the event word's offset in the sentence, ``others`` the other ones'."""
    return _keywords(sentence, trigger, at, others, (_Names(names),), _vocabulary(settings.stopwords),
                     settings.keyword_window)


def _keywords(sentence: str, trigger: str, at: int, others: Sequence[int], names: tuple[_Names, ...],
              vocabulary: _Vocabulary, window: int) -> frozenset[str]:
    if at < 0 or sentence[at:at + len(trigger)].lower() != trigger.lower():
        at = sentence.lower().find(trigger.lower()) if trigger else -1
    if at < 0:
        return frozenset()
    end = at + len(trigger)
    previous = max((o for o in others if o < at), default=None)
    following = min((o for o in others if o >= end), default=None)
    before = _WORD.findall(sentence, 0 if previous is None else previous, at)
    after = _WORD.findall(sentence, end, len(sentence) if following is None else following)
    if previous is not None:                 # the words between two event words are shared half and half
        before = before[1:]
        before = before[(len(before) + 1) // 2:]
    if following is not None:
        after = after[: (len(after) + 1) // 2]
    found = _take(vocabulary, names, _WORD.findall(sentence, at, end), len(trigger))   # all its words
    found += _take(vocabulary, names, after, window)
    found += _take(vocabulary, names, reversed(before), window)
    return frozenset(found)


def _take(vocabulary: _Vocabulary, names: tuple[_Names, ...], words: Iterable[str], n: int) -> list[str]:
    """The first ``n`` keywords among ``words`` (the hot loop of clustering: kept flat)."""
    found: list[str] = []
    if n <= 0:
        return found
    stems, content = vocabulary.stems, vocabulary.content
    for word in words:
        entry = stems.get(word, False)
        if entry is False:
            entry = stems[word] = content(word)
        if entry is None:
            continue
        plain, stem, head = entry  # type: ignore[misc]
        for group in names:
            if plain in group.words or (head in group.heads and group.starts(plain)):
                break
        else:
            found.append(stem)
            if len(found) >= n:
                break
    return found


class _Names:
    """Actor names as ``keywords`` leaves them out: the words, and longer words starting with one."""

    __slots__ = ("words", "heads")

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self.heads = frozenset(w[:4] for w in words if len(w) >= 4)

    def starts(self, word: str) -> bool:
        return any(word[:k] in self.words for k in range(4, len(word)))


class _Vocabulary:
    """Which words are keywords, and their stems (cached: a corpus repeats its words)."""

    def __init__(self, stopwords: frozenset[str]) -> None:
        self.stop = stopwords | {_stem(w) for w in stopwords}
        self.stems: dict[str, tuple[str, str, str] | None] = {}

    def content(self, word: str) -> tuple[str, str, str] | None:
        """(lowercase word, stem, first four letters), or None for a stopword."""
        plain = _plain_word(word)
        if len(plain) < 3 or plain in self.stop:
            return None
        stem = _stem(plain)
        return None if stem in self.stop else (plain, stem, plain[:4])


@lru_cache(maxsize=8)
def _vocabulary(stopwords: frozenset[str]) -> _Vocabulary:
    return _Vocabulary(stopwords)


def _plain_word(word: str) -> str:
    w = word.lower()
    return w[:-2] if w.endswith(("'s", "’s")) else w


def _stem(word: str) -> str:
    """A light suffix stripper: "visits"/"visited" -> "visit", "helicopters" -> "helicopter"."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed") and w[-3] != "e":
        w = w[:-2]                       # "visited" -> "visit"; not "speed", "agreed"
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]                       # "stopped" -> "stopp" -> "stop"
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]                       # "exercise"/"exercised" -> "exercis"
    return w


def name_words(texts: Iterable[str]) -> frozenset[str]:
    """Lowercase words of actor names and texts, as ``keywords`` leaves them out: the capitalised
    words ("Wagner private military company" gives "wagner"), not generic ones ("Group", "Republic")."""
    words = (_plain_word(w) for text in texts for w in _WORD.findall(text) if w[0].isupper())
    return frozenset(w for w in words if len(w) >= 3 and w not in _GENERIC_NAME_WORDS)


def actor_names(actors: ActorDictionary) -> dict[str, frozenset[str]]:
    """Per actor (``actor_key``), the words of its names, adjectives, capitals, seats and leaders."""
    texts: dict[str, list[str]] = defaultdict(list)
    for alias, code, _ in actors.aliases:
        texts[actor_key(code) or code].append(alias)
    for leader in actors.leaders:
        texts[actor_key(leader.code) or leader.code] += [leader.name, *leader.aliases]
    return {code: name_words(found) for code, found in texts.items()}
