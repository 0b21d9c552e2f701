"""Golden sentences, one parametrized case each (slow: uses the model): tests/gold/sentences.jsonl, a
few per mechanism, and tests/gold/probe.jsonl, 366 more written to probe the vocabulary and the
argument rules across all twenty CAMEO roots.

A case passes when every expected event is coded (actors compared on their first three letters, the
CAMEO root among the accepted ones, the factuality and, when given, the date and quantity) and none of
the `absent` events is coded as asserted (and, when `asserted` is given, that many events are
asserted in all). Cases the coder does not handle yet are listed in
tests/gold/known_failures.txt and run as strict xfail: once one passes, remove it from the list.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from detente.models import Article

pytestmark = pytest.mark.slow
GOLD = Path(__file__).parent / "gold"
CASES = [json.loads(line) for name in ("sentences.jsonl", "probe.jsonl")
         for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]
KNOWN = {line.split("#")[0].strip() for line in (GOLD / "known_failures.txt").read_text().splitlines()} - {""}


def _fits(want: dict[str, Any], event: Any) -> bool:
    pair = (event.source[:3], event.target[:3])
    wanted = (want["source"][:3], want["target"][:3])
    if pair != wanted and not (want.get("symmetric") and pair == wanted[::-1]):
        return False
    return event.cameo[:2] in want["roots"] and event.factuality == want.get("factuality", "asserted")


def _matches(want: dict[str, Any], event: Any) -> bool:
    if not _fits(want, event):
        return False
    if want.get("date") and not str(event.date or "").startswith(want["date"]):
        return False
    return not (want.get("quantity_value") is not None and event.quantity_value != want["quantity_value"])


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"], marks=pytest.mark.xfail(strict=True)
                                               if c["id"] in KNOWN else ()) for c in CASES])
def test_golden_sentence(case: dict[str, Any], nlp, coder) -> None:  # type: ignore[no-untyped-def]
    published = date.fromisoformat(case["published"]) if case.get("published") else None
    events = coder.code(nlp(case["text"]), Article(id=case["id"], text=case["text"], published=published))
    got = [(e.source, e.target, e.cameo, e.factuality, e.date, e.quantity_value) for e in events]
    for want in case["events"]:
        assert any(_matches(want, e) for e in events), f"missing {want}; got {got}"
    if "asserted" in case:          # how many asserted events the text holds in all: one event, not two reports
        assert sum(e.factuality == "asserted" for e in events) == case["asserted"], got
    for unwanted in case.get("absent", []):
        assert not any(_fits({**unwanted, "factuality": "asserted"}, e) for e in events), \
            f"coded {unwanted}; got {got}"


def test_case_ids_are_unique() -> None:
    # known failures are listed by id: two cases with one id would be marked together
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
