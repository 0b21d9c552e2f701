"""Matching within one block (one dyad and code family), in pure Python.

A block's mentions are grouped into units (one per event word of a sentence); candidate pairs come
from time-ordered sweeps over shared keywords, quantities and dates, never from all pairs; clusters
grow greedily, best-supported pair first, and only while all their mentions can still be one event.
Each resulting cluster then gets an id: an old one where the membership allows, else a new hash.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .features import actor_key
from .settings import ClusterSettings


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
