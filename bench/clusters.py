#!/usr/bin/env python3
"""Speed and memory of corroboration clustering on a large synthetic store.

usage: python bench/clusters.py [--mentions 1000000] [--update 0.01] [--db PATH] [--seed 7]

Generates N synthetic event mentions (default one million) into a fresh DuckDB store through Arrow
tables (in a child process, so the peak memory printed is the clustering's own), runs
``cluster_events`` over all of them, then adds ``--update`` (default 1%) new mentions in new
documents and times ``update_clusters`` for those documents. Prints elapsed seconds and peak RSS
for both, and the pairwise precision and recall of the clusters against the generator's truth.

The mentions look like coded news: 51 states with long-tailed popularity (4% of the news is
USA-PAK), real-world events of 16 CAMEO roots reported 1-10 times (mean about 2.3) by different
documents of 300 outlets from 2000 to 2020, each report with its own wording (each of the event's
three key nouns with probability 0.7, plus one or two others from a 20,000-word vocabulary with
Zipf frequencies), direction (either, for symmetric codes),
date as the text gives it (day, month, year, "recently", "since", publication date only, or none),
sometimes an amount (the event's, within 5%), and 15% not asserted. New documents in the update
are published in the 30 days after the corpus ends: half report recent events again, half new ones.
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from detente import Store  # noqa: E402
from detente.actors import ActorDictionary  # noqa: E402
from detente.clusters import cluster_events, update_clusters  # noqa: E402

STATES = ("USA PAK CHN RUS IND GBR FRA DEU JPN IRN ISR TUR SAU EGY AFG IRQ SYR UKR KOR PRK BRA MEX CAN AUS "
          "ITA ESP POL NGA ZAF KEN ETH SDN LBY YEM QAT ARE JOR LBN IDN PHL VNM THA MYS BGD LKA NPL KAZ UZB "
          "ARG COL VEN").split()
ROLES = ("", "", "", "GOV", "MIL")
# CAMEO root -> (share of events, event words)
ROOTS = {"01": (0.08, ("stated", "declared")), "02": (0.06, ("urged", "appealed")),
         "03": (0.07, ("pledged", "offered")), "04": (0.16, ("met", "visited", "hosted")),
         "05": (0.12, ("praised", "backed", "signed")), "06": (0.07, ("supplied", "sold", "trained")),
         "07": (0.04, ("granted", "donated")), "08": (0.03, ("lifted", "eased")),
         "10": (0.04, ("demanded",)), "11": (0.10, ("criticised", "accused", "blamed")),
         "12": (0.05, ("rejected", "refused")), "13": (0.04, ("threatened", "warned")),
         "14": (0.03, ("protested",)), "17": (0.04, ("sanctioned", "expelled")),
         "18": (0.02, ("attacked",)), "19": (0.05, ("shelled", "bombed"))}
UNITS = ("USD", "troops", "helicopters", "tanks", "people")
FACTUALITY = ("asserted", "negated", "hypothetical", "future")
# how a report dates its event: (share, date_basis, precision of the value or None)
DATINGS = (("day", 0.34), ("month", 0.15), ("year", 0.10), ("yesterday", 0.10), ("recently", 0.05),
           ("since", 0.02), ("publication", 0.24))
UNDATED_DOCUMENTS = 0.03  # documents without a publication date
FIRST = date(2000, 1, 1)
DAYS = 21 * 365
VOCABULARY = 20_000
OUTLETS = 300
FILLER = ("officials said", "on Tuesday", "according to reports", "in a statement", "the ministry said")


def _words(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` distinct pronounceable lowercase words."""
    syllables = np.array([c + v for c in "bdfgklmnprstvz" for v in "aeiou"], dtype=object)
    ends = np.array(["n", "r", "l", "x", ""], dtype=object)
    out: set[str] = set()
    while len(out) < n:
        parts = rng.integers(0, len(syllables), (n, 3))
        for a, b, c, e, long in zip(*parts.T, rng.integers(0, len(ends), n), rng.random(n) < 0.5):
            out.add(syllables[a] + syllables[b] + (syllables[c] if long else "") + ends[e])
    return np.array(sorted(out)[:n], dtype=object)


class Generator:
    """Real-world events and their reports, reproducibly from a seed."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.vocabulary = _words(VOCABULARY, np.random.default_rng(0))   # one vocabulary for every run
        weights = 1.0 / np.arange(1, VOCABULARY + 1)
        self.word_p = weights / weights.sum()
        names = ActorDictionary.load().names
        self.names = {code: names.get(code, code) for code in STATES}
        self.roots = list(ROOTS)
        shares = np.array([ROOTS[r][0] for r in self.roots])
        self.root_p = shares / shares.sum()
        self.events = 0

    def events_table(self, n: int, *, days: tuple[int, int]) -> dict[str, np.ndarray]:
        """``n`` real-world events: dyad, code, day, key nouns, amount."""
        rng = self.rng
        weights = 1.0 / np.arange(1, len(STATES) + 1)
        weights /= weights.sum()
        src, tgt = rng.choice(len(STATES), n, p=weights), rng.choice(len(STATES), n, p=weights)
        same = src == tgt
        tgt[same] = (tgt[same] + 1 + rng.integers(0, len(STATES) - 1, int(same.sum()))) % len(STATES)
        busy = rng.random(n) < 0.04
        src[busy], tgt[busy] = 0, 1
        root = rng.choice(len(self.roots), n, p=self.root_p)
        nouns = rng.choice(VOCABULARY, (n, 3), p=self.word_p)
        amount = np.where(rng.random(n) < 0.2, np.round(10 ** rng.uniform(0, 10, n)), np.nan)
        ids = np.arange(self.events, self.events + n)
        self.events += n
        return {"id": ids, "src": src, "tgt": tgt, "root": root, "digit": rng.integers(0, 10, n),
                "day": rng.integers(days[0], days[1], n), "nouns": nouns, "amount": amount,
                "unit": rng.integers(0, len(UNITS), n)}

    def reports(self, events: dict[str, np.ndarray], counts: np.ndarray, *, doc_prefix: str,
                lag_from: int = 0) -> dict[str, pa.Table]:
        """Documents, sentences and events (mentions) reporting ``events`` ``counts`` times each."""
        rng = self.rng
        pick = np.repeat(np.arange(len(counts)), counts)
        n = len(pick)
        published = events["day"][pick] + lag_from + np.minimum(rng.geometric(0.3, n) - 1, 30)
        order = np.lexsort((pick, published))
        pick, published = pick[order], published[order]
        doc_of = _documents(published, rng)
        order = np.argsort(doc_of, kind="stable")           # one document's reports together
        pick, published, doc_of = pick[order], published[order], doc_of[order]
        doc_day = published
        draws = {"dating": rng.choice(len(DATINGS), n, p=[p for _, p in DATINGS]), "flip": rng.random(n) < 0.5,
                 "trigger": rng.integers(0, 3, n), "keep": rng.random((n, 3)) < 0.7,
                 "noise": rng.choice(VOCABULARY, (n, 2), p=self.word_p), "n_noise": rng.integers(1, 3, n),
                 "amount": rng.random(n) < 0.7, "jitter": rng.uniform(0.95, 1.05, n),
                 "roles": rng.integers(0, len(ROLES), (n, 2)), "asserted": rng.random(n) < 0.85,
                 "other": rng.integers(1, len(FACTUALITY), n), "filler": rng.integers(0, len(FILLER), n),
                 "since": rng.integers(0, 4, n), "order": rng.random((n, 4))}
        rows = [self._mention(k, events, int(pick[k]), int(doc_day[k]), draws) for k in range(n)]
        tables = self._tables(rows, doc_of, doc_day, doc_prefix)
        nouns = events["nouns"]
        tables["_real"] = pa.table({"real": events["id"], "n1": nouns[:, 0], "n2": nouns[:, 1], "n3": nouns[:, 2],
                                    "amount": events["amount"], "unit": events["unit"]})
        return tables

    def _mention(self, k: int, ev: dict[str, np.ndarray], i: int, published: int,
                 draws: dict[str, np.ndarray]) -> dict[str, Any]:
        root = self.roots[ev["root"][i]]
        src, tgt = STATES[ev["src"][i]], STATES[ev["tgt"][i]]
        if root in ("03", "04", "05", "06") and draws["flip"][k]:
            src, tgt = tgt, src
        words = ROOTS[root][1]
        trigger = words[draws["trigger"][k] % len(words)]
        nouns = [w for w, keep in zip(ev["nouns"][i], draws["keep"][k]) if keep]
        nouns += list(draws["noise"][k][: draws["n_noise"][k]])
        nouns = [str(self.vocabulary[w]) for _, w in sorted(zip(draws["order"][k], nouns))]
        amount = ev["amount"][i]
        quantity = None
        if not np.isnan(amount) and draws["amount"][k]:
            quantity = (float(round(amount * draws["jitter"][k])), UNITS[ev["unit"][i]])
        head = f"{self.names[src]} {trigger} "
        tail = f"{self.names[tgt]} {' the '.join(nouns)} {FILLER[draws['filler'][k]]}"
        if quantity:
            tail += f" worth {quantity[0]:g} {quantity[1]}"
        dating = DATINGS[draws["dating"][k]][0]
        value, basis, cue = self._date(int(ev["day"][i]), published, dating, int(draws["since"][k]))
        factuality = FACTUALITY[0] if draws["asserted"][k] else FACTUALITY[draws["other"][k]]
        return {"event_id": "", "real": int(ev["id"][i]),
                "source": src + ROLES[draws["roles"][k][0]], "target": tgt + ROLES[draws["roles"][k][1]],
                "cameo": root + str(ev["digit"][i]), "root": root, "factuality": factuality,
                "date": value, "date_basis": basis, "date_cue": cue,
                "date_precision": {4: "year", 7: "month", 10: "day"}.get(len(value or "")),
                "quantity": f"{quantity[0]:g} {quantity[1]}" if quantity else None,
                "quantity_value": quantity[0] if quantity else None, "quantity_unit": quantity[1] if quantity else None,
                "sentence": head + tail + ".", "trigger": trigger, "at": len(self.names[src]) + 1,
                "source_text": self.names[src], "target_text": self.names[tgt]}

    def _date(self, day: int, published: int, dating: str, back: int) -> tuple[str | None, str | None, str | None]:
        when = (FIRST + timedelta(days=day)).isoformat()
        pub = (FIRST + timedelta(days=published)).isoformat()
        if dating == "day":
            return when, "text", f"on {when}"
        if dating == "month":
            return when[:7], "text", f"in {when[:7]}"
        if dating == "year":
            return when[:4], "text", f"in {when[:4]}"
        if dating == "yesterday":
            return when, "relative", "yesterday"
        if dating == "recently":
            return pub[:7], "relative", "recently"
        if dating == "since":
            start = str(int(when[:4]) - back)
            return start, "text", f"since {start}"
        return pub, "publication", None

    def _tables(self, rows: list[dict[str, Any]], doc_of: np.ndarray, doc_day: np.ndarray,
                prefix: str) -> dict[str, pa.Table]:
        outlets = self.rng.integers(0, OUTLETS, int(doc_of[-1]) + 1)
        undated = self.rng.random(int(doc_of[-1]) + 1) < UNDATED_DOCUMENTS
        docs: dict[str, list[Any]] = {k: [] for k in ("id", "content_hash", "published", "outlet", "text",
                                                      "n_sentences")}
        sentences: dict[str, list[Any]] = {k: [] for k in ("doc", "idx", "start", "end", "text")}
        events: dict[str, list[Any]] = {k: [] for k in ("event_id", "doc", "sent_index", "source", "target", "cameo",
                                                        "root", "factuality", "date", "date_basis",
                                                        "date_precision", "date_cue", "quantity", "quantity_value",
                                                        "quantity_unit", "sentence", "source_text", "target_text",
                                                        "start", "end", "rule", "trigger", "published")}
        truth: dict[str, list[Any]] = {"event_id": [], "real": []}
        k = 0
        while k < len(rows):
            d = int(doc_of[k])
            doc_id, offset, texts = f"{prefix}{d}", 0, []
            published = None if undated[d] else FIRST + timedelta(days=int(doc_day[k]))
            while k < len(rows) and doc_of[k] == d:
                row, idx = rows[k], len(texts)
                row["event_id"] = f"{prefix}e{k}"
                if published is None and row["date_basis"] in ("publication", "relative"):
                    row.update(date=None, date_basis=None, date_precision=None)  # as the coder leaves them
                for key in ("event_id", "source", "target", "cameo", "root", "factuality", "date", "date_basis",
                            "date_precision", "date_cue", "quantity", "quantity_value", "quantity_unit",
                            "sentence", "source_text", "target_text", "trigger"):
                    events[key].append(row[key])
                events["doc"].append(doc_id)
                events["sent_index"].append(idx)
                events["start"].append(offset + row["at"])
                events["end"].append(offset + row["at"] + len(row["trigger"]))
                events["rule"].append("synthetic")
                events["published"].append(published)
                sentences["doc"].append(doc_id)
                sentences["idx"].append(idx)
                sentences["start"].append(offset)
                sentences["end"].append(offset + len(row["sentence"]))
                sentences["text"].append(row["sentence"])
                truth["event_id"].append(row["event_id"])
                truth["real"].append(row["real"])
                texts.append(row["sentence"])
                offset += len(row["sentence"]) + 1
                k += 1
            docs["id"].append(doc_id)
            docs["content_hash"].append(doc_id)
            docs["published"].append(published)
            docs["outlet"].append(f"outlet{outlets[d]}")
            docs["text"].append(" ".join(texts))
            docs["n_sentences"].append(len(texts))
        return {"documents": pa.table(docs), "sentences": pa.table(sentences), "events": pa.table(events),
                "_truth": pa.table(truth)}


def _documents(published: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Reports (sorted by day, then event) dealt round-robin into the day's documents of about four
    reports each, so two reports of one event on one day land in different documents."""
    day_start = np.r_[0, np.flatnonzero(np.diff(published)) + 1]
    day_size = np.diff(np.r_[day_start, len(published)])
    docs_per_day = np.maximum(1, np.round(day_size / rng.uniform(2, 6, len(day_size)))).astype(np.int64)
    first_doc = np.r_[0, np.cumsum(docs_per_day)[:-1]]
    day = np.repeat(np.arange(len(day_start)), day_size)
    rank = np.arange(len(published)) - day_start[day]
    return first_doc[day] + rank % docs_per_day[day]


def _insert(store: Store, tables: dict[str, pa.Table]) -> None:
    con = store.con
    con.execute("CREATE TABLE IF NOT EXISTS _truth (event_id VARCHAR, real BIGINT)")
    con.execute("CREATE TABLE IF NOT EXISTS _real (real BIGINT, n1 BIGINT, n2 BIGINT, n3 BIGINT, amount DOUBLE, "
                "unit BIGINT)")
    for name, table in tables.items():
        con.register("_bench", table)
        cols = ", ".join(f'"{c}"' for c in table.column_names)
        new = " WHERE real NOT IN (SELECT real FROM _real)" if name == "_real" else ""
        con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _bench{new}")
        con.unregister("_bench")


def _reports_per_event(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.choice([1, 2, 3, 4, 6, 10], n, p=[0.45, 0.25, 0.13, 0.08, 0.06, 0.03])


def generate(db: Path, mentions: int, seed: int) -> tuple[float, int]:
    """Fill a fresh store with about ``mentions`` reports; returns seconds taken and the count."""
    started = time.perf_counter()
    gen = Generator(seed)
    counts = _reports_per_event(gen.rng, int(mentions / 2.3) + 1)
    counts = counts[: int(np.searchsorted(np.cumsum(counts), mentions)) + 1]
    counts[-1] -= int(counts.sum()) - mentions
    counts = counts[counts > 0]
    with Store(db) as store:
        store.con.execute("SET enable_progress_bar = false")
        chunk = 200_000
        done, first = 0, 0
        while first < len(counts):
            last = int(np.searchsorted(np.cumsum(counts[first:]), chunk)) + first + 1
            part = counts[first:last]
            events = gen.events_table(len(part), days=(0, DAYS))
            _insert(store, gen.reports(events, part, doc_prefix=f"d{first}-"))
            done += int(part.sum())
            first = last
        store.con.execute("CHECKPOINT")
    return time.perf_counter() - started, done


def _generate_child(db: str, mentions: int, seed: int, out: Any) -> None:
    out.put(generate(Path(db), mentions, seed))


def add_update(store: Store, share: float, seed: int) -> list[str]:
    """New documents published in the 30 days after the corpus: half report recent events again."""
    gen = Generator(seed + 1)
    gen.events = 10**9
    n = max(2, int(share * store.counts()["events"]))
    fresh = gen.events_table(int(n / 2 / 2.3), days=(DAYS, DAYS + 30))   # about n/2 reports of new events
    again = store.query("SELECT real, arg_min({'source': e.source, 'target': e.target, 'root': e.root, "
                        "'cameo': e.cameo, 'date': e.date}, e.event_id) AS first, "
                        "any_value({'n1': r.n1, 'n2': r.n2, 'n3': r.n3, 'amount': r.amount, 'unit': r.unit}) AS facts "
                        "FROM events e JOIN _truth USING (event_id) JOIN _real r USING (real) "
                        "WHERE e.published >= ? AND e.date_basis = 'text' AND length(e.date) = 10 "
                        "GROUP BY real ORDER BY real LIMIT ?", [FIRST + timedelta(days=DAYS - 60), n // 2])
    tables = [gen.reports(fresh, _reports_per_event(gen.rng, len(fresh["id"])), doc_prefix=f"new{seed}-")]
    repeat = _repeat_events(gen, again)
    if repeat is not None:
        each = max(1, round(n / 2 / len(repeat["id"])))
        tables.append(gen.reports(repeat, np.full(len(repeat["id"]), each), doc_prefix=f"again{seed}-"))
    for part in tables:
        _insert(store, part)
    return sorted({d for part in tables for d in part["documents"].column("id").to_pylist()})


def _repeat_events(gen: Generator, rows: list[dict[str, Any]]) -> dict[str, np.ndarray] | None:
    """Events already in the store, as the generator made them, to be reported again."""
    if not rows:
        return None
    index = {code: i for i, code in enumerate(STATES)}
    first = [r["first"] for r in rows]
    facts = [r["facts"] for r in rows]
    return {"id": np.array([r["real"] for r in rows]), "src": np.array([index[f["source"][:3]] for f in first]),
            "tgt": np.array([index[f["target"][:3]] for f in first]),
            "root": np.array([gen.roots.index(f["root"]) for f in first]),
            "digit": np.array([int(f["cameo"][2]) for f in first]),
            "day": np.array([(date.fromisoformat(f["date"]) - FIRST).days for f in first]),
            "nouns": np.array([[f["n1"], f["n2"], f["n3"]] for f in facts]),
            "amount": np.array([np.nan if f["amount"] is None else f["amount"] for f in facts]),
            "unit": np.array([f["unit"] for f in facts])}


def quality(store: Store) -> tuple[float, float]:
    """Pairwise precision and recall of the clusters against the generator's real-world events."""
    row = store.con.execute("""
        WITH m AS (SELECT e.cluster, t.real FROM events e JOIN _truth t USING (event_id)
                   WHERE e.factuality = 'asserted'),
             pairs AS (SELECT count(*) AS n FROM m GROUP BY cluster, real),
             found AS (SELECT count(*) AS n FROM m GROUP BY cluster),
             real AS (SELECT count(*) AS n FROM m GROUP BY real)
        SELECT (SELECT sum(n * (n - 1) / 2) FROM pairs), (SELECT sum(n * (n - 1) / 2) FROM found),
               (SELECT sum(n * (n - 1) / 2) FROM real)""").fetchone()
    assert row is not None
    tp, predicted, true = (float(x or 0) for x in row)
    return (tp / predicted if predicted else 1.0), (tp / true if true else 1.0)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(db: Path, mentions: int, update: float, seed: int) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_generate_child, args=(str(db), mentions, seed, queue))
    child.start()
    seconds, done = queue.get()
    child.join()
    print(f"generated {done:,} mentions in {seconds:.1f}s into {db}", flush=True)
    with Store(db) as store:
        store.con.execute("SET enable_progress_bar = false")
        print(f"store: {store.counts()}", flush=True)
        cpu = time.process_time()
        report = cluster_events(store)
        cpu = time.process_time() - cpu
        precision, recall = quality(store)
        print(f"full clustering: {report.seconds:.1f}s wall, {cpu:.1f}s CPU, peak RSS {peak_mb():.0f} MB; "
              f"{report.mentions:,} asserted mentions -> {report.clusters:,} clusters, "
              f"{report.pairs:,} pairs compared; phases {_phases(report.phases)}", flush=True)
        print(f"  pairwise precision {precision:.3f} recall {recall:.3f}", flush=True)
        docs = add_update(store, update, seed)
        new = store.query("SELECT count(*) AS n FROM events WHERE doc IN (SELECT unnest(?))", [docs])[0]["n"]
        cpu = time.process_time()
        report = update_clusters(store, docs)
        cpu = time.process_time() - cpu
        precision, recall = quality(store)
        print(f"incremental update, {new:,} new mentions in {len(docs):,} documents: {report.seconds:.1f}s wall, "
              f"{cpu:.1f}s CPU, peak RSS {peak_mb():.0f} MB; {report.mentions:,} mentions re-clustered in "
              f"{report.blocks:,} blocks, {report.changed:,} ids changed; phases {_phases(report.phases)}", flush=True)
        print(f"  pairwise precision {precision:.3f} recall {recall:.3f}", flush=True)


def _phases(phases: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.1f}s" for k, v in phases.items())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=1_000_000, help="synthetic mentions to generate")
    parser.add_argument("--update", type=float, default=0.01, help="share of new mentions for the update")
    parser.add_argument("--db", type=Path, default=None, help="store file (must not exist; default: temporary)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.db is not None:
        run(args.db, args.mentions, args.update, args.seed)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp) / "bench.duckdb", args.mentions, args.update, args.seed)


if __name__ == "__main__":
    main()
