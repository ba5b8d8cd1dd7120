"""Typography matches as its plain form, and every find still points into the text as given."""

from __future__ import annotations

import pytest

from conftest import names
from issextract.textnorm import fold, plain_text


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("Russia\u2019s space agency said the crew was safe.", "agencies", ["Roscosmos"]),
        ("Japan\u2019s space agency and Canada\u2019s space agency agreed.", "agencies", ["JAXA", "CSA"]),
        ("The Soyuz\u00a0MS\u201122 crew boarded.", "vehicles", ["Soyuz MS-22"]),
        ("Progress MS\u201321 and Soyuz MS\u201423 undocked.", "vehicles", ["Progress MS-21", "Soyuz MS-23"]),
        ("NASA\u2019s SpaceX Crew\u20138 mission docked.", "vehicles", ["Crew-8"]),
        ("Air escaped from the Zvez\u00adda module.", "modules", ["Zvezda"]),
        ("The leak\u2009\u2014\u2009in Zvezda\u2014was small.", "modules", ["Zvezda"]),
        ("\u201cThe Soyuz is safe,\u201d TASS reported.", "media", ["TASS"]),
    ],
)
def test_typography_matches_as_its_plain_form(extract, text, category, expected):
    assert names(extract(text), category) == expected


def test_finds_point_into_the_original_text(nlp):
    text = "On\u00a0Oct.\u00a015, 2022, the Zvez\u00adda module and Russia\u2019s space agency reported."
    doc = nlp(text)
    written = {label: [text[s.start_char : s.end_char] for s in doc.spans[label]] for label in doc.spans}
    assert written["dates"] == ["Oct.\u00a015, 2022"]
    assert written["modules"] == ["Zvez\u00adda module"]
    assert written["agencies"] == ["Russia\u2019s space agency"]


def test_dates_keep_the_text_as_written(nlp):
    text = "It docked on 15\u00a0December\u00a02022 and left on 2023\u201101\u201102."
    doc = nlp(text)
    (first, second) = doc.spans["dates"]
    assert (first.text, first._.issx["values"]) == ("15\u00a0December\u00a02022", ["2022-12-15"])
    assert (second.text, second._.issx["values"]) == ("2023\u201101\u201102", ["2023-01-02"])


def test_names_across_a_non_breaking_space_or_soft_hyphen(extract):
    record = extract("ISS Program Manager Joel\u00a0Montalbano said cosmonaut Sergey\u2009Prokopyev was fine.")
    assert names(record, "people") == ["Joel Montalbano"]
    assert names(record, "crew") == ["Sergey Prokopyev"]


def test_an_em_dash_between_words_stays_a_dash():
    assert plain_text("the module\u2014and the crew").text == "the module\u2014and the crew"
    assert plain_text("Soyuz MS\u201422").text == "Soyuz MS-22"


def test_plain_rendering_maps_back_to_the_original():
    text = "Zvez\u00adda\u2019s \u201cleak\u201d"
    plain = plain_text(text)
    assert plain.text == 'Zvezda\'s "leak"'
    start = plain.text.index("leak")
    assert text[slice(*plain.original(start, start + 4))] == "leak"
    assert text[slice(*plain.original(0, 8))] == "Zvez\u00adda\u2019s"


def test_plain_text_is_the_text_itself_when_nothing_changes():
    text = "Plain ASCII, and na\u00efve accents."
    assert plain_text(text).text is text
    assert plain_text(text).origin is None


def test_folding_ignores_typography():
    assert fold("Russia\u2019s\u00a0Zvez\u00adda") == fold("russia's zvezda")
