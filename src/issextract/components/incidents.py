"""spaCy component: the incident types a report describes, with the sentences that say so."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..gazetteers import Gazetteer, IncidentRule, load_gazetteer
from ..memo import Memo
from ..regexes import WordLed, any_of, lower_regex
from .dates import STATED_DATE, latest_day
from .flags import StartsWith, WordFlag
from .spans import Mention, doc_lower, doc_text, mention_over, read_mentions, token_bounds, write_mentions

# Matched against the lower-cased text, like the patterns of data/incidents.yaml.
_RECALL = WordLed(
    lower_regex(
        r"\b(?:previous(?:ly)?|in\s+the\s+past|years?\s+ago|last\s+year|recalled|similar\s+incident|"
        r"(?:first|worst)\s+(?:\w+\s+){0,3}since|history|once\s+again\s+recalls?)\b"
    )
)
_SINCE = lower_regex(r"\b(?:since|from)\s+$")  # "monitored since 2019": ongoing, not past
RECENT_DAYS = 120
"""An event dated more than this before the report's latest date is recalled, not reported."""
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'\u201d\u2019)]*|\n|$)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Character bounds of sentences: enough for evidence, with no parser in the pipeline."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


class IncidentClassifier:
    def __init__(self, vocab: Vocab, gazetteer: Gazetteer, spans: bool = True) -> None:
        self.spans = spans
        self.rules = gazetteer.incident_rules
        # One alternation per label: a single search where there would be one per pattern.
        self.crew_safety = {label: any_of(ps) for label, ps in gazetteer.crew_safety.items()}
        self.stages = {label: any_of(ps) for label, ps in gazetteer.incident_status.items()}
        # Which rule types each trigger word calls for; a rule without triggers is always tried.
        by_trigger: dict[str, list[str]] = {}
        self.untriggered = [r for r in self.rules.values() if not r.triggers]
        for rule in self.rules.values():
            for trigger in rule.triggers:
                by_trigger.setdefault(trigger, []).append(rule.type)
        # The words that begin with a trigger are a vocabulary flag; the triggers are looked up by
        # first letter, those of one word by the word alone, those of several ("shut down") in
        # the text itself.
        self.trigger_words = WordFlag(vocab, StartsWith(by_trigger))
        self.words_by_letter: dict[str, list[tuple[str, list[str]]]] = {}
        self.phrases_by_letter: dict[str, list[tuple[str, list[str]]]] = {}
        for trigger, types in by_trigger.items():
            table = self.phrases_by_letter if " " in trigger else self.words_by_letter
            table.setdefault(trigger[0], []).append((trigger, types))
        self._word_types: Memo[tuple[str, ...]] = Memo()

    def _types_at(self, lower: str, at: int, end: int) -> tuple[str, ...]:
        """The rule types whose trigger word begins at `at`. Single-word triggers depend only
        on the word there, so what a word calls for is remembered."""
        word = lower[at:end]
        types = self._word_types.get(
            word,
            lambda: tuple(
                dict.fromkeys(
                    type_
                    for trigger, types_ in self.words_by_letter.get(word[:1], ())
                    if word.startswith(trigger)
                    for type_ in types_
                )
            ),
        )
        phrases = self.phrases_by_letter.get(word[:1])
        if phrases:
            extra = [type_ for trigger, types_ in phrases if lower.startswith(trigger, at) for type_ in types_]
            return tuple(dict.fromkeys((*types, *extra)))
        return types

    def _candidates(self, doc: Doc, lower: str, bounds: list[tuple[int, int]]) -> dict[str, list[int]]:
        """For each rule (by type), the sentences (by index) holding one of its trigger words, in order.

        Only the words the vocabulary flags as beginning with a trigger are looked at.
        """
        starts = [b[0] for b in bounds]
        token_starts, token_ends = token_bounds(doc)
        hits: dict[str, set[int]] = {}
        for token in self.trigger_words.tokens(doc):
            at = token_starts[token]
            index = bisect_right(starts, at) - 1
            if index < 0:
                continue
            for type_ in self._types_at(lower, at, token_ends[token]):
                hits.setdefault(type_, set()).add(index)
        found = {r.type: list(range(len(bounds))) for r in self.untriggered}
        found.update((type_, sorted(indices)) for type_, indices in hits.items())
        return found

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        lower = doc_lower(doc)
        bounds = sentences(text)
        dates = sorted(read_mentions(doc, "dates"), key=lambda d: d.start_char)
        date_starts = [d.start_char for d in dates]
        now = latest_day(dates)
        recalled: dict[int, bool] = {}
        found: dict[str, list[tuple[int, int]]] = {}
        current: dict[str, list[tuple[int, int]]] = {}
        candidates = self._candidates(doc, lower, bounds)

        def scan(rule: IncidentRule, pattern: re.Pattern[str] | WordLed) -> None:
            for index in candidates.get(rule.type, ()):
                start, end = bounds[index]
                sentence = lower[start:end]
                if not pattern.search(sentence) or (rule.any_exclude and rule.any_exclude.search(sentence)):
                    continue
                found.setdefault(rule.type, []).append((start, end))
                if index not in recalled:
                    first = bisect_left(date_starts, start)
                    in_sentence = dates[first : bisect_left(date_starts, end, first)]
                    recalled[index] = _recalls_the_past(sentence, lower, in_sentence, now)
                if not recalled[index]:
                    current.setdefault(rule.type, []).append((start, end))

        for rule in self.rules.values():
            scan(rule, rule.any_pattern)
        for rule in self.rules.values():
            if rule.fallback and rule.type not in found and not any(t in found for t in rule.fallback_unless):
                scan(rule, rule.any_fallback)
        mentions = []
        safety = self._crew_safety(lower) if current else "unknown"
        where = Places(doc) if current else None
        for type_, bounds_ in found.items():
            rule = self.rules[type_]
            # Only recalled as history ("an air leak found in August 2020"), or part of another
            # incident reported here (a burning smell with smoke): not reported on its own.
            if type_ not in current or any(other in current for other in rule.same_event_as):
                continue
            reported = current[type_]
            attrs = {
                "date": _occurrence_date(dates, reported) or doc.user_data.get(STATED_DATE),
                "location": _location(where, text, reported) if where is not None else None,
                "crew_safety": safety,
                "status": self._status(lower, reported),
            }
            for start, end in bounds_:
                mention = mention_over(doc, start, end, type_, {**attrs, "evidence": text[start:end].strip()})
                if mention is not None:
                    mentions.append(mention)
        write_mentions(doc, "incidents", sorted(mentions, key=lambda m: (m.start, m.name)), self.spans)
        return doc

    def _crew_safety(self, text: str) -> str:
        for label, pattern in self.crew_safety.items():
            if pattern.search(text):
                return label
        return "unknown"

    def _status(self, text: str, sentences: list[tuple[int, int]]) -> str | None:
        """The furthest stage of handling the reporting sentences name (stages in data order)."""
        reached = None
        for label, pattern in self.stages.items():
            if any(pattern.search(text, start, end) for start, end in sentences):
                reached = label
        return reached


class Place(NamedTuple):
    """A module or vehicle mention: where it starts, its name, and whether it is a module or
    a designated craft ("Soyuz MS-22", not a bare "Soyuz" or a mission name like "Crew-8")."""

    start: int
    name: str
    module: bool
    designated: bool


class Places:
    """The module and vehicle mentions of a document (modules first), findable by position."""

    def __init__(self, doc: Doc) -> None:
        self.found: list[Place] = []
        for label in ("modules", "vehicles"):
            for mention in read_mentions(doc, label):
                attrs = mention.attrs
                name = attrs.get("display") or mention.name
                designated = label == "vehicles" and attrs.get("kind") != "mission" and any(c.isdigit() for c in name)
                self.found.append(Place(mention.start_char, name, label == "modules", designated))
        self.order = sorted(range(len(self.found)), key=lambda i: self.found[i].start)
        self.starts = [self.found[i].start for i in self.order]

    def within(self, ranges: list[tuple[int, int]]) -> list[Place]:
        """The places starting inside any of the (disjoint) ranges, in `found` order."""
        hits = [i for a, b in ranges for i in self.order[bisect_left(self.starts, a) : bisect_left(self.starts, b)]]
        return [self.found[i] for i in sorted(hits)]


def _location(places: Places, text: str, sentences: list[tuple[int, int]]) -> str | None:
    """Where the incident is: the place most named where it is reported. In its sentences a
    designated craft ("Soyuz MS-22") beats the module it is docked to, which beats a bare craft
    name ("Soyuz"); failing those, the paragraph of the first sentence, modules first."""
    first_start, first_end = sentences[0]
    paragraph = (text.rfind("\n\n", 0, first_start) + 1, text.find("\n\n", first_end) % (len(text) + 1))
    for ranges, module_rank in ((sentences, 1), ([paragraph], 3)):
        named: Counter[tuple[int, str]] = Counter()
        for place in places.within(ranges):
            rank = module_rank if place.module else int(place.designated) * 2
            named[(rank, place.name)] += 1
        if named:
            return max(named.items(), key=lambda item: (item[0][0], item[1]))[0][1]
    return None


def _occurrence_date(dates: list[Mention], sentences: list[tuple[int, int]]) -> str | None:
    """The first day written in the sentences that report the incident, else the first month
    or year written there."""
    written = [
        values[0]
        for start, end in sentences
        for span in dates
        if start <= span.start_char < end and (values := span.attrs.get("values"))
    ]
    days = [v for v in written if len(v) == 10]
    return (days or written or [None])[0]


def _recalls_the_past(sentence: str, lower: str, dates: list[Mention], now: str | None) -> bool:
    """A sentence about an earlier event: dated to an earlier month or year, or worded as history.

    `sentence` and `lower` (the whole text) are in lower case."""
    if _RECALL.search(sentence):
        return True
    for span in dates:
        attrs = span.attrs
        if attrs.get("relative") or _SINCE.search(lower[max(0, span.start_char - 7) : span.start_char]):
            continue
        values = attrs.get("values") or []
        if not values or now is None:
            if attrs.get("precision") in {"month", "year"}:
                return True
            continue
        then = values[0] + {4: "-07-01", 7: "-15"}.get(len(values[0]), "")
        if (date.fromisoformat(now) - date.fromisoformat(then)).days > RECENT_DAYS:
            return True
    return False


@Language.factory("issextract_incidents", default_config={"gazetteers": [], "spans": True})
def make_incident_classifier(nlp: Language, name: str, gazetteers: list[str], spans: bool) -> IncidentClassifier:
    """Incident types from the report's wording (data/incidents.yaml)."""
    return IncidentClassifier(nlp.vocab, load_gazetteer(gazetteers), spans)
