"""The dashboard end to end: a real headless Chromium (Debian's, driven by Playwright) against uvicorn
serving the demo corpus coded with the real model.

Set DETENTE_SCREENSHOTS to a folder (e.g. docs/screenshots) to also save overview.png and dyad.png.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
DEMO = Path(__file__).resolve().parent.parent / "detente" / "data" / "demo"
HOSTILE = ("Russia and Pakistan signed a defence agreement on Monday. "
           "<script>alert(1)</script> <img src=x onerror=alert(2)> was in the wire copy.")


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's chromium, installed with apt-get when missing (never `playwright install`)."""
    if shutil.which("chromium") is None and not Path(CHROMIUM).exists():
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
            done = subprocess.run(command, capture_output=True, text=True, env=env)
            if done.returncode != 0:
                pytest.fail(f"{' '.join(command)} failed ({done.returncode}); install Debian's chromium by hand:\n"
                            + done.stderr[-2000:])
    return CHROMIUM if Path(CHROMIUM).exists() else str(shutil.which("chromium"))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, nlp: Any, coder: Any) -> Path:
    from detente import Store, ingest

    path = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    with Store(path) as store:
        report = ingest([str(DEMO)], store, nlp=nlp, coder=coder)
    assert report.stored >= 20 and report.events > 50
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(demo_db: Path, nlp: Any, coder: Any) -> Iterator[str]:
    """uvicorn on 127.0.0.1 and a free port, in a background thread, storing posted articles."""
    import uvicorn

    from detente.web import create_app

    port = _free_port()
    app = create_app(demo_db, allow_ingest=True, nlp_loader=lambda: (nlp, coder))
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        yield browser
        browser.close()


class Watched:
    """A page with the console errors and dialogs it raised."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture()
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    w = Watched(page)
    yield w
    context.close()
    assert w.errors == [], "the page logged errors (a Content-Security-Policy violation shows here too)"
    assert w.dialogs == []


def _screenshot(page: Any, name: str) -> None:
    folder = os.environ.get("DETENTE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(600)  # let plotly finish its transitions
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_overview_then_a_dyad(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(server + "/")
    page.wait_for_selector("#by-index table a")
    page.wait_for_selector("#network .main-svg")
    page.wait_for_selector("#recent mark.m-event")
    assert page.locator("#by-change table tbody tr").count() > 3
    assert "events" in page.inner_text("#stats")
    _screenshot(page, "overview.png")

    page.click("#by-index a:text-is('PAK–USA')")
    page.wait_for_url(server + "/dyads/PAK/USA")
    page.wait_for_selector("#dyad-chart .main-svg .barlayer path")
    assert page.locator("#dyad-chart .scatterlayer .trace").count() >= 1   # the index line
    page.wait_for_selector("#evidence li mark.m-event")
    assert page.inner_text("#dyad-title") == "PAK – USA"
    assert page.locator("#dyad-stats .badge").inner_text() in ("improving", "deteriorating", "stable", "insufficient")
    first = page.locator("#evidence li").first
    sentence = first.locator(".sentence").inner_text()
    marked = first.locator("mark.m-event").first.inner_text()
    assert marked and marked in sentence
    assert first.locator("mark.m-source, mark.m-target").count() >= 1
    _screenshot(page, "dyad.png")


def test_document_page_highlights_events_inline(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(server + "/documents/demo-001")
    page.wait_for_selector("#doc-text mark.m-event")
    assert page.inner_text("#doc-title") == "Washington releases coalition support funds to Pakistan"
    assert "coalition support funds" in page.inner_text("#doc-text")
    assert page.locator("#doc-events tbody tr").count() >= 1
    assert "The Meridian Post" in page.inner_text("#doc-meta")


def test_search_box_finds_events(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(server + "/")
    page.fill(".topsearch input", "ceasefire")
    page.press(".topsearch input", "Enter")
    page.wait_for_selector("#results tbody tr")
    assert page.inner_text("#results-count").endswith("events")
    assert all("ceasefire" in s.lower() for s in page.locator("#results .sentence").all_inner_texts())


def test_paste_an_article(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(server + "/code")
    page.fill("#code-text", "Russia and Pakistan signed a defence agreement on Monday.")
    page.fill("#code-published", "2018-10-11")
    page.click("#code-run")
    page.wait_for_selector("#code-events .coded", timeout=120_000)
    assert "nothing was stored" in page.inner_text("#code-status")
    assert "057" in page.inner_text("#code-events")
    assert "verb pattern" in page.inner_text("#code-events .reasons")
    assert page.locator("#code-text-marked mark.m-event").count() >= 1


def test_a_stored_script_renders_as_text(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(server + "/code")
    page.fill("#code-text", HOSTILE)
    page.fill("#code-title", "<script>alert('title')</script>")
    page.click("#code-store")
    page.wait_for_selector("#code-status a", timeout=120_000)
    page.click("#code-status a")
    page.wait_for_url(server + "/documents/web-*")
    page.wait_for_selector("#doc-text mark")
    assert page.inner_text("#doc-title") == "<script>alert('title')</script>"
    assert "<script>alert(1)</script> <img src=x onerror=alert(2)>" in page.inner_text("#doc-text")
    assert page.locator("#doc-text script, #doc-text img, #doc-title script").count() == 0
    page.wait_for_timeout(300)
    assert watched.dialogs == []
