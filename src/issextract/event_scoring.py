"""Score incident records against the gold `events` (../shared/ANNOTATION.md, section "events").

Per document, each output incident is paired with at most one gold event whose type
alternatives hold one of its types; pairs whose date also agrees are preferred. An output
incident left over whose type is optional in the gold file, or is another type of an event
already paired (a hull damage reported beside the coolant leak it caused), counts neither way.

Over a folder, the timeline is scored as a clustering: every pair of paired incidents from
two reports is "same incident" in the gold when their events share an `id`, and in the output
when the timeline folded them into one row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from .evaluate import Score as Tally
from .record import Incident, Record, field_of
from .textnorm import fold

ATTRIBUTES = ("date", "location", "crew_safety")


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, other: Accuracy) -> None:
        self.right += other.right
        self.total += other.total

    def as_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "accuracy": round(self.share, 4)}


@dataclass
class EventResult:
    """One document's incidents against its gold events."""

    detection: Tally = field(default_factory=Tally)
    strict: Tally = field(default_factory=Tally)
    attributes: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in ATTRIBUTES})
    pairs: list[tuple[int, str]] = field(default_factory=list)
    """(output incident index, gold event id) for each pairing."""
    errors: list[str] = field(default_factory=list)

    def add(self, other: EventResult) -> None:
        self.detection.add(other.detection)
        self.strict.add(other.strict)
        for name in ATTRIBUTES:
            self.attributes[name].add(other.attributes[name])


def _alternatives(value: Any) -> set[str] | None:
    """A gold value's alternatives, folded; None for a null value."""
    if value is None:
        return None
    return {fold(part) for part in str(value).split("|") if part.strip()}


def _types(item: Incident) -> list[str]:
    return [item.type]


def attribute_right(name: str, output: Any, gold: Any) -> bool:
    """An output attribute equals the gold one: both null, or one of the gold alternatives."""
    wanted = _alternatives(gold)
    if wanted is None or output is None:
        return wanted is None and output is None
    return fold(str(output)) in wanted


def _pair(incidents: list[Incident], events: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (incident index, event index): type first, then date agreement."""
    candidates = []
    for i, item in enumerate(incidents):
        types = {fold(t) for t in _types(item)}
        for j, event in enumerate(events):
            if types & (_alternatives(event.get("type")) or set()):
                agree = sum(attribute_right(a, field_of(item, a), event.get(a)) for a in ATTRIBUTES)
                first_type = fold(item.type) in (_alternatives(event.get("type")) or set())
                candidates.append((-agree, not first_type, i, j))
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs = []
    for _, _, i, j in sorted(candidates):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def score_events(record: dict[str, Any], gold: dict[str, Any]) -> EventResult:
    """Detection, attribute accuracy and strict scores of one record's incidents."""
    incidents = list(Record.read(record).incidents)
    events = gold.get("events") or []
    optional = {fold(t) for entry in gold.get("incidents_optional") or [] for t in str(entry).split("|")}
    result = EventResult()
    pairs = _pair(incidents, events)
    paired_i = {i for i, _ in pairs}
    paired_types = {t for _, j in pairs for t in _alternatives(events[j].get("type")) or set()}
    for i, j in pairs:
        item, event = incidents[i], events[j]
        result.pairs.append((i, str(event.get("id"))))
        result.detection.tp += 1
        right = {a: attribute_right(a, field_of(item, a), event.get(a)) for a in ATTRIBUTES}
        for name, ok in right.items():
            result.attributes[name].total += 1
            result.attributes[name].right += ok
            if not ok:
                result.errors.append(f"{event.get('id')}: {name} {field_of(item, name)!r}, gold {event.get(name)!r}")
        if right["date"] and right["location"]:
            result.strict.tp += 1
        else:
            result.strict.fp += 1
            result.strict.fn += 1
    for i, item in enumerate(incidents):
        if i in paired_i or {fold(t) for t in _types(item)} & (optional | paired_types):
            continue
        result.detection.fp += 1
        result.strict.fp += 1
        result.errors.append(f"false incident: {item.type} ({item.date}, {item.location})")
    paired_j = {j for _, j in pairs}
    for j, event in enumerate(events):
        if j not in paired_j:
            result.detection.fn += 1
            result.strict.fn += 1
            result.errors.append(f"missed incident: {event.get('id')} ({event.get('type')})")
    return result


@dataclass
class TimelineResult:
    """How the timeline folds reports: pairwise "same incident" precision and recall, and the
    share of rows dated with their incident's date."""

    folding: Tally = field(default_factory=Tally)
    dated: Accuracy = field(default_factory=Accuracy)
    rows: int = 0


def score_timeline(
    rows: Iterable[Iterable[tuple[str, int]]],
    gold_ids: dict[tuple[str, int], str],
    row_dates: list[str | None],
    gold_dates: dict[str, set[str]],
) -> TimelineResult:
    """`rows`: the members (source, incident index) of each timeline row; `gold_ids`: the gold
    event id of each paired member; `gold_dates`: the dates the gold gives each event id
    across its reports (empty when every report leaves it undated)."""
    result = TimelineResult()
    row_of: dict[tuple[str, int], int] = {}
    for index, members in enumerate(rows):
        result.rows += 1
        ids = [gold_ids[m] for m in members if m in gold_ids]
        for member in members:
            row_of[member] = index
        if not ids:
            continue
        event = max(sorted(set(ids)), key=ids.count)
        wanted = gold_dates.get(event) or set()
        got = row_dates[index]
        result.dated.total += 1
        result.dated.right += (got in wanted) if wanted else got is None
    members = sorted(m for m in gold_ids if m in row_of)
    for a, b in combinations(members, 2):
        if a[0] == b[0]:
            continue  # pairs across reports only
        same_gold = gold_ids[a] == gold_ids[b]
        same_row = row_of[a] == row_of[b]
        if same_gold and same_row:
            result.folding.tp += 1
        elif same_row:
            result.folding.fp += 1
        elif same_gold:
            result.folding.fn += 1
    return result


def gold_event_dates(golds: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """Every date the gold files give each event id (alternatives included)."""
    dates: dict[str, set[str]] = {}
    for gold in golds:
        for event in gold.get("events") or []:
            found = dates.setdefault(str(event.get("id")), set())
            if event.get("date") is not None:
                found.update(part.strip() for part in str(event["date"]).split("|"))
    return dates


@dataclass
class FolderEvents:
    """The event scores of a gold folder: per document summed, and the timeline's."""

    total: EventResult
    timeline: TimelineResult
    per_document: dict[str, EventResult]

    def as_dict(self) -> dict[str, Any]:
        return {
            "detection": self.total.detection.as_dict(),
            "strict": self.total.strict.as_dict(),
            "attributes": {name: acc.as_dict() for name, acc in self.total.attributes.items()},
            "timeline": {
                "rows": self.timeline.rows,
                "folding": self.timeline.folding.as_dict(),
                "dated": self.timeline.dated.as_dict(),
            },
        }


def score_folder(records: list[dict[str, Any]], golds: list[dict[str, Any]], names: list[str]) -> FolderEvents:
    """Events of every (record, gold) pair, and the timeline of all the records."""
    from .timeline import merge

    total = EventResult()
    per_document: dict[str, EventResult] = {}
    gold_ids: dict[tuple[str, int], str] = {}
    for record, gold, name in zip(records, golds, names, strict=True):
        result = score_events(record, gold)
        per_document[name] = result
        total.add(result)
        for index, event_id in result.pairs:
            gold_ids[(Record.read(record).source, index)] = event_id
    rows = merge(records)
    timeline = score_timeline(
        [row.members for row in rows], gold_ids, [row.date for row in rows], gold_event_dates(golds)
    )
    return FolderEvents(total, timeline, per_document)


def events_table(events: FolderEvents) -> Any:
    """A Rich table of the event scores, for `issextract eval`."""
    from rich.table import Table

    table = Table(title="incidents as events, and the timeline")
    table.add_column("measure", no_wrap=True)
    for column in ("tp / right", "fp", "fn / total", "precision", "recall", "F1 / share"):
        table.add_column(column, justify="right")

    def tally(name: str, t: Tally) -> None:
        table.add_row(name, str(t.tp), str(t.fp), str(t.fn), f"{t.precision:.3f}", f"{t.recall:.3f}", f"{t.f1:.3f}")

    def share(name: str, a: Accuracy) -> None:
        table.add_row(name, str(a.right), "", str(a.total), "", "", f"{a.share:.3f}")

    tally("event detection", events.total.detection)
    for name, accuracy in events.total.attributes.items():
        share(f"  {name.replace('_', ' ')} (paired)", accuracy)
    tally("event strict", events.total.strict)
    tally("timeline folding", events.timeline.folding)
    share(f"timeline dated ({events.timeline.rows} rows)", events.timeline.dated)
    return table
