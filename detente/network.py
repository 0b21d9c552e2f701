"""The alignment network: states as nodes, net cooperation as edge weights, and the groups that side together.

Edges are summed in DuckDB over the same counted units as the series (``series._Selection``); the
groups are Louvain communities found with networkx. Import the public names from ``detente.analytics``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .errors import DetenteError
from .series import K, _STATE_COLUMNS, _Selection, _rows
from .store import Store


@dataclass(frozen=True)
class Edge:
    """Net cooperation between two states: ``weight`` = sum of Goldstein scores, ``index`` its shrunk mean."""

    a: str
    b: str
    weight: float
    events: int
    index: float


@dataclass
class Network:
    """States as nodes, net cooperation as edge weights, and groups found on the cooperative edges."""

    nodes: list[str]
    edges: list[Edge]
    groups: list[list[str]]

    def closest(self, node: str) -> list[tuple[str, float]]:
        """Partners of ``node``, highest weight (most cooperative) first."""
        node = node.upper()
        if node not in self.nodes:
            raise DetenteError(f"{node} is not in the network; it has {len(self.nodes)} states"
                               + (f", e.g. {', '.join(self.nodes[:5])}" if self.nodes else ""))
        partners = [(e.b if e.a == node else e.a, e.weight) for e in self.edges if node in (e.a, e.b)]
        return sorted(partners, key=lambda p: (-p[1], p[0]))

    def group_of(self, node: str) -> int | None:
        """Index of the group ``node`` belongs to in ``groups``."""
        return next((i for i, g in enumerate(self.groups) if node.upper() in g), None)

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "edges": [asdict(e) for e in self.edges], "groups": self.groups}


def network(store: Store, *, since: str | None = None, until: str | None = None, count: str = "clusters",
            factuality: str | None = "asserted", k: float = K, seed: int = 0) -> Network:
    """The alignment network of states.

    Edge weight = net cooperation, the sum of Goldstein scores of the counted events between two
    states (either direction); ``index`` is the same sum shrunk as in :func:`shrunk_index`. Groups are
    Louvain communities (networkx, fixed ``seed``) of the graph of positive-weight edges; a state
    with no cooperative edge is a group of its own.
    """
    sel = _Selection.of(by="year", since=since, until=until, count=count, factuality=factuality, k=k).with_states()
    sql = (f"SELECT a, b, coalesce(sum(goldstein), 0.0) AS weight, count(*) AS events, "
           f"coalesce(sum(goldstein), 0.0) / (count(goldstein) + $k) AS \"index\" "
           f"FROM ({sel.units(count, _STATE_COLUMNS)}) GROUP BY a, b ORDER BY a, b")
    edges = [Edge(a=r["a"], b=r["b"], weight=float(r["weight"]), events=int(r["events"]), index=float(r["index"]))
             for r in _rows(store, sql, sel.params)]
    nodes = sorted({e.a for e in edges} | {e.b for e in edges})
    return Network(nodes=nodes, edges=edges, groups=_groups(nodes, edges, seed=seed))


def _groups(nodes: list[str], edges: list[Edge], *, seed: int) -> list[list[str]]:
    import networkx as nx
    from networkx.algorithms.community import louvain_communities

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((e.a, e.b, e.weight) for e in edges if e.weight > 0)
    groups = [sorted(g) for g in louvain_communities(graph, weight="weight", seed=seed)]
    return sorted(groups, key=lambda g: (-len(g), g[0]))
