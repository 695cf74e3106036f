"""Records round-trip through the batch Parquet schema: nested actors, places, offsets."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from parley.batch import schema
from parley.records import Claim, Entity, Event, Flag, Quote


def _entity(text, code, start):
    return Entity(code=code, sector="GOV", entity_text=text, identifier_text=text.title(), office="President",
                  start=start, end=start + len(text), kind="person", actor_id=f"kb:{code}")


def full_event() -> Event:
    return Event(
        id="a1-e0-0", article_id="a1", date="2025-05-15", event=["CONSULT"], mode=["visit"],
        context=["diplomatic"],
        actor=[_entity("Starmer", "GBR", 0), _entity("Macron", "FRA", 9)],
        recipient=[Entity(code="RUS", sector=None, entity_text="Moscow")],
        event_loc={"extracted_place": "Istanbul", "resolved_place": "Istanbul", "country_code": "TUR",
                   "lat": 41.01, "lon": 28.97},
        event_text="Starmer and Macron will meet in Istanbul.", text_info={"start": 0, "end": 41},
        cameo="036", modality=["future"], evidentiality="attributed",
        cite_info={"url": "https://example.org/a", "title": "T", "publication": "Wire", "published": "2025-05-11"},
        trigger={"text": "meet", "start": 24, "end": 28}, source_id="a1-q0-0",
        speaker=_entity("Tusk", "POL", 50), sentence_index=0, pattern="meet.v",
    )


def sparse_event() -> Event:
    return Event(id="a1-e1-0", article_id="a1", date=None, event=["ASSAULT"], mode=[], context=[], actor=[],
                 recipient=[], event_loc=None, event_text="x", text_info={"start": 3, "end": 4}, cameo=None)


def roundtrip(table: str, dicts: list[dict], tmp_path) -> list[dict]:
    rows = [schema.to_row(d, schema.SCHEMAS[table]) for d in dicts]
    path = tmp_path / f"{table}.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=schema.SCHEMAS[table]), path)
    back = pq.read_table(path).to_pylist()
    return schema.from_rows(back, schema.SCHEMAS[table])


def test_events_with_nested_fields_round_trip(tmp_path):
    events = [full_event(), sparse_event()]
    assert roundtrip("events", [e.to_dict() for e in events], tmp_path) == [e.to_dict() for e in events]


def test_nested_fields_are_arrow_types_not_strings():
    events = schema.SCHEMAS["events"]
    assert pa.types.is_list(events.field("actor").type)
    assert pa.types.is_struct(events.field("actor").type.value_type)
    assert events.field("event_loc").type.field("country_code").type == pa.string()
    assert events.field("text_info").type.field("start").type == pa.int64()
    assert not schema.json_fields(events)


@pytest.mark.parametrize(
    "table, record",
    [
        ("quotes", Quote(id="a1-q0-0", text="We will not leave", start=5, end=22, kind="direct",
                         speaker=_entity("Dagalo", None, 30), anonymous=False, cue="wrote", medium="X",
                         date="2025-03-14", speaker_text="Dagalo", cue_span=(40, 45))),
        ("quotes", Quote(id="a1-q1-0", text="talks", start=0, end=5, kind="indirect", speaker=None,
                         anonymous=True, cue=None, medium=None, date=None)),
        ("flags", Flag(kind="role_mismatch", start=3, end=20, mention="President Tusk",
                       message="Tusk was Prime Minister on 2025-05-11", expected="Prime Minister")),
        ("claims", Claim(id="a1-c0-0", text="x", start=0, end=1, evidentiality="hedged", cue="reportedly")),
    ],
)
def test_other_tables_round_trip(table, record, tmp_path):
    expected = {"article_id": "a1", **record.to_dict()}
    assert roundtrip(table, [expected], tmp_path) == [expected]


def test_every_public_field_has_a_column():
    for table, (cls, _) in schema.RECORD_TABLES.items():
        fields = [f.name for f in dataclasses.fields(cls) if not f.name.startswith("_")]
        assert set(fields) <= set(schema.SCHEMAS[table].names), table


def test_untyped_fields_are_stored_as_json(tmp_path):
    @dataclass
    class Odd:
        id: str
        extra: dict[str, Any]
        anything: Any = None

    fields = {f.name: f for f in schema.record_fields(Odd)}
    assert fields["id"].type == pa.string() and not fields["id"].metadata
    assert schema.json_fields(pa.schema(list(fields.values()))) == ["extra", "anything"]
    table_schema = pa.schema(list(fields.values()))
    value = {"id": "x", "extra": {"nested": [1, {"a": None}]}, "anything": [1, "two"]}
    row = schema.to_row(value, table_schema)
    assert isinstance(row["extra"], str)
    pq.write_table(pa.Table.from_pylist([row], schema=table_schema), tmp_path / "odd.parquet")
    back = schema.from_rows(pq.read_table(tmp_path / "odd.parquet").to_pylist(), table_schema)
    assert back == [value]


def test_unknown_key_of_a_contract_object_is_reported(caplog):
    event = sparse_event().to_dict()
    event["text_info"] = {"start": 1, "end": 2, "paragraph": 4}
    with caplog.at_level(logging.WARNING, logger="parley"):
        schema.to_row(event, schema.SCHEMAS["events"])
    assert "paragraph" in caplog.text
