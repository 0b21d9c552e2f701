"""Errors detente raises. The CLI turns each into a one-line message and exit code 1.

    DetenteError
    ├── IngestError       a document could not be read (names the file and line)
    ├── DictionaryError   a lexicon data file is malformed (names the file and line)
    └── StoreError        the database could not be opened or written
"""
from __future__ import annotations


class DetenteError(Exception):
    """Base class of every error detente raises on purpose."""


class IngestError(DetenteError):
    """A document could not be read. ``path`` and ``line`` say where."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = path or "<input>"
        if line is not None:
            where = f"{where} line {line}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.reason = message


class DictionaryError(DetenteError):
    """A lexicon file (actors, verb patterns, code tables) is malformed."""


class StoreError(DetenteError):
    """The DuckDB store could not be opened or written."""
