"""Articles and stand-in analysers for the batch tests.

The analysers are module-level functions so worker processes (and Spark's
Python workers, with pickle-by-value) can import them.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import parley
from parley.errors import ModelNotFound

# Short news items of varied kinds (diplomacy, fighting, quotes, reported speech),
# written for these tests.
ARTICLES = [
    "Armenia and Azerbaijan agreed on Tuesday to resume border talks in Abu Dhabi next month, "
    "the two foreign ministries said in a joint statement.",
    "Russian forces shelled the city of Kharkiv on Monday, Ukrainian officials said. "
    "The European Union condemned the attack and threatened new sanctions against Moscow.",
    '"We will not negotiate while our towns are bombed," the president told reporters in Kyiv, '
    "rejecting a proposal for a thirty-day truce.",
    "Qatar offered to host a new round of talks between Israel and Hamas, a source familiar "
    "with the mediation said on Wednesday.",
    "The United Nations Security Council demanded an immediate ceasefire in Sudan and urged "
    "both sides to let aid convoys reach Darfur.",
    "Colombia's government and the ELN rebels signed an agreement in Havana to extend their "
    "ceasefire by six months, Cuban officials said.",
    "Ethiopian troops reportedly withdrew from two towns in the Tigray region last week, "
    "according to residents reached by telephone.",
    "India accused Pakistan of violating the ceasefire along the Line of Control, and Pakistan "
    "denied the charge in a statement posted on X.",
    "The Turkish foreign minister met his Greek counterpart in Athens on Thursday and praised "
    "the progress made on maritime issues.",
    "Police arrested twelve protesters outside the parliament in Tbilisi on Friday, the "
    "interior ministry said.",
    "Serbia and Kosovo rejected a European plan to normalise relations, saying it ignored "
    "their security concerns, diplomats said on Saturday.",
    "Iran threatened to close the Strait of Hormuz if new sanctions were imposed on its oil "
    "exports, state television reported.",
]

PUBLISHED = "2025-03-14"


def records(n: int | None = None) -> list[dict]:
    """``n`` article records (the ARTICLES, cycled, each with its own id)."""
    n = len(ARTICLES) if n is None else n
    return [
        {"id": f"t{i:04d}", "text": ARTICLES[i % len(ARTICLES)], "published": PUBLISHED, "source": "Test Wire"}
        for i in range(n)
    ]


def write_jsonl(path: Path, rows: list[dict], extra_lines: list[str] = ()) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
        for line in extra_lines:
            handle.write(line + "\n")
    return path


def slow_analyze(article):
    """The real pipeline, slowed down so a test can stop a job half-way."""
    time.sleep(float(os.environ.get("PARLEY_TEST_DELAY", "0.1")))
    return parley.analyze_article(article)


def crashing_analyze(article):
    """Kills its worker process on an article that says CRASH-ME (as an OOM kill would)."""
    if "CRASH-ME" in article.text:
        os._exit(3)
    return parley.analyze_article(article)


def crash_once_analyze(article):
    """Kills its worker the first time it sees an article tagged CRASH-ONCE-<tag>."""
    for word in article.text.split():
        if word.startswith("CRASH-ONCE-"):
            marker = Path(tempfile.gettempdir()) / f"parley-{word.strip('.,')}"
            if not marker.exists():
                marker.touch()
                os._exit(3)
    return parley.analyze_article(article)


def failing_analyze(article):
    """Raises on an article that says FAIL-ME (a bug in some stage)."""
    if "FAIL-ME" in article.text:
        raise RuntimeError("a stage broke on this article")
    return parley.analyze_article(article)


def no_model(article):
    raise ModelNotFound("parley's model is missing at /nowhere: reinstall parley")
