"""The analytics commands: dyad, relations, network, plot dyad|network and report.

``register(app)`` adds them to the main Typer app. Each command opens the store read-only, calls
one library function and prints; ``--json`` prints one JSON object.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from . import analytics, plots
from .analytics import DyadReport, Network
from .errors import DetenteError
from .settings import load_settings
from .store import Store

out = Console(soft_wrap=True)

DbOption = Annotated[Optional[Path], typer.Option("--db", help="DuckDB database file (env DETENTE_DB; "
                                                  "default ./detente.duckdb)")]
ByOption = Annotated[str, typer.Option("--by", help="period: day, week, month, quarter or year")]
SinceOption = Annotated[Optional[str], typer.Option("--since", help="event date from (YYYY[-MM[-DD]])")]
UntilOption = Annotated[Optional[str], typer.Option("--until", help="event date until (YYYY[-MM[-DD]])")]
CountOption = Annotated[str, typer.Option("--count", help="clusters (one per real-world event) or mentions "
                                          "(every report)")]
JsonOption = Annotated[bool, typer.Option("--json", help="print one JSON object")]
ChartOption = Annotated[Path, typer.Option("-o", "--output", help="chart file: .png or .svg")]
ActorA = Annotated[str, typer.Argument(help="first actor code, e.g. USA (a prefix: USA matches USAGOV)")]
ActorB = Annotated[str, typer.Argument(help="second actor code, e.g. PAK")]


def register(app: typer.Typer) -> None:
    """Add the analytics commands and the ``plot`` sub-app to ``app``."""
    app.command("dyad")(dyad)
    app.command("relations")(relations)
    app.command("network")(network)
    app.command("report")(report)
    plot = typer.Typer(help="Draw charts as PNG or SVG (chosen by the -o suffix).", no_args_is_help=True)
    plot.command("dyad")(plot_dyad)
    plot.command("network")(plot_network)
    app.add_typer(plot, name="plot")


def _store(db: Path | None) -> Store:
    return Store(load_settings(db=db).db, read_only=True)


# -- commands -----------------------------------------------------------------------------------

def dyad(a: ActorA, b: ActorB, by: ByOption = "year", since: SinceOption = None, until: UntilOption = None,
         directed: Annotated[bool, typer.Option("--directed", help="only events from A to B")] = False,
         count: CountOption = "clusters", as_json: JsonOption = False, db: DbOption = None) -> None:
    """How cooperative relations between A and B are per period, and which way they are heading."""
    with _store(db) as store:
        result = analytics.dyad_summary(store, a, b, by=by, directed=directed, since=since, until=until,
                                        count=count)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    _print_dyad(result)


def relations(by_change: Annotated[bool, typer.Option("--by-change", help="rank by the trend slope (largest "
                                                      "change first) instead of by index")] = False,
              limit: Annotated[int, typer.Option("--limit", help="rows to show")] = 20,
              min_events: Annotated[int, typer.Option("--min-events", help="leave out dyads with fewer "
                                                      "events")] = 1,
              by: ByOption = "year", since: SinceOption = None, until: UntilOption = None,
              count: CountOption = "clusters", as_json: JsonOption = False, db: DbOption = None) -> None:
    """Every pair of states ranked by relation index (or by change)."""
    with _store(db) as store:
        table = analytics.relations(store, by_change=by_change, by=by, since=since, until=until, count=count,
                                    min_events=min_events, limit=limit)
    if as_json:
        typer.echo(json.dumps({"relations": analytics.records(table)}, ensure_ascii=False))
        return
    _print_relations(table, by_change=by_change)


def network(as_json: JsonOption = False, since: SinceOption = None, until: UntilOption = None,
            count: CountOption = "clusters", db: DbOption = None) -> None:
    """States linked by net cooperation, with groups of allies."""
    with _store(db) as store:
        net = analytics.network(store, since=since, until=until, count=count)
    if as_json:
        typer.echo(json.dumps(net.to_dict(), ensure_ascii=False))
        return
    _print_network(net)


def plot_dyad(a: ActorA, b: ActorB, output: ChartOption, by: ByOption = "year", since: SinceOption = None,
              until: UntilOption = None,
              directed: Annotated[bool, typer.Option("--directed", help="only events from A to B")] = False,
              count: CountOption = "clusters", db: DbOption = None) -> None:
    """Events by quad class per period with the relation index, as a chart."""
    with _store(db) as store:
        path = plots.plot_dyad(store, a, b, output, by=by, directed=directed, since=since, until=until, count=count)
    out.print(f"wrote {path}", markup=False, highlight=False)


def plot_network(output: ChartOption, since: SinceOption = None, until: UntilOption = None,
                 count: CountOption = "clusters", db: DbOption = None) -> None:
    """The alignment network of states as a picture."""
    with _store(db) as store:
        path = plots.plot_network(store, output, since=since, until=until, count=count)
    out.print(f"wrote {path}", markup=False, highlight=False)


def report(output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write")],
           top: Annotated[int, typer.Option("--top", help="dyads to detail (the busiest)")] = 8,
           dyads: Annotated[Optional[list[str]], typer.Option("--dyad", help="detail this dyad instead, e.g. "
                                                              "USA-PAK (repeatable)")] = None,
           by: ByOption = "year", since: SinceOption = None, until: UntilOption = None,
           count: CountOption = "clusters", db: DbOption = None) -> None:
    """One self-contained HTML report: ranking, dyads with charts and evidence, network."""
    from .report import write_report

    chosen = [_parse_dyad(text) for text in dyads] if dyads else None
    with _store(db) as store:
        path = write_report(store, output, dyads=chosen, top=top, by=by, since=since, until=until, count=count)
    out.print(f"wrote {path}", markup=False, highlight=False)


# -- printing -----------------------------------------------------------------------------------

def _print_dyad(result: DyadReport) -> None:
    arrow = "→" if result.directed else "–"
    table = Table("period", "events", "v.coop", "m.coop", "v.conf", "m.conf", "mean", "coop", "index",
                  title=f"{result.a}{arrow}{result.b} relations by {result.by} ({result.count})")
    for row in analytics.series_records(result.series, result.by):
        table.add_row(row["label"], str(row["events"]), str(row["verbal_coop"]), str(row["material_coop"]),
                      str(row["verbal_conflict"]), str(row["material_conflict"]), _signed(row["goldstein_mean"]),
                      _percent(row["coop_share"]), _signed(row["index"]))
    out.print(table)
    labels = [analytics.period_label(p, result.by) for p in result.series["period"]]
    spark = plots.sparkline(result.series["index"].tolist())
    span = f"  {labels[0]} … {labels[-1]}" if labels else ""
    out.print(f"index {result.index:+.2f} over {result.events} events   {spark}{span}", markup=False, highlight=False)
    out.print(_trend_line(result), markup=False, highlight=False)
    for change in result.change_points:
        out.print(f"change from {analytics.period_label(change.period, result.by)}: mean index "
                  f"{change.before:+.2f} -> {change.after:+.2f}", markup=False, highlight=False)
    for e in result.drivers:
        out.print(f"  {e.date}  {e.source}->{e.target} {e.cameo} {e.goldstein:+.1f}  {_clip(e.sentence, 100)}"
                  f"  [{e.doc}]", markup=False, highlight=False)


def _trend_line(result: DyadReport) -> str:
    if result.trend is None:
        return f"trend: none; verdict {result.verdict}"
    t = result.trend
    return f"trend {t.slope:+.2f} per year (95% interval {t.low:+.2f} … {t.high:+.2f}); verdict {result.verdict}"


def _print_relations(table: pd.DataFrame, *, by_change: bool) -> None:
    rows = Table("#", "dyad", "events", "periods", "index", "trend/yr", "verdict",
                 title="relations by change" if by_change else "relations by index")
    for i, r in enumerate(table.itertuples(index=False), start=1):
        rows.add_row(str(i), r.dyad, str(r.events), str(r.periods), _signed(r.index), _signed(r.trend), r.verdict)
    out.print(rows)


def _print_network(net: Network) -> None:
    out.print(f"{len(net.nodes)} states, {len(net.edges)} ties, "
              f"{sum(1 for g in net.groups if len(g) > 1)} groups", highlight=False)
    for i, group in enumerate(net.groups, start=1):
        if len(group) > 1:
            out.print(f"group {i}: {', '.join(group)}", markup=False, highlight=False)
    ties = Table("dyad", "net cooperation", "events", "index", title="strongest ties")
    for e in sorted(net.edges, key=lambda e: -abs(e.weight))[:15]:
        ties.add_row(f"{e.a}-{e.b}", f"{e.weight:+.1f}", str(e.events), _signed(e.index))
    out.print(ties)


def _parse_dyad(text: str) -> tuple[str, str]:
    parts = [p for p in text.replace(",", "-").replace(" ", "-").split("-") if p]
    if len(parts) != 2:
        raise DetenteError(f"--dyad wants two actor codes like USA-PAK, got {text!r}")
    return parts[0].upper(), parts[1].upper()


def _signed(value: float | None) -> str:
    return "" if value is None or value != value else f"{value:+.2f}"


def _percent(value: float | None) -> str:
    return "" if value is None or value != value else f"{value:.0%}"


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
