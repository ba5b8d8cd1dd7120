"""The tidy tables: one model (tables.py) behind the flat CSV, the CSV and Parquet folders and SQLite."""

from __future__ import annotations

import builtins
import io
import json
import sqlite3
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import ROOT, SCHEMA
from issextract.cli import main
from issextract.tables import DOCUMENTS, ENTITY_TABLES, FLAT_COLUMNS, INCIDENTS, TABLES, document_tables

SAMPLES = ROOT / "samples"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_field_of_the_schema_has_its_column():
    """Each item field is a column of its category's table; offsets go to `mentions`."""
    defs = SCHEMA["$defs"]
    singular = {"modules": "module", "vehicles": "vehicle", "agencies": "agency", "crew": "crew"}
    singular |= {"people": "person", "media": "medium", "dates": "date", "incidents": "incident"}
    for category, name in singular.items():
        fields = set(defs[name]["properties"])
        if category in ENTITY_TABLES:
            fields |= set(defs["base"]["properties"])
        fields -= {"spans", "evidence_spans"}
        columns = set(TABLES[category].column_names) - {"document_id"}
        if category == "incidents":
            columns -= {"precision"}  # of its date, added for readers of mixed-precision dates
        assert fields == columns, category
    assert set(SCHEMA["properties"]) - {"source", "document_date"} == set(TABLES) - {"documents", "mentions"}
    stated = SCHEMA["properties"]["document_date"]["properties"]  # value -> document_date, source -> ..._source
    assert {f"document_date_{k}".replace("_value", "") for k in stated} <= set(TABLES["documents"].column_names)


def test_one_document_gives_rows_for_every_table(extract):
    text = "Cosmonaut Oleg Artemyev found an air leak in Poisk on March 3, 2021. He sealed the leak in Poisk."
    record = {**extract(text), "source": "r.txt"}
    tables = document_tables(record, text)
    assert list(tables) == list(TABLES)
    (document,) = tables["documents"]
    assert document["words"] == len(text.split()) and document["text"] == text
    assert all(
        row["document_id"] == document["id"] for name, rows in tables.items() if name != "documents" for row in rows
    )
    poisk = [m for m in tables["mentions"] if m["item_id"] == "module:poisk"]
    assert [m["text"] for m in poisk] == ["Poisk", "Poisk"]
    assert tables["modules"] == [
        {
            "document_id": document["id"],
            "id": "module:poisk",
            "name": "Poisk",
            "mentions": 2,
            "aliases": [],
            "segment": "Russian",
        }
    ]
    assert tables["incidents"][0]["precision"] == "day"


def test_flat_csv_has_one_row_per_item_with_its_own_fields():
    records = json.loads(run("parse", str(SAMPLES), "-f", "json").stdout)
    flat = pd.read_csv(io.StringIO(run("parse", str(SAMPLES), "-f", "csv").stdout), dtype={"value": "string"})
    assert tuple(flat.columns) == FLAT_COLUMNS
    assert len(flat) == sum(len(r[c]) for r in records for c in r if isinstance(r[c], list))
    assert flat["mentions"].dtype == "int64"
    zvezda = flat[(flat["category"] == "modules") & (flat["name"] == "Zvezda")].iloc[0]
    assert zvezda["id"] == "module:zvezda" and zvezda["segment"] == "Russian" and pd.isna(zvezda["agency"])
    crew = flat[flat["category"] == "crew"]
    assert crew["nationality"].notna().all() and crew["value"].isna().all()
    dates = flat[flat["category"] == "dates"]
    assert set(dates["precision"]) <= {"day", "month", "year"} and dates["name"].isna().all()
    incident = flat[flat["category"] == "incidents"].iloc[0]
    assert incident["type"] and incident["crew_safety"] and json.loads(incident["evidence"])


def test_csv_and_parquet_folders_hold_the_same_tables_as_the_database(tmp_path: Path):
    db = tmp_path / "r.db"
    assert run("parse", str(SAMPLES), "-f", "sqlite", "-o", str(db)).exit_code == 0
    assert run("parse", str(SAMPLES), "-f", "csv", "--output-dir", str(tmp_path / "csv")).exit_code == 0
    assert run("parse", str(SAMPLES), "-f", "parquet", "--output-dir", str(tmp_path / "pq")).exit_code == 0
    conn = sqlite3.connect(db)
    for name, table in TABLES.items():
        from_db = pd.read_sql_query(f"SELECT * FROM [{name}]", conn)
        from_csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype={"value": "string", "date": "string"})
        from_parquet = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        assert tuple(from_csv.columns) == tuple(from_parquet.columns) == table.column_names, name
        assert set(table.column_names) <= set(from_db.columns), name
        assert len(from_db) == len(from_csv) == len(from_parquet), name
        for column in ("id", "item_id", "start", "end", "mentions", "words"):
            if column in table.column_names:
                assert list(from_csv[column]) == list(from_parquet[column]) == list(from_db[column]), (name, column)
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"{n}.csv" for n in TABLES)


def test_pandas_reads_the_tables_with_their_types(tmp_path: Path):
    assert run("parse", str(SAMPLES), "-f", "csv", "--output-dir", str(tmp_path / "csv")).exit_code == 0
    assert run("parse", str(SAMPLES), "-f", "parquet", "--output-dir", str(tmp_path / "pq")).exit_code == 0
    for read in (
        lambda name: pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype={"value": "string", "date": "string"}),
        lambda name: pd.read_parquet(tmp_path / "pq" / f"{name}.parquet"),
    ):
        dates, mentions, documents = read("dates"), read("mentions"), read("documents")
        assert dates["relative"].dtype == bool and dates["mentions"].dtype == "int64"
        assert mentions["start"].dtype == "int64" and mentions["end"].dtype == "int64"
        assert documents["words"].dtype == "int64"
        starts = pd.to_datetime(dates["value"], format="ISO8601")
        month = dates[dates["precision"] == "month"].index[0]
        assert starts[month].day == 1 and len(dates.loc[month, "value"]) == 7
        crew = read(ENTITY_TABLES["crew"].name)
        assert crew["id"].str.startswith("person:").all()
    parquet_docs = pd.read_parquet(tmp_path / "pq" / "documents.parquet")
    assert set(parquet_docs["document_date_source"].dropna()) <= {"title", "dateline", "published", "copyright"}
    assert pd.to_datetime(parquet_docs["document_date"].dropna(), format="ISO8601").notna().all()
    aliases = pd.read_parquet(tmp_path / "pq" / "modules.parquet")["aliases"]
    assert any(len(a) for a in aliases) and all(isinstance(x, str) for a in aliases for x in a)


def test_table_files_replace_the_last_run_whole(tmp_path: Path):
    out = tmp_path / "csv"
    assert run("parse", str(SAMPLES), "-f", "csv", "--output-dir", str(out)).exit_code == 0
    first = len(pd.read_csv(out / "documents.csv"))
    assert run("parse", str(SAMPLES / "zvezda-air-leak.txt"), "-f", "csv", "--output-dir", str(out)).exit_code == 0
    assert first > 1 and len(pd.read_csv(out / "documents.csv")) == 1
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left
    assert (out / "mentions.csv").stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_parquet_without_pyarrow_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(f"No module named '{name}'")
        return real_import(name, *args, **kwargs)

    for module in [m for m in sys.modules if m.startswith("pyarrow")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    result = run("parse", str(SAMPLES), "-f", "parquet", "--output-dir", str(tmp_path / "pq"))
    assert result.exit_code == 2
    assert "issextract[parquet]" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "pq").exists() or not list((tmp_path / "pq").iterdir())


def test_table_formats_say_where_they_write(tmp_path: Path):
    result = run("parse", str(SAMPLES), "-f", "parquet")
    assert result.exit_code == 2 and "--output-dir" in result.output
    result = run("parse", str(SAMPLES), "-f", "sqlite", "--output-dir", str(tmp_path))
    assert result.exit_code == 2 and "-o FILE" in result.output
    result = run("parse", str(SAMPLES), "-f", "jsonl", "--output-dir", str(tmp_path))
    assert result.exit_code == 2


def test_the_documents_table_is_first_and_others_refer_to_it():
    assert next(iter(TABLES)) == DOCUMENTS.name and DOCUMENTS.pk == "id"
    assert all("document_id" in t.column_names for t in TABLES.values() if t is not DOCUMENTS)
    assert "precision" in INCIDENTS.column_names
