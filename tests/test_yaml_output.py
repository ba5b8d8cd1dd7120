"""YAML is written from events by libyaml's emitter, yet always as `yaml.dump` with PyYAML's own
emitter writes it."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from issextract import writers
from issextract.cli import main

SPECIAL = ["yes", "null", "~", "1.5", "2024-01-02", "- a", "#c", " lead", "a\n\nb", "\x85", "\u2028", "é😀",
           "x" * 150 + " y" * 30, "Zvezda\u2029PrK", "\n", "kept\n\n", "a\tb", "x\r\ny", "MS-22\n"]  # fmt: skip
TEXT = (
    st.text(max_size=300)
    | st.text(alphabet="ab \n:-#'\"\t", max_size=200)
    | st.sampled_from(SPECIAL)
)
KEYS = st.from_regex(r"[a-z_]{1,12}", fullmatch=True) | TEXT
VALUES = st.recursive(
    TEXT | st.integers() | st.none() | st.booleans() | st.lists(st.integers(), max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=5))
def test_yaml_is_byte_for_byte_pyyamls_and_reads_back(record: dict) -> None:
    written = writers.to_yaml(record)
    assert written == yaml.dump(record, Dumper=writers._Dumper, sort_keys=False, allow_unicode=True, width=100)
    assert yaml.safe_load(written) == record


def test_text_beyond_the_bmp_is_written_as_it_is(tmp_path: Path) -> None:
    report = tmp_path / "emoji.txt"
    report.write_text("Smoke in Zvezda 🚀 on March 3, 2021, the crew was safe.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(report), "-f", "yaml"])
    assert result.exit_code == 0, result.output
    assert "🚀" in result.stdout and "\\U0001F680" not in result.stdout
    assert yaml.safe_load(result.stdout)["modules"][0]["name"] == "Zvezda"
