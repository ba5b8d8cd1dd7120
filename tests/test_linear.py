"""The linear-time readings of a text give exactly what the plain slice-and-search definitions
gave (these definitions are kept here as oracles), on texts mixing the wording they look for."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from issextract import dates, textindex
from issextract.components import people
from issextract.textindex import TextIndex


def both_ways(check) -> None:
    """Run `check` with texts read through the index and with short texts read by slices."""
    saved = textindex.SMALL
    try:
        for small in (0, saved):
            textindex.SMALL = small
            textindex._LAST = None
            check()
    finally:
        textindex.SMALL = saved
        textindex._LAST = None


PIECES = [
    "Published ", "published", "Posted: ", "updated", "Dated", "dated2", "from ", "From", "fromage", "until ",
    "Dec 15", "December 15, 2022", "15 Dec 2022", "12/15/2022", "2022-12-15", "Friday, Dec. 16", "3/6",
    " ", "  ", "\n", "\r\n", "\u2028", ". ", ".", " - ", " -- ", ": ", " | ", "(Reuters)", "(UPI)", "/TASS/",
    "MOSCOW, ", "ORLANDO, Fla., ", "Station Status ", "Crew Fixes Leak In Zvezda Module ", "By Anna Lee ",
    "\u0130", "\u03a3", "x", "the crew will ", "was ", "Leak",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def old_title_case_line(text: str, at: int) -> bool:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)].strip()
    if line.startswith(("By ", "(")):
        return False
    long_words = re.findall(r"[^\W\d_][\w'\u2019-]{3,}", line)
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words) and not line.endswith(".")


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_title_case_lines(text: str, data):
    words = SimpleNamespace(text=text, lines=None)
    for at in data.draw(st.lists(st.integers(0, len(text)), max_size=10)):
        assert people._title_case_line(words, at) == old_title_case_line(text, at)


def old_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    first = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    last = min(x for x in (text.find(". ", end), text.find("\n", end), len(text)) if x >= 0)
    return first, last


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_sentences_lines_and_words_between(text: str, data):
    starts = data.draw(st.lists(st.integers(0, len(text)), max_size=10))
    points = [(at, data.draw(st.integers(at, len(text)))) for at in starts]

    def check() -> None:
        index = TextIndex(text)
        assert index.small == (len(text) < textindex.SMALL)
        for at, end in points:
            assert index.sentence(at, end) == old_sentence(text, at, end)
            line = text.rfind("\n", 0, at) + 1
            assert index.line_start(at) == line
            sentence = old_sentence(text, at, at)[0]
            for whole in (dates._PUBLISHED, dates._RANGE_START):
                for start in (line, sentence):
                    assert index.word_between(whole, start, at) == bool(whole.search(text[start:at].lower()))

    both_ways(check)


def old_stated_date(text: str, mentions: list, copyright_year: int | None) -> date | None:
    head = dates._line_bounds(text, dates.HEAD_LINES)
    for m in mentions:
        if m.relative or m.precision != "day" or m.month is None or m.day is None:
            continue
        line = next(((s, e) for s, e in head if s <= m.start < e), None)
        in_head = line is not None
        on_published_line = bool(dates._PUBLISHED.search(text[text.rfind("\n", 0, m.start) + 1 : m.start].lower()))
        if not (in_head or on_published_line):
            continue
        year = m.year
        if year is None and in_head and old_is_dateline(text, m, line):
            year = copyright_year or dates._closest_year(m.month, m.day, dates._context_dates(mentions))
        if year is None:
            continue
        if (
            in_head
            and m.year is not None
            and not on_published_line
            and not old_is_title_date(text, m, line)
            and not old_is_dateline(text, m, line)
        ):
            continue
        if d := dates._safe_date(year, m.month, m.day):
            return d
    return None


def old_is_title_date(text: str, m, line) -> bool:
    before = text[line[0] : m.start].strip()
    after = text[m.end : line[1]].strip()
    if not before or not after or before.endswith(("-", "\u2013", "\u2014", ":", "|")):
        return True
    return after.startswith(("-", "\u2013", "\u2014", ":", "|")) and len(before.split()) <= 8


def old_is_dateline(text: str, m, line) -> bool:
    before = text[line[0] : m.start]
    after = text[m.end : line[1]]
    if m.start - line[0] <= 80 and dates._SOURCED_PLACE.match(before):  # "Moscow (RIA Novosti) Jul 11"
        return True
    return bool(dates._DATELINE.match(before) or not before.strip()) and bool(
        re.match(r"\s*(?:\([^)]{1,40}\))?\s*(?:--|-|\u2013|\u2014)|\.?\s*/[A-Za-z-]{2,20}/", after)
    )


@settings(max_examples=500, deadline=None)
@given(texts, st.sampled_from([None, 2021]))
def test_stated_dates(text: str, copyright_year: int | None):
    mentions = [dates._complete(m) for m in dates.find_dates(text)]
    expected = old_stated_date(text, mentions, copyright_year)
    both_ways(lambda: assert_equal(dates.stated_date(text, mentions, copyright_year), expected))


def assert_equal(found: object, expected: object) -> None:
    assert found == expected
