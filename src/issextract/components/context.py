"""Whether a text is about spaceflight, as a whole and around one word.

Many names of the station's modules and craft are common words or other things' names
("Unity", "Resilience", "Jules Verne", "Atlantis"); the gazetteer marks them `ambiguous`, and
they count only with spaceflight context: other spaceflight finds or words in the document, or
a word naming the craft's kind or owner nearby ("the capsule", "SpaceX's"). Crew, likewise,
are crew only in a text about spaceflight: a "commander" elsewhere is another kind of one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Doc

from ..regexes import whole_words
from .spans import Mention

SPACEFLIGHT = "issextract_spaceflight"
"""doc.user_data key: whether the document is about spaceflight (see `SpaceflightContext`)."""

NEARBY = 40
"""How far (characters) a word naming a craft's kind or owner may stand from its name, in its
sentence."""

EVIDENCE = ("modules", "vehicles", "agencies")
"""Categories whose unambiguous finds make a text a spaceflight text (crew names and outlets
do not: a senator who once flew, a news agency)."""


class SpaceflightContext:
    """Spaceflight context from the lexicon's `spaceflight_words` (anywhere in a text) and
    `spaceflight_nearby` (beside an ambiguous name). Looked for only when asked: most texts
    name an unambiguous module, vehicle or agency, which settles it."""

    def __init__(self, lexicon: Mapping[str, frozenset[str]]) -> None:
        words = lexicon.get("spaceflight_words", frozenset())
        self.nearby = words | lexicon.get("spaceflight_nearby", frozenset())
        self.document_words = whole_words(words)
        self.nearby_words = whole_words(self.nearby)

    def in_document(self, lower: str, certain: Iterable[tuple[str, Mention]]) -> bool:
        """Whether a text (lower-cased) is about spaceflight: an unambiguous module, vehicle or
        agency found in it, or a spaceflight word."""
        if any(category in EVIDENCE for category, _ in certain):
            return True
        return self.document_words.search(lower) is not None

    def near(self, lower: str, start: int, end: int) -> bool:
        """Whether a word naming a craft's kind or owner stands near start:end, in its sentence."""
        sentence_start = max(lower.rfind(". ", 0, start), lower.rfind("\n\n", 0, start), start - NEARBY, 0)
        sentence_end = min(x for x in (lower.find(". ", end), lower.find("\n\n", end), end + NEARBY) if x >= 0)
        return (
            self.nearby_words.search(lower, sentence_start, start) is not None
            or self.nearby_words.search(lower, end, sentence_end) is not None
        )


def is_spaceflight(doc: Doc) -> bool:
    """What the entity component found; a document it did not see is taken as spaceflight."""
    return bool(doc.user_data.get(SPACEFLIGHT, True))
