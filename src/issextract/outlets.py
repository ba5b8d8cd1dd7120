"""News outlets named by how news cites them, whether or not a gazetteer lists them.

No list holds every outlet: regional agencies, aggregators, business channels, reposting
sites. What marks a name as a news source is where it stands:
- a dateline ("MOSCOW, Oct 9 (Reuters) -", "CAPE CANAVERAL, Fla. (AP) —", "/TASS/");
- a credit line ("Source: X", "Via X") or a closing one ("— Sputnik");
- a media noun beside it ("the X newspaper", "the news agency X", "X TV");
- a citing word ("told X", "according to X", "X reported"): weaker, since people and agencies
  are cited the same way, so there a name the gazetteer does not know counts only if it is
  shaped like an outlet's ("Gazeta.ru", "the Tehran Times").
The words of each frame are in data/lexicon.yaml. Pure functions of the (plain) text: the
entity component decides what the names found here are (a known agency is no outlet).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

_CONNECTORS = r"(?:of|de|del|della|di|i|al|el|la|le|du|der|da)"
_WORD = r"(?:[A-Z][\w.&'\-]*\w|[A-Z]|\d+\w*)"
NAME = rf"{_WORD}(?:[ ]{_CONNECTORS})?(?:[ ]{_WORD}(?:[ ]{_CONNECTORS}(?=[ ][A-Z]))?){{0,4}}"
"""An outlet's name as written: up to five capitalised words or numbers, with the small words
of other languages' names between them ("Corriere della Sera", "Argumenty i Fakty")."""
_NAME = re.compile(NAME)
_NAME_BEFORE = re.compile(rf"(?<![\w.&'\-])({NAME})(?:'s|\s*\([A-Z]{{2,8}}\))?,?\s+$")
_NAME_LIST = re.compile(rf"{NAME}(?:\s*(?:,|/|;|\band\b)\s*{NAME})*")
_THE = re.compile(r"\s+(?:the\s+)?")
_AFTER_NOUN = re.compile(r"\s*,?\s+")
_AFTER_LABEL = re.compile(r"\s*:?\s*(?:the\s+)?")
_LABEL_GAP = re.compile(r"[ \t]*:?[ \t]*")
_POSSESSIVE_GAP = re.compile(r"(?:'s)?(?:\s*\([A-Z]{2,8}\))?,?\s+")
_CLOSING_DASH = re.compile(r"(?:^|[.!?\"]\s+)(?:--|[\u2013\u2014-])\s*$")
_DATELINE_HEAD = re.compile(r"(?:(?:[A-Z][\w'\-]*|\d{1,4}(?:st|nd|rd|th)?)(?:\.[ ,]*|[ ,]+|$))+")
_TLDS = "com|ru|org|net|info|io|news|tv|uk|in|kz|ua|by|az|am|ge|uz|kg|cn|jp|de|fr|it|es|ca|au"
_DOMAIN = re.compile(rf"\.(?:{_TLDS})$")
_DATELINE_SOURCE = re.compile(rf"\(({NAME}(?:\s*/\s*{NAME})*)\)[ \t]*(?:--|[-\u2013\u2014])")
_DATELINE_CLOSE = re.compile(r"\)[ \t]*(?:--|[-\u2013\u2014])")
_SLASH_SOURCE = re.compile(r"/([A-Z][A-Za-z\-]{1,20})/")
_CLOSING_SOURCE = re.compile(rf"(?:--|[\u2013\u2014-])[ \t]*(?=[A-Z][\w.&' -]{{0,60}}$)({NAME})[ \t]*$", re.MULTILINE)
_CREDIT_SEPARATOR = re.compile(r"\s*(?:,|/|;|\band\b|\bvia\b|\bincluding\b)\s*")
_BYLINE = re.compile(
    rf"^[ \t]*By[ \t]+(?P<name>{NAME}?)[ \t]+(?P<staff>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)\b", re.MULTILINE
)
_LIST_SEPARATOR = re.compile(r"\s*(?:,|/|;|\band\b)\s*")
_MONTH_OR_DAY = frozenset(
    w.lower() for w in (*calendar.month_name[1:], *calendar.month_abbr[1:], *calendar.day_name) if w
)


FRAME_WORDS = ("citing_before", "media_nouns", "media_suffixes", "credit_labels", "outlet_name_ends")
"""The lexicon's lists of frame words, which the entity component finds with its phrase matcher."""


class Hits:
    """Where words of the lexicon's lists stand in a text: (start, end) per list, in text order.

    The entity component finds them in the same pass as the gazetteer's aliases (a phrase
    matcher over the tokens), which is several times faster than a regular expression over the
    text for a few hundred words.
    """

    def __init__(self, found: Mapping[str, list[tuple[int, int]]]) -> None:
        self.found = {kind: sorted(spans) for kind, spans in found.items()}
        self._starts: dict[tuple[str, ...], dict[int, int]] = {}

    def of(self, *kinds: str) -> list[tuple[int, int]]:
        """The words of some lists, in text order."""
        if len(kinds) == 1:
            return self.found.get(kinds[0], [])
        return sorted(span for kind in kinds for span in self.found.get(kind, []))

    def ending_within(self, kinds: Iterable[str], lo: int, hi: int) -> Iterator[tuple[int, int]]:
        """The words of some lists that end between `lo` and `hi`."""
        for kind in kinds:
            for start, end in self.found.get(kind, []):
                if lo <= end <= hi and start >= lo:
                    yield start, end

    def at(self, kinds: tuple[str, ...], start: int) -> int | None:
        """Where a word of some lists that starts at `start` ends, if one does (the longest)."""
        starts = self._starts.get(kinds)
        if starts is None:
            starts = self._starts[kinds] = {}
            for s, e in self.of(*kinds):
                starts[s] = max(e, starts.get(s, e))
        return starts.get(start)


class Source(NamedTuple):
    """An outlet's name in the text: where it is, and how sure its frame makes it."""

    start: int
    end: int
    name: str
    strong: bool
    """Found in a dateline, a credit line or beside a media noun: an unknown name counts."""


class SourceReader:
    """Finds the names a text cites as its news sources (see the module's docstring)."""

    def __init__(self, lexicon: Mapping[str, frozenset[str]]) -> None:
        get = lexicon.get
        self.byline_staff = get("byline_staff", frozenset())
        self.outlet_ends = get("outlet_name_ends", frozenset())
        # Citing words after a name ("AP reported") are common words: checked where a name
        # ends, not looked for in the whole text.
        after = sorted(get("citing_after", frozenset()), key=len, reverse=True)
        self.citing_after = re.compile("|".join(rf"{re.escape(w)}\b" for w in after) or "(?!)")
        self.not_outlets = get("not_outlets", frozenset()) | _MONTH_OR_DAY
        self.not_names = get("not_name_words", frozenset())

    # -- what a text cites --------------------------------------------------------------------
    def sources(self, text: str, lower: str, hits: Hits) -> list[Source]:
        """Every source named in a frame, in text order (a name may be found twice).
        `lower` is the text lower-cased offset for offset (`regexes.lowered`), `hits` the
        frame words found in it."""
        found = [*self._datelines(text), *self._closing_lines(text), *self._credit_lines(text, lower, hits)]
        if hits.found:
            found += [
                *self._before_words(text, lower, hits),
                *self._after_words(text, hits),
                *self._shaped_and_cited(text, lower, hits),
            ]
        kept = [s for s in map(_without_article, found) if self._plausible(s.name)]
        return sorted(kept, key=lambda s: (s.start, -s.end))

    def in_frame(self, text: str, lower: str, hits: Hits, start: int, end: int) -> bool:
        """Whether the name at start:end stands where a source is named: a dateline, a credit,
        a media noun or a citing word beside it ("told AP", "AP Photo", "(AP) —")."""
        line_start = text.rfind("\n", 0, start) + 1
        before = lower[max(line_start, start - 40) : start]
        if _CLOSING_DASH.search(before) and _line_rest_blank(text, end):
            return True
        if before.endswith("(") and _DATELINE_SOURCE.match(text, start - 1) and self._dateline_head(text, start - 1):
            return True
        if text.startswith("/", end) or self._word_after(text, lower, hits, end):
            return True
        lo = start - len(before)
        if any(_THE.fullmatch(lower, e, start) for _, e in hits.ending_within(("citing_before",), lo, start)):
            return True
        if any(_AFTER_NOUN.fullmatch(lower, e, start) for _, e in hits.ending_within(("media_nouns",), lo, start)):
            return True
        return any(
            _AFTER_LABEL.fullmatch(lower, e, start) and not lower[line_start:s].strip(" \t([")
            for s, e in hits.ending_within(("credit_labels",), lo, start)
        )

    # -- the frames ---------------------------------------------------------------------------
    def _datelines(self, text: str) -> Iterator[Source]:
        for close in _DATELINE_CLOSE.finditer(text):  # ") -": rarer than "(", looked for first
            opening = text.rfind("(", max(0, close.start() - 120), close.start())
            m = _DATELINE_SOURCE.match(text, opening) if opening >= 0 else None
            if m is not None and self._dateline_head(text, m.start()):
                yield from _listed(text, m.start(1), m.end(1), strong=True)
        for m in _SLASH_SOURCE.finditer(text):
            if self._dateline_head(text, m.start()):
                yield Source(m.start(1), m.end(1), m.group(1), True)

    @staticmethod
    def _dateline_head(text: str, at: int) -> bool:
        """Whether what stands before `at` on its line is a dateline's place and date: nothing,
        or capitalised words and numbers holding a place in capitals or a date ("MOSCOW,",
        "CAPE CANAVERAL, Fla.,", "Moscow, 9 October")."""
        line_start = text.rfind("\n", 0, at) + 1
        head = text[line_start:at].strip()
        if not head:
            return True
        if len(head) > 60 or not _DATELINE_HEAD.fullmatch(head):
            return False
        words = re.findall(r"[A-Za-z]+", head)
        has_caps_place = any(len(w) >= 3 and w.isupper() for w in words)
        has_date = any(w.lower() in _MONTH_OR_DAY for w in words) and any(c.isdigit() for c in head)
        return has_caps_place or has_date

    @staticmethod
    def _closing_lines(text: str) -> Iterator[Source]:
        """'— Sputnik' closing a paragraph: a dash at a line's start or after its last sentence."""
        for m in _CLOSING_SOURCE.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start : m.start()].rstrip()
            if not before or before[-1] in '.!?"\u201d':
                yield Source(m.start(1), m.end(1), m.group(1), True)

    def _credit_lines(self, text: str, lower: str, hits: Hits) -> Iterator[Source]:
        """'Source: X', 'Sources: X, Y', 'Via X', 'Courtesy of X' at the start of a line or
        of a bracket ("(Source: multiple, including AP via Yahoo, Reuters)"); and a byline's
        outlet ("By Newser Editors and Wire Services")."""
        for label_start, label_end in hits.of("credit_labels"):
            line_start = lower.rfind("\n", 0, label_start) + 1
            before = lower[line_start:label_start].rstrip(" \t")
            if before and not before.endswith(("(", "[")):
                continue
            rest = _LABEL_GAP.match(text, label_end)
            if rest is None or not rest.group(0):
                continue
            close = text.find(")", rest.end()) if before else -1
            end = text.find("\n", rest.end())
            end = min(x for x in (close, end, len(text)) if x >= 0)
            for part in _CREDIT_SEPARATOR.split(text[rest.end() : end]):
                yield from self._credited_name(text, text.find(part, rest.end(), end), part)
        for m in _BYLINE.finditer(text) if "By " in text else ():
            name, staff = m.group("name"), m.group("staff")
            if staff.lower() in self.byline_staff:
                yield Source(m.start("name"), m.end("name"), name, True)

    def _credited_name(self, text: str, at: int, part: str) -> Iterator[Source]:
        """The outlet a credit list names in one of its parts ("CBSNews", "NASA statement")."""
        name = _NAME.match(part.strip())
        if name is None or at < 0:
            return
        start = at + part.index(name.group(0))
        yield Source(start, start + len(name.group(0)), name.group(0), True)

    def _before_words(self, text: str, lower: str, hits: Hits) -> Iterator[Source]:
        """A name after a media noun ('the business daily Kommersant', strong) or a citing
        word ('told X', 'according to the X', weak)."""
        for strong, kind in ((True, "media_nouns"), (False, "citing_before")):
            for start, end in hits.of(kind):
                if not _as_word(text, start, end, opening=not strong):
                    continue
                gap = (_AFTER_NOUN if strong else _THE).match(lower, end)
                name = _NAME.match(text, gap.end()) if gap and gap.end() > end else None
                if name:
                    yield Source(name.start(), name.end(), name.group(0), strong)

    def _after_words(self, text: str, hits: Hits) -> Iterator[Source]:
        """A name before a media noun ('the Izvestia newspaper', 'Zvezda TV')."""
        for start, end in hits.of("media_nouns", "media_suffixes"):
            if not _as_word(text, start, end) or not _after_a_name(text, start):
                continue
            before = _NAME_BEFORE.search(text, max(0, start - 80), start)
            if before:
                yield Source(before.start(1), before.end(1), before.group(1), True)

    def _shaped_and_cited(self, text: str, lower: str, hits: Hits) -> Iterator[Source]:
        """A name shaped like an outlet's ("the Tehran Times", "Gazeta.ru") where a citing word
        stands beside it ("Tehran Times reported"): found from the rarer of the two, the name."""
        ends = [end for start, end in hits.of("outlet_name_ends") if text[start].isupper()]
        if "." in text:
            ends += [m.end() for m in _DOMAIN_END.finditer(lower)]
        for end in ends:
            name = _NAME_ENDING.search(text, max(0, end - 80), end)
            if name and self.outlet_shaped(name.group(1)) and self.in_frame(text, lower, hits, name.start(1), end):
                yield Source(name.start(1), end, name.group(1), False)

    _AFTER_KINDS = ("media_nouns", "media_suffixes")

    def _word_after(self, text: str, lower: str, hits: Hits, end: int) -> bool:
        """Whether a citing word or media noun stands right after a name ending at `end`."""
        gap = _POSSESSIVE_GAP.match(text, end)
        if gap is None or not gap.group(0):
            return False
        word_end = hits.at(self._AFTER_KINDS, gap.end())
        if word_end is None and (cited := self.citing_after.match(lower, gap.end())):
            word_end = cited.end()
        return word_end is not None and _as_word(text, gap.end(), word_end)

    # -- what a name may be -------------------------------------------------------------------
    def _plausible(self, name: str) -> bool:
        words = name.split()
        if not name[:1].isalpha() or all(w.lower() in self.not_names | self.not_outlets for w in words):
            return False
        return words[0].lower() not in self.not_outlets

    def outlet_shaped(self, name: str) -> bool:
        """A name shaped like an outlet's: a web address ("Gazeta.ru") or a name ending in a
        newspaper word ("the Tehran Times", "Arab News")."""
        words = name.split()
        return bool(_DOMAIN.search(name.lower())) or (len(words) >= 2 and words[-1].lower() in self.outlet_ends)


_BRACKETED_ABBREVIATION = re.compile(r"\([A-Z]{2,8}\)\s*$")
_NAME_ENDING = re.compile(rf"(?<![\w.&'\-])({NAME})$")
_DOMAIN_END = re.compile(rf"\.(?:{_TLDS})\b")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.&'-")


def _after_a_name(text: str, at: int) -> bool:
    """Whether the word before `at` (spaces, a comma and "'s" passed over) could end a name:
    a cheap test before the name itself is looked for."""
    i = at - 1
    while i >= 0 and text[i] in " \t,":
        i -= 1
    if text.endswith("'s", 0, i + 1):
        i -= 2
    while i > 0 and text[i - 1] in _WORD_CHARS:
        i -= 1
    if i >= 0 and (text[i].isupper() or text[i].isdigit()):
        return True
    return _BRACKETED_ABBREVIATION.search(text, max(0, at - 12), at) is not None


def _as_word(text: str, start: int, end: int, opening: bool = False) -> bool:
    """Whether a frame word is written as a word, in lower case (or, as "TV", in capitals; or,
    if it may open a sentence, capitalised), not as part of a name ("Amateur Radio")."""
    written = text[start:end]
    return written.islower() or written.isupper() or (opening and written[1:].islower())


_ARTICLE = re.compile(r"(?:The|THE)\s+")


def _without_article(source: Source) -> Source:
    """'The Vzglyad' -> 'Vzglyad': a name's article is no part of the outlet's name."""
    m = _ARTICLE.match(source.name)
    return source._replace(start=source.start + m.end(), name=source.name[m.end() :]) if m else source


def _line_rest_blank(text: str, at: int) -> bool:
    end = text.find("\n", at)
    return not text[at : end if end >= 0 else len(text)].strip(" \t.")


def _listed(text: str, start: int, end: int, strong: bool) -> Iterator[Source]:
    """Each name of a list ("AFP/Reuters", "Reuters, AP")."""
    pos = start
    for sep in _LIST_SEPARATOR.finditer(text, start, end):
        if sep.start() > pos:
            yield Source(pos, sep.start(), text[pos : sep.start()], strong)
        pos = sep.end()
    if end > pos:
        yield Source(pos, end, text[pos:end], strong)
