"""Fixtures for the page tests: a live server on 127.0.0.1 and headless Chromium.

Browser tests are marked ``browser`` and skipped (with the reason) when Debian's
chromium or Playwright for Python is missing.  Screenshots go to tests/screenshots/
(git-ignored).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "api"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

pytest.importorskip("fastapi", reason="needs the web extra: pip install 'parley[web]'")

from samples import TOKEN, quick_analyze, sample_analyses  # noqa: E402
from web_support import CHROMIUM, CHROMIUM_ARGS, LiveServer  # noqa: E402


@pytest.fixture(scope="module")
def web_store(tmp_path_factory):
    from parley.store import Store

    store = Store.open(tmp_path_factory.mktemp("web") / "web.db")
    for analysis in sample_analyses():
        store.add_analysis(analysis)
    yield store
    store.close()


@pytest.fixture(scope="module")
def live_server(web_store):
    from parley.api import create_app

    with LiveServer(create_app(web_store, token=TOKEN, analyze=quick_analyze)) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium: apt-get install -y chromium chromium-driver")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs Playwright for Python: pip install playwright")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh page that records console errors, CSP violations, dialogs and page errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))

    def on_dialog(dialog):
        page.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()
