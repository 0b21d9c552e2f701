"""Amounts attached to events: money ("$2 billion"), counts ("four Mi-35 helicopters"), percentages.

Entry points
------------
``parse_quantity(text) -> Quantity | None``
    Reads an amount phrase. The first number in the text is the amount: digits ("2", "2.5",
    "3,000"), digits with a scale suffix ("3bn", "$1.2bn", "10m", "5k"), number words ("one" ..
    "twenty", tens, "hundred", "thousand", "million", "billion", "trillion", "dozen", "a million",
    "twenty-five"), South-Asian "lakh"/"crore"; scale words after the number multiply it
    ("2.5 billion", "$10-billion"). "dozens/hundreds/thousands/millions of X" give value None.
    Unit:
      * money -> ISO code: "$"/"US$"/"US $"/"USD"/"dollars" -> USD, "A$" AUD, "C$" CAD, "HK$" HKD,
        "NZ$" NZD, "S$" SGD, "€"/"euros" EUR, "£"/"sterling" GBP ("pounds" only with a scale word),
        "¥"/"yen" JPY, "yuan"/"renminbi"/"RMB" CNY, "₹"/"INR"/"Indian rupees" INR,
        "Rs"/"PKR"/"rupees" PKR, "roubles" RUB, "riyals" SAR, "dirhams" AED, "lira" TRY,
        "afghanis" AFN, "taka" BDT, "rials" IRR;
      * "%", "percent", "per cent" -> "percent";
      * otherwise a count: the unit is the last word of the noun phrase after the number, up to a
        preposition ("four Mi-35 combat helicopters" -> "helicopters", "two squadrons of fighter
        jets" -> "squadrons", "two of the suspects" -> "suspects"), lower-cased; None if none.

``event_quantity(trigger) -> Quantity | None``
    The first amount, in this order of slots, that belongs to the event:
      1. the trigger's objects (dobj/obj, passive subject, attr/oprd) and their conjuncts; for a
         noun trigger the trigger itself;
      2. prepositional objects of the trigger ("for 5.2 billion euros", "by 10 percent",
         "worth $2bn", "with 59 missiles");
      3. the objects of an xcomp verb ("agreed to provide $300 million").
    In a slot: the slot token itself when it is a number ("suspended about $2 billion in security
    aid", "arrested two of the suspects"), else a number modifying it (nummod/compound/quantmod/
    nmod: "59 cruise missiles", "a $2 billion deal"), else an amount in its "worth"/"of"
    modifiers ("a deal worth $2 billion", "the sale of 24 jets"). Counts are taken from object
    slots and from "of"/"with" objects; elsewhere only money or a "by" percentage.
    Not taken: numbers that are dates or times (DATE/TIME/ORDINAL entities, a year-like
    1900-2099 before a singular noun), ages ("15-year-old", "aged 15", "15 years old"), and
    percentages other than the event's own object or "by" amount.
    spaCy MONEY/QUANTITY/PERCENT/CARDINAL entities widen the phrase when they cover the number.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Span, Token

from detente.models import Quantity

__all__ = ["event_quantity", "parse_quantity"]

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "crore": 1e7,
    "crores": 1e7, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
SUFFIX_SCALES: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12,
}
VAGUE: frozenset[str] = frozenset({"dozens", "hundreds", "thousands", "millions", "billions",
                                   "scores", "tens"})
SYMBOLS: tuple[tuple[str, str], ...] = (
    ("US$", "USD"), ("HK$", "HKD"), ("NZ$", "NZD"), ("AU$", "AUD"), ("A$", "AUD"),
    ("CA$", "CAD"), ("C$", "CAD"), ("S$", "SGD"), ("$", "USD"), ("\u20ac", "EUR"),
    ("\u00a3", "GBP"), ("\u00a5", "JPY"), ("\u20b9", "INR"), ("\u20a8", "PKR"),
)
CURRENCY_WORDS: dict[str, str] = {
    "usd": "USD", "dollar": "USD", "dollars": "USD", "eur": "EUR", "euro": "EUR",
    "euros": "EUR", "gbp": "GBP", "sterling": "GBP", "jpy": "JPY", "yen": "JPY", "cny": "CNY",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "inr": "INR", "pkr": "PKR", "rs": "PKR",
    "rupee": "PKR", "rupees": "PKR", "rub": "RUB", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "sar": "SAR", "riyal": "SAR", "riyals": "SAR",
    "aed": "AED", "dirham": "AED", "dirhams": "AED", "try": "TRY", "lira": "TRY",
    "liras": "TRY", "afn": "AFN", "afghani": "AFN", "afghanis": "AFN", "bdt": "BDT",
    "taka": "BDT", "irr": "IRR", "rial": "IRR", "rials": "IRR", "cad": "CAD", "aud": "AUD",
}
#: Nationality words that change a currency word ("Indian rupees", "Canadian dollars").
NATIONAL_CURRENCIES: dict[tuple[str, str], str] = {
    ("indian", "PKR"): "INR", ("pakistani", "PKR"): "PKR", ("canadian", "USD"): "CAD",
    ("australian", "USD"): "AUD", ("singapore", "USD"): "SGD", ("hong", "USD"): "HKD",
    ("kong", "USD"): "HKD", ("zealand", "USD"): "NZD", ("us", "USD"): "USD",
    ("american", "USD"): "USD", ("chinese", "CNY"): "CNY", ("saudi", "SAR"): "SAR",
    ("iranian", "IRR"): "IRR", ("turkish", "TRY"): "TRY", ("russian", "RUB"): "RUB",
}
PERCENT_WORDS: frozenset[str] = frozenset({"%", "percent", "pct"})
#: Words that end the noun phrase after a number when looking for the counted unit.
STOP_WORDS: frozenset[str] = frozenset({
    "of", "in", "on", "at", "to", "for", "from", "with", "by", "into", "and", "or", "but",
    "that", "which", "who", "as", "than", "worth", "per", "over", "under", "across", "near",
    "was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "will", "would",
    "could", "should", "may", "might", "can", "said", ",", ";", ":", ".", "(", ")", '"',
})
OBJECT_DEPS: tuple[str, ...] = ("dobj", "obj", "nsubjpass", "attr", "oprd")
NUMBER_MOD_DEPS: frozenset[str] = frozenset({"nummod", "compound", "quantmod", "nmod", "amod"})
COUNT_PREPS: frozenset[str] = frozenset({"of", "with"})
EXCLUDED_ENTS: frozenset[str] = frozenset({"DATE", "TIME", "ORDINAL"})
WIDENING_ENTS: frozenset[str] = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"})

# --------------------------------------------------------------------------------------------
# Parsing amount text
# --------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"[A-Za-z]+[-/]\d[\w-]*"  # model names: Mi-35, F-16s, S-400
    r"|(?:US|HK|NZ|AU|CA|A|C|S)\$"
    r"|\d+(?:,\d{3})*(?:\.\d+)?[A-Za-z]*"
    r"|\.\d+[A-Za-z]*"
    r"|[A-Za-z][A-Za-z'\u2019]*"
    r"|[$\u20ac\u00a3\u00a5\u20b9\u20a8%]"
    r"|[,;:.()\"]"
)


class _Number(NamedTuple):
    """A number found at token ``start`` and ending before ``end`` (None value = vague)."""

    value: float | None
    start: int
    end: int


def _tokens(text: str) -> list[str]:
    text = re.sub(r"\bU\.S\.", "US", text)
    text = re.sub(r"\bper\s+cent\b", "percent", text, flags=re.IGNORECASE)
    return _TOKEN_RE.findall(text)


def _digit_value(tok: str) -> tuple[float, bool] | None:
    """Value of a digit token ("3,000", "1.2bn") and whether it was a bare number."""
    m = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)([A-Za-z]*)", tok)
    if not m:
        return None
    number = float(m[1].replace(",", ""))
    suffix = m[2].lower()
    if not suffix:
        return number, True
    if suffix in SUFFIX_SCALES:
        return number * SUFFIX_SCALES[suffix], False
    return None


def _scale_run(words: list[str], i: int, value: float) -> tuple[float, int]:
    """Multiply ``value`` by scale words from ``words[i]`` on ("2.5 billion", "10 thousand")."""
    while i < len(words) and words[i].lower() in SCALES:
        value *= SCALES[words[i].lower()]
        i += 1
    return value, i


def _word_number(words: list[str], i: int) -> _Number | None:
    """A spelled-out number at ``words[i]`` ("twenty-five", "two hundred", "a million")."""
    first = words[i].lower()
    following = words[i + 1].lower() if i + 1 < len(words) else ""
    if first in VAGUE and following == "of":
        return _Number(None, i, i + 1)
    if first in ("a", "an") and (following == "dozen" or following in SCALES):
        return _spelled(words, i + 1, start=i, current=1.0)
    if first in UNITS:
        return _spelled(words, i + 1, start=i, current=float(UNITS[first]))
    return None


def _spelled(words: list[str], j: int, *, start: int, current: float) -> _Number:
    """Continue a spelled-out number from ``words[j]``: tens+units, dozen, hundred, scales."""
    total = 0.0
    while j < len(words):
        w = words[j].lower()
        if w in UNITS and 0 < UNITS[w] < 10 and 20 <= current < 100 and current % 10 == 0:
            current += UNITS[w]
        elif w == "dozen":
            current *= 12
        elif w == "hundred":
            current *= 100
        elif w in SCALES:
            total += current * SCALES[w]
            current = 0.0
        else:
            break
        j += 1
    return _Number(total + current, start, j)


def _find_number(words: list[str]) -> _Number | None:
    """The first number of the token list."""
    for i, w in enumerate(words):
        digits = _digit_value(w)
        if digits is not None:
            value, bare = digits
            if bare:
                value, end = _scale_run(words, i + 1, value)
                return _Number(value, i, end)
            return _Number(value, i, i + 1)
        spelled = _word_number(words, i)
        if spelled is not None:
            return spelled
    return None


def _symbol_currency(text: str) -> str | None:
    compact = re.sub(r"\bU\.S\.\s*", "US", text)
    compact = re.sub(r"\b(US|HK|NZ|AU|CA|A|C|S)\s+\$", r"\1$", compact)
    for symbol, code in SYMBOLS:
        pattern = rf"(?<![A-Za-z]){re.escape(symbol)}" if symbol[0].isalpha() else re.escape(symbol)
        if re.search(pattern, compact):
            return code
    return None


def _is_scaled(word: str) -> bool:
    digits = _digit_value(word)
    return word in SCALES or (digits is not None and not digits[1])


def _word_currency(words: list[str], number: _Number) -> str | None:
    """A currency word right before the number or among the two words after it."""
    lowered = [w.lower() for w in words]
    before = lowered[max(0, number.start - 2):number.start]
    after = lowered[number.end:number.end + 3]
    has_scale = any(_is_scaled(w) for w in lowered[number.start:number.end])
    for k, w in enumerate(after):
        if w in STOP_WORDS:
            break
        code = CURRENCY_WORDS.get(w) or ("GBP" if w == "pounds" and has_scale else None)
        if code is not None:
            prev = after[k - 1] if k else None
            return NATIONAL_CURRENCIES.get((prev or "", code), code)
    for w in reversed(before):
        if w in CURRENCY_WORDS and w not in ("try", "sar", "rub"):
            return CURRENCY_WORDS[w]
    return None


def _count_unit(words: list[str], number: _Number) -> str | None:
    """The counted noun after a number: the last word before a stop word."""
    rest = [w for w in words[number.end:] if w not in ("%",)]
    if rest[:1] and rest[0].lower() == "of":
        rest = [w for w in rest[1:] if w.lower() not in ("the", "a", "an", "its", "their", "his",
                                                         "her", "our")]
    unit: str | None = None
    for w in rest:
        if w.lower() in STOP_WORDS:
            break
        unit = w.lower()
    return unit


def parse_quantity(text: str) -> Quantity | None:
    """Read an amount phrase: "$2 billion" -> Quantity("$2 billion", 2e9, "USD")."""
    words = _tokens(text)
    number = _find_number(words)
    if number is None:
        return None
    clean = text.strip()
    following = words[number.end].lower() if number.end < len(words) else ""
    if following in PERCENT_WORDS:
        return Quantity(clean, number.value, "percent")
    currency = _symbol_currency(text) or _word_currency(words, number)
    if currency is not None:
        return Quantity(clean, number.value, currency)
    return Quantity(clean, number.value, _count_unit(words, number))


# --------------------------------------------------------------------------------------------
# Finding the event's amount in a parse
# --------------------------------------------------------------------------------------------

_CURRENCY_PREFIXES: frozenset[str] = frozenset({
    "us", "u.s.", "hk", "nz", "rs", "rs.", "usd", "eur", "gbp", "pkr", "inr", "$", "\u20ac",
    "\u00a3", "\u00a5", "\u20b9", "\u20a8", "us$", "a$", "au$", "c$", "ca$", "s$", "hk$", "nz$",
})


def _is_number(tok: Token) -> bool:
    text = tok.lower_
    if _digit_value(tok.text) is not None:
        return True
    return tok.like_num or text in UNITS or text in SCALES or text in VAGUE or text == "dozen"


def _is_year_like(num: Token, head: Token | None) -> bool:
    if not re.fullmatch(r"(?:19|20)\d{2}", num.text) or num.ent_type_ in WIDENING_ENTS:
        return False
    if num.i > 0 and num.doc[num.i - 1].lower_ in _CURRENCY_PREFIXES:
        return False
    return head is None or head.tag_ not in ("NNS", "NNPS")


def _is_age(num: Token) -> bool:
    doc = num.doc
    after = " ".join(t.lower_ for t in doc[num.i + 1:num.i + 5])
    before = doc[num.i - 1].lower_ if num.i > 0 else ""
    return bool(re.match(r"(?:- )?years? ?(?:- )?old\b", after)) or before in ("aged", "age")


def _excluded(num: Token, head: Token | None) -> bool:
    return num.ent_type_ in EXCLUDED_ENTS or _is_year_like(num, head) or _is_age(num)


def _number_span(num: Token) -> Span:
    """The number phrase of ``num``: its left modifiers, currency prefixes, covering entity."""
    doc = num.doc
    left = [t.i for t in num.subtree if t.i <= num.i]
    start = min(left) if left else num.i
    end = num.i + 1
    if num.ent_type_ in WIDENING_ENTS:
        ent = next((e for e in doc.ents if e.start <= num.i < e.end), None)
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end)
    while start > 0 and doc[start - 1].lower_ in _CURRENCY_PREFIXES:
        start -= 1
    while start < num.i and doc[start].dep_ == "det" and doc[start].lower_ not in ("a", "an"):
        start += 1
    return doc[start:end]


def _of_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _from_number(num: Token, *, counts: bool, percent: bool) -> Quantity | None:
    """An amount headed by the number token ``num`` ("about $2 billion", "two of the X")."""
    if _excluded(num, None):
        return None
    span = _number_span(num)
    pobj = _of_object(num) if counts else None
    with_of = num.doc[span.start:pobj.i + 1] if pobj is not None else span
    quantity = parse_quantity(span.text) or parse_quantity(with_of.text)
    if quantity is None:
        return None
    if quantity.unit == "percent":
        return quantity if percent else None
    if quantity.unit is not None and quantity.unit.isupper():
        return quantity
    if not counts:
        return None
    if pobj is not None:
        return Quantity(with_of.text, quantity.value, pobj.lower_)
    return quantity


def _modifier_number(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ in NUMBER_MOD_DEPS and _is_number(child) and not _excluded(child, noun):
            return child
    return None


def _from_noun(noun: Token, *, counts: bool, percent: bool) -> Quantity | None:
    """An amount modifying the noun ``noun`` ("59 cruise missiles", "a $2 billion deal")."""
    num = _modifier_number(noun)
    if num is None:
        return None
    span = _number_span(num)
    money = parse_quantity(span.text)
    if money is not None and money.unit is not None and money.unit.isupper():
        return money
    doc = noun.doc
    phrase = doc[span.start:noun.i + 1]
    quantity = parse_quantity(phrase.text)
    if quantity is None:
        return None
    if quantity.unit is not None and quantity.unit.isupper():
        return quantity
    if quantity.unit == "percent" or noun.lower_ in PERCENT_WORDS:
        return Quantity(phrase.text, quantity.value, "percent") if percent else None
    if not counts:
        return None
    return Quantity(phrase.text, quantity.value, noun.lower_)


def _from_modifiers(noun: Token, *, counts: bool) -> Quantity | None:
    """An amount in a "worth $2 billion" or "of 24 jets" modifier of ``noun``."""
    for child in noun.children:
        if child.lower_ == "worth":
            for grand in child.children:
                if grand.dep_ in ("npadvmod", "pobj", "dobj", "nummod", "quantmod", "nmod"):
                    found = _quantity_at(grand, counts=False, percent=False)
                    if found is not None:
                        return found
    pobj = _of_object(noun)
    if pobj is not None:
        return _quantity_at(pobj, counts=counts, percent=False, modifiers=False)
    return None


def _quantity_at(tok: Token, *, counts: bool, percent: bool,
                 modifiers: bool = True) -> Quantity | None:
    """The amount of one slot token, if any."""
    if _is_number(tok):
        found = _from_number(tok, counts=counts, percent=percent)
        if found is not None or tok.pos_ == "NUM":
            return found
    found = _from_noun(tok, counts=counts, percent=percent)
    if found is None and modifiers:
        found = _from_modifiers(tok, counts=counts)
    return found


class _Slot(NamedTuple):
    token: Token
    counts: bool
    percent: bool


def _objects(verb: Token) -> Iterator[Token]:
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            yield child
            yield from (c for c in child.conjuncts if c.i > child.i)


def _slots(trigger: Token) -> Iterator[_Slot]:
    if trigger.pos_ in ("NOUN", "PROPN"):
        yield _Slot(trigger, True, True)
    for obj in _objects(trigger):
        yield _Slot(obj, True, True)
    for prep in (c for c in trigger.children if c.dep_ in ("prep", "agent", "dative")):
        word = prep.lower_
        for pobj in (g for g in prep.children if g.dep_ in ("pobj", "npadvmod", "nummod")):
            yield _Slot(pobj, word in COUNT_PREPS, word == "by")
        if word == "worth":
            yield _Slot(prep, False, False)
    for xcomp in (c for c in trigger.children if c.dep_ == "xcomp"):
        for obj in _objects(xcomp):
            yield _Slot(obj, True, True)


def event_quantity(trigger: Token) -> Quantity | None:
    """The first amount that belongs to the event whose main token is ``trigger``."""
    for slot in _slots(trigger):
        found = _quantity_at(slot.token, counts=slot.counts, percent=slot.percent)
        if found is not None:
            return found
    return None
