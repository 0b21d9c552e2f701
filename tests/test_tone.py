"""The tone of what is said (VADER with the project's words of reproach)."""
from __future__ import annotations

import csv

from detente.coding import HARSH
from detente.tone import WORDS, tone


def test_words_of_reproach_vader_lacks_make_a_clause_harsh() -> None:
    assert tone("the charges were baseless and amounted to meddling") <= HARSH
    assert tone("the two sides agreed to meet again in May") > HARSH


def test_the_added_words_are_lower_case_and_on_vaders_scale() -> None:
    with open(WORDS, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["word"] == r["word"].strip().lower() and -4 <= float(r["valence"]) <= 4 for r in rows)
    assert len({r["word"] for r in rows}) == len(rows)
