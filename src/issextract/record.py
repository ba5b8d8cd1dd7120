"""Doc -> the plain dict of the output contract. The only module that knows the contract.

Everything downstream (writers, evaluation, worker processes) sees plain dicts, never spaCy.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from . import CATEGORIES
from .components.dates import DOCUMENT_DATE
from .components.spans import Mention, doc_text, read_mentions
from .ids import date_id, entry_id
from .textnorm import fold

ENTITY_EXTRAS = {
    "modules": ("segment",),
    "vehicles": ("kind", "also_known_as"),
    "agencies": ("country",),
    "media": ("country",),
    "crew": ("roster_name", "agency", "nationality"),
    "people": ("role",),
}
EVIDENCE_LIMIT = 3


def _entity_items(mentions: list[Mention], category: str, text: str) -> list[dict[str, Any]]:
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:  # in text order
        grouped.setdefault(mention.name, []).append(mention)
    items = []
    for identity, group in grouped.items():
        attrs: dict[str, Any] = {}  # the first value of each attribute, in text order
        merged = set()  # mentions of one entry or person mostly share one attributes object
        for mention in group:
            if id(mention.attrs) not in merged:
                merged.add(id(mention.attrs))
                for key, value in mention.attrs.items():
                    attrs.setdefault(key, value)
        name = attrs.get("display") or identity
        item: dict[str, Any] = {"id": attrs.get("id") or entry_id(category, identity), "name": name}
        item["mentions"] = len(group)
        aliases = _aliases(name, (text[m.start_char : m.end_char] for m in group))
        if aliases:
            item["aliases"] = aliases
        if category == "vehicles" and name != identity:
            attrs["also_known_as"] = identity
        if category == "crew" and name != identity:
            attrs["roster_name"] = identity
        for key in ENTITY_EXTRAS[category]:
            if attrs.get(key):
                item[key] = attrs[key]
        item["spans"] = [[m.start_char, m.end_char] for m in group]
        items.append(item)
    return items


def _aliases(name: str, texts: Any) -> list[str]:
    """Other surface forms, first spelling of each kept, the canonical name left out."""
    seen = {fold(name)}
    written = {name}  # spellings already looked at, as written
    out = []
    for text in texts:
        if text in written:
            continue
        written.add(text)
        text = " ".join(text.split())
        key = fold(text)
        if key not in seen:
            seen.add(key)
            out.append(text)
    return out


def _date_items(mentions: list[Mention]) -> list[dict[str, Any]]:
    grouped: dict[str, tuple[str | None, list[Mention]]] = {}  # key -> (value, its mentions)
    for mention in mentions:  # in text order
        attrs = mention.attrs
        for value in attrs.get("values") or [None]:
            key = value if value is not None else "\0" + fold(attrs["text"])
            grouped.setdefault(key, (value, []))[1].append(mention)
    items = []
    for value, group in grouped.values():
        first = group[0].attrs
        text = " ".join(first["text"].split())
        item: dict[str, Any] = {
            "id": date_id(value, text),
            "text": text,
            "value": value,
            "precision": first["precision"],
            "relative": bool(first["relative"]),
            "mentions": len(group),
        }
        aliases = _aliases(first["text"], (m.attrs["text"] for m in group))
        if aliases:
            item["aliases"] = aliases
        item["spans"] = [[m.start_char, m.end_char] for m in group]
        items.append(item)
    return items


def _incident_items(doc: Doc, text: str) -> list[dict[str, Any]]:
    grouped: dict[str, list[Mention]] = {}
    for mention in read_mentions(doc, "incidents"):
        grouped.setdefault(mention.name, []).append(mention)
    items = []
    for type_, group in grouped.items():
        spans = list(dict.fromkeys(tuple(m.attrs["evidence"]) for m in group))[:EVIDENCE_LIMIT]
        attrs = group[0].attrs
        items.append(
            {
                "type": type_,
                "mentions": len(group),
                "date": attrs.get("date"),
                "location": attrs.get("location"),
                "crew_safety": attrs.get("crew_safety", "unknown"),
                "status": attrs.get("status"),
                "crew": list(attrs.get("crew", ())),
                "vehicles": list(attrs.get("vehicles", ())),
                "evidence": [" ".join(text[start:end].split()) for start, end in spans],
                "evidence_spans": [[start, end] for start, end in spans],
            }
        )
    return items


def doc_to_record(doc: Doc, source: str) -> dict[str, Any]:
    """The output record of one document (see schema/record.schema.json)."""
    text = doc_text(doc)
    record: dict[str, Any] = {
        "source": source,
        "document_date": doc.user_data.get(DOCUMENT_DATE) or {"value": None, "source": None},
        "dates": _date_items(read_mentions(doc, "dates")),
    }
    for category in CATEGORIES:
        record[category] = _entity_items(read_mentions(doc, category), category, text)
    record["incidents"] = _incident_items(doc, text)
    return record
