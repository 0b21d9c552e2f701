"""Settings: each declared once with its default and help. Only the edges (CLI, web, batch) read them."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path


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
        raw = env.get(f"DETENTE_{f.name.upper()}")
        if raw:
            values[f.name] = Path(raw) if f.name == "db" else int(raw)
        if overrides.get(f.name) is not None:
            values[f.name] = overrides[f.name]
    return Settings(**values)  # type: ignore[arg-type]
