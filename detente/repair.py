"""Repairs of parser errors that recur in op-ed prose, made on the parsed Doc before coding.

The small English model often misreads a list of acts by one subject ("China's foreign ministry
called the opening an egregious act, demanded that Vilnius correct its mistake and warned that
Lithuania would bear the consequences"):

* the first act becomes a clause reported by the second ("called" a ``ccomp`` of "demanded"), which
  then has no subject and makes the first act look like reported speech;
* a later act in the past tense hangs on the base-form verb of a reported demand ("warned" a ``conj``
  of "correct"), so it takes that clause's subject and reads as demanded;
* a later act is left unlabelled (``dep``), so it has no subject at all;
* after a long subject, the object is read as a second subject ("X, soon to be his minister, met Y");
* a clause before a semicolon or colon, or before a comma and a verb that reports nothing, is read
  as reported by the verb after it ("X visited Taipei; Beijing sanctioned him");
* "home" after a noun becomes the object, the noun its modifier ("sent Somalia's ambassador home");
* a cleft sentence is read as a statement about "it" ("It was Washington that condemned the attacks");
* the subject of a verb is taken by an adjective set off by commas before it ("Nicaragua, never slow to
  side against …, cut its ties");
* a sentence read as a noun phrase, its verb an adjective between two names ("Raisi telephoned
  Aliyev" as "[Raisi telephoned] Aliyev") or a participle after the subject's apposition ("Blinken,
  America's secretary of state, called Beijing's decision irresponsible"), gets its verb back;
* a list of gerunds after a preposition read as clauses of their own ("accusing Mexico of misusing
  its embassy, *meddling* in its affairs and granting asylum": "meddling" joins "misusing");
* a name right after a time clause's noun is read as that noun's apposition, the noun as the subject
  ("Two days after the attack Azerbaijan flew …");
* two coordinated subjects are read as two subjects of the verb ("Babiš, the prime minister, and
  Hamáček said");
* a set phrase is read as a verb or as the object ("declared 20 diplomats persona non grata", "called
  the reversal null and void");
* the day before a name is read as part of it ("Last Thursday Cyril Ramaphosa received …", "On
  Tuesday Erdoğan told …"), or the name as the object of "On" before a verb with no subject ("On
  Friday Sisavath promised …");
* a gerund that modifies the object is read as a clause of its own ("withdrew landing permission
  for the aircraft"), unless the verb is one that takes a gerund ("began gathering evidence");
* what a verb of saying reports is read as a relative clause of its object ("told an audience that
  the Dutch had shown their character", with "that" the relative clause's object);
* the noun after a preposition is read as the subject of a participle after it ("granted asylum to
  five officers holed up in a residence"), the preposition left without an object;
* the object of a verb of judging is read as part of the judgement before it ("denounced as an ugly
  crime Serbia's suppression of …", "condemned as unacceptable the sanctions");
* a gerund naming an act after the object of a preposition is read as a clause of its own ("killed in
  Israeli tank shelling");
* what a verb of naming calls its object is read as a second object ("calling Macron a terrible
  president"), or the object as what it is called and the judgement as its adjective ("called Beijing's
  decision irresponsible");
* a subject of two people joined by "and" after an opening clause is read as an apposition in that
  clause ("After talks hosted by Erdoğan, Ethiopia's prime minister, Abiy Ahmed, and Somalia's
  president, Hassan Sheikh Mohamud, signed …");
* a clause after ", and" is read as a second object described by its verb ("Delhi summoned Shaheeb,
  …, and Male in turn called in Mahawar");
* a second subject after "and" is read as a conjunct of the first verb's object, or the first object
  as the second verb's subject ("Armenia freed two soldiers and Azerbaijan released 32 servicemen");
* the object is read as the subject of a participle after it ("freed the agents still serving
  sentences");
* a participle of speech or blame after a reported clause is read as part of it ("announced that the
  talks had failed, blaming Ethiopian intransigence");
* a clause ending in ", and" is read as the complement of the verb after it, with that verb's time and
  place phrases ("accepted a plan …, and in Ohrid on March 18 they agreed …");
* a whole sentence is read as the phrase "On Monday Name", its verb a participle of an apposition ("On
  Monday Timerman and Almagro, the foreign ministers of …, signed in Montevideo an agreement");
* a time clause after a verb of saying is read as what it says, and what it says as said by the time
  clause ("declared before any talks had begun that the Estonian government must resign");
* a clause after ", and the next day" is read as a relative clause of "day" ("agreed on a truce, and
  the next day the two presidents spoke by telephone").

Each repair re-attaches or relabels the arcs involved, as a careful reader would parse them (the acts
of a list coordinated under the first one, a clause of its own as ``parataxis``). Nothing else in the
parse changes.
"""
from __future__ import annotations

import unicodedata

from spacy.tokens import Doc, Token

from .date_text import MONTHS, WEEKDAYS

DAYS = set(MONTHS) | set(WEEKDAYS)

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
TIME_NOUNS = {"day", "week", "month", "year", "morning", "afternoon", "evening", "night"}
RELATIVE_WORDS = {"which", "that", "who", "whom", "whose", "when", "where"}
TAKES_GERUND = {"begin", "start", "stop", "continue", "keep", "resume", "finish", "quit", "avoid", "consider", "end",
                "cease", "risk", "deny", "admit", "recommend", "propose", "suggest", "mind", "enjoy", "practise", "practice",
                "postpone", "delay", "discuss", "mention", "imagine", "involve", "justify", "threaten", "try", "like",
                "hate", "prefer", "regret", "remember", "forget", "see", "hear", "watch", "go", "come", "spend"}
PARTICIPLE_ENDS = ("ed", "en", "wn", "ne", "t", "d")     # forms that may be participles ("taken", "sent")
TIME_WORDS = {"after", "before", "since", "following"}
SAYING = {"say", "tell", "add", "announce", "state", "declare", "insist", "warn", "write", "report", "argue", "claim",
          "note", "think", "believe", "fear", "hope", "expect", "know", "admit", "acknowledge", "deny", "predict",
          "reply", "answer", "retort", "respond", "explain", "confirm", "complain", "suggest", "recall", "concede"}

NAMING = {"call", "label", "brand", "dub", "term", "name", "deem", "declare", "designate"}
ACT_GERUNDS = {"shelling", "bombing", "fighting", "firing", "shooting", "strafing", "rioting", "looting", "killing",
               "kidnapping"}
JUDGING = {"condemn", "denounce", "reject", "dismiss", "describe", "brand", "label", "criticise", "criticize", "decry",
           "slam", "welcome", "hail", "praise", "characterise", "characterize", "regard", "see", "view", "term"}
SPEECH_ACTS = {"blame", "accuse", "say", "call", "cite", "warn", "note", "add", "argue", "complain", "insist", "claim",
               "describe", "condemn", "urge", "demand", "denounce", "criticise", "criticize", "vow", "threaten"}
APPEALS = {"urge", "call", "ask", "demand", "appeal", "invite", "press", "request", "summon"}
AGENT_NOUNS = {"government", "ministry", "troops", "army", "force", "police", "official", "minister", "leader",
               "president", "people", "rebel", "militant", "soldier", "country", "state", "side", "authority",
               "navy", "guard", "regime", "administration", "cabinet", "parliament", "court", "delegation"}


def repair(doc: Doc) -> None:
    """Fix these errors in every sentence of ``doc`` (in place). Accents and hyphens also leave the
    lemmas of common words, which the lexicons write plain ("communiqué": communique, "co-operation":
    cooperation)."""
    for token in doc:
        if token.pos_ in ("NOUN", "VERB", "ADJ") and not token.lemma_.isascii():
            token.lemma_ = "".join(c for c in unicodedata.normalize("NFKD", token.lemma_) if not unicodedata.combining(c))
        if "-" in token.lemma_ and token.norm_ == token.lower_.replace("-", ""):     # "co-operation"
            token.lemma_ = token.lemma_.replace("-", "")
    for token in doc:
        if token.dep_ == "ROOT" and token.pos_ in ("NOUN", "PROPN"):
            _verb_read_as_adjective(token)
            _verb_read_as_participle(token)
        elif token.dep_ == "ROOT" and token.tag_ == "VBD":
            _inverted_subject(token)
        if token.dep_ == "ROOT" and token.lemma_ == "be":
            _cleft(token)
        if token.dep_ == "ROOT" and token.pos_ == "ADP":
            _sentence_read_as_time_phrase(token)
    for token in doc:
        _fixed_complement(token)
    for token in doc:
        if token.pos_ in ("VERB", "AUX"):
            _fronted_act(token)
    for token in doc:
        if token.pos_ == "VERB":
            _home_as_object(token)
            _subject_after_time_noun(token)
            _subject_in_time_phrase(token)
            _clause_read_as_time_relative(token)
            _name_after_date(token)
            _date_read_as_name(token)
            _gerund_as_modifier(token)
            _subject_of_aside(token)
            _gerund_list(token)
            _second_subject(token)
            _split_subjects(token)
            _comma_subject(token)
            _name_as_modifier(token)
            _unlabelled_act(token)
            _tensed_conjunct(token)
            _appeal_after_report(token)
            _narrative_conjunct(token)
            _complement_read_as_relative(token)
            _second_report(token)
            _clause_of_its_own(token)
            _stranded_preposition(token)
            _object_after_as(token)
            _gerund_after_noun(token)
            _second_object_named(token)
            _subject_in_opening_clause(token)
            _clause_read_as_object(token)
            _subject_read_as_object_conjunct(token)
            _object_read_as_participle_subject(token)
            _speech_participle(token)
            _time_clause_read_as_report(token)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECTS for c in verb.children)


def _verb_read_as_adjective(root: Token) -> None:
    """ "The next day Raisi telephoned Aliyev to offer …" read as one noun phrase, "telephoned" an
    adjective on "Aliyev": the past form between two names is the verb, the first name its subject
    and the noun its object; what hung on the noun after it, and the time before, hang on the verb."""
    verb = next((c for c in root.children if c.dep_ == "amod" and c.pos_ == "VERB" and c.tag_ in ("VBD", "VBN")
                 and c.i == root.i - 1), None)
    subject = next((c for c in root.children if c.i == root.i - 2 and c.dep_ in ("amod", "compound", "nmod")
                    and c.text[:1].isupper()), None) if verb is not None else None
    if verb is None or subject is None:
        return
    for c in list(root.children):
        if c.i > root.i or c.i < subject.i:
            c.head = verb
            c.dep_ = "advcl" if c.dep_ in ("relcl", "acl") else c.dep_
    verb.head, verb.dep_, verb.tag_ = verb, "ROOT", "VBD"
    subject.head, subject.dep_ = verb, "nsubj"
    root.head, root.dep_ = verb, "dobj"


def _verb_read_as_participle(root: Token) -> None:
    """ "Antony Blinken, America's secretary of state, called Beijing's decision irresponsible" read as one noun
    phrase, "called" a participle on the name: after the name's apposition and a comma, a past form with
    an object of its own is the verb and the name its subject."""
    appos = next((c for c in root.children if c.dep_ == "appos" and c.i > root.i), None)
    verb = next((c for c in root.children if c.dep_ == "acl" and c.pos_ == "VERB" and c.tag_ in ("VBD", "VBN")
                 and appos is not None and c.i > appos.i and root.doc[c.i - 1].text == ","
                 and any(o.dep_ in ("dobj", "oprd", "ccomp") for o in c.children)), None)
    if verb is None:
        return
    for c in list(root.children):
        if c.i > verb.i:
            c.head = verb
    verb.head, verb.dep_, verb.tag_ = verb, "ROOT", "VBD"
    root.head, root.dep_ = verb, "nsubj"


def _cleft(be: Token) -> None:
    """ "It was Washington that condemned the attacks", "It was Pelosi, the speaker, who flew to Yerevan":
    the one named after "It was" is the subject of the clause that follows, which is the sentence's act."""
    if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in be.children):
        return
    named = next((c for c in be.children if c.dep_ == "attr" and c.pos_ in ("PROPN", "NOUN")), None)
    if named is None:
        return
    holders = [be, named, *(c for c in named.children if c.dep_ == "appos")]
    clause = next((c for h in holders for c in h.children if c.dep_ in ("ccomp", "relcl") and c.i > named.i and any(
        s.dep_ == "nsubj" and s.lower_ in ("that", "who") for s in c.children)), None)
    if clause is None:
        return
    pronoun = next(s for s in clause.children if s.dep_ == "nsubj" and s.lower_ in ("that", "who"))
    pronoun.dep_ = "mark"
    clause.head, clause.dep_ = clause, "ROOT"
    named.head, named.dep_ = clause, "nsubj"
    be.head, be.dep_ = clause, "dep"


def _sentence_read_as_time_phrase(on: Token) -> None:
    """ "On Monday Héctor Timerman and Luis Almagro, the foreign ministers of …, signed in Montevideo an
    agreement" read as one phrase "On Monday Timerman", the verb a participle of the apposition and its
    object a second apposition: the verb is the sentence's, the name its subject, the day the object of
    "On", and an apposition after the verb its object."""
    name = next((c for c in on.children if c.dep_ == "pobj" and c.pos_ == "PROPN" and c.lower_ not in DAYS), None)
    day = next((c for c in name.children if c.dep_ == "compound" and c.lower_ in DAYS and c.i < name.i),
               None) if name is not None else None
    if day is None or name is None:
        return
    holders = [name, *(c for c in name.children if c.dep_ == "appos")]
    verb = next((c for h in holders for c in h.children if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN")
                 and c.i > name.i and not any(s.dep_ in SUBJECTS for s in c.children)), None)
    if verb is None:
        return
    holder = verb.head
    for c in list(on.children):
        if c.dep_ == "punct" and c.i > verb.i:
            c.head = verb
    verb.head, verb.dep_, verb.tag_ = verb, "ROOT", "VBD"
    on.head, on.dep_ = verb, "prep"
    day.head, day.dep_ = on, "pobj"
    name.head, name.dep_ = verb, "nsubj"
    thing = next((c for c in holder.children if c.dep_ == "appos" and c.i > verb.i and c.pos_ == "NOUN"), None)
    if thing is not None and not any(c.dep_ == "dobj" for c in verb.children):
        thing.head, thing.dep_ = verb, "dobj"


def _inverted_subject(root: Token) -> None:
    """ "Only in February 2016 did Oli travel to Delhi": after a fronted phrase the parser reads "did" as the
    verb and "Oli travel" as a noun; the word after the name is the verb, "did" its auxiliary."""
    noun = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.i == root.i + 2
                 and c.is_lower), None)
    name = root.doc[root.i + 1] if noun is not None else None
    if root.lemma_.lower() != "do" or noun is None or name is None or name.pos_ != "PROPN" or name.head.i != noun.i:
        return
    for c in list(root.children):
        if c.i != noun.i:
            c.head = noun
    noun.head, noun.dep_, noun.pos_, noun.tag_ = noun, "ROOT", "VERB", "VB"
    name.head, name.dep_ = noun, "nsubj"
    root.head, root.dep_, root.pos_ = noun, "aux", "AUX"


def _fronted_act(verb: Token) -> None:
    """ "X called …, demanded …": "called" (a ccomp, or a past-tense advcl with no subordinator, before a
    subjectless "demanded", right before its comma) becomes the head, and "demanded" its conjunct. A "subject" after such a verb is its object
    ("…, declared Dennis Horak persona non grata")."""
    late = [c for c in verb.children if c.dep_ in SUBJECTS and c.i > verb.i]
    if verb.i < 2 or verb.doc[verb.i - 1].text != "," or any(c.dep_ in SUBJECTS and c.i < verb.i for c in verb.children):
        return
    first = next((c for c in verb.children if c.right_edge.i == verb.i - 2 and _has_subject(c) and (
        c.dep_ == "ccomp" or (c.dep_ == "advcl" and c.tag_ == "VBD" and not any(
            a.dep_ == "mark" or a.tag_ == "WRB" for a in c.children)))), None)   # "X called …, declared …"
    if first is None or (late and any(t.is_quote for t in verb.doc[max(first.left_edge.i - 1, 0): verb.i])):
        return                                      # '"We will respond," declared the minister'
    for subject in late:
        subject.dep_ = "dobj"
    root = verb.head.i == verb.i
    first.head = first if root else verb.head
    first.dep_ = verb.dep_
    verb.head = first
    verb.dep_ = "conj"


def _second_subject(verb: Token) -> None:
    """ "Álvaro Leyva, soon to be his foreign minister, met Carlos Faría, …": a verb with a subject
    before it and another "subject" after it; the later one is its object."""
    if verb.lemma_.lower() in SAYING or not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return
    for c in verb.children:
        if c.dep_ == "nsubj" and c.i > verb.i:
            c.dep_ = "dobj"


FIXED_COMPLEMENTS = {("persona", "non", "grata"), ("null", "and", "void")}
FIXED_STARTS = {words[0] for words in FIXED_COMPLEMENTS}
DECLARING = {"declare", "name", "make", "call", "deem", "pronounce", "rule", "consider"}


def _fixed_complement(word: Token) -> None:
    """ "declared 20 Czech diplomats persona non grata", "called the vote null and void": a set phrase
    read as a verb with the object as its subject, or as the object with the real object its modifier;
    it is the declaring verb's object complement."""
    doc, verb = word.doc, word.head
    if word.lower_ not in FIXED_STARTS or tuple(t.lower_ for t in doc[word.i: word.i + 3]) not in FIXED_COMPLEMENTS \
            or word.dep_ == "oprd" or verb.lemma_.lower() not in DECLARING or verb.i > word.i:
        return
    for c in list(word.children):
        if c.dep_ == "nsubj" or (c.dep_ == "compound" and c.i < word.i):    # the diplomats, the vote
            c.head, c.dep_ = verb, "dobj"
        elif c.i > word.i + 2:      # "and told them …", ", calling …": the declaring verb's
            c.head = verb
    word.head, word.dep_, word.pos_, word.tag_ = verb, "oprd", "NOUN", "NN"


def _split_subjects(verb: Token) -> None:
    """ "Andrej Babiš, the prime minister, and Jan Hamáček, …, said": two subjects before the verb, the
    first with the "and"; the second is the first's conjunct."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subjects) == 2 and any(c.dep_ == "cc" and c.lower_ == "and" for c in subjects[0].children):
        subjects[1].head, subjects[1].dep_ = subjects[0], "conj"


def _name_as_modifier(verb: Token) -> None:
    """ "Baerbock arrived in Warsaw a few hours later": a name opening the sentence, read as an adverb of
    a finite verb that has no subject, is its subject."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or _has_subject(verb):
        return
    first = verb.sent[0]
    if first.head.i == verb.i and first.i < verb.i and first.pos_ == "PROPN" and \
            first.dep_ in ("advmod", "npadvmod", "dep") and first.ent_type_ not in ("DATE", "TIME"):
        first.dep_ = "nsubj"


def _comma_subject(verb: Token) -> None:
    """ "when some 220 Chinese vessels massed at the reef, Manila filed protests": read as one subject
    "vessels …, Manila" with "massed" a participle on it; with no "and", the first noun and its verb are a
    clause of their own (of time, with the "when") and the name after the comma is the subject."""
    first = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if first is None or any(c.dep_ == "cc" for c in first.children):
        return
    second = next((c for c in first.children if c.dep_ == "conj" and c.i > 0 and c.nbor(-1).text == ","), None)
    clause = next((c for c in first.children if c.dep_ == "acl" and c.pos_ == "VERB" and c.tag_ in ("VBD", "VBN")
                   and second is not None and c.i < second.i), None)
    if second is None or clause is None or any(c.dep_ == "cc" for c in second.children):
        return
    clause.head, clause.dep_ = verb, "advcl"
    first.head, first.dep_ = clause, "nsubj"
    second.head, second.dep_ = verb, "nsubj"
    for c in list(verb.children):
        if c.dep_ == "advmod" and c.lower_ in ("when", "as", "while") and c.i < first.i:
            c.head = clause


def _home_as_object(verb: Token) -> None:
    """ "sent Somalia's ambassador home": "home" read as the object, with "ambassador" a compound on
    it; the noun is the object and "home" says where to."""
    home = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "home"), None)
    nouns = [c for c in home.children if c.dep_ == "compound" and c.pos_ == "NOUN"] if home is not None else []
    if home is None or not nouns:
        return
    noun = nouns[-1]
    for c in list(home.children):
        if c.i != noun.i:
            c.head = noun
    noun.head, noun.dep_ = verb, "dobj"
    home.dep_ = "advmod"


def _subject_after_time_noun(verb: Token) -> None:
    """ "Two days after the attack Azerbaijan flew …": "attack" read as the subject (with "after" a
    marker) and the name as its apposition; the noun is the object of "after" and the name the subject."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in TIME_WORDS and c.i < verb.i), None)
    noun = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    if mark is None or noun is None or not mark.i < noun.i:
        return
    name = next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.left_edge.i ==
                 noun.i + 1), None)
    if name is None:
        return
    mark.dep_ = "prep"
    noun.head, noun.dep_ = mark, "pobj"
    name.head, name.dep_ = verb, "nsubj"


def _clause_read_as_time_relative(verb: Token) -> None:
    """ "…, and the next day the two presidents spoke by telephone": the clause read as a relative
    clause of "day", and "day" as a time phrase of the verb before "and"; the clause is a conjunct of
    that verb and the time phrase its own."""
    time = verb.head
    if verb.dep_ != "relcl" or time.lemma_.lower() not in TIME_NOUNS or time.dep_ != "npadvmod" or \
            time.head.pos_ not in ("VERB", "AUX") or not any(
                c.dep_ == "nsubj" and c.lower_ not in RELATIVE_WORDS and c.i > time.i for c in verb.children) or \
            any(c.lower_ in RELATIVE_WORDS for c in verb.children) or time.left_edge.i == 0 or \
            time.doc[time.left_edge.i - 1].dep_ != "cc":
        return
    outer = time.head
    verb.head, verb.dep_ = outer, "conj"
    time.head = verb


def _subject_in_time_phrase(verb: Token) -> None:
    """ "On the night of December 24 Pakistani jets bombed …": the date read as a modifier of "jets" and
    "jets" as the object of "of"; the date is the object of "of" and "jets" the verb's subject."""
    if _has_subject(verb):
        return
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i):
        for time in (o for o in prep.children if o.dep_ == "pobj" and o.ent_type_ == "TIME"):
            of = next((c for c in time.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            noun = next((o for o in of.children if o.dep_ == "pobj" and o.ent_type_ != "DATE"), None) if of else None
            day = next((c for c in noun.children if c.ent_type_ == "DATE" and c.i < noun.i), None) if noun else None
            if of is not None and noun is not None and day is not None and noun.i < verb.i:
                day.head, day.dep_ = of, "pobj"
                noun.head, noun.dep_ = verb, "nsubj"
                return


def _name_after_date(verb: Token) -> None:
    """ "On May 11 Pradeep Gyawali, Nepal's foreign minister, summoned Vinay Kwatra …": the name read as
    the object of "On" (the date its modifier) and the verb's object as its subject; the date is the
    object of "On", the name the subject and the other name the object. "On Tuesday Abiy Ahmed … and
    General Burhan … met": the name is the first of the subjects."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.i > verb.i and any(c.dep_ == "dobj" for c in verb.children):
        return
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i):
        name = next((o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN" and o.lower_ not in DAYS), None)
        day = next((c for c in name.children if c.lower_ in DAYS and c.i < name.i), None) if name else None
        if name is None:        # "On Saturday Andrej Babiš, …, and Jan Hamáček … said": the name a "prep"
            name = next((o for o in prep.children if o.dep_ == "prep" and o.ent_type_ == "PERSON"), None)
            day = next((o for o in prep.children if o.dep_ == "pobj" and o.lower_ in DAYS), None) if name else None
        if name is None:        # "On October 10 Hassan Sheikh, Sisi and Isaias Afwerki … met": the names
            day = next((o for o in prep.children if o.dep_ == "pobj" and o.lower_ in DAYS), None)   # conjuncts
            name = next((c for c in day.children if c.dep_ == "conj" and c.pos_ == "PROPN"), None) if day else None
        also = next((c for c in name.children if c.dep_ == "cc" and c.lower_ == "and"), None) if name else None
        listed = name is not None and subject is not None and 0 < subject.left_edge.i - name.right_edge.i <= 2 and \
            verb.doc[subject.left_edge.i - 1].text == "," and any(c.dep_ == "cc" for c in subject.children)
        if name is None or day is None or (subject is not None and subject.i < verb.i and not listed and (
                also is None or not name.i < subject.i)):
            continue                      # ("On May 3 Vucic, Rama and Kurti met": the first of a list)
        if day.head != prep:
            day.head, day.dep_ = prep, "pobj"
        name.head, name.dep_ = verb, "nsubj"
        if subject is not None and subject.i > verb.i:
            subject.dep_ = "dobj"
        elif subject is not None:   # "…, and General Burhan": the second subject
            subject.head, subject.dep_ = name, "conj"
        return


def _date_read_as_name(verb: Token) -> None:
    """ "Last Thursday Cyril Ramaphosa received …", "On Tuesday Erdoğan told …": the day read as part
    of the subject's name is the verb's time (the object of an "On" left without one)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN" and c.i < verb.i), None)
    if subject is None:
        return
    day = next((c for c in subject.children if c.dep_ == "compound" and c.ent_type_ == "DATE" and c.lower_ in DAYS
                and c.i < subject.i), None)
    if day is None or any(c.dep_ == "compound" and c.ent_type_ != "DATE" and c.i < day.i for c in subject.children):
        return
    prep = day.doc[day.left_edge.i - 1] if day.left_edge.i > day.sent.start else None
    if prep is not None and prep.dep_ == "prep" and prep.head.i == verb.i and \
            not any(c.dep_ == "pobj" for c in prep.children):
        day.head, day.dep_ = prep, "pobj"
    else:
        day.head, day.dep_ = verb, "npadvmod"


def _gerund_as_modifier(verb: Token) -> None:
    """ "withdrew landing permission for the aircraft": a gerund right after a verb with no object, itself
    right before its object, is a modifier of that noun, which is the verb's object (with what hung
    on the gerund)."""
    if any(c.dep_ == "dobj" for c in verb.children) or verb.lemma_.lower() in TAKES_GERUND:
        return
    gerund = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == verb.i + 1), None)
    noun = verb.doc[gerund.i + 1] if gerund is not None and gerund.i + 1 < len(verb.doc) else None
    if gerund is None or noun is None or noun.dep_ != "dobj" or noun.head != gerund or noun.tag_ not in ("NN", "NNS") or \
            any(c.dep_ in ("nsubj", "aux", "neg", "advmod", "xcomp", "ccomp") for c in gerund.children) or \
            any(c.dep_ in ("acl", "relcl", "xcomp", "ccomp") for c in noun.children):
        return
    for c in list(gerund.children):
        if c.dep_ == "prep":
            c.head = verb
    noun.head, noun.dep_ = verb, "dobj"
    gerund.head, gerund.dep_, gerund.pos_ = noun, "compound", "NOUN"


def _subject_of_aside(verb: Token) -> None:
    """ "Nicaragua, never slow to side against …, cut its ties": the subject read as the subject of the
    adjective between commas (an ``advcl`` of the verb); it is the verb's."""
    if _has_subject(verb):
        return
    aside = next((c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "ADJ" and c.i < verb.i
                  and verb.doc[c.right_edge.i + 1].text == ","), None)
    subject = next((c for c in aside.children if c.dep_ == "nsubj" and c.i < aside.i
                    and verb.doc[c.i + 1].text == ","), None) if aside is not None else None
    if subject is not None:
        subject.head = verb
        if verb.tag_ == "VB" and subject.tag_ in ("NN", "NNP") and not any(c.dep_ == "aux" for c in verb.children):
            verb.tag_ = "VBD"       # "Nicaragua … cut": with a singular subject a bare form is a past ("cuts")


def _gerund_list(verb: Token) -> None:
    """ "accusing Mexico of misusing its embassy, meddling in its affairs and granting asylum": a gerund
    after a comma that follows the gerund of a preposition ("of misusing …") is the next item of that
    list, not a clause of its own."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "conj", "dep") or head.i >= verb.i or \
            verb.doc[verb.i - 1].text != ",":
        return
    first = next((g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "with", "for")
                  for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG" and g.right_edge.i == verb.i - 2), None)
    if first is not None:
        verb.head, verb.dep_ = first, "conj"


def _unlabelled_act(verb: Token) -> None:
    """ "X called the ruling a provocation, demanded …" with "demanded" an unlabelled ``dep`` of
    "called": a subjectless past-tense act after a comma is the next act of the list."""
    if verb.dep_ == "dep" and verb.tag_ == "VBD" and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
            and verb.head.pos_ == "VERB" and verb.head.i < verb.i and not _has_subject(verb):
        verb.dep_ = "conj"


def _clause_of_its_own(verb: Token) -> None:
    """ "X visited Taipei; Beijing sanctioned him", "the two reached a deal: Israel agreed to pay …,
    Turkey dropped its claims": a clause ended by a semicolon or colon, or by a comma before a verb
    that reports nothing, is not reported by the verb after it but a clause of its own. So is one
    ending in ", and" ("X accepted a plan …, and in Ohrid on March 18 they agreed …"): the time and
    place phrases after the "and" are the second verb's (not "… trade, energy, and roads")."""
    head = verb.head
    if verb.dep_ != "ccomp" or verb.i > head.i:
        return
    between = {t.text for t in verb.doc[verb.right_edge.i + 1: head.i]}
    if between & {";", ":"} or ("," in between and head.lemma_.lower() not in SAYING and _has_subject(head)):
        verb.dep_ = "parataxis"
        return
    joint = next((c for c in verb.subtree if c.dep_ == "cc" and c.i > verb.i and verb.doc[c.i - 1].text == ","), None)
    if joint is None or head.lemma_.lower() in SAYING or not _has_subject(head):
        return
    moved = [t for t in verb.subtree if t.i > joint.i and t.head.i < joint.i]
    if any(t.dep_ not in ("prep", "advmod", "npadvmod", "conj") or (t.dep_ == "conj" and t.pos_ != "ADP")
           for t in moved):
        return
    for t in moved:
        t.head = head
        if t.dep_ == "conj":          # "and in Ohrid": the preposition read as a conjunct
            t.dep_ = "prep"
    joint.head = head
    verb.dep_ = "parataxis"


def _stranded_preposition(verb: Token) -> None:
    """ "granted asylum to five officers holed up in a residence", "sent food to refugees fleeing the
    war": the noun after a preposition read as the subject of the participle after it, which becomes a
    clause of the verb, and the preposition left without an object. The noun is the preposition's
    object, the participle a modifier of the noun."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    participle = verb.tag_ in ("VBN", "VBG") or (verb.tag_ == "VBD" and verb.lower_.endswith(PARTICIPLE_ENDS))
    if not participle or verb.dep_ not in ("advcl", "ccomp", "conj") or subject is None or \
            subject.right_edge.i != verb.i - 1 or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return
    prep = verb.doc[subject.left_edge.i - 1] if subject.left_edge.i > 0 else None
    if prep is None or prep.dep_ != "prep" or prep.head != verb.head or any(True for _ in prep.children):
        return
    subject.head, subject.dep_ = prep, "pobj"
    verb.head, verb.dep_ = subject, "acl"
    if verb.tag_ == "VBD":
        verb.tag_ = "VBN"


def _object_after_as(verb: Token) -> None:
    """ "denounced as an ugly crime Serbia's suppression of …", "condemned as unacceptable the sanctions":
    what a verb of judging is said to be comes first, its object after; the parser reads the object as
    an apposition of the judgement, or the judgement as an adjective on the object."""
    if verb.lemma_.lower() not in JUDGING or any(c.dep_ == "dobj" for c in verb.children):
        return
    as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i), None)
    noun = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ is not None else None
    if as_ is None or noun is None:
        return
    named = next((c for c in noun.children if c.dep_ == "appos" and c.i > noun.i), None)
    first = next((t for t in verb.doc[as_.i + 1: noun.i] if t.pos_ != "PUNCT"), None)
    if named is not None:
        named.head, named.dep_ = verb, "dobj"
    elif first is not None and first.pos_ == "ADJ" and first.head.i == noun.i and first.dep_ == "amod":
        first.head, first.dep_ = as_, "pcomp"
        noun.head, noun.dep_ = verb, "dobj"


def _gerund_after_noun(verb: Token) -> None:
    """ "killed in Israeli tank shelling": a gerund that names an act, right after the object of a
    preposition, read as a clause of its own; it is the head of that noun phrase, the noun its modifier."""
    noun = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.lower_ not in ACT_GERUNDS or verb.dep_ not in ("advcl", "acl", "xcomp") or noun is None or \
            noun.dep_ != "pobj" or noun.pos_ != "NOUN" or \
            any(c.dep_ not in ("prep", "npadvmod", "advmod") for c in verb.children):
        return
    prep = noun.head
    verb.head, verb.dep_, verb.pos_, verb.tag_, verb.lemma_ = prep, "pobj", "NOUN", "NN", verb.lower_
    noun.head, noun.dep_ = verb, "compound"


def _second_object_named(verb: Token) -> None:
    """ "calling Macron a terrible president": the second of two objects of a verb of naming is what the
    first is called (``oprd``), not a second object; "called the campaign ethnic cleansing": the object
    is not a modifier of what it is called."""
    if verb.lemma_.lower() not in NAMING:
        return
    objects = [c for c in verb.children if c.dep_ == "dobj" or (c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > verb.i)]
    if len(objects) == 2 and objects[0].dep_ == "dobj" and objects[0].right_edge.i + 1 == objects[1].left_edge.i:
        objects[1].dep_ = "oprd"             # (or read as an apposition of the verb: "designated Brazil a … ally")
    named = next((c for c in verb.children if c.dep_ == "oprd"), None)
    first = next((c for c in named.children if c.dep_ in ("nmod", "compound") and c.i < named.i and any(
        d.dep_ == "det" for d in c.children)), None) if named is not None and not objects else None
    if first is not None:                    # "called the campaign ethnic cleansing": "campaign" read as a
        first.head, first.dep_ = verb, "dobj"    # modifier of what it is called
    last = verb.doc[verb.right_edge.i - 1] if verb.doc[verb.right_edge.i].is_punct else verb.doc[verb.right_edge.i]
    thing = named if named is not None and not objects and named.pos_ in ("NOUN", "PROPN") else \
        objects[0] if named is None and len(objects) == 1 and objects[0].dep_ == "dobj" else None
    noun = verb.doc[last.i - 1] if last.dep_ == "pobj" and last.i > 0 else None
    if thing is not None and last.pos_ == "ADJ" and noun is not None and noun.head.i == last.i and \
            noun.dep_ in ("compound", "nmod", "amod") and noun.pos_ in ("NOUN", "PROPN") and thing.i < last.i:
        noun.head, noun.dep_ = last.head, "pobj"     # "called China's conduct on the reef dangerous": the
        last.head, last.dep_ = thing, "amod"         # adjective read as the noun after "on"
    if thing is not None and last.dep_ == "amod" and last.pos_ == "ADJ" and thing.i <= last.head.i < last.i:
        thing.dep_ = "dobj"                  # "called Beijing's decision irresponsible": the object read as
        last.head, last.dep_ = verb, "oprd"  # what it is called and the judgement as its adjective (or as that
        #                                      of a noun after it: "called China's drills near the islands unacceptable")


def _subject_in_opening_clause(verb: Token) -> None:
    """ "After talks hosted by Erdoğan, Ethiopia's prime minister, Abiy Ahmed, and Somalia's president,
    Hassan Sheikh Mohamud, signed …": the coordinated subject read as an apposition of the last name in
    the opening clause, and the verb left without one. Two or more people joined by "and" right before
    the comma ahead of a verb with no subject are its subject."""
    if verb.i < 2 or _has_subject(verb) or verb.doc[verb.i - 1].text != "," or verb.dep_ != "ROOT":
        return
    ends = (verb.i - 2, verb.i - 1)                          # (the comma may hang on the last name)
    clause = next((c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i and c.right_edge.i in ends), None)
    subject = next((t for t in clause.subtree if t.dep_ == "appos" and t.right_edge.i in ends and
                    any(c.dep_ == "conj" for c in t.children)), None) if clause is not None else None
    if subject is not None:
        subject.head, subject.dep_ = verb, "nsubj"


def _clause_read_as_object(verb: Token) -> None:
    """ "Delhi summoned Shaheeb, the high commissioner, and Male in turn called in Mahawar": after ", and"
    a name and a past-tense verb with no subject are read as a second object, the verb describing it;
    the name is the subject of a clause joined to the first ("called in" a particle, its object a name)."""
    noun = verb.head if verb.dep_ == "acl" else verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else verb
    if verb.dep_ not in ("acl", "advcl") or verb.tag_ not in ("VBD", "VBN") or _has_subject(verb) or \
            not _object_conjunct_after_and(noun) or any(c.dep_ == "dobj" for c in verb.children) or \
            (verb.dep_ == "advcl" and noun.right_edge.i + 1 != verb.left_edge.i):
        return                            # (or as an adverbial clause of the first verb, after that name)
    main = _verb_of_object(noun)
    if main is None:
        return
    noun.head, noun.dep_ = verb, "nsubj"
    verb.head, verb.dep_ = main, "conj"
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1 and c.lower_ in ("in", "off", "out")), None)
    name = next((o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None) if prep is not None else None
    if prep is not None and name is not None:     # "called in Munu Mahawar": a particle, then the object
        prep.dep_, name.head, name.dep_ = "prt", verb, "dobj"
    verb.tag_ = "VBD"


def _subject_read_as_object_conjunct(verb: Token) -> None:
    """ "Cuba released Gross, a contractor, and the United States freed the agents": the second subject read
    as a conjunct of the first verb's object, the second verb left without one; "Armenia freed two
    soldiers and Azerbaijan released 32 servicemen": the first object read as the second verb's subject,
    the second subject as its conjunct, and the second verb as what the first reports."""
    if _has_subject(verb) and verb.dep_ == "ccomp" and verb.tag_ == "VBD":
        subject = next(c for c in verb.children if c.dep_ in SUBJECTS)
        head = verb.head
        second = next((c for c in subject.children if c.dep_ == "conj" and c.pos_ == "PROPN"
                       and c.right_edge.i == verb.i - 1), None)
        if second is not None and subject.i > head.i and head.pos_ == "VERB" and \
                not any(c.dep_ == "dobj" for c in head.children) and verb.doc[second.left_edge.i - 1].lower_ == "and":
            subject.head, subject.dep_ = head, "dobj"
            second.head, second.dep_ = verb, "nsubj"
            verb.dep_ = "conj"
            for c in list(subject.children):
                if c.dep_ == "cc" and c.i > subject.i:
                    c.head = verb
        return
    last = verb.doc[verb.i - 1] if verb.i > 0 else verb
    if _has_subject(verb) or verb.tag_ != "VBD" or not _object_conjunct_after_and(last) or \
            _verb_of_object(last) in (None, verb):
        return
    last.head, last.dep_ = verb, "nsubj"


def _object_conjunct_after_and(noun: Token) -> bool:
    """A name after ", and" that the parser joined to a noun before it ("…, and the United States")."""
    start = noun.left_edge.i
    return noun.dep_ == "conj" and noun.pos_ == "PROPN" and start >= 2 and \
        noun.doc[start - 1].lower_ == "and" and noun.doc[start - 2].text == ","


def _verb_of_object(noun: Token) -> Token | None:
    """The verb whose object (or its apposition) a conjoined noun was joined to."""
    first = noun.head
    while first.dep_ in ("conj", "appos") and first.head.i != first.i:
        first = first.head
    return first.head if first.head.pos_ in ("VERB", "AUX") else None


def _object_read_as_participle_subject(verb: Token) -> None:
    """ "freed the three agents still serving sentences": the object read as the subject of the participle
    after it, a clause the verb reports; it is the object, the participle its modifier."""
    if any(c.dep_ == "dobj" for c in verb.children) or verb.lemma_.lower() in SAYING or verb.pos_ != "VERB":
        return
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.tag_ in ("VBG", "VBN") and c.i > verb.i
                   and not any(a.dep_ in ("aux", "auxpass", "mark") for a in c.children)), None)
    subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.left_edge.i == verb.i + 1), None) \
        if clause is not None else None
    if clause is None or subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return
    subject.head, subject.dep_ = verb, "dobj"
    clause.head, clause.dep_ = subject, "acl"


def _speech_participle(verb: Token) -> None:
    """ "Cairo announced that the talks had failed, blaming Ethiopian intransigence": a participle of
    speech or blame after a comma at the end of a reported clause is the reporter's, not the clause's
    (unlike "said the army had shelled the town, killing 20")."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.lemma_.lower() not in SPEECH_ACTS or \
            head.dep_ != "ccomp" or head.head.lemma_.lower() not in SAYING or head.i > verb.i or \
            verb.doc[verb.i - 1].text != ",":
        return
    verb.head = head.head


def _second_report(verb: Token) -> None:
    """ "The Taliban said eight people had been killed, summoned Pakistan's envoy and fired on …": a
    subjectless clause after a comma, read as a second thing the verb reports, is the reporter's next act
    (a conjunct of the reporting verb)."""
    say = verb.head
    if verb.dep_ != "ccomp" or _has_subject(verb) or say.lemma_.lower() not in SAYING or verb.tag_ not in ("VBD", "VBN") \
            or verb.i == 0 or verb.doc[verb.i - 1].text != "," or not any(
                c.dep_ == "ccomp" and c.i < verb.i and _has_subject(c) for c in say.children):
        return
    verb.dep_ = "conj"


def _appeal_after_report(verb: Token) -> None:
    """ "The ministry objected that the road ran through its land and called on India to refrain …": an
    appeal with no subject, joined to a reported clause about a thing, is the reporter's next act."""
    head = verb.head
    things = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" and not c.ent_type_
              and c.lemma_.lower() not in AGENT_NOUNS]
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or verb.lemma_.lower() not in APPEALS or _has_subject(verb) \
            or head.dep_ != "ccomp" or not things or head.head.lemma_.lower() not in SAYING | {"object", "protest"}:
        return
    verb.head = head.head


def _narrative_conjunct(verb: Token) -> None:
    """ "The army chief suggested that Nepal had raised the matter for another country, and Nepal's
    minister called the remark insulting": a past-tense clause with its own subject after ", and",
    joined to a reported clause in another tense (past perfect, or with "would"), goes on the story."""
    head = verb.head
    other_tense = pluperfect(head) or any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in head.children)
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or not _has_subject(verb) or head.dep_ != "ccomp" \
            or not other_tense or head.head.lemma_.lower() not in SAYING or \
            not any(t.text == "," and verb.doc[t.i + 1].dep_ == "cc" for t in verb.doc[head.i:verb.i]):
        return
    verb.head = head.head


def pluperfect(verb: Token) -> bool:
    """A verb in the past perfect ("had announced", "he'd left")."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _complement_read_as_relative(verb: Token) -> None:
    """ "X told Y in return that China had violated …", "told an audience that the Dutch had shown their
    character": the clause read as a relative clause of "return" or "audience" is what the verb of
    saying reports, when "that" is a marker or an object the clause already has ("character")."""
    noun = verb.head
    say = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head if noun.dep_ == "dobj" else None
    that = next((c for c in verb.children if c.lower_ == "that" and c.i < verb.i), None)
    taken = that is not None and that.dep_ == "dobj" and any(
        c.dep_ in ("dobj", "attr", "acomp", "ccomp") and c.i > verb.i for c in verb.children)
    if verb.dep_ != "relcl" or say is None or say.pos_ != "VERB" or say.lemma_.lower() not in SAYING or \
            not _has_subject(verb) or that is None or not (that.dep_ == "mark" or taken):
        return
    verb.head, verb.dep_ = say, "ccomp"
    that.dep_ = "mark"


def _tensed_conjunct(verb: Token) -> None:
    """ "demanded that Vilnius correct its mistake and warned …": a subjectless past-tense conjunct of
    a base-form (or subjunctive, tagged VBP) verb, or of a past perfect ("said X had damaged the temple
    and took …", "said justice had been done, called the verdict a triumph, accused …"), in a reported
    clause belongs to the verb reporting it."""
    head = verb.head
    listed = any(t.text == "," and verb.doc[t.i + 1].tag_ == "VBD" for t in verb.doc[head.i:verb.i])   # ", called …,
    perfect = pluperfect(head) and head.head.lemma_.lower() in SAYING and (   # accused … and complained …"
        listed or not verb.lower_.endswith(PARTICIPLE_ENDS))   # "said Thai shells had damaged it and took …"; not
    #   "had attacked Iraq and taken Mosul" (a participle the tagger took for a past)
    mismatch = (verb.tag_ == "VBD" and (head.tag_ in ("VB", "VBP") or perfect)) or (verb.tag_ == "VBZ" and head.tag_ == "VB")
    if verb.dep_ != "conj" or not mismatch or _has_subject(verb) \
            or head.dep_ not in ("ccomp", "xcomp") or head.head.i == head.i or head.head.pos_ != "VERB":
        return
    verb.head = head.head


def _time_clause_read_as_report(verb: Token) -> None:
    """ "declared before any talks had begun that the Estonian government must resign": a time clause
    after a verb of saying read as what it says, and what it says as said by the time clause; the time
    clause modifies the verb of saying, and the "that" clause is its complement."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in TIME_WORDS | {"when", "until", "once"}),
                None)
    say = verb.head
    if mark is None or verb.dep_ not in ("ccomp", "advcl") or say.lemma_.lower() not in SAYING or mark.i < say.i or \
            verb.lemma_.lower() in SAYING:
        return
    verb.dep_ = "advcl"
    for c in list(verb.children):
        if c.dep_ == "ccomp" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            c.head = say

