"""The shortcuts taken for speed give exactly what the plain way gives."""

from __future__ import annotations

import re

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from issextract.components.spans import char_tokens, keep_text, read_mentions
from issextract.gazetteers import load_gazetteer
from issextract.pipeline import build_pipeline
from issextract.record import doc_to_record
from issextract.regexes import WordLed, any_of, lowered

GAZ = load_gazetteer()
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))

INCIDENT_WORDS = st.sampled_from(
    [
        "air",
        "leak",
        "leaking",
        "cabin",
        "pressure",
        "drop",
        "the",
        "crew",
        "sheltered",
        "in",
        "moved",
        "into",
        "their",
        "Soyuz",
        "coolant",
        "ammonia",
        "smoke",
        "smell",
        "fire",
        "alarm",
        "debris",
        "avoidance",
        "maneuver",
        "was",
        "repaired",
        "sealed",
        "fixed",
        "safe",
        "haven",
        "not",
        "in danger",
        "helmet",
        "water",
        ".",
        ",",
        "xleak",
        "leakx",
        "\n",
    ]
)
TEXTS = st.lists(INCIDENT_WORDS, max_size=30).map(" ".join)


def _rule_patterns() -> list[tuple[re.Pattern[str], ...]]:
    groups = [rule.patterns for rule in GAZ.incident_rules.values()]
    groups += [rule.fallback for rule in GAZ.incident_rules.values() if rule.fallback]
    groups += [rule.exclude for rule in GAZ.incident_rules.values() if rule.exclude]
    groups += list(GAZ.crew_safety.values()) + list(GAZ.incident_status.values())
    return groups


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_joined_wording_finds_what_each_pattern_finds(text):
    lower = lowered(text)
    for patterns in _rule_patterns():
        expected = min((m.start() for p in patterns if (m := p.search(lower))), default=None)
        found = any_of(patterns).search(lower)
        assert (found.start() if found else None) == expected, [p.pattern for p in patterns]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Soyuz", "rocket", "booster", "-2.1a", "Soyuz-FG", "launch", "pad", "xSoyuz", " "]),
        max_size=12,
    ).map(" ".join)
)
def test_word_led_search_is_the_plain_search(text):
    for pattern in [*GAZ.not_vehicles, *GAZ.not_modules]:
        assert [m.span() for m in WordLed(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_word_led_keeps_alternatives_without_a_boundary():
    pattern = re.compile(r"\bfoo|bar")
    assert not WordLed(pattern).bounded
    assert WordLed(pattern).search("xbar").group(0) == "bar"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab -\n.'", max_size=40), st.data())
def test_character_ranges_map_to_the_tokens_char_span_gives(text, data):
    nlp = spacy.blank("en")
    doc = nlp(text)
    keep_text(doc, text)
    if len(text) < 1:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    span = doc.char_span(start, end, alignment_mode="expand")
    expected = (span.start, span.end) if span is not None and len(span) else None
    assert char_tokens(doc, start, end) == expected


def test_without_spans_the_records_are_the_same():
    with_spans, without = build_pipeline(), build_pipeline(spans=False)
    for path in [*SAMPLES, *sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.txt"))]:
        text = path.read_text(encoding="utf-8")
        assert doc_to_record(with_spans(text), "x") == doc_to_record(without(text), "x"), path
        assert not without(text).spans


def test_spans_carry_the_names_and_attributes(nlp):
    doc = nlp((ROOT / "samples" / "soyuz-coolant-leak.txt").read_text(encoding="utf-8"))
    for category in ("modules", "vehicles", "agencies", "crew", "dates", "incidents"):
        spans = list(doc.spans[category])
        assert spans, category
        mentions = read_mentions(doc, category)
        assert [(s.start, s.end, s.kb_id_) for s in spans] == [(m.start, m.end, m.name) for m in mentions]
        assert [dict(s._.issx) for s in spans] == [dict(m.attrs) for m in mentions]


def test_spans_written_by_other_code_are_read(nlp):
    doc = nlp("Water leaked in Zvezda.")
    doc.user_data.pop("issextract_mentions")
    assert [m.name for m in read_mentions(doc, "modules")] == ["Zvezda"]


def test_word_flags_follow_their_predicate(nlp):
    people = nlp.get_pipe("issextract_people")
    doc = nlp("Commander Sunita Williams and the FLIGHT director met NASA's 3 engineers (CDR).")
    words = [t.text for t in doc]
    assert people.name_flag.tokens(doc) == [i for i, w in enumerate(words) if people.name_flag.predicate(w)]
    assert [words[i] for i in people.title_flag.tokens(doc)] == [w for w in words if w.lower() in people.title_words]


def test_a_doc_read_back_from_bytes_gives_the_same_record(nlp):
    from spacy.tokens import Doc

    text = (ROOT / "samples" / "soyuz-coolant-leak.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert doc_to_record(again, "x") == doc_to_record(doc, "x")
    assert [(s.kb_id_, s._.issx) for s in again.spans["vehicles"]] == [
        (s.kb_id_, s._.issx) for s in doc.spans["vehicles"]
    ]
