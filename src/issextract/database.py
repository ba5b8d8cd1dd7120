"""The records in a SQLite database (through sqlite-utils), ready for Datasette and SQL.

The tables are those of tables.py: `documents` (with a full-text index, FTS5, over its text),
one table per category of items, `incidents` and `mentions`, every item row tied to its
document by `document_id`, a declared foreign key.

A source's rows are replaced whole: running again over the same inputs leaves one document per
source with its rows, and a changed file replaces its rows (its id, made from the source and
the hash of its text, changes with it). Documents are written in batches, each one transaction
holding every row of every document in it, so an interrupted run leaves the documents of the
batches already committed, complete, and nothing of the others; and a big archive pays one
transaction per batch, not one per row.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .registry import Registry, shipped_registry
from .tables import DOCUMENTS, Row, Table, document_tables, tables_for

BATCH_DOCUMENTS = 200
"""Documents written per transaction."""

_SQL_TYPES = {"text": str, "integer": int, "boolean": int, "list": str}


class DatabaseError(Exception):
    """A database file that cannot be used; the message says which and why."""


def sql_value(value: Any) -> Any:
    """A cell as SQLite stores it: lists as JSON arrays, the rest as they are."""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


class ReportDatabase:
    """Documents added one by one (`add`), written a batch at a time, all of them by `close`."""

    def __init__(self, path: str | Path, batch: int = BATCH_DOCUMENTS, registry: Registry | None = None) -> None:
        import sqlite_utils

        self.registry = registry or shipped_registry()
        self.tables = tables_for(self.registry)  # a table per category, a user's declared ones too
        self.children = tuple(name for name, table in self.tables.items() if "document_id" in table.column_names)
        self.path = str(path)
        self.batch = max(1, batch)
        self.pending: dict[str, dict[str, list[Row]]] = {}  # source -> its rows; a source twice: the last
        self.written = 0
        try:
            self.db = sqlite_utils.Database(self.path)
            self.db.execute("PRAGMA foreign_keys = ON")
            self._ensure_schema()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"{self.path}: {exc}") from None

    # -- schema ------------------------------------------------------------------------------
    def _ensure_schema(self) -> None:
        with self.db.atomic():
            for table in self.tables.values():
                self._ensure_table(table)
        if not self.db["documents"].detect_fts():
            self.db["documents"].enable_fts(["text"], fts_version="FTS5", create_triggers=True)

    def _ensure_table(self, table: Table) -> None:
        existing = self.db[table.name]
        if existing.exists():
            missing = [name for name in table.column_names if name not in existing.columns_dict]
            if missing:
                raise DatabaseError(
                    f"{self.path}: table '{table.name}' is not issextract's (no column {', '.join(missing)}); "
                    "write to a new file"
                )
            return
        columns = {name: _SQL_TYPES[kind] for name, kind in table.columns}
        foreign_keys = [("document_id", DOCUMENTS.name, "id")] if "document_id" in columns else None
        required = set(table.column_names) - table.optional
        existing.create(columns, pk=table.pk, foreign_keys=foreign_keys, not_null=required)
        if table is DOCUMENTS:
            existing.create_index(["source"], unique=True)
        elif foreign_keys:
            existing.create_index(["document_id"])
        if table.name == "mentions":
            existing.create_index(["item_id"])

    # -- writing -----------------------------------------------------------------------------
    def add(self, record: Mapping[str, Any], text: str) -> None:
        """One document: its record and the text its offsets refer to."""
        self.pending.pop(record["source"], None)
        tables = document_tables(record, text, self.registry)
        self.pending[tables["documents"][0]["source"]] = tables
        if len(self.pending) >= self.batch:
            self.flush()

    write_document = add

    def flush(self) -> None:
        """Write the pending documents in one transaction, replacing their sources' old rows."""
        if not self.pending:
            return
        batch, self.pending = self.pending, {}
        try:
            with self.db.atomic():
                self._delete_sources(list(batch))
                for name, table in self.tables.items():
                    rows = [row for tables in batch.values() for row in tables[name]]
                    if rows:
                        self._insert(table, rows)
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"{self.path}: {exc}") from None
        self.written += len(batch)

    def _insert(self, table: Table, rows: list[Row]) -> None:
        """Rows into a table the schema made, in one prepared statement run over them all: row by
        row through sqlite-utils' `insert_all` (which works out each chunk's columns and types)
        costs as much as extracting the records."""
        columns = table.column_names
        lists = [i for i, (_, kind) in enumerate(table.columns) if kind == "list"]
        names = ", ".join(f"[{c}]" for c in columns)
        statement = f"INSERT INTO [{table.name}] ({names}) VALUES ({', '.join('?' * len(columns))})"

        def values(row: Row) -> list[Any]:
            cells = [row[c] for c in columns]
            for i in lists:
                cells[i] = sql_value(cells[i])
            return cells

        self.db.conn.executemany(statement, map(values, rows))

    def _delete_sources(self, sources: list[str]) -> None:
        """Every row of these sources' documents: children first, as the foreign keys ask."""
        marks = ", ".join("?" * len(sources))
        ids = [row[0] for row in self.db.execute(f"SELECT id FROM documents WHERE source IN ({marks})", sources)]
        if not ids:
            return
        id_marks = ", ".join("?" * len(ids))
        for name in self.children:
            self.db.execute(f"DELETE FROM [{name}] WHERE document_id IN ({id_marks})", ids)
        self.db.execute(f"DELETE FROM documents WHERE id IN ({id_marks})", ids)

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.db.close()
