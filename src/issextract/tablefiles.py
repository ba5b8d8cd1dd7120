"""The tables of tables.py as files: one CSV or Parquet file per table in a folder.

Each file is written beside its final name and moved into place when the run closes, so a
reader never sees half a file and the previous run's files stay until then. Every table gets
its file, with its header (or schema), even when it has no rows.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from .registry import Registry, shipped_registry
from .tables import Row, Table, document_tables, tables_for

TABLE_FORMATS = ("sqlite", "parquet")
"""Formats that only write tables (csv writes them too, with --output-dir)."""

PARQUET_EXTRA = "pip install 'issextract[parquet]'"


class OptionError(ValueError):
    """Output options that do not go together; the message says what to give instead."""


class MissingExtra(RuntimeError):
    """An output format whose optional dependency is not installed; the message names the extra."""


class TableWriter(Protocol):
    def write_document(self, record: Mapping[str, Any], text: str) -> None: ...

    def close(self) -> None: ...


def table_writer(
    fmt: str, output: str | None, output_dir: str | None, registry: Registry | None = None
) -> TableWriter | None:
    """The writer of tables for these options; None when the format writes records instead.
    `registry` gives the tables: one per category, a user's declared ones included."""
    if fmt == "sqlite":
        if output_dir or not output or output == "-":
            raise OptionError("-f sqlite writes one database file: name it with -o FILE")
        from .database import ReportDatabase

        return ReportDatabase(output, registry=registry)
    if fmt == "parquet":
        if not output_dir:
            raise OptionError("-f parquet writes one file per table: name the folder with --output-dir DIR")
        return ParquetTables(Path(output_dir), registry)
    if fmt == "csv" and output_dir:
        return CsvTables(Path(output_dir), registry)
    return None


def csv_cell(value: Any) -> Any:
    """A cell as CSV holds it: empty for none, lists as JSON arrays (empty when empty)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return value


class _TableFiles:
    """Temporary files, one per table, renamed to `<table><suffix>` in the folder at close."""

    suffix = ""

    def __init__(self, folder: Path, registry: Registry | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.registry = registry or shipped_registry()
        self.tables = tables_for(self.registry)
        self.temps: dict[str, Path] = {}
        mode = 0o666 & ~_umask()  # what a plain open() would give, not mkstemp's 0600
        for name in self.tables:
            handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}{self.suffix}.", suffix=".tmp")
            os.close(handle)
            os.chmod(temp, mode)
            self.temps[name] = Path(temp)

    def _commit(self) -> None:
        for name, temp in self.temps.items():
            os.replace(temp, self.folder / f"{name}{self.suffix}")
        self.temps = {}

    def _discard(self) -> None:
        for temp in self.temps.values():
            with contextlib.suppress(OSError):
                temp.unlink()
        self.temps = {}


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class CsvTables(_TableFiles):
    """One CSV file per table, streamed as documents come."""

    suffix = ".csv"

    def __init__(self, folder: Path, registry: Registry | None = None) -> None:
        super().__init__(folder, registry)
        self.files = {name: temp.open("w", encoding="utf-8", newline="") for name, temp in self.temps.items()}
        self.writers = {}
        for name, out in self.files.items():
            self.writers[name] = csv.writer(out, lineterminator="\n")
            self.writers[name].writerow(self.tables[name].column_names)

    def write_document(self, record: Mapping[str, Any], text: str) -> None:
        for name, rows in document_tables(record, text, self.registry).items():
            columns = self.tables[name].column_names
            self.writers[name].writerows([csv_cell(row[c]) for c in columns] for row in rows)

    def close(self) -> None:
        try:
            for out in self.files.values():
                out.close()
            self._commit()
        finally:
            self._discard()


PARQUET_BATCH = 500
"""Documents per Parquet row group."""


class ParquetTables(_TableFiles):
    """One Parquet file per table (pyarrow), a row group every PARQUET_BATCH documents."""

    suffix = ".parquet"

    def __init__(self, folder: Path, registry: Registry | None = None) -> None:
        try:
            import pyarrow.parquet
        except ImportError:
            raise MissingExtra(f"-f parquet needs pyarrow, which is not installed: {PARQUET_EXTRA}") from None
        super().__init__(folder, registry)
        self.schemas = {name: arrow_schema(table) for name, table in self.tables.items()}
        self.writers = {
            name: pyarrow.parquet.ParquetWriter(str(self.temps[name]), self.schemas[name]) for name in self.tables
        }
        self.pending: dict[str, list[Row]] = {name: [] for name in self.tables}
        self.documents = 0

    def write_document(self, record: Mapping[str, Any], text: str) -> None:
        for name, rows in document_tables(record, text, self.registry).items():
            self.pending[name].extend(rows)
        self.documents += 1
        if self.documents % PARQUET_BATCH == 0:
            self._flush()

    def _flush(self) -> None:
        import pyarrow

        for name, rows in self.pending.items():
            if rows:
                self.writers[name].write_table(pyarrow.Table.from_pylist(rows, schema=self.schemas[name]))
            self.pending[name] = []

    def close(self) -> None:
        try:
            self._flush()
            for writer in self.writers.values():
                writer.close()
            self._commit()
        finally:
            self._discard()


def arrow_schema(table: Table) -> Any:
    """A table's Parquet schema: its kinds as Arrow types, its required columns not nullable."""
    import pyarrow

    types = {
        "text": pyarrow.string(),
        "integer": pyarrow.int64(),
        "boolean": pyarrow.bool_(),
        "list": pyarrow.list_(pyarrow.string()),
    }
    return pyarrow.schema(
        [pyarrow.field(name, types[kind], nullable=name in table.optional) for name, kind in table.columns]
    )
