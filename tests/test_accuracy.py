"""Accuracy on the gold sets in ../shared and on bench/devset, from raw text, scored by their own scorers (slow).

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
    "petrarch2_gsr": {"country_root_f1": 0.38, "no_event_empty": 10},
    "plover_gsr": {"precision": 0.6, "recall": 0.35},
    "devset": {"recall": 0.72, "precision": 0.88, "date_acc": 0.78},
}
CEILINGS = {"seeds": {"negatives": 0, "duplicates": 0}, "devset": {"negatives": 0, "duplicates": 0}}


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
