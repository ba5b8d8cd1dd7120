"""Person names: transliteration-aware keys and the crew roster index.

Russian names reach English text in several spellings (Sergey/Sergei, Prokopyev/Prokopiev,
Dubrov/Doubrov, Vagner/Wagner). `skeleton` maps them to one key, so that spellings the roster
does not list still find their person; rapidfuzz closes the remaining gap (typos, one letter
dropped), and a machine-translation slip that extends a surname ("Dubrovnik") is accepted only
when exactly one roster person fits.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .gazetteers import Entry, load_gazetteer, parse_aboard
from .memo import Memo, cached
from .textnorm import fold

_DOUBLE = re.compile(r"(.)\1+")


@functools.cache
def _rewrites() -> tuple[tuple[str, str], ...]:
    """The shipped spelling rewrites (data/names.yaml; a user's gazetteer does not change them)."""
    return load_gazetteer().name_rewrites


@cached(65536)
def skeleton(name: str) -> str:
    """A spelling-independent key: 'Piotr Doubrov' and 'Pyotr Dubrov' give the same one."""
    text = fold(name).replace(" ", "_")
    for old, new in _rewrites():
        text = text.replace(old, new)
    return _DOUBLE.sub(r"\1", text)


def name_parts(name: str) -> tuple[str, str]:
    """(given names, surname); hyphenated and multi-word surnames stay whole ("Kud-Sverchkov")."""
    words = name.split()
    if len(words) == 1:
        return "", words[0]
    particles = {"de", "van", "von", "da", "del", "al", "bin", "le", "la", "di"}
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in particles:
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


@dataclass
class RosterIndex:
    """Look-ups from a spelling to the roster entry it names."""

    by_form: dict[str, Entry]
    by_skeleton: dict[str, list[Entry]]
    by_surname: dict[str, list[Entry]]
    _fuzzy_cache: Memo[tuple[Entry | None, Entry | None]] = field(default_factory=Memo)

    @classmethod
    def build(cls, entries: Iterable[Entry]) -> RosterIndex:
        by_form: dict[str, Entry] = {}
        by_skeleton: dict[str, list[Entry]] = defaultdict(list)
        by_surname: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            surnames = set()
            for form in entry.surface_forms:
                by_form.setdefault(fold(form), entry)
                key = skeleton(form)
                if entry not in by_skeleton[key]:
                    by_skeleton[key].append(entry)
                surnames.add(skeleton(name_parts(form)[1]))
            for surname in surnames:
                by_surname[surname].append(entry)
        return cls(by_form, dict(by_skeleton), dict(by_surname))

    def exact(self, text: str) -> Entry | None:
        found = self.by_form.get(fold(text))
        if found:
            return found
        same = self.by_skeleton.get(skeleton(text), [])
        return same[0] if len(same) == 1 else None

    def by_bare_surname(self, surname: str, year: int | None = None) -> Entry | None:
        """The one roster person with this surname; None when several share it, unless `year`
        (the text's) is a year only one of them was aboard (their `aboard` field): "Williams"
        in 2024 is Suni Williams. A namesake whose years are not given is never ruled out."""
        matches = self.by_surname.get(skeleton(surname), [])
        if len(matches) > 1 and year is not None:
            matches = [e for e in matches if (years := aboard_years(e)) is None or year in years]
        return matches[0] if len(matches) == 1 else None

    def fuzzy(self, text: str, crew_context: bool | Callable[[], bool]) -> Entry | None:
        """A near spelling of a roster name: one person only, never a guess between two.

        `crew_context` (or a function telling it, asked only if the answer depends on it) says
        whether the text is about crew there, which lets a machine-translation slip through.
        """
        without, with_context = self._fuzzy_cache.get(text, lambda: self._fuzzy(text))
        if without is with_context:
            return without
        if callable(crew_context):
            crew_context = crew_context()
        return with_context if crew_context else without

    def _close_surnames(self, key: str) -> list[tuple[str, float, int]]:
        """Roster surnames within a ratio of 85 of a surname's key, compared in one C call."""
        return process.extract(key, self._surnames, scorer=fuzz.ratio, score_cutoff=85, limit=None)

    @functools.cached_property
    def _surnames(self) -> list[str]:
        return list(self.by_surname)

    def _fuzzy(self, text: str) -> tuple[Entry | None, Entry | None]:
        """The person a spelling is close to (None unless exactly one), without and with a crew
        context (where a surname extended by a slip, "Dubrovnik" for Dubrov, counts too)."""
        given, surname = name_parts(text)
        if not given:
            return None, None
        key_given, key_surname = skeleton(given), skeleton(surname)
        close = {found for found, _, _ in self._close_surnames(key_surname)}
        # A slip extends a roster surname of five letters or more by up to four.
        slips = (key_surname[:n] for n in range(max(5, len(key_surname) - 4), len(key_surname) + 1))
        candidates = [*close, *(s for s in slips if s in self.by_surname and s not in close)]
        close_found: dict[str, Entry] = {}
        slip_found: dict[str, Entry] = {}
        for roster_surname in candidates:
            for entry in self.by_surname[roster_surname]:
                if any(fuzz.ratio(key_given, skeleton(name_parts(f)[0])) >= 80 for f in entry.surface_forms):
                    (close_found if roster_surname in close else slip_found)[entry.name] = entry
        with_context = {**close_found, **slip_found}
        return _only(close_found), _only(with_context)


def _only(found: dict[str, Entry]) -> Entry | None:
    return next(iter(found.values())) if len(found) == 1 else None


@functools.lru_cache(maxsize=1024)
def aboard_years(entry: Entry) -> frozenset[int] | None:
    """The years a roster person was aboard the station, if the roster says."""
    value = entry.extra("aboard")
    return parse_aboard(value) if value else None
