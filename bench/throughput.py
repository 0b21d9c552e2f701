#!/usr/bin/env python3
"""End-to-end ingest throughput against the bare spaCy parse of the same sentences, in one run.

usage: python bench/throughput.py [--articles N] [--workers W] [--batch-size B]

Generates N articles (bench/corpus.py), then in two child processes (so each one's peak memory is
its own): (1) the full `detente ingest` path — read JSONL, split, match actors, parse the candidate
sentences, code, store into a fresh DuckDB file; (2) the bare parse: `nlp.pipe` over every sentence
of the same corpus (split by the same rule-based splitter), same model, same batch size. Model loading
is excluded from both timings. The last line reads `ratio <end-to-end / bare parse> peak_mb <ingest RSS>`.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def child_ingest(corpus: Path, db: Path, workers: int, batch_size: int) -> dict[str, float]:
    from detente import Store, build_coder, ingest, load_nlp

    nlp = load_nlp()
    coder = build_coder(nlp)
    start = time.perf_counter()
    with Store(db) as store:
        report = ingest([str(corpus)], store, nlp=nlp, coder=coder, batch_size=batch_size, n_process=workers)
        sentences = store.counts()["sentences"]
    return {"seconds": time.perf_counter() - start, "sentences": sentences, "events": report.events}


def child_parse(corpus: Path, batch_size: int) -> dict[str, float]:
    from spacy.pipeline import Sentencizer

    from detente import load_nlp

    nlp = load_nlp()
    splitter = Sentencizer()
    texts = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            doc = splitter(nlp.make_doc(json.loads(line)["text"]))
            texts += [s.text for s in doc.sents if s.text.strip()]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return {"seconds": time.perf_counter() - start, "sentences": len(texts)}


def run_child(args: list[str]) -> tuple[dict[str, float], float]:
    """Run this script as a child; return its JSON result and its peak RSS in MB."""
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"child {args[0]} failed with exit code {proc.returncode}")
    return json.loads(out), usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="parser processes for the ingest")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--child", choices=["ingest", "parse"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "ingest":
        print(json.dumps(child_ingest(args.corpus, args.db, args.workers, args.batch_size)))
        return
    if args.child == "parse":
        print(json.dumps(child_parse(args.corpus, args.batch_size)))
        return

    import corpus as synth

    with tempfile.TemporaryDirectory() as tmp:
        path = synth.write(Path(tmp) / "corpus.jsonl", args.articles)
        common = ["--corpus", str(path), "--batch-size", str(args.batch_size)]
        ingest, ingest_mb = run_child(["--child", "ingest", "--db", str(Path(tmp) / "b.duckdb"),
                                       "--workers", str(args.workers), *common])
        parse, parse_mb = run_child(["--child", "parse", *common])
    e2e = ingest["sentences"] / ingest["seconds"]
    bare = parse["sentences"] / parse["seconds"]
    print(f"articles {args.articles}  sentences {parse['sentences']}  events {ingest['events']}")
    print(f"ingest (end to end, {args.workers} worker(s)): {e2e:,.0f} sentences/s  peak {ingest_mb:,.0f} MB")
    print(f"bare parse (nlp.pipe, 1 process):          {bare:,.0f} sentences/s  peak {parse_mb:,.0f} MB")
    print(f"ratio {e2e / bare:.2f} peak_mb {ingest_mb:.0f}")


if __name__ == "__main__":
    main()
