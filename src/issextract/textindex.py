"""Questions asked of a text around each of its many dates, answered from one pass over it.

"Where does the line (or the sentence) of this date start?", "is 'from' written between here
and there?": asked with `rfind` and a regex search over a slice, each costs the length of the
line or sentence, and a report written as one long line (or with no full stops) has thousands
of dates on it, which made its time grow with the square of its length. A `TextIndex` finds
the line breaks, sentence ends and words once, then answers each question by bisection, with
exactly the answers the slices gave. A text shorter than SMALL is asked directly, as the
slices ask: the index costs more to build than it saves there.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Hashable
from typing import Any


def _positions(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + len(needle))
    return found


SMALL = 20_000
"""Characters below which a text is read with slices: at most SMALL per question, a bounded
cost, so the time is still linear in the length of long texts."""


class TextIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.small = len(text) < SMALL
        self._breaks: list[int] | None = None
        self._stops: list[int] | None = None
        self._lower: tuple[str, list[int] | None] | None = None
        self._words: dict[str, _Words] = {}
        self._memo: dict[Hashable, Any] = {}

    @property
    def breaks(self) -> list[int]:
        if self._breaks is None:
            self._breaks = _positions(self.text, "\n")
        return self._breaks

    def line_start(self, pos: int) -> int:
        """`text.rfind("\\n", 0, pos) + 1`."""
        if self.small:
            return self.text.rfind("\n", 0, pos) + 1
        k = bisect.bisect_left(self.breaks, pos)
        return self.breaks[k - 1] + 1 if k else 0

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence (or line) holding text[start:end]: from after the last
        ". " or line break before it to the first one after it."""
        if self.small:
            text = self.text
            first = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
            last = min(x for x in (text.find(". ", end), text.find("\n", end), len(text)) if x >= 0)
            return first, last
        if self._stops is None:
            self._stops = _positions(self.text, ". ")
        stops, breaks = self._stops, self.breaks
        k = bisect.bisect_right(stops, start - 2)  # ". " wholly before `start`
        j = bisect.bisect_left(breaks, start)
        first = max(stops[k - 1] if k else -1, breaks[j - 1] if j else -1) + 1
        k, j = bisect.bisect_left(stops, end), bisect.bisect_left(breaks, end)
        last = min(stops[k] if k < len(stops) else len(self.text), breaks[j] if j < len(breaks) else len(self.text))
        return first, last

    def lowered(self) -> tuple[str, list[int] | None]:
        """The text in lower case, and (when some character lowers to two) where each
        character's lower case starts in it."""
        if self._lower is None:
            lower = self.text.lower()
            at = None if len(lower) == len(self.text) else [0, *itertools.accumulate(len(c.lower()) for c in self.text)]
            self._lower = (lower, at)
        return self._lower

    def word_between(self, whole: re.Pattern[str], start: int, at: int) -> bool:
        """`bool(whole.search(text[start:at].lower()))`, for a `whole` pattern of words between
        word boundaries ("\\b(?:a|b)\\b") and a `start` where a line or sentence begins (not
        after a letter or digit, so that a word at `start` begins one in the text too)."""
        if self.small:
            return bool(whole.search(self.text[start:at].lower()))
        words = self._words.get(whole.pattern)
        if words is None:
            words = self._words[whole.pattern] = _Words(self, whole)
        return words.between(start, at)

    def once(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """What `compute` gives, worked out once per text for `key`."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value


class _Words:
    """Where a pattern's words are in the lower-cased text. A word found in a slice may end
    where the slice does although a letter follows it in the text, so the words are found
    without their closing boundary, and each is noted as whole (closed in the text) or not."""

    def __init__(self, index: TextIndex, whole: re.Pattern[str]) -> None:
        assert whole.pattern.endswith("\\b")
        lower, self.at = index.lowered()
        found = list(re.compile(whole.pattern[:-2], whole.flags).finditer(lower))
        self.starts = [w.start() for w in found]
        self.ends = [w.end() for w in found]
        self.start_of_end = {w.end(): w.start() for w in found}
        self.next_whole = [len(found)] * (len(found) + 1)
        for i in range(len(found) - 1, -1, -1):
            self.next_whole[i] = i if whole.match(lower, found[i].start()) else self.next_whole[i + 1]

    def between(self, start: int, at: int) -> bool:
        if not self.starts or at <= start:
            return False
        low, high = (start, at) if self.at is None else (self.at[start], self.at[at])
        first = self.next_whole[bisect.bisect_left(self.starts, low)]
        if first < len(self.starts) and self.ends[first] <= high:
            return True
        word_start = self.start_of_end.get(high)
        return word_start is not None and word_start >= low


_LAST: TextIndex | None = None


def index_of(text: str) -> TextIndex:
    """The index of `text`: the last one made is kept, as the questions about one text come
    one after another."""
    global _LAST
    index = _LAST
    if index is None or index.text is not text:
        index = _LAST = TextIndex(text)
    return index
