"""What a report says about one incident: when, where, how the crew fared, who and what took part.

Pure functions over plain data (sentence bounds, `Mention` tuples, compiled wording): the
incident component decides which sentences report an incident; these read its facts from them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .spans import Mention

Bounds = tuple[int, int]
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{1,40}\))?\s*(?:--|-|\u2013|\u2014)\s|\.?\s*/[A-Za-z-]{2,20}/")
_DATELINE_REACH = 60
"""A dateline's date starts within this many characters of its line."""
_PLACE_REACH = 40
"""Characters before a craft name searched for the wording that puts an incident aboard it."""
_OTHER_DATE_WINDOW = 40
"""Characters before a date searched for the wording that ties it to something else."""


@dataclass
class DocFacts:
    """The document as the incident facts read it: text, sentences, dates, places, people."""

    text: str
    lower: str
    sentences: list[Bounds]
    dates: list[Mention]
    places: Places
    crew: list[Mention]
    vehicles: list[Mention]
    stated: str | None
    other_date: re.Pattern[str] | None
    onset: re.Pattern[str] | None
    caption: re.Pattern[str] | None
    status_report: bool = False
    search: re.Pattern[str] | None = None
    statement_after: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        self.date_starts = [d.start_char for d in self.dates]
        self.head_end, self.lead = _head_and_lead(self.text, self.lower, self.caption)

    def dates_in(self, start: int, end: int) -> list[Mention]:
        first = bisect_left(self.date_starts, start)
        return self.dates[first : bisect_left(self.date_starts, end, first)]

    def only_searches(self, sentences: Sequence[Bounds]) -> bool:
        """Whether every sentence tells of a search for the incident, not of the incident."""
        return self.search is not None and all(self.search.search(self.lower, a, b) for a, b in sentences)

    def line_of(self, at: int) -> Bounds:
        """The line (paragraph, in most reports) holding a position."""
        start = self.text.rfind("\n", 0, at) + 1
        end = self.text.find("\n", at)
        return start, len(self.text) if end < 0 else end


class Place(NamedTuple):
    """A module or vehicle mention: where it starts, its name, whether it is a module or a
    designated craft ("Soyuz MS-22", not a bare "Soyuz" or a mission name like "Crew-8"), and
    whether the words before it place something there ("on the Soyuz")."""

    start: int
    name: str
    module: bool
    designated: bool
    placed: bool


class Places:
    """The module and vehicle mentions that can be an incident's place, findable by position."""

    def __init__(
        self,
        lower: str,
        modules: Sequence[Mention],
        vehicles: Sequence[Mention],
        not_places: frozenset[str],
        context: Mapping[str, tuple[re.Pattern[str], ...]],
    ) -> None:
        """`context`: incident_context, whose `place_before` and `craft_after` wording around a
        craft's name (in the lower-cased text) puts an incident aboard it."""
        before, after = context.get("place_before", ()), context.get("craft_after", ())
        self.found: list[Place] = []
        for label, mentions in (("modules", modules), ("vehicles", vehicles)):
            for mention in mentions:
                name = mention.attrs.get("display") or mention.name
                if mention.name.casefold() in not_places:
                    continue
                designated = (
                    label == "vehicles" and mention.attrs.get("kind") != "mission" and any(c.isdigit() for c in name)
                )
                start, end = mention.start_char, mention.end_char
                placed = any(p.search(lower, max(0, start - _PLACE_REACH), start) for p in before) or any(
                    p.match(lower, end) for p in after
                )
                self.found.append(Place(mention.start_char, name, label == "modules", designated, placed))
        self.order = sorted(range(len(self.found)), key=lambda i: self.found[i].start)
        self.starts = [self.found[i].start for i in self.order]

    def within(self, ranges: Sequence[Bounds]) -> list[Place]:
        """The places starting inside any of the (disjoint) ranges, in `found` order."""
        hits = [i for a, b in ranges for i in self.order[bisect_left(self.starts, a) : bisect_left(self.starts, b)]]
        return [self.found[i] for i in sorted(hits)]


LIST_OF_PLACES = 3
"""A sentence naming this many places lists what an incident touched, not where it is."""


def location(places: Places, sentences: Sequence[Bounds]) -> str | None:
    """Where the incident is: the place most named in the sentences that report it. A designated
    craft ("Soyuz MS-22") beats the module it is docked to, which beats a bare craft name; a
    bare name ("the Soyuz") is the one designated craft of that name the report names."""
    named: Counter[tuple[int, str]] = Counter()
    for sentence in sentences:
        found = places.within([sentence])
        if len({place.name for place in found}) >= LIST_OF_PLACES:
            continue
        for place in found:
            if not (place.module or place.designated or place.placed):
                continue  # "before the recent Progress launch" places nothing
            rank = 1 if place.module else int(place.designated) * 2
            named[(rank, place.name)] += 1
    if not named:
        return None
    (rank, best), _ = max(named.items(), key=lambda item: (item[0][0], item[1]))
    if rank == 0:
        designated = {p.name for p in places.found if p.designated and p.name.startswith(best + " ")}
        if len(designated) == 1:
            return designated.pop()
    return best


HEAD_LINES = 5
"""Lines at the top of a report that may hold its own date (title, byline, date line)."""


def _head_and_lead(text: str, lower: str, caption: re.Pattern[str] | None) -> tuple[int, Bounds]:
    """Where the report's head lines end, and the bounds of its title-and-lead: every line up
    to and including the first that reads as prose (ends with a stop and is long) and is no
    photo caption."""
    position, lines, lead_end = 0, 0, None
    head_end = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        position += len(line)
        if not stripped:
            continue
        lines += 1
        if lines <= HEAD_LINES:
            head_end = position
        if stripped.endswith((".", "\u201d", '"')) and len(stripped.split()) >= 12:
            if caption is not None and caption.search(lower, position - len(line), position):
                continue
            lead_end = position
            break
    return head_end, (0, lead_end if lead_end is not None else min(len(text), head_end))


def craft_named_most(places: Places) -> str | None:
    """The designated craft the report names most (first named on a tie), if any."""
    counts = Counter(p.name for p in places.found if p.designated)
    if not counts:
        return None
    first = {p.name: i for i, p in reversed(list(enumerate(places.found)))}
    return min(counts, key=lambda name: (-counts[name], first[name]))


def _own_dates(facts: DocFacts, start: int, end: int) -> list[str]:
    """The values of the dates in a sentence that are not tied to something else ("launched in
    2011", "scheduled for Dec. 21", "until 2030"), in text order."""
    values = []
    for mention in facts.dates_in(start, end):
        found = mention.attrs.get("values")
        if not found:
            continue
        if found[0] == facts.stated and not mention.attrs.get("relative") and mention.start_char < facts.head_end:
            continue  # the report's own date, in its title or dateline
        if (
            _DATELINE_AFTER.match(facts.text, mention.end_char)
            and mention.start_char - facts.line_of(mention.start_char)[0] < _DATELINE_REACH
        ):
            continue  # "MOSCOW, Sept. 4 (Xinhua) --": when the report was filed
        before = facts.lower[max(start, mention.start_char - _OTHER_DATE_WINDOW) : mention.start_char]
        if facts.other_date is not None and facts.other_date.search(before):
            continue
        after = facts.statement_after
        opens = facts.lower[start : mention.start_char].strip() in ("", "on")
        if opens and after is not None and after.match(facts.lower, mention.end_char, mention.end_char + 60):
            continue  # "On June 27, NASA confirmed that ...": when it was said
        values.append(found[0])
    return values


def earliest(values: Sequence[str | None]) -> str | None:
    """The earliest day among the values, else the first month or year: when an incident was
    first noticed ("a pressure drop late Wednesday", then "the hole found Thursday")."""
    days = [v for v in values if v and len(v) == 10]
    if days:
        return min(days)
    return next((v for v in values if v), None)


def occurrence_date(facts: DocFacts, reported: Sequence[Bounds], recalled: Sequence[Bounds]) -> str | None:
    """When the incident happened or was first noticed.

    The date of a sentence telling when it began ("first saw indications in September 2019"),
    even one recalling the past; else the first day written in the sentences that report it,
    else their first month or year; else the closest day written before them in their
    paragraph ("Earlier today, Feb. 11, ... Meanwhile, the coolant ..."). None when the text
    does not say.
    """
    if facts.onset is not None:
        for start, end in sorted((*reported, *recalled)):
            if facts.onset.search(facts.lower, start, end) and (values := _own_dates(facts, start, end)):
                return earliest(values)
    written = [
        v for start, end in reported if not facts.only_searches([(start, end)]) for v in _own_dates(facts, start, end)
    ]
    if written:
        return earliest(written)
    first = min(start for start, _ in reported)
    line_start, _ = facts.line_of(first)
    before = [v for v in _own_dates(facts, line_start, first) if len(v) == 10]
    if before:
        return before[-1]
    return _lead_day(facts) if first < facts.lead[1] else None


def _lead_day(facts: DocFacts) -> str | None:
    """The first day written in the report's lead: the date of the incident its headline or
    lead reports ("... completed their spacewalk on January 15, 2016 before ...")."""
    for start, end in facts.sentences:
        if start >= facts.lead[1]:
            break
        if facts.caption is not None and facts.caption.search(facts.lower, start, end):
            continue
        days = [v for v in _own_dates(facts, start, end) if len(v) == 10]
        if days:
            return days[0]
    return None


def safety_by_incident(
    statements: Sequence[tuple[int, str]], incidents: Sequence[Sequence[Bounds]], order: Sequence[str]
) -> list[str]:
    """The crew-safety label of each incident: the most serious (first in `order`) of the
    statements closest after its reporting sentences. `statements` are (position, label)."""
    labels: list[set[str]] = [set() for _ in incidents]
    starts = sorted((start, index) for index, bounds in enumerate(incidents) for start, _ in bounds)
    keys = [s for s, _ in starts]
    for position, label in statements:
        if len(incidents) == 1:
            labels[0].add(label)
            continue
        at = bisect_right(keys, position) - 1
        labels[starts[max(at, 0)][1]].add(label)
    return [next((label for label in order if label in found), "unknown") for found in labels]


def named_in(mentions: Sequence[Mention], sentences: Sequence[Bounds]) -> list[str]:
    """The names of the mentions inside the sentences, first mention first, each once."""
    starts = [m.start_char for m in mentions]
    hits: list[Mention] = []
    for start, end in sentences:
        hits.extend(mentions[bisect_left(starts, start) : bisect_left(starts, end)])
    hits.sort(key=lambda m: m.start_char)
    return list(dict.fromkeys(m.attrs.get("display") or m.name for m in hits))
