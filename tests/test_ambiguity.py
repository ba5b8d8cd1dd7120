"""Names that are also common words or other things' names count only with spaceflight context."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import names
from issextract.gazetteers import GazetteerError, load_gazetteer

NOT_SPACEFLIGHT = """\
Resilience matters, coach Grace Harlow told reporters after the Endurance Cup final at Unity
Park. Progress was slow in the first half, and Harmony Rovers defended deep. Commander Tom
Bellweather of the harbour patrol watched from the stand beside pilot Anna Ferrow.

Later the squad toured the Atlantis resort, where a Leonardo exhibition and a Jules Verne's
novels reading drew crowds; Columbus Day fell on the Monday. Good defending, and Love for the
game, carried them. Quest Partners sponsors the club, and a Dragon Boat race closes the season.
"""


def test_a_text_without_spaceflight_yields_no_module_vehicle_or_crew(extract):
    record = extract(NOT_SPACEFLIGHT)
    assert record["modules"] == []
    assert record["vehicles"] == []
    assert record["crew"] == []


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        # Other spaceflight finds or words in the text.
        ("Resilience undocked from the space station at dawn.", "vehicles", ["Crew Dragon Resilience"]),
        ("Astronauts moved supplies from Unity to Harmony.", "modules", ["Unity", "Harmony"]),
        ("ESA's Jules Verne reboosted the orbiting laboratory.", "vehicles", ["ATV-1"]),
        # A word naming the craft's kind or owner nearby.
        ("SpaceX said Endurance is ready.", "vehicles", ["Crew Dragon Endurance"]),
        ("The hatch to Destiny stayed shut.", "modules", ["Destiny"]),
    ],
)
def test_ambiguous_names_count_with_spaceflight_context(extract, text, category, expected):
    assert names(extract(text), category) == expected


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Resilience matters more than talent.", "vehicles"),
        ("She spent the summer reading Jules Verne's novels.", "vehicles"),
        ("Destiny and Harmony are the twins' names.", "modules"),
        ("The ESA ruling protects the river's salmon.", "agencies"),
    ],
)
def test_ambiguous_names_alone_count_for_nothing(extract, text, category):
    assert extract(text)[category] == []


def test_a_crew_title_outside_spaceflight_is_no_crew(extract):
    record = extract("Commander Tom Bellweather of the harbour patrol inspected the boats.")
    assert record["crew"] == []
    assert names(extract("Cosmonaut Tom Bellweather inspected the hatch."), "crew") == ["Tom Bellweather"]


def test_a_roster_name_marked_ambiguous_needs_spaceflight(extract):
    assert extract("Senator Mark Kelly voted on the farm bill.")["crew"] == []
    assert names(extract("Astronaut Mark Kelly flew to the station."), "crew") == ["Mark Kelly"]
    assert names(extract("Koichi Wakata repaired the pump."), "crew") == ["Koichi Wakata"]


def test_a_surname_that_is_a_word_needs_crew_words_nearby(extract):
    text = "Astronaut Michael Good trained for years. " + "The weather held. " * 12 + "Good food helped."
    assert [c["mentions"] for c in extract(text)["crew"]] == [1]
    assert [c["mentions"] for c in extract("The astronauts slept. Good and Tanner took photos.")["crew"]] == [1, 1]


def test_the_ambiguity_mark_is_gazetteer_data(tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text("vehicles:\n  - name: Craft Zed\n    aliases: [Zed]\n    ambiguous: [Zed]\n", encoding="utf-8")
    (entry,) = [e for e in load_gazetteer([good]).category("vehicles") if e.name == "Craft Zed"]
    assert entry.ambiguous == ("Zed",)
    every = tmp_path / "every.yaml"
    every.write_text("vehicles:\n  - name: Craft Yod\n    aliases: [Yod]\n    ambiguous: true\n", encoding="utf-8")
    (entry,) = [e for e in load_gazetteer([every]).category("vehicles") if e.name == "Craft Yod"]
    assert entry.ambiguous == ("Craft Yod", "Yod")
    bad = tmp_path / "bad.yaml"
    bad.write_text("vehicles:\n  - name: Craft Zed\n    ambiguous: [Quux]\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad.yaml:2: 'ambiguous' form 'Quux'"):
        load_gazetteer([bad])


def test_every_ambiguous_mark_in_data_names_a_form_of_its_entry():
    gazetteer = load_gazetteer()
    marked = [e for c in gazetteer.entries.values() for e in c if e.ambiguous]
    assert len(marked) > 40
    for entry in marked:
        words = {w for f in entry.surface_forms for w in f.split()}
        assert set(entry.ambiguous) <= set(entry.surface_forms) | words


def test_an_ambiguous_word_ending_another_name_is_not_the_craft(extract):
    text = "Astronauts on the space station read about Christopher Columbus and the Jet Propulsion Lab."
    assert extract(text)["modules"] == []
    assert names(extract("The station used the Russian Progress cargo vessel's thrusters."), "vehicles") == ["Progress"]
