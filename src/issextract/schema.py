"""The output contract as a JSON Schema, generated from the category registry and the record
types (record.py): `python -m issextract.schema > schema/record.schema.json`.

The committed schema/record.schema.json is this module's output for the shipped registry (a
test checks it); `--gazetteer FILE` gives the schema of records with a user's declared
categories and labels spelt out.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Sequence
from typing import Any

from .record import DOCUMENT_DATE_SOURCES, PRECISIONS
from .registry import Category, Registry, load_registry

ISO_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
TEXT_LIST = {"type": "array", "items": {"type": "string"}}
OFFSETS = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}


def _date_or_null(description: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"anyOf": [ISO_DATE, {"type": "null"}]}
    if description:
        out["description"] = description
    return out


def _base() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["id", "name", "mentions", "spans"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "name": {
                "type": "string",
                "minLength": 1,
                "description": "Canonical name (for roster crew and Progress craft: the full form the text writes).",
            },
            "mentions": {"type": "integer", "minimum": 1, "description": "How many times the text mentions it."},
            "aliases": {**TEXT_LIST, "minItems": 1, "description": "Other surface forms seen in the text."},
            "spans": {"$ref": "#/$defs/spans"},
        },
    }


def _field(category: Category, name: str) -> dict[str, Any]:
    values = category.values.get(name)
    out: dict[str, Any] = {"enum": list(values)} if values else {"type": "string"}
    if name in category.describe:
        out["description"] = category.describe[name]
    return out


def _item(category: Category) -> dict[str, Any]:
    """A named thing of one category: the base fields and the category's own, nothing else."""
    properties: dict[str, Any] = {"id": True, "name": True, "mentions": True, "aliases": True}
    properties.update({name: _field(category, name) for name in category.output})
    properties["spans"] = True
    return {"allOf": [{"$ref": "#/$defs/base"}], "properties": properties, "unevaluatedProperties": False}


def _date() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["id", "text", "value", "precision", "relative", "mentions", "spans"],
        "additionalProperties": False,
        "properties": {
            "id": {
                "$ref": "#/$defs/id",
                "description": "'date:' and the value; for an unresolved date, its folded wording.",
            },
            "text": {"type": "string", "description": "The expression as written."},
            "value": _date_or_null("ISO 8601 at the precision written; null when it cannot be resolved."),
            "precision": {"enum": list(PRECISIONS)},
            "relative": {
                "type": "boolean",
                "description": "True when resolved against a reference date (a weekday, 'yesterday', 'last month').",
            },
            "mentions": {"type": "integer", "minimum": 1},
            "aliases": TEXT_LIST,
            "spans": {"$ref": "#/$defs/spans"},
        },
    }


def _incident(registry: Registry) -> dict[str, Any]:
    labels = registry.labels
    return {
        "type": "object",
        "required": [
            "type",
            "mentions",
            "date",
            "location",
            "crew_safety",
            "status",
            "evidence",
            "crew",
            "vehicles",
            "evidence_spans",
        ],
        "additionalProperties": False,
        "properties": {
            "type": {"enum": list(labels("type"))},
            "mentions": {"type": "integer", "minimum": 1, "description": "Sentences reporting it."},
            "date": _date_or_null(
                "When it happened or was first noticed, at the precision the text gives: the date of a sentence "
                "telling when it began, else the first day written where it is reported, else the closest day "
                "written just before, else the lead's date for the incident the headline reports; null when the "
                "text does not say."
            ),
            "location": {
                "type": ["string", "null"],
                "description": "The module or vehicle where it happened; null for events of the whole station "
                "(debris avoidance), outside any module (a spacesuit on a spacewalk) or unplaced.",
            },
            "crew_safety": {
                "enum": list(labels("crew_safety")),
                "description": "What the report says of the crew's safety, from the statements that follow this "
                "incident's sentences (least serious first; the first when it says nothing).",
            },
            "status": {
                "enum": [*labels("status"), None],
                "description": "The furthest stage of handling the report names, or null (earliest stage first).",
            },
            "crew": {**TEXT_LIST, "description": "Crew named in the sentences that report it."},
            "vehicles": {**TEXT_LIST, "description": "Vehicles named in the sentences that report it."},
            "evidence": {
                **TEXT_LIST,
                "minItems": 1,
                "description": "The sentences it came from (up to three), whitespace collapsed.",
            },
            "evidence_spans": {
                "type": "array",
                "items": OFFSETS,
                "minItems": 1,
                "description": "[start, end] character offsets of each evidence sentence in the decoded text.",
            },
        },
    }


def _offsets() -> dict[str, Any]:
    return {
        "span": {
            "type": "array",
            "prefixItems": [{"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 1}],
            "minItems": 2,
            "maxItems": 2,
            "description": "[start, end] character offsets into the decoded text (for a web page, its extracted "
            "text): text[start:end] is the words.",
        },
        "spans": {
            "type": "array",
            "items": {"$ref": "#/$defs/span"},
            "minItems": 1,
            "description": "Where each mention is, in text order.",
        },
        "id": {
            "type": "string",
            "pattern": r"^[a-z]+:\S+$",
            "description": "Stable across documents: 'kind:slug' of the gazetteer's canonical name, or of the folded "
            "name of a thing known from the text alone.",
        },
    }


def _def_name(category: Category) -> str:
    return {"dates": "date", "incidents": "incident"}.get(category.shape, category.singular.replace(" ", "_"))


def build_schema(registry: Registry) -> dict[str, Any]:
    """The JSON Schema of a record: one list per category of the registry, in its order."""
    lists = {c.name: {"type": "array", "items": {"$ref": f"#/$defs/{_def_name(c)}"}} for c in registry}
    defs: dict[str, Any] = {"base": _base()}
    defs.update({_def_name(c): _item(c) for c in registry if c.shape == "items"})
    defs["date"] = _date()
    defs["incident"] = _incident(registry)
    defs.update(_offsets())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://issextract.invalid/record.schema.json",
        "title": "issextract record",
        "description": "What issextract extracts from one report (the categories of data/categories.yaml). "
        "YAML, JSON and JSONL carry exactly this.",
        "type": "object",
        "required": ["source", "document_date", *registry.names],
        "additionalProperties": {
            "type": "array",
            "items": {"$ref": "#/$defs/base"},
            "description": "A category declared in a --gazetteer file: its items, each with the fields its "
            "entries carry.",
        },
        "properties": {
            "source": {"type": "string", "description": "The input path as given; <stdin> for standard input."},
            "document_date": {
                "type": "object",
                "required": ["value", "source"],
                "additionalProperties": False,
                "description": "The report's own date and where it came from (for a saved web page whose text "
                "states none, its publication date: 'page'); --date is only a fallback for reports that state none.",
                "properties": {"value": _date_or_null(), "source": {"enum": list(DOCUMENT_DATE_SOURCES)}},
            },
            **lists,
        },
        "$defs": defs,
    }


def render(registry: Registry) -> str:
    """The schema as committed: two-space JSON and a final line break."""
    return json.dumps(build_schema(registry), indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m issextract.schema [--gazetteer FILE]...`: the schema on stdout."""
    args = list(sys.argv[1:] if argv is None else argv)
    files = [value for flag, value in itertools.pairwise(args) if flag == "--gazetteer"]
    sys.stdout.write(render(load_registry(tuple(files))))


if __name__ == "__main__":
    main()
