"""Per-span attributes of issextract's spans, and the document text, kept on the Doc.

Attributes live in one dict in `doc.user_data`, keyed by the span's label, identity and token range: a
plain dict look-up, where spaCy's `span._` builds an accessor object on every access. They are
also readable the spaCy way, as the `span._.issx` extension.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from ..regexes import lowered

ATTR = "issx"
_ATTRS = "issextract_span_attrs"
_TEXT = "issextract_text"
_LOWER = "issextract_lower"


def set_span_attrs(span: Span, attrs: dict[str, Any]) -> None:
    span.doc.user_data.setdefault(_ATTRS, {})[(span.label, span.kb_id, span.start, span.end)] = attrs


def span_attrs(span: Span) -> dict[str, Any]:
    table = span.doc.user_data.get(_ATTRS)
    return table.get((span.label, span.kb_id, span.start, span.end), {}) if table else {}


if not Span.has_extension(ATTR):
    Span.set_extension(ATTR, getter=span_attrs)


def keep_text(doc: Doc, text: str) -> None:
    doc.user_data[_TEXT] = text


def doc_text(doc: Doc) -> str:
    """The document text, built once per document: `doc.text` re-joins every token each call."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def doc_lower(doc: Doc) -> str:
    """The document text in lower case, offset for offset (see `regexes.lowered`), built once."""
    lower = doc.user_data.get(_LOWER)
    if lower is None:
        lower = doc.user_data[_LOWER] = lowered(doc_text(doc))
    return lower
