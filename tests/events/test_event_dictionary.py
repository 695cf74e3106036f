"""The pattern dictionary: loading, validation, coverage of PLOVER."""

import pytest

from parley.errors import DictionaryError
from parley.events.dictionary import PLOVER_TYPES, load_dictionary


def test_packaged_dictionary_covers_every_plover_type():
    d = load_dictionary()
    assert {p.event for p in d.patterns} == set(PLOVER_TYPES)
    assert len(PLOVER_TYPES) == 16
    assert all(p.cameo for p in d.patterns)


def test_index_is_by_part_of_speech_and_lemma_most_specific_first():
    d = load_dictionary()
    calls = d.lookup("verb", "call")
    assert calls and calls[0].specificity >= calls[-1].specificity
    assert any(p.extra == ("for",) and p.event == "REQUEST" for p in calls)
    assert d.lookup("verb", "no-such-verb") == []


def write(tmp_path, text):
    path = tmp_path / "patterns.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_unknown_event_type_is_named(tmp_path):
    path = write(tmp_path, "patterns:\n- {id: x.y, event: CHAT, verbs: [chat]}\n")
    with pytest.raises(DictionaryError, match="x.y.*CHAT"):
        load_dictionary(path)


def test_unknown_key_is_named(tmp_path):
    path = write(tmp_path, "patterns:\n- {id: a.b, event: ASSAULT, verbs: [hit], objekts: [x]}\n")
    with pytest.raises(DictionaryError, match="objekts"):
        load_dictionary(path)


def test_pattern_without_words(tmp_path):
    path = write(tmp_path, "patterns:\n- {id: a.c, event: ASSAULT}\n")
    with pytest.raises(DictionaryError, match="a.c"):
        load_dictionary(path)


def test_not_yaml(tmp_path):
    path = write(tmp_path, "patterns: [unclosed\n")
    with pytest.raises(DictionaryError, match="not valid YAML"):
        load_dictionary(path)


def test_missing_file(tmp_path):
    with pytest.raises(DictionaryError, match="cannot read"):
        load_dictionary(str(tmp_path / "nope.yaml"))
