#!/usr/bin/env python3
"""Speed of the relations analytics on a large synthetic store.

usage: python bench/series.py [--events 10000000] [--layout plain|dyad] [--db PATH] [--repeat 3]

Generates N synthetic events (default ten million) straight into a DuckDB store through Arrow
tables, a million rows at a time, then times ``dyad_series`` for the busiest dyad (USA-PAK), the full
``dyad_summary``, the ``relations`` ranking and the ``network``, and prints the times (best and median
of ``--repeat`` runs). With ``--db PATH`` the store is kept; when PATH already holds events it is reused.

``--layout plain`` stores the events in arrival order, as ``detente ingest`` does today.
``--layout dyad`` adds the proposed ``dyad`` key column (``PAK-USA``: the two state prefixes,
sorted) and stores the rows sorted by it and by date, so DuckDB's zone maps skip the row groups of
other dyads; ``detente.analytics`` uses the column when it exists.

The events look like coded news: 51 states in three blocs (cooperative within a bloc, more
conflictual across), with a long-tailed share of the news, role
suffixes (PAKMIL), some organisations (IGOUNO) and unknown actors (---), one real-world event
reported 1-3 times (those reports share a ``cluster``), dates of day, month and year precision
(2% missing) between 2000 and 2024, and 85% of the reports asserted.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from detente import Store, analytics  # noqa: E402

STATES = ("USA PAK CHN RUS IND GBR FRA DEU JPN IRN ISR TUR SAU EGY AFG IRQ SYR UKR KOR PRK BRA MEX CAN AUS "
          "ITA ESP POL NGA ZAF KEN ETH SDN LBY YEM QAT ARE JOR LBN IDN PHL VNM THA MYS BGD LKA NPL KAZ UZB "
          "ARG COL VEN").split()
OTHERS = ("IGOUNO", "IGONAT", "IGOEUR", "NGOAMN", "---")
ROLES = ("", "", "GOV", "MIL", "BUS", "OPP", "MED")
# CAMEO root -> (typical Goldstein score, quad class)
ROOTS = {"01": (0.0, 1), "02": (3.0, 1), "03": (4.0, 1), "04": (1.0, 1), "05": (3.5, 1), "06": (6.0, 2),
         "07": (7.0, 2), "08": (5.0, 2), "09": (-2.0, 3), "10": (-5.0, 3), "11": (-2.0, 3), "12": (-4.0, 3),
         "13": (-6.0, 3), "14": (-6.5, 4), "15": (-7.2, 4), "16": (-4.0, 4), "17": (-7.0, 4), "18": (-9.0, 4),
         "19": (-10.0, 4), "20": (-10.0, 4)}
FACTUALITY = ("asserted", "negated", "hypothetical", "future", "reported")
SENTENCES = tuple(f"Synthetic report number {i} of an event between two states." for i in range(32))
CHUNK = 1_000_000
DAYS = 25 * 365  # 2000-01-01 .. 2024

STAGE = """
INSERT INTO _staging
SELECT 'e' || i, 'd' || (i // 8), CAST(i % 8 AS INTEGER), source, target, cameo, left(cameo, 2), goldstein,
       quad_class, factuality,
       CASE WHEN precision = 0 THEN NULL
            ELSE left(strftime(DATE '2000-01-01' + CAST(day AS INTEGER), '%Y-%m-%d'), precision) END,
       'text', sentence, 0, 10, 'synthetic',
       DATE '2000-01-01' + CAST(day AS INTEGER) + CAST(lag AS INTEGER),
       CASE WHEN reports > 1 THEN 'c' || real END
FROM _chunk"""
COLUMNS = ("event_id, doc, sent_index, source, target, cameo, root, goldstein, quad_class, factuality, date, "
           'date_basis, sentence, start, "end", rule, published, cluster')
DYAD_KEY = "least(substr(source, 1, 3), substr(target, 1, 3)) || '-' || greatest(substr(source, 1, 3), substr(target, 1, 3))"


def _pick(values: tuple[str, ...], idx: np.ndarray) -> pa.Array:
    return pa.array(np.asarray(values, dtype=object)[idx], type=pa.string())


def _actors(rng: np.random.Generator, states: np.ndarray) -> pa.Array:
    """State codes with role suffixes; 6% replaced by organisations or unknown actors."""
    roles = np.asarray(ROLES, dtype=object)[rng.integers(0, len(ROLES), len(states))]
    codes = np.asarray(STATES, dtype=object)[states] + roles
    other = rng.random(len(states)) < 0.06
    codes[other] = np.asarray(OTHERS, dtype=object)[rng.integers(0, len(OTHERS), int(other.sum()))]
    return pa.array(codes, type=pa.string())


def _dyads(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Source and target state indices: long-tailed popularity, 4% USA-PAK in either direction."""
    weights = 1.0 / np.arange(1, len(STATES) + 1)
    weights /= weights.sum()
    src = rng.choice(len(STATES), n, p=weights)
    tgt = rng.choice(len(STATES), n, p=weights)
    same = src == tgt
    tgt[same] = (tgt[same] + 1 + rng.integers(0, len(STATES) - 1, int(same.sum()))) % len(STATES)
    busy = rng.random(n) < 0.04
    flip = rng.random(n) < 0.5
    src[busy], tgt[busy] = np.where(flip[busy], 1, 0), np.where(flip[busy], 0, 1)
    return src, tgt


def chunk(rng: np.random.Generator, start: int, n: int) -> pa.Table:
    """``n`` reports of about n/1.55 real-world events, ids from ``start``."""
    reports = rng.choice([1, 2, 3], size=n, p=[0.6, 0.25, 0.15])
    real = np.repeat(np.arange(n), reports)[:n]  # report -> its real-world event (within the chunk)
    src, tgt = _dyads(rng, n)
    roots = rng.integers(0, len(ROOTS), n)
    bloc = np.arange(len(STATES)) % 3
    same = bloc[src] == bloc[tgt]
    tilt = rng.random(n) < 0.5  # half the events follow the blocs
    roots = np.where(tilt & same, rng.integers(1, 8, n), np.where(tilt & ~same, rng.integers(8, 20, n), roots))
    day = rng.integers(0, DAYS, n)
    # USA-PAK relations drift from conflict toward cooperation over the years
    us_pak = ((src == 0) & (tgt == 1)) | ((src == 1) & (tgt == 0))
    warm = rng.random(n) < (day / DAYS)
    roots = np.where(us_pak & warm, rng.integers(2, 8, n), roots)
    root_codes = np.asarray(list(ROOTS), dtype=object)
    scores = np.asarray([ROOTS[r][0] for r in ROOTS])
    quads = np.asarray([ROOTS[r][1] for r in ROOTS], dtype=np.int32)
    precision = rng.choice([10, 7, 4, 0], size=n, p=[0.7, 0.18, 0.10, 0.02])
    fact = rng.choice(len(FACTUALITY), size=n, p=[0.85, 0.05, 0.04, 0.04, 0.02])
    take = real  # every report of a real-world event shares its actors, code and date
    return pa.table({
        "i": pa.array(np.arange(start, start + n, dtype=np.int64)),
        "real": pa.array(start + take),
        "reports": pa.array(np.bincount(real, minlength=n)[take]),
        "source": _actors(rng, src[take]),
        "target": _actors(rng, tgt[take]),
        "cameo": pa.array(root_codes[roots[take]] + "0", type=pa.string()),
        "goldstein": pa.array(scores[roots[take]]),
        "quad_class": pa.array(quads[roots[take]]),
        "factuality": _pick(FACTUALITY, fact),
        "day": pa.array(day[take]),
        "lag": pa.array(rng.integers(0, 5, n)),
        "precision": pa.array(precision[take]),
        "sentence": _pick(SENTENCES, rng.integers(0, len(SENTENCES), n)),
    })


def generate(store: Store, n: int, *, layout: str = "plain", seed: int = 7) -> float:
    """Insert ``n`` synthetic events in the given layout; returns seconds taken."""
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    con = store.con
    con.execute(f"CREATE TEMP TABLE _staging AS SELECT {COLUMNS} FROM events LIMIT 0")
    for start in range(0, n, CHUNK):
        con.register("_chunk", chunk(rng, start, min(CHUNK, n - start)))
        try:
            con.execute(STAGE)
        finally:
            con.unregister("_chunk")
    order = "ORDER BY dyad, date" if layout == "dyad" else ""      # "dyad": as Store.optimize() leaves it
    con.execute(f"INSERT INTO events ({COLUMNS}, dyad) SELECT *, {DYAD_KEY} AS dyad FROM _staging {order}")
    con.execute("DROP TABLE _staging")
    con.execute("CHECKPOINT")
    return time.perf_counter() - started


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, float, Any]:
    """Best and median wall time, best CPU time (all threads) of ``repeat`` calls, and the last result.

    CPU time is reported beside wall time because a shared machine's load inflates wall time.
    """
    walls, cpus = [], []
    result = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), statistics.median(walls), min(cpus), result


def run(db: Path, n: int, repeat: int, *, layout: str = "plain") -> None:
    with Store(db) as store:
        have = store.query("SELECT count(*) AS n FROM events")[0]["n"]
        if have == 0:
            seconds = generate(store, n, layout=layout)
            print(f"generated {n:,} events ({layout} layout) in {seconds:.1f}s into {db}")
        else:
            print(f"using {have:,} events already in {db}")
    with Store(db, read_only=True) as store:
        cases: list[tuple[str, Callable[[], Any]]] = [
            ("dyad_series USA-PAK by year (clusters)", lambda: analytics.dyad_series(store, "USA", "PAK")),
            ("dyad_series USA-PAK by month (mentions)",
             lambda: analytics.dyad_series(store, "USA", "PAK", by="month", count="mentions")),
            ("dyad_series USA-PAK by year, normalised",
             lambda: analytics.dyad_series(store, "USA", "PAK", normalise=True)),
            ("dyad_summary USA-PAK", lambda: analytics.dyad_summary(store, "USA", "PAK")),
            ("relations ranking", lambda: analytics.relations(store)),
            ("network", lambda: analytics.network(store)),
        ]
        for name, fn in cases:
            best, median, cpu, result = timed(fn, repeat)
            print(f"{name:42} best {best:7.3f}s  median {median:7.3f}s  cpu {cpu:7.3f}s  ({_size(result)})")


def _size(result: Any) -> str:
    if isinstance(result, analytics.Network):
        return f"{len(result.nodes)} nodes, {len(result.edges)} edges, {len(result.groups)} groups"
    if isinstance(result, analytics.DyadReport):
        return f"{result.events:,} events, verdict {result.verdict}"
    return f"{len(result)} rows"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000, help="synthetic events to generate")
    parser.add_argument("--db", type=Path, default=None, help="keep (or reuse) the store in this file")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    parser.add_argument("--layout", choices=("plain", "dyad"), default="plain",
                        help="arrival order, or sorted by a dyad key column (the proposed migration)")
    args = parser.parse_args(argv)
    if args.db is not None:
        run(args.db, args.events, args.repeat, layout=args.layout)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp) / "bench.duckdb", args.events, args.repeat, layout=args.layout)


if __name__ == "__main__":
    main()
