"""`issextract timeline`: one chronological row per incident across many reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from issextract.cli import main
from issextract.timeline import dates_compatible, merge, places_compatible


def incident(type_: str, date: str | None, location: str | None, **extra) -> dict:
    return {
        "type": type_,
        "date": date,
        "location": location,
        "crew_safety": extra.get("safety", "unknown"),
        "status": extra.get("status"),
        "crew": extra.get("crew", []),
        "vehicles": [],
        "evidence": [extra.get("evidence", f"{type_} at {location} on {date}")],
        "mentions": 1,
    }


def record(source: str, *incidents: dict, written: str | None = None) -> dict:
    return {
        "source": source,
        "document_date": {"value": written, "source": "title" if written else None},
        "dates": [],
        "incidents": list(incidents),
    }


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("2020-08-21", "2020-08-21", True),
        ("2020-08", "2020-08-21", True),
        ("2020-08-21", "2020-08-23", True),
        ("2020-08-21", "2020-09-21", False),
        ("2020", "2021-03", False),
    ],
)
def test_dates_compatible(a, b, same):
    assert dates_compatible(a, b) is same


def test_places_compatible():
    assert places_compatible("Soyuz", "Soyuz MS-22")
    assert not places_compatible("Soyuz MS-22", "Soyuz MS-23")


def test_reports_of_one_incident_fold_and_keep_the_most_serious_facts():
    records = [
        record("b.txt", incident("coolant leak", "2022-12-16", "Soyuz MS-22", status="isolated")),
        record("a.txt", incident("coolant leak", "2022-12-14", "Soyuz", safety="no threat")),
        record("c.txt", incident("air leak", "2020-08", "Zvezda"), incident("smoke", None, None)),
    ]
    rows = [i.as_dict() for i in merge(records)]
    assert [(r["date"], r["type"], r["location"], r["sources"]) for r in rows] == [
        ("2020-08", "air leak", "Zvezda", ["c.txt"]),
        ("2022-12-14", "coolant leak", "Soyuz MS-22", ["b.txt", "a.txt"]),
        (None, "smoke", None, ["c.txt"]),
    ]
    assert (rows[1]["crew_safety"], rows[1]["status"], rows[1]["reports"]) == ("no threat", "isolated", 2)


def test_compatible_types_fold_and_different_incidents_of_one_type_stay_apart():
    records = [
        record("misfire.txt", incident("thruster misfire", "2021-07-29", "Nauka")),
        record("attitude.txt", incident("attitude loss", "2021-07-29", None)),
        record("leak2020.txt", incident("air leak", "2020-08-21", "Zvezda")),
        record("leak2024.txt", incident("air leak", "2024-02-28", "Zvezda")),
    ]
    rows = [r.as_dict() for r in merge(records)]
    assert [(r["date"], r["types"]) for r in rows] == [
        ("2020-08-21", ["air leak"]),
        ("2021-07-29", ["thruster misfire", "attitude loss"]),
        ("2024-02-28", ["air leak"]),
    ]


def test_an_undated_follow_up_folds_into_the_incident_it_follows_by_its_own_date():
    records = [
        record("first.txt", incident("air leak", "2020-08-21", "Zvezda"), written="2020-08-21"),
        record("sequel.txt", incident("air leak", None, None), written="2020-09-10"),
        record("years-later.txt", incident("air leak", None, "Zvezda"), written="2024-02-28"),
        record("unknown.txt", incident("air leak", None, None)),
    ]
    rows = [r.as_dict() for r in merge(records)]
    assert [(r["date"], r["not_after"], r["sources"]) for r in rows] == [
        ("2020-08-21", None, ["first.txt", "sequel.txt"]),
        (None, "2024-02-28", ["years-later.txt"]),
        (None, None, ["unknown.txt"]),
    ]


def test_copies_of_one_report_count_once():
    wire = incident("smoke", "2021-09-09", "Zvezda", evidence="Smoke was detected in Zvezda.")
    rows = merge([record("paper-a.txt", wire), record("paper-b.txt", dict(wire))])
    assert [(r.as_dict()["reports"], r.as_dict()["sources"]) for r in rows] == [(1, ["paper-a.txt", "paper-b.txt"])]


def test_labels_a_gazetteer_adds_do_not_crash_the_timeline():
    rows = merge([record("a.txt", incident("smoke", "2021-09-09", None, safety="masks on", status="vented"))])
    assert rows[0].as_dict()["crew_safety"] == "masks on"


def test_timeline_command(tmp_path: Path):
    (tmp_path / "one.txt").write_text(
        "Station Status 14 December, 2022\nA coolant leak was detected on Soyuz MS-22 today.", encoding="utf-8"
    )
    (tmp_path / "two.txt").write_text(
        "Station Status 16 December, 2022\nTeams continue to study the coolant leak of Soyuz MS-22.", encoding="utf-8"
    )
    (tmp_path / "three.txt").write_text("Smoke was reported in Zvezda on June 10, 2014.", encoding="utf-8")
    result = CliRunner().invoke(main, ["timeline", str(tmp_path), "-f", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["date"], r["type"], r["reports"]) for r in rows] == [
        ("2014-06-10", "smoke", 1),
        ("2022-12-14", "coolant leak", 2),
    ]
    narrowed = CliRunner().invoke(
        main, ["timeline", str(tmp_path), "-f", "jsonl", "--since", "2020", "--type", "smoke"]
    )
    assert narrowed.exit_code == 0 and narrowed.stdout == ""
    table = CliRunner().invoke(main, ["timeline", str(tmp_path), "-f", "table"])
    assert "one.txt" in table.stdout and "2014-06-10" in table.stdout
    bad = CliRunner().invoke(main, ["timeline", str(tmp_path), "--since", "June"])
    assert bad.exit_code == 2 and "not a date" in bad.output
    table = CliRunner().invoke(main, ["timeline", str(tmp_path)])
    assert "coolant" in table.stdout and "2 incidents" in table.stdout
