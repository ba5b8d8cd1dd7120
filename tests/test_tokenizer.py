"""issextract's tokenizer gives spaCy's English tokens, character for character."""

from __future__ import annotations

import pickle
import sys

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

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


@pytest.mark.parametrize("part", ["prefix_search", "suffix_search", "infix_finditer"])
def test_what_the_guards_skip_spacy_never_matches(part):
    """The guards' premise, on every character: no letter is a prefix or a suffix, and no letter
    or digit is an infix, by itself (the branches of more than one character each hold one
    that is not a letter, or need a digit before them)."""
    raw = getattr(OURS, part).__self__
    skipped = str.isalnum if part == "infix_finditer" else str.isalpha
    chars = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert [c for c in chars if skipped(c) and raw.search(c)] == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(categories=("Lu", "Ll", "Lt", "Lm", "Lo", "Nd")), min_size=1, max_size=8))
def test_words_of_letters_and_digits_have_no_affixes(word):
    if word.isalpha():
        assert OURS.prefix_search.__self__.search(word) is None
        assert OURS.suffix_search.__self__.search(word) is None
    assert list(OURS.infix_finditer.__self__.finditer(word)) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_characters=".")) | st.text(alphabet="nasa.gov/:0-9", max_size=20))
def test_no_url_without_a_dot(text):
    if "." not in text:
        assert SPACY.tokenizer.url_match(text) is None


def test_the_tokenizer_serialises_and_pickles():
    text = "Zvezda's hatch, 10km away: see nasa.gov."
    again = english_tokenizer(spacy.blank("en")).from_bytes(OURS.to_bytes())
    assert tokens(again, text) == tokens(SPACY.tokenizer, text)
    assert tokens(pickle.loads(pickle.dumps(OURS)), text) == tokens(SPACY.tokenizer, text)


def test_the_pipeline_uses_it(nlp):
    assert nlp.tokenizer.suffix_search.func is OURS.suffix_search.func
    assert tokens(nlp, TRICKY) == tokens(SPACY.tokenizer, TRICKY)
