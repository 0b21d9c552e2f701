"""Relations analytics: series, index, trend and verdict, change points, ranking, network, CLI, charts, report."""
from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
import typer
from typer.testing import CliRunner

from detente import analytics, plots
from detente.analytics import Trend
from detente.cli_analytics import register
from detente.errors import DetenteError
from detente.report import write_report
from detente.series import _has_dyad_key
from detente.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS: dict[str, Any] = {
    "doc": "d1", "sent_index": 0, "cameo": "042", "root": "04", "goldstein": 1.0, "quad_class": 1,
    "factuality": "asserted", "sentence": "A met B.", "start": 0, "end": 1, "rule": "test",
    "date": "2015-01-01", "published": date(2020, 1, 1), "cluster": None,
}


def add(store: Store, *rows: dict[str, Any]) -> None:
    """Insert hand-made event rows through Arrow; unspecified columns take DEFAULTS."""
    if not rows:
        return
    have = store.query("SELECT count(*) AS n FROM events")[0]["n"]
    full = [{**DEFAULTS, "event_id": f"e{have + i}", **row} for i, row in enumerate(rows)]
    for row in full:                       # the store fills the dyad key for every event it writes
        row.setdefault("dyad", "-".join(sorted((str(row["source"])[:3], str(row["target"])[:3]))))
    table = pa.Table.from_pylist(full)
    store.con.register("_rows", table)
    try:
        store.con.execute("INSERT INTO events BY NAME SELECT * FROM _rows")
    finally:
        store.con.unregister("_rows")


def ev(source: str, target: str, goldstein: float, quad: int, when: str | None, **kw: Any) -> dict[str, Any]:
    return {"source": source, "target": target, "goldstein": goldstein, "quad_class": quad, "date": when, **kw}


def trending(store: Store, a: str, b: str, start: float, step: float, *, years: int = 8, per_year: int = 4) -> None:
    """``per_year`` events a year whose Goldstein score moves by ``step`` a year from ``start``."""
    add(store, *(ev(a, b, max(-10.0, min(10.0, start + step * y)), 1, f"{2010 + y}-0{m + 1}-15")
                 for y in range(years) for m in range(per_year)))


# -- series -------------------------------------------------------------------------------------

def test_series_counts_by_quad_class_and_year(store: Store) -> None:
    add(store, ev("USA", "PAK", 3.0, 1, "2015-03-02"), ev("PAKMIL", "USAGOV", -10.0, 4, "2015-07"),
        ev("USA", "PAK", 7.0, 2, "2016"), ev("USA", "PAK", -2.0, 3, "2016-11-30"), ev("USA", "CHN", 5.0, 1, "2016"))
    series = analytics.dyad_series(store, "USA", "PAK")
    assert [p.year for p in series["period"]] == [2015, 2016]
    assert series[list(analytics.QUAD_COLUMNS)].values.tolist() == [[1, 0, 0, 1], [0, 1, 1, 0]]
    assert series["events"].tolist() == [2, 2]
    assert series["goldstein_sum"].tolist() == [-7.0, 5.0]
    assert series["goldstein_mean"].tolist() == [-3.5, 2.5]
    assert series["coop_share"].tolist() == [0.5, 0.5]


def test_a_bare_year_falls_in_january_and_dateless_events_are_skipped(store: Store) -> None:
    add(store, ev("USA", "PAK", 1.0, 1, "2015"), ev("USA", "PAK", 1.0, 1, "2015-07-09"),
        ev("USA", "PAK", 1.0, 1, "2015-07"), ev("USA", "PAK", 1.0, 1, None), ev("USA", "PAK", 1.0, 1, "2015-13"))
    months = analytics.dyad_series(store, "USA", "PAK", by="month")
    assert [(str(p.date()), n) for p, n in zip(months["period"], months["events"])] == [
        ("2015-01-01", 1), ("2015-07-01", 2)]
    quarters = analytics.dyad_series(store, "USA", "PAK", by="quarter")
    assert [str(p.date()) for p in quarters["period"]] == ["2015-01-01", "2015-07-01"]
    weeks = analytics.dyad_series(store, "USA", "PAK", by="week")
    assert str(weeks["period"][0].date()) == "2014-12-29"  # the Monday of the week holding 1 January 2015


def test_only_asserted_events_count_by_default(store: Store) -> None:
    add(store, ev("USA", "PAK", 4.0, 1, "2015"), ev("USA", "PAK", -10.0, 4, "2015", factuality="hypothetical"),
        ev("USA", "PAK", -8.0, 4, "2015", factuality="negated"))
    assert analytics.dyad_series(store, "USA", "PAK")["events"].tolist() == [1]
    assert analytics.dyad_series(store, "USA", "PAK", factuality=None)["events"].tolist() == [3]
    assert analytics.dyad_series(store, "USA", "PAK", factuality="negated")["goldstein_sum"].tolist() == [-8.0]


def test_clusters_count_once_with_the_first_reports_values(store: Store) -> None:
    add(store,
        ev("USA", "PAK", -5.0, 4, "2015-02-01", cluster="c1", published=date(2015, 2, 3)),
        ev("USA", "PAK", 4.0, 1, "2015-02-01", cluster="c1", published=date(2015, 2, 1)),
        ev("PAK", "USA", 6.0, 2, "2015-02-01", cluster="c1", published=None),
        ev("USA", "PAK", 2.0, 1, "2015-05-01", cluster=None),
        ev("USA", "PAK", 2.0, 1, "2015-06-01", cluster=None))
    clusters = analytics.dyad_series(store, "USA", "PAK")
    assert clusters["events"].tolist() == [3]
    assert clusters["goldstein_sum"].tolist() == [8.0]  # 4 (first report of c1) + 2 + 2
    assert clusters["verbal_coop"].tolist() == [3]
    mentions = analytics.dyad_series(store, "USA", "PAK", count="mentions")
    assert mentions["events"].tolist() == [5]
    assert mentions["goldstein_sum"].tolist() == [9.0]


def test_a_clusters_hypothetical_first_report_gives_way_to_its_first_asserted_one(store: Store) -> None:
    add(store, ev("USA", "PAK", -9.0, 4, "2015", cluster="c1", published=date(2015, 1, 1), factuality="hypothetical"),
        ev("USA", "PAK", 3.0, 1, "2015", cluster="c1", published=date(2015, 1, 2)))
    assert analytics.dyad_series(store, "USA", "PAK")["goldstein_sum"].tolist() == [3.0]


def test_directed_and_prefix_matching(store: Store) -> None:
    add(store, ev("USAGOV", "PAKMIL", 3.0, 1, "2015"), ev("PAK", "USA", -4.0, 3, "2015"), ev("USA", "IND", 1.0, 1, "2015"))
    assert analytics.dyad_series(store, "usa", "pak")["events"].tolist() == [2]
    assert analytics.dyad_series(store, "USA", "PAK", directed=True)["goldstein_sum"].tolist() == [3.0]
    assert analytics.dyad_series(store, "USAGOV", "PAK")["events"].tolist() == [1]
    assert analytics.dyad_series(store, "USAMIL", "PAK").empty


def test_normalise_gives_the_dyads_share_of_coverage(store: Store) -> None:
    add(store, ev("USA", "PAK", 1.0, 1, "2015"), ev("USA", "CHN", 1.0, 1, "2015"), ev("RUS", "UKR", -9.0, 4, "2015-04"),
        ev("IGOUNO", "SYR", 1.0, 1, "2015"), ev("USA", "PAK", 1.0, 1, "2016"))
    series = analytics.dyad_series(store, "USA", "PAK", normalise=True)
    assert series["all_events"].tolist() == [4, 1]
    assert series["share"].tolist() == [0.25, 1.0]


def test_since_and_until_compare_like_the_events_command(store: Store) -> None:
    add(store, ev("USA", "PAK", 1.0, 1, "2014-12-31"), ev("USA", "PAK", 1.0, 1, "2015"),
        ev("USA", "PAK", 1.0, 1, "2015-06-01"), ev("USA", "PAK", 1.0, 1, "2018-12-31"), ev("USA", "PAK", 1.0, 1, "2019"))
    assert analytics.dyad_series(store, "USA", "PAK", since="2015", until="2018")["events"].sum() == 3
    assert analytics.dyad_series(store, "USA", "PAK", since="2015-06")["events"].sum() == 3


@pytest.mark.parametrize("kwargs, message", [
    ({"by": "decade"}, "by must be one of day, week, month, quarter, year"),
    ({"count": "docs"}, "count must be one of clusters, mentions"),
    ({"since": "last year"}, "since wants a date like 2015"),
    ({"until": "2015/01"}, "until wants a date like 2015"),
])
def test_bad_options_say_what_is_allowed(store: Store, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(DetenteError, match=message):
        analytics.dyad_series(store, "USA", "PAK", **kwargs)


def test_a_dyad_needs_two_different_actors(store: Store) -> None:
    with pytest.raises(DetenteError, match="two different actor codes"):
        analytics.dyad_series(store, "USA", "usa")


def test_user_values_travel_as_parameters(store: Store) -> None:
    add(store, ev("USA", "PAK", 1.0, 1, "2015"))
    assert analytics.dyad_series(store, "USA", "PAK') OR (1=1", factuality="x' OR '1'='1").empty
    assert store.query("SELECT count(*) AS n FROM events")[0]["n"] == 1


def test_sorting_by_the_dyad_key_gives_the_same_answers(store: Store) -> None:
    trending(store, "USA", "PAK", -4, 1.5)
    add(store, ev("USA", "CHN", -3.0, 3, "2012"), ev("PAKMIL", "USAGOV", 5.0, 2, "2013-05"))
    assert _has_dyad_key(store)
    before = analytics.dyad_series(store, "USA", "PAK")
    store.optimize()
    pd.testing.assert_frame_equal(analytics.dyad_series(store, "USA", "PAK"), before)


# -- index, trend, verdict, change points -------------------------------------------------------

def test_index_is_the_goldstein_sum_shrunk_toward_zero(store: Store) -> None:
    assert analytics.shrunk_index(7.0, 1) == pytest.approx(7 / 3)
    assert analytics.shrunk_index(350.0, 50) == pytest.approx(350 / 52)
    assert analytics.shrunk_index(7.0, 1, k=0) == 7.0
    add(store, ev("USA", "PAK", 7.0, 2, "2015"), ev("USA", "PAK", 3.0, 1, "2016"), ev("USA", "PAK", -1.0, 3, "2016"),
        {**ev("USA", "PAK", 5.0, 1, "2016"), "goldstein": None})
    series = analytics.dyad_series(store, "USA", "PAK")
    assert series["index"].tolist() == pytest.approx([7 / 3, 2 / 4])  # the unscored event adds nothing to n
    assert analytics.dyad_series(store, "USA", "PAK", k=1)["index"].tolist() == pytest.approx([7 / 2, 2 / 3])
    assert analytics.dyad_summary(store, "USA", "PAK").index == pytest.approx(9 / 5)


def test_relation_index_covers_every_state_dyad_and_period(store: Store) -> None:
    add(store, ev("USA", "PAK", 7.0, 2, "2015"), ev("CHN", "USAGOV", -2.0, 3, "2016"), ev("IGOUNO", "USA", 4.0, 1, "2016"))
    table = analytics.relation_index(store)
    assert [(r["a"], r["b"], r["period"].year, r["index"]) for r in table.to_dict("records")] == [
        ("CHN", "USA", 2016, pytest.approx(-2 / 3)), ("PAK", "USA", 2015, pytest.approx(7 / 3))]


def test_clearly_improving_relations(store: Store) -> None:
    trending(store, "USA", "PAK", -6, 1.5)
    report = analytics.dyad_summary(store, "USA", "PAK")
    assert report.verdict == "improving"
    assert report.trend is not None and report.trend.low > 0
    assert report.trend.slope == pytest.approx(1.5 * 4 / 6, rel=0.05)  # 4 events a year: index = 4g / 6
    assert len(report.series) == 8 and report.events == 32


def test_clearly_deteriorating_relations(store: Store) -> None:
    trending(store, "RUS", "UKR", 6, -1.5)
    report = analytics.dyad_summary(store, "RUS", "UKR")
    assert report.verdict == "deteriorating"
    assert report.trend is not None and report.trend.high < 0


def test_flat_relations_are_stable(store: Store) -> None:
    add(store, *(ev("FRA", "DEU", 3.0 + (0.5 if (y + m) % 2 else -0.5), 1, f"{2010 + y}-0{m + 1}-01")
                 for y in range(8) for m in range(4)))
    report = analytics.dyad_summary(store, "FRA", "DEU")
    assert report.verdict == "stable"
    assert report.change_points == []


@pytest.mark.parametrize("rows", [
    [ev("USA", "PAK", 5.0, 1, "2015"), ev("USA", "PAK", 5.0, 1, "2015"), ev("USA", "PAK", 5.0, 1, "2015")],
    [ev("USA", "PAK", -5.0, 4, "2015"), ev("USA", "PAK", 5.0, 1, "2019")],
    [],
])
def test_thin_evidence_is_insufficient(store: Store, rows: list[dict[str, Any]]) -> None:
    add(store, *rows)
    report = analytics.dyad_summary(store, "USA", "PAK")
    assert report.verdict == "insufficient" and report.trend is None
    assert report.to_dict()["trend"] is None


def test_verdict_rules_for_short_series() -> None:
    up = Trend(slope=0.1, low=0.1, high=0.1, intercept=0.0, periods=3)
    # three periods rising a little: the interval does not count yet and the halves differ by 0.2
    assert analytics.verdict([0.1, 0.2, 0.3], up, events=9) == "stable"
    # two periods far apart: the later half beats the earlier by more than the margin
    assert analytics.verdict([-3.0, 3.0], Trend(1.5, 1.5, 1.5, -3.0, 2), events=6) == "improving"
    assert analytics.verdict([3.0, -3.0], Trend(-1.5, -1.5, -1.5, 3.0, 2), events=6) == "deteriorating"
    # four periods each above the last: the interval is above zero
    assert analytics.verdict([0.1, 0.2, 0.3, 0.4], Trend(0.1, 0.1, 0.1, 0.1, 4), events=12) == "improving"
    assert analytics.verdict([1.0, 2.0], None, events=2) == "insufficient"
    assert analytics.half_shift([1.0, 5.0, 3.0]) == 2.0


def test_change_point_is_found_at_a_planted_shift() -> None:
    periods = pd.date_range("2010-01-01", periods=10, freq="YS")
    series = pd.DataFrame({"period": periods, "index": [-3.0, -2.5, -3.2, -2.8, -3.1, 4.0, 3.6, 4.3, 3.9, 4.1]})
    [change] = analytics.change_points(series)
    assert change.period == date(2015, 1, 1)
    assert change.before == pytest.approx(-2.92) and change.after == pytest.approx(3.98)
    assert change.shift == pytest.approx(6.9)


def test_two_shifts_give_two_change_points_and_short_segments_none() -> None:
    periods = pd.date_range("2010-01-01", periods=9, freq="YS")
    series = pd.DataFrame({"period": periods, "index": [0.0, 0.1, 0.0, 5.0, 5.1, 5.0, -4.0, -4.1, -4.0]})
    assert [c.period.year for c in analytics.change_points(series)] == [2013, 2016]
    assert analytics.change_points(series, min_segment=5) == []
    assert analytics.change_points(series.head(3)) == []


def test_change_point_through_dyad_summary(store: Store) -> None:
    add(store, *(ev("IND", "PAK", -6.0 if y < 4 else 5.0, 4 if y < 4 else 1, f"{2010 + y}-0{m + 1}-01")
                 for y in range(8) for m in range(3)))
    report = analytics.dyad_summary(store, "IND", "PAK")
    assert [c.period for c in report.change_points] == [date(2014, 1, 1)]
    assert report.verdict == "improving"


def test_drivers_are_the_heaviest_events_with_their_sentences(store: Store) -> None:
    add(store, ev("USA", "PAK", 1.0, 1, "2015", sentence="small"), ev("USA", "PAK", -10.0, 4, "2016-02-02",
        sentence="US drones struck Pakistan.", doc="nyt-1"), ev("PAK", "USA", 7.0, 2, "2017", sentence="aid"),
        ev("USA", "PAK", 9.0, 2, "2017", sentence="hypothetical", factuality="hypothetical"))
    drivers = analytics.drivers(store, "USA", "PAK", top=2)
    assert [(d.goldstein, d.sentence, d.doc) for d in drivers] == [
        (-10.0, "US drones struck Pakistan.", "nyt-1"), (7.0, "aid", "d1")]
    assert drivers[0].date == "2016-02-02" and drivers[0].event_id.startswith("e")


# -- ranking and network ------------------------------------------------------------------------

def test_relations_rank_state_dyads_by_index_or_change(store: Store) -> None:
    trending(store, "USA", "PAK", -6, 1.5)                 # improving, mean index near 0
    add(store, *(ev("FRA", "DEU", 6.0, 2, f"{2010 + y}") for y in range(8)))   # warm and flat
    trending(store, "RUS", "UKRMIL", 2, -2.0)              # deteriorating, cold
    add(store, ev("IGOUNO", "USA", 9.0, 2, "2015"), ev("---", "USA", 9.0, 2, "2015"),
        ev("PAKMIL", "PAKREB", -9.0, 4, "2015"), ev("EUR", "RUS", 5.0, 1, "2015"))
    by_index = analytics.relations(store)
    assert by_index["dyad"].tolist() == ["DEU-FRA", "PAK-USA", "RUS-UKR"]
    assert by_index["verdict"].tolist() == ["stable", "improving", "deteriorating"]
    by_change = analytics.relations(store, by_change=True)
    assert by_change["dyad"].tolist()[:2] == ["RUS-UKR", "PAK-USA"]
    assert analytics.relations(store, limit=1)["dyad"].tolist() == ["DEU-FRA"]
    assert list(by_index.columns) == ["dyad", "a", "b", "events", "periods", "index", "trend", "trend_low",
                                      "trend_high", "verdict"]


def blocs(store: Store) -> None:
    add(store,
        ev("USA", "GBR", 6.0, 2, "2015"), ev("GBRGOV", "FRA", 4.0, 1, "2015"), ev("FRA", "USA", 3.0, 1, "2016"),
        ev("RUS", "CHN", 5.0, 2, "2015"), ev("CHN", "IRN", 4.0, 1, "2016"), ev("IRNMIL", "RUS", 6.0, 2, "2016"),
        ev("USA", "RUS", -7.0, 4, "2015"), ev("RUS", "USA", -5.0, 3, "2016"), ev("GBR", "IRN", -2.0, 3, "2016"),
        ev("USA", "GBR", 2.0, 1, "2016", factuality="hypothetical"), ev("IGOUNO", "USA", 8.0, 2, "2015"))


def test_network_edges_weights_groups_and_closest(store: Store) -> None:
    blocs(store)
    net = analytics.network(store)
    assert net.nodes == ["CHN", "FRA", "GBR", "IRN", "RUS", "USA"]
    weights = {(e.a, e.b): e.weight for e in net.edges}
    assert weights == {("GBR", "USA"): 6.0, ("FRA", "GBR"): 4.0, ("FRA", "USA"): 3.0, ("CHN", "RUS"): 5.0,
                       ("CHN", "IRN"): 4.0, ("IRN", "RUS"): 6.0, ("RUS", "USA"): -12.0, ("GBR", "IRN"): -2.0}
    assert sorted(net.groups) == [["CHN", "IRN", "RUS"], ["FRA", "GBR", "USA"]]
    assert net.closest("usa") == [("GBR", 6.0), ("FRA", 3.0), ("RUS", -12.0)]
    assert net.group_of("USA") == net.group_of("FRA") != net.group_of("RUS")
    with pytest.raises(DetenteError, match="ZZZ is not in the network"):
        net.closest("ZZZ")
    edge = next(e for e in net.edges if (e.a, e.b) == ("RUS", "USA"))
    assert edge.events == 2 and edge.index == pytest.approx(-12 / 4)


def test_network_window_and_empty_store(store: Store) -> None:
    assert analytics.network(store).to_dict() == {"nodes": [], "edges": [], "groups": []}
    blocs(store)
    assert analytics.network(store, until="2015").nodes == ["CHN", "FRA", "GBR", "RUS", "USA"]


# -- presentation -------------------------------------------------------------------------------

@pytest.mark.parametrize("by, label", [("year", "2015"), ("quarter", "2015-Q3"), ("month", "2015-07"),
                                       ("week", "2015-W28"), ("day", "2015-07-09")])
def test_period_labels(by: str, label: str) -> None:
    assert analytics.period_label(date(2015, 7, 9), by) == label


def test_sparkline() -> None:
    assert plots.sparkline([0.0, 1.0, 2.0, 7.0]) == "▁▂▃█"
    assert plots.sparkline([2.0, 2.0]) == "▄▄"
    assert plots.sparkline([float("nan"), 1.0, 3.0]) == " ▁█"


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_plots_are_written(store: Store, tmp_path: Path, suffix: str, magic: bytes) -> None:
    trending(store, "USA", "PAK", -6, 1.5)
    blocs(store)
    chart = plots.plot_dyad(store, "USA", "PAK", tmp_path / f"dyad{suffix}", by="quarter")
    net = plots.plot_network(store, tmp_path / f"net{suffix}")
    for path in (chart, net):
        assert path.stat().st_size > 1000 and path.read_bytes().startswith(magic)
    if suffix == ".svg":
        assert "USA–PAK relations" in chart.read_text(encoding="utf-8")


def test_plots_of_nothing_and_bad_suffix(store: Store, tmp_path: Path) -> None:
    assert plots.plot_dyad(store, "USA", "PAK", tmp_path / "empty.png").stat().st_size > 0
    assert plots.plot_network(store, tmp_path / "empty-net.svg").stat().st_size > 0
    with pytest.raises(DetenteError, match="PNG or SVG"):
        plots.plot_dyad(store, "USA", "PAK", tmp_path / "chart.pdf")


def test_report_is_self_contained_and_escapes_article_text(store: Store, tmp_path: Path) -> None:
    trending(store, "USA", "PAK", -6, 1.5)
    blocs(store)
    add(store, ev("USA", "PAK", -10.0, 4, "2017-05-05", sentence="<script>alert('x')</script> & <img src=x>"))
    path = write_report(store, tmp_path / "report.html", top=3)
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h2 id=\"dyad-PAK-USA\">PAK–USA</h2>" in page and "Alignment network" in page
    assert "<script" not in page and "<img src=x>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;img src=x&gt;" in page
    for attr in ("src=\"http", "href=\"http", "src='http", "href='http", "url(http", "@import"):
        assert attr not in page
    assert "<link" not in page and page.count("src=\"data:image/png;base64,") == 4  # 3 dyads + the network
    for verdict in ("improving", "deteriorating", "stable", "insufficient"):
        assert f"class=\"verdict {verdict}\"" in page or verdict not in analytics.relations(store)["verdict"].tolist()


def test_report_and_ranking_of_an_empty_store(store: Store, tmp_path: Path) -> None:
    assert analytics.relations(store).empty and analytics.relations(store, by_change=True).empty
    page = write_report(store, tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "The 0 busiest of 0 pairs of states" in page


def test_report_of_chosen_dyads(store: Store, tmp_path: Path) -> None:
    blocs(store)
    page = write_report(store, tmp_path / "r.html", dyads=[("USA", "RUS")]).read_text(encoding="utf-8")
    assert "<h2 id=\"dyad-RUS-USA\">USA–RUS</h2>" in page and "GBR–USA</h2>" not in page
    assert "<a href=\"#dyad-RUS-USA\">RUS–USA</a>" in page  # the ranking links to the detailed dyad


# -- command line -------------------------------------------------------------------------------

@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        trending(store, "USA", "PAK", -6, 1.5)
        blocs(store)
    return path


def cli(*args: str) -> str:
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_register_adds_the_commands() -> None:
    app = typer.Typer()
    register(app)
    names = {c.name for c in app.registered_commands}
    assert names == {"dyad", "relations", "network", "report"}
    assert [g.name for g in app.registered_groups] == ["plot"]


def test_dyad_json(db: Path) -> None:
    data = json.loads(cli("dyad", "USA", "PAK", "--json", "--db", str(db)))
    assert {"index", "trend", "verdict", "series"} <= set(data)
    assert data["verdict"] == "improving" and data["trend"] > 0
    assert [row["label"] for row in data["series"]] == [str(y) for y in range(2010, 2018)]
    assert {"period", "events", "verbal_coop", "material_conflict", "index"} <= set(data["series"][0])
    monthly = json.loads(cli("dyad", "usa", "pak", "--by", "month", "--since", "2016", "--count", "mentions",
                             "--directed", "--json", "--db", str(db)))
    assert monthly["series"][0]["label"] == "2016-01" and monthly["count"] == "mentions"


def test_dyad_table(db: Path) -> None:
    output = cli("dyad", "USA", "PAK", "--db", str(db))
    assert "USA–PAK relations by year (clusters)" in output
    assert "verdict improving" in output
    assert any(ch in output for ch in plots.SPARKS) and "2010 … 2017" in output


def test_network_json(db: Path) -> None:
    data = json.loads(cli("network", "--json", "--db", str(db)))
    assert set(data) == {"nodes", "edges", "groups"}
    assert all({"a", "b", "weight"} <= set(e) for e in data["edges"])
    assert ["FRA", "GBR", "USA"] in data["groups"]
    assert "group 1:" in cli("network", "--db", str(db))


def test_relations_command(db: Path) -> None:
    output = cli("relations", "--db", str(db), "--limit", "3")
    assert "relations by index" in output and "GBR-USA" in output and "PAK-USA" not in output
    assert "relations by change" in cli("relations", "--by-change", "--db", str(db))
    data = json.loads(cli("relations", "--json", "--db", str(db)))
    assert data["relations"][0]["dyad"] and "verdict" in data["relations"][0]


def test_plot_and_report_commands(db: Path, tmp_path: Path) -> None:
    assert "wrote" in cli("plot", "dyad", "USA", "PAK", "-o", str(tmp_path / "c.svg"), "--db", str(db))
    assert "wrote" in cli("plot", "network", "-o", str(tmp_path / "n.png"), "--db", str(db))
    assert "wrote" in cli("report", "-o", str(tmp_path / "r.html"), "--dyad", "USA-RUS", "--db", str(db))
    assert (tmp_path / "c.svg").stat().st_size > 0 and (tmp_path / "n.png").stat().st_size > 0
    assert ">USA–RUS</h2>" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_missing_database_is_a_detente_error(tmp_path: Path) -> None:
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["dyad", "USA", "PAK", "--db", str(tmp_path / "none.duckdb")])
    assert isinstance(result.exception, DetenteError)


# -- benchmark ----------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["plain", "dyad"])
def test_benchmark_runs_on_a_small_store(layout: str, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("bench_series", ROOT / "bench" / "series.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.main(["--events", "20000", "--repeat", "1", "--layout", layout])
    output = capsys.readouterr().out
    assert f"generated 20,000 events ({layout} layout)" in output
    for name in ("dyad_series USA-PAK", "dyad_summary USA-PAK", "relations ranking", "network"):
        assert name in output
