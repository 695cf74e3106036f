"""Arrow schemas of the batch tables, derived from the record dataclasses.

The Parquet columns of ``events``, ``quotes``, ``flags`` and ``claims`` are the
fields of ``Event``, ``Quote``, ``Flag`` and ``Claim`` (their ``to_dict()``),
typed from the dataclass annotations so that a field another stage adds gets a
column without an edit here.  Nested records are real Arrow types, so Spark,
DuckDB or pandas can query ``actor[0].code`` or ``event_loc.country_code``
directly:

- ``list[Entity]`` is a list of structs, ``Entity | None`` a struct;
- the contract objects of docs/DESIGN (``text_info``, ``event_loc``,
  ``cite_info``, ``trigger``) are structs with the keys listed in ``STRUCTS``;
- a contract object comes back with all its keys (a key the record left out
  reads as null), and an empty one (``{}``) as ``{}``;
- anything the mapping cannot type (``Any``, a free-form ``dict``) is stored
  as a JSON string and flagged in the field metadata, so nothing is lost and
  ``from_rows`` turns it back into the Python value.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import types
import typing
from datetime import date
from typing import Any

import pyarrow as pa

from parley.records import Claim, Event, Flag, Quote

log = logging.getLogger("parley")

JSON_KEY = b"parley.json"
EMPTY_KEY = b"parley.empty_dict"  # a non-optional dict field: null in Parquet is {} in Python

# The objects of the output contracts whose keys docs/DESIGN fixes.
STRUCTS: dict[str, pa.StructType] = {
    "text_info": pa.struct([("start", pa.int64()), ("end", pa.int64())]),
    "event_loc": pa.struct(
        [
            ("extracted_place", pa.string()),
            ("resolved_place", pa.string()),
            ("country_code", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
        ]
    ),
    "cite_info": pa.struct(
        [("url", pa.string()), ("title", pa.string()), ("publication", pa.string()), ("published", pa.string())]
    ),
    "trigger": pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())]),
}

SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    date: pa.string(),  # to_dict() writes dates as ISO strings
}


class Untyped(Exception):
    """An annotation the Arrow mapping does not cover (the field becomes JSON)."""


def arrow_type(annotation: Any, name: str) -> pa.DataType:
    """The Arrow type of one annotated field; raises ``Untyped`` when there is none."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise Untyped(name)
        return arrow_type(rest[0], name)
    if annotation in SCALARS:
        return SCALARS[annotation]
    if origin is list and len(args) == 1:
        return pa.list_(arrow_type(args[0], name))
    if origin is tuple and args and len(set(args)) == 1 and Ellipsis not in args:
        return pa.list_(arrow_type(args[0], name))
    if origin is dict or annotation is dict:
        if name in STRUCTS:
            return STRUCTS[name]
        raise Untyped(name)
    if dataclasses.is_dataclass(annotation):
        # a nested record must type completely: JSON is only used for whole columns
        hints = typing.get_type_hints(annotation)
        return pa.struct(
            [
                pa.field(f.name, arrow_type(hints[f.name], f.name))
                for f in dataclasses.fields(annotation)
                if not f.name.startswith("_")
            ]
        )
    raise Untyped(name)


def record_fields(cls: type) -> list[pa.Field]:
    """Arrow fields for the public fields of a record dataclass, in ``to_dict`` order."""
    hints = typing.get_type_hints(cls)
    fields = []
    for f in dataclasses.fields(cls):
        if f.name.startswith("_"):
            continue
        try:
            arrow = arrow_type(hints[f.name], f.name)
            # Arrow has no empty struct: {} is stored as null and read back as {}
            plain_dict = typing.get_origin(hints[f.name]) is dict or hints[f.name] is dict
            fields.append(pa.field(f.name, arrow, metadata={EMPTY_KEY: b"1"} if plain_dict else None))
        except Untyped:
            fields.append(pa.field(f.name, pa.string(), metadata={JSON_KEY: b"1"}))
    return fields


def _with_article_id(cls: type) -> pa.Schema:
    fields = record_fields(cls)
    if "article_id" not in [f.name for f in fields]:
        fields.insert(0, pa.field("article_id", pa.string()))
    return pa.schema(fields)


# One row per record; quotes, flags and claims carry the article id that their
# records (which live inside an Analysis) do not.
RECORD_TABLES: dict[str, tuple[type, str]] = {
    "events": (Event, "events"),
    "quotes": (Quote, "quotes"),
    "flags": (Flag, "flags"),
    "claims": (Claim, "claims"),
}
SCHEMAS: dict[str, pa.Schema] = {name: _with_article_id(cls) for name, (cls, _) in RECORD_TABLES.items()}

ARTICLE_FIELDS = [
    pa.field("article_id", pa.string()),
    pa.field("origin", pa.string()),
    pa.field("published", pa.string()),
    pa.field("source", pa.string()),
    pa.field("url", pa.string()),
    pa.field("title", pa.string()),
    pa.field("n_chars", pa.int64()),
    pa.field("n_words", pa.int64()),
    pa.field("seconds", pa.float64()),
]
SCHEMAS["articles"] = pa.schema(
    ARTICLE_FIELDS + [pa.field(f"n_{name}", pa.int64()) for name in RECORD_TABLES]
)
SCHEMAS["quarantine"] = pa.schema(
    [
        pa.field("article_id", pa.string()),
        pa.field("origin", pa.string()),
        pa.field("error_kind", pa.string()),
        pa.field("reason", pa.string()),
    ]
)

TABLES = ("events", "quotes", "flags", "claims", "articles", "quarantine")

# The per-article result of the shared partition function: one row per article
# (or per input that failed), its records nested.  Both engines produce it and
# split it into TABLES.
RESULT_SCHEMA = pa.schema(
    ARTICLE_FIELDS
    + [
        pa.field("ok", pa.bool_()),
        pa.field("error_kind", pa.string()),
        pa.field("reason", pa.string()),
    ]
    + [pa.field(name, pa.list_(pa.struct(list(SCHEMAS[name])))) for name in RECORD_TABLES]
)


# -- rows -------------------------------------------------------------------

_warned: set[tuple[str, str]] = set()


def to_row(record_dict: dict[str, Any], schema: pa.Schema | pa.StructType) -> dict[str, Any]:
    """A record's ``to_dict()`` made ready for ``schema``: JSON fields serialised.

    Keys of a contract struct that the schema does not know would be dropped by
    Arrow; they are logged (once) so the schema here can be extended.
    """
    row = {}
    for f in schema:
        value = record_dict.get(f.name)
        if f.metadata and f.metadata.get(JSON_KEY):
            value = None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif value == {} and pa.types.is_struct(f.type):
            value = None
        elif value is not None:
            _check_keys(f, value)
        row[f.name] = value
    return row


def _check_keys(f: pa.Field, value: Any) -> None:
    t = f.type
    if pa.types.is_list(t) and pa.types.is_struct(t.value_type) and isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                _check_keys(pa.field(f.name, t.value_type), item)
        return
    if pa.types.is_struct(t) and isinstance(value, dict):
        known = {t.field(i).name for i in range(t.num_fields)}
        for key in value.keys() - known:
            if (f.name, key) not in _warned:
                _warned.add((f.name, key))
                log.warning("batch: key %r of %r is not in the Parquet schema and is dropped; "
                            "add it to parley.batch.schema.STRUCTS", key, f.name)


def from_rows(rows: list[dict[str, Any]], schema: pa.Schema) -> list[dict[str, Any]]:
    """Rows read back from Parquet, JSON fields parsed: equal to the records' ``to_dict()``."""
    json_names = json_fields(schema)
    empty_dicts = [f.name for f in schema if f.metadata and f.metadata.get(EMPTY_KEY)]
    for row in rows:
        for name in json_names:
            if row.get(name) is not None:
                row[name] = json.loads(row[name])
        for name in empty_dicts:
            if row.get(name) is None:
                row[name] = {}
    return rows


def json_fields(schema: pa.Schema) -> list[str]:
    return [f.name for f in schema if f.metadata and f.metadata.get(JSON_KEY)]
