"""Gazetteer and naming-scheme matching for modules, vehicles, agencies, media and roster crew.

One PhraseMatcher on lower-cased tokens finds every alias; each hit is then checked against the
capitalisation the gazetteer wrote (see `case_fits`), so that "Unity" the module is found but
"unity" the word is not, and short capital forms ("SM", "ESA") match only as written.
Vehicles whose names follow a scheme ("Soyuz MS-22", "Progress 82", "Crew-8") are found by the
regular expressions of data/vehicle_schemes.yaml and cross-referenced with the Progress table.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..gazetteers import Entry, Gazetteer, VehicleScheme
from ..memo import Memo
from ..outlets import FRAME_WORDS, Hits, Source, SourceReader
from ..record import DECLARED, declared_categories
from ..regexes import PatternSet, WordLed, branches, whole_words
from ..textnorm import PlainText, plain_text
from .context import SPACEFLIGHT, SpaceflightContext
from .pipe import GazetteerPipe
from .spans import Mention, Occupied, doc_lower, doc_text, mention_over, token_bounds, write_mentions


def case_fits(pattern: Sequence[str], tokens: Sequence[str]) -> bool:
    """Whether matched text honours the capitalisation the gazetteer wrote for an alias.

    Words written in capitals ("SM", "JEM") must match exactly; capitalised words must be
    capitalised in the text; lower-case words match any case.
    """
    for want, got in zip(pattern, tokens, strict=True):
        letters = [c for c in want if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            if got != want:
                return False
        elif letters and want[0].isupper() and not got[:1].isupper():
            return False
    return True


def _fits(pattern: Sequence[str], text: str, starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """`case_fits` for the tokens `start` to `end` of a text."""
    return case_fits(pattern, [text[starts[i] : ends[i]] for i in range(start, end)])


def _inside_code(text: str, starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """A short capital form glued to a hyphenated code ("CSA" in "CSA-CP") is not a name."""

    def glue(i: int) -> bool:  # token i is a lone hyphen ("NASA/ESA" and "/TASS/" name both)
        return 0 <= i < len(starts) and ends[i] - starts[i] == 1 and text[starts[i]] == "-"

    return (glue(end) and starts[end] == ends[end - 1]) or (glue(start - 1) and ends[start - 1] == starts[start])


class EntityMatcher:
    """Finds gazetteer and scheme entities: mentions for the other components, and (with
    `spans`) doc.spans[category]."""

    def __init__(self, vocab: Vocab, tokenizer: Any, gazetteer: Gazetteer, spans: bool = True) -> None:
        self.gazetteer = gazetteer
        self.categories = gazetteer.registry.matched  # found by their gazetteer entries
        self.declared = declared_categories(gazetteer.registry)  # a user's own, for the record
        self.spans = spans
        self.tokenizer = tokenizer
        self.context = SpaceflightContext(gazetteer.lexicon)
        self.sources = SourceReader(gazetteer.lexicon)
        # Wording that names something else though it holds a vehicle's or a module's name.
        self.not_named = {
            "vehicles": [WordLed(p) for p in gazetteer.not_vehicles],
            "modules": [WordLed(p) for p in gazetteer.not_modules],
        }
        # Craft with a service module of their own: in a text about one, a module written as
        # one of `craft_module_forms`, in lower case ("the service module"), is the craft's.
        self.craft_module_forms = gazetteer.lexicon.get("craft_module_forms", frozenset())
        self.own_module_craft = whole_words(gazetteer.lexicon.get("own_service_module", ()))
        self.module_parts = gazetteer.lexicon.get("module_parts", frozenset())
        self.not_names = gazetteer.lexicon.get("not_name_words", frozenset())  # "the Russian Progress"
        # Flights named by number ("Progress 82") and by designation, each the other's name.
        self.by_number_name: dict[str, tuple[str, str]] = {}  # "Progress 82" -> (designation, shown)
        self.number_names: dict[str, str] = {}  # "PROGRESS MS-21" -> "Progress 82"
        for table, (template, shown) in gazetteer.numbered_names.items():
            for number, designation in getattr(gazetteer, f"{table}_by_number").items():
                self.by_number_name[template.format(number=number)] = (designation, shown)
            for designation, number in getattr(gazetteer, f"{table}_by_designation").items():
                self.number_names[designation] = template.format(number=number)
        # What a written scheme name names, and whether a spelling fits an alias's casing.
        self._named: Memo[list[tuple[int, int, str, Mapping[str, str]]]] = Memo()
        self._case_fits: Memo[bool] = Memo()
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        # Each alias: its entry, its form and tokens as written, and the entry's attributes (one
        # dict per entry, shared by all its mentions: read, never changed).
        self.aliases: dict[int, tuple[Entry, str, tuple[str, ...], Mapping[str, str], bool]] = {}
        shared_attrs: dict[tuple[str, str], Mapping[str, str]] = {}
        schemes = gazetteer.vehicle_schemes
        triggers = [s.trigger for s in schemes]
        self.schemes = PatternSet(
            [s.pattern for s in schemes],
            _trigger_scans(triggers) if all(triggers) else None,
            pattern_triggers=triggers if all(triggers) else None,
        )
        forms = {
            (entry.category, form): entry
            for category in self.categories
            for entry in gazetteer.category(category)
            for form in entry.surface_forms
        }
        for ((category, form), entry), tokens in zip(
            forms.items(), tokenizer.pipe(f for _, f in forms), strict=True
        ):
            key = f"{category}|{entry.name}|{form}"
            key_id = vocab.strings.add(key)
            attrs = shared_attrs.setdefault((category, entry.name), dict(entry.extras))
            ambiguous = form in entry.ambiguous
            self.aliases[key_id] = (entry, tokens.text, tuple(t.text for t in tokens), attrs, ambiguous)
            self.matcher.add(key, [tokens])
        # The lexicon's frame and context words, found in the same pass (see outlets.Hits).
        self.word_kinds: dict[int, str] = {}
        lists = [(kind, word) for kind in FRAME_WORDS for word in sorted(gazetteer.lexicon.get(kind, ()))]
        for (kind, word), tokens in zip(lists, tokenizer.pipe(w for _, w in lists), strict=True):
            key_id = vocab.strings.add(f"{kind}|{word}")
            self.word_kinds[key_id] = kind
            self.matcher.add(f"{kind}|{word}", [tokens])

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        plain = plain_text(text)
        # Typography ("Russia’s", "MS‑22", a soft hyphen) is matched in its plain form, on a
        # copy of the document tokenized again; finds are then placed on the document's tokens.
        view = doc if plain.text is text else self.tokenizer(plain.text)
        groups, doc.user_data[SPACEFLIGHT] = self._find(view)
        if view is not doc:
            groups = {c: _placed(doc, plain, mentions) for c, mentions in groups.items()}
        for category, mentions in groups.items():
            write_mentions(doc, category, mentions, self.spans)
        if self.declared:
            doc.user_data[DECLARED] = self.declared
        return doc

    def _find(self, doc: Doc) -> tuple[dict[str, list[Mention]], bool]:
        """Every find in a document, by category, overlaps resolved; and whether the document
        is about spaceflight."""
        text, lower = doc_text(doc), doc_lower(doc)
        found, hits = self._alias_mentions(doc, text)
        candidates = [(category, m) for category, m, ambiguous in found if not ambiguous]
        candidates.extend(("vehicles", mention) for mention in self._scheme_mentions(doc, text))
        spaceflight = self.context.in_document(lower, candidates)
        sources = self.sources.sources(text, lower, hits)
        strong = Occupied((s.start, s.end) for s in sources if s.strong)
        for category, m, ambiguous in found:
            if ambiguous and (
                self._in_context(category, m, text, lower, hits, spaceflight)
                or (category == "media" and strong.overlaps(m.start_char, m.end_char))
            ):
                candidates.append((category, m))
        candidates.extend(("media", m) for m in self._outlets(doc, text, sources, candidates))
        groups: dict[str, list[Mention]] = {c: [] for c in self.categories}
        for category, mention in longest_first(candidates):
            groups[category].append(mention)
        for category, patterns in self.not_named.items():
            groups[category] = self._drop_other_things(groups[category], patterns, text)
        groups["modules"] = _owned_parts(
            self._without_craft_modules(groups["modules"], text, lower), text, self.module_parts
        )
        groups["vehicles"] = _fold_appositions(self._resolve_bare_designations(groups["vehicles"]), text)
        groups["media"] = [_as_written(m, text) for m in groups["media"]]
        return groups, spaceflight

    def _without_craft_modules(self, modules: list[Mention], text: str, lower: str) -> list[Mention]:
        """In a text about a craft with a service module of its own, "the service module" is
        the craft's where the craft is the nearest thing its paragraph names (the text as a
        whole, when the paragraph names neither the craft nor a station module)."""
        forms = self.craft_module_forms
        craft_modules = [m for m in modules if text[m.start_char : m.end_char] in forms]
        if not craft_modules or self.own_module_craft.search(lower) is None:
            return modules
        station = [m for m in modules if m not in craft_modules]
        named = [(c.start(), c.end()) for c in self.own_module_craft.finditer(lower)]  # once, not per paragraph
        named_starts = [a for a, _ in named]
        kept = []
        for m in modules:
            if m in craft_modules:
                start, end = _paragraph(text, m.start_char)
                first, last = bisect_left(named_starts, start), bisect_left(named_starts, end)
                crafts = [a for a, b in named[first:last] if b <= end]
                others = [o.start_char for o in station if start <= o.start_char < end]
                if not crafts and not others:
                    continue
                nearest = min(
                    (abs(c - m.start_char), kind)
                    for kind, near in (("craft", crafts), ("station", others))
                    for c in near
                )
                if nearest[1] == "craft":
                    continue
            kept.append(m)
        return kept

    def _in_context(self, category: str, m: Mention, text: str, lower: str, hits: Hits, spaceflight: bool) -> bool:
        """Whether an ambiguous form counts: an outlet's where a source is named ("told AP",
        "(AP) —"), anything else's in a text about spaceflight or beside a word naming its
        kind or owner ("Resilience" near "capsule" or "SpaceX")."""
        if category == "media":
            return self.sources.in_frame(text, lower, hits, m.start_char, m.end_char)
        return spaceflight or self.context.near(lower, m.start_char, m.end_char)

    def _outlets(self, doc: Doc, text: str, sources: list[Source], known: list[tuple[str, Mention]]) -> list[Mention]:
        """Outlets the gazetteer does not list, named where news names its sources, and their
        other mentions; an abbreviation given beside one ("Korean Central News Agency (KCNA)")
        or made of its initials is the same outlet."""
        if not sources:
            return []
        taken = Occupied((m.start_char, m.end_char) for _, m in known)
        names: dict[str, str] = {}  # as written -> the outlet's name
        for source in sources:
            start, end, name = _outlet_name(source.start, source.end, text)
            if end <= start or taken.overlaps(start, end):
                continue
            if source.strong or self.sources.outlet_shaped(name):
                names.setdefault(name, name)
                if abbreviation := _abbreviation_after(text, end, name):
                    names.setdefault(abbreviation, name)
        if not names:
            return []
        for written in list(names):
            full = next((n for n in names.values() if n != written and _initials(n) == written), None)
            if full is not None:
                names[written] = full
        alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
        pattern = re.compile(rf"(?<![\w.&'-])(?:{alternatives})(?![\w&'-]|\.\w)")
        found = []
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            mention = mention_over(doc, m.start(), m.end(), names[m.group(0)], {})
            if mention is not None:
                found.append(mention)
        return found

    def _alias_mentions(self, doc: Doc, text: str) -> tuple[list[tuple[str, Mention, bool]], Hits]:
        """The gazetteer's aliases found in the text, as the gazetteer capitalises them, each
        with whether the form is ambiguous; and the lexicon's frame and context words."""
        starts, ends = token_bounds(doc)
        found: list[tuple[str, Mention, bool]] = []
        words: dict[str, list[tuple[int, int]]] = {}
        for key_id, start, end in self.matcher(doc):
            kind = self.word_kinds.get(key_id)
            if kind is not None:
                words.setdefault(kind, []).append((starts[start], ends[end - 1]))
                continue
            entry, form, pattern, attrs, ambiguous = self.aliases[key_id]
            start_char, end_char = starts[start], ends[end - 1]
            written = text[start_char:end_char]
            if written != form:
                # Whether a spelling fits the alias's casing depends only on the two: remembered.
                fits = partial(_fits, pattern, text, starts, ends, start, end)
                if not self._case_fits.get((form, written), fits):
                    continue
            if written.isupper() and _inside_code(text, starts, ends, start, end):
                continue
            if entry.category == "agencies" and end - start > 1 and _described(text, start_char, written):
                continue
            if ambiguous and end - start == 1 and self._ends_a_name(text, starts, start):
                continue
            found.append((entry.category, Mention(start, end, start_char, end_char, entry.name, attrs), ambiguous))
        return found, Hits(words)

    def _ends_a_name(self, text: str, starts: list[int], start: int) -> bool:
        """An ambiguous word after a capitalised word that is no craft's kind or owner, in mid
        sentence, ends another name: "Jet Propulsion Lab", "Christopher Columbus"."""
        if start < 2:
            return False
        word = text[starts[start - 1] : starts[start]].strip()
        if not _TITLE_WORD.fullmatch(word) or word.lower() in self.context.nearby or word.lower() in self.not_names:
            return False
        before = text[max(0, starts[start - 1] - 3) : starts[start - 1]]
        return not (before.strip() == "" and "\n" in before) and not before.rstrip().endswith((".", "!", "?", ":", '"'))

    def _scheme_mentions(self, doc: Doc, text: str) -> Iterable[Mention]:
        for index, match in self.schemes.finditer(text):
            at = match.start()
            for start, end, canonical, attrs in self._scheme_vehicles(index, match):
                mention = mention_over(doc, at + start, at + end, canonical, attrs)
                if mention is not None:
                    yield mention

    def _scheme_vehicles(self, index: int, match: re.Match[str]) -> list[tuple[int, int, str, Mapping[str, str]]]:
        """The vehicles a scheme match names, with their ranges relative to the match. The same
        few names recur across reports, so what a written form names is worked out once."""

        def vehicles() -> list[tuple[int, int, str, Mapping[str, str]]]:
            scheme, at = self.gazetteer.vehicle_schemes[index], match.start()
            found = []
            for (start, end), name, shown in self._scheme_names(scheme, self.schemes.own_match(index, match)):
                canonical, attrs = self._canonical_vehicle(name, scheme.kind)
                if shown != name:
                    attrs = {**attrs, "display": shown}
                found.append((start - at, end - at, canonical, attrs))
            return found

        found = self._named.get((index, match.group(0)), vehicles)
        return found

    @staticmethod
    def _scheme_names(scheme: VehicleScheme, match: re.Match[str]) -> list[tuple[tuple[int, int], str, str]]:
        """Name(s) a scheme match gives, each with its own character range and how it is shown.

        "Progress 81 and 82" gives "Progress 81" over its first words and "Progress 82" over "82".
        """
        groups = {k: (v or "") for k, v in match.groupdict().items()}
        if "list" not in groups:
            numbers = [(match.span(), groups.get("num", ""))]
        else:
            offset = match.start("list")
            found = list(re.finditer(r"\d+", groups.pop("list")))
            numbers = [
                ((match.start() if i == 0 else offset + m.start(), offset + m.end()), m.group(0))
                for i, m in enumerate(found)
            ]
        names = []
        for bounds, number in numbers:
            if number.isdigit():
                number = str(int(number)).zfill(scheme.pad)
            fields = {**groups, "num": number}
            name = scheme.template.format(**fields)
            names.append((bounds, name, scheme.shown.format(**fields) if scheme.shown else name))
        return names

    def _canonical_vehicle(self, name: str, kind: str) -> tuple[str, dict[str, str]]:
        """Progress and Soyuz craft are one vehicle under both names, the designation being the
        identity. A Progress is shown as written ("Progress 82"), as reports and their readers
        use both; a Soyuz written by NASA's number ("68S") is shown by its designation."""
        attrs = {"kind": kind, "display": name}
        numbered = self.by_number_name.get(name)
        if numbered is not None:
            designation, shown = numbered
            if shown == "written":
                return designation, {**attrs, "also_known_as": designation}
            return designation, {**attrs, "display": designation, "also_known_as": name}
        number_name = self.number_names.get(name.upper())
        if number_name is not None:
            return name, {**attrs, "also_known_as": number_name}
        return name, attrs

    @staticmethod
    def _drop_other_things(found: list[Mention], patterns: list[WordLed], text: str) -> list[Mention]:
        """Rockets named like the craft they carry ("the Soyuz rocket") are not vehicles, and a
        spacecraft's own service module is not Zvezda."""
        if not found or not patterns:
            return found
        ranges = [m.span() for p in patterns for m in p.finditer(text)]
        if not ranges:
            return found
        return [f for f in found if not any(a <= f.start_char < b for a, b in ranges)]

    @staticmethod
    def _resolve_bare_designations(vehicles: list[Mention]) -> list[Mention]:
        """A bare "MS-22" names the Soyuz or Progress MS-22 the same text names in full."""
        named = {}  # each fully named vehicle and its attributes, without the form written
        for v in vehicles:
            if v.attrs.get("kind") != "designation":
                named.setdefault(v.name, {k: val for k, val in v.attrs.items() if k != "display"})
        resolved = []
        for v in vehicles:
            if v.attrs.get("kind") == "designation":
                owners = sorted(n for n in named if n.endswith(" " + v.name))
                if len(owners) != 1:
                    continue
                v = v._replace(name=owners[0], attrs=named[owners[0]])
            resolved.append(v)
        return resolved


_APPOSITION = re.compile(
    r"\s*(?:(?:[Cc]argo\s+|[Tt]ransfer\s+)?(?:capsules?|spacecraft|ship|craft|[Vv]ehicle|freighter))?\s*[,(\u2013\u2014-]\s*"
    r"(?:or\s+|also\s+(?:called|known\s+as)\s+)?(?:(?:named|called|dubbed)\s+)?[\"\u201c]?"
    r"|\s+(?:named|called|dubbed)\s+[\"\u201c]?"
)
"""What may stand between a class of craft and the craft itself: "their Dragon capsule, Endurance",
"the HTV Transfer Vehicle, or HTV-7"."""


def _fold_appositions(vehicles: list[Mention], text: str) -> list[Mention]:
    """A class of craft set beside a craft of that class ("the Dragon capsule, Endurance", "the
    Soyuz, MS-22") is that craft: one vehicle, not two."""
    for i in range(len(vehicles) - 1):
        first, second = vehicles[i], vehicles[i + 1]
        if (
            first.name != second.name
            and _names_class(first.name, second.name)
            and _APPOSITION.fullmatch(text, first.end_char, second.start_char)
        ):
            vehicles[i] = first._replace(name=second.name, attrs=second.attrs)
    return vehicles


_ARTICLE = re.compile(r"(?:[Tt]he|THE)\s+")
_OUTLET_CONNECTORS = frozenset({"of", "de", "del", "della", "di", "i", "al", "el", "la", "le", "du", "der", "da"})


def _outlet_name(start: int, end: int, text: str) -> tuple[int, int, str]:
    """An outlet's name and range without a leading article or a possessive ending."""
    if article := _ARTICLE.match(text, start, end):
        start = article.end()
    if text.endswith("'s", start, end):
        end -= 2
    return start, end, " ".join(text[start:end].split())


def _initials(name: str) -> str:
    """'Korean Central News Agency' -> 'KCNA', 'Deutsche Presse-Agentur' -> 'DPA'."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _OUTLET_CONNECTORS]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


def _abbreviation_after(text: str, end: int, name: str) -> str | None:
    """'Korean Central News Agency (KCNA)': the abbreviation in brackets after a name, if it is
    made of the name's initials."""
    m = re.match(r"\s*\(([A-Za-z]{2,8})\)", text[end : end + 14])
    return m.group(1) if m and m.group(1).upper() == _initials(name) else None


_OWNER_GAP = re.compile(r"\)?\s*(?:\([A-Z][A-Za-z0-9-]{1,8}\)\s*)?")


def _owned_parts(modules: list[Mention], text: str, parts: frozenset[str]) -> list[Mention]:
    """A part written after another module's name is that module's ("the Japanese Experiment
    Module (JEM) Airlock"); where the text names one such owner, its bare "the Airlock" is too."""
    owners: dict[int, Mention] = {}
    for i, m in enumerate(modules):
        if i and text[m.start_char : m.end_char].lower() in parts:
            owner = modules[i - 1]
            if owner.name != m.name and _OWNER_GAP.fullmatch(text, owner.end_char, m.start_char):
                owners[i] = owner
    if not owners:
        return modules
    only = {o.name: o for o in owners.values()}
    out = []
    for i, m in enumerate(modules):
        owner = owners.get(i) or (next(iter(only.values())) if len(only) == 1 else None)
        if owner is not None and text[m.start_char : m.end_char].lower() in parts:
            m = m._replace(name=owner.name, attrs=owner.attrs)
        out.append(m)
    return out


def _as_written(m: Mention, text: str) -> Mention:
    """An outlet is named as the text names it ("AP", "the RIA news agency" -> "RIA news
    agency", "/TASS/" -> "TASS"): news writes its sources' names many ways, none of them wrong."""
    written = " ".join(text[m.start_char : m.end_char].strip("/()., ").split())
    if written.startswith("the "):
        written = written[4:]
    return m._replace(attrs={**m.attrs, "display": written}) if written else m


def _paragraph(text: str, at: int) -> tuple[int, int]:
    """The bounds of the line (a paragraph, in most reports) holding `at`."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, end if end >= 0 else len(text)


_TITLE_WORD = re.compile(r"[A-Z][a-z]+")
_INDEFINITE = re.compile(r"(?:^|\W)(?:a|an|A|An)\s+$")


def _described(text: str, start: int, written: str) -> bool:
    """A description after "a" or "an" ("Energia, a Russian space corporation") names a kind,
    not the entity one of its aliases describes."""
    return any(w.islower() for w in written.split()) and bool(_INDEFINITE.search(text, max(0, start - 4), start))


def _placed(doc: Doc, plain: PlainText, mentions: list[Mention]) -> list[Mention]:
    """Mentions found in a document's plain rendering, placed on the document's own tokens."""
    placed = []
    for m in mentions:
        start, end = plain.original(m.start_char, m.end_char)
        over = mention_over(doc, start, end, m.name, m.attrs)
        if over is not None and (not placed or over.start >= placed[-1].end):
            placed.append(over)
    return placed


def _names_class(general: str, name: str) -> bool:
    """Whether a craft's name holds its class's ("Dragon" in "Crew Dragon Endurance", "HTV" in "HTV-7")."""
    return f" {general} " in f" {name} " or name.startswith(f"{general}-")


def _trigger_scans(triggers: list[str]) -> list[str]:
    """The schemes' trigger words as scans: those that start with a literal in one, the others
    (a digit: "68S") in another, so that each scan can skip ahead (see regexes.PatternSet)."""
    alternatives = list(dict.fromkeys(b for t in triggers for b in branches(t)))
    literal = [b for b in alternatives if b[:1].isalnum() or b[:1] == " "]
    other = [b for b in alternatives if b not in literal]
    return ["|".join(group) for group in (literal, other) if group]


def longest_first(found: list[tuple[str, Mention]]) -> list[tuple[str, Mention]]:
    """Overlapping (category, mention) finds resolved as spaCy's `filter_spans` does: the
    longest wins, then the first; the survivors in text order."""
    order = sorted((m.start - m.end, m.start, i) for i, (_, m) in enumerate(found))
    kept, taken = [], set()
    for _, _, i in order:
        m = found[i][1]
        if m.start not in taken and m.end - 1 not in taken:
            kept.append((m.start, i))
            taken.update(range(m.start, m.end))
    kept.sort()
    return [found[i] for _, i in kept]


@Language.factory(
    "issextract_entities",
    default_config={"gazetteers": [], "spans": True},
    assigns=["doc._.issx", "doc.spans", "span._.issx"],
)
def make_entity_matcher(nlp: Language, name: str, gazetteers: list[str], spans: bool) -> GazetteerPipe:
    """Modules, vehicles, agencies, media and roster crew from the gazetteers (data/ and
    `gazetteers`, unless `initialize()` or a saved pipeline gives the data)."""
    return GazetteerPipe(nlp.vocab, nlp.tokenizer, name, EntityMatcher, gazetteers, spans)
