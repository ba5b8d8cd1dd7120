"""Crew versus other people, one entry per person however the text spells them."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import names


def test_roster_crew_carry_agency_and_nationality(extract):
    (item,) = extract("Koichi Wakata repaired the pump.")["crew"]
    assert (item["name"], item["agency"], item["nationality"]) == ("Koichi Wakata", "JAXA", "Japan")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cosmonauts Pyotr Dubrov and Piotr Doubrov are the same man.", ["Pyotr Dubrov"]),
        ("Sergey Prokopyev spoke. Later Sergei Prokopiev added more.", ["Sergey Prokopyev"]),
        ("Commander Christopher Cassidy and Chris Cassidy.", ["Christopher Cassidy"]),
    ],
)
def test_spellings_fold_into_one_entry(extract, text, expected):
    record = extract(text)
    assert names(record, "crew") == expected
    assert record["crew"][0]["mentions"] == 2


def test_name_is_the_texts_own_spelling_and_roster_name_is_kept(extract):
    (item,) = extract("Cosmonaut Oleg Novitsky went outside.")["crew"]
    assert item["name"] == "Oleg Novitsky"
    assert item["roster_name"] == "Oleg Novitskiy"


def test_bare_surname_after_full_name_folds(extract):
    record = extract("ISS Program Manager Joel Montalbano spoke. According to Montalbano, the leak is small.")
    assert record["people"] == [
        {
            "id": "person:ioel-montalbano",
            "name": "Joel Montalbano",
            "mentions": 2,
            "aliases": ["Montalbano"],
            "role": "ISS Program Manager",
            "spans": [[20, 35], [56, 66]],
        }
    ]


def test_machine_translation_slip_resolves_in_a_cosmonaut_context(extract):
    (item,) = extract("The leak was found by Russian cosmonaut Pyotr Dubrovnik.")["crew"]
    assert item["name"] == "Pyotr Dubrov"
    assert item["aliases"] == ["Pyotr Dubrovnik"]


def test_unknown_crew_found_from_context(extract):
    record = extract("Flight Engineer Zakhar Ivanovsky and astronaut Jane Hollis floated out.")
    assert names(record, "crew") == ["Zakhar Ivanovsky", "Jane Hollis"]
    assert record["people"] == []


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("NASA spokesperson Dan Huot said the crew was safe.", "Dan Huot", "NASA spokesperson"),
        ("Dan Huot, a NASA spokesperson, said the crew was safe.", "Dan Huot", "NASA spokesperson"),
        ("Flight director Mary Lawrence called the crew.", "Mary Lawrence", "Flight director"),
    ],
)
def test_officials_go_to_people_with_their_role(extract, text, name, role):
    record = extract(text)
    assert record["crew"] == []
    assert [(p["name"], p.get("role")) for p in record["people"]] == [(name, role)]


def test_title_before_bare_roster_surname(extract):
    assert names(extract("Commander Hadfield reported the flakes."), "crew") == ["Chris Hadfield"]


def test_ambiguous_bare_surname_does_not_guess(extract):
    # Two roster astronauts are called Kelly (Scott and Mark).
    assert extract("Commander Kelly reported the leak.")["crew"] == []


def test_a_shared_surname_is_the_namesake_aboard_in_the_texts_year(extract):
    text = "June 24, 2024\nAstronauts Wilmore and Williams continued checkouts inside Starliner."
    assert names(extract(text), "crew") == ["Butch Wilmore", "Suni Williams"]
    # In 2007 two Williamses flew to the station: no guess.
    assert names(extract(text.replace("2024", "2007")), "crew") == ["Butch Wilmore"]


def test_a_given_name_used_alone_is_the_person_the_text_names(extract):
    text = "ESA astronaut Thomas Pesquet grappled Dragon. Thomas, a Frenchman, was at the controls."
    (person,) = extract(text)["crew"]
    assert (person["name"], person["mentions"]) == ("Thomas Pesquet", 2)


def test_a_centre_named_after_a_person_is_no_astronaut(extract):
    text = "Mike Suffredini, station program manager, NASA Johnson. The crew was never in danger."
    assert extract(text)["crew"] == []
    text = "Astronaut Greg Johnson spoke from NASA's Johnson center. Johnson said the crew was safe."
    assert names(extract(text), "crew") == ["Greg Johnson"]


def test_a_headlines_capitalised_words_are_no_name(extract):
    record = extract("Spacewalkers Reconnect Docking Adapter\n\nTwo astronauts worked outside for six hours.")
    assert record["crew"] == record["people"] == []


def test_a_byline_is_no_headline(extract):
    record = extract("Crew Lands Safely\nBy Yelena Morozova and Nurlan Abenov\n\nThe crew landed.")
    assert names(record, "people") == ["Yelena Morozova", "Nurlan Abenov"]


def test_user_gazetteer_adds_crew(nlp, tmp_path: Path):
    from issextract.pipeline import build_pipeline
    from issextract.record import doc_to_record

    extra = tmp_path / "mine.yaml"
    extra.write_text("crew:\n  - name: Zed Quorra\n    aliases: [Zedd Quora]\n    agency: ESA\n", encoding="utf-8")
    record = doc_to_record(build_pipeline([extra])("Zedd Quora checked the valve."), "x")
    assert record["crew"] == [
        {
            "id": "person:zed-quorra",
            "name": "Zedd Quora",
            "mentions": 1,
            "roster_name": "Zed Quorra",
            "agency": "ESA",
            "spans": [[0, 10]],
        }
    ]


def test_status_reports_name_crew_by_surname_alone(extract):
    text = "Flight Engineer McClain removed the fan and Saint-Jacques installed a spare. Kononenko worked in the SM."
    assert names(extract(text), "crew") == ["Anne McClain", "David Saint-Jacques", "Oleg Kononenko"]


def test_surname_after_the_or_without_crew_context_is_not_crew(extract):
    assert extract("Delegates met in The Hague on Monday.")["crew"] == []
    assert extract("Kononenko Street was renamed.")["crew"] == []


def test_appositive_title_with_of_phrase(extract):
    (person,) = extract("Vladimir Solovyov, flight director of the Russian segment, spoke.")["people"]
    assert person["role"] == "flight director of the Russian segment"


def test_a_name_listed_after_crew_is_crew(extract):
    record = extract("Cosmonauts Zakhar Ivanovsky, Boris Tennant and Oleg Novitsky boarded.")
    assert names(record, "crew") == ["Zakhar Ivanovsky", "Boris Tennant", "Oleg Novitsky"]
    record = extract("The crew includes Oleg Novitsky and Zakhar Ivanovsky.")
    assert names(record, "crew") == ["Oleg Novitsky", "Zakhar Ivanovsky"]


def test_apostrophe_names_and_sentence_openers(extract):
    record = extract("Loral O'Hara prepared the BEAM. Later O'Hara slept.")
    assert [(c["name"], c["mentions"]) for c in record["crew"]] == [("Loral O'Hara", 2)]


def test_middle_initials_do_not_split_a_person(extract):
    record = extract(
        "ISS Program Manager Joel R. Montalbano spoke. Later Joel Montalbano added that Montalbano's team agreed."
    )
    assert [(p["name"], p["mentions"]) for p in record["people"]] == [("Joel Montalbano", 3)]
    (item,) = extract("Commander Christopher J. Cassidy opened the hatch.")["crew"]
    assert item["name"] == "Chris Cassidy" or item["roster_name"] == "Chris Cassidy"


def test_a_ministers_title_makes_a_person(extract):
    record = extract("Defense Minister Sergei Shoigu said the test posed no threat to the station.")
    assert [p["name"] for p in record["people"]] == ["Sergei Shoigu"]


def test_a_given_name_before_a_nickname_is_not_a_surname(extract):
    record = extract('NASA astronaut Barry "Butch" Wilmore and cosmonaut Oleg Kononenko worked in Zvezda.')
    assert sorted(c["name"] for c in record["crew"]) == ["Butch Wilmore", "Oleg Kononenko"]


def test_bylines_and_credit_lines_name_people(extract):
    text = (
        "Leak found in Zvezda\n\nBy Odile Marchetti and Nurlan Abenov\n\n"
        "MOSCOW (Reuters) - The crew sealed the leak, Roscosmos said.\n\n"
        "(Reporting by Tessa Lindqvist; Editing by Graham Boyce)\n\n"
        "Harriet Colwell, science correspondent\n"
    )
    record = extract(text)
    assert names(record, "people") == [
        "Odile Marchetti",
        "Nurlan Abenov",
        "Tessa Lindqvist",
        "Graham Boyce",
        "Harriet Colwell",
    ]


def test_a_byline_without_a_person_names_no_one(extract):
    record = extract("Smoke in Zvezda\n\nBy Staff Writers\n\nBy Our Correspondent\n\nThe crew is safe.")
    assert record["people"] == []


def test_a_nationality_before_a_listed_name_is_not_a_person(extract):
    record = extract("Soyuz commander Yuri Malenchenko and South Korean bioengineer So-yeon Yi landed in Kazakhstan.")
    assert names(record, "crew") == ["Yuri Malenchenko", "So-yeon Yi"]
