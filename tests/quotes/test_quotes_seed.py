"""The worked example (../shared/examples/seed_article.txt): quotes, speakers, media."""

from collections import Counter


def name(q):
    return (q.speaker.identifier_text or q.speaker.entity_text) if q.speaker else None


def test_all_direct_quotations_with_speaker_and_medium(seed_analysis):
    direct = [q for q in seed_analysis.quotes if q.kind == "direct"]
    assert len(direct) == 9
    by_speaker = Counter(name(q) for q in direct)
    assert by_speaker["Donald Trump"] == 2
    assert by_speaker["Vladimir Putin"] == 2  # one quote over two paragraphs, one after "He continued:"
    assert by_speaker["Volodymyr Zelenskyy"] == 2  # one quote split by "Zelenskyy wrote on his X account"
    assert by_speaker["Dmitry Peskov"] == 1
    media = {(name(q), q.medium) for q in direct}
    assert ("Donald Trump", "Truth Social") in media
    assert ("Volodymyr Zelenskyy", "X") in media
    assert ("Dmitry Peskov", "Sky News") in media
    assert all(q.medium == "Truth Social" for q in direct if name(q) == "Donald Trump")
    anonymous = [q for q in direct if q.anonymous]
    assert len(anonymous) == 2 and all(q.speaker_text == "a source" for q in anonymous)


def test_putin_is_quoted_three_times(seed_analysis):
    putin = [q for q in seed_analysis.quotes if name(q) == "Vladimir Putin"]
    assert len([q for q in putin if q.kind == "direct"]) == 2
    assert any(q.kind == "indirect" and "one purpose" in q.text for q in putin)


def test_mixed_quote_of_zelenskyy(seed_analysis):
    mixed = [q for q in seed_analysis.quotes if q.kind == "mixed"]
    assert any('"ready to meet"' in q.text and name(q) == "Volodymyr Zelenskyy" for q in mixed)


def test_scare_quotes_are_not_quotes(seed_analysis):
    texts = [q.text for q in seed_analysis.quotes]
    assert not any(t.strip('"') in ("handle", "the Russian hordes,") for t in texts)
