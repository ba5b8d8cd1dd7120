"""The shipped gazetteers: complete where the annotation guide names things, and consistent."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import ROOT
from issextract.gazetteers import load_gazetteer
from issextract.textnorm import fold

GAZ = load_gazetteer()


def test_every_module_the_guide_names_is_there():
    modules = {e.name for e in GAZ.category("modules")}
    for name in [
        "Zarya",
        "Unity",
        "Zvezda",
        "Destiny",
        "Quest",
        "Pirs",
        "Harmony",
        "Tranquility",
        "Columbus",
        "Kibo",
        "Poisk",
        "Rassvet",
        "Leonardo",
        "BEAM",
        "Cupola",
        "Nauka",
        "Prichal",
        "Bishop airlock",
        "PMA-1",
        "PMA-2",
        "PMA-3",
    ]:
        assert name in modules


def test_roster_is_large_and_has_no_person_twice():
    crew = GAZ.category("crew")
    assert len(crew) > 250
    counts = Counter(key for e in crew for key in {fold(form) for form in e.surface_forms})
    assert [form for form, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("category", ["crew", "agencies", "modules"])
def test_every_entry_has_its_extras(category):
    wanted = {"crew": "agency", "agencies": "country", "modules": "segment"}[category]
    assert [e.name for e in GAZ.category(category) if not e.extra(wanted)] == []


def test_progress_table_is_one_to_one():
    assert len(GAZ.progress_by_number) == len(GAZ.progress_by_designation)
    assert GAZ.progress_by_number[82] == "Progress MS-21"
    assert GAZ.progress_by_designation["PROGRESS M-27M"] == 59


def test_soyuz_table_is_one_to_one():
    assert len(GAZ.soyuz_by_number) == len(GAZ.soyuz_by_designation)
    assert GAZ.soyuz_by_number[68] == "Soyuz MS-22"
    assert GAZ.soyuz_by_designation["SOYUZ TMA-16M"] == 42


def test_every_incident_pattern_names_one_of_its_triggers():
    for rule in GAZ.incident_rules.values():
        assert rule.triggers, rule.type
        for pattern in (*rule.patterns, *rule.fallback):
            source = pattern.pattern.lower().replace("\\s+", " ")
            assert any(t in source for t in rule.triggers), (rule.type, pattern.pattern)


def test_the_quick_loader_reads_yaml_as_pyyaml_does():
    import yaml

    from issextract import yamlfile
    from issextract.yamlfile import LineLoader

    class Plain(yamlfile._SafeLoader):  # the same loader without the quick path
        pass

    Plain.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, yamlfile._construct_mapping)
    tricky = "a: [Yes, no, On, OFF, true, Null, ~, y, N, 2007, 1.5, .inf, 2020-01-02, Zvezda, 'yes', Thomas]\n"
    texts = [tricky, *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").glob("*.yaml")))]
    for text in texts:
        assert yaml.load(text, Loader=LineLoader) == yaml.load(text, Loader=Plain)


def test_the_shipped_files_pass_the_checks_user_files_get():
    """Start-up skips the slow pattern checks for data/ (gazetteer_fields.vetted_files): here
    they run, so a shipped pattern that could backtrack or not be searched with the others fails."""
    from issextract import gazetteers

    full = gazetteers.Gazetteer()
    for path in sorted((ROOT / "data").glob("*.yaml")):
        if path.name != "categories.yaml":  # the registry, read on its own (registry.py)
            gazetteers.load_file(path, full)
    assert len(full.incident_rules) == len(GAZ.incident_rules)
    assert [s.template for s in full.vehicle_schemes] == [s.template for s in GAZ.vehicle_schemes]


def test_every_lexicon_list_is_read_by_a_component():
    from issextract.gazetteers import LEXICON_LISTS

    readers = [p for p in (ROOT / "src" / "issextract").rglob("*.py") if not p.name.startswith("gazetteer")]
    source = "".join(p.read_text(encoding="utf-8") for p in readers)
    assert [name for name in LEXICON_LISTS if f'"{name}"' not in source] == []
    assert set(GAZ.lexicon) <= set(LEXICON_LISTS)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a+)+b",
        r"(\w+\s?)+$",
        r"(.*,)*x",
        r"(a|aa)+b",
        r"(x+x+)+y",
        r"(\d+\.?)+z",
        r"(a*)*b",
        r"(?:a|a)*b",
        r"(\s*\w+)*!",
        r"((ab)*)*c",
        r"(a|b|ab)*c",
        r"(?:[a-z]+|\d+)+\.",
        r"(?i:(?:A+|b)+)c",
    ],
)
def test_patterns_that_backtrack_exponentially_are_found(pattern: str):
    from issextract.backtracking import backtracking_risk

    assert backtracking_risk(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:\s*,\s*\d+)*",
        r"(?:\w+\s+)*x",
        r"\bfoo\b[^.]{0,80}\bbar",
        r"(ab)+c",
        r"(?:a+b)+c",
        r"\d+(?:,\d+)*",
        r"(?:[A-Z][a-z]+\s)+Inc",
        r"(?:\w|\d)+!",
        r"(?i:(A|a)+)b",
    ],
)
def test_patterns_that_cannot_backtrack_much_are_let_be(pattern: str):
    from issextract.backtracking import backtracking_risk

    assert backtracking_risk(pattern) is None


def test_a_lexicon_list_asked_for_by_a_misspelt_name_is_an_error():
    from issextract.gazetteers import load_gazetteer

    lexicon = load_gazetteer().lexicon
    assert "cosmonaut" in lexicon.get("crew_heads")
    with pytest.raises(KeyError, match="crew_headz"):
        lexicon.get("crew_headz", frozenset())


def test_a_declared_list_no_file_fills_is_empty(tmp_path):
    from issextract.gazetteers import Lexicon

    assert Lexicon().get("list_glue") == frozenset()


def test_name_rewrites_come_from_the_shipped_data_only(tmp_path):
    from click.testing import CliRunner

    from issextract.cli import main

    extra = tmp_path / "mine.yaml"
    extra.write_text("name_rewrites:\n  - [v, w]\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("Cosmonaut Ivan Vagner checked the hatch.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(report), "--gazetteer", str(extra)])
    assert result.exit_code != 0
    assert "mine.yaml:1" in result.output and "name_rewrites" in result.output


def test_spellings_of_one_name_share_a_key():
    from issextract.names import skeleton

    assert skeleton("Sergey Prokopyev") == skeleton("Sergei Prokopiev")
    assert skeleton("Pyotr Dubrov") == skeleton("Piotr Doubrov")
    assert skeleton("Ivan Wagner") == skeleton("Ivan Vagner")


@pytest.mark.parametrize(
    "spec",
    [
        "numbered_names:\n  progress: {name: 'Progress', shown: written}\n",
        "numbered_names:\n  progres: {name: 'Progress {number}', shown: written}\n",
        "numbered_names:\n  soyuz: {name: 'Soyuz {number}S', shown: sometimes}\n",
    ],
)
def test_numbered_names_are_checked(tmp_path, spec):
    from issextract.gazetteer_fields import GazetteerError
    from issextract.gazetteers import Gazetteer, load_file

    bad = tmp_path / "bad.yaml"
    bad.write_text(spec, encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad\.yaml:2"):
        load_file(bad, Gazetteer())


def test_a_flight_named_by_number_is_known_by_its_designation():
    from issextract import extract

    record = extract("Progress 82 docked to Poisk while Soyuz 68S stayed at Rassvet.", date="2022-11-01")
    names = {v["id"]: v for v in record["vehicles"]}
    assert names["vehicle:progress-ms-21"]["name"] == "Progress 82"  # shown as written
    assert names["vehicle:progress-ms-21"]["also_known_as"] == "Progress MS-21"
    assert names["vehicle:soyuz-ms-22"]["name"] == "Soyuz MS-22"  # shown by its designation
    assert names["vehicle:soyuz-ms-22"]["also_known_as"] == "Soyuz 68S"
