"""Build the issextract pipeline: spaCy's blank English tokenizer plus our own components."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

# Importing the component modules registers their factories with spaCy.
from .components import dates, entities, incidents, people  # noqa: F401
from .components.spans import keep_text


class TextKeepingTokenizer:
    """spaCy's tokenizer, keeping the input text on the Doc for the components to read.

    `doc.text` re-joins every token on each access; spaCy's tokenization is non-destructive,
    so the input string is the same text, already built.
    """

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        keep_text(doc, text)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


COMPONENTS = ("issextract_entities", "issextract_people", "issextract_dates", "issextract_incidents")


def build_pipeline(gazetteers: Sequence[str | Path] = (), reference_date: str = "", spans: bool = True) -> Language:
    """A blank English pipeline with every issextract component.

    `gazetteers` extend the shipped data/; `reference_date` (YYYY-MM-DD) is when the reports
    were written, for weekdays and relative dates. With `spans` (the default) finds are also
    written to `doc.spans`; the command line reads them as plain data and does without.
    """
    nlp = spacy.blank("en")
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    paths = [str(p) for p in gazetteers]
    nlp.add_pipe("issextract_entities", config={"gazetteers": paths, "spans": spans})
    nlp.add_pipe("issextract_people", config={"gazetteers": paths, "spans": spans})
    nlp.add_pipe("issextract_dates", config={"reference_date": reference_date, "spans": spans})
    nlp.add_pipe("issextract_incidents", config={"gazetteers": paths, "spans": spans})
    return nlp
