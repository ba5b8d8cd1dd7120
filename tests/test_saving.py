"""The pipeline as spaCy users handle one: saved and loaded, pickled, initialised from a config,
its components declaring what they read and write, and its finds in one store on the Doc."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path
from typing import Any

import pytest
import spacy

from issextract import gazetteers
from issextract.components import pipe
from issextract.components.spans import read_mentions
from issextract.pipeline import build_pipeline
from issextract.record import doc_to_record

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
EXTRA = """\
categories:
  rigs:
    singular: rig
rigs:
  - name: Loam Filter Rig
    aliases: [LFR]
modules:
  - name: Kestrel Annex
    aliases: [Kestrel]
    segment: US
crew:
  - name: Ilona Varga-Petrov
    aliases: [Ilona Varga]
    agency: ESA
"""
OWN_TEXT = (
    "Ilona Varga checked a valve in the Kestrel Annex on Monday, NASA said; Kestrel held pressure. "
    "The LFR ran all night."
)


def records(nlp: Any) -> list[dict[str, Any]]:
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES] + [OWN_TEXT]
    return [doc_to_record(nlp(text), "x") for text in texts]


@pytest.fixture
def extra_file(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(EXTRA, encoding="utf-8")
    return path


@pytest.fixture
def without_files(monkeypatch: pytest.MonkeyPatch, extra_file: Path):
    """After the call: no data/ (any attempt to find it fails the test), no user file, and no
    gazetteer kept in memory from them."""

    def no_data_dir() -> Path:
        raise AssertionError("data/ was read")

    def forget() -> None:
        extra_file.unlink()
        monkeypatch.setattr(gazetteers, "data_dir", no_data_dir)
        monkeypatch.setattr(pipe, "data_dir", no_data_dir)
        gazetteers._load_cached.cache_clear()
        pipe._parsed.cache_clear()

    yield forget
    gazetteers._load_cached.cache_clear()
    pipe._parsed.cache_clear()


def test_the_user_gazetteer_counts_in_the_fixture(extra_file: Path):
    own = records(build_pipeline([extra_file]))[-1]
    assert [m["name"] for m in own["modules"]] == ["Kestrel Annex"]
    assert own["crew"][0]["roster_name"] == "Ilona Varga-Petrov"
    assert [m["name"] for m in own["rigs"]] == ["Loam Filter Rig"]


def test_a_saved_pipeline_loads_without_data_or_gazetteer_files(tmp_path: Path, extra_file: Path, without_files):
    nlp = build_pipeline([extra_file])
    before = records(nlp)
    nlp.to_disk(tmp_path / "saved")
    without_files()
    loaded = spacy.load(tmp_path / "saved")
    assert loaded.pipe_names == nlp.pipe_names
    assert records(loaded) == before


def test_a_saved_component_keeps_its_files_in_merging_order(tmp_path: Path, extra_file: Path):
    build_pipeline([extra_file]).to_disk(tmp_path / "saved")
    folder = tmp_path / "saved" / "issextract_entities"
    manifest = (folder / "gazetteers.json").read_text(encoding="utf-8")
    shipped = sorted(p.name for p in gazetteers.data_dir().glob("*.yaml"))
    saved = sorted((folder / "gazetteers").iterdir())
    assert [p.name.split("-", 1)[1] for p in saved] == [*shipped, "mine.yaml"]
    assert saved[-1].read_text(encoding="utf-8") == EXTRA
    assert str(extra_file) in manifest


def test_an_edited_saved_file_is_checked_like_a_users_own(tmp_path: Path):
    build_pipeline().to_disk(tmp_path / "saved")
    folder = tmp_path / "saved" / "issextract_incidents"
    incidents = next((folder / "gazetteers").glob("*-incidents.yaml"))
    incidents.write_text(incidents.read_text(encoding="utf-8") + "\nnot_a_key: []\n", encoding="utf-8")
    with pytest.raises(gazetteers.GazetteerError, match="unknown category 'not_a_key'"):
        spacy.load(tmp_path / "saved")


def test_the_pipeline_pickles(extra_file: Path, without_files):
    nlp = build_pipeline([extra_file])
    before = records(nlp)
    data = pickle.dumps(nlp)
    without_files()
    assert records(pickle.loads(data)) == before


def test_pickled_again_and_again_the_word_classes_keep_their_place(extra_file: Path):
    nlp = build_pipeline([extra_file])
    before = records(nlp)
    for _ in range(20):  # each round trip registers the components' word classes again
        nlp = pickle.loads(pickle.dumps(nlp))
    assert records(nlp) == before


def _records_in_child(nlp: Any) -> list[dict[str, Any]]:
    return records(nlp)


def test_a_pickled_pipeline_runs_in_a_fresh_process(extra_file: Path):
    nlp = build_pipeline([extra_file])
    before = records(nlp)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(_records_in_child, (nlp,)) == before


def test_the_pipeline_round_trips_through_bytes(extra_file: Path, without_files):
    nlp = build_pipeline([extra_file])
    before = records(nlp)
    data, config = nlp.to_bytes(), nlp.config
    without_files()
    again = spacy.util.get_lang_class(config["nlp"]["lang"]).from_config(config).from_bytes(data)
    assert records(again) == before


def test_components_take_their_data_from_initialize(extra_file: Path):
    nlp = spacy.blank("en")
    for name in ("issextract_entities", "issextract_dates", "issextract_people"):
        nlp.add_pipe(name)
    nlp.config["initialize"]["components"]["issextract_entities"] = {"gazetteers": [str(extra_file)]}
    nlp.initialize()
    doc = nlp(OWN_TEXT)
    assert [m.name for m in doc._.issx["modules"]] == ["Kestrel Annex", "Kestrel Annex"]
    assert [m.name for m in doc._.issx["crew"]] == ["Ilona Varga-Petrov"]


def test_a_component_never_initialised_loads_data_on_first_use():
    nlp = spacy.blank("en")
    nlp.add_pipe("issextract_entities")
    assert [m.name for m in nlp("Air leaked in Zvezda.")._.issx["modules"]] == ["Zvezda"]


def test_components_declare_what_they_read_and_write():
    nlp = build_pipeline()
    assert not any(nlp.analyze_pipes()["problems"].values())
    for name in nlp.pipe_names:
        assert "doc._.issx" in nlp.get_pipe_meta(name).assigns
    alone = spacy.blank("en")
    alone.add_pipe("issextract_people")
    assert alone.analyze_pipes()["problems"] == {"issextract_people": ["doc._.issx"]}


def test_the_store_is_what_the_record_spans_and_api_read(nlp):
    from issextract import extract

    text = SAMPLES[0].read_text(encoding="utf-8")
    doc = nlp(text)
    record = doc_to_record(doc, "x")
    assert doc._.issx.document_date == record["document_date"]
    assert {"modules", "vehicles", "agencies", "media", "crew", "people", "dates", "incidents"} <= set(doc._.issx)
    for category in doc._.issx:
        assert doc._.issx[category] == read_mentions(doc, category)
        assert [(s.start, s.end, s.kb_id_) for s in doc.spans[category]] == [
            (m.start, m.end, m.name) for m in doc._.issx[category]
        ]
    assert [m["name"] for m in record["modules"]] == [m["name"] for m in extract(text, "x")["modules"]]
    assert extract(text, "x") == record


def test_a_span_of_other_codes_has_no_attributes(nlp):
    from spacy.tokens import Span

    doc = nlp("Water leaked in Zvezda.")
    assert doc.spans["modules"][0]._.issx == {"segment": "Russian"}
    assert Span(doc, 0, 1, label="modules")._.issx == {}
