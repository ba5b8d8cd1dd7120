"""The category registry: what issextract extracts, read from data/categories.yaml.

One entry per list of the output record, in output order: what finds it, the fields its
gazetteer entries may carry and those its output items carry, its singular name, its colour
and terminal style, and (for incidents) the ordered label sets. Every module that treats
categories differently (the entity matcher, the record, the writers and tables, `show`, `eval`,
`timeline`, the JSON Schema) reads it here instead of keeping a table of its own.

A user's gazetteer file may declare categories of its own under `categories:` (found by their
gazetteer entries, with no code) and add labels to the label sets: `Registry.declare`. Errors
name the file and the line, as for the gazetteers. No spaCy here: `issextract --help` reads
nothing of this.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .gazetteer_fields import choice, fail, known_keys, strings, text

REGISTRY_FILE = "categories.yaml"
FINDERS = ("gazetteer", "naming scheme", "people", "dates", "incidents")
"""What can find a category's items. `dates` and `incidents` give records of their own shape;
every other category's items are things with a name (schema `$defs/base`)."""
SHAPED = ("dates", "incidents")
LABEL_SETS = ("type", "crew_safety", "status")
"""The ordered label sets of incidents: types, crew safety (least serious first, the first
given when a report says nothing), status (earliest stage first)."""
ITEM_FIELDS = ("id", "name", "mentions", "aliases", "spans")
"""The fields every named item has (schema `$defs/base`); a category's `output` comes between
`aliases` and `spans`."""
RESERVED_FIELDS = frozenset({*ITEM_FIELDS, "ambiguous", "display", "source", "category", "document_id"})
RECORD_KEYS = frozenset({"source", "document_date", "categories"})
_KEYS = {"singular", "finder", "id", "fields", "output", "values", "describe", "colour", "style", "labels"}
_USER_KEYS = {"singular", "id", "fields", "values", "describe", "colour", "style"}
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_PREFIX = re.compile(r"[a-z]+")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
PALETTE = (
    ("#ffd19a", "black on bright_yellow"),
    ("#9ff0e0", "black on cyan"),
    ("#c8c8ff", "black on bright_blue"),
    ("#e6e69a", "black on yellow3"),
    ("#ffa6c9", "black on hot_pink"),
    ("#b8f28c", "black on bright_green"),
    ("#f2b880", "black on orange1"),
    ("#a8d8ea", "black on sky_blue1"),
)
"""Colours for declared categories that name none: (page colour, terminal style), one picked
from the category's name, the next free one if another category has it."""


@dataclass(frozen=True, eq=False)
class Category:
    """One list of the output record and every fact about it (see data/categories.yaml)."""

    name: str
    singular: str
    finders: tuple[str, ...]
    id_prefix: str | None = None
    fields: tuple[str, ...] = ()
    output: tuple[str, ...] = ()
    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    describe: Mapping[str, str] = field(default_factory=dict)
    colour: str = "#eeeeee"
    style: str = "reverse"
    labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    declared_in: str = ""
    """The file that declared it (data/categories.yaml for the shipped ones)."""

    @property
    def shape(self) -> str:
        """`dates`, `incidents`, or `items` (things with a name)."""
        return next((f for f in self.finders if f in SHAPED), "items")

    @property
    def matched(self) -> bool:
        """Whether the entity matcher finds it by its gazetteer entries."""
        return "gazetteer" in self.finders


@dataclass(frozen=True, eq=False)
class Registry:
    """The categories, in output order. Compared (and hashed) by identity: each is made once
    per set of files (`load_registry`)."""

    categories: tuple[Category, ...]

    @functools.cached_property
    def _by_name(self) -> dict[str, Category]:
        return {c.name: c for c in self.categories}

    def __getitem__(self, name: str) -> Category:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[Category]:
        return iter(self.categories)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.categories)

    @property
    def items(self) -> tuple[str, ...]:
        """The categories of named things (modules ... media, then declared ones), in output order."""
        return tuple(c.name for c in self.categories if c.shape == "items")

    @property
    def matched(self) -> tuple[str, ...]:
        """The categories the entity matcher finds by their gazetteer entries."""
        return tuple(c.name for c in self.categories if c.matched)

    @property
    def declared(self) -> tuple[Category, ...]:
        """Categories a user's gazetteer file declared (not shipped)."""
        shipped = shipped_registry()
        return tuple(c for c in self.categories if c.name not in shipped)

    def singular(self, name: str) -> str:
        return self[name].singular if name in self else name

    def labels(self, name: str) -> tuple[str, ...]:
        """An incident label set (`type`, `crew_safety`, `status`), in its order."""
        incidents = next(c for c in self.categories if c.shape == "incidents")
        return incidents.labels.get(name, ())

    def declare(self, raw: Any, path: Path, line: int | None, reserved: frozenset[str] = frozenset()) -> Registry:
        """This registry with a user file's `categories:` section: new categories (found by
        their gazetteer entries) and labels added to the label sets."""
        from .yamlfile import fields, key_line

        if not isinstance(raw, dict):
            raise fail(path, line, "'categories' must be a mapping of category: {singular: ...}")
        registry = self
        for name, spec in fields(raw).items():
            at = key_line(raw, name, line)
            if name in registry:
                registry = registry._extended(name, spec, path, at)
            else:
                registry = registry._added(_user_category(name, spec, path, at, reserved, registry))
        return registry

    def _added(self, category: Category) -> Registry:
        """A declared category, after the shipped named things (before incidents)."""
        cats = list(self.categories)
        last = max(i for i, c in enumerate(cats) if c.shape == "items")
        cats.insert(last + 1 + sum(1 for c in cats[last + 1 :] if c.shape == "items"), category)
        return Registry(tuple(cats))

    def _extended(self, name: str, spec: Any, path: Path, line: int | None) -> Registry:
        """Labels a user's file adds to an existing category (ranked after those it has)."""
        from .yamlfile import fields, key_line

        category = self[name]
        if not isinstance(spec, dict) or set(fields(spec)) != {"labels"} or category.shape != "incidents":
            raise fail(
                path,
                line,
                f"category {name!r} is already declared in {category.declared_in}; "
                "a gazetteer file may only add 'labels' to incidents",
            )
        added = _labels(spec["labels"], path, key_line(spec, "labels", line))
        merged = {key: tuple(dict.fromkeys((*category.labels.get(key, ()), *added.get(key, ())))) for key in LABEL_SETS}
        new = replace(category, labels=merged)
        return Registry(tuple(new if c.name == name else c for c in self.categories))


def _labels(raw: Any, path: Path, line: int | None) -> dict[str, tuple[str, ...]]:
    from .yamlfile import fields, key_line

    if not isinstance(raw, dict):
        raise fail(path, line, f"'labels' must be a mapping of label set ({', '.join(LABEL_SETS)}): [labels]")
    out = {}
    for key, values in fields(raw).items():
        at = key_line(raw, key, line)
        choice(key, LABEL_SETS, path, at, "a label set")
        labels = strings(values, path, at, f"labels '{key}'")
        if len(set(labels)) != len(labels):
            raise fail(path, at, f"labels '{key}' name a label twice")
        out[key] = labels
    return out


def _names(value: Any, path: Path, line: int | None, what: str) -> tuple[str, ...]:
    names = strings(value, path, line, what)
    for name in names:
        if not _NAME.fullmatch(name):
            raise fail(path, line, f"{what}: {name!r} must be lower-case letters, digits and _")
    return names


def _category(name: Any, spec: Any, path: Path, line: int | None) -> Category:
    """One entry of data/categories.yaml."""
    from .yamlfile import fields, key_line

    if not isinstance(name, str) or not _NAME.fullmatch(name) or name in RECORD_KEYS:
        raise fail(path, line, f"a category is named in lower-case letters, digits and _ (not {name!r})")
    if not isinstance(spec, dict):
        raise fail(path, line, f"category {name!r} must be a mapping with 'singular' and 'finder'")
    raw = fields(spec)
    known_keys(raw, _KEYS, path, line, f"category {name!r}")
    at = {key: key_line(spec, key, line) for key in _KEYS}
    finders = strings(raw.get("finder"), path, at["finder"], "'finder'")
    if not finders:
        raise fail(path, line, f"category {name!r} needs a 'finder' ({', '.join(FINDERS)})")
    for finder in finders:
        choice(finder, FINDERS, path, at["finder"], "each 'finder'")
    category = Category(
        name,
        text(raw.get("singular"), path, at["singular"], "'singular'"),
        finders,
        _prefix(raw.get("id"), path, at["id"]),
        _names(raw.get("fields"), path, at["fields"], "'fields'"),
        _names(raw.get("output"), path, at["output"], "'output'"),
        _mapping(spec, "values", path, at["values"], lambda v, p, n, w: strings(v, p, n, w)),
        _mapping(spec, "describe", path, at["describe"], text),
        _colour(raw.get("colour"), path, at["colour"]),
        _style(raw.get("style"), path, at["style"]),
        _labels(spec["labels"], path, at["labels"]) if "labels" in raw else {},
        str(path),
    )
    return _checked(category, path, line)


def _checked(category: Category, path: Path, line: int | None) -> Category:
    """What one category's facts must agree on."""
    if category.shape == "items" and category.id_prefix is None:
        raise fail(path, line, f"category {category.name!r} needs an 'id' prefix for its items' ids")
    if category.shape != "incidents" and category.labels:
        raise fail(path, line, f"only incidents carry 'labels' (not {category.name!r})")
    if category.shape == "incidents" and set(category.labels) != set(LABEL_SETS):
        raise fail(path, line, f"incidents need the label sets {', '.join(LABEL_SETS)}")
    clash = RESERVED_FIELDS & {*category.fields, *category.output}
    if clash:
        raise fail(path, line, f"field {sorted(clash)[0]!r} of {category.name!r} is a field every item has")
    for key in (*category.values, *category.describe):
        if key not in category.fields and key not in category.output:
            raise fail(path, line, f"'{key}' of {category.name!r} is none of its fields")
    return category


def _mapping(spec: dict[str, Any], key: str, path: Path, line: int | None, read: Any) -> dict[str, Any]:
    from .yamlfile import fields, key_line

    raw = spec.get(key)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise fail(path, line, f"'{key}' must be a mapping of field: ...")
    return {
        name: read(value, path, key_line(raw, name, line), f"'{key}: {name}'") for name, value in fields(raw).items()
    }


def _prefix(value: Any, path: Path, line: int | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _PREFIX.fullmatch(value):
        raise fail(path, line, f"'id' must be lower-case letters (the prefix of 'kind:slug' ids), not {value!r}")
    return value


def _colour(value: Any, path: Path, line: int | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or not _COLOUR.fullmatch(value):
        raise fail(path, line, f"'colour' must be written #rrggbb, not {value!r}")
    return value.lower()


def _style(value: Any, path: Path, line: int | None) -> str:
    """A Rich style ("black on yellow"), checked by Rich itself."""
    if value is None:
        return ""
    from rich.errors import StyleSyntaxError
    from rich.style import Style

    style = text(value, path, line, "'style'")
    try:
        Style.parse(style)
    except StyleSyntaxError as exc:
        raise fail(path, line, f"'style' {style!r} is no terminal style: {exc}") from None
    return style


def _user_category(
    name: Any, spec: Any, path: Path, line: int | None, reserved: frozenset[str], registry: Registry
) -> Category:
    """A category a user's gazetteer file declares: found by its entries, every field in the output."""
    from .yamlfile import fields

    if isinstance(name, str) and name in reserved:
        raise fail(path, line, f"{name!r} is a key of gazetteer files, not a name for a category")
    if spec is None:
        spec = {}
    if isinstance(spec, dict):
        known_keys(fields(spec), _USER_KEYS, path, line, f"category {name!r}")
        spec = {**spec, "finder": "gazetteer", "output": spec.get("fields")}
        spec.setdefault("singular", name)
        spec.setdefault("id", re.sub(r"[^a-z]", "", str(spec["singular"]).lower()) or "item")
    category = _category(name, spec, path, line)
    if not category.colour or not category.style:
        colour, style = _free_colour(category.name, registry)
        category = replace(category, colour=category.colour or colour, style=category.style or style)
    return category


def _free_colour(name: str, registry: Registry) -> tuple[str, str]:
    """A palette colour picked from the name (the same in every run), the next free one if
    another category already has it."""
    used = {c.colour for c in registry}
    start = zlib.crc32(name.encode("utf-8")) % len(PALETTE)
    for i in range(len(PALETTE)):
        colour, style = PALETTE[(start + i) % len(PALETTE)]
        if colour not in used:
            return colour, style
    return PALETTE[start]


def parse_registry(data: dict[str, Any], path: Path) -> Registry:
    """The registry a file holds (data/categories.yaml: a mapping `categories:`)."""
    from .yamlfile import fields, key_line

    known_keys(fields(data), {"categories"}, path, 1, "the category registry")
    raw = data.get("categories")
    line = key_line(data, "categories", None)
    if not isinstance(raw, dict):
        raise fail(path, line, "'categories' must be a mapping of category: {singular: ..., finder: ...}")
    categories = tuple(_category(name, spec, path, key_line(raw, name, line)) for name, spec in fields(raw).items())
    for category in categories:
        if category.shape != "incidents" and not (category.colour and category.style):
            where = key_line(raw, category.name, line)
            raise fail(path, where, f"category {category.name!r} needs a 'colour' and a 'style' (for `show`)")
    for shape in SHAPED:
        if sum(c.shape == shape for c in categories) != 1:
            raise fail(path, line, f"the registry needs exactly one category found by {shape}")
    return Registry(categories)


def data_dir() -> Path:
    """The shipped data folder: inside the installed package, or the repository's data/."""
    packaged = Path(__file__).with_name("data")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def registry_path() -> Path:
    return data_dir() / REGISTRY_FILE


@functools.lru_cache(maxsize=1)
def shipped_registry() -> Registry:
    """The shipped categories (data/categories.yaml), read once per process."""
    from .yamlfile import read_mapping

    path = registry_path()
    return parse_registry(read_mapping(path, "category registry"), path)


def load_registry(gazetteers: tuple[str, ...] | list[str] = ()) -> Registry:
    """The shipped categories with those the user's gazetteer files declare (the files are
    loaded and checked in full, once per process)."""
    if not gazetteers:
        return shipped_registry()
    from .gazetteers import load_gazetteer

    return load_gazetteer(gazetteers).registry
