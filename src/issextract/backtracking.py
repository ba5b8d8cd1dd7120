"""Regular expressions that could run for seconds on one line are refused, not run.

Python's engine backtracks: a repetition whose body can match the same text in more than one
way ("(a+)+", "(\\w+\\s?)+", "(.*,)*", "(a|aa)+") tries exponentially many ways to split a
line it fails on. A user's gazetteer is matched against every report, so such a pattern is
refused when the file is loaded, with the part of it at fault.

The test is a sufficient condition, read from the parsed pattern: inside a repetition that may
run more than once, a repeated part (or an alternation of overlapping branches) must not be
able to take the first character of what follows it, since that is where the engine could cut
the text differently. Character sets are compared on a probe alphabet (ASCII and a few
characters of other scripts, spaces and marks), which is exact for the ASCII classes patterns
are written with. Possessive repetitions and atomic groups never backtrack and are let be.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

try:  # Python 3.11+
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

PROBES = frozenset(
    [chr(i) for i in range(128)] + list("\xa0\xe9\xdf\u0416\u0436\u03a3\u03c3\u4e2d\u0301\u2028\u2019\u2013")
)
_CATEGORIES = {
    getattr(sre, name): re.compile(regex)
    for name, regex in [
        ("CATEGORY_DIGIT", r"\d"),
        ("CATEGORY_NOT_DIGIT", r"\D"),
        ("CATEGORY_SPACE", r"\s"),
        ("CATEGORY_NOT_SPACE", r"\S"),
        ("CATEGORY_WORD", r"\w"),
        ("CATEGORY_NOT_WORD", r"\W"),
    ]
}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT}
_POSSESSIVE = {getattr(sre, "POSSESSIVE_REPEAT", object())}
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_IGNORECASE = re.IGNORECASE.value


class Info(NamedTuple):
    """What a piece of pattern can start with, whether it can match nothing, and every
    character it can take."""

    first: frozenset[str]
    nullable: bool
    consumed: frozenset[str]


_EMPTY = Info(frozenset(), True, frozenset())
_ANYTHING = Info(PROBES, True, PROBES)


def _cased(chars: set[str] | frozenset[str], ignore_case: bool) -> frozenset[str]:
    if not ignore_case:
        return frozenset(chars)
    return frozenset(c for ch in chars for c in (ch, ch.lower(), ch.upper()) if c in PROBES)


def _class(items: Any, ignore_case: bool) -> frozenset[str]:
    chars: set[str] = set()
    negate = False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            chars.update(c for c in PROBES if av[0] <= ord(c) <= av[1])
        elif op is sre.CATEGORY:
            chars.update(c for c in PROBES if _CATEGORIES[av].match(c))
    chars = set(_cased(chars, ignore_case))
    return frozenset(PROBES - chars if negate else chars)


def _atom(op: Any, av: Any, ignore_case: bool) -> frozenset[str] | None:
    if op is sre.LITERAL:
        return _cased({chr(av)}, ignore_case)
    if op is sre.NOT_LITERAL:
        return PROBES - _cased({chr(av)}, ignore_case)
    if op is sre.ANY:
        return PROBES - {"\n"}
    if op is sre.IN:
        return _class(av, ignore_case)
    return None


def _flags(av: Any, ignore_case: bool) -> bool:
    """Case folding inside a group: its own flags added to or taken from the ones around."""
    added, removed = av[1], av[2]
    return bool((ignore_case or added & _IGNORECASE) and not removed & _IGNORECASE)


def info(op: Any, av: Any, ignore_case: bool) -> Info:
    atom = _atom(op, av, ignore_case)
    if atom is not None:
        return Info(atom, False, atom)
    if op in _ZERO_WIDTH:
        return _EMPTY
    if op is sre.SUBPATTERN:
        return sequence_info(av[-1], _flags(av, ignore_case))
    if op in _REPEATS or op in _POSSESSIVE:
        body = sequence_info(av[2], ignore_case)
        return Info(body.first, av[0] == 0 or body.nullable, body.consumed)
    if op is sre.BRANCH:
        return _union([sequence_info(alt, ignore_case) for alt in av[1]])
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return sequence_info(av, ignore_case)
    if op is sre.GROUPREF_EXISTS:
        return _union([sequence_info(p, ignore_case) if p is not None else _EMPTY for p in av[1:]])
    return _ANYTHING  # a back-reference: anything


def _union(parts: list[Info]) -> Info:
    return Info(
        frozenset().union(*(p.first for p in parts)),
        any(p.nullable for p in parts),
        frozenset().union(*(p.consumed for p in parts)),
    )


def sequence_info(seq: Any, ignore_case: bool) -> Info:
    first: set[str] = set()
    consumed: set[str] = set()
    nullable = True
    for op, av in seq:
        part = info(op, av, ignore_case)
        consumed |= part.consumed
        if nullable:
            first |= part.first
            nullable = part.nullable
    return Info(frozenset(first), nullable, frozenset(consumed))


def _follows(seq: Any, follow: frozenset[str], ignore_case: bool) -> list[frozenset[str]]:
    """For each element of `seq`, the characters what comes after it can start with."""
    out: list[frozenset[str]] = []
    after = follow
    for op, av in reversed(list(seq)):
        out.append(after)
        part = info(op, av, ignore_case)
        after = part.first | after if part.nullable else part.first
    return out[::-1]


def _walk(seq: Any, follow: frozenset[str], repeated: bool, ignore_case: bool) -> str | None:
    """The first part of `seq` that makes backtracking explode, if any. `repeated`: `seq` is
    (inside) the body of a repetition that may run more than once."""
    for (op, av), after in zip(seq, _follows(seq, follow, ignore_case), strict=True):
        problem = _element(op, av, after, repeated, ignore_case)
        if problem:
            return problem
    return None


def _element(op: Any, av: Any, after: frozenset[str], repeated: bool, ignore_case: bool) -> str | None:
    if op in _REPEATS or op in _POSSESSIVE:
        return _repeat(op, av, after, repeated, ignore_case)
    if op is sre.SUBPATTERN:
        return _walk(av[-1], after, repeated, _flags(av, ignore_case))
    if op is sre.BRANCH:
        return _branch(av[1], after, repeated, ignore_case)
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return _walk(av[1], frozenset(), False, ignore_case)
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _walk(av, frozenset(), False, ignore_case)
    if op is sre.GROUPREF_EXISTS:
        parts = [part for part in av[1:] if part is not None]
        return next((p for part in parts if (p := _walk(part, after, repeated, ignore_case))), None)
    return None


def _repeat(op: Any, av: Any, after: frozenset[str], repeated: bool, ignore_case: bool) -> str | None:
    _, high, body = av
    many = high > 1
    part = sequence_info(body, ignore_case)
    if repeated and many and op in _REPEATS and part.consumed & after:
        return "a repeated part inside a repetition can take what follows it"
    inner_follow = part.first | after if many else after
    return _walk(body, inner_follow, repeated or many, ignore_case)


def _branch(alts: Any, after: frozenset[str], repeated: bool, ignore_case: bool) -> str | None:
    alternatives = [sequence_info(alt, ignore_case) for alt in alts]
    both_empty = sum(a.nullable for a in alternatives) > 1  # "(?:a|a)" is parsed as "a(?:|)"
    if repeated and (both_empty or (_overlapping(alternatives) and any(a.consumed & after for a in alternatives))):
        return "alternatives inside a repetition can match the same text"
    return next((p for alt in alts if (p := _walk(alt, after, repeated, ignore_case))), None)


def _overlapping(alternatives: list[Info]) -> bool:
    seen: set[str] = set()
    for alt in alternatives:
        if alt.nullable or seen & alt.first:
            return True
        seen |= alt.first
    return False


@functools.lru_cache(maxsize=4096)
def backtracking_risk(pattern: str, flags: int = 0) -> str | None:
    """Why `pattern` could backtrack exponentially, or None. The pattern must compile."""
    parsed = sre_parse.parse(pattern, flags)
    return _walk(parsed, frozenset(), False, bool(parsed.state.flags & _IGNORECASE))
