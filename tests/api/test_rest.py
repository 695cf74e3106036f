"""The REST API through FastAPI's test client: lists, filters, pagination, records, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest


def test_articles_list_newest_first_with_counts(client):
    page = client.get("/api/articles").json()
    assert page["total"] == 3
    assert [a["id"] for a in page["items"]] == ['evil"><script>-3', "truce-2", "talks-1"]
    talks = page["items"][2]
    assert talks["events"] == 3 and talks["quotes"] == 1 and "text" not in talks


def test_article_is_the_analysis_json(client):
    data = client.get("/api/articles/talks-1").json()
    assert data["article"]["published"] == "2025-05-11"
    assert [e["event"] for e in data["events"]] == [["AGREE"], ["REQUEST"], ["ASSAULT"]]
    quote = data["quotes"][0]
    assert data["article"]["text"][quote["start"]:quote["end"]] == "We are ready to meet"
    assert data["flags"][0]["kind"] == "role_mismatch"


def test_pagination_walks_every_event_once(client):
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/api/events", params={"limit": 3, "offset": offset}).json()
        assert page["total"] == 8 and page["limit"] == 3
        seen += [e["id"] for e in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == 8


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start": "2025-05-12"}, {"truce-2-e0", "truce-2-e1", "truce-2-e2", 'evil"><script>-3-e0', 'evil"><script>-3-e1'}),
        ({"start": "2025-05-10", "end": "2025-05-10"}, {"talks-1-e2"}),
        ({"type": "REQUEST"}, {"talks-1-e1", "truce-2-e0"}),
        ({"type": ["REQUEST", "reject"]}, {"talks-1-e1", "truce-2-e0", "truce-2-e2", 'evil"><script>-3-e0'}),
        ({"evidentiality": "hedged"}, {"talks-1-e2"}),
        ({"actor": "TUR"}, {"truce-2-e1"}),
        ({"actor": "united states"}, {"truce-2-e0", "truce-2-e2"}),
        ({"text": "ceasefire"}, {"talks-1-e1"}),
        ({"article_id": "truce-2", "type": "AGREE"}, {"truce-2-e1"}),
    ],
)
def test_event_filters(client, params, expected):
    page = client.get("/api/events", params=params).json()
    assert {e["id"] for e in page["items"]} == expected
    assert page["total"] == len(expected)


def test_events_newest_first(client):
    dates = [e["date"] for e in client.get("/api/events", params={"order": "desc"}).json()["items"]]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2025-05-13"
    assert client.get("/api/events", params={"order": "sideways"}).status_code == 422


def test_one_event(client):
    event = client.get("/api/events/talks-1-e2").json()
    assert event["event"] == ["ASSAULT"] and event["evidentiality"] == "hedged"
    assert client.get("/api/events/nope").status_code == 404


def test_quotes_claims_actors(client):
    quotes = client.get("/api/quotes", params={"medium": "x"}).json()
    assert [q["id"] for q in quotes["items"]] == ["talks-1-q0"]
    assert quotes["items"][0]["article_id"] == "talks-1"
    assert client.get("/api/quotes", params={"kind": "indirect"}).json()["total"] == 0
    claims = client.get("/api/claims", params={"evidentiality": "hedged"}).json()
    assert [c["id"] for c in claims["items"]] == ["talks-1-c0"]
    assert client.get("/api/actors").status_code == 200


def test_search_spans_articles_events_quotes(client):
    result = client.get("/api/search", params={"q": "ready to meet"}).json()
    assert [a["id"] for a in result["articles"]["items"]] == ["talks-1"]
    assert result["events"]["total"] == 0
    assert [q["id"] for q in result["quotes"]["items"]] == ["talks-1-q0"]
    assert client.get("/api/search", params={"q": "Istanbul"}).json()["articles"]["total"] == 2


def test_event_counts_per_day_and_type(client):
    data = client.get("/api/event-counts").json()
    assert data["total"] == 8 and data["undated"] == 0
    days = {b["date"]: b["counts"] for b in data["buckets"]}
    assert days["2025-05-10"] == {"ASSAULT": 1}
    assert days["2025-05-12"] == {"REQUEST": 1, "AGREE": 1, "REJECT": 1}
    filtered = client.get("/api/event-counts", params={"type": "AGREE"}).json()
    assert filtered["total"] == 2


def test_network_edges_weighted_by_count(client):
    data = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in data["edges"]}
    rus_ukr = edges[("RUS|Russia", "UKR|Ukraine")]
    assert rus_ukr["count"] == 3  # offered, shelled, accused (the hostile article's actor differs)
    assert rus_ukr["types"] == {"AGREE": 1, "ASSAULT": 1, "ACCUSE": 1}
    assert data["events"] == 7  # Turkey's AGREE has no recipient
    only_may_12 = client.get("/api/network", params={"start": "2025-05-12", "end": "2025-05-12"}).json()
    assert {(e["source"], e["target"]) for e in only_may_12["edges"]} == {
        ("USA|United States", "RUS|Russia"), ("RUS|Russia", "USA|United States")}


def test_export_events_jsonl_csv_json(client):
    jsonl = client.get("/api/export/events", params={"format": "jsonl", "type": "REQUEST"})
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in jsonl.headers["content-disposition"]
    assert {json.loads(line)["id"] for line in jsonl.text.splitlines()} == {"talks-1-e1", "truce-2-e0"}
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/events", params={"format": "csv"}).text)))
    assert len(rows) == 8 and rows[0]["event"]
    assert len(client.get("/api/export/events", params={"format": "json"}).json()) == 8


def test_export_csv_defuses_spreadsheet_formulas(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/events", params={"format": "csv"}).text)))
    cells = [v for row in rows for v in row.values() if v]
    assert not any(v.startswith(("=", "+", "@")) for v in cells)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/articles/no-such-article", 404),
        ("/api/events?start=2025-13-45", 422),
        ("/api/events?limit=0", 422),
        ("/api/events?limit=100000", 422),
        ("/api/events?offset=-1", 422),
        ("/api/events?evidentiality=gossip", 422),
        ("/api/search", 422),
        ("/api/no-such-endpoint", 404),
        ("/api/jobs/unknown", 404),
    ],
)
def test_errors_are_json_with_status(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert body["error"]["status"] == status and body["error"]["message"]


def test_wrong_method_is_405_json(client):
    response = client.put("/api/events")
    assert response.status_code == 405
    assert "not allowed" in response.json()["error"]["message"]


def test_openapi_documents_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/quotes", "/api/claims",
                 "/api/actors", "/api/state", "/api/export/events", "/api/search", "/api/analyze", "/api/ingest"):
        assert path in spec["paths"], path
    assert "Page_Event_" in spec["components"]["schemas"]
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert spec["paths"]["/api/analyze"]["post"]["security"] == [{"HTTPBearer": []}]
    assert "security" not in spec["paths"]["/api/events"]["get"]
    assert spec["paths"]["/api/analyze"]["post"]["tags"] == ["analysis"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()


def test_any_article_id_works_in_links_and_paths(client, store):
    from urllib.parse import quote

    from samples import truce_article

    analysis = truce_article()
    analysis.article.id = "https://example.org/a/b?c=1#d e"
    analysis.article.text += " A second copy."
    for e in analysis.events:
        e.article_id = analysis.article.id
        e.id = e.id.replace("truce-2", analysis.article.id)
    assert store.add_analysis(analysis)["status"] == "coded"
    encoded = quote(analysis.article.id, safe="")
    assert client.get(f"/api/articles/{encoded}").json()["article"]["id"] == analysis.article.id
    listing = client.get("/articles").text
    assert f'href="/articles/{encoded}"' in listing
    page = client.get(f"/articles/{encoded}")
    assert page.status_code == 200 and "A second copy." in page.text
    # an evidence link resolves to the article it came from
    first = client.get("/api/events", params={"article_id": analysis.article.id}).json()["items"][0]
    redirect = client.get(f"/records/{quote(first['id'], safe='')}", follow_redirects=False)
    assert redirect.status_code == 303
    assert redirect.headers["location"] == f"/articles/{encoded}#{quote(first['id'], safe='')}"


def test_evidence_links_resolve_quotes_and_claims_too(client):
    for record_id in ("talks-1-q0", "talks-1-c0"):
        redirect = client.get(f"/records/{record_id}", follow_redirects=False)
        assert redirect.status_code == 303 and redirect.headers["location"] == f"/articles/talks-1#{record_id}"
    assert client.get("/records/talks-1-zz").status_code == 404


def test_export_quotes_and_state(client):
    lines = client.get("/api/export/quotes", params={"medium": "X"}).text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["talks-1-q0"]
    state = client.get("/api/export/state", params={"as_of": "2025-05-11"})
    assert "attachment" in state.headers["content-disposition"]
    assert {"positions", "proposals", "truces", "meetings"} <= set(state.json())


def test_unknown_page_is_an_html_404_for_browsers(client):
    page = client.get("/no-such-page", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert client.get("/api/nope", headers={"Accept": "text/html"}).headers["content-type"] == "application/json"


def test_dashboard_export_links_carry_the_filters(client):
    html = client.get("/", params={"type": "AGREE", "actor": "RUS"}).text
    assert "/api/export/events?type=AGREE&amp;actor=RUS&amp;format=csv" in html


def test_too_many_types_are_refused(client):
    response = client.get("/api/events", params={"type": ["AGREE"] * 21})
    assert response.status_code == 422 and "query.type" in response.json()["error"]["message"]


def test_search_page_links_to_the_full_lists(client, store):
    from datetime import date

    from samples import RUS, UKR, event

    from parley.records import Analysis, Article

    for n in range(21):
        article = Article(id=f"zebra-{n}", text=f"Zebra envoys met on day {n}.", published=date(2025, 6, 1), title=f"Z{n}")
        store.add_analysis(Analysis(article=article, events=[event(article, 0, "met", "CONSULT", [RUS], [UKR],
                                                                      "2025-06-01", "outlet")]))
    html = client.get("/search", params={"q": "zebra"}).text
    assert html.count('href="/articles/zebra-') == 20 + 20  # articles and events, 20 of each shown
    assert '<a href="/articles?q=zebra">All 21 articles' in html
    assert '<a href="/?text=zebra">All 21 events on the timeline' in html
    assert "All " not in client.get("/search", params={"q": "Istanbul"}).text
