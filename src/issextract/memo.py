"""A bounded memo for what a pure computation gave for a key.

The same few spellings (a scheme name, a date as written, an alias's casing, a trigger word, a
name near a roster name) recur across reports, so their readings are worked out once. The memo
forgets everything at once when full: simple, and bounded however long a batch runs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")

LIMIT = 65536


class Memo(Generic[V]):
    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.values: dict[Hashable, V] = {}

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value for `key`, made (and kept) the first time it is asked for."""
        try:
            return self.values[key]
        except KeyError:
            if len(self.values) >= self.limit:
                self.values.clear()
            value = self.values[key] = make()
            return value
