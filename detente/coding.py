"""The event coder: from a parsed document to events.

For every sentence: find actor mentions (``actors.ActorMatcher``); for every word that a verb or noun
pattern knows (``patterns.VerbPatterns``) find its source and target actors in the dependency parse
(``arguments``: subject / agent / object / dative / prepositional objects, coordination, possessives,
roles, pronouns and "the two countries" resolved from the recent context); then attach the CAMEO facts,
the factuality (``modality``), the event date (``dates``) and the quantity (``quantities``).
"""
from __future__ import annotations

import hashlib
import re
from bisect import insort
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from .actors import ActorDictionary, ActorMatcher, Mention
from .arguments import (BORDERS, STATE_ROLES, VISIT, ActorRef, Arguments, clause_verb, dedupe_refs, described_victim,
                        same_actor, what_called)
from .cameo import CameoTable
from .date_text import WEEKDAYS
from .dates import (AFTER_ACT, LATER, act_named, clause_date, event_date, explicit_dates, later_date, looks_back,
                    sentence_dates, yearless_days, yearless_months)
from .modality import ORDER_WORDS, STRIKING, announced, factuality, reported
from .models import Article, Event, EventDate
from .patterns import PatternMatch, VerbPattern, VerbPatterns, as_objects, temporal
from .quantities import event_quantity
from .repair import pluperfect, repair
from .tone import tone
from .wrappers import FUTURE_CUES, REFUSAL_CUES, demand_kind, derived_code, fault_clause, wrapper, wrapper_kind

YEAR = re.compile(r"(?<![\d,.$])(?:19|20)\d\d(?![\d,])")
MONTH = re.compile(r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*|Christmas|New Year's)\b")
OWN_YEAR = re.compile(r"\b(?:(?:this|last|next|the following|the previous) year|(?:last|next) "
                      r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\b", re.I)
#                       "in January this year", "last November": their year is the publication's ("In May
#                       that year" takes the year in view)
MEASURES = ("081", "124")   # easing or keeping curfews and emergencies (imposing them is 172, in 15-20)
RESPONSES = ("016", "12")        # codes of answers to another's act, whose object noun is that act
SANCTIONING = ("15", "16", "085", "191")   # force posture, sanctions imposed or lifted, ties cut, borders shut: on a country
APOLOGY = "055"
JOINT_STATEMENT = "050"          # a statement two sides issue together: diplomatic cooperation
REFUSAL_CODE = "120"             # "X said it would not …": a refusal
QUESTIONED = "111"               # "X asked why Y …": criticism
CRITICISM = "111"                # "X said that trust had been broken": criticism of the side in view
SAYING = {"say", "tell", "retort", "reply", "answer", "respond", "insist", "add", "claim", "write", "argue", "note",
          "suggest", "declare", "state", "tweet", "predict", "admit", "repeat", "reiterate", "stress", "maintain",
          "assert", "contend"}
CLAIMING = {"claim", "boast", "brag"}     # said of one's own act: responsibility claimed
PROMISING = {"promise", "pledge", "vow", "undertake", "offer", "agree", "commit"}
UNMET = {"02", "03", "10", "12", "13"}   # appeals, promises, demands, refusals, threats: what they name is not done
MET_THINGS = {"obligation", "requirement", "condition", "target", "demand", "deadline", "standard", "criterion",
              "criteria", "need", "commitment", "expectation", "goal", "cost", "term", "threshold", "quota"}
ADDRESSING = {"tell", "address", "speak", "say"}    # "told a rally", "spoke at a rally"
PRONOUNS = {"he", "she", "it", "they", "we", "i", "his", "her", "its", "their", "which", "who"}   # a side named
#                                                      by a pronoun (a rebuttal's speaker defending its own act)
THREAT = "130"                   # "X said that nothing was off the table": a threat to the side in view
THREAT_IDIOM = re.compile(r"\b(?:(?:nothing|no option)\b.{0,40}\boff the table|all (?:the )?options\b.{0,25}"
                          r"\b(?:open|on the table)|every option\b.{0,25}\bon the table|not go (?:unanswered|unpunished)"
                          r"|pay (?:a|the) (?:heavy |high )?price|(?:face|have|bear) (?:serious |grave )?consequences"
                          r"|not (?:stand|sit|remain) idly by)",
                          re.IGNORECASE)
DEADLINE = re.compile(r"by\b", re.IGNORECASE)       # "by March 10": a bound, not a day things happened on
LINKING = {"be", "remain", "seem", "become", "stay", "appear"}
STATEMENT = "010"                # "X said that the talks had gone well": a statement to the side in view
REFUSAL_IDIOM = re.compile(r"\b(?:out of the question|non-negotiable|not (?:up )?for (?:negotiation|discussion|sale)"
                           r"|no question of)\b", re.IGNORECASE)   # "said that lifting the sanctions on Iran was
#                                                                     out of the question": a refusal
REBUTTAL = "120"                 # "X replied that the claims were not tenable": a rejection of the side in view
REBUTTING = {"retort", "reply", "answer", "respond", "counter", "rejoin"}
SHARP_REPLIES = {"retort", "counter", "rejoin"}      # a rebuttal whatever it says
HOPING = {"hope", "want", "wish", "expect", "plan", "intend", "seek", "aim"}   # "said it hoped X would be tried"
HARSH = -0.4                     # the tone (VADER compound score) at or below which what is said criticises
REFUSING = {"say", "declare", "announce", "state", "reply", "respond", "retort", "add", "insist", "confirm",
            "reiterate", "tell", "answer"}       # words by which a side says what it will not do
RESTRAINED = {"object", "oppose", "interfere", "obstruct", "block", "hinder", "stand", "sit", "tolerate", "allow", "hesitate",
              "attack", "invade", "use", "threaten", "harm"}    # a promise of restraint, or a threat
OUTBREAK = {"break", "erupt", "begin", "start", "resume", "flare", "spread", "move", "intensify", "escalate",
            "rage"}            # "fighting broke out", "clashes erupted": force told as what happened
EXCHANGED = {"03", "05", "06", "07", "08", "15", "16", "17"}   # what "both sides" do each to the other (envoys, prisoners, bans)
DEMAND_CODES = {"demand": "100", "appeal": "020", "fault": "111"}   # "X said Y must …", "… should …", "… was wrong"
DEMAND_WORDS = {"demand": "must", "appeal": "should", "fault": "faulted"}
ANSWER_ROOTS = {"08", "12"}     # "Macron refused", "France complied": an answer to the side in view
ARGUMENT_DEPS = {"dobj", "xcomp", "ccomp", "dative"}
OFFICIALS = {"GOV", "MIL", "COP", "JUD", "SPY"}     # a state's organs that act abroad (not lawmakers, not parties)
ALLEGED_ROOTS = {"15", "17", "18", "19", "20"}     # force shown or used: told by another side, an accusation
ALLEGING = {"say", "tell", "state", "report", "write", "insist", "maintain", "add", "complain", "charge", "conclude", "find",
            "claim", "allege"}
CLAIMED = {"claimed", "claims", "claim", "alleged", "alleges", "allege",
           "trying", "tried", "attempting", "attempted", "plotting", "plotted"}   # and what one side says another tried
RIOT = "145"                     # force used by protesters: a violent protest
MILITARY_AID, HUMANITARIAN_AID = "072", "073"
PROTESTERS = {"protester", "protestor", "demonstrator", "rioter", "mob", "crowd"}
KILLING, FIGHTING = "1823", "190"   # a killing, and the same done by one state's forces to another's
ARMS = {"weapon", "arm", "ammunition", "munition", "missile", "rocket", "shell", "rifle", "gun"}   # carried on
RELIEF = {"aid", "food", "medicine", "supply", "relief", "vaccine", "grain", "fuel", "tent", "blanket"}   # a trip
FORCES = {"army", "military", "navy", "force", "contingent", "battalion", "brigade", "unit"}   # a body of troops
SHARED_ROOTS = {"03"}   # "he and Sisi promised to wrap up a deal": two states' word to each other
PAIR_ROOTS = {"03", "12"}    # promises and rejections with no other side in view: to the document's main partner
AIMED_ROOTS = {"10", "11", "12", "13", "16", "17"}   # demands, disapproval, rejection, threats, cuts, coercion:
# aimed at whom the passage is about, even with only a thing or a "that" clause after them
# ("Ethiopia began filling the dam. Cairo warned that all options were open")
MUTUAL = {"mutual", "reciprocal", "joint", "bilateral", "each"}
Factuality = tuple[str, "str | None"]      # (value, cue)


class EventCoder:
    """Codes parsed documents into events. Build it once; call it per document."""

    def __init__(self, actors: ActorDictionary, patterns: VerbPatterns, cameo: CameoTable, *,
                 matcher: ActorMatcher) -> None:
        self.actors = actors
        self.patterns = patterns
        self.cameo = cameo
        self.matcher = matcher

    def code(self, doc: Doc, article: Article) -> list[Event]:
        """All events of one parsed document, each reported once."""
        return self.code_parts([(0, doc, None)], article)

    def code_parts(self, parts: Iterable[tuple[int, Doc, int | None]], article: Article) -> list[Event]:
        """Events of a document parsed in parts: (character offset of the part in the article text,
        the parsed part, its sentence index or None to number the parser's sentences). The context
        for pronouns carries from one part to the next."""
        run = _DocRun(self, article)
        events: list[Event] = []
        for offset, doc, sent_index in parts:
            events += run.part(offset, doc, sent_index)
        return _restated(list(_unique(events)))


class _DocRun:
    """The state of coding one document."""

    def __init__(self, coder: EventCoder, article: Article) -> None:
        self.coder = coder
        self.article = article
        self.published = article.published
        self.args = Arguments(coder.actors)
        self.next_sentence = 0
        self.carry: tuple[int, EventDate] | None = None     # (sentence index, its main clause's date)
        self.context_date: EventDate | None = None
        self.previous: tuple[int, Event] | None = None     # the last asserted event of the last sentence
        self.anchors = explicit_dates(article.text, article.published)   # (character offset, date)
        self.yearless = yearless_days(article.text)                       # (offset, "July 5", "0000-07-05")
        self.background: set[int] = set()        # offsets of words in relative clauses of the sentences parsed
        self.asides: set[int] = set()            # those of sentences that also date their main clause
        self.told_back = frozenset(_flashbacks(article.text, self.anchors, self.yearless))   # dates opening past-
        #                                                               perfect sentences after a dated one
        self.flashbacks: set[int] = set(self.told_back)      # and the words of such sentences parsed
        self.to_come: set[int] = set()           # words of reported clauses of what was then to come
        self.lede = _lede(article.text)          # where the first paragraph of running text starts
        self.dated: list[tuple[int, EventDate]] = []                      # (offset, date) of events coded
        self.acts: list[tuple[int, str, EventDate]] = []      # (offset, lemma, date) of the words of dated sentences
        self.counted: list[tuple[int, EventDate]] = []      # (offset, date) of "a month later"s no event took
        self.surnames: dict[str, Mention] = {}                            # leaders named in full so far
        self.read_to = 0                                                  # the end of the text coded so far
        self.yearless_marks = sorted(self.yearless + yearless_months(article.text))   # "On July 5", "In May"
        self.years_read: dict[int, str | None] = {}    # their dates, with the year read from what came before

    def part(self, offset: int, doc: Doc, sent_index: int | None) -> list[Event]:
        for m in LATER.finditer(self.article.text, self.read_to, max(offset, self.read_to)):
            self._count(m.start(), m.group())     # "The next morning fighting broke out": a sentence not parsed
        self.read_to = max(self.read_to, offset + len(doc.text))
        self.offset = offset
        repair(doc)
        self.args.start_part(doc, self.coder.matcher(doc, on=self.published, surnames=self.surnames))
        events: list[Event] = []
        for sent in doc.sents:
            self.args.sent_no += 1
            index = self.next_sentence if sent_index is None else sent_index
            self.next_sentence = index + 1
            events += self.sentence(index, sent)
        return events

    # -- per sentence ----------------------------------------------------------------------------
    def sentence(self, sent_index: int, sent: Span) -> list[Event]:
        self.args.remember(sent)
        aside = _relative_clause_starts(sent, self.offset)
        own = sentence_dates(sent, self.published)
        self.background |= aside
        if any(self.offset + span.start_char not in aside for span, _ in own):   # "On April 3 … a candidate shot
            self.asides |= _relative_clause_starts(sent, self.offset, heads=True)   # dead in August 2023": April 3
            #                                                      counts on (and the clause's own act is no anchor)
        named = [span for span, _ in own if _dates_a_thing(span)]
        if named and len(named) < len(own):     # "On Friday Uribe apologised for the raid of March 1": Friday
            self.asides |= {self.offset + t.idx for span in named for t in span}   # counts on, not the raid's day
        start = self.offset + sent.start_char
        main = next((t for t in (sent.root, *sent.root.children) if pluperfect(t)), None)   # (or the verb
        #                                                         of a root the parser took for "recently")
        if own and main is not None and self._latest_date(self._paragraph_start(start), start) is not None:
            self.flashbacks |= {self.offset + t.idx for t in _own_clause(main)}   # "On January 31 Rwanda
            #    let lorries through. It had announced the reopening on January 28": January 31 counts on (not
            #    a clause joined to it in the simple past: "…, and on September 29 the State Department ordered")
        self.flashbacks |= {self.offset + t.idx for c in sent if c.dep_ == "relcl" and pluperfect(c)
                            for t in c.subtree}      # "the guidelines that they had signed in October 2011"
        self.to_come |= {self.offset + t.idx for t in sent if any(_future_in_past(a) for a in t.ancestors)}
        self._carry_date(sent_index, sent, own)
        events: list[Event] = []
        consumed: set[int] = set()
        matches = [m for m in (self.coder.patterns.match(t) for t in sent) if m is not None]
        # wrapped events first: when "declined to sell" codes the sale, the sale also codes the refusal
        for match in sorted(matches, key=lambda m: (wrapper(m.trigger) is None, m.pattern.pos != "VERB")):
            if match.trigger.i in consumed:
                continue
            # "denied India's accusation": the accusation is India's act, not a second one; but "hosted
            # talks between X and Y" is also X and Y meeting
            if match.object is not None and not match.pattern.code.startswith(RESPONSES) and (
                    match.pattern.code[:2] in UNMET or     # "asked for talks between X and Y": not held
                    not any(c.dep_ == "prep" and c.lower_ == "between" for c in match.object.children)):
                consumed.add(match.object.i)
            coded = self._code_match(sent_index, sent, match)
            wrapped = wrapper(match.trigger)
            if coded and wrapped is not None and derived_code(wrapped[0], match.pattern.code):
                consumed.add(wrapped[1].i)
            if coded and "18" <= match.pattern.code[:2] <= "20":     # "killed in an air strike": one attack
                consumed.update(o.i for o in self.args.means_of(match.trigger))
            events.extend(coded)
        events = _announced_acts(events, sent, self.offset)
        events += self._demands(sent_index, sent, {e.start - self.offset for e in events})
        events += self._refusals(sent_index, sent, {e.start - self.offset for e in events})
        events += self._said_against(sent_index, sent, events)
        events += self._followers(sent_index, sent, events)
        events = self._alleged(sent_index, sent, events)
        self._counted_dates(sent, events)
        self._remember_acts(sent, events, own)
        asserted = [e for e in events if e.factuality == "asserted"]
        self.previous = (sent_index, asserted[-1]) if asserted else None
        return events

    def _counted_dates(self, sent: Span, events: list[Event]) -> None:
        """ "… and a month later Trump mused that …": a counted date no event took still moves the
        paragraph's time on, for the past events after it."""
        start = self.offset + sent.start_char
        for m in LATER.finditer(sent.text):
            if not any((e.date_cue or "").startswith(m.group()) for e in events):
                self._count(start + m.start(), m.group())

    def _count(self, at: int, phrase: str) -> None:
        paragraph = self._paragraph_start(at)
        anchor = self._latest_date(paragraph, at) or self._latest_date(self._paragraph_start(paragraph), at)
        counted = later_date(phrase, anchor) if anchor is not None else None
        if counted is not None and counted.value and not looks_back(counted.cue):
            self.counted.append((at, counted))

    def _followers(self, sent_index: int, sent: Span, coded: list[Event]) -> list[Event]:
        """ "Saudi Arabia cut ties with Iran. Bahrain and Sudan followed suit", "Poland banned Ukrainian
        grain, and Hungary followed within days": the newcomers did the same to the same target as the
        last act before, in the sentence or the one before."""
        coded_at = {e.start - self.offset for e in coded}
        events: list[Event] = []
        for verb in sent:
            objects = [c for c in verb.children if c.dep_ in ("dobj", "auxpass", "nsubjpass")]
            if verb.lemma_.lower() != "follow" or verb.pos_ != "VERB" or _preposition(verb) or verb.idx in coded_at or \
                    any(c.lemma_.lower() != "suit" for c in objects):
                continue
            earlier = [e for e in coded if e.factuality == "asserted" and e.start - self.offset < verb.idx]
            if earlier:
                before = earlier[-1]
            elif self.previous is not None and self.previous[0] == sent_index - 1:
                before = self.previous[1]
            else:
                continue
            target = ActorRef(before.target, before.target_text, verb, f"follows->{before.trigger}")
            pattern = VerbPattern(id=f"follow>{before.rule}", lemmas=frozenset({"follow"}), code=before.cameo)
            events += [self._event(sent_index, sent, verb, pattern, pattern.id, factuality(verb), self._date(verb),
                                   None, s, target)
                       for s in self.args.verb_sources(verb) if not same_actor(s.code, before.target)]
        return events

    def _date(self, trigger: Token) -> EventDate:
        """The event date (dates.event_date), then what the paragraph says:
        * "two months later" counts from the latest date written or coded before it, in the paragraph or
          the one before; in the event's own clause it beats a date the sentence gives another clause;
        * a past event with no date of its own takes the paragraph's latest date (basis "context");
        * a day or month written without a year ("on January 3") takes the year the paragraph (or the one
          before) last named, the next one when the month comes earlier in the year than the one named."""
        when = event_date(trigger, self.published, context=self.context_date)
        if self.published and when.basis == "text" and when.value and _past(trigger) and \
                when.value > self.published.isoformat()[:len(when.value)]:      # "gave access for twelve more
            when = EventDate(self.published.isoformat(), "publication")      # years, until 2038": a bound
        at = self.offset + trigger.idx
        sentence_start = self.offset + trigger.sent.start_char
        after = self._after_act(trigger, sentence_start, when)
        if after is not None:
            return after
        paragraph = self._paragraph_start(at)
        own = _own_later(trigger) or _counted_weekday(trigger, when)   # "…; two months later Washington expelled
        #                                                                 Turkey": not the first clause's date
        if own is not None and when.basis in ("text", "relative") and _in_clause(trigger, when.cue or "") and \
                (when.cue or "").lower() not in own.group().lower():   # (but "That Friday" is counted)
            own = None                  # "Two months later, in September 2019, …": the date written wins
        if when.basis == "publication" or own is not None:
            later = own or _later_not_aimed(trigger)
            if later is not None:
                where = sentence_start + later.start()
                counted = frozenset(pos for pos, d in self.dated     # "returned the visit six days later and
                                    if pos >= sentence_start and (d.cue or "").startswith(later.group()))
                skip = counted | self.asides | self.flashbacks   # not "a candidate shot dead in August 2023", nor
                #                                                  a past-perfect aside ("had asked in June 2017")
                if _same_day(later):      # "replied that evening": the last day named, not "this week"
                    skip |= frozenset(pos for pos, d in self.anchors if len(d.value or "") < 10)
                anchor = self._latest_date(paragraph, where, skip) or \
                    self._latest_date(self._paragraph_start(paragraph), where, skip)   # reopened": once
                return (later_date(later.group(), anchor) if anchor else None) or when
        if when.basis in ("publication", None) and _past(trigger):
            earlier = self._latest_date(paragraph, at, skip=_relative_clause_starts(trigger.sent, self.offset) |
                                        frozenset(self.flashbacks | self.asides | self.to_come))
            if earlier is not None:
                return replace(earlier, basis="context", cue=f"{earlier.cue} (earlier in the paragraph)")
            before = self._paragraph_start(paragraph)
            if before >= self.lede:          # a paragraph goes on from where the one before left off (not
                earlier = self._latest_date(before, paragraph, skip=frozenset(self.flashbacks))   # from a
                if earlier is not None:                                                   # dateline)
                    return replace(earlier, basis="context", cue=f"{earlier.cue} (the paragraph before)")
        if not when.value or not when.cue or not MONTH.search(when.cue) or YEAR.search(when.cue) or \
                OWN_YEAR.search(when.cue):
            return when
        value = self._with_year(when.value, at, past=_past(trigger) and not (when.cue or "").lower().startswith("by "))
        if value is None:
            return when
        return replace(when, value=value, basis="text")

    def _remember_acts(self, sent: Span, events: list[Event], own: list[tuple[Span, EventDate]]) -> None:
        """The words of a sentence with its date (its last dated event's, else its main clause's), for
        a later "two days after the attack"."""
        dated = [EventDate(e.date, e.date_basis, cue=e.date_cue) for e in events
                 if e.date and e.date_basis not in ("publication", None)]
        when = dated[-1] if dated else clause_date(sent.root, self.published) if own else None
        if when is not None and when.value and not when.since:
            self.acts += [(self.offset + t.idx, t.lemma_.lower(), when) for t in sent if t.pos_ in ("NOUN", "VERB")]
            if not dated and when.basis in ("text", "relative"):    # "On Tuesday X and Y met in Nairobi" (no
                self.counted.append((self.offset + sent.start_char, when))   # event coded): the time in view

    def _after_act(self, trigger: Token, sentence_start: int, when: EventDate) -> EventDate | None:
        """ "Two days after the attack Azerbaijan flew …": counted from the date of the last act coded
        before the sentence that the noun names; it beats a date written only in a clause coordinated
        with the event's ("applied to join the EU a week after the invasion; last year Brussels …")."""
        m = AFTER_ACT.search(trigger.sent.text)
        if m is None or (when.basis not in ("publication", None) and (
                _in_clause(trigger, when.cue or "") or not _governed(trigger, m.start()))):
            return None
        act = next((d for pos, lemma, d in reversed(self.acts) if pos < sentence_start and act_named(m["noun"], lemma)),
                   None)
        phrase = f"{m['n'] or 'one'} {m['unit'] or m['unit1']}s {'later' if m['dir'].lower() == 'after' else 'earlier'}"
        counted = later_date(phrase, act) if act is not None else None
        return replace(counted, cue=f"{m.group()} ({act.cue})") if counted is not None and act is not None else None

    def _written(self) -> list[tuple[int, EventDate]]:
        """Dates written with a year, month or day dates given to events, and days and months written
        without a year (each read with the year of those before it), by offset."""
        given = [(pos, d) for pos, d in self.dated if len(d.value or "") >= 7 and d.basis == "text" and
                 pos not in self.flashbacks]        # not "As recently as March 2021 X had welcomed Y"
        written = sorted([(pos, d) for pos, d in self.anchors + given if not d.since],   # not "in power
                         key=lambda x: x[0])                                          # since 1994"
        taken = {pos for pos, _ in written}
        for pos, cue, value in self.yearless_marks:     # "In December … on January 20 …": each day or month
            if pos >= self.read_to:                     # written without its year, read in turn, lends its year
                break                                   # to the next, with no event dated by it
            if pos not in self.years_read:
                self.years_read[pos] = self._with_year(value, pos, written, past=True)
            read = self.years_read[pos]
            if read and pos not in taken:
                taken.add(pos)
                insort(written, (pos, EventDate(read, "text", cue=cue)), key=lambda x: x[0])
        return written

    def _with_year(self, value: str, at: int, written: list[tuple[int, EventDate]] | None = None, *,
                   past: bool = False) -> str | None:
        """A yearless "YYYY-MM[-DD]" written at offset ``at`` with the year the paragraph (or the one
        before) last named, or gave a month or day date to an event with (``written``), the next one
        when the month comes earlier and is nearer so ("In September 2023 … and in January they left":
        January 2024; "On September 16 … Somalia had joined at the end of July": July of that year);
        None when that is after publication (``past``: of a thing done, so not the next year's then)."""
        paragraph = self._paragraph_start(at)
        written = self._written() if written is None else written
        starts = (paragraph,) if self._back_to_now(paragraph) else (paragraph, self._paragraph_start(paragraph), -1)
        anchor = next((d for start in starts                                          # not "a ship grounded
                       for pos, d in reversed(written)                               # there in 1999"
                       if start < pos < at and d.value and pos not in self.background | self.told_back
                       and not self._relative_past_year(d)), None)
        if anchor is not None:
            year = int(str(anchor.value)[:4])
            back = int(str(anchor.value)[5:7] or 0) - int(value[5:7]) if len(str(anchor.value)) >= 7 else 0
            if back > 0 and 12 - back <= back and not (past and self.published is not None and   # the nearer
                    f"{year + 1}{value[4:]}" > self.published.isoformat()[:len(value)]):   # of the two: "In
                year += 1           # September 2023 … in January" is January 2024, "On September 16 … at the end
            value = f"{year}{value[4:]}"     # of July" July (but a past "Last Wednesday [in December] … began on
            #                                  New Year's Day" is not a day to come)
        elif self.published is not None:       # no year in view: the latest such day before publication
            value = f"{self.published.year}{value[4:]}"
        else:
            return None
        if self.published is not None and value > self.published.isoformat()[:len(value)]:
            if anchor is not None and value[:4] != str(self.published.year):
                return None
            value = f"{self.published.year - 1}{value[4:]}"    # "On Saturday … On December 20" written in
        return value                                          # March: last December

    def _relative_past_year(self, when: EventDate) -> bool:
        """ "last year", "two years ago": a span of time before this year, not a year the narrative is in
        ("this year" is: what follows is this year's)."""
        return len(when.value or "") == 4 and not re.search(r"\d{4}", when.cue or "") and \
            self.published is not None and when.value != str(self.published.year)

    def _back_to_now(self, paragraph: int) -> bool:
        """Whether the paragraph opens in the present ("The distrust has now spread to defence."): its
        days and months are this year's, not those of the history told before it."""
        opening = NOW_OPENING.match(self.article.text, max(paragraph, 0))
        return opening is not None and YEAR.search(opening.group()) is None

    def _paragraph_start(self, at: int) -> int:
        """Where the paragraph holding character ``at`` starts (-1 for the first), blank lines aside."""
        text = self.article.text
        return text.rfind("\n\n", 0, len(text[:max(at, 0)].rstrip("\n")))

    def _latest_date(self, start: int, end: int, skip: frozenset[int] = frozenset()) -> EventDate | None:
        """The date written ("since" excepted, and those at offsets ``skip``; a day written without its
        year takes the year in view) or given to an event last between two character offsets."""
        found = [(pos, d) for pos, d in self.anchors + self.dated + self.counted
                 if start < pos < end and not d.since and pos not in skip]
        yearless = [(pos, cue, value) for pos, cue, value in self.yearless if start < pos < end and pos not in skip]
        written = self._written() if yearless else []
        for pos, cue, value in yearless:          # "On July 5 … Six days later": July 5 of the year in view
            dated = self._with_year(value, pos, written, past=True)
            if dated is not None:
                found.append((pos, EventDate(dated, "text", cue=cue)))
        return max(found, key=lambda x: x[0])[1] if found else None

    def _carry_date(self, sent_index: int, sent: Span, own: list[tuple[Span, EventDate]]) -> None:
        """A sentence that names no date and whose subject points back ("The two countries also
        agreed …", "It then imposed …") continues the sentence before it and takes its date. Other
        undated sentences do not: op-eds list events years apart one after another."""
        before, self.context_date = self.carry, None
        if not own and before is not None and before[0] == sent_index - 1 and _points_back(sent.root):
            self.context_date = replace(before[1], cue=f"{before[1].cue} (sentence before)")
        main = clause_date(sent.root, self.published) if own else None
        self.carry = (sent_index, main) if main is not None and main.basis == "text" and not main.since else None

    def _demands(self, sent_index: int, sent: Span, coded_at: set[int]) -> list[Event]:
        """ "X said Y must withdraw", "X reminded Y that it must cooperate": a demand (10x) by X on Y,
        or an appeal (02x) with "should"; the clause itself stays a recommendation. "X said Y had made
        a mistake": criticism (111) of Y."""
        events: list[Event] = []
        for clause in sent:
            ordered = self._ordered(clause, sent_index, sent, coded_at)
            if ordered:
                events += ordered
                continue
            found = demand_kind(clause) or (("fault", clause) if fault_clause(clause) else None)
            if found is None or clause.head.idx in coded_at:
                continue
            kind, verb = found
            say = clause.head
            sources = self.args.verb_sources(say) if say.pos_ in ("VERB", "AUX") else self.args.noun_sources(say)
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            targets = [r for c in subjects if c.pos_ != "PRON" for r in self.args.refs(c, adjective=True)]
            if not targets:                  # "reminded Iraq that it must", "a warning to Iraq that it must"
                holder = say.head if say.pos_ == "NOUN" and say.dep_ == "dobj" else say
                targets = [r for h in (say, holder) for c in h.children
                           for r in (self.args.pobj_refs(c) if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                                     else self.args.refs(c) if c.dep_ in ("dobj", "dative") and c.i != say.i else [])]
            targets = [t for t in dedupe_refs(targets) if not any(same_actor(t.code, s.code) for s in sources)]
            pairs = _pairs(sources, targets, symmetric=False)
            if not pairs:
                continue
            inner = None if kind == "fault" else self.coder.patterns.match(verb)
            code = (derived_code(kind, inner.pattern.code) if inner else None) or DEMAND_CODES[kind]
            rule = f"{say.lemma_.lower()}>{DEMAND_WORDS[kind]}" + (f">{inner.pattern.id}" if inner else "")
            pattern = VerbPattern(id=rule, lemmas=frozenset({say.lemma_.lower()}), code=code)
            when = self._date(say)
            events += [self._event(sent_index, sent, say, pattern, rule, factuality(say), when, None, s, t)
                       for s, t in pairs]
        return events

    def _unknown_partner(self, match: PatternMatch) -> bool:
        """The partner is named but is no actor the dictionary knows ("signed a memorandum with the
        breakaway region of Somaliland"): no other side is guessed."""
        return any(c.dep_ == "prep" and c.lower_ in (match.pattern.target_prep or ("with",)) and not temporal(c)
                   and any(t.pos_ == "PROPN" and t.i not in self.args.by_token for o in c.children if o.dep_ == "pobj"
                           for t in o.subtree)
                   for h in _word_and_object(match) for c in h.children)

    def _held_in(self, match: PatternMatch, targets: list[ActorRef]) -> bool:
        """Whether a preposition of the trigger or its object names a target's country as the place."""
        return any(same_actor(r.code[:3], t.code[:3]) for h in _word_and_object(match) for c in h.children
                   if c.dep_ == "prep" for r in self.args.pobj_refs(c) for t in targets)

    def _named_in_clause(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """The first state other than the sources an argument of the trigger's clause names."""
        for c in trigger.children:
            for t in c.subtree if c.dep_ in ("ccomp", "xcomp") else ():
                refs = [r for r in self.args.refs(t, adjective=True) if t.dep_ in ("nsubj", "dobj", "pobj", "poss")
                        and self.coder.actors.types.get(r.code[:3]) == "state"
                        and not any(same_actor(r.code, s.code) for s in sources)]
                if refs:
                    return refs[:1]
        return []

    def _refusals(self, sent_index: int, sent: Span, coded_at: set[int]) -> list[Event]:
        """ "Belgrade said it would not return to the table", "replied that Lithuania would not reverse
        course": a side saying it will not do something no pattern names refuses (120) the other side of
        its last act (this sentence or the one before), else the side in view ("would not object"
        promises, "would not stand idly by" threatens: neither is a refusal)."""
        events: list[Event] = []
        for verb in sent:
            say = verb.head
            if verb.dep_ != "ccomp" or verb.pos_ != "VERB" or say.lemma_.lower() not in REFUSING or \
                    verb.idx in coded_at or say.idx in coded_at or verb.lemma_.lower() in RESTRAINED:
                continue
            fact = factuality(verb)
            if fact[0] != "negated" or fact[1] not in REFUSAL_CUES:
                continue
            sources = self.args.verb_sources(say)
            subjects = [r for c in verb.children if c.dep_ == "nsubj" for r in self.args.refs(c, role="subject")]
            if not sources or not subjects or not all(any(same_actor(r.code[:3], s.code[:3]) for s in sources)
                                                      for r in subjects):
                continue
            targets = self.args.last_partner(say, sources) or \
                self.args.implied_target(say, sources, before_sentence=True, states=True)
            rule = f"{fact[1]}>refuse"
            pattern = VerbPattern(id=rule, lemmas=frozenset({say.lemma_.lower()}), code=REFUSAL_CODE)
            events += [self._event(sent_index, sent, say, pattern, rule, factuality(say), self._date(say), None, s, t)
                       for s, t in _pairs(sources, targets, symmetric=False)]
        return events

    def _said_against(self, sent_index: int, sent: Span, coded: list[Event]) -> list[Event]:
        """ "Macron told Morrison that trust had been broken", "Iran said the expulsions broke the rules of
        good neighbourliness": a side (a state or its officials) saying something harsh in which nothing
        is coded criticises (111) the side the clause names, else the other side of its last act, else
        the side in view; when what is said is force ("said Egypt's tyrants had killed him"), the doer.
        Something plain said in the past tense, or what will or would happen, is a statement (010) to that
        side ("Chile's foreign minister said that the first round had gone well"), but not what another side
        did ("said that Turkish jets had flown over Greek islands"): an allegation is not a statement; and
        what is "out of the question" is refused (120). Not a wish ("said it hoped …"), a wire's closing "…, X said", or
        the means of another act ("countered them by saying …"); nor when the sentence already codes an
        act of the speaker's side on that target ("Beijing, which denies imposing a boycott, says …"; but "when the
        two leaders spoke, Macron told Morrison that trust had been broken" is both a call and a reproach)."""
        coded_at = {e.start - self.offset for e in coded}
        events: list[Event] = []
        for say in sent:
            if say.lemma_.lower() not in SAYING or say.pos_ != "VERB" or say.idx in coded_at or \
                    say.dep_ in ("relcl", "acl", "pcomp"):
                continue
            clauses = [c for c in say.children if c.dep_ == "ccomp" and c.i > say.i and c.pos_ in ("VERB", "AUX")]
            sharp = say.lemma_.lower() in SHARP_REPLIES        # "retorted that Prague should save its ultimatums"
            said = [c for c in clauses if sharp or not any(a.dep_ == "aux" and a.tag_ == "MD" for a in c.children) or
                    THREAT_IDIOM.search(" ".join(t.text for t in c.subtree))]   # (but "would not go unpunished")
            forecast = [] if said else [c for c in clauses if any(   # "said Chile would open negotiations":
                a.dep_ == "aux" and a.lower_ in ("will", "would") for a in c.children)]   # plain, whatever it says
            said = said or forecast
            said += [j for c in said for j in c.children if j.dep_ == "conj" and any(   # "that the rig was …
                m.dep_ == "mark" and m.lower_ == "that" for m in j.children)]           # and that the trouble was …"
            words = [t for c in said for t in _own_clause(c)]
            if not said or any(t.lemma_.lower() in HOPING for c in said for t in c.subtree) or \
                    any(t.idx in coded_at for t in words):
                continue
            text = " ".join(t.text for t in words)
            threat = THREAT_IDIOM.search(text) is not None    # "said that nothing was off the table"
            refusal = not threat and REFUSAL_IDIOM.search(text) is not None
            harsh = not threat and not refusal and not forecast and _harsh(text, _verdict(words))
            #    "had been weak in following the agreed arrangements": the verdict alone counts too
            plain = not harsh and not threat and not refusal and say.lemma_.lower() not in REBUTTING
            #    a reply (a sharp one too) rebuts what it answers: "replied that the waters were Chinese"
            if plain and (say.tag_ not in ("VBD", "VBG") or say.dep_ in ("xcomp", "ccomp")):
                continue        # "Vietnam says …", "kept insisting that …": a standing position, not an act
            sources = [s for s in self.args.verb_sources(say) if s.code[3:] in OFFICIALS | {""}]
            own = {self.coder.actors.country_of(s.code) for s in sources}
            if len(own) != 1 or plain and self._alleged_of(words, sources):
                continue
            force = [t for t in words if harsh and t.pos_ == "VERB" and _force(self.coder.patterns.match(t))]
            if force:
                targets = [r for t in force for r in self.args.verb_sources(t) + [
                    p for c in t.children if c.dep_ == "nsubj" for p in self.args.refs(c, possessor=True, adjective=True)]
                           if self.coder.actors.country_of(r.code) not in own][:1]
            else:
                named = self._named_in_clause(say, sources)
                if plain and say.dep_ == "advcl" and not named:
                    continue    # "closed the crossings, saying that the number of migrants …": the reason
                targets = named or self.args.last_partner(say, sources) or \
                    self.args.implied_target(say, sources, before_sentence=True, states=True)
                if not harsh:             # a rebuttal or threat answers a side, not the reporter who asked
                    targets = [t for t in targets if t.code[3:] in OFFICIALS | {""}]
            kind, code = ("threaten", THREAT) if threat else ("refuse", REFUSAL_CODE) if refusal else \
                ("criticise", CRITICISM) if harsh else ("state", STATEMENT) if plain else ("rebut", REBUTTAL)
            rule = f"{say.lemma_.lower()}>{kind}"
            pattern = VerbPattern(id=rule, lemmas=frozenset({say.lemma_.lower()}), code=code)
            clause = {t.idx for t in _own_clause(say)} - {t.idx for c in say.children if c.dep_ == "advcl"
                                                         for t in c.subtree}
            events += [self._event(sent_index, sent, say, pattern, rule, factuality(say), self._date(say), None, s, t)
                       for s, t in _pairs(sources, targets, symmetric=False)
                       if not any(e.source[:3] == s.code[:3] and e.target[:3] == t.code[:3] and
                                  (e.start - self.offset in clause or plain) for e in coded)]   # not "…, and a diplomat
            #   protested"; nor a plain statement beside an act on that side ("praised Ghana's reforms and said …")
        return events

    def _alleged_of(self, words: list[Token], sources: list[ActorRef]) -> bool:
        """What is said has another side doing something ("said that Turkish jets had flown over Greek
        islands", "that the plan had support from Paris"): an allegation, not a plain statement."""
        return any((t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() not in LINKING or
                    t.dep_ == "pobj" and t.head.lower_ in ("by", "from")) and
                   any(not any(same_actor(r.code, s.code) for s in sources)
                       for r in self.args.refs(t, possessor=True, adjective=True)) for t in words)

    def _other_states(self, sent: Span, sources: list[ActorRef]) -> bool:
        """Whether ``sent`` names a state other than the ``sources``'."""
        return any(m.code and self.coder.actors.types.get(m.code[:3]) == "state" and m.start >= sent.start
                   and m.end <= sent.end and not any(m.code[:3] == s.code[:3] for s in sources)
                   for m in self.args.mentions)

    def _alleged(self, sent_index: int, sent: Span, events: list[Event]) -> list[Event]:
        """ "Cambodia said Thai shells had damaged the temple": force that one side says another used is
        an accusation (112) by the speaker, and the force only alleged. What a side says it did itself
        stays asserted."""
        at = {self.offset + t.idx: t for t in sent}
        out: list[Event] = []
        for e in events:
            claimed = e.factuality == "hypothetical" and (e.factuality_cue or "").lower() in CLAIMED
            say = _reporting_verb(at[e.start]) if (e.factuality == "asserted" or claimed) and \
                e.cameo[:2] in ALLEGED_ROOTS and e.start in at else None
            speakers = [s for s in self.args.verb_sources(say) if s.code[:3] != e.source[:3]] if say else []
            if say is None or not speakers:
                out.append(e)
                continue
            out.append(replace(e, factuality="hypothetical", factuality_cue=say.text))
            accused = [r for r in self.args.verb_sources(at[e.start]) if same_actor(r.code, e.source)] or [
                ActorRef(e.source, e.source_text, at[e.start], "place")]     # "fired at it from Gaza"
            pattern = VerbPattern(id=f"{say.lemma_.lower()}>accuse", lemmas=frozenset({say.lemma_.lower()}), code="112")
            out += [self._event(sent_index, sent, say, pattern, pattern.id, factuality(say), self._date(say), None, s, t)
                    for s, t in _pairs(speakers, accused[:1], symmetric=False)
                    if not any(o.cameo[:2] == "11" and o.source == s.code and same_actor(o.target, t.code)
                               for o in events + out)]
        return out

    def _ordered(self, verb: Token, sent_index: int, sent: Span, coded_at: set[int]) -> list[Event]:
        """ "The court ordered Israel to halt …", "Ankara told Stockholm to extradite …": a demand (10x,
        the subcode from the act demanded) by the subject on the object."""
        if verb.lemma_.lower() not in ORDER_WORDS or verb.pos_ != "VERB" or verb.idx in coded_at:
            return []
        act = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if act is None:
            return []
        sources = self.args.verb_sources(verb)
        targets = [r for c in verb.children if c.dep_ == "dobj" for r in self.args.refs(c, adjective=True)]
        pairs = _pairs(sources, [t for t in targets if not any(same_actor(t.code, s.code) for s in sources)],
                       symmetric=False)
        inner = self.coder.patterns.match(act)
        code = derived_code("demand", inner.pattern.code if inner else "") or "100"
        rule = f"{verb.lemma_.lower()}>to" + (f">{inner.pattern.id}" if inner else "")
        pattern = VerbPattern(id=rule, lemmas=frozenset({verb.lemma_.lower()}), code=code)
        return [self._event(sent_index, sent, verb, pattern, rule, factuality(verb), self._date(verb), None, s, t)
                for s, t in pairs]

    def _code_match(self, sent_index: int, sent: Span, match: PatternMatch) -> list[Event]:
        trigger, pattern = match.trigger, match.pattern
        refused = [c for c in trigger.children if c.dep_ == "xcomp"] if wrapper_kind(trigger) == "refusal" else []
        if match.object is None and any(self.coder.patterns.match(c) is not None for c in refused):
            return []                    # "refused to sell": coded through the sale ("refused to renegotiate it": here)
        if pattern.code == "010" and match.object is not None and any(c.dep_ == "acl" and c.pos_ == "VERB"
                                                                      for c in match.object.children):
            return []                    # "issued a statement urging X to …": coded through what it says
        if pattern.code.startswith("07") and any(c.dep_ == "advcl" and c.lemma_.lower() in STRIKING and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in trigger.children):
            return []                    # "sent F-16s to bomb Cambodian positions": the means of a strike, not aid
        if pattern.code.startswith("10") and _claims(trigger):
            return []                    # "insisted that it was Russian": a claim, not a demand
        if pattern.code.startswith("03") and trigger.pos_ == "VERB" and THREAT_IDIOM.search(" ".join(
                t.text for c in trigger.children if c.dep_ == "ccomp" for t in c.subtree)):
            pattern = replace(pattern, code=THREAT, id=f"{pattern.id}>threat")   # "vowed that the raid would
            #                                                                      not go unanswered"
        if pattern.id == "talk" and any(c.lower_ == "down" for c in trigger.children):
            return []                    # "spoke down to its hosts": condescension, not talks
        if trigger.lemma_.lower() == "meet" and any(c.dep_ == "dobj" and c.lemma_.lower() in MET_THINGS
                                                    for c in trigger.children):
            return []                    # "Iran had met its obligations": no meeting
        if pattern.id == "protest_noun" and trigger.head.lemma_.lower() in ADDRESSING and (
                trigger.dep_ == "dobj" or (trigger.dep_ == "pobj" and trigger.head.dep_ == "prep")):
            return []                    # "told a rally of supporters that …": a speech, not a protest
        if pattern.code == "020" and trigger.lemma_.lower() == "ask" and any(
                c.dep_ == "ccomp" and any(w.lower_ in ("whether", "if") for w in c.children) for c in trigger.children):
            return []                    # "a reporter asked Macron whether Morrison had lied": a question
        if pattern.code == "020" and _asks_why(trigger):      # "asked in public why Iran needed manoeuvres": a
            pattern = replace(pattern, code=QUESTIONED, id=f"{pattern.id}>why")   # reproach, not a request
        if pattern.id == "call_x_y":      # "called the operation a massacre of sleeping men": the naming's tone
            names = [c for c in trigger.children if c.dep_ == "oprd"] + as_objects(list(trigger.children))
            named = " ".join(t.text for c in names for t in c.subtree if not any(
                a.dep_ in ("relcl", "acl", "appos") and a.i != c.i and c in a.ancestors for a in (t, *t.ancestors)))
            head = " ".join(t.text for c in names for t in c.subtree if t.i <= c.i)    # "a slaughter of innocent …"
            if named and _harsh(named, head):
                pattern = replace(pattern, code=CRITICISM, id=f"{pattern.id}>harsh")
        if what_called(trigger.head) is not None and trigger.dep_ == "ccomp":
            return []                    # "condemned what it called X's support": the naming is the condemnation's
        if pattern.code == "041" and trigger.lemma_.lower() == "call" and any(
                c.dep_ in ("oprd", "attr") or (c.dep_ == "dobj" and (
                    self._thing(c) or c.lower_ in ("it", "this", "that") or any(a.dep_ == "appos" for a in c.children)))
                for c in trigger.children):
            return []                    # "calling China's treatment genocide", "as Qataris call it", "calling
            #                              Castillo the victim of harassment": a naming, not a telephone call
        mutual = False
        if trigger.pos_ in ("NOUN", "PROPN"):
            sources = self.args.noun_sources(trigger, pattern.target_prep)
            if trigger.dep_ not in ("dobj", "attr"):   # "reiterated its demand": "its" is the subject
                sources = [r for r in sources if not r.via.startswith("pronoun")]
            targets = self.args.noun_targets(trigger, pattern, sources)
        else:
            sources = self.args.verb_sources(trigger)
            if "18" <= pattern.code[:2] <= "20" and described_victim(trigger):
                sources = []                             # "soldiers (who were) killed in Ukraine" were hit
            targets = self.args.verb_targets(trigger, match, sources)
            if _each_other(trigger) and len({s.code[:3] for s in sources}) > 1:
                targets, mutual = [], True    # "the two countries fought each other near the border with Iran"
        if not sources and targets and trigger.pos_ == "VERB":
            unplaced = next((c for c in trigger.children if c.dep_ == "nsubj" and _unplaced_official(c, self.args)), None)
            if unplaced is not None and not all(t.token.lower_ in ("his", "her") and t.token.dep_ == "poss" for t in targets):
                sources = self.args.counterpart(unplaced, targets)   # "the king telephoned Sánchez": the other
                #                                         side of the pair (not "the vice-president cancelled his trip")
        symmetric = pattern.symmetric or _reciprocal(trigger)
        if symmetric and pattern.particle == "together" and len({t.code[:3] for t in targets}) == 2:
            sources = []                      # "brought Tshisekedi and Kagame together": those two met
        people = _the_people(trigger, self.args)
        if symmetric and not sources and len({t.code[:3] for t in targets}) == 2:
            sources, targets = targets[:1], targets[1:]
        if symmetric and not sources and not targets and (_agentless_passive(trigger) or people is not None or
                                                          (_broke_out(trigger) and "18" <= pattern.code[:2] <= "20")):
            sources = self.args.recent_pair(people or trigger)   # "an agreement was signed" between the two in
            #                      view, "the soldiers exchanged fire": theirs; "fighting broke out near the temple"
        regions = all(self.coder.actors.types.get(t.code[:3]) == "region" for t in targets)
        if sources and regions and (pattern.code[:2] in ("06", "07") or pattern.code == "154"):
            targets = self.args.purpose_target(trigger, sources) or targets    # "sent soldiers to reinforce
            #                                         KFOR", "sent warships to the Mediterranean to back Athens"
        if sources and not targets and trigger.pos_ == "VERB":
            targets = self.args.governing_object(trigger, sources)    # "telephoned Putin to apologise"
        if sources and not targets and trigger.pos_ == "VERB" and "17" <= pattern.code[:2] <= "20":
            targets = self.args.purpose_object(trigger, sources)      # "opened fire to disperse protesters"
        if sources and not targets:
            targets = self.args.mission_host(sources)        # "the US embassy in Bogotá reopened its visa section"
        wrap = wrapper(trigger)
        if sources and not targets and trigger.pos_ == "VERB" and wrap is not None and wrap[0] == "refusal":
            targets = self.args.implied_target(trigger, sources, before_sentence=True, states=True)   # "Malaysia
            #                                      refused to release the body": to the side that asked for it
        if symmetric and pattern.if_alone and targets and all(_across_border(t.token) for t in targets):
            pattern = replace(pattern, code=pattern.if_alone, id=f"{pattern.id}>alone", symmetric=False)
            symmetric = False                # "held drills near its border with Azerbaijan": aimed at it
        if len({s.code[:3] for s in sources}) == 1 and not targets and pattern.if_alone:   # "held exercises in
            #                                                          Alaska": on another's soil, alone
            targets = [t for t in self.args.place_target(trigger, sources) if t.via == "place"]
            if targets:
                pattern = replace(pattern, code=pattern.if_alone, id=f"{pattern.id}>alone", symmetric=False)
                symmetric = False
        one_side = symmetric and not pattern.code.startswith("04") and len({s.code[:3] for s in sources}) == 1
        yielded = pattern.code[:2] == "08" and all(s.code[3:] in ("", "GOV", "MIL") for s in sources)  # a
        #      state's act, not "Russians fleeing the draft"; on a thing only with a particle ("handed back")
        if sources and not targets and symmetric and trigger.lemma_.lower() == "host" and match.object is not None \
                and match.object.head.i == trigger.i and not self._other_states(sent, sources):
            targets = [r for r in self.args.recent_pair(match.object)      # "Anwar hosted the talks": its guests,
                       if not any(same_actor(r.code, s.code) for s in sources)]    # the two in view
        if sources and not targets and len({s.code[:3] for s in sources}) == 2 and (
                _joint(match) or self._word_to_each_other(match, sources)):
            targets = sources                 # "the two governments issued a joint declaration": each to the
            if pattern.code == "010":         # other, as diplomatic cooperation
                pattern = replace(pattern, code=JOINT_STATEMENT, id=f"{pattern.id}>joint")
        if sources and not targets and refused:        # "refused to accept the court's authority", "to join
            targets = [r for x in refused for c in x.children if c.dep_ == "dobj"     # Western sanctions": whose
                       for r in self.args.refs(c, possessor=True, adjective=True)    # thing is refused
                       if not any(same_actor(r.code, s.code) for s in sources)]
        if sources and not targets and trigger.pos_ == "VERB" and (
                pattern.code[:2] in AIMED_ROOTS or pattern.code.startswith("14")):
            targets = self.args.cause_actor(trigger, sources)   # "Nairobi protested after Tanzanian officials …"
        if sources and not targets and trigger.pos_ == "VERB" and (not symmetric or one_side) and \
                not self._unknown_partner(match):
            #      a joint act but one side named ("Maduro broke off relations"): the other is in view
            if match.object is not None or pattern.oprd or pattern.subject or any(
                    c.dep_ == "dobj" and self.args.role_of(c) in STATE_ROLES for c in trigger.children):
                targets = self.args.implied_target(trigger, sources,   # "Tokyo recalled its ambassador",
                                                   states=pattern.code.startswith(SANCTIONING + (VISIT,)))
                if not targets and pattern.code[:2] in AIMED_ROOTS:
                    targets = self.args.implied_target(trigger, sources, before_sentence=True)
                #                                                         "… and sanctioned seven officials"
                if targets and one_side and pattern.if_alone and not self._held_in(match, targets):
                    pattern = replace(pattern, code=pattern.if_alone, id=f"{pattern.id}>alone", symmetric=False)
                    symmetric = False      # "Iran's army began exercises near the frontier": aimed at the other
                    #                        side ("held exercises over Guyana" is with Guyana)
            elif pattern.clause or (pattern.code[:2] in AIMED_ROOTS and any(
                    c.dep_ == "ccomp" or (c.dep_ == "dobj" and self._thing(c)) or (
                        c.dep_ == "xcomp" and trigger.lemma_.lower() == "threaten") for c in trigger.children)):
                targets = [t for c in trigger.children if c.dep_ == "xcomp" for t in self.args.place_target(
                    c, sources)] or self.args.implied_target(trigger, sources, before_sentence=True) or (   # "denied
                    self._named_in_clause(trigger, sources) if pattern.clause else [])  # that …": the accuser in view,
                #      else the side the clause names ("… entered Eritrea"); "threatened to double it": the side in
                #      view, "threatened to resume attacks in Israel": where
            elif pattern.code[:2] in ANSWER_ROOTS and not any(
                    c.dep_ in ARGUMENT_DEPS and c not in refused and
                    not (c.dep_ == "dobj" and c.lower_ in ("both", "it", "them", "this")) and not (
                        yielded and c.dep_ == "dobj" and (
                        (self._thing(c) and pattern.particle) or (c.pos_ == "PROPN" and c.i not in self.args.by_token)))
                    for c in trigger.children):
                targets = self.args.implied_target(trigger, sources)     # "Tehran kept adding demands, and Washington
                #                                 refused"; "Armenia handed back the districts", "pulled its ships out"
            elif pattern.code == APOLOGY:          # "Putin apologised that the tragedy had happened": to the
                targets = self.args.implied_target(trigger, sources, states=True)     # side in view
        if sources and not targets and pattern.code.startswith("14"):
            targets = self.args.home_government(sources, trigger)     # "students staged demonstrations"
        elif sources and not targets and trigger.pos_ == "VERB" and (
                "15" <= pattern.code[:2] <= "20" or pattern.code.startswith(MEASURES)) and not mutual:
            targets = self.args.place_target(trigger, sources)     # "shelled targets in Jericho" ("fought each
            #                                                        other in Congo": each other, not Congo)
        elif sources and targets and "18" <= pattern.code[:2] <= "20" and trigger.pos_ == "VERB" and all(
                t.code[:3] in {s.code[:3] for s in sources} for t in targets):   # "Colombian troops raided a FARC
            targets = targets + self.args.foreign_ground(trigger, sources)   # camp inside Ecuador": on Ecuador
            #                                                                 too, not only the FARC
        elif sources and not targets and pattern.code in ("015", "018"):
            targets = self.args.where_it_happened(trigger, sources)   # "sorrow for the shootings in Canada"
        elif sources and not targets and pattern.code.startswith("07"):
            targets = self.args.stricken_place(trigger, sources)   # "when the earthquake killed thousands in
            #                                                        Turkey, Greece sent rescue teams"
        elif targets and ("18" <= pattern.code[:2] <= "20" or (pattern.code[:2] == "17" and _agentless_passive(trigger))) \
                and all(any(same_actor(s.code, t.code) for t in targets) for s in sources):
            sources = self.args.place_source(trigger, targets)        # "soldiers were killed in Ukraine", "a Thai
            #                                                           engineer was arrested in Phnom Penh"
        if sources and not targets and trigger.pos_ == "VERB" and pattern.code[:2] in PAIR_ROOTS and \
                factuality(trigger)[0] == "asserted":
            targets = self.args.main_pair_partner(trigger, sources)   # "Singapore promised to withdraw the
            #                                  procedures", "Rau rejected the German position": to the other side
        if pattern.code.startswith("14") and sources and all(        # a state, not its people ("Palestinians")
                (len(s.code) == 3 and not s.via.startswith("adjective")) or s.code[3:] in ("GOV", "ELI")
                for s in sources):
            official = "163" if pattern.code.startswith("143") else "114"   # a boycott or walkout, else a protest
            pattern = replace(pattern, code=official, id=f"{pattern.id}>officially")   # "Tokyo protested that …"
            if not targets:
                targets = self.args.implied_target(trigger, sources, before_sentence=True)
        if sources and not targets and pattern.code[:2] in EXCHANGED and _each_side(trigger) and \
                len({s.code[:3] for s in sources}) == 2:
            targets = sources                 # "both sides sent ambassadors back": each to the other
        if pattern.source_roles and not all(s.code[3:] in pattern.source_roles for s in sources):
            return []                                   # "refugees entered Poland" is no incursion
        sources, targets = self.args.members_in_view(sources, trigger), self.args.members_in_view(targets, trigger)
        if pattern.reverse:                             # "X received weapons from Y": Y gave, X got
            sources, targets = targets, sources
        owners = [r for c in match.object.children if c.dep_ == "poss" for r in self.args.refs(c)] \
            if pattern.code.startswith("15") and match.object is not None else []
        helpers = [s for s in sources if not any(same_actor(o.code[:3], s.code[:3]) for o in owners)]
        if owners and helpers:                  # "(Sisi and Isaias) promised to strengthen Somalia's army":
            sources = helpers                   # military aid to the other's forces, not a build-up
            pattern = replace(pattern, code=MILITARY_AID, id=f"{pattern.id}>theirs")
        cargo = {x.lemma_.lower() for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with"
                 for o in c.children if o.dep_ == "pobj" for x in (o, *o.conjuncts)} if pattern.code == VISIT else set()
        if cargo & (ARMS | RELIEF):          # "military aircraft landed in Mogadishu with weapons": a delivery
            code = MILITARY_AID if cargo & ARMS else HUMANITARIAN_AID
            pattern = replace(pattern, code=code, id=f"{pattern.id}>delivery")
        if pattern.code == "042" and sources and all(self.args.role_of(s.token) in ("MIL", "PKO") and (
                s.token.tag_ in ("NNS", "NNPS") or s.token.lemma_.lower() in FORCES) for s in sources):
            pattern = replace(pattern, code="074", id=f"{pattern.id}>troops")   # deployed, not visiting
        if "17" <= pattern.code[:2] <= "19" and sources and all(s.token.lemma_.lower() in PROTESTERS for s in sources):
            pattern = replace(pattern, code=RIOT, id=f"{pattern.id}>riot")   # "a building demolished by protesters"
        if pattern.code == KILLING:           # "killed in an air strike", "in Israeli tank shelling": that attack
            means = next((m for o in self.args.means_of(trigger) for m in [self.coder.patterns.match(o)]
                          if m is not None and m.pattern.code[:2] in ("19", "20")), None)
            if means is not None:
                pattern = replace(pattern, code=means.pattern.code, id=f"{pattern.id}>{means.pattern.id}")
        if pattern.code == KILLING and targets and all(t.code[3:] == "MIL" for t in targets) and sources and all(
                self.coder.actors.types.get(s.code[:3]) == "state" and s.code[3:] in ("", "GOV", "MIL") for s in sources):
            pattern = replace(pattern, code=FIGHTING, id=f"{pattern.id}>in_war")   # "10 Russian soldiers were
            #                                               killed in Ukraine": one state's forces by another's
        if pattern.id == "refuse":        # "refused to join Western sanctions on Russia": not a rejection of
            hostile = [t for x in trigger.children if x.dep_ == "xcomp" for t in x.subtree   # Russia
                       if (m := self.coder.patterns.match(t)) is not None and "11" <= m.pattern.code[:2] <= "20"]
            targets = [r for r in targets if not any(r.token in h.subtree for h in hostile)]
        pairs = [(s, t) for s, t in _pairs(sources, targets, symmetric=symmetric)   # a visit is abroad
                 if pattern.code != VISIT or s.code[:3] != t.code[:3]]
        if not pairs:
            return []
        when = self._date(trigger)
        quantity = event_quantity(trigger)
        fact = factuality(trigger)
        if fact[0] == "asserted" and self.published and when.basis == "relative" and when.value and \
                when.value > self.published.isoformat()[:len(when.value)] and not _past(trigger):
            fact = ("future", when.cue)       # "The foreign ministers meet in Washington next Monday"
        decided = fact[0] == "future" and pattern.code[:2] >= "11" and (
            announced(trigger) or (pattern.code[:2] == "16" and _said_of_its_own(trigger)))
        if decided:         # "X announced it would leave the bloc": a decision taken, not a threat (13x),
            fact = ("asserted", f"announced {fact[1]}")      # on the day it was announced
            said = self._date(trigger.head)
            when = said if said.basis == "text" else when
        if fact[0] == "future" and pattern.code[:2] == "03" and trigger.dep_ == "xcomp" and \
                trigger.head.lemma_.lower() in PROMISING and factuality(trigger.head)[0] == "asserted":
            fact, decided = ("asserted", trigger.head.text), True    # "promised to guarantee the safety of …":
            #                                                          the promise itself, made then
        if fact[0] == "asserted":           # three or more doers, and the parties of a joint act
            self.args.joint_act(sources)
            if symmetric and targets:
                self.args.joint_act(sources + targets)
            for s, t in pairs:
                self.args.acted(s, t)
        if fact[0] == "negated" and pattern.if_negated:      # "did not rule out force": a threat, asserted
            flipped = VerbPattern(id=f"not>{pattern.id}", lemmas=pattern.lemmas, code=pattern.if_negated)
            coded = [(flipped, flipped.id, ("asserted", fact[1]), when)]
        else:
            coded = [(pattern, pattern.id, fact, when)] + ([] if decided else self._statements(trigger, pattern, when))
        return [self._event(sent_index, sent, trigger, p, rule, fact, date_, quantity, s, t)
                for p, rule, fact, date_ in coded for s, t in pairs]

    def _word_to_each_other(self, match: PatternMatch, sources: list[ActorRef]) -> bool:
        """ "He and Sisi promised to wrap up a deal": two states' word to each other; not "signed a declaration
        promising …" (the declaration's), nor "announced that they would restore ties" (coded through that)."""
        trigger = match.trigger
        return match.pattern.code[:2] in SHARED_ROOTS and trigger.pos_ == "VERB" and trigger.dep_ != "acl" and \
            all(self.coder.actors.types.get(s.code[:3]) == "state" for s in sources) and \
            not any(self.coder.patterns.match(t) for c in trigger.children if c.dep_ == "ccomp" for t in c.subtree)

    def _thing(self, noun: Token) -> bool:
        """A common noun that names no one ("the decision", not "officers" or "Larry Palmer")."""
        return noun.pos_ == "NOUN" and not self.args.role_of(noun)

    def _statements(self, trigger: Token, pattern: VerbPattern,
                    when: EventDate) -> list[tuple[VerbPattern, str, Factuality, EventDate]]:
        """The rejection, threat or intent that wraps this event ("declined to sell", "will supply"),
        dated by the word that says it ("warned in 2017 that it would send troops"), else as the event
        (``when``: "applied to join the EU in 2022")."""
        wrapped = wrapper(trigger)
        said = trigger
        future = any(c.dep_ == "aux" and c.lower_ in FUTURE_CUES for c in trigger.children)
        if wrapped is not None:
            kind, head = wrapped
            fact, said = factuality(head), head
            rule = f"{head.lemma_.lower()}>{pattern.id}"
        else:
            fact = factuality(trigger)
            if future and reported(trigger) and fact[0] in ("future", "hypothetical"):
                kind = "threat" if _conditional(trigger) and pattern.code[:2] >= "10" else "intent"
                #   "X said it will withdraw … unless" threatens; "would meet Y … if" offers
                fact = ("future", next(c.lower_ for c in trigger.children if c.lower_ in FUTURE_CUES))
            elif fact[0] == "negated" and fact[1] in REFUSAL_CUES and trigger.dep_ == "ccomp":
                kind = "refusal" if pattern.code[:2] < "11" else "restraint"   # "X said it would not provide
                #   support" refuses; "X vowed it would never attack Y" promises
            elif fact[0] == "hypothetical" and trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() in CLAIMING \
                    and self._own_act(trigger):
                kind = "claim"                    # "the US claimed that it had attacked Iraq"
            else:
                return []
            fact, rule = ("asserted", fact[1]), f"{fact[1]}>{pattern.id}"
            said = trigger.head if trigger.dep_ == "ccomp" else trigger     # "X said in May it will …"
        code = derived_code(kind, pattern.code)
        if code is None or code == pattern.code:
            return []
        said_when = when if said is trigger else self._date(said)
        if said_when.basis in ("publication", "context", None) and when.basis == "text" and not future and \
                not LATER.match(when.cue or ""):
            said_when = when                # not "warned that it will reimpose sanctions in April", nor "agreed
            #                                 to open negotiations within a month"
        return [(VerbPattern(id=rule, lemmas=pattern.lemmas, code=code), rule, fact, said_when)]

    def _own_act(self, trigger: Token) -> bool:
        """The one who says it is the one who did it ("the US claimed that it had attacked Iraq")."""
        doers, sayers = self.args.verb_sources(trigger), self.args.verb_sources(trigger.head)
        return bool(doers) and all(any(same_actor(d.code, s.code) for s in sayers) for d in doers)

    def _event(self, sent_index: int, sent: Span, trigger: Token, pattern: VerbPattern, rule: str,
               fact: Factuality, when: EventDate, quantity: object, source: ActorRef,
               target: ActorRef) -> Event:
        facts = self.coder.cameo.get(pattern.code)
        q = quantity
        event = Event(
            doc=self.article.id, sent_index=sent_index, source=source.code, target=target.code,
            cameo=pattern.code, goldstein=facts.goldstein if facts else None,
            quad_class=facts.quad_class if facts else None, plover=facts.plover if facts else None,
            factuality=fact[0], factuality_cue=fact[1], sentence=sent.text,
            source_text=source.text, target_text=target.text,
            start=self.offset + trigger.idx, end=self.offset + trigger.idx + len(trigger.text), rule=rule,
            trigger=trigger.text,
            date=when.value, date_basis=when.basis, date_precision=when.precision, date_cue=when.cue,
            quantity=getattr(q, "text", None), quantity_value=getattr(q, "value", None),
            quantity_unit=getattr(q, "unit", None),
            published=self.published.isoformat() if self.published else None,
            extra={"source_via": source.via, "target_via": target.via, "since": when.since,
                   "nominal": trigger.pos_ in ("NOUN", "PROPN")})
        event.event_id = _event_id(event, trigger)
        if when.basis in ("text", "relative") and when.value and not when.since and not looks_back(when.cue) and \
                not DEADLINE.match(when.cue or ""):     # not "would leave by March 10": a deadline dates nothing
            self.dated.append((event.start, when))      # after it
        return event


PLUPERFECT = re.compile(r"[^.;:]*?\bhad\s+(?:\w+ly\s+)?(?:\w+ed|been|gone|come|made|taken|given|sent|told|met|held|"
                        r"paid|said|won|lost|left|sought|thrown|written|withdrawn|broken|struck|shot|seen|begun)\b")
LEAD_IN = re.compile(r"\b(?:[Ii]n|[Bb]ack in|[Aa]s (?:recently|early|late|long ago) as|[Oo]nly in|[Ee]arlier,? in)\s+$")
REPORTED = re.compile(r"\b(?:said|says|that|told|announced|claimed|argued|insisted|added)\b")


def _flashbacks(text: str, anchors: list[tuple[int, EventDate]], yearless: list[tuple[int, str, str]]) -> set[int]:
    """Dates that open a past-perfect sentence after another date of the same paragraph ("On Tuesday X
    welcomed Y. On Friday X had promised …"): told out of order, they do not move the paragraph's time
    on. (Found in the text, so that sentences not parsed count too; those parsed add their words.)"""
    found = set()
    earlier = sorted([p for p, _ in anchors] + [p for p, _, _ in yearless])
    for pos, _ in anchors:
        lead = LEAD_IN.search(text, max(pos - 30, 0), pos)     # "As recently as September 2021 …"
        before = text[:lead.start() if lead else pos].rstrip()
        paragraph = text.rfind("\n\n", 0, pos)
        if not (before.endswith((".", "!", "?")) or text.rfind("\n", 0, pos) >= len(before)):
            continue
        if not any(paragraph < p < pos for p in earlier):
            continue
        m = PLUPERFECT.match(text, pos, text.find(".", pos) if "." in text[pos:] else len(text))
        if m is not None and not REPORTED.search(m.group()):
            found.add(pos)
    return found


NOW_OPENING = re.compile(r"\s*[^.!?\n]*\b(?:now|this (?:spring|summer|autumn|fall|winter|year)(?:'s)?)\b[^.!?\n]*[.!?]",
                         re.IGNORECASE)   # a paragraph's first sentence, saying "now" or "this autumn"


def _same_day(later: re.Match[str]) -> bool:
    """ "that evening", "the same day": a phrase that names the day of the date before."""
    return later["that_day"] is not None or (later["same"] or "").lower() in ("day", "night")


def _lede(text: str, size: int = 200) -> int:
    """Where the first paragraph of running text starts (-1 for the first, as ``_paragraph_start`` has it):
    the first paragraph of ``size`` characters or more, after a title, a byline and a dateline."""
    start = 0
    for block in text.split("\n\n"):
        if len(block.strip()) >= size:
            return start - 2 if start else -1
        start += len(block) + 2
    return -1


def _own_clause(verb: Token) -> list[Token]:
    """The words of a clause without the clauses joined to it that have subjects of their own ("the
    decision was unacceptable, and a diplomat lodged a protest"; "X said …; Y had raised …")."""
    joined = {t.i for c in verb.subtree if c.dep_ in ("conj", "parataxis") and c.i != verb.i and any(
        g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for t in c.subtree}
    return [t for t in verb.subtree if t.i not in joined]


def _harsh(*texts: str) -> bool:
    """Whether any of these readings of what was said sounds harsh (VADER compound at or below ``HARSH``)."""
    return min(tone(t) for t in texts) <= HARSH


def _verdict(words: list[Token]) -> str:
    """A clause's words without what hangs on an adjective it predicates ("Bangladesh had been weak"
    of "… weak in following the agreed arrangements"): the judgement alone."""
    held = {t.i for w in words if w.dep_ == "acomp" for c in [*w.children, *w.head.children]
            if c.dep_ in ("prep", "xcomp", "advcl") and c.i > w.i for t in c.subtree}
    return " ".join(t.text for t in words if t.i not in held)


def _reporting_verb(trigger: Token) -> Token | None:
    """The verb of saying before the clause that holds ``trigger`` ("said [Thai shells had damaged …]")."""
    clause = trigger
    while clause.head.i != clause.i and (clause.dep_ in ("conj", "xcomp", "advcl") or (   # "… was arresting,
            clause.dep_ == "pcomp" and clause.head.lower_ == "by")):    # torturing and deporting Rwandans",
        clause = clause.head.head if clause.dep_ == "pcomp" else clause.head    # "had shown … by massacring"
    say = clause.head
    return say if clause.dep_ == "ccomp" and say.i < clause.i and say.pos_ == "VERB" and \
        say.lemma_.lower() in ALLEGING else None       # not a wire's closing "…, the army said"


def _points_back(root: Token) -> bool:
    """A past-tense main verb whose subject is a pronoun or "the two countries", "both sides"."""
    if root.tag_ != "VBD":
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.pos_ == "PRON" or bool({d.lower_ for d in c.children}
                                                                             & {"both", "two"}))
               for c in root.children)


def _own_later(trigger: Token) -> re.Match[str] | None:
    """A "two months later" in the event word's own clause (not in a clause it is coordinated with); a
    count of days, weeks, months or years in the clause of the verb a subjectless verb is joined to
    also counts for it ("eight days later the Council capped … and banned …"), and the clause's own count
    for the verb it governs ("the next day Rome summoned Masset to protest")."""
    sent = trigger.sent
    verb = own = clause_verb(trigger)
    while own.dep_ == "xcomp" and own.head.pos_ in ("VERB", "AUX"):    # "the next day Rome summoned Masset
        own = own.head                                                  # to protest": the summons' day
    chain = {verb.i}
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
        chain.add(verb.i)
    found = [(m, clause_verb(word).i) for m in LATER.finditer(sent.text)
             for word in [next((t for t in sent if t.idx - sent.start_char >= m.start()), None)] if word is not None]
    return next((m for m, i in found if i == own.i), None) or \
        next((m for m, i in found if i in chain and m.group("n")), None)      # a count: "eight days later"


def _counted_weekday(trigger: Token, when: EventDate) -> re.Match[str] | None:
    """ "That Friday X asked …, and Y accused …": the weekday the sentence counts from the day in view
    dates its other clauses too."""
    if when.basis != "relative" or (when.cue or "").lower() not in WEEKDAYS:
        return None
    return next((m for m in LATER.finditer(trigger.sent.text) if (m["wd"] or m["wd1"] or "").lower() ==
                 (when.cue or "").lower()), None)


def _later_not_aimed(trigger: Token) -> re.Match[str] | None:
    """The sentence's first "two months later", unless it dates what the event word aims at ("agreed to
    open negotiations within a month": when the talks are due, not when they agreed)."""
    sent = trigger.sent
    m = LATER.search(sent.text)
    word = next((t for t in sent if t.idx - sent.start_char >= m.start()), None) if m else None
    if word is None:
        return m
    verb = clause_verb(word)
    aimed = verb.i != trigger.i and verb.tag_ == "VB" and verb.dep_ in ("xcomp", "advcl") and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and verb.head.i == trigger.i
    return None if aimed else m


def _governed(trigger: Token, start: int) -> bool:
    """The word at character ``start`` of the sentence hangs on the event word's clause or a clause
    it embeds ("applied to join the EU *a week after* …"), not on one coordinated with it."""
    verb = clause_verb(trigger)
    verb = verb.head if verb.dep_ in ("xcomp", "ccomp") and verb.head.i != verb.i else verb
    word = next((t for t in trigger.sent if t.idx - trigger.sent.start_char >= start), None)
    while word is not None and word.i != verb.i and word.dep_ not in ("conj", "parataxis") and word.head.i != word.i:
        word = word.head
    return word is not None and word.i == verb.i


def _in_clause(trigger: Token, text: str) -> bool:
    """The words ``text`` are in the event word's own clause (not in one coordinated with it: "At the
    end of that month X listed …; the EU took until October to …")."""
    verb = clause_verb(trigger)
    words = [t for t in verb.subtree if clause_verb(t).i == verb.i]
    return bool(words) and text in trigger.doc[words[0].i: words[-1].i + 1].text


def _relative_clause_starts(sent: Span, offset: int, *, heads: bool = False) -> frozenset[int]:
    """Character offsets of the words of a sentence that sit in a relative clause ("Norway's minister,
    who visited Oslo in 2016, …") or in a reported clause told in the pluperfect ("reported that the
    agency had tracked his phone in 2009"): a date there dates that clause only."""
    return frozenset(offset + t.idx for t in sent if any(a.dep_ in ("relcl", "acl") or _pluperfect_clause(a)
                                                         for a in ((t, *t.ancestors) if heads else t.ancestors)))


TIME_NOUNS = {"night", "morning", "evening", "afternoon", "day", "week", "month", "year", "weekend", "end", "start",
              "beginning", "middle", "eve", "dawn", "hours"}


def _dates_a_thing(span: Span) -> bool:
    """A date that modifies a noun, not a clause: "the raid of March 1", "the vote of 2019"."""
    holder = next((a for a in span.root.ancestors if a.pos_ in ("NOUN", "PROPN", "VERB", "AUX")), None)
    return holder is not None and holder.pos_ in ("NOUN", "PROPN") and holder.lemma_.lower() not in TIME_NOUNS and \
        holder.ent_type_ not in ("DATE", "TIME")


def _future_in_past(verb: Token) -> bool:
    """A reported clause of what was then to come: "(had) announced that aircraft would use it from January 3"."""
    return verb.dep_ == "ccomp" and verb.head.tag_ in ("VBD", "VBN") and any(
        c.dep_ == "aux" and c.lower_ == "would" for c in verb.children)


def _pluperfect_clause(verb: Token) -> bool:
    """A reported clause whose verb is in the past perfect ("… that it had tracked …")."""
    return verb.dep_ == "ccomp" and pluperfect(verb)


def _preposition(verb: Token) -> bool:
    """ "expelled traders following the attack": "following" as a preposition ("with Hungary following
    within days" is a verb)."""
    return verb.tag_ == "VBG" and (verb.dep_ == "prep" or (verb.dep_ == "pcomp" and verb.head.lower_ != "with"))


def _word_and_object(match: PatternMatch) -> list[Token]:
    return [match.trigger] + ([match.object] if match.object is not None else [])


def _asks_why(verb: Token) -> bool:
    """ "asked why Iran needed manoeuvres on that border": a question of why, put to or about another."""
    return any(c.dep_ == "ccomp" and any(w.lower_ == "why" for w in c.children) for c in verb.children)


def _claims(verb: Token) -> bool:
    """ "insisted that the missile was Russian": an "insist" whose clause states a past fact asks for
    nothing ("insisted that Israel withdraw" does)."""
    if verb.lemma_.lower() != "insist" or any(c.dep_ == "dobj" for c in verb.children):
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    return bool(clauses) and all(
        c.tag_ == "VBD" or any(a.dep_ in ("aux", "auxpass") and a.tag_ == "VBD" and a.lemma_ in ("be", "have")
                               for a in c.children) for c in clauses)


def _past(trigger: Token) -> bool:
    """The event word's clause is in the past tense ("signed", "was signed", "had signed", "the deal it
    signed"); for a noun, its verb's ("reached an agreement"); for a participle or an infinitive of
    purpose, its governing verb's ("retaliated by sending home the consul", "telephoned Putin to
    apologise")."""
    verb = clause_verb(trigger)
    while ((verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "advcl", "acl")) or (     # "telephoned Putin to
            verb.tag_ == "VB" and verb.dep_ in ("xcomp", "advcl") and any(         # apologise": telephoned's
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))) and verb.head.i != verb.i:
        verb = clause_verb(verb.head)
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or (verb.tag_ in ("VBN", "VB") and any(a.tag_ == "VBD" for a in aux)) or (
        verb.tag_ == "VBN" and not aux and verb.dep_ in ("ROOT", "conj", "ccomp", "parataxis")) or (   # "… and
        verb.tag_ == "VBN" and not aux and verb.dep_ == "advcl" and verb.head.tag_ == "VBD" and
        any(c.dep_ == "dobj" for c in verb.children))
    #      suspended contacts", a past tense the tagger took for a participle; "did agree", an emphatic past;
    #      "called X …, accused Sweden of …": a list of past acts the parser took for a participle adjunct


def _conditional(verb: Token) -> bool:
    """ "X will do Y unless/if Z": a conditional promise of harm reads as a threat."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)
               for c in verb.children)


def _reciprocal(trigger: Token) -> bool:
    """ "mutual visits", "joint drills", "visited each other's country": done by both sides."""
    if any(c.lower_ in MUTUAL for c in trigger.children):
        return True
    words = [t.lower_ for c in trigger.children if c.dep_ in ("dobj", "pobj", "prep") for t in c.subtree]
    if any(a == "each" and b == "other" or a == "one" and b == "another" for a, b in zip(words, words[1:])):
        return True
    each = any(c.dep_ == "nsubj" and any(d.lower_ == "each" for d in c.children) for c in trigger.children)
    return each and any(c.dep_ == "dobj" and c.lower_ == "other" for c in trigger.children)   # "each side
    #                                                                           accused the other"


def _force(match: PatternMatch | None) -> bool:
    """Whether a pattern match is force shown or used (15-20)."""
    return match is not None and "15" <= match.pattern.code[:2] <= "20"


def _across_border(token: Token) -> bool:
    """ "… near its border with Azerbaijan": the state on the other side of a border."""
    return token.head.dep_ == "prep" and token.head.lower_ == "with" and token.head.head.lemma_.lower() in BORDERS


def _each_other(trigger: Token) -> bool:
    """ "fought each other", "fought one another", "fought with each other": the subjects' act on themselves."""
    objects = [c for c in trigger.children if c.dep_ == "dobj"] + [
        o for c in trigger.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return any({o.lower_, *(d.lower_ for d in o.children)} in ({"each", "other"}, {"one", "another"}) for o in objects)


def _each_side(trigger: Token) -> bool:
    """The subject is "both sides", "the two countries", "both governments", or two named ones acting on
    their own ("Ankara and Cairo recalled their ambassadors"): each acts on the other."""
    return any(c.dep_ == "nsubj" and c.tag_ == "NNS" and (
        {d.lower_ for d in c.children if d.dep_ in ("det", "predet", "nummod")} & {"both", "two"})
        for c in trigger.children) or any(c.dep_ == "dobj" and any(
            p.dep_ == "poss" and p.lower_ == "their" for p in c.children) for c in trigger.children)


def _joint(match: PatternMatch) -> bool:
    """ "issued a joint statement", "jointly announced": an act of the doers together."""
    return any(c.lower_ == "jointly" for c in match.trigger.children) or (
        match.object is not None and any(c.lower_ == "joint" for c in match.object.children if c.dep_ == "amod"))


def _unplaced_official(subject: Token, args: Arguments) -> bool:
    """An official named by role or by an unknown name ("the king", "Trade Minister Andrew Robb"), not a
    pronoun or a thing."""
    return subject.pos_ != "PRON" and (args.role_of(subject) in OFFICIALS or (
        subject.ent_type_ == "PERSON" and any(args.role_of(c) in OFFICIALS for c in subject.children
                                              if c.dep_ in ("compound", "appos"))))


def _the_people(trigger: Token, args: Arguments) -> Token | None:
    """The subject, if it is people named by role (whom no words place): "the soldiers", "delegations led by
    deputy ministers"."""
    return next((c for c in trigger.children if c.dep_ == "nsubj" and c.tag_ == "NNS" and args.role_of(c) is not None),
                None)


def _broke_out(trigger: Token) -> bool:
    """ "Fighting broke out near the temple", "clashes erupted on the border": an act told as something
    that happened, with no one named."""
    verb = trigger.head
    return trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj" and verb.pos_ == "VERB" and \
        verb.lemma_.lower() in OUTBREAK and not any(c.dep_ == "dobj" for c in verb.children)


def _agentless_passive(trigger: Token) -> bool:
    children = {c.dep_ for c in trigger.children}
    if trigger.pos_ in ("NOUN", "PROPN"):
        return trigger.dep_ == "nsubjpass" and "agent" not in {c.dep_ for c in trigger.head.children}
    return "auxpass" in children and "agent" not in children


def _said_of_its_own(trigger: Token) -> bool:
    """ "said it would close its embassy in Pyongyang": a cut in ties made to the speaker's own mission,
    a decision made known, not a threat ("said they would boycott all contact with X" is one)."""
    return trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() == "say" and any(
        c.dep_ == "dobj" and any(p.dep_ == "poss" and p.lower_ in ("its", "their") for p in c.children)
        for c in trigger.children)


def _pairs(sources: list[ActorRef], targets: list[ActorRef], *, symmetric: bool) -> list[tuple[ActorRef, ActorRef]]:
    """Source-target pairs. A symmetric act ("X and Y signed", "X met with Y") is coded once per pair,
    in the order the text names them: counting it both ways would count one meeting twice."""
    if symmetric and not targets:
        targets = sources
    seen: set[tuple[str, str]] = set()
    out = []
    for s in sources:
        for t in targets:
            key = (min(s.code, t.code), max(s.code, t.code)) if symmetric else (s.code, t.code)
            if not same_actor(s.code, t.code) and key not in seen:
                seen.add(key)
                out.append((s, t))
    return out


def _event_id(event: Event, trigger: Token) -> str:
    raw = f"{event.doc}|{event.sent_index}|{trigger.i}|{event.source}|{event.target}|{event.cameo}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _unique(events: Iterable[Event]) -> Iterable[Event]:
    """Repeated text in one document yields each event once: same actors, code and words, and for a
    side left implied or named by a pronoun the same written date ("Tokyo protested" in 2010 and again in
    2012, "In April 2013 he flew to Moscow … On January 22, 2019 he flew to Moscow" are two of each)."""
    seen: set[tuple[str, ...]] = set()
    for e in events:
        dated = e.date_basis in ("text", "relative") and (e.trigger in (e.source_text, e.target_text) or
                                                         e.source_text.lower() in PRONOUNS)
        key = (e.source, e.target, e.cameo, e.factuality, e.trigger.lower(), e.source_text, e.target_text,
               e.quantity or "", (e.date or "") if dated else "")
        if key in seen:
            continue
        seen.add(key)
        yield e



def _announced_acts(events: list[Event], sent: Span, offset: int) -> list[Event]:
    """ "Washington announced the suspension of aid to Niger": the act announced is coded, not also a
    statement (010) by the word that announces it (but "described the talks as a first step" is both);
    "Abiy announced that the border would reopen": what is announced is the news, not a statement to
    the side in view."""
    at = {offset + t.idx: t for t in sent}
    acts = {at[e.start].head.i for e in events if e.start in at and at[e.start].dep_ == "dobj" and e.cameo != STATEMENT}
    acts |= {t.i for t in sent if any(c.dep_ == "ccomp" for c in t.children)}
    return [e for e in events if not (e.rule == "announce" and e.start in at and at[e.start].i in acts)]


def _restated(events: list[Event]) -> list[Event]:
    """ "X met Y on Monday, their first meeting since 2016": an event noun that restates a verb's event
    of the same family between the same two actors in one sentence is not a second event; nor are two
    verbs of meeting and visiting between them with one date ("flew to Caracas and met Maduro"); nor a
    purpose clause's act of the same code and pair as the act it serves ("summoned the envoy to protest"); nor
    two verbs of one code joined by "and" between the same two ("punched and kicked two photographers")."""
    def key(e: Event) -> tuple[object, ...]:
        return e.sent_index, frozenset((e.source[:3], e.target[:3])), e.cameo[:2], e.factuality

    def served(e: Event) -> bool:
        return str(e.extra.get("target_via", "")).startswith("served")

    said = {key(e) for e in events if not e.extra.get("nominal")}
    kept = [e for e in events if not (e.extra.get("nominal") and key(e) in said)]
    coded = {(e.sent_index, e.source, e.target, e.cameo) for e in kept if not served(e)}
    kept = [e for e in kept if not (served(e) and (e.sent_index, e.source, e.target, e.cameo) in coded)]
    trips: set[tuple[object, ...]] = set()     # "flew to Caracas and met Maduro": one visit, reported twice;
    #                                            but "X landed in Ankara and Y met him": the host's act too
    acts: dict[tuple[object, ...], int] = {}   # each act's end, for the next verb of its code after "and"
    out = []
    for e in kept:
        act = (e.sent_index, e.source, e.target, e.cameo, e.factuality, e.date)
        if 0 < e.start - acts.get(act, -99) <= len(" and ") and not e.extra.get("nominal"):
            continue                           # "punched and kicked two photographers": one assault
        acts[act] = e.end
        if e.cameo[:2] == "04" and not e.extra.get("nominal"):
            trip = (e.sent_index, e.source[:3], e.target[:3], e.factuality, e.date)
            if trip in trips:
                continue
            trips.add(trip)
        out.append(e)
    return out
