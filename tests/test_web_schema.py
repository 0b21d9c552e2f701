"""A bounded schemathesis run against the dashboard's OpenAPI schema (``/api/openapi.json``).

Every operation in the served schema is called in process (schemathesis' ASGI transport: no socket,
no network) with generated valid and invalid parameters and bodies, over the small database that
``tests/test_web.py`` builds. The only check is schemathesis' ``not_a_server_error``: no response may
be a 5xx other than the documented 503 "the database is busy". Responses are not checked against
their declared schemas (the endpoints declare ``dict[str, Any]``, so there is little to check). An
exception that escapes the app fails the test too, because the in-process transport re-raises it.

The run is reproducible (``derandomize=True``, a fixed schemathesis seed, no example database) and
bounded: ``MAX_EXAMPLES`` generated cases per operation in schemathesis' fuzzing phase, 251 in all
(``GET /api/stats`` has no parameters, so it gets one). That takes 25 to 45 seconds on two cores.
Each request opens the DuckDB file, which takes 30 to 90 ms, and that cost sets the budget. The
coverage phase is off: it adds about 700 fixed cases (about 45 s more), most of them values of the
wrong type that FastAPI rejects with a 422.

``POST /api/code`` and ``POST /api/ingest`` run the real ``EventCoder`` over the five-line
dictionaries in ``tests/data/tiny`` on a blank spaCy pipeline, so no model is loaded. ``POST
/api/code`` with the real model has its own run, marked slow; it adds about 5 seconds, mostly loading
the model.

The schema is loaded when the module is imported, from an app over an empty store in a temporary
folder. (``schemathesis.pytest.from_fixture`` does not work with pytest 9, which dropped
``Node._nodeid``.) The tests call their own app, which a fixture builds over the test database.
Under pytest 9 the items that ``@schema.parametrize()`` makes all share one node id. Their names
still carry the operation, so ``-k dyads`` selects by operation, and a failure's header names it
(for example ``test_no_server_errors[GET /api/documents]``), with a curl command that reproduces it.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
schemathesis = pytest.importorskip("schemathesis")

from fastapi import FastAPI  # noqa: E402
from hypothesis import settings  # noqa: E402
from schemathesis import Case  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from detente import web  # noqa: E402
from detente.store import Store  # noqa: E402
from tests.test_web import TINY, built  # noqa: E402,F401  (built: the test database fixture)

MAX_EXAMPLES = 25
BOUNDED = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None)
CONFIG = schemathesis.Config.from_dict({
    "seed": 7,
    "phases": {"coverage": {"enabled": False}},
    # 503 is the documented "the database is busy" answer; every other 5xx is a failure.
    "checks": {"not_a_server_error": {"expected-statuses": ["2xx", "3xx", "4xx", "503"]}},
})


def _served_schema() -> dict[str, Any]:
    """/api/openapi.json as the app serves it. It does not depend on what the database holds."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "empty.duckdb"
        Store(db).close()
        served: dict[str, Any] = json.loads(web.get(db, "/api/openapi.json"))
    return served


schema = schemathesis.openapi.from_dict(_served_schema(), config=CONFIG)


@pytest.fixture(scope="module")
def app(built: Path) -> FastAPI:
    """The app with POST /api/ingest enabled (the articles it stores join the data), coding with the
    tiny dictionaries on a blank pipeline (no model)."""
    import spacy

    from detente.actors import ActorDictionary
    from detente.patterns import VerbPatterns
    from detente.pipeline import build_coder

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    coder = build_coder(nlp, actors=ActorDictionary.load(TINY), patterns=VerbPatterns.load(TINY / "verbs.jsonl"))
    return web.create_app(built, allow_ingest=True, nlp_loader=lambda: (nlp, coder))


@pytest.fixture(scope="module")
def model_app(built: Path, tmp_path_factory: pytest.TempPathFactory, nlp: Any, coder: Any) -> FastAPI:
    db = Path(shutil.copy(built, tmp_path_factory.mktemp("schema-model") / "web.duckdb"))
    return web.create_app(db, nlp_loader=lambda: (nlp, coder))


def _no_server_error(case: Case[Any], app: FastAPI) -> None:
    response = case.call(app=app)
    case.validate_response(response, checks=[not_a_server_error])


@schema.parametrize()  # type: ignore[untyped-decorator]
@BOUNDED
def test_no_server_errors(case: Case[Any], app: FastAPI) -> None:
    _no_server_error(case, app)


@pytest.mark.slow
@schema.include(path="/api/code").parametrize()  # type: ignore[untyped-decorator]
@BOUNDED
def test_code_with_the_real_model_has_no_server_errors(case: Case[Any], model_app: FastAPI) -> None:
    _no_server_error(case, model_app)
