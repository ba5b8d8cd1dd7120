"""The command line as a user drives it: formats, the schema, inputs, failures, eval."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, SCHEMA
from issextract import __version__
from issextract.cli import main

SAMPLES = ROOT / "samples"
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Smoke was reported in Zvezda on June 10, 2014.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Cosmonaut Oleg Artemyev sealed a leak in Poisk.", encoding="utf-8")
    (folder / "notes.md").write_text("Not a report.", encoding="utf-8")
    return folder


def test_version():
    assert run("--version").output.strip() == f"issextract, version {__version__}"


def test_help_does_not_import_spacy():
    code = (
        "import sys; from issextract.cli import main; main(['--help'], standalone_mode=False); "
        "sys.exit('spacy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_parse_prints_one_yaml_document_per_file(reports: Path):
    result = run("parse", str(reports))
    assert result.exit_code == 0
    docs = list(yaml.safe_load_all(result.stdout))
    assert [d["source"] for d in docs] == [str(reports / "a.txt"), str(reports / "sub" / "b.txt")]
    assert docs[0]["modules"][0]["name"] == "Zvezda"
    assert docs[0]["incidents"][0]["type"] == "smoke"
    assert docs[1]["crew"][0]["name"] == "Oleg Artemyev"


def test_glob_changes_the_folder_pattern(reports: Path):
    docs = list(yaml.safe_load_all(run("parse", str(reports), "--glob", "*.md").stdout))
    assert [Path(d["source"]).name for d in docs] == ["notes.md"]


@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonl"])
def test_every_format_validates_against_the_schema(fmt: str):
    result = run("parse", str(SAMPLES), "--format", fmt)
    assert result.exit_code == 0
    if fmt == "yaml":
        records = list(yaml.safe_load_all(result.stdout))
    elif fmt == "json":
        records = json.loads(result.stdout)
    else:
        records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for record in records:
        VALIDATOR.validate(record)


def test_yaml_json_and_jsonl_carry_the_same_data():
    as_yaml = list(yaml.safe_load_all(run("parse", str(SAMPLES)).stdout))
    as_json = json.loads(run("parse", str(SAMPLES), "-f", "json").stdout)
    as_jsonl = [json.loads(x) for x in run("parse", str(SAMPLES), "-f", "jsonl").stdout.splitlines()]
    assert as_yaml == as_json == as_jsonl


def test_csv_has_one_row_per_item():
    records = json.loads(run("parse", str(SAMPLES), "-f", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run("parse", str(SAMPLES), "-f", "csv").stdout)))
    assert list(rows[0])[:4] == ["source", "category", "id", "name"]
    expected = sum(len(r[c]) for r in records for c in r if isinstance(r[c], list))
    assert len(rows) == expected
    assert {"source": str(SAMPLES / "zvezda-air-leak.txt"), "category": "modules", "name": "Zvezda"}.items() <= next(
        r for r in rows if r["name"] == "Zvezda"
    ).items()


def test_table_format_is_for_people():
    result = run("parse", str(SAMPLES / "zvezda-air-leak.txt"), "-f", "table")
    assert result.exit_code == 0
    assert "Zvezda" in result.stdout and "Joel Montalbano" in result.stdout


def test_stdin_is_read_with_a_dash():
    docs = list(yaml.safe_load_all(run("parse", "-", input="NASA and ESA agreed.").stdout))
    assert docs[0]["source"] == "<stdin>"
    assert [a["name"] for a in docs[0]["agencies"]] == ["NASA", "ESA"]


def test_output_file(tmp_path: Path):
    out = tmp_path / "out.json"
    result = run("parse", str(SAMPLES / "debris-avoidance.txt"), "-f", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))[0]["incidents"][0]["type"] == "debris"


def test_date_option_resolves_weekdays():
    text = "Roscosmos said on Wednesday that the leak was small."
    without = json.loads(run("parse", "-", "-f", "json", input=text).stdout)[0]["dates"]
    with_date = json.loads(run("parse", "-", "-f", "json", "--date", "2024-02-29", input=text).stdout)[0]["dates"]
    assert without[0]["value"] is None
    assert with_date[0] == {
        "id": "date:2024-02-28",
        "text": "Wednesday",
        "value": "2024-02-28",
        "precision": "day",
        "relative": True,
        "mentions": 1,
        "spans": [[18, 27]],
    }


def test_bad_date_option_is_a_usage_error():
    result = run("parse", "-", "--date", "last tuesday", input="x")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_bad_inputs_fail_alone_and_the_rest_is_written(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text("Smoke in Zvezda.", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le module Zvezda fuit; l'équipe française a réagi à la fuite d'air.".encode("latin-1"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text("Cosmonaut Oleg Artemyev reported smoke in Nauka.", encoding="utf-16")
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "nowhere.txt")
    args = [str(p) for p in (good, binary, empty, latin, utf16, broken)] + [str(tmp_path / "missing.txt")]
    runner = CliRunner()
    result = runner.invoke(main, ["parse", *args], catch_exceptions=False)
    assert result.exit_code == 1
    docs = list(yaml.safe_load_all(result.stdout))
    assert [Path(d["source"]).name for d in docs] == ["good.txt", "latin.txt", "utf16.txt"]
    assert docs[1]["modules"][0]["name"] == "Zvezda"
    assert docs[2]["crew"][0]["name"] == "Oleg Artemyev"
    errors = result.stderr.splitlines()
    assert len(errors) == 4
    for name, reason in [
        ("binary.txt", "binary"),
        ("empty.txt", "empty"),
        ("broken.txt", "broken"),
        ("missing.txt", "no such file"),
    ]:
        assert any(name in line and reason in line for line in errors), (name, errors)


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path):
    empty = tmp_path / "a.txt"
    empty.write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text("NASA.", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(tmp_path), "--fail-fast"])
    assert result.exit_code == 1
    assert result.stdout == ""


def test_too_large_input_is_refused(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text("NASA " * 300_000, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(big), "--max-size", "1"])
    assert result.exit_code == 1
    assert "big.txt" in result.stderr and "limit" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("crew:\n  - name: Zed Quorra\n  - aliases: [nobody]\n", ":3: crew entry has no 'name'"),
        ("modules:\n  - name: Lunar Gateway\n    colour: grey\n", ":2: unknown field 'colour'"),
        ("modules:\n  - name: [unclosed\n", ":3: invalid YAML"),
        ("spaceports: []\n", ": unknown category 'spaceports'"),
        ("crew:\n  - name: Zed Quorra\n    aboard: 2020 to 2021\n", ":2: 'aboard' must be years"),
        ("incident_types:\n  odor:\n    patterns: ['(unclosed']\n", ":3: bad pattern in odor"),
    ],
)
def test_malformed_gazetteer_names_file_and_line(tmp_path: Path, content: str, message: str):
    bad = tmp_path / "mine.yaml"
    bad.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "-", "--gazetteer", str(bad)], input="x")
    assert result.exit_code == 1
    assert f"Error: {bad}{message}" in result.output


def _gold_folder(tmp_path: Path) -> Path:
    (tmp_path / "one.txt").write_text(
        "Cosmonaut Oleg Artemyev found smoke in Zvezda on June 10, 2014. TASS reported it.", encoding="utf-8"
    )
    (tmp_path / "one.gold.yaml").write_text(
        "doc: one.txt\nincidents: [smoke]\ndates: ['2014-06-10']\nmodules: [Zvezda | SM]\nvehicles: []\n"
        "agencies: [NASA]\ncrew: [Oleg Artemyev]\npeople: []\nmedia: [TASS, Reuters]\n",
        encoding="utf-8",
    )
    return tmp_path


def test_eval_json_scores_each_category(tmp_path: Path):
    result = run("eval", str(_gold_folder(tmp_path)), "--format", "json", "--errors")
    payload = json.loads(result.stdout)
    cats = payload["categories"]
    assert cats["modules"]["f1"] == 1.0
    assert cats["agencies"] == {"tp": 0, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.0, "f1": 0.0}
    assert cats["media"]["recall"] == 0.5
    assert payload["errors"]["one.txt"]["misses"] == {"agencies": ["NASA"], "media": ["Reuters"]}


def test_eval_table(tmp_path: Path):
    result = run("eval", str(_gold_folder(tmp_path)), "--errors")
    assert "miss  agencies: NASA" in result.stdout
    assert "crew" in result.stdout


def test_eval_without_gold_files(tmp_path: Path):
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == 1
    assert "no NAME.txt + NAME.gold.yaml pairs" in result.output


def test_output_dir_mirrors_the_input_folders(reports: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = run("parse", str(reports), "--output-dir", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["a.yaml", "sub", "sub/b.yaml"]
    assert yaml.safe_load((out / "sub" / "b.yaml").read_text(encoding="utf-8"))["crew"][0]["name"] == "Oleg Artemyev"
    assert not list(out.rglob("*.tmp"))


def test_output_dir_json_and_skip_existing(reports: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text("{}", encoding="utf-8")
    result = run("parse", str(reports), "--output-dir", str(out), "-f", "json", "--skip-existing")
    assert result.exit_code == 0
    assert (out / "a.json").read_text(encoding="utf-8") == "{}"
    VALIDATOR.validate(json.loads((out / "sub" / "b.json").read_text(encoding="utf-8")))


def test_output_dir_never_writes_outside(tmp_path: Path):
    from issextract.writers import record_file

    assert record_file(tmp_path, "../../etc/passwd", "yaml") == tmp_path / "etc" / "passwd.yaml"
    assert record_file(tmp_path, "/abs/x.txt", "json") == tmp_path / "abs" / "x.json"


def test_workers_keep_input_order(tmp_path: Path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(70):
        (folder / f"r{i:03d}.txt").write_text(f"Report {i}: smoke in Zvezda, said NASA.", encoding="utf-8")
    (folder / "r050.txt").write_bytes(b"")
    one = run("parse", str(folder), "-f", "jsonl", "--workers", "1")
    two = run("parse", str(folder), "-f", "jsonl", "--workers", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 69
    assert "r050.txt: empty file" in two.stderr
