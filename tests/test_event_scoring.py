"""Incidents scored as events, and the timeline scored as a clustering of reports."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from issextract.cli import main
from issextract.event_scoring import score_events, score_timeline


def incident(type_, date=None, location=None, safety="unknown"):
    return {"type": type_, "date": date, "location": location, "crew_safety": safety, "evidence": ["..."]}


GOLD = {
    "incidents_optional": ["odor"],
    "events": [
        {
            "id": "e1",
            "type": "coolant leak | hull damage",
            "date": "2022-12-15",
            "location": "Soyuz MS-22 | MS-22",
            "crew_safety": "no threat",
        },
        {"id": "e2", "type": "debris", "date": None, "location": None, "crew_safety": "sheltered"},
    ],
}


def test_pairs_by_type_and_scores_attributes_and_strict():
    record = {
        "incidents": [
            incident("coolant leak", "2022-12-15", "MS-22", "no threat"),
            incident("hull damage", "2022-12-15", "Soyuz MS-22"),  # another type of the paired event
            incident("odor"),  # optional
            incident("debris", "2022-12-10", None, "sheltered"),  # date wrong
            incident("fire"),  # false
        ]
    }
    result = score_events(record, GOLD)
    assert (result.detection.tp, result.detection.fp, result.detection.fn) == (2, 1, 0)
    assert (result.strict.tp, result.strict.fp, result.strict.fn) == (1, 2, 1)
    assert {k: (v.right, v.total) for k, v in result.attributes.items()} == {
        "date": (1, 2),
        "location": (2, 2),
        "crew_safety": (2, 2),
    }
    assert result.pairs == [(0, "e1"), (3, "e2")]


def test_missed_events_count_against_recall():
    result = score_events({"incidents": []}, GOLD)
    assert (result.detection.tp, result.detection.fn) == (0, 2)


def test_timeline_folding_is_scored_on_pairs_across_reports():
    gold_ids = {("a", 0): "x", ("b", 0): "x", ("c", 0): "x", ("d", 0): "y"}
    rows = [[("a", 0), ("b", 0)], [("c", 0), ("d", 0)]]
    result = score_timeline(rows, gold_ids, ["2020-01-01", None], {"x": {"2020-01-01"}, "y": set()})
    # same in the gold: a-b, a-c, b-c; same in the output: a-b, c-d
    assert (result.folding.tp, result.folding.fp, result.folding.fn) == (1, 1, 2)
    assert (result.dated.right, result.dated.total) == (1, 2)


def test_eval_reports_events_and_the_timeline(tmp_path: Path):
    for name, day in (("one", "14"), ("two", "16")):
        (tmp_path / f"{name}.txt").write_text(
            f"Station Status {day} December, 2022\nA coolant leak sprayed from Soyuz MS-22 on Dec. 14.",
            encoding="utf-8",
        )
        (tmp_path / f"{name}.gold.yaml").write_text(
            "incidents: [coolant leak]\nevents:\n  - id: leak\n    type: coolant leak\n    date: 2022-12-14\n"
            "    location: Soyuz MS-22\n    crew_safety: unknown\n",
            encoding="utf-8",
        )
    result = CliRunner().invoke(main, ["eval", str(tmp_path), "-f", "json"])
    events = json.loads(result.stdout)["events"]
    assert events["strict"]["f1"] == 1.0
    assert events["timeline"]["rows"] == 1
    assert events["timeline"]["folding"]["tp"] == 1
    table = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert "timeline folding" in table.stdout
