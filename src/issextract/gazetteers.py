"""Load, validate and merge the gazetteers in data/*.yaml and in user --gazetteer files.

A gazetteer file is a mapping from category to a list of entries (see data/README.md). Errors
name the file and the line, so that a user can fix their own file without reading code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .gazetteer_fields import (
    GazetteerError,
    choice,
    compile_patterns,
    contract,
    fail,
    known_keys,
    shipped,
    strings,
    template,
    text,
    vetted_files,
    whole_number,
)
from .reading import InputError, read_regular
from .regexes import WordLed, any_of

__all__ = ["Entry", "Gazetteer", "GazetteerError", "IncidentRule", "VehicleScheme", "load_gazetteer"]

ENTITY_CATEGORIES = ("modules", "vehicles", "agencies", "media", "crew", "people")
EXTRA_FIELDS = {
    "modules": {"segment"},
    "vehicles": {"kind"},
    "agencies": {"country"},
    "media": {"country"},
    "crew": {"agency", "nationality", "aboard", "earlier_agency", "other_nationality", "status"},
    "people": {"role"},
}
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
MAX_PAD = 9
GAZETTEER_MAX_BYTES = 16 * 1024 * 1024
_LINE = "__line__"
_KEY_LINES = "__key_lines__"
_META = (_LINE, _KEY_LINES)


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


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"  # libyaml when present: 5x faster start-up


_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})
"""Plain scalars beginning with a letter that YAML may read as something other than text."""


class _LineLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """A safe loader that records each mapping's line, for error messages.

    Most scalars in the gazetteers are plain words; PyYAML tries each against its implicit
    types (int, float, bool, null, timestamp...) in Python, which was the biggest single cost
    of loading them. A plain scalar that begins with a letter and is none of YAML's words is
    text, so it is settled at once.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0] and value[:1].isalpha() and value.lower() not in _YAML_WORDS:
            return _STR_TAG
        return super().resolve(kind, value, implicit)


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[_LINE] = node.start_mark.line + 1
    mapping[_KEY_LINES] = {
        key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)
    }
    return mapping


def _fields(mapping: dict[Any, Any]) -> dict[Any, Any]:
    """A mapping's own keys and values, without the lines the loader noted (a copy: an entry
    shared through a YAML anchor is read, never changed)."""
    return {k: v for k, v in mapping.items() if k not in _META}


def _key_line(mapping: dict[Any, Any], key: Any, default: int | None) -> int | None:
    """The line of a key, as written (`7:` is read as the number 7); else of its mapping."""
    lines = mapping.get(_KEY_LINES, {})
    return lines.get(key) or lines.get(str(key)) or mapping.get(_LINE, default)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_text(path: Path) -> str:
    """A gazetteer file's text. Only a regular file is read, and at most GAZETTEER_MAX_BYTES
    of it: a FIFO or a device (/dev/zero) is refused at once."""
    try:
        return read_regular(path, GAZETTEER_MAX_BYTES, "gazetteer files").decode("utf-8-sig")
    except InputError as exc:
        raise fail(path, None, f"cannot read gazetteer: {exc}") from None
    except UnicodeDecodeError as exc:
        raise fail(path, None, f"cannot read gazetteer: not UTF-8 text (byte {exc.start})") from None


def _read_yaml(path: Path, text: str | None = None) -> dict[str, Any]:
    """A gazetteer file's mapping: of `text` when given (a pipeline's saved copy of the file),
    else of the file at `path` (see `read_text`)."""
    if text is None:
        text = read_text(path)
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise fail(path, mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise fail(path, 1, "a gazetteer must be a mapping of category: [entries]")
    return data


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


def _parse_entry(category: str, raw: Any, path: Path, parent_line: int | None) -> Entry:
    if not isinstance(raw, dict):
        raise fail(path, parent_line, f"each {category} entry must be a mapping with a 'name'")
    line = raw.get(_LINE, parent_line)
    fields = _fields(raw)
    known_keys(fields, {"name", "aliases", "ambiguous", *EXTRA_FIELDS[category]}, path, line, f"{category} entry")
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
        if key == "segment":
            choice(value, contract()["segment"], path, _key_line(raw, key, line), "'segment'")
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
        into.incident_rules[name] = _parse_incident_type(name, spec, path, _key_line(raw, name, line))


def _parse_incident_type(name: Any, spec: Any, path: Path, line: int | None) -> IncidentRule:
    types = contract()["incident_types"]
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
    if not shipped() and path.resolve().parent != data_dir().resolve():
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
        if key in contract():
            choice(label, contract()[key], path, at, f"a label of '{key}'")
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
    """Merge one gazetteer file into `into`: `text` when given (`path` then only names it in
    errors), else the file at `path`."""
    data = _read_yaml(path, text)
    for key, value in _fields(data).items():
        line = _key_line(data, key, None)
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
        elif key in ENTITY_CATEGORIES:
            if not isinstance(value, list):
                raise fail(path, line, f"'{key}' must be a list of entries")
            for raw in value:
                _merge(into, _parse_entry(key, raw, path, line))
        else:
            known = ", ".join((*ENTITY_CATEGORIES, *OTHER_KEYS))
            raise fail(path, line, f"unknown category {key!r} (known: {known})")


def data_dir() -> Path:
    """The shipped data folder: inside the installed package, or the repository's data/."""
    packaged = Path(__file__).with_name("data")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


@functools.lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...]) -> Gazetteer:
    gazetteer = Gazetteer()
    with vetted_files():
        for path in sorted(data_dir().glob("*.yaml")):
            load_file(path, gazetteer)
    for extra in paths:
        load_file(Path(extra), gazetteer)
    return gazetteer


def load_gazetteer(extra_paths: Sequence[str | Path] = ()) -> Gazetteer:
    """The shipped gazetteers merged with the user's files (later files extend earlier ones)."""
    return _load_cached(tuple(str(p) for p in extra_paths))
