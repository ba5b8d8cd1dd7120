"""The output record: built from a Doc here, and read through the types here. The only module
that knows the contract's keys (schema/record.schema.json is generated from these types and
the category registry: `python -m issextract.schema`).

A record travels as a plain dict (what YAML, JSON and JSONL carry, what worker processes
send back, what `issextract.extract` returns). Code that reads one (writers, tables,
evaluation, timeline, `show`) reads it through `Record.read`: typed items, dates and
incidents, the lists of named things in record order, categories a user declared included.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .registry import Registry, shipped_registry
from .textnorm import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .components.spans import Mention

EVIDENCE_LIMIT = 3
SOURCE, DOCUMENT_DATE = "source", "document_date"
DOCUMENT_DATE_SOURCES = ("title", "dateline", "published", "copyright", "page", "option", None)
"""Where a report's own date came from (`document_date.source`)."""
PRECISIONS = ("day", "month", "year")
DECLARED = "issextract_declared_categories"
"""doc.user_data: the categories a user's gazetteer declared, as plain data (name, id prefix,
output fields), so that the record of a Doc holds them without the gazetteer at hand."""

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class DocumentDate:
    value: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class DateItem:
    id: str = ""
    text: str = ""
    value: str | None = None
    precision: str = ""
    relative: bool = False
    mentions: int = 1
    spans: Sequence[Sequence[int]] = ()
    aliases: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class Item:
    """A named thing (a module, a crew member, an outlet, an item of a declared category)."""

    id: str
    name: str
    mentions: int
    spans: Sequence[Sequence[int]]
    aliases: Sequence[str] = ()
    extras: Mapping[str, Any] = field(default_factory=dict)
    """The category's own fields (registry `output`), in output order, those it has."""


@dataclass(frozen=True, slots=True)
class Incident:
    """An incident (defaults for what a record made by hand may leave out)."""

    type: str
    mentions: int = 1
    date: str | None = None
    location: str | None = None
    crew_safety: str | None = None
    """None only in a record made by hand: readers take the registry's first label."""
    status: str | None = None
    crew: Sequence[str] = ()
    vehicles: Sequence[str] = ()
    evidence: Sequence[str] = ()
    evidence_spans: Sequence[Sequence[int]] = ()


ITEM_KEYS = ("id", "name", "mentions", "aliases", "spans")
DATE_KEYS = ("id", "text", "value", "precision", "relative", "mentions", "aliases", "spans")
INCIDENT_KEYS = tuple(Incident.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class Record:
    """One report's record, read: `Record.read(record_dict)`."""

    source: str
    document_date: DocumentDate
    dates: Sequence[DateItem]
    items: Mapping[str, Sequence[Item]]
    """Each list of named things, in record order."""
    incidents: Sequence[Incident]

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> Record:
        stated = data.get(DOCUMENT_DATE) or {}
        items = {
            key: [_item(raw) for raw in value]
            for key, value in data.items()
            if key not in (SOURCE, DOCUMENT_DATE, "dates", "incidents")
        }
        return cls(
            data.get(SOURCE, ""),
            DocumentDate(stated.get("value"), stated.get("source")),
            [DateItem(**_known(raw, DATE_KEYS)) for raw in data.get("dates", ())],
            items,
            [Incident(**_known(raw, INCIDENT_KEYS)) for raw in data.get("incidents", ())],
        )

    @property
    def categories(self) -> tuple[str, ...]:
        """The lists of named things, in record order (declared categories included)."""
        return tuple(self.items)

    def lists(self) -> Iterator[tuple[str, Sequence[DateItem | Item | Incident]]]:
        """(category, items) for every list of the record, in record order."""
        yield "dates", self.dates
        yield from self.items.items()
        yield "incidents", self.incidents

    def names(self, category: str) -> list[str]:
        """What each item of a list is scored by: a date's value (resolved ones), an
        incident's type, a thing's name."""
        if category == "dates":
            return [d.value for d in self.dates if d.value]
        if category == "incidents":
            return [i.type for i in self.incidents]
        return [i.name for i in self.items.get(category, ())]

    def spans(self) -> Iterator[tuple[str, DateItem | Item, Sequence[int]]]:
        """(category, item, [start, end]) for every mention of a date or thing."""
        for category, items in self.lists():
            if category != "incidents":
                for item in items:
                    for span in item.spans:  # type: ignore[union-attr]
                        yield category, item, span  # type: ignore[misc]


def _known(raw: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if k in keys}


def _item(raw: Mapping[str, Any]) -> Item:
    extras = {k: v for k, v in raw.items() if k not in ITEM_KEYS}
    return Item(
        raw.get("id", ""), raw["name"], raw.get("mentions", 1), raw.get("spans", ()), raw.get("aliases", ()), extras
    )


def field_of(item: DateItem | Item | Incident, name: str) -> Any:
    """A field of an item by name (a table column), None where it has none."""
    if isinstance(item, Item) and name not in ITEM_KEYS:
        return item.extras.get(name)
    return getattr(item, name, None)


# Building: Doc -> record dict.


@dataclass(frozen=True)
class _Kind:
    """What building a list of named things needs of its category."""

    name: str
    prefix: str | None
    output: tuple[str, ...]


def _kinds(registry: Registry, doc: Doc) -> list[_Kind]:
    kinds = [_Kind(c.name, c.id_prefix, c.output) for c in registry if c.shape == "items"]
    known = {k.name for k in kinds}
    kinds += [
        _Kind(name, prefix, tuple(output))
        for name, prefix, output in doc.user_data.get(DECLARED, ())
        if name not in known
    ]
    return kinds


def declared_categories(registry: Registry) -> tuple[tuple[str, str | None, tuple[str, ...]], ...]:
    """The plain data a Doc carries of the categories a user declared (see DECLARED)."""
    return tuple((c.name, c.id_prefix, c.output) for c in registry.declared)


def _entity_items(mentions: list[Mention], kind: _Kind, text: str) -> list[dict[str, Any]]:
    from .ids import entry_id

    category = kind.name
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
        item: dict[str, Any] = {"id": attrs.get("id") or entry_id(category, identity, kind.prefix), "name": name}
        item["mentions"] = len(group)
        aliases = _aliases(name, (text[m.start_char : m.end_char] for m in group))
        if aliases:
            item["aliases"] = aliases
        if name != identity:  # a name that follows the text: the canonical one beside it
            if "also_known_as" in kind.output:
                attrs["also_known_as"] = identity
            if "roster_name" in kind.output:
                attrs["roster_name"] = identity
        for key in kind.output:
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
    from .ids import date_id

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


def _incident_items(mentions: list[Mention], text: str, no_statement: str) -> list[dict[str, Any]]:
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
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
                "crew_safety": attrs.get("crew_safety", no_statement),
                "status": attrs.get("status"),
                "crew": list(attrs.get("crew", ())),
                "vehicles": list(attrs.get("vehicles", ())),
                "evidence": [" ".join(text[start:end].split()) for start, end in spans],
                "evidence_spans": [[start, end] for start, end in spans],
            }
        )
    return items


def doc_to_record(doc: Doc, source: str, registry: Registry | None = None) -> dict[str, Any]:
    """The output record of one document (see schema/record.schema.json): the lists in the
    registry's order, with the categories a user declared (carried by the Doc) after the
    shipped named things."""
    from .components.dates import DOCUMENT_DATE as STATED
    from .components.spans import doc_text, read_mentions

    registry = registry or shipped_registry()
    text = doc_text(doc)
    record: dict[str, Any] = {
        SOURCE: source,
        DOCUMENT_DATE: doc.user_data.get(STATED) or {"value": None, "source": None},
        "dates": _date_items(read_mentions(doc, "dates")),
    }
    for kind in _kinds(registry, doc):
        record[kind.name] = _entity_items(read_mentions(doc, kind.name), kind, text)
    no_statement = registry.labels("crew_safety")[0]
    record["incidents"] = _incident_items(read_mentions(doc, "incidents"), text, no_statement)
    return record
