"""From bytes to text: how a document's bytes, or a file's name, are decoded.

UTF-8 (a BOM is dropped), UTF-16/UTF-32 with a BOM, UTF-16 without a BOM when every other byte is
NUL (warned). Text that is not valid UTF-8 is decoded rather than rejected, with a warning logged
on the ``detente.ingest`` logger: as UTF-8 with the bad bytes replaced by U+FFFD when it is mostly
UTF-8 (a damaged UTF-8 file), otherwise as cp1252 and then latin-1. Any other NUL byte means
binary content, an :class:`~detente.errors.IngestError`.
"""
from __future__ import annotations

import codecs
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import IngestError

__all__ = ["decode_bytes"]

log = logging.getLogger("detente.ingest")  # one logger for everything that reading documents warns about

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


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n")


def _name(path: str | Path) -> str:
    """``path`` as printable text: bytes of a file name that are not UTF-8 become U+FFFD (the
    raw name would hold lone surrogates, which can be neither stored nor printed)."""
    return os.fsencode(path).decode("utf-8", "replace")
