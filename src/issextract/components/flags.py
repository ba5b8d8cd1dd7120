"""Word classes kept on spaCy's vocabulary entries, so that a document's words are classified
once per distinct word rather than once per occurrence.

`vocab.add_flag` stores a predicate's answer in each lexeme's flag bits when the lexeme is made;
`doc.to_array` then reads the bit for every token of a document in one C loop. The components
use this to find the few tokens worth a closer look (an incident's trigger word, a capitalised
word that may start a name) without visiting every token in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy
from spacy.tokens import Doc
from spacy.vocab import Vocab


class _FlagGetter:
    """A flag's predicate as the vocabulary keeps it. A pickled vocabulary (a pickled pipeline)
    keeps the bit as vacant instead: the predicate belongs to a component, which is rebuilt
    from its data when unpickled and registers it again, in a vacant bit."""

    __slots__ = ("predicate",)

    def __init__(self, predicate: Callable[[str], bool]) -> None:
        self.predicate = predicate

    def __call__(self, word: str) -> bool:
        return self.predicate(word)

    def __reduce__(self) -> tuple[type, tuple[()]]:
        return (_Vacant, ())


class _Vacant:
    """A flag bit whose owner is gone (see `_FlagGetter`): false for every word, free to reuse."""

    def __call__(self, word: str) -> bool:
        return False


class WordFlag:
    """A boolean word class registered on a vocabulary; `tokens(doc)` lists the tokens in it."""

    def __init__(self, vocab: Vocab, predicate: Callable[[str], bool]) -> None:
        self.predicate = predicate
        getters = vocab.lex_attr_getters
        vacant = next((bit for bit in range(1, 64) if isinstance(getters.get(bit), _Vacant)), -1)
        self.id = vocab.add_flag(_FlagGetter(predicate), vacant)

    def tokens(self, doc: Doc) -> list[int]:
        if not len(doc):
            return []
        return numpy.flatnonzero(doc.to_array([self.id])).tolist()


class StartsWith:
    """Whether a word begins (in lower case) with one of some lower-case word beginnings; of a
    phrase ("blood clot") its first word counts."""

    def __init__(self, beginnings: Iterable[str]) -> None:
        self.firsts = frozenset(b.split()[0] for b in beginnings if b.strip())
        self.lengths = sorted({len(f) for f in self.firsts})

    def __call__(self, word: str) -> bool:
        lower = word.lower()
        return any(lower[:n] in self.firsts for n in self.lengths)
