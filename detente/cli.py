"""The `detente` command line: thin wrappers over the library."""
from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from . import exports
from .errors import DetenteError
from .settings import load_settings
from .store import Store

if TYPE_CHECKING:                # imported lazily at run time: loading spaCy is slow
    from spacy.language import Language

    from .batch import BatchReport
    from .coding import EventCoder
    from .pipeline import IngestReport

app = typer.Typer(help="detente: political event data from news text.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Optional[Path], typer.Option("--db", help="DuckDB database file (env DETENTE_DB; "
                                                  "default ./detente.duckdb)")]


def _db(db: Path | None) -> Path:
    return load_settings(db=db).db


def _coder() -> tuple[Language, EventCoder]:
    from .nlp import load_nlp
    from .pipeline import build_coder

    nlp = load_nlp()
    return nlp, build_coder(nlp)


@app.command()
def ingest(paths: Annotated[list[str], typer.Argument(help="files, folders (walked recursively) or - for "
                                                      "JSON Lines on standard input")],
           workers: Annotated[Optional[int], typer.Option(help="parser processes (env DETENTE_WORKERS; "
                                                           "default 1)")] = None,
           full_parse: Annotated[bool, typer.Option("--full-parse", help="parse every sentence, not only "
                                                    "those that name actors")] = False,
           engine: Annotated[str, typer.Option(help="local, or dask: code partitions on a Dask cluster")] = "local",
           scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address, e.g. "
                                                            "tcp://10.0.0.5:8786 (default: a local cluster)")] = None,
           shards: Annotated[Optional[Path], typer.Option(help="keep the Dask engine's Parquet shards in "
                                                          "this folder (default: a temporary folder)")] = None,
           db: DbOption = None) -> None:
    """Read, code and store articles (.txt, .html, .jsonl)."""
    settings = load_settings(db=db, workers=workers)
    if engine not in ("local", "dask"):
        raise DetenteError(f"--engine must be local or dask, got {engine!r}")
    _print_warnings()
    report: IngestReport | BatchReport
    with Store(settings.db) as store:
        store.pause()          # don't hold the file while the model loads: readers may use it
        if engine == "dask":
            report = _ingest_dask(paths, store, scheduler, shards, settings.workers)
        else:
            from .pipeline import ingest as run_ingest

            nlp, coder = _coder()
            report = run_ingest(paths, store, nlp=nlp, coder=coder, batch_size=settings.batch_size,
                                n_process=settings.workers, prefilter=not full_parse,
                                on_progress=_progress_printer())
    for message in report.errors:
        err.print(f"error: {message}", markup=False, highlight=False)
    n_clusters = getattr(report, "clusters", 0)          # a BatchReport has none
    clusters = f", {n_clusters} clusters" if n_clusters else ""
    out.print(f"{report.read} documents read, {report.stored} stored, {report.unchanged} unchanged, "
              f"{report.events} events{clusters}, {len(report.errors)} errors", highlight=False)
    if report.errors:
        raise typer.Exit(1)


def _ingest_dask(paths: list[str], store: Store, scheduler: str | None, shards: Path | None,
                 workers: int) -> BatchReport:
    import tempfile

    from .batch import run_batch

    with tempfile.TemporaryDirectory(prefix="detente-shards-") as tmp:
        return run_batch(paths, store, shards or Path(tmp), scheduler=scheduler, n_workers=max(workers, 2))


class _WarningLines(logging.Handler):
    """The library's warnings (a file decoded as cp1252, a symlink loop not followed), one line each."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"warning: {record.getMessage()}", markup=False, highlight=False)


def _print_warnings() -> None:
    logger = logging.getLogger("detente")
    if not any(isinstance(h, _WarningLines) for h in logger.handlers):
        logger.addHandler(_WarningLines(logging.WARNING))


def _progress_printer() -> Callable[[IngestReport], None] | None:
    if not sys.stderr.isatty():
        return None
    status = err.status("coding…")
    status.start()

    def update(report: IngestReport) -> None:
        status.update(f"coding… {report.read} documents, {report.events} events")

    return update


@app.command("export")
def export_cmd(fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet")] = "jsonl",
               output: Annotated[Optional[Path], typer.Option("-o", "--output", help="output file "
                                                                "(default: JSON Lines to standard output)")] = None,
               db: DbOption = None) -> None:
    """Write coded events as JSON Lines, CSV or Parquet."""
    with Store(_db(db), read_only=True) as store:
        n = exports.export(store, fmt=fmt, out=output, stream=sys.stdout)
    if output is not None:
        err.print(f"wrote {n} events to {output}")


@app.command()
def events(actor: Annotated[Optional[str], typer.Option(help="source or target code prefix, e.g. PAK")] = None,
           dyad: Annotated[Optional[str], typer.Option(help="two codes, e.g. USA-PAK (either direction)")] = None,
           code: Annotated[Optional[str], typer.Option(help="CAMEO code prefix, e.g. 05 or 057")] = None,
           since: Annotated[Optional[str], typer.Option(help="event date from (YYYY[-MM[-DD]])")] = None,
           until: Annotated[Optional[str], typer.Option(help="event date until (YYYY[-MM[-DD]])")] = None,
           factuality: Annotated[Optional[str], typer.Option(help="asserted, negated, hypothetical, …")] = None,
           limit: Annotated[int, typer.Option(help="rows to show")] = 50,
           show_clusters: Annotated[bool, typer.Option("--clusters", help="one row per real-world event, "
                                                       "with how many documents and outlets report it")] = False,
           db: DbOption = None) -> None:
    """Show coded events as a table, filtered."""
    if show_clusters:
        _print_clusters(_db(db), actor=actor, dyad=_dyad(dyad), code=code, since=since, until=until, limit=limit)
        return
    where = exports.EventFilter(actor=actor, dyad=_dyad(dyad), code=code, since=since, until=until,
                                factuality=factuality)
    with Store(_db(db), read_only=True) as store:
        rows = exports.events(store, where, limit=limit)
    table = Table("date", "source", "target", "cameo", "fact.", "sentence", show_lines=False)
    for r in rows:
        table.add_row(r["date"] or "", r["source"], r["target"], r["cameo"], r["factuality"][:4],
                      _clip(r["sentence"], 90))
    out.print(table)
    out.print(f"{len(rows)} events shown", highlight=False)


def _print_clusters(db: Path, *, limit: int, **where: object) -> None:
    from .clusters import clusters

    with Store(db, read_only=True) as store:
        rows = clusters(store, limit=limit, **where)  # type: ignore[arg-type]
    table = Table("cluster", "date", "source", "target", "cameo", "reports", "docs", "outlets", "first", "last")
    for r in rows:
        table.add_row(str(r["cluster"]), str(r["date"] or ""), str(r["source"]), str(r["target"]), str(r["cameo"]),
                      str(r["n_mentions"]), str(r["n_documents"]), str(r["n_outlets"]),
                      str(r["first_reported"] or ""), str(r["last_reported"] or ""))
    out.print(table)
    out.print(f"{len(rows)} clusters shown; `detente explain-cluster ID` shows why reports were joined",
              highlight=False, markup=False)


@app.command("cluster-events")
def cluster_events(db: DbOption = None) -> None:
    """Group the reports of each real-world event into clusters, from scratch (ingest keeps them up to date)."""
    from .clusters import cluster_events as run

    with Store(_db(db)) as store:
        report = run(store)
    out.print(f"{report.mentions} asserted reports in {report.clusters} clusters, {report.joined} corroborated "
              f"by another document ({report.seconds:.1f}s)", highlight=False)


@app.command("explain-cluster")
def explain_cluster(cluster_id: Annotated[str, typer.Argument(help="a cluster id from `detente events --clusters`")],
                    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
                    db: DbOption = None) -> None:
    """Show a cluster's reports with their sentences, and why each pair was joined."""
    from .clusters import explain_cluster as explain

    with Store(_db(db), read_only=True) as store:
        result = explain(store, cluster_id)
    if as_json:
        out.print_json(json.dumps(result, default=str))
        return
    c = result["cluster"]
    out.print(f"cluster {c['cluster']}: {c['source']} -> {c['target']} {c['cameo']}, date {c['date']}, "
              f"{c['n_mentions']} reports in {c['n_documents']} documents", markup=False, highlight=False)
    for m in result["mentions"]:
        out.print(f"  [{m.get('doc')}] {m.get('published') or ''} {m.get('cameo')} {m.get('date') or ''}: "
                  f"{_clip(str(m.get('sentence')), 110)}", markup=False, highlight=False)
    for p in result["pairs"]:
        out.print(f"  {p}", markup=False, highlight=False)


def _dyad(text: str | None) -> tuple[str, str] | None:
    if not text:
        return None
    parts = [p for p in text.replace(",", "-").replace(" ", "-").split("-") if p]
    if len(parts) != 2:
        raise DetenteError(f"--dyad wants two actor codes like USA-PAK, got {text!r}")
    return parts[0], parts[1]


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@app.command()
def explain(text: Annotated[str, typer.Argument(help="a sentence or short text to code")],
            published: Annotated[Optional[str], typer.Option(help="publication date YYYY-MM-DD")] = None,
            as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False) -> None:
    """Show how a text is coded: parse, actors found, rules that fired, events and why."""
    from .pipeline import explain_text

    nlp, coder = _coder()
    pub = _date(published)
    result = explain_text(text, nlp=nlp, coder=coder, published=pub)
    if as_json:
        out.print_json(json.dumps({"tokens": result.tokens, "mentions": result.mentions,
                                   "events": result.events}, default=str))
        return
    parse = Table("i", "text", "lemma", "pos", "dep", "head", "ent", title="parse")
    for t in result.tokens:
        parse.add_row(*(str(t[k]) for k in ("i", "text", "lemma", "pos", "dep", "head", "ent")))
    out.print(parse)
    actors = Table("text", "tokens", "kind", "code", "role", title="actors")
    for m in result.mentions:
        actors.add_row(str(m["text"]), f"{m['start']}-{m['end']}", str(m["kind"]), str(m["code"] or ""),
                       str(m["role"] or ""))
    out.print(actors)
    if not result.events:
        out.print("no events")
    for e in result.events:
        out.print(f"[bold]{e['source']} -> {e['target']}  {e['cameo']}[/bold]  goldstein {e['goldstein']}  "
                  f"quad {e['quad_class']}  plover {e['plover']}")
        out.print(f"  rule {e['rule']} on {e['trigger']!r}; source {e['source_text']!r} via {e['source_via']}; "
                  f"target {e['target_text']!r} via {e['target_via']}", markup=False)
        out.print(f"  factuality {e['factuality']} (cue {e['factuality_cue']!r}); date {e['date']} "
                  f"({e['date_basis']}, cue {e['date_cue']!r}); quantity {e['quantity']!r}", markup=False)


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise DetenteError(f"--published wants a date like 2018-10-11, got {text!r}") from e


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
           db: DbOption = None) -> None:
    """Counts of documents, sentences, events and ingest errors."""
    with Store(_db(db), read_only=True) as store:
        counts = store.counts()
    if as_json:
        print(json.dumps(counts))
        return
    for key, value in counts.items():
        out.print(f"{key:10} {value}", highlight=False)


@app.command()
def demo(db: Annotated[Path, typer.Option("--db", help="database to (re)create")] = Path("detente-demo.duckdb")
         ) -> None:
    """Code the bundled demo corpus into a fresh database and summarise each dyad."""
    from .pipeline import ingest as run_ingest
    from .summary import dyad_summary

    corpus = Path(__file__).parent / "data" / "demo"
    if db.exists():
        db.unlink()
    nlp, coder = _coder()
    with Store(db) as store:
        report = run_ingest([str(corpus)], store, nlp=nlp, coder=coder)
        rows = dyad_summary(store)
    out.print(f"demo: {report.stored} articles, {report.events} events coded into {db}", highlight=False)
    table = Table("dyad", "events", "asserted", "coop", "conflict", "goldstein", "first", "last",
                  title="dyads (asserted events)")
    for r in rows:
        table.add_row(r["dyad"], str(r["events"]), str(r["asserted"]), str(r["cooperative"]), str(r["conflictual"]),
                      f"{r['goldstein_mean']:+.2f}" if r["goldstein_mean"] is not None else "", r["first"] or "",
                      r["last"] or "")
    out.print(table)
    out.print(f"next: detente events --db {db} --dyad USA-PAK", highlight=False)


@app.command()
def serve(host: Annotated[str, typer.Option(help="interface to bind; 0.0.0.0 exposes the dashboard to your "
                                           "network")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
          allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="accept articles over POST "
                                                     "/api/ingest and store them")] = False,
          get_path: Annotated[Optional[str], typer.Option("--get", help="print the response to one GET path, "
                                                          "e.g. /api/dyads/USA/PAK, and exit")] = None,
          db: DbOption = None) -> None:
    """Serve the dashboard and JSON API over the database (read-only unless --allow-ingest)."""
    try:
        import uvicorn  # noqa: F401

        from . import web
    except ImportError as e:
        raise DetenteError(f"detente serve needs the web extra ({e.name} is missing): "
                           "pip install 'detente[web]'") from e
    if get_path is not None:
        typer.echo(web.get(_db(db), get_path))
        return
    web.serve(_db(db), host=host, port=port, allow_ingest=allow_ingest)


def _register_more() -> None:
    from .cli_analytics import register

    register(app)


_register_more()


def main() -> None:
    """Console-script entry point: domain errors become one line and exit code 1."""
    try:
        app()
    except DetenteError as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        sys.exit(1)
