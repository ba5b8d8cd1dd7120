"""Options every command shares (reading: INPUTS, --glob, --max-size, --workers, --gazetteer;
writing: --format in any case, -o, --quiet), tried on the commands that gained them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from issextract.cli import main
from issextract.writers import FORMATS, RENDERERS, WRITERS, Writer, formats_help

SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
REPORT = "Cosmonaut Oleg Artemyev found smoke in Zvezda on June 10, 2014. TASS reported it."
GOLD = (
    "doc: {name}\nincidents: [smoke]\ndates: ['2014-06-10']\nmodules: [Zvezda]\nvehicles: []\n"
    "agencies: []\ncrew: [Oleg Artemyev]\npeople: []\nmedia: [TASS]\n"
)
EXTRA = "modules:\n  - name: Kestrel Annex\n    segment: US\n"


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def gold_folder(folder: Path, names: list[str], suffix: str = ".txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}{suffix}").write_text(REPORT, encoding="utf-8")
        (folder / f"{name}.gold.yaml").write_text(GOLD.format(name=name + suffix), encoding="utf-8")
    return folder


def too_large(folder: Path) -> Path:
    big = folder / "big.txt"
    big.write_text("Air leaked in Zvezda. " * 60_000, encoding="utf-8")  # 1.3 MB
    return big


@pytest.mark.parametrize("command", ["parse", "timeline", "eval", "show"])
def test_every_command_takes_the_shared_options(command: str):
    help_text = invoke(command, "--help").output
    for option in ("--format", "--output", "--quiet", "--glob", "--max-size", "--workers", "--gazetteer"):
        assert option in help_text, option


def test_formats_are_case_insensitive(tmp_path: Path):
    sample = str(SAMPLES[0])
    assert invoke("parse", sample, "-f", "JSON").stdout == invoke("parse", sample, "-f", "json").stdout
    assert invoke("parse", sample, "-f", "Jsonl").stdout == invoke("parse", sample, "-f", "jsonl").stdout
    assert invoke("timeline", sample, "-f", "JSON").stdout == invoke("timeline", sample, "-f", "json").stdout
    folder = str(gold_folder(tmp_path / "gold", ["one"]))
    assert json.loads(invoke("eval", folder, "-f", "JSON").stdout)["documents"] == 1
    page = invoke("show", sample, "-f", "HTML").stdout
    assert page.lstrip().lower().startswith("<!doctype html")
    assert invoke("parse", sample, "-f", "xml").exit_code == 2


def test_a_format_is_one_registered_writer_class():
    assert FORMATS[: len(WRITERS)] == tuple(WRITERS)
    assert all(issubclass(writer, Writer) and writer.name == name for name, writer in WRITERS.items())
    assert set(RENDERERS) == {name for name, writer in WRITERS.items() if writer.renderer() is not None}
    assert all(f"{name}: " in formats_help() for name in FORMATS)


def test_timeline_gains_max_size(tmp_path: Path):
    big = too_large(tmp_path)
    result = invoke("timeline", str(SAMPLES[0]), str(big), "--max-size", "1", "-f", "json")
    assert result.exit_code == 1
    assert f"{big}" in result.stderr and "MB" in result.stderr
    assert len(json.loads(result.stdout)) >= 1
    assert invoke("timeline", str(big), "--max-size", "2", "-f", "json").exit_code == 0


def test_eval_takes_several_folders_and_writes_to_a_file(tmp_path: Path):
    first, second = gold_folder(tmp_path / "a", ["one", "two"]), gold_folder(tmp_path / "b", ["three"])
    result = invoke("eval", str(first), str(second), "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["documents"] == 3
    out = tmp_path / "scores.json"
    quiet = invoke("eval", str(first), str(second), "-f", "json", "-o", str(out), "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    assert out.read_text(encoding="utf-8") == result.stdout
    table = tmp_path / "scores.txt"
    assert invoke("eval", str(first), "-o", str(table)).exit_code == 0
    assert "all (micro)" in table.read_text(encoding="utf-8")


def test_eval_refuses_to_overwrite_a_gold_file_or_take_a_file_for_a_folder(tmp_path: Path):
    folder = gold_folder(tmp_path / "gold", ["one"])
    result = invoke("eval", str(folder), "-o", str(folder / "one.gold.yaml"))
    assert result.exit_code == 2
    assert invoke("eval", str(folder / "one.txt")).exit_code == 2


def test_eval_gains_glob_workers_and_gazetteer(tmp_path: Path):
    folder = gold_folder(tmp_path / "md", ["one", "two", "three"], suffix=".md")
    missing = invoke("eval", str(folder), "-f", "json")
    assert missing.exit_code == 1 and "no NAME.txt + NAME.gold.yaml pairs" in missing.output
    one = invoke("eval", str(folder), "--glob", "*.md", "-f", "json")
    assert one.exit_code == 0 and json.loads(one.stdout)["documents"] == 3
    two = invoke("eval", str(folder), "--glob", "*.md", "-f", "json", "-j", "2")
    assert two.stdout == one.stdout
    extra = tmp_path / "mine.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    (folder / "one.md").write_text(REPORT + " The Kestrel Annex held.", encoding="utf-8")
    scored = json.loads(invoke("eval", str(folder), "--glob", "*.md", "-f", "json", "--gazetteer", str(extra)).stdout)
    assert scored["categories"]["modules"]["fp"] == 1  # the gold files do not list the user's module


def test_eval_gains_max_size(tmp_path: Path):
    folder = gold_folder(tmp_path / "gold", ["one"])
    big = too_large(folder)
    big.with_name("big.gold.yaml").write_text(GOLD.format(name="big.txt"), encoding="utf-8")
    result = invoke("eval", str(folder), "-f", "json", "--max-size", "1")
    assert result.exit_code == 1 and str(big) in result.stderr
    assert json.loads(result.stdout)["documents"] == 1


def test_show_takes_folders_and_writes_to_a_file(tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("Air leaked in Zvezda.", encoding="utf-8")
    (folder / "b.md").write_text("NASA said the Destiny lab was fine.", encoding="utf-8")
    result = invoke("show", str(folder))
    assert result.exit_code == 0
    assert "Zvezda" in result.stdout and "Destiny" not in result.stdout
    both = invoke("show", str(folder), "--glob", "*.*", "-j", "2")
    assert both.exit_code == 0 and "Zvezda" in both.stdout and "Destiny" in both.stdout
    out = tmp_path / "shown.txt"
    assert invoke("show", str(folder), "--glob", "*.*", "-o", str(out), "-q").stdout == ""
    assert "Zvezda" in out.read_text(encoding="utf-8") and "Destiny" in out.read_text(encoding="utf-8")


def test_show_html_is_format_html(tmp_path: Path):
    by_option, by_format = tmp_path / "a.html", tmp_path / "b.html"
    assert invoke("show", str(SAMPLES[0]), "--html", str(by_option)).exit_code == 0
    assert invoke("show", str(SAMPLES[0]), "-f", "html", "-o", str(by_format)).exit_code == 0
    assert by_option.read_text(encoding="utf-8") == by_format.read_text(encoding="utf-8")
    result = invoke("show", *map(str, SAMPLES[:2]), "-f", "html")
    assert result.exit_code == 2 and "one report" in result.output


def test_show_gains_max_size_and_gazetteer(tmp_path: Path):
    big = too_large(tmp_path)
    result = invoke("show", str(big), "--max-size", "1")
    assert result.exit_code == 1 and str(big) in result.stderr
    extra = tmp_path / "mine.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    assert "Kestrel Annex" in invoke("show", "-", "--gazetteer", str(extra), input="The Kestrel Annex held.").stdout
