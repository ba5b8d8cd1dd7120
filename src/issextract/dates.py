"""Date expressions in news and status-report English, and their resolution to ISO 8601.

Pure functions, no spaCy: `find_dates` lists every expression with what it states (year,
month, day, weekday, relative offset); `resolve_dates` fills in what the text leaves out from
the document's own time, never from the clock:
- a missing year comes from the reading that makes sense: a weekday written beside the date
  ("Thursday, December 15" is 2022 and not 2023), the same day written elsewhere with its year,
  the document's stated date or, failing that, the dated mentions around it (the closest
  reading wins, so "Dec. 15" in a text dated January 2016 is 2015-12-15), then a copyright year;
- weekdays and relative words ("yesterday", "last month") need a reference date: the one the
  user gives, or the date the document states for itself (a title, a dateline, a
  "Published" line). Without one their value stays null.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from dateutil.relativedelta import relativedelta

from .memo import Memo
from .regexes import PatternSet, any_of
from .textindex import index_of


def _date_words() -> dict[str, Any]:
    """The words of dates: data/dates.yaml, validated with the rest of the shipped data."""
    from .gazetteers import load_gazetteer

    return load_gazetteer().date_words


_WORDS = _date_words()
_CONTEXT: dict[str, tuple[re.Pattern[str], ...]] = _WORDS["date_context"]
MONTHS = {form.lower(): n for n, (name, short) in enumerate(_WORDS["months"].items(), 1) for form in (name, *short)}
WEEKDAYS = {form.lower(): n for n, (name, short) in enumerate(_WORDS["weekdays"].items()) for form in (name, *short)}
RELATIVE_DAYS: dict[str, int] = _WORDS["relative_days"]
"""Words that name a day by its distance from the reference date ("yesterday": -1)."""


def _alternatives(table: dict[str, tuple[str, ...]], short_form: str) -> str:
    """Each name and its abbreviations (`short_form` what may follow one: "\\.?" or "\\.")."""
    forms = []
    for name, short in table.items():
        forms.append(re.escape(name))
        forms.extend(re.escape(a) + short_form for a in short)
    return "|".join(forms)


def _joined(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """Patterns as one plain pattern (`textindex` looks words up by a pattern's source)."""
    return patterns[0] if len(patterns) == 1 else re.compile("|".join(p.pattern for p in patterns))


def _either(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in words)


_MONTHS = _alternatives(_WORDS["months"], r"\.?")  # "Sept 5" and "Sept. 5"
_WEEKDAYS = _alternatives(_WORDS["weekdays"], r"\.")  # "Wed." but not the word "Wed"
_DAY_PARTS = _either(_WORDS["day_parts"])
_MONTH = rf"(?P<month>{_MONTHS})"
_WEEKDAY = rf"(?P<weekday>{_WEEKDAYS})"
_RELATIVE_DAY = rf"{_either(RELATIVE_DAYS)}|this\s+(?:{_DAY_PARTS})"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PART = r"(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|(?:end|beginning|start|middle)\s+of)"
_HEADING_AFTER = r"(?i:update|highlights|recap|review|summary|report|news|roundup|round-up|in\s+review)"
"""A heading's own noun after its month ("October highlights"); nothing else, so that neither
a name ("June Lockhart") nor a line of wrapped prose ("May be ready") is a heading."""
_NOT_AFTER_YEAR = (
    r"(?![\d,.]\d|\s*(?:pounds|lbs|kg|kilograms|tons|tonnes|km|kilometers|miles|meters|people|"
    r"experiments|hours|days|percent|%))"
)

# Ordered: earlier alternatives win where expressions overlap (longest-first by construction).
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy_numeric", re.compile(r"(?<![\d/])(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])")),
    # Russian and European releases: "21.09.2022".
    (
        "dmy_dotted",
        re.compile(
            r"(?<![\d.])(?P<day>3[01]|[12]\d|0?[1-9])\.(?P<month>1[0-2]|0?[1-9])\.(?P<year>(?:19|20)\d\d)(?![\d.]\d)"
        ),
    ),
    (
        "md_numeric_time",
        re.compile(r"(?<![\d/.])(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])(?=\s+\d{1,2}:\d\d)"),
    ),
    # NASA's daily summaries: "Thursday, 03/11: ..." (the weekday fixes the year).
    (
        "md_weekday",
        re.compile(rf"{_WEEKDAY},?\s+\(?(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])(?![\d/])\)?"),
    ),
    # A bare "3/6", only after a preposition ("on 3/6", "from 3/6 to 3/8") or before a range,
    # and only in a text that writes its dates as numbers (see `find_dates`).
    (
        "md_numeric",
        re.compile(
            r"(?:\b(?P<lead>on|from|to|through|thru|until|till|since|before|after|between|and)\s+)?"
            r"(?<![\d/.])(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])(?![\d/]|[.,]\d|\s*(?:of\b|-?inch))"
            r"(?P<range>(?=\s*(?:to|through|thru|and|-|\u2013)\s*(?:1[0-2]|0?[1-9])/\d))?"
        ),
    ),
    (
        "month_day",
        re.compile(
            rf"(?:{_WEEKDAY},?\s+)?\b{_MONTH}\s+{_DAY}\b(?!:\d|\s*(?:%|percent))(?:,?\s+{_YEAR}\b{_NOT_AFTER_YEAR})?"
        ),
    ),
    (
        "day_month",
        re.compile(rf"(?:{_WEEKDAY},?\s+)?\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b{_NOT_AFTER_YEAR})?(?![\w])"),
    ),
    ("part_month", re.compile(rf"\b{_PART}[\s-]+{_MONTH}(?:,?\s+(?:of\s+)?{_YEAR}\b)?(?![\w])")),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b{_NOT_AFTER_YEAR}")),
    (
        "bare_month",
        re.compile(
            rf"\b(?:[Ii]n|[Ff]or|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Tt]hrough|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|and)\s+{_MONTH}(?!\w|\.\w|\.?,?\s+(?:of\s+)?\d)"
        ),
    ),
    # A month heading a section of a longer report: "Busy October", "October highlights".
    (
        "heading_month",
        re.compile(rf"(?<![^\n])(?:[A-Z][a-z]+[ \t]+){{0,3}}{_MONTH}(?:[ \t]+{_HEADING_AFTER})?[ \t]*:?[ \t]*(?=\n|$)"),
    ),
    ("year_range", re.compile(r"\b(?P<year>(?:19|20)\d\d)\s*[-\u2013]\s*(?P<year2>(?:19|20)\d\d)\b")),
    ("year", re.compile(rf"(?<![\w$#/.,-]){_YEAR}\b(?!-\d|/\d){_NOT_AFTER_YEAR}")),
    (
        "relative_day",
        re.compile(rf"\b(?P<rel>{_RELATIVE_DAY})\b", re.IGNORECASE),
    ),
    ("relative_period", re.compile(r"\b(?P<dir>last|this|next)\s+(?P<unit>month|year)\b", re.IGNORECASE)),
    ("same_day", re.compile(r"\b(?:on\s+)?the\s+same\s+day\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b{_WEEKDAY}(?![\w])")),
]

# Every date expression contains one of these: a month or weekday name (a whole word, so that
# "Mark" and "Sunita" are passed over), a year, a numeric date, or a relative word. Only text
# near them is matched against PATTERNS. Two scans, each over a few first characters, are
# faster than one over all of them (see regexes.PatternSet).
_MONTH_WORD = _alternatives(_WORDS["months"], "")
_WEEKDAY_WORD = f"(?:{_WEEKDAYS})"
_RELATIVE_WORDS = [*RELATIVE_DAYS, rf"this\s+(?:{_DAY_PARTS}|month|year)"]
_CAPITALISED = [w[:1].upper() + w[1:] for w in _RELATIVE_WORDS] + [w.upper() for w in RELATIVE_DAYS]
_WEEKDAY_NAMES = _either(_WORDS["weekdays"])
_WEEKDAY_SHORT = [a for short in _WORDS["weekdays"].values() for a in short]
_TRIGGERS = (
    rf"(?:{_MONTH_WORD})\b|(?:{_WEEKDAY_NAMES})\b|(?:{_either(_WEEKDAY_SHORT)})\.|1[89]\d\d|20\d\d|/\d|"
    + "|".join(_CAPITALISED)
    + r"|Last\s+(?:month|year)|Next\s+(?:month|year)",
    "|".join(_RELATIVE_WORDS) + r"|(?:last|next)\s+(?:month|year)|same\s+day",
)
# Which trigger words call for which patterns: a year does not call for "the same day".
_CALLED_BY = {
    "iso": r"\d{4}",
    "mdy_numeric": r"/\d",
    "dmy_dotted": r"\d{4}",
    "md_numeric_time": r"/\d",
    "md_weekday": _WEEKDAY_WORD,
    "md_numeric": r"/\d",
    "month_day": rf"{_MONTH_WORD}|{_WEEKDAY_WORD}",
    "day_month": rf"{_MONTH_WORD}|{_WEEKDAY_WORD}",
    "part_month": _MONTH_WORD,
    "month_year": _MONTH_WORD,
    "bare_month": _MONTH_WORD,
    # A heading's first words may be trigger words themselves ("Friday October").
    "heading_month": rf"{_MONTH_WORD}|{_WEEKDAY_WORD}|(?i:{_either(RELATIVE_DAYS)}|this|last|next)",
    "year_range": r"\d{4}",
    "year": r"\d{4}",
    "relative_day": rf"(?i:{_RELATIVE_DAY})",
    "relative_period": r"(?i:(?:last|this|next)\s+(?:month|year))",
    "same_day": r"same\s+day",
    "weekday": _WEEKDAY_WORD,
}
_ALL_PATTERNS = PatternSet(
    [pattern for _, pattern in PATTERNS],
    _TRIGGERS,
    before=25,
    after=30,
    pattern_triggers=[_CALLED_BY[kind] for kind, _ in PATTERNS],
)

_FUTURE = any_of(_CONTEXT["future"])
_NOT_FUTURE_BEFORE = any_of(_CONTEXT["not_future_before"])


def _future(sentence: str) -> bool:
    """Whether a (lower-cased) sentence speaks of what is to come."""
    return any(
        not _NOT_FUTURE_BEFORE.search(sentence, max(0, m.start() - 12), m.start()) for m in _FUTURE.finditer(sentence)
    )


_PLANNED = any_of(_CONTEXT["planned"])
_MONTH_DIRECTION = re.compile(r"\b(last|past|next|this)\s+$", re.IGNORECASE)  # "last September"

_DEFERRED = any_of(_CONTEXT["deferred"])
_UNTIL = any_of(_CONTEXT["until"])
_RANGE_START = _joined(_CONTEXT["range_start"])
_COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright)\s*(?P<year>(?:19|20)\d\d)", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'-]{0,40}$")  # "MOSCOW, ", "ORLANDO, Fla., "
_SOURCED_PLACE = re.compile(r"^[A-Z][A-Za-z .,'-]{0,40}\([A-Z][A-Za-z .-]{1,30}\)\s*$")  # "Moscow (RIA Novosti) "
_PUBLISHED = _joined(_CONTEXT["published"])


class DateMention(NamedTuple):
    """One date expression: where it is, what it says, and (once resolved) its value.

    A named tuple rather than a frozen dataclass: a report holds dozens and each is built and
    re-valued a few times, which a tuple does several times faster.
    """

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    precision: str = "day"
    value: str | None = None
    relative: bool = False
    extra_years: tuple[int, ...] = ()


def _month(raw: str | None) -> int | None:
    if raw is None:
        return None
    return MONTHS.get(raw.lower().rstrip("."))


def _weekday(raw: str | None) -> int | None:
    return None if raw is None else WEEKDAYS.get(raw.lower().rstrip("."))


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    year = int(raw)
    return year + 2000 if year < 100 else year


_DAY_FORMS = {
    "iso",
    "mdy_numeric",
    "dmy_dotted",
    "md_numeric_time",
    "md_weekday",
    "md_numeric",
    "month_day",
    "day_month",
}
"""Forms that state a month and a day."""
_NUMERIC_STYLE = {"mdy_numeric", "md_weekday", "md_numeric_time"}
"""Date forms that show a text writes its dates as numbers, so that a bare '3/6' is one too."""


def _mention(kind: str, match: re.Match[str]) -> DateMention | None:
    """What one matched date expression states, by the kind of pattern that matched it."""
    if kind in _DAY_FORMS:
        return _day_mention(kind, match)
    if kind in _MONTH_FORMS:
        start = match.start("month") if kind in {"bare_month", "heading_month"} else match.start()
        end = match.end("month") if kind == "heading_month" else match.end()
        year, month = _year(match.group("year") if "year" in match.re.groupindex else None), _month(match["month"])
        return DateMention(start, end, match.string[start:end], kind, year, month, precision="month")
    start, end, text = match.start(), match.end(), match.group(0)
    if kind == "year_range":
        first, second = int(match["year"]), int(match["year2"])
        if not first < second <= first + 20:
            return None
        return DateMention(start, end, text, kind, first, precision="year", extra_years=(second,))
    if kind == "year":
        return DateMention(start, end, text, kind, int(match["year"]), precision="year")
    if kind == "weekday":
        return DateMention(start, end, text, kind, weekday=_weekday(match["weekday"]), relative=True)
    if kind == "relative_period":
        return DateMention(start, end, text, kind, precision=match["unit"].lower(), relative=True)
    return DateMention(start, end, text, kind, relative=True)


_MONTH_FORMS = {"part_month", "month_year", "bare_month", "heading_month"}
"""Forms that state a month (and perhaps its year) but no day."""


def _day_mention(kind: str, match: re.Match[str]) -> DateMention | None:
    """A day, with its month written as a name or a number, and perhaps its year and weekday."""
    g = match.groupdict()
    start, end = match.start(), match.end()
    if kind == "md_numeric":
        if g["lead"] is None and g["range"] is None:
            return None
        start = match.start("month")
    month = int(g["month"]) if g["month"].isdigit() else _month(g["month"])
    day = int(g["day"])
    if kind == "mdy_numeric" and month and month > 12 and day <= 12:
        month, day = day, month  # "19/10/2023": day first, as European pages write it
    if not month or month > 12 or not 1 <= day <= 31:
        return None
    text = match.string[start:end]
    return DateMention(start, end, text, kind, _year(g.get("year")), month, day, _weekday(g.get("weekday")))


_READ: Memo[DateMention | None] = Memo()
"""What each written expression states, placed at 0: the same few recur across reports."""


def _read(index: int, match: re.Match[str]) -> DateMention | None:
    """`_mention` for a match, placed where the match is."""
    at = match.start()

    def read() -> DateMention | None:
        mention = _mention(PATTERNS[index][0], _ALL_PATTERNS.own_match(index, match))
        return None if mention is None else mention._replace(start=mention.start - at, end=mention.end - at)

    # A bare "3/6" is a date or not by what follows it (a range, seen by a lookahead): its
    # reading is not the written form's alone, so it is not kept.
    found = read() if index == _MD_NUMERIC else _READ.get((index, match.group(0)), read)
    return None if found is None else DateMention(found.start + at, found.end + at, *found[2:])


_MD_NUMERIC = next(i for i, (kind, _) in enumerate(PATTERNS) if kind == "md_numeric")


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in `text`, in order; where two could start at one place the
    earlier pattern of PATTERNS wins."""
    found: list[DateMention] = []
    taken = 0  # the end of a day range read ahead ("May 5-7, 2015")
    for index, match in _ALL_PATTERNS.finditer(text):
        kind = PATTERNS[index][0]
        mention = _read(index, match)
        if mention is None or mention.start < taken:
            continue
        if kind == "weekday" and _is_name_part(text, match.start(), match.end()):
            continue
        if kind in {"month_day", "day_month"} and (second := _range_end(text, mention)):
            found.extend((mention._replace(year=second.year), second))
            taken = second.end
            continue
        found.append(mention)
    if any(m.kind == "md_numeric" for m in found) and not any(m.kind in _NUMERIC_STYLE for m in found):
        found = [m for m in found if m.kind != "md_numeric"]  # "1/2" in a text that spells dates out
    return _years_shared(text, found)


_DAY_RANGE = re.compile(
    r"\s*(?:and|to|through|thru|-|\u2013)\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?=\s*(?:[,.;:)]|$))", re.MULTILINE
)
_RANGE_YEAR = re.compile(rf",?\s+{_YEAR}\b{_NOT_AFTER_YEAR}")
_COORDINATED = re.compile(r"\s*(?:,\s*|,?\s*(?:and|or|to|through|until|till|-|\u2013)\s+)$")


def _range_end(text: str, m: DateMention) -> DateMention | None:
    """The second day of a range written with one month: "between May 5 and 7", "Dec. 15-16"."""
    if m.day is None or m.year is not None:
        return None
    r = _DAY_RANGE.match(text, m.end)
    if r is None or not m.day < int(r.group("day")) <= 31:
        return None
    start, end, year = r.start("day"), r.end("day"), None
    if y := _RANGE_YEAR.match(text, end):
        end, year = y.end(), int(y.group("year"))
    return DateMention(start, end, text[start:end], m.kind, year, m.month, int(r.group("day")))


def _years_shared(text: str, found: list[DateMention]) -> list[DateMention]:
    """A month or day coordinated with a later one that has its year shares it: "in July and
    September 2020", "May 5 and 7, 2015"."""
    shared = list(found)
    for i in range(len(shared) - 2, -1, -1):
        m, n = shared[i], shared[i + 1]
        if (
            m.year is None
            and not m.relative
            and m.month is not None
            and n.year is not None
            and n.precision == m.precision
            and _COORDINATED.match(text[m.end : n.start])
        ):
            shared[i] = m._replace(year=n.year)
    return shared


def _is_name_part(text: str, start: int, end: int) -> bool:
    """'Friday' in 'Good Friday' or 'Black Friday' is a name, not a reference to a day."""
    before = text[max(0, start - 6) : start]
    return before.endswith(("Good ", "Black "))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(d: date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _complete(m: DateMention) -> DateMention:
    """Give a mention that states everything (a year and, for days, a valid date) its value."""
    if m.relative or m.year is None or not 1 <= m.year <= 9999:
        return m  # a year past the calendar's ends has no ISO form
    if m.precision == "year":
        return _valued(m, f"{m.year:04d}")
    if m.precision == "month" and m.month:
        return _valued(m, f"{m.year:04d}-{m.month:02d}")
    if m.month and m.day and (d := _safe_date(m.year, m.month, m.day)):
        return _valued(m, d.isoformat())
    return m


def _valued(m: DateMention, value: str) -> DateMention:
    """`m._replace(value=value)`, without the keyword machinery (mentions are many)."""
    return DateMention(*m[:9], value, m.relative, m.extra_years)


def _line_bounds(text: str, limit: int, head: int = 4096) -> list[tuple[int, int]]:
    """Where the first `limit` non-blank lines are. The head of the text is split first: the
    whole of it only when the head does not hold them all."""
    for part in (text[:head], text) if len(text) > head else (text,):
        bounds, pos = [], 0
        for line in part.splitlines(keepends=True):
            if line.strip():
                bounds.append((pos, pos + len(line)))
                if len(bounds) >= limit:
                    break
            pos += len(line)
        if len(bounds) >= limit and bounds[-1][1] < len(part):
            return bounds
    return bounds


HEAD_LINES = 5
"""The lines a document's own date may be stated in: a title, a byline, a date line, a dateline."""


def stated_date(text: str, mentions: list[DateMention], copyright_year: int | None) -> date | None:
    """The date the document states for itself: in its title lines, a dateline or a 'Published' line.

    Linear in the text: what is asked of each date's line (where its words start and end, where
    a 'Published' word is) is worked out once per line, not once per date on it."""
    head = [_HeadLine(text, s, e) for s, e in _line_bounds(text, HEAD_LINES)]
    index = index_of(text)
    context = functools.cache(lambda: _context_dates(mentions))  # the dates around, if asked for
    for m in mentions:
        if m.relative or m.precision != "day" or m.month is None or m.day is None:
            continue
        line = next((h for h in head if h.start <= m.start < h.end), None)
        published = index.word_between(_PUBLISHED, index.line_start(m.start), m.start)
        if line is None and not published:
            continue
        year = m.year
        if year is None and line is not None and _is_dateline(text, m, line):
            year = copyright_year or _closest_year(m.month, m.day, context())
        if year is not None and _states_its_day(text, m, line, published) and (d := _safe_date(year, m.month, m.day)):
            return d
    return None


def _states_its_day(text: str, m: DateMention, line: _HeadLine | None, published: bool) -> bool:
    """Whether a day in the head lines or on a 'Published' line is the document's own: a day
    written with its year counts in the head lines only as a title's date or a dateline."""
    if line is None or m.year is None or published:
        return True
    return _is_title_date(text, m, line) or _is_dateline(text, m, line)


class _HeadLine:
    """One of the head lines: its bounds, where its text starts and ends (without the spaces
    around it), and where its first nine words start (worked out when first asked for)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end

    @functools.cached_property
    def first(self) -> int:
        line = self.text[self.start : self.end]
        return self.start + len(line) - len(line.lstrip())

    @functools.cached_property
    def last(self) -> int:
        return self.start + len(self.text[self.start : self.end].rstrip())

    @functools.cached_property
    def word_starts(self) -> list[int]:
        words = _WORD_RUN.finditer(self.text, self.start, self.end)
        return [w.start() for w, _ in zip(words, range(9), strict=False)]

    def words_before(self, at: int) -> int:
        """How many words `text[start:at].split()` gives, counted up to nine."""
        return sum(1 for w in self.word_starts if w < at)


_WORD_RUN = re.compile(r"\S+")


def _is_title_date(text: str, m: DateMention, line: _HeadLine | tuple[int, int] | None) -> bool:
    """A full date that is a whole line, ends a title line, or follows a dash in one."""
    if line is None:
        return False
    if isinstance(line, tuple):
        line = _HeadLine(text, *line)
    if m.start <= line.first or m.end >= line.last:
        return True  # nothing before it on the line, or nothing after it
    before = m.start
    while text[before - 1].isspace():
        before -= 1
    if text[before - 1] in _DASHES:
        return True
    after = m.end
    while text[after].isspace():
        after += 1
    return text[after] in _DASHES and line.words_before(m.start) <= 8


_DASHES = ("-", "\u2013", "\u2014", ":", "|")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{1,40}\))?\s*(?:--|-|\u2013|\u2014)|\.?\s*/[A-Za-z-]{2,20}/")


def _is_dateline(text: str, m: DateMention, line: _HeadLine | tuple[int, int] | None) -> bool:
    """'MOSCOW, Dec 15 (Reuters) -', 'Dec. 15 (UPI) --' or TASS's 'MOSCOW, October 15. /TASS/.':
    a place and/or date, then a source and a dash, or a source between slashes. `line`: a head
    line, or its bounds."""
    if line is None:
        return False
    if isinstance(line, tuple):
        line = _HeadLine(text, *line)
    if m.start - line.start <= 80 and _SOURCED_PLACE.match(text[line.start : m.start]):
        return True  # "Moscow, Russia (RIA Novosti) Jul 11, 2007 The ..."
    # _DATELINE matches at most 42 characters: a longer lead-in is no place name.
    place = m.start - line.start <= 42 and _DATELINE.match(text[line.start : m.start])
    return bool(place or m.start <= line.first) and bool(
        m.end < line.end and _DATELINE_AFTER.match(text, m.end, line.end)
    )


def _copyright(text: str) -> re.Match[str] | None:
    """The copyright line ("© 2021 AFP"), if any: its year is the text's own year, not a date
    the text mentions."""
    # A case-insensitive search visits every character: look for its literals first.
    if not any(mark in text for mark in ("©", "(c)", "(C)", "opyright", "OPYRIGHT")):
        return None
    return _COPYRIGHT.search(text)


def _closest_year(month: int, day: int, around: Iterable[date]) -> int | None:
    """The year putting month/day closest to any of the context dates."""
    best: tuple[int, int] | None = None
    for ctx in around:
        for year in (ctx.year - 1, ctx.year, ctx.year + 1):
            d = _safe_date(year, month, min(day, 28) if month == 2 and day == 29 else day)
            if d is None:
                continue
            distance = abs((d - ctx).days)
            if best is None or distance < best[0]:
                best = (distance, year)
    return best[1] if best else None


def _weekday_year(m: DateMention, candidates: Iterable[int]) -> int | None:
    fits = sorted({y for y in candidates if (d := _safe_date(y, m.month, m.day)) and d.weekday() == m.weekday})
    return fits[0] if len(fits) == 1 else None


def _context_dates(mentions: list[DateMention]) -> list[date]:
    """The days and months the text dates with their years, for years it leaves out. When one
    year is written most often, dates more than a year from it are left out: a recalled
    incident ("the July 2013 water intrusion") does not date the text's own months."""
    dates = []
    for m in mentions:
        if m.year is None or m.relative:
            continue
        if m.precision == "day" and (d := _safe_date(m.year, m.month, m.day)):
            dates.append(d)
        elif m.precision == "month" and m.month:
            dates.append(date(m.year, m.month, 15))
    counts = Counter(d.year for d in dates).most_common(2)
    if len(counts) == 2 and counts[0][1] > counts[1][1]:
        main = counts[0][0]
        dates = [d for d in dates if abs(d.year - main) <= 1]
    return dates


def _sentence(m: DateMention, text: str) -> tuple[int, int]:
    """The bounds of the sentence (or line) a mention is in."""
    return index_of(text).sentence(m.start, m.end)


def _looks_ahead(m: DateMention, text: str, sentence: tuple[int, int] | None = None) -> bool:
    """Whether a mention is about what is to come: its sentence is in the future tense ("will",
    "is due to dock"), or the date is one put off to ("postponed to Friday") or waited for
    ("until early January", but not the end of "from Friday until Monday")."""
    sentence_start, sentence_end = sentence or _sentence(m, text)
    before = text[max(sentence_start, m.start - 30) : m.start].lower()
    if _DEFERRED.search(before):
        return True
    index = index_of(text)  # a sentence is read once, however many dates it holds
    if _UNTIL.search(before) and not index.word_between(_RANGE_START, sentence_start, m.start):
        return True
    sentence = text[sentence_start:sentence_end]
    return bool(index.once(("future", sentence_start, sentence_end), lambda: _future(sentence.lower())))


def _month_year(m: DateMention, reference: date, text: str) -> int:
    """The year of a month named without one: as "last", "next" or "this" says; else the last
    such month if the sentence looks back, the next one if it looks ahead ("arrived in
    February" and "will launch in February", in a September text). A later month that was
    planned for ("had been due to launch in late October", in an August text) is this year's."""
    assert m.month is not None
    said = _MONTH_DIRECTION.search(text, max(0, m.start - 16), m.start)
    direction = said.group(1).lower() if said else None
    if direction in {"last", "past"}:
        return reference.year - (m.month >= reference.month)
    if direction == "next":
        return reference.year + (m.month <= reference.month)
    if direction == "this":
        return reference.year
    start, end = sentence = _sentence(m, text)
    if _looks_ahead(m, text, sentence):
        return reference.year + (m.month < reference.month)
    planned = index_of(text).once(("planned", start, end), lambda: bool(_PLANNED.search(text[start:end].lower())))
    if m.month > reference.month and not planned:
        return reference.year - 1
    return reference.year


_REPORTED_ON = any_of(_CONTEXT["reported_on"])


_WEEKDAY_DIRECTION = re.compile(r"\b(last|next)\s+$", re.IGNORECASE)


def _resolve_weekday(m: DateMention, ref: date, text: str) -> date:
    said = _WEEKDAY_DIRECTION.search(text, max(0, m.start - 6), m.start)
    if said is not None:  # "last Tuesday" in a Tuesday text is a week before; "next", a week on
        back = said.group(1).lower() == "last"
        step = ((ref.weekday() - m.weekday) if back else (m.weekday - ref.weekday())) % 7 or 7
        return ref - timedelta(days=step) if back else ref + timedelta(days=step)
    if not _REPORTED_ON.search(text[max(0, m.start - 30) : m.start].lower()) and _looks_ahead(m, text):
        return ref + timedelta(days=(m.weekday - ref.weekday()) % 7)
    return ref - timedelta(days=(ref.weekday() - m.weekday) % 7)


def _resolve_relative(m: DateMention, ref: date, text: str, previous: DateMention | None) -> DateMention:
    lowered = m.text.lower()
    if m.kind == "weekday":
        return m._replace(value=_resolve_weekday(m, ref, text).isoformat(), precision="day")
    if m.kind == "same_day":
        if previous is not None and previous.value and previous.precision == "day":
            return m._replace(value=previous.value, precision="day")
        return m
    if m.kind == "relative_day":
        offset = RELATIVE_DAYS.get(lowered, 0)
        return m._replace(value=(ref + timedelta(days=offset)).isoformat(), precision="day")
    step = {"last": -1, "this": 0, "next": 1}[lowered.split()[0]]
    if m.precision == "month":
        return m._replace(value=_iso(ref + relativedelta(months=step), "month"))
    return m._replace(value=_iso(ref + relativedelta(years=step), "year"))


def resolve_dates(text: str, mentions: list[DateMention], reference: date | None = None) -> list[DateMention]:
    """Fill in every mention's value; weekdays and relative words need a reference date."""
    return resolve(text, mentions, reference)[0]


def resolve(
    text: str, mentions: list[DateMention], reference: date | None = None, candidate: date | None = None
) -> tuple[list[DateMention], date | None]:
    """The resolved mentions, and the date the document states for itself (None if it does not).

    `candidate` is a date the document's container gives it (a web page's publication date): its
    stated date when the text states none."""
    copyright = _copyright(text)
    copyright_year = int(copyright.group("year")) if copyright else None
    if copyright:
        mentions = [m for m in mentions if not copyright.start() <= m.start < copyright.end()]
    completed = [_complete(m) for m in mentions]
    # Bare years are often targets ("until 2030"); only dated mentions say when the text is.
    dated_years = {m.year for m in completed if m.year is not None and m.precision != "year"}
    if copyright_year:
        dated_years.add(copyright_year)
    stated = stated_date(text, completed, copyright_year) or candidate
    reference = stated or reference  # --date is a fallback: a date the text states wins
    clues = _year_clues(text, completed, stated, reference, copyright_year, dated_years)
    resolved = [clues.complete(m) if m.value is None and not m.relative and m.month else m for m in completed]
    return _resolve_relatives(resolved, reference, text), stated


def _year_clues(
    text: str,
    completed: list[DateMention],
    stated: date | None,
    reference: date | None,
    copyright_year: int | None,
    dated_years: set[int],
) -> _YearClues:
    """What the text says about the years it leaves out: its own date, else its dated mentions."""
    context = [stated] if stated else _context_dates(completed)
    # Once per month and day, not once per mention: a long report has thousands of each.
    context = list(dict.fromkeys(context))  # a repeated date never comes closer than its first
    closest = functools.lru_cache(maxsize=None)(lambda month, day: _closest_year(month, day, context))
    known_days = {(m.month, m.day): m.year for m in completed if m.precision == "day" and m.year}
    return _YearClues(
        text, reference, copyright_year, _main_year(context), dated_years, known_days, closest if context else None
    )


def _resolve_relatives(resolved: list[DateMention], reference: date | None, text: str) -> list[DateMention]:
    """Weekdays and relative words valued: from a bracketed day, the narrative's last full day,
    or the reference date."""
    out: list[DateMention] = []
    previous: DateMention | None = None
    written: date | None = None  # the last day written in full with its weekday
    for i, m in enumerate(resolved):
        if m.kind == "weekday" and (dated := _bracketed_date(m, resolved[i + 1 : i + 2], text)):
            m = _valued(m._replace(precision="day"), dated)
        elif m.kind == "weekday" and (anchor := _narrative_anchor(written, reference, m, text)):
            day = anchor + timedelta(days=(m.weekday - anchor.weekday()) % 7)
            m = _valued(m._replace(precision="day"), day.isoformat())
        elif m.relative and reference is not None:
            with contextlib.suppress(OverflowError, ValueError):  # past the calendar's ends: no value
                m = _resolve_relative(m, reference, text, previous)
        if m.value and m.precision == "day":
            previous = m
            if not m.relative and m.weekday is not None:
                written = date.fromisoformat(m.value)
        out.append(m)
    return out


def _bracketed_date(m: DateMention, after: list[DateMention], text: str) -> str | None:
    """The day a weekday's bracket gives it: "early Saturday (24 August)"."""
    n = after[0] if after else None
    if n is not None and n.precision == "day" and n.value and re.fullmatch(r"\s*\(\s*", text[m.end : n.start]):
        return n.value
    return None


NARRATIVE_GAP_DAYS = 6
"""A weekday continues a narrative from the last day written with its weekday ("On Monday 9
October ... By Wednesday") when that day is more than this many days from the text's own
date, or the text states none: within a week of it, the text's date dates its weekdays."""


_REPORTED = any_of(_CONTEXT["reported"])


def _narrative_anchor(written: date | None, reference: date | None, m: DateMention, text: str) -> date | None:
    """The day a weekday counts from when it continues a narrative (see NARRATIVE_GAP_DAYS)."""
    if written is None or (reference is not None and abs((reference - written).days) <= NARRATIVE_GAP_DAYS):
        return None
    if reference is not None and _REPORTED.search(text[max(0, m.start - 40) : m.end + 15].lower()):
        return None
    return written


@dataclass(frozen=True)
class _YearClues:
    """What a text tells about the year of a day or month written without one, asked in order:
    the weekday written with it, the same day written elsewhere with its year, the tense or
    month around it against the reference date, the reference date's nearest reading, a
    copyright line, and last the dates around it (`closest`)."""

    text: str
    reference: date | None
    copyright_year: int | None
    main_year: int | None
    dated_years: set[int]
    known_days: dict[tuple[int | None, int | None], int | None]
    closest: Callable[[int, int], int | None] | None

    def complete(self, m: DateMention) -> DateMention:
        """The mention with the year its clues give it, and so its value (as it is without one)."""
        year = self._heading_year() if m.kind == "heading_month" else self._year(m)
        return _complete(m._replace(year=year)) if year else m

    def _heading_year(self) -> int | None:
        """A month heading a section of the text: a month of the text's own year."""
        return self.reference.year if self.reference else self.copyright_year or self.main_year

    def _year(self, m: DateMention) -> int | None:
        for clue in (self._weekday, self._known_day, self._month_tense, self._day_tense, self._nearest):
            year = clue(m)
            if year is not None:
                return year
        if self.copyright_year is not None:  # the text's own year; failing that, the dates around
            return self.copyright_year
        return self.closest(m.month, m.day or 15) if self.closest is not None and m.month else None

    def _weekday(self, m: DateMention) -> int | None:
        if m.weekday is None or not m.day:
            return None
        reference = {self.reference.year} if self.reference else set()
        return _weekday_year(m, {y + d for y in self.dated_years | reference for d in (-1, 0, 1)})

    def _known_day(self, m: DateMention) -> int | None:
        return self.known_days.get((m.month, m.day)) if m.day else None

    def _month_tense(self, m: DateMention) -> int | None:
        return _month_year(m, self.reference, self.text) if self.reference and m.day is None else None

    def _day_tense(self, m: DateMention) -> int | None:
        return _tensed_year(m, self.reference, self.text) if self.reference and m.day else None

    def _nearest(self, m: DateMention) -> int | None:
        if self.reference is None or not m.month:
            return None
        return _closest_year(m.month, m.day or 15, [self.reference])


def _main_year(context: list[date]) -> int | None:
    """The year the text's dated mentions most often fall in."""
    counts = Counter(d.year for d in context).most_common(1)
    return counts[0][0] if counts else None


RECENT_PAST_DAYS = 300
"""A day with no year, in a sentence that does not look ahead, is the last such day if that was
at most this long before the reference ("launched on March 3" in an October text); further back,
or in a sentence that looks ahead, the closest reading wins ("Dec. 1" in an October text is more
likely the coming one)."""


def _tensed_year(m: DateMention, reference: date, text: str) -> int | None:
    assert m.month is not None and m.day is not None
    this = _safe_date(reference.year, m.month, m.day)
    if this is None:
        return None
    last = reference.year - (this > reference)
    past = _safe_date(last, m.month, m.day)
    if past is None or (reference - past).days > RECENT_PAST_DAYS:
        return None
    if last == _closest_year(m.month, m.day, [reference]):
        return last  # the closest reading is the past one: no need to read the tense
    # A sentence's tense is too coarse to push a day a year ahead: looking ahead, the closest wins.
    return None if _looks_ahead(m, text) else last


def date_values(m: DateMention) -> list[str]:
    """The ISO values a mention stands for ("2025-2026" stands for both years)."""
    if m.value is None:
        return []
    return [m.value, *(f"{y:04d}" for y in m.extra_years)]
