"""Modules, vehicles, agencies and media: gazetteer aliases, capitalisation and naming schemes."""

from __future__ import annotations

import pytest

from conftest import names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Crew members sealed a crack in the PrK tunnel of the Service Module.", ["Zvezda"]),
        ("The SM and the FGB were closed off overnight.", ["Zvezda", "Zarya"]),
        ("Ammonia lines run through Node 3 and the Japanese Experiment Module.", ["Tranquility", "Kibo"]),
        ("The hatch to the Mini-Research Module 2 stayed shut.", ["Poisk"]),
        ("Russia's Star module has leaked for years.", ["Zvezda"]),
        ("Nauka, also called MLM, docked in July.", ["Nauka"]),
    ],
)
def test_modules_by_every_usual_name(extract, text, expected):
    assert names(extract(text), "modules") == expected


def test_module_words_in_lower_case_are_not_modules(extract):
    record = extract("A sense of unity and harmony marked the quest for a new destiny.")
    assert record["modules"] == []


def test_module_items_carry_their_segment(extract):
    record = extract("The leak is in Zvezda, not in Destiny.")
    assert [(m["name"], m["segment"]) for m in record["modules"]] == [("Zvezda", "Russian"), ("Destiny", "US")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soyuz MS-9 undocked.", ["Soyuz MS-09"]),
        ("The Soyuz TMA-16M crew landed.", ["Soyuz TMA-16M"]),
        ("SpaceX CRS-26 and NG-18 are berthed; Crew-8 arrives next.", ["CRS-26", "NG-18", "Crew-8"]),
        ("The Axiom Mission 4 crew flew on Crew Dragon Grace.", ["Axiom-4", "Crew Dragon Grace"]),
        ("Discovery flew STS-133 to the station.", ["STS-133"]),
        ("The Georges Lemaître boosted the orbit; Kounotori 9 had left.", ["ATV-5", "HTV-9"]),
    ],
)
def test_vehicles_by_scheme_and_gazetteer(extract, text, expected):
    assert names(extract(text), "vehicles") == expected


def test_progress_numbering_schemes_are_one_vehicle(extract):
    record = extract("Progress 82 lost coolant. Progress MS-21 will undock on Friday.")
    assert record["vehicles"] == [
        {
            "id": "vehicle:progress-ms-21",
            "name": "Progress 82",
            "mentions": 2,
            "aliases": ["Progress MS-21"],
            "kind": "cargo",
            "also_known_as": "Progress MS-21",
            "spans": [[0, 11], [26, 40]],
        }
    ]


def test_coordinated_progress_numbers_are_two_vehicles(extract):
    record = extract("The Progress 81 and 82 resupply ships are docked.")
    assert names(record, "vehicles") == ["Progress 81", "Progress 82"]


def test_bare_designation_folds_into_the_named_vehicle(extract):
    record = extract("Soyuz MS-22 sprang a leak. The MS-22 crew is safe.")
    assert record["vehicles"][0]["name"] == "Soyuz MS-22"
    assert record["vehicles"][0]["mentions"] == 2


def test_bare_designation_alone_is_not_guessed(extract):
    assert extract("The MS-22 crew is safe.")["vehicles"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Roskosmos said the crew was safe.", ["Roscosmos"]),
        ("Russia's space agency and the European Space Agency agreed.", ["Roscosmos", "ESA"]),
        ("The National Aeronautics and Space Administration confirmed it.", ["NASA"]),
        ("JAXA and the Canadian Space Agency are partners.", ["JAXA", "CSA"]),
    ],
)
def test_agencies_by_alias(extract, text, expected):
    assert names(extract(text), "agencies") == expected


def test_acronym_inside_a_hyphenated_code_is_not_an_agency(extract):
    assert extract("Readings from the CSA-CP were low.")["agencies"] == []


def test_media_are_not_agencies(extract):
    record = extract("TASS and Interfax quoted Roscosmos, per RIA Novosti and AFP.")
    assert names(record, "media") == ["TASS", "Interfax", "RIA Novosti", "AFP"]
    assert names(record, "agencies") == ["Roscosmos"]


def test_tass_dateline_names_tass(extract):
    record = extract("MOSCOW, October 15. /TASS/. The crew is safe, Roscosmos said.")
    assert names(record, "media") == ["TASS"]


def test_agencies_in_newspaper_house_style(extract):
    record = extract("Two Nasa astronauts and Esa's Thomas Pesquet met Jaxa officials.")
    assert names(record, "agencies") == ["NASA", "ESA", "JAXA"]


def test_rockets_are_not_vehicles(extract):
    record = extract("The Soyuz rocket and a Soyuz-2.1a lifted off; the Soyuz capsule docked.")
    assert names(record, "vehicles") == ["Soyuz"]
    assert record["vehicles"][0]["mentions"] == 1


def test_nasa_soyuz_numbers_are_the_designated_craft(extract):
    record = extract("The 68S crew boarded. Soyuz MS-22 (68S) undocked later; Soyuz 65S had landed.")
    vehicles = {v["name"]: v for v in record["vehicles"]}
    assert sorted(vehicles) == ["Soyuz MS-19", "Soyuz MS-22"]
    assert vehicles["Soyuz MS-22"]["mentions"] == 3
    assert vehicles["Soyuz MS-22"]["also_known_as"] == "Soyuz 68S"


def test_a_spacecrafts_service_module_is_not_zvezda(extract):
    record = extract("Starliner's service module leaked helium. The Zvezda service module was fine.")
    assert names(record, "modules") == ["Zvezda"]
    assert record["modules"][0]["mentions"] == 1


def test_bare_designation_written_first_takes_the_named_vehicle_kind(extract):
    (item,) = extract("The MS-22 crew is safe. Soyuz MS-22 sprang a leak.")["vehicles"]
    assert (item["name"], item["kind"], item["mentions"]) == ("Soyuz MS-22", "crew capsule", 2)


def test_a_class_of_craft_beside_the_craft_is_that_craft(extract):
    record = extract("NASA said their Dragon capsule, Endurance, was ready. A Dragon and the Soyuz MS-23 left.")
    vehicles = {v["name"]: v["mentions"] for v in record["vehicles"]}
    assert vehicles == {"Crew Dragon Endurance": 2, "Dragon": 1, "Soyuz MS-23": 1}


def test_the_service_module_of_a_starliner_story_is_not_zvezda(extract):
    text = "Engineers study helium leaks in the service module's propulsion system on Starliner."
    assert extract(text)["modules"] == []
    assert names(extract("Smoke was seen in the service module, Roscosmos said."), "modules") == ["Zvezda"]


def test_a_cargo_dragon_mission_is_named_as_written_and_folded(extract):
    (item,) = extract("The SpaceX CRS-25 mission splashed down; SpX-25 carried the suit.")["vehicles"]
    assert (item["name"], item["mentions"], item["also_known_as"]) == ("CRS-25", 2, "SpX-25")
