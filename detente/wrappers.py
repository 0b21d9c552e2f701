"""Statements about other events: refusals, threats and intentions.

"X declined to sell F-16s to Y", "X threatened to attack Y", "X pledged to provide aid to Y" and
"X will supply arms to Y" each report two things: an event that did not (yet) happen — coded with
its own code and a non-asserted factuality — and a statement that did happen: a rejection (CAMEO 12x),
a threat (13x) or an expression of intent (03x). This module says which words wrap another event and
which code the statement gets, from the wrapped event's code.
"""
from __future__ import annotations

from spacy.tokens import Token

REFUSAL = {"refuse", "decline", "reject"}
THREAT = {"threaten", "warn"}
INTENT = {"promise", "pledge", "vow", "offer", "agree", "plan", "intend", "commit", "decide", "undertake",
          "volunteer", "willing", "ready", "prepared", "eager", "determined", "resolve", "propose", "seek",
          "aim"}
FUTURE_CUES = {"will", "shall", "'ll", "going to", "would"}
REFUSAL_CUES = {"will not", "will n't", "will never", "would not", "would n't", "would never", "wo n't", "wo not"}

_REJECT = {"061": "1211", "062": "1212", "06": "121", "07": "122", "04": "125", "03": "127", "05": "127",
           "08": "124"}
_THREAT = {"161": "1313", "162": "1311", "163": "1312", "164": "1312", "16": "131", "15": "138", "17": "130",
           "18": "138", "19": "138", "20": "138"}
_INTENT = {"061": "0311", "062": "0312", "063": "0313", "064": "0314", "06": "031", "071": "0331", "072": "0332",
           "073": "0333", "074": "0334", "07": "033", "04": "036", "05": "032", "01": "030", "02": "030",
           "03": None, "081": "0351", "082": "0352", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
           "08": "035", "09": "030", "045": "039", "046": "036", "15": "138", "16": "131", "17": "130",
           "18": "138", "19": "138", "20": "138", "161": "1313", "162": "1311", "163": "1312"}


def wrapper(trigger: Token) -> tuple[str, Token] | None:
    """("refusal" | "threat" | "intent", the wrapping word) when ``trigger`` heads a clause that
    another word embeds as its complement ("declined to sell", "ready to help")."""
    if trigger.dep_ not in ("xcomp", "ccomp") or trigger.head is trigger:
        return None
    head = trigger.head
    kind = wrapper_kind(head)
    if kind is None or (trigger.dep_ == "ccomp" and kind != "threat"):
        return None
    return kind, head


def wrapper_kind(head: Token) -> str | None:
    """The kind of statement a word makes about the clause it embeds, if it is one."""
    lemma = head.lemma_.lower()
    return next((kind for kind, words in (("refusal", REFUSAL), ("threat", THREAT), ("intent", INTENT))
                 if lemma in words), None)


def derived_code(kind: str, code: str) -> str | None:
    """The code of the statement that wraps an event with ``code``; None when there is none."""
    table = {"refusal": _REJECT, "threat": _THREAT, "intent": _INTENT}[kind]
    if kind == "intent" and code.startswith("03"):
        return code
    if kind == "threat" and code.startswith("13"):
        return code
    for key in (code[:4], code[:3], code[:2]):
        if key in table:
            return table[key]
    return {"refusal": "120", "threat": "130", "intent": None}[kind]
