"""What writing the archive formats costs, next to extracting the records, measured in one run.

Runs the pipeline over the sample reports (the baseline: seconds per document), then writes
the same records, as DOCUMENTS documents with distinct sources, to JSON lines, to a SQLite
database (then again over the same database, which replaces every document's rows), and to
CSV and Parquet tables. Each figure is a ratio to the pipeline's time for as many documents,
so it says what a format adds to a parse; the SQLite rows also count the transactions.

    python benchmarks/archive.py [--documents 10000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def pipeline_seconds_per_document(rounds: int = 20) -> tuple[float, list[tuple[dict, str]]]:
    from issextract.pipeline import build_pipeline
    from issextract.record import doc_to_record

    nlp = build_pipeline(spans=False)
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    for text in texts:  # warm up
        nlp(text)
    started = time.perf_counter()
    for _ in range(rounds):
        done = [(doc_to_record(nlp(text), "x"), text) for text in texts]
    return (time.perf_counter() - started) / (rounds * len(texts)), done


def documents(samples: list[tuple[dict, str]], count: int) -> list[tuple[dict, str]]:
    out = []
    for i in range(count):
        record, text = samples[i % len(samples)]
        out.append(({**record, "source": f"archive/report-{i:05d}.txt"}, text))
    return out


def timed(write) -> float:
    started = time.perf_counter()
    write()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    from issextract.database import ReportDatabase
    from issextract.tablefiles import CsvTables, ParquetTables

    per_document, samples = pipeline_seconds_per_document()
    docs = documents(samples, args.documents)
    baseline = per_document * len(docs)
    folder = Path(tempfile.mkdtemp(prefix="issextract-archive-"))
    commits: list[str] = []

    def jsonl() -> None:
        with (folder / "all.jsonl").open("w", encoding="utf-8") as out:
            for record, _ in docs:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")

    def sqlite() -> None:
        database = ReportDatabase(folder / "reports.db")
        database.db.conn.set_trace_callback(lambda s: commits.append(s) if s.strip().upper() == "COMMIT" else None)
        for record, text in docs:
            database.add(record, text)
        database.close()

    def tables(kind) -> None:
        writer = kind(folder / kind.__name__)
        for record, text in docs:
            writer.write_document(record, text)
        writer.close()

    print(f"pipeline: {per_document * 1000:.2f} ms per document; {len(docs):,} documents = {baseline:.1f} s")
    for name, write in (
        ("JSON lines", jsonl),
        ("SQLite, new database", sqlite),
        ("SQLite, the same documents again", sqlite),
        ("CSV tables", lambda: tables(CsvTables)),
        ("Parquet tables", lambda: tables(ParquetTables)),
    ):
        commits.clear()
        seconds = timed(write)
        extra = f", {len(commits)} transactions" if name.startswith("SQLite") else ""
        print(f"{name:34} {seconds:6.2f} s = {seconds / baseline:.3f} x the pipeline{extra}")


if __name__ == "__main__":
    main()
