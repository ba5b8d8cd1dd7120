"""spaCy's English tokenizer, with exact pre-checks in front of its slowest searches.

For every chunk of text it has not cached, spaCy's tokenizer calls Python regular expressions:
prefix, suffix, infix and URL. The suffix search is the slow one: its branches all end in `$`,
so `re.search` tries every branch at every position of the chunk, 2-4 µs for a plain word; and
spaCy caches no chunk inside a memory zone or after a document's first special case, so most
chunks pay. A cheap test on the chunk settles most calls instead:

- a chunk of letters only, of decimal digits only or of spaces only has no prefix and no suffix:
  every branch needs some other character (punctuation, a quote, a symbol, a currency sign);
- such a chunk, or one of letters and digits, has no infix: every infix is punctuation, a hyphen
  or a symbol;
- a suffix never begins with a letter that follows a letter or the chunk's start (units and
  currencies, the branches that begin with a letter, follow a digit), so in "station." or
  "NASA's" the search starts where the letters end;
- a URL needs a dot (both of its host branches, name and IP address, require one).

Anything else goes to spaCy's own expression, so the tokens are spaCy's, character for
character. tests/test_tokenizer.py proves each premise from the parsed branches of spaCy's
expressions, and compares the tokens on whole reports and random text. The guards keep the
expression as `__self__`, which is how spaCy serialises a tokenizer's patterns; they pickle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from spacy import util
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

from .components.spans import keep_text

TOKENIZER = "issextract.english_tokenizer.v1"
"""The registered name, for `spacy.blank("en", config=...)` (see `tokenizer_config`)."""


def _prefix(search: Callable[[str], Any], text: str) -> Any:
    return None if text.isalpha() or text.isdecimal() or text.isspace() else search(text)


def _suffix(search: Callable[..., Any], text: str) -> Any:
    if text.isalpha() or text.isdecimal() or text.isspace():
        return None
    if text[:-1].isalpha():  # "station."
        return search(text, len(text) - 1)
    if text[:-2].isalpha():  # "NASA's"
        return search(text, len(text) - 2)
    return search(text)


def _infix(finditer: Callable[[str], Any], text: str) -> Any:
    return () if text.isalnum() or text.isspace() else finditer(text)


def _url(match: Callable[[str], Any], text: str) -> Any:
    return match(text) if "." in text else None


def _guarded(guard: Callable[..., Any], method: Callable[[str], Any] | None) -> Callable[[str], Any] | None:
    """`method` (a compiled pattern's bound method) behind `guard`, keeping the pattern."""
    if method is None:
        return None
    guarded = partial(guard, method)
    guarded.__self__ = method.__self__  # type: ignore[attr-defined]
    return guarded


class TextKeepingTokenizer:
    """spaCy's tokenizer, keeping the input text on the Doc for the components to read.

    `doc.text` re-joins every token on each access; spaCy's tokenization is non-destructive,
    so the input string is the same text, already built.
    """

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        keep_text(doc, text)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet: an instance being unpickled
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    def __reduce__(self) -> tuple[type, tuple[Tokenizer]]:
        return (TextKeepingTokenizer, (self.tokenizer,))


def english_tokenizer(nlp: Language) -> Tokenizer:
    """The tokenizer spaCy builds for English (`spacy.Tokenizer.v1`), with the guards.

    The guards' premises are proved for spaCy's English expressions only. A tokenizer loaded
    from disk gets spaCy's plain expressions back: the same tokens, at spaCy's speed.
    """
    if nlp.lang != "en":
        raise ValueError(f"{TOKENIZER} is for English pipelines, not '{nlp.lang}'")
    defaults = nlp.Defaults
    prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
    return Tokenizer(
        nlp.vocab,
        rules=defaults.tokenizer_exceptions,
        prefix_search=_guarded(_prefix, util.compile_prefix_regex(prefixes).search if prefixes else None),
        suffix_search=_guarded(_suffix, util.compile_suffix_regex(suffixes).search if suffixes else None),
        infix_finditer=_guarded(_infix, util.compile_infix_regex(infixes).finditer if infixes else None),
        token_match=defaults.token_match,
        url_match=_guarded(_url, defaults.url_match),
    )


@registry.tokenizers(TOKENIZER)
def create_tokenizer() -> Callable[[Language], TextKeepingTokenizer]:
    """spaCy's English tokenization, faster (see the module's docstring), keeping the text."""

    def factory(nlp: Language) -> TextKeepingTokenizer:
        return TextKeepingTokenizer(english_tokenizer(nlp))

    return factory


def tokenizer_config() -> dict[str, Any]:
    """The `config` for `spacy.blank` that builds this tokenizer, and only this one."""
    return {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}}
