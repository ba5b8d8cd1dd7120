"""The span extension every issextract component writes its per-entity attributes to."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

ATTR = "issx"

if not Span.has_extension(ATTR):
    Span.set_extension(ATTR, default=None)


def set_span_attrs(span: Span, attrs: dict[str, Any]) -> None:
    span._.set(ATTR, attrs)


def span_attrs(span: Span) -> dict[str, Any]:
    return span._.get(ATTR) or {}


_TEXT = "issextract_text"


def keep_text(doc: Doc, text: str) -> None:
    doc.user_data[_TEXT] = text


def doc_text(doc: Doc) -> str:
    """The document text, built once per document: `doc.text` re-joins every token each call."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text
