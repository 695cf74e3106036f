"""`Store.ingest`: every input journaled, duplicates stored once, interrupted runs resume."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from parley.records import Analysis
from parley.store import Store

STORY = ("Delegations from {a} and {b} met in Geneva on Tuesday to discuss a prisoner exchange and "
         "humanitarian corridors, officials from both governments said after the meeting ended.")


def story(i: int) -> str:
    return STORY.format(a=f"country {i}", b=f"country {i + 100}")


def no_stages(article):
    """Stand-in for the pipeline: these tests are about storage, not coding."""
    return Analysis(article=article)


def make_inputs(root: Path) -> list[str]:
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_text(story(1), encoding="utf-8")
    (root / "nested" / "b.txt").write_text(story(2), encoding="utf-8")
    (root / "nested" / "deeper" / "copy-of-a.md").write_text(story(1) + "\n", encoding="utf-8")
    (root / "nested" / "bad.txt").write_bytes(b"\xff\xfe\x00\x00binary\x00")
    (root / "nested" / "french.txt").write_text(
        "Les délégations se sont rencontrées mardi à Genève pour discuter d'un échange de prisonniers "
        "et de couloirs humanitaires, ont indiqué les responsables des deux gouvernements.", encoding="utf-8")
    (root / ".hidden").write_text("not an input", encoding="utf-8")
    lines = [json.dumps({"id": "j1", "text": story(3), "published": "2025-06-03"}),
             json.dumps({"id": "j2", "text": story(2), "published": "2025-06-03"}),  # same text as b.txt
             "{broken json",
             json.dumps({"id": "j4", "text": story(4)})]  # no date: --date fills it in
    (root / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(root)]


def test_every_input_is_journaled_and_a_rerun_is_idempotent(tmp_path, store):
    inputs = make_inputs(tmp_path / "in")
    summary = store.ingest(inputs, published="2025-06-04", analyze=no_stages)
    assert (summary["coded"], summary["duplicate"], summary["quarantined"]) == (4, 2, 3)
    assert summary["total"] == 9 and summary["status"] == "done"
    journal = store.journal(run_id=summary["id"])["items"]
    assert len(journal) == 9
    by_origin = {e["origin"].replace(str(tmp_path / "in") + "/", ""): e for e in journal}
    # folders are walked in sorted order: batch.jsonl (line 2) comes before nested/b.txt
    assert by_origin["nested/b.txt"]["status"] == "duplicate"
    assert by_origin["nested/b.txt"]["article_id"] == "j2"
    assert by_origin["nested/deeper/copy-of-a.md"]["status"] == "duplicate"
    assert "malformed JSON" in by_origin["batch.jsonl:3"]["reason"]
    assert by_origin["batch.jsonl:4"]["status"] == "coded"  # --date filled in the missing date
    assert "not English" in by_origin["nested/french.txt"]["reason"]
    assert by_origin["nested/bad.txt"]["status"] == "quarantined"
    assert "UTF-16" in by_origin["nested/bad.txt"]["reason"]
    assert not any(".hidden" in e["origin"] for e in journal)
    assert store.stats()["articles"] == 4

    again = store.ingest(inputs, published="2025-06-04", analyze=no_stages)
    assert (again["coded"], again["duplicate"], again["quarantined"]) == (0, 6, 3)
    assert store.stats()["articles"] == 4
    assert store.run()["id"] == again["id"]


def test_an_interrupted_run_keeps_what_it_committed_and_the_next_run_resumes(tmp_path, store):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(story(i), encoding="utf-8")
    calls = []

    def interrupted(article):
        calls.append(article.id)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return Analysis(article=article)

    with pytest.raises(KeyboardInterrupt):
        store.ingest([folder], published="2025-06-04", analyze=interrupted)
    run = store.run()
    assert run["status"] == "interrupted" and run["coded"] == 3
    assert store.stats()["articles"] == 3

    coded = []
    resumed = store.ingest([folder], published="2025-06-04", analyze=lambda a: coded.append(a.id) or Analysis(article=a))
    assert (resumed["coded"], resumed["duplicate"]) == (3, 3)
    assert len(coded) == 3  # the stored ones were not coded again
    assert store.stats()["articles"] == 6


def test_a_failing_stage_quarantines_one_article_and_not_the_run(tmp_path, store):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(story(i), encoding="utf-8")

    def flaky(article):
        if "country 1 " in article.text:
            raise ValueError("stage bug")
        return Analysis(article=article)

    summary = store.ingest([folder], published="2025-06-04", analyze=flaky)
    assert (summary["coded"], summary["quarantined"]) == (2, 1)
    (bad,) = store.journal(run_id=summary["id"], status="quarantined")["items"]
    assert "ValueError: stage bug" in bad["reason"]


def test_missing_paths_are_journaled(store, tmp_path):
    summary = store.ingest([tmp_path / "nope.txt"], analyze=no_stages)
    (entry,) = store.journal(run_id=summary["id"])["items"]
    assert entry["status"] == "quarantined" and "no such file" in entry["reason"]


def _worker(db: str, folder: str) -> None:
    with Store.open(db) as store:
        store.ingest([folder], published="2025-06-04", analyze=no_stages)


def test_two_processes_ingesting_into_one_sqlite_file_lose_nothing(tmp_path):
    db = str(tmp_path / "shared.db")
    folders = []
    for w in range(2):
        folder = tmp_path / f"in{w}"
        folder.mkdir()
        for i in range(40):
            # half of each folder is shared with the other one
            n = i if i < 20 else 1000 * (w + 1) + i
            (folder / f"{i:03}.txt").write_text(story(n), encoding="utf-8")
        folders.append(str(folder))
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(db, f)) for f in folders]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
        assert p.exitcode == 0
    with Store.open(db) as store:
        assert store.stats()["articles"] == 20 + 20 + 20
        journal = store.journal(limit=1000)["items"]
        assert len(journal) == 80
        assert sum(e["status"] == "coded" for e in journal) == 60
        assert sum(e["status"] == "duplicate" for e in journal) == 20
        assert {r["status"] for r in store.runs()["items"]} == {"done"}


def test_new_articles_are_parsed_together_by_the_pipeline(tmp_path, monkeypatch):
    import parley.nlp

    seen = []
    real = parley.nlp.parse_ahead

    def spy(texts, *args, **kwargs):
        texts = list(texts)
        seen.append(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(parley.nlp, "parse_ahead", spy)
    texts = ["Russia and Ukraine agreed on Friday to exchange prisoners.",
             "Turkey offered to host talks between Armenia and Azerbaijan.",
             "Russia and Ukraine agreed on Friday to exchange prisoners."]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"text": t, "published": "2025-05-11"}) + "\n" for t in texts),
                    encoding="utf-8")
    with Store.open(":memory:") as store:
        summary = store.ingest([path])
        assert (summary["coded"], summary["duplicate"]) == (2, 1)
    assert seen == [texts]  # the duplicate is only known once the first copy is stored: it is parsed too
    assert not parley.nlp._ahead  # nothing parsed is kept after the chunk


def test_opening_a_store_while_another_process_writes_its_new_file_waits(tmp_path):
    """Switching a file to WAL while another connection holds the write lock used to fail
    at once ("database is locked": SQLite skips the busy handler for that lock upgrade),
    which made two processes creating one store at the same moment fail now and then."""
    import sqlite3
    import threading

    db = tmp_path / "new.db"
    writer = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    writer.execute("CREATE TABLE other (a)")
    writer.execute("BEGIN")
    writer.execute("INSERT INTO other VALUES (1)")  # the write lock, held in rollback-journal mode
    release = threading.Timer(0.5, writer.execute, args=("COMMIT",))
    release.start()
    try:
        with Store.open(db) as store:
            assert store.schema_version() is not None
    finally:
        release.join()
        writer.close()
