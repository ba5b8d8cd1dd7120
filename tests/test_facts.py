"""Facts in data/ that a fact check corrected (issue 18), as a user sees them."""

from __future__ import annotations

from conftest import names
from issextract.gazetteers import load_gazetteer


def _crew(name: str) -> dict[str, str]:
    (entry,) = [e for e in load_gazetteer().category("crew") if e.name == name]
    return dict(entry.extras)


def test_soyuz_tm_31_has_no_number_in_nasas_scheme(extract):
    gazetteer = load_gazetteer()
    assert "SOYUZ TM-31" not in gazetteer.soyuz_by_designation
    assert gazetteer.soyuz_by_number[2] == "Soyuz TM-32"
    (item,) = extract("Soyuz TM-31 carried the first resident crew.")["vehicles"]
    assert "also_known_as" not in item


def test_people_who_have_not_flown_are_marked():
    for name in ("Joshua Kutryk", "Luke Delaney", "Anil Menon", "Sergey Teteryatnikov"):
        assert _crew(name)["status"] == "not flown"
    assert "status" not in _crew("Peggy Whitson")


def test_earlier_agencies_and_second_nationalities():
    assert _crew("Peggy Whitson")["earlier_agency"] == "NASA"
    assert _crew("Michael López-Alegría")["other_nationality"] == "Spain"
    assert _crew("Mark Shuttleworth")["other_nationality"] == "United Kingdom"


def test_belarus_flew_with_roscosmos(extract):
    assert _crew("Marina Vasilevskaya")["agency"] == "Roscosmos"
    assert "Belspace" not in {e.name for e in load_gazetteer().category("agencies")}
    (item,) = extract("Spaceflight participant Marina Vasilevskaya returned.")["crew"]
    assert (item["agency"], item["nationality"]) == ("Roscosmos", "Belarus")


def test_added_aliases(extract):
    (item,) = extract("Cosmonaut Aleksandr Samokutyayev boarded.")["crew"]
    assert (item["name"], item["roster_name"]) == ("Aleksandr Samokutyayev", "Alexander Samokutyaev")
    assert names(extract("Supplies were stowed in the MPLM."), "modules") == ["Leonardo"]
    assert names(extract("The ASC astronaut trained at the space station."), "agencies") == ["CSA"]
    assert names(extract("The HUNOR astronaut flew to the space station."), "agencies") == ["Hungarian Space Office"]
    assert names(extract("A payload was robotically placed on Bartolomeo outside the Columbus module."), "modules") == [
        "Bartolomeo",
        "Columbus",
    ]


def test_added_outlets(extract):
    text = "The Soyuz docked, collectSPACE and Arab News reported; Bernama and TRT World carried it."
    assert names(extract(text), "media") == ["collectSPACE", "Arab News", "Bernama", "TRT World"]
    assert names(extract("WARSAW, June 26 (PAP) - The Dragon docked."), "media") == ["PAP"]
    assert extract("The PAP smear test and CCTV cameras were discussed.")["media"] == []
