"""Reliability: bad input, crash safety and concurrency. docs/reliability.md has the table of
every input and fault tried, what detente does, and the test that shows it.

The fast tests need no model. The slow ones run ``detente ingest`` for real: in process through
CliRunner over a folder of bad inputs, or as subprocesses that are killed with SIGKILL, read
from while they write, and raced against a second writer.
"""
from __future__ import annotations

import importlib.util
import io
import logging
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from itertools import permutations
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from detente.errors import IngestError, StoreError
from detente.ingest import read_articles, read_file
from detente.models import Article
from detente.store import CodedDocument, Store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "reliability"
READERS = importlib.import_module("detente.readers")  # holds the size limit and the HTML extractor


def read_collecting(*paths: str | Path) -> tuple[list[Article], list[str]]:
    errors: list[IngestError] = []
    articles = list(read_articles(paths, on_error=errors.append))
    return articles, [str(e) for e in errors]


def ingest_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "detente.ingest" and r.levelno == logging.WARNING]


# --------------------------------------------------------------------------------------------
# Bad input, one case at a time (no model)
# --------------------------------------------------------------------------------------------


@pytest.mark.timeout(30)
def test_named_pipe_in_a_folder_is_an_error_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Chile met Peru.", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer forever
    articles, errors = read_collecting(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert errors == [f"{tmp_path / 'pipe.txt'}: not a regular file (a named pipe); skipped"]


def test_lone_surrogates_in_json_lines_become_replacement_characters(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "s\\udc80", "text": "Chile \\ud800 met Peru.", "title": "T\\uDFFF"}\n'
                    '{"id": "emoji", "text": "Chile met Peru \\ud83d\\ude00."}\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="detente.ingest"):
        first, second = read_file(path)
    assert (first.id, first.text, first.title) == ("s\ufffd", "Chile \ufffd met Peru.", "T\ufffd")
    assert second.text == "Chile met Peru \U0001F600."  # a valid pair is one character, untouched
    assert ingest_warnings(caplog) == [f"{path} line 1: lone UTF-16 surrogates replaced by U+FFFD"]
    with Store(":memory:") as store:  # they would have failed here: surrogates cannot be encoded
        assert store.add_documents([CodedDocument(first, [(0, len(first.text), first.text)])]) == 1


def test_lone_surrogates_from_stdin_and_in_error_messages(caplog: pytest.LogCaptureFixture) -> None:
    # Python decodes stdin with surrogateescape: a stray byte 0x80 arrives as "\udc80".
    stdin = io.StringIO('{"id": "a", "text": "Peru \udc80 met Chile."}\n{"id": "b", "text": ["\udc80"]}\n')
    errors: list[IngestError] = []
    with caplog.at_level(logging.WARNING, logger="detente.ingest"):
        [article] = read_articles(["-"], on_error=errors.append, stdin=stdin)
    assert article.text == "Peru \ufffd met Chile."
    assert ingest_warnings(caplog) == ["- line 1: lone UTF-16 surrogates replaced by U+FFFD"]
    assert [str(e) for e in errors] == ['- line 2: "text" must be a string, got ["\ufffd"]']
    str(errors[0]).encode("utf-8")  # printable and storable


def test_file_name_that_is_not_utf8_gives_a_printable_id_and_path(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as handle:
        handle.write(b"Chile met Peru.")
    [article] = read_articles([tmp_path])
    assert article.id == "caf\ufffd"
    assert article.path == f"{tmp_path}/caf\ufffd.txt"
    with Store(":memory:") as store:
        assert store.add_documents([CodedDocument(article)]) == 1


@pytest.mark.parametrize(
    ("data", "text", "how"),
    [
        # damaged UTF-8 (a cut multi-byte character): kept as UTF-8, the bad byte -> U+FFFD
        ("Asunción hosted talks. ".encode() + b"\xc3", "Asunción hosted talks. \ufffd",
         "UTF-8 with 1 bad byte sequence replaced by U+FFFD"),
        ("Dupré’s “deal” with Niger.".encode("cp1252"), "Dupré’s “deal” with Niger.", "cp1252"),
        (b"Peru \x81 Chile", "Peru \x81 Chile", "latin-1"),  # 0x81 is a gap in cp1252
    ],
)
def test_text_that_is_not_utf8_is_decoded_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, data: bytes, text: str, how: str
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    with caplog.at_level(logging.WARNING, logger="detente.ingest"):
        [article] = read_file(path)
    assert article.text == text
    [warning] = ingest_warnings(caplog)
    assert warning.startswith(f"{path}: not valid UTF-8 (byte ") and warning.endswith(f"; decoded as {how}")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, encoding: str
) -> None:
    text = "Bolivia and Paraguay signed a water-sharing accord in Asunción.\n"
    for suffix, data in ((".txt", text), (".jsonl", '{"id": "w", "text": "Asunción hosted talks."}\n')):
        path = tmp_path / f"wide{suffix}"
        path.write_bytes(data.encode(encoding))
        with caplog.at_level(logging.WARNING, logger="detente.ingest"):
            [article] = read_file(path)
        assert article.text == (text if suffix == ".txt" else "Asunción hosted talks.")
        assert ingest_warnings(caplog)[-1] == (
            f"{path}: no byte order mark, but the text looks like {encoding.upper()}; decoded as such")


def test_utf16_with_a_broken_surrogate_pair_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Chile met Peru.".encode("utf-16") + b"\x00\xd8" + "Peru met Chile.".encode("utf-16-le"))
    with pytest.raises(IngestError, match=r"wide\.txt: invalid UTF-16 text at byte 32$"):
        read_file(path)


def test_nul_bytes_anywhere_mean_binary(tmp_path: Path) -> None:
    path = tmp_path / "log.txt"
    path.write_bytes(b"Chile met Peru. " * 1000 + b"\x00\x01\x02PK\x03\x04")  # past the sniffed 8 KB
    with pytest.raises(IngestError, match=r"log\.txt: not a text file \(binary content\)$"):
        read_file(path)


def test_json_lines_cut_short_by_a_crash_keep_their_whole_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = b'{"id": "a", "text": "Chile met Peru."}\n{"id": "b", "text": "Japan met China."}\n'
    path.write_bytes(good + b'{"id": "c", "text": "Peru me' + b"\x00" * 4096)  # NULs where data never landed
    articles, errors = read_collecting(path)
    assert [a.id for a in articles] == ["a", "b"]
    assert errors == [f"{path} line 3: NUL bytes: binary data, or the end of a file cut short by a crash"]
    path.write_bytes(good + b'{"id": "c", "text": "Peru me')  # or simply cut mid-line
    articles, errors = read_collecting(path)
    assert [a.id for a in articles] == ["a", "b"]
    assert errors == [f"{path} line 3: invalid JSON (Unterminated string starting at)"]
    path.write_bytes(b"\x00" * 10 + good)  # a NUL in the first line: not a text file at all
    assert read_collecting(path) == ([], [f"{path}: not a text file (binary content)"])


def test_a_document_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(READERS, "MAX_DOCUMENT_SIZE", 100)
    (tmp_path / "big.txt").write_text("Chile met Peru. " * 10, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"id": "ok", "text": "Chile met Peru."}\n'
                                         '{"id": "big", "text": "%s"}\n' % ("Peru " * 30), encoding="utf-8")
    articles, errors = read_collecting(tmp_path)
    assert [a.id for a in articles] == ["ok"]
    assert errors == [
        f"{tmp_path / 'big.txt'}: document too large (over 100 bytes); split it into smaller documents",
        f"{tmp_path / 'feed.jsonl'} line 2: document too large (over 100 bytes); split it into smaller documents",
    ]


def test_two_files_named_alike_in_different_folders(tmp_path: Path) -> None:
    for folder, text in (("a", "Chile met Peru."), ("b", "Japan met China.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    articles, errors = read_collecting(tmp_path, tmp_path / "a" / "report.txt")  # the same file twice is fine
    assert [(a.id, a.text) for a in articles] == [("report", "Chile met Peru."), ("report", "Chile met Peru.")]
    assert errors == [f'{tmp_path / "b" / "report.txt"}: document id "report" is already taken by '
                      f'{tmp_path / "a" / "report.txt"}; rename one of the two files']


def test_symlink_loops_and_broken_links(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "one.txt").write_text("Fiji and Tonga met.", encoding="utf-8")
    (tmp_path / "docs" / "back").symlink_to(tmp_path, target_is_directory=True)  # a folder loop
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")  # a file that links to itself
    (tmp_path / "ping.txt").symlink_to(tmp_path / "pong.txt")
    (tmp_path / "pong.txt").symlink_to(tmp_path / "ping.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    with caplog.at_level(logging.WARNING, logger="detente.ingest"):
        articles, errors = read_collecting(tmp_path, tmp_path / "self.txt")
    assert [a.id for a in articles] == ["one"]  # read once, not once per trip round the loop
    assert errors == [
        f"{tmp_path / 'gone.txt'}: broken symbolic link (its target does not exist)",
        f"{tmp_path / 'ping.txt'}: too many levels of symbolic links",
        f"{tmp_path / 'pong.txt'}: too many levels of symbolic links",
        f"{tmp_path / 'self.txt'}: too many levels of symbolic links",
        f"{tmp_path / 'self.txt'}: too many levels of symbolic links",  # given by name, same message
    ]
    assert ingest_warnings(caplog) == [
        f"{tmp_path / 'docs' / 'back'}: links to {tmp_path.resolve()}, a folder already read; not followed"]


def make_unreadable(path: Path) -> bool:
    """Make ``path`` a file that cannot be opened; False when this system offers no way.

    chmod 000 stops everyone but root. Tests often run as root, so there ``path`` becomes a
    symlink to a write-only procfs file, which the kernel refuses to let even root read.
    """
    if os.geteuid() != 0:
        path.write_text("China met Japan.", encoding="utf-8")
        path.chmod(0)
        return True
    target = Path("/proc/sys/vm/compact_memory")
    try:
        target.open("rb").close()
    except PermissionError:
        path.symlink_to(target)
        return True
    except OSError:
        return False
    return False


def test_unreadable_file_is_an_error(tmp_path: Path) -> None:
    if not make_unreadable(tmp_path / "locked.txt"):
        pytest.skip("no way to make a file unreadable for this user here")
    (tmp_path / "ok.txt").write_text("Chile met Peru.", encoding="utf-8")
    articles, errors = read_collecting(tmp_path)
    assert [a.id for a in articles] == ["ok"]
    assert errors == [f"{tmp_path / 'locked.txt'}: permission denied"]


def test_unexpected_parser_failure_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(html: str) -> None:
        raise ValueError("lxml exploded\nwith a second line")

    monkeypatch.setattr(READERS, "_extract_html", broken)
    (tmp_path / "a.html").write_text("<p>Chile met Peru.</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Chile met Peru.", encoding="utf-8")
    articles, errors = read_collecting(tmp_path)
    assert [a.id for a in articles] == ["b"]
    assert errors == [f"{tmp_path / 'a.html'}: could not read (ValueError: lxml exploded); please report this"]


def test_html_that_is_only_scripts_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "app.html"
    path.write_text(script_page(article=""), encoding="utf-8")
    with pytest.raises(IngestError, match=r"app\.html: no article text found in HTML$"):
        read_file(path)


def script_page(*, article: str) -> str:
    """An HTML page that is nearly all script and style (half a megabyte), with ``article``."""
    script = "<script>" + "var queue=[1,2,3];function track(a){return a*2}" * 4000 + "</script>"
    style = "<style>" + "body{color:#222;margin:0}.ad{padding:1px}" * 4000 + "</style>"
    return (f"<html><head><title>App</title>{script}{style}</head><body>{script}"
            "<noscript>Please enable JavaScript to read this page.</noscript>"
            f"{article}{script}</body></html>")


# --------------------------------------------------------------------------------------------
# Crash safety and concurrency without the model
# --------------------------------------------------------------------------------------------

KILL_MID_WRITE = """
import os, signal, sys
sys.path.insert(0, {root!r})
from detente.models import Article
from detente.store import CodedDocument, Store

store = Store({db!r})
store.add_documents([CodedDocument(Article(id="before", text="Chile met Peru."), [(0, 15, "Chile met Peru.")])])
real_insert = store._insert
def insert_then_die(table, rows):
    real_insert(table, rows)
    if table == "sentences":  # the document and its sentences are in, its events not yet
        os.kill(os.getpid(), signal.SIGKILL)
store._insert = insert_then_die
store.add_documents([CodedDocument(Article(id="half", text="Japan met China."), [(0, 16, "Japan met China.")])])
"""


def test_kill_inside_a_write_transaction_leaves_no_trace(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    script = KILL_MID_WRITE.format(root=str(ROOT), db=str(db))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    with Store(db, read_only=True) as store:
        assert [r["id"] for r in store.query("SELECT id FROM documents")] == ["before"]
        assert store.counts() == {"documents": 1, "sentences": 1, "events": 0, "errors": 0}
    with Store(db) as store:  # and it can be written again
        store.add_documents([CodedDocument(Article(id="half", text="Japan met China."))])
        assert store.counts()["documents"] == 2


BUSY = r"another detente process may be writing it( \(waited [\d.]+ s\))?: retry when it has finished"
HOLD_OPEN = """
import sys, time
sys.path.insert(0, {root!r})
from detente.store import Store
store = Store({db!r})
print("open", flush=True)
time.sleep({seconds})
"""


def test_a_held_database_is_waited_for_then_reported_clearly(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    script = HOLD_OPEN.format(root=str(ROOT), db=str(db), seconds=1.5)
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(StoreError) as caught:
            Store(db, lock_timeout=0.3)
        message = str(caught.value)
        assert re.fullmatch(rf"{re.escape(str(db))}: cannot open database \(.*lock.*\); {BUSY}", message), message
        started = time.monotonic()
        with Store(db, read_only=True, lock_timeout=30) as store:  # waits until the holder exits
            assert time.monotonic() - started > 0.2
            assert store.counts()["documents"] == 0
    finally:
        holder.wait(timeout=30)


# --------------------------------------------------------------------------------------------
# The end-to-end run over a folder of bad input (slow: loads the model)
# --------------------------------------------------------------------------------------------

FILLER = [
    "Analysts said the outcome remained uncertain.",
    "The talks are expected to continue for several days.",
    "Markets rose slightly on the news, with the main index up 2 percent.",
    "A spokesman declined to comment further on the matter.",
    "Prices of wheat and rice have climbed over the past year.",
    "The decision drew mixed reactions from observers.",
    "Officials in Lima said the election would be held on schedule.",
]
EVENTS = [
    "{a} signed a trade agreement with {b} on Monday.",
    "{a} accused {b} of violating the ceasefire along the border.",
    "{a} imposed new sanctions on {b} last week, citing security concerns.",
    "{a} condemned {b} for the missile test carried out on Tuesday.",
]
STATES = ["Chile", "Peru", "Japan", "China", "Egypt", "Turkey", "Kenya", "Brazil", "Mexico", "India"]


def news_line(size: int) -> str:
    """About ``size`` characters of news copy with no newline: filler sentences, an event between
    two states every 400,000 characters (the last one near the end), and a 6,000-character run-on
    sentence without a full stop, which the pipeline has to cut into pieces to parse."""
    rng = random.Random(11)
    pairs = list(permutations(STATES, 2))
    parts: list[str] = []
    length = n_events = 0
    while length <= size:
        if length >= 400_000 * n_events or size - length < 400:
            a, b = pairs[n_events * 7 % len(pairs)]
            sentence = EVENTS[n_events % len(EVENTS)].format(a=a, b=b)
            n_events += 1
        elif n_events == 3 and not any(len(p) > 5000 for p in parts):
            talk = "and the delegates talked about ports and fishing quotas " * 50
            sentence = f"{talk}while Egypt accused Turkey of violating the ceasefire {talk}".strip()
        else:
            sentence = rng.choice(FILLER)
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)


OTHER_COUNTS = r"(?:\d+ \w+, )*"  # counts the summary line may grow, such as "216 clusters, "


def bad_input_folder(folder: Path) -> tuple[Path, bool]:
    """A folder with every kind of bad input we know, two good articles, documents that are
    merely badly encoded, and a 20 MB single-line article. Returns it and whether it holds an
    unreadable file (see make_unreadable)."""
    folder.mkdir()
    for fixture in DATA.iterdir():
        (folder / fixture.name).write_bytes(fixture.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    (folder / "damaged_utf8.txt").write_bytes(  # the last character cut short
        "Bolivia hosted talks with Paraguay in Asunción. ".encode() + b"\xe2\x80")
    (folder / "bom_utf8.txt").write_bytes("\ufeffBrazil signed a trade agreement with Mexico.".encode())
    cp1252 = "India accused Nepal of violating the “ceasefire” — again."
    (folder / "cp1252.txt").write_bytes(cp1252.encode("cp1252"))
    (folder / "utf16.txt").write_bytes("Kenya condemned Egypt for the missile test.".encode("utf-16"))
    (folder / "utf16_nobom.txt").write_bytes("Japan imposed new sanctions on China.".encode("utf-16-le"))
    (folder / "huge.txt").write_text(news_line(20_000_000), encoding="utf-8")
    (folder / "scripts_only.html").write_text(script_page(article=""), encoding="utf-8")
    (folder / "script_heavy.html").write_text(script_page(
        article="<article><h1>Chile and Peru</h1><p>Chile signed a trade agreement with Peru on Monday "
                "after two years of talks in Lima.</p></article>"), encoding="utf-8")
    unreadable = make_unreadable(folder / "locked.txt")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "selfloop.txt").symlink_to(folder / "selfloop.txt")
    (folder / "dangling.txt").symlink_to(folder / "deleted.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "good_summit.txt").write_text("Peru met Chile.", encoding="utf-8")
    return folder, unreadable


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_cli_ingest_folder_of_bad_inputs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from typer.testing import CliRunner

    from detente.cli import app

    corpus, unreadable = bad_input_folder(tmp_path / "corpus")
    db = tmp_path / "tmp.duckdb"
    with caplog.at_level(logging.WARNING, logger="detente.ingest"):
        result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1

    c = f"{corpus}/"
    expected = [
        (f"{c}binary.txt", None, "not a text file (binary content)"),
        (f"{c}dangling.txt", None, "broken symbolic link (its target does not exist)"),
        (f"{c}empty.txt", None, "empty document"),
        (f"{c}feed.jsonl", 2, "invalid JSON (Invalid control character at)"),
        (f"{c}feed.jsonl", 3, 'missing "text"'),
        (f"{c}feed.jsonl", 4, '"published" must be an ISO date like 2018-10-11, got 20190102'),
        (f"{c}feed.jsonl", 5, '"published" must be an ISO date like 2018-10-11, got "2019-02-30"'),
        *([(f"{c}locked.txt", None, "permission denied")] if unreadable else []),
        (f"{c}notes.md", None, "unsupported file type '.md' (use .txt, .html or .jsonl)"),
        (f"{c}pipe.txt", None, "not a regular file (a named pipe); skipped"),
        (f"{c}scripts_only.html", None, "no article text found in HTML"),
        (f"{c}selfloop.txt", None, "too many levels of symbolic links"),
        (f"{c}sub/good_summit.txt", None,
         f'document id "good_summit" is already taken by {c}good_summit.txt; rename one of the two files'),
    ]
    messages = [f"{path}{'' if line is None else f' line {line}'}: {reason}" for path, line, reason in expected]
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning: ")]
    assert lines == [f"error: {m}" for m in messages]

    with Store(db, read_only=True) as store:
        rows = store.query("SELECT path, line, message FROM ingest_errors ORDER BY rowid")
        assert [(r["path"], r["line"], r["message"]) for r in rows] == [
            (path, line, message) for (path, line, _), message in zip(expected, messages)]
        docs = {r["id"]: r for r in store.query("SELECT id, text, n_sentences FROM documents")}
        n_events = store.counts()["events"]
        events = store.query("SELECT doc, start, \"end\", trigger FROM events")
        sentences = store.query("SELECT doc, count(*) AS n FROM sentences GROUP BY doc")

    good = ["bom_utf8", "cp1252", "damaged_utf8", "feed-1", "feed-6", "good_summit", "good_talks", "huge",
            "script_heavy", "utf16", "utf16_nobom"]
    assert sorted(docs) == good
    [summary] = result.stdout.splitlines()
    assert re.fullmatch(rf"{len(good)} documents read, {len(good)} stored, 0 unchanged, {n_events} events, "
                        rf"{OTHER_COUNTS}{len(expected)} errors", summary), summary

    # merely badly encoded text is kept, decoded, with a warning naming the file
    assert docs["bom_utf8"]["text"] == "Brazil signed a trade agreement with Mexico."
    assert docs["cp1252"]["text"] == "India accused Nepal of violating the “ceasefire” — again."
    assert docs["damaged_utf8"]["text"] == "Bolivia hosted talks with Paraguay in Asunción. \ufffd"
    assert docs["utf16_nobom"]["text"] == "Japan imposed new sanctions on China."
    assert docs["feed-6"]["text"] == "Germany praised France \ufffd for its role in the peace talks."
    assert "Chile signed a trade agreement with Peru" in docs["script_heavy"]["text"]
    assert "function" not in docs["script_heavy"]["text"] and "JavaScript" not in docs["script_heavy"]["text"]
    damaged_at = len("Bolivia hosted talks with Paraguay in Asunción. ".encode())
    cp1252_at = "India accused Nepal of violating the “".encode("cp1252").index(b"\x93")
    assert sorted(ingest_warnings(caplog)) == sorted([
        f"{c}cp1252.txt: not valid UTF-8 (byte {cp1252_at}); decoded as cp1252",
        f"{c}damaged_utf8.txt: not valid UTF-8 (byte {damaged_at}); decoded as UTF-8 with 1 bad byte "
        "sequence replaced by U+FFFD",
        f"{c}feed.jsonl line 6: lone UTF-16 surrogates replaced by U+FFFD",
        f"{c}loop: links to {corpus.resolve()}, a folder already read; not followed",
        f"{c}utf16_nobom.txt: no byte order mark, but the text looks like UTF-16-LE; decoded as such",
    ])

    # every stored document is whole, and every event points into its own text
    assert {r["doc"]: r["n"] for r in sentences} == {d: docs[d]["n_sentences"] for d in docs}
    for event in events:
        text = docs[event["doc"]]["text"]
        assert 0 <= event["start"] < event["end"] <= len(text)
        assert text[event["start"]:event["end"]] == event["trigger"]
    by_doc: dict[str, list[int]] = {}
    for event in events:
        by_doc.setdefault(event["doc"], []).append(event["start"])
    assert {"good_summit", "good_talks", "huge", "script_heavy", "feed-1"} <= set(by_doc)

    # the 20 MB single line: stored whole, coded to its end
    huge = docs["huge"]["text"]
    assert len(huge) >= 20_000_000 and "\n" not in huge
    assert docs["huge"]["n_sentences"] > 300_000
    assert len(by_doc["huge"]) >= 40
    assert max(by_doc["huge"]) > len(huge) - 1_000
    run_on = huge.index("and the delegates talked")
    assert any(run_on < start < run_on + 6_000 for start in by_doc["huge"])


# --------------------------------------------------------------------------------------------
# Crash safety and concurrency of `detente ingest` (slow: subprocesses load the model)
# --------------------------------------------------------------------------------------------

N_DOCS = 60
BATCH = 4
EVENT_KEY = 'doc, sent_index, source, target, cameo, factuality, start'
CHECK_SQL = """
    SELECT (SELECT count(*) FROM documents) AS documents,
           (SELECT count(*) FROM documents d
             WHERE d.n_sentences <> (SELECT count(*) FROM sentences s WHERE s.doc = d.id)) AS partial,
           (SELECT count(*) FROM sentences WHERE doc NOT IN (SELECT id FROM documents)) AS stray_sentences,
           (SELECT count(*) FROM events WHERE doc NOT IN (SELECT id FROM documents)) AS stray_events
"""


def bench_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def event_rows(store: Store) -> list[tuple[Any, ...]]:
    return [tuple(r.values()) for r in store.query(f"SELECT {EVENT_KEY} FROM events ORDER BY {EVENT_KEY}")]


def clusters(store: Store) -> set[frozenset[tuple[Any, ...]]]:
    """The events grouped by cluster (ids aside: only who is with whom), and the unclustered."""
    groups: dict[Any, set[tuple[Any, ...]]] = {}
    for row in store.query(f"SELECT cluster, {EVENT_KEY} FROM events"):
        groups.setdefault(row.pop("cluster"), set()).add(tuple(row.values()))
    return {frozenset(group) for group in groups.values()}


def whole(store: Store) -> int:
    """Check that the store holds only whole documents; return how many."""
    [row] = store.query(CHECK_SQL)
    assert (row["partial"], row["stray_sentences"], row["stray_events"]) == (0, 0, 0), row
    return int(row["documents"])


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, nlp: Any, coder: Any) -> tuple[Path, Any]:
    """A generated corpus, and the events and clusters a clean, undisturbed run gives for it."""
    from detente.pipeline import ingest

    folder = tmp_path_factory.mktemp("reference")
    corpus = bench_corpus().write(folder / "corpus.jsonl", N_DOCS)
    with Store(folder / "clean.duckdb") as store:
        report = ingest([str(corpus)], store, nlp=nlp, coder=coder)
        assert (report.stored, report.errors) == (N_DOCS, [])
        assert whole(store) == N_DOCS
        clean = (event_rows(store), clusters(store))
    assert len(clean[0]) > 100
    return corpus, clean


def start_ingest(corpus: Path, db: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DETENTE_")}
    env.update(PYTHONPATH=str(ROOT), DETENTE_BATCH_SIZE=str(BATCH))
    return subprocess.Popen([sys.executable, "-m", "detente", "ingest", str(corpus), "--db", str(db)],
                            cwd=db.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def cli_ingest(corpus: Path, db: Path) -> Any:
    """Run ``detente ingest corpus --db db`` in this process (reusing the session's model)."""
    from typer.testing import CliRunner

    from detente.cli import app

    return CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)],
                              env={"DETENTE_BATCH_SIZE": str(BATCH)})


def finish(process: subprocess.Popen[str], timeout: float = 150) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def snapshots(db: Path, process: subprocess.Popen[str], *, interval: float = 0.02) -> Iterator[int]:
    """While ``process`` runs, open ``db`` read-only (waiting for the writer's pauses) and yield
    the number of documents each time; every look checks the documents are whole."""
    while process.poll() is None:
        if not db.exists():
            time.sleep(interval)
            continue
        try:
            with Store(db, read_only=True, lock_timeout=0.5) as store:
                n = whole(store)
        except StoreError:  # the writer held the file for longer than our timeout; look again
            continue
        yield n
        time.sleep(interval)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_sigkill_mid_ingest_leaves_whole_documents_and_a_rerun_completes(
    tmp_path: Path, reference: tuple[Path, Any]
) -> None:
    corpus, (clean_events, clean_clusters) = reference
    db = tmp_path / "killed.duckdb"
    process = start_ingest(corpus, db)
    try:
        stored = next(n for n in snapshots(db, process) if n >= BATCH)  # one batch is in
        process.send_signal(signal.SIGKILL)
    finally:
        code, _, err = finish(process)
    assert code == -signal.SIGKILL, err
    with Store(db, read_only=True) as store:  # opens (the write-ahead log is replayed)
        after_kill = whole(store)
    assert stored <= after_kill < N_DOCS  # killed mid-run, and nothing half-written survived

    result = cli_ingest(corpus, db)  # the rerun, in this process (the model is loaded already)
    assert (result.exit_code, result.stderr) == (0, ""), result.exception
    assert re.fullmatch(rf"{N_DOCS} documents read, {N_DOCS - after_kill} stored, {after_kill} unchanged, "
                        rf"\d+ events, {OTHER_COUNTS}0 errors\n", result.stdout), result.stdout
    with Store(db, read_only=True) as store:
        assert whole(store) == N_DOCS
        assert event_rows(store) == clean_events
        assert clusters(store) == clean_clusters


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_readers_see_whole_documents_while_ingest_writes(
    tmp_path: Path, reference: tuple[Path, Any]
) -> None:
    corpus, (clean_events, clean_clusters) = reference
    db = tmp_path / "busy.duckdb"
    process = start_ingest(corpus, db)
    try:
        seen = list(snapshots(db, process))
    finally:
        code, out, err = finish(process)
    assert (code, err) == (0, ""), out
    assert len(seen) >= 3, seen  # readers opened the database several times while the ingest ran
    assert seen == sorted(seen)  # each time it held whole documents, and never saw any go away
    # (how many of those looks fall between two batches depends on the machine's load: not asserted)
    with Store(db, read_only=True) as store:
        assert whole(store) == N_DOCS
        assert event_rows(store) == clean_events
        assert clusters(store) == clean_clusters


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_two_ingests_into_one_database_equal_one_clean_run(
    tmp_path: Path, reference: tuple[Path, Any]
) -> None:
    corpus, (clean_events, clean_clusters) = reference
    db = tmp_path / "shared.duckdb"
    other = start_ingest(corpus, db)  # one ingest in a subprocess, the other in this process
    try:
        while not db.exists() and other.poll() is None:
            time.sleep(0.02)
        result = cli_ingest(corpus, db)  # starts while the subprocess holds the file
    finally:
        code, out, err = finish(other)
    # each one waits through the other's writes; had one held the file past the lock timeout,
    # the other would have failed with StoreError's one clear line, never a traceback
    clear = rf"error: \S+: cannot open database \(.*\); {BUSY}\n"
    assert code == 0 or re.fullmatch(clear, err), err
    assert result.exit_code == 0 or re.fullmatch(clear, f"error: {result.exception}\n"), result.exception
    assert 0 in (code, result.exit_code)
    with Store(db, read_only=True) as store:
        assert whole(store) == N_DOCS
        assert store.counts()["errors"] == 0
        assert event_rows(store) == clean_events
        assert clusters(store) == clean_clusters


@pytest.mark.slow
def test_an_id_read_twice_is_stored_once_the_last_version_winning(tmp_path: Path, nlp: Any, coder: Any) -> None:
    # found by the fuzz run: with "b" already stored and unchanged, the two versions of "a" met in one
    # write batch and broke the primary key
    from detente.pipeline import ingest
    from detente.store import Store

    first, again = tmp_path / "first.jsonl", tmp_path / "again.jsonl"
    first.write_text('{"id": "b", "text": "Chile met Peru."}\n', encoding="utf-8")
    again.write_text('{"id": "a", "text": "Chile met Peru."}\n{"id": "b", "text": "Chile met Peru."}\n'
                     '{"id": "a", "text": "Chile signed a deal with Peru."}\n', encoding="utf-8")
    with Store(str(tmp_path / "db.duckdb")) as store:
        ingest([str(first)], store, nlp=nlp, coder=coder, batch_size=2)
        report = ingest([str(again)], store, nlp=nlp, coder=coder, batch_size=2)
        texts = {r["id"]: r["text"] for r in store.query("SELECT id, text FROM documents")}
    assert (report.stored, report.unchanged, report.errors) == (1, 1, [])
    assert texts == {"a": "Chile signed a deal with Peru.", "b": "Chile met Peru."}
