"""spaCy component: date expressions as spans in doc.spans["dates"], resolved to ISO 8601."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..dates import date_values, find_dates, resolve
from .spans import Mention, doc_text, mention_over, write_mentions

STATED_DATE = "issextract_stated_date"
"""doc.user_data key: the date the document states for itself (ISO), or None."""

REFERENCE_DATE = "issextract_reference_date"
"""doc.user_data key, set before the pipeline runs: when this document was written (ISO),
in place of the component's `reference_date` (one pipeline serves reports of many dates)."""


def latest_day(dates: list[Mention]) -> str | None:
    """The latest day (ISO) a report dates itself or its events to: what 'now' is for it."""
    days = [v for d in dates for v in d.attrs.get("values") or () if len(v) == 10]
    return max(days) if days else None


class DateFinder:
    """Finds and resolves dates; `reference_date` (YYYY-MM-DD) is when the report was written."""

    def __init__(self, reference_date: str = "", spans: bool = True) -> None:
        self.reference = date.fromisoformat(reference_date) if reference_date else None
        self.spans = spans

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        own = doc.user_data.get(REFERENCE_DATE)
        mentions, stated = resolve(text, find_dates(text), date.fromisoformat(own) if own else self.reference)
        doc.user_data[STATED_DATE] = stated.isoformat() if stated else None
        found = []
        for mention in mentions:
            values = date_values(mention)
            attrs = {
                "text": mention.text,
                "values": values,
                "precision": mention.precision,
                "relative": mention.relative,
            }
            over = mention_over(doc, mention.start, mention.end, values[0] if values else "", attrs)
            if over is not None:
                found.append(over)
        write_mentions(doc, "dates", found, self.spans)
        return doc


@Language.factory("issextract_dates", default_config={"reference_date": "", "spans": True})
def make_date_finder(nlp: Language, name: str, reference_date: str, spans: bool) -> DateFinder:
    """Dates normalised against the document's own time (or `reference_date`), never the clock."""
    return DateFinder(reference_date, spans)
