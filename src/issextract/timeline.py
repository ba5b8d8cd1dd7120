"""Merge the incidents of many reports into one chronological list, one row per incident.

Reports about the same incident fold together: the same type, a compatible place (the same
module or vehicle, or one report not saying) and compatible dates (the same day or within a few
days, or one date refining the other as "2020-08" and "2020-08-21" do; undated reports fold
only with undated ones that name the same place).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TextIO

import yaml

SAME_EVENT_DAYS = 3
FIELDS = ("date", "type", "location", "crew_safety", "status", "reports", "evidence")
"""The columns of a timeline row, in output order."""
SAFETY_ORDER = ("unknown", "no threat", "sheltered", "evacuated")
STATUS_ORDER = (None, "detected", "isolated", "patched", "repaired")


@dataclass
class Incident:
    type: str
    date: str | None
    location: str | None
    crew_safety: str
    status: str | None
    reports: list[str] = field(default_factory=list)
    evidence: str = ""
    members: list[tuple[str, int]] = field(default_factory=list)
    """(source, index in that record's incidents) of every report item folded here."""

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if len(value) == 10 else None


def dates_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    day_a, day_b = _day(a), _day(b)
    return day_a is not None and day_b is not None and abs((day_a - day_b).days) <= SAME_EVENT_DAYS


def places_compatible(a: str, b: str) -> bool:
    """The same place, or one naming it more precisely ("Soyuz" and "Soyuz MS-22")."""
    a, b = a.casefold(), b.casefold()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def same_incident(incident: Incident, item: dict[str, Any]) -> bool:
    if incident.type != item["type"]:
        return False
    place_a, place_b = incident.location, item["location"]
    if place_a and place_b and not places_compatible(place_a, place_b):
        return False
    if incident.date is None or item["date"] is None:
        # Undated reports fold only with each other, at the same named place.
        return incident.date is None and item["date"] is None and bool(place_a and place_b)
    return dates_compatible(incident.date, item["date"])


def _more_precise(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    return a if len(a) >= len(b) else b


def merge(records: list[dict[str, Any]]) -> list[Incident]:
    """One Incident per event across the records, in chronological order (undated last)."""
    incidents: list[Incident] = []
    for record in records:
        for index, item in enumerate(record["incidents"]):
            match = next((i for i in incidents if same_incident(i, item)), None)
            if match is None:
                incidents.append(
                    Incident(
                        item["type"],
                        item["date"],
                        item["location"],
                        item["crew_safety"],
                        item["status"],
                        [record["source"]],
                        item["evidence"][0] if item["evidence"] else "",
                        [(record["source"], index)],
                    )
                )
                continue
            match.members.append((record["source"], index))
            match.date = _more_precise(match.date, item["date"])
            match.location = _more_precise(match.location, item["location"])
            match.crew_safety = max(match.crew_safety, item["crew_safety"], key=SAFETY_ORDER.index)
            match.status = max(match.status, item["status"], key=STATUS_ORDER.index)
            if record["source"] not in match.reports:
                match.reports.append(record["source"])
    return sorted(incidents, key=lambda i: (i.date is None, i.date or "", i.type))


def write_timeline(incidents: list[Incident], fmt: str, out: TextIO) -> None:
    """The merged incidents as a Rich table, YAML, JSON or CSV (reports joined by ';')."""
    rows = [incident.as_dict() for incident in incidents]
    if fmt == "table":
        render_table(incidents, out)
    elif fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "yaml":
        out.write(yaml.safe_dump(rows, sort_keys=False, allow_unicode=True, width=100))
    else:
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**row, "reports": ";".join(row["reports"])} for row in rows)


def render_table(incidents: list[Incident], out: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(incidents)} incidents", title_justify="left")
    for column in ("date", "type", "location", "crew safety", "status", "reports"):
        table.add_column(column, justify="right" if column == "reports" else "left")
    for incident in incidents:
        table.add_row(
            incident.date or "(undated)",
            incident.type,
            incident.location or "",
            incident.crew_safety,
            incident.status or "",
            "\n".join(incident.reports),
        )
    Console(file=out, soft_wrap=False).print(table)
