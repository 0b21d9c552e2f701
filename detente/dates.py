"""Event date resolution: when did the event behind a trigger token happen?

Entry points
------------
``event_date(trigger, published, context=None) -> EventDate``
    The date of the event whose main token is ``trigger`` (a token of a parsed spaCy Doc).
``sentence_dates(sent, published) -> list[(Span, EventDate)]``
    Every date expression of a sentence, in text order.
``parse_date_text(text, published) -> str | None``
    The normaliser: "In October 2015" -> "2015-10", "yesterday" -> the day before ``published``.

Finding date expressions (``sentence_dates``)
---------------------------------------------
* spaCy DATE and TIME entities, plus our own patterns scanned over the sentence text: ISO days
  ("2016-12-04"), days ("December 4, 2016", "4 December 2016", "Oct. 4"), months ("October 2015",
  "mid-October 2015", "in October"), years after a temporal preposition ("in 2014", "since 2006",
  "by 2020", "2015-16") or with a qualifier ("mid-2015", "early 2016", "the end of 2015"), and
  relative expressions (below). Overlapping candidates are merged, keeping the most precise
  reading (then the longest span).
* A temporal preposition right before the expression ("in", "on", "since", "during", "by", ...)
  is part of the cue: the span returned is "In October 2015", "since 2007".
* Candidates that do not read as a date are dropped: durations ("ten years", "the coming years"),
  frequencies ("annual"), ages, decades ("the 1990s").

Normalising (``parse_date_text``)
---------------------------------
Each expression is read by :mod:`detente.date_text`: our own rules for explicit, yearless and
relative dates first (relative ones resolved against ``published``), then ``dateparser`` for
spaCy DATE text the rules cannot read. ``parse_date_text`` is re-exported here.

Choosing the event's date (``event_date``)
------------------------------------------
1. The *governors* of the trigger: the trigger itself, then climbing from it through
   conj / xcomp / ccomp / advcl / relcl links (and through "after signing"-style pcomp under a
   preposition). A nominal trigger also climbs to a support verb it is the subject or object of
   ("held talks", "the talks took place", "paid a visit", "signed a deal"). When a conj link
   was crossed the sentence root is a governor too ("Since 2007, the US has blamed X and has
   asked it ..." -> both verbs get 2007).
2. A date expression *governs* the trigger when its head (skipping the preposition) is a
   governor, or when it is an adverbial/prepositional date ("in 2016", "last week"; not a
   noun modifier like "the 2011 agreement") attached to a noun that reaches a governor only via
   prepositional phrases (pobj -> prep), optionally through a "setting" participle
   ("held"/"organised"/"convened"/"hosted" ...). So "During the conference held on December 4,
   2016 in India, X blamed Y" dates "blamed", while a date in a relative clause of another noun
   ("the minister, who visited Oslo in 2016, criticised ...") or on a subject/object noun
   ("X said the summit held in 2016 failed") does not.
3. Among governing dates, the nearest in the dependency tree (fewest edges from the date's root
   token to the trigger) wins, ties to the nearest in the text.
4. Otherwise the date of a time clause ("when"/"after"/"as" …) under a governor (or any date of the
   clause's own), then one in a clause on the event noun or on what a mediating verb's object names
   ("brokered the deal signed in July 2022"), then the date of the sentence's main clause, then a
   date that opens the sentence (``clause_date``).
5. Otherwise ``context`` (a date carried over by the caller) if given, else the publication
   date (basis "publication", no cue), else ``EventDate(None, None)``. What the paragraph says
   ("two months later", a past event's paragraph date) is the coder's part (``coding._DocRun._date``).
"""
from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

from spacy.tokens import Span, Token

from detente.date_text import (
    _COUNT,
    COUNT_WORDS,
    HOLIDAYS,
    MONTHS,
    _month_shift,
    _MONTH_ANY,
    _MONTH_FULL,
    _NOT_PERIOD,
    _ORD,
    _WEEKDAY,
    _YEAR,
    WEEKDAYS,
    _resolve,
    _safe_date,
    parse_date_text,
)
from detente.models import EventDate

__all__ = ["clause_date", "event_date", "explicit_dates", "later_date", "parse_date_text", "sentence_dates"]

# --------------------------------------------------------------------------------------------
# Vocabulary of the parse
# --------------------------------------------------------------------------------------------

#: Prepositions that belong to a date cue when right before the date expression.
TEMPORAL_PREPS: frozenset[str] = frozenset({
    "in", "on", "since", "during", "by", "until", "till", "from", "at", "before", "after",
    "through", "throughout",
})
#: Subordinators of a time clause whose date also dates the main clause.
TIME_MARKS: frozenset[str] = frozenset({"when", "after", "as", "once", "while", "whereupon"})
#: Links climbed from the trigger to the verbs/nouns that govern it.
CLAUSE_LINKS: frozenset[str] = frozenset({"conj", "xcomp", "ccomp", "advcl", "relcl"})
#: Verbs whose object happened when they did ("brokered the deal signed in July 2022", "held exercises
#: called Guardians of the Nile in May 2021"), unlike "lifted the sanctions it imposed in 2012".
MEDIATING: frozenset[str] = frozenset({"broker", "mediate", "facilitate", "negotiate", "host", "attend", "hold",
                                       "conduct", "stage", "sign"})
#: Verbs that carry an event noun ("held talks", "the visit took place").
SUPPORT_VERBS: frozenset[str] = frozenset({
    "hold", "held", "holds", "holding", "make", "made", "makes", "take", "took", "taken",
    "takes", "conduct", "conducted", "carry", "carried", "have", "had", "has", "give", "gave",
    "given", "pay", "paid", "launch", "launched", "begin", "began", "begun", "start", "started",
    "stage", "staged", "host", "hosted", "occur", "occurred", "happen", "happened", "come",
    "came", "end", "ended", "resume", "resumed", "open", "opened", "attend", "attended",
    "do", "did", "done", "undertake", "undertook", "undertaken", "sign", "signed", "signs",
    "reach", "reached", "conclude", "concluded", "announce", "announced", "impose", "imposed",
})
NOMINAL_ARG_DEPS: frozenset[str] = frozenset({"dobj", "obj", "nsubj", "nsubjpass", "attr"})
#: Participles that set an event in time ("the summit held in October 2016").
SETTING_VERBS: frozenset[str] = frozenset({
    "hold", "held", "organise", "organised", "organize", "organized", "convene", "convened",
    "host", "hosted", "stage", "staged", "take", "taken", "conduct", "conducted",
    "schedule", "scheduled", "arrange", "arranged",
})
#: Dependency labels of a date that is an adverbial of its head (may climb through PPs).
ADVERBIAL_DEPS: frozenset[str] = frozenset({"prep", "pobj", "npadvmod", "advmod", "tmod", "obl"})

_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night))?"

# --------------------------------------------------------------------------------------------
# Finding date expressions in a sentence
# --------------------------------------------------------------------------------------------

_CI = re.IGNORECASE
_HOLIDAY_WORDS = r"\b(?:Christmas(?: Eve| Day)?|New Year's (?:Eve|Day))\b"
_SCAN_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b{_YEAR}-\d{{2}}-\d{{2}}\b"),
    re.compile(rf"\b\d{{1,2}}{_ORD}\s+(?:of\s+)?(?:{_MONTH_ANY})(?!\w)(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b(?:{_MONTH_ANY})\s+\d{{1,2}}{_ORD}(?![\d\w])(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b(?:(?i:early|mid|late)[- ]?)?(?:{_MONTH_ANY})\s+(?:of\s+)?{_YEAR}\b"),
    re.compile(rf"\b(?i:early|mid|late)[- ]?(?:{_MONTH_FULL})\b"),
    re.compile(rf"\b(?i:the\s+(?:end|start|beginning|middle)\s+of)\s+(?:{_MONTH_FULL})\b"),
    re.compile(rf"\b(?i:that|this|last|next)\s+(?:{_MONTH_FULL})\b"),    # "That August Antony Blinken flew …"
    re.compile(_HOLIDAY_WORDS),
    re.compile(rf"\b(?i:in|since|during|by|until|till|from|before|after|through)\s+"
               rf"(?P<d>(?:{_MONTH_FULL}))\b"),
    re.compile(rf"\b(?i:early|mid|late|the\s+(?:end|start|beginning|middle|first\s+half|"
               rf"second\s+half)\s+of)[- ]?{_YEAR}(?![\w%])"),
    re.compile(rf"\b(?i:in|since|during|by|until|till|from|before|after|through)\s+"
               rf"(?P<d>{_YEAR}(?:-(?:\d{{4}}|\d{{2}}))?)(?![\w%,.]\d|[\w%])"),
    re.compile(r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|"
               r"last\s+night|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today)\b",
               _CI),
    re.compile(rf"\b(?:about\s+|some\s+|nearly\s+|almost\s+)?(?:\d+|{_COUNT})\s+"
               r"(?:days?|weeks?|months?|years?|decades?)\s+ago\b", _CI),
    re.compile(r"\b(?<!the )(?:(?:earlier|later)\s+)?(?:last|this|next)\s+(?:week|month|year)\b", _CI),
    re.compile(r"\b(?:last|this|next|the)\s+weekend\b", _CI),
    re.compile(rf"\b(?:(?i:last|this|next)\s+)?(?:{_WEEKDAY}){_DAYPART}\b"),
    re.compile(rf"\b(?:recently|lately|recent{_NOT_PERIOD})\b", _CI),
)


class _Candidate(NamedTuple):
    start: int
    end: int
    from_entity: bool


def _entity_candidates(sent: Span) -> Iterator[_Candidate]:
    ents = [e for e in sent.ents if e.label_ in ("DATE", "TIME")]
    for ent, after in zip(ents, ents[1:] + [None]):
        yield _Candidate(ent.start, ent.end, ent.label_ == "DATE")
        if after is not None and ent.text.lower() in WEEKDAYS and after.label_ == "DATE" and \
                all(t.is_punct for t in sent.doc[ent.end:after.start]):   # "Thursday" + "April 12", as the
            yield _Candidate(ent.start, after.end, True)                 # parser splits it: one day


def _pattern_candidates(sent: Span) -> Iterator[_Candidate]:
    doc = sent.doc
    for pattern in _SCAN_PATTERNS:
        for m in pattern.finditer(sent.text):
            group = "d" if "d" in pattern.groupindex else 0
            start = sent.start_char + m.start(group)
            end = sent.start_char + m.end(group)
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                yield _Candidate(span.start, span.end, False)


def _with_preposition(sent: Span, start: int, end: int) -> Span:
    """Extend a date span leftwards over an adjacent temporal preposition ("ever since")."""
    doc = sent.doc
    if start > sent.start and doc[start - 1].lower_ in TEMPORAL_PREPS \
            and doc[start - 1].pos_ not in ("VERB", "NOUN", "PROPN"):
        start -= 1
        if doc[start].lower_ == "since" and start > sent.start and doc[start - 1].lower_ == "ever":
            start -= 1
    return doc[start:end]


def _reading_key(span: Span, resolved: EventDate) -> tuple[int, int]:
    return (len(resolved.value or ""), len(span))


def _best_of(sent: Span, group: list[_Candidate],
             published: date | None) -> tuple[Span, EventDate] | None:
    best: tuple[Span, EventDate] | None = None
    for cand in group:
        span = _with_preposition(sent, cand.start, cand.end)
        resolved = _resolve(span.text, published, fallback=cand.from_entity)
        if resolved is None:
            continue
        if best is None or _reading_key(span, resolved) > _reading_key(*best):
            best = (span, resolved)
    return best


def _overlap_groups(cands: list[_Candidate]) -> list[list[_Candidate]]:
    groups: list[list[_Candidate]] = []
    group_end = -1
    for cand in sorted(set(cands), key=lambda c: (c.start, -c.end)):
        if groups and cand.start < group_end:
            groups[-1].append(cand)
            group_end = max(group_end, cand.end)
        else:
            groups.append([cand])
            group_end = cand.end
    return groups


def sentence_dates(sent: Span, published: date | None) -> list[tuple[Span, EventDate]]:
    """All date expressions of ``sent`` in text order, each as (cue span, EventDate); kept on the
    doc, since every trigger of the sentence asks again."""
    key = f"detente.sentence_dates:{sent.start}:{published}"
    cache = sent.doc.user_data
    if key not in cache:                 # token offsets, not spans: user_data must stay serialisable
        cache[key] = [(span.start, span.end, d) for span, d in _sentence_dates(sent, published)]
    return [(sent.doc[start:end], d) for start, end, d in cache[key]]


def _sentence_dates(sent: Span, published: date | None) -> list[tuple[Span, EventDate]]:
    cands = list(_entity_candidates(sent)) + list(_pattern_candidates(sent))
    found: list[tuple[Span, EventDate]] = []
    for group in _overlap_groups(cands):
        best = _best_of(sent, group, published)
        if best is not None:
            found.append(_shared_year(*best))
    return found


_SHARED_YEAR = re.compile(rf"\s*(?:and|or|to|through|until|-|–)\s+(?:{_MONTH_FULL})\s+({_YEAR})\b")


def _shared_year(span: Span, when: EventDate) -> tuple[Span, EventDate]:
    """ "in August and September 1945": the first month takes the year written after the second."""
    m = _SHARED_YEAR.match(span.doc.text, span.end_char)
    if m is None or not when.value or len(when.value) != 7 or re.search(rf"\b{_YEAR}\b", span.text):
        return span, when
    return span, EventDate(f"{m.group(1)}{when.value[4:]}", "text", cue=f"{span.text}{m.group()}", since=when.since)


# --------------------------------------------------------------------------------------------
# Which date governs the trigger
# --------------------------------------------------------------------------------------------


def _word(tok: Token) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()} - {""}


def _governor_step(tok: Token) -> Token | None:
    """The next governor above ``tok``, or None when the chain stops."""
    head = tok.head
    if head.i == tok.i:
        return None
    if tok.dep_ in CLAUSE_LINKS:
        return head
    if tok.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
        return head.head
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in NOMINAL_ARG_DEPS and _word(head) & SUPPORT_VERBS:
        return head
    if tok.dep_ == "pobj" and head.lower_ in ("through", "via") and head.head.pos_ == "VERB":
        return head.head              # "reset ties through summits in April 2018": the means, dated with the act
    return None


def _governors(trigger: Token, *, own: bool = False) -> set[int]:
    """Indices of the trigger and the tokens whose dates govern it (with ``own``, only up to the
    first clause it is coordinated with)."""
    governors = {trigger.i}
    crossed_conj = False
    tok: Token | None = trigger
    while tok is not None:
        crossed_conj = crossed_conj or tok.dep_ == "conj"
        if own and crossed_conj:
            return governors
        tok = _governor_step(tok)
        if tok is None or tok.i in governors:
            break
        governors.add(tok.i)
    if crossed_conj:
        governors.add(trigger.sent.root.i)
    return governors


def _date_root(span: Span) -> Token:
    return span.root


def _anchor(span: Span) -> Token | None:
    """The token a date expression modifies, skipping a preposition outside the span."""
    head = _date_root(span).head
    if span_contains(span, head):
        return None
    if head.dep_ == "prep" and head.pos_ in ("ADP", "SCONJ"):
        head = head.head
    return None if span_contains(span, head) else head


def span_contains(span: Span, tok: Token) -> bool:
    """Whether ``tok`` lies inside ``span``."""
    return span.start <= tok.i < span.end


def _is_adverbial(span: Span) -> bool:
    root = _date_root(span)
    return root.dep_ in ADVERBIAL_DEPS or root.head.dep_ == "prep"


def _reaches_governor(anchor: Token, governors: set[int]) -> bool:
    """Climb from a nominal anchor to a governor through PPs and setting participles only."""
    tok = anchor
    for _ in range(len(anchor.doc)):
        if tok.i in governors:
            return True
        head = tok.head
        if head.i == tok.i:
            return False
        if tok.dep_ == "acl" and _word(tok) & SETTING_VERBS:
            tok = head
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != head.i:
            tok = head.head
        else:
            return False
    return False


def _governs(span: Span, governors: set[int]) -> bool:
    anchor = _anchor(span)
    if anchor is None:
        return False
    if anchor.i in governors:
        return True
    if (_date_root(span).lower_ == "on" or _date_root(span).dep_ == "npadvmod") and anchor.dep_ == "dobj" and \
            anchor.head.i in governors:  # "ratified Finland's accession on March 30", "broke off relations
        return True                      # with Algiers that March": the parser's attachment
    return _is_adverbial(span) and _reaches_governor(anchor, governors)


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence."""
    depth = {tok.i: n for n, tok in enumerate([a, *a.ancestors])}
    for n, tok in enumerate([b, *b.ancestors]):
        if tok.i in depth:
            return depth[tok.i] + n
    return len(depth) + n + 1


def _text_distance(span: Span, trigger: Token) -> int:
    if trigger.i < span.start:
        return span.start - trigger.i
    return max(0, trigger.i - span.end + 1)


def _governing_date(trigger: Token, published: date | None, *, own: bool = False) -> EventDate | None:
    governors = _governors(trigger, own=own)
    best: tuple[tuple[bool, int, int], EventDate] | None = None
    for span, resolved in sentence_dates(trigger.sent, published):
        if span_contains(span, trigger) or not _governs(span, governors) or _in_bound(span):
            continue
        vague = bool(re.search(r"\bago\b", resolved.cue or "", re.I)) and len(resolved.value or "") < 10
        key = (vague, _tree_distance(_date_root(span), trigger), _text_distance(span, trigger))   # "Two weeks
        #                                   ago, on the night of December 24": the day written, not the count
        if best is None or key < best[0]:
            best = (key, resolved)
    return best[1] if best else None


def _in_bound(span: Span) -> bool:
    """The date sits in a phrase after "since" that names something else ("the first to visit Cuba
    since Calvin Coolidge in 1928"): it bounds the event, it does not date it."""
    doc, start = span.doc, span.sent.start
    i = span.start - 1 - (span.start > start and doc[span.start - 1].lower_ in ("in", "of"))
    j = i
    while j >= start and doc[j].pos_ == "PROPN":      # back over "Calvin Coolidge" (the parser may hang
        j -= 1                                        # the date on the verb)
    if start <= j < i and doc[j].lower_ == "since":
        return True
    token = _date_root(span)
    for _ in range(4):
        token = token.head
        if token.dep_ == "prep" and token.lower_ == "since" and not span.start <= token.i < span.end:
            return True
        if token.dep_ not in ("pobj", "prep") or token.head.i == token.i:
            return False
    return False


def _time_clause_date(trigger: Token, published: date | None, *, own: bool = False) -> EventDate | None:
    """The date of a "when"/"after"/"as" clause that a governor of the trigger heads: "When troops
    entered X in October 2019, the US imposed sanctions" dates the sanctions."""
    for governor in _governors(trigger, own=own):
        for clause in trigger.doc[governor].children:
            if clause.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in TIME_MARKS
                                              for m in clause.children):
                found = _governing_date(clause, published) or _inside(clause, published)
                if found is not None:
                    return found
    return None


def _inside(clause: Token, published: date | None) -> EventDate | None:
    """The first date of the clause ``clause`` heads itself: not one that modifies a noun ("the 2015
    deal") or sits in a clause within it ("tensions that began in 2014")."""
    lo, hi = clause.left_edge.i, clause.right_edge.i
    for span, d in sentence_dates(clause.sent, published):
        if lo <= span.start and span.end - 1 <= hi and _own_date_of(span.root, clause):
            return d
    return None


def _own_date_of(token: Token, clause: Token) -> bool:
    if token.dep_ in ("compound", "amod", "nummod", "nmod", "poss") and token.head.pos_ in ("NOUN", "PROPN"):
        return False
    while token.i != clause.i and token.head.i != token.i:
        if token.dep_ in ("relcl", "acl"):
            return False
        token = token.head
    return True


def _object_clause_date(trigger: Token, published: date | None) -> EventDate | None:
    """The date of a past participle or relative clause on the event noun ("the agreement, signed in
    2015, …"), or on what a mediator brokered ("brokered the grain deal that was signed in July
    2022"); not on the object of other acts ("lifted the sanctions it imposed in 2012")."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        nouns = [trigger]
    elif trigger.lemma_.lower() in MEDIATING:
        nouns = [c for c in trigger.children if c.dep_ == "dobj"]
    else:
        return None
    for noun in nouns:
        for clause in noun.children:
            if clause.dep_ in ("relcl", "acl") and clause.tag_ in ("VBN", "VBD"):
                found = _inside(clause, published)
                if found is not None:
                    return found
    return None


def clause_date(trigger: Token, published: date | None) -> EventDate | None:
    """The date the text gives the trigger's clause: a governing date, a time clause's date, or the
    date of the sentence's main clause ("In 1996 X visited Y, where both agreed …" dates the
    agreement); None when the sentence dates none of these."""
    # the trigger's own clause first ("… in May, but when these expired on September 15, Poland kept its
    # ban"), then through the clauses it is coordinated with, when there are any
    found = _governing_date(trigger, published, own=True) or _time_clause_date(trigger, published, own=True)
    if found is None and _governors(trigger, own=True) != _governors(trigger):
        found = _governing_date(trigger, published) or _time_clause_date(trigger, published)
    found = found or _object_clause_date(trigger, published)
    root = trigger.sent.root
    if found is None and root.i != trigger.i:
        found = _governing_date(root, published) or _time_clause_date(root, published)
    if found is None:                      # "In October 2022 the two swapped prisoners: X freed …"
        opening = sentence_dates(trigger.sent, published)[:1]
        found = next((d for span, d in opening if span.start <= trigger.sent.start + 1), None)
    return found


def event_date(trigger: Token, published: date | None, *,
               context: EventDate | None = None) -> EventDate:
    """When the event whose main token is ``trigger`` happened, as far as the text says; else
    ``context``, else the publication date."""
    found = clause_date(trigger, published)
    if found is not None:
        return found
    if context is not None:
        return context
    if published is not None:
        return EventDate(published.isoformat(), "publication", cue=None)
    return EventDate(None, None)


# --------------------------------------------------------------------------------------------
# Dates counted from an earlier one ("two months later")
# --------------------------------------------------------------------------------------------

LATER = re.compile(       # (not a bound: "until noon the next day", "by the following week")
    r"(?<!until )(?<!until noon )(?<!until midnight )(?<!till )(?<!by )"
    rf"\b(?:that\s+(?P<wd>{_WEEKDAY})|the\s+(?:following|next)\s+(?P<wd1>{_WEEKDAY})"
    rf"|(?P<n>{_COUNT}|\d{{1,2}})\s+(?P<unit>day|week|month|year)s?\s+(?:later|afterwards|after\s+(?:that|then)"
    r"|(?P<back>earlier|before\s+(?:that|then)))"
    r"|(?:over|in|during)\s+the\s+(?:following|next|ensuing|subsequent)\s+(?P<over>month|week)s"
    r"|the\s+(?:following|next)\s+(?P<unit1>day|week|month|year|morning|evening|night)"
    r"|the\s+(?:(?:night|day|evening)\s+before(?!\s+(?:the|a|an|his|her|its|their|this|that)\b)"
    r"|previous\s+(?:day|night|evening))(?P<eve>)"
    r"|(?:the\s+)?same\s+(?P<same>day|night|week|month|year)|that\s+(?P<that_day>day|night|morning|evening)"
    r"|(?:(?:at\s+the\s+(?:end|start|beginning)\s+of|later|earlier|early|late)\s+)?that\s+(?P<that>month)(?!-)"
    r"|(?:at\s+the\s+(?:end|start|beginning)\s+of|later|earlier)\s+(?:that|the)\s+(?P<that_year>year)"
    r"|(?P<unit0>hour|day|week|month)s\s+(?:later|(?P<back0>earlier))|within\s+(?:(?P<within>hour|day|week)s|(?:a|one)\s+(?P<within1>day|week|month)))"
    r"\b", re.IGNORECASE)
_PRECISION_ORDER = {"year": 0, "month": 1, "day": 2}


AFTER_ACT = re.compile(
    rf"\b(?:(?P<n>{_COUNT}|\d{{1,2}})\s+(?P<unit>day|week|month|year)s?|the\s+(?P<unit1>day|week|month|year))\s+"
    r"(?P<dir>after|before)\s+(?:the|its|his|her|their|that|this)\s+(?P<noun>[a-z]+)\b", re.IGNORECASE)
#   "two days after the attack", "the day before the meeting" (one day)


def act_named(noun: str, lemma: str) -> bool:
    """Whether an event word is the act a noun names: "the attack" (attacked), "the announcement"
    (announced), "the invasion" (invaded), "the withdrawal" (withdrew)."""
    noun, lemma = noun.lower(), lemma.lower()
    common = next((i for i, (a, b) in enumerate(zip(noun, lemma)) if a != b), min(len(noun), len(lemma)))
    return common >= 4 and common >= min(len(noun), len(lemma)) - 2


def looks_back(cue: str | None) -> bool:
    """A date counted backwards ("the night before", "six days before that"): a flashback, which
    the paragraph's later undated events do not take."""
    m = LATER.search(cue or "")
    return m is not None and (m["eve"] is not None or m["back"] is not None or m["back0"] is not None)


def later_date(text: str, anchor: EventDate) -> EventDate | None:
    """A date the text counts from an earlier one: "two months later" (June 2018 -> 2018-08), "the
    following year", "days later" (the anchor's month), "over the following months" (the year two months
    on), "six days before that", "the night before",
    "at the end of that month", "at the end of the year" (its December), "within a week". None
    without such words, or an anchor that is a real date."""
    m = LATER.search(text)
    if m is None or not anchor.value:
        return None
    parts = [int(p) for p in anchor.value.split("-")]
    start = _safe_date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if start is None:                    # "February 29" given a year that has none
        return None
    if m["wd"] or m["wd1"]:              # "That Friday" after "Thursday April 12": April 13; "the following
        if len(parts) < 3:               # Monday" is after the anchor's day; no day in view: not counted
            return None
        ahead = (WEEKDAYS[(m["wd"] or m["wd1"]).lower()] - start.weekday()) % 7 or (7 if m["wd1"] else 0)
        return EventDate((start + timedelta(days=ahead)).isoformat(), "text", cue=f"{m.group()} (after {anchor.cue})")
    unit = (m["unit"] or m["unit1"] or m["unit0"] or m["within"] or m["within1"] or m["same"] or m["that"]
            or m["that_year"] or m["over"] or "day").lower()
    unit = "day" if m["that_day"] or unit in ("morning", "evening", "night") else unit   # "that day": the
    #   anchor's day; "the next morning": the day after
    n = COUNT_WORDS.get(m["n"].lower(), 0) if m["n"] and not m["n"].isdigit() else int(m["n"] or 0)
    n = 1 if m["unit1"] else 2 if m["over"] else -1 if m["eve"] is not None else -n if m["back"] else n
    edge = re.match(r"at\s+the\s+(end|start|beginning)", m.group(), re.IGNORECASE) if m["that_year"] else None
    if edge is not None:                 # "at the end of the year": its December
        month = "12" if edge.group(1).lower() == "end" else "01"
        return EventDate(f"{anchor.value[:4]}-{month}", "text", cue=f"{m.group()} (as {anchor.cue})")
    if unit == "hour" or m["same"] or m["that"] or m["that_year"] or m["that_day"]:    # "within hours", "the same month", "at the end of
        size = {"year": 4, "month": 7}.get(unit, 10)  # that month": the anchor's day, month …
        return EventDate(anchor.value[:size], "text", cue=f"{m.group()} (as {anchor.cue})")
    if unit == "year":                   # "the following year": that year, not its month
        moved, finest = date(start.year + n, start.month, 1), "year" if m["unit1"] else "month"
    elif unit == "month":
        moved, finest = _month_shift(start, n), "month"
    elif n < 0 and len(parts) < 3:       # "six days before that" a month: most likely that month
        moved, finest = start, "month"
    else:
        moved = start + timedelta(days=n * (7 if unit == "week" else 1))
        finest = "day" if n else "month"
    if m["over"]:                        # "over the following months": a stretch, told to the year (or month)
        finest = "year" if unit == "month" else "month"
    precision = min(("year", "month", "day")[len(parts) - 1], finest, key=_PRECISION_ORDER.__getitem__)
    value = {"year": f"{moved.year:04d}", "month": f"{moved.year:04d}-{moved.month:02d}",
             "day": moved.isoformat()}[precision]
    word = "before" if m["back"] or m["back0"] or m["eve"] is not None else "after"
    return EventDate(value, "text", cue=f"{m.group()} ({word} {anchor.cue})")


_EXPLICIT = re.compile(
    rf"\b(?:\d{{1,2}}{_ORD}\s+(?:of\s+)?(?:{_MONTH_ANY})\s+{_YEAR}|(?:{_MONTH_ANY})\s+\d{{1,2}}{_ORD},?\s+{_YEAR}"
    rf"|(?:{_MONTH_ANY})\s+(?:of\s+)?{_YEAR}|(?i:in|since|during|by|until|from|before|after|through)\s+{_YEAR}"
    rf"|(?i:spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}|(?i:late|early|mid)[\s-]+{_YEAR}"
    rf"|(?:{_MONTH_ANY})\s+(?:\d{{1,2}}{_ORD},?\s+)?(?:this|last)\s+year"
    rf"|(?i:(?:late|early|earlier|later)\s+)?(?i:last|this)\s+(?i:month|week)|(?i:this|last)\s+(?:{_MONTH_FULL})"
    rf"|(?<!the )(?i:this|last)\s+year|(?i:last|on)\s+(?:{_WEEKDAY})(?!,?\s+(?:{_MONTH_FULL}|\d)))"
    rf"(?![\w%])")


_LEAD = re.compile(r"\b((?i:since)|(?i:before|until|by)(?=\s+(?:\S*\s*\d|[A-Z])))\s")   # not "until this year"


def explicit_dates(text: str, published: date | None) -> list[tuple[int, EventDate]]:
    """Every date written with its year in ``text`` ("in June 2018", "on 4 December 2016", "in 2019",
    "in January this year"),
    by character offset: what a later "two months later" or "on January 3" counts from."""
    found = []
    for m in _EXPLICIT.finditer(text):
        value = parse_date_text(m.group(), published)
        lead = _LEAD.search(text, max(m.start() - 8, 0), m.start() + 12)   # "since March 2014", "before 2010"
        if lead is not None and lead.group(1).lower() != "since" and lead.group(1) != "By":
            continue                     # a bound, not when something happened; but an opening "By 2019"
        if lead is not None and lead.group(1) == "By":       # sets the scene for what follows
            lead = None
        if value and (published is None or value <= published.isoformat()[:len(value)]):
            found.append((m.start(), EventDate(value, "text", cue=m.group(), since=lead is not None)))
    return found


_YEARLESS_DAY = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_FULL})\s+(?P<d1>\d{{1,2}}){_ORD}|(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m2>{_MONTH_FULL}))"
    rf"\b(?!,?\s+(?:of\s+)?\d)")


def yearless_days(text: str) -> list[tuple[int, str, str]]:
    """Every day written without its year ("July 5" in "On July 5 …", "14 June"), by character
    offset, as "0000-MM-DD" for the paragraph's year to fill in; not a bound ("since July 5")."""
    found = []
    for m in _YEARLESS_DAY.finditer(text):
        month, day = MONTHS[(m["m1"] or m["m2"]).lower()], int(m["d1"] or m["d2"])
        bound = re.search(r"\b(?:since|until|till|by|before|after)\s+$", text[max(m.start() - 8, 0):m.start()], re.I)
        if 1 <= day <= monthrange(2000, month)[1] and bound is None:
            found.append((m.start(), m.group(), f"0000-{month:02d}-{day:02d}"))
    for m in _HOLIDAY.finditer(text):                   # "The crisis began on New Year's Day"
        month_name, day_text = HOLIDAYS[m.group().lower()].split()
        found.append((m.start(), m.group(), f"0000-{MONTHS[month_name]:02d}-{int(day_text):02d}"))
    return sorted(found)


_YEARLESS_MONTH = re.compile(rf"\b[Ii]n\s+(?:early\s+|late\s+|mid-)?(?P<m>{_MONTH_FULL})\b(?!,?\s+(?:of\s+)?\d|-)")


def yearless_months(text: str) -> list[tuple[int, str, str]]:
    """Every "in December" written without its year, by character offset, as "0000-MM"."""
    return [(m.start(), m.group(), f"0000-{MONTHS[m['m'].lower()]:02d}") for m in _YEARLESS_MONTH.finditer(text)]


_HOLIDAY = re.compile(rf"{_HOLIDAY_WORDS}(?!,?\s+\d)")      # a holiday written without its year

