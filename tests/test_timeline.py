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
        "evidence": ["..."],
        "mentions": 1,
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
        {"source": "b.txt", "incidents": [incident("coolant leak", "2022-12-16", "Soyuz MS-22", status="isolated")]},
        {"source": "a.txt", "incidents": [incident("coolant leak", "2022-12-14", "Soyuz", safety="no threat")]},
        {"source": "c.txt", "incidents": [incident("air leak", "2020-08", "Zvezda"), incident("smoke", None, None)]},
    ]
    rows = [i.as_dict() for i in merge(records)]
    assert [(r["date"], r["type"], r["location"], r["reports"]) for r in rows] == [
        ("2020-08", "air leak", "Zvezda", ["c.txt"]),
        ("2022-12-16", "coolant leak", "Soyuz MS-22", ["b.txt", "a.txt"]),
        (None, "smoke", None, ["c.txt"]),
    ]
    assert (rows[1]["crew_safety"], rows[1]["status"]) == ("no threat", "isolated")


def test_undated_reports_do_not_fold_into_dated_ones():
    records = [
        {"source": "old.txt", "incidents": [incident("air leak", "2020-08-21", "Zvezda")]},
        {"source": "new.txt", "incidents": [incident("air leak", None, "Zvezda")]},
    ]
    assert len(merge(records)) == 2


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
    assert [(r["date"], r["type"], len(r["reports"])) for r in rows] == [
        ("2014-06-10", "smoke", 1),
        ("2022-12-14", "coolant leak", 2),
    ]
    table = CliRunner().invoke(main, ["timeline", str(tmp_path)])
    assert "coolant" in table.stdout and "2 incidents" in table.stdout
