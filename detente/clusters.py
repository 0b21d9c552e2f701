"""Corroboration: the reports (event mentions) of one real-world event grouped into a cluster.

Every coded event stays a mention with its provenance; clustering only sets ``events.cluster`` and
keeps one row per cluster in the ``clusters`` table (dyad, representative code, best date, how many
mentions, documents and outlets report it, first and last report). The rule, in short (the full
text is ``docs/coding.md`` section 9; every threshold is a field of :class:`ClusterSettings`):

* only asserted mentions are clustered; every other mention has ``cluster`` NULL;
* two mentions can report one event when they have the same dyad (either order when a code is
  symmetric), compatible codes (same root, or one family such as 03/05/06/07), overlapping date
  intervals, no conflicting quantity and, when both have keywords, a shared keyword;
* a mention whose date is vague (none in the text, or a range over a year) also needs a detail to
  agree: the same quantity or a shared keyword;
* mentions from one document are different events, unless they come from the same words;
* clusters grow greedily, best-supported pair first, and only while all their mentions can still be
  one event (their intervals share a day, quantities agree, no document twice).

The work is blocked by dyad and code family in DuckDB; within a block candidate pairs come from
time-ordered sweeps over shared keywords, quantities and dates, never from all pairs.
``cluster_events(store)`` clusters everything; ``update_clusters(store, doc_ids)`` re-clusters only
the blocks and periods that new documents touch, keeping cluster ids where the membership allows.
"""
from __future__ import annotations

import hashlib
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from .actors import ActorDictionary
from .errors import DetenteError, StoreError

if TYPE_CHECKING:
    from .store import Store

STOPWORDS = frozenset("""
a about above across after again against ago all almost along already also although always am among an and
another any anyone anything are around as at away back be became because become becoming been before began
being below between beyond both but by can cannot could did do does doing done down during each either else
ever every few first for former from further had has have having he her here hers him his how however if in
including into is it its itself just last later latter least less like likely made make makes making many may
me might more most much must my near nearly neither never next no nor not now of off often on once one only
onto or other others our out over own part per perhaps rather same several she should since so some still such
than that the their them themselves then there these they this those though through thus to together too
toward towards under until up upon us very via was we well were what whatever when where whether which while
who whom whose why will with within without would yet you your mr mrs ms dr
two three four five six seven eight nine ten eleven twelve twenty hundred hundreds thousand thousands million
millions billion billions trillion dozen dozens half percent
today yesterday tomorrow tonight morning evening night week weeks month months year years day days decade
decades time times recently recent lately earlier early late soon currently frequently
january february march april june july august september october november december monday tuesday wednesday
thursday friday saturday sunday
said say says saying told tell tells according announced announce report reported reports statement stated
added noted claimed quoted
country countries nation nations national state states government governments official officials authority
authorities side sides party parties leader leaders minister ministers ministry president prime secretary
chief head spokesman spokeswoman spokesperson foreign international regional bilateral mutual relation
relations relationship ties cooperation level high senior top key major important
agree agreed agreement agreements deal deals accord accords pact sign signed signing hold held holding
conduct conducted start started begin began continue continued take took taken give gave given get got
provide provided support supported supporting supports help helped
moreover hence furthermore therefore meanwhile besides indeed instead repeatedly enough alleged example
""".split())

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


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class ClusterSettings:
    """When two reports are taken to be one real-world event. Defaults are the documented rule."""

    symmetric_roots: tuple[str, ...] = _setting(
        ("03", "04", "05", "06"), "CAMEO roots whose reports match in either direction (meet, agree, cooperate)")
    families: tuple[tuple[str, ...], ...] = _setting(
        (("03", "05", "06", "07"),), "groups of CAMEO roots that can report one deal; other roots match only "
                                     "themselves")
    publication_window_days: int = _setting(
        1826, "a report with no date of its own is about something in this many days before publication")
    relative_window_days: int = _setting(
        61, "'recently' and other relative dates coarser than a day reach back this many days from publication")
    vague_days: int = _setting(
        366, "a date interval longer than this (or none) is vague: the report must also agree on a detail")
    quantity_tolerance: float = _setting(
        0.25, "amounts in one unit that differ by more than this share of the larger are different events")
    keyword_window: int = _setting(6, "content words taken on each side of the event word as keywords")
    min_keyword_overlap: int = _setting(1, "keywords two reports must share when both have some")
    keyword_linkage: float = _setting(
        0.5, "two clusters merge only if at least this share of their pairs of reports with keywords share some")
    common_keyword_share: float = _setting(
        0.05, "a keyword in more than this share of a block's reports is too common to tell events apart")
    common_keyword_min: int = _setting(30, "... and in more than this many of them")
    join_same_document: bool = _setting(
        False, "let different sentences of one document report the same event (off: one document, one report)")
    stopwords: frozenset[str] = _setting(STOPWORDS, "words never used as keywords")

    def family(self, root: str) -> str:
        """The block key of a CAMEO root: its family's first root, or the root itself."""
        return _family_of(self.families).get(root, root)


SETTINGS_HELP = {f.name: f.metadata["help"] for f in fields(ClusterSettings)}


@dataclass
class ClusterReport:
    """What one clustering run did."""

    mentions: int = 0   # asserted mentions (re)clustered
    blocks: int = 0     # dyad x code-family blocks visited
    pairs: int = 0      # candidate pairs compared
    clusters: int = 0   # clusters among those mentions
    joined: int = 0     # mentions in a cluster with another document
    changed: int = 0    # mentions whose cluster id changed
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds: keywords, clustering, writing


# -- schema -------------------------------------------------------------------------------------

def m002_clusters(con: duckdb.DuckDBPyConnection) -> None:
    """The ``clusters`` table (one row per real-world event) and ``cluster_mentions`` (per mention:
    block, date interval and keywords, computed once and reused by incremental updates). Creating
    them again is a no-op."""
    con.execute("""
        CREATE TABLE IF NOT EXISTS clusters (
            cluster VARCHAR NOT NULL, source VARCHAR, target VARCHAR, cameo_root VARCHAR, cameo VARCHAR,
            date VARCHAR, date_precision VARCHAR, quantity VARCHAR, quantity_value DOUBLE, quantity_unit VARCHAR,
            n_mentions INTEGER NOT NULL, n_documents INTEGER NOT NULL, n_outlets INTEGER NOT NULL,
            first_reported DATE, last_reported DATE, first_event VARCHAR NOT NULL, updated_at TIMESTAMP)""")
    con.execute("""
        CREATE TABLE IF NOT EXISTS cluster_mentions (
            event_id VARCHAR NOT NULL, doc VARCHAR NOT NULL, dyad VARCHAR, family VARCHAR NOT NULL,
            lo INTEGER NOT NULL, hi INTEGER NOT NULL, dated BOOLEAN NOT NULL, keywords VARCHAR[] NOT NULL)""")


# -- one mention: block, date interval, keywords ---------------------------------------------------

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


@lru_cache(maxsize=8)
def _family_of(families: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    return {root: group[0] for group in families for root in group}


# -- units and pairs: pure Python within one block -------------------------------------------------

@dataclass(slots=True)
class _Mention:
    event_id: str
    doc: str
    published: date | None
    cluster: str | None          # the id it had before this run


@dataclass(slots=True)
class _Unit:
    """The mentions coded from one event word of one sentence (both directions, several codes)."""

    doc: str
    lo: int
    hi: int
    dated: bool
    vague: bool
    keywords: frozenset[str]
    quantities: dict[str, float]
    directions: set[tuple[str | None, str | None]]
    codes: set[str]
    symmetric: bool
    mentions: list[_Mention]


def _units(rows: Sequence[tuple[Any, ...]], common: frozenset[str], settings: ClusterSettings) -> list[_Unit]:
    """Group a block's rows (ordered by first report) into units, one per event word."""
    units: dict[tuple[str, int, int], _Unit] = {}
    symmetric = set(settings.symmetric_roots)
    for (_, _, event_id, doc, sent, start, source, target, cameo, lo, hi, dated, words, qvalue, qunit,
         published, cluster) in rows:
        unit = units.get((doc, sent, start))
        if unit is None:
            vague = not dated or hi - lo > settings.vague_days
            unit = units[(doc, sent, start)] = _Unit(doc, lo, hi, dated, vague, frozenset(words) - common, {}, set(),
                                                     set(), False, [])
        unit.mentions.append(_Mention(event_id, doc, published, cluster))
        unit.directions.add((actor_key(source), actor_key(target)))
        unit.codes.add(cameo)
        unit.symmetric = unit.symmetric or cameo[:2] in symmetric
        if qvalue is not None and qunit:
            unit.quantities[qunit.lower()] = float(qvalue)
    return list(units.values())


def _differ(x: float, y: float, tolerance: float) -> bool:
    return abs(x - y) > tolerance * max(abs(x), abs(y))


def _quantity_match(a: _Unit, b: _Unit, tolerance: float) -> int:
    """1: an amount in the same unit agrees; -1: one differs; 0: nothing to compare."""
    result = 0
    for unit, value in a.quantities.items():
        other = b.quantities.get(unit)
        if other is not None:
            if _differ(value, other, tolerance):
                return -1
            result = 1
    return result


def _pair_score(a: _Unit, b: _Unit, settings: ClusterSettings) -> float | None:
    """How well two units of one block support being one event; None when they cannot be."""
    if a.doc == b.doc and not settings.join_same_document:
        return None
    if not (a.symmetric or b.symmetric) and a.directions.isdisjoint(b.directions):
        return None
    if a.lo > b.hi or b.lo > a.hi:
        return None
    quantity = _quantity_match(a, b, settings.quantity_tolerance)
    if quantity < 0:
        return None
    shared = len(a.keywords & b.keywords)
    if a.keywords and b.keywords and shared < settings.min_keyword_overlap:
        return None
    if (a.vague or b.vague) and quantity == 0 and shared == 0:
        return None
    jaccard = shared / len(a.keywords | b.keywords) if shared else 0.0
    firm = not (a.vague or b.vague)
    distance = abs((a.lo + a.hi) - (b.lo + b.hi)) / 2 if firm else 3650   # days between the middles
    return (2.0 * quantity + jaccard + (1.0 if firm else 0.0) + (0.1 if a.codes & b.codes else 0.0)
            + 0.05 / (1.0 + distance / 365))


def _candidates(units: Sequence[_Unit], settings: ClusterSettings) -> set[tuple[int, int]]:
    """Pairs worth comparing: sharing a keyword, a quantity unit, or (dated, one without keywords)
    overlapping dates. Each source is swept in date order, so only overlapping intervals meet."""
    pairs: set[tuple[int, int]] = set()
    postings: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        for word in unit.keywords:
            postings[word].append(i)
        for name in unit.quantities:
            postings["\x00" + name].append(i)
    for ids in postings.values():
        if len(ids) > 1:
            _sweep(units, ids, pairs)
    dated = [i for i, u in enumerate(units) if not u.vague]
    if any(not units[i].keywords for i in dated):
        _sweep(units, dated, pairs, only_with=lambda i: not units[i].keywords)
    return pairs


def _sweep(units: Sequence[_Unit], ids: list[int], pairs: set[tuple[int, int]], *,
           only_with: Callable[[int], bool] | None = None) -> None:
    """Add every pair of ``ids`` whose intervals overlap (with ``only_with``: pairs with one such unit)."""
    active: list[int] = []
    flagged: list[int] = []
    for i in sorted(ids, key=lambda i: units[i].lo):
        lo = units[i].lo
        active = [j for j in active if units[j].hi >= lo]
        partners = active
        if only_with is not None:
            flagged = [j for j in flagged if units[j].hi >= lo]
            if only_with(i):
                flagged.append(i)
            else:
                partners = flagged
        for j in partners:
            if j != i:
                pairs.add((j, i) if j < i else (i, j))
        active.append(i)


@dataclass(slots=True)
class _Group:
    """A growing cluster: what all its units must still agree on."""

    lo: int
    hi: int
    docs: set[str]
    quantities: dict[str, tuple[float, float]]
    words: list[frozenset[str]]      # the keyword sets of its units that have some
    members: list[int]

    @classmethod
    def of(cls, index: int, unit: _Unit) -> _Group:
        return cls(unit.lo, unit.hi, {unit.doc}, {k: (v, v) for k, v in unit.quantities.items()},
                   [unit.keywords] if unit.keywords else [], [index])

    def accepts(self, other: _Group, settings: ClusterSettings) -> bool:
        """Whether the two can be one event: a day in every interval, amounts within the tolerance,
        no document twice, and enough pairs of units with keywords sharing some (``keyword_linkage``)."""
        if max(self.lo, other.lo) > min(self.hi, other.hi):
            return False
        if not settings.join_same_document and not self.docs.isdisjoint(other.docs):
            return False
        for name, (low, high) in other.quantities.items():
            mine = self.quantities.get(name)
            if mine and _differ(min(low, mine[0]), max(high, mine[1]), settings.quantity_tolerance):
                return False
        least = settings.min_keyword_overlap
        shared = sum(1 for a in self.words for b in other.words if len(a & b) >= least)
        return shared >= settings.keyword_linkage * len(self.words) * len(other.words)

    def absorb(self, other: _Group) -> None:
        self.lo, self.hi = max(self.lo, other.lo), min(self.hi, other.hi)
        self.docs |= other.docs
        for name, (low, high) in other.quantities.items():
            mine = self.quantities.get(name, (low, high))
            self.quantities[name] = (min(low, mine[0]), max(high, mine[1]))
        self.words += other.words
        self.members += other.members


def cluster_units(units: Sequence[_Unit], settings: ClusterSettings) -> tuple[list[list[int]], int]:
    """Greedy merging, best-supported pair first, while every cluster can still be one event; then
    each report without keywords joins the one cluster its date fits, if there is exactly one.
    Returns the clusters as lists of unit indices and the number of pairs compared."""
    pairs = _candidates(units, settings)
    scored, by_date = [], defaultdict(list)
    for i, j in pairs:
        score = _pair_score(units[i], units[j], settings)
        if score is None:
            continue
        if _informed(units[i], units[j], settings):
            scored.append((-score, i, j))
        else:                                    # a date is all they share
            for lone, other in ((i, j), (j, i)):
                if not units[lone].keywords:
                    by_date[lone].append(other)
    scored.sort()
    merger = _Merger(units, settings)
    for _, i, j in scored:
        merger.join(i, j)
    for lone in sorted(by_date):
        merger.join_if_only(lone, by_date[lone])
    return merger.clusters(), len(pairs)


def _informed(a: _Unit, b: _Unit, settings: ClusterSettings) -> bool:
    """Whether a compatible pair shares more than a date: keywords on both sides, or an amount."""
    return bool(a.keywords and b.keywords) or _quantity_match(a, b, settings.quantity_tolerance) > 0


class _Merger:
    """Union of units into groups, each merge checked against the whole groups."""

    def __init__(self, units: Sequence[_Unit], settings: ClusterSettings) -> None:
        self.settings = settings
        self.groups: dict[int, _Group] = {i: _Group.of(i, u) for i, u in enumerate(units)}
        self.owner = list(range(len(units)))

    def join(self, i: int, j: int) -> bool:
        a, b = self.owner[i], self.owner[j]
        if a == b or not self.groups[a].accepts(self.groups[b], self.settings):
            return False
        if len(self.groups[a].members) < len(self.groups[b].members):
            a, b = b, a
        for k in self.groups[b].members:
            self.owner[k] = a
        self.groups[a].absorb(self.groups.pop(b))
        return True

    def join_if_only(self, lone: int, partners: list[int]) -> None:
        """Join ``lone`` to its partners' group if exactly one of their groups would take it."""
        mine = self.owner[lone]
        if len(self.groups[mine].members) > 1:
            return
        fits = {self.owner[p] for p in partners if self.owner[p] != mine
                and self.groups[self.owner[p]].accepts(self.groups[mine], self.settings)}
        if len(fits) == 1:
            self.join(lone, next(p for p in partners if self.owner[p] in fits))

    def clusters(self) -> list[list[int]]:
        return [sorted(g.members) for g in self.groups.values()]


# -- cluster ids -----------------------------------------------------------------------------------

def cluster_id(event_id: str, salt: int = 0) -> str:
    """A new cluster's id: a hash of its earliest mention's event id."""
    raw = f"cluster|{event_id}" + (f"|{salt}" if salt else "")
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _earliest(mentions: Iterable[_Mention]) -> _Mention:
    return min(mentions, key=lambda m: (m.published is None, m.published or date.min, m.event_id))


def _name_groups(groups: list[list[_Mention]], taken: set[str]) -> list[str]:
    """Ids for one block's clusters: each old id goes to the cluster holding most of its mentions;
    a cluster without one gets a hash of its earliest mention (salted if that is taken)."""
    votes = sorted(((-n, old, k) for k, g in enumerate(groups)
                    for old, n in Counter(m.cluster for m in g if m.cluster).items()))
    names: list[str | None] = [None] * len(groups)
    for _, old, k in votes:
        if names[k] is None and old not in taken:
            names[k] = old
            taken.add(old)
    for k, g in enumerate(groups):
        if names[k] is None:
            first, salt = _earliest(g).event_id, 0
            while cluster_id(first, salt) in taken:
                salt += 1
            names[k] = cluster_id(first, salt)
            taken.add(names[k])  # type: ignore[arg-type]
    return [n for n in names if n is not None]


# -- the store: mention features, regions, writing -------------------------------------------------

_FEATURES_SQL = """
WITH sent AS (SELECT doc, sent_index, list(start) AS starts,
                     string_agg(coalesce(source_text, '') || ' ' || coalesce(target_text, ''), ' ') AS actors
              FROM events WHERE {inner} GROUP BY doc, sent_index)
SELECT e.event_id, e.doc, e.source, e.target, e.root, e.date, e.date_basis, e.date_cue, e.published,
       e.sentence, e.trigger, e.start, se.start AS sent_start, s.starts, s.actors
FROM events e JOIN sent s USING (doc, sent_index)
LEFT JOIN sentences se ON se.doc = e.doc AND se.idx = e.sent_index
WHERE e.factuality = 'asserted' AND {outer}"""

_BLOCK_SQL = """
SELECT m.dyad, m.family, m.event_id, e.doc, e.sent_index, e.start, e.source, e.target, e.cameo, m.lo, m.hi,
       m.dated, m.keywords, e.quantity_value, e.quantity_unit, e.published, e.cluster
FROM cluster_mentions m JOIN events e USING (event_id)
WHERE {scope}
ORDER BY m.dyad NULLS LAST, m.family, e.published NULLS LAST, m.event_id"""

_COMMON_SQL = """
WITH scoped AS (SELECT dyad, family, keywords FROM cluster_mentions m WHERE {scope}),
     blocks AS (SELECT dyad, family, count(*) AS n FROM scoped GROUP BY ALL),
     df AS (SELECT dyad, family, word, count(*) AS n
            FROM (SELECT dyad, family, unnest(keywords) AS word FROM scoped) GROUP BY ALL)
SELECT df.dyad, df.family, df.word
FROM df JOIN blocks USING (dyad, family)
WHERE df.n > greatest($least, $share * blocks.n)"""

# the mentions of one partition of the blocks (a full run works through them one at a time)
_PART = "hash(coalesce(m.dyad, '')) % $parts = $part"
PART_SIZE = 250_000   # mentions per partition of a full run (bounds memory)
FULL_SHARE = 0.25     # an update with more of the store's mentions than this runs in full

# An update re-clusters the mentions of the new documents, the mentions a new one could be joined
# with (a shared keyword that is not too common in the block, or a shared amount unit, over
# overlapping dates; or overlapping dates alone when both are firmly dated and one has no such
# keyword), and every mention of the clusters those already belong to. Each step is a temp table.
_REGION_SQL = (
    """CREATE OR REPLACE TEMP TABLE _cluster_fresh AS
       SELECT m.event_id, m.dyad, m.family, m.lo, m.hi, m.dated AND m.hi - m.lo <= $vague AS firm,
              lower(e.quantity_unit) AS unit, m.keywords
       FROM cluster_mentions m JOIN events e USING (event_id)
       WHERE m.doc IN (SELECT unnest($docs)) AND m.dyad IS NOT NULL""",
    """CREATE OR REPLACE TEMP TABLE _cluster_fresh_words AS
       SELECT w.* FROM (SELECT event_id, dyad, family, lo, hi, unnest(keywords) AS word FROM _cluster_fresh) w
       ANTI JOIN _cluster_common c ON w.dyad = c.dyad AND w.family = c.family AND w.word = c.word""",
    """CREATE OR REPLACE TEMP TABLE _cluster_firm AS
       SELECT m.event_id, m.dyad, m.family, m.lo, m.hi, m.keywords FROM cluster_mentions m
       WHERE m.dated AND m.hi - m.lo <= $vague
         AND m.dyad || '|' || m.family IN (SELECT dyad || '|' || family FROM _cluster_fresh WHERE firm)""",
    """CREATE OR REPLACE TEMP TABLE _cluster_hit AS
       WITH words AS (SELECT w.* FROM (SELECT event_id, dyad, family, lo, hi, unnest(keywords) AS word
                                       FROM cluster_mentions) w
                      SEMI JOIN _cluster_fresh_words f ON w.dyad = f.dyad AND w.family = f.family AND w.word = f.word),
            by_word AS (SELECT w.event_id FROM words w JOIN _cluster_fresh_words f
                          ON w.dyad = f.dyad AND w.family = f.family AND w.word = f.word
                         AND w.lo <= f.hi AND f.lo <= w.hi),
            by_amount AS (SELECT m.event_id FROM cluster_mentions m JOIN events e USING (event_id)
                          JOIN _cluster_fresh f ON m.dyad = f.dyad AND m.family = f.family
                           AND lower(e.quantity_unit) = f.unit AND m.lo <= f.hi AND f.lo <= m.hi),
            fresh_bare AS (SELECT * FROM _cluster_fresh f WHERE firm
                           AND event_id NOT IN (SELECT event_id FROM _cluster_fresh_words)),
            by_date AS (SELECT m.event_id FROM _cluster_firm m JOIN fresh_bare f
                          ON m.dyad = f.dyad AND m.family = f.family AND m.lo <= f.hi AND f.lo <= m.hi),
            near AS (SELECT DISTINCT m.* FROM _cluster_firm m JOIN _cluster_fresh f
                       ON f.firm AND m.dyad = f.dyad AND m.family = f.family AND m.lo <= f.hi AND f.lo <= m.hi),
            near_words AS (SELECT w.event_id FROM (SELECT event_id, dyad, family, unnest(keywords) AS word FROM near) w
                           ANTI JOIN _cluster_common c ON w.dyad = c.dyad AND w.family = c.family AND w.word = c.word),
            bare AS (SELECT event_id FROM near WHERE event_id NOT IN (SELECT event_id FROM near_words))
       SELECT event_id FROM by_word UNION SELECT event_id FROM by_amount UNION SELECT event_id FROM by_date
       UNION SELECT event_id FROM bare
       UNION SELECT event_id FROM cluster_mentions WHERE doc IN (SELECT unnest($docs))""",
    # clusters whose stored counts no longer match their mentions (a document was replaced)
    """CREATE OR REPLACE TEMP TABLE _cluster_touched AS
       WITH counted AS (SELECT cluster, count(*) AS n FROM events WHERE cluster IS NOT NULL GROUP BY cluster)
       SELECT DISTINCT e.cluster FROM events e JOIN _cluster_hit USING (event_id) WHERE e.cluster IS NOT NULL
       UNION SELECT c.cluster FROM clusters c LEFT JOIN counted USING (cluster)
             WHERE counted.n IS DISTINCT FROM c.n_mentions
       UNION SELECT cluster FROM counted WHERE cluster NOT IN (SELECT cluster FROM clusters)""",
    """CREATE OR REPLACE TEMP TABLE _cluster_region AS
       SELECT event_id FROM _cluster_hit
       UNION SELECT e.event_id FROM events e JOIN cluster_mentions m USING (event_id)
             WHERE e.cluster IN (SELECT cluster FROM _cluster_touched)""",
)
_REGION = "m.event_id IN (SELECT event_id FROM _cluster_region)"
_TEMP_TABLES = ("_cluster_map", "_cluster_ids", "_cluster_common", "_cluster_fresh", "_cluster_fresh_words",
                "_cluster_firm", "_cluster_hit", "_cluster_touched", "_cluster_region")
# the blocks of the new documents' mentions, and of any other mention in the region
_FRESH_BLOCKS = ("m.dyad || '|' || m.family IN (SELECT DISTINCT dyad || '|' || family FROM cluster_mentions "
                 "WHERE doc IN (SELECT unnest($docs)))")
_MORE_BLOCKS = ("m.dyad || '|' || m.family IN (SELECT DISTINCT r.dyad || '|' || r.family FROM cluster_mentions r "
                "JOIN _cluster_region USING (event_id)) AND m.dyad || '|' || m.family NOT IN "
                "(SELECT DISTINCT dyad || '|' || family FROM _cluster_common)")

_ACTOR = "CASE WHEN {c} LIKE 'IGO%' OR {c} LIKE 'NGO%' THEN left({c}, 6) ELSE left({c}, 3) END"

_SUMMARY_SQL = f"""
INSERT INTO clusters
WITH e AS (SELECT e.cluster, e.event_id, e.doc, e.cameo, e.date, e.date_basis, e.date_cue, e.published,
                  e.quantity, e.quantity_value, e.quantity_unit, d.outlet,
                  {_ACTOR.format(c="e.source")} AS a, {_ACTOR.format(c="e.target")} AS b
           FROM events e LEFT JOIN documents d ON d.id = e.doc
           WHERE e.cluster IS NOT NULL {{only}}),
     codes AS (SELECT cluster, cameo, count(*) AS n, min(published) AS since FROM e GROUP BY ALL),
     code AS (SELECT cluster, first(cameo ORDER BY n DESC, since NULLS LAST, cameo) AS cameo FROM codes
              GROUP BY cluster),
     dirs AS (SELECT cluster, a, b, count(*) AS n, min(published) AS since FROM e GROUP BY ALL),
     dir AS (SELECT cluster, first({{{{'a': a, 'b': b}}}} ORDER BY n DESC, since NULLS LAST, a, b) AS ab FROM dirs
             GROUP BY cluster),
     dates AS (SELECT cluster, date, length(date) AS width, count(*) AS n,
                      coalesce(regexp_matches(date_cue, '^\\s*(ever\\s+)?since\\b', 'i'), false) AS since
               FROM e WHERE date IS NOT NULL AND date_basis IN ('text', 'relative') GROUP BY ALL),
     best AS (SELECT cluster, first(date ORDER BY since, width DESC, n DESC, date) AS date FROM dates GROUP BY cluster),
     amounts AS (SELECT cluster, quantity, quantity_value, quantity_unit, count(*) AS n FROM e
                 WHERE quantity_value IS NOT NULL GROUP BY ALL),
     amount AS (SELECT cluster, first({{{{'q': quantity, 'v': quantity_value, 'u': quantity_unit}}}}
                                      ORDER BY n DESC, quantity) AS q FROM amounts GROUP BY cluster),
     base AS (SELECT cluster, count(*) AS n_mentions, count(DISTINCT doc) AS n_documents,
                     count(DISTINCT outlet) AS n_outlets, min(published) AS first_reported,
                     max(published) AS last_reported,
                     first(event_id ORDER BY published NULLS LAST, event_id) AS first_event
              FROM e GROUP BY cluster)
SELECT base.cluster,
       CASE WHEN list_contains(?, left(code.cameo, 2)) THEN least(dir.ab.a, dir.ab.b) ELSE dir.ab.a END,
       CASE WHEN list_contains(?, left(code.cameo, 2)) THEN greatest(dir.ab.a, dir.ab.b) ELSE dir.ab.b END,
       left(code.cameo, 2), code.cameo, best.date,
       CASE length(best.date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END,
       amount.q.q, amount.q.v, amount.q.u, n_mentions, n_documents, n_outlets, first_reported, last_reported,
       first_event, ?
FROM base JOIN code USING (cluster) JOIN dir USING (cluster)
LEFT JOIN best USING (cluster) LEFT JOIN amount USING (cluster)"""


# -- public API ------------------------------------------------------------------------------------

def cluster_events(store: Store, *, settings: ClusterSettings = ClusterSettings(),
                   docs: Iterable[str] | None = None, actors: ActorDictionary | None = None) -> ClusterReport:
    """Cluster every asserted mention in the store (or, with ``docs``, update for those documents).
    ``actors`` gives the names left out of keywords (default: the package's dictionary)."""
    if docs is not None:
        return update_clusters(store, docs, settings=settings, actors=actors)
    started = time.perf_counter()
    _require(store, writing=True)
    report = ClusterReport(mentions=_compute_mentions(store, None, settings, actors))
    report.phases["keywords"] = time.perf_counter() - started
    _recluster(store, None, settings, report)
    report.seconds = time.perf_counter() - started
    return report


def update_clusters(store: Store, doc_ids: Iterable[str], *, settings: ClusterSettings = ClusterSettings(),
                    actors: ActorDictionary | None = None) -> ClusterReport:
    """Re-cluster what new or replaced documents touch: their blocks, over their dates, and the
    clusters already there. Mentions never clustered yet (from any document) are included."""
    started = time.perf_counter()
    _require(store, writing=True)
    docs = sorted(set(doc_ids) | _pending_docs(store))
    if docs and _mostly_new(store, docs):
        return cluster_events(store, settings=settings, actors=actors)   # cheaper, and memory-bounded
    report = ClusterReport()
    if docs:
        _compute_mentions(store, docs, settings, actors)
        report.phases["keywords"] = time.perf_counter() - started
        _common_table(store, settings, _FRESH_BLOCKS, {"docs": docs}, replace=True)
        params = {"docs": docs, "vague": settings.vague_days}
        for sql in _REGION_SQL:
            store.con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})
        _common_table(store, settings, _MORE_BLOCKS, {}, replace=False)
        report.mentions = _count(store.con, "_cluster_region")
        report.phases["region"] = time.perf_counter() - started - report.phases["keywords"]
        _recluster(store, docs, settings, report)
    report.seconds = time.perf_counter() - started
    return report


def clusters(store: Store, *, actor: str | None = None, dyad: tuple[str, str] | None = None,
             code: str | None = None, since: str | None = None, until: str | None = None,
             min_documents: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
    """Clusters with their report counts, most widely reported first."""
    _require(store)
    clauses: list[str] = ["n_documents >= ?"]
    params: list[Any] = [int(min_documents)]
    if actor:
        clauses.append("(starts_with(source, ?) OR starts_with(target, ?))")
        params += [actor_key(actor.upper()) or actor.upper()] * 2
    if dyad:
        a, b = (actor_key(x.upper()) or x.upper() for x in dyad)
        clauses.append("((source = ? AND target = ?) OR (source = ? AND target = ?))")
        params += [a, b, b, a]
    if code:
        clauses.append("starts_with(cameo, ?)")
        params.append(code)
    if since:
        clauses.append("date IS NOT NULL AND date >= ?")
        params.append(since)
    if until:
        clauses.append("date IS NOT NULL AND left(date, ?) <= ?")
        params += [len(until), until]
    sql = (f"SELECT * EXCLUDE (updated_at) FROM clusters WHERE {' AND '.join(clauses)} "
           "ORDER BY n_documents DESC, n_mentions DESC, first_reported NULLS LAST, cluster")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [_plain_row(r) for r in store.query(sql, params)]


def explain_cluster(store: Store, cluster: str, *, settings: ClusterSettings = ClusterSettings(),
                    max_mentions: int = 30) -> dict[str, Any]:
    """A cluster's facts, its mentions with their sentences and keywords, and for each pair of
    mentions the checks that join them (dyad, codes, dates, quantity, keywords)."""
    _require(store)
    found = store.query("SELECT * EXCLUDE (updated_at) FROM clusters WHERE cluster = ?", [cluster])
    if not found:
        raise DetenteError(f"no cluster {cluster!r} in this store; list them with `detente events --clusters`")
    rows = store.con.execute(_BLOCK_SQL.format(scope="e.cluster = $cluster") + " LIMIT $limit",
                             {"cluster": cluster, "limit": max_mentions}).fetchall()
    key: tuple[str, str] = (rows[0][0], rows[0][1]) if rows else ("", "")
    common = _common_words(store, settings, "m.dyad = $dyad AND m.family = $family",
                           {"dyad": key[0], "family": key[1]})
    units = _units(rows, common.get(key, frozenset()), settings)
    unit_of = {m.event_id: u for u in units for m in u.mentions}
    details = {r["event_id"]: r for r in store.query(
        "SELECT e.event_id, e.doc, d.outlet, e.published, e.source, e.target, e.cameo, e.date, e.date_basis, "
        "e.date_cue, e.quantity, e.trigger, e.sentence FROM events e LEFT JOIN documents d ON d.id = e.doc "
        "WHERE e.cluster = ?", [cluster])}
    mentions = [_mention_view(details[r[2]], unit_of[r[2]]) for r in rows]
    pairs = [_pair_view(a["event_id"], b["event_id"], unit_of, settings)
             for k, a in enumerate(mentions) for b in mentions[k + 1:]]
    return {"cluster": _plain_row(found[0]), "mentions": mentions, "pairs": pairs}


# -- helpers: store side -----------------------------------------------------------------------------

def _require(store: Store, *, writing: bool = False) -> None:
    if writing and store.read_only:
        raise StoreError("clustering writes to the store; open it without read_only")
    have = store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                             "AND table_name IN ('clusters', 'cluster_mentions')").fetchall()
    if have[0][0] < 2:
        raise StoreError("this store has no clusters table: its migrations have not run; "
                         "open it once read-write with Store(path) to migrate")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


def _mostly_new(store: Store, docs: list[str]) -> bool:
    """Whether the documents hold more than a quarter of the asserted mentions (a first load)."""
    rows = store.con.execute("SELECT count(*) FILTER (WHERE doc IN (SELECT unnest($docs))), count(*) FROM events "
                             "WHERE factuality = 'asserted'", {"docs": docs}).fetchall()
    new, total = rows[0]
    return bool(total) and new > FULL_SHARE * total and total > PART_SIZE // 10


def _pending_docs(store: Store) -> set[str]:
    """Documents with asserted mentions that were never clustered."""
    rows = store.con.execute(
        "SELECT DISTINCT doc FROM events e WHERE factuality = 'asserted' AND (cluster IS NULL "
        "OR NOT EXISTS (SELECT 1 FROM cluster_mentions m WHERE m.event_id = e.event_id))").fetchall()
    return {r[0] for r in rows}


def _compute_mentions(store: Store, docs: list[str] | None, settings: ClusterSettings,
                      actors: ActorDictionary | None) -> int:
    """Block, date interval and keywords of each asserted mention (of ``docs``, or all) into
    ``cluster_mentions``. Returns how many were computed."""
    con = store.con
    con.execute("DELETE FROM cluster_mentions WHERE doc IN (SELECT unnest(?))" if docs is not None
                else "DELETE FROM cluster_mentions", [docs] if docs is not None else [])
    con.execute("DELETE FROM cluster_mentions WHERE event_id NOT IN "
                "(SELECT event_id FROM events WHERE factuality = 'asserted')")
    scopes: list[dict[str, Any]]
    if docs is None:
        parts = max(1, -(-_count(con, "events") // PART_SIZE))
        scope, scopes = "hash({doc}) % $parts = $part", [{"parts": parts, "part": p} for p in range(parts)]
    else:
        scope, scopes = "{doc} IN (SELECT unnest($docs))", [{"docs": docs}]
    sql = _FEATURES_SQL.format(inner=scope.format(doc="doc"), outer=scope.format(doc="e.doc"))
    names = actor_names(actors or ActorDictionary.load())
    n = 0
    for params in scopes:
        for batch in con.cursor().sql(sql, params=params).to_arrow_reader(50_000):
            table = _features(batch, settings, names)
            _append(con, "cluster_mentions", table)
            n += table.num_rows
    return n


def _features(batch: pa.RecordBatch, settings: ClusterSettings, names: dict[str, frozenset[str]]) -> pa.Table:
    cols = [batch.column(name).to_pylist() for name in batch.schema.names]
    pair_names: dict[tuple[str | None, str | None], _Names] = {}
    vocabulary = _vocabulary(settings.stopwords)
    rows: list[tuple[Any, ...]] = []
    for (event_id, doc, source, target, root, value, basis, cue, published, sentence, trigger, start,
         sent_start, starts, actors) in zip(*cols):
        lo, hi, dated = date_interval(value, basis, cue, published, settings)
        at = start - sent_start if sent_start is not None else -1
        others = [o - sent_start for o in starts if o != start] if sent_start is not None else []
        a, b = actor_key(source), actor_key(target)
        own = pair_names.get((a, b))
        if own is None:
            own = pair_names[(a, b)] = _Names(names.get(a or "", frozenset()) | names.get(b or "", frozenset()))
        texts = _text_names(actors or "", (trigger or "").lower())
        found = _keywords(sentence, trigger or "", at, others, (own, texts), vocabulary, settings.keyword_window)
        rows.append((event_id, doc, "-".join(sorted((a, b))) if a and b else None, settings.family(root),
                     lo, hi, dated, sorted(found)))
    columns: list[Sequence[Any]] = list(zip(*rows)) if rows else [[] for _ in _MENTION_SCHEMA]
    return pa.table(dict(zip(_MENTION_SCHEMA.names, columns)), schema=_MENTION_SCHEMA)


_MENTION_SCHEMA = pa.schema([("event_id", pa.string()), ("doc", pa.string()), ("dyad", pa.string()),
                             ("family", pa.string()), ("lo", pa.int32()), ("hi", pa.int32()),
                             ("dated", pa.bool_()), ("keywords", pa.list_(pa.string()))])


@lru_cache(maxsize=4096)
def _text_names(texts: str, trigger: str) -> _Names:
    """Words of the actor texts of a sentence (the coder sometimes gives the event word as one)."""
    return _Names(name_words([texts]) - {trigger})


def _append(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    if rows.num_rows == 0:
        return
    con.register("_cluster_rows", rows)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _cluster_rows")
    finally:
        con.unregister("_cluster_rows")


def _common_words(store: Store, settings: ClusterSettings, scope: str,
                  params: dict[str, Any]) -> dict[tuple[str, str], frozenset[str]]:
    """Per block (of those ``scope`` selects), the keywords too common there to tell events apart."""
    rows = store.con.execute(_COMMON_SQL.format(scope=scope), {
        **params, "least": settings.common_keyword_min, "share": settings.common_keyword_share}).fetchall()
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for dyad, family, word in rows:
        found[(dyad, family)].add(word)
    return {key: frozenset(words) for key, words in found.items()}


def _common_table(store: Store, settings: ClusterSettings, scope: str, params: dict[str, Any], *,
                  replace: bool) -> None:
    """The common keywords of the blocks ``scope`` selects, into the temp table ``_cluster_common``."""
    if replace:
        store.con.execute("CREATE OR REPLACE TEMP TABLE _cluster_common (dyad VARCHAR, family VARCHAR, word VARCHAR)")
    store.con.execute(f"INSERT INTO _cluster_common {_COMMON_SQL.format(scope=scope)}", {
        **params, "least": settings.common_keyword_min, "share": settings.common_keyword_share})


def _stored_common(store: Store) -> dict[tuple[str, str], frozenset[str]]:
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for dyad, family, word in store.con.execute("SELECT * FROM _cluster_common").fetchall():
        found[(dyad, family)].add(word)
    return {key: frozenset(words) for key, words in found.items()}


def _blocks(con: duckdb.DuckDBPyConnection, sql: str,
            params: dict[str, Any]) -> Iterator[tuple[tuple[Any, Any], list[tuple[Any, ...]]]]:
    """The rows of ``sql`` (ordered by dyad, family) one block at a time."""
    reader = con.sql(sql, params=params or None).to_arrow_reader(100_000)
    key: tuple[Any, Any] | None = None
    rows: list[tuple[Any, ...]] = []
    for batch in reader:
        for row in zip(*(batch.column(i).to_pylist() for i in range(batch.num_columns))):
            if (row[0], row[1]) != key:
                if rows and key is not None:
                    yield key, rows
                key, rows = (row[0], row[1]), []
            rows.append(row)
    if rows and key is not None:
        yield key, rows


def _recluster(store: Store, docs: list[str] | None, settings: ClusterSettings, report: ClusterReport) -> None:
    """Cluster the region (everything when ``docs`` is None) block by block, a partition of the
    blocks at a time; name the clusters and store them."""
    started = time.perf_counter()
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE _cluster_map (event_id VARCHAR, cluster VARCHAR)")
    con.execute("CREATE OR REPLACE TEMP TABLE _cluster_ids (cluster VARCHAR)")
    taken: set[str] = set()
    if docs is None:
        parts = max(1, -(-_count(con, "cluster_mentions") // PART_SIZE))
        for part in range(parts):
            params = {"parts": parts, "part": part}
            common = _common_words(store, settings, _PART, params)
            blocks = _blocks(con, _BLOCK_SQL.format(scope=_PART), params)
            _cluster_scope(store, blocks, common, settings, report, taken, region=False)
    else:
        blocks = _blocks(con, _BLOCK_SQL.format(scope=_REGION), {})
        _cluster_scope(store, blocks, _stored_common(store), settings, report, taken, region=True)
    report.phases["clustering"] = time.perf_counter() - started
    _write(store, docs, settings)
    for table in _TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    report.phases["writing"] = time.perf_counter() - started - report.phases["clustering"]


def _cluster_scope(store: Store, blocks: Iterable[tuple[tuple[Any, Any], list[tuple[Any, ...]]]],
                   common: dict[tuple[str, str], frozenset[str]], settings: ClusterSettings,
                   report: ClusterReport, taken: set[str], *, region: bool) -> None:
    """Cluster some blocks and queue the new ids of their mentions in ``_cluster_map``."""
    event_ids: list[str] = []
    names: list[str] = []
    olds: list[str | None] = []
    minted: dict[str, str] = {}
    for key, rows in blocks:
        report.blocks += 1
        units = _units(rows, common.get(key, frozenset()), settings) if key[0] else _lone(rows, settings)
        found, pairs = cluster_units(units, settings) if key[0] else ([[i] for i in range(len(units))], 0)
        report.pairs += pairs
        groups = [[m for k in g for m in units[k].mentions] for g in found]
        for group, name in zip(groups, _name_groups(groups, taken)):
            if name not in {m.cluster for m in group}:
                minted[name] = _earliest(group).event_id
            report.joined += len(group) if len({m.doc for m in group}) > 1 else 0
            for m in group:
                event_ids.append(m.event_id)
                names.append(name)
                olds.append(m.cluster)
    if region:
        names = _avoid_outside_ids(store, names, minted, taken)
    distinct = sorted(set(names))
    report.clusters += len(distinct)
    changed = [k for k, (n, o) in enumerate(zip(names, olds)) if n != o]
    report.changed += len(changed)
    _append(store.con, "_cluster_map", pa.table({"event_id": [event_ids[k] for k in changed],
                                                 "cluster": [names[k] for k in changed]}))
    _append(store.con, "_cluster_ids", pa.table({"cluster": distinct}))


def _lone(rows: Sequence[tuple[Any, ...]], settings: ClusterSettings) -> list[_Unit]:
    """Mentions without a known dyad: each one a cluster of its own."""
    return [u for row in rows for u in _units([row], frozenset(), settings)]


def _avoid_outside_ids(store: Store, names: list[str], minted: dict[str, str], taken: set[str]) -> list[str]:
    """A new id may not be one that a cluster outside the updated region already has."""
    if not minted:
        return names
    clash = {r[0] for r in store.con.execute(
        "SELECT DISTINCT cluster FROM events WHERE cluster IN (SELECT unnest(?)) "
        "AND event_id NOT IN (SELECT event_id FROM _cluster_region)", [sorted(minted)]).fetchall()}
    renamed = {}
    for name in sorted(clash):
        salt = 1
        while cluster_id(minted[name], salt) in taken | clash:
            salt += 1
        renamed[name] = cluster_id(minted[name], salt)
        taken.add(renamed[name])
    return [renamed.get(n, n) for n in names]


def _write(store: Store, docs: list[str] | None, settings: ClusterSettings) -> None:
    """Store the queued ids (``_cluster_map``) and rebuild the ``clusters`` rows of the region."""
    con = store.con
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute("UPDATE events SET cluster = m.cluster FROM _cluster_map m WHERE events.event_id = m.event_id")
        if docs is None:
            con.execute("UPDATE events SET cluster = NULL WHERE factuality <> 'asserted' AND cluster IS NOT NULL")
            con.execute("DELETE FROM clusters")
            con.execute(_SUMMARY_SQL.format(only=""), _summary_params(settings))
        else:
            con.execute("UPDATE events SET cluster = NULL WHERE factuality <> 'asserted' AND cluster IS NOT NULL "
                        "AND doc IN (SELECT unnest(?))", [docs])
            con.execute("DELETE FROM clusters WHERE cluster IN (SELECT cluster FROM _cluster_touched) "
                        "OR cluster IN (SELECT cluster FROM _cluster_ids)")
            con.execute(_SUMMARY_SQL.format(only="AND e.cluster IN (SELECT cluster FROM _cluster_ids)"),
                        _summary_params(settings))
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise StoreError(f"could not store clusters: {str(e).strip().splitlines()[0]}") from e


def _summary_params(settings: ClusterSettings) -> list[Any]:
    return [list(settings.symmetric_roots)] * 2 + [datetime.now(timezone.utc).replace(tzinfo=None)]


def _plain_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


# -- helpers: explanations -------------------------------------------------------------------------

def _day(ordinal: int) -> str | None:
    return None if ordinal in (FIRST_DAY, LAST_DAY) else date.fromordinal(ordinal).isoformat()


def _interval_text(unit: _Unit) -> str:
    lo, hi = _day(unit.lo), _day(unit.hi)
    if lo is None and hi is None:
        return "any time"
    return f"{lo or '…'}..{hi or '…'}"


def _mention_view(row: dict[str, Any], unit: _Unit) -> dict[str, Any]:
    view = _plain_row(row)
    view.update({"interval": _interval_text(unit), "dated": unit.dated, "vague": unit.vague,
                 "keywords": sorted(unit.keywords)})
    return view


def _pair_view(a_id: str, b_id: str, unit_of: dict[str, _Unit], settings: ClusterSettings) -> dict[str, Any]:
    a, b = unit_of[a_id], unit_of[b_id]
    if a is b:
        return {"a": a_id, "b": b_id, "joined": "same words: one event word coded more than once"}
    checks = _pair_checks(a, b, settings)
    if _pair_score(a, b, settings) is None:
        failed = "; ".join(f"{k}: {text}" for k, (ok, text) in checks.items() if not ok)
        joined = f"through other reports ({failed})"
    elif _informed(a, b, settings):
        joined = "directly"
    else:
        joined = "by date alone: the only cluster that fits the report without keywords"
    return {"a": a_id, "b": b_id, "joined": joined, **{k: text for k, (_, text) in checks.items()}}


def _pair_checks(a: _Unit, b: _Unit, settings: ClusterSettings) -> dict[str, tuple[bool, str]]:
    """Each condition of the rule for one pair, (holds, why); ``_pair_score`` is the same rule, fast."""
    same_way = not a.directions.isdisjoint(b.directions)
    symmetric = a.symmetric or b.symmetric
    quantity = _quantity_match(a, b, settings.quantity_tolerance)
    vague = a.vague or b.vague
    return {
        "document": (a.doc != b.doc or settings.join_same_document,
                     "different documents" if a.doc != b.doc else "same document"),
        "dyad": (same_way or symmetric, "same direction" if same_way else
                 "either order (symmetric code)" if symmetric else "opposite directions"),
        "codes": (True, f"{'/'.join(sorted(a.codes))} and {'/'.join(sorted(b.codes))}: same root or family"),
        "dates": (a.lo <= b.hi and b.lo <= a.hi, f"{_interval_text(a)} vs {_interval_text(b)}"
                  + (" (vague: a detail must agree)" if vague else "")),
        "quantity": (quantity >= 0, {1: "same amount", 0: "nothing to compare", -1: "amounts differ"}[quantity]),
        "keywords": _keyword_check(a, b, settings, vague=vague, quantity=quantity),
    }


def _keyword_check(a: _Unit, b: _Unit, settings: ClusterSettings, *, vague: bool,
                   quantity: int) -> tuple[bool, str]:
    shared = sorted(a.keywords & b.keywords)
    if a.keywords and b.keywords:
        return len(shared) >= settings.min_keyword_overlap, (f"shared: {', '.join(shared)}" if shared
                                                             else "none shared")
    if vague and quantity <= 0:
        return False, "one report has no keywords and a vague date, and no amount agrees"
    return True, "one report has no keywords"
