"""Accuracy on the gold sets in ../shared and on our op-ed sets (bench/devset, bench/heldout,
bench/heldout2 … bench/heldout20), from raw text, scored by their own scorers (slow).

The floors are the levels reached so far: ratchet them up as the coder improves, never down.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

FLOORS = {
    "seeds": {"recall": 0.97, "precision": 0.97, "date_acc": 0.97},
    "petrarch2_gsr": {"country_root_f1": 0.64, "no_event_empty": 10},
    "plover_gsr": {"precision": 0.64, "recall": 0.51},
    "devset": {"recall": 0.91, "precision": 0.94, "date_acc": 0.99},
    "heldout": {"recall": 0.91, "precision": 0.94, "date_acc": 0.98},
    "heldout2": {"recall": 0.75, "precision": 0.87, "date_acc": 0.99},
    "heldout3": {"recall": 0.64, "precision": 0.81, "date_acc": 0.99},
    "heldout4": {"recall": 0.69, "precision": 0.77, "date_acc": 0.96},
    "heldout5": {"recall": 0.68, "precision": 0.84, "date_acc": 0.96},
    "heldout6": {"recall": 0.61, "precision": 0.79, "date_acc": 0.96},
    "heldout7": {"recall": 0.70, "precision": 0.80, "date_acc": 0.95},
    "heldout8": {"recall": 0.74, "precision": 0.87, "date_acc": 0.93},
    "heldout9": {"recall": 0.64, "precision": 0.87, "date_acc": 0.97},
    "heldout10": {"recall": 0.55, "precision": 0.80, "date_acc": 0.97},
    "heldout11": {"recall": 0.60, "precision": 0.86, "date_acc": 0.97},
    "heldout12": {"recall": 0.50, "precision": 0.71, "date_acc": 0.86},
    "heldout13": {"recall": 0.63, "precision": 0.81, "date_acc": 0.95},
    "heldout14": {"recall": 0.48, "precision": 0.67, "date_acc": 0.89},
    "heldout15": {"recall": 0.49, "precision": 0.72, "date_acc": 0.94},
    "heldout16": {"recall": 0.58, "precision": 0.76, "date_acc": 0.88},   # opened for development in session 16
    "heldout17": {"recall": 0.46, "precision": 0.65, "date_acc": 0.87},   # opened for development in session 17
    "heldout18": {"recall": 0.47, "precision": 0.67, "date_acc": 0.82},
    "heldout19": {"recall": 0.43, "precision": 0.60, "date_acc": 0.87},
    "heldout20": {"recall": 0.35, "precision": 0.67, "date_acc": 0.79},
}
CEILINGS = {name: {"negatives": 0, "duplicates": 0} for name in ("seeds", "devset", "heldout")}
CEILINGS["heldout2"] = {"negatives": 0, "duplicates": 1}   # "reached a reconciliation agreement: Israel
#                           agreed to pay …": the agreement's symmetric row filled twice the same way
CEILINGS["heldout3"] = {"negatives": 0, "duplicates": 1}
CEILINGS["heldout4"] = {"negatives": 0, "duplicates": 2}   # "suspended its treaty with Spain and froze most
#                           trade" is one row: the suspension and the freeze fill it twice
CEILINGS["heldout5"] = {"negatives": 1, "duplicates": 3}
CEILINGS["heldout6"] = {"negatives": 0, "duplicates": 3}   # "had written to both men": one row for
#                           the letter to both, two letters coded; "demanded the extradition" from "the Nordic
#                           countries" (Sweden and Finland): one row, a demand on each
CEILINGS["heldout7"] = {"negatives": 1, "duplicates": 3}   # a row for "urged restraint on both"
#                           or "barred … and froze" is one event in the gold: two acts coded are a duplicate
CEILINGS["heldout8"] = {"negatives": 2, "duplicates": 1}   # "put his army on alert … and held exercises
#                           there" is one row: the alert and the drills aimed at Colombia fill it twice
CEILINGS["heldout9"] = {"negatives": 0, "duplicates": 3}
CEILINGS["heldout10"] = {"negatives": 1, "duplicates": 2}   # "thanked both presidents" is one row with
#                           either target: a thanks to each fills it twice
CEILINGS["heldout11"] = {"negatives": 1, "duplicates": 1}
CEILINGS["heldout12"] = {"negatives": 0, "duplicates": 1}
CEILINGS["heldout13"] = {"negatives": 0, "duplicates": 9}   # "summoned the envoys of the four
#                           countries", "recalled its ambassadors from all four capitals": one required row for
#                           the main partner and one optional row listing the other three, whose other two
#                           acts count as duplicates
CEILINGS["heldout14"] = {"negatives": 0, "duplicates": 6}   # "expelled 18 Russian embassy employees …
#                           and gave them 48 hours to leave" is one row: the expulsion and the deadline fill it twice
CEILINGS["heldout15"] = {"negatives": 1, "duplicates": 4}   # "ordered Costa Rica and Nicaragua to …",
#                           "told both governments to …": one row each, a demand on each side coded
CEILINGS["heldout16"] = {"negatives": 2, "duplicates": 10}  # "Hassan Sheikh, Sisi and Isaias met" is one row
#                           for the three: the three pairs' meetings fill it three times
CEILINGS["heldout17"] = {"negatives": 2, "duplicates": 6}   # "A joint French-Saudi statement urged Lebanon"
#                           is one row with both sources: the urging by each fills it twice
CEILINGS["heldout18"] = {"negatives": 0, "duplicates": 5}   # blind: the levels measured on first sight
CEILINGS["heldout19"] = {"negatives": 1, "duplicates": 2}   # blind: the levels measured on first sight
CEILINGS["heldout20"] = {"negatives": 0, "duplicates": 3}   # blind: the levels measured on first sight


@pytest.fixture(scope="module")
def results(shared: Path) -> dict[str, Any]:
    path = Path(__file__).resolve().parent.parent / "bench" / "accuracy.py"
    spec = importlib.util.spec_from_file_location("bench_accuracy", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.measure(shared)  # type: ignore[no-any-return]


@pytest.mark.parametrize("gold,measure", [(g, m) for g, ms in FLOORS.items() for m in ms])
def test_floor(results: dict[str, Any], gold: str, measure: str) -> None:
    assert results[gold][measure] >= FLOORS[gold][measure], results[gold]


@pytest.mark.parametrize("gold,measure", [(g, m) for g, ms in CEILINGS.items() for m in ms])
def test_ceiling(results: dict[str, Any], gold: str, measure: str) -> None:
    assert results[gold][measure] <= CEILINGS[gold][measure], results[gold]
