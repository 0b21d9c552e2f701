"""One JSON Lines record -> :class:`~detente.models.Article`: which fields it may have and how each is
checked (see :func:`article_from_record`).

Lone UTF-16 surrogates in its strings ("\\ud800" in the JSON) become U+FFFD, with a warning on the
``detente.ingest`` logger.
"""
from __future__ import annotations

import json
import logging
import re
from datetime import date
from typing import Any

from .decoding import _normalise_newlines
from .errors import IngestError
from .metadata import _iso_date_or_none, _with_text_metadata
from .models import Article

__all__ = ["article_from_record"]

log = logging.getLogger("detente.ingest")

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
