"""spaCy component: the incident types a report describes, with the sentences that say so."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..gazetteers import Gazetteer, IncidentRule, load_gazetteer
from ..memo import Memo
from ..regexes import WordLed, any_of
from ..sentences import SentenceSplitter
from .dates import STATED_DATE, latest_day
from .flags import StartsWith, WordFlag
from .incident_facts import (
    DocFacts,
    Places,
    craft_named_most,
    earliest,
    location,
    named_in,
    occurrence_date,
    safety_by_incident,
)
from .spans import Mention, doc_lower, doc_text, mention_over, read_mentions, token_bounds, write_mentions

RECENT_DAYS = 120
"""An event dated more than this before the report's latest date is recalled, not reported."""


class IncidentClassifier:
    def __init__(self, vocab: Vocab, gazetteer: Gazetteer, spans: bool = True) -> None:
        self.spans = spans
        self.rules = gazetteer.incident_rules
        # One alternation per label: a single search where there would be one per pattern.
        self.crew_safety = {label: any_of(ps) for label, ps in gazetteer.crew_safety.items()}
        self.stages = {label: any_of(ps) for label, ps in gazetteer.incident_status.items()}
        self.safety_order = tuple(gazetteer.crew_safety)
        self.first_stage = next(iter(gazetteer.incident_status), None)
        self.incident_context = gazetteer.incident_context
        self.context = {name: any_of(ps) for name, ps in gazetteer.incident_context.items() if ps}
        self.splitter = SentenceSplitter(gazetteer.sentence_abbreviations)
        self.not_locations = gazetteer.not_locations
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

    def _reported(
        self, doc: Doc, lower: str, bounds: list[tuple[int, int]], dates: list[Mention]
    ) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """For each type, the sentences (by index) that word it, and those that report it as
        happening now rather than recall it; hypotheticals and drills are neither."""
        reading = _Reading(self, lower, bounds, dates, self._candidates(doc, lower, bounds))
        for rule in self.rules.values():
            reading.scan(rule, rule.any_pattern)
        found = reading.found
        for rule in self.rules.values():
            if rule.fallback and rule.type not in found and not any(t in found for t in rule.fallback_unless):
                reading.scan(rule, rule.any_fallback)
        self._drop_claimed(found, reading.current)
        continued = [r for r in self.rules.values() if r.continued_by and r.type in reading.current]
        if len(continued) == 1:  # "the leak" is the one leak the report names
            rule = continued[0]
            before = set(found[rule.type])
            reading.scan(rule, rule.any_continued)
            found[rule.type] = sorted(set(found[rule.type]) | before)
            reading.current[rule.type] = sorted(set(reading.current[rule.type]))
        return found, reading.current

    def _drop_claimed(self, found: dict[str, list[int]], current: dict[str, list[int]]) -> None:
        """A generic type keeps only the sentences no specific type claims: "a failed MBSU" is
        the power failure."""
        for rule in self.rules.values():
            if rule.generic and rule.type in found:
                claimed = {i for t, indices in found.items() if not self.rules[t].generic for i in indices}
                found[rule.type] = [i for i in found[rule.type] if i not in claimed]
                current[rule.type] = [i for i in current.get(rule.type, ()) if i not in claimed]
                for table in (found, current):
                    if not table.get(rule.type):
                        table.pop(rule.type, None)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        lower = doc_lower(doc)
        bounds = self.splitter.bounds(text)
        dates = sorted(read_mentions(doc, "dates"), key=lambda d: d.start_char)
        found, current = self._reported(doc, lower, bounds, dates)
        # Only recalled as history ("an air leak found in August 2020"), or part of another
        # incident reported here (a burning smell with smoke): not reported on its own.
        reported = {
            type_: [bounds[i] for i in indices]
            for type_, indices in current.items()
            if not any(other in current for other in self.rules[type_].same_event_as)
        }
        mentions: list[Mention] = []
        if reported:
            facts = self._facts(doc, text, lower, bounds, dates)
            safety = safety_by_incident(self._safety_statements(lower), list(reported.values()), self.safety_order)
            facts_by_type = {}
            for (type_, sentences), crew_safety in zip(reported.items(), safety, strict=True):
                recalled = [bounds[i] for i in found[type_] if i not in set(current[type_])]
                facts_by_type[type_] = self._incident_facts(facts, type_, sentences, recalled, crew_safety)
            self._share_between_compatible(facts_by_type)
            for type_, sentences in reported.items():
                for start, end in sentences:
                    mention = mention_over(doc, start, end, type_, {**facts_by_type[type_], "evidence": (start, end)})
                    if mention is not None:
                        mentions.append(mention)
        write_mentions(doc, "incidents", sorted(mentions, key=lambda m: (m.start, m.name)), self.spans)
        return doc

    def _facts(self, doc: Doc, text: str, lower: str, bounds: list[tuple[int, int]], dates: list[Mention]) -> DocFacts:
        vehicles = read_mentions(doc, "vehicles")
        return DocFacts(
            text,
            lower,
            bounds,
            dates,
            Places(lower, read_mentions(doc, "modules"), vehicles, self.not_locations, self.incident_context),
            read_mentions(doc, "crew"),
            vehicles,
            doc.user_data.get(STATED_DATE),
            self.context.get("other_date"),
            self.context.get("onset"),
            self.context.get("caption"),
            self._is_status_report(lower),
            self.context.get("search"),
            self.context.get("statement_after"),
        )

    def _is_status_report(self, lower: str) -> bool:
        """Whether the report's first line titles it a status report or daily summary."""
        pattern = self.context.get("status_report")
        first_line = lower[: lower.find("\n") % (len(lower) + 1)]
        return bool(pattern is not None and pattern.search(first_line))

    def _incident_facts(
        self,
        facts: DocFacts,
        type_: str,
        sentences: list[tuple[int, int]],
        recalled: list[tuple[int, int]],
        crew_safety: str,
    ) -> dict[str, Any]:
        """What the report says of one incident, from the sentences that report it."""
        rule = self.rules[type_]
        place = None if rule.unplaced else location(facts.places, sentences)
        if place is None and rule.craft:
            place = craft_named_most(facts.places)
        when = occurrence_date(facts, sentences, recalled)
        if when is None and facts.status_report and not facts.only_searches(sentences):
            when = facts.stated  # an item of a dated status report or daily summary
        return {
            "date": when,
            "location": place,
            "crew_safety": crew_safety,
            "status": self._status(facts.lower, sentences),
            "crew": named_in(facts.crew, sentences),
            "vehicles": named_in(facts.vehicles, sentences),
        }

    def _share_between_compatible(self, facts_by_type: dict[str, dict[str, Any]]) -> None:
        """One report's compatible incidents (a coolant leak and the hull damage behind it) are
        one event told in two ways: they share the earliest date either gives, the most serious
        crew-safety statement, and a place one of them leaves out."""
        shared = {type_: dict(facts) for type_, facts in facts_by_type.items()}
        for type_, facts in facts_by_type.items():
            siblings = [shared[o] for o in shared if o != type_ and self.compatible(type_, o)]
            if not siblings:
                continue
            facts["date"] = earliest([shared[type_]["date"], *(s["date"] for s in siblings)])
            facts["crew_safety"] = min(
                (shared[type_]["crew_safety"], *(s["crew_safety"] for s in siblings)), key=self._seriousness
            )
            if facts["location"] is None and not self.rules[type_].unplaced:
                facts["location"] = next((s["location"] for s in siblings if s["location"]), None)

    def _seriousness(self, label: str) -> int:
        """Most serious first, as data/incidents.yaml orders the labels; unknown last."""
        return self.safety_order.index(label) if label in self.safety_order else len(self.safety_order)

    def compatible(self, a: str, b: str) -> bool:
        """Two types that may be one incident (either rule says so)."""
        rule_a, rule_b = self.rules.get(a), self.rules.get(b)
        return bool(rule_a and b in rule_a.compatible_with) or bool(rule_b and a in rule_b.compatible_with)

    def _safety_statements(self, text: str) -> list[tuple[int, str]]:
        """Where the report states how the crew fared: (position, label)."""
        return [(m.start(), label) for label, pattern in self.crew_safety.items() for m in pattern.finditer(text)]

    def _handled(self, sentence: str) -> bool:
        """Whether a sentence tells of handling an incident (isolated, patched, repaired)."""
        return any(pattern.search(sentence) for label, pattern in self.stages.items() if label != self.first_stage)

    def _status(self, text: str, sentences: list[tuple[int, int]]) -> str | None:
        """The furthest stage of handling the reporting sentences name (stages in data order)."""
        reached = None
        for label, pattern in self.stages.items():
            if any(pattern.search(text, start, end) for start, end in sentences):
                reached = label
        return reached


def _recalls_the_past(
    sentence: str,
    lower: str,
    dates: list[Mention],
    now: str | None,
    wording: re.Pattern[str] | WordLed | None,
    handled: bool = False,
    ongoing: re.Pattern[str] | WordLed | None = None,
) -> bool:
    """A sentence about an earlier event: dated long before the report, dated to a month or
    year that ended before the report's unless it tells of handling the incident now ("replaced
    the regulator that failed in November"), or worded as history.

    `sentence` and `lower` (the whole text) are in lower case. A date after `ongoing` wording
    ("monitored since 2019") tells of something still going on, not of the past."""
    if wording is not None and wording.search(sentence):
        return True
    for span in dates:
        attrs = span.attrs
        if attrs.get("relative") or (
            ongoing is not None and ongoing.search(lower[max(0, span.start_char - 7) : span.start_char])
        ):
            continue
        values = attrs.get("values") or []
        if not values or now is None:
            if attrs.get("precision") in {"month", "year"}:
                return True
            continue
        then = values[0] + {4: "-12-31", 7: "-28"}.get(len(values[0]), "")
        # A day long ago is history; so is a month or year that ended before the report's.
        limit = RECENT_DAYS if len(values[0]) == 10 or handled else 0
        if (date.fromisoformat(now) - date.fromisoformat(then)).days > limit:
            return True
    return False


@Language.factory("issextract_incidents", default_config={"gazetteers": [], "spans": True})
def make_incident_classifier(nlp: Language, name: str, gazetteers: list[str], spans: bool) -> IncidentClassifier:
    """Incident types from the report's wording (data/incidents.yaml)."""
    return IncidentClassifier(nlp.vocab, load_gazetteer(gazetteers), spans)


class _Reading:
    """One document's sentences read for incident wording: which sentences word each type
    (`found`), which of those report it rather than recall it (`current`), and each sentence's
    verdict on recall, asked once."""

    def __init__(
        self,
        classifier: IncidentClassifier,
        lower: str,
        bounds: list[tuple[int, int]],
        dates: list[Mention],
        candidates: dict[str, list[int]],
    ) -> None:
        self.classifier, self.lower, self.bounds, self.dates = classifier, lower, bounds, dates
        self.candidates = candidates
        self.date_starts = [d.start_char for d in dates]
        self.now = latest_day(dates)
        self.hypothetical = classifier.context.get("hypothetical")
        self.recalled: dict[int, bool] = {}
        self.found: dict[str, list[int]] = {}
        self.current: dict[str, list[int]] = {}

    def scan(self, rule: IncidentRule, pattern: re.Pattern[str] | WordLed) -> None:
        """The candidate sentences of a rule's type that `pattern` finds wording it."""
        for index in self.candidates.get(rule.type, ()):
            start, end = self.bounds[index]
            sentence = self.lower[start:end]
            if not pattern.search(sentence) or (rule.any_exclude and rule.any_exclude.search(sentence)):
                continue
            if self.hypothetical is not None and self.hypothetical.search(sentence):
                continue
            self.found.setdefault(rule.type, []).append(index)
            if index not in self.recalled:
                self.recalled[index] = self._recalled(sentence, start, end)
            if not self.recalled[index]:
                self.current.setdefault(rule.type, []).append(index)

    def _recalled(self, sentence: str, start: int, end: int) -> bool:
        first = bisect_left(self.date_starts, start)
        in_sentence = self.dates[first : bisect_left(self.date_starts, end, first)]
        classifier = self.classifier
        return _recalls_the_past(
            sentence,
            self.lower,
            in_sentence,
            self.now,
            classifier.context.get("recall"),
            bool(in_sentence) and classifier._handled(sentence),  # only a dated sentence asks
            classifier.context.get("ongoing_since"),
        )
