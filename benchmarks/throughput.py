"""Benchmark issextract against spaCy's stock English tokenizer, measured in the same run.

Two corpora of about a million words each: `repeated`, the project's sample reports back to
back (every document alike: spaCy's tokenizer at its worst, the pipeline's memos at their
best), and `fresh` (`fresh_text.py`: sentences drawn across real reports, numbers and dates
changed, new words all the way through), which is the one that says what a folder of real
reports costs. For each corpus:
- `issextract parse`, files to JSON lines in a fresh process, one worker: as a ratio to the
  stock tokenizer run the same way (a fresh process that reads the same files: like for like),
  and to the stock tokenizer warm in memory (the strict figure);
- the pipeline's steady state in this process (no start-up, no files);
- YAML (the default format) against JSON lines; two workers and the automatic choice against one;
- the peak memory of the one-worker parse.
Then the start-up of `issextract --help` and of a one-file parse, against
`python -c "import spacy"`.

Each figure is a ratio of medians over `--repeat` runs (min and max beside it): the machines
here are noisy, so the baseline of every ratio is measured in the same run.

    python benchmarks/throughput.py [--words 1000000] [--repeat 3] [--corpus fresh|repeated|both]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
BIN = Path(sys.executable).with_name("issextract")
sys.path.insert(0, str(Path(__file__).parent))


def repeated_corpus(folder: Path, target_words: int) -> list[str]:
    """Files of about 500 words, each the sample reports back to back."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    files: list[str] = []
    words = 0
    while words < target_words:
        i = len(files)
        body = "\n\n".join(texts[(i + k) % len(texts)] for k in range(len(texts) + 1))
        (folder / f"report-{i:05d}.txt").write_text(body, encoding="utf-8")
        files.append(body)
        words += len(body.split())
    return files


def fresh_corpus(folder: Path, target_words: int) -> list[str]:
    import fresh_text

    return fresh_text.write_corpus(folder, target_words)


class Timing:
    """Wall times of repeated runs: median, min and max."""

    def __init__(self, times: list[float]) -> None:
        self.times = times
        self.median = statistics.median(times)

    def ratio(self, other: Timing) -> str:
        """other / self, as 'median (min-max)': how many times faster self is than other."""
        spread = sorted(o / s for o, s in zip(other.times, self.times, strict=True))
        return f"{other.median / self.median:.2f} ({spread[0]:.2f}-{spread[-1]:.2f})"


PEAK = (
    "import resource, subprocess, sys;"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_memory_mb(command: list[str]) -> float:
    """The peak resident memory of one run of a command (its own, in a process of its own)."""
    out = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True, text=True, check=True)
    return int(out.stdout) / 1024


def timed(command: list[str], repeat: int) -> Timing:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return Timing(times)


def in_process(work: Callable[[], object], repeat: int) -> Timing:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return Timing(times)


STOCK_FILES = """
import sys
from pathlib import Path
import spacy
nlp = spacy.blank("en")
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    nlp.make_doc(path.read_text(encoding="utf-8"))
"""
"""spaCy's stock English tokenizer the way `issextract parse` works: a fresh process, files in."""


def stock_tokenizer(texts: list[str], repeat: int) -> Timing:
    """The stock tokenizer warm, in memory: a first pass fills its cache, then the timed ones."""
    import spacy

    nlp = spacy.blank("en")
    for text in texts:
        nlp.make_doc(text)
    return in_process(lambda: [nlp.make_doc(text) for text in texts], repeat)


def steady_state(texts: list[str], repeat: int) -> Timing:
    """issextract's pipeline and record in this process, as `parse` runs it (memory zones), no
    start-up and no files."""
    import json

    from issextract import batch
    from issextract.api import load_pipeline

    batch.hold(load_pipeline())

    def work() -> None:
        for text in texts:
            json.dumps(batch.extract_text(text, "x"), ensure_ascii=False)

    try:
        return in_process(work, repeat)
    finally:
        batch.release()


def corpus_rows(name: str, folder: Path, texts: list[str], repeat: int) -> list[tuple[str, str]]:
    words = sum(len(t.split()) for t in texts)
    warm = stock_tokenizer(texts, repeat)
    steady = steady_state(texts, repeat)
    stock = timed([sys.executable, "-c", STOCK_FILES, str(folder)], repeat)
    parse = [str(BIN), "parse", str(folder), "-o", str(folder.parent / "out"), "-q"]
    one = timed([*parse, "-f", "jsonl", "-j", "1"], repeat)
    peak_mb = peak_memory_mb([*parse, "-f", "jsonl", "-j", "1"])
    yaml_one = timed([*parse, "-f", "yaml", "-j", "1"], repeat)
    two = timed([*parse, "-f", "jsonl", "-j", "2"], repeat)
    auto = timed([*parse, "-f", "jsonl"], repeat)
    return [
        (f"{name} corpus", f"{len(texts)} files, {words:,} words"),
        ("  stock tokenizer, warm, in memory", f"{words / warm.median:,.0f} words/s"),
        ("  stock tokenizer, fresh process", f"{words / stock.median:,.0f} words/s"),
        ("  parse -j 1, JSON lines", f"{words / one.median:,.0f} words/s"),
        ("    x stock tokenizer, fresh process", one.ratio(stock)),
        ("    x stock tokenizer, warm", one.ratio(warm)),
        ("  steady state x stock tokenizer, warm", steady.ratio(warm)),
        ("  YAML time / JSON lines time", one.ratio(yaml_one)),
        ("  -j 2 speed-up over -j 1", two.ratio(one)),
        ("  automatic workers speed-up over -j 1", auto.ratio(one)),
        ("  peak memory, -j 1", f"{peak_mb:,.0f} MB"),
    ]


def start_up_rows(repeat: int) -> list[tuple[str, str]]:
    import_spacy = timed([sys.executable, "-c", "import spacy"], repeat)
    help_time = timed([str(BIN), "--help"], repeat)
    one_file = timed([str(BIN), "parse", str(SAMPLES[0]), "-q"], repeat)
    return [
        ("start-up", f"'import spacy' {import_spacy.median:.2f} s"),
        ("  issextract --help / import spacy", f"{help_time.median / import_spacy.median:.2f}"),
        ("  parse one file / import spacy", import_spacy.ratio(one_file)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", choices=["fresh", "repeated", "both"], default="both")
    args = parser.parse_args()
    if not BIN.exists():
        sys.exit(f"issextract is not installed beside {sys.executable}")
    builders = {"fresh": fresh_corpus, "repeated": repeated_corpus}
    names = list(builders) if args.corpus == "both" else [args.corpus]
    rows: list[tuple[str, str]] = []
    for name in names:
        with tempfile.TemporaryDirectory(prefix="issextract-bench-") as tmp:
            folder = Path(tmp) / name
            folder.mkdir()
            texts = builders[name](folder, args.words)
            rows += corpus_rows(name, folder, texts, args.repeat)
    rows += start_up_rows(max(args.repeat, 5))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
