"""Outputs lose nothing: no input overwritten, no two inputs in one file, files replaced only
when complete, pages written like other outputs, modes as any program's, YAML equal to JSON."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from issextract import batch
from issextract.cli import main
from issextract.writers import to_yaml

REPORT = "Smoke was reported in Zvezda on June 10, 2014, NASA said."


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def one_line_error(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize("how", ["same name", "symbolic link", "hard link"])
def test_an_output_file_that_is_an_input_is_refused(report: Path, how: str):
    target = report
    if how == "symbolic link":
        target = report.with_name("link.txt")
        target.symlink_to(report)
    elif how == "hard link":
        target = report.with_name("hard.txt")
        os.link(report, target)
    result = invoke("parse", str(report), "-o", str(target))
    assert result.exit_code == 2
    assert "is the input" in one_line_error(result)
    assert report.read_text(encoding="utf-8") == REPORT


def test_an_output_folder_that_would_replace_inputs_is_refused(tmp_path: Path):
    folder = tmp_path / "yin"
    folder.mkdir()
    (folder / "a.yaml").write_text(REPORT, encoding="utf-8")
    first = invoke("parse", str(folder), "--glob", "*", "--output-dir", str(tmp_path))
    assert first.exit_code == 0
    assert (folder / "a.yaml.yaml").is_file() and (folder / "a.yaml").read_text(encoding="utf-8") == REPORT
    # The output of the first run is now an input whose own output is one of the inputs.
    before = (folder / "a.yaml.yaml").read_bytes()
    second = invoke("parse", str(folder), "--glob", "*", "--output-dir", str(tmp_path))
    assert second.exit_code == 2
    assert "is the input" in one_line_error(second)
    assert (folder / "a.yaml.yaml").read_bytes() == before


def test_two_files_of_one_name_are_refused_with_output_dir(tmp_path: Path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "r.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("parse", str(tmp_path / "a" / "r.txt"), str(tmp_path / "b" / "r.txt"), "--output-dir", str(out))
    assert result.exit_code == 2
    line = one_line_error(result)
    assert "a/r.txt" in line and "b/r.txt" in line and "both" in line
    assert not out.exists()


def test_folders_side_by_side_and_names_differing_by_extension_stay_apart(tmp_path: Path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a" / "r.md").write_text("Fire in Nauka, Roscosmos said.", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("parse", str(tmp_path / "a"), str(tmp_path / "b"), "--glob", "*", "--output-dir", str(out))
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["a/r.md.yaml", "a/r.txt.yaml", "b/r.txt.yaml"]
    assert yaml.safe_load((out / "a" / "r.md.yaml").read_text(encoding="utf-8"))["incidents"][0]["type"] == "fire"


def test_an_interrupted_run_leaves_the_previous_output_file(report: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "all.json"
    out.write_text('["previous"]\n', encoding="utf-8")
    real_run = batch.run

    def interrupted(*args, **kwargs):
        outcomes = real_run(*args, **kwargs)
        yield next(outcomes)
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "run", interrupted)
    result = invoke("parse", str(report), str(report), "-f", "json", "-o", str(out))
    assert result.exit_code == 130
    line = one_line_error(result)
    assert "interrupted after 1 of 2 inputs" in line and "left as it was" in line
    assert out.read_text(encoding="utf-8") == '["previous"]\n'
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_an_output_file_is_complete_once_the_run_ends(report: Path, tmp_path: Path):
    out = tmp_path / "all.json"
    out.write_text('["previous"]\n', encoding="utf-8")
    result = invoke("parse", str(report), "-", "-f", "json", "-o", str(out), input=REPORT)
    assert result.exit_code == 0
    assert [r["source"] for r in json.loads(out.read_text(encoding="utf-8"))] == [str(report), "<stdin>"]


@pytest.mark.parametrize("kind", ["device", "fifo", "link to a fifo", "link to a device"])
@pytest.mark.parametrize("option", [("show", "--html"), ("parse", "-o")])
def test_targets_that_are_not_regular_files_are_refused(report: Path, tmp_path: Path, kind: str, option):
    target = Path("/dev/null")
    if "fifo" in kind:
        target = tmp_path / "pipe"
        os.mkfifo(target)
    if kind.startswith("link"):
        link = tmp_path / "link"
        link.symlink_to(target)
        target = link
    command, flag = option
    result = invoke(command, str(report), flag, str(target))
    assert result.exit_code == 2
    assert "not a regular file" in one_line_error(result)
    real = os.stat(target).st_mode
    assert stat.S_ISFIFO(real) if "fifo" in kind else stat.S_ISCHR(real)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_page_is_written_atomically_and_may_go_to_stdout(report: Path, tmp_path: Path):
    page = tmp_path / "page.html"
    assert invoke("show", str(report), "--html", str(page)).exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    to_stdout = invoke("show", str(report), "--html", "-")
    assert to_stdout.exit_code == 0 and to_stdout.stdout.startswith("<!DOCTYPE html>")
    assert not Path("-").exists()


def test_dash_output_is_standard_output(report: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("parse", str(report), "-o", "-", "-f", "jsonl")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == str(report)
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_files_are_created_with_the_umask(report: Path, tmp_path: Path, umask: int, mode: int, monkeypatch):
    import issextract.outputs

    monkeypatch.setattr(issextract.outputs, "_UMASK", None)
    old = os.umask(umask)
    try:
        assert invoke("parse", str(report), "-o", str(tmp_path / "one.yaml")).exit_code == 0
        assert invoke("parse", str(report), "--output-dir", str(tmp_path / "out")).exit_code == 0
        assert invoke("show", str(report), "--html", str(tmp_path / "page.html")).exit_code == 0
    finally:
        os.umask(old)
    for path in (tmp_path / "one.yaml", tmp_path / "out" / "r.txt.yaml", tmp_path / "page.html"):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path


def test_a_replaced_file_keeps_its_mode(report: Path, tmp_path: Path):
    out = tmp_path / "one.yaml"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert invoke("parse", str(report), "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert "Zvezda" in out.read_text(encoding="utf-8")


def _record_with(text: str) -> dict:
    return {
        "source": text,
        "dates": [{"text": text, "value": None, "precision": "day", "relative": False, "mentions": 1}],
        "people": [{"name": "x" + text, "mentions": 2, "aliases": [text, text + "\n", " " + text]}],
    }


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_yaml_reads_back_equal_to_json_for_any_text(text: str):
    record = _record_with(text)
    assert yaml.safe_load(to_yaml(record)) == json.loads(json.dumps(record, ensure_ascii=False))


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029", "\x1b", "\x9f", "\ufeff", "\r", "\x00", "\t"])
def test_yaml_keeps_line_breaks_and_controls(char: str):
    for text in (char, f"a{char}b", f"a\n{char}b", f"{char}\n"):
        assert yaml.safe_load(to_yaml(_record_with(text))) == _record_with(text)


def test_yaml_and_json_agree_on_a_report_holding_unusual_breaks(tmp_path: Path):
    path = tmp_path / "breaks\x85and\u2028lines.txt"  # the source field carries the name as given
    text = "Smoke was reported in Zvezda\x85on Tuesday.\u2028NASA said\u2029the crew was safe."
    path.write_text(text, encoding="utf-8")
    as_yaml = list(yaml.safe_load_all(invoke("parse", str(path)).stdout))
    as_json = json.loads(invoke("parse", str(path), "-f", "json").stdout)
    assert as_yaml == as_json
    assert as_json[0]["source"] == str(path)
