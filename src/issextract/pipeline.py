"""Build the issextract pipeline: spaCy's blank English tokenizer plus our own components."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories with spaCy.
from .components import dates, entities, incidents, people  # noqa: F401
from .components.dates import CANDIDATE_DATE, REFERENCE_DATE
from .components.pipe import GazetteerData
from .reading import DEFAULT_MAX_BYTES
from .tokenizer import tokenizer_config

COMPONENTS = ("issextract_entities", "issextract_dates", "issextract_people", "issextract_incidents")


def build_pipeline(
    gazetteers: Sequence[str | Path] = (),
    reference_date: str = "",
    spans: bool = True,
    max_chars: int = DEFAULT_MAX_BYTES,
) -> Language:
    """A blank English pipeline (spaCy's tokenization, see tokenizer.py) with every issextract component.

    `gazetteers` extend the shipped data/; `reference_date` (YYYY-MM-DD) is when the reports
    were written, for weekdays and relative dates. With `spans` (the default) finds are also
    written to `doc.spans`; the command line reads them as plain data and does without.
    `max_chars` is the longest text taken: spaCy refuses texts over a million characters by
    default (its limit guards the memory of parsers, which this pipeline has none of); the
    command line passes what --max-size allows.

    The pipeline saves (`nlp.to_disk`, then `spacy.load`) and pickles with the gazetteers'
    texts, so neither needs data/ or the `gazetteers` files (see components/pipe.py).
    """
    nlp = spacy.blank("en", config=tokenizer_config())
    nlp.max_length = max(nlp.max_length, max_chars)
    paths = [str(p) for p in gazetteers]
    data = GazetteerData.read(paths)  # once for the pipeline's components
    nlp.add_pipe("issextract_entities", config={"gazetteers": paths, "spans": spans}).initialize(data=data)
    nlp.add_pipe("issextract_dates", config={"reference_date": reference_date, "spans": spans})
    nlp.add_pipe("issextract_people", config={"gazetteers": paths, "spans": spans}).initialize(data=data)
    nlp.add_pipe("issextract_incidents", config={"gazetteers": paths, "spans": spans}).initialize(data=data)
    return nlp


def process(nlp: Language, text: str, candidate_date: str | None = None, reference_date: str = "") -> Doc:
    """The pipeline over one text; `candidate_date` (YYYY-MM-DD) is a date its container gives it
    (a saved web page's publication date), taken as its own date when the text states none;
    `reference_date` is when it was written, in place of the pipeline's `reference_date`."""
    if candidate_date is None and not reference_date:
        return nlp(text)
    doc = nlp.make_doc(text)
    if candidate_date is not None:
        doc.user_data[CANDIDATE_DATE] = candidate_date
    if reference_date:
        doc.user_data[REFERENCE_DATE] = reference_date
    return nlp(doc)
