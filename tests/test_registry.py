"""The category registry (data/categories.yaml): the schema generated from it, categories a
user declares in a gazetteer file, label sets, and its errors with file and line."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, SCHEMA
from issextract.cli import main
from issextract.gazetteers import GazetteerError, load_gazetteer
from issextract.registry import load_registry, shipped_registry
from issextract.schema import render

EXPERIMENTS = """\
categories:
  experiments:
    singular: experiment
experiments:
  - name: Carbon Dioxide Removal Assembly
    aliases: [CDRA]
"""
REPORT = (
    "Station crew fix the air scrubber\n\n"
    "The Carbon Dioxide Removal Assembly (CDRA) in the Destiny module failed on Monday, NASA said. "
    "Astronaut Chris Cassidy swapped a valve and the CDRA is working again.\n"
)
CDRA = "Carbon Dioxide Removal Assembly"


def test_the_committed_schema_is_the_one_the_registry_gives():
    committed = (ROOT / "schema" / "record.schema.json").read_text(encoding="utf-8")
    assert committed == render(shipped_registry()), "run: python -m issextract.schema > schema/record.schema.json"


def test_the_schema_follows_the_registry():
    registry = shipped_registry()
    assert SCHEMA["required"][2:] == list(registry.names)
    incident = SCHEMA["$defs"]["incident"]["properties"]
    assert incident["crew_safety"]["enum"] == list(registry.labels("crew_safety"))
    assert incident["status"]["enum"] == [*registry.labels("status"), None]
    assert SCHEMA["$defs"]["module"]["properties"]["segment"]["enum"] == ["Russian", "US"]


def test_every_category_has_its_own_style_and_colour():
    from rich.style import Style

    shown = [c for c in shipped_registry() if c.shape != "incidents"]
    assert len({c.colour for c in shown}) == len({c.style for c in shown}) == len(shown)
    for category in shown:
        Style.parse(category.style)


@pytest.fixture
def experiments(tmp_path: Path) -> tuple[Path, Path]:
    gazetteer = tmp_path / "experiments.yaml"
    gazetteer.write_text(EXPERIMENTS, encoding="utf-8")
    report = tmp_path / "reports" / "scrubber.txt"
    report.parent.mkdir()
    report.write_text(REPORT, encoding="utf-8")
    return gazetteer, report


def _parse(gazetteer: Path, report: Path, *options: str) -> str:
    result = CliRunner().invoke(main, ["parse", "-q", "--gazetteer", str(gazetteer), str(report), *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_declared_category_appears_in_every_format(experiments):
    gazetteer, report = experiments
    record = yaml.safe_load(_parse(gazetteer, report))
    assert list(record)[-2:] == ["experiments", "incidents"]  # after the shipped things
    (item,) = record["experiments"]
    assert (item["id"], item["name"], item["mentions"], item["aliases"]) == (
        "experiment:carbon-dioxide-removal-assembly",
        CDRA,
        3,
        ["CDRA"],
    )
    assert all(REPORT[a:b] in {CDRA, "CDRA"} for a, b in item["spans"])
    jsonschema.validate(record, SCHEMA)
    assert json.loads(_parse(gazetteer, report, "-f", "json")) == [record]
    assert json.loads(_parse(gazetteer, report, "-f", "jsonl")) == record
    rows = [r for r in _parse(gazetteer, report, "-f", "csv").splitlines() if ",experiments," in r]
    assert len(rows) == 1 and CDRA in rows[0]
    table = _parse(gazetteer, report, "-f", "table")
    assert re.search(r"│ experiment\s+│ Carbon", table)
    without = yaml.safe_load(CliRunner().invoke(main, ["parse", "-q", str(report)]).stdout)
    assert "experiments" not in without


def test_a_declared_category_gets_tables_of_its_own(experiments, tmp_path: Path):
    gazetteer, report = experiments
    _parse(gazetteer, report, "-f", "csv", "--output-dir", str(tmp_path / "tables"))
    rows = (tmp_path / "tables" / "experiments.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("document_id,id,name,mentions,aliases") and CDRA in rows[1]
    mentions = (tmp_path / "tables" / "mentions.csv").read_text(encoding="utf-8")
    assert mentions.count(",experiments,") == 3


def test_show_gives_a_declared_category_a_colour_of_its_own(experiments, tmp_path: Path):
    gazetteer, report = experiments
    page = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["show", "--gazetteer", str(gazetteer), str(report), "--html", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    registry = load_registry((str(gazetteer),))
    colour = registry["experiments"].colour
    assert colour not in {c.colour for c in shipped_registry()}
    assert html.count(f"background: {colour}") == 3  # each mention marked in its colour
    assert "experiment" in html
    terminal = CliRunner().invoke(main, ["show", "--gazetteer", str(gazetteer), str(report)])
    assert terminal.exit_code == 0 and " experiment " in terminal.stdout
    again = load_registry((str(gazetteer),))
    assert again["experiments"].colour == colour  # picked from the name: the same every run


def test_eval_scores_a_declared_category_the_gold_files_list(experiments, tmp_path: Path):
    gazetteer, report = experiments
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    shutil.copy(report, gold_dir / "scrubber.txt")
    (gold_dir / "scrubber.gold.yaml").write_text(
        "experiments: [Carbon Dioxide Removal Assembly | CDRA, Water Recovery System]\nmodules: [Destiny]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["eval", str(gold_dir), "--gazetteer", str(gazetteer), "-f", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["categories"]
    assert (scores["experiments"]["tp"], scores["experiments"]["fn"], scores["experiments"]["fp"]) == (1, 1, 0)
    assert list(scores)[-2:] == ["experiments", "incidents"]
    plain = CliRunner().invoke(main, ["eval", str(gold_dir), "-f", "json"])
    assert "experiments" not in json.loads(plain.stdout)["categories"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("categories:\n  experiments:\n    finder: people\n", 2, "unknown field 'finder'"),
        ("categories:\n  crew:\n    singular: astronaut\n", 2, "already declared"),
        ("categories:\n  experiments:\n    colour: red\n", 3, "#rrggbb"),
        ("categories:\n  experiments:\n    style: blinking purple\n", 3, "no terminal style"),
        ("categories:\n  lexicon: {}\n", 2, "a key of gazetteer files"),
        ("categories:\n  Experiments: {}\n", 2, "lower-case"),
        ("categories:\n  experiments:\n    fields: [name]\n", 2, "every item has"),
        ("categories:\n  experiments: {}\nexperiments:\n  - name: X\n    maker: ESA\n", 4, "unknown field 'maker'"),
        ("crew_safety:\n  quarantined: ['\\bquarantin']\n", 2, "a label of 'crew_safety'"),
        ("categories:\n  incidents:\n    labels:\n      mood: [calm]\n", 4, "a label set"),
    ],
)
def test_a_bad_declaration_is_refused_with_its_line(tmp_path: Path, text: str, line: int, message: str):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GazetteerError, match=rf"^{re.escape(str(path))}:{line}: .*{re.escape(message)}"):
        load_gazetteer([path])
    result = CliRunner().invoke(main, ["parse", "--gazetteer", str(path), "-"], input="Zvezda leaked.")
    assert result.exit_code == 1 and f"mine.yaml:{line}:" in result.output


def test_declared_fields_go_to_the_output(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "categories:\n  payloads:\n    singular: payload\n    fields: [maker]\n"
        "payloads:\n  - {name: Bishop Airlock, maker: Nanoracks}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["parse", "-q", "-f", "csv", "--gazetteer", str(path), "-"], input="The Bishop Airlock opened."
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["category"], r["name"], r["maker"]) for r in rows if r["maker"]] == [
        ("payloads", "Bishop Airlock", "Nanoracks")
    ]


def test_a_label_a_gazetteer_adds_is_declared_checked_and_ranked(tmp_path: Path):
    """Label sets live in the registry: a gazetteer adding a crew-safety or status label
    declares it there (ranked after the shipped ones), every output label is one the timeline
    knows, and a label not declared is refused when the file is loaded."""
    path = tmp_path / "labels.yaml"
    path.write_text(
        "categories:\n  incidents:\n    labels:\n      crew_safety: [quarantined]\n      status: [closed out]\n"
        "crew_safety:\n  quarantined: ['\\bquarantin\\w*']\n"
        "incident_status:\n  closed out: ['\\bclosed\\s+out']\n",
        encoding="utf-8",
    )
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(
        "Smoke was reported in Zvezda on June 10, 2014. The crew were quarantined in the Soyuz.", encoding="utf-8"
    )
    (reports / "b.txt").write_text(
        "Smoke reported in Zvezda on June 10, 2014 was detected by sensors and closed out; the crew is safe.",
        encoding="utf-8",
    )
    registry = load_registry((str(path),))
    assert registry.labels("crew_safety")[-1] == "quarantined" and registry.labels("status")[-1] == "closed out"
    result = CliRunner().invoke(main, ["timeline", "-q", "--gazetteer", str(path), str(reports), "-f", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert (row["crew_safety"], row["status"], row["reports"]) == ("quarantined", "closed out", 2)


def test_adding_a_category_to_data_is_one_registry_entry_and_one_data_file(tmp_path: Path, monkeypatch):
    """A copy of data/ with one more entry in categories.yaml and one more file: the pipeline
    finds the new category's entries and the record carries them, with no code changed."""
    from issextract import gazetteers, registry
    from issextract.pipeline import build_pipeline
    from issextract.record import doc_to_record

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    entry = (
        "  payloads:\n    singular: payload\n    finder: gazetteer\n    id: payload\n"
        "    fields: [maker]\n    output: [maker]\n    colour: '#ffd19a'\n    style: black on bright_yellow\n"
    )
    registry_file = data / "categories.yaml"
    shipped = registry_file.read_text(encoding="utf-8")
    registry_file.write_text(shipped.replace("  incidents:\n", entry + "  incidents:\n"), encoding="utf-8")
    (data / "payloads.yaml").write_text("payloads:\n  - {name: Bishop Airlock, maker: Nanoracks}\n", encoding="utf-8")
    monkeypatch.setattr(registry, "data_dir", lambda: data)
    monkeypatch.setattr(gazetteers, "data_dir", lambda: data)
    registry.shipped_registry.cache_clear()
    gazetteers._load_cached.cache_clear()
    try:
        assert registry.shipped_registry().names[-2:] == ("payloads", "incidents")
        nlp = build_pipeline(spans=False)
        record = doc_to_record(nlp("NASA opened the Bishop Airlock."), "x.txt")
        (item,) = record["payloads"]
        assert item == {
            "id": "payload:bishop-airlock",
            "name": "Bishop Airlock",
            "mentions": 1,
            "maker": "Nanoracks",
            "spans": [[16, 30]],
        }
    finally:
        registry.shipped_registry.cache_clear()
        gazetteers._load_cached.cache_clear()
