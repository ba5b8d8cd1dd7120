"""Sentence bounds for evidence and incident rules, with no parser in the pipeline.

A line break always ends a sentence (titles, bullets and datelines stand on lines of their
own). Within a line, '.', '!' or '?' (with any closing quotes or brackets) ends one when the
next word starts like a sentence (a capital, a digit, a quote, a bullet) and the word before the
stop is not an abbreviation: "10:30 a.m. CDT", "Dr. Smith", "the U.S. segment", "approx. 2 mm",
"Dec. 14" and "MOSCOW, Oct. 9 (Reuters) -" stay whole. The abbreviations are data
(`sentence_abbreviations` in data/incidents.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A stop, its closing marks, the spaces after it, and the first character of what follows.
_STOP = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=[ \t\u00a0]+[\"'\u201c\u2018(\[A-Z0-9\u2022\u2013\u2014-])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$|[A-Z]$")  # U.S., a.m., e.g., and a single initial


class SentenceSplitter:
    """Splits text into sentence bounds; `abbreviations` are words (without their final dot,
    any case) after which a dot does not end a sentence."""

    def __init__(self, abbreviations: Iterable[str] = ()) -> None:
        self.abbreviations = frozenset(a.rstrip(".").casefold() for a in abbreviations)

    def _is_abbreviation(self, text: str, stop: int) -> bool:
        if text[stop] != ".":
            return False
        word = _WORD_BEFORE.search(text, max(0, stop - 24), stop)
        if word is None:
            return False
        token = word.group(1)
        return bool(_DOTTED.search(token + ".") or _DOTTED.match(token)) or token.casefold() in self.abbreviations

    def bounds(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every non-blank sentence, in order; ends include the stop."""
        out: list[tuple[int, int]] = []
        line_start = 0
        length = len(text)
        while line_start < length:
            line_end = text.find("\n", line_start)
            line_end = length if line_end < 0 else line_end + 1
            start = line_start
            for stop in _STOP.finditer(text, line_start, line_end):
                if self._is_abbreviation(text, stop.start()):
                    continue
                _add(out, text, start, stop.end())
                start = stop.end()
            _add(out, text, start, line_end)
            line_start = line_end
        return out


def _add(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Append the bounds with surrounding spaces trimmed, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))
