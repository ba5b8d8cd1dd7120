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

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import IS_LOWER
from spacy.lang.en.lex_attrs import like_num as _like_num
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..gazetteers import Entry, Gazetteer
from ..ids import entry_id, name_id
from ..memo import cached
from ..names import RosterIndex, aboard_years, name_parts, skeleton
from ..regexes import whole_words
from ..textnorm import render_plain
from .context import is_spaceflight
from .dates import STATED_DATE, latest_day
from .flags import WordFlag
from .pipe import GazetteerPipe
from .spans import Mention, doc_lower, doc_text, read_mentions, token_bounds, write_mentions

# Tokens, not vocabulary: the possessive as spaCy's English tokenizer splits it off, and the
# opening quotes it splits off before a nickname. They follow from the tokenizer, not the domain.
_POSSESSIVE = {"'s", "\u2019s"}
_QUOTES = {'"', "\u201c", "'", "\u2018"}
_INITIAL = re.compile(r"[A-Z]\.")
_NAME_SPACE = re.compile(r"[^\S\n\r]+")  # a space token spaCy keeps: non-breaking, thin


def without_initials(name: str) -> str:
    """'Joel R. Montalbano' -> 'Joel Montalbano': the form rosters and folding compare, in
    plain typography."""
    return " ".join(w for w in render_plain(name).text.split() if not _INITIAL.fullmatch(w))



class Words:
    """One document's tokens as text slices: token i is `words[i]`, without building a spaCy
    Token (which costs more than the slice) for each look."""

    __slots__ = ("context", "ends", "lines", "lower", "n", "name", "run_starts", "starts", "text", "title")

    def __init__(self, doc: Doc, flags: tuple[int, int, int]) -> None:
        self.text = doc_text(doc)
        self.lower = doc_lower(doc)
        self.starts, self.ends = token_bounds(doc)
        self.n = len(self.starts)
        # Per token: name-like word, title word, part of a title (flags `PeopleFinder` keeps).
        table = doc.to_array([*flags, IS_LOWER]) if self.n else numpy.zeros((0, 4), dtype="uint64")
        self.name, self.title, self.context = (table[:, k].tolist() for k in range(3))
        # Where a run may start: a name-like word, or a title word not in lower case ("Commander").
        self.run_starts = numpy.flatnonzero(table[:, 0] | (table[:, 1] & (1 - table[:, 3]))).tolist()
        self.lines: tuple[list[int], dict[int, bool]] | None = None  # see _title_case_line

    def __getitem__(self, i: int) -> str:
        return self.text[self.starts[i] : self.ends[i]]

    def span(self, start: int, end: int) -> str:
        return self.text[self.starts[start] : self.ends[end - 1]]

    def space_after(self, i: int) -> bool:
        """Whether a space follows token i (spaCy's `whitespace_`)."""
        end = self.ends[i]
        return end < len(self.text) and self.text[end] == " "


@dataclass
class Person:
    name: str
    category: str
    entry: Entry | None = None
    role: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    written: list[tuple[int, str]] = field(default_factory=list)

    @property
    def display(self) -> str | None:
        """The first full spelling the text uses for a roster person (gold lists it verbatim)."""
        return min(self.written)[1] if self.written else None

    @property
    def on_roster(self) -> bool:
        """A roster person, whose name is crew in any text unless the roster marks it ambiguous
        (a flyer better known in another role)."""
        return self.entry is not None and self.category == "crew" and self.entry.name not in self.entry.ambiguous

    @property
    def key(self) -> str:
        """The surname's spelling-independent key, for folding bare surnames into the person."""
        return _surname_key(self.name)

    @property
    def given_key(self) -> str:
        """The given name's key, for a given name used alone ("Thomas" for Thomas Pesquet)."""
        return _given_key(self.name)


@cached(16384)
def _surname_key(name: str) -> str:
    return skeleton(name_parts(name)[1])


@cached(16384)
def _given_key(name: str) -> str:
    given = name_parts(name)[0].split()
    return skeleton(given[0]) if given else ""


like_num = cached(65536)(_like_num)
"""spaCy's `Token.like_num`, for a token's text; the same few words are asked about again and again."""


def _name_word(text: str) -> bool:
    text = render_plain(text).text  # a soft hyphen or a curly apostrophe inside a name
    return (
        (text.isalpha() or text.replace("'", "").replace("\u2019", "").isalpha())
        and text[0].isupper()
        and (len(text) == 1 or not text.isupper())
    )


class _Finding:
    """What `PeopleFinder` has found in one document so far: the people (by roster name or
    spelling key), the tokens other entities hold, what each name ending at a token is (for a
    name listed after it), and the one-word names kept for the bare-surname pass.

    One-token runs are mostly words that name no one ("Wednesday", "Later"): what their titles
    make them is worked out only when it is asked for, by a name listed after them or by the
    bare-surname look-up (`category`); until then they wait in `deferred`.
    """

    def __init__(self, finder: PeopleFinder, doc: Doc) -> None:
        self.finder = finder
        self.words = Words(doc, (finder.name_flag.id, finder.title_flag.id, finder.context_flag.id))
        self.people: dict[str, Person] = {}
        self.blocked: set[int] = set()
        for label in ("modules", "vehicles", "agencies", "media"):
            for m in read_mentions(doc, label):
                self.blocked.update(range(m.start, m.end))
        self.agency_ends = {m.end for m in read_mentions(doc, "agencies")}
        self.listed: dict[int, str] = {}  # where a name ends -> crew or people
        self.deferred: dict[int, int] = {}  # end -> start of a one-token run and its title
        self.singles: list[tuple[int, int]] = []

    def add(
        self,
        start: int,
        end: int,
        name: str,
        category: str,
        entry: Entry | None,
        role: str | None,
        written: bool = False,
    ) -> None:
        """A mention of a person: a new person, or one more mention of one already found."""
        key = entry.name if entry else skeleton(name)
        person = self.people.get(key)
        if person is None:
            person = self.people[key] = Person(name, category, entry, role)
        elif entry is None and len(name) > len(person.name):
            person.name = name
        if category == "crew" and person.category != "crew":
            person.category = "crew"
        person.role = person.role or role
        person.spans.append((start, end))
        if written and entry is not None and end - start > 1:
            person.written.append((start, " ".join(render_plain(self.words.span(start, end)).text.split())))

    def defer(self, start: int, cut: int, end: int) -> None:
        """A one-word name at cut:end, its run (title included) starting at `start`."""
        self.deferred[end] = start
        self.singles.append((cut, end))

    def titled(self, start: int, cut: int, end: int) -> tuple[str | None, str | None]:
        """(crew or people, role) from a title before the name (inside its run up to `cut`),
        a credit line, or an appositive title after it."""
        finder, words = self.finder, self.words
        before = finder._title_words_before(words, start)
        category, role = finder._classify_title([*before, *(words[i] for i in range(start, cut))])
        if category:
            return category, role
        if finder._credited(words, start) and not words.title[end - 1]:  # not "By Our Correspondent"
            return "people", None
        return finder._title_after(words, end)

    def category(self, end: int) -> str | None:
        """What the name ending at `end` is, for names listed after it and for surnames."""
        start = self.deferred.pop(end, None)
        if start is not None:
            found, _ = self.titled(start, end - 1, end)
            if found is None:
                found = self.category(self.finder._list_head(self.words, start))
            if found is not None:
                self.listed[end] = found
        return self.listed.get(end)


class PeopleFinder:
    def __init__(self, vocab: Vocab, gazetteer: Gazetteer, spans: bool = True) -> None:
        self.spans = spans
        lexicon = gazetteer.lexicon
        self.roster = RosterIndex.build(gazetteer.category("crew"))
        self.known_people = RosterIndex.build(gazetteer.category("people"))
        self.crew_titles = lexicon.get("crew_titles", frozenset())
        self.crew_heads = lexicon.get("crew_heads", frozenset())
        self.people_titles = lexicon.get("people_titles", frozenset())
        self.people_heads = lexicon.get("people_heads", frozenset())
        self.credit_words = lexicon.get("credit_words", frozenset())
        self.agency_places = lexicon.get("agency_places", frozenset())
        self.place_words = lexicon.get("place_words", frozenset())
        self.title_words = self.crew_titles | self.people_titles
        self.crew_words = whole_words(self.crew_heads)  # searched in the lower-cased text
        given = set(lexicon.get("first_names", frozenset()))
        for entry in gazetteer.category("crew") + gazetteer.category("people"):
            for form in entry.surface_forms:
                first = name_parts(form)[0].split()
                if first:
                    given.add(first[0].lower())
        self.first_names = frozenset(given)
        self.head_words = self.crew_heads | self.people_heads
        # Word classes kept on the vocabulary (see flags.py): name-like words, title words, and
        # the words a title before a name is made of ("ISS Program Manager", "NASA's", "(CDR)").
        # Capitalised words that are not names: nationalities ("South Korean bioengineer").
        not_names = lexicon.get("name_stopwords") | lexicon.get("not_name_words")
        self.list_glue = lexicon.get("list_glue")
        self.name_flag = WordFlag(vocab, lambda word: _name_word(word) and word.lower() not in not_names)
        self.title_flag = WordFlag(vocab, lambda word: word.lower() in self.title_words)
        self.context_flag = WordFlag(vocab, self._title_context)

    def _title_context(self, word: str) -> bool:
        acronym = word.isupper() and word.isalpha() and len(word) <= 5
        return word.lower() in self.title_words or like_num(word) or acronym or word in {"(", ")", "'s", "’s"}

    # -- runs of capitalised words -------------------------------------------------------
    def _runs(self, words: Words, blocked: set[int]) -> list[tuple[int, int]]:
        """Maximal runs of name-like tokens (hyphenated parts joined), outside other entities.

        Which tokens are name-like words or title words is read from vocabulary flags, so the
        lower-case bulk of a text is never visited token by token.
        """
        name, title = words.name, words.title
        runs, n, i = [], words.n, -1
        for start in words.run_starts:
            if start < i or start in blocked:
                continue
            i = start
            j = i + 1
            while j < n and j not in blocked:
                if name[j] or (title[j] and words[j][:1].isupper()):
                    j += 1
                elif j + 1 < n and name[j + 1] and _INITIAL.fullmatch(words[j]):
                    j += 1  # a middle initial: "Joel R. Montalbano"
                elif j + 1 < n and name[j + 1] and _NAME_SPACE.fullmatch(words[j]):
                    j += 2  # a non-breaking or thin space: "Joel\u00a0Montalbano"
                elif (
                    j + 1 < n
                    and name[j + 1]
                    and words[j] == "-"
                    and not words.space_after(j - 1)
                    and not words.space_after(j)
                ):
                    j += 2
                else:
                    break
            runs.append((i, j))
            i = j
        return runs

    @staticmethod
    def _title_words_before(words: Words, start: int) -> list[str]:
        """Title words just before `start`: 'ISS Program Manager', 'NASA's', 'Commander (CDR)',
        'Boeing's vice president' (any word that owns the title)."""
        context, i = words.context, start - 1
        while i >= 0 and start - i <= 8 and (context[i] or (i + 1 < start and words[i + 1] in _POSSESSIVE)):
            i -= 1
        if i == start - 1:
            return []
        found = [words[k] for k in range(i + 1, start)]
        while found and (found[0] in {")", *_POSSESSIVE} or like_num(found[0])):
            found.pop(0)
        return found

    def _credited(self, words: Words, start: int) -> bool:
        """A name in a credit line: 'Editing by X', '(Reporting by X in Moscow', or a byline,
        a line that begins 'By X'."""
        if start < 1 or words[start - 1].lower() != "by":
            return False
        if start >= 2 and words[start - 2].lower() in self.credit_words:
            return True
        return words[start - 1] == "By" and (start == 1 or "\n" in words[start - 2])

    def _sentence_opener(self, words: Words, i: int) -> bool:
        starts_sentence = i == 0 or words[i - 1].isspace() or words[i - 1] in {".", "!", "?", ":", ";", '"', "\u201c"}
        return starts_sentence and words[i].lower() not in self.first_names

    def _list_head(self, words: Words, start: int) -> int:
        """The end of the name before this one in a list ('A, B and C'), or -1."""
        i = start
        while i > 0 and start - i < 3 and words[i - 1].lower() in self.list_glue:
            i -= 1
        return i if i < start else -1

    def _title_before(self, words: Words, start: int) -> tuple[str | None, str | None]:
        return self._classify_title(self._title_words_before(words, start))

    def _title_after(self, words: Words, end: int) -> tuple[str | None, str | None]:
        """An appositive title: 'Dan Huot, a NASA spokesperson', 'X, the company's vice president'."""
        if end >= words.n or words[end] != ",":
            return None, None
        found: list[str] = []
        for i in range(end + 1, min(end + 12, words.n)):
            word = words[i]
            lower = word.lower()
            if lower in {"a", "an", "the"} and (not found or found[-1].lower() in {"of", "for", "at"}):
                if found:
                    found.append(word)
                continue
            owner = i + 1 < words.n and words[i + 1] in _POSSESSIVE
            if lower in self.title_words or word.isupper() or like_num(word) or word in _POSSESSIVE or owner:
                found.append(word)
            else:
                break
        while found and found[-1].lower() in {"of", "for", "at", "and", "the", "a", "an"}:
            found.pop()
        return self._classify_title(found)

    def _classify_title(self, words: list[str]) -> tuple[str | None, str | None]:
        if not words:
            return None, None
        heads = [lower for lower in map(str.lower, words) if lower in self.head_words]
        if not heads:
            return None, None
        head = heads[-1]
        category = "crew" if head in self.crew_heads and head not in self.people_heads else "people"
        role = " ".join(w for w in words if w not in {"(", ")"})
        return category, role.replace(" 's", "'s").replace(" ’s", "’s")

    # -- the component ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        found = _Finding(self, doc)
        crew = self._roster_mentions(doc, found)
        for start, end in self._runs(found.words, found.blocked):
            self._take_run(found, start, end)
        if found.singles:
            crew_story = bool(crew) or bool(self.crew_words.search(doc_lower(doc)))
            self._take_singles(found, crew_story, _doc_year(doc))
        self._write(doc, found)
        return doc

    def _roster_mentions(self, doc: Doc, found: _Finding) -> list[Mention]:
        """The roster names the entity matcher found as the roster writes them: crew, and a
        name listed after one is crew too ("cosmonauts Oleg Novitsky and Zakhar Ivanov")."""
        crew = read_mentions(doc, "crew")
        for m in crew:
            entry = self.roster.exact(m.name)
            category, role = self._title_before(found.words, m.start)
            found.add(m.start, m.end, m.name, "crew", entry, role if category == "people" else None, written=True)
            found.blocked.update(range(m.start, m.end))
        found.listed.update((m.end, "crew") for m in crew)
        return crew

    def _past_title(self, words: Words, cut: int, end: int) -> int:
        """The first token from `cut` that is not a title word (or is a given name)."""
        while cut < end and words.title[cut] and words[cut].lower() not in self.first_names:
            cut += 1
        return cut

    def _name_start(self, found: _Finding, start: int, end: int) -> int | None:
        """Where the name in a run begins, past a leading title; None when the run is all
        title, or a single name word (kept, with its title, for the bare-surname pass)."""
        cut = self._past_title(found.words, start, end)
        if cut == end:
            return None
        if end - cut == 1:
            found.defer(start, cut, end)
            return None
        return cut

    def _take_run(self, found: _Finding, start: int, end: int) -> None:
        """A run of capitalised words: a leading title inside it ("Flight Engineer Ivan Vagner")
        is the cue; one name word is kept for the bare-surname pass, more are a full name."""
        words = found.words
        cut = self._name_start(found, start, end)
        if cut is None:
            return
        category, role = found.titled(start, cut, end)
        # A capitalised sentence opener ("Later O'Hara slept") is not part of the name; a
        # title may follow it ("Like Secretary Blinken, ...").
        if category is None and self._sentence_opener(words, cut):
            cut += 1
            if words.title[cut]:
                start = cut
                cut = self._name_start(found, start, end)
                if cut is None:
                    return
                category, role = found.titled(start, cut, end)
        if category is None:
            category = found.category(self._list_head(words, start))
        if category is not None:
            found.listed[end] = category
        name_words = words.span(cut, end).split()
        if len(name_words) == 1:
            found.singles.append((cut, end))
        elif len(name_words) <= 4:
            self._resolve_full(words, cut, end, category, role, found.add)

    def _take_singles(self, found: _Finding, crew_story: bool, year: int | None) -> None:
        """Each one-word name: a surname or given name of someone named, or of the roster."""
        words = found.words
        by_key: dict[str, list[Person]] = {}
        by_given: dict[str, list[Person]] = {}
        indexed = -1
        for start, end in found.singles:
            if words[start].lower() in self.agency_places and _after(words, start, found.agency_ends):
                continue  # "NASA Johnson": the space centre
            if len(found.people) != indexed:  # a person was added: index the names again
                by_key, by_given, indexed = {}, {}, len(found.people)
                for person in found.people.values():
                    by_key.setdefault(person.key, []).append(person)
                    if person.given_key:
                        by_given.setdefault(person.given_key, []).append(person)
            self._resolve_single(words, start, end, found.category, (by_key, by_given), found.add, crew_story, year)

    def _write(self, doc: Doc, found: _Finding) -> None:
        """Every person's mentions, as crew or people, with the person's attributes."""
        by_category: dict[str, list[Mention]] = {"crew": [], "people": []}
        people = found.people.values()
        # Elsewhere than in a text about spaceflight or its flyers, a "commander" is another kind of one.
        spaceflight = is_spaceflight(doc) or any(p.on_roster for p in people)
        for person in people:
            attrs: dict[str, str] = {}
            if person.entry is not None:
                attrs.update({k: v for k, v in person.entry.extras if k in {"agency", "nationality", "role"}})
            if person.role and person.category == "people":
                attrs["role"] = person.role
            if person.display:
                attrs["display"] = person.display
            name = person.entry.name if person.entry else person.name
            label = "crew" if person.category == "crew" and (spaceflight or person.on_roster) else "people"
            attrs["id"] = entry_id(label, name) if person.entry else name_id(label, name)
            for start, end in person.spans:
                mention = Mention(start, end, found.words.starts[start], found.words.ends[end - 1], name, attrs)
                by_category[label].append(mention)
        for label, mentions in by_category.items():
            write_mentions(doc, label, sorted(mentions, key=lambda m: m.start), self.spans)

    def _crew_context(self, words: Words, start: int, end: int) -> bool:
        """A crew word ("cosmonaut", "commander"...) within about a sentence of the name."""
        window = (max(0, words.starts[start] - 150), words.ends[end - 1] + 150)
        return bool(self.crew_words.search(words.lower, *window))

    def _resolve_full(
        self, words: Words, start: int, end: int, category: str | None, role: str | None, add: Callable[..., None]
    ) -> None:
        text = without_initials(words.span(start, end))
        entry = self.roster.exact(text)
        if entry is not None:
            add(start, end, entry.name, "crew", entry, role if category == "people" else None, written=True)
            return
        entry = self.roster.fuzzy(text, crew_context=lambda: self._crew_context(words, start, end))
        if entry is not None:
            add(start, end, entry.name, "crew", entry, role if category == "people" else None)
            return
        known = self.known_people.exact(text)
        if known is not None:
            add(start, end, known.name, "people", known, role or known.extra("role"))
            return
        first = words[start].lower()
        last = words[end - 1].lower()
        if first not in self.first_names and (last in self.title_words or last in self.place_words):
            return  # a body or a place, not a person: "Control Team", "Wallops Flight Facility"
        headline = first not in self.first_names and _title_case_line(words, words.starts[start])
        if headline and not self._credited(words, start):
            return  # a headline's words ("Spacewalkers Reconnect Docking Adapter"), no name
        if category == "crew":
            add(start, end, text, "crew", None, None)
        elif category == "people" or first in self.first_names:
            add(start, end, text, "people", None, role)

    def _resolve_single(
        self,
        words: Words,
        start: int,
        end: int,
        category: Callable[[int], str | None],
        named: tuple[dict[str, list[Person]], dict[str, list[Person]]],
        add: Callable[..., None],
        crew_story: bool,
        year: int | None,
    ) -> None:
        """A bare surname: a person the text already named, or a roster member it can only be.

        Status reports name crew by surname alone ("Hague took photos"), so a surname only one
        roster person has counts in a text about crew, unless it is also a given name or follows
        "the" ("The Hague"); of namesakes, the one aboard in the text's `year`. A word that is
        no surname the text names but the given name of one person it names is that person
        (agency blogs write "Thomas" for Thomas Pesquet).
        """
        surname = words.span(start, end)
        if end + 1 < words.n and words[end] in _QUOTES and words.name[end + 1]:
            return  # a given name before a nickname: Barry "Butch" Wilmore
        if self._named_before(words, start, end, named, add):
            return
        entry = self.roster.by_bare_surname(surname, year)
        if entry is None:
            self._titled_surname(words, start, end, add)
        elif self._roster_surname(words, start, end, entry, category, crew_story, year):
            add(start, end, entry.name, "crew", entry, None)

    def _named_before(
        self,
        words: Words,
        start: int,
        end: int,
        named: tuple[dict[str, list[Person]], dict[str, list[Person]]],
        add: Callable[..., None],
    ) -> bool:
        """Whether the word is the surname or given name of people the text names (a mention
        of the one person, or nothing when it could be several)."""
        surname = words.span(start, end)
        key = skeleton(surname)
        by_key, by_given = named
        same = by_key.get(key) or by_given.get(key, [])
        if len(same) == 1:
            person = same[0]
            entry = person.entry
            if entry is not None and surname in entry.ambiguous and not self._crew_context(words, start, end):
                return True  # "Good food helped", in a text about Michael Good
            add(start, end, person.name, person.category, person.entry, None)
        return bool(same)

    def _roster_surname(
        self,
        words: Words,
        start: int,
        end: int,
        entry: Entry,
        category: Callable[[int], str | None],
        crew_story: bool,
        year: int | None,
    ) -> bool:
        """Whether a surname only one roster person has (in the text's year) names that person."""
        surname = words.span(start, end)
        after_the = start > 0 and words[start - 1].lower() == "the"
        # A surname that is short or also a given name ("Yui", "Kelly") counts when the roster
        # has its person aboard in the text's year.
        aboard = year is not None and year in (aboard_years(entry) or ())
        common = len(surname) < 4 or surname.lower() in self.first_names
        plausible = crew_story and len(surname) >= 3 and (aboard or not common)
        what = category(end)
        if surname in entry.ambiguous and not self._crew_context(words, start, end):
            return False  # a surname that is also a word ("Good", "Love") needs crew words around it
        return what == "crew" or (plausible and not after_the and what is None)

    def _titled_surname(self, words: Words, start: int, end: int, add: Callable[..., None]) -> None:
        """A surname no one on the roster has, after an official's capitalised title
        ("Secretary Blinken", "Administrator Nelson"): a person the text names by title."""
        if start == 0 or not words[start - 1][:1].isupper() or words[start].lower() in self.first_names:
            return
        if _title_case_line(words, words.starts[start]):
            return  # a headline: "NASA Administrator Statement on ..."
        category, role = self._title_before(words, start)
        if category == "people" and words[start - 1].lower() in self.people_heads:
            add(start, end, words.span(start, end), "people", None, role)


_LINE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]{3,}")


def _title_case_line(words: Words, at: int) -> bool:
    """Whether the line holding `at` is written in title case, as headlines are: at least three
    words of four letters or more, every one capitalised, and no full stop at its end. Bylines
    and credit lines ("By X and Y", "(Reporting by X; Editing by Y)") are not headlines.

    Each line is read once, and found by bisection: a report on one long line has many names."""
    if words.lines is None:
        words.lines = ([m.start() for m in _NEWLINE.finditer(words.text)], {})
    breaks, verdicts = words.lines
    i = bisect.bisect_left(breaks, at)
    start = breaks[i - 1] + 1 if i else 0
    verdict = verdicts.get(start)
    if verdict is None:
        end = breaks[i] if i < len(breaks) else len(words.text)
        verdict = verdicts[start] = _is_headline(words.text[start:end].strip())
    return verdict


_NEWLINE = re.compile("\n")


def _is_headline(line: str) -> bool:
    if line.startswith(("By ", "(")):
        return False
    long_words = _LINE_WORD.findall(line)
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words) and not line.endswith(".")


def _after(words: Words, start: int, ends: set[int]) -> bool:
    """Whether the word at `start` follows a mention ending in `ends`, or its "'s"."""
    return start in ends or (start - 1 in ends and words[start - 1] in _POSSESSIVE)


def _doc_year(doc: Doc) -> int | None:
    """The year the text is written in, as the dates component read it (if it ran first)."""
    day = doc.user_data.get(STATED_DATE) or latest_day(read_mentions(doc, "dates"))
    return int(day[:4]) if day else None


def _people_finder(vocab: Vocab, tokenizer: Any, gazetteer: Gazetteer, spans: bool) -> PeopleFinder:
    return PeopleFinder(vocab, gazetteer, spans)


@Language.factory(
    "issextract_people",
    default_config={"gazetteers": [], "spans": True},
    requires=["doc._.issx"],
    assigns=["doc._.issx", "doc.spans", "span._.issx"],
)
def make_people_finder(nlp: Language, name: str, gazetteers: list[str], spans: bool) -> GazetteerPipe:
    """Crew and other named people, folded to one entry per person; reads the entities found
    before it (agencies, roster crew) and the dates (the year a report is written in)."""
    return GazetteerPipe(nlp.vocab, nlp.tokenizer, name, _people_finder, gazetteers, spans)
