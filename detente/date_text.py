"""Reading one date expression: "In October 2015" -> "2015-10", "yesterday" -> the day before
publication. The entry point is ``parse_date_text(text, published) -> str | None``;
:mod:`detente.dates` finds the expressions in a parsed sentence and uses ``_resolve`` to read each.

Normalising (``parse_date_text``), our own rules first
------------------------------------------------------
* value is "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "early/mid/late" and "the end of" keep the
  precision of what they qualify ("mid-2015" -> "2015"). Fiscal "2015-16" -> "2015".
* Explicit dates carrying a year have basis "text". "since ..." sets ``since=True``.
* Dates without a year ("in October", "December 4") take it from ``published``: the latest such
  month/day on or before publication; basis "relative" (they depend on the publication date).
* Relative expressions, basis "relative", resolved against ``published``:
  "today"/"tonight"/"this morning" -> publication day; "yesterday"/"last night" -> day before;
  "the day before yesterday" -> two days before; "tomorrow" -> day after;
  "(on) Monday" -> latest Monday on or before publication; "last Monday" -> strictly before;
  "next Monday" -> strictly after; "N days ago" -> day precision; "N weeks ago", "N months ago",
  "last/this/next week", "the weekend" -> month precision (of the shifted day);
  "last/this/next month", "earlier/later this month" -> month precision;
  "last/this/next year", "earlier this year", "N years ago" -> year precision ("January this year",
  "in March last year" -> that month; "February 1 this year" -> that day; "six years ago this
  month" -> that month);
  "recently"/"recent"/"lately" -> publication year-month. Approximate counts ("a few days ago")
  lower day precision to month.
* Without ``published`` relative expressions give ``EventDate(None, None, cue=...)``.
* Only for spaCy DATE entity text that our rules cannot read, and only when the text names a
  month, a weekday or a digit and is not a duration or an amount, ``dateparser`` is tried
  (past-preferring, relative to ``published``); without ``published`` its answer is used only
  when the text holds a four-digit year.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from dateparser.date import DateDataParser

from detente.models import EventDate

__all__ = ["parse_date_text"]

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
COUNT_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
VAGUE_COUNTS: dict[str, int] = {"a few": 3, "a couple of": 2, "few": 3, "several": 3}

_MONTH_FULL = ("January|February|March|April|May|June|July|August|September|October|"
               "November|December")
_MONTH_ANY = _MONTH_FULL + r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?" \
    r"|Oct\.?|Nov\.?|Dec\.?"
_YEAR = r"(?:19|20)\d{2}"
_ORD = r"(?:st|nd|rd|th)?"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_COUNT = "|".join(sorted(list(COUNT_WORDS) + list(VAGUE_COUNTS), key=len, reverse=True))
_NOT_PERIOD = r"(?!\s+(?:years|decades|months|weeks|days|times|history|past))"

# --------------------------------------------------------------------------------------------
# Normalising date text
# --------------------------------------------------------------------------------------------


class _Reading(NamedTuple):
    """A value (None when it needs a publication date we do not have) and its basis."""

    value: str | None
    basis: str


_Rule = Callable[[str, date | None], _Reading | None]


def _ymd(d: date) -> str:
    return d.isoformat()


def _ym(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _month_shift(d: date, months: int) -> date:
    index = d.year * 12 + (d.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _normalise(text: str) -> str:
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    text = re.sub(r"\s+", " ", text.strip().lower())
    text = re.sub(r"'s$", "", text)
    return text.strip(" ,;:")


def _rule_iso(text: str, published: date | None) -> _Reading | None:
    m = re.search(rf"\b({_YEAR})-(\d{{2}})-(\d{{2}})\b", text)
    if not m:
        return None
    d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
    return _Reading(_ymd(d), "text") if d else None


def _rule_day_month_year(text: str, published: date | None) -> _Reading | None:
    months = _MONTH_ANY.lower()
    m = re.search(rf"\b(\d{{1,2}}){_ORD}\s+(?:of\s+)?({months})(?!\w),?\s+({_YEAR})\b", text)
    if m:
        day, month, year = int(m[1]), _month_number(m[2]), int(m[3])
    else:
        m = re.search(rf"\b({months})\s+(\d{{1,2}}){_ORD}(?!\d),?\s+({_YEAR})\b", text)
        if not m:
            return None
        month, day, year = _month_number(m[1]), int(m[2]), int(m[3])
    d = _safe_date(year, month or 0, day)
    return _Reading(_ymd(d), "text") if d else None


def _rule_month_year(text: str, published: date | None) -> _Reading | None:
    m = re.search(rf"\b({_MONTH_ANY.lower()})(?!\w),?\s+(?:of\s+)?({_YEAR})\b", text)
    if not m:
        return None
    return _Reading(f"{int(m[2]):04d}-{_month_number(m[1]) or 0:02d}", "text")


def _rule_year(text: str, published: date | None) -> _Reading | None:
    m = re.search(rf"(?<![\w$/.])({_YEAR})(?![\w%/])(?!\.\d)", text)
    return _Reading(m[1], "text") if m else None


def _rule_day_month(text: str, published: date | None) -> _Reading | None:
    months = _MONTH_ANY.lower()
    m = re.search(rf"\b(\d{{1,2}}){_ORD}\s+(?:of\s+)?({months})(?!\w)", text)
    if m:
        day, month = int(m[1]), _month_number(m[2])
    else:
        m = re.search(rf"\b({months})\s+(\d{{1,2}}){_ORD}(?!\d)", text)
        if not m:
            return None
        month, day = _month_number(m[1]), int(m[2])
    if not month or not 1 <= day <= 31:
        return None
    if published is None:
        return _Reading(None, "relative")
    d = _safe_date(published.year, month, day)
    if d is None or d > published:
        d = _safe_date(published.year - 1, month, day)
    return _Reading(_ymd(d), "relative") if d else None


def _rule_month(text: str, published: date | None) -> _Reading | None:
    m = re.search(rf"\b({_MONTH_FULL.lower()})\b", text)
    if not m:
        return None
    month = MONTHS[m[1]]
    if m[1] == "may" and not re.search(r"(?:^|\b(?:in|since|during|by|until|early|mid|late|of|that))"
                                       r"[- ]*may\b", text):
        return None
    if published is None:
        return _Reading(None, "relative")
    year = published.year if month <= published.month else published.year - 1
    if month == published.month and re.search(rf"\blast\s+{m[1]}\b", text):
        year -= 1                           # "last November", written in November: a year ago
    return _Reading(f"{year:04d}-{month:02d}", "relative")


def _relative(published: date | None, compute: Callable[[date], str]) -> _Reading:
    return _Reading(compute(published) if published else None, "relative")


_DAY_WORDS: dict[str, int] = {
    "the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0,
    "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0, "tomorrow": 1,
}


def _day_shifter(days: int) -> Callable[[date], str]:
    return lambda p: _ymd(p + timedelta(days=days))


def _rule_day_words(text: str, published: date | None) -> _Reading | None:
    for phrase, shift in _DAY_WORDS.items():
        if re.search(rf"\b{phrase}\b", text):
            return _relative(published, _day_shifter(shift))
    return None


def _rule_ago(text: str, published: date | None) -> _Reading | None:
    m = re.search(rf"\b(\d+|{_COUNT})\s+(day|week|month|year|decade)s?\s+ago\b", text)
    if not m:
        return None
    amount, unit = m[1], m[2]
    exact = amount.isdigit() or amount in COUNT_WORDS
    this_month = re.match(r"\s+this\s+month\b", text[m.end():]) is not None
    n = int(amount) if amount.isdigit() else COUNT_WORDS.get(amount, VAGUE_COUNTS.get(amount, 1))

    def compute(p: date) -> str:
        if unit == "day":
            return _ymd(p - timedelta(days=n)) if exact else _ym(p - timedelta(days=n))
        if unit == "week":
            return _ym(p - timedelta(weeks=n))
        if unit == "month":
            return _ym(_month_shift(p, -n))
        years = n * (10 if unit == "decade" else 1)
        if this_month:                                  # "six years ago this month"
            return f"{p.year - years:04d}-{p.month:02d}"
        return f"{p.year - years:04d}"

    return _relative(published, compute)


def _rule_period(text: str, published: date | None) -> _Reading | None:
    m = re.search(r"\b(?<!the )(?:(?:earlier|later)\s+)?(last|this|next)\s+(week|month|year)\b(?!\s+of\b)", text)
    if not m:                       # "the last week of January" is January; "the next year" counts from the date before
        return None
    offset = {"last": -1, "this": 0, "next": 1}[m[1]]
    unit = m[2]

    month = re.search(rf"\b({'|'.join(MONTHS)})\b\.?\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?"
                      rf"(?:earlier\s+|later\s+)?{m[1]}\s+year\b", text)

    def compute(p: date) -> str:
        if unit == "week":
            return _ym(p + timedelta(weeks=offset))
        if unit == "month":
            return _ym(_month_shift(p, offset))
        day = _safe_date(p.year + offset, MONTHS[month[1]], int(month[2])) if month and month[2] else None
        if day is not None:                             # "on February 1 this year"
            return _ymd(day)
        if month:                                       # "in January this year", "March last year"
            return f"{p.year + offset:04d}-{MONTHS[month[1]]:02d}"
        return f"{p.year + offset:04d}"

    return _relative(published, compute)


def _rule_weekend(text: str, published: date | None) -> _Reading | None:
    m = re.search(r"\b(last|this|next|the)\s+weekend\b", text)
    if not m:
        return None

    def compute(p: date) -> str:
        if m[1] == "next":
            return _ym(p + timedelta(days=(5 - p.weekday()) % 7 or 7))
        return _ym(p - timedelta(days=(p.weekday() - 5) % 7 or 7))

    return _relative(published, compute)


def _rule_weekday(text: str, published: date | None) -> _Reading | None:
    m = re.search(rf"\b(?:(last|this|next|on)\s+)?({_WEEKDAY.lower()})\b", text)
    if not m:
        return None
    weekday = WEEKDAYS[m[2]]

    def compute(p: date) -> str:
        if m[1] == "next":
            return _ymd(p + timedelta(days=(weekday - p.weekday()) % 7 or 7))
        back = (p.weekday() - weekday) % 7
        if m[1] == "last" and back <= 1:      # "last Tuesday" on a Wednesday: not yesterday, the week before
            back += 7
        return _ymd(p - timedelta(days=back))

    return _relative(published, compute)


def _rule_recent(text: str, published: date | None) -> _Reading | None:
    if not re.search(rf"\b(?:recently|lately|recent{_NOT_PERIOD})\b", text):
        return None
    return _relative(published, _ym)


HOLIDAYS = {"christmas eve": "december 24", "christmas day": "december 25", "christmas": "december 25",
            "new year's eve": "december 31", "new year's day": "january 1"}


def _rule_holiday(text: str, published: date | None) -> _Reading | None:
    """ "on Christmas Eve" is December 24 (without a year, the year as for a day written without one)."""
    m = re.search(rf"\b(christmas eve|christmas day|christmas|new year's eve|new year's day)\b(?:,?\s+({_YEAR})\b)?", text)
    if m is None:
        return None
    if m[2]:
        return _rule_day_month_year(f"{HOLIDAYS[m[1]]} {m[2]}", published)
    return _rule_day_month(HOLIDAYS[m[1]], published)


#: Order matters: explicit dates with a year first, then relative ones, then yearless ones (a written
#: day before a weekday: "on Sunday June 26" is June 26 even where the weekday is wrong).
_RULES: tuple[_Rule, ...] = (
    _rule_iso, _rule_day_month_year, _rule_month_year, _rule_holiday, _rule_year, _rule_day_words, _rule_ago,
    _rule_period, _rule_day_month, _rule_weekend, _rule_weekday, _rule_recent, _rule_month,
)

_NOT_A_DATE = re.compile(
    r"\b(?:years?|months?|weeks?|days?|decades?|centuries|century|hours?|minutes?|"
    r"annual|annually|daily|weekly|monthly|yearly|old|\d{4}s)\b|[$%\u20ac\u00a3]"
)
_HAS_DATE_WORD = re.compile(rf"\b(?:{'|'.join(MONTHS)}|{_WEEKDAY.lower()}|christmas|new year's)\b")


@lru_cache(maxsize=64)
def _dateparser(published: date | None) -> DateDataParser:
    settings: dict[str, object] = {"STRICT_PARSING": False, "PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


def _fallback(text: str, published: date | None) -> _Reading | None:
    """dateparser, guarded against durations, amounts and yearless text without ``published``."""
    has_year = re.search(rf"\b{_YEAR}\b", text) is not None
    if _NOT_A_DATE.search(text) or not (_HAS_DATE_WORD.search(text) or has_year):
        return None                      # a bare number is no date ("quit the 17+1")
    if published is None and not has_year:
        return None
    try:
        data = _dateparser(published).get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    found = data.date_obj.date()
    value = _ym(found) if data.period in ("month", "week") else (
        f"{found.year:04d}" if data.period == "year" else _ymd(found))
    return _Reading(value, "text" if has_year else "relative")


def _read(text: str, published: date | None, *, fallback: bool) -> _Reading | None:
    norm = _normalise(text)
    norm = re.sub(r"^(?:ever\s+)?(?:since|in|on|at|during|by|until|till|from|before|after|"
                  r"through|throughout)\s+", "", norm)
    for rule in _RULES:
        reading = rule(norm, published)
        if reading is not None:
            return reading
    return _fallback(norm, published) if fallback else None


def _resolve(text: str, published: date | None, *, fallback: bool = True) -> EventDate | None:
    """Read ``text`` as an EventDate (cue = ``text``), or None when it is not a date."""
    reading = _read(text, published, fallback=fallback)
    if reading is None:
        return None
    since = re.match(r"^\s*(?:ever\s+)?since\b", text, re.IGNORECASE) is not None
    if reading.value is None:
        return EventDate(None, None, cue=text, since=since)
    return EventDate(reading.value, reading.basis, cue=text, since=since)


def parse_date_text(text: str, published: date | None) -> str | None:
    """Normalise a date expression to "YYYY", "YYYY-MM" or "YYYY-MM-DD" (None if unreadable)."""
    resolved = _resolve(text, published)
    return resolved.value if resolved else None
