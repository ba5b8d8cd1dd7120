"""Media as an open class: outlets named where news names its sources, listed or not."""

from __future__ import annotations

import pytest

from conftest import names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Datelines and credit lines.
        ("MOSCOW, Oct 9 (Reuters) - The Soyuz crew is safe.", ["Reuters"]),
        ("Oct 9 (Reuters/Wire) - Roscosmos said the station was fine.", ["Reuters", "Wire"]),
        ("ASTANA, March 3 (Kazpravda) \u2014 The Soyuz landed on the steppe.", ["Kazpravda"]),
        ("CAPE CANAVERAL, Fla. (AP) \u2014 The Dragon docked.", ["AP"]),
        ("The capsule docked at the station.\n\u2014 Sputnik", ["Sputnik"]),
        ("The capsule docked.\nSource: Orbit Daily Wire", ["Orbit Daily Wire"]),
        ("The capsule docked.\nVia Kosmos Vestnik", ["Kosmos Vestnik"]),
        # Attributions with a media noun: the name needs no gazetteer entry.
        ("The leak is small, an official told the Sibir news agency.", ["Sibir"]),
        ("The Vostochny Vestnik newspaper said the launch slipped.", ["Vostochny Vestnik"]),
        ("The business daily Delovoy Kurier reported the delay.", ["Delovoy Kurier"]),
        # Citing words: a known outlet, or a name shaped like one.
        ("The crew is fine, Interfax reported.", ["Interfax"]),
        ("According to the Tehran Times, the Soyuz launched on time.", ["Tehran Times"]),
        ("Officials told Orbita.ru that the hatch was closed.", ["Orbita.ru"]),
    ],
)
def test_outlets_named_where_news_names_its_sources(extract, text, expected):
    assert names(extract(text), "media") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Roscosmos chief Yuri Borisov told Putin the station was ageing.",  # a person, not an outlet
        "According to Roscosmos, the leak rate fell.",  # an agency
        "The Amateur Radio on the International Space Station team spoke to pupils.",
        "Russian state television said the leak was small. Local newspapers reported it.",
        "The crew posted the video on its Telegram channel.",
        "The Soviet Union put Sputnik into orbit in 1957.",  # the satellite, not the outlet
    ],
)
def test_names_cited_like_sources_that_are_no_outlets(extract, text):
    assert extract(text)["media"] == []


def test_abbreviation_and_full_name_are_one_outlet(extract):
    record = extract("Deutsche Welle reported the leak; DW said the crew was fine.")
    assert [(m["name"], m["mentions"], m.get("aliases")) for m in record["media"]] == [("Deutsche Welle", 2, ["DW"])]
    record = extract("The Korean Central News Agency (KCNA) said the Soyuz landed. KCNA added that all was well.")
    assert [(m["name"], m["mentions"], m.get("aliases")) for m in record["media"]] == [
        ("Korean Central News Agency", 3, ["KCNA"])
    ]


def test_an_ambiguous_outlet_name_counts_only_where_sources_are_named(extract):
    assert names(extract("The AP reported the launch. AP Photo/Jane Doe"), "media") == ["AP"]
    assert extract("Students took the AP exam on orbital mechanics.")["media"] == []


def test_an_outlet_found_once_is_found_again(extract):
    record = extract("The Sibir news agency said the crew was safe. Sibir later added photos.")
    assert [(m["name"], m["mentions"]) for m in record["media"]] == [("Sibir", 2)]


def test_an_outlet_is_no_person(extract):
    record = extract("The crew is fine, the Vostochny Vestnik newspaper reported.")
    assert record["people"] == [] and record["crew"] == []


def test_an_outlet_is_named_as_the_text_first_names_it(extract):
    record = extract("The RIA news agency reported the leak; RIA Novosti later added details.")
    assert [(m["name"], m["mentions"], m["country"]) for m in record["media"]] == [
        ("RIA news agency", 2, "Russia"),
    ]
    (item,) = extract("MOSCOW, October 15. /TASS/. The crew is safe.")["media"]
    assert item["name"] == "TASS"


def test_a_description_after_an_indefinite_article_names_no_agency(extract):
    assert extract("Energia, a Russian space corporation, built the Soyuz.")["agencies"] == []
    assert names(extract("The Russian space corporation said the Soyuz is fine."), "agencies") == ["Roscosmos"]


def test_credit_lists_and_bylines_name_sources(extract):
    text = "The Falcon 9 broke apart. (Source: multiple, including AP via Yahoo, CBSNews, NASA statement)"
    assert names(extract(text), "media") == ["AP", "Yahoo", "CBSNews"]
    assert names(extract(text), "agencies") == ["NASA"]
    text = "Astronauts Reach Station\nBy Orbiter Editors and Wire Services\nThe capsule docked at the station."
    assert names(extract(text), "media") == ["Orbiter"]
