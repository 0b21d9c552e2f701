"""Clustering settings: when two reports are taken to be one real-world event, and what a run did.

Every threshold of the rule is a field of :class:`ClusterSettings` (the rule is ``docs/coding.md``
section 9); :class:`ClusterReport` counts what one ``cluster_events`` or ``update_clusters`` run did.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

STOPWORDS = frozenset("""
a about above across after again against ago all almost along already also although always am among an and
another any anyone anything are around as at away back be became because become becoming been before began
being below between beyond both but by can cannot could did do does doing done down during each either else
ever every few first for former from further had has have having he her here hers him his how however if in
including into is it its itself just last later latter least less like likely made make makes making many may
me might more most much must my near nearly neither never next no nor not now of off often on once one only
onto or other others our out over own part per perhaps rather same several she should since so some still such
than that the their them themselves then there these they this those though through thus to together too
toward towards under until up upon us very via was we well were what whatever when where whether which while
who whom whose why will with within without would yet you your mr mrs ms dr
two three four five six seven eight nine ten eleven twelve twenty hundred hundreds thousand thousands million
millions billion billions trillion dozen dozens half percent
today yesterday tomorrow tonight morning evening night week weeks month months year years day days decade
decades time times recently recent lately earlier early late soon currently frequently
january february march april june july august september october november december monday tuesday wednesday
thursday friday saturday sunday
said say says saying told tell tells according announced announce report reported reports statement stated
added noted claimed quoted
country countries nation nations national state states government governments official officials authority
authorities side sides party parties leader leaders minister ministers ministry president prime secretary
chief head spokesman spokeswoman spokesperson foreign international regional bilateral mutual relation
relations relationship ties cooperation level high senior top key major important
agree agreed agreement agreements deal deals accord accords pact sign signed signing hold held holding
conduct conducted start started begin began continue continued take took taken give gave given get got
provide provided support supported supporting supports help helped
moreover hence furthermore therefore meanwhile besides indeed instead repeatedly enough alleged example
""".split())


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class ClusterSettings:
    """When two reports are taken to be one real-world event. Defaults are the documented rule."""

    symmetric_roots: tuple[str, ...] = _setting(
        ("03", "04", "05", "06"), "CAMEO roots whose reports match in either direction (meet, agree, cooperate)")
    families: tuple[tuple[str, ...], ...] = _setting(
        (("03", "05", "06", "07"),), "groups of CAMEO roots that can report one deal; other roots match only "
                                     "themselves")
    publication_window_days: int = _setting(
        1826, "a report with no date of its own is about something in this many days before publication")
    relative_window_days: int = _setting(
        61, "'recently' and other relative dates coarser than a day reach back this many days from publication")
    vague_days: int = _setting(
        366, "a date interval longer than this (or none) is vague: the report must also agree on a detail")
    quantity_tolerance: float = _setting(
        0.25, "amounts in one unit that differ by more than this share of the larger are different events")
    keyword_window: int = _setting(6, "content words taken on each side of the event word as keywords")
    min_keyword_overlap: int = _setting(1, "keywords two reports must share when both have some")
    keyword_linkage: float = _setting(
        0.5, "two clusters merge only if at least this share of their pairs of reports with keywords share some")
    common_keyword_share: float = _setting(
        0.05, "a keyword in more than this share of a block's reports is too common to tell events apart")
    common_keyword_min: int = _setting(30, "... and in more than this many of them")
    join_same_document: bool = _setting(
        False, "let different sentences of one document report the same event (off: one document, one report)")
    stopwords: frozenset[str] = _setting(STOPWORDS, "words never used as keywords")

    def family(self, root: str) -> str:
        """The block key of a CAMEO root: its family's first root, or the root itself."""
        return _family_of(self.families).get(root, root)


SETTINGS_HELP = {f.name: f.metadata["help"] for f in fields(ClusterSettings)}


@dataclass
class ClusterReport:
    """What one clustering run did."""

    mentions: int = 0   # asserted mentions (re)clustered
    blocks: int = 0     # dyad x code-family blocks visited
    pairs: int = 0      # candidate pairs compared
    clusters: int = 0   # clusters among those mentions
    joined: int = 0     # mentions in a cluster with another document
    changed: int = 0    # mentions whose cluster id changed
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds: keywords, clustering, writing


@lru_cache(maxsize=8)
def _family_of(families: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    return {root: group[0] for group in families for root in group}
