"""Web benchmark: API list calls and the dashboard over a store of 10,000 events.

    python benchmarks/web_bench.py [--events 10000] [--db benchmarks/out/web_bench.db] [--runs 20]

Builds (once, then reuses) a SQLite store of synthetic analysed articles — 20 events,
2 quotes and a claim each, spread over a year, among 24 actors and all 16 PLOVER types —
then times:

* every list endpoint in-process through the ASGI stack (FastAPI's test client):
  median and 95th percentile wall time over ``--runs`` calls, and the median CPU time
  the process spent per call (which, unlike wall time, does not grow when other
  processes hold the CPU);
* the dashboard in headless Chromium against Uvicorn on 127.0.0.1: from navigation
  start until the timeline of all events is drawn (``#timeline[data-status=ready]``)
  and until every panel — positions, proposals, calendar — is drawn
  (``body[data-ready]``); median over 5 loads, the first (cold) load reported apart;
  and the time the renderer's main thread was busy (Chromium's TaskDuration metric).

Targets (issue 7): list calls < 100 ms, dashboard < 2 s.  Results in docs/web.md.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from parley.records import Analysis, Article, Claim, Entity, Event, Quote  # noqa: E402

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"]
VERBS = {"AGREE": "agreed to talks with", "CONSULT": "met", "SUPPORT": "praised", "CONCEDE": "eased curbs on",
         "COOPERATE": "signed a deal with", "AID": "sent aid to", "RETREAT": "pulled troops back from",
         "REQUEST": "urged a ceasefire from", "ACCUSE": "accused", "REJECT": "rejected the offer of",
         "THREATEN": "threatened", "PROTEST": "protested against", "MOBILIZE": "massed troops near",
         "SANCTION": "imposed sanctions on", "COERCE": "detained envoys of", "ASSAULT": "shelled"}
ACTORS = [("RUS", "Russia"), ("UKR", "Ukraine"), ("USA", "United States"), ("TUR", "Turkey"), ("FRA", "France"),
          ("DEU", "Germany"), ("GBR", "United Kingdom"), ("POL", "Poland"), ("CHN", "China"), ("IND", "India"),
          ("QAT", "Qatar"), ("SAU", "Saudi Arabia"), ("ISR", "Israel"), ("EGY", "Egypt"), ("IRN", "Iran"),
          ("BLR", "Belarus"), ("HUN", "Hungary"), ("ITA", "Italy"), ("JPN", "Japan"), ("BRA", "Brazil"),
          ("ZAF", "South Africa"), ("UNO", "United Nations"), ("EUR", "European Union"), ("IGO", "NATO")]
EVENTS_PER_ARTICLE = 20
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START = date(2025, 1, 1)


def synthetic_analysis(n: int, rng: random.Random) -> Analysis:
    day = START + timedelta(days=rng.randrange(365))
    article_id = f"bench-{n:05d}"
    sentences, plans = [], []
    for k in range(EVENTS_PER_ARTICLE):
        kind = rng.choice(TYPES)
        (a_code, a_name), (r_code, r_name) = rng.sample(ACTORS, 2)
        sentence = f"{a_name} {VERBS[kind]} {r_name} on day {k} of the talks."
        plans.append((kind, a_code, a_name, r_code, r_name, sentence))
        sentences.append(sentence)
    quote_text = "We will not give up our land"
    text = " ".join(sentences) + f' "{quote_text}," the minister said. Officials reportedly met in secret.'
    article = Article(id=article_id, text=text, published=day, source="Bench Wire", title=f"Bench article {n}")
    events, offset = [], 0
    for k, (kind, a_code, a_name, r_code, r_name, sentence) in enumerate(plans):
        verb = VERBS[kind].split()[0]
        t_start = offset + len(a_name) + 1
        event_day = day - timedelta(days=rng.randrange(3))
        events.append(Event(
            id=f"{article_id}-e{k}-0", article_id=article_id, date=event_day.isoformat(), event=[kind], mode=[],
            context=["diplomatic"], actor=[Entity(a_code, "GOV", a_name, a_name)],
            recipient=[Entity(r_code, "GOV", r_name, r_name)], event_loc=None, event_text=sentence,
            text_info={"start": offset, "end": offset + len(sentence)}, cameo=None,
            evidentiality=rng.choice(["outlet", "attributed", "quote", "hedged", "anonymous"]),
            trigger={"text": verb, "start": t_start, "end": t_start + len(verb)},
            cite_info={"url": None, "title": article.title, "publication": article.source, "published": day.isoformat()},
        ))
        offset += len(sentence) + 1
    q_start = text.index(quote_text)
    c_start = text.index("Officials reportedly")
    return Analysis(
        article=article, events=events,
        quotes=[Quote(f"{article_id}-q0", quote_text, q_start, q_start + len(quote_text), "direct",
                      Entity("UKR", "GOV", "the minister", "Foreign Minister"), False, "said", None, day.isoformat())],
        claims=[Claim(f"{article_id}-c0", text[c_start:], c_start, len(text), "hedged")],
    )


def build_store(path: Path, n_events: int):
    from parley.store import Store

    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store.open(path)
    have = store.stats()["events"]
    if have >= n_events:
        print(f"reusing {path}: {have} events", file=sys.stderr)
        return store
    rng = random.Random(7)
    articles = n_events // EVENTS_PER_ARTICLE
    t0 = time.perf_counter()
    for n in range(store.stats()["articles"], articles):
        store.add_analysis(synthetic_analysis(n, rng))
        if n % 100 == 0:
            print(f"  stored {n}/{articles} articles", file=sys.stderr)
    print(f"built {path} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return store


def time_calls(client, path: str, params: dict, runs: int) -> dict:
    t0 = time.perf_counter()
    response = client.get(path, params=params)  # warm up (and check) once
    cold_ms = (time.perf_counter() - t0) * 1000
    assert response.status_code == 200, (path, response.text[:200])
    samples, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        client.get(path, params=params)
        samples.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    samples.sort()
    return {"median_ms": round(statistics.median(samples), 1),
            "p95_ms": round(samples[min(len(samples) - 1, int(0.95 * len(samples)))], 1),
            "cpu_ms": round(statistics.median(cpu), 1),
            "first_ms": round(cold_ms, 1),
            "total": response.json().get("total") if isinstance(response.json(), dict) else None}


LIST_CALLS = [
    ("/api/articles", {}),
    ("/api/articles", {"q": "Qatar"}),
    ("/api/events", {}),
    ("/api/events", {"offset": 9000}),
    ("/api/events", {"start": "2025-03-01", "end": "2025-03-31"}),
    ("/api/events", {"actor": "TUR"}),
    ("/api/events", {"actor": "saudi"}),
    ("/api/events", {"type": "ASSAULT", "evidentiality": "hedged"}),
    ("/api/events", {"text": "sanctions"}),
    ("/api/quotes", {}),
    ("/api/claims", {"evidentiality": "hedged"}),
    ("/api/actors", {}),
    ("/api/search", {"q": "ceasefire"}),
]
DASHBOARD_CALLS = [("/api/event-counts", {}), ("/api/state", {}), ("/api/network", {})]


def bench_api(store, runs: int) -> dict:
    from fastapi.testclient import TestClient

    from parley.api import create_app

    out = {}
    with TestClient(create_app(store)) as client:
        for path, params in LIST_CALLS + DASHBOARD_CALLS:
            key = path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
            out[key] = time_calls(client, path, params, runs if (path, params) not in DASHBOARD_CALLS else 5)
            print(f"  {key}: {out[key]}", file=sys.stderr)
    return out


def bench_dashboard(store, loads: int = 5) -> dict:
    import socket
    import threading

    import uvicorn
    from playwright.sync_api import sync_playwright

    from parley.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    timeline_ms, ready_ms, busy_ms = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")

        def task_seconds() -> float:
            # time the renderer's main thread spent working (script, style, layout, paint):
            # unlike wall time, it does not grow when other processes hold the CPU
            return next(m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] == "TaskDuration")

        for _ in range(loads + 1):  # the first load computes the state and is reported apart
            before = task_seconds()
            page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
            page.wait_for_selector("#timeline[data-status=ready]", timeout=120_000)
            timeline_ms.append(page.evaluate("performance.now()"))
            page.wait_for_selector("body[data-ready=true]", timeout=120_000)
            ready_ms.append(page.evaluate("performance.now()"))
            busy_ms.append((task_seconds() - before) * 1000)
            bars = page.locator(".timeline-svg .bar").count()
            drawn = int(page.locator("#timeline").get_attribute("data-total"))
        page.screenshot(path=str(REPO / "benchmarks" / "out" / "dashboard-10k.png"))
        browser.close()
    server.should_exit = True
    thread.join(timeout=10)
    return {
        "timeline_drawn_ms": round(statistics.median(timeline_ms[1:])),
        "all_panels_ms": round(statistics.median(ready_ms[1:])),
        "renderer_busy_ms": round(statistics.median(busy_ms[1:])),
        "first_load": {"timeline_drawn_ms": round(timeline_ms[0]), "all_panels_ms": round(ready_ms[0])},
        "loads": loads, "events_drawn": drawn, "bars": bars,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=REPO / "benchmarks" / "out" / "web_bench.db")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium dashboard timing")
    parser.add_argument("--no-api", action="store_true", help="skip the API timings")
    args = parser.parse_args()

    store = build_store(args.db, args.events)
    import os

    report = {"store": store.stats(), "cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()}
    if not args.no_api:
        report["api"] = bench_api(store, args.runs)
        slow = {k: v for k, v in report["api"].items()
                if k.split("?")[0] not in {p for p, _ in DASHBOARD_CALLS} and v["median_ms"] >= 100}
        report["list_calls_under_100ms"] = not slow
    if not args.no_browser:
        report["dashboard"] = bench_dashboard(store)
    if "dashboard" in report:
        report["dashboard_timeline_under_2s"] = report["dashboard"]["timeline_drawn_ms"] < 2000
    report["load_average_at_end"] = os.getloadavg()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
