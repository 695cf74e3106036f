"""The worked example: "Polish President Donald Tusk" (2025-05-11) is flagged, the other titles are not."""


def test_tusk_title_is_flagged(seed_analysis):
    flags = [f for f in seed_analysis.flags if f.kind == "role_mismatch"]
    assert [f.mention for f in flags] == ["Polish President Donald Tusk"]
    assert flags[0].expected == "Prime Minister of Poland"
