"""Build the issextract pipeline: spaCy's blank English tokenizer plus our own components."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language

# Importing the component modules registers their factories with spaCy.
from .components import dates, entities, incidents, people  # noqa: F401

COMPONENTS = ("issextract_entities", "issextract_people", "issextract_dates", "issextract_incidents")


def build_pipeline(gazetteers: Sequence[str | Path] = (), reference_date: str = "") -> Language:
    """A blank English pipeline with every issextract component.

    `gazetteers` extend the shipped data/; `reference_date` (YYYY-MM-DD) is when the reports
    were written, for weekdays and relative dates.
    """
    nlp = spacy.blank("en")
    paths = [str(p) for p in gazetteers]
    nlp.add_pipe("issextract_entities", config={"gazetteers": paths})
    nlp.add_pipe("issextract_people", config={"gazetteers": paths})
    nlp.add_pipe("issextract_dates", config={"reference_date": reference_date})
    nlp.add_pipe("issextract_incidents", config={"gazetteers": paths})
    return nlp
