"""The issue vocabulary and cues are data files; malformed ones are named errors."""

from __future__ import annotations

import shutil

import pytest

from parley.errors import DictionaryError
from parley.negotiation.vocabulary import DATA, load_vocabulary


def test_the_packaged_vocabulary_loads():
    vocab = load_vocabulary()
    ids = [i.id for i in vocab.issues]
    assert len(ids) == len(set(ids))
    for required in ("ceasefire_first", "territory", "prisoner_exchange", "security_guarantees",
                     "sanctions_relief", "humanitarian_access"):
        assert required in ids
    assert vocab.issue("prisoner_exchange").terms.search("a swap of prisoners of war")
    assert vocab.cues["meetings"]["status"]["held"].search("the delegations met in Geneva")


@pytest.mark.parametrize("bad,message", [
    ("issues:\n  - id: x\n    terms: ['(unclosed']\n", "bad pattern"),
    ("issues:\n  - id: x\n", "needs an id and terms"),
    ("- just a list\n", "mapping at the top"),
    ("issues: [\n", "cannot read"),
])
def test_malformed_files_are_named_errors(tmp_path, bad, message):
    shutil.copy(DATA / "cues.yaml", tmp_path / "cues.yaml")
    (tmp_path / "issues.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message):
        load_vocabulary(str(tmp_path))
