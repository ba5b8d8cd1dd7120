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

import calendar
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from .memo import Memo
from .regexes import PatternSet, WordLed, lower_regex

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS.update({"sept": 9, "sep": 9})
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}
WEEKDAYS.update({calendar.day_abbr[i].lower(): i for i in range(7)})
WEEKDAYS.update({"tues": 1, "thur": 3, "thurs": 3})

_MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|"
    r"July?\.?|Aug(?:ust|\.)?|Sep(?:tember|t\.|\.|t)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY = (
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Mon\.|Tue\.|Tues\.|Wed\.|Thu\.|Thurs\.|Fri\.|Sat\.|Sun\.)"
)
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PART = r"(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|(?:end|beginning|start|middle)\s+of)"
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
    ("year_range", re.compile(r"\b(?P<year>(?:19|20)\d\d)\s*[-\u2013]\s*(?P<year2>(?:19|20)\d\d)\b")),
    ("year", re.compile(rf"(?<![\w$#/.,-]){_YEAR}\b(?!-\d|/\d){_NOT_AFTER_YEAR}")),
    (
        "relative_day",
        re.compile(
            r"\b(?P<rel>yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening))\b",
            re.IGNORECASE,
        ),
    ),
    ("relative_period", re.compile(r"\b(?P<dir>last|this|next)\s+(?P<unit>month|year)\b", re.IGNORECASE)),
    ("same_day", re.compile(r"\b(?:on\s+)?the\s+same\s+day\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b{_WEEKDAY}(?![\w])")),
]

# Every date expression contains one of these: a month or weekday name (a whole word, so that
# "Mark" and "Sunita" are passed over), a year, a numeric date, or a relative word. Only text
# near them is matched against PATTERNS. Two scans, each over a few first characters, are
# faster than one over all of them (see regexes.PatternSet).
_MONTH_WORD = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:tember|t)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_TRIGGERS = (
    rf"(?:{_MONTH_WORD})\b|Mon(?:day\b|\.)|Tue(?:sday\b|s?\.)|"
    r"Wed(?:nesday\b|\.)|Thu(?:rsday\b|\.|rs\.)|Fri(?:day\b|\.)|Sat(?:urday\b|\.)|Sun(?:day\b|\.)|1[89]\d\d|20\d\d|/\d|"
    r"Yesterday|Today|Tonight|Tomorrow|YESTERDAY|TODAY|TONIGHT|TOMORROW|This\s+(?:morning|afternoon|evening|month|year)|"
    r"Last\s+(?:month|year)|Next\s+(?:month|year)",
    r"yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening|month|year)|(?:last|next)\s+(?:month|year)|"
    r"same\s+day",
)
# Which trigger words call for which patterns: a year does not call for "the same day".
_WEEKDAY_WORD = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?"
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
    "year_range": r"\d{4}",
    "year": r"\d{4}",
    "relative_day": r"(?i:yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening))",
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

_FUTURE = WordLed(
    lower_regex(  # for lower-cased text
        r"\b(?:will|shall|scheduled|planned|plans?|set\s+to|expected|targeting|targeted|upcoming|is\s+to|are\s+to|next|going\s+to|later\s+(?:this|today|in\s+the)|can\s+be|(?:is|are)\s+due|due\s+to\s+(?:launch|lift|dock|arrive|land|depart|undock|return|fly|begin|start|be))\b"
    )
)
# Before a future word, what makes it past or a plain adjective: "was expected", "originally
# planned", "the crew's planned stay", "the next day".
_NOT_FUTURE_BEFORE = re.compile(r"(?:\bwas|\bwere|\bbeen|\boriginally|'s|\u2019s|\bthe|\ba)\s+$")


def _future(sentence: str) -> bool:
    """Whether a (lower-cased) sentence speaks of what is to come."""
    return any(
        not _NOT_FUTURE_BEFORE.search(sentence, max(0, m.start() - 12), m.start()) for m in _FUTURE.finditer(sentence)
    )


# Words of a plan: a later month planned for is this year's, even told in the past ("had been
# due", "was scheduled"). For lower-cased text.
_PLANNED = re.compile(r"\b(?:scheduled|planned|due|expected|set\s+to|slated|targeted|targeting)\b")
_MONTH_DIRECTION = re.compile(r"\b(last|past|next|this)\s+$", re.IGNORECASE)  # "last September"

# A day put off to another ("postponed to Friday", "moved up to"): for lower-cased text.
_DEFERRED = re.compile(
    r"\b(?:postponed|delayed|moved|pushed|slipped|rescheduled|deferred|retargeted|set|planned|scheduled|targeted)"
    r"(?:\s+(?:back|up|out))?\s+(?:to|until|till|for)\s+$"
)
# "certified until early January" looks ahead; "from Friday until Monday" reads as its start does.
_UNTIL = re.compile(r"\b(?:until|till)\s+(?:(?:early|mid|late)[\s-]+)?$")
_RANGE_START = re.compile(r"\bfrom\b")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright)\s*(?P<year>(?:19|20)\d\d)", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'-]{0,40}$")  # "MOSCOW, ", "ORLANDO, Fla., "
_PUBLISHED = lower_regex(r"\b(?:published|posted|updated|released|dated)\b")  # for lower-cased text


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
    g = match.groupdict()
    start, end, text = match.start(), match.end(), match.group(0)
    if kind == "md_numeric":
        if g["lead"] is None and g["range"] is None:
            return None
        start = match.start("month")
        text = match.string[start:end]
    if kind in _DAY_FORMS:
        month = int(g["month"]) if g["month"].isdigit() else _month(g["month"])
        day = int(g["day"])
        if kind == "mdy_numeric" and month and month > 12 and day <= 12:
            month, day = day, month  # "19/10/2023": day first, as European pages write it
        if not month or month > 12 or not 1 <= day <= 31:
            return None
        return DateMention(start, end, text, kind, _year(g.get("year")), month, day, _weekday(g.get("weekday")))
    if kind == "bare_month":
        start = match.start("month")
        text = match.string[start:end]
    if kind in {"part_month", "month_year", "bare_month"}:
        return DateMention(start, end, text, kind, _year(g.get("year")), _month(g["month"]), precision="month")
    if kind == "year_range":
        first, second = int(g["year"]), int(g["year2"])
        if not first < second <= first + 20:
            return None
        return DateMention(start, end, text, kind, first, precision="year", extra_years=(second,))
    if kind == "year":
        return DateMention(start, end, text, kind, int(g["year"]), precision="year")
    if kind == "weekday":
        return DateMention(start, end, text, kind, weekday=_weekday(g["weekday"]), relative=True)
    if kind == "relative_period":
        return DateMention(start, end, text, kind, precision=g["unit"].lower(), relative=True)
    return DateMention(start, end, text, kind, relative=True)


_READ: Memo[DateMention | None] = Memo()
"""What each written expression states, placed at 0: the same few recur across reports."""


def _read(index: int, match: re.Match[str]) -> DateMention | None:
    """`_mention` for a match, placed where the match is."""
    at = match.start()

    def read() -> DateMention | None:
        mention = _mention(PATTERNS[index][0], _ALL_PATTERNS.own_match(index, match))
        return None if mention is None else mention._replace(start=mention.start - at, end=mention.end - at)

    found = _READ.get((index, match.group(0)), read)
    return None if found is None else DateMention(found.start + at, found.end + at, *found[2:])


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in `text`, in order; where two could start at one place the
    earlier pattern of PATTERNS wins."""
    found: list[DateMention] = []
    for index, match in _ALL_PATTERNS.finditer(text):
        kind = PATTERNS[index][0]
        mention = _read(index, match)
        if mention is None:
            continue
        if kind == "weekday" and _is_name_part(text, match.start(), match.end()):
            continue
        found.append(mention)
    if any(m.kind == "md_numeric" for m in found) and not any(m.kind in _NUMERIC_STYLE for m in found):
        found = [m for m in found if m.kind != "md_numeric"]  # "1/2" in a text that spells dates out
    return found


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
    if m.relative or m.year is None:
        return m
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
    """The date the document states for itself: in its title lines, a dateline or a 'Published' line."""
    head = _line_bounds(text, HEAD_LINES)
    for m in mentions:
        if m.relative or m.precision != "day" or m.month is None or m.day is None:
            continue
        line = next(((s, e) for s, e in head if s <= m.start < e), None)
        in_head = line is not None
        on_published_line = bool(_PUBLISHED.search(text[text.rfind("\n", 0, m.start) + 1 : m.start].lower()))
        if not (in_head or on_published_line):
            continue
        year = m.year
        if year is None and in_head and _is_dateline(text, m, line):
            year = copyright_year or _closest_year(m.month, m.day, _context_dates(mentions))
        if year is None:
            continue
        if (
            in_head
            and m.year is not None
            and not on_published_line
            and not _is_title_date(text, m, line)
            and not _is_dateline(text, m, line)
        ):
            continue
        if d := _safe_date(year, m.month, m.day):
            return d
    return None


def _is_title_date(text: str, m: DateMention, line: tuple[int, int] | None) -> bool:
    """A full date that is a whole line, ends a title line, or follows a dash in one."""
    if line is None:
        return False
    before = text[line[0] : m.start].strip()
    after = text[m.end : line[1]].strip()
    if not before or not after or before.endswith(("-", "\u2013", "\u2014", ":", "|")):
        return True
    return after.startswith(("-", "\u2013", "\u2014", ":", "|")) and len(before.split()) <= 8


def _is_dateline(text: str, m: DateMention, line: tuple[int, int] | None) -> bool:
    """'MOSCOW, Dec 15 (Reuters) -', 'Dec. 15 (UPI) --' or TASS's 'MOSCOW, October 15. /TASS/.':
    a place and/or date, then a source and a dash, or a source between slashes."""
    if line is None:
        return False
    before = text[line[0] : m.start]
    after = text[m.end : line[1]]
    return bool(_DATELINE.match(before) or not before.strip()) and bool(
        re.match(r"\s*(?:\([^)]{1,40}\))?\s*(?:--|-|\u2013|\u2014)|\.?\s*/[A-Za-z-]{2,20}/", after)
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
    start = max(text.rfind(". ", 0, m.start), text.rfind("\n", 0, m.start)) + 1
    end = min(x for x in (text.find(". ", m.end), text.find("\n", m.end), len(text)) if x >= 0)
    return start, end


def _looks_ahead(m: DateMention, text: str, sentence: tuple[int, int] | None = None) -> bool:
    """Whether a mention is about what is to come: its sentence is in the future tense ("will",
    "is due to dock"), or the date is one put off to ("postponed to Friday") or waited for
    ("until early January", but not the end of "from Friday until Monday")."""
    sentence_start, sentence_end = sentence or _sentence(m, text)
    before = text[max(sentence_start, m.start - 30) : m.start].lower()
    if _DEFERRED.search(before):
        return True
    if _UNTIL.search(before) and not _RANGE_START.search(text[sentence_start : m.start].lower()):
        return True
    return _future(text[sentence_start:sentence_end].lower())


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
    if m.month > reference.month and not _PLANNED.search(text[start:end].lower()):
        return reference.year - 1
    return reference.year


def _resolve_weekday(m: DateMention, ref: date, text: str) -> date:
    if _looks_ahead(m, text):
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
        offset = {"yesterday": -1, "tomorrow": 1}.get(lowered, 0)
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
    context = [stated] if stated else _context_dates(completed)
    known_days = {(m.month, m.day): m.year for m in completed if m.precision == "day" and m.year}

    resolved: list[DateMention] = []
    for m in completed:
        if m.value is None and not m.relative and m.month:
            m = _infer_year(m, context, dated_years, known_days, copyright_year, reference, text)
        resolved.append(m)

    out: list[DateMention] = []
    previous: DateMention | None = None
    for m in resolved:
        if m.relative and reference is not None:
            m = _resolve_relative(m, reference, text, previous)
        if m.value and m.precision == "day":
            previous = m
        out.append(m)
    return out, stated


def _infer_year(
    m: DateMention,
    context: list[date],
    dated_years: set[int],
    known_days: dict[tuple[int | None, int | None], int | None],
    copyright_year: int | None,
    reference: date | None,
    text: str,
) -> DateMention:
    day = m.day or 15
    year: int | None = None
    if m.weekday is not None and m.day:
        candidates = {y + d for y in dated_years | ({reference.year} if reference else set()) for d in (-1, 0, 1)}
        year = _weekday_year(m, candidates)
    if year is None and m.day:
        year = known_days.get((m.month, m.day))
    if year is None and reference is not None and m.day is None:
        year = _month_year(m, reference, text)
    if year is None and reference is not None and m.day:
        year = _tensed_year(m, reference, text)
    if year is None and reference is not None:
        year = _closest_year(m.month, day, [reference])
    if year is None:  # a copyright line gives the text's own year; failing that, the dates around
        year = copyright_year
    if year is None and context:
        year = _closest_year(m.month, day, context)
    if year is None:
        return m
    return _complete(m._replace(year=year))


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
