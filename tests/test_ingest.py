"""Tests for detente.ingest: reading .txt, .html and .jsonl files, folders and stdin."""
from __future__ import annotations

import io
import logging
import socket
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.errors import IngestError
from detente.ingest import (
    SUFFIXES,
    TextMetadata,
    article_from_record,
    find_metadata,
    guess_title,
    parse_date,
    read_articles,
    read_file,
)
from detente.models import Article

DATA = Path(__file__).parent / "data" / "ingest"


def read_one(path: Path) -> Article:
    articles = list(read_file(path))
    assert len(articles) == 1
    return articles[0]


def read_collecting(
    *paths: str | Path, stdin: io.StringIO | None = None
) -> tuple[list[Article], list[IngestError]]:
    errors: list[IngestError] = []
    articles = list(read_articles(paths, on_error=errors.append, stdin=stdin))
    return articles, errors


# --- plain text --------------------------------------------------------------------------------


def test_txt_keeps_text_and_finds_title_and_byline() -> None:
    path = DATA / "news" / "fisheries.txt"
    article = read_one(path)
    assert article.id == "fisheries"
    assert article.text == path.read_text(encoding="utf-8")
    assert article.text.startswith("Norway and Chile sign fisheries agreement\n\nBy Ingrid Solberg\n")
    assert article.title == "Norway and Chile sign fisheries agreement"
    assert article.author == "Ingrid Solberg"
    assert article.published is None and article.outlet is None and article.url is None
    assert article.path == str(path)


def test_txt_glued_byline_and_publication_line_stay_in_text() -> None:
    path = DATA / "news" / "border_glued.txt"
    article = read_one(path)
    assert article.id == "border_glued"
    assert article.author == "Tamsin Roe"
    assert article.outlet == "The Harbour Gazette"
    assert article.published == date(2019, 3, 3)
    assert article.title is None
    assert article.text == path.read_text(encoding="utf-8")  # nothing stripped: offsets hold
    assert article.text.startswith("By Tamsin Roe In the early hours")


def test_txt_crlf_is_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Line one about Peru.\r\nLine two about Chile.\r\n")
    assert read_one(path).text == "Line one about Peru.\nLine two about Chile.\n"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Chile and Peru sign accord\n\nThe two states signed.", "Chile and Peru sign accord"),
        ("One paragraph only, no title.", None),
        ("A first sentence that ends.\n\nSecond paragraph.", None),
        ("By Jane Doe\n\nThe talks began.", None),
        ("Heading\nno blank line follows\n\nmore", None),
        ("x" * 150 + "\n\nBody.", None),
        ("Lonely heading\n\n", None),
    ],
)
def test_guess_title(text: str, title: str | None) -> None:
    assert guess_title(text) == title


# --- metadata in the text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("By Hanf In the post cold war era the two states grew closer.", "Hanf"),
        ("By Jane Doe and John Roe\n\nThe talks began.", "Jane Doe; John Roe"),
        ("By JANE DOE, Staff Writer\nThe talks began.", "Jane Doe"),
        ("By Jane Doe in Oslo\nThe talks began.", "Jane Doe"),
        ("By Jane Doe. The talks began.", "Jane Doe"),
        ("By J. R. Smith\nText.", "J. R. Smith"),
        ("By Ana de la Cruz\nText.", "Ana de la Cruz"),
        ("By Hanf Russia has long argued for talks.", "Hanf"),
        ("By Omar Haddad After the vote, the ministers met.", "Omar Haddad"),
        ("Talks resume in Geneva\n\nBy Ingrid Solberg\n\nGENEVA - Talks resumed.", "Ingrid Solberg"),
        ("By Tuesday, the talks had collapsed.", None),
        ("By the time the envoys arrived, the talks were over.", None),
        ("By and large the talks went well.", None),
        ("By 2020, trade had doubled.", None),
        ("By contrast, Chile said nothing.", None),
        ("The talks began.\nBy Jane Doe\n", "Jane Doe"),
        ("One.\nTwo.\nThree.\nBy Jane Doe\n", None),  # only the first three lines
        ("Norway and Chile signed a deal. By Jane Doe", None),
        ("Headline\nBy Hanf In the post cold war era", None),  # glued only at the very start
    ],
)
def test_find_metadata_byline(text: str, author: str | None) -> None:
    assert find_metadata(text).author == author


@pytest.mark.parametrize(
    ("text", "outlet", "published"),
    [
        ("Talks ended. Published in Daily Times, October 11th 2018.", "Daily Times", date(2018, 10, 11)),
        ("Talks ended.\nPublished in Daily Times, October 11th 2018.By Hanf", "Daily Times", date(2018, 10, 11)),
        ("Senior Fellow, Islamabad Published in Daily Times, October 11th 2018.", "Daily Times", date(2018, 10, 11)),
        ("First published in The Harbour Gazette on 3 May 2017", "The Harbour Gazette", date(2017, 5, 3)),
        ("Published: 2017-05-03", None, date(2017, 5, 3)),
        ("Published: 2017-05-03T10:00:00Z", None, date(2017, 5, 3)),
        ("Originally published by Coastal Wire.", "Coastal Wire", None),
        ("This article was originally published by the Coastal Wire on Oct. 11, 2018.", "The Coastal Wire", date(2018, 10, 11)),
        ("Published on 3 May 2017 in The Harbour Gazette.", "The Harbour Gazette", date(2017, 5, 3)),
        ("Published in Dawn October 11 2018", "Dawn", date(2018, 10, 11)),
        ("Published: Thursday, 11 October 2018 10:00", None, date(2018, 10, 11)),
        ("Published 10/11/2018.", None, date(2018, 10, 11)),  # dateparser fallback
        ("Published in Daily Times, February 30th 2018.", "Daily Times", None),  # no such day
        ("Published figures show 3 percent growth in 2018.", None, None),
        ("The report, published in a journal on Monday, was cited.", None, None),
        ("No publication line at all.", None, None),
    ],
)
def test_find_metadata_publication(text: str, outlet: str | None, published: date | None) -> None:
    found = find_metadata(text)
    assert (found.outlet, found.published) == (outlet, published)


def test_find_metadata_prefers_the_last_publication_line() -> None:
    text = "Published in Old Post, 1 June 2001.\nTalks.\nPublished in New Post, 2 June 2002."
    assert find_metadata(text) == TextMetadata(author=None, outlet="New Post", published=date(2002, 6, 2))


@pytest.mark.parametrize(
    "text",
    ["October 11th 2018", "11 October 2018", "11th of October, 2018", "Oct. 11, 2018", "Oct 11 2018",
     "2018-10-11", "Thursday, October 11, 2018", "Thu 11 Oct 2018"],
)
def test_parse_date_common_forms(text: str) -> None:
    assert parse_date(text) == date(2018, 10, 11)


@pytest.mark.parametrize("text", ["", "yesterday", "October 2018", "2018", "2018-02-30", "the 11th"])
def test_parse_date_rejects_incomplete_or_impossible_dates(text: str) -> None:
    assert parse_date(text) is None


@settings(max_examples=60, deadline=None, database=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["%d %B %Y", "%B %d, %Y", "%b. %d, %Y", "%Y-%m-%d", "%A, %d %B %Y"]))
def test_publication_date_round_trip(day: date, form: str) -> None:
    text = f"Talks ended.\nPublished in Harbour Gazette, {day.strftime(form)}."
    assert find_metadata(text) == TextMetadata(outlet="Harbour Gazette", published=day)


@settings(max_examples=100, deadline=None, database=None)
@given(st.text(max_size=300))
def test_find_metadata_never_fails(text: str) -> None:
    assert isinstance(find_metadata(text), TextMetadata)
    assert isinstance(find_metadata("By " + text), TextMetadata)
    assert isinstance(find_metadata("Published in " + text), TextMetadata)


# --- HTML --------------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("ingest tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.usefixtures("no_network")
def test_html_text_and_metadata() -> None:
    article = read_one(DATA / "news" / "summit.html")
    assert article.id == "summit"
    assert article.title == "Ghana and Peru agree to expand trade talks"
    assert article.author == "Lucia Ferreira"
    assert article.published == date(2019, 4, 2)
    assert article.outlet == "The Meridian Post"
    assert article.url == "https://meridian-post.example/world/ghana-peru-trade"
    assert "Ghana and Peru agreed on Monday to expand their trade talks" in article.text
    assert "cocoa, copper and fertiliser" in article.text
    for noise in ("analyticsQueue", "font-family", "Subscribe today", "Most read", "Privacy policy"):
        assert noise not in article.text


def test_html_without_article_text_is_an_error() -> None:
    with pytest.raises(IngestError, match=r"no_text\.html: no article text found in HTML$"):
        read_file(DATA / "broken" / "no_text.html")


def test_html_explicit_metadata_wins_over_text(tmp_path: Path) -> None:
    html = (DATA / "news" / "summit.html").read_text(encoding="utf-8")
    html = html.replace("</article>", "<p>Published in Other Outlet, 1 January 2000.</p></article>")
    path = tmp_path / "summit_copy.htm"
    path.write_text(html, encoding="utf-8")
    article = read_one(path)
    assert "Published in Other Outlet" in article.text
    assert (article.outlet, article.published) == ("The Meridian Post", date(2019, 4, 2))


# --- JSON Lines --------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines() -> None:
    path = DATA / "feed.jsonl"
    articles, errors = read_collecting(path)
    assert [a.id for a in articles] == ["101", "107", "108"]
    name = str(path)
    assert [str(e) for e in errors] == [
        f"{name} line 3: invalid JSON (Expecting ',' delimiter)",
        f'{name} line 4: missing "text"',
        f'{name} line 5: "published" must be an ISO date like 2018-10-11, got 12',
        f'{name} line 6: "published" must be an ISO date like 2018-10-11, got "2018-02-30"',
        f"{name} line 7: expected a JSON object, got an array",
    ]
    assert [(e.path, e.line) for e in errors] == [(name, n) for n in (3, 4, 5, 6, 7)]
    first = articles[0]
    assert first == Article(
        id="101",
        text="Portugal and Morocco announced a joint plan to build an undersea power cable.",
        title="Portugal and Morocco plan power cable",
        published=date(2020, 1, 15),
        url="https://wire.example/101",
        outlet="Example Wire",
        author="Rui Costa",
        path=name,
    )
    assert articles[1].published == date(2019, 6, 1)


def test_jsonl_explicit_fields_win_and_text_fills_the_rest() -> None:
    article = list(read_articles([DATA / "feed.jsonl"], on_error=lambda e: None))[-1]
    assert article.id == "108"
    assert article.outlet == "Explicit Wire"  # explicit, although the text names another outlet
    assert article.published == date(2021, 7, 4)  # missing in the record: taken from the text
    assert article.author is None


def test_jsonl_without_on_error_raises_the_first_error() -> None:
    with pytest.raises(IngestError, match=r"feed\.jsonl line 3: invalid JSON"):
        list(read_articles([DATA / "feed.jsonl"]))


def test_read_file_jsonl_with_on_error_continues() -> None:
    errors: list[IngestError] = []
    articles = list(read_file(DATA / "feed.jsonl", on_error=errors.append))
    assert len(articles) == 3 and len(errors) == 5


def test_pretty_printed_json_is_one_error() -> None:
    articles, errors = read_collecting(DATA / "broken" / "pretty.json")
    assert articles == []
    assert [e.reason for e in errors] == ["not JSON Lines: each line must hold one complete JSON object"]


def test_json_suffix_reads_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text('{"id": 1, "text": "Oman mediated talks."}\n', encoding="utf-8")
    assert [a.id for a in read_file(path)] == ["1"]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "x"}, 'missing "id"'),
        ({"id": None, "text": "x"}, 'missing "id"'),
        ({"id": 1.5, "text": "x"}, '"id" must be a string or an integer, got 1.5'),
        ({"id": True, "text": "x"}, '"id" must be a string or an integer, got true'),
        ({"id": " ", "text": "x"}, '"id" is empty'),
        ({"id": "a", "text": "  "}, '"text" is empty'),
        ({"id": "a", "text": ["x"]}, '"text" must be a string, got ["x"]'),
        ({"id": "a", "text": "x", "title": 3}, '"title" must be a string, got 3'),
        ({"id": "a", "text": "x", "published": "11 October 2018"},
         '"published" must be an ISO date like 2018-10-11, got "11 October 2018"'),
        ("not a record", "expected a JSON object, got a string"),
    ],
)
def test_article_from_record_errors(record: object, message: str) -> None:
    with pytest.raises(IngestError) as caught:
        article_from_record(record, path="feed.jsonl", line=9)  # type: ignore[arg-type]
    assert str(caught.value) == f"feed.jsonl line 9: {message}"
    assert (caught.value.path, caught.value.line, caught.value.reason) == ("feed.jsonl", 9, message)


def test_article_from_record_minimal_and_extra_keys() -> None:
    article = article_from_record(
        {"id": 7, "text": "Chad and Niger met.", "published": "2018-10-11T09:00:00", "lang": "en", "title": ""},
        path=None,
        line=None,
    )
    assert article == Article(id="7", text="Chad and Niger met.", published=date(2018, 10, 11))


# --- stdin -------------------------------------------------------------------------------------


def test_stdin_dash_reads_json_lines() -> None:
    stdin = io.StringIO(
        '\ufeff{"id": "s1", "text": "Laos and Thailand opened a bridge."}\n'
        "\n"
        "{broken\n"
        '{"id": "s2", "text": "Nepal and Bhutan agreed to talks."}\n'
    )
    articles, errors = read_collecting("-", stdin=stdin)
    assert [(a.id, a.path) for a in articles] == [("s1", "-"), ("s2", "-")]
    assert [str(e) for e in errors] == ["- line 3: invalid JSON (Expecting property name enclosed in double quotes)"]


# --- folders, mixed inputs and errors ----------------------------------------------------------


def test_folder_walk_is_recursive_sorted_and_skips_hidden() -> None:
    tree = DATA / "tree"
    articles, errors = read_collecting(tree)
    assert [a.id for a in articles] == ["a", "b", "c1", "c2", "z"]
    assert [a.path for a in articles] == [
        str(tree / "a.txt"), str(tree / "sub" / "b.txt"),
        str(tree / "sub" / "deeper" / "c.jsonl"), str(tree / "sub" / "deeper" / "c.jsonl"), str(tree / "z.txt"),
    ]
    assert [str(e) for e in errors] == [
        f"{tree / 'notes.xyz'}: unsupported file type '.xyz' (use .txt, .html or .jsonl)"
    ]


def test_symlink_loops_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "one.txt").write_text("Fiji and Tonga met.", encoding="utf-8")
    (tmp_path / "docs" / "loop").symlink_to(tmp_path, target_is_directory=True)
    articles, errors = read_collecting(tmp_path)
    assert [a.id for a in articles] == ["one"] and errors == []


def test_errors_do_not_stop_other_documents() -> None:
    broken = DATA / "broken"
    articles, errors = read_collecting(
        DATA / "news" / "fisheries.txt",
        broken / "empty.txt",
        DATA / "missing.txt",
        broken / "blob.txt",
        broken / "blank.txt",
        DATA / "tree" / "notes.xyz",
        DATA / "news" / "summit.html",
    )
    assert [a.id for a in articles] == ["fisheries", "summit"]
    assert [str(e) for e in errors] == [
        f"{broken / 'empty.txt'}: empty document",
        f"{DATA / 'missing.txt'}: no such file or directory",
        f"{broken / 'blob.txt'}: not a text file (binary content)",
        f"{broken / 'blank.txt'}: empty document",
        f"{DATA / 'tree' / 'notes.xyz'}: unsupported file type '.xyz' (use .txt, .html or .jsonl)",
    ]
    assert all("\n" not in str(e) for e in errors)


def test_without_on_error_the_first_error_is_raised() -> None:
    paths = [DATA / "news" / "fisheries.txt", DATA / "missing.txt", DATA / "tree" / "a.txt"]
    reader = read_articles(paths)
    assert next(reader).id == "fisheries"
    with pytest.raises(IngestError, match="missing.txt: no such file or directory"):
        next(reader)


def test_read_file_raises_whole_file_errors_at_once() -> None:
    with pytest.raises(IngestError, match="unsupported file type"):
        read_file(DATA / "tree" / "notes.xyz")
    with pytest.raises(IngestError, match="binary content"):
        read_file(DATA / "broken" / "blob.txt")
    with pytest.raises(IngestError, match="no such file or directory"):
        read_file(DATA / "missing.jsonl")


def test_a_single_path_string_is_not_split_into_characters() -> None:
    assert [a.id for a in read_articles(str(DATA / "tree" / "a.txt"))] == ["a"]


def test_suffixes() -> None:
    assert {".txt", ".text", ".html", ".htm", ".jsonl", ".json"} == set(SUFFIXES)


# --- encodings ---------------------------------------------------------------------------------


def test_cp1252_is_decoded_with_a_logged_warning(caplog: pytest.LogCaptureFixture) -> None:
    path = DATA / "encodings" / "cp1252.txt"
    with caplog.at_level(logging.WARNING, logger="detente.ingest"):
        article = read_one(path)
    assert article.text.startswith("François Dupré said the “agreement” between Chad and Niger")
    assert "€2 million" in article.text
    [record] = [r for r in caplog.records if r.name == "detente.ingest"]
    assert record.levelno == logging.WARNING
    assert str(path) in record.getMessage() and "cp1252" in record.getMessage()
    assert "\n" not in record.getMessage()


def test_utf8_bom_is_stripped(caplog: pytest.LogCaptureFixture) -> None:
    article = read_one(DATA / "encodings" / "bom_utf8.txt")
    assert article.text == "Sweden and Denmark agreed to share coast guard patrols — a first.\n"
    assert not caplog.records


def test_utf16_with_bom() -> None:
    article = read_one(DATA / "encodings" / "utf16.txt")
    assert article.text == "Bolivia and Paraguay signed a water-sharing accord in Asunción.\n"


def test_legacy_encoded_jsonl_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "legacy.jsonl"
    path.write_bytes('{"id": "x", "text": "Dupré visited Niamey."}\n'.encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="detente.ingest"):
        [article] = read_file(path)
    assert article.text == "Dupré visited Niamey."
    assert len(caplog.records) == 1


def test_utf16_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes('{"id": "w", "text": "Asunción hosted talks."}\r\n'.encode("utf-16"))
    assert [a.text for a in read_file(path)] == ["Asunción hosted talks."]
