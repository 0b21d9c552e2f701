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


TINY = Path(__file__).resolve().parent / "data" / "tiny"


@pytest.fixture(scope="session")
def blank_nlp():  # type: ignore[no-untyped-def]
    import spacy

    return spacy.blank("en")


@pytest.fixture(scope="session")
def tiny_coder(blank_nlp):  # type: ignore[no-untyped-def]
    """An EventCoder over the five-line dictionaries in tests/data/tiny (no model needed)."""
    from detente.actors import ActorDictionary
    from detente.patterns import VerbPatterns
    from detente.pipeline import build_coder

    return build_coder(blank_nlp, actors=ActorDictionary.load(TINY),
                       patterns=VerbPatterns.load(TINY / "verbs.jsonl"))


@pytest.fixture()
def make_doc(blank_nlp):  # type: ignore[no-untyped-def]
    """Build a parsed Doc by hand: make_doc("Russia signed a deal", heads=[1, 1, 3, 1], deps=[...], ...)."""
    from spacy.tokens import Doc

    def make(text: str, *, heads: list[int], deps: list[str], pos: list[str],
             lemmas: list[str] | None = None, tags: list[str] | None = None) -> Doc:
        words = text.split()
        return Doc(blank_nlp.vocab, words=words, heads=heads, deps=deps, pos=pos,
                   lemmas=lemmas or [w.lower() for w in words], tags=tags)

    return make
