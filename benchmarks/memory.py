"""Does memory stay flat over a long batch of text never seen before?

Repeated samples flatter a pipeline: their words are in the vocabulary after the first file.
Here every document brings new vocabulary (invented words, names, numbers and codes, about a
third of its words) around sentences of the sample reports, so that entities, dates and
incidents are still found. `issextract parse` runs over N such files in a fresh process (one
worker, JSON lines to /dev/null) and its peak resident memory is read; the figures for 2,000
and 20,000 documents are compared.

    python benchmarks/memory.py [--counts 2000 20000]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).with_name("issextract")
SYLLABLES = ["ka", "zor", "vel", "mi", "tra", "qu", "on", "ex", "lu", "dri", "sa", "nof", "pe", "gry", "th", "ul"]


def fresh_word(rng: random.Random) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    form = rng.random()
    if form < 0.3:
        return word.capitalize()
    if form < 0.4:
        return f"{word.upper()}-{rng.randint(1, 9999)}"
    if form < 0.5:
        return f"{rng.randint(0, 10**7)}"
    return word


def fresh_document(rng: random.Random, sentences: list[str]) -> str:
    """About 300 words: sample sentences with new words mixed in."""
    out = []
    for sentence in rng.sample(sentences, 12):
        words = sentence.split()
        for _ in range(len(words) // 2):
            words.insert(rng.randrange(len(words) + 1), fresh_word(rng))
        out.append(" ".join(words))
    return "\n\n".join(out)


def peak_rss_mb(folder: Path) -> tuple[float, float]:
    """(peak resident memory in MB, seconds) of one parse over the folder in a new process."""
    code = (
        "import resource, subprocess, sys;"
        f"subprocess.run([{str(BIN)!r}, 'parse', {str(folder)!r}, '-f', 'jsonl', '-j', '1', '-q'],"
        " stdout=subprocess.DEVNULL, check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out) / 1024, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", type=int, nargs="+", default=[2000, 20000])
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    sentences = [s for t in texts for s in re.split(r"(?<=\.)\s+", t) if len(s.split()) > 4]
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.counts:
            folder = Path(tmp) / f"fresh-{count}"
            folder.mkdir()
            for i in range(count):
                (folder / f"r{i:06d}.txt").write_text(fresh_document(rng, sentences), encoding="utf-8")
            mb, seconds = peak_rss_mb(folder)
            print(f"{count:>7,} fresh documents: peak {mb:6.1f} MB ({seconds:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
