"""Storing analyses and reading them back: the Store API on every backend."""

from __future__ import annotations

from datetime import date

import pytest

from parley.records import Analysis, Article, Claim, Entity, Event, Flag, Mention, Quote

TEXT = ("Russia and Ukraine exchanged 390 prisoners in Istanbul on June 20, officials said. "
        "Zelenskyy wrote on X that 100% of the captives were home.")


def analysis(article_id="t1", text=TEXT, published=date(2025, 6, 21), day="2025-06-20", n="390",
             country="TUR") -> Analysis:
    text = text.replace("390", n)
    article = Article(id=article_id, text=text, published=published, source="wire", title=f"Swap {article_id}")
    a = Analysis(article=article)
    end = text.index(".") + 1
    speaker = Entity("UKR", "GOV", "Zelenskyy", "Volodymyr Zelenskyy", start=end + 1, end=end + 10)
    a.actors = [Mention(id=f"{article_id}-m0", text="Russia", start=0, end=6,
                        entity=Entity("RUS", "GOV", "Russia", "Russia", start=0, end=6)),
                Mention(id=f"{article_id}-m1", text="Zelenskyy", start=end + 1, end=end + 10, entity=speaker)]
    a.events = [Event(
        id=f"{article_id}-e0-0", article_id=article_id, date=day, event=["RETREAT"], mode=["yield"],
        context=["diplomatic"], actor=[Entity("RUS", "GOV", "Russia"), Entity("UKR", "GOV", "Ukraine")],
        recipient=[], event_loc={"extracted_place": "Istanbul", "resolved_place": "Istanbul",
                                 "country_code": country, "lat": None, "lon": None},
        event_text=text[:end], text_info={"start": 0, "end": end}, cameo="0841",
        evidentiality="attributed", cite_info=a.cite_info())]
    a.quotes = [Quote(id=f"{article_id}-q0", text="100% of the captives were home", start=end + 20,
                      end=len(text) - 1, kind="indirect", speaker=speaker, anonymous=False, cue="wrote",
                      medium="X", date=None)]
    a.claims = [Claim(id=f"{article_id}-c0", text=text[:end], start=0, end=end, evidentiality="anonymous")]
    a.flags = [Flag(kind="unattributed_claim", start=0, end=6, mention="Russia", message="test flag")]
    return a


def test_add_and_read_back_an_article_with_everything_found_in_it(store):
    assert store.add_analysis(analysis()) == {"status": "coded", "article_id": "t1", "reason": None}
    got = store.article("t1")
    original = analysis().to_dict()
    for key in ("events", "quotes", "flags", "actors", "claims"):
        assert len(got[key]) == len(original[key])
    event = got["events"][0]
    for field in ("id", "article_id", "date", "event", "mode", "context", "actor", "recipient", "event_loc",
                  "event_text", "text_info", "cameo", "modality", "evidentiality", "cite_info"):
        assert event[field] == original["events"][0][field]
    assert got["quotes"][0] == original["quotes"][0]
    assert got["article"]["text"] == TEXT and got["article"]["published"] == "2025-06-21"
    prov = got["provenance"]
    assert prov["parley_version"] and prov["coded_at"] and isinstance(prov["dictionary_versions"], dict)
    assert "negotiation" in prov["dictionary_versions"]
    assert store.article("nope") is None


def test_the_same_text_is_stored_once_and_a_reused_id_is_quarantined(store):
    store.add_analysis(analysis())
    again = analysis(article_id="t1-copy")
    # whitespace differences do not make a different article
    again.article.text = again.article.text.replace(". ", ".\n  ")
    assert store.add_analysis(again)["status"] == "duplicate"
    other = analysis(n="391")
    result = store.add_analysis(other)
    assert result["status"] == "quarantined" and "already stored with a different text" in result["reason"]
    assert store.stats()["articles"] == 1


def test_event_filters_and_paging(store):
    store.add_analysis(analysis("t1"))
    store.add_analysis(analysis("t2", n="307", published=date(2025, 6, 22)))
    store.add_analysis(analysis("t3", n="12", day="2025-07-30", published=date(2025, 7, 30)))
    assert store.events()["total"] == 3
    assert store.events(actor="rus")["total"] == 3
    assert store.events(actor="Ukrai")["total"] == 3
    assert store.events(actor="USA")["total"] == 0
    assert store.events(type="retreat")["total"] == 3 and store.events(type="CONSULT")["total"] == 0
    assert store.events(start="2025-07-01")["total"] == 1
    assert store.events(end=date(2025, 6, 30))["total"] == 2
    assert store.events(text="307 prisoners")["total"] == 1
    assert store.events(evidentiality="attributed")["total"] == 3
    page = store.events(limit=2, offset=2)
    assert page["total"] == 3 and len(page["items"]) == 1
    assert store.events(order="desc")["items"][0]["article_id"] == "t3"


def test_user_text_is_a_bound_parameter_not_sql(store):
    store.add_analysis(analysis())
    for hostile in ("'; DROP TABLE events; --", "%", "_", "100%", "\\"):
        store.events(text=hostile, actor=hostile)
        store.articles(q=hostile)
        store.quotes(text=hostile, speaker=hostile)
    # % and _ are literal characters, not wildcards
    assert store.quotes(text="100%")["total"] == 1
    assert store.quotes(text="1%0")["total"] == 0
    assert store.stats()["events"] == 1


def test_quotes_claims_flags_actors_articles(store):
    store.add_analysis(analysis("t1"))
    store.add_analysis(analysis("t2", n="307"))
    assert store.quotes(medium="x")["total"] == 2
    assert store.quotes(speaker="UKR")["total"] == 2
    assert store.quotes(speaker="zelensk", start="2025-06-21", end="2025-06-21")["total"] == 2
    assert store.claims(evidentiality="anonymous")["total"] == 2
    assert store.flags(kind="unattributed_claim", article_id="t2")["total"] == 1
    actors = store.actors()["items"]
    assert actors[0]["mentions"] == 2 and actors[0]["articles"] == 2
    assert store.actors(q="volodymyr")["items"][0]["code"] == "UKR"
    summaries = store.articles(q="307")
    assert summaries["total"] == 1 and summaries["items"][0]["events"] == 1


def test_one_event_reported_by_several_articles_is_one_cluster_with_conflicts(store):
    store.add_analysis(analysis("t1"))
    store.add_analysis(analysis("t2", n="307", day="2025-06-21", country="UKR"))
    store.add_analysis(analysis("t3", n="55", day="2025-08-01", published=date(2025, 8, 2)))  # a later swap
    clusters = store.clusters(min_sources=2)["items"]
    assert len(clusters) == 1
    c = clusters[0]
    assert c["source_count"] == 2 and {s["article_id"] for s in c["sources"]} == {"t1", "t2"}
    assert {x["field"] for x in c["conflicts"]} == {"date", "place", "numbers"}
    numbers = next(x for x in c["conflicts"] if x["field"] == "numbers")["values"]
    assert set(numbers) == {"390", "307"}
    event = store.event("t1-e0-0")
    assert event["source_count"] == 2 and event["conflicting"] and event["cluster"]["id"] == c["id"]
    assert store.clusters(conflicting=False)["total"] == 1  # the August swap stands alone


def test_deleting_an_article_removes_its_records_and_updates_clusters(store):
    store.add_analysis(analysis("t1"))
    store.add_analysis(analysis("t2", n="307"))
    assert store.delete_article("t2") is True
    assert store.delete_article("t2") is False
    stats = store.stats()
    assert stats["articles"] == 1 and stats["events"] == 1 and stats["quotes"] == 1 and stats["mentions"] == 2
    assert store.event("t1-e0-0")["source_count"] == 1 and not store.event("t1-e0-0")["conflicting"]


def test_negative_paging_is_refused(store):
    from parley.errors import StoreError

    with pytest.raises(StoreError):
        store.events(limit=-1)


def test_an_analysis_with_repeated_record_ids_is_quarantined_not_half_stored(store):
    broken = analysis()
    broken.events.append(broken.events[0])
    result = store.add_analysis(broken, run_id="r1")
    assert result["status"] == "quarantined" and "repeated record ids" in result["reason"]
    assert store.stats()["articles"] == 0
    assert store.journal(run_id="r1")["items"][0]["status"] == "quarantined"
