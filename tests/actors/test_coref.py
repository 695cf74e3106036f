"""Coreference of "the army" / "army aircraft" with the one army the article named."""

from __future__ import annotations

import pytest

from actors_helpers import has_model

pytestmark = pytest.mark.skipif(not has_model(), reason="needs parley's model (the parse)")


def forces(analysis):
    return [(m.text, m.entity.actor_id or m.entity.code) for m in analysis.actors if m.how == "coref-definite"]


def test_the_army_is_the_army_named_before(annotated):
    a = annotated("Sudan's army and the Rapid Support Forces agreed to talks. Residents said army aircraft "
                  "struck RSF positions. The army denied it.")
    assert forces(a) == [("army", "o:saf"), ("army", "o:saf")]


def test_two_armies_leave_the_army_unresolved(annotated):
    a = annotated("Russia's army and Ukraine's army fought near Bakhmut. The army said it held the town.")
    assert forces(a) == []


def test_no_army_named_no_guess(annotated):
    a = annotated("The army said it held the town.")
    assert forces(a) == []
