"""Merge the incidents of many reports into one chronological list, one row per incident.

Reports fold into one row when their types are compatible (the same type, or types the
incident rules of data/incidents.yaml declare `compatible_with` each other: a thruster misfire
and the attitude loss it caused, a leak and the hull damage behind it), their places agree or
one refines the other ("Soyuz" and "Soyuz MS-22", or one report not saying), and their dates
agree (the same day within a few days, or one refining the other as "2020-08" and "2020-08-21").
An undated report folds into the incident it follows up when its own date (the report's
`document_date`, else the latest day it mentions) falls within a few weeks after that incident
and its earlier reports. Copies of one report (syndicated wire copy: the same evidence) count
once. The labels' order (crew safety, status) is the category registry's (data/categories.yaml),
which every label a gazetteer gives is checked against when it is loaded.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import PurePath
from typing import Any, TextIO

import yaml

from .record import Incident, Record
from .registry import Registry, shipped_registry

SAME_EVENT_DAYS = 3
"""Two dated reports of one incident give days at most this far apart."""
FOLLOW_UP_DAYS = 45
"""An undated report follows up an incident reported at most this long before it."""
FIELDS = (
    "date",
    "not_after",
    "type",
    "types",
    "location",
    "crew_safety",
    "status",
    "reports",
    "sources",
    "evidence",
    "crew",
    "vehicles",
)
"""The columns of a timeline row, in output order."""


@dataclass(frozen=True)
class FoldRules:
    """What the timeline needs from the incident rules: compatible types and label orders."""

    compatible: frozenset[tuple[str, str]] = frozenset()
    safety_order: tuple[str, ...] = shipped_registry().labels("crew_safety")
    """Least serious first (the registry's order)."""
    status_order: tuple[str | None, ...] = (None, *shipped_registry().labels("status"))
    """Earliest stage first (the registry's order)."""

    @classmethod
    def from_gazetteer(cls, gazetteer: Any) -> FoldRules:
        pairs = {
            pair
            for rule in gazetteer.incident_rules.values()
            for other in rule.compatible_with
            for pair in ((rule.type, other), (other, rule.type))
        }
        registry: Registry = gazetteer.registry
        return cls(frozenset(pairs), registry.labels("crew_safety"), (None, *registry.labels("status")))

    def types_compatible(self, a: str, b: str) -> bool:
        return a == b or (a, b) in self.compatible

    def more_serious(self, a: str, b: str) -> str:
        """The more serious of two crew-safety labels (registry order)."""
        return max(a, b, key=lambda label: _rank(self.safety_order, label))

    def further(self, a: str | None, b: str | None) -> str | None:
        return max(a, b, key=lambda label: _rank(self.status_order, label))


def _rank(order: Sequence[Any], label: Any) -> int:
    """A label's place in its order. Every label an incident carries is in it: gazetteers are
    checked against the registry's label sets, which the order is read from; a record made
    elsewhere with a label it does not know ranks it above the rest rather than failing."""
    return order.index(label) if label in order else len(order)


def period(value: str) -> tuple[date, date]:
    """The first and last day of an ISO date, month or year."""
    if len(value) == 10:
        day = date.fromisoformat(value)
        return day, day
    if len(value) == 7:
        first = date.fromisoformat(value + "-01")
        return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    year = int(value[:4])
    return date(year, 1, 1), date(year, 12, 31)


def dates_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    if len(a) != 10 or len(b) != 10:
        return False
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= SAME_EVENT_DAYS


def places_compatible(a: str, b: str) -> bool:
    """The same place, or one naming it more precisely ("Soyuz" and "Soyuz MS-22")."""
    a, b = a.casefold(), b.casefold()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def own_date(record: Record) -> str | None:
    """The date a report states for itself (or was given with --date)."""
    return record.document_date.value


def place_names(record: Record, place: str | None) -> frozenset[str]:
    """A place's names in a record (a craft's name in the other scheme too), folded."""
    if not place:
        return frozenset()
    names = {place}
    for item in record.items.get("vehicles", ()):
        known = {item.name, item.extras.get("also_known_as"), *item.aliases} - {None}
        if place in known:
            names |= known
    return frozenset(n.casefold() for n in names)


def report_day(record: Record) -> str | None:
    """Around when a report was written: its own date, else the latest day (or month) it
    mentions. Years alone are left out: they are often targets ("until 2030")."""
    own = own_date(record)
    if own and len(own) >= 7:
        return own
    values = [d.value for d in record.dates if d.value]
    for length in (10, 7):
        found = [v for v in values if len(v) == length]
        if found:
            return max(found)
    return own


@dataclass
class Item:
    """One report's incident, where it came from and when the report was written."""

    source: str
    index: int
    order: int
    incident: Incident
    day: str | None
    """Around when the report was written (for folding)."""
    own: str | None = None
    """The date the report states for itself (a bound on the incident's date)."""
    places: frozenset[str] = frozenset()
    """The incident's place under every name the report gives it ("Progress 82", "Progress MS-21")."""

    @property
    def date(self) -> str | None:
        return self.incident.date


@dataclass
class Row:
    """One incident across the reports about it."""

    items: list[Item] = field(default_factory=list)
    date: str | None = None
    location: str | None = None
    crew_safety: str = shipped_registry().labels("crew_safety")[0]
    status: str | None = None

    @property
    def type(self) -> str:
        return Counter(i.incident.type for i in self.items).most_common(1)[0][0]

    @property
    def members(self) -> list[tuple[str, int]]:
        return [(i.source, i.index) for i in self.items]

    @property
    def not_after(self) -> str | None:
        """For an undated incident: the earliest date a report about it states for itself."""
        days = [i.own for i in self.items if i.own]
        return None if self.date is not None or not days else min(days)

    def places(self) -> frozenset[str]:
        return frozenset().union(*(i.places for i in self.items))

    def last_known(self) -> date | None:
        ends = [period(v)[1] for v in (self.date, *(i.day for i in self.items)) if v]
        return max(ends) if ends else None

    def add(self, item: Item, rules: FoldRules) -> None:
        self.items.append(item)
        self.date = _best_date([i.date for i in self.items])
        self.location = _more_precise(self.location, item.incident.location)
        self.crew_safety = rules.more_serious(self.crew_safety, item.incident.crew_safety or rules.safety_order[0])
        self.status = rules.further(self.status, item.incident.status)

    def as_dict(self) -> dict[str, Any]:
        items = sorted(self.items, key=lambda i: (i.order, i.index))
        first = items[0].incident
        return {
            "date": self.date,
            "not_after": self.not_after,
            "type": self.type,
            "types": list(dict.fromkeys(i.incident.type for i in items)),
            "location": self.location,
            "crew_safety": self.crew_safety,
            "status": self.status,
            "reports": _distinct_reports(items),
            "sources": list(dict.fromkeys(i.source for i in items)),
            "evidence": (first.evidence or [""])[0],
            "crew": list(dict.fromkeys(n for i in items for n in i.incident.crew)),
            "vehicles": list(dict.fromkeys(n for i in items for n in i.incident.vehicles)),
        }


def _distinct_reports(items: Sequence[Item]) -> int:
    """The reports behind a row, copies of one report (the same evidence) counted once."""
    by_source: dict[str, list[str]] = {}
    for item in items:
        by_source.setdefault(item.source, []).extend(item.incident.evidence)
    return len({tuple(sorted(evidence)) for evidence in by_source.values()})


def _best_date(values: Iterable[str | None]) -> str | None:
    """The most precise date the reports give; among those, the one most give, then the earliest."""
    dated = [v for v in values if v]
    if not dated:
        return None
    precision = max(len(v) for v in dated)
    counts = Counter(v for v in dated if len(v) == precision)
    return min(counts, key=lambda v: (-counts[v], v))


def _more_precise(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    return a if len(a) >= len(b) else b


def _close(a: str, b: date | None, rows_day: date | None) -> bool:
    """An undated report written on `a` follows up an incident dated `b` reported until `rows_day`."""
    start, end = period(a)
    if b is not None and end < b - timedelta(days=SAME_EVENT_DAYS):
        return False
    anchor = rows_day or b
    return anchor is not None and (start - anchor).days <= FOLLOW_UP_DAYS


def belongs(row: Row, item: Item, rules: FoldRules) -> bool:
    """Whether a report's incident is the row's incident."""
    if not any(rules.types_compatible(i.incident.type, item.incident.type) for i in row.items):
        return False
    here, there = row.location, item.incident.location
    if here and there and not (places_compatible(here, there) or row.places() & item.places):
        return False
    if row.date is not None and item.date is not None:
        return any(dates_compatible(i.date, item.date) for i in row.items if i.date)
    first = period(row.date)[0] if row.date else None
    if item.date is None and item.day is not None:
        return _close(item.day, first, row.last_known())
    if item.date is not None:  # a dated report joining undated ones written around that date
        days = [i.day for i in row.items if i.day]
        return bool(days) and all(_close(day, period(item.date)[0], None) for day in days)
    # Neither side dates anything: only the same named place says it is one incident.
    return bool(row.places() & item.places)


def merge(records: Sequence[dict[str, Any]], rules: FoldRules | None = None) -> list[Row]:
    """One Row per incident across the records, in chronological order (undated by the date
    of their first report, unknown last)."""
    rules = rules or default_rules()
    read = [Record.read(record) for record in records]
    items = [
        Item(
            record.source,
            index,
            order,
            incident,
            report_day(record),
            own_date(record),
            place_names(record, incident.location),
        )
        for order, record in enumerate(read)
        for index, incident in enumerate(record.incidents)
    ]
    # Dated incidents first, so that undated follow-ups find the incident they follow.
    items.sort(key=lambda i: (i.date is None, i.date or i.day or "~", i.order, i.index))
    rows: list[Row] = []
    for item in items:
        candidates = [row for row in rows if belongs(row, item, rules)]
        row = min(candidates, key=lambda r: _distance(r, item), default=None)
        if row is None:
            row = Row()
            rows.append(row)
        row.add(item, rules)
    return sorted(rows, key=_chronology)


def _distance(row: Row, item: Item) -> int:
    when = item.date or item.day
    anchor = row.date or row.not_after
    if when is None or anchor is None:
        return 0
    return abs((period(when)[0] - period(anchor)[0]).days)


def _chronology(row: Row) -> tuple[Any, ...]:
    when = row.date or row.not_after
    return (when is None, when or "", row.type, min(i.order for i in row.items))


def default_rules(gazetteers: Sequence[str] = ()) -> FoldRules:
    from .gazetteers import load_gazetteer

    return FoldRules.from_gazetteer(load_gazetteer(gazetteers))


def select(rows: Iterable[Row], since: str | None, until: str | None, types: Sequence[str]) -> list[Row]:
    """The rows within [since, until] (by date, or an undated row's first report) and of the types."""
    out = []
    for row in rows:
        when = row.date or row.not_after
        if since and (when is None or period(when)[1] < period(since)[0]):
            continue
        if until and (when is None or period(when)[0] > period(until)[1]):
            continue
        if types and not any(t in types for t in (i.incident.type for i in row.items)):
            continue
        out.append(row)
    return out


def write_timeline(rows: list[Row], fmt: str, out: TextIO) -> None:
    """The rows as a Rich table, YAML, JSON, JSON lines or CSV (lists joined by ';')."""
    dicts = [row.as_dict() for row in rows]
    if fmt == "table":
        render_table(dicts, out)
    elif fmt == "json":
        out.write(json.dumps(dicts, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in dicts)
    elif fmt == "yaml":
        out.write(yaml.safe_dump(dicts, sort_keys=False, allow_unicode=True, width=100))
    else:
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()} for row in dicts)


def render_table(rows: list[dict[str, Any]], out: Any) -> None:
    """A Rich table. Reports are shown by file name, one per line; piped, the table is not
    squeezed to 80 columns."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} incidents", title_justify="left")
    table.add_column("date", no_wrap=True)
    for column in ("type", "location", "crew safety", "status"):
        table.add_column(column)
    table.add_column("reports", justify="right")
    table.add_column("sources", overflow="fold")
    for row in rows:
        when = row["date"] or (f"≤ {row['not_after']}" if row["not_after"] else "(undated)")
        table.add_row(
            when,
            " / ".join(row["types"]),
            row["location"] or "",
            row["crew_safety"],
            row["status"] or "",
            str(row["reports"]),
            "\n".join(PurePath(source).name for source in row["sources"]),
        )
    interactive = hasattr(out, "isatty") and out.isatty()
    Console(file=out, soft_wrap=False, width=None if interactive else 160).print(table)
