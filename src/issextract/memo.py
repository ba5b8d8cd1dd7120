"""A bounded memo for what a pure computation gave for a key.

The same few spellings (a scheme name, a date as written, an alias's casing, a trigger word, a
name near a roster name) recur across reports, so their readings are worked out once. The memo
forgets everything at once when full: simple, and bounded however long a batch runs.

On text never seen before most keys are new, and a full memo holds tens of thousands of them:
`forget_all` empties every memo and every `cached` function at once. A batch calls it each time
it closes a spaCy memory zone, so what a zone's documents taught is forgotten with them, and
memory stays flat on fresh text.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")

LIMIT = 65536


_MEMOS: weakref.WeakSet[Memo[Any]] = weakref.WeakSet()
_CACHED: list[Any] = []

F = TypeVar("F", bound=Callable[..., Any])


class Memo(Generic[V]):
    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.values: dict[Hashable, V] = {}
        _MEMOS.add(self)

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value for `key`, made (and kept) the first time it is asked for."""
        try:
            return self.values[key]
        except KeyError:
            if len(self.values) >= self.limit:
                self.values.clear()
            value = self.values[key] = make()
            return value


def cached(maxsize: int) -> Callable[[F], F]:
    """`functools.lru_cache(maxsize)`, emptied by `forget_all` too."""

    def wrap(func: F) -> F:
        memoised = functools.lru_cache(maxsize=maxsize)(func)
        _CACHED.append(memoised)
        return memoised  # type: ignore[return-value]

    return wrap


def forget_all() -> None:
    """Empty every memo and every `cached` function."""
    for memo in list(_MEMOS):
        memo.values.clear()
    for function in _CACHED:
        function.cache_clear()
