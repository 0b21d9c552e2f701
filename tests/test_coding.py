"""The event coder on hand-built parses: no model needed."""
from __future__ import annotations

import pytest

from tests.handmade import ARTICLE, codes


def test_subject_verb_object_with_prepositional_target(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("Russia signed a deal with Pakistan .",
                   heads=[1, 1, 3, 1, 3, 4, 1], deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
                   pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["Russia", "sign", "a", "deal", "with", "Pakistan", "."])
    events = tiny_coder.code(doc, ARTICLE)
    assert codes(events) == [("RUS", "PAK", "057", "asserted")]     # symmetric: once per pair
    assert {e.rule for e in events} == {"sign_agreement"}


def test_negation_is_flagged_not_dropped(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("India did not blame China .",
                   heads=[3, 3, 3, 3, 3, 3], deps=["nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
                   pos=["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"],
                   lemmas=["India", "do", "not", "blame", "China", "."])
    assert codes(tiny_coder.code(doc, ARTICLE)) == [("IND", "CHN", "112", "negated")]


def test_modal_makes_event_hypothetical(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("Russia could support India .",
                   heads=[2, 2, 2, 2, 2], deps=["nsubj", "aux", "ROOT", "dobj", "punct"],
                   pos=["PROPN", "AUX", "VERB", "PROPN", "PUNCT"], tags=["NNP", "MD", "VB", "NNP", "."],
                   lemmas=["Russia", "could", "support", "India", "."])
    assert codes(tiny_coder.code(doc, ARTICLE)) == [("RUS", "IND", "051", "hypothetical")]


def test_passive_with_agent(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("Pakistan was blamed by India .",
                   heads=[2, 2, 2, 2, 3, 2], deps=["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
                   pos=["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
                   lemmas=["Pakistan", "be", "blame", "by", "India", "."])
    assert codes(tiny_coder.code(doc, ARTICLE)) == [("IND", "PAK", "112", "asserted")]


def test_pronoun_object_resolves_to_recent_actor_not_the_subject(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("The US blamed Pakistan and asked it .",
                   heads=[1, 2, 2, 2, 2, 2, 5, 2], deps=["det", "nsubj", "ROOT", "dobj", "cc", "conj", "dobj", "punct"],
                   pos=["DET", "PROPN", "VERB", "PROPN", "CCONJ", "VERB", "PRON", "PUNCT"],
                   tags=["DT", "NNP", "VBD", "NNP", "CC", "VBD", "PRP", "."],
                   lemmas=["the", "US", "blame", "Pakistan", "and", "ask", "it", "."])
    assert codes(tiny_coder.code(doc, ARTICLE)) == [("USA", "PAK", "020", "asserted"), ("USA", "PAK", "112", "asserted")]


def test_role_noun_takes_its_country(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("Russian troops blamed Afghan officers .",
                   heads=[1, 2, 2, 4, 2, 2], deps=["amod", "nsubj", "ROOT", "amod", "dobj", "punct"],
                   pos=["ADJ", "NOUN", "VERB", "ADJ", "NOUN", "PUNCT"],
                   lemmas=["russian", "troop", "blame", "afghan", "officer", "."])
    assert codes(tiny_coder.code(doc, ARTICLE)) == [("RUSMIL", "AFGMIL", "112", "asserted")]


def test_capital_after_in_is_a_place_not_an_actor_but_says_where_a_role_is(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("India blamed Moscow . China blamed officers in Moscow .",
                   heads=[1, 1, 1, 1, 5, 5, 5, 6, 7, 5], deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT",
                                                             "dobj", "prep", "pobj", "punct"],
                   pos=["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["India", "blame", "Moscow", ".", "China", "blame", "officer", "in", "Moscow", "."])
    assert sorted(codes(tiny_coder.code(doc, ARTICLE))) == [("CHN", "RUSMIL", "112", "asserted"),
                                                            ("IND", "RUS", "112", "asserted")]


def test_refusal_is_an_asserted_rejection_of_a_negated_event(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("US declined to sell helicopters to India .",
                   heads=[1, 1, 3, 1, 3, 3, 5, 1],
                   deps=["nsubj", "ROOT", "aux", "xcomp", "dobj", "dative", "pobj", "punct"],
                   pos=["PROPN", "VERB", "PART", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["US", "decline", "to", "sell", "helicopter", "to", "India", "."])
    events = tiny_coder.code(doc, ARTICLE)
    assert codes(events) == [("USA", "IND", "062", "negated"), ("USA", "IND", "1212", "asserted")]
    assert {e.rule for e in events} == {"sell_arms", "decline>sell_arms"}


def test_repeated_sentence_is_coded_once(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("India blamed China . India blamed China .",
                   heads=[1, 1, 1, 1, 5, 5, 5, 5], deps=["nsubj", "ROOT", "dobj", "punct"] * 2,
                   pos=["PROPN", "VERB", "PROPN", "PUNCT"] * 2, lemmas=["India", "blame", "China", "."] * 2)
    assert len(tiny_coder.code(doc, ARTICLE)) == 1


def test_an_event_noun_restating_a_verb_event_is_not_a_second_event() -> None:
    from detente.coding import _restated
    from detente.models import Event

    def event(cameo: str, nominal: bool, source: str = "IND", target: str = "NPL") -> Event:
        return Event(doc="d", sent_index=0, source=source, target=target, cameo=cameo, goldstein=None,
                     quad_class=None, plover=None, factuality="asserted", sentence="", source_text="",
                     target_text="", start=0, end=0, rule="r", extra={"nominal": nominal})

    met, meeting = event("040", False), event("040", True, "NPL", "IND")
    assert _restated([met, meeting]) == [met]
    talks, visit = event("040", True), event("042", True)      # two nouns: both kept
    assert _restated([talks, visit]) == [talks, visit]
    aid = event("070", True)                                    # another family: kept
    assert _restated([met, aid]) == [met, aid]


@pytest.mark.slow
def test_one_actor_sentence_after_a_dyadic_one_is_parsed_for_its_implied_side(nlp, coder) -> None:  # type: ignore[no-untyped-def]
    from detente.pipeline import code_articles
    from detente.records import Article

    text = "Canberra demanded an apology from Beijing. Beijing refused."
    [coded] = code_articles([Article(id="a", text=text)], nlp=nlp, coder=coder)
    refusals = [(e.source, e.target, e.sent_index) for e in coded.events if e.cameo.startswith("12")]
    assert refusals == [("CHN", "AUS", 1)]


@pytest.mark.slow
def test_a_short_text_is_parsed_whole_for_its_domestic_events(nlp, coder) -> None:  # type: ignore[no-untyped-def]
    from detente.pipeline import code_articles
    from detente.records import Article

    lede = "Kenyan authorities imposed a curfew in the city of Mombasa on Sunday."   # one country: at home
    [coded] = code_articles([Article(id="a", text=lede)], nlp=nlp, coder=coder)
    assert [(e.source[:3], e.target[:3], e.cameo[:2]) for e in coded.events] == [("KEN", "KEN", "17")]
    article = " ".join(["Kenya and Somalia talked.", "Nothing else happened.", lede, "The rains came."])
    [coded] = code_articles([Article(id="b", text=article)], nlp=nlp, coder=coder)
    assert [e.sent_index for e in coded.events] == [0]        # a longer text: one-actor sentences skipped


@pytest.mark.slow
def test_fighting_that_broke_out_is_parsed_and_between_the_pair_in_view(nlp, coder) -> None:  # type: ignore[no-untyped-def]
    from detente.pipeline import code_articles
    from detente.records import Article

    text = ("Thailand expelled Cambodia's ambassador on July 23. Nothing else happened. The rains came. "
            "The next morning fighting broke out near the temple.")
    [coded] = code_articles([Article(id="a", text=text)], nlp=nlp, coder=coder)
    assert {(e.source[:3], e.target[:3], e.sent_index) for e in coded.events if e.cameo.startswith("19")} == \
        {("THA", "KHM", 3)}


@pytest.mark.slow
def test_a_counted_date_in_a_sentence_not_parsed_still_moves_time_on(nlp, coder) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from detente.pipeline import code_articles
    from detente.records import Article

    text = ("On July 23 Thailand expelled Cambodia's ambassador. The next day fighting broke out on the border. "
            "The rains came. Two days later Malaysia invited Thailand and Cambodia to talks.")
    [coded] = code_articles([Article(id="a", text=text, published=date(2025, 8, 6))], nlp=nlp, coder=coder)
    invited = [e.date for e in coded.events if e.source == "MYS"]
    assert invited and set(invited) == {"2025-07-26"}


@pytest.mark.slow
def test_a_flashback_not_parsed_does_not_date_what_follows(nlp, coder) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from detente.pipeline import code_articles
    from detente.records import Article

    text = ("On Tuesday Kenya's president welcomed Tanzania's president to Nairobi. The visit had been due in March. "
            "On Friday Ruto had promised frank talks. The two presidents agreed to open negotiations within a month.")
    [coded] = code_articles([Article(id="a", text=text, published=date(2023, 5, 10))], nlp=nlp, coder=coder)
    agreed = [e.date for e in coded.events if e.rule.startswith("agree")]
    assert agreed and set(agreed) == {"2023-05-09"}


def test_flashbacks_are_dates_opening_past_perfect_sentences_after_another_date() -> None:
    from detente.coding import _flashbacks
    from detente.models import EventDate

    text = "On Tuesday X met Y. On Friday X had promised talks. On Monday Y said X had lied.\n\nOn May 2 Z had left."
    anchors = [(text.index(cue), EventDate("2023", "text", cue=cue)) for cue in ("On Tuesday", "On Friday", "On Monday",
                                                                                  "On May 2")]
    assert _flashbacks(text, anchors, []) == {text.index("On Friday")}
    # a day written without its year counts as the date before; a short lead-in may open the sentence
    text = "On May 9 X summoned Y's envoy. As recently as March 2021 X had welcomed Y's leader."
    anchors = [(text.index("March 2021"), EventDate("2021-03", "text", cue="March 2021"))]
    assert _flashbacks(text, anchors, []) == set()
    assert _flashbacks(text, anchors, [(text.index("May 9"), "May 9", "0000-05-09")]) == {text.index("March 2021")}


def test_object_classes_expand_to_dictionary_words() -> None:
    from detente.actors import ActorDictionary
    from detente.patterns import VerbPatterns

    actors = ActorDictionary.load()
    patterns = VerbPatterns.load(classes={"@organisation": actors.organisation_words(),
                                          "@country": actors.country_words(), "@capital": actors.capital_words()})
    assert {"ecowas", "nato", "who"} <= patterns.by_id["leave_organization"].object
    assert {"syria", "korea", "ukraine"} <= patterns.by_id["troops_enter"].object
    assert {"moscow", "kyiv", "islamabad"} <= patterns.by_id["be_in_capital"].object
    assert not any(w.startswith("@") for p in patterns.patterns for w in p.object)
    assert "@organisation" not in VerbPatterns.load().by_id["leave_organization"].object   # no classes: nothing


def test_a_subject_swallowed_with_its_apposition_into_the_opening_date(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    # "On July 8 Ashraf Ghani, Afghanistan's president, blamed Pakistan": the parser hung the name and
    # its apposition on "July"; the role noun just before the verb, with its country, is the subject
    doc = make_doc("On July 8 Ashraf Ghani , Afghanistan 's president , blamed Pakistan .",
                   heads=[10, 0, 1, 4, 1, 1, 8, 6, 1, 10, 10, 10, 10],
                   deps=["prep", "pobj", "nummod", "compound", "npadvmod", "punct", "poss", "case", "appos",
                         "punct", "ROOT", "dobj", "punct"],
                   pos=["ADP", "PROPN", "NUM", "PROPN", "PROPN", "PUNCT", "PROPN", "PART", "NOUN", "PUNCT", "VERB",
                        "PROPN", "PUNCT"],
                   lemmas=["on", "July", "8", "Ashraf", "Ghani", ",", "Afghanistan", "'s", "president", ",", "blame",
                           "Pakistan", "."])
    assert codes(tiny_coder.code(doc, ARTICLE)) == [("AFGGOV", "PAK", "112", "asserted")]


def test_a_past_tense_the_tagger_took_for_a_participle_is_past() -> None:
    from detente.coding import _past
    from tests.handmade import make_doc as hand_doc

    # Beijing summoned the envoy and suspended contacts . ("suspended" tagged VBN)
    doc = hand_doc([("Beijing", 1, "nsubj", "PROPN"), ("summoned", 1, "ROOT", "VERB", "VBD"),
                    ("the", 3, "det", "DET"), ("envoy", 1, "dobj", "NOUN"), ("and", 1, "cc", "CCONJ"),
                    ("suspended", 1, "conj", "VERB", "VBN"), ("contacts", 5, "dobj", "NOUN"), (".", 1, "punct", "PUNCT")])
    assert _past(doc[5])
    # the contacts suspended in 2010 (a participle on a noun stays one)
    doc = hand_doc([("the", 1, "det", "DET"), ("contacts", 1, "ROOT", "NOUN"), ("suspended", 1, "acl", "VERB", "VBN"),
                    ("in", 2, "prep", "ADP"), ("2010", 3, "pobj", "NUM")])
    assert not _past(doc[2])
    # the leaders did agree to talk (an emphatic past)
    doc = hand_doc([("leaders", 2, "nsubj", "NOUN"), ("did", 2, "aux", "AUX", "VBD"), ("agree", 2, "ROOT", "VERB", "VB")])
    assert _past(doc[2])
