"""String folding shared by matching, name resolution and evaluation."""

from __future__ import annotations

import re
import unicodedata

from .memo import cached

_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"[\-\u2010-\u2015]")


def strip_accents(text: str) -> str:
    """Remove combining marks: "Lemaître" -> "Lemaitre", "Gezeravcı" stays dotless (not a mark)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")


@cached(65536)
def fold(text: str) -> str:
    """The comparison key of ANNOTATION.md: case, accents, hyphens and repeated spaces ignored."""
    text = strip_accents(text).casefold()
    text = _DASHES.sub(" ", text)
    text = text.replace("\u2019", "'")
    return _SPACES.sub(" ", text).strip()
