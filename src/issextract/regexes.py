"""Fast scanning with regular expressions.

Python's regex engine tries a pattern at every position of a text, alternative by alternative,
unless every alternative starts with a plain literal: then it skips straight to the characters
a match can start with. Everything here arranges for that:
- `PatternSet`: ordered patterns (dates, vehicle naming schemes) found through trigger words at
  least one of which every match contains ("Soyuz", "Dec", "1999"). Only windows around the
  triggers are searched, only for the patterns a trigger calls for, joined into one
  alternation (the earlier pattern winning where two would start at the same place).
- `WordLed`: a pattern whose alternatives start with a word boundary, searched without it.
- `lowered` and `lower_regex`: case-insensitive wording matched case-sensitively on a
  lower-cased copy of the text (the engine cannot skip to a case-insensitive literal).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence

_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_]\w*>")


def any_of(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str] | WordLed:
    """One searcher matching what any of `patterns` matches: one search instead of one per pattern.

    When every alternative starts with a word boundary (as ours do), it is searched as a
    WordLed: the boundary checked once per hit, every branch led by a literal.
    """
    flags = patterns[0].flags & ~re.UNICODE if patterns else 0
    alternatives = [b for p in patterns for b in branches(p.pattern)]
    joined = "|".join(f"(?:{b})" for b in alternatives)
    if alternatives and all(b.startswith("\\b") for b in alternatives):
        return WordLed(joined, flags)  # compiled when first searched: most are seldom asked
    return re.compile(joined, flags)


def _spread(source: str, limit: int = 16) -> list[str]:
    """'(?:a|b)c' -> ['ac', 'bc']: a leading group's alternatives, each with what follows."""
    if not source.startswith("(?:"):
        return [source]
    close = _closing(source)
    suffix = source[close + 1 :]
    if close < 0 or suffix[:1] in {"?", "*", "+", "{"}:
        return [source]
    inner = branches(source[3:close])
    if len(inner) > limit:
        return [source]
    # An alternative may itself start with a group: "(?:(?:a|b)c|d)e".
    spread = [each for alternative in inner for each in _spread(alternative + suffix, limit)]
    return spread if len(spread) <= limit * 4 else [source]


def _closing(source: str) -> int:
    """Where the group opened at source[0] closes, or -1."""
    return next((i for i, char, depth in _syntax(source) if char == ")" and depth == 1), -1)


def _syntax(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(position, character, group depth before it) for each "(", ")" and "|" of a regex that
    is syntax: not escaped, not inside a character class."""
    depth, escaped, in_class = 0, False, False
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()|":
            yield i, char, depth
            depth += {"(": 1, ")": -1, "|": 0}[char]


def lowered(text: str) -> str:
    """The text in lower case, character for character (offsets stay valid).

    Case-insensitive matching is done on this with `lower_regex` patterns: Python's engine
    cannot skip ahead to a case-insensitive literal, and scans several times slower.
    """
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # A few characters lower-case to two ("İ"): keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def lower_regex(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern, compiled to match `lowered` text case-sensitively.

    Letters are lower-cased outside escapes (so "\\S" and "\\B" keep their meaning).
    """
    out, escaped = [], False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return re.compile("".join(out))


def branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regex: 'a|b(?:c|d)' -> ['a', 'b(?:c|d)']."""
    cuts = [i for i, char, depth in _syntax(pattern) if char == "|" and depth == 0]
    bounds = zip([-1, *cuts], [*cuts, len(pattern)], strict=True)
    return [pattern[start + 1 : end] for start, end in bounds]


def literal_led(triggers: Sequence[str]) -> re.Pattern[str]:
    """One regex for trigger alternatives, flattened so that each is a top-level branch.

    Python's engine skips ahead by a set of first characters only when every top-level branch
    starts with a literal; a branch that starts with a group ("(?:a|b)c|d") loses that and
    makes the scan several times slower, so such groups are spread ("ac|bc|d").
    """
    return re.compile("|".join(dict.fromkeys(s for t in triggers for b in branches(t) for s in _spread(b))))


_BOUNDARY = re.compile(r"\b")


def _ungrouped(source: str) -> str:
    """'(?:a|b)' -> 'a|b' when that group is the whole pattern: top-level branches that start
    with literals let the engine skip ahead."""
    if source.startswith("(?:") and _closing(source) == len(source) - 1:
        return source[3:-1]
    return source


class WordLed:
    """A pattern whose every alternative starts with a word boundary ("\\bSoyuz..."), searched fast.

    A leading "\\b", or a branch that starts with a group, stops Python's engine from skipping
    ahead to the literal a match must start with; so the alternatives are searched without
    their boundary and with their leading groups spread, and the boundary is checked at each
    hit: the same matches, several times faster on a long text. A pattern with an alternative
    that does not start with "\\b" is searched as it is.
    """

    def __init__(self, pattern: re.Pattern[str] | str, flags: int = 0) -> None:
        source, flags = (pattern.pattern, pattern.flags) if isinstance(pattern, re.Pattern) else (pattern, flags)
        alternatives = [_ungrouped(b) for b in branches(_ungrouped(source))]
        alternatives = [b for a in alternatives for b in branches(a)]
        self.bounded = all(a.startswith("\\b") for a in alternatives)
        self.flags = flags
        if self.bounded:
            # Every alternative without its boundary, and leading groups spread ("(?:a|b)c" ->
            # "ac|bc"), so that every branch starts with a literal the engine can skip to.
            rest = [s for a in alternatives for b in branches(_ungrouped(a[2:])) for s in _spread(b)]
            self.source = "|".join(rest)
        else:
            self.source = source

    @functools.cached_property
    def rest(self) -> re.Pattern[str]:
        """The pattern searched, compiled when first asked for: a pipeline builds hundreds, and a
        text calls for few."""
        return re.compile(self.source, self.flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Leftmost, non-overlapping matches, as `Pattern.finditer` gives them."""
        pos = 0
        while pos <= len(text) and (match := self.search(text, pos)) is not None:
            yield match
            pos = max(match.end(), match.start() + 1)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        while (match := self.rest.search(text, pos, end)) is not None:
            if not self.bounded or _BOUNDARY.match(text, match.start()):
                return match
            pos = match.start() + 1
        return None


def whole_words(words: Iterable[str]) -> WordLed:
    """Any of some lower-case words or phrases, each whole, for lower-cased text: one
    top-level branch per word, so the search skips ahead (matches nothing when there are none)."""
    branches_ = "|".join(rf"{re.escape(w)}\b" for w in sorted(words))
    return WordLed(re.compile(rf"\b(?:{branches_})" if branches_ else r"(?!)"))


def _own_flags(pattern: re.Pattern[str]) -> str:
    """A pattern's source to join with others, named groups made anonymous and its own
    case-insensitivity kept ("(?i:...)"): the joined pattern has no flags of its own."""
    source = _anonymous(pattern.pattern)
    return f"(?i:{source})" if pattern.flags & re.IGNORECASE else source


def _anonymous(pattern: str) -> str:
    """The same pattern with its named groups made non-capturing (names may repeat across patterns)."""
    return _NAMED_GROUP.sub("(?:", pattern)


def _start(match: re.Match[str]) -> int:
    return match.start()


class PatternSet:
    """Ordered patterns searched together; `finditer` yields (index, match of that pattern).

    `triggers` are regexes one of which every match contains (None: scan the whole text); each
    should be an alternation of literal-led branches, to be fast, and separate triggers should
    start with different characters: two scans over a few rare first characters each are faster
    than one over all of them. `before` and `after` bound how far a match may reach around its
    trigger; with triggers, every match must begin at a word start (or at its trigger, as
    "MS-22" in "theMS-22"). `pattern_triggers`, one regex per pattern, tell which patterns a
    trigger word calls for: the others are not tried around it.
    """

    def __init__(
        self,
        patterns: Sequence[re.Pattern[str]],
        triggers: Sequence[str] | None = None,
        before: int = 40,
        after: int = 80,
        flags: int = 0,
        pattern_triggers: Sequence[str] | None = None,
    ) -> None:
        self.patterns = list(patterns)
        self.flags = flags
        self.triggers = [literal_led([t]) for t in triggers] if triggers else []
        self.before, self.after = before, after
        self.pattern_triggers = [re.compile(t) for t in pattern_triggers] if pattern_triggers else None
        self._subsets: dict[str, _Alternation] = {}

    def finditer(self, text: str) -> Iterator[tuple[int, re.Match[str]]]:
        """(index, match) for each match, leftmost first, matches not overlapping. The match
        has the pattern's span and text; `own_match` gives its named groups."""
        if not self.patterns:
            return
        if not self.triggers:
            pos = 0
            while pos <= len(text) and (hit := self.all.combined.search(text, pos)) is not None:
                found = self.all.rematch(text, hit.start())
                if found is not None:
                    yield found
                pos = max(hit.end(), hit.start() + 1)
            return
        done = 0  # everything before this offset has been matched already
        if len(self.triggers) == 1:
            hits: Iterable[re.Match[str]] = self.triggers[0].finditer(text)
        else:
            hits = sorted((m for t in self.triggers for m in t.finditer(text)), key=_start)
        for trigger in hits:
            if trigger.end() <= done:
                continue
            start = max(done, trigger.start() - self.before)
            end = min(len(text), trigger.end() + self.after)
            found = self._alternation(trigger.group(0)).at_word_starts(text, start, trigger.start(), end)
            if found is not None:
                yield found
                done = found[1].end()
            done = max(done, trigger.start())

    @functools.cached_property
    def all(self) -> _Alternation:
        """Every pattern joined (built when first needed: with per-pattern triggers, seldom)."""
        return _Alternation(self.patterns, range(len(self.patterns)), self.flags)

    def own_match(self, index: int, match: re.Match[str]) -> re.Match[str]:
        """Pattern `index`'s own match where `finditer` found it, with its named groups."""
        own = self.patterns[index].match(match.string, match.start())
        assert own is not None and own.end() == match.end()
        return own

    def _alternation(self, trigger: str) -> _Alternation:
        """The patterns a trigger word calls for, joined."""
        if self.pattern_triggers is None:
            return self.all
        subset = self._subsets.get(trigger)
        if subset is None:
            indices = [i for i, t in enumerate(self.pattern_triggers) if t.fullmatch(trigger)]
            subset = _Alternation(self.patterns, indices or range(len(self.patterns)), self.flags)
            if len(self._subsets) < 4096:
                self._subsets[trigger] = subset
        return subset


class _Alternation:
    """Some of a PatternSet's patterns joined into one regex, each in a group named after its
    index: one search tries them all, and the group that matched tells which one did."""

    def __init__(self, patterns: list[re.Pattern[str]], indices: Iterable[int], flags: int) -> None:
        self.patterns = patterns
        joined = "|".join(f"(?P<p{i}>{_own_flags(patterns[i])})" for i in indices)
        self.combined = re.compile(joined, flags)
        self.word_led = re.compile(rf"\b(?=\w)(?:{joined})", flags)

    def at_word_starts(self, text: str, start: int, last: int, end: int) -> tuple[int, re.Match[str]] | None:
        """The leftmost match beginning at a word start between `start` and `last`, or at `last`
        itself (a trigger inside a word).

        One search of the window (up to `end`) finds the first word start where a match
        begins; the match itself is then taken on the whole text.
        """
        pos = start
        while (hit := self.word_led.search(text, pos, end)) is not None and hit.start() <= last:
            found = self.rematch(text, hit.start())
            if found is not None:
                return found
            pos = hit.start() + 1
        if last > 0 and (text[last - 1].isalnum() or text[last - 1] == "_"):  # not a word start
            return self.rematch(text, last)
        return None

    def rematch(self, text: str, at: int) -> tuple[int, re.Match[str]] | None:
        """The match at `at` on the whole text (a window's end can cut a match short or hide
        what a lookahead must see): which pattern matched, and the joined pattern's match,
        whose span is that pattern's (`PatternSet.own_match` gives its named groups)."""
        whole = self.combined.match(text, at)
        if whole is None:
            return None
        return int(whole.lastgroup[1:]), whole  # type: ignore[index]
