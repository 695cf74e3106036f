"""The pages over real pipeline output: the worked example and two short articles, analysed by parley.analyze."""

from __future__ import annotations

import re
from html import unescape

import pytest
from web_support import LiveServer, screenshot

pytestmark = pytest.mark.slow

SHORT = [
    ("Turkey offered on Monday to host a new round of talks between Russia and Ukraine in Istanbul, "
     "the foreign ministry said. Moscow rejected the proposal, a Kremlin spokesman told reporters.", "2025-05-12"),
    ("Ukraine accused Russia of violating the three-day truce, President Zelensky wrote on Telegram. "
     "\"They shelled Kharkiv overnight,\" he said. Russia reportedly denied the claim.", "2025-05-13"),
]


@pytest.fixture(scope="module")
def real_store(tmp_path_factory, seed_analysis):
    import parley
    from parley.store import Store

    store = Store.open(tmp_path_factory.mktemp("real") / "real.db")
    store.add_analysis(seed_analysis)
    for text, day in SHORT:
        store.add_analysis(parley.analyze(text, published=day))
    yield store
    store.close()


@pytest.fixture(scope="module")
def real_client(real_store):
    from fastapi.testclient import TestClient

    from parley.api import create_app

    with TestClient(create_app(real_store)) as client:
        yield client


def test_every_endpoint_answers_over_real_records(real_client, seed_analysis):
    for path in ("/api/articles", "/api/events?limit=1000", "/api/quotes?limit=1000", "/api/claims?limit=1000",
                 "/api/actors", "/api/state", "/api/timeline", "/api/event-counts", "/api/network",
                 "/api/search?q=ceasefire", "/api/export/events?format=csv", f"/api/articles/{seed_analysis.article.id}"):
        assert real_client.get(path).status_code == 200, path
    events = real_client.get("/api/events", params={"article_id": seed_analysis.article.id, "limit": 1000}).json()
    assert events["total"] == len(seed_analysis.events)


def test_reader_highlights_every_record_of_the_worked_example(real_client, seed_analysis):
    html = real_client.get(f"/articles/{seed_analysis.article.id}").text
    inner = re.search(r'<div id="article-text" class="article-text">(.*?)</div>', html, re.S).group(1)
    assert unescape(re.sub(r"</?mark[^>]*>", "", inner)) == seed_analysis.article.text
    refs = {r for group in re.findall(r'data-refs="([^"]*)"', inner) for r in group.split()}
    expected = ({f"e{i}" for i in range(len(seed_analysis.events))} | {f"q{i}" for i in range(len(seed_analysis.quotes))}
                | {f"f{i}" for i in range(len(seed_analysis.flags))})
    assert refs == expected
    # each quote's pieces read back as exactly the quoted words
    for i, quote in enumerate(seed_analysis.quotes):
        pieces = re.findall(rf'<mark [^>]*data-refs="[^"]*\bq{i}\b[^"]*"[^>]*>(.*?)</mark>', inner, re.S)
        assert unescape("".join(pieces)) == seed_analysis.article.text[quote.start:quote.end]


@pytest.mark.browser
def test_reader_of_the_worked_example_in_chromium(real_store, page, seed_analysis):
    from parley.api import create_app

    with LiveServer(create_app(real_store)) as server:
        page.goto(f"{server.url}/articles/{seed_analysis.article.id}")
        page.wait_for_selector("body[data-ready=true]")
        buttons = page.locator(".rec[data-ref]")
        for i in range(buttons.count()):
            buttons.nth(i).click()
            ref = buttons.nth(i).get_attribute("data-ref")
            assert page.locator(f'#article-text mark.active[data-refs~="{ref}"]').count() >= 1, ref
        page.locator('.rec[data-ref="f0"]').click()
        screenshot(page, "reader-worked-example")
        page.goto(server.url + "/")
        page.wait_for_selector("body[data-ready=true]")
        screenshot(page, "dashboard-real")
        page.goto(server.url + "/network")
        page.wait_for_selector("body[data-ready=true]")
        screenshot(page, "network-real")
    assert page.problems == []
