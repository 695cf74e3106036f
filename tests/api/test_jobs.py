"""Paste and upload: validation up front, then a background job whose progress can be polled."""

from __future__ import annotations

import json
import time

import pytest

PASTE = "Envoys from both sides met in Geneva on Sunday to discuss a prisoner exchange and a truce."


def wait(client, job: dict, timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    while job["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.02)
        job = client.get(f"/api/jobs/{job['id']}").json()
    return job


def test_paste_is_analysed_and_stored(writer):
    response = writer.post("/api/analyze", json={"text": PASTE, "published": "2025-06-01", "title": "Geneva"})
    assert response.status_code == 202
    job = wait(writer, response.json())
    assert job["status"] == "done" and job["step"] == "done"
    assert job["done"] == job["total"] == 1 and job["errors"] == []
    article = writer.get(f"/api/articles/{job['article_ids'][0]}").json()
    assert article["article"]["title"] == "Geneva"
    assert [e["event"] for e in article["events"]] == [["CONSULT"]]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"text": "", "published": "2025-06-01"}, "text"),
        ({"text": PASTE}, "published"),
        ({"text": PASTE, "published": "yesterday-ish"}, "published"),
        ({"text": "   \n  ", "published": "2025-06-01"}, "empty"),
    ],
)
def test_paste_that_cannot_be_coded_is_refused_at_once(writer, body, where):
    response = writer.post("/api/analyze", json=body)
    assert response.status_code == 422
    assert where in response.json()["error"]["message"]


def test_upload_jsonl_reports_each_article(writer):
    lines = [
        {"id": "up-1", "text": PASTE, "published": "2025-06-02"},
        {"id": "up-2", "text": "Negotiators agreed in Doha on Monday to extend the ceasefire by thirty days.",
         "published": "2025-06-03"},
        {"id": "up-3", "text": "", "published": "2025-06-03"},
        {"id": "up-4", "text": "This text is unanalysable by the stand-in analyser used in these tests, on purpose.",
         "published": "2025-06-03"},
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    response = writer.post("/api/ingest", files={"file": ("batch.jsonl", data, "application/x-ndjson")})
    assert response.status_code == 202
    job = wait(writer, response.json())
    assert job["status"] == "done"
    assert job["total"] == 4 and job["done"] == 4
    assert job["article_ids"] == ["up-1", "up-2"]
    assert len(job["errors"]) == 2
    assert job["errors"][0].startswith("batch.jsonl:3: empty input")  # named by the uploaded file, not a temp path
    assert writer.get("/api/articles/up-2").status_code == 200


def test_upload_of_an_unknown_kind_is_refused(writer):
    response = writer.post("/api/ingest", files={"file": ("tool.exe", b"MZ\x00\x00", "application/octet-stream")})
    assert response.status_code == 422
    assert ".jsonl" in response.json()["error"]["message"]


def test_a_job_where_nothing_could_be_coded_fails(writer):
    response = writer.post("/api/ingest", files={"file": ("one.txt", b"\x00\x01binary", "text/plain")},
                           data={"published": "2025-06-01"})
    job = wait(writer, response.json())
    assert job["status"] == "failed" and job["errors"]


@pytest.mark.slow
def test_paste_through_the_real_pipeline(store):
    """The packaged model and every stage, end to end through the API."""
    from fastapi.testclient import TestClient
    from samples import TOKEN

    from parley.api import create_app
    from parley.errors import ModelNotFound

    try:
        import parley

        parley.load_model()
    except ModelNotFound as exc:
        pytest.skip(str(exc))
    text = ("Russia and Ukraine agreed on Friday to exchange 1,000 prisoners each, the Turkish foreign "
            "minister told reporters in Istanbul. \"This is a first step,\" he said.")
    with TestClient(create_app(store, token=TOKEN), headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        job = client.post("/api/analyze", json={"text": text, "published": "2025-05-16"}).json()
        job = wait(client, job, timeout=120)
        assert job["status"] == "done", job
        article = client.get(f"/api/articles/{job['article_ids'][0]}").json()
        assert article["article"]["text"] == text
        page = client.get(f"/articles/{job['article_ids'][0]}")
        assert page.status_code == 200 and "Istanbul" in page.text


def test_a_duplicate_paste_points_at_the_stored_article(writer, store):
    text = store.article("talks-1")["article"]["text"]
    job = wait(writer, writer.post("/api/analyze", json={"text": text, "published": "2025-05-11"}).json())
    assert job["status"] == "done" and job["article_ids"] == ["talks-1"]


def test_a_taken_id_with_another_text_is_reported(writer):
    job = wait(writer, writer.post("/api/analyze", json={"text": PASTE, "published": "2025-06-01", "id": "talks-1"}).json())
    assert job["status"] == "failed" and "already stored" in job["errors"][0]


def test_the_state_follows_writes(writer):
    def evidence():
        state = writer.get("/api/state").json()
        return {e for p in state["positions"] for e in p["evidence"]}

    assert "talks-1-e1" in evidence()
    assert writer.delete("/api/articles/talks-1").status_code == 204
    assert not {e for e in evidence() if e.startswith("talks-1")}


def test_the_state_can_be_computed_before_the_first_request(store):
    from fastapi.testclient import TestClient

    from parley.api import create_app

    calls = []
    real_state = store.state

    def counting_state(**query):
        calls.append(query)
        return real_state(**query)

    store.state = counting_state
    app = create_app(store, warm_state=True)
    with TestClient(app) as client:
        deadline = time.monotonic() + 30
        while not len(app.state.state_cache) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert client.get("/api/state").status_code == 200
    assert len(calls) == 1  # the request was answered from the warmed cache
