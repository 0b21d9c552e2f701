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

The work is split by concept: this module walks paths (files, folders, stdin) and keeps file ids
unique; :mod:`detente.readers` reads one file with the reader for its type; :mod:`detente.decoding`
turns bytes into text; :mod:`detente.records` checks a JSON Lines record; :mod:`detente.metadata`
finds metadata in the text. This module re-exports their public names.
"""
from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TextIO

from .decoding import _name, decode_bytes
from .errors import IngestError
from .metadata import TextMetadata, find_byline, find_metadata, find_publication, guess_title, parse_date
from .models import Article
from .readers import (
    MAX_DOCUMENT_SIZE,
    SUFFIXES,
    ErrorHandler,
    Reader,
    _jsonl_articles,
    _os_reason,
    _report,
    _unsupported,
    read_file,
    read_html,
    read_jsonl,
    read_text,
)
from .records import article_from_record

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
