"""Read one file into :class:`~detente.models.Article` objects, with the reader its suffix names.

* ``.txt`` / ``.text``: one article per file; the text is kept as it is (only ``\\r\\n`` becomes
  ``\\n``) because event offsets refer to it.
* ``.html`` / ``.htm``: one article per file; main text and metadata come from trafilatura, which
  works on the string we give it and never fetches anything.
* ``.jsonl`` / ``.json`` (JSON Lines only): one article per line, decoded line by line so one bad
  line spoils only itself (see :mod:`detente.records` for the fields of a line).

A file (or a JSON Lines line) over :data:`MAX_DOCUMENT_SIZE` is refused before it is read whole.
A whole-file failure raises :class:`~detente.errors.IngestError`; a bad JSON Lines record goes to
``on_error`` and reading goes on.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from .decoding import _SNIFF_BYTES, _name, _normalise_newlines, _sniff_encoding, _utf8_lines, decode_bytes
from .errors import IngestError
from .metadata import _iso_date_or_none, _with_text_metadata, guess_title
from .models import Article
from .records import _LONE_SURROGATE, _without_lone_surrogates, article_from_record

__all__ = [
    "MAX_DOCUMENT_SIZE",
    "SUFFIXES",
    "ErrorHandler",
    "Reader",
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


def _report(error: IngestError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


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


def _unsupported(path: Path) -> IngestError:
    kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
    message = f"unsupported file type {kind} (use .txt, .html or .jsonl)"
    return IngestError(message, path=_name(path))


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
