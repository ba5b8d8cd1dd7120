"""A fresh benchmark corpus: reports no two alike, new words arriving all the way through.

Repeated documents are spaCy's tokenizer at its worst and a pipeline's memos at their best; a
corpus built from them says little about a folder of real reports. Each fresh report here is a
title, a dateline and sentences drawn at random across real reports (the project's samples and,
when it sits beside the project, the dev corpus in ../shared/corpus/dev) and across the
synthetic report templates of `fresh_reports.py`; then every number and year is changed, month
and weekday names are swapped, and about one word in eight is invented (syllables, capitalised
names, codes such as "KAVEL-3140"), so the vocabulary keeps growing however many reports are
written. Deterministic for a seed.

    python benchmarks/fresh_text.py OUT_DIR [--words 1000000] [--seed 19]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "samples", ROOT.parent / "shared" / "corpus" / "dev"]
SYLLABLES = ["ka", "zor", "vel", "mi", "tra", "qu", "on", "ex", "lu", "dri", "sa", "nof", "pe", "gry", "th",
             "ul", "bre", "cas", "dov", "fin", "gal", "hem", "jor", "ket", "lam", "mur", "nis", "pol", "rad",
             "sil"]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])|\n\s*\n")
_NUMBER = re.compile(r"\d+")
_MONTH = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")


def source_sentences() -> list[str]:
    """Sentences of the real reports found beside the project, and filled synthetic ones."""
    sys.path.insert(0, str(Path(__file__).parent))
    import fresh_reports

    sentences = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
            text = path.read_text(encoding="utf-8")
            sentences += [" ".join(s.split()) for s in _SENTENCE_END.split(text) if len(s.split()) >= 5]
    rng = random.Random(7)
    names = fresh_reports.gazetteer_names()
    synthetic = [fresh_reports._fill(rng.choice(fresh_reports.SENTENCES), rng, names, fresh_reports.date(2010, 6, 1))
                 for _ in range(max(200, len(sentences) // 2))]  # fmt: skip
    return sentences + synthetic


def fresh_word(rng: random.Random) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    form = rng.random()
    if form < 0.35:
        return word.capitalize()
    if form < 0.45:
        return f"{word.upper()}-{rng.randint(1, 9999)}"
    return word


def _number(rng: random.Random, match: re.Match[str]) -> str:
    digits = match.group(0)
    if len(digits) == 4 and digits[:2] in {"19", "20"}:
        return str(rng.randint(1998, 2026))  # a year stays a year
    if len(digits) <= 2:
        return str(rng.randint(1, 28 if int(digits) <= 31 else 99))  # a day stays a day
    return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))


def freshen(sentence: str, rng: random.Random) -> str:
    """The sentence with its numbers and names of days and months changed and new words in it."""
    sentence = _NUMBER.sub(lambda m: _number(rng, m), sentence)
    sentence = _MONTH.sub(lambda _: rng.choice(MONTHS), sentence)
    sentence = _WEEKDAY.sub(lambda _: rng.choice(WEEKDAYS), sentence)
    words = sentence.split(" ")
    for _ in range(max(1, len(words) // 8)):
        words.insert(rng.randrange(1, len(words) + 1), fresh_word(rng))
    return " ".join(words)


def report(rng: random.Random, sentences: list[str]) -> str:
    """A title line, a date line and four to eight paragraphs of two to four sentences."""
    year = rng.randint(1998, 2026)
    title = freshen(rng.choice(sentences), rng).rstrip(".")[:90]
    dated = f"{rng.choice(WEEKDAYS)}, {rng.choice(MONTHS)} {rng.randint(1, 28)}, {year}"
    paragraphs = [
        " ".join(freshen(rng.choice(sentences), rng) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.randint(4, 8))
    ]
    return f"{title}\n{dated}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, target_words: int, seed: int = 19) -> list[str]:
    """Fresh reports of about 400 words in `folder` until `target_words` are written; their texts."""
    rng = random.Random(seed)
    sentences = source_sentences()
    texts: list[str] = []
    words = 0
    while words < target_words:
        text = report(rng, sentences)
        (folder / f"fresh-{len(texts):05d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
        words += len(text.split())
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    texts = write_corpus(args.out_dir, args.words, args.seed)
    print(f"{len(texts)} reports, {sum(len(t.split()) for t in texts):,} words in {args.out_dir}")


if __name__ == "__main__":
    main()
