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

from .regexes import WordLed, any_of, lower_regex

ENTITY_CATEGORIES = ("modules", "vehicles", "agencies", "media", "crew", "people")
EXTRA_FIELDS = {
    "modules": {"segment"},
    "vehicles": {"kind"},
    "agencies": {"country"},
    "media": {"country"},
    "crew": {"agency", "nationality", "aboard"},
    "people": {"role"},
}
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
)
_LINE = "__line__"


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    """One canonical thing (a module, a vehicle, a person...) and the ways a text may name it."""

    category: str
    name: str
    aliases: tuple[str, ...] = ()
    extras: tuple[tuple[str, str], ...] = ()

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


@dataclass
class Gazetteer:
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    progress_by_number: dict[int, str] = field(default_factory=dict)
    progress_by_designation: dict[str, int] = field(default_factory=dict)
    soyuz_by_number: dict[int, str] = field(default_factory=dict)
    soyuz_by_designation: dict[str, int] = field(default_factory=dict)
    vehicle_schemes: list[VehicleScheme] = field(default_factory=list)
    lexicon: dict[str, frozenset[str]] = field(default_factory=dict)
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
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _fail(path: Path, line: int | None, message: str) -> GazetteerError:
    where = f"{path}:{line}" if line else str(path)
    return GazetteerError(f"{where}: {message}")


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, None, f"cannot read gazetteer: {exc}") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise _fail(path, mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _fail(path, 1, "a gazetteer must be a mapping of category: [entries]")
    return data


def _strings(value: Any, path: Path, line: int, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, line, f"{what} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


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


def _parse_entry(category: str, raw: Any, path: Path, parent_line: int) -> Entry:
    if not isinstance(raw, dict):
        raise _fail(path, parent_line, f"each {category} entry must be a mapping with a 'name'")
    line = raw.pop(_LINE, parent_line)
    name = raw.pop("name", None)
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, line, f"{category} entry has no 'name'")
    aliases = _strings(raw.pop("aliases", None), path, line, "'aliases'")
    extras: dict[str, str] = {}
    for key, value in raw.items():
        if key not in EXTRA_FIELDS[category]:
            allowed = ", ".join(sorted({"name", "aliases", *EXTRA_FIELDS[category]}))
            raise _fail(path, line, f"unknown field '{key}' in {category} entry (allowed: {allowed})")
        if value is not None:
            if key == "aboard" and isinstance(value, int):
                value = str(value)
            if not isinstance(value, str):
                raise _fail(path, line, f"'{key}' must be a string")
            if key == "aboard" and parse_aboard(value) is None:
                raise _fail(path, line, f"'aboard' must be years and ranges such as '2006-2007, 2012', not '{value}'")
            extras[key] = value
    return Entry(category, name.strip(), aliases, tuple(sorted(extras.items())))


def _parse_numbered(key: str, raw: Any, path: Path, into: Gazetteer) -> None:
    """`progress` or `soyuz`: each flight's designation and NASA's ISS number (82P, 68S)."""
    if not isinstance(raw, list):
        raise _fail(path, None, f"'{key}' must be a list of {{designation, number}}")
    by_number, by_designation = getattr(into, f"{key}_by_number"), getattr(into, f"{key}_by_designation")
    for item in raw:
        line = item.get(_LINE) if isinstance(item, dict) else None
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("designation"), str)
            or not isinstance(item.get("number"), int)
        ):
            raise _fail(path, line, f"each {key} entry needs 'designation' (text) and 'number' (integer)")
        designation = re.sub(r"\s+", " ", item["designation"].strip())
        by_number[item["number"]] = designation
        by_designation[designation.upper()] = item["number"]


def _parse_schemes(raw: Any, path: Path, into: Gazetteer) -> None:
    if not isinstance(raw, list):
        raise _fail(path, None, "'vehicle_schemes' must be a list")
    for item in raw:
        line = item.get(_LINE) if isinstance(item, dict) else None
        if not isinstance(item, dict) or not {"pattern", "name"} <= item.keys():
            raise _fail(path, line, "each vehicle scheme needs 'pattern' and 'name'")
        try:
            pattern = re.compile(item["pattern"])
        except re.error as exc:
            raise _fail(path, line, f"bad pattern: {exc}") from None
        into.vehicle_schemes.append(
            VehicleScheme(
                pattern,
                item["name"],
                item.get("kind", "spacecraft"),
                int(item.get("pad", 0)),
                item.get("trigger"),
                item.get("shown"),
            )
        )


def _parse_lexicon(raw: Any, path: Path, into: Gazetteer) -> None:
    if not isinstance(raw, dict):
        raise _fail(path, None, "'lexicon' must be a mapping of list name: [words]")
    line = raw.pop(_LINE, None)
    for key, words in raw.items():
        merged = set(into.lexicon.get(key, frozenset()))
        merged.update(w.lower() for w in _strings(words, path, line or 1, f"lexicon '{key}'"))
        into.lexicon[key] = frozenset(merged)


def _compile_all(
    patterns: tuple[str, ...], path: Path, line: int, what: str, case_sensitive: bool = False
) -> tuple[re.Pattern[str], ...]:
    """Compile a file's patterns; case-insensitive ones are for `regexes.lowered` text."""
    try:
        return tuple(re.compile(p) if case_sensitive else lower_regex(p) for p in patterns)
    except re.error as exc:
        raise _fail(path, line, f"bad pattern in {what}: {exc}") from None


def _parse_incident_types(raw: Any, path: Path, into: Gazetteer) -> None:
    if not isinstance(raw, dict):
        raise _fail(path, None, "'incident_types' must be a mapping of type: {patterns: [...]}")
    raw.pop(_LINE, None)
    for name, spec in raw.items():
        line = spec.get(_LINE, 1) if isinstance(spec, dict) else 1
        if not isinstance(spec, dict) or "patterns" not in spec:
            raise _fail(path, line, f"incident type '{name}' needs 'patterns'")
        into.incident_rules[name] = IncidentRule(
            name,
            _compile_all(_strings(spec["patterns"], path, line, "'patterns'"), path, line, name),
            _compile_all(_strings(spec.get("exclude"), path, line, "'exclude'"), path, line, name),
            _strings(spec.get("same_event_as"), path, line, "'same_event_as'"),
            _compile_all(_strings(spec.get("fallback"), path, line, "'fallback'"), path, line, name),
            _strings(spec.get("fallback_unless"), path, line, "'fallback_unless'"),
            tuple(t.lower() for t in _strings(spec.get("triggers"), path, line, "'triggers'")),
            _flag(spec.get("unplaced", False), path, line, "'unplaced'"),
            _compile_all(_strings(spec.get("continued_by"), path, line, "'continued_by'"), path, line, name),
            _flag(spec.get("generic", False), path, line, "'generic'"),
            _flag(spec.get("craft", False), path, line, "'craft'"),
            _strings(spec.get("compatible_with"), path, line, "'compatible_with'"),
        )


def _flag(value: Any, path: Path, line: int, what: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(path, line, f"{what} must be true or false")
    return value


def _merge(into: Gazetteer, entry: Entry) -> None:
    """Add an entry; one with the same name in the same category extends the existing one."""
    entries = into.entries.setdefault(entry.category, [])
    key = (entry.category, entry.name.casefold())
    i = into.positions.get(key)
    if i is not None:
        old = entries[i]
        aliases = tuple(dict.fromkeys((*old.aliases, *entry.aliases)))
        extras = tuple(sorted({**dict(old.extras), **dict(entry.extras)}.items()))
        entries[i] = Entry(old.category, old.name, aliases, extras)
        return
    into.positions[key] = len(entries)
    entries.append(entry)


def load_file(path: Path, into: Gazetteer) -> None:
    data = _read_yaml(path)
    data.pop(_LINE, None)
    for key, value in data.items():
        if key in {"progress", "soyuz"}:
            _parse_numbered(key, value, path, into)
        elif key == "vehicle_schemes":
            _parse_schemes(value, path, into)
        elif key == "lexicon":
            _parse_lexicon(value, path, into)
        elif key in {"not_vehicles", "not_modules"}:
            getattr(into, key).extend(_compile_all(_strings(value, path, 1, f"'{key}'"), path, 1, key, True))
        elif key == "sentence_abbreviations":
            into.sentence_abbreviations += _strings(value, path, 1, f"'{key}'")
        elif key == "not_locations":
            into.not_locations |= frozenset(v.casefold() for v in _strings(value, path, 1, f"'{key}'"))
        elif key in {"crew_safety", "incident_status", "incident_context"}:
            if not isinstance(value, dict):
                raise _fail(path, None, f"'{key}' must be a mapping of label: [patterns]")
            value.pop(_LINE, None)
            labels = getattr(into, key)
            for label, patterns in value.items():
                labels[label] = _compile_all(_strings(patterns, path, 1, f"'{key}: {label}'"), path, 1, label)
        elif key == "incident_types":
            _parse_incident_types(value, path, into)
        elif key in ENTITY_CATEGORIES:
            if not isinstance(value, list):
                raise _fail(path, None, f"'{key}' must be a list of entries")
            for raw in value:
                _merge(into, _parse_entry(key, raw, path, 1))
        else:
            known = ", ".join((*ENTITY_CATEGORIES, *OTHER_KEYS))
            raise _fail(path, None, f"unknown category '{key}' (known: {known})")


def data_dir() -> Path:
    """The shipped data folder: inside the installed package, or the repository's data/."""
    packaged = Path(__file__).with_name("data")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


@functools.lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...]) -> Gazetteer:
    gazetteer = Gazetteer()
    for path in sorted(data_dir().glob("*.yaml")):
        load_file(path, gazetteer)
    for extra in paths:
        load_file(Path(extra), gazetteer)
    return gazetteer


def load_gazetteer(extra_paths: Sequence[str | Path] = ()) -> Gazetteer:
    """The shipped gazetteers merged with the user's files (later files extend earlier ones)."""
    return _load_cached(tuple(str(p) for p in extra_paths))
