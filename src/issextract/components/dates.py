"""spaCy component: date expressions as spans in doc.spans["dates"], resolved to ISO 8601."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..dates import date_values, find_dates, resolve
from .spans import doc_text, set_span_attrs

STATED_DATE = "issextract_stated_date"
"""doc.user_data key: the date the document states for itself (ISO), or None."""


class DateFinder:
    """Finds and resolves dates; `reference_date` (YYYY-MM-DD) is when the report was written."""

    def __init__(self, reference_date: str = "") -> None:
        self.reference = date.fromisoformat(reference_date) if reference_date else None

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = doc_text(doc)
        mentions, stated = resolve(text, find_dates(text), self.reference)
        doc.user_data[STATED_DATE] = stated.isoformat() if stated else None
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            values = date_values(mention)
            out = Span(doc, span.start, span.end, label="dates", kb_id=values[0] if values else "")
            set_span_attrs(
                out,
                {
                    "text": mention.text,
                    "values": values,
                    "precision": mention.precision,
                    "relative": mention.relative,
                },
            )
            spans.append(out)
        doc.spans["dates"] = spans
        return doc


@Language.factory("issextract_dates", default_config={"reference_date": ""})
def make_date_finder(nlp: Language, name: str, reference_date: str) -> DateFinder:
    """Dates normalised against the document's own time (or `reference_date`), never the clock."""
    return DateFinder(reference_date)
