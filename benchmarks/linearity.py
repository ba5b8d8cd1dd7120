"""Is the time of one report linear in its length, even when it is one long line?

First, a report of about 2 MB made of fresh reports (`fresh_text.py`: paragraphs, lines,
titles and datelines, new words all the way through) against the same text cut into reports
of about 100 KB: each stage's time for the one report as a ratio to its time for the pieces
(1.0 is linear; the target is at most 1.5). Then:

Builds single-line reports of about 80 KB and 900 KB from the sample reports (their lines
joined with spaces, repeated), runs the pipeline over each, component by component, and prints
each component's time per 100 KB at both sizes and the ratio of the two: 1.0 is linear, 11
would be quadratic (900/80). A report of two million characters is run too, to show that
reports over spaCy's default limit of a million characters are taken.

    python benchmarks/linearity.py [--small 80000] [--large 900000]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

from issextract.pipeline import build_pipeline
from issextract.record import doc_to_record

ROOT = Path(__file__).resolve().parents[1]


def one_line(size: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    base = " ".join(" ".join(t.split()) for t in texts) + " "
    return (base * (size // len(base) + 1))[:size]


def timed(nlp, text: str) -> dict[str, float]:
    """Seconds per stage: tokenizer, each component, the record."""
    times = {}
    started = time.perf_counter()
    doc = nlp.make_doc(text)
    times["tokenizer"] = time.perf_counter() - started
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        doc = component(doc)
        times[name] = time.perf_counter() - started
    started = time.perf_counter()
    doc_to_record(doc, "x")
    times["record"] = time.perf_counter() - started
    return times


def _pipeline():
    nlp = build_pipeline(spans=False, max_chars=10 * 1024 * 1024)
    timed(nlp, one_line(20_000))  # compiles the lazily built patterns
    return nlp


def fresh_report(size: int, piece: int) -> tuple[str, list[str]]:
    """A report of about `size` characters of fresh text, and the same text in pieces of about `piece`."""
    sys.path.insert(0, str(Path(__file__).parent))
    import fresh_text

    with tempfile.TemporaryDirectory() as tmp:
        texts = fresh_text.write_corpus(Path(tmp), size // 6)  # about six characters a word
    whole, pieces, current = "", [], ""
    for text in texts:
        whole += text + "\n"
        current += text + "\n"
        if len(current) >= piece:
            pieces.append(current)
            current = ""
    return whole, [*pieces, current] if current else pieces


def compare_sizes(size: int, piece: int) -> None:
    """Each side runs in a pipeline of its own, so that neither finds the words of the other
    already in the vocabulary and the tokenizer's cache."""
    whole, pieces = fresh_report(size, piece)
    one = timed(_pipeline(), whole)
    nlp = _pipeline()
    parts = [timed(nlp, p) for p in pieces]
    print(f"one report of {len(whole):,} characters against {len(pieces)} of about {piece:,}")
    print(f"{'stage':24} {'pieces s':>9} {'one s':>9} {'ratio':>6}")
    for stage in one:
        split = sum(p[stage] for p in parts)
        print(f"{stage:24} {split:9.2f} {one[stage]:9.2f} {one[stage] / split:6.2f}")
    split_total, one_total = sum(sum(p.values()) for p in parts), sum(one.values())
    print(f"{'total':24} {split_total:9.2f} {one_total:9.2f} {one_total / split_total:6.2f}\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=80_000)
    parser.add_argument("--large", type=int, default=900_000)
    parser.add_argument("--report", type=int, default=2_000_000, help="size of the one fresh report")
    parser.add_argument("--piece", type=int, default=100_000, help="size of the pieces it is compared with")
    args = parser.parse_args()
    compare_sizes(args.report, args.piece)
    nlp = _pipeline()
    gc.freeze()  # as the command line does: the pipeline's objects out of the collector's sight
    small, large = timed(nlp, one_line(args.small)), timed(nlp, one_line(args.large))
    scale = args.large / args.small
    print(f"{'stage':24} {'s/100KB small':>14} {'s/100KB large':>14} {'ratio':>6}")
    for stage in small:
        per_small = small[stage] / args.small * 100_000
        per_large = large[stage] / args.large * 100_000
        ratio = per_large / per_small if per_small else float("nan")
        print(f"{stage:24} {per_small:14.4f} {per_large:14.4f} {ratio:6.2f}")
    total_small, total_large = sum(small.values()), sum(large.values())
    print(f"{'total':24} {total_small:13.2f}s {total_large:13.2f}s {total_large / total_small / scale:6.2f}")
    started = time.perf_counter()
    doc_to_record(nlp(one_line(2_000_000)), "x")
    print(f"2,000,000 characters on one line: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
