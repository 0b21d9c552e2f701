"""Verb and noun patterns: the lexicon that maps event words to CAMEO codes.

One JSON object per line of ``detente/data/verbs.jsonl``::

    {"id": "sign_agreement", "lemma": ["sign"], "object": ["agreement", "deal"], "code": "057",
     "symmetric": true, "target_prep": ["with"]}

Fields: ``id``, ``lemma`` and ``code`` are required; ``pos`` (VERB or NOUN), ``particle``, ``prep``,
``object``, ``oprd``, ``target_prep``, ``symmetric``, ``reverse`` (the grammatical subject is the
target: "X received weapons from Y" is Y giving to X), ``if_negated`` (the code of what a negated
trigger asserts: "did not rule out force" is a threat), ``if_alone`` (the code of a joint act done
with no partner named on another state's soil: "held exercises in Alaska" is a show of force), ``source_roles`` (role codes the doers must
have: "troops entered Syria", not "refugees entered Poland"), ``subject`` (nouns the subject must be:
"the ambassador returned to Canberra" is an envoy sent back, not a visit), ``clause`` (the word must govern a
clause: "denied that it had …", "denied interfering") and ``note`` are optional. An object word
"@organisation", "@country" or "@capital" stands for the one-word organisation names or the last
words of country names or capitals the actor dictionary knows ("left Ecowas", "entered north-eastern
Syria", "was in Moscow"); "person" matches a person's name ("received Buhari"). For each trigger word
the pattern with the most constraints that holds wins; ties go to the earlier line.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from .errors import DictionaryError

KEYS = {"id", "lemma", "pos", "particle", "prep", "object", "oprd", "target_prep", "code", "symmetric", "reverse",
        "if_negated", "if_alone", "source_roles", "subject", "clause", "note"}
OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "dative"}


@dataclass(frozen=True)
class VerbPattern:
    id: str
    lemmas: frozenset[str]
    code: str
    pos: str = "VERB"
    particle: str | None = None
    prep: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    oprd: frozenset[str] = frozenset()
    target_prep: tuple[str, ...] = ()
    symmetric: bool = False
    reverse: bool = False
    if_negated: str | None = None     # the code of the act a negated trigger asserts ("did not rule out force")
    if_alone: str | None = None       # the code of a joint act done alone on another state's soil ("drills in Alaska")
    source_roles: frozenset[str] = frozenset()   # when given, the doers must have one of these roles ("troops")
    subject: frozenset[str] = frozenset()        # when given, the subject noun must be one of these ("ambassador")
    clause: bool = False                         # the word must govern a clause ("denied that …")

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.particle, self.prep, self.object, self.oprd, self.subject, self.clause))


@dataclass(frozen=True)
class PatternMatch:
    pattern: VerbPattern
    trigger: Token
    object: Token | None


class VerbPatterns:
    """All patterns, indexed by (pos, lemma)."""

    def __init__(self, patterns: list[VerbPattern]) -> None:
        self.patterns = patterns
        self._index: dict[tuple[str, str], list[VerbPattern]] = defaultdict(list)
        for p in patterns:
            for lemma in p.lemmas:
                self._index[(p.pos, lemma)].append(p)
        for entries in self._index.values():
            entries.sort(key=lambda p: -p.specificity)
        self.by_id = {p.id: p for p in patterns}

    @classmethod
    def load(cls, path: Path | None = None, *, codes: set[str] | None = None,
             classes: dict[str, frozenset[str]] | None = None) -> VerbPatterns:
        """``classes``: what an object word such as "@organisation" stands for (the one-word names of
        the organisations the actor dictionary knows: "leave Ecowas"); without it such words match nothing."""
        source = path or Path(__file__).parent / "data" / "verbs.jsonl"
        patterns = []
        with open(source, encoding="utf-8") as f:
            for line, text in enumerate(f, start=1):
                if text.strip():
                    patterns.append(_pattern(text, f"{source} line {line}", codes, classes or {}))
        return cls(patterns)

    @classmethod
    def from_dicts(cls, rows: list[dict[str, Any]]) -> VerbPatterns:
        return cls([_from_dict(r, f"pattern {i}", None) for i, r in enumerate(rows, start=1)])

    def candidates(self, token: Token) -> list[VerbPattern]:
        if token.pos_ in ("NOUN", "PROPN"):
            return self._index.get(("NOUN", token.lemma_.lower()), [])
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")
                                    and token.tag_ in ("VBD", "VBN")):   # "he was in Moscow", "had been to
            return self._index.get(("VERB", token.lemma_.lower()), [])    # Kyiv": an auxiliary as the verb
        return []

    def match(self, token: Token) -> PatternMatch | None:
        """The most specific pattern whose constraints hold at this token; an object found in the
        parse beats one found only by looking at the next few words."""
        candidates = self.candidates(token)
        for p in candidates:
            found = _check(p, token, window=False) if p.object or p.oprd else None
            if found is not None:
                return found
        for p in candidates:
            found = _check(p, token)
            if found is not None:
                return found
        return None


def _pattern(text: str, where: str, codes: set[str] | None, classes: dict[str, frozenset[str]]) -> VerbPattern:
    try:
        row = json.loads(text)
    except json.JSONDecodeError as e:
        raise DictionaryError(f"{where}: invalid JSON ({e.msg})") from e
    if not isinstance(row, dict):
        raise DictionaryError(f"{where}: a pattern must be a JSON object")
    return _from_dict(row, where, codes, classes)


def _from_dict(row: dict[str, Any], where: str, codes: set[str] | None,
               classes: dict[str, frozenset[str]] | None = None) -> VerbPattern:
    unknown = set(row) - KEYS
    if unknown:
        raise DictionaryError(f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(KEYS)}")
    for key in ("id", "lemma", "code"):
        if key not in row:
            raise DictionaryError(f"{where}: missing {key!r}")
    code = str(row["code"])
    flipped = str(row["if_negated"]) if row.get("if_negated") else None
    alone = str(row["if_alone"]) if row.get("if_alone") else None
    for value in filter(None, (code, flipped, alone)):
        if codes is not None and value not in codes:
            raise DictionaryError(f"{where}: CAMEO code {value!r} is not in the code table")

    def words(key: str) -> frozenset[str]:
        value = row.get(key) or []
        found = {w.lower() for w in ([value] if isinstance(value, str) else value)}
        named = {w for w in found if w.startswith("@")}
        return frozenset(found - named).union(*((classes or {}).get(w, frozenset()) for w in named))

    return VerbPattern(
        id=str(row["id"]), lemmas=words("lemma"), code=code, pos=str(row.get("pos", "VERB")).upper(),
        particle=row.get("particle"), prep=words("prep"), object=words("object"), oprd=words("oprd"),
        target_prep=tuple(w.lower() for w in (row.get("target_prep") or [])),
        symmetric=bool(row.get("symmetric", False)), reverse=bool(row.get("reverse", False)), if_negated=flipped,
        if_alone=alone,
        source_roles=frozenset(str(r).upper() for r in (row.get("source_roles") or [])), subject=words("subject"),
        clause=bool(row.get("clause", False)))


def _check(p: VerbPattern, token: Token, *, window: bool = True) -> PatternMatch | None:
    children = list(token.children)
    hung = [g for c in children if c.dep_ == "prep" for g in c.children if g.dep_ == "advmod" and g.i < c.i] + [
        g for c in children if c.dep_ == "dobj" for o in (c, *c.conjuncts) for g in o.children
        if g.dep_ == "advmod" and g.lower_ in ADVERB_PARTICLES]      # "brought X and Y together"
    if p.particle and not any(c.lower_ == p.particle and (c.dep_ == "prt" or particle_prep(c) or (
            c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES)) for c in children + hung):
        return None      # "sent its envoy home", "sent ambassadors back before the end of the year"
    preps = [c for c in _preps(token) + _object_preps(token) if c.lower_ in p.prep and not temporal(c)]
    if p.prep and not preps:
        return None
    if p.oprd and not _names(p.oprd, children):
        return None
    if p.subject and not any(c.dep_ in ("nsubj", "nsubjpass") and _kinds(c) & p.subject for c in children):
        return None
    if p.clause and not any(c.dep_ in ("ccomp", "xcomp") for c in children):
        return None
    obj = None
    if p.object:       # with a preposition, its object counts too: "withdrew from the deal"
        found = objects(token) + [o for c in preps for o in c.children if o.dep_ == "pobj"]
        obj = next((o for o in found if _kinds(o) & p.object), None)
        if obj is None and window and token.pos_ == "VERB":
            obj = _object_in_window(token, p.object)
        if obj is None:
            return None
    return PatternMatch(p, token, obj)


def _object_in_window(verb: Token, lemmas: frozenset[str], width: int = 10) -> Token | None:
    """Fallback when the parse went wrong: the object word within the next few words of the verb,
    before any punctuation, conjunction or other verb ("signed a $10-billion gas pipeline deal")."""
    for token in verb.doc[verb.i + 1: verb.i + 1 + width]:
        in_noun_phrase = token.pos_ in ("NOUN", "PROPN") or (
            token.i > 0 and verb.doc[token.i - 1].pos_ in ("NOUN", "PROPN", "ADJ", "NUM"))
        modifier = token.dep_ in ("compound", "amod", "nmod") and token.head.dep_ == "dobj" and \
            token.head.head.i == verb.i          # "took the border dispute to …": the object is the dispute
        if in_noun_phrase and not modifier and (token.lemma_.lower() in lemmas or token.lower_ in lemmas):
            return token
        if token.dep_ in ("cc", "mark") or token.pos_ == "ADP" or (token.is_punct and token.text not in "-$") or \
                (token.pos_ in ("VERB", "AUX") and token.dep_ != "amod"):
            return None
    return None


ADVERB_PARTICLES = {"back", "home", "together", "closely"}   # "sent … home", "work together"


def particle_prep(token: Token) -> bool:
    """A particle the parser read as a preposition: "out" in "pulled out of the deal"."""
    return token.dep_ == "prep" and not any(c.dep_ == "pobj" for c in token.children)


def _preps(token: Token) -> list[Token]:
    """The prepositions of a verb, including those after a particle read as one ("out [of]") or after
    "back" ("put X back [on] the list")."""
    found = [c for c in token.children if c.dep_ in ("prep", "agent", "dative")]
    carriers = [c for c in found if particle_prep(c)] + [
        c for c in token.children if c.dep_ == "advmod" and c.lower_ == "back"]
    return found + [g for c in carriers for g in c.children if g.dep_ == "prep"]


def _object_preps(token: Token) -> list[Token]:
    """The prepositions the parser hung on the direct object rather than on the verb ("raised the
    murder with him")."""
    return [g for c in token.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "prep"]


NOT_CONTAINERS = {"suspension", "halt", "cut", "end", "cancellation", "freeze", "withdrawal", "reduction", "delay",
                  "removal", "termination", "ban", "denial", "refusal", "loss", "lack", "threat", "offer", "promise",
                  "pledge", "request", "demand", "review", "question", "criticism", "rejection"}


def objects(token: Token) -> list[Token]:
    """Direct objects of a verb (or its passive subject; in a relative clause, the noun it describes;
    for "its own", the object of the verb before), with conjoined objects and the noun after "in"/"of"
    that follows a quantity ("$2 billion in aid", "a series of drills")."""
    found = []
    children = list(token.children)
    if token.dep_ == "relcl" and not any(c.dep_ in OBJECT_DEPS for c in children) and any(
            c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in children):
        found.append(token.head)                 # "a charge Bogotá dismissed as absurd"
    for c in children:
        if c.dep_ not in OBJECT_DEPS:
            continue
        if token.dep_ == "relcl" and c.dep_ == "dobj" and c.lower_ in ("that", "which"):   # "the boycott that Riyadh imposed"
            c = token.head
        if c.lower_ == "own" and token.dep_ == "conj":     # "expelled Kenya's ambassador and recalled its own"
            c = next((o for o in token.head.children if o.dep_ == "dobj"), c)
        for o in (c, *c.conjuncts):
            found.append(o)
            if o.lemma_.lower() in NOT_CONTAINERS:      # "announced a suspension of aid": no aid given
                continue
            for g in o.children:       # "in" only after an amount: not "placed a buoy in the zone"
                if g.dep_ == "prep" and (g.lower_ == "of" or (g.lower_ == "in" and _amount(o))):
                    found.extend(x for x in g.children if x.dep_ == "pobj")
    return found


def _amount(noun: Token) -> bool:
    """ "$2 billion", "50,000 tonnes", "billions": a quantity, whose "in" names what it is of."""
    return noun.like_num or noun.pos_ in ("NUM", "SYM") or noun.lower_ in ("billions", "millions", "thousands") or \
        any(c.dep_ in ("nummod", "quantmod") for c in noun.children)


def _names(words: frozenset[str], children: list[Token]) -> bool:
    """ "call X a Y" or "describe X as Y" with Y (or an adjective on it) in ``words`` ("*": any Y). The parser often swaps X and
    Y ("called the ban an act": "ban" oprd, "act" dobj), so with an oprd the direct object counts too."""
    second = [c for c in children if c.dep_ in ("oprd", "attr", "xcomp", "ccomp", "acomp")] + as_objects(children) + [
        a for c in children if c.dep_ == "dobj" for a in c.children if a.dep_ in ("appos", "dobj", "relcl") or (
            a.dep_ == "amod" and (a.i > c.i or a.i == c.head.i + 1))] + [
        c for c in children if c.dep_ == "advmod" and any(o.dep_ == "dobj" and o.i < c.i for o in children)]
    # "called Bush the devil"; "called Iran's move a serious blow" (parsed as an object of "move"); "called the
    # remarks most unfortunate" (the adjective read as the noun's); "shot dead two farmers" ("dead" read as the
    # farmers' adjective, right after the verb); "called the closure unneighbourly" (an adverb)
    if any(c.dep_ == "oprd" for c in second):
        if "*" in words:
            return True
        second += [c for c in children if c.dep_ == "dobj"]
    if "*" in words and as_objects(children) and any(c.dep_ == "dobj" for c in children):
        return True                                     # "described the siege as psychological terror"
    return any(_head_lemma(c) in words or any(_head_lemma(m) in words for m in c.children if m.dep_ == "amod")
               for c in second)                         # "the worst deal ever", "a mentally deranged dotard"


def as_objects(children: list[Token]) -> list[Token]:
    """What a verb's object is said to be after "as" ("described the siege as [terror]")."""
    return [o for c in children if c.dep_ == "prep" and c.lower_ == "as" for o in c.children if o.dep_ == "pobj"]


def temporal(prep: Token) -> bool:
    """ "on Tuesday", "for two years": a preposition of time is not the one a pattern asks for."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


GENERIC_HEADS = {"service", "processing", "issuance", "issuing", "category", "team", "crew", "worker", "shot", "action",
                 "operation", "section", "office", "department", "programme", "program", "ship", "vessel", "aircraft",
                 "plane", "boat", "jet", "helicopter"}


def _head_lemma(token: Token) -> str:
    return token.lemma_.lower()


def _kinds(token: Token) -> set[str]:
    """The words a pattern's object list is checked against: the noun's lemma, for a generic head the
    kinds its modifiers name ("visa services": visa, "search and rescue teams": search, rescue, "legal
    action": legal), and for a person's name the noun set beside it ("Paul Grigson, the ambassador")."""
    lemma = token.lemma_.lower()
    post = token.doc.user_data.get("posts", {}).get(token.text) if token.pos_ == "PROPN" else None   # "Masset",
    #                                                   met before as the ambassador (whatever the model tags it)
    leader = token.i in token.doc.user_data.get("leaders", ())          # "Petro", a leader the lexicon knows
    if token.pos_ == "PROPN" and (token.ent_type_ in ("PERSON", "") or post or leader):   # "recalled Nadjib
        #                  Kesoema, the ambassador in Canberra": an ambassador; "received Buhari": a person
        person = {"person"} if (token.ent_type_ == "PERSON" or leader) and not any(   # (not "saw Jammeh off")
            c.dep_ == "prt" for c in token.head.children) else set()
        return {lemma} | person | {c.lemma_.lower() for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"} | (
            {post} if post else set())
    if lemma not in GENERIC_HEADS:
        return {lemma}
    kinds = [c for c in token.children if c.dep_ in ("compound", "nmod", "amod")]
    return {lemma} | {k.lemma_.lower() for c in kinds for k in (c, *c.conjuncts)}
