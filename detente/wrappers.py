"""Statements about other events: refusals, threats and intentions.

"X declined to sell F-16s to Y", "X threatened to attack Y", "X pledged to provide aid to Y" and
"X will supply arms to Y" each report two things: an event that did not (yet) happen — coded with
its own code and a non-asserted factuality — and a statement that did happen: a rejection (CAMEO 12x),
a threat (13x) or an expression of intent (03x). This module says which words wrap another event and
which code the statement gets, from the wrapped event's code.
"""
from __future__ import annotations

from spacy.tokens import Token

REFUSAL = {"refuse", "decline", "reject", "resist", "balk"}
THREAT = {"threaten", "warn"}
INTENT = {"promise", "pledge", "vow", "swear", "offer", "agree", "plan", "intend", "commit", "decide", "undertake",
          "volunteer", "willing", "ready", "prepared", "eager", "determined", "resolve", "propose", "seek", "apply",
          "aim", "want", "wish"}
DEMANDING = {"say", "declare", "state", "reiterate", "insist", "stress", "emphasize", "emphasise", "conclude",
             "tell", "add", "warn", "remind", "write", "argue", "maintain", "announce", "assert", "repeat",
             "reminder", "message", "insistence", "statement", "declaration", "warning", "position", "view",
             "propose", "suggest", "recommend", "urge", "proposal", "suggestion", "demand", "request", "ask",
             "recommendation", "answer", "reply", "respond"}
SUBJUNCTIVE = {"propose", "suggest", "recommend", "urge", "demand", "insist", "ask", "request", "proposal",
               "suggestion", "recommendation", "insistence"}      # "… that X be/do": a bare verb is the ask
WISHING = {"want", "wish"}      # "X wants (Y) to …", stated now (not "expects": that may be a forecast)
MUST_WORDS = {"demand", "insist", "insistence"}
MUST = {"must", "'ve got to"}
SHOULD = {"should", "ought"}
FUTURE_CUES = {"will", "shall", "'ll", "going to", "would"}
REFUSAL_CUES = {"will not", "will n't", "will never", "would not", "would n't", "would never", "wo n't", "wo not",
                "no longer", "will no longer", "would no longer"}

_Table = dict[str, "str | None"]
_REJECT: _Table = {"061": "1211", "062": "1212", "06": "121", "07": "122", "04": "125", "03": "127", "05": "127",
           "08": "124"}
_THREAT: _Table = {"161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136", "16": "131",
           "15": "138", "17": "130", "18": "138", "19": "138", "20": "138"}
_INTENT: _Table = {"061": "0311", "062": "0312", "063": "0313", "064": "0314", "06": "031", "071": "0331",
           "072": "0332", "073": "0333", "074": "0334", "07": "033", "04": "036", "05": "032", "01": "030", "02": "030",
           "03": None, "081": "0351", "082": "0352", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
           "08": "035", "09": "030", "045": "039", "046": "036", "15": "138", "16": "131", "17": "130",
           "18": "138", "19": "138", "20": "138", "161": "1313", "162": "1311", "163": "1312", "164": "134",
           "165": "135", "166": "136"}


def wrapper(trigger: Token) -> tuple[str, Token] | None:
    """("refusal" | "threat" | "intent", the wrapping word) when ``trigger`` heads a clause that
    another word embeds as its complement ("declined to sell", "ready to help")."""
    if trigger.dep_ not in ("xcomp", "ccomp") or trigger.head.i == trigger.i:
        return None
    head = trigger.head
    kind = wrapper_kind(head)
    if kind is None or (trigger.dep_ == "ccomp" and kind != "threat"):
        return None
    return kind, head


def wrapper_kind(head: Token) -> str | None:
    """The kind of statement a word makes about the clause it embeds, if it is one."""
    lemma = head.lemma_.lower()
    if lemma in WISHING and not _stated_wish(head):
        return None
    return next((kind for kind, words in (("refusal", REFUSAL), ("threat", THREAT), ("intent", INTENT))
                 if lemma in words), None)


_DEMAND: _Table = {"06": "101", "061": "1011", "062": "1012", "063": "1013", "064": "1014", "05": "102", "07": "103",
           "071": "1031", "072": "1032", "073": "1033", "074": "1034", "08": "105", "081": "1051", "082": "1052",
           "084": "1053", "085": "1054", "086": "1055", "087": "1056", "04": "106", "045": "108", "046": "107"}
_APPEAL: _Table = {"06": "021", "061": "0211", "062": "0212", "063": "0213", "064": "0214", "05": "022", "07": "023",
           "071": "0231", "072": "0232", "073": "0233", "074": "0234", "08": "025", "081": "0251", "082": "0252",
           "084": "0253", "085": "0254", "086": "0255", "087": "0256", "04": "026", "045": "028", "046": "027"}


def clause_modal(clause: Token) -> str | None:
    """The obligation a clause states: "must" ("has to", "needs to" count as "must"), "should", or None."""
    for c in clause.children:
        if c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in MUST | SHOULD:
            return "must" if c.lower_ in MUST else "should"
    if clause.dep_ == "xcomp" and clause.head.lemma_.lower() in ("have", "need") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return "must"
    return None


def demand_kind(clause: Token) -> tuple[str, Token] | None:
    """("demand" | "appeal", the verb demanded) when ``clause`` says what someone else must/should do
    and a word of saying embeds it ("X said Y must …", "a reminder to Y that it must …", "has to"),
    or what someone wants another to do ("Beijing wants Washington to lift the tariffs": an appeal)."""
    if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in WISHING and _stated_wish(clause.head) and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return "appeal", clause
    if clause.dep_ not in ("ccomp", "acl") or clause.head.lemma_.lower() not in DEMANDING:
        return None
    verb = clause
    if clause.lemma_.lower() in ("have", "need"):
        verb = next((c for c in clause.children if c.dep_ == "xcomp"), clause)
    modal = clause_modal(verb)
    head = clause.head.lemma_.lower()
    if modal is None and head in SUBJUNCTIVE and _bare(verb):     # "proposed that the World Bank mediate"
        modal = "must" if head in MUST_WORDS else "should"
    if modal is None or any(c.dep_ == "neg" for c in (*clause.children, *verb.children)):
        return None
    return ("demand" if modal == "must" else "appeal"), verb


BLUNDERS = {"mistake", "error", "blunder", "miscalculation"}
FAULTS = {"wrong", "irresponsible", "reckless", "responsible", "culpable", "guilty", "dishonest"}


VIOLATING = {"violate", "flout", "contravene", "infringe"}      # "said Y had violated the truce"
BREAKING = {"break", "breach"}                                   # only of a duty: not "broke the deadlock"
DUTIES = {"obligation", "law", "treaty", "agreement", "accord", "ceasefire", "truce", "rule", "promise", "commitment",
          "pledge", "sovereignty", "convention", "resolution", "sanction", "embargo", "norm", "principle", "protocol",
          "charter", "deal", "pact", "term", "undertaking", "duty", "moratorium"}
FINDING = {"find", "rule", "conclude", "hold", "judge", "determine"}   # what a court or panel finds


def fault_clause(clause: Token) -> bool:
    """A word of saying or of a court's finding embeds a fault found with someone: "Trudeau said India
    had made a horrific mistake", "Ankara insisted that Athens was wrong", "the judges found that
    Uruguay had breached its obligations" (criticism by the speaker of the clause's subject)."""
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in DEMANDING | FINDING or any(
            c.dep_ == "neg" for c in clause.children) or clause_modal(clause) is not None:
        return False
    lemma = clause.lemma_.lower()
    objects = [c.lemma_.lower() for c in clause.children if c.dep_ == "dobj"]
    if lemma in VIOLATING | BREAKING:
        return bool(objects) and (lemma in VIOLATING or any(o in DUTIES for o in objects))
    if lemma in ("make", "commit"):
        return any(o in BLUNDERS for o in objects)
    return lemma == "be" and any(c.dep_ == "acomp" and c.lemma_.lower() in FAULTS for c in clause.children)


def _stated_wish(verb: Token) -> bool:
    """ "Seoul wants Tokyo to apologise": a wish a side states now. "The US wanted to contain China" is
    the writer's account of a motive, and "does not want" no wish at all."""
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "neg" for c in verb.children)


def _bare(verb: Token) -> bool:
    """A verb in the subjunctive: no auxiliary, base form, or a plural form after a singular subject
    ("that Bamako hold elections")."""
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    singular = any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children)
    return verb.tag_ == "VB" or (verb.tag_ == "VBP" and singular)


def derived_code(kind: str, code: str) -> str | None:
    """The code of the statement that wraps an event with ``code``; None when there is none.
    "restraint": a promise not to do a hostile act (not to attack: 0356, de-escalation; else 030);
    "claim": a side's claim of its own use of force (015, claiming responsibility)."""
    if kind == "restraint":
        return "0356" if code[:2] in ("15", "18", "19", "20") else "030"
    if kind == "claim":          # "the US claimed that it had attacked Iraq": responsibility claimed
        return "015" if code[:2] in ("17", "18", "19", "20") else None
    tables: dict[str, dict[str, str | None]] = {"refusal": _REJECT, "threat": _THREAT, "intent": _INTENT,
                                                "demand": _DEMAND, "appeal": _APPEAL}
    table = tables[kind]
    if kind == "intent" and code.startswith("03"):
        return code
    if kind == "refusal" and code[:2] >= "11":   # "refused to impose sanctions on Russia": no rejection of
        return None                              # Russia (of those who asked, maybe; they are not named)
    if kind == "threat" and code.startswith("13"):
        return code
    for key in (code[:4], code[:3], code[:2]):
        if key in table:
            return table[key]
    return {"refusal": "120", "threat": "130", "intent": None, "demand": "100", "appeal": "020"}[kind]
