"""What the web app's requests share: the limits, the app's state and a read-only store per request.

The store is opened read-only for each request and closed after it. DuckDB lets one process write
a file and, while it does, no other process open it, even read-only. ``detente ingest`` closes the
file between its batches, so a request waits up to ``lock_wait`` seconds for it and then answers 503
``{"ok": false, "error": "the database is busy ..."}`` instead of failing. ``POST /api/ingest`` (only
with ``allow_ingest``) opens a write connection briefly, writes one article and closes it.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

import duckdb
from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from .errors import StoreError
from .store import Store

MAX_TEXT = 20_000           # characters a posted article may have
MAX_BODY = 4 * MAX_TEXT + 10_000  # bytes a POST body may have
MAX_LIMIT = 500             # rows one /api/events page may have
MAX_INT = 2**62             # the largest offset or minimum count: past any store, inside DuckDB's BIGINT
CODE_TIMEOUT = 30.0         # seconds coding one posted text may take
LOCK_WAIT = 2.0             # seconds a request waits for a database another process is writing
WRITE_WAIT = 10.0           # seconds POST /api/ingest waits for it
BUSY = "the database is busy (an ingest is writing); retry shortly"
T = TypeVar("T")
# A lone UTF-16 surrogate: JSON may hold one ("\ud800"), and Python decodes it, but UTF-8 cannot encode it.
SURROGATE = re.compile(r"[\ud800-\udfff]")
# Returns (nlp, coder): what pipeline.explain_text and pipeline.code_articles need.
NlpLoader = Callable[[], tuple[Any, Any]]


def _default_loader() -> tuple[Any, Any]:
    from .nlp import load_nlp
    from .pipeline import build_coder

    nlp = load_nlp()
    return nlp, build_coder(nlp)


@dataclass
class _Web:
    """What the endpoints share: where the store is, the lazily loaded model, the names of things."""

    db: Path
    allow_ingest: bool
    loader: NlpLoader
    timeout: float
    lock_wait: float
    names: dict[str, str]
    labels: dict[str, str]
    model: tuple[Any, Any] | None = None
    model_lock: threading.Lock = field(default_factory=threading.Lock)
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    executor: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1, "detente-code"))

    def nlp_and_coder(self) -> tuple[Any, Any]:
        """The model and coder, loaded on first use, once."""
        with self.model_lock:
            if self.model is None:
                self.model = self.loader()
            return self.model

    def bounded(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the coding thread; 504 when it takes longer than ``timeout`` seconds."""
        future = self.executor.submit(fn)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout as e:
            future.cancel()
            raise HTTPException(504, f"coding took longer than {self.timeout:g} s; send a shorter text") from e

    def name(self, code: str | None) -> str | None:
        if not code:
            return None
        return self.names.get(code) or self.names.get(code[:6]) or self.names.get(code[:3])


# -- the store, per request ------------------------------------------------------------------------

def _web(request: Request) -> _Web:
    web: _Web = request.app.state.web
    return web


def _open(db: Path, *, wait: float, read_only: bool = True) -> Store:
    """Open the store, waiting up to ``wait`` seconds for a writer; then 503 while it still holds the file."""
    try:
        return Store(db, read_only=read_only, lock_timeout=wait)
    except StoreError as e:
        if _is_busy(e.__cause__):
            raise HTTPException(503, BUSY) from e
        raise


def _is_busy(error: BaseException | None) -> bool:
    text = str(error)
    return (isinstance(error, duckdb.IOException) and "lock" in text.lower()) or (
        isinstance(error, duckdb.ConnectionException) and "different configuration" in text)


def _store(request: Request) -> Iterator[Store]:
    web = _web(request)
    store = _open(web.db, wait=web.lock_wait)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(_store)]
WebDep = Annotated[_Web, Depends(_web)]
