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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

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
    keyword_window: int = _setting(8, "words taken on each side of the event word for keywords")
    min_keyword_overlap: int = _setting(1, "keywords two reports must share when both have some")
    common_keyword_share: float = _setting(
        0.05, "a keyword in more than this share of a block's reports is too common to tell events apart")
    common_keyword_min: int = _setting(100, "... and in more than this many of them")
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


# -- schema -------------------------------------------------------------------------------------

def m002_clusters(con: duckdb.DuckDBPyConnection) -> None:
    """The ``clusters`` table (one row per real-world event) and ``cluster_mentions`` (per mention:
    block, date interval and keywords, computed once and reused by incremental updates)."""
    con.execute("""
        CREATE TABLE clusters (
            cluster VARCHAR NOT NULL, source VARCHAR, target VARCHAR, cameo_root VARCHAR, cameo VARCHAR,
            date VARCHAR, date_precision VARCHAR, quantity VARCHAR, quantity_value DOUBLE, quantity_unit VARCHAR,
            n_mentions INTEGER NOT NULL, n_documents INTEGER NOT NULL, n_outlets INTEGER NOT NULL,
            first_reported DATE, last_reported DATE, first_event VARCHAR NOT NULL, updated_at TIMESTAMP)""")
    con.execute("""
        CREATE TABLE cluster_mentions (
            event_id VARCHAR NOT NULL, doc VARCHAR NOT NULL, dyad VARCHAR, family VARCHAR NOT NULL,
            lo INTEGER NOT NULL, hi INTEGER NOT NULL, dated BOOLEAN NOT NULL, keywords VARCHAR[] NOT NULL)""")


# -- one mention: block, date interval, keywords ---------------------------------------------------

def actor_key(code: str | None) -> str | None:
    """The actor a dyad is made of: "IGOUNO" for organisations, else the first three letters."""
    if not code or code.startswith("---"):
        return None
    return code[:6] if code.startswith(("IGO", "NGO")) else code[:3]


def dyad_key(source: str | None, target: str | None) -> str | None:
    a, b = actor_key(source), actor_key(target)
    return "-".join(sorted((a, b))) if a and b else None


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


def _span(value: str | None) -> tuple[int, int] | None:
    precision = _PRECISION.get(len(value or ""))
    try:
        if precision == "year":
            return date(int(value[:4]), 1, 1).toordinal(), date(int(value[:4]), 12, 31).toordinal()  # type: ignore[index]
        if precision == "month":
            first = date.fromisoformat(f"{value}-01")
            after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first.toordinal(), after.toordinal() - 1
        if precision == "day":
            day = date.fromisoformat(value).toordinal()  # type: ignore[arg-type]
            return day, day
    except ValueError:
        return None
    return None


def keywords(sentence: str, trigger: str, *, at: int = -1, others: Sequence[int] = (), actors: str = "",
             settings: ClusterSettings = ClusterSettings()) -> frozenset[str]:
    """Stems of the content words near the event word: up to ``keyword_window`` words on each side,
    not past half-way to another event word of the sentence, minus stopwords and actor names."""
    if at < 0 or sentence[at:at + len(trigger)].lower() != trigger.lower():
        at = sentence.lower().find(trigger.lower()) if trigger else -1
    if at < 0:
        return frozenset()
    end = at + len(trigger)
    left = max((o + end) // 2 for o in others if o < at) if any(o < at for o in others) else 0
    right = min((o + at) // 2 for o in others if o > at) if any(o > at for o in others) else len(sentence)
    window = settings.keyword_window
    words = _WORD.findall(sentence, left, at)[-window:] if window else []
    words += _WORD.findall(sentence, at, max(right, end))[: window + 1]
    stop = _stop_stems(settings.stopwords)
    names = _actor_words(actors)
    found = set()
    for word in words:
        stem = _keyword(word, stop, names)
        if stem:
            found.add(stem)
    return frozenset(found)


def _keyword(word: str, stop: frozenset[str], names: frozenset[str]) -> str | None:
    w = _plain_word(word)
    if len(w) < 3 or w in stop or any(w.startswith(n) or (len(w) >= 4 and n.startswith(w)) for n in names):
        return None
    stem = _stem(w)
    return None if stem in stop else stem


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
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]                       # "stopped" -> "stopp" -> "stop"
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]                       # "exercise"/"exercised" -> "exercis"
    return w


@lru_cache(maxsize=8)
def _stop_stems(stopwords: frozenset[str]) -> frozenset[str]:
    return stopwords | {_stem(w) for w in stopwords}


@lru_cache(maxsize=65536)
def _actor_words(actors: str) -> frozenset[str]:
    words = (_plain_word(w) for w in _WORD.findall(actors))
    return frozenset(w for w in words if len(w) >= 4 or (len(w) == 3 and w != "the"))


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


# columns of the block query, in order (see _BLOCK_SQL)
_BLOCK_COLUMNS = ("dyad", "family", "event_id", "doc", "sent_index", "start", "source", "target", "cameo", "lo",
                  "hi", "dated", "keywords", "quantity_value", "quantity_unit", "published", "cluster")


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
    distance = abs((a.lo + min(a.hi, b.hi)) - (b.lo + min(a.hi, b.hi))) / 2 if a.dated and b.dated else 3650
    return (2.0 * quantity + jaccard + (0.25 if not (a.vague or b.vague) else 0.0)
            + (0.1 if a.codes & b.codes else 0.0) + 0.05 / (1.0 + distance / 365))


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
           only_with: Any = None) -> None:
    """Add every pair of ``ids`` whose intervals overlap (with ``only_with``: pairs with one such unit)."""
    ids = sorted(ids, key=lambda i: units[i].lo)
    active: list[int] = []
    marked: list[int] = []
    for i in ids:
        lo = units[i].lo
        active = [j for j in active if units[j].hi >= lo]
        if only_with is None:
            partners: list[int] = active
        else:
            marked = [j for j in marked if units[j].hi >= lo]
            partners = active if only_with(i) else marked
            if only_with(i):
                marked.append(i)
        for j in partners:
            pairs.add((j, i) if j < i else (i, j))
        active.append(i)


@dataclass(slots=True)
class _Group:
    """A growing cluster: what all its units must still agree on."""

    lo: int
    hi: int
    docs: set[str]
    quantities: dict[str, tuple[float, float]]
    members: list[int]

    @classmethod
    def of(cls, index: int, unit: _Unit) -> _Group:
        return cls(unit.lo, unit.hi, {unit.doc}, {k: (v, v) for k, v in unit.quantities.items()}, [index])

    def accepts(self, other: _Group, settings: ClusterSettings) -> bool:
        if max(self.lo, other.lo) > min(self.hi, other.hi):
            return False
        if not settings.join_same_document and not self.docs.isdisjoint(other.docs):
            return False
        for name, (low, high) in other.quantities.items():
            mine = self.quantities.get(name)
            if mine and _differ(min(low, mine[0]), max(high, mine[1]), settings.quantity_tolerance):
                return False
        return True

    def absorb(self, other: _Group) -> None:
        self.lo, self.hi = max(self.lo, other.lo), min(self.hi, other.hi)
        self.docs |= other.docs
        for name, (low, high) in other.quantities.items():
            mine = self.quantities.get(name, (low, high))
            self.quantities[name] = (min(low, mine[0]), max(high, mine[1]))
        self.members += other.members


def cluster_units(units: Sequence[_Unit], settings: ClusterSettings) -> tuple[list[list[int]], int]:
    """Greedy merging, best-supported pair first, while every cluster can still be one event.
    Returns the clusters as lists of unit indices and the number of pairs compared."""
    pairs = _candidates(units, settings)
    scored = []
    for i, j in pairs:
        score = _pair_score(units[i], units[j], settings)
        if score is not None:
            scored.append((-score, i, j))
    scored.sort()
    groups: dict[int, _Group] = {i: _Group.of(i, u) for i, u in enumerate(units)}
    owner = list(range(len(units)))
    for _, i, j in scored:
        a, b = owner[i], owner[j]
        if a == b or not groups[a].accepts(groups[b], settings):
            continue
        if len(groups[a].members) < len(groups[b].members):
            a, b = b, a
        for k in groups[b].members:
            owner[k] = a
        groups[a].absorb(groups.pop(b))
    return [sorted(g.members) for g in groups.values()], len(pairs)


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
WITH picked AS (SELECT * FROM events WHERE factuality = 'asserted' {docs}),
     sent AS (SELECT doc, sent_index, list(start) AS starts,
                     string_agg(coalesce(source_text, '') || ' ' || coalesce(target_text, ''), ' ') AS actors
              FROM events WHERE doc IN (SELECT DISTINCT doc FROM picked) GROUP BY doc, sent_index)
SELECT p.event_id, p.doc, p.source, p.target, p.root, p.date, p.date_basis, p.date_cue, p.published,
       p.sentence, p.trigger, p.start, se.start AS sent_start, s.starts, s.actors
FROM picked p JOIN sent s USING (doc, sent_index)
LEFT JOIN sentences se ON se.doc = p.doc AND se.idx = p.sent_index"""

_BLOCK_SQL = """
SELECT m.dyad, m.family, m.event_id, e.doc, e.sent_index, e.start, e.source, e.target, e.cameo, m.lo, m.hi,
       m.dated, m.keywords, e.quantity_value, e.quantity_unit, e.published, e.cluster
FROM cluster_mentions m JOIN events e USING (event_id) {region}
ORDER BY m.dyad NULLS LAST, m.family, e.published NULLS LAST, m.event_id"""

_COMMON_SQL = """
WITH blocks AS (SELECT dyad, family, count(*) AS n FROM cluster_mentions {region} GROUP BY ALL),
     words AS (SELECT dyad, family, unnest(keywords) AS word FROM cluster_mentions {region}),
     df AS (SELECT dyad, family, word, count(*) AS n FROM words GROUP BY ALL)
SELECT df.dyad, df.family, list(df.word ORDER BY df.word) AS words
FROM df JOIN blocks b ON b.dyad = df.dyad AND b.family = df.family
WHERE df.n > greatest(?, ? * b.n) GROUP BY ALL"""

# An update re-clusters the mentions of the new documents, every mention of their blocks (dyad x
# family) whose dates overlap theirs, and all members of the clusters those already belong to.
_REGION_SQL = (
    """CREATE OR REPLACE TEMP TABLE _cluster_hit AS
       WITH fresh AS (SELECT DISTINCT dyad, family, lo, hi FROM cluster_mentions
                      WHERE doc IN (SELECT unnest(?)) AND dyad IS NOT NULL)
       SELECT m.event_id FROM cluster_mentions m JOIN fresh f
           ON m.dyad = f.dyad AND m.family = f.family AND m.lo <= f.hi AND f.lo <= m.hi
       UNION SELECT event_id FROM cluster_mentions WHERE doc IN (SELECT unnest(?))""",
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

_ACTOR = "CASE WHEN {c} LIKE 'IGO%' OR {c} LIKE 'NGO%' THEN left({c}, 6) ELSE left({c}, 3) END"

_SUMMARY_SQL = f"""
INSERT INTO clusters
WITH e AS (SELECT e.cluster, e.event_id, e.doc, e.cameo, e.date, e.date_basis, e.date_cue, e.published,
                  e.quantity, e.quantity_value, e.quantity_unit, d.outlet,
                  {_ACTOR.format(c="e.source")} AS a, {_ACTOR.format(c="e.target")} AS b
           FROM events e LEFT JOIN documents d ON d.id = e.doc
           WHERE e.cluster IS NOT NULL {{only}}),
     codes AS (SELECT cluster, cameo, count(*) AS n FROM e GROUP BY ALL),
     code AS (SELECT cluster, first(cameo ORDER BY n DESC, cameo) AS cameo FROM codes GROUP BY cluster),
     dirs AS (SELECT cluster, a, b, count(*) AS n FROM e GROUP BY ALL),
     dir AS (SELECT cluster, first({{{{'a': a, 'b': b}}}} ORDER BY n DESC, a, b) AS ab FROM dirs GROUP BY cluster),
     dates AS (SELECT cluster, date, length(date) AS width, coalesce(regexp_matches(date_cue, '^\\s*(ever\\s+)?since\\b', 'i'), false) AS since,
                      count(*) AS n
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
