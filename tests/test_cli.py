"""The command line end to end (loads the spaCy model: slow)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()
NEWS = Path(__file__).parent / "data" / "ingest" / "news"


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_demo_codes_the_corpus_and_summarises_dyads(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    output = invoke("demo", "--db", str(db))
    assert output.startswith("demo: ")
    assert "dyads (asserted events)" in output
    counts = json.loads(invoke("status", "--json", "--db", str(db)))
    assert set(counts) == {"documents", "sentences", "events", "errors"}
    assert counts["documents"] >= 10 and counts["events"] >= 20 and counts["errors"] == 0


def test_ingest_twice_adds_nothing_and_export_has_the_contract(tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    first = invoke("ingest", str(NEWS), "--db", db)
    before = json.loads(invoke("status", "--json", "--db", db))
    second = invoke("ingest", str(NEWS), "--db", db)
    after = json.loads(invoke("status", "--json", "--db", db))
    assert before == after
    assert " 0 stored" in second and "0 stored" not in first
    lines = [json.loads(x) for x in invoke("export", "--db", db).splitlines() if x.strip()]
    assert len(lines) == after["events"]
    assert all({"doc", "source", "target", "cameo", "date", "factuality", "sentence", "rule"} <= set(r) for r in lines)


def test_bad_input_is_reported_and_the_rest_stored(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g1", "text": "Norway signed a fisheries agreement with Chile.",
                                "published": "2019-03-02"}) + "\n{not json\n", encoding="utf-8")
    db = str(tmp_path / "x.duckdb")
    result = runner.invoke(app, ["ingest", str(good), "--db", db])
    assert result.exit_code == 1
    assert "good.jsonl line 2: invalid JSON" in result.output
    counts = json.loads(invoke("status", "--json", "--db", db))
    assert counts["documents"] == 1 and counts["errors"] == 1


def test_explain_shows_rule_actors_and_cues() -> None:
    output = invoke("explain", "In October 2015, Russia signed a gas pipeline deal with Pakistan.",
                    "--published", "2018-10-11")
    assert "RUS -> PAK  057" in output
    assert "rule sign_agreement" in output
    assert "date 2015-10 (text" in output


def test_events_table_filters_by_dyad(tmp_path: Path) -> None:
    db = str(tmp_path / "d.duckdb")
    invoke("demo", "--db", db)
    output = invoke("events", "--db", db, "--dyad", "USA-PAK", "--limit", "5")
    assert "events shown" in output
