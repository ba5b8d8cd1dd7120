"""Load, validate and merge the gazetteers in data/*.yaml and in user --gazetteer files.

A gazetteer file is a mapping from category to a list of entries (see data/README.md). Errors
name the file and the line, so that a user can fix their own file without reading code.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .gazetteer_fields import (
    GazetteerError,
    choice,
    compile_patterns,
    fail,
    known_keys,
    shipped,
    strings,
    template,
    text,
    vetted_files,
    whole_number,
)
from .regexes import WordLed, any_of
from .registry import REGISTRY_FILE, Category, Registry, data_dir, shipped_registry
from .yamlfile import fields as _fields
from .yamlfile import key_line as _key_line
from .yamlfile import read_mapping
from .yamlfile import read_text as yamlfile_text

__all__ = ["Entry", "Gazetteer", "GazetteerError", "IncidentRule", "VehicleScheme", "load_gazetteer"]

DATE_KEYS = ("months", "weekdays", "relative_days", "day_parts", "date_context")
"""The words of dates (data/dates.yaml), from which dates.py builds its patterns."""
DATE_CONTEXT = (
    "future",
    "not_future_before",
    "planned",
    "deferred",
    "until",
    "range_start",
    "reported_on",
    "reported",
    "published",
)
"""The wording around a date that dates.py reads (`date_context`), each label required."""
OTHER_KEYS = (
    "categories",
    "progress",
    "soyuz",
    "vehicle_schemes",
    "not_vehicles",
    "not_modules",
    "lexicon",
    "incident_types",
    "crew_safety",
    "incident_status",
    "incident_context",
    "sentence_abbreviations",
    "not_locations",
    "name_rewrites",
    "numbered_names",
    *DATE_KEYS,
)
LEXICON_LISTS = (
    "crew_titles",
    "crew_heads",
    "people_titles",
    "people_heads",
    "credit_words",
    "agency_places",
    "first_names",
    "not_name_words",
    "name_stopwords",
    "list_glue",
    "craft_module_forms",
    "own_service_module",
    "spaceflight_words",
    "spaceflight_nearby",
    "citing_before",
    "citing_after",
    "media_nouns",
    "media_suffixes",
    "outlet_name_ends",
    "credit_labels",
    "not_outlets",
    "module_parts",
    "byline_staff",
    "place_words",
)
"""The word lists of `lexicon` the components read (see data/lexicon.yaml)."""
SCHEME_FIELDS = {"pattern", "name", "kind", "pad", "trigger", "shown"}
NUMBERED_FIELDS = {"designation", "number"}
INCIDENT_LISTS = (
    "patterns",
    "exclude",
    "same_event_as",
    "fallback",
    "fallback_unless",
    "triggers",
    "continued_by",
    "compatible_with",
)
INCIDENT_FLAGS = ("unplaced", "generic", "craft")
LABELLED = {"crew_safety": "crew_safety", "incident_status": "status"}
"""Gazetteer keys whose labels are a label set of the registry."""
MAX_PAD = 9
_LINE = "__line__"


@dataclass(frozen=True)
class Entry:
    """One canonical thing (a module, a vehicle, a person...) and the ways a text may name it."""

    category: str
    name: str
    aliases: tuple[str, ...] = ()
    extras: tuple[tuple[str, str], ...] = ()
    ambiguous: tuple[str, ...] = ()
    """Forms that are also common words or other things' names ("Resilience", "Unity", a
    surname such as "Good"): counted only in context (see data/README.md)."""

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def extra(self, key: str) -> str | None:
        return dict(self.extras).get(key)


@dataclass(frozen=True)
class VehicleScheme:
    """A naming scheme such as "Soyuz MS-22": a regex and the canonical name it builds."""

    pattern: re.Pattern[str]
    template: str
    kind: str
    pad: int = 0
    trigger: str | None = None
    shown: str | None = None
    """How the name is shown, when it follows the text ("CRS-25" or "SpX-25" for one mission)."""


@dataclass(frozen=True)
class IncidentRule:
    """How a report words one incident type (see data/incidents.yaml).

    Patterns are matched against the lower-cased text (`regexes.lowered`).
    """

    type: str
    patterns: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...] = ()
    same_event_as: tuple[str, ...] = ()
    fallback: tuple[re.Pattern[str], ...] = ()
    fallback_unless: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    unplaced: bool = False
    """An event of the whole station (a debris avoidance manoeuvre) or outside any module (a
    spacesuit on a spacewalk): it has no location."""
    continued_by: tuple[re.Pattern[str], ...] = ()
    """Vaguer wording ("the leak") that reports this type too once the report names it, unless
    it also names another type that this wording could stand for (see `continued_by`)."""
    generic: bool = False
    """A catch-all type (equipment failure): it keeps only the sentences no other type reports."""
    craft: bool = False
    """An incident of a visiting craft (its launch, its docking): placed on the craft the report
    names most when its sentences name none."""
    compatible_with: tuple[str, ...] = ()
    """Types that reports may give the same incident (a leak and the hull damage behind it)."""

    @functools.cached_property
    def any_pattern(self) -> re.Pattern[str] | WordLed:
        return any_of(self.patterns)

    @functools.cached_property
    def any_exclude(self) -> re.Pattern[str] | WordLed | None:
        return any_of(self.exclude) if self.exclude else None

    @functools.cached_property
    def any_continued(self) -> re.Pattern[str] | WordLed:
        return any_of(self.continued_by)

    @functools.cached_property
    def any_fallback(self) -> re.Pattern[str] | WordLed:
        return any_of(self.fallback)


class Lexicon(dict[str, frozenset[str]]):
    """The lexicon's word lists by name. A list the data leaves out is empty; a name no data
    file may declare (not in LEXICON_LISTS: a misspelling in code) is an error, not an empty set."""

    def get(self, key: str, default: Any = None) -> frozenset[str]:  # type: ignore[override]
        return self[key]

    def __missing__(self, key: str) -> frozenset[str]:
        if key not in LEXICON_LISTS:
            raise KeyError(f"no lexicon list {key!r} is declared (known: {', '.join(LEXICON_LISTS)})")
        return frozenset()


@dataclass
class Gazetteer:
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    progress_by_number: dict[int, str] = field(default_factory=dict)
    progress_by_designation: dict[str, int] = field(default_factory=dict)
    soyuz_by_number: dict[int, str] = field(default_factory=dict)
    soyuz_by_designation: dict[str, int] = field(default_factory=dict)
    vehicle_schemes: list[VehicleScheme] = field(default_factory=list)
    lexicon: Lexicon = field(default_factory=Lexicon)
    incident_rules: dict[str, IncidentRule] = field(default_factory=dict)
    not_vehicles: list[re.Pattern[str]] = field(default_factory=list)
    not_modules: list[re.Pattern[str]] = field(default_factory=list)
    crew_safety: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    incident_status: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    incident_context: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    """Wording around incident sentences and dates (onset, hypotheticals...): data/incidents.yaml."""
    sentence_abbreviations: tuple[str, ...] = ()
    not_locations: frozenset[str] = frozenset()
    registry: Registry = field(default_factory=shipped_registry)
    """The categories: data/categories.yaml and those the user's files declare."""
    """Canonical names of modules that are not places an incident happens in (robotic arms)."""
    numbered_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    """How reports name a `progress` or `soyuz` flight by its number: (template, shown)."""
    date_words: dict[str, Any] = field(default_factory=dict)
    """The words of dates by key of data/dates.yaml (DATE_KEYS): months and weekdays with their
    abbreviations, relative days and their offsets, day parts, and date_context patterns."""
    name_rewrites: tuple[tuple[str, str], ...] = ()
    """Spelling rewrites that give a name's key (data/names.yaml, `names.skeleton`)."""
    positions: dict[tuple[str, str], int] = field(default_factory=dict)
    """Where each (category, folded name) is in `entries`, for merging."""

    def category(self, name: str) -> list[Entry]:
        return self.entries.get(name, [])


def read_text(path: Path) -> str:
    """A gazetteer file's text (see `yamlfile.read_text`)."""
    return yamlfile_text(path, "gazetteer")


def _read_yaml(path: Path, text: str | None = None) -> dict[str, Any]:
    return read_mapping(path, "gazetteer", text)


_ABOARD = re.compile(r"^\s*(\d{4})(?:\s*-\s*(\d{4}))?\s*$")


def parse_aboard(value: str) -> frozenset[int] | None:
    """The years of an `aboard` field ("2006-2007, 2012, 2024-2025"); None if it is malformed."""
    years: set[int] = set()
    for part in value.split(","):
        m = _ABOARD.match(part)
        if m is None:
            return None
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if last < first:
            return None
        years.update(range(first, last + 1))
    return frozenset(years)


def _parse_entry(kind: Category, raw: Any, path: Path, parent_line: int | None) -> Entry:
    category = kind.name
    if not isinstance(raw, dict):
        raise fail(path, parent_line, f"each {category} entry must be a mapping with a 'name'")
    line = raw.get(_LINE, parent_line)
    fields = _fields(raw)
    known_keys(fields, {"name", "aliases", "ambiguous", *kind.fields}, path, line, f"{category} entry")
    if not isinstance(fields.get("name"), str) or not fields["name"].strip():
        raise fail(path, line, f"{category} entry has no 'name'")
    name = fields.pop("name").strip()
    aliases = strings(fields.pop("aliases", None), path, line, "'aliases'")
    ambiguous = _ambiguous(fields.pop("ambiguous", None), (name, *aliases), path, line)
    extras: dict[str, str] = {}
    for key, value in fields.items():
        if value is None:
            continue
        if key == "aboard" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        value = text(value, path, _key_line(raw, key, line), f"'{key}'")
        if key == "aboard" and parse_aboard(value) is None:
            raise fail(path, line, f"'aboard' must be years and ranges such as '2006-2007, 2012', not '{value}'")
        if key in kind.values:
            choice(value, kind.values[key], path, _key_line(raw, key, line), f"'{key}'")
        extras[key] = value
    return Entry(category, name, aliases, tuple(sorted(extras.items())), ambiguous)


def _ambiguous(value: Any, forms: tuple[str, ...], path: Path, line: int | None) -> tuple[str, ...]:
    """An entry's `ambiguous` field: `true` (every form) or some of its forms, or words of them
    (a surname used alone)."""
    if value is True:
        return forms
    if value is None or value is False:
        return ()
    marked = strings(value, path, line, "'ambiguous'")
    words = {w for f in forms for w in f.split()}
    for form in marked:
        if form not in forms and form not in words:
            raise fail(path, line, f"'ambiguous' form '{form}' is not the entry's name, an alias or a word of one")
    return marked


def _parse_numbered(key: str, raw: Any, path: Path, line: int | None, into: Gazetteer) -> None:
    """`progress` or `soyuz`: each flight's designation and NASA's ISS number (82P, 68S)."""
    if not isinstance(raw, list):
        raise fail(path, line, f"'{key}' must be a list of {{designation, number}}")
    by_number, by_designation = getattr(into, f"{key}_by_number"), getattr(into, f"{key}_by_designation")
    for item in raw:
        if not isinstance(item, dict):
            raise fail(path, line, f"each {key} entry needs 'designation' (text) and 'number' (integer)")
        at = item.get(_LINE, line)
        fields = _fields(item)
        known_keys(fields, NUMBERED_FIELDS, path, at, f"{key} entry")
        designation = re.sub(r"\s+", " ", text(fields.get("designation"), path, at, "'designation'"))
        number = whole_number(fields.get("number"), path, at, "'number'", 1, 999)
        by_number[number] = designation
        by_designation[designation.upper()] = number


def _parse_schemes(raw: Any, path: Path, line: int | None, into: Gazetteer) -> None:
    if not isinstance(raw, list):
        raise fail(path, line, "'vehicle_schemes' must be a list")
    for item in raw:
        if not isinstance(item, dict):
            raise fail(path, line, "each vehicle scheme needs 'pattern' and 'name'")
        into.vehicle_schemes.append(_parse_scheme(item, path, item.get(_LINE, line)))


def _parse_scheme(item: dict[str, Any], path: Path, line: int | None) -> VehicleScheme:
    fields = _fields(item)
    known_keys(fields, SCHEME_FIELDS, path, line, "vehicle scheme")
    if not {"pattern", "name"} <= fields.keys():
        raise fail(path, line, "each vehicle scheme needs 'pattern' and 'name'")
    if not isinstance(fields["pattern"], str) or not fields["pattern"]:
        raise fail(path, line, f"'pattern' must be a regular expression, not {fields['pattern']!r}")
    (pattern,) = compile_patterns((fields["pattern"],), path, line, "'pattern'", True, "scheme")
    groups = set(pattern.groupindex) - {"list"} | {"num"}
    trigger = fields.get("trigger")
    if trigger is not None:
        compile_patterns((text(trigger, path, line, "'trigger'"),), path, line, "'trigger'", True, "as written")
    shown = fields.get("shown")
    return VehicleScheme(
        pattern,
        template(fields["name"], groups, path, line, "'name'"),
        text(fields.get("kind", "spacecraft"), path, line, "'kind'"),
        whole_number(fields.get("pad", 0), path, line, "'pad'", 0, MAX_PAD),
        trigger,
        template(shown, groups, path, line, "'shown'") if shown is not None else None,
    )


def _parse_lexicon(raw: Any, path: Path, line: int | None, into: Gazetteer) -> None:
    if not isinstance(raw, dict):
        raise fail(path, line, "'lexicon' must be a mapping of list name: [words]")
    for key, words in _fields(raw).items():
        at = _key_line(raw, key, line)
        if key not in LEXICON_LISTS:
            raise fail(path, at, f"unknown lexicon list {key!r} (known: {', '.join(LEXICON_LISTS)})")
        merged = set(into.lexicon.get(key, frozenset()))
        merged.update(w.lower() for w in strings(words, path, at, f"lexicon '{key}'"))
        into.lexicon[key] = frozenset(merged)


def _parse_incident_types(raw: Any, path: Path, line: int | None, into: Gazetteer) -> None:
    if not isinstance(raw, dict):
        raise fail(path, line, "'incident_types' must be a mapping of type: {patterns: [...]}")
    for name, spec in _fields(raw).items():
        at = _key_line(raw, name, line)
        into.incident_rules[name] = _parse_incident_type(name, spec, path, at, into.registry.labels("type"))


def _parse_incident_type(name: Any, spec: Any, path: Path, line: int | None, types: tuple[str, ...]) -> IncidentRule:
    choice(name, types, path, line, "an incident type")
    if not isinstance(spec, dict) or not spec.get("patterns"):
        raise fail(path, line, f"incident type '{name}' needs 'patterns'")
    fields = _fields(spec)
    known_keys(fields, {*INCIDENT_LISTS, *INCIDENT_FLAGS}, path, line, f"incident type '{name}'")
    at = {key: _key_line(spec, key, line) for key in (*INCIDENT_LISTS, *INCIDENT_FLAGS)}
    lists = {key: strings(fields.get(key), path, at[key], f"'{key}'") for key in INCIDENT_LISTS}
    for key in ("same_event_as", "fallback_unless", "compatible_with"):
        for value in lists[key]:
            choice(value, types, path, at[key], f"each of '{key}'")
    patterns = ("patterns", "exclude", "fallback", "continued_by")
    compiled = {key: compile_patterns(lists[key], path, at[key], name) for key in patterns}
    flags = {key: _flag(fields.get(key, False), path, at[key], f"'{key}'") for key in INCIDENT_FLAGS}
    return IncidentRule(
        name,
        compiled["patterns"],
        compiled["exclude"],
        lists["same_event_as"],
        compiled["fallback"],
        lists["fallback_unless"],
        tuple(t.lower() for t in lists["triggers"]),
        flags["unplaced"],
        compiled["continued_by"],
        flags["generic"],
        flags["craft"],
        lists["compatible_with"],
    )


def _parse_numbered_names(raw: Any, path: Path, line: int | None) -> dict[str, tuple[str, str]]:
    """progress/soyuz: {name: a template with {number}, shown: written or designation}."""
    if not isinstance(raw, dict):
        raise fail(path, line, "'numbered_names' must map progress and soyuz to {name, shown}")
    found = {}
    for key, spec in _fields(raw).items():
        at = _key_line(raw, key, line)
        choice(key, ("progress", "soyuz"), path, at, "a table of 'numbered_names'")
        if not isinstance(spec, dict):
            raise fail(path, at, f"'numbered_names: {key}' must be {{name, shown}}")
        fields = _fields(spec)
        known_keys(fields, {"name", "shown"}, path, at, f"'numbered_names: {key}'")
        template = text(fields.get("name"), path, at, "'name'")
        if template.count("{number}") != 1 or template.replace("{number}", "").count("{"):
            raise fail(path, at, f"'numbered_names: {key}: name' must hold {{number}} once and nothing else in braces")
        shown = choice(fields.get("shown"), ("written", "designation"), path, at, "'shown'")
        found[key] = (template, shown)
    return found


def _shipped_only(key: str, path: Path, line: int | None, file: str, why: str) -> None:
    """Refuse `key` outside the shipped file; a copy of that file (the repository's data/ when
    the package is installed) counts as it."""
    if shipped() or path.resolve().parent == data_dir().resolve():
        return
    own = data_dir() / file
    try:
        if path.name == file and own.is_file() and path.read_bytes() == own.read_bytes():
            return
    except OSError:
        pass
    raise fail(path, line, f"'{key}' belong to the shipped data/{file} ({why})")


def _parse_date_words(key: str, raw: Any, path: Path, line: int | None) -> Any:
    """months/weekdays: name: [abbreviations]; relative_days: word: day offset; day_parts:
    [words]; date_context: label: [patterns], every label of DATE_CONTEXT."""
    if key == "day_parts":
        return strings(raw, path, line, "'day_parts'")
    if not isinstance(raw, dict):
        raise fail(path, line, f"'{key}' must be a mapping")
    found: dict[str, Any] = {}
    for name, value in _fields(raw).items():
        at = _key_line(raw, name, line)
        name = text(name, path, at, f"a name in '{key}'")
        if key == "relative_days":
            found[name.lower()] = whole_number(value, path, at, f"'relative_days: {name}'", -7, 7)
        elif key == "date_context":
            choice(name, DATE_CONTEXT, path, at, "a label of 'date_context'")
            found[name] = compile_patterns(strings(value, path, at, f"'date_context: {name}'"), path, at, name)
        else:
            found[name] = strings(value, path, at, f"'{key}: {name}'")
    if key == "date_context" and (missing := [c for c in DATE_CONTEXT if c not in found]):
        raise fail(path, line, f"'date_context' lacks {', '.join(missing)}")
    if key in {"months", "weekdays"} and len(found) != (12 if key == "months" else 7):
        raise fail(path, line, f"'{key}' must name {12 if key == 'months' else 7}, in order")
    return found


def _parse_rewrites(raw: Any, path: Path, line: int | None) -> tuple[tuple[str, str], ...]:
    """[old, new] pairs of strings, `old` not empty; in the shipped data only."""
    _shipped_only("name_rewrites", path, line, "names.yaml", "people's ids rest on them")
    pairs = raw if isinstance(raw, list) else [None]
    if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(v, str) for v in p) and p[0] for p in pairs):
        raise fail(path, line, "'name_rewrites' must be a list of [old, new] pairs of strings, old not empty")
    return tuple((old, new) for old, new in pairs)


def _flag(value: Any, path: Path, line: int | None, what: str) -> bool:
    if not isinstance(value, bool):
        raise fail(path, line, f"{what} must be true or false, not {value!r}")
    return value


def _parse_labels(key: str, raw: Any, path: Path, line: int | None, into: Gazetteer) -> None:
    """`crew_safety` or `incident_status` (each label the output may give) or `incident_context`
    (wording the incidents component reads around incident sentences), with their patterns."""
    if not isinstance(raw, dict):
        raise fail(path, line, f"'{key}' must be a mapping of label: [patterns]")
    labels = getattr(into, key)
    for label, patterns in _fields(raw).items():
        at = _key_line(raw, label, line)
        wording = strings(patterns, path, at, f"'{key}: {label}'")
        if key in LABELLED:
            choice(label, into.registry.labels(LABELLED[key]), path, at, f"a label of '{key}'")
            if not wording:
                raise fail(path, at, f"'{key}: {label}' needs at least one pattern")
        labels[label] = compile_patterns(wording, path, at, str(label))


def _merge(into: Gazetteer, entry: Entry) -> None:
    """Add an entry; one with the same name in the same category extends the existing one."""
    entries = into.entries.setdefault(entry.category, [])
    key = (entry.category, entry.name.casefold())
    i = into.positions.get(key)
    if i is not None:
        old = entries[i]
        aliases = tuple(dict.fromkeys((*old.aliases, *entry.aliases)))
        extras = tuple(sorted({**dict(old.extras), **dict(entry.extras)}.items()))
        ambiguous = tuple(dict.fromkeys((*old.ambiguous, *entry.ambiguous)))
        entries[i] = Entry(old.category, old.name, aliases, extras, ambiguous)
        return
    into.positions[key] = len(entries)
    entries.append(entry)


def load_file(path: Path, into: Gazetteer, text: str | None = None) -> None:
    """Merge one gazetteer file into `into`: `text` when given (a copy saved with a pipeline;
    `path` then only names it in errors), else the file at `path`."""
    data = _read_yaml(path, text)
    if "categories" in data:  # declared before the file's entries, wherever it is written
        reserved = frozenset(OTHER_KEYS) | {"progress", "soyuz"}
        into.registry = into.registry.declare(data["categories"], path, _key_line(data, "categories", None), reserved)
    for key, value in _fields(data).items():
        line = _key_line(data, key, None)
        if key == "categories":
            continue
        if key in {"progress", "soyuz"}:
            _parse_numbered(key, value, path, line, into)
        elif key == "vehicle_schemes":
            _parse_schemes(value, path, line, into)
        elif key == "lexicon":
            _parse_lexicon(value, path, line, into)
        elif key in {"not_vehicles", "not_modules"}:
            patterns = strings(value, path, line, f"'{key}'")
            getattr(into, key).extend(compile_patterns(patterns, path, line, key, True, "each"))
        elif key == "sentence_abbreviations":
            into.sentence_abbreviations += strings(value, path, line, f"'{key}'")
        elif key == "not_locations":
            into.not_locations |= frozenset(v.casefold() for v in strings(value, path, line, f"'{key}'"))
        elif key in {"crew_safety", "incident_status", "incident_context"}:
            _parse_labels(key, value, path, line, into)
        elif key == "incident_types":
            _parse_incident_types(value, path, line, into)
        elif key == "numbered_names":
            into.numbered_names.update(_parse_numbered_names(value, path, line))
        elif key in DATE_KEYS:
            _shipped_only(key, path, line, "dates.yaml", "date patterns are built from them once, at start")
            into.date_words[key] = _parse_date_words(key, value, path, line)
        elif key == "name_rewrites":
            into.name_rewrites += _parse_rewrites(value, path, line)
        elif key in into.registry.items:
            if not isinstance(value, list):
                raise fail(path, line, f"'{key}' must be a list of entries")
            for raw in value:
                _merge(into, _parse_entry(into.registry[key], raw, path, line))
        else:
            known = ", ".join((*into.registry.items, *OTHER_KEYS))
            raise fail(path, line, f"unknown category {key!r} (known: {known})")


@functools.lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...]) -> Gazetteer:
    shipped = [(path, None, True) for path in sorted(data_dir().glob("*.yaml"))]
    return merged([*shipped, *((Path(extra), None, False) for extra in paths)])


def merged(files: Iterable[tuple[Path, str | None, bool]]) -> Gazetteer:
    """The gazetteer of files in merging order, each (path, its text or None to read the file,
    whether it is a shipped one: data/'s, or its copy saved with a pipeline)."""
    gazetteer = Gazetteer()
    for path, content, is_shipped in files:
        if is_shipped and path.name == REGISTRY_FILE:
            continue
        with vetted_files() if is_shipped else contextlib.nullcontext():
            load_file(path, gazetteer, content)
    _in_label_order(gazetteer)
    return gazetteer


def _in_label_order(gazetteer: Gazetteer) -> None:
    """Crew-safety wording most serious first and status wording earliest stage first, in the
    registry's order (which the components and the timeline rank labels by), whatever order
    the files wrote them in."""
    safety, status = gazetteer.crew_safety, gazetteer.incident_status
    gazetteer.crew_safety = {k: safety[k] for k in reversed(gazetteer.registry.labels("crew_safety")) if k in safety}
    gazetteer.incident_status = {k: status[k] for k in gazetteer.registry.labels("status") if k in status}


def load_gazetteer(extra_paths: Sequence[str | Path] = ()) -> Gazetteer:
    """The shipped gazetteers merged with the user's files (later files extend earlier ones)."""
    return _load_cached(tuple(str(p) for p in extra_paths))
