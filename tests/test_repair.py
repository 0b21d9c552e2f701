"""Parse repairs on hand-built parses (no model)."""
from __future__ import annotations

from detente.repair import repair
from tests.handmade import make_doc


def _arcs(doc):  # type: ignore[no-untyped-def]
    return [(t.text, t.dep_, t.head.text) for t in doc]


def test_a_fronted_act_becomes_the_head_of_a_list_of_acts() -> None:
    # "Cairo condemned the raid, demanded an inquiry and recalled its envoy." misread with "condemned"
    # as a clause reported by a subjectless "demanded"
    doc = make_doc([("Cairo", 1, "nsubj", "PROPN"), ("condemned", 5, "ccomp", "VERB", "VBD"),
                    ("the", 3, "det", "DET"), ("raid", 1, "dobj", "NOUN"), (",", 5, "punct", "PUNCT"),
                    ("demanded", 5, "ROOT", "VERB", "VBD"), ("an", 7, "det", "DET"), ("inquiry", 5, "dobj", "NOUN"),
                    (".", 5, "punct", "PUNCT")])
    repair(doc)
    assert ("condemned", "ROOT", "condemned") in _arcs(doc)
    assert ("demanded", "conj", "condemned") in _arcs(doc)
    assert len(list(doc.sents)) == 1


def test_a_subject_after_a_fronted_list_verb_is_its_object() -> None:
    # "Cairo condemned the raid, expelled Rossi, the envoy": "Rossi" misread as the subject of "expelled"
    doc = make_doc([("Cairo", 1, "nsubj", "PROPN"), ("condemned", 5, "ccomp", "VERB", "VBD"),
                    ("the", 3, "det", "DET"), ("raid", 1, "dobj", "NOUN"), (",", 5, "punct", "PUNCT"),
                    ("expelled", 5, "ROOT", "VERB", "VBD"), ("Rossi", 5, "nsubj", "PROPN"),
                    (".", 5, "punct", "PUNCT")])
    repair(doc)
    assert ("expelled", "conj", "condemned") in _arcs(doc)
    assert ("Rossi", "dobj", "expelled") in _arcs(doc)


def test_a_quoted_clause_before_its_speaker_keeps_the_speaker() -> None:
    # '"We condemn the raid", declared Rossi': an inverted speaker, not an object
    doc = make_doc([('"', 2, "punct", "PUNCT"), ("We", 2, "nsubj", "PRON"), ("condemn", 6, "ccomp", "VERB", "VBP"),
                    ("raid", 2, "dobj", "NOUN"), ('"', 2, "punct", "PUNCT"), (",", 6, "punct", "PUNCT"),
                    ("declared", 6, "ROOT", "VERB", "VBD"), ("Rossi", 6, "nsubj", "PROPN"), (".", 6, "punct", "PUNCT")])
    repair(doc)
    assert ("Rossi", "nsubj", "declared") in _arcs(doc)


def test_reported_speech_before_its_speaker_is_left_alone() -> None:
    # "The deal is dead, Lavrov said": "said" has a subject, so "is" stays the reported clause
    doc = make_doc([("The", 1, "det", "DET"), ("deal", 2, "nsubj", "NOUN"), ("is", 6, "ccomp", "AUX", "VBZ"),
                    ("dead", 2, "acomp", "ADJ"), (",", 6, "punct", "PUNCT"), ("Lavrov", 6, "nsubj", "PROPN"),
                    ("said", 6, "ROOT", "VERB", "VBD"), (".", 6, "punct", "PUNCT")])
    repair(doc)
    assert ("is", "ccomp", "said") in _arcs(doc)


def test_a_past_tense_conjunct_of_a_demanded_act_joins_the_demand() -> None:
    # "Seoul demanded that Tokyo apologise and warned ...": "warned" hangs on "apologise"
    doc = make_doc([("Seoul", 1, "nsubj", "PROPN"), ("demanded", 1, "ROOT", "VERB", "VBD"),
                    ("that", 4, "mark", "SCONJ"), ("Tokyo", 4, "nsubj", "PROPN"),
                    ("apologise", 1, "ccomp", "VERB", "VBP"), ("and", 4, "cc", "CCONJ"),
                    ("warned", 4, "conj", "VERB", "VBD"), ("Japan", 6, "dobj", "PROPN"), (".", 1, "punct", "PUNCT")])
    repair(doc)
    assert ("warned", "conj", "demanded") in _arcs(doc)


def test_a_base_form_conjunct_stays_in_the_demand() -> None:
    # "Seoul demanded that Tokyo apologise and pay": both acts are demanded
    doc = make_doc([("Seoul", 1, "nsubj", "PROPN"), ("demanded", 1, "ROOT", "VERB", "VBD"),
                    ("that", 4, "mark", "SCONJ"), ("Tokyo", 4, "nsubj", "PROPN"),
                    ("apologise", 1, "ccomp", "VERB", "VBP"), ("and", 4, "cc", "CCONJ"),
                    ("pay", 4, "conj", "VERB", "VB"), (".", 1, "punct", "PUNCT")])
    repair(doc)
    assert ("pay", "conj", "apologise") in _arcs(doc)


def test_an_unlabelled_act_after_a_comma_is_the_next_act_of_the_list() -> None:
    doc = make_doc([("Cairo", 1, "nsubj", "PROPN"), ("condemned", 1, "ROOT", "VERB", "VBD"),
                    ("the", 3, "det", "DET"), ("raid", 1, "dobj", "NOUN"), (",", 1, "punct", "PUNCT"),
                    ("demanded", 1, "dep", "VERB", "VBD"), ("an", 7, "det", "DET"), ("inquiry", 5, "dobj", "NOUN"),
                    (".", 1, "punct", "PUNCT")])
    repair(doc)
    assert ("demanded", "conj", "condemned") in _arcs(doc)


def test_a_clause_before_a_semicolon_is_not_reported_by_the_next_verb() -> None:
    # "Seoul protested; Tokyo said nothing" misread with "protested" a ccomp of "said"
    doc = make_doc([("Seoul", 1, "nsubj", "PROPN"), ("protested", 4, "ccomp", "VERB", "VBD"),
                    (";", 4, "punct", "PUNCT"), ("Tokyo", 4, "nsubj", "PROPN"), ("said", 4, "ROOT", "VERB", "VBD"),
                    ("nothing", 4, "dobj", "PRON"), (".", 4, "punct", "PUNCT")])
    repair(doc)
    assert ("protested", "parataxis", "said") in _arcs(doc)


def test_a_clause_before_a_comma_and_a_verb_that_reports_nothing_is_its_own() -> None:
    # "Seoul protested, Tokyo shrugged" misread with "protested" a ccomp of "shrugged"
    doc = make_doc([("Seoul", 1, "nsubj", "PROPN"), ("protested", 4, "ccomp", "VERB", "VBD"),
                    (",", 4, "punct", "PUNCT"), ("Tokyo", 4, "nsubj", "PROPN"), ("shrugged", 4, "ROOT", "VERB", "VBD"),
                    (".", 4, "punct", "PUNCT")])
    repair(doc)
    assert ("protested", "parataxis", "shrugged") in _arcs(doc)


def test_a_second_subject_after_the_verb_is_its_object() -> None:
    # "Leyva, his minister, met Faría in Caracas": "Faría" misread as a second subject of "met"
    doc = make_doc([("Leyva", 4, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("his", 3, "poss", "PRON"),
                    ("minister", 0, "appos", "NOUN"), ("met", 4, "ROOT", "VERB", "VBD"), ("Faría", 4, "nsubj", "PROPN"),
                    ("in", 4, "prep", "ADP"), ("Caracas", 6, "pobj", "PROPN"), (".", 4, "punct", "PUNCT")])
    repair(doc)
    assert ("Faría", "dobj", "met") in _arcs(doc)
    assert ("Leyva", "nsubj", "met") in _arcs(doc)


def test_accents_leave_the_lemmas_of_common_words() -> None:
    doc = make_doc([("They", 1, "nsubj", "PRON"), ("signed", 1, "ROOT", "VERB", "VBD"), ("a", 3, "det", "DET"),
                    ("communiqué", 1, "dobj", "NOUN"), ("in", 1, "prep", "ADP"), ("Bogotá", 4, "pobj", "PROPN")])
    for token in doc:
        token.lemma_ = token.text
    repair(doc)
    assert [t.lemma_ for t in doc][3:] == ["communique", "in", "Bogotá"]


def test_a_past_after_a_reported_past_perfect_belongs_to_the_reporting_verb() -> None:
    # "Cambodia said shells had damaged the temple and took its complaint to the UN"
    rows = [("Cambodia", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB", "VBD"), ("shells", 4, "nsubj", "NOUN"),
            ("had", 4, "aux", "AUX", "VBD"), ("damaged", 1, "ccomp", "VERB", "VBN"), ("temple", 4, "dobj", "NOUN"),
            ("and", 4, "cc", "CCONJ"), ("took", 4, "conj", "VERB", "VBD"), ("complaint", 7, "dobj", "NOUN")]
    doc = make_doc(rows)
    for token in doc:
        token.lemma_ = {"said": "say", "took": "take"}.get(token.text, token.text)
    repair(doc)
    assert ("took", "conj", "said") in _arcs(doc)
    doc = make_doc([r if r[0] != "took" else ("taken", 4, "conj", "VERB", "VBD") for r in rows])
    for token in doc:
        token.lemma_ = {"said": "say"}.get(token.text, token.text)
    repair(doc)
    assert ("taken", "conj", "damaged") in _arcs(doc)      # a participle the tagger took for a past: left alone


def test_home_read_as_the_object_gives_the_object_back() -> None:
    # "Kenya sent Somalia's ambassador home." misread as the object "home" with "ambassador" its compound
    doc = make_doc([("Kenya", 1, "nsubj", "PROPN"), ("sent", 1, "ROOT", "VERB", "VBD"), ("Somalia", 5, "poss", "PROPN"),
                    ("'s", 2, "case", "PART"), ("ambassador", 5, "compound", "NOUN"), ("home", 1, "dobj", "NOUN"),
                    (".", 1, "punct", "PUNCT")])
    repair(doc)
    assert ("ambassador", "dobj", "sent") in _arcs(doc)
    assert ("Somalia", "poss", "ambassador") in _arcs(doc)
    assert ("home", "advmod", "sent") in _arcs(doc)


def test_a_name_after_a_time_clause_noun_is_the_subject() -> None:
    # "Two days after the attack Azerbaijan flew …" misread with "attack" the subject, "after" its
    # marker and "Azerbaijan" an apposition on "attack"
    doc = make_doc([("Two", 1, "nummod", "NUM"), ("days", 2, "npadvmod", "NOUN"), ("after", 6, "mark", "SCONJ"),
                    ("the", 4, "det", "DET"), ("attack", 6, "nsubj", "NOUN"), ("Azerbaijan", 4, "appos", "PROPN"),
                    ("flew", 6, "ROOT", "VERB", "VBD"), ("diplomats", 6, "dobj", "NOUN"), (".", 6, "punct", "PUNCT")])
    repair(doc)
    assert ("Azerbaijan", "nsubj", "flew") in _arcs(doc)
    assert ("attack", "pobj", "after") in _arcs(doc)
    assert ("after", "prep", "flew") in _arcs(doc)


def test_the_subject_of_an_aside_between_commas_is_the_verbs() -> None:
    # "Nicaragua, never slow to act, cut its ties." misread with "Nicaragua" the subject of "slow"
    doc = make_doc([("Nicaragua", 3, "nsubj", "PROPN", "NNP"), (",", 0, "punct", "PUNCT"), ("never", 3, "neg", "ADV"),
                    ("slow", 7, "advcl", "ADJ", "JJ"), ("to", 5, "aux", "PART"), ("act", 3, "xcomp", "VERB", "VB"),
                    (",", 7, "punct", "PUNCT"), ("cut", 7, "ROOT", "VERB", "VB"), ("its", 9, "poss", "PRON"),
                    ("ties", 7, "dobj", "NOUN"), (".", 7, "punct", "PUNCT")])
    repair(doc)
    assert ("Nicaragua", "nsubj", "cut") in _arcs(doc)
    assert doc[7].tag_ == "VBD"


def test_a_verb_read_as_an_adjective_between_two_names_is_the_verb() -> None:
    # "The next day Raisi telephoned Aliyev to offer condolences." misread as one noun phrase
    doc = make_doc([("The", 2, "det", "DET"), ("next", 2, "amod", "ADJ"), ("day", 5, "npadvmod", "NOUN"),
                    ("Raisi", 5, "amod", "NOUN", "NN"), ("telephoned", 5, "amod", "VERB", "VBN"),
                    ("Aliyev", 5, "ROOT", "PROPN", "NNP"), ("to", 7, "aux", "PART"), ("offer", 5, "relcl", "VERB", "VB"),
                    ("condolences", 7, "dobj", "NOUN"), (".", 5, "punct", "PUNCT")])
    repair(doc)
    assert ("telephoned", "ROOT", "telephoned") in _arcs(doc)
    assert ("Raisi", "nsubj", "telephoned") in _arcs(doc)
    assert ("Aliyev", "dobj", "telephoned") in _arcs(doc)
    assert ("day", "npadvmod", "telephoned") in _arcs(doc)
    assert ("offer", "advcl", "telephoned") in _arcs(doc)
    assert doc[4].tag_ == "VBD"


def test_an_adjective_before_a_root_noun_stays() -> None:
    # "the newly elected president" as a heading: no name before the participle
    doc = make_doc([("the", 3, "det", "DET"), ("newly", 2, "advmod", "ADV"), ("elected", 3, "amod", "VERB", "VBN"),
                    ("president", 3, "ROOT", "NOUN", "NN")])
    repair(doc)
    assert ("elected", "amod", "president") in _arcs(doc)


def test_a_gerund_after_a_comma_joins_the_list_after_of() -> None:
    # "accusing Mexico of misusing its embassy, meddling and granting asylum": "meddling" misread as a
    # clause of its own on "accusing"
    doc = make_doc([("accusing", 0, "ROOT", "VERB", "VBG"), ("Mexico", 0, "dobj", "PROPN"), ("of", 0, "prep", "ADP"),
                    ("misusing", 2, "pcomp", "VERB", "VBG"), ("it", 3, "dobj", "PRON"), (",", 0, "punct", "PUNCT"),
                    ("meddling", 0, "advcl", "VERB", "VBG"), (".", 0, "punct", "PUNCT")])
    repair(doc)
    assert ("meddling", "conj", "misusing") in _arcs(doc)


def test_a_noun_and_name_joined_by_a_comma_alone_are_two_clauses() -> None:
    # "when Chinese vessels massed at the reef, Manila filed protests": misread as one subject "vessels, Manila"
    # with "massed" a participle on "vessels"
    doc = make_doc([("when", 7, "advmod", "SCONJ"), ("Chinese", 2, "amod", "ADJ"), ("vessels", 7, "nsubj", "NOUN", "NNS"),
                    ("massed", 2, "acl", "VERB", "VBN"), ("there", 3, "advmod", "ADV"), (",", 2, "punct", "PUNCT"),
                    ("Manila", 2, "conj", "PROPN"), ("filed", 7, "ROOT", "VERB", "VBD"), ("protests", 7, "dobj", "NOUN"),
                    (".", 7, "punct", "PUNCT")])
    repair(doc)
    arcs = _arcs(doc)
    assert ("Manila", "nsubj", "filed") in arcs and ("massed", "advcl", "filed") in arcs
    assert ("vessels", "nsubj", "massed") in arcs and ("when", "advmod", "massed") in arcs


def test_a_list_of_subjects_with_and_stays_one_subject() -> None:
    # "vessels moored there, Manila and Hanoi filed protests" has an "and": left as it is
    doc = make_doc([("vessels", 7, "nsubj", "NOUN", "NNS"), ("moored", 0, "acl", "VERB", "VBN"), ("there", 1, "advmod", "ADV"),
                    (",", 0, "punct", "PUNCT"), ("Manila", 0, "conj", "PROPN"), ("and", 4, "cc", "CCONJ"),
                    ("Hanoi", 4, "conj", "PROPN"), ("filed", 7, "ROOT", "VERB", "VBD"), (".", 7, "punct", "PUNCT")])
    repair(doc)
    assert ("Manila", "conj", "vessels") in _arcs(doc) and ("moored", "acl", "vessels") in _arcs(doc)


def test_a_name_opening_the_sentence_read_as_an_adverb_is_the_subject() -> None:
    # "Baerbock arrived in Warsaw a few hours later": the name misread as an adverb of "arrived"
    doc = make_doc([("Baerbock", 1, "advmod", "PROPN"), ("arrived", 1, "ROOT", "VERB", "VBD"), ("in", 1, "prep", "ADP"),
                    ("Warsaw", 2, "pobj", "PROPN"), (".", 1, "punct", "PUNCT")])
    repair(doc)
    assert ("Baerbock", "nsubj", "arrived") in _arcs(doc)


def test_an_opening_adverb_of_a_verb_with_a_subject_stays() -> None:
    # "Yesterday Rau met Baerbock": the verb has its subject
    doc = make_doc([("Yesterday", 2, "npadvmod", "NOUN"), ("Rau", 2, "nsubj", "PROPN"), ("met", 2, "ROOT", "VERB", "VBD"),
                    ("Baerbock", 2, "dobj", "PROPN"), (".", 2, "punct", "PUNCT")])
    repair(doc)
    assert ("Yesterday", "npadvmod", "met") in _arcs(doc)


def _lemmas(doc, lemmas: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for token in doc:
        token.lemma_ = lemmas.get(token.text, token.text.lower())


def test_an_appeal_joined_to_a_reported_clause_about_a_thing_is_the_reporters() -> None:
    # "Ghana objected that the fence cut its land and called on Togo …": "called" hangs on "cut"
    rows = [("Ghana", 1, "nsubj", "PROPN"), ("objected", 1, "ROOT", "VERB", "VBD"), ("that", 4, "mark", "SCONJ"),
            ("fence", 4, "nsubj", "NOUN"), ("cut", 1, "ccomp", "VERB", "VBD"), ("land", 4, "dobj", "NOUN"),
            ("and", 4, "cc", "CCONJ"), ("called", 4, "conj", "VERB", "VBD"), ("on", 7, "prep", "ADP"),
            ("Togo", 8, "pobj", "PROPN"), (".", 1, "punct", "PUNCT")]
    doc = make_doc(rows)
    _lemmas(doc, {"objected": "object", "called": "call"})
    repair(doc)
    assert ("called", "conj", "objected") in _arcs(doc)
    doc = make_doc([r if r[0] != "fence" else ("troops", 4, "nsubj", "NOUN") for r in rows])
    _lemmas(doc, {"objected": "object", "called": "call", "troops": "troops"})
    repair(doc)
    assert ("called", "conj", "cut") in _arcs(doc)          # an actor's clause keeps its own acts


def test_a_name_read_as_the_object_of_a_date_is_the_subject() -> None:
    # "On May 11 Asante, Ghana's minister, summoned Lawson": "Asante" the object of "On", "Lawson" the subject
    doc = make_doc([("On", 8, "prep", "ADP"), ("May", 3, "compound", "PROPN"), ("11", 1, "nummod", "NUM"),
                    ("Asante", 0, "pobj", "PROPN"), (",", 3, "punct", "PUNCT"), ("Ghana", 6, "poss", "PROPN"),
                    ("'s", 5, "case", "PART"), ("minister", 3, "appos", "NOUN"), ("summoned", 8, "ROOT", "VERB", "VBD"),
                    ("Lawson", 8, "nsubj", "PROPN"), (".", 8, "punct", "PUNCT")])
    _lemmas(doc, {})
    repair(doc)
    assert ("Asante", "nsubj", "summoned") in _arcs(doc)
    assert ("May", "pobj", "On") in _arcs(doc)
    assert ("Lawson", "dobj", "summoned") in _arcs(doc)


def test_a_past_clause_with_its_own_subject_after_a_reported_past_perfect_goes_on_the_story() -> None:
    # "Zambia suggested that Malawi had stirred it up, and Malawi's minister called the claim absurd"
    rows = [("Zambia", 1, "nsubj", "PROPN"), ("suggested", 1, "ROOT", "VERB", "VBD"), ("that", 5, "mark", "SCONJ"),
            ("Malawi", 5, "nsubj", "PROPN"), ("had", 5, "aux", "AUX", "VBD"), ("stirred", 1, "ccomp", "VERB", "VBN"),
            (",", 5, "punct", "PUNCT"), ("and", 5, "cc", "CCONJ"), ("minister", 9, "nsubj", "NOUN"),
            ("called", 5, "conj", "VERB", "VBD"), ("claim", 9, "dobj", "NOUN"), (".", 1, "punct", "PUNCT")]
    doc = make_doc(rows)
    _lemmas(doc, {"suggested": "suggest", "called": "call"})
    repair(doc)
    assert ("called", "conj", "suggested") in _arcs(doc)
    doc = make_doc([r if r[0] != "," else ("so", 5, "advmod", "ADV") for r in rows])   # no ", and": left alone
    _lemmas(doc, {"suggested": "suggest", "called": "call"})
    repair(doc)
    assert ("called", "conj", "stirred") in _arcs(doc)


def test_a_that_clause_read_as_a_relative_clause_of_a_noun_is_reported() -> None:
    # "Malawi told Zambia in return that Zambia had violated its airspace": "violated" a relcl of "return"
    doc = make_doc([("Malawi", 1, "nsubj", "PROPN"), ("told", 1, "ROOT", "VERB", "VBD"), ("Zambia", 1, "dobj", "PROPN"),
                    ("in", 1, "prep", "ADP"), ("return", 3, "pobj", "NOUN"), ("that", 8, "mark", "SCONJ"),
                    ("Zambia", 8, "nsubj", "PROPN"), ("had", 8, "aux", "AUX", "VBD"),
                    ("violated", 4, "relcl", "VERB", "VBN"), ("airspace", 8, "dobj", "NOUN"), (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"told": "tell"})
    repair(doc)
    assert ("violated", "ccomp", "told") in _arcs(doc)


def test_an_inverted_subject_after_did_gives_the_verb_back() -> None:
    # "Only then did Oli travel to Delhi": "did" read as the verb, "Oli travel" as a noun phrase
    doc = make_doc([("Only", 1, "advmod", "ADV"), ("then", 2, "advmod", "ADV"), ("did", 2, "ROOT", "VERB", "VBD"),
                    ("Oli", 4, "compound", "PROPN"), ("travel", 2, "nsubj", "NOUN", "NN"), ("to", 4, "prep", "ADP"),
                    ("Delhi", 5, "pobj", "PROPN"), (".", 2, "punct", "PUNCT")])
    _lemmas(doc, {"did": "do"})
    repair(doc)
    assert ("travel", "ROOT", "travel") in _arcs(doc)
    assert ("Oli", "nsubj", "travel") in _arcs(doc)
    assert ("did", "aux", "travel") in _arcs(doc)
    assert doc[4].pos_ == "VERB"


def test_a_first_subject_read_as_the_object_of_a_weekday_is_a_subject() -> None:
    # "On Tuesday Abiy, Ethiopia's minister, and Burhan met": "Abiy" the object of "On", "Burhan" the subject
    doc = make_doc([("On", 9, "prep", "ADP"), ("Tuesday", 2, "compound", "PROPN"), ("Abiy", 0, "pobj", "PROPN"),
                    (",", 2, "punct", "PUNCT"), ("Ethiopia", 5, "poss", "PROPN"), ("minister", 2, "appos", "NOUN"),
                    (",", 2, "punct", "PUNCT"), ("and", 2, "cc", "CCONJ"), ("Burhan", 9, "nsubj", "PROPN"),
                    ("met", 9, "ROOT", "VERB", "VBD"), (".", 9, "punct", "PUNCT")])
    _lemmas(doc, {})
    repair(doc)
    assert ("Abiy", "nsubj", "met") in _arcs(doc)
    assert ("Burhan", "conj", "Abiy") in _arcs(doc)
    assert ("Tuesday", "pobj", "On") in _arcs(doc)


def test_two_subjects_before_one_verb_are_coordinated() -> None:
    # "Babiš, the prime minister, and Hamáček said": both read as subjects of "said", the "and" on the first
    doc = make_doc([("Babiš", 6, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("minister", 0, "appos", "NOUN"),
                    (",", 0, "punct", "PUNCT"), ("and", 0, "cc", "CCONJ"), ("Hamáček", 6, "nsubj", "PROPN"),
                    ("said", 6, "ROOT", "VERB", "VBD"), (".", 6, "punct", "PUNCT")])
    _lemmas(doc, {})
    repair(doc)
    assert ("Hamáček", "conj", "Babiš") in _arcs(doc)
    assert ("Babiš", "nsubj", "said") in _arcs(doc)


def test_persona_non_grata_read_as_a_verb_is_the_object_complement() -> None:
    # "Lomé declared five diplomats persona non grata and told them to leave"
    doc = make_doc([("Lomé", 1, "nsubj", "PROPN"), ("declared", 1, "ROOT", "VERB", "VBD"),
                    ("five", 3, "nummod", "NUM"), ("diplomats", 4, "nsubj", "NOUN"), ("persona", 1, "ccomp", "VERB"),
                    ("non", 6, "amod", "ADJ"), ("grata", 4, "dobj", "NOUN"), ("and", 4, "cc", "CCONJ"),
                    ("told", 4, "conj", "VERB", "VBD"), ("them", 8, "dobj", "PRON"), (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"declared": "declare"})
    repair(doc)
    assert ("persona", "oprd", "declared") in _arcs(doc)
    assert ("diplomats", "dobj", "declared") in _arcs(doc)
    assert ("told", "conj", "declared") in _arcs(doc)
    assert ("grata", "dobj", "persona") in _arcs(doc)


def test_null_and_void_read_as_the_object_is_the_object_complement() -> None:
    # "The Union called the reversal null and void": "reversal" read as a modifier of "null"
    doc = make_doc([("Union", 1, "nsubj", "PROPN"), ("called", 1, "ROOT", "VERB", "VBD"), ("the", 3, "det", "DET"),
                    ("reversal", 4, "compound", "NOUN"), ("null", 1, "dobj", "NOUN"), ("and", 4, "cc", "CCONJ"),
                    ("void", 4, "conj", "NOUN"), (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"called": "call"})
    repair(doc)
    assert ("reversal", "dobj", "called") in _arcs(doc)
    assert ("null", "oprd", "called") in _arcs(doc)


def test_a_fronted_past_act_read_as_an_adverbial_clause_heads_the_list() -> None:
    # "The next day Moscow called the charge absurd, declared …": "called" an advcl of subjectless "declared"
    doc = make_doc([("Then", 2, "advmod", "ADV"), ("Moscow", 2, "nsubj", "PROPN"), ("called", 6, "advcl", "VERB", "VBD"),
                    ("charge", 2, "dobj", "NOUN"), ("absurd", 2, "oprd", "ADJ"), (",", 6, "punct", "PUNCT"),
                    ("declared", 6, "ROOT", "VERB", "VBD"), ("war", 6, "dobj", "NOUN"), (".", 6, "punct", "PUNCT")])
    _lemmas(doc, {})
    repair(doc)
    assert ("called", "ROOT", "called") in _arcs(doc)
    assert ("declared", "conj", "called") in _arcs(doc)


def test_a_time_clause_is_not_a_fronted_act() -> None:
    # "When Moscow called the charge absurd, Prague declared war": a clause with its own subordinator stays
    doc = make_doc([("When", 2, "advmod", "SCONJ", "WRB"), ("Moscow", 2, "nsubj", "PROPN"), ("called", 7, "advcl", "VERB", "VBD"),
                    ("charge", 2, "dobj", "NOUN"), ("absurd", 2, "oprd", "ADJ"), (",", 7, "punct", "PUNCT"),
                    ("Prague", 7, "nsubj", "PROPN"), ("declared", 7, "ROOT", "VERB", "VBD"), ("war", 7, "dobj", "NOUN"),
                    (".", 7, "punct", "PUNCT")])
    _lemmas(doc, {})
    repair(doc)
    assert ("called", "advcl", "declared") in _arcs(doc)


def test_a_complement_read_as_a_relative_clause_of_the_audience_is_reported() -> None:
    # "Ruto told a crowd that the Ugandans had shown their greed": "that" read as the relative object
    # of "shown", which already has one
    doc = make_doc([("Ruto", 1, "nsubj", "PROPN"), ("told", 1, "ROOT", "VERB", "VBD"), ("a", 3, "det", "DET"),
                    ("crowd", 1, "dobj", "NOUN"), ("that", 8, "dobj", "PRON", "WDT"), ("the", 6, "det", "DET"),
                    ("Ugandans", 8, "nsubj", "PROPN"), ("had", 8, "aux", "AUX"), ("shown", 3, "relcl", "VERB", "VBN"),
                    ("their", 10, "poss", "PRON"), ("greed", 8, "dobj", "NOUN"), (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"told": "tell"})
    repair(doc)
    assert ("shown", "ccomp", "told") in _arcs(doc)
    assert ("that", "mark", "shown") in _arcs(doc)


def test_a_relative_clause_of_the_audience_stays_one() -> None:
    # "Ruto told a crowd that had waited for hours": "that" is the relative clause's subject
    doc = make_doc([("Ruto", 1, "nsubj", "PROPN"), ("told", 1, "ROOT", "VERB", "VBD"), ("a", 3, "det", "DET"),
                    ("crowd", 1, "dobj", "NOUN"), ("that", 6, "nsubj", "PRON", "WDT"), ("had", 6, "aux", "AUX"),
                    ("waited", 3, "relcl", "VERB", "VBN"), (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"told": "tell"})
    repair(doc)
    assert ("waited", "relcl", "crowd") in _arcs(doc)


def test_a_day_read_as_part_of_the_subjects_name_is_the_verbs_time() -> None:
    # "On Tuesday Ruto told …": "Tuesday" a compound of "Ruto", "On" left without an object
    doc = make_doc([("On", 3, "prep", "ADP"), ("Tuesday", 2, "compound", "PROPN"), ("Ruto", 3, "nsubj", "PROPN"),
                    ("left", 3, "ROOT", "VERB", "VBD"), (".", 3, "punct", "PUNCT")], ents=[(1, 2, "DATE"), (2, 3, "PERSON")])
    repair(doc)
    assert ("Tuesday", "pobj", "On") in _arcs(doc)
    doc = make_doc([("Last", 1, "amod", "ADJ"), ("Thursday", 3, "compound", "PROPN"), ("Cyril", 3, "compound", "PROPN"),
                    ("Ruto", 4, "nsubj", "PROPN"), ("left", 4, "ROOT", "VERB", "VBD"), (".", 4, "punct", "PUNCT")],
                   ents=[(0, 2, "DATE"), (2, 4, "PERSON")])
    repair(doc)
    assert ("Thursday", "npadvmod", "left") in _arcs(doc)
    assert ("Cyril", "compound", "Ruto") in _arcs(doc)


def test_a_gerund_before_a_noun_object_is_its_modifier() -> None:
    # "Oslo withdrew landing permission for the jet": "landing" read as a clause with the object
    doc = make_doc([("Oslo", 1, "nsubj", "PROPN"), ("withdrew", 1, "ROOT", "VERB", "VBD"),
                    ("landing", 1, "xcomp", "VERB", "VBG"), ("permission", 2, "dobj", "NOUN", "NN"),
                    ("for", 2, "prep", "ADP"), ("the", 6, "det", "DET"), ("jet", 4, "pobj", "NOUN"), (".", 1, "punct", "PUNCT")])
    repair(doc)
    assert ("permission", "dobj", "withdrew") in _arcs(doc)
    assert ("landing", "compound", "permission") in _arcs(doc)
    assert ("for", "prep", "withdrew") in _arcs(doc)


def test_a_gerund_after_a_verb_that_takes_one_stays_a_clause() -> None:
    # "Oslo began gathering evidence"
    doc = make_doc([("Oslo", 1, "nsubj", "PROPN"), ("began", 1, "ROOT", "VERB", "VBD"),
                    ("gathering", 1, "xcomp", "VERB", "VBG"), ("evidence", 2, "dobj", "NOUN", "NN"), (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"began": "begin"})
    repair(doc)
    assert ("gathering", "xcomp", "began") in _arcs(doc)


def test_a_name_after_a_day_is_the_subject_of_a_subjectless_verb() -> None:
    # "On Friday Sisavath promised …": the name read as the object of "On", the verb left without a subject
    doc = make_doc([("On", 3, "prep", "ADP"), ("Friday", 2, "compound", "PROPN"), ("Sisavath", 0, "pobj", "PROPN"),
                    ("promised", 3, "ROOT", "VERB", "VBD"), (".", 3, "punct", "PUNCT")])
    repair(doc)
    assert ("Sisavath", "nsubj", "promised") in _arcs(doc)
    assert ("Friday", "pobj", "On") in _arcs(doc)


def test_phrases_after_comma_and_belong_to_the_next_clause() -> None:
    # "Oslo accepted a plan, and in Bergen they agreed.": the first clause read as the second's
    # complement, with "in Bergen" hung on it
    doc = make_doc([("Oslo", 1, "nsubj", "PROPN"), ("accepted", 9, "ccomp", "VERB", "VBD"), ("a", 3, "det", "DET"),
                    ("plan", 1, "dobj", "NOUN"), (",", 1, "punct", "PUNCT"), ("and", 1, "cc", "CCONJ"),
                    ("in", 1, "conj", "ADP"), ("Bergen", 6, "pobj", "PROPN"), ("they", 9, "nsubj", "PRON"),
                    ("agreed", 9, "ROOT", "VERB", "VBD"), (".", 9, "punct", "PUNCT")])
    _lemmas(doc, {"accepted": "accept", "agreed": "agree"})
    repair(doc)
    assert ("accepted", "parataxis", "agreed") in _arcs(doc)
    assert ("in", "prep", "agreed") in _arcs(doc)


def test_a_noun_after_a_stranded_preposition_is_its_object() -> None:
    # "granted asylum to five officers holed up in a residence": "officers" misread as the subject of
    # "holed", a clause of "granted", and "to" left without an object
    doc = make_doc([("Peru", 1, "nsubj", "PROPN"), ("granted", 1, "ROOT", "VERB", "VBD"), ("asylum", 1, "dobj", "NOUN"),
                    ("to", 1, "prep", "ADP"), ("five", 5, "nummod", "NUM"), ("officers", 6, "nsubj", "NOUN"),
                    ("holed", 1, "advcl", "VERB", "VBD"), ("up", 6, "prt", "ADP"), (".", 1, "punct", "PUNCT")])
    repair(doc)
    assert ("officers", "pobj", "to") in _arcs(doc)
    assert ("holed", "acl", "officers") in _arcs(doc)


def test_a_subject_of_its_own_after_a_preposition_with_an_object_stays() -> None:
    # "sent aid to Kyiv as officials feared …": "to" has its object, "officials" keeps its verb
    doc = make_doc([("Oslo", 1, "nsubj", "PROPN"), ("sent", 1, "ROOT", "VERB", "VBD"), ("aid", 1, "dobj", "NOUN"),
                    ("to", 1, "prep", "ADP"), ("Kyiv", 3, "pobj", "PROPN"), ("officials", 6, "nsubj", "NOUN"),
                    ("feared", 1, "advcl", "VERB", "VBD"), (".", 1, "punct", "PUNCT")])
    repair(doc)
    assert ("officials", "nsubj", "feared") in _arcs(doc)


def test_the_object_of_a_verb_of_judging_comes_after_the_judgement() -> None:
    # "Oslo condemned as unacceptable the sanctions": the adjective read as the object's modifier
    doc = make_doc([("Oslo", 1, "nsubj", "PROPN"), ("condemned", 1, "ROOT", "VERB", "VBD"), ("as", 1, "prep", "ADP"),
                    ("unacceptable", 5, "amod", "ADJ"), ("the", 5, "det", "DET"), ("sanctions", 2, "pobj", "NOUN"),
                    (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"condemned": "condemn"})
    repair(doc)
    assert ("sanctions", "dobj", "condemned") in _arcs(doc)
    assert ("unacceptable", "pcomp", "as") in _arcs(doc)


def test_an_apposition_after_a_judgement_is_the_object() -> None:
    # "Oslo denounced as a crime Moscow's annexation": the object read as the judgement's apposition
    doc = make_doc([("Oslo", 1, "nsubj", "PROPN"), ("denounced", 1, "ROOT", "VERB", "VBD"), ("as", 1, "prep", "ADP"),
                    ("a", 4, "det", "DET"), ("crime", 2, "pobj", "NOUN"), ("Moscow", 7, "poss", "PROPN"),
                    ("'s", 5, "case", "PART"), ("annexation", 4, "appos", "NOUN"), (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"denounced": "denounce"})
    repair(doc)
    assert ("annexation", "dobj", "denounced") in _arcs(doc)


def test_an_act_gerund_after_a_noun_heads_the_phrase() -> None:
    # "killed in Turkish tank shelling": "shelling" read as a clause, "tank" the object of "in"
    doc = make_doc([("Farmers", 2, "nsubjpass", "NOUN"), ("were", 2, "auxpass", "AUX"), ("killed", 2, "ROOT", "VERB", "VBN"),
                    ("in", 2, "prep", "ADP"), ("Turkish", 5, "amod", "ADJ"), ("tank", 3, "pobj", "NOUN"),
                    ("shelling", 2, "advcl", "VERB", "VBG"), (".", 2, "punct", "PUNCT")])
    repair(doc)
    assert ("shelling", "pobj", "in") in _arcs(doc)
    assert ("tank", "compound", "shelling") in _arcs(doc)
    assert doc[6].pos_ == "NOUN" and doc[6].lemma_ == "shelling"


def test_what_a_naming_verb_calls_its_object_is_not_a_second_object() -> None:
    # "calling Macron a terrible president": two objects, the second what the first is called
    doc = make_doc([("calling", 0, "ROOT", "VERB", "VBG"), ("Macron", 0, "dobj", "PROPN"), ("a", 4, "det", "DET"),
                    ("terrible", 4, "amod", "ADJ"), ("president", 0, "dobj", "NOUN"), (".", 0, "punct", "PUNCT")])
    _lemmas(doc, {"calling": "call"})
    repair(doc)
    assert ("president", "oprd", "calling") in _arcs(doc)


def test_two_people_after_an_opening_clause_are_the_subject() -> None:
    # "After talks hosted by Ruto, Rwanda's president, Kagame, and Congo's president, Tshisekedi, signed …":
    # the two read as appositions of "Ruto"
    doc = make_doc([("After", 3, "mark", "SCONJ"), ("talks", 3, "nsubjpass", "NOUN"), ("were", 3, "auxpass", "AUX"),
                    ("hosted", 15, "advcl", "VERB", "VBN"), ("by", 3, "agent", "ADP"), ("Ruto", 4, "pobj", "PROPN"),
                    (",", 5, "punct", "PUNCT"), ("Rwanda", 8, "poss", "PROPN"), ("president", 5, "appos", "NOUN"),
                    (",", 8, "punct", "PUNCT"), ("and", 8, "cc", "CCONJ"), ("Congo", 12, "poss", "PROPN"),
                    ("president", 8, "conj", "NOUN"), ("Tshisekedi", 12, "appos", "PROPN"), (",", 12, "punct", "PUNCT"),
                    ("signed", 15, "ROOT", "VERB", "VBD"), ("accord", 15, "dobj", "NOUN"), (".", 15, "punct", "PUNCT")])
    repair(doc)
    assert ("president", "nsubj", "signed") in _arcs(doc)


def test_a_clause_after_and_is_not_a_second_object() -> None:
    # "Delhi summoned Shaheeb, the envoy, and Male in turn called in Mahawar": "Male" read as a second
    # object and "called" as its modifier
    doc = make_doc([("Delhi", 1, "nsubj", "PROPN"), ("summoned", 1, "ROOT", "VERB", "VBD"), ("Shaheeb", 1, "dobj", "PROPN"),
                    (",", 2, "punct", "PUNCT"), ("and", 2, "cc", "CCONJ"), ("Male", 2, "conj", "PROPN"),
                    ("called", 5, "acl", "VERB", "VBN"), ("in", 6, "prep", "ADP"), ("Mahawar", 7, "pobj", "PROPN"),
                    (".", 1, "punct", "PUNCT")])
    repair(doc)
    assert ("Male", "nsubj", "called") in _arcs(doc)
    assert ("called", "conj", "summoned") in _arcs(doc)
    assert ("in", "prt", "called") in _arcs(doc) and ("Mahawar", "dobj", "called") in _arcs(doc)


def test_names_conjoined_to_the_day_are_the_subjects() -> None:
    # "On October 10 Hassan, Sisi and Isaias met": the names read as conjuncts of "October"
    doc = make_doc([("On", 7, "prep", "ADP"), ("October", 0, "pobj", "PROPN"), ("10", 1, "nummod", "NUM"),
                    ("Hassan", 1, "conj", "PROPN"), (",", 3, "punct", "PUNCT"), ("Sisi", 3, "conj", "PROPN"),
                    ("and", 5, "cc", "CCONJ"), ("met", 7, "ROOT", "VERB", "VBD"), (".", 7, "punct", "PUNCT")])
    repair(doc)
    assert ("Hassan", "nsubj", "met") in _arcs(doc)
    assert ("October", "pobj", "On") in _arcs(doc)


def test_a_second_subject_after_and_is_not_the_first_verbs_object() -> None:
    # "Armenia freed two soldiers and Azerbaijan released 32 servicemen": "soldiers" misread as the
    # subject of "released", "Azerbaijan" as its conjunct, "released" as what "freed" reports
    doc = make_doc([("Armenia", 1, "nsubj", "PROPN"), ("freed", 1, "ROOT", "VERB", "VBD"), ("two", 3, "nummod", "NUM"),
                    ("soldiers", 6, "nsubj", "NOUN"), ("and", 3, "cc", "CCONJ"), ("Azerbaijan", 3, "conj", "PROPN"),
                    ("released", 1, "ccomp", "VERB", "VBD"), ("servicemen", 6, "dobj", "NOUN"), (".", 1, "punct", "PUNCT")])
    repair(doc)
    assert ("soldiers", "dobj", "freed") in _arcs(doc)
    assert ("Azerbaijan", "nsubj", "released") in _arcs(doc)
    assert ("released", "conj", "freed") in _arcs(doc)


def test_a_subject_after_and_read_as_an_object_conjunct_gets_its_verb() -> None:
    # "Cuba released Gross, a contractor, and the United States freed …": "States" misread as a
    # conjunct of "Gross" and "freed" left without a subject
    doc = make_doc([("Cuba", 1, "nsubj", "PROPN"), ("released", 8, "advcl", "VERB", "VBD"), ("Gross", 1, "dobj", "PROPN"),
                    (",", 2, "punct", "PUNCT"), ("and", 2, "cc", "CCONJ"), ("the", 7, "det", "DET"),
                    ("United", 7, "compound", "PROPN"), ("States", 2, "conj", "PROPN"), ("freed", 8, "ROOT", "VERB", "VBD"),
                    ("agents", 8, "dobj", "NOUN"), (".", 8, "punct", "PUNCT")])
    repair(doc)
    assert ("States", "nsubj", "freed") in _arcs(doc)


def test_an_object_read_as_a_participles_subject_is_the_object() -> None:
    # "freed the agents still serving sentences": "agents" misread as the subject of "serving"
    doc = make_doc([("Washington", 1, "nsubj", "PROPN"), ("freed", 1, "ROOT", "VERB", "VBD"), ("the", 3, "det", "DET"),
                    ("agents", 5, "nsubj", "NOUN"), ("still", 5, "advmod", "ADV"), ("serving", 1, "ccomp", "VERB", "VBG"),
                    ("sentences", 5, "dobj", "NOUN"), (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"freed": "free"})
    repair(doc)
    assert ("agents", "dobj", "freed") in _arcs(doc)
    assert ("serving", "acl", "agents") in _arcs(doc)


def test_a_listed_act_after_a_reported_past_perfect_is_the_speakers() -> None:
    # "Rau said justice had been done, accused Morales …": a past tense after a comma, read as a
    # conjunct of the reported past perfect
    doc = make_doc([("Rau", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB", "VBD"), ("justice", 5, "nsubjpass", "NOUN"),
                    ("had", 5, "aux", "AUX", "VBD"), ("been", 5, "auxpass", "AUX", "VBN"), ("done", 1, "ccomp", "VERB", "VBN"),
                    (",", 5, "punct", "PUNCT"), ("accused", 5, "conj", "VERB", "VBD"), ("Lima", 7, "dobj", "PROPN"),
                    (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"said": "say", "done": "do", "accused": "accuse"})
    repair(doc)
    assert ("accused", "conj", "said") in _arcs(doc)


def test_a_participle_continuing_a_past_perfect_stays_reported() -> None:
    # "said ISIL had attacked Iraq and taken Mosul": no comma list, so "taken" stays with "attacked"
    doc = make_doc([("Kyiv", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB", "VBD"), ("ISIL", 4, "nsubj", "PROPN"),
                    ("had", 4, "aux", "AUX", "VBD"), ("attacked", 1, "ccomp", "VERB", "VBN"), ("Iraq", 4, "dobj", "PROPN"),
                    ("and", 4, "cc", "CCONJ"), ("seized", 4, "conj", "VERB", "VBD"), ("Mosul", 7, "dobj", "PROPN"),
                    (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"said": "say", "attacked": "attack", "seized": "seize"})
    repair(doc)
    assert ("seized", "conj", "attacked") in _arcs(doc)


def test_a_participle_of_blame_after_a_reported_clause_is_the_reporters() -> None:
    # "Cairo announced that the talks had failed, blaming Ethiopia": "blaming" read as a clause of "failed"
    doc = make_doc([("Cairo", 1, "nsubj", "PROPN"), ("announced", 1, "ROOT", "VERB", "VBD"), ("that", 5, "mark", "SCONJ"),
                    ("talks", 5, "nsubj", "NOUN"), ("had", 5, "aux", "AUX", "VBD"), ("failed", 1, "ccomp", "VERB", "VBN"),
                    (",", 5, "punct", "PUNCT"), ("blaming", 5, "advcl", "VERB", "VBG"), ("Ethiopia", 7, "dobj", "PROPN"),
                    (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"announced": "announce", "failed": "fail", "blaming": "blame"})
    repair(doc)
    assert ("blaming", "advcl", "announced") in _arcs(doc)


def test_a_participle_of_force_after_a_reported_clause_stays_in_it() -> None:
    # "Kyiv said the army had shelled the town, killing 20": the killing is the shelling's
    doc = make_doc([("Kyiv", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB", "VBD"), ("army", 4, "nsubj", "NOUN"),
                    ("had", 4, "aux", "AUX", "VBD"), ("shelled", 1, "ccomp", "VERB", "VBN"), ("town", 4, "dobj", "NOUN"),
                    (",", 4, "punct", "PUNCT"), ("killing", 4, "advcl", "VERB", "VBG"), ("20", 7, "dobj", "NUM"),
                    (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"said": "say", "shelled": "shell", "killing": "kill"})
    repair(doc)
    assert ("killing", "advcl", "shelled") in _arcs(doc)


def test_a_cleft_sentence_is_about_the_one_it_names() -> None:
    # "It was Washington that condemned the attacks": "Washington" is the subject of "condemned"
    doc = make_doc([("It", 1, "nsubj", "PRON"), ("was", 1, "ROOT", "AUX", "VBD"), ("Washington", 1, "attr", "PROPN"),
                    ("that", 4, "nsubj", "PRON"), ("condemned", 1, "ccomp", "VERB", "VBD"), ("attacks", 4, "dobj", "NOUN"),
                    (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"was": "be", "condemned": "condemn"})
    repair(doc)
    assert ("Washington", "nsubj", "condemned") in _arcs(doc)
    assert ("condemned", "ROOT", "condemned") in _arcs(doc)


def test_the_object_is_not_a_modifier_of_what_it_is_called() -> None:
    # "called the campaign ethnic cleansing": "campaign" read as a modifier of "cleansing"
    doc = make_doc([("Tillerson", 1, "nsubj", "PROPN"), ("called", 1, "ROOT", "VERB", "VBD"), ("the", 3, "det", "DET"),
                    ("campaign", 5, "nmod", "NOUN"), ("ethnic", 5, "amod", "ADJ"), ("cleansing", 1, "oprd", "NOUN"),
                    (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"called": "call"})
    repair(doc)
    assert ("campaign", "dobj", "called") in _arcs(doc)


def test_a_sentence_read_as_a_time_phrase_gets_its_verb_back() -> None:
    # "On Monday Timerman, the minister of Argentina, signed in Montevideo an agreement." read as the phrase
    # "On Monday Timerman", "signed" a participle of the apposition and "agreement" a second apposition
    doc = make_doc([("On", 0, "ROOT", "ADP", "IN"), ("Monday", 2, "compound", "PROPN", "NNP"),
                    ("Timerman", 0, "pobj", "PROPN", "NNP"), (",", 2, "punct", "PUNCT"),
                    ("the", 5, "det", "DET"), ("minister", 2, "appos", "NOUN", "NN"), ("of", 5, "prep", "ADP"),
                    ("Argentina", 6, "pobj", "PROPN", "NNP"), (",", 5, "punct", "PUNCT"),
                    ("signed", 5, "acl", "VERB", "VBN"), ("in", 9, "prep", "ADP"),
                    ("Montevideo", 10, "pobj", "PROPN", "NNP"), ("an", 13, "det", "DET"),
                    ("agreement", 5, "appos", "NOUN", "NN"), (".", 0, "punct", "PUNCT")])
    repair(doc)
    arcs = _arcs(doc)
    assert ("signed", "ROOT", "signed") in arcs
    assert ("On", "prep", "signed") in arcs and ("Monday", "pobj", "On") in arcs
    assert ("Timerman", "nsubj", "signed") in arcs and ("agreement", "dobj", "signed") in arcs
    assert len(list(doc.sents)) == 1


def test_a_time_phrase_with_a_verb_of_its_own_stays() -> None:
    # "On Monday Timerman, who signed it, …": a relative clause with a subject is no lost verb
    doc = make_doc([("On", 0, "ROOT", "ADP", "IN"), ("Monday", 2, "compound", "PROPN", "NNP"),
                    ("Timerman", 0, "pobj", "PROPN", "NNP"), (",", 2, "punct", "PUNCT"),
                    ("who", 5, "nsubj", "PRON"), ("signed", 2, "relcl", "VERB", "VBD"), ("it", 5, "dobj", "PRON"),
                    (".", 0, "punct", "PUNCT")])
    repair(doc)
    assert ("On", "ROOT", "On") in _arcs(doc)


def test_a_time_clause_after_a_verb_of_saying_is_not_what_it_says() -> None:
    # "X declared before talks had begun that Y must resign": the "that" clause read as said by "begun"
    doc = make_doc([("X", 1, "nsubj", "PROPN"), ("declared", 1, "ROOT", "VERB", "VBD"),
                    ("before", 5, "mark", "SCONJ"), ("talks", 5, "nsubj", "NOUN"), ("had", 5, "aux", "AUX"),
                    ("begun", 1, "ccomp", "VERB", "VBN"), ("that", 9, "mark", "SCONJ"), ("Y", 9, "nsubj", "PROPN"),
                    ("must", 9, "aux", "AUX", "MD"), ("resign", 5, "ccomp", "VERB", "VB"), (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"declared": "declare", "begun": "begin"})
    repair(doc)
    arcs = _arcs(doc)
    assert ("begun", "advcl", "declared") in arcs
    assert ("resign", "ccomp", "declared") in arcs


def test_a_time_clause_that_reports_keeps_its_report() -> None:
    # "X declared, after Y had said that Z must resign, …": the time clause's own verb of saying keeps it
    doc = make_doc([("X", 1, "nsubj", "PROPN"), ("declared", 1, "ROOT", "VERB", "VBD"),
                    ("after", 4, "mark", "SCONJ"), ("Y", 4, "nsubj", "PROPN"), ("said", 1, "advcl", "VERB", "VBD"),
                    ("that", 8, "mark", "SCONJ"), ("Z", 8, "nsubj", "PROPN"), ("must", 8, "aux", "AUX", "MD"),
                    ("resign", 4, "ccomp", "VERB", "VB"), (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"declared": "declare", "said": "say"})
    repair(doc)
    assert ("resign", "ccomp", "said") in _arcs(doc)


def _clause_after_and_the_next_day(relative: str | None):  # type: ignore[no-untyped-def]
    # "Both agreed, and the next day [that] the presidents spoke." misread with "spoke" a relative clause of
    # "day" and "day" a time phrase of "agreed"
    words = [("Both", 1, "nsubj", "PRON"), ("agreed", 1, "ROOT", "VERB", "VBD"), (",", 1, "punct", "PUNCT"),
             ("and", 1, "cc", "CCONJ"), ("the", 6, "det", "DET"), ("next", 6, "amod", "ADJ"),
             ("day", 1, "npadvmod", "NOUN", "NN")]
    if relative:
        words.append((relative, 10, "advmod", "PRON"))
    at = len(words)
    words += [("the", at + 1, "det", "DET"), ("presidents", at + 2, "nsubj", "NOUN", "NNS"),
              ("spoke", 6, "relcl", "VERB", "VBD"), (".", 1, "punct", "PUNCT")]
    doc = make_doc(words)
    _lemmas(doc, {})
    repair(doc)
    return _arcs(doc)


def test_a_clause_after_and_the_next_day_is_no_relative_clause() -> None:
    arcs = _clause_after_and_the_next_day(None)
    assert ("spoke", "conj", "agreed") in arcs and ("day", "npadvmod", "spoke") in arcs


def test_a_relative_clause_of_a_day_stays() -> None:
    # "…, and the day that the presidents spoke …": a relative clause with its relative word
    arcs = _clause_after_and_the_next_day("that")
    assert ("spoke", "relcl", "day") in arcs


def test_a_verb_read_as_a_participle_after_an_apposition_is_the_verb() -> None:
    # "Kerry, the secretary, called China's move provocative." read as one noun phrase
    doc = make_doc([("Kerry", 0, "ROOT", "PROPN", "NNP"), (",", 0, "punct", "PUNCT"), ("the", 3, "det", "DET"),
                    ("secretary", 0, "appos", "NOUN", "NN"), (",", 0, "punct", "PUNCT"),
                    ("called", 0, "acl", "VERB", "VBN"), ("China", 8, "poss", "PROPN", "NNP"),
                    ("'s", 6, "case", "PART", "POS"), ("move", 5, "dobj", "NOUN", "NN"),
                    ("provocative", 5, "oprd", "ADJ", "JJ"), (".", 0, "punct", "PUNCT")])
    repair(doc)
    arcs = _arcs(doc)
    assert ("called", "ROOT", "called") in arcs and ("Kerry", "nsubj", "called") in arcs
    assert (".", "punct", "called") in arcs


def _called(words):  # type: ignore[no-untyped-def]
    doc = make_doc(words)
    _lemmas(doc, {"called": "call"})
    repair(doc)
    return _arcs(doc)


def test_a_judgement_read_as_the_adjective_of_a_later_noun_is_what_the_object_is_called() -> None:
    # "Tokyo called the build-up on the islands unacceptable": "unacceptable" read as the islands'
    arcs = _called([("Tokyo", 1, "nsubj", "PROPN", "NNP"), ("called", 1, "ROOT", "VERB", "VBD"),
                    ("the", 3, "det", "DET"), ("buildup", 1, "dobj", "NOUN", "NN"), ("on", 1, "prep", "ADP"),
                    ("the", 6, "det", "DET"), ("islands", 4, "pobj", "NOUN", "NNS"),
                    ("unacceptable", 6, "amod", "ADJ", "JJ"), (".", 1, "punct", "PUNCT")])
    assert ("unacceptable", "oprd", "called") in arcs and ("buildup", "dobj", "called") in arcs


def test_a_judgement_read_as_a_noun_after_a_preposition_is_what_the_object_is_called() -> None:
    # "Canberra called the conduct on the reef dangerous": "dangerous" read as the object of "on"
    arcs = _called([("Canberra", 1, "nsubj", "PROPN", "NNP"), ("called", 1, "ROOT", "VERB", "VBD"),
                    ("the", 3, "det", "DET"), ("conduct", 1, "dobj", "NOUN", "NN"), ("on", 3, "prep", "ADP"),
                    ("the", 6, "det", "DET"), ("reef", 7, "compound", "NOUN", "NN"),
                    ("dangerous", 4, "pobj", "ADJ", "JJ"), (".", 1, "punct", "PUNCT")])
    assert ("dangerous", "oprd", "called") in arcs and ("reef", "pobj", "on") in arcs


def test_an_adjective_on_the_object_of_a_plain_verb_stays() -> None:
    # "Tokyo criticised the build-up on the islands": no verb of naming, nothing moves
    doc = make_doc([("Tokyo", 1, "nsubj", "PROPN", "NNP"), ("visited", 1, "ROOT", "VERB", "VBD"),
                    ("the", 3, "det", "DET"), ("base", 1, "dobj", "NOUN", "NN"), ("on", 1, "prep", "ADP"),
                    ("the", 6, "det", "DET"), ("islands", 4, "pobj", "NOUN", "NNS"),
                    ("nearby", 6, "amod", "ADJ", "JJ"), (".", 1, "punct", "PUNCT")])
    _lemmas(doc, {"visited": "visit"})
    repair(doc)
    assert ("nearby", "amod", "islands") in _arcs(doc)
