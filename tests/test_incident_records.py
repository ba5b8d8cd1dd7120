"""Incidents as records: when, where, how the crew fared, who took part, and the evidence."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from issextract.cli import main
from issextract.sentences import SentenceSplitter


def only(record, type_):
    (item,) = [i for i in record["incidents"] if i["type"] == type_]
    return item


SPLITTER = SentenceSplitter(["a.m", "p.m", "dr", "approx", "dec", "oct", "u.s"])


@pytest.mark.parametrize(
    "text",
    [
        "At 10:30 a.m. CDT the crew saw flakes drifting from the truss.",
        "Dr. Ortiz said the hole was approx. 2 mm wide.",
        "The leak in the U.S. segment began on Dec. 14 after the spacewalk.",
        "MOSCOW, Oct. 9 (Reuters) - A leak was found on the station.",
    ],
)
def test_abbreviations_and_datelines_do_not_end_sentences(text):
    assert SPLITTER.bounds(text) == [(0, len(text))]


def test_sentences_end_at_stops_before_capitals_and_at_line_breaks():
    text = 'The leak grew. Teams watched it.\nTitle line\n\n"Quoted," he said.'
    assert [text[a:b] for a, b in SPLITTER.bounds(text)] == [
        "The leak grew.",
        "Teams watched it.",
        "Title line",
        '"Quoted," he said.',
    ]


def test_evidence_carries_its_offsets(extract):
    text = "Station news.\nAt 6:10 p.m. EST the crew reported smoke in the Zvezda module. All is calm."
    item = only(extract(text), "smoke")
    ((start, end),) = item["evidence_spans"]
    assert text[start:end] == item["evidence"][0] == "At 6:10 p.m. EST the crew reported smoke in the Zvezda module."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day a pressure drop began, before the day the hole was found
        (
            "Station Status 31 May, 2024\nThe crew patched a small hole in the Soyuz MS-25 on Thursday, May 30, 2024. "
            "The leak had first caused a pressure drop on Wednesday, May 29, 2024.",
            "2024-05-29",
        ),
        # when it began, even long before the report
        (
            "Station Status 20 August, 2024\nIn March 2023 teams first saw signs of an air leak in the station. "
            "The leak rate has now increased.",
            "2023-03",
        ),
        # the report's own title date is not the incident's date
        ("Station Status 16 March, 2023 - Ammonia Leak\nAn ammonia leak was spotted on the truss.", "2023-03-16"),
        # a dated day just before, in the same paragraph
        (
            "Cargo craft news\n\nOn Feb. 3, 2025, a new cargo ship docked. Meanwhile, the older ship's coolant loop "
            "lost pressure.",
            "2025-02-03",
        ),
        # the lead's date for the incident of the headline
        (
            "Spacewalk Ends Early After Water Found in Helmet\n\nTwo astronauts completed their spacewalk on "
            "March 4, 2025 before it was ended early by flight controllers.\n\nOne of them reported water "
            "collecting inside his helmet.",
            "2025-03-04",
        ),
    ],
)
def test_incident_dates(extract, text, expected):
    (item,) = [i for i in extract(text)["incidents"] if i["type"] != "hull damage"][:1]
    assert item["date"] == expected


@pytest.mark.parametrize(
    "text",
    [
        # the launch of the satellite whose debris passes by
        "Controllers fired thrusters to avoid debris from a satellite launched on June 2, 2009.",
        # a dateline says when the report was filed
        "HOUSTON, March 3, 2022 (AP) - The station dodged a piece of space debris, NASA said.",
        # the day of a statement is not the day of the incident
        "Roscosmos said on Tuesday, April 4, 2023 that debris had forced a manoeuvre.",
        # nothing says when
        "The station performed a debris avoidance maneuver.",
    ],
)
def test_dates_of_other_things_do_not_date_the_incident(extract, text):
    assert only(extract(text), "debris")["date"] is None


def test_a_status_report_dates_its_items(extract):
    text = "ISS Daily Summary Report - 3/17/2025\nCO2 Removal: Overnight the CDRA failed to restart."
    assert only(extract(text), "equipment failure")["date"] == "2025-03-17"


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        ("A debris avoidance maneuver used the thrusters of Progress MS-29.", "debris", None),
        ("Water formed in his helmet while he worked outside the Quest airlock.", "spacesuit malfunction", None),
        ("A coolant leak was spotted on the Soyuz MS-22 docked to Rassvet.", "coolant leak", "Soyuz MS-22"),
        (
            "Some loads in Harmony, Kibo and Columbus were powered down after the pump failed.",
            "equipment failure",
            None,
        ),
        ("We saw the leak grow a week before the recent Progress launch.", "air leak", None),
        ("Soyuz MS-22 is docked. A coolant leak was found on the Soyuz.", "coolant leak", "Soyuz MS-22"),
        ("Canadarm2 was used to replace a failed pump in the Destiny laboratory.", "equipment failure", "Destiny"),
        (
            "Progress MS-04 lifted off. The rocket's third stage failed minutes later.",
            "launch failure",
            "Progress MS-04",
        ),
    ],
)
def test_incident_places(extract, text, type_, place):
    assert only(extract(text), type_)["location"] == place


def test_crew_safety_follows_the_incident_it_is_said_of(extract):
    text = (
        "Station Status 15 January, 2016\n"
        "The astronauts replaced a voltage regulator that caused a power failure in November.\n\n"
        "Later, water was found inside one astronaut's helmet. The crew was never in any danger."
    )
    record = extract(text)
    assert only(record, "spacesuit malfunction")["crew_safety"] == "no threat"
    assert only(record, "power failure")["crew_safety"] == "unknown"


def test_one_reports_compatible_incidents_share_date_place_and_safety(extract):
    text = (
        "A coolant leak sprayed from Soyuz MS-22 on December 14, 2022.\n\n"
        "The crew is safe.\n\n"
        "A small hole was later found in its radiator."
    )
    record = extract(text)
    leak, hole = only(record, "coolant leak"), only(record, "hull damage")
    assert (hole["date"], hole["location"], hole["crew_safety"]) == ("2022-12-14", "Soyuz MS-22", "no threat")
    assert leak["crew_safety"] == "no threat"


def test_crew_and_vehicles_named_where_the_incident_is_reported(extract):
    text = (
        "Cosmonaut Oleg Kononenko traced the air leak to the hatch of Progress MS-25. "
        "Astronaut Tracy Dyson worked on an experiment in Kibo."
    )
    item = only(extract(text), "air leak")
    assert (item["crew"], item["vehicles"]) == (["Oleg Kononenko"], ["Progress MS-25"])


@pytest.mark.parametrize(
    "text",
    [
        "The crew practised an emergency drill for an ammonia leak.",
        "A micrometeoroid could puncture a module, engineers warned.",
        "In the event of a fire, the crew would move to their Soyuz.",
    ],
)
def test_drills_and_hypotheticals_are_not_incidents(extract, text):
    assert extract(text)["incidents"] == []


def test_history_is_not_reported_but_a_repair_of_a_recent_failure_is(extract):
    history = extract(
        "Station Status 9 September, 2021\nIn July a software glitch knocked the station out of attitude."
    )
    assert history["incidents"] == []
    repair = extract(
        "Station Status 15 January, 2016\nThey replaced a regulator that caused a power failure in November."
    )
    assert [i["type"] for i in repair["incidents"]] == ["power failure"]


@pytest.mark.parametrize(
    ("text", "document_date"),
    [
        ("Station Status 16 December, 2022\nA coolant leak was found.", {"value": "2022-12-16", "source": "title"}),
        ("HOUSTON, Dec. 16, 2022 (UPI) -- A coolant leak was found.", {"value": "2022-12-16", "source": "dateline"}),
        ("A coolant leak was found.\nPublished December 16, 2022", {"value": "2022-12-16", "source": "published"}),
        ("A coolant leak was found.\n\u00a9 2022 AFP", {"value": "2022", "source": "copyright"}),
        ("A coolant leak was found.", {"value": None, "source": None}),
    ],
)
def test_document_date_and_its_source(extract, text, document_date):
    assert extract(text)["document_date"] == document_date


def test_date_option_is_a_fallback_that_never_overrides_a_stated_date(tmp_path):
    stated = tmp_path / "stated.txt"
    stated.write_text("Station Status 11 December, 2013\nOn Wednesday a pump failed.", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("On Wednesday a pump failed.", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(stated), str(plain), "-f", "jsonl", "--date", "2024-01-12"])
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["document_date"]["value"] == "2013-12-11"
    assert [(d["value"], d.get("aliases")) for d in first["dates"]] == [("2013-12-11", ["Wednesday"])]
    assert second["document_date"] == {"value": "2024-01-12", "source": "option"}
    assert [d["value"] for d in second["dates"] if d["text"] == "Wednesday"] == ["2024-01-10"]
