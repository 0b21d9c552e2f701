"""Charts of relations: a dyad's events and index per period, and the alignment network.

Figures are drawn on matplotlib's Agg canvas without pyplot (no display, no global state, no
network) and saved as PNG or SVG, chosen by the file's suffix.
"""
from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import analytics
from .analytics import Network
from .errors import DetenteError
from .store import Store

FORMATS = (".png", ".svg")
QUAD_COLOURS = {"verbal_coop": "#a6d96a", "material_coop": "#1a7837",
                "verbal_conflict": "#f59d3d", "material_conflict": "#d7191c"}
QUAD_LABELS = {"verbal_coop": "verbal cooperation", "material_coop": "material cooperation",
               "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}
COOPERATIVE = "#1a9641"
CONFLICTUAL = "#d7191c"
GROUP_COLOURS = ("#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f",
                 "#2ca02c", "#d62728")
SINGLETON = "#d9d9d9"
SPARKS = "▁▂▃▄▅▆▇█"
_FREQ = {"year": "YS", "quarter": "QS", "month": "MS", "week": "W-MON", "day": "D"}


def sparkline(values: Sequence[float]) -> str:
    """One block character per value, scaled between the smallest and largest; a space for NaN."""
    finite = [v for v in values if not math.isnan(v)]
    if not finite:
        return " " * len(values)
    lo, hi = min(finite), max(finite)
    span = hi - lo
    return "".join(" " if math.isnan(v) else SPARKS[3 if span < 1e-12 else round((v - lo) / span * 7)]
                   for v in values)


def plot_dyad(store: Store, a: str, b: str, path: str | Path, *, by: str = "year", directed: bool = False,
              since: str | None = None, until: str | None = None, count: str = "clusters",
              factuality: str | None = "asserted", k: float = analytics.K) -> Path:
    """Stacked bars of units by quad class per period, the relation index on a second axis."""
    series = analytics.dyad_series(store, a, b, by=by, directed=directed, since=since, until=until, count=count,
                                   factuality=factuality, k=k)
    a, b = a.upper(), b.upper()
    title = f"{a}{'→' if directed else '–'}{b} relations"
    return save(dyad_figure(series, title=title, by=by, count=count), path)


def plot_network(store: Store, path: str | Path, *, since: str | None = None, until: str | None = None,
                 count: str = "clusters", factuality: str | None = "asserted", seed: int = 0,
                 max_edges: int = 150) -> Path:
    """The alignment network: cooperative edges green, conflictual red, nodes coloured by group."""
    net = analytics.network(store, since=since, until=until, count=count, factuality=factuality, seed=seed)
    return save(network_figure(net, seed=seed, max_edges=max_edges), path)


def save(fig: Figure, path: str | Path) -> Path:
    """Write ``fig`` as PNG or SVG, by ``path``'s suffix."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise DetenteError(f"{path}: a chart is written as PNG or SVG; name the file chart.png or chart.svg")
    fig.savefig(path, dpi=120, metadata=_metadata(path.suffix.lower()))
    return path


def png_bytes(fig: Figure) -> bytes:
    """``fig`` as PNG, for embedding."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def dyad_figure(series: pd.DataFrame, *, title: str, by: str, count: str = "clusters") -> Figure:
    """The chart :func:`plot_dyad` draws, from a :func:`analytics.dyad_series` frame."""
    fig = _figure((10, 5))
    ax = fig.add_subplot()
    ax.set_title(title)
    if series.empty:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    full = _complete(series, by)
    x = list(range(len(full)))
    bottom = [0.0] * len(full)
    for column, colour in QUAD_COLOURS.items():
        heights = full[column].tolist()
        ax.bar(x, heights, bottom=bottom, color=colour, label=QUAD_LABELS[column], width=0.8)
        bottom = [u + v for u, v in zip(bottom, heights)]
    ax.set_ylabel("real-world events (clusters)" if count == "clusters" else "event mentions")
    ax.set_xlabel(f"period ({by})")
    _period_ticks(ax, full["period"], by)
    line = ax.twinx()
    line.plot(x, full["index"], color="black", marker="o", markersize=3, linewidth=1.5, label="relation index")
    line.axhline(0, color="grey", linewidth=0.6, linestyle="--")
    reach = max(1.0, float(full["index"].abs().max()) * 1.15)
    line.set_ylim(-reach, reach)
    line.set_ylabel("relation index (shrunk mean Goldstein)")
    handles = ax.get_legend_handles_labels()[0] + line.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper left", fontsize="small", framealpha=0.85)
    return fig


def network_figure(net: Network, *, title: str = "Alignment network (net cooperation)", seed: int = 0,
                   max_edges: int = 150) -> Figure:
    """The picture :func:`plot_network` draws: every state, and the strongest ``max_edges`` edges,
    half of them cooperative and half conflictual (as far as there are)."""
    fig = _figure((9, 9))
    ax = fig.add_subplot()
    ax.set_title(title)
    ax.set_axis_off()
    if not net.nodes:
        ax.text(0.5, 0.5, "no events between states", ha="center", va="center", transform=ax.transAxes)
        return fig
    pos = _layout(net, seed=seed)
    edges = _strongest(net, max_edges)
    biggest = max((abs(e.weight) for e in edges), default=1.0)
    ax.add_collection(LineCollection([(pos[e.a], pos[e.b]) for e in edges],
                                     colors=[COOPERATIVE if e.weight > 0 else CONFLICTUAL for e in edges],
                                     linewidths=[0.5 + 4.5 * abs(e.weight) / biggest for e in edges],
                                     alpha=0.55, zorder=1))
    colour = _group_colours(net)
    ax.scatter([pos[n][0] for n in net.nodes], [pos[n][1] for n in net.nodes], s=420,
               c=[colour[n] for n in net.nodes], edgecolors="white", linewidths=1.5, zorder=2)
    for node in net.nodes:
        ax.text(pos[node][0], pos[node][1], node, ha="center", va="center", fontsize=7, fontweight="bold", zorder=3)
    ax.autoscale_view()
    ax.margins(0.08)
    fig.legend(handles=_network_legend(net, colour), loc="outside lower center", ncols=2, fontsize="small")
    return fig


def _strongest(net: Network, n: int) -> list[analytics.Edge]:
    positive = sorted((e for e in net.edges if e.weight > 0), key=lambda e: -e.weight)
    negative = sorted((e for e in net.edges if e.weight < 0), key=lambda e: e.weight)
    half = n // 2
    extra = max(0, half - len(negative))  # room the other sign leaves unused
    return positive[:half + extra] + negative[:n - half + max(0, half - len(positive))]


def _figure(size: tuple[float, float]) -> Figure:
    fig = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _metadata(suffix: str) -> dict[str, str | None]:
    """No creation date, so the same data draws the same file."""
    return {"Date": None} if suffix == ".svg" else {"Software": "detente"}


def _complete(series: pd.DataFrame, by: str) -> pd.DataFrame:
    """Every period from the first to the last, empty ones with zero counts and no index."""
    periods = pd.date_range(series["period"].min(), series["period"].max(), freq=_FREQ[by])
    full = series.set_index("period").reindex(periods)
    full[list(QUAD_COLOURS)] = full[list(QUAD_COLOURS)].fillna(0)
    return full.rename_axis("period").reset_index()


def _period_ticks(ax: Axes, periods: pd.Series, by: str) -> None:
    """At most 16 labelled ticks, slanted when there are many."""
    step = max(1, math.ceil(len(periods) / 16))
    positions = list(range(0, len(periods), step))
    slanted = len(positions) > 8
    ax.set_xticks(positions)
    ax.set_xticklabels([analytics.period_label(periods.iloc[i], by) for i in positions],
                       rotation=45 if slanted else 0, ha="right" if slanted else "center")


def _layout(net: Network, *, seed: int) -> dict[str, tuple[float, float]]:
    """Spring layout on the cooperative edges: allies sit together, the rest float apart."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(net.nodes)
    top = max((e.weight for e in net.edges), default=0.0)
    graph.add_weighted_edges_from((e.a, e.b, e.weight / top) for e in net.edges if e.weight > 0 and top > 0)
    pos = nx.spring_layout(graph, weight="weight", seed=seed)
    return {node: (float(x), float(y)) for node, (x, y) in pos.items()}


def _group_colours(net: Network) -> dict[str, str]:
    colours: dict[str, str] = {}
    shared = [g for g in net.groups if len(g) > 1]
    for i, group in enumerate(shared):
        colours.update({n: GROUP_COLOURS[i % len(GROUP_COLOURS)] for n in group})
    return {n: colours.get(n, SINGLETON) for n in net.nodes}


def _network_legend(net: Network, colour: dict[str, str]) -> list[Patch | Line2D]:
    handles: list[Patch | Line2D] = []
    for i, group in enumerate(g for g in net.groups if len(g) > 1):
        names = ", ".join(group[:6]) + (f" +{len(group) - 6}" if len(group) > 6 else "")
        handles.append(Patch(color=colour[group[0]], label=f"group {i + 1}: {names}"))
    if any(len(g) == 1 for g in net.groups):
        handles.append(Patch(color=SINGLETON, label="no cooperative partner group"))
    handles.append(Line2D([], [], color=COOPERATIVE, linewidth=3, label="net cooperation"))
    handles.append(Line2D([], [], color=CONFLICTUAL, linewidth=3, label="net conflict"))
    return handles
