"""`issextract show`: the report with its entities highlighted, in the terminal or as a page."""

from __future__ import annotations

import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from issextract.cli import main

REPORT = ROOT / "samples" / "soyuz-coolant-leak.txt"


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks = 0
        self.rows = 0

    def handle_starttag(self, tag, attrs):
        self.marks += tag == "mark"
        self.rows += tag == "tr"


def test_show_prints_the_text_and_the_record():
    result = CliRunner().invoke(main, ["show", str(REPORT)])
    assert result.exit_code == 0
    assert "key:" in result.stdout
    assert "Flight controllers spent Friday" in result.stdout
    assert "Soyuz MS-22" in result.stdout and "coolant leak" in result.stdout


def test_show_html_marks_every_mention_and_lists_the_record(tmp_path: Path):
    page = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["show", str(REPORT), "--html", str(page)])
    assert result.exit_code == 0 and result.stdout == ""
    text = page.read_text(encoding="utf-8")
    parser = _Marks()
    parser.feed(text)
    assert parser.marks >= 20
    assert parser.rows >= 15
    assert "Sandra Jones" in text and "NASA spokesperson" in text


def test_show_takes_a_folder_and_names_a_missing_file(tmp_path: Path):
    (tmp_path / "a.txt").write_text("NASA.", encoding="utf-8")
    result = CliRunner().invoke(main, ["show", str(tmp_path)])
    assert result.exit_code == 0 and "NASA" in result.stdout
    result = CliRunner().invoke(main, ["show", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "no such file" in result.output


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_show_html_renders_in_headless_chromium(tmp_path: Path):
    page, shot = tmp_path / "page.html", tmp_path / "page.png"
    assert CliRunner().invoke(main, ["show", str(REPORT), "--html", str(page)]).exit_code == 0
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1400,900",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1400, 900)
    assert len(data) > 50_000  # a blank page compresses to a few kB
