"""Typed reading of a gazetteer's fields: every value is checked for its type and, where the
category registry fixes them (data/categories.yaml), its allowed values, when the file is loaded; an error names the
file and the line, so that a bad user file is refused at start-up instead of failing (or
quietly misleading) on every document."""

from __future__ import annotations

import contextlib
import contextvars
import re
import string
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

_VETTED = contextvars.ContextVar("vetted", default=False)


@contextlib.contextmanager
def vetted_files() -> Iterator[None]:
    """Files read inside are the shipped ones, whose patterns the test suite checks in full
    (tests/test_gazetteers.py): they skip the slow pattern checks, which would triple the
    start-up time."""
    token = _VETTED.set(True)
    try:
        yield
    finally:
        _VETTED.reset(token)


def shipped() -> bool:
    """Whether the file being read is a shipped one (read inside `vetted_files`): data/'s, or
    its copy saved with a pipeline, unchanged (components/pipe.py)."""
    return _VETTED.get()


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message names the file and line."""


def fail(path: Path, line: int | None, message: str) -> GazetteerError:
    where = f"{path}:{line}" if line else str(path)
    return GazetteerError(f"{where}: {message}")


def strings(value: Any, path: Path, line: int | None, what: str) -> tuple[str, ...]:
    """A list of non-empty strings (a single string counts as a list of one)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(path, line, f"{what} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def text(value: Any, path: Path, line: int | None, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(path, line, f"{what} must be a non-empty string, not {_shown(value)}")
    return value.strip()


def whole_number(value: Any, path: Path, line: int | None, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise fail(path, line, f"{what} must be a whole number from {low} to {high}, not {_shown(value)}")
    return value


def choice(value: Any, allowed: Iterable[str], path: Path, line: int | None, what: str) -> str:
    allowed = sorted(allowed)
    if not isinstance(value, str) or value not in allowed:
        raise fail(path, line, f"{what} must be one of {', '.join(allowed)}; not {_shown(value)}")
    return value


def known_keys(mapping: dict[Any, Any], allowed: set[str], path: Path, line: int | None, what: str) -> None:
    unknown = [k for k in mapping if k not in allowed]
    if unknown:
        raise fail(path, line, f"unknown field {_shown(unknown[0])} in {what} (allowed: {', '.join(sorted(allowed))})")


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def compile_patterns(
    patterns: tuple[str, ...],
    path: Path,
    line: int | None,
    what: str,
    case_sensitive: bool = False,
    searched: str = "together",
) -> tuple[re.Pattern[str], ...]:
    """Compile a file's patterns; case-insensitive ones are for `regexes.lowered` text. A
    pattern that could backtrack for seconds is refused, and so are patterns that cannot be
    searched as the components search them: `together` in one alternation (`regexes.any_of`),
    `each` on its own (`regexes.WordLed`), as `scheme`s (`regexes.PatternSet`), or `as written`."""
    from .regexes import PatternSet, WordLed, any_of

    compiled = tuple(compile_pattern(p, path, line, what, case_sensitive) for p in patterns)
    if _VETTED.get() or searched == "as written":
        return compiled
    try:
        if searched == "together":
            joined = any_of(compiled)
            _ = joined.rest if isinstance(joined, WordLed) else joined  # compiled now, to be checked
        elif searched == "scheme":
            _ = PatternSet(compiled).all
        else:
            for pattern in compiled:
                _ = WordLed(pattern).rest
    except re.error as exc:
        raise fail(path, line, f"patterns in {what} cannot be searched as issextract searches them: {exc}") from None
    return compiled


def compile_pattern(pattern: str, path: Path, line: int | None, what: str, case_sensitive: bool) -> re.Pattern[str]:
    from .backtracking import backtracking_risk
    from .regexes import lower_regex

    try:
        compiled = re.compile(pattern) if case_sensitive else lower_regex(pattern)
    except re.error as exc:
        raise fail(path, line, f"bad pattern in {what}: {exc}") from None
    if _VETTED.get():
        return compiled
    risk = backtracking_risk(compiled.pattern, compiled.flags)
    if risk:
        raise fail(path, line, f"pattern {_shown(pattern)} in {what} could run for seconds on one line: {risk}")
    return compiled


def template(value: Any, allowed: set[str], path: Path, line: int | None, what: str) -> str:
    """A name built from a match: plain text with {group} placeholders, each a group the
    pattern has (or `num`)."""
    value = text(value, path, line, what)
    try:
        fields = list(string.Formatter().parse(value))
    except ValueError as exc:
        raise fail(path, line, f"{what} {_shown(value)}: {exc}") from None
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in allowed or spec or conversion:
            known = ", ".join("{" + a + "}" for a in sorted(allowed))
            problem = f"unknown placeholder {{{name}}} (this pattern gives {known})"
            raise fail(path, line, f"{what} {_shown(value)}: {problem}")
    return value
