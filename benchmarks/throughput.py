"""Benchmark issextract against spaCy's bare English tokenizer, measured in the same run.

Builds a corpus of about a million words from the project's own sample reports, then reports:
- end-to-end throughput (files in, JSON lines out) of `issextract parse`, one process and two,
  as a ratio to the bare tokenizer over the same texts, warm and in memory (the strict figure);
  and, single-process, as a ratio to the bare tokenizer run the same way (a fresh process that
  reads the files: like for like), and the pipeline's steady state in this process (no start-up);
- the start-up time of `issextract --help` and of a one-file parse, as ratios to a bare
  `python -c "import spacy"`;
- the peak memory of the single-process parse.

Ratios, not seconds, are the figures to compare: the machines here are noisy.

    python benchmarks/throughput.py [--words 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
BIN = Path(sys.executable).with_name("issextract")


def build_corpus(folder: Path, target_words: int) -> tuple[list[str], int]:
    """Files of about 500 words, each a few sample reports back to back."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    files, words, i = [], 0, 0
    while words < target_words:
        body = "\n\n".join(texts[(i + k) % len(texts)] for k in range(len(texts) + 1))
        (folder / f"report-{i:05d}.txt").write_text(body, encoding="utf-8")
        files.append(body)
        words += len(body.split())
        i += 1
    return files, words


def timed(command: list[str], repeat: int) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def tokenizer_seconds(texts: list[str], repeat: int) -> float:
    import spacy

    nlp = spacy.blank("en")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            nlp.make_doc(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


BARE_FILES = """
import sys
from pathlib import Path
import spacy
nlp = spacy.blank("en")
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    nlp.make_doc(path.read_text(encoding="utf-8"))
"""
"""The bare tokenizer the way `issextract parse` works: a fresh process, files in, docs out."""


def pipeline_seconds(texts: list[str], repeat: int) -> float:
    """issextract's pipeline and record in this process: steady state, no start-up, no files."""
    import json

    from issextract.pipeline import build_pipeline
    from issextract.record import doc_to_record

    nlp = build_pipeline(spans=False)
    for text in texts[:50]:
        nlp(text)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            json.dumps(doc_to_record(nlp(text), "x"), ensure_ascii=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not BIN.exists():
        sys.exit(f"issextract is not installed beside {sys.executable}")

    folder = Path(tempfile.mkdtemp(prefix="issextract-bench-"))
    try:
        texts, words = build_corpus(folder, args.words)
        base = tokenizer_seconds(texts, args.repeat)
        steady = pipeline_seconds(texts, args.repeat)
        bare_files = timed([sys.executable, "-c", BARE_FILES, str(folder)], args.repeat)
        parse = [str(BIN), "parse", str(folder), "-f", "jsonl", "-o", str(folder / "out.jsonl"), "-q"]
        one = timed([*parse, "--workers", "1"], args.repeat)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        two = timed([*parse, "--workers", "2"], args.repeat)
        import_spacy = timed([sys.executable, "-c", "import spacy"], max(args.repeat, 5))
        help_time = timed([str(BIN), "--help"], max(args.repeat, 5))
        one_file = timed([str(BIN), "parse", str(SAMPLES[0]), "-q"], max(args.repeat, 5))
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    rows = [
        ("corpus", f"{len(texts)} files, {words:,} words"),
        ("bare tokenizer", f"{words / base:,.0f} words/s"),
        ("parse, 1 process", f"{words / one:,.0f} words/s = {base / one:.2f} x tokenizer"),
        (
            "  like for like",
            f"{bare_files / one:.2f} x bare tokenizer run the same way ({words / bare_files:,.0f} words/s)",
        ),
        (
            "  steady state",
            f"{words / steady:,.0f} words/s = {base / steady:.2f} x tokenizer (in process, no start-up)",
        ),
        ("parse, 2 processes", f"{words / two:,.0f} words/s = {base / two:.2f} x tokenizer"),
        ("issextract --help", f"{help_time:.2f} s = {help_time / import_spacy:.2f} x 'import spacy'"),
        ("parse one file", f"{one_file:.2f} s = {one_file / import_spacy:.2f} x 'import spacy'"),
        ("peak memory, 1 process", f"{peak_mb:,.0f} MB"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
