"""End-to-end: every page in real headless Chromium, from a timeline bar to the highlight in the article."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from samples import TOKEN
from web_support import screenshot

expect = pytest.importorskip("playwright.sync_api", reason="needs Playwright for Python: pip install playwright").expect

pytestmark = pytest.mark.browser

PAGES = {
    "dashboard": "/",
    "network": "/network",
    "articles": "/articles",
    "reader": "/articles/talks-1",
    "search": "/search?q=Istanbul",
    "analyze": "/analyze",
    "docs": "/docs",
}


def open_page(page, url: str) -> None:
    page.goto(url)
    if "/docs" not in url and "/search" not in url and not url.endswith("/articles"):
        page.wait_for_selector("body[data-ready=true]", timeout=10_000)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_cleanly(live_server, page, name):
    open_page(page, live_server.url + PAGES[name])
    if name == "docs":
        page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    screenshot(page, name)
    assert page.problems == []


def test_timeline_bar_to_highlight_in_article(live_server, page):
    open_page(page, live_server.url + "/")
    bar = page.locator('.timeline-svg .bar[data-date="2025-05-10"]')
    assert bar.get_attribute("data-count") == "1"
    bar.click()
    link = page.locator("#day-events a.event-link").first
    link.wait_for()
    assert link.get_attribute("data-event-id") == "talks-1-e2"
    screenshot(page, "dashboard-day-selected")
    link.click()
    page.wait_for_selector("body[data-ready=true]")
    assert page.url.endswith("/articles/talks-1#talks-1-e2")
    active = page.locator("#article-text mark.hl.active")
    assert active.count() == 1 and active.inner_text() == "shelled"
    assert active.is_visible()
    panel = page.locator("#record-panel")
    assert "ASSAULT" in panel.inner_text() and "hedged" in panel.inner_text()
    screenshot(page, "reader-event-selected")
    assert page.problems == []


def test_clicking_a_highlight_shows_its_record(live_server, page):
    open_page(page, live_server.url + "/articles/talks-1")
    page.locator('#article-text mark[data-refs~="q0"]').first.click()
    panel = page.locator("#record-panel").inner_text()
    assert "Volodymyr Zelensky" in panel and "X" in panel and "quote" in panel
    page.locator('#article-text mark[data-refs~="f0"]').first.click()
    assert "Prime Minister" in page.locator("#record-panel").inner_text()


def test_reader_is_keyboard_usable(live_server, page):
    open_page(page, live_server.url + "/articles/talks-1")
    page.focus("#article-text mark.hl")
    page.keyboard.press("Enter")
    assert "AGREE" in page.locator("#record-panel").inner_text()  # "offered" is the first highlight
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert "REQUEST" in page.locator("#record-panel").inner_text()


def test_timeline_is_keyboard_usable(live_server, page):
    open_page(page, live_server.url + "/")
    page.focus(".timeline-svg")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.locator("#day-events h3").wait_for()
    assert page.locator("#day-events h3").inner_text().startswith("2025-05-13")


def test_positions_cells_link_to_evidence(live_server, page):
    open_page(page, live_server.url + "/")
    evidence = page.locator("#positions table.matrix .evidence a").first
    evidence.wait_for()
    evidence.click()
    page.wait_for_selector("body[data-ready=true]")
    assert "/articles/" in page.url and page.locator("#article-text mark.hl.active").count() >= 1


def test_network_draws_weighted_edges(live_server, page):
    open_page(page, live_server.url + "/network?type=ASSAULT")
    assert page.locator(".network-svg .edge").count() == 1
    assert "Russia" in page.locator("#edge-table").inner_text()


def test_hostile_article_runs_nothing(live_server, page):
    evil = quote('evil"><script>-3', safe="")
    for path in ("/", f"/articles/{evil}", "/articles", "/search?q=" + quote("<script>"), "/network", "/api/articles"):
        open_page(page, live_server.url + path)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    open_page(page, live_server.url + f"/articles/{evil}")
    # the payloads are shown as text, exactly as written
    text = page.locator("#article-text").inner_text()
    assert '<script>window.__pwned = "text"</script>' in text
    assert page.locator("#article-text script, #article-text img").count() == 0
    page.locator('#article-text mark[data-refs~="f0"]').first.click()
    page.locator('.rec[data-ref="q0"]').click()
    page.locator('.rec[data-ref="e0"]').click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "<script>window.__pwned=3</script>" in page.locator("#record-panel").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    screenshot(page, "reader-hostile")
    assert not [p for p in page.problems if "dialog" in p]


def test_paste_an_article_and_watch_it_analysed(live_server, page):
    open_page(page, live_server.url + "/analyze")
    page.fill("#token", TOKEN)
    page.dispatch_event("#token", "change")
    form = page.locator("#paste-form")
    form.locator("[name=title]").fill("Envoys meet")
    form.locator("[name=published]").fill("2025-06-01")
    form.locator("[name=text]").fill("Envoys met in Geneva on Sunday to discuss a prisoner exchange between the two sides.")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#progress[data-status=done]", timeout=15_000)
    assert "done" in page.locator("#progress-step").inner_text()
    screenshot(page, "analyze-done")
    page.locator("#progress-results a").click()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("h1").inner_text() == "Envoys meet"


def test_paste_without_token_is_refused_and_says_why(live_server, page):
    open_page(page, live_server.url + "/analyze")
    form = page.locator("#paste-form")
    form.locator("[name=published]").fill("2025-06-01")
    form.locator("[name=text]").fill("Envoys met in Geneva on Sunday to discuss a prisoner exchange between the two sides.")
    form.locator("button[type=submit]").click()
    expect(page.locator("#progress-step")).to_contain_text("401")


def test_upload_a_file_of_articles_and_watch_progress(live_server, page, tmp_path):
    import json

    lines = [
        {"id": "browser-up-1", "text": "Mediators met both delegations in Doha on Tuesday to discuss a ceasefire.",
         "published": "2025-06-10", "title": "Doha talks"},
        {"id": "browser-up-2", "text": "", "published": "2025-06-10"},
    ]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    open_page(page, live_server.url + "/analyze")
    page.fill("#token", TOKEN)
    page.dispatch_event("#token", "change")
    page.set_input_files("#upload-form input[type=file]", str(path))
    page.locator("#upload-form button[type=submit]").click()
    page.wait_for_selector("#progress[data-status=done]", timeout=15_000)
    assert "2 of 2 done" in page.locator("#progress-step").inner_text()
    results = page.locator("#progress-results li")
    assert results.count() == 2
    assert "browser-up-1" in results.nth(0).inner_text()
    assert results.nth(1).inner_text().startswith("two.jsonl:2: empty input")
    screenshot(page, "analyze-upload-done")


def test_positions_step_through_time(live_server, page):
    open_page(page, live_server.url + "/")
    slider = page.locator("#as-of-step")
    assert slider.is_enabled()
    assert "Russia" in page.locator("#positions").inner_text()  # Russia's stance is dated 2025-05-12
    slider.focus()
    page.keyboard.press("Home")  # range inputs fire "change" on keyboard steps
    # (expect() polls from Playwright's own world; wait_for_function would need eval, which the CSP forbids)
    expect(page.locator("#as-of")).to_have_value("2025-05-11")
    expect(page.locator("#positions")).not_to_contain_text("2025-05-12")
    assert "as of 2025-05-11" in page.locator("#as-of-step-label").inner_text()
