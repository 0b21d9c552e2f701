"""Read documents into :class:`~detente.models.Article` objects.

Supported inputs (see :data:`SUFFIXES`):

* ``.txt`` / ``.text``: one article per file; the text is kept as it is (only ``\\r\\n`` becomes
  ``\\n``) because event offsets refer to it.
* ``.html`` / ``.htm``: one article per file; main text and metadata come from trafilatura, which
  works on the string we give it and never fetches anything.
* ``.jsonl`` / ``.json`` (JSON Lines only): one article per line; ``"-"`` reads JSON Lines
  from stdin.

Decoding: UTF-8 (a BOM is dropped), UTF-16/UTF-32 with a BOM, UTF-16 without a BOM when every
other byte is NUL (warned). Text that is not valid UTF-8 is decoded rather than rejected, with a
warning logged on the ``detente.ingest`` logger: as UTF-8 with the bad bytes replaced by U+FFFD
when it is mostly UTF-8 (a damaged UTF-8 file), otherwise as cp1252 and then latin-1. Lone UTF-16
surrogates in JSON strings ("\\ud800") become U+FFFD, also with a warning. Any other NUL byte
means binary content. A file (or a JSON Lines line) over :data:`MAX_DOCUMENT_SIZE` is refused
before it is read whole.

Folders are walked in sorted order; hidden entries are skipped, and so are named pipes, sockets
and devices (reading a pipe would block forever), each with an error. A symlink back to a folder
already walked is not followed (logged). Two .txt/.html files whose names give the same id (the
file name without its extension) would overwrite each other in the store, so the second one is
an error.

Metadata written in the text itself (a "By Jane Doe" byline, a "Published in Daily Times,
October 11th 2018." line) is found by :func:`find_metadata`; it only fills fields that explicit
metadata (JSON Lines fields, HTML metadata) left empty.

Errors never stop :func:`read_articles`: each unreadable file, or each bad JSON Lines record, is
passed to ``on_error`` as an :class:`~detente.errors.IngestError` and reading goes on.
"""
from __future__ import annotations

import codecs
import dataclasses
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import IO, Any, Protocol, TextIO

from .errors import IngestError
from .models import Article

__all__ = [
    "MAX_DOCUMENT_SIZE",
    "SUFFIXES",
    "ErrorHandler",
    "Reader",
    "TextMetadata",
    "article_from_record",
    "decode_bytes",
    "find_byline",
    "find_metadata",
    "find_publication",
    "guess_title",
    "parse_date",
    "read_articles",
    "read_file",
    "read_html",
    "read_jsonl",
    "read_text",
]

log = logging.getLogger("detente.ingest")

ErrorHandler = Callable[[IngestError], None]
"""Receives each error found while reading; it may log it, collect it or raise it."""


class Reader(Protocol):
    """Reads one file of a given type. ``on_error`` only matters for multi-record files."""

    def __call__(
        self, path: Path, *, on_error: ErrorHandler | None = None
    ) -> Iterator[Article]: ...


# --------------------------------------------------------------------------------------------
# Top level: paths, folders, stdin
# --------------------------------------------------------------------------------------------

STDIN = "-"


def read_articles(
    paths: Iterable[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Article]:
    """Yield the articles in ``paths``: files, folders (walked recursively) or "-" for stdin.

    Each problem is passed to ``on_error`` and reading continues; with ``on_error=None`` the
    first problem is raised as an :class:`IngestError`.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    yield from _unique_file_ids(_read_all(paths, on_error, stdin), on_error)


def _read_all(
    paths: Iterable[str | Path], on_error: ErrorHandler | None, stdin: TextIO | None
) -> Iterator[Article]:
    for item in paths:
        if str(item) == STDIN:
            stream = stdin or sys.stdin
            yield from _guarded(partial(_jsonl_articles, stream, STDIN, on_error), on_error)
        else:
            yield from _read_path(Path(item), on_error)


def _read_path(path: Path, on_error: ErrorHandler | None) -> Iterator[Article]:
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except OSError as err:  # missing, a broken or looping symlink, a folder we may not enter
        _report(IngestError(_os_reason(err, path), path=_name(path)), on_error)
        return
    files: Iterable[Path] = _walk(path, on_error) if is_folder else [path]
    for file in files:
        yield from _guarded(partial(read_file, file, on_error=on_error), on_error)


_ONE_PER_FILE = (".txt", ".text", ".html", ".htm")


def _unique_file_ids(
    articles: Iterable[Article], on_error: ErrorHandler | None
) -> Iterator[Article]:
    """Refuse a .txt/.html file whose id (its name) another file already took in this run: the
    store keeps one document per id, so the later file would silently replace the earlier."""
    taken: dict[str, tuple[str, str]] = {}  # id -> (real path, path as given)
    for article in articles:
        if article.path and Path(article.path).suffix.lower() in _ONE_PER_FILE:
            real = os.path.realpath(article.path)
            first_real, first = taken.setdefault(article.id, (real, article.path))
            if first_real != real:
                message = (
                    f'document id "{article.id}" is already taken by {first}; '
                    "rename one of the two files"
                )
                _report(IngestError(message, path=article.path), on_error)
                continue
        yield article


def _guarded(
    read: Callable[[], Iterator[Article]], on_error: ErrorHandler | None
) -> Iterator[Article]:
    """Run one reader, sending a whole-file failure to ``on_error`` instead of stopping."""
    if on_error is None:
        yield from read()
        return
    try:
        yield from read()
    except IngestError as err:
        if err.line is not None:  # a record error that on_error itself chose to raise
            raise
        on_error(err)


def _report(error: IngestError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


def _walk(folder: Path, on_error: ErrorHandler | None) -> Iterator[Path]:
    """Files under ``folder`` in sorted order; hidden entries skipped, symlink loops cut."""
    yield from _walk_folder(folder, set(), on_error)


def _walk_folder(folder: Path, seen: set[Path], on_error: ErrorHandler | None) -> Iterator[Path]:
    real = folder.resolve()
    if real in seen:
        log.warning("%s: links to %s, a folder already read; not followed",
                    _name(folder), _name(real))
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError as err:
        message = f"cannot read folder ({_os_reason(err, folder)})"
        _report(IngestError(message, path=_name(folder)), on_error)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            mode = entry.stat().st_mode
        except OSError as err:  # a broken or looping symlink
            _report(IngestError(_os_reason(err, entry), path=_name(entry)), on_error)
            continue
        if stat.S_ISDIR(mode):
            yield from _walk_folder(entry, seen, on_error)
        elif entry.suffix.lower() not in SUFFIXES:
            _report(_unsupported(entry), on_error)
        elif not stat.S_ISREG(mode):
            message = f"not a regular file ({_file_kind(mode)}); skipped"
            _report(IngestError(message, path=_name(entry)), on_error)
        else:
            yield entry


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _unsupported(path: Path) -> IngestError:
    kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
    message = f"unsupported file type {kind} (use .txt, .html or .jsonl)"
    return IngestError(message, path=_name(path))


def _name(path: str | Path) -> str:
    """``path`` as printable text: bytes of a file name that are not UTF-8 become U+FFFD (the
    raw name would hold lone surrogates, which can be neither stored nor printed)."""
    return os.fsencode(path).decode("utf-8", "replace")


# --------------------------------------------------------------------------------------------
# One file
# --------------------------------------------------------------------------------------------


def read_file(path: str | Path, *, on_error: ErrorHandler | None = None) -> Iterator[Article]:
    """Read one file, choosing the reader by its suffix.

    A whole-file failure (missing, unreadable, binary, empty, unsupported type, no HTML text)
    raises :class:`IngestError` when this is called. Bad JSON Lines records are passed to
    ``on_error`` while iterating (raised if it is None).
    """
    path = Path(path)
    reader = SUFFIXES.get(path.suffix.lower())
    if reader is None:
        raise _unsupported(path)
    try:
        return reader(path, on_error=on_error)
    except IngestError:
        raise
    except Exception as err:  # a bug in a parser (trafilatura, dateparser) must not end a run
        raise _unexpected(err, path=_name(path), line=None) from err


def _unexpected(err: Exception, *, path: str, line: int | None) -> IngestError:
    log.debug("%s: unexpected error", path, exc_info=err)
    detail = str(err).strip().split("\n", 1)[0][:200]
    reason = f"{type(err).__name__}: {detail}" if detail else type(err).__name__
    return IngestError(f"could not read ({reason}); please report this", path=path, line=line)


def read_text(path: Path, *, on_error: ErrorHandler | None = None) -> Iterator[Article]:
    """A plain-text file: one article whose id is the file name without its extension."""
    text = _read_document(path)
    article = Article(id=_name(path.stem), text=text, title=guess_title(text), path=_name(path))
    return iter([_with_text_metadata(article)])


def read_html(path: Path, *, on_error: ErrorHandler | None = None) -> Iterator[Article]:
    """An HTML page: one article with trafilatura's main text and metadata."""
    document = _extract_html(_read_document(path))
    text = _normalise_newlines(_attr(document, "text") or "")
    if not text.strip():
        raise IngestError("no article text found in HTML", path=_name(path))
    article = Article(
        id=_name(path.stem),
        text=text,
        title=_attr(document, "title"),
        published=_iso_date_or_none(_attr(document, "date")),
        url=_attr(document, "url"),
        outlet=_attr(document, "sitename"),
        author=_attr(document, "author"),
        path=_name(path),
    )
    return iter([_with_text_metadata(article)])


def read_jsonl(path: Path, *, on_error: ErrorHandler | None = None) -> Iterator[Article]:
    """A JSON Lines file: one article per line (see :func:`article_from_record`)."""
    head = _read_bytes(path, limit=_SNIFF_BYTES)
    encoding = _sniff_encoding(head, _name(path), records=True)
    return _jsonl_articles(_file_lines(path, encoding), _name(path), on_error)


SUFFIXES: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".json": read_jsonl,  # JSON Lines only; a pretty-printed JSON document is rejected
}
"""Lower-case file suffix -> reader. Call as ``SUFFIXES[suffix](path)``."""


MAX_DOCUMENT_SIZE = 50_000_000
"""The largest document read: bytes of a .txt/.html file, characters of a JSON Lines line.
Coding needs about 75 bytes of memory per character, so a larger one would risk the run."""


def _read_document(path: Path) -> str:
    data = _read_bytes(path, limit=MAX_DOCUMENT_SIZE + 1)
    if len(data) > MAX_DOCUMENT_SIZE:
        raise _too_large(path=_name(path), line=None)
    text = _normalise_newlines(decode_bytes(data, _name(path)))
    if not text.strip():
        raise IngestError("empty document", path=_name(path))
    return text


def _too_large(*, path: str, line: int | None) -> IngestError:
    size = MAX_DOCUMENT_SIZE
    limit = f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size} bytes"
    return IngestError(f"document too large (over {limit}); split it into smaller documents",
                       path=path, line=line)


def _read_bytes(path: Path, *, limit: int = -1) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(limit)
    except OSError as err:
        raise IngestError(_os_reason(err, path), path=_name(path)) from None


def _os_reason(err: OSError, path: Path | None = None) -> str:
    if isinstance(err, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(err, FileNotFoundError) and path is not None and path.is_symlink():
        return "broken symbolic link (its target does not exist)"
    return (err.strerror or str(err)).lower()


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n")


# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------

_SNIFF_BYTES = 8192
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is a prefix of it
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY_ENCODINGS = ("cp1252", "latin-1")


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a whole file: BOM-declared encodings, BOM-less UTF-16, then UTF-8, then damaged
    UTF-8 or cp1252/latin-1 (logged). Raises :class:`IngestError` for binary content."""
    encoding = _sniff_encoding(data[:_SNIFF_BYTES], path)
    if encoding is not None:
        return _decode_strict(data, encoding, path)
    if b"\x00" in data:
        raise _binary(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        text, how = _decode_invalid_utf8(data)
        _warn_invalid_utf8(path, err.start, how)
        return text


def _sniff_encoding(head: bytes, path: str, *, records: bool = False) -> str | None:
    """The encoding a BOM declares (or BOM-less UTF-16 shows), or None; raises if the start
    looks like binary data. With ``records`` (JSON Lines) only a NUL in the first line does:
    further down, NULs spoil only their own lines (a file cut short by a crash ends in them)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" not in head:
        return None
    utf16 = _bomless_utf16(head)
    if utf16 is None and records and b"\x00" not in head.split(b"\n", 1)[0]:
        return None
    if utf16 is None:
        raise _binary(path)
    log.warning("%s: no byte order mark, but the text looks like %s; decoded as such", path,
                utf16.upper())
    return utf16


def _binary(path: str) -> IngestError:
    return IngestError("not a text file (binary content)", path=path)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _bomless_utf16(head: bytes) -> str | None:
    """The UTF-16 byte order that ``head`` reads in without a BOM, or None: most of its
    high bytes are NUL, its low bytes never are, and it decodes to text without control codes."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return None
    orders = (("utf-16-le", head[0::2], head[1::2]), ("utf-16-be", head[1::2], head[0::2]))
    for encoding, low, high in orders:
        if b"\x00" not in low and high.count(0) >= 0.7 * len(high):
            try:
                text = head.decode(encoding)
            except UnicodeDecodeError:  # a surrogate cut at the end of the sniffed bytes
                text = head[:-2].decode(encoding, errors="replace")
            return None if _CONTROL.search(text) else encoding
    return None


def _decode_strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        name = encoding.removesuffix("-sig").upper()
        raise IngestError(f"invalid {name} text at byte {err.start}", path=path) from None


# A well-formed multi-byte UTF-8 sequence (overlong and surrogate forms aside).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _decode_invalid_utf8(data: bytes) -> tuple[str, str]:
    """Text that is not valid UTF-8 and how it was decoded. Mostly UTF-8 (no fewer well-formed
    multi-byte sequences than bad ones) is damaged UTF-8: keep it, bad bytes -> U+FFFD.
    Otherwise it is a legacy 8-bit encoding: cp1252, or latin-1 where cp1252 has gaps."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for _ in _UTF8_MULTIBYTE.finditer(data))
    if good >= bad:
        plural = "s" if bad > 1 else ""
        return text, f"UTF-8 with {bad} bad byte sequence{plural} replaced by U+FFFD"
    return _decode_legacy(data)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    try:
        return data.decode(_LEGACY_ENCODINGS[0]), _LEGACY_ENCODINGS[0]
    except UnicodeDecodeError:
        return data.decode(_LEGACY_ENCODINGS[1]), _LEGACY_ENCODINGS[1]


def _warn_invalid_utf8(path: str, at: int, how: str) -> None:
    log.warning("%s: not valid UTF-8 (byte %d); decoded as %s", path, at, how)


# --------------------------------------------------------------------------------------------
# JSON Lines
# --------------------------------------------------------------------------------------------


def _file_lines(path: Path, encoding: str | None) -> Iterator[str]:
    """Lines of a JSON Lines file, decoded line by line so one bad line spoils only itself."""
    try:
        if encoding in (None, "utf-8-sig"):
            with path.open("rb") as handle:
                yield from _utf8_lines(handle, str(path))
        else:
            with path.open("r", encoding=encoding, newline="\n") as text_handle:
                yield from text_handle
    except UnicodeDecodeError as err:
        name = (encoding or "utf-8").upper()
        raise IngestError(f"invalid {name} text ({err.reason})", path=_name(path)) from None
    except OSError as err:
        raise IngestError(_os_reason(err, path), path=_name(path)) from None


def _utf8_lines(handle: IO[bytes], path: str) -> Iterator[str]:
    warned = False
    for number, raw in enumerate(handle, start=1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as err:
            text, how = _decode_invalid_utf8(raw)
            if not warned:
                _warn_invalid_utf8(f"{path} line {number}", err.start, how)
                warned = True
            yield text


def _jsonl_articles(
    lines: Iterable[str], path: str, on_error: ErrorHandler | None
) -> Iterator[Article]:
    seen_content = False
    for number, line in enumerate(lines, start=1):
        line = line.lstrip("\ufeff") if number == 1 else line
        if not line.strip():
            continue
        if not seen_content:
            _check_is_json_lines(line, path)
            seen_content = True
        try:
            article = _line_article(line, path, number)
        except IngestError as err:
            _report(err, on_error)
            continue
        yield article


def _line_article(line: str, path: str, number: int) -> Article:
    if len(line) > MAX_DOCUMENT_SIZE:
        raise _too_large(path=path, line=number)
    if "\x00" in line:
        message = "NUL bytes: binary data, or the end of a file cut short by a crash"
        raise IngestError(message, path=path, line=number)
    record = _parse_line(line, path, number)
    if isinstance(record, dict) and _LONE_SURROGATE.search(line):
        record = _without_lone_surrogates(record, f"{path} line {number}")
    try:
        return article_from_record(record, path=path, line=number)
    except IngestError:
        raise
    except Exception as err:  # a bug in a parser (dateparser) must not end a run
        raise _unexpected(err, path=path, line=number) from err


# A lone surrogate, raw (stdin decoded with surrogateescape) or as a JSON escape ("\\udc80").
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]|\\u[dD][89a-fA-F]")
_SURROGATE_CHAR = re.compile(r"[\ud800-\udfff]")


def _without_lone_surrogates(record: dict[str, Any], where: str) -> dict[str, Any]:
    """The record with lone surrogates in its top-level strings replaced by U+FFFD (one
    character each, so nothing moves). They cannot be encoded, so they would fail later."""
    cleaned = {key: _SURROGATE_CHAR.sub("\ufffd", value) if isinstance(value, str) else value
               for key, value in record.items()}
    if cleaned != record:
        log.warning("%s: lone UTF-16 surrogates replaced by U+FFFD", where)
    return cleaned


def _check_is_json_lines(first_line: str, path: str) -> None:
    """Reject a pretty-printed JSON document at once instead of one error per line."""
    if first_line.strip() in ("[", "{"):
        raise IngestError(
            "not JSON Lines: each line must hold one complete JSON object", path=path
        )


def _parse_line(line: str, path: str, number: int) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise IngestError(f"invalid JSON ({err.msg})", path=path, line=number) from None
    except RecursionError:
        raise IngestError("invalid JSON (nested too deeply)", path=path, line=number) from None


class _RecordError(ValueError):
    """A field of a JSON Lines record is missing or has the wrong type."""


def article_from_record(
    record: dict[str, Any], *, path: str | None, line: int | None
) -> Article:
    """Turn one JSON Lines record into an Article.

    ``id`` (string or integer) and ``text`` (non-empty string) are required; ``title``, ``url``,
    ``outlet``, ``author`` (strings) and ``published`` (ISO date or datetime) are optional; other
    keys are ignored. Raises :class:`IngestError` naming ``path`` and ``line``.
    """
    try:
        article = _record_article(record, path)
    except _RecordError as err:
        raise IngestError(str(err), path=path, line=line) from None
    return _with_text_metadata(article)


def _record_article(record: Any, path: str | None) -> Article:
    if not isinstance(record, dict):
        raise _RecordError(f"expected a JSON object, got {_json_kind(record)}")
    return Article(
        id=_record_id(record),
        text=_record_text(record),
        title=_record_optional_str(record, "title"),
        published=_record_published(record),
        url=_record_optional_str(record, "url"),
        outlet=_record_optional_str(record, "outlet"),
        author=_record_optional_str(record, "author"),
        path=path,
    )


def _record_id(record: dict[str, Any]) -> str:
    value = _required(record, "id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise _RecordError(f'"id" must be a string or an integer, got {_show(value)}')
    if not value.strip():
        raise _RecordError('"id" is empty')
    return value.strip()


def _record_text(record: dict[str, Any]) -> str:
    value = _required(record, "text")
    if not isinstance(value, str):
        raise _RecordError(f'"text" must be a string, got {_show(value)}')
    if not value.strip():
        raise _RecordError('"text" is empty')
    return _normalise_newlines(value)


def _record_optional_str(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _RecordError(f'"{name}" must be a string, got {_show(value)}')
    return value.strip() or None


def _record_published(record: dict[str, Any]) -> date | None:
    value = record.get("published")
    if value is None or value == "":
        return None
    parsed = _iso_date_or_none(value) if isinstance(value, str) else None
    if parsed is None:
        raise _RecordError(f'"published" must be an ISO date like 2018-10-11, got {_show(value)}')
    return parsed


def _required(record: dict[str, Any], name: str) -> Any:
    if record.get(name) is None:
        raise _RecordError(f'missing "{name}"')
    return record[name]


def _show(value: Any) -> str:
    shown = _SURROGATE_CHAR.sub("\ufffd", json.dumps(value, ensure_ascii=False))
    return shown if len(shown) <= 40 else shown[:37] + "..."


_JSON_KINDS: dict[type, str] = {
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
}


def _json_kind(value: Any) -> str:
    return "null" if value is None else _JSON_KINDS.get(type(value), type(value).__name__)


def _iso_date_or_none(value: str | None) -> date | None:
    """``YYYY-MM-DD`` or an ISO datetime -> date; anything else (or an impossible date) -> None."""
    if not value:
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        if len(value) > 10 and value[10] in "T ":
            return datetime.fromisoformat(value).date()
    except ValueError:
        return None
    return None


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def _extract_html(html: str) -> Any:
    """trafilatura's main text and metadata for ``html``.

    The page is passed as a string and no URL is given, so nothing is downloaded; date
    extraction is limited to the page's markup (no guessing from running text). ``<noscript>``
    holds "please enable JavaScript" notices, never the article, so it is pruned: a page that
    is all scripts then has no text instead of that notice.
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
        prune_xpath="//noscript",
    )


def _attr(document: Any, name: str) -> str | None:
    value = getattr(document, name, None) if document is not None else None
    return (value.strip() or None) if isinstance(value, str) else None


# --------------------------------------------------------------------------------------------
# Metadata in the text
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextMetadata:
    """Metadata written in the article text: a byline and a publication line."""

    author: str | None = None
    outlet: str | None = None
    published: date | None = None


def find_metadata(text: str) -> TextMetadata:
    """The byline and the publication line ("Published in X, October 11th 2018.") of ``text``."""
    outlet, published = find_publication(text)
    return TextMetadata(author=find_byline(text), outlet=outlet, published=published)


def _with_text_metadata(article: Article) -> Article:
    """Fill the author, outlet and date an article lacks from what its text says."""
    if article.author and article.outlet and article.published:
        return article
    found = find_metadata(article.text)
    return dataclasses.replace(
        article,
        author=article.author or found.author,
        outlet=article.outlet or found.outlet,
        published=article.published or found.published,
    )


# --- bylines ---------------------------------------------------------------------------------

_BYLINE_START = re.compile(r"(?:By|BY)(?:[ \t]*:)?[ \t]+")
_BYLINE_TOKEN = re.compile(r"[^\s,;:|()\[\]/]+|[,;:|()\[\]/]")
_BYLINE_LINES = 3
_MAX_NAME_WORDS = 4

# Words that start a sentence, never a name: a glued byline ("By Hanf In the post...") ends here.
_SENTENCE_STARTERS = frozenset(
    """a about above according across after against ahead all almost already also although amid
    amidst among an another any around as at back because before behind being below beneath
    besides between beyond both but by despite during each earlier even every following for
    former from further furthermore given having he her here his how however i if in indeed
    instead into it its last late later like many meanwhile more moreover most much my near
    nearly neither never no nobody none nor not nothing now of off on once one only or other our
    out over perhaps prior several she since so some speaking still such than thanks that the
    their them then there these they this those though through throughout thus to today
    tomorrow too toward towards two under unlike until up upon we what when whenever where
    whereas whether which while who whose why with within without yesterday yet you your
    president prime minister foreign defence defense chief officials government""".split()
)
# Capitalised words that follow "By" in ordinary sentences ("By Tuesday, ...", "By contrast").
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec contrast comparison far law default design chance way now then noon midnight
    dawn dusk nightfall morning evening afternoon night day week month year early mid end
    christmas easter ramadan mistake accident all""".split()
)
_NAME_PARTICLES = frozenset(
    "de da del della der den di du dos van von la le bin ibn al el ter".split()
)
_NAME_JOINERS = frozenset({"and", "&"})
# Punctuation allowed inside a name word: "J.", "O'Neil", "Jean-Luc".
_NAME_PUNCTUATION = re.compile(r"[.'’-]")
# Lower-case words that may follow a full name in a byline ("By Jane Doe in Oslo").
_AFTER_NAME = frozenset("in at for from of with to on reporting via".split())


def find_byline(text: str) -> str | None:
    """The author of a "By Jane Doe" byline at the start of ``text`` or in its first lines.

    At the very start the byline may run into the first sentence ("By Hanf In the post...").
    Several authors are joined with "; "; all-capital names are title-cased.
    """
    lines = [line.strip() for line in text.lstrip().split("\n", 20)[:20] if line.strip()]
    for index, line in enumerate(lines[:_BYLINE_LINES]):
        author = _byline_author(line, glued_ok=index == 0)
        if author:
            return author
    return None


def _byline_author(line: str, *, glued_ok: bool) -> str | None:
    start = _BYLINE_START.match(line)
    if start is None:
        return None
    tokens = _BYLINE_TOKEN.findall(line[start.end() : start.end() + 200])
    names, ended_cleanly = _scan_names(tokens)
    if not names or not (ended_cleanly or glued_ok) or names[0][0].lower() in _NOT_NAMES:
        return None
    return "; ".join(_format_name(name) for name in names)


def _scan_names(tokens: list[str]) -> tuple[list[list[str]], bool]:
    """Split the tokens after "By" into names; also say whether the byline ended cleanly
    (end of line, punctuation, "in Oslo") rather than running into a sentence."""
    names: list[list[str]] = [[]]
    for token in tokens:
        name = names[-1]
        if token.lower() in _NAME_JOINERS and name:
            names.append([])
        elif token in _NAME_PARTICLES and name:
            name.append(token)
        elif not _is_name_word(token):
            clean = not token[0].isalnum() or token in _AFTER_NAME
            return _tidy(names, stop=token), clean
        elif len(name) == _MAX_NAME_WORDS:
            return [], False
        elif token.endswith(".") and len(token) > 2:  # "Doe." ends the byline, "J." does not
            name.append(token.rstrip("."))
            return _tidy(names), True
        else:
            name.append(token)
    return _tidy(names), True


def _is_name_word(token: str) -> bool:
    return (
        token[0].isupper()
        and _NAME_PUNCTUATION.sub("", token).isalpha()
        and token.lower().rstrip(".") not in _SENTENCE_STARTERS
    )


def _tidy(names: list[list[str]], stop: str | None = None) -> list[list[str]]:
    """Drop empty names and trailing particles; when a lower-case word ended a glued byline,
    its last capitalised word began the sentence ("By Hanf Russia has ..."), so drop it."""
    if stop is not None and stop.islower() and stop not in _AFTER_NAME and len(names[-1]) > 1:
        names[-1] = names[-1][:-1]
    cleaned: list[list[str]] = []
    for name in names:
        while name and name[-1].islower():
            name = name[:-1]
        if name:
            cleaned.append(name)
    return cleaned


def _format_name(words: list[str]) -> str:
    name = " ".join(words)
    return name.title() if name.isupper() else name


# --- publication lines -----------------------------------------------------------------------

_MONTH_NAMES = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_WEEKDAY_NAMES = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_MONTH = rf"(?P<month>{_MONTH_NAMES})(?![a-z])\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_WEEKDAY = rf"(?:{_WEEKDAY_NAMES}\.?,?[ \t]+)?"
_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(rf"{_WEEKDAY}{_DAY}[ \t]+(?:of[ \t]+)?{_MONTH},?[ \t]+{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_MONTH}[ \t]*{_DAY},?[ \t]+{_YEAR}", re.IGNORECASE),
)
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}
# The date-like start of a string, for dateparser: "11/10/2018", "Thursday 11.10.2018", ...
_DATE_CANDIDATE = re.compile(r"[\w,/ \t.:-]{4,40}?(?=\.(?:\s|[A-Z]|$)|[;|()\n]|,?[ \t]+[a-z]|$)")

_PUBLISHED = re.compile(
    r"(?:\b(?:[Ff]irst|[Oo]riginally|[Aa]lso)[ \t]+[Pp]ublished|Published)\b[ \t]*:?[ \t]*"
)
_OUTLET_WORD = (
    rf"(?!(?:{_MONTH_NAMES}|{_WEEKDAY_NAMES})\b)(?=[\w&'’-]*[A-Za-z])[A-Z0-9][\w&'’-]*"
)
_OUTLET = re.compile(
    rf"(?:in|by|on|at)[ \t]+(?P<outlet>(?:the[ \t]+)?{_OUTLET_WORD}"
    rf"(?:[ \t]+(?:(?:of|the|and|for|&|de|la|al)[ \t]+)?{_OUTLET_WORD})*)"
)
_DATE_LEAD = re.compile(r"[ \t]*(?:[,;|–—-][ \t]*)?(?:on[ \t]+)?")
_MAX_OUTLET_WORDS = 6
_PUBLICATION_TAIL = 160


def find_publication(text: str) -> tuple[str | None, date | None]:
    """Outlet and date of the last publication line in ``text`` that names either."""
    for match in reversed(list(_PUBLISHED.finditer(text))):
        tail = text[match.end() : match.end() + _PUBLICATION_TAIL].split("\n", 1)[0]
        outlet, published = _parse_publication(tail)
        if outlet or published:
            return outlet, published
    return None, None


def _parse_publication(tail: str) -> tuple[str | None, date | None]:
    """Parse what follows "Published": "in Daily Times, October 11th 2018", "on 3 May 2017"..."""
    outlet, rest = _leading_outlet(tail)
    lead = _DATE_LEAD.match(rest)
    rest = rest[lead.end() :] if lead else rest
    published, end = _leading_date(rest)
    if outlet is None and published is not None:
        outlet, _ = _leading_outlet(rest[end:].lstrip(" \t,"))
    return outlet, published


def _leading_outlet(text: str) -> tuple[str | None, str]:
    match = _OUTLET.match(text)
    if match is None:
        return None, text
    outlet = match.group("outlet")
    if len(outlet.split()) > _MAX_OUTLET_WORDS:
        return None, text
    if outlet.startswith("the "):
        outlet = "The " + outlet[4:]
    return outlet, text[match.end() :]


def _leading_date(text: str) -> tuple[date | None, int]:
    """The date at the start of ``text`` and where it ends: own patterns first, then dateparser
    on the date-like prefix only."""
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            return _date_from_match(match), match.end()
    candidate = _DATE_CANDIDATE.match(text)
    if candidate and any(char.isdigit() for char in candidate.group()):
        return _dateparser_date(candidate.group().strip(" \t,.")), candidate.end()
    return None, 0


def _date_from_match(match: re.Match[str]) -> date | None:
    month = match.group("month")
    number = int(month) if month.isdigit() else _MONTH_NUMBERS[month[:3].lower()]
    try:
        return date(int(match.group("year")), number, int(match.group("day")))
    except ValueError:  # 30 February and the like
        return None


def _dateparser_date(candidate: str) -> date | None:
    import dateparser  # imported here: slow to import and rarely needed

    parsed = dateparser.parse(candidate, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


def parse_date(text: str) -> date | None:
    """A date written as "October 11th 2018", "11 October 2018", "Oct. 11, 2018", "2018-10-11"
    (or another form dateparser understands strictly); None if ``text`` does not start with one."""
    return _leading_date(text.strip())[0]


# --- titles ----------------------------------------------------------------------------------

_MAX_TITLE_CHARS = 150


def guess_title(text: str) -> str | None:
    """The first line of ``text`` if it stands apart as a headline: under 150 characters,
    followed by a blank line and more text, not ending like a sentence, not a byline."""
    lines = text.lstrip("\n").split("\n", 2)
    if len(lines) < 3 or lines[1].strip() or not lines[2].strip():
        return None
    first = lines[0].strip()
    if not first or len(first) >= _MAX_TITLE_CHARS or first[-1] in ".,;:":
        return None
    if _BYLINE_START.match(first) or _PUBLISHED.search(first):
        return None
    return first
