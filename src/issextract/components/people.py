"""spaCy component: crew and other named people, one entry per person however it is spelled.

Runs after the entity matcher, which has already found roster names written as the roster
writes them. This component:
1. reads capitalised runs of words ("ISS Program Manager Joel Montalbano"), splits a leading
   title from the name, and looks for a title just before or just after the name;
2. resolves each name against the roster: exact spelling, transliteration skeleton, then a
   fuzzy match that must be unambiguous;
3. decides crew or people: roster members and names with a crew title ("cosmonaut", "Flight
   Engineer") are crew; names with an official's title, or a known given name, are people;
4. folds bare surnames ("Montalbano", "Commander Hadfield") into the person they name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_DIGIT, IS_LOWER, IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..gazetteers import Entry, Gazetteer, load_gazetteer
from ..names import RosterIndex, name_parts, skeleton
from .spans import doc_text, set_span_attrs

_LIST_GLUE = {",", "and", "&"}
_INITIAL = re.compile(r"[A-Z]\.")


def without_initials(name: str) -> str:
    """'Joel R. Montalbano' -> 'Joel Montalbano': the form rosters and folding compare."""
    return " ".join(w for w in name.split() if not _INITIAL.fullmatch(w))


_NOT_NAMES = {"the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "for", "to", "by", "with", "from"}


@dataclass
class Person:
    name: str
    category: str
    entry: Entry | None = None
    role: str | None = None
    spans: list[Span] = field(default_factory=list)
    written: list[tuple[int, str]] = field(default_factory=list)

    @property
    def display(self) -> str | None:
        """The first full spelling the text uses for a roster person (gold lists it verbatim)."""
        return min(self.written)[1] if self.written else None

    @property
    def key(self) -> str:
        """The surname's spelling-independent key, for folding bare surnames into the person."""
        return _surname_key(self.name)


@functools.lru_cache(maxsize=16384)
def _surname_key(name: str) -> str:
    return skeleton(name_parts(name)[1])


def _name_token(token: Token) -> bool:
    text = token.text
    return (
        (token.is_alpha or text.replace("'", "").replace("\u2019", "").isalpha())
        and text[0].isupper()
        and (len(text) == 1 or not text.isupper())
        and token.lower_ not in _NOT_NAMES
    )


class PeopleFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        lexicon = gazetteer.lexicon
        self.roster = RosterIndex.build(gazetteer.category("crew"))
        self.known_people = RosterIndex.build(gazetteer.category("people"))
        self.crew_titles = lexicon.get("crew_titles", frozenset())
        self.crew_heads = lexicon.get("crew_heads", frozenset())
        self.people_titles = lexicon.get("people_titles", frozenset())
        self.people_heads = lexicon.get("people_heads", frozenset())
        self.title_words = self.crew_titles | self.people_titles
        heads = "|".join(map(re.escape, sorted(self.crew_heads)))
        self.crew_words = re.compile(rf"\b(?:{heads})\b", re.IGNORECASE)
        given = set(lexicon.get("first_names", frozenset()))
        for entry in gazetteer.category("crew") + gazetteer.category("people"):
            for form in entry.surface_forms:
                first = name_parts(form)[0].split()
                if first:
                    given.add(first[0].lower())
        self.first_names = frozenset(given)

    # -- runs of capitalised words -------------------------------------------------------
    def _runs(self, doc: Doc, blocked: set[int]) -> list[tuple[int, int]]:
        """Maximal runs of name-like tokens (hyphenated parts joined), outside other entities.

        Runs start only at tokens with a capital letter, found from spaCy's attribute arrays, so
        the lower-case bulk of a text is never visited token by token.
        """
        flags = doc.to_array([IS_LOWER, IS_PUNCT, IS_SPACE, IS_DIGIT])
        # Words not all in lower case: titles ("Cassidy"), mixed ("McArthur", "O'Hara"), capitals.
        capitalised = (flags == 0).all(axis=1) if len(doc) else []
        runs, n, i = [], len(doc), -1
        for start in (int(x) for x in numpy.flatnonzero(capitalised)):
            if start < i:
                continue
            i = start
            if i in blocked or not (_name_token(doc[i]) or doc[i].lower_ in self.title_words):
                continue
            j = i + 1
            while j < n and j not in blocked:
                tok = doc[j]
                if _name_token(tok) or (tok.lower_ in self.title_words and tok.text[:1].isupper()):
                    j += 1
                elif _INITIAL.fullmatch(tok.text) and j + 1 < n and _name_token(doc[j + 1]):
                    j += 1  # a middle initial: "Joel R. Montalbano"
                elif (
                    tok.text == "-"
                    and not doc[j - 1].whitespace_
                    and not tok.whitespace_
                    and j + 1 < n
                    and _name_token(doc[j + 1])
                ):
                    j += 2
                else:
                    break
            runs.append((i, j))
            i = j
        return runs

    def _title_words_before(self, doc: Doc, start: int) -> list[Token]:
        """Title words just before `start`: 'ISS Program Manager', 'NASA's', 'Commander (CDR)'."""
        words: list[Token] = []
        i = start - 1
        while i >= 0 and len(words) < 8:
            tok = doc[i]
            acronym = tok.text.isupper() and tok.is_alpha and len(tok) <= 5
            if tok.lower_ in self.title_words or tok.like_num or acronym or tok.text in {"(", ")", "'s", "’s"}:
                words.append(tok)
                i -= 1
            else:
                break
        words.reverse()
        while words and (words[0].text in {")", "'s", "’s"} or words[0].like_num):
            words.pop(0)
        return words

    def _sentence_opener(self, doc: Doc, i: int) -> bool:
        starts_sentence = i == 0 or doc[i - 1].is_space or doc[i - 1].text in {".", "!", "?", ":", ";", '"', "\u201c"}
        return starts_sentence and doc[i].lower_ not in self.first_names

    @staticmethod
    def _list_head(doc: Doc, start: int) -> int:
        """The end of the name before this one in a list ('A, B and C'), or -1."""
        i = start
        while i > 0 and start - i < 3 and doc[i - 1].lower_ in _LIST_GLUE:
            i -= 1
        return i if i < start else -1

    def _title_before(self, doc: Doc, start: int) -> tuple[str | None, str | None]:
        return self._classify_title(self._title_words_before(doc, start))

    def _title_after(self, doc: Doc, end: int) -> tuple[str | None, str | None]:
        """An appositive title: 'Dan Huot, a NASA spokesperson'."""
        if end >= len(doc) or doc[end].text != ",":
            return None, None
        words: list[Token] = []
        for tok in doc[end + 1 : end + 12]:
            if tok.lower_ in {"a", "an", "the"} and (not words or words[-1].lower_ in {"of", "for", "at"}):
                if words:
                    words.append(tok)
                continue
            if tok.lower_ in self.title_words or tok.text.isupper() or tok.like_num or tok.text == "'s":
                words.append(tok)
            else:
                break
        while words and words[-1].lower_ in {"of", "for", "at", "and", "the", "a", "an"}:
            words.pop()
        return self._classify_title(words)

    def _classify_title(self, words: list[Token]) -> tuple[str | None, str | None]:
        heads = [w for w in words if w.lower_ in self.crew_heads or w.lower_ in self.people_heads]
        if not heads:
            return None, None
        head = heads[-1].lower_
        category = "crew" if head in self.crew_heads and head not in self.people_heads else "people"
        role = " ".join(w.text for w in words if w.text not in {"(", ")"})
        return category, role.replace(" 's", "'s").replace(" ’s", "’s")

    # -- the component ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        people: dict[str, Person] = {}
        blocked: set[int] = set()
        for label in ("modules", "vehicles", "agencies", "media"):
            for span in doc.spans.get(label, []):
                blocked.update(range(span.start, span.end))

        def add(
            span: Span, name: str, category: str, entry: Entry | None, role: str | None, written: bool = False
        ) -> None:
            key = entry.name if entry else skeleton(name)
            person = people.get(key)
            if person is None:
                person = people[key] = Person(name, category, entry, role)
            elif entry is None and len(name) > len(person.name):
                person.name = name
            if category == "crew" and person.category != "crew":
                person.category = "crew"
            person.role = person.role or role
            person.spans.append(span)
            if written and entry is not None and len(span) > 1:
                person.written.append((span.start, " ".join(span.text.split())))

        for span in doc.spans.get("crew", []):
            entry = self.roster.exact(span.kb_id_)
            category, role = self._title_before(doc, span.start)
            add(span, span.kb_id_, "crew", entry, role if category == "people" else None, written=True)
            blocked.update(range(span.start, span.end))
        # Where each name so far ends, and what it is: a name listed after it takes its title
        # ("cosmonauts Oleg Novitsky and Zakhar Ivanov").
        listed: dict[int, str] = {span.end: "crew" for span in doc.spans.get("crew", [])}

        singles: list[tuple[Span, str | None]] = []
        for start, end in self._runs(doc, blocked):
            # A leading title inside the run ("Flight Engineer Ivan Vagner") is the cue.
            cut = start
            while cut < end and doc[cut].lower_ in self.title_words and doc[cut].lower_ not in self.first_names:
                cut += 1
            if cut == end:
                continue
            before_cat, before_role = self._classify_title([*self._title_words_before(doc, start), *doc[start:cut]])
            after_cat, after_role = self._title_after(doc, end)
            category, role = (before_cat, before_role) if before_cat else (after_cat, after_role)
            # A capitalised sentence opener ("Later O'Hara slept") is not part of the name.
            if category is None and end - cut > 1 and self._sentence_opener(doc, cut):
                cut += 1
            if category is None:
                category = listed.get(self._list_head(doc, start))
            if category is not None:
                listed[end] = category
            span = doc[cut:end]
            words = span.text.split()
            if len(words) == 1:
                singles.append((span, category))
                continue
            if len(words) > 4:
                continue
            self._resolve_full(span, category, role, add, doc)

        crew_story = bool(doc.spans.get("crew")) or bool(self.crew_words.search(doc_text(doc)))
        for span, category in singles:
            self._resolve_single(span, category, people, add, crew_story)

        crew_spans, people_spans = [], []
        for person in people.values():
            attrs: dict[str, str] = {}
            if person.entry is not None:
                attrs.update({k: v for k, v in person.entry.extras if k in {"agency", "nationality", "role"}})
            if person.role and person.category == "people":
                attrs["role"] = person.role
            if person.display:
                attrs["display"] = person.display
            name = person.entry.name if person.entry else person.name
            for span in person.spans:
                out = Span(doc, span.start, span.end, label=person.category, kb_id=name)
                set_span_attrs(out, attrs)
                (crew_spans if person.category == "crew" else people_spans).append(out)
        doc.spans["crew"] = sorted(crew_spans, key=lambda s: s.start)
        doc.spans["people"] = sorted(people_spans, key=lambda s: s.start)
        return doc

    def _crew_context(self, doc: Doc, span: Span) -> bool:
        """A crew word ("cosmonaut", "commander"...) within about a sentence of the name."""
        text = doc_text(doc)
        return bool(self.crew_words.search(text, max(0, span.start_char - 150), span.end_char + 150))

    def _resolve_full(self, span: Span, category: str | None, role: str | None, add, doc: Doc) -> None:
        text = without_initials(span.text)
        entry = self.roster.exact(text)
        if entry is not None:
            add(span, entry.name, "crew", entry, role if category == "people" else None, written=True)
            return
        entry = self.roster.fuzzy(text, crew_context=self._crew_context(doc, span))
        if entry is not None:
            add(span, entry.name, "crew", entry, role if category == "people" else None)
            return
        known = self.known_people.exact(text)
        if known is not None:
            add(span, known.name, "people", known, role or known.extra("role"))
            return
        first = span[0].lower_
        if category == "crew":
            add(span, text, "crew", None, None)
        elif category == "people" or first in self.first_names:
            add(span, text, "people", None, role)

    def _resolve_single(
        self, span: Span, category: str | None, people: dict[str, Person], add: Callable[..., None], crew_story: bool
    ) -> None:
        """A bare surname: a person the text already named, or a roster member it can only be.

        Status reports name crew by surname alone ("Hague took photos"), so a surname only one
        roster person has counts in a text about crew, unless it is also a given name or follows
        "the" ("The Hague").
        """
        key = skeleton(span.text)
        same = [p for p in people.values() if p.key == key]
        if len(same) == 1:
            person = same[0]
            add(span, person.name, person.category, person.entry, None)
            return
        if same:
            return
        doc = span.doc
        after_the = span.start > 0 and doc[span.start - 1].lower_ == "the"
        plausible = crew_story and len(span.text) >= 4 and span.text.lower() not in self.first_names
        if category == "crew" or (plausible and not after_the and category is None):
            entry = self.roster.by_bare_surname(span.text)
            if entry is not None:
                add(span, entry.name, "crew", entry, None)


@Language.factory("issextract_people", default_config={"gazetteers": []})
def make_people_finder(nlp: Language, name: str, gazetteers: list[str]) -> PeopleFinder:
    """Crew and other named people, folded to one entry per person."""
    return PeopleFinder(load_gazetteer(gazetteers))
