"""What the two seed op-eds argue, read back from their coded events alone (slow: uses the model):
US–Pakistan relations conflictual and declining, Pakistan–Russia cooperative and rising, the US
aligned with India, and Pakistan's strongest tie Russia or China."""
from __future__ import annotations

from pathlib import Path

import pytest

from detente import Store, analytics, ingest  # noqa: F401

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds(shared: Path, nlp, coder):  # type: ignore[no-untyped-def]
    with Store(":memory:") as store:
        ingest(sorted(str(p) for p in (shared / "seeds").glob("*.txt")), store, nlp=nlp, coder=coder)
        yield store


def test_pakistan_russia_cooperative_and_improving(seeds: Store) -> None:
    report = analytics.dyad_summary(seeds, "PAK", "RUS", since="2006", until="2018")
    assert report.index > 0
    assert report.verdict == "improving"


def test_us_pakistan_conflictual_and_declining(seeds: Store) -> None:
    report = analytics.dyad_summary(seeds, "USA", "PAK")
    assert report.index < 0
    assert report.verdict == "deteriorating"


def test_us_aligned_with_india(seeds: Store) -> None:
    assert analytics.dyad_summary(seeds, "USA", "IND").index > 0


def test_pakistan_closest_to_russia_or_china_and_at_odds_with_the_us(seeds: Store) -> None:
    net = analytics.network(seeds)
    ties = {(e.b if e.a == "PAK" else e.a): e.weight for e in net.edges if "PAK" in (e.a, e.b)}
    assert max(ties, key=lambda k: ties[k]) in ("RUS", "CHN")
    assert ties["USA"] < 0


def test_every_verdict_is_traceable_to_sentences(seeds: Store) -> None:
    report = analytics.dyad_summary(seeds, "USA", "PAK")
    assert report.drivers and all(d.sentence and d.doc for d in report.drivers)
