"""The one conftest: shared fixtures and the --slow option (tests that load the spaCy model)."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="also run tests that load the spaCy model")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="needs the spaCy model; run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from detente.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def coder(nlp):  # type: ignore[no-untyped-def]
    from detente.pipeline import build_coder

    return build_coder(nlp)


@pytest.fixture()
def store():  # type: ignore[no-untyped-def]
    from detente.store import Store

    with Store(":memory:") as s:
        yield s


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold" / "score.py").exists():
        pytest.skip("../shared is not beside the repository")
    return SHARED
