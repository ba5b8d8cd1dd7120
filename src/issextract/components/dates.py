"""spaCy component: date expressions as spans in doc.spans["dates"], resolved to ISO 8601."""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import dates as grammar
from ..dates import DateMention, date_values, find_dates, resolve
from ..textnorm import plain_text
from .spans import DOCUMENT_DATE, Mention, doc_text, mention_over, write_mentions

STATED_DATE = "issextract_stated_date"
"""doc.user_data key: the date the document states for itself (ISO), or None."""
CANDIDATE_DATE = "issextract_candidate_date"
"""doc.user_data key, set before the pipeline runs: a date the document's container gives it (a
saved web page's publication date), taken as its stated date when its text states none."""

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
        plain = plain_text(text)  # "Oct.\u00a015", "2025\u20132026": read in plain typography
        own = doc.user_data.get(REFERENCE_DATE)
        reference = date.fromisoformat(own) if own else self.reference
        candidate = doc.user_data.get(CANDIDATE_DATE)
        candidate = date.fromisoformat(candidate) if candidate else None
        mentions, stated = resolve(plain.text, find_dates(plain.text), reference, candidate)
        doc.user_data[STATED_DATE] = stated.isoformat() if stated else None
        info = document_date(plain.text, stated, mentions, reference)
        if candidate is not None and stated == candidate and not any(m.value == info["value"] for m in mentions):
            info = {**info, "source": "page"}  # the page's date: no date in the text is it
        doc.user_data[DOCUMENT_DATE] = info
        found = []
        for mention in mentions:
            values = date_values(mention)
            start, end = plain.original(mention.start, mention.end)
            attrs = {
                "text": text[start:end],
                "values": values,
                "precision": mention.precision,
                "relative": mention.relative,
            }
            over = mention_over(doc, start, end, values[0] if values else "", attrs)
            if over is not None:
                found.append(over)
        write_mentions(doc, "dates", found, self.spans)
        return doc


def _dateline(text: str, mention: DateMention, line: tuple[int, int]) -> bool:
    """A dateline ("MOSCOW, Dec 16 (Reuters) -", "Dec. 15 (UPI) --"), not a title ending in a
    dash ("On-Orbit Status 20 August, 2020 - Looking for a Leak")."""
    if not grammar._is_dateline(text, mention, line):
        return False
    before = text[line[0] : mention.start].strip()
    after = text[mention.end : line[1]].lstrip()
    return after.startswith(("(", ".", "/")) or (bool(before) and before.endswith(","))


def document_date(
    text: str, stated: date | None, mentions: list[DateMention], reference: date | None
) -> dict[str, Any]:
    """The report's own date and its source: the line that states it ("title", "dateline",
    "published"), else the year of a copyright line ("copyright"), else `--date` ("option")."""
    if stated is not None:
        value = stated.isoformat()
        source = "title"
        for line_start, line_end in grammar._line_bounds(text, grammar.HEAD_LINES):
            line = text[line_start:line_end]
            mention = next((m for m in mentions if line_start <= m.start < line_end and m.value == value), None)
            if mention is None:
                continue
            if grammar._PUBLISHED.search(line[: mention.start - line_start].lower()):
                source = "published"
            elif _dateline(text, mention, (line_start, line_end)):
                source = "dateline"
            break
        else:
            source = "published"  # a 'Published ...' line further down
        return {"value": value, "source": source}
    copyright = grammar._copyright(text)
    if copyright:
        return {"value": copyright.group("year"), "source": "copyright"}
    if reference is not None:
        return {"value": reference.isoformat(), "source": "option"}
    return {"value": None, "source": None}


@Language.factory(
    "issextract_dates",
    default_config={"reference_date": "", "spans": True},
    assigns=["doc._.issx", "doc.spans", "span._.issx"],
)
def make_date_finder(nlp: Language, name: str, reference_date: str, spans: bool) -> DateFinder:
    """Dates normalised against the document's own time (or `reference_date`), never the clock."""
    return DateFinder(reference_date, spans)
