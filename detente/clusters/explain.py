"""Why reports were joined: ``explain_cluster`` lists a cluster's mentions and, per pair, the checks of the rule."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import DetenteError
from .database import _BLOCK_SQL, _common_words, _plain_row, _require
from .features import FIRST_DAY, LAST_DAY
from .matching import _informed, _pair_score, _quantity_match, _Unit, _units
from .settings import ClusterSettings

if TYPE_CHECKING:
    from ..store import Store


def explain_cluster(store: Store, cluster: str, *, settings: ClusterSettings = ClusterSettings(),
                    max_mentions: int = 30) -> dict[str, Any]:
    """A cluster's facts, its mentions with their sentences and keywords, and for each pair of
    mentions the checks that join them (dyad, codes, dates, quantity, keywords)."""
    _require(store)
    found = store.query("SELECT * EXCLUDE (updated_at) FROM clusters WHERE cluster = ?", [cluster])
    if not found:
        raise DetenteError(f"no cluster {cluster!r} in this store; list them with `detente events --clusters`")
    rows = store.con.execute(_BLOCK_SQL.format(scope="e.cluster = $cluster") + " LIMIT $limit",
                             {"cluster": cluster, "limit": max_mentions}).fetchall()
    key: tuple[str, str] = (rows[0][0], rows[0][1]) if rows else ("", "")
    common = _common_words(store, settings, "m.dyad = $dyad AND m.family = $family",
                           {"dyad": key[0], "family": key[1]})
    units = _units(rows, common.get(key, frozenset()), settings)
    unit_of = {m.event_id: u for u in units for m in u.mentions}
    details = {r["event_id"]: r for r in store.query(
        "SELECT e.event_id, e.doc, d.outlet, e.published, e.source, e.target, e.cameo, e.date, e.date_basis, "
        "e.date_cue, e.quantity, e.trigger, e.sentence FROM events e LEFT JOIN documents d ON d.id = e.doc "
        "WHERE e.cluster = ?", [cluster])}
    mentions = [_mention_view(details[r[2]], unit_of[r[2]]) for r in rows]
    pairs = [_pair_view(a["event_id"], b["event_id"], unit_of, settings)
             for k, a in enumerate(mentions) for b in mentions[k + 1:]]
    return {"cluster": _plain_row(found[0]), "mentions": mentions, "pairs": pairs}


# -- helpers ---------------------------------------------------------------------------------------

def _day(ordinal: int) -> str | None:
    return None if ordinal in (FIRST_DAY, LAST_DAY) else date.fromordinal(ordinal).isoformat()


def _interval_text(unit: _Unit) -> str:
    lo, hi = _day(unit.lo), _day(unit.hi)
    if lo is None and hi is None:
        return "any time"
    return f"{lo or '…'}..{hi or '…'}"


def _mention_view(row: dict[str, Any], unit: _Unit) -> dict[str, Any]:
    view = _plain_row(row)
    view.update({"interval": _interval_text(unit), "dated": unit.dated, "vague": unit.vague,
                 "keywords": sorted(unit.keywords)})
    return view


def _pair_view(a_id: str, b_id: str, unit_of: dict[str, _Unit], settings: ClusterSettings) -> dict[str, Any]:
    a, b = unit_of[a_id], unit_of[b_id]
    if a is b:
        return {"a": a_id, "b": b_id, "joined": "same words: one event word coded more than once"}
    checks = _pair_checks(a, b, settings)
    if _pair_score(a, b, settings) is None:
        failed = "; ".join(f"{k}: {text}" for k, (ok, text) in checks.items() if not ok)
        joined = f"through other reports ({failed})"
    elif _informed(a, b, settings):
        joined = "directly"
    else:
        joined = "by date alone: the only cluster that fits the report without keywords"
    return {"a": a_id, "b": b_id, "joined": joined, **{k: text for k, (_, text) in checks.items()}}


def _pair_checks(a: _Unit, b: _Unit, settings: ClusterSettings) -> dict[str, tuple[bool, str]]:
    """Each condition of the rule for one pair, (holds, why); ``_pair_score`` is the same rule, fast."""
    same_way = not a.directions.isdisjoint(b.directions)
    symmetric = a.symmetric or b.symmetric
    quantity = _quantity_match(a, b, settings.quantity_tolerance)
    vague = a.vague or b.vague
    return {
        "document": (a.doc != b.doc or settings.join_same_document,
                     "different documents" if a.doc != b.doc else "same document"),
        "dyad": (same_way or symmetric, "same direction" if same_way else
                 "either order (symmetric code)" if symmetric else "opposite directions"),
        "codes": (True, f"{'/'.join(sorted(a.codes))} and {'/'.join(sorted(b.codes))}: same root or family"),
        "dates": (a.lo <= b.hi and b.lo <= a.hi, f"{_interval_text(a)} vs {_interval_text(b)}"
                  + (" (vague: a detail must agree)" if vague else "")),
        "quantity": (quantity >= 0, {1: "same amount", 0: "nothing to compare", -1: "amounts differ"}[quantity]),
        "keywords": _keyword_check(a, b, settings, vague=vague, quantity=quantity),
    }


def _keyword_check(a: _Unit, b: _Unit, settings: ClusterSettings, *, vague: bool,
                   quantity: int) -> tuple[bool, str]:
    shared = sorted(a.keywords & b.keywords)
    if a.keywords and b.keywords:
        return len(shared) >= settings.min_keyword_overlap, (f"shared: {', '.join(shared)}" if shared
                                                             else "none shared")
    if vague and quantity <= 0:
        return False, "one report has no keywords and a vague date, and no amount agrees"
    return True, "one report has no keywords"
