"""Stable ids for extracted things: the same id in every document for the same thing.

A thing the gazetteers know (a roster person, a module, a craft in either numbering scheme, an
agency, an outlet) is named by its canonical entry, so its id is a slug of that name: the
output `name` follows the text ("Piotr Doubrov"), the id does not ("person:pyotr-dubrov"). A
person known only from the text is named by the spelling-independent key the people finder
folds spellings with (`names.skeleton`), so "Dmitri Petelin" and "Dmitry Petelin" written in
two reports of an unknown person share one id.

Crew and other people share the prefix `person`: one person may be crew in one report (by a
crew title) and an official in another, and is still one person. Plain functions, no spaCy.
"""

from __future__ import annotations

import functools
import re

from .names import skeleton
from .registry import shipped_registry
from .textnorm import fold

PREFIXES = {c.name: c.id_prefix for c in shipped_registry() if c.shape == "items"}
"""The id prefix of each shipped category of named things: what kind of thing the id names
(data/categories.yaml, `id`); a declared category's prefix is passed with it."""

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=16384)
def slug(text: str) -> str:
    """Lower-case letters and digits joined by single hyphens: "Soyuz MS-22" -> "soyuz-ms-22".

    Accents are folded away first ("Lemaître" -> "lemaitre"); a name with no Latin letter or
    digit at all keeps its folded form, so that it still has an id of its own.
    """
    folded = fold(text)
    return _NOT_SLUG.sub("-", folded).strip("-") or folded.replace(" ", "-")


def entry_id(category: str, canonical: str, prefix: str | None = None) -> str:
    """The id of a gazetteer entry (or of a craft named by a numbering scheme), from its canonical name."""
    return f"{prefix or PREFIXES[category]}:{slug(canonical)}"


def name_id(category: str, name: str, prefix: str | None = None) -> str:
    """The id of a thing found from the text alone: from its accent-, case- and
    transliteration-folded name, so that its spellings agree."""
    return f"{prefix or PREFIXES[category]}:{slug(skeleton(name).replace('_', ' '))}"


def date_id(value: str | None, text: str) -> str:
    """A date's id: its ISO value, the same in every document; an unresolved one's, its folded wording."""
    return f"date:{value}" if value else f"date:{slug(text)}"
