"""Score output records against gold files (format: ../shared/ANNOTATION.md).

Each gold entry is one thing with its alternative names ("Pyotr Dubrov | Piotr Doubrov"); an
output item matches it when its name equals an alternative after folding (case, accents,
hyphens, spaces). An output item that matches an entry already matched is a false hit: one
person, one entry. Items matching an `_optional` entry count neither way.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .reading import InputError, quoted, read_regular
from .record import Record
from .registry import Registry, shipped_registry
from .textnorm import fold

SCORED = shipped_registry().names
"""The shipped categories, in output order: each is scored."""


def scored_categories(registry: Registry, golds: Iterable[dict[str, Any] | None]) -> tuple[str, ...]:
    """What is scored: the shipped categories, and those a user declared (registry) that a
    gold file lists, in the registry's order."""
    listed = {key.removesuffix("_optional") for gold in golds if gold for key in gold}
    return tuple(c for c in registry.names if c in SCORED or c in listed)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class DocResult:
    doc: str
    scores: dict[str, Score] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    false_hits: dict[str, list[str]] = field(default_factory=dict)


def _key(category: str, value: str) -> str:
    return value.strip() if category == "dates" else fold(value)


def _entries(raw: Any, category: str) -> list[list[str]]:
    """Gold entries as lists of alternative keys ("a | b" -> [a, b])."""
    return [[_key(category, alt) for alt in str(item).split("|")] for item in raw or []]


def output_names(record: dict[str, Any], category: str) -> list[str]:
    return Record.read(record).names(category)


def score_category(names: Iterable[str], gold: Any, optional: Any, category: str) -> tuple[Score, list[str], list[str]]:
    """(score, gold entries missed, output names that were false hits)."""
    required = _entries(gold, category)
    optional_keys = {alt for entry in _entries(optional, category) for alt in entry}
    matched = [False] * len(required)
    score, false_hits = Score(), []
    for name in names:
        key = _key(category, name)
        hit = next((i for i, alts in enumerate(required) if key in alts and not matched[i]), None)
        if hit is not None:
            matched[hit] = True
            score.tp += 1
        elif key in optional_keys:
            continue
        else:
            score.fp += 1
            false_hits.append(name)
    misses = [" | ".join(str(gold[i]).split("|")).replace("  ", " ") for i, m in enumerate(matched) if not m]
    score.fn = len(misses)
    return score, misses, false_hits


class GoldError(ValueError):
    """A gold file that cannot be used; the message names it (and the line) on one line."""


GOLD_MAX_BYTES = 1024 * 1024


def load_gold(path: Path) -> dict[str, Any]:
    """A gold file's entries, checked: a mapping of category to a list of names or values."""
    where = quoted(str(path))
    try:
        data = read_regular(path, GOLD_MAX_BYTES, "gold files")
    except InputError as exc:
        raise GoldError(f"{where}: {exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldError(f"{where}: not UTF-8 text (byte {exc.start})") from None
    try:
        gold = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not YAML"
        raise GoldError(f"{where}{line}: invalid YAML: {problem}") from None
    return _checked_gold(gold or {}, where)


def _checked_gold(gold: Any, where: str) -> dict[str, Any]:
    if not isinstance(gold, dict):
        raise GoldError(f"{where}: a gold file is a mapping of category: [entries]")
    for category in SCORED:
        for key in (category, f"{category}_optional"):
            items = gold.get(key)
            if items is None:
                continue
            if not isinstance(items, list) or not all(_scalar(item) for item in items):
                raise GoldError(f"{where}: '{key}' must be a list of names or values")
    return gold


def _scalar(item: Any) -> bool:
    """A gold item: text, or what YAML reads unquoted dates and numbers as."""
    return isinstance(item, (str, int, float, date)) and not isinstance(item, bool)


def score_document(
    record: dict[str, Any], gold: dict[str, Any], name: str, categories: tuple[str, ...] = SCORED
) -> DocResult:
    result = DocResult(name)
    read = Record.read(record)
    for category in categories:
        score, misses, false_hits = score_category(
            read.names(category), gold.get(category), gold.get(f"{category}_optional"), category
        )
        result.scores[category] = score
        result.misses[category] = misses
        result.false_hits[category] = false_hits
    return result


GOLD_SUFFIX = ".gold.yaml"


def gold_pairs(folder: Path, pattern: str = "*.txt") -> tuple[list[tuple[Path, Path]], list[str]]:
    """(text, gold) pairs: every NAME.gold.yaml with its text beside it, the file matching
    `pattern` named NAME plus one suffix (NAME.txt); and one line for each gold file whose text
    is missing."""
    texts: dict[str, Path] = {}
    for path in sorted(folder.glob(pattern)):
        if not path.name.endswith(GOLD_SUFFIX):
            texts.setdefault(path.name.rsplit(".", 1)[0], path)
    pairs, missing = [], []
    for gold in sorted(folder.glob("*" + GOLD_SUFFIX)):
        name = gold.name[: -len(GOLD_SUFFIX)]
        text = texts.get(name)
        if text is not None and os.path.lexists(text):
            pairs.append((text, gold))
        else:
            expected = name + pattern[1:] if pattern.startswith("*") else pattern
            missing.append(f"{quoted(str(gold))}: no {quoted(expected)} beside it")
    return pairs, missing


def scored_in(results: list[DocResult]) -> tuple[str, ...]:
    """The categories the results score (SCORED, and the declared ones gold files list)."""
    return tuple(results[0].scores) if results else SCORED


def totals(results: list[DocResult]) -> dict[str, Score]:
    total = {category: Score() for category in scored_in(results)}
    for result in results:
        for category, score in result.scores.items():
            total[category].add(score)
    return total


def micro(total: dict[str, Score]) -> Score:
    """All categories pooled."""
    pooled = Score()
    for score in total.values():
        pooled.add(score)
    return pooled
