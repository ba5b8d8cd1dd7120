"""What issextract's components find, kept on the Doc twice: as spaCy spans and as plain data.

Each component writes its finds to `doc.spans[category]`, the spaCy way: `kb_id_` is the
canonical name and `span._.issx` the attributes. It also keeps them in `doc.user_data` as
`Mention` tuples, which is what the other components and the record read: iterating a
SpanGroup builds a Python `Span` per element on every pass and each `span._` access builds an
accessor object, several times the cost of the rest of the work on a dense report.

The document text (and its lower-case copy, and the character bounds of each token) are kept
too, built once: `doc.text` re-joins every token on each access.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from ..regexes import lowered

ATTR = "issx"
_ATTRS = "issextract_span_attrs"
_MENTIONS = "issextract_mentions"
_TEXT = "issextract_text"
_LOWER = "issextract_lower"
_BOUNDS = "issextract_token_bounds"


class Mention(NamedTuple):
    """One find: its token range, its character range, its canonical name and its attributes."""

    start: int
    end: int
    start_char: int
    end_char: int
    name: str
    attrs: Mapping[str, Any]


def write_mentions(doc: Doc, label: str, mentions: list[Mention], spans: bool = True) -> None:
    """Store a component's finds (in text order: readers rely on it) as plain data and, with `spans`, as
    `doc.spans[label]` (building the spans is most of the cost of storing them)."""
    doc.user_data.setdefault(_MENTIONS, {})[label] = mentions
    if not spans:
        return
    strings = doc.vocab.strings
    label_id = strings.add(label)
    table = doc.user_data.setdefault(_ATTRS, {})
    group = []
    for m in mentions:
        kb_id = strings.add(m.name)
        group.append(Span(doc, m.start, m.end, label=label_id, kb_id=kb_id))
        table[_key(label_id, kb_id, m.start, m.end)] = m.attrs
    doc.spans[label] = group


def read_mentions(doc: Doc, label: str) -> list[Mention]:
    """A category's finds, in text order; spans put in `doc.spans` by other code are read from there."""
    stored = doc.user_data.get(_MENTIONS)
    if stored is not None and label in stored:
        mentions = stored[label]
        if mentions and not isinstance(mentions[0], Mention):  # a Doc read back from bytes
            mentions = stored[label] = [Mention(*m) for m in mentions]
        return mentions
    spans = sorted(doc.spans.get(label, []), key=lambda s: (s.start, s.end))
    return [Mention(s.start, s.end, s.start_char, s.end_char, s.kb_id_, span_attrs(s)) for s in spans]


def span_attrs(span: Span) -> dict[str, Any]:
    """A span's attributes (`span._.issx`): a copy, as mentions share theirs."""
    table = span.doc.user_data.get(_ATTRS)
    return dict(table.get(_key(span.label, span.kb_id, span.start, span.end), {})) if table else {}


def _key(label: int, kb_id: int, start: int, end: int) -> str:
    """A span's key in the attributes table: a string, so that `Doc.to_bytes` can store it."""
    return f"{label} {kb_id} {start} {end}"


if not Span.has_extension(ATTR):
    Span.set_extension(ATTR, getter=span_attrs)


def keep_text(doc: Doc, text: str) -> None:
    doc.user_data[_TEXT] = text


def doc_text(doc: Doc) -> str:
    """The document text, built once per document."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def doc_lower(doc: Doc) -> str:
    """The document text in lower case, offset for offset (see `regexes.lowered`), built once."""
    lower = doc.user_data.get(_LOWER)
    if lower is None:
        lower = doc.user_data[_LOWER] = lowered(doc_text(doc))
    return lower


def token_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Where each token starts and ends in the text: plain lists, read without building tokens."""
    bounds = doc.user_data.get(_BOUNDS)
    if bounds is None:
        table = doc.to_array([IDX, LENGTH])
        starts = table[:, 0].tolist()
        ends = (table[:, 0] + table[:, 1]).tolist()
        bounds = doc.user_data[_BOUNDS] = (starts, ends)
    return bounds


def char_tokens(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    """The tokens a character range covers, at least partly: `doc.char_span(start_char,
    end_char, alignment_mode="expand")` as a token range, without building the Span.

    Tokens tile the text (each with at most one trailing space), so the token holding a
    character is the last one starting at or before it. None when the range is empty or falls
    outside the text.
    """
    starts, ends = token_bounds(doc)
    length = len(doc_text(doc))
    if not starts or not 0 <= start_char < end_char <= length:
        return None
    start = bisect_right(starts, start_char) - 1
    end = bisect_right(starts, end_char - 1)
    if start_char == ends[start]:  # on a token's trailing space: the range starts after it
        start += 1
    return (start, end) if start < end else None


def mention_over(doc: Doc, start_char: int, end_char: int, name: str, attrs: Mapping[str, Any]) -> Mention | None:
    """A Mention over the tokens a character range covers (see `char_tokens`)."""
    tokens = char_tokens(doc, start_char, end_char)
    if tokens is None:
        return None
    starts, ends = token_bounds(doc)
    return Mention(tokens[0], tokens[1], starts[tokens[0]], ends[tokens[1] - 1], name, attrs)


class Occupied:
    """Character ranges, asked whether any overlaps a range in logarithmic time: a long text's
    finds are checked against its other finds without a scan of them all per find."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [start for start, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the ranges up to each one
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a range a < end, start < b is held (the ranges that start before `end`
        reach past `start`)."""
        before = bisect_left(self.starts, end)
        return before > 0 and self.reach[before - 1] > start
