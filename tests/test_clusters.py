"""Corroboration: reports of one real-world event grouped into clusters (events built by hand)."""
from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from detente import exports
from detente.actors import ActorDictionary
from detente.clusters import (ClusterSettings, cluster_events, clusters, date_interval, explain_cluster, keywords,
                              update_clusters)
from detente.errors import DetenteError
from detente.models import Article, Event
from detente.store import CodedDocument, Store

ACTORS = ActorDictionary(aliases=[("Russia", "RUS", "name"), ("Russian", "RUS", "adjective"),
                                  ("Moscow", "RUS", "capital"), ("Pakistan", "PAK", "name"),
                                  ("Islamabad", "PAK", "capital"), ("China", "CHN", "name")])
PUBLISHED = date(2015, 10, 20)


def _report(doc: str, sentence: str, trigger: str, *, source: str = "RUS", target: str = "PAK", cameo: str = "057",
            when: str | None = None, basis: str | None = "text", published: date | None = PUBLISHED,
            amount: tuple[float, str] | None = None, outlet: str | None = None,
            factuality: str = "asserted") -> CodedDocument:
    """A one-sentence document with one event on ``trigger``."""
    article = Article(id=doc, text=sentence, published=published, outlet=outlet or f"outlet-{doc}")
    event = _event(doc, sentence, trigger, source=source, target=target, cameo=cameo, when=when, basis=basis,
                   published=published, amount=amount, factuality=factuality)
    return CodedDocument(article, [(0, len(sentence), sentence)], [event])


def _event(doc: str, sentence: str, trigger: str, *, source: str = "RUS", target: str = "PAK", cameo: str = "057",
           when: str | None = None, basis: str | None = "text", published: date | None = PUBLISHED,
           amount: tuple[float, str] | None = None, factuality: str = "asserted", at: int | None = None) -> Event:
    start = sentence.index(trigger) if at is None else at
    return Event(doc=doc, sent_index=0, source=source, target=target, cameo=cameo, goldstein=None, quad_class=None,
                 plover=None, factuality=factuality, sentence=sentence, source_text="", target_text="",
                 start=start, end=start + len(trigger), rule="test", trigger=trigger, date=when,
                 date_basis=basis if when else ("publication" if published else None),
                 date_precision={4: "year", 7: "month", 10: "day"}.get(len(when or "")),
                 quantity=f"{amount[0]:g} {amount[1]}" if amount else None,
                 quantity_value=amount[0] if amount else None, quantity_unit=amount[1] if amount else None,
                 published=published.isoformat() if published else None,
                 event_id=f"{doc}-{start}-{source}-{target}")


def _cluster_of(store: Store, doc: str) -> str:
    rows = store.query("SELECT DISTINCT cluster FROM events WHERE doc = ? AND factuality = 'asserted'", [doc])
    assert len(rows) == 1
    return str(rows[0]["cluster"])


def _cluster(store: Store, docs: list[CodedDocument]) -> Store:
    store.add_documents(docs)
    cluster_events(store, actors=ACTORS)
    return store


def _pipeline() -> list[CodedDocument]:
    """Two outlets' reports of one deal, in different words."""
    return [_report("a", "Russia and Pakistan signed a $2 billion gas pipeline deal in Islamabad on Friday.", "signed",
                    when="2015-10-16", basis="relative", amount=(2e9, "USD"), outlet="Dawn"),
            _report("b", "Moscow agreed with Islamabad to build a pipeline carrying gas from Karachi to Lahore, "
                    "worth $2.1 billion.", "agreed", cameo="0312", when="2015-10", amount=(2.1e9, "USD"),
                    published=date(2015, 10, 22), outlet="TASS")]


def test_paraphrased_reports_are_joined(store: Store) -> None:
    _cluster(store, _pipeline())
    assert _cluster_of(store, "a") == _cluster_of(store, "b")
    row = clusters(store)[0]
    assert {k: row[k] for k in ("source", "target", "n_mentions", "n_documents", "n_outlets", "date",
                                "date_precision", "first_reported", "last_reported", "quantity_unit")} == {
        "source": "PAK", "target": "RUS", "n_mentions": 2, "n_documents": 2, "n_outlets": 2, "date": "2015-10-16",
        "date_precision": "day", "first_reported": "2015-10-20", "last_reported": "2015-10-22",
        "quantity_unit": "USD"}
    assert row["cluster"] == _cluster_of(store, "a")


def test_cluster_id_is_exported(store: Store) -> None:
    _cluster(store, _pipeline())
    buf = io.StringIO()
    exports.export(store, stream=buf)
    assert buf.getvalue().count(f'"cluster": "{_cluster_of(store, "a")}"') == 2


def test_different_events_on_one_dyad_and_day_stay_apart(store: Store) -> None:
    day = "2015-10-16"
    meeting = _report("m", "Russian and Pakistani ministers met in Moscow for talks on trade.", "met", cameo="042",
                      when=day)
    sale = _report("s", "Russia sold Pakistan four Mi-35 helicopters, officials said.", "sold", cameo="062",
                   when=day)
    small = _report("p2", "Russia and Pakistan signed a $2 billion gas pipeline deal.", "signed", when=day,
                    amount=(2e9, "USD"))
    large = _report("p10", "Russia and Pakistan signed a $10 billion gas pipeline deal.", "signed", when=day,
                    amount=(1e10, "USD"))
    _cluster(store, [meeting, sale, small, large])
    assert len({_cluster_of(store, d) for d in ("m", "s", "p2", "p10")}) == 4


def test_deals_on_different_things_stay_apart(store: Store) -> None:
    gas = _report("g", "Russia signed a gas pipeline deal with Pakistan.", "signed", when="2015-10")
    arms = _report("h", "Russia signed a helicopter deal with Pakistan.", "signed", when="2015-10")
    _cluster(store, [gas, arms])
    assert _cluster_of(store, "g") != _cluster_of(store, "h")


def test_a_report_without_a_date_joins_by_its_details(store: Store) -> None:
    dated = _report("d", "In 2015 Russia agreed to sell four Mi-35 helicopters to Pakistan.", "sell", cameo="0312",
                    when="2015")
    undated = _report("u", "Moscow sold Islamabad four Mi-35 combat helicopters.", "sold", cameo="062",
                      published=None)
    unrelated = _report("x", "Russia and Pakistan held naval drills.", "held", cameo="062", published=None)
    _cluster(store, [dated, undated, unrelated])
    assert _cluster_of(store, "u") == _cluster_of(store, "d")
    assert _cluster_of(store, "x") != _cluster_of(store, "d")


def test_a_report_dated_only_by_publication_needs_a_detail(store: Store) -> None:
    dated = _report("d", "Russia and Pakistan held talks in Moscow.", "held", cameo="040", when="2015-10-16")
    vague = _report("v", "Russia and Pakistan held talks.", "held", cameo="040", when=None)
    bare = _report("b", "Russia met Pakistan.", "met", cameo="040", when=None)
    _cluster(store, [dated, vague, bare])
    assert _cluster_of(store, "v") == _cluster_of(store, "d")
    assert _cluster_of(store, "b") != _cluster_of(store, "d")


def test_a_report_with_nothing_but_a_date_joins_only_an_unambiguous_cluster(store: Store) -> None:
    gas = [_report("a", "Russia and Pakistan signed a gas pipeline deal.", "signed", when="2015-10-16"),
           _report("b", "Pakistan and Russia signed a deal on the gas pipeline.", "signed", when="2015-10-16")]
    bare = _report("k", "Russia signed an agreement with Pakistan.", "signed", when="2015-10")
    _cluster(store, [*gas, bare])
    assert _cluster_of(store, "k") == _cluster_of(store, "a")
    with Store(":memory:") as other:
        arms = _report("h", "Russia and Pakistan signed a helicopter deal.", "signed", when="2015-10-20")
        _cluster(other, [*gas, bare, arms])
        assert _cluster_of(other, "k") not in {_cluster_of(other, "a"), _cluster_of(other, "h")}


def test_both_directions_of_one_word_share_a_cluster_but_two_words_of_one_document_do_not(store: Store) -> None:
    text = "Russia and Pakistan held drills in March and held more drills in May."
    doc = _report("a", text, "held", cameo="062", when="2015")
    doc.events += [_event("a", text, "held", source="PAK", target="RUS", cameo="062", when="2015"),
                   _event("a", text, "held", cameo="062", when="2015", at=text.rindex("held"))]
    _cluster(store, [doc])
    rows = store.query("SELECT start, cluster FROM events ORDER BY start, source")
    assert rows[0]["cluster"] == rows[1]["cluster"] != rows[2]["cluster"]


def test_only_asserted_mentions_are_clustered(store: Store) -> None:
    hypothetical = _report("h", "Russia and Pakistan may sign a $2 billion gas pipeline deal.", "sign",
                           when="2015-10", amount=(2e9, "USD"), factuality="hypothetical")
    _cluster(store, [*_pipeline(), hypothetical])
    assert store.query("SELECT cluster FROM events WHERE doc = 'h'") == [{"cluster": None}]
    assert clusters(store)[0]["n_mentions"] == 2


def test_incremental_update_touches_only_its_blocks_and_keeps_ids(store: Store) -> None:
    other = _report("c", "China and Pakistan opened a trade corridor.", "opened", source="CHN", cameo="061",
                    when="2015-10")
    _cluster(store, [*_pipeline(), other])
    before = {d: _cluster_of(store, d) for d in ("a", "b", "c")}
    stamp = store.query("SELECT updated_at FROM clusters WHERE cluster = ?", [before["c"]])[0]["updated_at"]
    late = _report("d", "Pakistan and Russia signed a pipeline deal for gas worth $2 billion last week.", "signed",
                   source="PAK", target="RUS", when="2015-10", basis="relative", published=date(2015, 10, 25))
    store.add_documents([late])
    report = update_clusters(store, ["d"], actors=ACTORS)
    assert report.mentions == 3                      # a, b and d; c's block is left alone
    assert {d: _cluster_of(store, d) for d in ("a", "b", "c")} == before
    assert _cluster_of(store, "d") == before["a"]
    assert store.query("SELECT updated_at FROM clusters WHERE cluster = ?", [before["c"]])[0]["updated_at"] == stamp
    assert clusters(store, dyad=("RUS", "PAK"))[0]["n_documents"] == 3


def test_update_after_a_document_is_replaced(store: Store) -> None:
    _cluster(store, _pipeline())
    kept = _cluster_of(store, "a")
    store.add_documents([_report("b", "Russia and Pakistan held naval drills.", "held", cameo="062",
                                 when="2015-10")])
    update_clusters(store, ["b"], actors=ACTORS)
    assert _cluster_of(store, "a") == kept
    assert _cluster_of(store, "b") != kept
    assert {r["cluster"]: r["n_mentions"] for r in clusters(store)}[kept] == 1
    assert sorted(r["n_mentions"] for r in clusters(store)) == [1, 1]


def test_update_also_clusters_what_was_never_clustered(store: Store) -> None:
    store.add_documents(_pipeline())
    report = update_clusters(store, [], actors=ACTORS)
    assert report.mentions == 2
    assert _cluster_of(store, "a") == _cluster_of(store, "b")


def test_full_run_is_stable(store: Store) -> None:
    _cluster(store, _pipeline())
    first = _cluster_of(store, "a")
    assert cluster_events(store, actors=ACTORS).changed == 0
    assert _cluster_of(store, "a") == first


def test_explain_cluster_gives_the_reasons(store: Store) -> None:
    _cluster(store, _pipeline())
    found = explain_cluster(store, _cluster_of(store, "a"))
    assert [m["doc"] for m in found["mentions"]] == ["a", "b"]
    assert "gas" in found["mentions"][0]["keywords"] and "pipelin" in found["mentions"][1]["keywords"]
    pair = found["pairs"][0]
    assert pair["joined"] == "directly"
    assert pair["dyad"] == "same direction"
    assert pair["quantity"] == "same amount"
    assert pair["keywords"].startswith("shared: ")
    with pytest.raises(DetenteError, match="no cluster 'nope'"):
        explain_cluster(store, "nope")


def test_clusters_filters(store: Store) -> None:
    other = _report("c", "China and Pakistan opened a trade corridor.", "opened", source="CHN", cameo="061",
                    when="2016-01")
    _cluster(store, [*_pipeline(), other])
    assert [r["n_documents"] for r in clusters(store)] == [2, 1]
    assert [r["source"] for r in clusters(store, actor="CHN")] == ["CHN"]
    assert len(clusters(store, min_documents=2)) == 1
    assert len(clusters(store, since="2016")) == 1
    assert len(clusters(store, code="05")) == 1


def test_date_intervals() -> None:
    s = ClusterSettings()
    day = date.toordinal
    pub = date(2015, 12, 1)
    assert date_interval("2015", "text", None, None, s) == (day(date(2015, 1, 1)), day(date(2015, 12, 31)), True)
    assert date_interval("2015", "text", None, pub, s) == (day(date(2015, 1, 1)), day(pub), True)
    assert date_interval("2015-10", "text", None, pub, s) == (day(date(2015, 10, 1)), day(date(2015, 10, 31)), True)
    assert date_interval("2006", "text", "since 2006", pub, s) == (day(date(2006, 1, 1)), day(pub), True)
    assert date_interval("2015-12", "relative", "recently", pub, s) == (day(pub) - 61, day(pub), True)
    assert date_interval("2015-12-01", "publication", None, pub, s) == (day(pub) - 1826, day(pub), False)
    assert date_interval("2014-03", "context", "In March 2014 (earlier in the paragraph)", pub, s) == \
        (day(pub) - 1826, day(pub), False)      # a date inferred from the paragraph is no date of its own
    assert date_interval(None, None, None, None, s)[2] is False


def test_keywords_near_the_event_word() -> None:
    text = "Also, Moscow sold Islamabad four Mi-35 combat helicopters, and the two countries held military drills."
    names = frozenset({"moscow", "islamabad"})
    sold, held = text.index("sold"), text.index("held")
    assert keywords(text, "sold", at=sold, others=[held], names=names) == {"sold", "mi-35", "combat", "helicopter"}
    assert keywords(text, "held", at=held, others=[sold], names=names) == {"military", "drill"}


def test_settings_are_documented() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "coding.md").read_text(encoding="utf-8")
    section = text[text.index("## 9. Corroboration"):]
    for name, value in vars(ClusterSettings()).items():
        if name != "stopwords":
            assert f"`{name}`" in section, f"ClusterSettings.{name} is not in docs/coding.md section 9"


# -- the seed articles, end to end (needs the spaCy model) -----------------------------------------

@pytest.mark.slow
def test_seed_reports_of_one_event_share_a_cluster(nlp: Any, coder: Any, shared: Path, tmp_path: Path) -> None:
    import detente

    with Store(":memory:") as store:
        detente.ingest([str(p) for p in sorted((shared / "seeds").glob("*.txt"))], store, nlp=nlp, coder=coder)
        cluster_events(store)
        out = tmp_path / "events.jsonl"
        with open(out, "w", encoding="utf-8") as f:
            exports.export(store, stream=f)
        pipelines = store.query("SELECT date, cluster FROM events WHERE sentence LIKE '%gas pipeline deal%' "
                                "AND factuality = 'asserted'")
    gold = shared / "gold" / "seed_events.jsonl"
    result = subprocess.run([sys.executable, str(shared / "gold" / "score.py"), str(gold), str(out)],
                            capture_output=True, text=True, check=True).stdout
    line = next(x for x in result.splitlines() if x.startswith("clusters:"))
    assert "reports joined 5/5" in line, line
    assert {r["date"] for r in pipelines} == {"2015-10", "2018-09"}
    assert not ({r["cluster"] for r in pipelines if r["date"] == "2015-10"}
                & {r["cluster"] for r in pipelines if r["date"] == "2018-09"})
    assert "clusters mixing different events 0" in line, line
