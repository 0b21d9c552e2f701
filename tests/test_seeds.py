"""The two seed articles, coded from raw text and scored with ../shared/gold/score.py (slow).

The floors are the level reached so far: ratchet them up, never down.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from detente import Store, exports, ingest

pytestmark = pytest.mark.slow

FLOOR = {"recall": 0.5, "precision": 0.6}


def test_seed_gold_score_stays_above_the_floor(shared: Path, nlp, coder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    events = tmp_path / "events.jsonl"
    with Store(":memory:") as store:
        ingest(sorted(str(p) for p in (shared / "seeds").glob("*.txt")), store, nlp=nlp, coder=coder)
        with open(events, "w", encoding="utf-8") as f:
            exports.export(store, stream=f)
    out = subprocess.run([sys.executable, str(shared / "gold" / "score.py"),
                          str(shared / "gold" / "seed_events.jsonl"), str(events)],
                         capture_output=True, text=True, check=True).stdout
    recall = float(re.search(r"recall ([\d.]+)", out).group(1))  # type: ignore[union-attr]
    precision = float(re.search(r"precision ([\d.]+)", out).group(1))  # type: ignore[union-attr]
    assert recall >= FLOOR["recall"], out
    assert precision >= FLOOR["precision"], out
