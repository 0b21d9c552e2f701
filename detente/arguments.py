"""Arguments: which actors fill the source and target of an event word.

Given the dependency parse and the actor mentions of a document, ``Arguments`` finds the actors of an
event word's subject, agent, objects and prepositional phrases, follows coordination, appositions,
possessives, roles and groups ("a delegation of X officials"), and resolves pronouns and "the two
countries" from what the document has said so far (``remember`` is called once per sentence).
"""
from __future__ import annotations

from bisect import insort
from collections import Counter

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from .actors import LOCATIVE_PREPS, TITLES, ActorDictionary, Mention
from .modality import REPORTING_VERBS
from .patterns import PatternMatch, VerbPattern, particle_prep
from .wrappers import wrapper_kind

PRONOUNS_ONE = {"it", "its", "itself"}
PRONOUNS_PERSON = {"he", "his", "him", "she", "her"}
PRONOUNS_MANY = {"they", "their", "them", "themselves"}
BODY_NOUNS = {"council", "organisation", "organization", "alliance", "bloc", "union", "body", "agency", "court",
              "commission", "league", "fund", "bank", "assembly", "board", "committee",
              "secretariat"}      # "the council" = the organisation in view; "the board of the IAEA" = the IAEA
PARTNER_WINDOW = 10      # sentences within which a country's last counterpart is still the one in view
STATE_NOUNS = {"country", "nation", "state", "government", "capital", "neighbour", "neighbor", "kingdom", "emirate",
               "sultanate", "principality"}
ANAPHOR_NOUNS = {"country", "nation", "state", "side", "government", "neighbour", "neighbor", "capital", "partner",
                 "administration", "leadership",
                 "rival", "adversary", "foe", "ally", "power"}
OWN_BODIES = {"joint", "bilateral", "new", "national", "parliamentary", "border"}   # a body of the two sides
BEHEST_NOUNS = {"request", "urging", "behest", "insistence", "invitation", "order", "instruction", "demand"}
PLACE_NOUNS = {"capital", "city", "town", "village", "port", "province", "region", "district", "enclave", "oilfield",
               "settlement", "base", "island", "airport"}
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "appos", "agent"}
ARG_PREPS = {"with", "to", "against", "from", "towards", "toward", "between", "on", "for", "by", "at"}
DEFAULT_TARGET_PREPS = ("to", "with", "against", "on", "upon", "at", "toward", "towards", "from", "into")
OBJECT_CONTROL = {"ask", "urge", "tell", "force", "press", "pressure", "push", "call", "allow", "enable", "help",
                  "encourage", "invite", "persuade", "request", "require", "advise", "order", "compel",
                  "support", "back", "warn", "want", "expect", "prevent", "stop", "bar", "ban"}
ACCUSED_OF = {"accuse", "blame", "suspect", "charge", "indict", "condemn", "criticise", "criticize", "fault",
              "denounce", "rebuke", "reprimand", "scold", "chide", "censure", "slam", "lambaste", "castigate",
              "praise", "thank", "commend", "congratulate", "hail", "applaud", "reward", "punish", "penalise",
              "penalize", "sanction", "keep", "prohibit", "forbid", "block", "deter", "restrain"}
# "accused/thanked/punished X for helping Y", "barred X from buying": the act is X's
MODIFIER_DEPS = {"poss", "compound", "amod", "nmod"}
TOPIC_VERBS = {"prolong", "end", "condemn", "criticise", "criticize", "oppose", "denounce", "fear", "prevent",
               "avert", "avoid", "discuss", "debate", "investigate", "welcome", "praise", "fuel", "protest", "blame",
               "survive", "witness", "mediate", "broker", "decry", "deplore", "halt", "stop", "ignore"}
# "prolonged the war", "welcomed the visit": the object event is not the subject's own act
DOCUMENT_NOUNS = {"report", "statement", "communique", "study", "document", "dossier", "inquiry"}
WRITINGS = {"statement", "communique", "letter", "message", "speech", "post", "tweet", "note", "declaration",
            "editorial", "article", "op-ed", "resolution"}
FOREIGN_GROUND = {"in", "inside", "into", "across"}     # "raided a camp inside Ecuador"
OUTSIDE = {"outside", "near", "around", "before", "opposite"}   # "gathered outside the Russian embassy"
WEAPONS = {"rocket", "shell", "missile", "bomb", "mortar", "drone", "projectile", "grenade",   # a state's arms and
           "warplane", "jet", "aircraft", "plane", "bomber", "fighter", "helicopter", "gunship",   # craft, not its
           "warship", "ship", "vessel", "boat", "gunboat", "frigate", "destroyer", "submarine", "tank"}   # people
ATTACK_NOUNS = {"attack", "strike", "airstrike", "raid", "shelling", "bombing", "bombardment", "offensive", "assault",
                "ambush", "operation", "fire", "gunfire", "barrage", "crossfire", "missile", "rocket", "drone"}
BORDERS = {"border", "frontier", "boundary"}
AIMED_AT = {"on", "at", "upon", "against"}          # "fired on", "shot at", "cracked down on"
REACTION_NOUNS = {"protest", "response", "retaliation", "reprisal", "revenge", "reaction", "answer", "defiance"}
CLAUSE_TARGET_ROOTS = {"02", "10", "11", "12", "13", "17"}     # acts aimed at whoever a "that" clause names
COLLECTIVE = {"group", "member", "delegation", "team", "contingent", "batch", "patch", "unit", "hundred",
              "thousand", "dozen", "score", "million", "number", "majority", "minority", "handful", "band",
              "crowd", "squad", "battalion", "brigade", "column", "convoy", "detachment", "deployment",
              "wave", "mission", "some", "many", "most", "several", "few", "all", "part", "half", "bunch", "corps"}
SPEAKERS = ANAPHOR_NOUNS | BODY_NOUNS | COLLECTIVE | DOCUMENT_NOUNS | WRITINGS   # may stand for an actor
VISIT = "042"             # a visit's destination city names the host state
PLATFORMS = {"vessel", "ship", "boat", "drone", "jet", "plane", "aircraft", "destroyer", "frigate", "corvette",
             "cutter", "tanker", "trawler", "satellite", "missile", "rocket"}   # "a Chinese vessel": China's
HELPING = {"reinforce", "help", "support", "defend", "protect", "assist", "bolster", "back", "aid", "strengthen",
           "shore", "prop", "rescue", "supply", "arm", "train"}   # "sent troops to reinforce KFOR"
PROTESTING = {"protest", "demand", "press", "show", "denounce", "oppose", "condemn", "demonstrate", "decry"}
PERSON_NOUNS = {"minister", "president", "premier", "chancellor", "ambassador", "envoy", "diplomat", "official",
                "secretary", "leader", "king", "queen", "prince", "emir", "sultan", "spokesman", "spokeswoman",
                "spokesperson", "adviser", "advisor", "commander", "general", "negotiator", "deputy", "senator",
                "lawmaker", "governor", "mayor", "chief", "head", "representative", "consul", "attaché", "commissioner"}
RULING = {"government", "regime", "authority", "administration", "leadership", "junta", "police", "army"}
OWNED = {"plane", "aircraft", "jet", "car", "convoy", "motorcade", "ship", "vessel", "property", "asset", "house",
         "residence", "office", "account", "passport", "visa",    # "the plane of Turkey's minister": the minister's;
         "withdrawal", "pullout", "departure", "exit", "retreat", "redeployment"}   # "the withdrawal of US troops": theirs
RULINGS = {"ruling", "verdict", "judgment", "judgement", "award"}    # a court's, when nobody else's
GATHERINGS = {"talk", "negotiation", "dialogue", "meeting", "summit", "conference", "forum", "session", "round",
              "parley", "consultation", "congress", "assembly", "ceremony", "games", "olympics", "tournament", "event"}
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}     # "a spokeswoman for the EU": the EU's
MISSIONS = {"embassy", "consulate", "legation", "commission"}   # a state's mission abroad: "in X" is its host
RULERS = {"junta", "regime", "putschist"}    # "the junta": a government, of the state in view
STATE_ROLES = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "PKO", "ELI", "MOD"}   # a state's own organs
TAKING_PART = {"engage", "participate", "join", "take", "involve", "embark", "persist", "resort", "continue",
               "conduct", "respond", "retaliate", "react", "reply", "answer", "hit"}   # "responded with tariffs on X"


@dataclass(frozen=True)
class ActorRef:
    """An actor filling a role in one event, and how it was found."""

    code: str
    text: str
    token: Token
    via: str


@dataclass
class _Context:
    """What the coder remembers of the document so far, for pronouns and "the two countries"."""

    mentions: list[tuple[tuple[int, int], ActorRef]] = field(default_factory=list)
    arguments: list[tuple[tuple[int, int], ActorRef]] = field(default_factory=list)
    subjects: list[tuple[tuple[int, int], ActorRef]] = field(default_factory=list)


GOING = {"come", "go", "fly", "travel", "arrive", "head", "return", "be", "stay", "sit", "gather", "convene"}


class Arguments:
    """The actors of one document's event words, with the document's context so far."""

    def __init__(self, actors: ActorDictionary) -> None:
        self.actors = actors
        self.context = _Context()
        self.sent_no = -1
        self.by_token: dict[int, Mention] = {}
        self.groups: list[tuple[int, list[ActorRef]]] = []   # (sentence, the parties) of joint acts of three or more
        self.ruler: str | None = None                 # the state "the junta" last stood for
        self.places: dict[str, ActorRef] = {}         # towns placed by an apposition ("Bentiu, the capital of …")
        self.role_heads: dict[str, tuple[int, list[ActorRef]]] = {}   # role noun -> (sentence, owners) last named
        self.people: dict[str, ActorRef] = {}         # names of officials met by role ("Gedu Andargachew,
        #                                               Ethiopia's foreign minister"): first and last word
        self.posts: dict[str, str] = {}               # and their role nouns ("minister"), for the patterns
        self.partners: dict[str, tuple[int, ActorRef]] = {}   # actor -> (sentence, the other side of its last act)
        self.dyads: Counter[frozenset[str]] = Counter()       # how often each pair of actors acted on each other

    def joint_act(self, parties: list[ActorRef]) -> None:
        """Remember the parties of a joint act of three or more countries, or three or more that did
        one thing ("Saudi Arabia, the UAE, Bahrain and Egypt cut ties"): "the four capitals" later."""
        distinct = dedupe_refs([ActorRef(r.code[:3], r.text, r.token, r.via) for r in parties])
        if len(distinct) >= 3:
            self.groups.append((self._order(parties[0].token.i)[0], distinct))

    def acted(self, source: ActorRef, target: ActorRef) -> None:
        """Remember who acted on whom, both ways: the other side of a later act left implied."""
        one, other = self.actors.country_of(source.code), self.actors.country_of(target.code)
        self.partners[one] = (self.sent_no, target)
        self.partners[other] = (self.sent_no, source)
        if one != other:
            self.dyads[frozenset((one, other))] += 1

    def start_part(self, doc: Doc, mentions: list[Mention]) -> None:
        """A new parsed part of the document and the actor mentions in it."""
        self.doc, self.mentions = doc, mentions
        self.by_token = {m_i: m for m in mentions for m_i in range(m.start, m.end)}
        doc.user_data["posts"] = self.posts      # "Paris recalled Masset": the ambassador met before
        doc.user_data["leaders"] = {i for m in mentions if m.kind == "leader" for i in range(m.start, m.end)}

    def _order(self, i: int) -> tuple[int, int]:
        """Where a token stands in the document: (sentence number, token index)."""
        return self.sent_no, i

    def remember(self, sent: Span) -> None:
        """Add the sentence's actors to the context: every mention, those in argument positions, subjects."""
        for m in self.mentions:
            if not (sent.start <= m.start < sent.end) or m.kind in ("role", "place"):
                continue
            ref = self._mention_ref(m)
            if ref is None:
                continue
            head = self._group_head(_np_head(self.doc[m.start:m.end].root))
            if _watching(head):                 # "with the king looking on": not one of the parties
                continue
            self.context.mentions.append((self._order(m.start), ref))
            if _person(head) and head.i not in range(m.start, m.end):   # "Lithuania's deputy minister visited
                ref = self._with_role(ref, self.role_of(head), head)     # …; Beijing sanctioned her": a person
            if head.dep_ in ARG_DEPS or (head.dep_ == "pobj" and head.head.lower_ in ARG_PREPS) or \
                    (head.dep_ == "conj" and head.head.dep_ in ARG_DEPS | {"pobj"}):
                self.context.arguments.append((self._order(m.start), ref))
            own = head.i in range(m.start, m.end) or self.role_of(head) is not None or (
                self.doc[m.start:m.end].root.dep_ == "poss")          # "Washington's answer was swift: it …"
            if own and (head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ in ("conj", "appos") and head.head.dep_ == "nsubj")):
                self.context.subjects.append((self._order(m.start), ref))
        self._remember_people(sent)
        for token in sent:                  # "The council never voted; later it issued …": "it" is the council
            if token.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in token.children):
                for ref in self._swallowed_subject(token):     # "In June Rabat, which …, said": Rabat
                    self.context.subjects.append((self._order(ref.token.i), ref))
            if token.dep_ in ("nsubj", "nsubjpass") and (token.lemma_.lower() in BODY_NOUNS | RULERS or
                                                        token.lower_ in ("he", "she") or _judges(token)):
                found = self._anaphor(token, role="subject")
                for ref in found or []:     # in text order: "the two countries" takes the first two named
                    insort(self.context.subjects, (self._order(token.i), ref), key=lambda x: x[0])
                    insort(self.context.arguments, (self._order(token.i), ref), key=lambda x: x[0])

    def _remember_people(self, sent: Span) -> None:
        """An official the dictionary does not know, named beside a role that a state owns ("Gedu
        Andargachew, Ethiopia's foreign minister", "Ethiopia's foreign minister, Gedu Andargachew", "Nabil
        Haddad resigned as Jordan's trade minister"), is that state's by their first or last name
        later ("Gedu accused Egypt")."""
        for ent in [*sent.ents, *_full_names(sent)]:
            if ent.label_ not in ("PERSON", "NAME") or len(ent) < 2 or ent.root.i in self.by_token or any(
                    self.by_token[t.i].kind == "leader" for t in ent if t.i in self.by_token):
                continue                   # (a first name the lexicon knows as a word is no bar: "Christian Masset")
            root = ent.root
            role = root.head if root.dep_ == "appos" else next((c for c in root.children if c.dep_ == "appos"), None)
            if role is None and root.dep_ in ("nsubj", "nsubjpass"):      # "Haddad resigned as Jordan's
                role = next((o for p in root.head.children if p.dep_ == "prep" and p.lower_ == "as"   # trade
                             for o in p.children if o.dep_ == "pobj"), None)                         # minister"
            roles = [] if role is None else [role, *role.conjuncts]   # "the interior minister and one of Italy's
            roles += [o for r in roles if r.lower_ == "one" for p in r.children if p.dep_ == "prep" and   # two deputy
                      p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]                          # prime ministers"
            post, refs = next(((r, found) for r in roles if self.role_of(r) in STATE_ROLES
                               for found in [self._role_ref(r, self.by_token.get(r.i))]
                               if len({f.code for f in found}) == 1 and not any(f.via.startswith("context") or (
                                   f.via.startswith("pronoun") and "its" not in f.text.lower().split()) for f in found)),
                              (None, None))          # (but "X, the secretary of its ministry")
            if post is None or refs is None:
                continue
            for word in (ent[0], ent[-1]):
                if word.is_alpha and word.text[0].isupper() and word.lower_ not in TITLES:
                    self.people[word.text] = ActorRef(refs[0].code, ent.text, root, f"person->{ent.text}")
                    self.posts[word.text] = post.lemma_.lower()

    def _group_head(self, head: Token) -> Token:
        """ "the advisers of Saudi Arabia and Iran": the position of the role or group noun counts."""
        if head.dep_ == "conj" and head.head.dep_ == "pobj":
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i != head.head.i:
            holder = head.head.head
            if self.role_of(holder) or holder.lemma_.lower() in COLLECTIVE:
                return holder
        return head

    # -- arguments ---------------------------------------------------------------------------------
    def verb_sources(self, verb: Token) -> list[ActorRef]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and not _stative(verb)
        found: list[ActorRef] = []
        for c in verb.children:
            if passive and c.dep_ == "agent":
                found += self.pobj_refs(c, adjective=True)      # "shot down by Russian air defences"
            elif not passive and c.dep_ in ("nsubj", "csubj", "nsubjpass"):   # "Iraqi Kurds demonstrated": people
                people = c.tag_ in ("NNS", "NNPS") and c.lemma_.lower() not in WEAPONS   # not "Cambodian rockets"
                found += [self._people(r) if people else r
                          for r in self.refs(c, role="subject", adjective=people)] or self._document(c)
            elif c.dep_ == "prep" and c.lower_ in ("along", "together"):     # not "arrived in Kyiv along with
                found += [r for g in c.children if g.lower_ == "with" for r in self.pobj_refs(g)   # the first
                          if not r.via.startswith("location")]                             # tanks": Kyiv's tanks
        if not found and passive:         # "killed in an Israeli air strike": whose attack it was
            found = [r for o in self.means_of(verb) for r in self.refs(o, possessor=True, adjective=True)]
        if not found and not passive and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
            found = self._swallowed_subject(verb)
        if found:
            return dedupe_refs(found)
        if any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and not self.role_of(c) and c.lemma_.lower() not in SPEAKERS
               for c in verb.children):
            return []                       # "when the earthquake struck Turkey, Israel sent …": not Israel
        return self._inherited_sources(verb, passive)

    def _swallowed_subject(self, verb: Token) -> list[ActorRef]:
        """ "In August 2022 Azerbaijan shelled …": the parser took the subject into the opening date
        phrase ("Azerbaijan" as an apposition of "August"); the actor named just before the verb, inside
        a phrase that opens the clause, is its subject."""
        opening = [c for c in verb.children if c.dep_ in ("prep", "npadvmod") and c.i < verb.i]
        j = verb.i - 1
        while j > 0:           # "On July 8 Abiy Ahmed, Ethiopia's prime minister, flew", "In June Rabat,
            word = verb.doc[j]                                                 # which had …, said"
            relative = next((a for a in word.ancestors if a.dep_ == "relcl" and a.i < verb.i), None)
            if word.text == ",":
                j -= 1
            elif relative is not None and relative.head.i < relative.left_edge.i:
                j = relative.left_edge.i - 1
            else:
                break
        if not opening or j < 0:
            return []
        last = verb.doc[j]
        mention = self.by_token.get(last.i)
        if mention is None or (mention.kind == "place" and last.ent_type_ != "DATE") or \
                not any(c.left_edge.i <= last.i <= c.right_edge.i for c in opening):
            return []
        dated = last.ent_type_ == "DATE"       # "In March Canberra postponed …": a capital read into the date
        if mention.kind == "role":
            return self._role_ref(last, mention) if last.dep_ == "appos" else []
        # "in Singapore, Trump and Kim shook hands": the subjects joined to the place, not the place
        words = [last] + [c for c in last.conjuncts if c.dep_ == "conj" and c.i < last.i]
        mentions = [self.by_token[w.i] for w in sorted(words) if w.i in self.by_token]
        refs = [self._mention_ref(m) for m in mentions if m.kind != "role" and (m.kind != "place" or dated)]
        return [r for r in refs if r is not None]

    def _people(self, ref: ActorRef) -> ActorRef:
        """ "Algerian landowners" named by the country's adjective are its people (CVL), not the state."""
        if ref.via.startswith("adjective") and len(ref.code) == 3 and self.actors.types.get(ref.code) == "state":
            return replace(ref, code=f"{ref.code}CVL")
        return ref

    @staticmethod
    def means_of(verb: Token) -> list[Token]:
        """The attack a violent act was done in or by: "killed in an air strike", "wounded by shelling"."""
        return [o for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "during", "by")
                for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() in ATTACK_NOUNS]

    def _inherited_sources(self, verb: Token, passive: bool) -> list[ActorRef]:
        head = verb.head
        if head.i == verb.i:
            return []
        if verb.dep_ == "conj" or (verb.dep_ in ("xcomp", "advcl") and not passive):
            if verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in head.children):
                raised = [r for c in head.children if c.dep_ == "nsubjpass" for r in self.refs(c, role="subject")]
                if raised:                        # "X is expected to visit", "X was asked to leave"
                    return raised
            if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
                objs = [r for c in head.children if c.dep_ in ("dobj",) for r in self.refs(c)]
                if objs:
                    return objs
            if head.pos_ in ("VERB", "AUX"):
                return self.verb_sources(head)
            if head.pos_ == "ADJ" and head.head.i != head.i:     # "Syria is willing to withdraw"
                return self.verb_sources(head.head)
        if verb.dep_ == "acomp" and head.pos_ in ("VERB", "AUX"):   # "Israel is opposed to …"
            return self.verb_sources(head)
        if verb.dep_ == "pcomp" and head.head.i != head.i and head.head.pos_ in ("VERB", "AUX"):
            governor = head.head                # "accused X of arming Y", "barred X from buying": X's act
            if governor.lemma_.lower() in OBJECT_CONTROL | ACCUSED_OF and head.lower_ in ("of", "for", "from"):
                objs = [r for c in governor.children if c.dep_ == "dobj" for r in self.refs(c, adjective=True)]
                if objs:
                    return objs
            return self.verb_sources(governor)
        if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            found = self.refs(head)
            if not found and head.lemma_.lower() in WRITINGS:   # "answered with a statement calling X a Y":
                holder = head.head.head if head.dep_ == "pobj" else head.head   # the writer's words
                if holder.i != head.i and holder.pos_ in ("VERB", "AUX") and head.dep_ in ("pobj", "dobj"):
                    found = self.verb_sources(holder)
            return found
        return []

    def verb_targets(self, verb: Token, match: PatternMatch, sources: list[ActorRef]) -> list[ActorRef]:
        preps = match.pattern.target_prep or DEFAULT_TARGET_PREPS
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and not _stative(verb)

        def others(refs: list[ActorRef]) -> list[ActorRef]:
            return [r for r in refs if not any(same_actor(r.code, s.code) for s in sources)]

        if any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in verb.children):
            return []                           # "busy arming itself": an act on the doer, no dyad
        found: list[ActorRef] = []
        obj = match.object
        named = what_called(verb)               # "condemned what it called Rwanda's support for the M23"
        if named is not None:
            found = others(self.refs(named, possessor=True, adjective=True))
        if not found and match.pattern.code[:2] in ("11", "12"):   # "condemned the expulsion of Colombian
            found = others([r for c in verb.children if c.dep_ == "dobj" or (passive and c.dep_ == "nsubjpass")
                            for r in self._doer(c)])              # diplomats by Venezuela": the doer's act
        for c in verb.children if not found else []:
            if (c.dep_ == "dobj" or (passive and c.dep_ == "nsubjpass")) and (obj is None or c.i != obj.i):
                found += others(self.refs(c, possessor=True, adjective=True,   # "shelled Iraqi towns"
                                          place=match.pattern.code == VISIT))    # "visited Jeddah"
            elif c.dep_ == "dative":
                found += others(self.pobj_refs(c) if c.pos_ == "ADP" else self.refs(c))
        if not found and match.pattern.oprd:       # "declared the ambassador persona non grata" (parsed as a
            found = others([r for c in verb.children if c.dep_ in ("ccomp", "xcomp")   # clause), "stopped buying
                            for a in c.children if a.dep_ in ("nsubj", "dobj")          # Canadian wheat"
                            for r in self.refs(a, possessor=True, adjective=True)])
            complements = [c for c in verb.children if c.dep_ == "oprd"]   # "called India's remarks irresponsible"
            if not found and len(complements) > 1:                         # read as two complements: the first
                found = others(self.refs(complements[0], possessor=True, adjective=True))   # is what is called so
        if not found and obj is not None and match.pattern.target_prep:   # "blocked the NATO bids of X"
            owned = bool(others(self.refs(obj, possessor=True, adjective=True)))   # "an Iranian convoy in Syria"
            found = others([r for c in obj.children if c.dep_ == "prep" and c.lower_ in match.pattern.target_prep
                            and not (owned and c.lower_ in ("in", "near", "at"))
                            for r in self.pobj_refs(c, possessor=True, adjective=True)])
        if not found and obj is None and match.pattern.prep and match.pattern.code[:2] in ("02", "10"):
            found = others([r for c in verb.children if c.dep_ == "prep" and c.lower_ in match.pattern.prep
                            for r in self.pobj_refs(c, possessor=True, adjective=True)])   # "called for the
            #                                                     withdrawal of US troops", "for Russia's exit"
        if not found and match.pattern.prep:       # "banned its citizens from travelling to North Korea": where
            found = others([r for c in verb.children if c.dep_ == "prep" and c.lower_ in match.pattern.prep   # the
                            for v in c.children if v.dep_ == "pcomp" for p in v.children     # stopped act went
                            if p.dep_ == "prep" and p.lower_ in ("to", "into", "against") for r in self.pobj_refs(p)])
        objects = [obj] if obj is not None else [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        ruled = [c for c in objects if c.lemma_.lower() in RULINGS and not any(
            d.dep_ in ("poss", "compound", "amod") for d in c.children)]
        if not found and ruled:                   # "Myanmar rejected the ruling": the court that gave it
            court = self._court(ruled[0])
            found = others([court] if court is not None else [])
        inviters = [t for c in objects if c.dep_ == "dobj" and c.lemma_.lower() in ("invitation", "invite")
                    for t in c.subtree if t.i != c.i and t.i in self.by_token]
        if not found and inviters:               # "declined an invitation to attend the summit hosted by India",
            found = others(self.refs(inviters[0], place=True))[:1]   # "turned down an invitation to join BRICS"
            #                                     (the first named: not Israel in "a meeting of Palestinian factions on …")
        if not found and obj is not None:          # "removed its embargo", "defaced Danish websites"
            found = others(self.refs(obj, possessor=True, adjective=True) + [
                r for c in obj.children if c.dep_ == "prep" and c.lower_ in ("by", "from") for r in self.pobj_refs(c)])
        backs = [c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "back"]   # "went back to Tehran"
        for h in ([verb] + backs + ([obj] if obj is not None else [])) if not found else []:
            for c in [x for c in h.children for x in (c, *(c.conjuncts if c.dep_ == "prep" else ()))]:
                if c.lower_ == "on" and h.lemma_.lower() in GATHERINGS and not any(
                        self.actors.types.get(r.code[:3]) == "state" for r in self.pobj_refs(c)):
                    continue                         # "boycotted the forum on Africa": its topic
                if (c.dep_ in ("prep", "dative") or (c.dep_ == "conj" and c.pos_ == "ADP")) and c.lower_ in preps \
                        and not _onlooker(c):        # "flew to Kinshasa and then to Kigali
                    place = c.lower_ in match.pattern.target_prep      # "arrived in Amman": the pattern says so
                    found += others(self.pobj_refs(c, possessor=True, adjective=True, place=place))
        if not found:                                      # "mobilized reservists for a war against X"
            found = others([r for h in [verb] + ([obj] if obj is not None else []) for c in h.children
                            if c.dep_ == "prep" for r in self._nested_refs(c, preps)])
        if not found:            # "endorsed an agreement with the EU", "extradited the suspects to Nigeria"
            found = others([r for c in verb.children if c.dep_ == "dobj" and (obj is None or c.i != obj.i)
                            for p in c.children if p.dep_ == "prep" and p.lower_ in preps
                            and not (match.pattern.target_prep and p.lower_ in LOCATIVE_PREPS)
                            for r in self.pobj_refs(p, possessor=True, adjective=True)])
        if not found and verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN") and (
                passive or verb.tag_ == "VBN"):            # "the Iranian tanker (that was) seized by British marines"
            found = others(self.refs(verb.head, possessor=True, adjective=True))
        if not found and obj is None and wrapper_kind(verb):
            found = others(self._shared_targets(verb))          # "agreed to sell helicopters to X"
        if not found and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not (
                match.pattern.symmetric and len({s.code[:3] for s in sources}) > 1):   # "X and Y sat down at Z's
            found = others(self._shared_targets(verb.head))                          # residence and agreed": each other
        if not found and not any(c.dep_ == "dobj" for c in verb.children):   # "punched and kicked two
            found = others([r for c in verb.children if c.dep_ == "conj" and c.i == verb.i + 2   # photographers"
                            and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)
                            for o in c.children if o.dep_ == "dobj"
                            for r in self.refs(o, possessor=True, adjective=True)])
        if not found:                     # "recalled its envoy in protest against Y's decision"
            found = others([r for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
                            for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() in REACTION_NOUNS
                            for p in o.children if p.dep_ == "prep"
                            for r in self.pobj_refs(p, possessor=True, adjective=True)])
        if not found:                     # "threatened action if Y did not …", "would impose sanctions unless Y …"
            found = others(self._condition_subjects(verb))
        if not found and match.pattern.code[:2] in CLAUSE_TARGET_ROOTS:   # "demanded that the US withdraw"
            clauses = [c for h in (verb, obj) if h is not None for c in h.children   # "its demand that X …"
                       if c.dep_ == "ccomp" or (c.dep_ == "acl" and obj is not None and h.i == obj.i)]
            found = others([r for c in clauses for s in c.children if s.dep_ in ("nsubj", "nsubjpass")
                            for r in self.refs(s)])
            if not found:             # "warned that Chinese consumers might stop buying Australian wine"
                found = others([r for c in clauses for v in (c, *(x for x in c.children if x.dep_ == "xcomp"))
                                for o in v.children if o.dep_ == "dobj"
                                for r in self.refs(o, possessor=True, adjective=True)])
        if not found and obj is not None and obj.lemma_.lower() in GATHERINGS and match.pattern.code[:2] in ("12", "14"):
            found = others([r for c in obj.children if c.dep_ == "prep" and c.lower_ == "in"    # "boycotted the
                            for r in self.pobj_refs(c, place=True)                             # forum in Cape
                            if self.actors.types.get(r.code[:3]) == "state"])                  # Town": its host
        if not found and match.pattern.code[:2] == "04" and len({s.code[:3] for s in sources}) == 1 and not any(
                c.dep_ == "nsubj" and c.conjuncts for c in verb.children):     # (not "X and Y met in Nairobi")
            found = others([r for h in (verb, obj) if h is not None for c in h.children   # "the minister held
                            if c.dep_ == "prep" and c.lower_ == "in"                      # talks in Kabul": the
                            for r in self.pobj_refs(c, place=True)                        # host
                            if r.via != "role" and self.actors.types.get(r.code[:3]) == "state"])
        if not found and sources and match.pattern.code[:2] >= "14":   # "police dispersed demonstrators"
            found = others(self._compatriots(verb, sources))
        if not found:                     # "demanded an admission by Moscow", "rejected an offer from Kabul"
            found = others([r for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                            for p in c.children if p.dep_ == "prep" and p.lower_ in ("by", "of", "from")
                            for r in self.pobj_refs(p, possessor=True, adjective=True)])
        return dedupe_refs(found)

    def _compatriots(self, verb: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """People a state's organ coerces or attacks, named by role alone ("Egyptian police dispersed
        demonstrators", "fired on protesters"): of its own country."""
        states = {s.code[:3] for s in sources if len(s.code) == 6 and s.code[3:] in STATE_ROLES
                  and self.actors.types.get(s.code[:3]) == "state"}
        if len(states) != 1:
            return []
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += [o for h in (verb, *objects) for p in h.children if p.dep_ == "prep" and p.lower_ in AIMED_AT
                    for o in p.children if o.dep_ == "pobj"]               # "opened fire on demonstrators"
        objects += [o for c in objects if c.lemma_.lower() in COLLECTIVE or c.pos_ == "NUM"   # "dozens of activists"
                    for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        roles = [(o, self.by_token[o.i].role if o.i in self.by_token else self.role_of(o)) for o in objects
                 if o.i not in self.by_token or self.by_token[o.i].kind == "role"]
        return [ActorRef(f"{next(iter(states))}{role}", o.text, o, "compatriot") for o, role in roles
                if role and role not in STATE_ROLES]

    def _condition_subjects(self, verb: Token) -> list[ActorRef]:
        """Whoever an "if"/"unless" clause on the act, or on the threat or promise wrapping it, names as
        subject: the side the act is held over."""
        heads = [verb]
        while heads[-1].dep_ in ("xcomp", "ccomp") and len(heads) < 3:
            heads.append(heads[-1].head)
        for h in heads:
            for c in h.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                    found = [r for s in c.children if s.dep_ in ("nsubj", "nsubjpass") for r in self.refs(s)]
                    if found:
                        return found
        return []

    def _shared_targets(self, verb: Token) -> list[ActorRef]:
        """The target of a coordinated or wrapped verb phrase: "declined to sell F-16s to X and suspended
        aid" -> X; "threatened to impose restrictions on X's goods" -> X."""
        for v in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
            for c in v.children:
                if c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in DEFAULT_TARGET_PREPS):
                    found = self.pobj_refs(c, adjective=True) if c.pos_ == "ADP" else self.refs(c)
                    if not found and c.dep_ == "dobj":
                        found = [r for p in c.children if p.dep_ == "prep" and p.lower_ in DEFAULT_TARGET_PREPS
                                 for r in self.pobj_refs(p, possessor=True, adjective=True)]
                    if found:
                        return found
        return []

    def _doer(self, noun: Token) -> list[ActorRef]:
        """Who did what a noun names, when "by" says so: "the expulsion (of the diplomats) by Venezuela"."""
        holders = [noun] + [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                            for o in c.children if o.dep_ == "pobj"]
        return [r for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "by"
                for r in self.pobj_refs(c)]

    def noun_sources(self, noun: Token, target_preps: tuple[str, ...] = ()) -> list[ActorRef]:
        """Who does what an event noun names: its possessor or modifier, "by"/"between"/"of" X (unless
        the pattern's target follows "of": "the closure of X's consulates"), else the verb's subject."""
        found: list[ActorRef] = []
        modifiers = [r for c in noun.children if c.dep_ in MODIFIER_DEPS and c.i < noun.i for r in self.refs(c)]
        found += modifiers
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "between", "among"):
                found += self.pobj_refs(c)
            elif c.dep_ == "prep" and c.lower_ == "of" and not modifiers and "of" not in target_preps:
                found += self.pobj_refs(c)
        if not found:                    # "the expulsion of Colombian diplomats by Venezuela" ("by" hung lower)
            found = self._doer(noun)
        if not found and noun.dep_ == "nsubjpass":
            agent = [c for c in noun.head.children if c.dep_ == "agent"]
            found = [r for a in agent for r in self.pobj_refs(a)]
        if not found and noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and \
                noun.head.lemma_.lower() not in TOPIC_VERBS:            # "issued a warning", "made an offer"
            found = self.verb_sources(noun.head)
        if not found and noun.dep_ == "pobj" and (noun.head.head.lemma_.lower() in TAKING_PART
                                                  or noun.head.lower_ in ("through", "via") or (
                noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in GOING)):   # "came to Islamabad
            #                                                          for talks with X": the comer talks
            verb = noun.head.head                                     # "engaged in ethnic cleansing against X"
            found = self.verb_sources(verb) or [r for c in verb.children if c.dep_ == "nsubjpass"
                                                  for r in self.refs(c, adjective=True)]
        return dedupe_refs(found)

    def noun_targets(self, noun: Token, pattern: VerbPattern, sources: list[ActorRef]) -> list[ActorRef]:
        preps = pattern.target_prep or ("on", "against", "with", "to", "for", "toward", "towards")
        if sources and not pattern.symmetric and any(c.dep_ in MODIFIER_DEPS for c in noun.children):
            preps = (*preps, "of")                     # "Russia's invasion of Ukraine"
        found = [r for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
                 for r in self.pobj_refs(c, adjective=True, place=pattern.code == VISIT)   # "a visit to Jeddah"
                 if not any(same_actor(r.code, s.code) for s in sources)]   # (not "of her country's ambassador")
        if not found:                                  # "the withdrawal of forces from Panama"
            found = [r for c in noun.children if c.dep_ == "prep" for r in self._nested_refs(c, preps)]
        if not found:                                  # "its demand that Israel ease restrictions"
            found = [r for c in noun.children if c.dep_ in ("acl", "ccomp")
                     for s in c.children if s.dep_ == "nsubj" for r in self.refs(s)]
        if not found and _behest(noun):                # "arrested him at the request of the United States":
            found = self.verb_sources(noun.head.head)  # the one who acted was asked
        return dedupe_refs([r for r in found if not any(same_actor(r.code, s.code) for s in sources)])

    def _nested_refs(self, prep: Token, preps: Iterable[str], depth: int = 2) -> list[ActorRef]:
        """Targets a phrase or two down: "for [a war against X]", "of [forces from X]", "in [support of
        [talks with X]]"."""
        found: list[ActorRef] = []
        for o in prep.children:
            if o.dep_ == "prep" and particle_prep(prep):
                found += self._nested_refs(o, preps, depth)         # "out [of the meeting with X]"
            if o.dep_ != "pobj" or o.pos_ not in ("NOUN", "PROPN"):
                continue
            for c in o.children:
                shared = c.lower_ == "with" and o.lemma_.lower() in BORDERS     # "to its border with Guyana"
                if c.dep_ == "prep" and (c.lower_ in preps or shared) and c.lower_ != "of" and not _onlooker(c):
                    found += self.pobj_refs(c, possessor=True, adjective=True)
                elif c.dep_ == "prep" and depth > 1:
                    found += self._nested_refs(c, preps, depth - 1)
        return found

    def pobj_refs(self, prep: Token, *, possessor: bool = False, adjective: bool = False,
                   place: bool = False) -> list[ActorRef]:
        return [r for c in prep.children if c.dep_ == "pobj"
                for r in self.refs(c, possessor=possessor, adjective=adjective, place=place)]

    # -- resolving a noun phrase to actors ---------------------------------------------------------------
    def refs(self, token: Token, *, role: str = "", possessor: bool = False, adjective: bool = False,
             place: bool = False) -> list[ActorRef]:
        """The actors a noun phrase headed by ``token`` names, with its conjuncts and listed appositions
        ("the US, Russia, and Switzerland"). ``possessor``: a possessor or compound stands for an unknown
        head ("Pakistan's stance"); ``adjective``: so does a country adjective ("Iraqi towns");
        ``place``: a capital after "in" is an actor here ("arrived in Amman")."""
        found = self._one(token, role=role, possessor=possessor, adjective=adjective, place=place)
        thing = token.pos_ == "NOUN" and not self.role_of(token) and token.lemma_.lower() not in \
            ANAPHOR_NOUNS | STATE_NOUNS | BODY_NOUNS | COLLECTIVE
        for c in token.children:
            if thing and c.dep_ == "appos" and c.left_edge.i <= token.i + 2:   # "a pact, the Alliance of …"
                continue                                                       # names the pact
            if c.dep_ == "conj" or (c.dep_ == "appos" and c.i in self.by_token
                                    and self.by_token[c.i].kind in ("name", "capital")):
                found += self.refs(c, role=role, possessor=possessor, adjective=adjective, place=place)
            elif role == "subject" and c.dep_ == "prep" and c.lower_ in ("along", "together"):
                found += [r for w in c.children if w.lower_ == "with" for r in self.pobj_refs(w)]  # "X, along with Y,"
        return dedupe_refs(found)

    def _one(self, token: Token, *, role: str, possessor: bool, adjective: bool = False,
             place: bool = False) -> list[ActorRef]:
        anaphor = self._anaphor(token, role=role)
        if anaphor is not None:
            return anaphor
        mention = self.by_token.get(token.i)
        if mention is not None and mention.kind == "leader" and mention.end - mention.start == 1 and \
                token.text in self.people:     # "Yang Jiechi, China's state councillor, … Yang": the one
            mention = None                     # named here, not a lexicon holder of that surname
        person = self.people.get(token.text) if mention is None and (token.pos_ == "PROPN" or (   # (or "Mendes"
            token.text[:1].isupper() and token.i > token.sent.start)) else None      # tagged a plural noun)
        if person is not None and not any(c.dep_ == "compound" for c in token.children):   # (whatever the tagger
            #                                                          made of it: "summoned Lugo" as a building)
            return [ActorRef(person.code, token.text, token, person.via)]     # "Gedu accused Egypt"
        if mention is not None and mention.kind != "role":
            if mention.kind == "place" and not place:
                return []
            now = self._office_now(token) if mention.kind == "leader" and not mention.current else []
            ref = self._mention_ref(mention)
            return now or ([ref] if ref else [])
        described = [a for c in token.children if c.dep_ == "relcl" and c.lemma_ == "be"   # "X, soon to be
                     for a in c.children if a.dep_ == "attr"]                                # his minister,"
        for c in [*token.children, *described]:       # "Indian Prime Minister Modi" -> the leader
            if c.dep_ in ("appos", "attr"):
                m = self.by_token.get(c.i)
                if m is not None and m.kind == "leader":
                    ref = self._mention_ref(m)
                    return [ref] if ref else []
                if mention is None and (token.ent_type_ == "PERSON" or token.pos_ == "PROPN" and (token.ent_type_ not in
                                        ("GPE", "LOC", "NORP", "FAC") or _person(c))) and m is not None and m.kind == "role":
                    found = self._role_ref(c, m)              # "Ivan Novak, a Czech deputy minister,"
                    whose = any(p.dep_ == "poss" and p.lower_ in ("his", "her") for p in c.children) or \
                        _of_its(c)                # a leader's, or "the secretary of its ministry"
                    if found and not any(r.via.startswith("context") or (r.via.startswith("pronoun") and not whose)
                                         for r in found):
                        return found
        if mention is not None or self.role_of(token):
            return self._role_ref(token, mention)
        if token.lemma_.lower() in COLLECTIVE | BODY_NOUNS or token.pos_ == "NUM":   # "a group of Moroccan diplomats"
            members = [r for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                       for r in self.pobj_refs(c, possessor=possessor, adjective=adjective)]
            if members:
                return members
        if token.pos_ == "PROPN" and mention is None:      # "Bentiu, the capital of South Sudan's Unity state"
            placed = [ActorRef(r.code[:3], r.text, r.token, "place") for c in token.children
                      if c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS for r in self._places(c)][:1]
            if placed:
                self.places[token.text] = placed[0]
                return placed
            if token.text in self.places and not any(c.dep_ == "compound" for c in token.children):
                return [replace(self.places[token.text], text=token.text, token=token)]    # and "Bentiu" later
        # a head the dictionary does not know: "Taliban faction", "President Dawda Jawara", "Pakistan's stance"
        deps = ("poss", "compound", "nmod") if possessor or token.pos_ == "PROPN" else ("compound", "nmod")
        deps = (*deps, "amod") if adjective or token.lemma_.lower() in PLATFORMS | WRITINGS else deps
        owners = [r for c in token.children if c.dep_ in deps and c.i < token.i for w in (*_hyphened(c), c)
                  for r in self.refs(w)]          # "a joint French-Saudi statement": both
        if not owners and possessor and token.pos_ == "NOUN" and token.lemma_.lower() in OWNED:   # "the plane of
            owners = [r for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for r in self.pobj_refs(c)]
        return self._leaders(token) or owners

    def _office_now(self, name: Token) -> list[ActorRef]:
        """ "Michelle Bachelet, the UN's human-rights chief,": a former leader whose apposition names an
        office in an organisation holds that one now."""
        return [r for c in name.children if c.dep_ == "appos" and c.i > name.i and self.role_of(c)
                for r in self._role_ref(c, self.by_token.get(c.i)) if r.code.startswith(("IGO", "NGO"))]

    def _leaders(self, token: Token) -> list[ActorRef]:
        """ "a Saudi-led coalition", "Vietnamese-led forces": the leading side; "a Canadian-owned mine": the owner."""
        return [replace(r, via=f"{c.lemma_.lower()}->{r.via}") for c in token.children   # (the state, not its
                if c.dep_ == "amod" and c.lemma_.lower() in ("lead", "own")              # people: "Saudi" here is
                for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod", "amod") for r in self.refs(g)]   # Saudi Arabia)

    def role_of(self, token: Token) -> str | None:
        """The role a noun names: "officials", and with its compounds "border guards", "coast guard"."""
        found = self.actors.roles.get(token.lemma_.lower()) or self.actors.roles.get(token.lower_)
        compound = [c.lower_ for c in token.children if c.dep_ == "compound" and c.i < token.i]
        return found or (self.actors.roles.get(" ".join(compound + [token.lower_])) if compound else None)

    def _role_ref(self, head: Token, mention: Mention | None) -> list[ActorRef]:
        """A role noun with the actor it belongs to: "Pakistani military officers", "President Putin";
        "the delegation" or "the envoy" alone is the last one of the last five sentences whose owner
        was named ("A Serbian parliamentary delegation arrived … The delegation accused …")."""
        found = self._owned_role(head, mention)
        noun = head.lemma_.lower()
        if found and not any(r.via.startswith(("context", "pronoun", "role->")) for r in found):
            self.role_heads[noun] = (self.sent_no, found)
        elif not found and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) and \
                not any(c.dep_ in MODIFIER_DEPS for c in head.children) and noun in self.role_heads and \
                self.sent_no - self.role_heads[noun][0] <= 5:
            found = [replace(r, text=head.text, token=head, via=f"role->{r.text}") for r in self.role_heads[noun][1]]
        return found

    def _owned_role(self, head: Token, mention: Mention | None) -> list[ActorRef]:
        role = mention.role if mention is not None else self.role_of(head)
        other_side = head.lemma_.lower() == "counterpart"     # "their counterparts from Kenya": not theirs
        for c in head.children:
            if other_side and c.pos_ == "PRON":
                continue
            if c.i < head.i and c.dep_ in MODIFIER_DEPS | {"appos"}:
                inner = self.by_token.get(c.i)
                if inner is not None and inner.kind == "leader":
                    ref = self._mention_ref(inner)
                    return [ref] if ref else []
                found = [r for r in self.refs(c) if r.via != "role"]
                if found:
                    return [self._with_role(r, role, head) for r in found]
        led = self._leaders(head)
        if led:
            return [self._with_role(r, role, head) for r in led]
        mission = head.lemma_.lower() in MISSIONS
        for c in head.children:
            if c.dep_ == "prep" and (c.lower_ in ("of", "from", "in") or (c.lower_ == "for" and head.lemma_.lower(
                    ) in SPOKESPEOPLE)) and not (mission and c.lower_ == "in"):   # "a spokeswoman for the EU"
                ruling = c.lower_ == "in" and head.lemma_.lower() in RULING     # "police in Gaza", "the army of X",
                found = self.pobj_refs(c, place=ruling)                         # "the government in Tripoli"
                if found:
                    return [self._with_role(r, role, head) for r in found]
        before = self._mention_before(mention.start if mention is not None else head.i)
        if mission:          # "the Dutch embassy in Ankara and the consulate in Istanbul": the first one's owner
            first = head.head if head.dep_ == "conj" and head.head.lemma_.lower() in MISSIONS else None
            owner = self._role_ref(first, self.by_token.get(first.i)) if first is not None else []
            host = self._located(head)
            owner = owner or ([before] if before is not None and (host is None or before.code[:3] != host.code) else [])
            return [self._with_role(r, role, head) for r in owner]
        if before is None and head.dep_ not in MODIFIER_DEPS:
            before = self._located(head)
        return [self._with_role(before, role, head)] if before is not None else []

    def _document(self, noun: Token) -> list[ActorRef]:
        """A report with no author named speaks for the state it came out in ("a report released in the
        Rwandan capital alleged …")."""
        place = self._located(noun) if noun.lemma_.lower() in DOCUMENT_NOUNS else None
        return [ActorRef(place.code, noun.text, noun, "document")] if place is not None else []

    def _located(self, head: Token) -> ActorRef | None:
        """The country a role noun with no owner acts in: "students throughout Indonesia", "police opened
        fire in the northern city of Kirkuk", "prisoners rioted at a jail in Israel"; "killed in Israeli
        shelling in Gaza": where the shelling was, not whose)."""
        released = [c for c in head.children if c.dep_ == "acl"]         # "a report released in Kigali"
        verb = clause_verb(head)
        stormed = [c for c in verb.children if c.dep_ == "dobj" and head.dep_ == "nsubj"]  # "protesters
        for holder in (head, *released, verb, *stormed):                               # stormed the embassy in Tehran"
            for c in holder.children:
                if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
                    place = next((r for o in c.children if o.dep_ == "pobj" and not _behest(o)
                                  for r in (self._places(o, outside=c.lower_ in OUTSIDE)
                                            if o.lemma_.lower() not in ATTACK_NOUNS else [
                                      r for p in o.children if p.dep_ == "prep" and p.lower_ in LOCATIVE_PREPS
                                      for w in p.children if w.dep_ == "pobj" for r in self._places(w)])), None)
                    if place is not None:
                        return ActorRef(place.code[:3], place.text, place.token, "location")
        return None

    def _first_located(self, *heads: Token) -> ActorRef | None:
        return next((p for h in heads for p in [self._located(h)] if p is not None), None)

    def _places(self, token: Token, depth: int = 2, *, outside: bool = False) -> list[ActorRef]:
        """The state a place phrase is in: "Serbia", "the city of Kirkuk", "a jail in northern Israel";
        ``outside`` a mission, the state it stands in ("outside the Russian embassy in Prague": Czechia; but
        "a guard at Israel's embassy": Israel's)."""
        mention = self.by_token.get(token.i)
        if mention is not None and mention.kind in ("place", "capital", "name", "adjective") and mention.code:
            ref = self._mention_ref(mention)
            if ref is not None and self.actors.types.get(ref.code[:3]) == "state" and \
                    self.actors.types.get(ref.code) != "group":      # not "a FARC camp"
                return [ref]
        named = [] if outside and token.lemma_.lower() in MISSIONS else [   # "Idlib province", "the Rwandan
            r for c in token.children if c.dep_ in ("compound", "amod", "poss") for r in self._places(c, 1)]   # capital"
        return named or [r for c in token.children if depth > 1 and c.dep_ == "prep" and c.lower_ in ("of", "in")
                         for o in c.children if o.dep_ == "pobj" for r in self._places(o, depth - 1)]

    def _mention_before(self, i: int) -> ActorRef | None:
        """An actor written just before a role noun, when the parse did not attach it ("X's Foreign Minister")."""
        j = i - 1
        while j >= 0 and i - j <= 3:
            token = self.doc[j]
            m = self.by_token.get(j)
            if m is not None and m.kind not in ("role", "place"):
                return self._mention_ref(m)
            if token.lower_ not in ("'s", "’s", "'", "’") and token.pos_ not in ("ADJ", "PROPN", "NOUN"):
                return None
            j -= 1
        return None

    def _with_role(self, ref: ActorRef, role: str | None, head: Token) -> ActorRef:
        code = ref.code
        if role and len(code) == 3 and self.actors.types.get(code) == "state":
            code = code + role
        text = head.text if ref.via == "location" else self.doc[min(ref.token.i, head.i): max(ref.token.i, head.i) + 1].text
        return ActorRef(code, text, head, f"{ref.via}+role")

    def _mention_ref(self, m: Mention) -> ActorRef | None:
        if m.kind == "role" or not m.code:
            return None
        span = self.doc[m.start:m.end]
        return ActorRef(m.code, span.text, span.root, m.kind)

    # -- pronouns and "the two countries" -------------------------------------------------------------
    def _anaphor(self, token: Token, *, role: str) -> list[ActorRef] | None:
        lower = token.lower_
        if lower == "both" and token.dep_ in ("pobj", "dobj", "nsubj") and not any(token.children):
            return self.recent_pair(token)          # "urged restraint on both"
        if lower == "two" and token.dep_ in ("nsubj", "nsubjpass") and [c.lower_ for c in token.children] == ["the"]:
            return self.recent_pair(token)          # "the two agreed on a gradual restoration"
        if token.lemma_.lower() in ANAPHOR_NOUNS and any(c.dep_ == "det" and c.lower_ == "each" for c in token.children):
            return self.recent_pair(token)          # "each side accused the other"
        if token.lower_ in ("which", "whom", "who") and token.head.dep_ == "relcl" and token.dep_ in ("dobj", "pobj"):
            return self.refs(token.head.head, role=role)    # "Belgium, which it accused of …": Belgium
        if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
            if lower == "it" and _expletive(token):
                return []
            if lower == "it" and token.dep_ == "nsubj" and token.head.dep_ == "conj":
                earlier = [s for s in token.head.head.children if s.dep_ == "nsubj" and s.pos_ != "PRON"
                           and s.tag_ in ("NN", "NNP")]     # "the junta revoked …, and then it ordered …"
                found = [r for s in earlier for r in self.refs(s, role="subject")]
                if found:
                    return [ActorRef(r.code, token.text, token, f"pronoun->{r.text}") for r in found]
                if any(s.pos_ == "NOUN" and not self.role_of(s) for s in earlier):
                    return []                 # "the list ran to thirteen items, and it gave Doha ten days"
            if lower in PRONOUNS_ONE:                  # "it", and "its" in "Its foreign ministry accused …"
                subject = token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "poss" and _in_subject(token.head))
                ref = self._reporter(token, people=False) or self._recent(token, subject=role == "subject" or subject)
                return [ref] if ref else []
            if lower in PRONOUNS_MANY or lower == "itself":
                bound = self._bound(token)
                if bound is not None:
                    return bound
            if lower in PRONOUNS_MANY:
                return self._met_before(token) or self._last_group(token) or self._plural_subject(token) or \
                    self.recent_pair(token)
            if lower in PRONOUNS_PERSON:            # a leader, or an official named by role
                ref = self._reporter(token) or self._recent(token, subject=token.dep_ in ("nsubj", "nsubjpass"),
                                                            kinds={"leader", "person"})
                return [ref] if ref else []
            if lower == "other" or lower == "each":
                return []
            return None
        if token.lower_ in BODY_NOUNS and token.tag_ == "NNP" and token.text[0].isupper() and not any(
                c.dep_ in MODIFIER_DEPS | {"prep"} for c in token.children) and any(
                c.lower_ == "the" for c in token.children if c.dep_ == "det"):
            ref = self._named_body(token)           # "the Commission": the European Commission named before
            return [ref] if ref else None
        if token.lemma_.lower() in BODY_NOUNS and token.tag_ == "NN" and not any(
                c.dep_ in MODIFIER_DEPS | {"prep"} and c.i in self.by_token for c in token.children) and any(
                c.lower_ in ("the", "this") for c in token.children if c.dep_ == "det") and not any(
                c.lower_ in OWN_BODIES for c in token.children):     # not "the joint border committee"
            ref = self._recent(token, subject=False, organisation=True)   # "the council": the organisation in view
            return [ref] if ref else None
        if _judges(token):
            ref = self._court(token)                 # "the judges": the court in view
            return [ref] if ref else None
        if token.lemma_.lower() in RULERS and token.tag_ == "NN" and not any(
                c.dep_ in MODIFIER_DEPS | {"prep"} for c in token.children):
            ref = self._ruled(token)                 # "the junta": the government of the state in view
            return [ref] if ref else None
        owner = [c for c in token.children if c.dep_ == "poss" and c.lower_ in ("his", "her")]
        if token.lemma_.lower() in STATE_NOUNS and token.tag_ == "NN" and owner:   # "his country": the
            found = self.refs(owner[0])                                           # leader's state
            suffix = "GOV" if token.lemma_.lower() == "government" else ""
            return [ActorRef(r.code[:3] + suffix, token.text, token, f"pronoun->{r.text}") for r in found] or None
        realm = self.actors.realms.get(token.lemma_.lower())
        if realm and not any(c.dep_ in MODIFIER_DEPS | {"prep"} for c in token.children) and any(
                c.lower_ in ("the", "this") for c in token.children if c.dep_ == "det"):
            ref = self._recent(token, subject=False, within=realm)    # "the kingdom": the kingdom in view
            return [ref] if ref else []
        if token.lemma_.lower() in ANAPHOR_NOUNS and not any(   # "the government", not "… in Tripoli"
                (c.dep_ in MODIFIER_DEPS and self.by_token.get(c.i)) or (c.dep_ == "prep" and any(
                    o.dep_ == "pobj" and self.by_token.get(o.i) for o in c.children)) for c in token.children):
            dets = {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "nummod", "amod")}
            if dets & {"three", "four"}:
                return self.recent_pair(token, n=3 if "three" in dets else 4)     # "the three countries"
            if dets & {"both", "two"} or (token.tag_ == "NNS" and "the" in dets and token.lower_ == "countries"):
                return self.recent_pair(token)
            if dets & {"the", "that", "this"} and token.tag_ == "NN":    # as a subject, the last subject
                ref = self._recent(token, subject=token.dep_ in ("nsubj", "nsubjpass"))
                return [ref] if ref else []
        noun_role = self.role_of(token) or ("GOV" if token.lemma_.lower() in ("man", "woman") else None)
        group = self._group_size(token) if noun_role and token.tag_ in ("NNS", "NNPS") else 0
        if noun_role and group:                                                   # "both leaders"
            return [self._with_role(r, noun_role, token) for r in self.recent_pair(token, n=group)]
        return None

    def _met_before(self, token: Token) -> list[ActorRef]:
        """ "After X met Y in Naypyitaw, they signed an arrangement": "they" as the subject right after a
        time clause in which one side met or spoke with another are those two."""
        if token.dep_ != "nsubj":
            return []
        for clause in token.head.children:
            if clause.dep_ not in ("advcl", "parataxis") or clause.i > token.i or not any(   # (or "after" read
                    m.dep_ in ("mark", "prep") and m.lower_ in ("after", "when", "once", "as") and m.i < clause.i   # as a
                    for m in clause.children):                                                # preposition)
                continue
            doers = [r for c in clause.children if c.dep_ == "nsubj" for r in self.refs(c, role="subject")]
            met = [r for c in clause.children if c.dep_ == "dobj" for r in self.refs(c)] + [
                r for c in clause.children if c.dep_ == "prep" and c.lower_ == "with" for r in self.pobj_refs(c)]
            pair = dedupe_refs(doers[:1] + met[:1])
            if len({self.actors.country_of(r.code) for r in pair}) == 2:
                return [ActorRef(r.code, token.text, token, f"pronoun->{r.text}") for r in pair]
        return []

    def _bound(self, token: Token) -> list[ActorRef] | None:
        """A pronoun bound by a subject above it: "Palestinian leaders said they would …", "Fiji and
        Tonga said their navies …", "the rebels declared themselves …". Reflexives and possessives
        may take their own clause's subject; "they" and "them" only a governing clause's, and only a
        plural one (one country saying "they" means someone else)."""
        verb = clause_verb(token.head)
        reason = token.head if token.dep_ == "poss" else token        # "praised Morocco's forces for their
        if reason.dep_ == "pobj" and reason.head.lower_ == "for" and reason.head.head.i == verb.i:   # cooperation"
            thanked = [r for c in verb.children if c.dep_ == "dobj" for r in self.refs(c, possessor=True)]
            if thanked:
                return [ActorRef(r.code, token.text, token, f"pronoun->{r.text}") for r in thanked]
        own = token.lower_ in ("their", "themselves", "itself")     # may take its own clause's subject
        for _ in range(4):
            if own:
                for s in verb.children:
                    if s.dep_ != "nsubj" or s.pos_ == "PRON" or s.left_edge.i <= token.i <= s.right_edge.i:
                        continue
                    plural = s.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in s.children)
                    if plural == (token.lower_ != "itself"):
                        refs = self.refs(s)
                        return [ActorRef(r.code, token.text, token, f"pronoun->{r.text}") for r in refs] or None
                    return None
            if verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or verb.head.i == verb.i:
                return None
            verb, own = verb.head, True
        return None

    def _group_size(self, noun: Token) -> int:
        """2 for "both leaders", "the two foreign ministers (in Doha)", 3 for "the three ministers"; 0
        for "two Turkish ministers", "the two men from X", "the four ministers, meeting in Cairo"."""
        dets = {c.lower_ for c in noun.children if c.dep_ in ("det", "predet", "nummod")}
        size = 2 if "both" in dets else next((n for w, n in (("two", 2), ("three", 3), ("four", 4))
                                              if {"the", w} <= dets), 0)
        if not size and dets == {"the"} and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in MEETING:
            size = 2          # "the foreign ministers met again in Putrajaya": the two sides in view
        if any((c.dep_ == "prep" and (size > 2 or c.lower_ in ("of", "from"))) or (
                c.dep_ in MODIFIER_DEPS and c.i in self.by_token and self.by_token[c.i].kind != "role")
               for c in noun.children):
            return 0
        return size

    def _recent(self, token: Token, *, subject: bool, kinds: set[str] | None = None,
                organisation: bool = False, within: frozenset[str] | None = None) -> ActorRef | None:
        pool = self.context.subjects if subject else self.context.arguments
        if kinds is not None and "person" in kinds and not subject:     # "… a deputy minister, visited Taiwan; Beijing
            pool = sorted(self.context.subjects + self.context.arguments, key=lambda x: x[0])   # sanctioned her"
        acted_on = self._object_countries(token) if subject else set()
        here = self._order(token.i)
        for pool_ in (pool, self.context.mentions):
            for i, ref in reversed(pool_):
                if i >= here:
                    continue
                if (kinds is not None and ref.via not in kinds and not ("person" in kinds and _person(ref.token))) or (
                        organisation and not ref.code.startswith(("IGO", "NGO"))) or (
                        within is not None and ref.code[:3] not in within):
                    continue
                if not subject and self._is_source_of_clause(token, ref):
                    continue
                if token.lower_ in PRONOUNS_ONE and ref.via == "adjective" and _np_head(ref.token).tag_ == "NNS":
                    continue                     # "… ordered six Canadian diplomats to leave. Its ministry": not theirs
                if ref.code[:3] in acted_on:     # "he warned Greece": not the Greek leader
                    continue
                if subject and i[0] < here[0] and _told_to(ref.token):   # "The court allowed
                    continue                     # Costa Rica to send staff …. It declined …": the court
                if subject and token.lower_ == "it" and i[0] < here[0] and _main_subject(token) and \
                        not _main_subject(ref.token):
                    main = next((r for j, r in reversed(pool_) if j[0] == i[0] and j < i and _main_subject(r.token)
                                 and r.code[:3] not in acted_on), None)   # "Ankara says it will complain that the
                    ref = main or ref                    # Dutch broke …. It has also delivered …": Ankara
                return ActorRef(ref.code, token.text, token, f"pronoun->{ref.text}")
        return None

    def _reporter(self, token: Token, *, people: bool = True) -> ActorRef | None:
        """ "He did not tell Macron that his officials …": a person pronoun subject or possessive in a
        reported clause is the person reporting it, not the one told ("said Cambodia would not
        extradite him" is someone else); with ``people`` False, "it" or "its" there is the state or
        body reporting it ("its foreign office said that it had conveyed …")."""
        verb = clause_verb(token.head)
        say = verb.head
        if verb.dep_ != "ccomp" or say.i > token.i or token.dep_ not in ("nsubj", "nsubjpass", "poss") or (
                token.dep_ == "poss" and not people and not _in_subject(token.head)):   # "found that Uruguay
            return None                                      # had breached its obligations": Uruguay's (but "told Hu
            #                                                  that Khartoum had declared war on his country": Kiir's)
        subjects = [c for c in say.children if c.dep_ == "nsubj" and c.i < token.i]
        refs = [r for c in subjects for r in self.refs(c, role="subject")
                if (r.via in ("leader", "person") or r.via.startswith("person->") or _person(c) or
                    c.lower_ in PRONOUNS_PERSON) == people]
        return ActorRef(refs[0].code, token.text, token, f"pronoun->{refs[0].text}") if len(refs) == 1 else None

    def _court(self, token: Token) -> ActorRef | None:
        """The international court or tribunal named last."""
        for i, ref in reversed(self.context.mentions):
            if i < self._order(token.i) and ref.code.startswith("IGO") and \
                    {"court", "tribunal"} & set(ref.text.lower().split()):
                return ActorRef(ref.code, token.text, token, f"court->{ref.text}")
        return None

    def _plural_subject(self, token: Token) -> list[ActorRef]:
        """ "The judges rejected Kenya's argument. They also rejected …": "they" as the subject right
        after a sentence whose first subject was people of one side is them."""
        here = self._order(token.i)[0]
        if token.dep_ != "nsubj":
            return []
        before = [(i, r) for i, r in self.context.subjects if i[0] == here - 1]
        first = min(before, key=lambda x: x[0], default=None)
        if first is None:
            return []
        head = first[1].token
        if head.tag_ == "NNS" and head.pos_ == "NOUN":
            group = [r for i, r in before if i == first[0]]
        elif head.conjuncts and all(self._someone(c) for c in (head, *head.conjuncts)):   # "Babiš and Hamáček
            group = [r for i, r in before if r.token == head or r.token in head.conjuncts]   # said …": they
        else:
            return []
        return [ActorRef(r.code, token.text, token, f"pronoun->{r.text}") for r in group]

    def _someone(self, token: Token) -> bool:
        """A person: named ("Andrej Babiš"), a leader, or one named by role ("the prime minister")."""
        m = self.by_token.get(token.i)
        return token.ent_type_ == "PERSON" or (m is not None and m.kind == "leader") or _person(token)

    def _named_body(self, token: Token) -> ActorRef | None:
        """The organisation last named in full with this noun as its last word: "the Commission" after
        "the European Commission", "the Fund" after "the International Monetary Fund"."""
        for i, ref in reversed(self.context.mentions):
            if i < self._order(token.i) and ref.code.startswith(("IGO", "NGO")) and \
                    ref.text.split()[-1].lower() == token.lower_:
                return ActorRef(ref.code, token.text, token, f"short->{ref.text}")
        return None

    def _object_countries(self, subject: Token) -> set[str]:
        """The states a subject's verb names as its direct object ("he warned Greece")."""
        verb = subject.head
        return {m.code[:3] for c in verb.children if c.dep_ == "dobj" and c.i in self.by_token
                for m in (self.by_token[c.i],) if m.code and m.kind in ("name", "capital")
                and self.actors.types.get(m.code[:3]) == "state"}

    def _is_source_of_clause(self, token: Token, ref: ActorRef) -> bool:
        """An object pronoun does not refer to its own clause's subject ("X asked it" is not X)."""
        verb = token.head
        while verb.dep_ in ("conj", "prep", "pobj", "xcomp") and verb.head.i != verb.i:   # "refused to talk to him"
            if verb.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in verb.children):
                break
            verb = verb.head
        subj = [c for c in verb.children if c.dep_ in ("nsubj",)]
        if not subj and verb.dep_ == "conj":
            subj = [c for c in verb.head.children if c.dep_ == "nsubj"]
        return any(self._resolves_to(s, ref.code) for s in subj)

    def _resolves_to(self, token: Token, code: str) -> bool:
        m = self.by_token.get(token.i)
        if m is not None and m.code and same_actor(m.code, code):
            return True
        if token.lower_ in PRONOUNS_ONE:
            ref = self._recent(token, subject=True)
            return ref is not None and same_actor(ref.code, code)
        if token.pos_ == "NOUN" and self.role_of(token):      # "Guyana's president denounced it": not Guyana
            return any(same_actor(r.code, code) for r in self._role_ref(token, m))
        if token.pos_ == "PROPN" and m is None:          # "Kang Chol, North Korea's ambassador, accused it"
            return any(same_actor(r.code, code) for r in self.refs(token, role="subject"))
        return False

    def home_government(self, sources: list[ActorRef], trigger: Token) -> list[ActorRef]:
        """Whom people protest against when the text names no one: the government of the country where
        they act ("demonstrators rioted in Israel"), else of their own ("Indonesian students rallied");
        but what they protest, when it names a state, comes first ("… to protest Sweden's decision")."""
        cause = self._protested(trigger, sources)
        if cause:
            return cause
        place = self._located(trigger)
        return [ActorRef(f"{place.code[:3] if place else s.code[:3]}GOV", place.text if place else "", trigger,
                         "home government") for s in sources
                if len(s.code) == 6 and self.actors.types.get(s.code[:3]) == "state" and s.code[3:] not in STATE_ROLES]

    def purpose_target(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """Whom troops or aid are sent for, named in a purpose clause: "sent soldiers to reinforce KFOR",
        "rushed weapons to help Kyiv"."""
        return self._purpose(trigger, sources, lambda c: c.lemma_.lower() in HELPING, people=False)

    def _purpose(self, trigger: Token, sources: list[ActorRef], clause: Callable[[Token], bool], *,
                 people: bool) -> list[ActorRef]:
        """The first side the object of a purpose clause ("to …") of the trigger names; with ``people``,
        else the people of the doer's country it names by role alone."""
        clauses = [c for c in trigger.children if c.dep_ in ("advcl", "xcomp") and clause(c)
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        found = [r for c in clauses for o in c.children if o.dep_ == "dobj" for r in self.refs(o, possessor=True)
                 if not any(same_actor(r.code, s.code) for s in sources)]
        found = found or ([r for c in clauses for r in self._compatriots(c, sources)] if people else [])
        return [ActorRef(r.code, r.text, r.token, f"purpose->{r.text}") for r in found[:1]]

    def mission_host(self, sources: list[ActorRef]) -> list[ActorRef]:
        """The state a mission abroad serves in, for what it does to no one named: "the United States
        embassy in Bogotá reopened its visa section"."""
        return [replace(r, via="host") for s in sources if s.token.lemma_.lower() in MISSIONS
                for c in s.token.children if c.dep_ == "prep" and c.lower_ == "in"
                for r in self.pobj_refs(c, place=True) if self.actors.types.get(r.code[:3]) == "state"
                and not any(same_actor(r.code, x.code) for x in sources)][:1]

    def purpose_object(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """Whom force is used on, named only in its purpose clause: "opened fire to disperse
        demonstrators", "launched an offensive to drive the rebels out of Goma"."""
        return self._purpose(trigger, sources, lambda c: c.pos_ == "VERB", people=True)

    def governing_object(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """Whom an act done for a purpose is aimed at, when the purpose clause names no one: the object
        of the verb it serves ("telephoned Putin to apologise", "summoned the envoy to protest")."""
        if trigger.dep_ not in ("advcl", "xcomp") or not any(a.dep_ == "aux" and a.lower_ == "to"
                                                             for a in trigger.children):
            return []
        found = [r for o in trigger.head.children if o.dep_ == "dobj" for r in self.refs(o, possessor=True)
                 if not any(same_actor(r.code, s.code) for s in sources)]
        return [ActorRef(r.code, r.text, r.token, f"served->{r.text}") for r in found]

    def _protested(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """The state a protest is aimed at: "against/over X's …", or the object of a purpose clause
        ("began a hunger strike to protest Sweden's decision", "blocked a road to show disapproval of US …")."""
        heads = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("against", "over")]
        heads += [c for h in (trigger, *(o for o in trigger.children if o.dep_ == "dobj")) for c in h.children
                  if c.dep_ in ("advcl", "xcomp", "acl") and c.lemma_.lower() in PROTESTING]
        for head in heads:
            found = [r for t in head.subtree if t.i != trigger.i and t.dep_ in ("pobj", "poss", "dobj")
                     for r in self.refs(t, possessor=True, adjective=True)
                     if not any(same_actor(r.code, s.code) for s in sources)]
            if found:
                ref = found[0]
                state = len(ref.code) == 3 and self.actors.types.get(ref.code) == "state"
                code = f"{ref.code}GOV" if state else ref.code
                return [ActorRef(code, ref.text, ref.token, f"protested->{ref.text}")]
        return []

    def place_target(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """Whom force used in a place hits, when the text names no one: the state the place is in ("fired
        shells at targets in Jericho", "retook a village in Cambodia"); at home, the government for
        rebels and the people for the state's own forces ("guerrillas blew up power lines near Kabul")."""
        if _passive(trigger):         # "soldiers killed in Ukraine": they are the ones hit
            return []
        objects = [o for c in trigger.children if c.dep_ == "dobj" for o in (c, *c.conjuncts)]
        named = [r for o in objects for r in self._places(o)]                      # "shelled Kharkiv"
        place = named[0] if named else self._first_located(*objects, trigger)
        if place is None:
            return []
        home = {s.code[:3] for s in sources}
        if place.code[:3] not in home:
            return [replace(place, via="place")]
        return [ActorRef(s.code[:3] + ("CVL" if s.code[3:] in STATE_ROLES else "GOV"), place.text, place.token, "place")
                for s in sources if self.actors.types.get(s.code[:3]) == "state" and len(s.code) == 6]

    def cause_actor(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """The doer a clause of cause or time on the event word names: "Nairobi protested after Tanzanian
        authorities burned chicks from Kenya": at Tanzania."""
        return dedupe_refs([r for c in trigger.children if c.dep_ == "advcl" and any(
            m.lower_ in ("after", "because", "when", "since", "as") for m in c.children if m.dep_ in ("mark", "advmod"))
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass") for r in self.refs(s, adjective=True)
            if self.actors.types.get(r.code[:3]) == "state" and not any(same_actor(r.code, x.code) for x in sources)])

    def foreign_ground(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """The state named as where force was used, when it is not the doer's ("raided a FARC camp inside
        Ecuador", "struck PKK camps in northern Iraq"): a country's name, not a city's."""
        home = {s.code[:3] for s in sources}
        for holder in (trigger, *(c for c in trigger.children if c.dep_ == "dobj")):
            for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in FOREIGN_GROUND):
                for o in (o for o in prep.children if o.dep_ == "pobj"):
                    m = self.by_token.get(o.i)
                    if m is not None and m.kind == "name" and self.actors.types.get(m.code) == "state" and \
                            m.code not in home:
                        return [ActorRef(m.code, m.text, o, "place")]
        return []

    def where_it_happened(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """The state an event that a claim or condolence is about happened in: "expressed sorrow for the
        shootings in Canada", "claimed responsibility for an attack at a mall in Kenya's capital"."""
        events = [o for h in (trigger, *(c for c in trigger.children if c.dep_ == "dobj")) for c in h.children
                  if c.dep_ == "prep" and c.lower_ in ("for", "over") for o in c.children if o.dep_ == "pobj"]
        place = self._first_located(*events) if events else None
        if place is None:
            return []
        at_home = any(same_actor(place.code, s.code) for s in sources)      # at home: its people
        return [replace(place, code=place.code[:3] + ("CVL" if at_home else ""), via="place")]

    def stricken_place(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """Where what a time clause tells of happened: "when the earthquakes killed thousands in Turkey,
        Greece sent rescue teams": aid for Turkey."""
        for clause in (c for c in trigger.children if c.dep_ == "advcl" and any(
                m.lower_ in ("when", "after") for m in c.children if m.dep_ in ("advmod", "mark"))):
            place = self._located(clause) or next((r for o in clause.children if o.dep_ == "dobj"
                                                   for r in self._places(o)), None)
            if place is not None and not any(same_actor(place.code, s.code) for s in sources):
                return [ActorRef(place.code[:3], place.text, place.token, "place")]
        return []

    def place_source(self, trigger: Token, targets: list[ActorRef]) -> list[ActorRef]:
        """Who used force the text names no one for, on people of another state: the state it came from
        ("a rocket was fired at Israel from Lebanon"), else where it happened ("Russian soldiers were
        killed in Ukraine", "a roadside bomb near Samarra killed a US soldier"). Unknown when the victims
        are of that state themselves."""
        passive = any(c.dep_ == "auxpass" for c in trigger.children)                          # "a rocket was
        place = next((r for c in trigger.children if passive and c.dep_ == "prep" and c.lower_ == "from"   # fired
                      for o in c.children if o.dep_ == "pobj" for r in self._places(o)), None)  # at Israel
        if place is None:                                                                      # from Lebanon"
            place = self._first_located(trigger, *(c for c in trigger.children if c.dep_ == "nsubj"))
        if place is None or any(t.code[:3] == place.code[:3] for t in targets):
            return []
        return [replace(place, via="place")]

    def implied_target(self, trigger: Token, sources: list[ActorRef], *,
                       before_sentence: bool = False, states: bool = False) -> list[ActorRef]:
        """The other side when the text leaves it implied (see _implied); in a document about one pair
        of states, a side of that pair acts on its partner, not on a third state named in passing
        ("… escorted by the ambassadors of Germany and Panama, and Mexico closed its embassy")."""
        found = self._implied(trigger, sources, before_sentence=before_sentence, states=states)
        return self._main_partner(trigger, sources, found) or found

    def last_partner(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """The other side of the sources' state's last act, when that was in this sentence or the one
        before ("after Seoul suspended the agreement, Pyongyang said it would no longer abide by it")."""
        own = {self.actors.country_of(s.code) for s in sources}
        since, partner = self.partners.get(next(iter(own)), (-2, sources[0])) if len(own) == 1 else (-2, sources[0])
        if self._order(trigger.i)[0] - since > 1 or self.actors.country_of(partner.code) in own:
            return []
        return [ActorRef(partner.code, trigger.text, trigger, f"partner->{partner.text}")]

    def members_in_view(self, refs: list[ActorRef], trigger: Token) -> list[ActorRef]:
        """ "He called the Nordic countries guesthouses for terrorists": a region's countries are those of
        its states named in the last five sentences (the region itself when none is)."""
        out: list[ActorRef] = []
        here = self._order(trigger.i)[0]
        for ref in refs:
            members = self.actors.members.get(ref.code)
            named = [] if not members or ref.token.tag_ not in ("NNS", "NNPS") else dedupe_refs([
                ActorRef(m.code[:3], ref.text, ref.token, f"{ref.via}->{m.text}") for i, m in self.context.mentions
                if here - 5 <= i[0] <= here and m.code[:3] in members])
            out += named or [ref]
        return out

    def main_pair_partner(self, trigger: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """The other side of the document's main pair (acted on each other at least three times, more
        than any other pair) when the sources are one side of it and the other was named in the last
        five sentences ("Singapore promised to withdraw the new procedures": to Malaysia)."""
        own = {self.actors.country_of(s.code) for s in sources}
        ranked = self.dyads.most_common(2)
        if len(own) != 1 or not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]) or \
                not own <= ranked[0][0]:
            return []
        partner = next(iter(ranked[0][0] - own))
        here = self._order(trigger.i)[0]
        named = next((r for i, r in reversed(self.context.mentions)
                      if here - 5 <= i[0] and self.actors.country_of(r.code) == partner), None)
        return [ActorRef(partner, trigger.text, trigger, f"main pair->{named.text}")] if named else []

    def _main_partner(self, trigger: Token, sources: list[ActorRef], found: list[ActorRef]) -> list[ActorRef]:
        """The main pair's partner (main_pair_partner) instead of the one state ``found`` outside that
        pair that is a bystander: no party to any act coded so far, and not named in the trigger's own
        clause; else nothing."""
        if len(found) != 1:
            return []
        other = self.actors.country_of(found[0].code)
        clause = clause_verb(trigger)
        own_words = {t.i for c in clause.children if c.dep_ not in ("conj", "cc") for t in c.subtree}
        if self.actors.types.get(other) != "state" or any(other in dyad for dyad in self.dyads) or any(
                m.code and self.actors.country_of(m.code) == other and m.start in own_words for m in self.mentions):
            return []
        return self.main_pair_partner(trigger, sources)

    def _implied(self, trigger: Token, sources: list[ActorRef], *,
                 before_sentence: bool = False, states: bool = False) -> list[ActorRef]:
        """The other side when the text leaves it implied ("Tokyo recalled its ambassador in protest"
        in a passage about Japan and South Korea): the latest actor in an argument position before the
        event word, in its sentence (unless ``before_sentence``) or the one before, that is not a source
        (with ``states``, another state, else the state the passage is about: sanctions lifted or imposed
        fall on a country, not on the UN). Several sources that last acted on one actor, within
        PARTNER_WINDOW sentences, act on it again ("the four capitals issued their demands")."""
        here = self._order(trigger.i)

        def fits(ref: ActorRef) -> bool:       # with ``states``, another country ("its opposition" is not)
            return _other_side(ref, sources, states) and (not states or self.actors.types.get(ref.code[:3]) == "state")
        partners: dict[str, ActorRef] = {}       # the one the sources last acted on, if they share it
        for s in sources:
            since, partner = self.partners.get(self.actors.country_of(s.code), (-PARTNER_WINDOW - 1, s))
            if here[0] - since <= PARTNER_WINDOW and fits(partner):
                partners[self.actors.country_of(partner.code)] = partner
        if len(partners) == 1 and len({s.code[:3] for s in sources}) > 1:   # the four that cut ties with
            partner = next(iter(partners.values()))                        # Qatar "issued their demands"
            return [ActorRef(partner.code, trigger.text, trigger, f"implied->{partner.text}")]
        if before_sentence:
            return self._salient(trigger, sources, states=states)
        # of several candidates in this sentence and the one before, the one the passage is about
        near = {ref.code[:3] for i, ref in self.context.arguments if here[0] - 1 <= i[0] and i < here and fits(ref)}
        if len(near) > 1:
            ranked = self._salient(trigger, sources, states=states)
            if ranked and ranked[0].code[:3] in near:
                return ranked
        for i, ref in reversed(self.context.arguments):
            if i[0] < here[0] - 1:
                break
            if i < here and fits(ref):
                return [ActorRef(ref.code, trigger.text, trigger, f"implied->{ref.text}")]
        return self._salient(trigger, sources, states=True) if states else []   # a state further back

    def _ruled(self, token: Token) -> ActorRef | None:
        """The state a bare "the junta" rules: of the states named in the last four sentences and not in
        this one (whom the junta deals with), the one named most often (the latest on a tie)."""
        named_here = {m.code[:3] for m in self.mentions if m.code and token.sent.start <= m.start < token.sent.end}
        here = self._order(token.i)[0]
        recent = {ref.code[:3] for i, ref in self.context.arguments if here - 4 <= i[0] < here}
        if self.ruler in recent - named_here:        # the junta of the last few sentences, still in view
            return ActorRef(f"{self.ruler}GOV", token.text, token, f"ruler->{self.ruler}")
        ranked = self._salient(token, [ActorRef(code, "", token, "") for code in named_here], states=True)
        if not ranked:
            return None
        self.ruler = ranked[0].code[:3]
        return ActorRef(f"{self.ruler}GOV", token.text, token, f"ruler->{ranked[0].text}")

    def _salient(self, trigger: Token, sources: list[ActorRef], window: int = 4, *,
                 states: bool = False) -> list[ActorRef]:
        """The actor other than the sources named most often as an argument in the last ``window``
        sentences before this one, and in this one before a semicolon ahead of the word ("X joined the
        pact; China condemned the deal"), subjects counting twice, the latest on a tie: whom a passage
        is about."""
        here = self._order(trigger.i)[0]
        stop = max((t.i for t in trigger.sent if t.text == ";" and t.i < trigger.i), default=-1)
        subjects = {i for i, _ in self.context.subjects}
        counts: dict[str, tuple[int, int, ActorRef]] = {}
        for n, (i, ref) in enumerate(self.context.arguments):
            if here - window <= i[0] and i < (here, stop) and _other_side(ref, sources, states) and (
                    not states or self.actors.types.get(ref.code[:3]) == "state"):
                key = ref.code[:3]          # a subject counts twice: the passage is about whom it names
                counts[key] = (counts.get(key, (0, 0, ref))[0] + 1 + (i in subjects), n, ref)
        if not counts:
            return []
        ref = max(counts.values(), key=lambda c: (c[0], c[1]))[2]
        return [ActorRef(ref.code, trigger.text, trigger, f"implied->{ref.text}")]

    def _last_group(self, token: Token) -> list[ActorRef]:
        """ "they" right after a joint act of three or more (or after such a "they"): all its parties
        ("Mali, Burkina Faso and Niger formed an alliance …; in January they announced …")."""
        here = self._order(token.i)[0]
        if not self.groups or self.groups[-1][0] < here - 1:
            return []
        doer = self._clause_subjects(token)
        group = self.groups[-1][1]
        if {r.code for r in group} & doer:
            return []
        self.groups[-1] = (here, group)          # still the ones in view: "… their leaders met" next
        return [ActorRef(r.code, token.text, token, f"group->{r.text}") for r in group]

    def recent_pair(self, token: Token, *, n: int = 2) -> list[ActorRef]:
        """ "both sides", "the two countries": the first two actors of the latest sentence (up to this
        word) whose arguments name two actors (two joined by "and" first: "Qatar's emir brought
        Tshisekedi and Kagame together"), unless that sentence is further back than the one before
        and the document's main pair (see _main_pair) was named in the last five sentences; else the
        last two actors named (``n``: three, four; for
        three or four, first the parties of the last asserted joint act of that many). Countries,
        governments and officials are states: an organisation named between does not count; nor does
        the subject of the word's own clause ("Washington urged both countries")."""
        here = self._order(token.i)
        states = token.lemma_.lower() in STATE_NOUNS or self.role_of(token) is not None
        doer = self._clause_subjects(token)           # "Washington invited the three ministers": not Washington
        by_sentence: dict[int, list[ActorRef]] = {}
        for i, ref in self.context.arguments:
            if ref.code[:3] in doer:
                continue
            if i < here and (not states or self.actors.types.get(ref.code[:3]) == "state"):
                refs = by_sentence.setdefault(i[0], [])
                if ref.code[:3] not in {r.code[:3] for r in refs}:
                    refs.append(ref)
        group = next((g for _, g in reversed(self.groups) if len(g) == n and not {r.code for r in g} & doer), None)
        subject = [c for c in clause_verb(token.head).children if c.dep_ == "nsubj" and token.dep_ != "nsubj"]
        named_here = {r.code[:3] for r in by_sentence.get(here[0], [])         # the doers aside
                      if not any(c.left_edge.i <= r.token.i <= c.right_edge.i for c in subject)}
        if group is not None and len(named_here) < n and named_here <= {r.code[:3] for r in group}:
            # "the three countries": the parties of the last joint act of three, unless this sentence
            # names that many or one outside it ("hosted X and Y, and the three presidents issued")
            return [ActorRef(r.code, token.text, token, f"group->{r.text}") for r in group]
        latest = next(((i, _coordinated(refs) or refs[:n]) for i, refs in sorted(by_sentence.items(), reverse=True)
                       if len(refs) >= n), (-1, []))
        seen = [] if n > 2 else latest[1]   # three or more: simply the latest ones named
        main = self._main_pair(by_sentence, doer) if n == 2 and latest[0] < here[0] - 1 else None
        if main is not None and frozenset(r.code[:3] for r in seen) != frozenset(r.code[:3] for r in main):
            return [ActorRef(r.code, token.text, token, f"main pair->{r.text}") for r in main]
        for pool in (self.context.arguments, self.context.mentions):
            for i, ref in reversed(pool):
                if len(seen) == n:
                    break
                if i < here and ref.code[:3] not in {s.code[:3] for s in seen} | doer and (
                        not states or self.actors.types.get(ref.code[:3]) == "state"):
                    seen.append(ref)
        if len(seen) < n:
            return []
        speaker = self._speaker(token)
        if n == 2 and speaker and not speaker & {r.code[:3] for r in seen}:   # Turkey's minister "said the two
            ranked = self.dyads.most_common(1)                                # countries had resumed contacts"
            pair = ranked[0][0] if ranked else frozenset()
            latest_ref = {r.code[:3]: r for _, r in self.context.arguments + self.context.mentions}
            if speaker <= pair and pair <= latest_ref.keys():
                return [ActorRef(latest_ref[c].code, token.text, token, f"speaker's pair->{latest_ref[c].text}")
                        for c in sorted(pair)]
        return [ActorRef(r.code, token.text, token, f"context->{r.text}") for r in seen]

    def _speaker(self, token: Token) -> set[str]:
        """The countries of whoever says the clause ``token`` is in ("X's minister said [the two …]")."""
        verb = clause_verb(token)
        if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_VERBS:
            return set()
        return {r.code[:3] for c in verb.head.children if c.dep_ == "nsubj" for r in self.refs(c)}

    def _main_pair(self, by_sentence: dict[int, list[ActorRef]], doer: set[str]) -> list[ActorRef] | None:
        """The pair of countries the document is about: the one that acted on each other most often
        (at least three times, and more than any other pair), both named in the last five sentences."""
        ranked = self.dyads.most_common(2)
        if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        pair = ranked[0][0]
        recent = {r.code[:3]: r for i, refs in sorted(by_sentence.items()) if i >= self.sent_no - 5 for r in refs}
        if pair & doer or not pair <= recent.keys():
            return None
        return [r for c, r in recent.items() if c in pair]      # in the order the text named them

    def counterpart(self, subject: Token, targets: list[ActorRef]) -> list[ActorRef]:
        """The side an official no words place belongs to ("the king telephoned Sánchez", "the coast guard
        arrested its captain"): in a document about one pair of states, which acted on each other at least
        twice and more than any other pair, the other state of that pair than the target's."""
        ranked = self.dyads.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            named = Counter(r.code[:3] for _, r in self.context.mentions
                            if self.actors.types.get(r.code[:3]) == "state")
            top = named.most_common(3)          # no acts coded yet: the two states named most so far
            if len(top) < 2 or top[1][1] < 2 or (len(top) > 2 and top[2][1] == top[1][1]):
                return []
            ranked = [(frozenset((top[0][0], top[1][0])), 0)]
        pair = ranked[0][0]
        aimed = {self.actors.country_of(t.code) for t in targets}
        if len(aimed) != 1 or not aimed <= pair:
            return []
        other = next(iter(pair - aimed))
        role = self.role_of(subject) or ""
        return [ActorRef(other + (role if role in STATE_ROLES else ""), subject.text, subject, f"counterpart->{other}")]

    def _clause_subjects(self, token: Token) -> set[str]:
        """The countries of the named subject of the verb a non-subject word depends on."""
        if token.dep_ in ("nsubj", "nsubjpass"):
            return set()
        verb = clause_verb(token.head)
        codes = set()
        for c in verb.children:
            if c.dep_ == "nsubj" and c.i in self.by_token and self.by_token[c.i].code:
                codes.add(self.by_token[c.i].code[:3])
            elif c.dep_ == "nsubj" and c.lower_ in PRONOUNS_ONE:          # "it buys oil from the two rivals"
                codes |= {r.code[:3] for r in self.refs(c, role="subject")}
        return codes


def _other_side(ref: ActorRef, sources: list[ActorRef], states: bool) -> bool:
    """Not one of the sources; with ``states``, not of their country either ("its opposition")."""
    return not any(same_actor(ref.code, s.code) or (states and ref.code[:3] == s.code[:3]) for s in sources)


def _onlooker(prep: Token) -> bool:
    """ "with Brazil's envoy in attendance", "with the US looking on": a witness, not a party (the
    parser may hang "in attendance" on the word "with" hangs on)."""
    if prep.lower_ != "with":
        return False
    after = [g for o in prep.children if o.dep_ == "pobj" for g in o.children] + \
        [g for g in prep.head.children if g.i > prep.i]
    return any(
        (g.dep_ == "prep" and g.lower_ == "in" and any(o.lemma_.lower() == "attendance" for o in g.children))
        or g.lemma_.lower() in ("present", "look", "watch") for g in after)


MEETING = {"meet", "talk", "negotiate", "confer"}     # verbs whose plural subject is the sides that meet


def _behest(noun: Token) -> bool:
    """ "at the request of X", "at Jawara's urging", "on the orders of X": whose wish a verb's act met."""
    return noun.lemma_.lower() in BEHEST_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ in ("at", "on") \
        and noun.head.head.pos_ in ("VERB", "AUX")


def _main_subject(token: Token) -> bool:
    """Whether ``token`` is (in) the subject of its sentence's main verb, or of one joined to it."""
    head = _np_head(token)
    while head.dep_ in ("conj", "appos") and head.head.i != head.i and head.head.pos_ != "VERB":
        head = head.head
    verb = head.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return head.dep_ in ("nsubj", "nsubjpass") and verb.dep_ == "ROOT"


def _told_to(subject: Token) -> bool:
    """ "The court allowed [Costa Rica to send staff]": the subject of an infinitive under a verb is
    that verb's object, not a subject a later "it" can mean."""
    while subject.dep_ == "compound":
        subject = subject.head
    verb = subject.head if subject.dep_ in ("nsubj", "nsubjpass") else subject.head.head
    return subject.dep_ in ("nsubj", "nsubjpass", "conj") and verb.dep_ in ("ccomp", "xcomp") and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _of_its(role: Token) -> bool:
    """ "the permanent secretary of its foreign ministry": a role in a body of the state in view."""
    return any(p.dep_ == "poss" and p.lower_ in ("its", "their") for o in role.children
               if o.dep_ == "prep" and o.lower_ == "of" for body in o.children for p in body.children)


def _in_subject(noun: Token) -> bool:
    """Whether ``noun`` heads a subject or lies inside one ("X, the permanent secretary of [its foreign
    ministry], told …")."""
    for _ in range(5):
        if noun.dep_ in ("nsubj", "nsubjpass"):
            return True
        if noun.dep_ not in ("appos", "pobj", "prep", "poss", "compound") or noun.head.i == noun.i:
            return False
        noun = noun.head
    return False


def _person(token: Token) -> bool:
    """One person named by role: "a Lithuanian deputy minister", not "the ministry" or "officials"."""
    return token.tag_ == "NN" and token.lemma_.lower() in PERSON_NOUNS


def _watching(noun: Token) -> bool:
    """A noun naming an onlooker: "with Brazil's envoy in attendance", "with the king looking on"."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ == "pobj":
        return _onlooker(noun.head)
    verb = noun.head
    return noun.dep_ == "nsubj" and verb.dep_ == "pcomp" and verb.head.lower_ == "with" and \
        verb.lemma_.lower() in ("look", "watch")


def _judges(token: Token) -> bool:
    """ "the judges": the bench of the court in view."""
    return token.lemma_.lower() == "judge" and token.tag_ == "NNS" and \
        any(c.lower_ == "the" for c in token.children if c.dep_ == "det") and \
        not any(c.dep_ in ("amod", "compound", "poss", "prep") for c in token.children)


def clause_verb(token: Token) -> Token:
    """The verb of the clause a word is in (the word itself when it is one)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def described_victim(verb: Token) -> bool:
    """ "soldiers killed in Ukraine", "the tanker that was seized": a passive clause with no agent on a
    noun, which undergoes the act."""
    return verb.dep_ in ("acl", "relcl") and _passive(verb) and not any(c.dep_ == "agent" for c in verb.children)


def _passive(verb: Token) -> bool:
    """ "was attacked", "soldiers killed in …": the subject or the noun described undergoes the act."""
    return any(c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl") and not any(c.dep_ in ("nsubj", "aux") for c in verb.children))


def _stative(verb: Token) -> bool:
    """ "Israel is opposed to French mediation": a state of the subject, not a passive."""
    return verb.lemma_.lower() in ("oppose", "commit", "determine") and not any(
        c.dep_ == "agent" for c in verb.children)


def _hyphened(word: Token) -> list[Token]:
    """The adjective joined to ``word`` by a hyphen before it ("French-Saudi")."""
    return [c for c in word.children if c.dep_ == "amod" and c.i == word.i - 2 and word.doc[word.i - 1].tag_ == "HYPH"]


def _expletive(token: Token) -> bool:
    """ "it is necessary that …", "it seems …": an "it" that refers to nothing."""
    head = token.head
    deps = {c.dep_ for c in head.children}
    return token.dep_ == "nsubj" and bool(deps & {"ccomp", "xcomp", "csubj"}) and (
        bool(deps & {"acomp", "attr"}) or head.lemma_.lower() in ("seem", "appear", "happen", "matter"))


def _coordinated(refs: list[ActorRef]) -> list[ActorRef]:
    """Two of ``refs`` joined by "and" as a subject or object ("brought Tshisekedi and Kagame
    together"), in text order; else none."""
    for a in refs:
        for b in refs:
            one, other = _np_head(a.token), _np_head(b.token)
            if a is not b and other.dep_ == "conj" and other.head.i == one.i and \
                    one.dep_ in ("nsubj", "nsubjpass", "dobj", "dative"):
                return [a, b]
    return []


def _np_head(token: Token) -> Token:
    """Climb from a modifier to the head of its noun phrase ("Pakistan" in "Pakistan Army troops")."""
    while token.dep_ in ("compound", "amod", "poss", "nmod") and token.head.i != token.i:
        token = token.head
    return token


def same_actor(a: str, b: str) -> bool:
    """Same actor: same country (first three letters) or organisation (six), unless both name
    different parts of it ("GEOOPP" and "GEOGOV" are two actors; "PAK" and "PAKMIL" are one)."""
    n = 6 if a[:3] in ("IGO", "NGO") else 3
    if a[:n] != b[:n]:
        return False
    return a[:3] == "---" or a == b or len(a) <= n or len(b) <= n


def dedupe_refs(refs: list[ActorRef]) -> list[ActorRef]:
    """One ref per actor; of "IND" and "INDMIL" for the same words, the more specific."""
    out: list[ActorRef] = []
    for r in refs:
        same = next((i for i, o in enumerate(out) if same_actor(o.code, r.code)), None)
        if same is None:
            out.append(r)
        elif len(r.code) > len(out[same].code):
            out[same] = r
    return out


REFLEXIVES = {"itself", "themselves", "himself", "herself"}
NAMING = {"call", "describe", "term", "label", "dub", "brand", "characterise", "characterize"}


def what_called(verb: Token) -> Token | None:
    """The name in "… what it called Rwanda's support for the M23" under ``verb``: what the act is
    aimed at, in the speaker's words."""
    for c in verb.children:
        if c.dep_ == "ccomp" and c.lemma_.lower() in NAMING and any(
                w.dep_ == "dobj" and w.lower_ == "what" for w in c.children):
            return next((o for o in c.children if o.dep_ in ("oprd", "attr", "xcomp")), None)
    return None


def _full_names(sent: Span) -> list[Span]:
    """Names of two or more words beside a role noun set off by commas, whatever entity (if any) the
    tagger gave them ("Pablo Monroy, Mexico's ambassador," tagged a work of art)."""
    found = []
    for t in sent:
        if t.pos_ != "PROPN" or t.dep_ == "compound" or t.ent_type_ == "PERSON":
            continue
        if not (t.dep_ == "appos" and t.head.pos_ == "NOUN" or any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in t.children)):
            continue
        start = t.i
        while start > sent.start and t.doc[start - 1].dep_ == "compound" and t.doc[start - 1].pos_ == "PROPN" and \
                t.doc[start - 1].head.i in range(start, t.i + 1):
            start -= 1
        if start < t.i:
            found.append(Span(t.doc, start, t.i + 1, label="NAME"))
    return found
