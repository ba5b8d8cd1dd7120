"""`parse -f sqlite -o FILE`: a normalised database, read back with sqlite3 and sqlite-utils."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from conftest import ROOT
from issextract.cli import main
from issextract.database import ReportDatabase
from issextract.tables import TABLES, document_id

SAMPLES = ROOT / "samples"
ENTITY_TABLES = ("dates", "modules", "vehicles", "agencies", "crew", "people", "media", "incidents")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "MOSCOW, March 3, 2021 - Cosmonaut Sergey Kud-Sverchkov sealed a crack in the Zvezda module, "
        "Roscosmos said. The crew was never in danger.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Smoke was reported in the Zarya module on June 10, 2014, NASA said. "
        "Commander Steve Swanson and the crew put on masks.\n",
        encoding="utf-8",
    )
    return folder


def _parse_to(db: Path, *inputs: Path) -> None:
    result = run("parse", *map(str, inputs), "-f", "sqlite", "-o", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def _contents(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {name: sorted(conn.execute(f"SELECT * FROM [{name}]").fetchall(), key=repr) for name in TABLES}
    finally:
        conn.close()


def test_the_database_has_a_table_per_kind_of_thing_with_foreign_keys(tmp_path: Path, reports: Path):
    db = tmp_path / "reports.db"
    _parse_to(db, reports)
    conn = sqlite3.connect(db)
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(TABLES) <= names
    for table in (*ENTITY_TABLES, "mentions"):
        keys = conn.execute(f"PRAGMA foreign_key_list([{table}])").fetchall()
        assert [(k[2], k[3], k[4]) for k in keys] == [("documents", "document_id", "id")], table
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    documents = conn.execute("SELECT source, document_date, words, length(sha256), text FROM documents").fetchall()
    assert sorted(d[0] for d in documents) == [str(reports / "a.txt"), str(reports / "b.txt")]
    a = next(d for d in documents if d[0].endswith("a.txt"))
    assert a[1] == "2021-03-03" and a[2] == len(a[4].split()) and a[3] == 64
    crew = conn.execute(
        "SELECT c.id, c.name, c.agency, d.source FROM crew c JOIN documents d ON d.id = c.document_id ORDER BY c.name"
    ).fetchall()
    assert [(c[0], c[1], c[2]) for c in crew] == [
        ("person:sergey-kud-sverchkov", "Sergey Kud-Sverchkov", "Roscosmos"),
        ("person:steve-swanson", "Steve Swanson", "NASA"),
    ]


def test_every_mention_is_the_words_of_its_document_at_its_offsets(tmp_path: Path):
    db = tmp_path / "samples.db"
    _parse_to(db, SAMPLES)
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT m.text, substr(d.text, m.start + 1, m.end - m.start), m.category, m.item_id "
        "FROM mentions m JOIN documents d ON d.id = m.document_id"
    ).fetchall()
    assert len(rows) > 40
    assert all(written == at for written, at, _, _ in rows)
    # Each mention's item is in its category's table (incidents by their type).
    for category in ENTITY_TABLES:
        key = "type" if category == "incidents" else "id"
        orphans = conn.execute(
            f"SELECT count(*) FROM mentions m WHERE m.category = ? AND NOT EXISTS "
            f"(SELECT 1 FROM [{category}] t WHERE t.document_id = m.document_id AND t.{key} = m.item_id)",
            (category,),
        ).fetchone()[0]
        assert orphans == 0, category


def test_sqlite_utils_reads_it_and_full_text_search_finds_documents(tmp_path: Path, reports: Path):
    path = tmp_path / "reports.db"
    _parse_to(path, reports)
    db = sqlite_utils.Database(path)
    assert db["documents"].detect_fts() == "documents_fts"
    found = list(db["documents"].search("masks"))
    assert [row["source"] for row in found] == [str(reports / "b.txt")]
    assert {fk.other_table for fk in db["mentions"].foreign_keys} == {"documents"}
    smoke = next(db["incidents"].rows_where("type = ?", ["smoke"]))
    assert smoke["location"] == "Zarya" and smoke["date"] == "2014-06-10" and smoke["precision"] == "day"
    assert db["dates"].columns_dict["relative"] is int and db["mentions"].columns_dict["start"] is int


def test_a_rerun_updates_in_place_and_a_changed_file_replaces_its_rows(tmp_path: Path, reports: Path):
    db = tmp_path / "reports.db"
    _parse_to(db, reports)
    first = _contents(db)
    _parse_to(db, reports)
    assert _contents(db) == first  # no duplicates, same rows
    (reports / "a.txt").write_text("Cosmonaut Oleg Artemyev sealed a leak in Poisk.\n", encoding="utf-8")
    _parse_to(db, reports)
    after = _contents(db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    names = {row[0] for row in conn.execute("SELECT name FROM crew")}
    assert names == {"Oleg Artemyev", "Steve Swanson"}
    assert conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Kud'").fetchone()[0] == 0
    unchanged = [row for row in first["crew"] if row[2] == "Steve Swanson"]
    assert unchanged and all(row in after["crew"] for row in unchanged)


def test_writes_are_batched_in_transactions_and_a_failed_batch_leaves_nothing_half_written(tmp_path: Path, extract):
    texts = [f"Cosmonaut Oleg Artemyev found an air leak in Poisk, report {i}." for i in range(10)]
    records = [{**extract(text), "source": f"r{i}.txt"} for i, text in enumerate(texts)]
    path = tmp_path / "batched.db"
    database = ReportDatabase(path, batch=4)
    statements: list[str] = []
    database.db.conn.set_trace_callback(statements.append)
    for record, text in zip(records[:8], texts[:8], strict=True):
        database.add(record, text)
    commits = [s for s in statements if s.strip().upper() == "COMMIT"]
    assert len(commits) == 2  # two batches of four, not a transaction per row
    database.add(records[8], texts[8])
    # The next batch fails while its mentions are written, after its documents and items went in.
    database.db.execute(
        "CREATE TRIGGER fail BEFORE INSERT ON mentions BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
    )
    with pytest.raises(Exception, match="disk I/O error"):
        database.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 8
    per_document = conn.execute(
        "SELECT d.id, (SELECT count(*) FROM mentions m WHERE m.document_id = d.id) FROM documents d"
    ).fetchall()
    assert all(count == 3 for _, count in per_document)  # Artemyev, Poisk, the leak's sentence
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_document_ids_follow_source_and_content():
    assert document_id("a.txt", "0" * 64) == document_id("a.txt", "0" * 64)
    assert document_id("a.txt", "0" * 64) != document_id("a.txt", "1" * 64)
    assert document_id("a.txt", "0" * 64) != document_id("b.txt", "0" * 64)


def test_sqlite_needs_an_output_file_and_refuses_what_is_not_its_database(tmp_path: Path, reports: Path):
    result = run("parse", str(reports), "-f", "sqlite")
    assert result.exit_code == 2 and "-o FILE" in result.output
    text_file = tmp_path / "notes.db"
    text_file.write_text("not a database at all, just some text that is long enough\n" * 20, encoding="utf-8")
    result = run("parse", str(reports), "-f", "sqlite", "-o", str(text_file))
    assert result.exit_code == 1 and str(text_file) in result.output and "Traceback" not in result.output
    assert text_file.read_text(encoding="utf-8").startswith("not a database")  # left as it was
    other = tmp_path / "other.db"
    sqlite_utils.Database(other)["documents"].insert({"id": 1, "title": "mine"})
    result = run("parse", str(reports), "-f", "sqlite", "-o", str(other))
    assert result.exit_code == 1 and "not issextract's" in result.output
    assert sqlite_utils.Database(other)["documents"].count == 1
    result = run("parse", str(reports), "-f", "sqlite", "-o", str(tmp_path / "x.db"), "--skip-existing")
    assert result.exit_code == 2


def test_the_readme_session_runs(tmp_path: Path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    session = re.search(
        r"```bash\nissextract parse (\S+) -f sqlite -o reports\.db\n(sqlite3 .*)\n(datasette .*)\n```", readme
    )
    assert session, "the README's three-line session"
    query = re.fullmatch(r'sqlite3 reports\.db "(.*)"', session.group(2)).group(1)
    db = tmp_path / "reports.db"
    _parse_to(db, SAMPLES)
    rows = sqlite3.connect(db).execute(query).fetchall()
    assert rows and all(len(row) >= 2 for row in rows)
