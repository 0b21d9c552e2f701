#!/usr/bin/env python3
"""Accuracy on the three gold sets in ../shared, measured with their own scorers, and on our dev set.

usage: python bench/accuracy.py [--shared ../shared] [--show]

Codes the seed articles, the PETRARCH-2 GSR sentences, the PLOVER GSR sentences and the op-eds of
bench/devset and bench/heldout to bench/heldout20 (written for detente and hand-coded to the seeds'
conventions: a check that what works on the seeds generalises; the held-out gold was written before
the coder ever ran on it) from raw text into fresh in-memory stores, exports the events as JSON Lines and runs each set's
scorer on them. Prints the scorers' lines and one summary table.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from detente import Store, build_coder, exports, ingest, load_nlp  # noqa: E402


def code_to_jsonl(paths: list[str], out: Path, nlp, coder) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    with Store(":memory:") as store:
        report = ingest(paths, store, nlp=nlp, coder=coder)
        with open(out, "w", encoding="utf-8") as f:
            exports.export(store, stream=f)
    return report.events, time.perf_counter() - start


def run_scorer(script: Path, gold: Path, events: Path, show: bool) -> str:
    args = [sys.executable, str(script), str(gold), str(events)] + (["--show"] if show else [])
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def measure(shared: Path, *, show: bool = False) -> dict[str, dict[str, float]]:
    nlp = load_nlp()
    coder = build_coder(nlp)
    bench = shared / "benchmarks"
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        seeds = sorted(str(p) for p in (shared / "seeds").glob("*.txt"))
        code_to_jsonl(seeds, t / "seeds.jsonl", nlp, coder)
        text = run_scorer(shared / "gold" / "score.py", shared / "gold" / "seed_events.jsonl", t / "seeds.jsonl", show)
        print(text)
        results["seeds"] = parse_seed(text)
        code_to_jsonl([str(bench / "petrarch2_gsr_articles.jsonl")], t / "gsr.jsonl", nlp, coder)
        text = run_scorer(bench / "score_petrarch.py", bench / "petrarch2_gsr_validation.jsonl", t / "gsr.jsonl", show)
        print(text)
        results["petrarch2_gsr"] = parse_petrarch(text)
        code_to_jsonl([str(bench / "plover_gsr_cameo" / "plover_gsr_articles.jsonl")], t / "plover.jsonl", nlp, coder)
        text = run_scorer(bench / "score_plover.py", bench / "plover_gsr_cameo" / "gsr_flat.tsv", t / "plover.jsonl", show)
        print(text)
        results["plover_gsr"] = parse_plover(text)
        for name, title in (("devset", "op-eds written for detente, used for development"),
                            ("heldout", "op-eds written for detente, gold written blind"),
                            ("heldout2", "a second blind set of op-eds, written in session 3"),
                            ("heldout3", "a third set of op-eds, written in session 4"),
                            ("heldout4", "a fourth set of op-eds, written in session 5"),
                            ("heldout5", "a fifth set of op-eds, written in session 6"),
                            ("heldout6", "a sixth set of op-eds, written in session 7"),
                            ("heldout7", "a seventh set of op-eds, written in session 7"),
                            ("heldout8", "an eighth set of op-eds, written in session 8"),
                            ("heldout9", "a ninth set of op-eds, written in session 9"),
                            ("heldout10", "a tenth set of op-eds, written in session 10"),
                            ("heldout11", "an eleventh set of op-eds, written in session 11"),
                            ("heldout12", "a twelfth blind set of op-eds, written in session 12"),
                            ("heldout13", "a thirteenth set of op-eds, written in session 12"),
                            ("heldout14", "a fourteenth blind set of op-eds, written in session 13"),
                            ("heldout15", "a fifteenth blind set of op-eds, written in session 13"),
                            ("heldout16", "a sixteenth blind set of op-eds, written in session 14"),
                            ("heldout17", "a seventeenth blind set of op-eds, written in session 15"),
                            ("heldout18", "an eighteenth blind set of op-eds, written in session 16"),
                            ("heldout19", "a nineteenth blind set of op-eds, written in session 17"),
                            ("heldout20", "a twentieth blind set of op-eds, written in session 18")):
            folder = ROOT / "bench" / name
            articles = sorted(str(p) for p in (folder / "articles").glob("*.txt"))
            code_to_jsonl(articles, t / f"{name}.jsonl", nlp, coder)
            text = run_scorer(shared / "gold" / "score.py", folder / "gold.jsonl", t / f"{name}.jsonl", show)
            print(f"{name} ({title}, bench/{name}):\n" + text)
            results[name] = parse_seed(text)
    return results


def _num(pattern: str, text: str) -> float:
    m = re.search(pattern, text)
    return float(m.group(1)) if m else float("nan")


def parse_seed(text: str) -> dict[str, float]:
    return {"recall": _num(r"recall ([\d.]+)", text), "precision": _num(r"precision ([\d.]+)", text),
            "negatives": _num(r"negatives coded (\d+)", text), "duplicates": _num(r"duplicates (\d+)", text),
            "date_acc": _num(r"date_acc ([\d.]+)", text)}


def parse_petrarch(text: str) -> dict[str, float]:
    line = next((l for l in text.splitlines() if l.startswith("country+root")), "")
    return {"country_root_f1": _num(r"f1 ([\d.]+)", line),
            "no_event_empty": _num(r"left empty: (\d+)/", text),
            "no_event_total": _num(r"left empty: \d+/(\d+)", text)}


def parse_plover(text: str) -> dict[str, float]:
    return {"precision": _num(r"plover: precision ([\d.]+)", text),
            "recall": _num(r"plover: [^\n]*recall ([\d.]+)", text)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show", action="store_true", help="pass --show to the scorers")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args()
    if args.json:                        # the summary alone on stdout; the scorers' lines go to stderr
        with contextlib.redirect_stdout(sys.stderr):
            results = measure(args.shared, show=args.show)
    else:
        results = measure(args.shared, show=args.show)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print("| gold set | measure | value |\n|---|---|---|")
    for name, figures in results.items():
        for key, value in figures.items():
            print(f"| {name} | {key} | {value:g} |")


if __name__ == "__main__":
    main()
