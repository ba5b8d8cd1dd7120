"""Stable ids and character offsets: every item says what it is and where its words are."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from issextract import CATEGORIES
from issextract.cli import main
from issextract.gazetteers import load_gazetteer
from issextract.highlight import marks
from issextract.ids import PREFIXES, entry_id, name_id, slug
from issextract.textnorm import fold

DEV = ROOT.parent / "shared" / "corpus" / "dev"
SAMPLES = ROOT / "samples"
TEXTS = sorted(DEV.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))


def _forms(item: dict) -> set[str]:
    first = item.get("name") or item["text"]
    return {fold(form) for form in (first, *item.get("aliases", []))}


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_every_offset_points_at_its_words(extract, path: Path):
    text = path.read_text(encoding="utf-8")
    record = extract(text)
    for category in ("dates", *CATEGORIES):
        for item in record[category]:
            assert len(item["spans"]) == item["mentions"]
            assert item["spans"] == sorted(item["spans"])
            for start, end in item["spans"]:
                written = text[start:end]
                assert written == written.strip() and written
                assert fold(written) in _forms(item), (category, item["name" if "name" in item else "text"], written)
    for incident in record["incidents"]:
        assert len(incident["evidence_spans"]) == len(incident["evidence"])
        for (start, end), sentence in zip(incident["evidence_spans"], incident["evidence"], strict=True):
            assert text[start:end] == sentence


def test_the_dev_corpus_is_there():
    assert len([p for p in TEXTS if p.parent == DEV]) >= 19


def test_one_thing_has_one_id_in_every_document(extract):
    first = extract("Cosmonaut Dmitri Petelin boarded Progress 82 at the Zvezda service module.")
    second = extract("Dmitry Petelin unloaded Progress MS-21 and then went to the aft end of Zvezda.")
    for category in ("crew", "vehicles", "modules"):
        assert [i["id"] for i in first[category]] == [i["id"] for i in second[category]], category
    assert [i["name"] for i in first["crew"]] == ["Dmitri Petelin"]  # the name follows the text
    assert first["crew"][0]["id"] == entry_id("crew", "Dmitri Petelin")  # the roster's name
    assert first["vehicles"][0]["id"] == second["vehicles"][0]["id"] == "vehicle:progress-ms-21"


def test_a_person_known_only_from_the_text_has_one_id_however_spelled(extract):
    first = extract("Roscosmos spokesman Vasily Kovalyov said the crew was safe.")
    second = extract("Roscosmos spokesman Vasiliy Kovalyov said the crew was safe.")
    assert first["people"][0]["name"] != second["people"][0]["name"]
    assert first["people"][0]["id"] == second["people"][0]["id"] == name_id("people", "Vasily Kovalyov")


def test_crew_and_people_share_the_person_prefix_and_categories_have_their_own():
    assert PREFIXES["crew"] == PREFIXES["people"] == "person"
    others = [PREFIXES[c] for c in CATEGORIES if c not in {"crew", "people"}]
    assert len(set(others)) == len(others) and "person" not in others


def test_no_two_gazetteer_entries_share_an_id():
    gazetteer = load_gazetteer()
    seen: dict[str, str] = {}
    for category in CATEGORIES:
        for entry in gazetteer.category(category):
            key = entry_id(category, entry.name)
            assert seen.setdefault(key, entry.name) == entry.name, (key, entry.name)


def test_slugs_fold_accents_case_and_punctuation():
    assert slug("Soyuz MS-22") == "soyuz-ms-22"
    assert slug("Léopold Eyharts") == "leopold-eyharts"
    assert slug("  Alper Gezeravcı ") == "alper-gezeravci"


def test_dates_have_ids_from_their_values(extract):
    record = extract("The leak was found on Dec. 15, 2022 and again on December 15, 2022, in a text of 2022.")
    day = next(d for d in record["dates"] if d["value"] == "2022-12-15")
    assert day["id"] == "date:2022-12-15" and len(day["spans"]) == 2


def test_show_marks_come_from_the_records_spans(extract):
    text = (SAMPLES / "soyuz-coolant-leak.txt").read_text(encoding="utf-8")
    record = extract(text)
    found = marks(record)
    spans = {tuple(s) for c in ("dates", *CATEGORIES) for i in record[c] for s in i["spans"]}
    assert found and {(s, e) for s, e, _, _ in found} <= spans
    assert all(found[i][1] <= found[i + 1][0] for i in range(len(found) - 1))


def test_show_highlights_the_words_at_the_offsets(tmp_path: Path):
    report = tmp_path / "r.txt"
    report.write_text("NASA said Zvezda was sealed.\n", encoding="utf-8")
    page = tmp_path / "r.html"
    assert CliRunner().invoke(main, ["show", str(report), "--html", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.count("<mark") == 2 and "NASA" in html and "Zvezda" in html
