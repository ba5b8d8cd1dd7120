"""The span extension every issextract component writes its per-entity attributes to."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

ATTR = "issx"

if not Span.has_extension(ATTR):
    Span.set_extension(ATTR, default=None)


def set_span_attrs(span: Span, attrs: dict[str, Any]) -> None:
    span._.set(ATTR, attrs)


def span_attrs(span: Span) -> dict[str, Any]:
    return span._.get(ATTR) or {}
