"""Settings: each declared once with its default and help. Only the edges (CLI, web, batch) read them."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import DetenteError


@dataclass(frozen=True)
class Settings:
    db: Path = Path("detente.duckdb")
    batch_size: int = 64
    workers: int = 1


HELP = {
    "db": "DuckDB database file (env DETENTE_DB)",
    "batch_size": "documents per store transaction (env DETENTE_BATCH_SIZE)",
    "workers": "parser processes for ingest (env DETENTE_WORKERS)",
}


def load_settings(env: dict[str, str] | None = None, **overrides: object) -> Settings:
    """Defaults, then DETENTE_* environment variables, then explicit overrides (None = not given)."""
    env = dict(os.environ) if env is None else env
    values: dict[str, object] = {}
    for f in fields(Settings):
        name = f"DETENTE_{f.name.upper()}"
        raw = env.get(name)
        if raw:
            values[f.name] = Path(raw) if f.name == "db" else _count(name, raw)
        if overrides.get(f.name) is not None:
            value = overrides[f.name]
            values[f.name] = value if f.name == "db" else _count(f"--{f.name.replace('_', '-')}", value)
    return Settings(**values)  # type: ignore[arg-type]


def _count(name: str, raw: object) -> int:
    """A whole number of at least 1 (a batch size of 0 would silently ingest nothing)."""
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise DetenteError(f"{name} must be a whole number of at least 1, got {raw!r}")
    return int(text)
