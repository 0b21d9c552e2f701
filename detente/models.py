"""Plain data shared by every layer: an Article in, Events out."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Article:
    """One document to code. ``id`` is unique within a store."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Quantity:
    """An amount attached to an event: "$2 billion", "four Mi-35 helicopters"."""

    text: str
    value: float | None
    unit: str | None


@dataclass(frozen=True)
class EventDate:
    """When an event happened, as far as the text says.

    ``value`` is "YYYY", "YYYY-MM" or "YYYY-MM-DD" (its length is the precision); ``basis`` is how
    it was found: "text", "relative", "context" (the date its paragraph last gave), "publication", or None
    when nothing is known.
    """

    value: str | None = None
    basis: str | None = None
    cue: str | None = None
    since: bool = False

    @property
    def precision(self) -> str | None:
        if not self.value:
            return None
        return {4: "year", 7: "month", 10: "day"}.get(len(self.value))


@dataclass
class Event:
    """One coded event: a mention of who did what to whom, with its provenance."""

    doc: str
    sent_index: int
    source: str
    target: str
    cameo: str
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    factuality: str
    sentence: str
    source_text: str
    target_text: str
    start: int
    end: int
    rule: str
    trigger: str = ""
    date: str | None = None
    date_basis: str | None = None
    date_precision: str | None = None
    date_cue: str | None = None
    factuality_cue: str | None = None
    quantity: str | None = None
    quantity_value: float | None = None
    quantity_unit: str | None = None
    published: str | None = None
    event_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row.pop("extra")
        return row
