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

from .record import Incident, Record, field_of
from .registry import Registry, shipped_registry

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



@functools.lru_cache(maxsize=8)
def tables_for(registry: Registry) -> dict[str, Table]:
    """Every table, documents first (the others refer to it), in the order they are written:
    dates, a table per category of named things (its `output` fields as columns, in the
    registry's order, declared categories included), incidents, mentions."""
    entities = [_entity_table(c.name, *c.output) for c in registry if c.shape == "items"]
    return {t.name: t for t in (DOCUMENTS, DATES, *entities, INCIDENTS, MENTIONS)}


@functools.lru_cache(maxsize=8)
def flat_columns(registry: Registry) -> tuple[str, ...]:
    """One row per item of any category in one table (`parse -f csv` to one file): the union of the
    item tables' columns (the named things' first), with the source and category in front."""
    tables = tables_for(registry)
    return (
        "source",
        "category",
        *dict.fromkeys(
            name
            for table in (*registry.items, "dates", "incidents")
            for name in tables[table].column_names
            if name != "document_id"
        ),
    )


def __getattr__(name: str) -> Any:
    """The shipped registry's tables, read on first use (`issextract --help` reads no data):
    TABLES (every table), ENTITY_TABLES (those of named things), ITEM_TABLES (the names of
    the tables of items), FLAT_COLUMNS (`flat_columns`)."""
    registry = shipped_registry()
    if name == "TABLES":
        return tables_for(registry)
    if name == "ENTITY_TABLES":
        return {c: tables_for(registry)[c] for c in registry.items}
    if name == "ITEM_TABLES":
        return ("dates", *registry.items, "incidents")
    if name == "FLAT_COLUMNS":
        return flat_columns(registry)
    raise AttributeError(f"module 'issextract.tables' has no attribute '{name}'")


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


def _item_row(table: Table, item: Any) -> Row:
    row = {name: field_of(item, name) for name in table.column_names if name != "document_id"}
    for name, kind in table.columns:
        if kind == "list":
            row[name] = list(field_of(item, name) or ())
    return row


def item_rows(record: Mapping[str, Any], registry: Registry | None = None) -> Iterator[tuple[str, Row]]:
    """(table, row) for every item of a record, in record order, without `document_id`."""
    tables = tables_for(registry or shipped_registry())
    for category, items in Record.read(record).lists():
        table = tables[category]
        for item in items:
            row = _item_row(table, item)
            if isinstance(item, Incident):
                row["precision"] = precision_of(item.date)
            yield category, row


def mention_rows(record: Mapping[str, Any], text: str) -> Iterator[Row]:
    """One row per mention and per evidence sentence, without `document_id`."""
    read = Record.read(record)
    for category, item, (start, end) in read.spans():
        yield _mention(category, item.id, start, end, text)
    for incident in read.incidents:
        for start, end in incident.evidence_spans:
            yield _mention("incidents", incident.type, start, end, text)


def _mention(category: str, item_id: str, start: int, end: int, text: str) -> Row:
    return {"category": category, "item_id": item_id, "start": start, "end": end, "text": text[start:end]}


def document_row(record: Mapping[str, Any], text: str) -> Row:
    sha256 = content_hash(text)
    read = Record.read(record)
    return {
        "id": document_id(read.source, sha256),
        "source": read.source,
        "document_date": read.document_date.value,
        "document_date_source": read.document_date.source,
        "sha256": sha256,
        "words": len(text.split()),
        "text": text,
    }


def document_tables(record: Mapping[str, Any], text: str, registry: Registry | None = None) -> dict[str, list[Row]]:
    """Every table's rows for one document: its record and the text its offsets refer to."""
    document = document_row(record, text)
    tables: dict[str, list[Row]] = {name: [] for name in tables_for(registry or shipped_registry())}
    tables["documents"].append(document)
    key = document["id"]
    for table, row in item_rows(record, registry):
        tables[table].append({"document_id": key, **row})
    tables["mentions"].extend({"document_id": key, **row} for row in mention_rows(record, text))
    return tables


def flat_rows(record: Mapping[str, Any], registry: Registry | None = None) -> Iterator[Row]:
    """One row per item, every category in one table (`flat_columns`); None where a category
    has no such field."""
    registry = registry or shipped_registry()
    empty = dict.fromkeys(flat_columns(registry))
    source = Record.read(record).source
    for table, row in item_rows(record, registry):
        yield {**empty, "source": source, "category": table, **row}
