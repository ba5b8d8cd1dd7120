"""issextract's tokenizer gives spaCy's English tokens, character for character."""

from __future__ import annotations

import pickle
import sys
from re import _constants as re_constants
from re import _parser as re_parser

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lang.tokenizer_exceptions import URL_PATTERN

from conftest import ROOT
from issextract.tokenizer import english_tokenizer

SPACY = spacy.blank("en")
OURS = english_tokenizer(SPACY)
DEV = ROOT.parent / "shared" / "corpus" / "dev"
REPORTS = [*sorted((ROOT / "samples").glob("*.txt")), *sorted(DEV.glob("*.txt"))]
TRICKY = (
    "On 12.10.2023 at 10:30 a.m. EST (15:30 GMT) NASA's Jim's crew didn't panic... they'd seen it!!! "
    "See https://www.nasa.gov/station?x=1 or nasa.gov/iss, mail pao@nasa.gov, 192.168.0.1 and 8.8.8.8. "
    "Leak: 0.5 mm/day, -10°C., 10km, 5kg, US$100m, €2bn, 3+, 5x, 1-2, e.g. U.S. ISS-bound "
    "«Zvezda» “PrK” ‘quote’ — dash – and~tilde ☺ emoji 🚀, Ångström naïve façade Роскосмос 宇宙 "
    "wait…… really?? (Soyuz MS-22/23) [sic] {x} #hashtag @handle ½ ² ³ ① Ⅻ ٣ 10:00-11:00 A.M.\n\n"
    "\tTabbed line\u00a0with nbsp\r\nand CRLF :) :-( <3 C++ 'tis 'Twas y'all gonna gimme"
)


def tokens(tokenizer, text: str) -> list[tuple[str, bool, int]]:
    return [(t.text, bool(t.whitespace_), t.norm) for t in tokenizer(text)]


def test_reports_and_tricky_text_tokenize_as_spacy_does():
    texts = [p.read_text(encoding="utf-8") for p in REPORTS] + [TRICKY]
    assert len(texts) > 3
    for text in texts:
        assert tokens(OURS, text) == tokens(SPACY.tokenizer, text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=12),
            st.sampled_from(
                ["10km", "US$5", "it's", "Zvezda's", "a.m.", "U.S.", "...", "e-mail", "nasa.gov", "x/y", "3+", "'s"]
            ),
            st.text(alphabet="aZé9.,'’-/:$%()…\u00a0 \n", max_size=12),
        ),
        max_size=12,
    ).map(" ".join)
)
def test_any_text_tokenizes_as_spacy_does(text):
    assert tokens(OURS, text) == tokens(SPACY.tokenizer, text)


# The guards' premises, proved on the parsed branches of spaCy's own expressions: what a
# branch can match, read conservatively (anything not understood counts as "could").
_OP = re_constants
_REPEATS = {_OP.MAX_REPEAT, _OP.MIN_REPEAT, getattr(_OP, "POSSESSIVE_REPEAT", _OP.MAX_REPEAT)}


def _set_has(items, accept) -> bool:
    """Whether a character class holds a character `accept` takes."""
    for op, av in items:
        if op is _OP.LITERAL and accept(chr(av)):
            return True
        if op is _OP.RANGE and any(accept(chr(c)) for c in range(av[0], av[1] + 1)):
            return True
        if op in (_OP.NEGATE, _OP.CATEGORY):
            return True
    return False


def _lookbehind_fails(op, av, accept) -> bool:
    """A lookbehind for one character that `accept` never takes fails after one it takes, and
    at the start of the chunk."""
    return op is _OP.ASSERT and av[0] < 0 and len(av[1]) == 1 and not _can_be_all(av[1], accept)


def _can_be_all(items, accept) -> bool:
    """Whether the branch can match a string made only of characters `accept` takes."""
    for op, av in items:
        if _lookbehind_fails(op, av, accept):
            return False
        if op is _OP.LITERAL and not accept(chr(av)):
            return False
        if op is _OP.IN and not _set_has(av, accept):
            return False
        if op is _OP.BRANCH and not any(_can_be_all(b, accept) for b in av[1]):
            return False
        if op is _OP.SUBPATTERN and not _can_be_all(av[3], accept):
            return False
        if op in _REPEATS and av[0] > 0 and not _can_be_all(av[2], accept):
            return False
    return True


def _may_start(items, accept) -> bool:
    """Whether a match of the branch can begin with a character `accept` takes when the one
    before it (if any) is such a character too."""
    for op, av in items:
        if _lookbehind_fails(op, av, accept):
            return False
        if op in (_OP.AT, _OP.ASSERT, _OP.ASSERT_NOT):  # takes no character
            continue
        if op is _OP.LITERAL:
            return accept(chr(av))
        if op is _OP.IN:
            return _set_has(av, accept)
        if op is _OP.BRANCH:
            return any(_may_start(b, accept) for b in av[1])
        if op is _OP.SUBPATTERN:
            return _may_start(av[3], accept)
        if op in _REPEATS and av[0] > 0:
            return _may_start(av[2], accept)
        return True
    return True


def _branches(part: str) -> list[tuple[int, list]]:
    """The top-level branches of the expression the tokenizer runs, numbered."""
    parsed = list(re_parser.parse(getattr(OURS, part).__self__.pattern))
    for at, (op, av) in enumerate(parsed):  # the parser moves a shared "^" in front of them
        if op is _OP.BRANCH:
            return [(i, [*parsed[:at], *b, *parsed[at + 1 :]]) for i, b in enumerate(av[1])]
    return [(0, parsed)]


PREFIXES, SUFFIXES, INFIXES = (_branches(p) for p in ("prefix_search", "suffix_search", "infix_finditer"))
GUARDED = [(PREFIXES, k) for k in (str.isalpha, str.isdecimal, str.isspace)]
GUARDED += [(SUFFIXES, k) for k in (str.isalpha, str.isdecimal, str.isspace)]
GUARDED += [(INFIXES, k) for k in (str.isalnum, str.isspace)]


@pytest.mark.parametrize(("branches", "kind"), GUARDED)
def test_chunks_the_guards_skip_match_no_branch(branches, kind):
    assert len(branches) > 5
    assert [i for i, items in branches if _can_be_all(items, kind)] == []


def test_no_suffix_begins_with_a_letter_after_a_letter():
    assert [i for i, items in SUFFIXES if _may_start(items, str.isalpha)] == []


def test_no_url_without_a_dot():
    assert not _can_be_all(list(re_parser.parse(URL_PATTERN)), lambda c: c != ".")


def test_the_analysis_sees_what_it_must():
    """The premises' reader finds the branches that do match such chunks."""
    assert _can_be_all(list(re_parser.parse(r"(?:km|m)")), str.isalpha)
    assert not _can_be_all(list(re_parser.parse(r"(?<=[0-9])(?:km|m)")), str.isalpha)
    assert _can_be_all(list(re_parser.parse(r"(?<=[0-9a-z])(?:km|m)")), str.isalpha)
    assert not _can_be_all(list(re_parser.parse(r"US\$")), str.isalpha)
    assert _may_start(list(re_parser.parse(r"(?:km|m)")), str.isalpha)
    assert not _may_start(list(re_parser.parse(r"(?<=[0-9])(?:km|m)")), str.isalpha)
    assert _may_start(list(re_parser.parse(r"(?<=[a-z])x")), str.isalpha)
    assert _can_be_all(list(re_parser.parse(r"[^.]+")), str.isalpha)


@pytest.mark.parametrize("part", ["prefix_search", "suffix_search", "infix_finditer"])
def test_no_single_character_the_guards_skip_is_matched(part):
    """The same premises, tried on every character."""
    raw = getattr(OURS, part).__self__
    kinds = (str.isalnum, str.isspace) if part == "infix_finditer" else (str.isalpha, str.isdecimal, str.isspace)
    chars = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert [c for c in chars if any(kind(c) for kind in kinds) and raw.search(c)] == []


def test_the_tokenizer_serialises_and_pickles():
    text = "Zvezda's hatch, 10km away: see nasa.gov."
    again = english_tokenizer(spacy.blank("en")).from_bytes(OURS.to_bytes())
    assert tokens(again, text) == tokens(SPACY.tokenizer, text)
    assert tokens(pickle.loads(pickle.dumps(OURS)), text) == tokens(SPACY.tokenizer, text)


def test_the_pipeline_uses_it(nlp):
    assert nlp.tokenizer.suffix_search.func is OURS.suffix_search.func
    assert tokens(nlp, TRICKY) == tokens(SPACY.tokenizer, TRICKY)


def test_other_languages_are_refused():
    with pytest.raises(ValueError, match="English"):
        english_tokenizer(spacy.blank("de"))
