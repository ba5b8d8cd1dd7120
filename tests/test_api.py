"""The Python API: issextract.extract and issextract.Extractor, as a notebook or a worker pool uses them."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

import issextract
from conftest import ROOT, SCHEMA
from issextract.cli import main
from issextract.gazetteers import GazetteerError

SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
GAZETTEER = """crew:
  - name: Zed Quorra
    aliases: [Zedd Quora]
    agency: ESA
    nationality: Italy
"""
TEXT = "Astronaut Zedd Quora checked the hatch of Harmony on Tuesday after a small leak was found."


def test_extract_gives_the_record_the_command_line_writes():
    cli = json.loads(CliRunner().invoke(main, ["parse", *map(str, SAMPLES), "-f", "json"]).stdout)
    api = [issextract.extract(path.read_text(encoding="utf-8"), source=str(path)) for path in SAMPLES]
    assert api == cli


def test_import_issextract_loads_neither_spacy_nor_the_api():
    code = "import sys, issextract; sys.exit(sorted({'spacy', 'issextract.api'} & set(sys.modules)) or 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_date_resolves_weekdays_per_call_and_per_extractor():
    text = "Smoke was reported in Zvezda on Tuesday."
    assert issextract.extract(text)["dates"][0]["value"] is None
    assert issextract.extract(text, date="2024-02-28")["dates"][0]["value"] == "2024-02-27"
    extractor = issextract.Extractor(date="2024-02-28")
    assert extractor.extract(text)["dates"][0]["value"] == "2024-02-27"
    other = extractor.extract(text, date="2021-06-10")
    assert other["dates"][0]["value"] == "2021-06-08"
    assert other["document_date"] == {"value": "2021-06-10", "source": "option"}
    assert extractor.extract(text)["dates"][0]["value"] == "2024-02-27"
    with pytest.raises(ValueError, match="'June 3' is not a date in the form YYYY-MM-DD"):
        issextract.extract(text, date="June 3")


def test_an_extractor_carries_its_gazetteers_contents_to_a_process_that_cannot_see_them(tmp_path: Path):
    gazetteer = tmp_path / "mine.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    pickled = tmp_path / "extractor.pickle"
    pickled.write_bytes(pickle.dumps(issextract.Extractor([gazetteer], date="2024-02-28")))
    gazetteer.unlink()
    code = (
        "import json, pickle, sys; extractor = pickle.loads(open(sys.argv[1], 'rb').read()); "
        "print(json.dumps(extractor.extract(sys.argv[2], 'x.txt')))"
    )
    result = subprocess.run([sys.executable, "-c", code, str(pickled), TEXT], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert [(c["roster_name"], c["agency"]) for c in record["crew"]] == [("Zed Quorra", "ESA")]
    assert record["dates"][0]["value"] == "2024-02-27"


def test_an_extractor_pickles_as_its_settings_and_shares_this_processs_pipeline(tmp_path: Path):
    gazetteer = tmp_path / "mine.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    first = issextract.Extractor([gazetteer])
    copy = pickle.loads(pickle.dumps(first))
    assert copy == first
    assert len(pickle.dumps(first)) < len(GAZETTEER) + 300
    assert copy.nlp is first.nlp
    assert issextract.Extractor().nlp is not first.nlp
    assert copy.extract(TEXT)["crew"][0]["roster_name"] == "Zed Quorra"
    assert "agency" not in issextract.extract(TEXT)["crew"][0]


def test_a_malformed_gazetteer_is_refused_when_the_extractor_is_made(tmp_path: Path):
    gazetteer = tmp_path / "bad.yaml"
    gazetteer.write_text("crew:\n  - aliases: [Nobody]\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad.yaml:2: crew entry has no 'name'"):
        issextract.Extractor([gazetteer])


def test_threads_may_share_an_extractor():
    texts = [(path.read_text(encoding="utf-8"), str(path)) for path in SAMPLES] * 4
    extractor = issextract.Extractor()
    alone = [extractor.extract(text, source) for text, source in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda pair: extractor.extract(*pair), texts))
    assert together == alone
    assert all(set(record) == set(SCHEMA["properties"]) for record in together)
