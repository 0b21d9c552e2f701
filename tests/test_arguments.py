"""Finding an event's actors (detente/arguments.py) on hand-built parses: no model needed."""
from __future__ import annotations

from tests.handmade import ARTICLE, codes


def test_a_group_of_people_is_the_actor_after_of(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("A group of Russian officers blamed India .",
                   heads=[1, 5, 1, 4, 2, 5, 5, 5],
                   deps=["det", "nsubj", "prep", "amod", "pobj", "ROOT", "dobj", "punct"],
                   pos=["DET", "NOUN", "ADP", "ADJ", "NOUN", "VERB", "PROPN", "PUNCT"],
                   lemmas=["a", "group", "of", "russian", "officer", "blame", "India", "."])
    assert codes(tiny_coder.code(doc, ARTICLE)) == [("RUSMIL", "IND", "112", "asserted")]


def test_along_with_on_the_subject_adds_a_source(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("Russia , along with China , supported India .",
                   heads=[6, 0, 0, 2, 3, 0, 6, 6, 6],
                   deps=["nsubj", "punct", "prep", "prep", "pobj", "punct", "ROOT", "dobj", "punct"],
                   pos=["PROPN", "PUNCT", "ADP", "ADP", "PROPN", "PUNCT", "VERB", "PROPN", "PUNCT"],
                   lemmas=["Russia", ",", "along", "with", "China", ",", "support", "India", "."])
    assert codes(tiny_coder.code(doc, ARTICLE)) == [("CHN", "IND", "051", "asserted"),
                                                    ("RUS", "IND", "051", "asserted")]


def test_what_someone_says_another_must_do_is_a_demand(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("India said Pakistan must withdraw .",
                   heads=[1, 1, 4, 4, 1, 1], deps=["nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"],
                   pos=["PROPN", "VERB", "PROPN", "AUX", "VERB", "PUNCT"], tags=["NNP", "VBD", "NNP", "MD", "VB", "."],
                   lemmas=["India", "say", "Pakistan", "must", "withdraw", "."])
    events = tiny_coder.code(doc, ARTICLE)
    assert codes(events) == [("IND", "PAK", "100", "asserted")]
    assert events[0].rule == "say>must"


def test_what_someone_says_of_itself_is_no_demand(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("India said India must withdraw .",
                   heads=[1, 1, 4, 4, 1, 1], deps=["nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"],
                   pos=["PROPN", "VERB", "PROPN", "AUX", "VERB", "PUNCT"], tags=["NNP", "VBD", "NNP", "MD", "VB", "."],
                   lemmas=["India", "say", "India", "must", "withdraw", "."])
    assert tiny_coder.code(doc, ARTICLE) == []


def test_the_subject_of_is_expected_to_is_the_actor(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("Russia is expected to support India .",
                   heads=[2, 2, 2, 4, 2, 4, 2], deps=["nsubjpass", "auxpass", "ROOT", "aux", "xcomp", "dobj", "punct"],
                   pos=["PROPN", "AUX", "VERB", "PART", "VERB", "PROPN", "PUNCT"],
                   tags=["NNP", "VBZ", "VBN", "TO", "VB", "NNP", "."],
                   lemmas=["Russia", "be", "expect", "to", "support", "India", "."])
    assert codes(tiny_coder.code(doc, ARTICLE)) == [("RUS", "IND", "051", "future")]


def test_followers_repeat_the_last_act_on_its_target(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("India blamed China . Russia followed suit .",
                   heads=[1, 1, 1, 1, 5, 5, 5, 5],
                   deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "dobj", "punct"],
                   pos=["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "NOUN", "PUNCT"],
                   lemmas=["India", "blame", "China", ".", "Russia", "follow", "suit", "."])
    events = tiny_coder.code(doc, ARTICLE)
    assert codes(events) == [("IND", "CHN", "112", "asserted"), ("RUS", "CHN", "112", "asserted")]
    assert {e.rule for e in events} == {"blame", "follow>blame"}


def _pair_then(make_doc, tiny_coder, middle: list[tuple[str, int, str, str, str]]):  # type: ignore[no-untyped-def]
    # "India blamed China . China blamed India . India blamed China . <middle> India suspended aid ."
    acts = [("India", "China"), ("China", "India"), ("India", "China")]
    words, heads, deps, pos, lemmas = [], [], [], [], []
    for one, other in acts:
        n = len(words)
        words += [one, "blamed", other, "."]
        heads += [n + 1, n + 1, n + 1, n + 1]
        deps += ["nsubj", "ROOT", "dobj", "punct"]
        pos += ["PROPN", "VERB", "PROPN", "PUNCT"]
        lemmas += [one, "blame", other, "."]
    n = len(words)
    for word, head, dep, part, lemma in middle:
        words.append(word)
        heads.append(n + head)
        deps.append(dep)
        pos.append(part)
        lemmas.append(lemma)
    n = len(words)
    words += ["India", "suspended", "aid", "."]
    heads += [n + 1, n + 1, n + 1, n + 1]
    deps += ["nsubj", "ROOT", "dobj", "punct"]
    pos += ["PROPN", "VERB", "NOUN", "PUNCT"]
    lemmas += ["India", "suspend", "aid", "."]
    doc = make_doc(" ".join(words), heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    return [e for e in tiny_coder.code(doc, ARTICLE) if e.cameo == "1622"]


def test_an_implied_target_is_the_main_partner_not_a_bystander(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    watched = [("Russia", 1, "nsubj", "PROPN", "Russia"), ("watched", 1, "ROOT", "VERB", "watch"),
               (".", 1, "punct", "PUNCT", ".")]
    assert [(e.source, e.target) for e in _pair_then(make_doc, tiny_coder, watched)] == [("IND", "CHN")]


def test_an_implied_target_that_acted_before_is_no_bystander(make_doc, tiny_coder) -> None:  # type: ignore[no-untyped-def]
    blamed = [("Russia", 1, "nsubj", "PROPN", "Russia"), ("blamed", 1, "ROOT", "VERB", "blame"),
              ("India", 1, "dobj", "PROPN", "India"), (".", 1, "punct", "PUNCT", ".")]
    assert [(e.source, e.target) for e in _pair_then(make_doc, tiny_coder, blamed)] == [("IND", "RUS")]
