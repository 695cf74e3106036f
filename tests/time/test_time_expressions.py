"""Date expressions resolved against the publication date (no model needed)."""

from datetime import date

import pytest

from parley.time import find_times, resolve

PUBLISHED = date(2025, 5, 11)  # a Sunday


@pytest.mark.parametrize(
    "text, expected, end, granularity",
    [
        ("this morning", "2025-05-11", None, "day"),
        ("yesterday", "2025-05-10", None, "day"),
        ("tomorrow, May 12th", "2025-05-12", None, "day"),
        ("May 15", "2025-05-15", None, "day"),
        ("15 May 2024", "2024-05-15", None, "day"),
        ("on May 15, 2023", "2023-05-15", None, "day"),
        ("from May 8 to May 11", "2025-05-08", "2025-05-11", "day"),
        ("May 8-11", "2025-05-08", "2025-05-11", "day"),
        ("in April 2022", "2022-04-01", "2022-04-30", "month"),
        ("in April-May 2022", "2022-04-01", "2022-05-31", "month"),
        ("since 2022", "2022-01-01", "2022-12-31", "year"),
        ("last week", "2025-04-28", "2025-05-04", "week"),
        ("three days ago", "2025-05-08", None, "day"),
        ("2025-05-09", "2025-05-09", None, "day"),
        ("on 09/05/2025", "2025-05-09", None, "day"),
    ],
)
def test_expressions(text, expected, end, granularity):
    found = resolve(text, PUBLISHED)
    assert found is not None, text
    assert (found.date, found.end_date, found.granularity) == (expected, end, granularity)


def test_weekday_looks_back_or_ahead_with_the_tense():
    assert resolve("on Thursday", PUBLISHED, future=True).date == "2025-05-15"
    assert resolve("on Thursday", PUBLISHED, future=False).date == "2025-05-08"
    assert resolve("last Sunday", PUBLISHED, future=False).date == "2025-05-04"


def test_month_day_without_year_takes_the_nearest_year():
    assert resolve("December 20", PUBLISHED, future=False).date == "2024-12-20"
    assert resolve("January 3", date(2024, 12, 20), future=True).date == "2025-01-03"


def test_offsets_point_into_the_text():
    text = "Putin this morning proposed talks in Istanbul on May 15."
    for t in find_times(text, PUBLISHED):
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("text", ["It may be possible.", "Victory Day", "on February 30", "the 80th anniversary"])
def test_not_dates(text):
    assert [t for t in find_times(text, PUBLISHED) if t.date] == []


def test_relative_dates_need_a_publication_date():
    [t] = find_times("yesterday", None)
    assert t.date is None


def test_tense_from_the_parse_picks_the_direction():
    parley = pytest.importorskip("parley")
    try:
        analysis = parley.analyze("Putin wants to meet on Thursday. The talks collapsed on Thursday.",
                                  published=PUBLISHED)
    except parley.ModelNotFound as exc:
        pytest.skip(str(exc))
    dates = [t.date for t in analysis.times]
    assert dates == ["2025-05-15", "2025-05-08"]
