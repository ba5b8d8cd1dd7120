"""Trigger-window scanning finds exactly what scanning the whole text finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from issextract import dates
from issextract.gazetteers import load_gazetteer
from issextract.regexes import PatternSet

DATE_WORDS = st.sampled_from(
    [
        "in",
        "October",
        "2020",
        "Dec.",
        "3,",
        "2022",
        "Thursday,",
        "December",
        "15",
        "the",
        "end",
        "of",
        "mid-",
        "August",
        "yesterday",
        "last",
        "month",
        "4/29",
        "9:50",
        "2025-2026",
        "12/15/2022",
        "since",
        "May",
        "3",
        "\n",
        "15th",
        "Sept.",
        "21",
        "x" * 30,
        "y" * 7,
        "Friday",
        "Friday,",
        "Feb.",
        "17,",
        "this",
        "morning",
        "same",
        "day",
        "2019-06-04",
        "21.09.2022",
        "Thursday, 03/11:",
    ]
)
SCHEME_WORDS = st.sampled_from(
    [
        "Soyuz",
        "MS-22",
        "TMA-16M",
        "Progress",
        "81",
        "and",
        "82",
        "82P",
        "68S",
        "4S",
        "ISS",
        "SpaceX",
        "CRS-26",
        "Crew-8",
        "NG-18",
        "Cygnus",
        "Axiom",
        "Mission",
        "4",
        "HTV-9",
        "Kounotori",
        "ATV-5",
        "STS-135",
        "OFT-2",
        "theMS-22",
        ",",
        "x" * 50,
        "percent",
        "Demo-2",
        "the",
    ]
)


def _both_ways(patterns: PatternSet, text: str) -> tuple[list, list]:
    full = PatternSet(patterns.patterns)
    fast = [(i, m.span()) for i, m in patterns.finditer(text)]
    slow = [(i, m.span()) for i, m in full.finditer(text)]
    return fast, slow


@settings(max_examples=300, deadline=None)
@given(st.lists(DATE_WORDS, max_size=40).map(" ".join))
def test_date_triggers_lose_nothing(text):
    fast, slow = _both_ways(dates._ALL_PATTERNS, text)
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(st.lists(SCHEME_WORDS, max_size=40).map(" ".join))
def test_vehicle_scheme_triggers_lose_nothing(nlp, text):
    schemes = nlp.get_pipe("issextract_entities").schemes
    fast, slow = _both_ways(schemes, text)
    assert fast == slow


def test_real_reports_scan_the_same_either_way(nlp):
    schemes = nlp.get_pipe("issextract_entities").schemes
    for path in sorted((ROOT / "samples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for patterns in (dates._ALL_PATTERNS, schemes):
            fast, slow = _both_ways(patterns, text)
            assert fast == slow, path


def test_every_vehicle_scheme_has_a_trigger():
    assert all(s.trigger for s in load_gazetteer().vehicle_schemes)
