"""String folding shared by matching, name resolution and evaluation, and the plain rendering
of a text's typography.

Reports pasted from web pages and wire feeds carry typography that plain patterns do not
expect: curly apostrophes and quotes ("Russia’s"), non-breaking and thin spaces, soft hyphens
and zero-width characters inside words, and non-ASCII dashes inside designations ("Soyuz
MS‑22", "Progress MS–21"). `plain_text` renders such a text in plain characters, with a map
back to the original's offsets, so that matching is done on the plain form and every find
still points into the text the user gave.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from .memo import cached

_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"[\-\u2010-\u2015]")

_ONE_FOR_ONE = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
    **dict.fromkeys("\u2010\u2011", "-"),  # hyphens that are hyphens wherever they stand
}
"""Characters with one plain counterpart each: quotes and apostrophes, spaces, hyphens."""
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Soft hyphen, zero-width space and joiners, word joiner, byte-order mark: dropped."""
_NUMBER_DASHES = "\u2012\u2013\u2014\u2015\u2212"
"""Figure, en and em dashes, the horizontal bar and the minus sign: a hyphen between a letter
or digit and a digit ("MS–21", "Crew—8"), a dash elsewhere ("the module—and")."""

_TYPOGRAPHY = re.compile(f"[{''.join(_ONE_FOR_ONE)}{_INVISIBLE}]|(?<=[A-Za-z0-9])[{_NUMBER_DASHES}](?=[0-9])")
_TRANSLATION = str.maketrans({**_ONE_FOR_ONE, **dict.fromkeys(_NUMBER_DASHES, "-")})


class PlainText(NamedTuple):
    """A text in plain typography, and where each of its characters comes from.

    `origin` is None when no character was dropped (offsets are the original's); otherwise
    `origin[i]` is the original offset of plain character i, and `origin[len(text)]` the
    original's length.
    """

    text: str
    origin: tuple[int, ...] | None = None

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the plain range start:end."""
        if self.origin is None:
            return start, end
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def render_plain(text: str) -> PlainText:
    """`text` in plain typography (see the module's docstring); the text itself when it has
    nothing to change."""
    if text.isascii():
        return PlainText(text)
    found = list(_TYPOGRAPHY.finditer(text))
    if not found:
        return PlainText(text)
    if not any(text[m.start()] in _INVISIBLE for m in found):
        parts, pos = [], 0
        for m in found:  # only the matched characters: a dash elsewhere stays a dash
            parts.append(text[pos : m.start()])
            parts.append(m.group(0).translate(_TRANSLATION))
            pos = m.end()
        parts.append(text[pos:])
        return PlainText("".join(parts))
    kept = [i for i, ch in enumerate(text) if ch not in _INVISIBLE]
    plain = []
    at_match = {m.start() for m in found}
    for i in kept:
        ch = text[i]
        plain.append(ch.translate(_TRANSLATION) if i in at_match else ch)
    return PlainText("".join(plain), (*kept, len(text)))


plain_text = functools.lru_cache(maxsize=4)(render_plain)
"""`render_plain`, remembered for the last few texts: each component of a pipeline asks."""


def strip_accents(text: str) -> str:
    """Remove combining marks: "Lemaître" -> "Lemaitre", "Gezeravcı" stays dotless (not a mark)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")


@cached(65536)
def fold(text: str) -> str:
    """The comparison key of ANNOTATION.md: case, accents, hyphens, repeated spaces and
    typography (curly quotes, soft hyphens) ignored."""
    text = strip_accents(render_plain(text).text).casefold()
    text = _DASHES.sub(" ", text)
    return _SPACES.sub(" ", text).strip()
