"""The records as tidy tables: what the SQLite database, the CSV files and the Parquet files hold.

One row per document, one row per item in a table per category, one row per mention (every
`spans` pair and every evidence sentence), each row tied to its document by `document_id`.
Plain data in, plain rows out (no spaCy), so that any process holding records can make them.

A document's id is made from its source and the hash of its text, so a re-run over an
unchanged file gives the same id and a changed file a new one; the database replaces a
source's rows when its hash changes (see database.py).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import CATEGORIES

Row = dict[str, Any]

KINDS = ("text", "integer", "boolean", "list")
"""Column kinds: text; integer; boolean; list (of text). Dates are text: ISO 8601 at the
precision the text gives (YYYY-MM-DD, YYYY-MM or YYYY)."""


@dataclass(frozen=True)
class Table:
    """One table: its name, its columns as (name, kind), its primary key if any, and the
    columns that may be empty (every other one is filled in every row)."""

    name: str
    columns: tuple[tuple[str, str], ...]
    pk: str | None = None
    optional: frozenset[str] = frozenset()

    @functools.cached_property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


_ITEM = (("document_id", "text"), ("id", "text"), ("name", "text"), ("mentions", "integer"), ("aliases", "list"))

DOCUMENTS = Table(
    "documents",
    (
        ("id", "text"),
        ("source", "text"),
        ("document_date", "text"),
        ("document_date_source", "text"),
        ("sha256", "text"),
        ("words", "integer"),
        ("text", "text"),
    ),
    pk="id",
    optional=frozenset({"document_date", "document_date_source"}),
)
DATES = Table(
    "dates",
    (
        ("document_id", "text"),
        ("id", "text"),
        ("text", "text"),
        ("value", "text"),
        ("precision", "text"),
        ("relative", "boolean"),
        ("mentions", "integer"),
        ("aliases", "list"),
    ),
    optional=frozenset({"value"}),
)


def _entity_table(name: str, *extras: str) -> Table:
    """A category's table: the fields every item has, then its own, which may be empty."""
    return Table(name, (*_ITEM, *((extra, "text") for extra in extras)), optional=frozenset(extras))


ENTITY_TABLES = {
    "modules": _entity_table("modules", "segment"),
    "vehicles": _entity_table("vehicles", "kind", "also_known_as"),
    "agencies": _entity_table("agencies", "country"),
    "crew": _entity_table("crew", "roster_name", "agency", "nationality"),
    "people": _entity_table("people", "role"),
    "media": _entity_table("media", "country"),
}
INCIDENTS = Table(
    "incidents",
    (
        ("document_id", "text"),
        ("type", "text"),
        ("mentions", "integer"),
        ("date", "text"),
        ("precision", "text"),
        ("location", "text"),
        ("crew_safety", "text"),
        ("status", "text"),
        ("crew", "list"),
        ("vehicles", "list"),
        ("evidence", "list"),
    ),
    optional=frozenset({"date", "precision", "location", "status"}),
)
MENTIONS = Table(
    "mentions",
    (
        ("document_id", "text"),
        ("category", "text"),
        ("item_id", "text"),
        ("start", "integer"),
        ("end", "integer"),
        ("text", "text"),
    ),
)
"""Every mention of every item: `item_id` is the item's `id` (an incident's, its `type`), and
`text[start:end]` of its document is `text`. An incident's mentions are its evidence sentences."""

TABLES: dict[str, Table] = {t.name: t for t in (DOCUMENTS, DATES, *ENTITY_TABLES.values(), INCIDENTS, MENTIONS)}
"""Every table, documents first (the others refer to it), in the order they are written."""

ITEM_TABLES = ("dates", *CATEGORIES, "incidents")
"""The tables of items, named after the record's lists."""

FLAT_COLUMNS: tuple[str, ...] = (
    "source",
    "category",
    *dict.fromkeys(
        name
        for table in (*CATEGORIES, "dates", "incidents")
        for name in TABLES[table].column_names
        if name != "document_id"
    ),
)
"""One row per item of any category in one table (`parse -f csv` to one file): the union of the
item tables' columns (the entities' first), with the source and category in front."""


def content_hash(text: str) -> str:
    """The SHA-256 of a document's text, as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id(source: str, sha256: str) -> str:
    """A document's id: the same for the same source with the same content, 16 hex digits."""
    return hashlib.sha256(f"{source}\0{sha256}".encode()).hexdigest()[:16]


def precision_of(value: str | None) -> str | None:
    """The precision an ISO date is written at: day, month or year."""
    if not value:
        return None
    return {10: "day", 7: "month"}.get(len(value), "year")


def _item_row(table: Table, item: Mapping[str, Any]) -> Row:
    row = {name: item.get(name) for name in table.column_names if name != "document_id"}
    for name, kind in table.columns:
        if kind == "list":
            row[name] = list(item.get(name, ()))
    return row


def _incident_row(item: Mapping[str, Any]) -> Row:
    row = _item_row(INCIDENTS, item)
    row["precision"] = precision_of(item.get("date"))
    return row


def item_rows(record: Mapping[str, Any]) -> Iterator[tuple[str, Row]]:
    """(table, row) for every item of a record, in record order, without `document_id`."""
    for item in record["dates"]:
        yield "dates", _item_row(DATES, item)
    for category in CATEGORIES:
        table = ENTITY_TABLES[category]
        for item in record[category]:
            yield category, _item_row(table, item)
    for item in record["incidents"]:
        yield "incidents", _incident_row(item)


def mention_rows(record: Mapping[str, Any], text: str) -> Iterator[Row]:
    """One row per mention and per evidence sentence, without `document_id`."""
    for category in ("dates", *CATEGORIES):
        for item in record[category]:
            for start, end in item["spans"]:
                yield _mention(category, item["id"], start, end, text)
    for item in record["incidents"]:
        for start, end in item.get("evidence_spans", ()):
            yield _mention("incidents", item["type"], start, end, text)


def _mention(category: str, item_id: str, start: int, end: int, text: str) -> Row:
    return {"category": category, "item_id": item_id, "start": start, "end": end, "text": text[start:end]}


def document_row(record: Mapping[str, Any], text: str) -> Row:
    sha256 = content_hash(text)
    stated = record.get("document_date") or {}
    return {
        "id": document_id(record["source"], sha256),
        "source": record["source"],
        "document_date": stated.get("value"),
        "document_date_source": stated.get("source"),
        "sha256": sha256,
        "words": len(text.split()),
        "text": text,
    }


def document_tables(record: Mapping[str, Any], text: str) -> dict[str, list[Row]]:
    """Every table's rows for one document: its record and the text its offsets refer to."""
    document = document_row(record, text)
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    tables["documents"].append(document)
    key = document["id"]
    for table, row in item_rows(record):
        tables[table].append({"document_id": key, **row})
    tables["mentions"].extend({"document_id": key, **row} for row in mention_rows(record, text))
    return tables


def flat_rows(record: Mapping[str, Any]) -> Iterator[Row]:
    """One row per item, every category in one table (FLAT_COLUMNS); None where a category
    has no such field."""
    empty = dict.fromkeys(FLAT_COLUMNS)
    for table, row in item_rows(record):
        yield {**empty, "source": record["source"], "category": table, **row}
