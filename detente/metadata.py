"""Metadata written in an article's own text: a "By Jane Doe" byline, a "Published in Daily Times,
October 11th 2018." line, and a first line that stands apart as a headline.

:func:`find_metadata` finds the byline and the publication line; the readers use what it finds only
for fields that explicit metadata (JSON Lines fields, HTML metadata) left empty. The ISO dates of
that explicit metadata are read here too.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime

from .models import Article

__all__ = [
    "TextMetadata",
    "find_byline",
    "find_metadata",
    "find_publication",
    "guess_title",
    "parse_date",
]


@dataclass(frozen=True)
class TextMetadata:
    """Metadata written in the article text: a byline and a publication line."""

    author: str | None = None
    outlet: str | None = None
    published: date | None = None


def find_metadata(text: str) -> TextMetadata:
    """The byline and the publication line ("Published in X, October 11th 2018.") of ``text``."""
    outlet, published = find_publication(text)
    return TextMetadata(author=find_byline(text), outlet=outlet, published=published)


def _with_text_metadata(article: Article) -> Article:
    """Fill the author, outlet and date an article lacks from what its text says."""
    if article.author and article.outlet and article.published:
        return article
    found = find_metadata(article.text)
    return dataclasses.replace(
        article,
        author=article.author or found.author,
        outlet=article.outlet or found.outlet,
        published=article.published or found.published,
    )


# --- bylines ---------------------------------------------------------------------------------

_BYLINE_START = re.compile(r"(?:By|BY)(?:[ \t]*:)?[ \t]+")
_BYLINE_TOKEN = re.compile(r"[^\s,;:|()\[\]/]+|[,;:|()\[\]/]")
_BYLINE_LINES = 3
_MAX_NAME_WORDS = 4

# Words that start a sentence, never a name: a glued byline ("By Hanf In the post...") ends here.
_SENTENCE_STARTERS = frozenset(
    """a about above according across after against ahead all almost already also although amid
    amidst among an another any around as at back because before behind being below beneath
    besides between beyond both but by despite during each earlier even every following for
    former from further furthermore given having he her here his how however i if in indeed
    instead into it its last late later like many meanwhile more moreover most much my near
    nearly neither never no nobody none nor not nothing now of off on once one only or other our
    out over perhaps prior several she since so some speaking still such than thanks that the
    their them then there these they this those though through throughout thus to today
    tomorrow too toward towards two under unlike until up upon we what when whenever where
    whereas whether which while who whose why with within without yesterday yet you your
    president prime minister foreign defence defense chief officials government""".split()
)
# Capitalised words that follow "By" in ordinary sentences ("By Tuesday, ...", "By contrast").
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec contrast comparison far law default design chance way now then noon midnight
    dawn dusk nightfall morning evening afternoon night day week month year early mid end
    christmas easter ramadan mistake accident all""".split()
)
_NAME_PARTICLES = frozenset(
    "de da del della der den di du dos van von la le bin ibn al el ter".split()
)
_NAME_JOINERS = frozenset({"and", "&"})
# Punctuation allowed inside a name word: "J.", "O'Neil", "Jean-Luc".
_NAME_PUNCTUATION = re.compile(r"[.'’-]")
# Lower-case words that may follow a full name in a byline ("By Jane Doe in Oslo").
_AFTER_NAME = frozenset("in at for from of with to on reporting via".split())


def find_byline(text: str) -> str | None:
    """The author of a "By Jane Doe" byline at the start of ``text`` or in its first lines.

    At the very start the byline may run into the first sentence ("By Hanf In the post...").
    Several authors are joined with "; "; all-capital names are title-cased.
    """
    lines = [line.strip() for line in text.lstrip().split("\n", 20)[:20] if line.strip()]
    for index, line in enumerate(lines[:_BYLINE_LINES]):
        author = _byline_author(line, glued_ok=index == 0)
        if author:
            return author
    return None


def _byline_author(line: str, *, glued_ok: bool) -> str | None:
    start = _BYLINE_START.match(line)
    if start is None:
        return None
    tokens = _BYLINE_TOKEN.findall(line[start.end() : start.end() + 200])
    names, ended_cleanly = _scan_names(tokens)
    if not names or not (ended_cleanly or glued_ok) or names[0][0].lower() in _NOT_NAMES:
        return None
    return "; ".join(_format_name(name) for name in names)


def _scan_names(tokens: list[str]) -> tuple[list[list[str]], bool]:
    """Split the tokens after "By" into names; also say whether the byline ended cleanly
    (end of line, punctuation, "in Oslo") rather than running into a sentence."""
    names: list[list[str]] = [[]]
    for token in tokens:
        name = names[-1]
        if token.lower() in _NAME_JOINERS and name:
            names.append([])
        elif token in _NAME_PARTICLES and name:
            name.append(token)
        elif not _is_name_word(token):
            clean = not token[0].isalnum() or token in _AFTER_NAME
            return _tidy(names, stop=token), clean
        elif len(name) == _MAX_NAME_WORDS:
            return [], False
        elif token.endswith(".") and len(token) > 2:  # "Doe." ends the byline, "J." does not
            name.append(token.rstrip("."))
            return _tidy(names), True
        else:
            name.append(token)
    return _tidy(names), True


def _is_name_word(token: str) -> bool:
    return (
        token[0].isupper()
        and _NAME_PUNCTUATION.sub("", token).isalpha()
        and token.lower().rstrip(".") not in _SENTENCE_STARTERS
    )


def _tidy(names: list[list[str]], stop: str | None = None) -> list[list[str]]:
    """Drop empty names and trailing particles; when a lower-case word ended a glued byline,
    its last capitalised word began the sentence ("By Hanf Russia has ..."), so drop it."""
    if stop is not None and stop.islower() and stop not in _AFTER_NAME and len(names[-1]) > 1:
        names[-1] = names[-1][:-1]
    cleaned: list[list[str]] = []
    for name in names:
        while name and name[-1].islower():
            name = name[:-1]
        if name:
            cleaned.append(name)
    return cleaned


def _format_name(words: list[str]) -> str:
    name = " ".join(words)
    return name.title() if name.isupper() else name


# --- publication lines -----------------------------------------------------------------------

_MONTH_NAMES = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_WEEKDAY_NAMES = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_MONTH = rf"(?P<month>{_MONTH_NAMES})(?![a-z])\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_WEEKDAY = rf"(?:{_WEEKDAY_NAMES}\.?,?[ \t]+)?"
_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(rf"{_WEEKDAY}{_DAY}[ \t]+(?:of[ \t]+)?{_MONTH},?[ \t]+{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_MONTH}[ \t]*{_DAY},?[ \t]+{_YEAR}", re.IGNORECASE),
)
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}
# The date-like start of a string, for dateparser: "11/10/2018", "Thursday 11.10.2018", ...
_DATE_CANDIDATE = re.compile(r"[\w,/ \t.:-]{4,40}?(?=\.(?:\s|[A-Z]|$)|[;|()\n]|,?[ \t]+[a-z]|$)")

_PUBLISHED = re.compile(
    r"(?:\b(?:[Ff]irst|[Oo]riginally|[Aa]lso)[ \t]+[Pp]ublished|Published)\b[ \t]*:?[ \t]*"
)
_OUTLET_WORD = (
    rf"(?!(?:{_MONTH_NAMES}|{_WEEKDAY_NAMES})\b)(?=[\w&'’-]*[A-Za-z])[A-Z0-9][\w&'’-]*"
)
_OUTLET = re.compile(
    rf"(?:in|by|on|at)[ \t]+(?P<outlet>(?:the[ \t]+)?{_OUTLET_WORD}"
    rf"(?:[ \t]+(?:(?:of|the|and|for|&|de|la|al)[ \t]+)?{_OUTLET_WORD})*)"
)
_DATE_LEAD = re.compile(r"[ \t]*(?:[,;|–—-][ \t]*)?(?:on[ \t]+)?")
_MAX_OUTLET_WORDS = 6
_PUBLICATION_TAIL = 160


def find_publication(text: str) -> tuple[str | None, date | None]:
    """Outlet and date of the last publication line in ``text`` that names either."""
    for match in reversed(list(_PUBLISHED.finditer(text))):
        tail = text[match.end() : match.end() + _PUBLICATION_TAIL].split("\n", 1)[0]
        outlet, published = _parse_publication(tail)
        if outlet or published:
            return outlet, published
    return None, None


def _parse_publication(tail: str) -> tuple[str | None, date | None]:
    """Parse what follows "Published": "in Daily Times, October 11th 2018", "on 3 May 2017"..."""
    outlet, rest = _leading_outlet(tail)
    lead = _DATE_LEAD.match(rest)
    rest = rest[lead.end() :] if lead else rest
    published, end = _leading_date(rest)
    if outlet is None and published is not None:
        outlet, _ = _leading_outlet(rest[end:].lstrip(" \t,"))
    return outlet, published


def _leading_outlet(text: str) -> tuple[str | None, str]:
    match = _OUTLET.match(text)
    if match is None:
        return None, text
    outlet = match.group("outlet")
    if len(outlet.split()) > _MAX_OUTLET_WORDS:
        return None, text
    if outlet.startswith("the "):
        outlet = "The " + outlet[4:]
    return outlet, text[match.end() :]


def _leading_date(text: str) -> tuple[date | None, int]:
    """The date at the start of ``text`` and where it ends: own patterns first, then dateparser
    on the date-like prefix only."""
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            return _date_from_match(match), match.end()
    candidate = _DATE_CANDIDATE.match(text)
    if candidate and any(char.isdigit() for char in candidate.group()):
        return _dateparser_date(candidate.group().strip(" \t,.")), candidate.end()
    return None, 0


def _date_from_match(match: re.Match[str]) -> date | None:
    month = match.group("month")
    number = int(month) if month.isdigit() else _MONTH_NUMBERS[month[:3].lower()]
    try:
        return date(int(match.group("year")), number, int(match.group("day")))
    except ValueError:  # 30 February and the like
        return None


def _dateparser_date(candidate: str) -> date | None:
    import dateparser  # imported here: slow to import and rarely needed

    parsed = dateparser.parse(candidate, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


def parse_date(text: str) -> date | None:
    """A date written as "October 11th 2018", "11 October 2018", "Oct. 11, 2018", "2018-10-11"
    (or another form dateparser understands strictly); None if ``text`` does not start with one."""
    return _leading_date(text.strip())[0]


def _iso_date_or_none(value: str | None) -> date | None:
    """``YYYY-MM-DD`` or an ISO datetime -> date; anything else (or an impossible date) -> None."""
    if not value:
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        if len(value) > 10 and value[10] in "T ":
            return datetime.fromisoformat(value).date()
    except ValueError:
        return None
    return None


# --- titles ----------------------------------------------------------------------------------

_MAX_TITLE_CHARS = 150


def guess_title(text: str) -> str | None:
    """The first line of ``text`` if it stands apart as a headline: under 150 characters,
    followed by a blank line and more text, not ending like a sentence, not a byline."""
    lines = text.lstrip("\n").split("\n", 2)
    if len(lines) < 3 or lines[1].strip() or not lines[2].strip():
        return None
    first = lines[0].strip()
    if not first or len(first) >= _MAX_TITLE_CHARS or first[-1] in ".,;:":
        return None
    if _BYLINE_START.match(first) or _PUBLISHED.search(first):
        return None
    return first
