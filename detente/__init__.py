"""detente: political event data from news text — who did what to whom, when, and how sure the text is."""
from __future__ import annotations

from . import analytics
from .actors import ActorDictionary, ActorMatcher
from .cameo import CameoTable
from .coding import EventCoder
from .errors import DetenteError, DictionaryError, IngestError, StoreError
from .exports import EventFilter, export
from .ingest import read_articles
from .models import Article, Event, EventDate, Quantity
from .nlp import load_nlp
from .patterns import VerbPatterns
from .pipeline import build_coder, code_articles, explain_text, ingest
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "ActorDictionary",
    "ActorMatcher",
    "Article",
    "CameoTable",
    "DetenteError",
    "DictionaryError",
    "Event",
    "EventCoder",
    "EventDate",
    "EventFilter",
    "IngestError",
    "Quantity",
    "Store",
    "StoreError",
    "VerbPatterns",
    "analytics",
    "build_coder",
    "code_articles",
    "explain_text",
    "export",
    "ingest",
    "load_nlp",
    "read_articles",
]
