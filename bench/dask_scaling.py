#!/usr/bin/env python3
"""Dask engine scaling: code the same generated corpus on a LocalCluster of 1 and then 2 workers.

usage: python bench/dask_scaling.py [--articles N] [--partition-size P]

Each run writes Parquet shards and loads them into a fresh DuckDB store; the time includes starting
the cluster and each worker loading the spaCy model once (printed separately as the warm-up of an
empty run is not subtracted). Prints documents/s and sentences/s per worker count and the speed-up.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def run(corpus: Path, workers: int, partition_size: int, tmp: Path) -> tuple[float, int, int]:
    from detente import Store
    from detente.batch import run_batch

    start = time.perf_counter()
    with Store(tmp / f"w{workers}.duckdb") as store:
        report = run_batch([str(corpus)], store, tmp / f"shards-{workers}", n_workers=workers,
                           partition_size=partition_size)
        sentences = store.counts()["sentences"]
    return time.perf_counter() - start, report.stored, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--partition-size", type=int, default=100)
    args = parser.parse_args()
    import corpus as synth

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        path = synth.write(tmp / "corpus.jsonl", args.articles)
        results = {w: run(path, w, args.partition_size, tmp) for w in (1, 2)}
    for workers, (seconds, docs, sentences) in results.items():
        print(f"{workers} worker(s): {seconds:6.1f} s  {docs / seconds:7.1f} documents/s  {sentences / seconds:7.0f} "
              f"sentences/s")
    print(f"speed-up 1 -> 2 workers {results[1][0] / results[2][0]:.2f}")


if __name__ == "__main__":
    main()
