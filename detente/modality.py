"""Factuality: does the text say an event happened?

``factuality(trigger)`` walks from the event word up through the clauses that embed it and returns
(value, cue): "asserted", "negated", "hypothetical", "future" or "recommended", and the word that
decided it. Non-asserted events are kept and flagged, never dropped.

Rules, checked on the trigger and then on each governing word up the tree:
* negation: a ``neg`` child (not, n't, never), "no"/"neither" on the object or subject, "nothing" as the
  object ("agreed on nothing"), "without";
* modal auxiliaries: will/shall -> future; would/could/might/may/can -> hypothetical;
  should/must/ought/need -> recommended;
* a conditional clause ("if", "unless") -> hypothetical; a present-tense clause after "before" or
  "until" ("… a day before X heads to Y") -> future;
* governing verbs and adjectives: "plans to", "is expected to", "intends to" -> future; "wants to",
  "seeks to", "could be exploring the possibility of" -> hypothetical; "it is necessary that",
  "urged X to" -> recommended; "failed to", "denied that" -> negated; "claimed that", "allegations
  that" -> hypothetical (alleged: what someone "said" stays asserted);
* hedges: "likely", "possibly", "perhaps", "reportedly considering" -> hypothetical.
Reporting verbs ("said", "announced") keep what they report asserted.
"""
from __future__ import annotations

from spacy.tokens import Token

FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_MODALS = {"would", "could", "might", "may", "can", "ca", "'d"}
RECOMMEND_MODALS = {"should", "must", "ought", "need"}
FUTURE_VERBS = {"plan", "intend", "expect", "schedule", "prepare", "set", "going", "due", "aim", "pledge", "poise",
                "promise", "vow", "agree", "decide", "resolve", "determined", "resolved", "commit", "undertake", "offer", "propose"}
HYPOTHETICAL_VERBS = {"want", "wish", "hope", "hop", "seek", "apply", "try", "attempt", "endeavour", "endeavor", "strive", "consider", "mull", "threaten",
                      "explore", "weigh", "contemplate", "seem", "appear", "may", "hesitate", "able", "like",
                      "likely", "unlikely", "possible", "possibility", "prospect", "chance", "potential",
                      "ready", "willing", "eager", "keen", "anxious", "prepared", "bid", "effort", "plan", "proposal", "idea",
                      "desire", "aspiration", "ambition", "option", "need", "enable", "allow", "permit", "let"}
ORDER_WORDS = {"order", "tell", "instruct", "direct", "command", "require", "compel"}   # "told X to leave" (not
#   "told X that …", which reports): the act is asked for, and the asking is a demand (coding)
RECOMMEND_WORDS = {"encourage", "invite", "persuade", "press", "pressure", "push", "necessary", "important", "essential", "vital", "imperative", "crucial", "urge", "call",
                   "recommend", "advise", "suggest", "demand", "insist", "ask", "should", "need", "must", "ought",
                   "better", "time", "wise", "advisable", "sensible", "prudent"}   # "would be wise to restore …"
NEGATING_VERBS = {"fail", "deny", "refrain", "avoid", "neglect", "cease", "stop", "abandon", "forgo", "reject",
                  "refuse", "decline", "dismiss", "resist", "balk", "shy", "desist"}
JOURNEYS = {"travel", "fly", "go", "come", "cross", "arrive", "head", "journey", "return", "sail", "drive", "rush",
            "hurry", "dash", "visit", "land"}
SENDING = {"send", "dispatch", "deploy", "scramble"}
STRIKING = {"bomb", "strike", "attack", "shell", "raid", "hit", "pound", "target", "shoot"}   # "sent jets to bomb"
COMMISSIVES = {"threaten", "warn", "promise", "vow", "swear", "pledge", "offer"}
ACCUSING = {"accuse", "blame", "suspect", "charge", "indict", "condemn", "criticise", "criticize", "fault",
            "denounce", "rebuke", "reprimand", "scold", "chide", "censure", "slam", "lambaste", "castigate"}
PREVENTING = {"prevent", "bar", "ban", "prohibit", "forbid", "stop", "block", "deter", "keep", "restrain"}
CLAIM_WORDS = {"claim", "allege", "allegation", "accusation", "assertion", "rumour", "rumor", "insinuate"}
HEDGES = {"likely", "possibly", "perhaps", "maybe", "probably", "potentially", "allegedly", "supposedly",
          "reportedly"}
NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "nt"}
EMBEDDING_DEPS = {"xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "acl", "conj", "dobj", "nsubj",
                  "nsubjpass", "attr", "appos", "compound", "amod", "oprd", "csubj", "relcl"}


def factuality(trigger: Token) -> tuple[str, str | None]:
    """(value, cue) for the event whose main word is ``trigger``."""
    attempt = _attempted_through(trigger)
    if attempt is not None:
        return factuality(attempt)
    own = _own_cues(trigger)
    if own:
        return own
    if _purpose_clause(trigger):
        return "hypothetical", "to"
    token, alongside = trigger, False
    for _ in range(8):
        if token.dep_ not in EMBEDDING_DEPS or token.head.i == token.i:
            break
        dep, head = token.dep_, token.head
        alongside = alongside or _comma_participle(token)
        if dep == "relcl" or (dep == "advcl" and _past_fact(token)):
            break
        if dep == "conj":
            found = _shared_modal(token, head)
        else:
            found = _governor(head, dep, token) or _own_cues(head, modals_only=dep in ("dobj", "nsubj", "nsubjpass"))
        if found and not (found[0] == "negated" and alongside):
            return found
        token = head
    return "asserted", None


ATTEMPTS = {"try", "attempt", "seek", "strive", "endeavour", "endeavor"}
RANKED = {"first", "last", "only", "second", "third"}


def _attempted_through(noun: Token) -> Token | None:
    """ "tried to reset ties through informal summits": the summits are the attempt made, as factual as
    the trying, not what was tried."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("through", "via", "by"):
        return None
    aim = prep.head
    return aim.head if aim.dep_ == "xcomp" and aim.head.lemma_.lower() in ATTEMPTS else None


def _purpose_clause(token: Token) -> bool:
    """ "…, to boost relations", "in a bid to isolate X": an aim, not an event — except the errand of
    a journey made ("flew to Moscow to meet Putin", "crossed the border to meet Kim"), the strike that
    forces were sent to make ("sent F-16s to bomb Cambodian positions") and a first or
    only one to do it ("the first foreign leader to address the Rada")."""
    if token.dep_ == "advcl" and token.head.tag_ == "VBD" and (token.head.lemma_.lower() in JOURNEYS or (
            token.head.lemma_.lower() in SENDING and token.lemma_.lower() in STRIKING)):
        return False
    ranked = [token.head] + [c for c in token.head.children if c.dep_ in ("attr", "dobj")]
    if token.dep_ in ("acl", "relcl", "advcl") and any(g.lower_ in RANKED for n in ranked for g in n.children):
        return False              # "became the first head of state to address the Rada": it happened
    return token.dep_ in ("advcl", "acl", "relcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _own_cues(token: Token, *, modals_only: bool = False) -> tuple[str, str] | None:
    if not modals_only and _conditioned(token):
        return "hypothetical", "if"              # "if X …, Y will strike": conditional, not merely future
    for c in token.children:
        text = c.lower_
        if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD":
            if text in FUTURE_MODALS or (text == "would" and reported(token)):   # "X said it would …"
                neg = _negated(token)
                return ("negated", f"{text} {neg}") if neg else ("future", text)
            if text in RECOMMEND_MODALS:
                return "recommended", text
            if text in HYPOTHETICAL_MODALS:
                return "hypothetical", text
        if c.dep_ == "aux" and text == "going":
            return "future", "going to"
    if modals_only:
        return None
    neg = _negated(token)
    if neg:
        return "negated", neg
    for c in token.children:
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") and (c.lower_ == "whether" or _if_clause(token)):
            return "hypothetical", c.lower_
        if c.dep_ == "mark" and c.lower_ in ("before", "until") and token.tag_ in ("VBZ", "VBP"):
            return "future", c.lower_                 # "… a day before Sarkozy heads to Beijing": not yet
        if c.dep_ == "advmod" and c.lower_ in HEDGES:
            return "hypothetical", c.lower_
    return None


FACT_MARKS = {"after", "because", "since", "when", "as", "while", "once", "although", "though", "whereas"}


def _comma_participle(clause: Token) -> bool:
    """ "would no longer negotiate, blaming Tokyo's sanctions": a participle set off by a comma says what
    the subject did alongside; the main verb's negation is not its own."""
    return clause.dep_ == "advcl" and clause.tag_ == "VBG" and clause.i > 0 and clause.nbor(-1).text == "," and \
        not any(c.dep_ in ("mark", "aux", "nsubj") for c in clause.children)


def _past_fact(clause: Token) -> bool:
    """A past-tense clause after "after", "because", "when"…: it happened, whatever the main clause says
    ("did not put the bid to a vote after Berlin insisted …")."""
    marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
    return clause.tag_ == "VBD" and bool(marks & FACT_MARKS) and not marks & {"if", "unless"}


def _conditioned(token: Token) -> bool:
    """An "if"/"unless" clause on the word; on a threat or a promise it conditions what is threatened
    or promised, not the threat ("threatened action if Y did not …" is a threat made)."""
    if token.lemma_.lower() in COMMISSIVES:
        return False
    return any(c.dep_ == "advcl" and _if_clause(c) for c in token.children)


def _if_clause(clause: Token) -> bool:
    """ "if"/"unless" marks the clause, but not "as if" ("embraced as if the war had never happened")."""
    marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
    return bool(marks & {"if", "unless"}) and not marks & {"as", "though"}


REPORTING_VERBS = {"say", "announce", "state", "declare", "tell", "confirm", "insist", "add", "report", "indicate",
                   "reiterate", "vow", "swear", "pledge", "promise", "assure", "warn", "threaten", "signal", "write",
                   "reply", "respond", "retort", "answer"}


def announced(token: Token) -> bool:
    """ "X announced that it would …": a decision made known."""
    return token.dep_ == "ccomp" and token.head.lemma_.lower() == "announce" and token.head.tag_ in ("VBD", "VBN")


def reported(token: Token) -> bool:
    """The clause is what someone said ("Iraq said it would allow …")."""
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_VERBS


def _negated(token: Token) -> str | None:
    for c in token.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det", "preconj") and c.lower_ in ("never", "neither")):
            return c.lower_
        if c.dep_ == "advmod" and c.lower_ == "longer" and any(   # "was no longer sending"
                d.dep_ == "neg" and d.lower_ == "no" for d in c.children):
            return "no longer"
        if c.dep_ in ("dobj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ in ("no",) for d in c.children):
            return "no"
        if c.dep_ == "nsubj" and c.lower_ in ("none", "nothing") and token.tag_ in ("VBZ", "VBP"):
            return c.lower_                                      # "None of this means the two agree"
        if (c.dep_ == "dobj" and c.lower_ == "nothing") or (c.dep_ == "prep" and any(   # "agreed on nothing"
                o.dep_ == "pobj" and o.lower_ == "nothing" for o in c.children)):
            return "nothing"
    if token.dep_ == "pcomp" and token.head.lower_ == "without":
        return "without"
    return None


def _governor(head: Token, dep: str, child: Token) -> tuple[str, str] | None:
    """A cue carried by the word that embeds the event's clause (``child``, attached as ``dep``)."""
    lemma = head.lemma_.lower()
    if head.lower_ == "without":
        return "negated", "without"
    hedge = next((c.lower_ for c in head.children if c.dep_ == "advmod" and c.lower_ in HEDGES), None)
    if hedge and dep in ("xcomp", "ccomp"):
        return "hypothetical", hedge             # "is possibly planning to build"
    if dep == "prep" and lemma in ("aim", "geared", "designed") and child.lower_ in ("at", "to"):
        return "hypothetical", head.text         # "talks aimed at ending the war": an aim
    if dep == "prep" and lemma in ACCUSING and child.lower_ in ("of", "for"):
        return "hypothetical", head.text         # "accused X of arming Y", "blamed X for the attack": alleged
    if dep == "prep" and lemma in PREVENTING | NEGATING_VERBS and child.lower_ == "from":
        return "negated", head.text              # "barred X from buying", "refrained from sending"
    if dep in ("xcomp", "ccomp", "pcomp", "acl", "pobj", "prep", "advcl", "attr", "dobj", "amod", "nsubj",
               "csubj", "compound", "oprd"):
        if (lemma in NEGATING_VERBS or (lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out"
                                                                for c in head.children))) and dep in ("xcomp", "ccomp"):
            return "negated", head.text          # "refused to …", "ruled out rejoining the single market"
        if lemma in ("have", "be") and dep == "xcomp" and any(c.dep_ == "advmod" and c.lower_ == "yet"
                                                              for c in head.children):
            return "negated", "yet to"           # "has yet to lift the ban": not done
        if lemma in CLAIM_WORDS and dep in ("ccomp", "acl"):
            return "hypothetical", head.text     # "claims by Ukraine that Russia shelled …": alleged, not told
        if lemma in FUTURE_VERBS and dep in ("xcomp", "ccomp", "acl", "pcomp"):
            return "future", head.text
        if lemma in HYPOTHETICAL_VERBS or head.lower_ in HEDGES:
            return "hypothetical", head.text
        if (lemma in RECOMMEND_WORDS and dep in ("xcomp", "ccomp", "acl", "csubj")
                and not (dep == "ccomp" and child.tag_ == "VBD")) or \
                (lemma in ORDER_WORDS and dep == "xcomp"):   # not "insists it shared …": a claim
            return "recommended", head.text
    if dep == "advcl" and _if_clause(head):
        return "hypothetical", "if"
    return None


def _shared_modal(token: Token, head: Token) -> tuple[str, str] | None:
    """A conjoined verb without auxiliaries of its own shares its head's modal ("can X and Y")."""
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in token.children):
        return None
    return _own_cues(head, modals_only=True)
