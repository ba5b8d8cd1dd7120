"""Incident types from the report's wording; history it only recalls is not reported."""

from __future__ import annotations

import pytest


def types(record) -> list[str]:
    return [i["type"] for i in record["incidents"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Specialists are detecting an air leak on board the ISS.", ["air leak"]),
        ("Ground teams saw coolant spraying from the Soyuz radiator loop.", ["coolant leak"]),
        ("Flakes showed ammonia leaking from the P6 truss.", ["ammonia leak"]),
        ("A smoke detector went off and the crew smelled burning plastic.", ["smoke"]),
        ("The station fired Progress thrusters in a debris avoidance maneuver.", ["debris"]),
        ("Nauka's thrusters fired unexpectedly after docking.", ["thruster misfire"]),
        ("The booster failed two minutes after launch and the crew made an emergency landing.", ["launch failure"]),
        ("Docking has been called off for the cargo craft.", ["docking failure"]),
        ("A failed Main Bus Switching Unit reduced the station's power supply.", ["power failure"]),
        ("Water formed inside his helmet during the spacewalk.", ["spacesuit malfunction"]),
        ("The crew found the leak in the PrK tunnel.", ["air leak"]),
        ("One of the Cygnus solar arrays failed to deploy after launch.", ["equipment failure"]),
        ("The flight software deselected five of its 28 reaction control thrusters.", ["thruster misfire"]),
        ("Engineers are studying five small helium leaks in its propulsion system.", ["other"]),
        ("Controllers quickly lost reliable telemetry from the cargo ship.", ["equipment failure"]),
        ("The alarm was false, caused by a faulty computer in the Russian segment.", ["computer failure"]),
        ("The station was losing air, the crew reported.", ["air leak"]),
        ("Ammonia escaped from the radiator.", ["ammonia leak"]),
        ("The treadmill broke down again on Tuesday.", ["equipment failure"]),
        ("The main engine failed during the approach.", ["equipment failure"]),
        ("Two of the station's computers shut down overnight.", ["computer failure"]),
        ("The ship's engines kept firing after the end of the test.", ["thruster misfire"]),
        ("The station temporarily lost its orientation in space.", ["attitude loss"]),
        ("The Progress cargo ship also lost its coolant.", ["coolant leak"]),
        ("The first stage suffered a catastrophic anomaly.", ["launch failure"]),
        ("Dragon aborted the rendezvous and backed away.", ["docking failure"]),
        ("The unit had stopped responding to commands.", ["equipment failure"]),
        ("One astronaut stayed overnight in hospital for observation.", ["medical"]),
    ],
)
def test_types_from_wording(extract, text, expected):
    assert types(extract(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mission control sent a command to fire the module's engines for a reboost.",
        "The thrusters will fire at 2:09 p.m. to raise the orbit.",
        "Engineers ran a docked hot-fire test of the capsule's thrusters.",
        "A leak is one of the emergencies crews train for, along with fire and toxic air.",
        "The crew took part in an emergency drill for a fire on board.",
    ],
)
def test_fire_the_verb_and_rehearsed_fires_are_not_fires(extract, text):
    assert "fire" not in types(extract(text))


def test_a_list_of_tasks_is_not_a_suit_leak(extract):
    assert "spacesuit malfunction" not in types(extract("Look-ahead plan: EMU loop scrub, RS leak repair, cargo ops."))


def test_a_helium_leak_is_not_an_air_leak(extract):
    assert "air leak" not in types(extract("Engineers traced five small helium leaks in the thruster system."))


def test_a_shuttles_hydrogen_leak_is_not_an_air_leak(extract):
    assert "air leak" not in types(extract("Engineers worked on a hydrogen leak that delayed the shuttle launch."))


def test_damage_that_could_happen_is_no_damage(extract):
    assert types(extract("Even a tiny particle could puncture a pressurized module.")) == []
    assert types(extract("Cracks in old structures tend to become more common.")) == []
    assert types(extract("The crew found a crack in the PrK hatch.")) == ["hull damage"]


def test_a_fire_on_board_is_a_fire(extract):
    assert types(extract("A small fire broke out in the Zvezda module and the crew put it out.")) == ["fire"]


def test_a_smell_with_smoke_is_the_same_event(extract):
    assert types(extract("Smoke filled the module. The smell lingered.")) == ["smoke"]


def test_a_bare_leak_in_a_coolant_story_is_not_an_air_leak(extract):
    assert types(extract("Coolant leaked from the Soyuz. There's a leak at the station.")) == ["coolant leak"]


def test_recalled_incidents_are_not_reported(extract):
    text = (
        "Station Status 12 March, 2024\n"
        "Flight controllers fired Progress thrusters today to avoid a piece of debris. "
        "In August 2020 an air leak was found in Zvezda."
    )
    assert types(extract(text)) == ["debris"]


def test_an_incident_repaired_now_counts_even_if_it_began_earlier(extract):
    text = (
        "Spacewalk Report\n"
        "On January 15, 2016 they replaced a regulator that failed last November, causing a loss of power."
    )
    assert types(extract(text)) == ["power failure"]


def test_incident_items_carry_date_location_safety_status_and_evidence(extract):
    text = "Smoke was reported in the Zvezda service module on June 10, 2014. The crew is safe."
    (item,) = extract(text)["incidents"]
    assert item == {
        "type": "smoke",
        "mentions": 1,
        "date": "2014-06-10",
        "location": "Zvezda",
        "crew_safety": "no threat",
        "status": "detected",
        "crew": [],
        "vehicles": [],
        "evidence": ["Smoke was reported in the Zvezda service module on June 10, 2014."],
        "evidence_spans": [[0, 65]],
    }


@pytest.mark.parametrize(
    ("text", "safety", "status"),
    [
        ("An air leak was found in the PrK and later temporarily sealed.", "unknown", "patched"),
        ("The crew sheltered in the Soyuz as debris passed.", "sheltered", None),
        ("The air leak was isolated to the PrK; it poses no threat to the crew.", "no threat", "isolated"),
        ("Engineers replaced the failed pump and the crew was never in danger.", "no threat", "repaired"),
    ],
)
def test_crew_safety_and_status_from_wording(extract, text, safety, status):
    (item,) = extract(text)["incidents"]
    assert (item["crew_safety"], item["status"]) == (safety, status)


def test_two_types_in_one_sentence_keep_their_own_facts(extract):
    text = "Smoke and an air leak were reported in Zvezda on June 10, 2014, and the crew is safe."
    items = {i["type"]: i for i in extract(text)["incidents"]}
    assert set(items) == {"smoke", "air leak"}
    assert items["smoke"]["evidence"] == items["air leak"]["evidence"]
    assert items["smoke"]["location"] == items["air leak"]["location"] == "Zvezda"
