"""Saved web pages -> the article's text and the page's publication date, by trafilatura.

A page's navigation, footers and scripts are left out; its headline leads the text, and its
paragraphs are set apart by blank lines, as in a text report, so that the rules that read a
report's first lines (its title date, its dateline) read a page the same way. Offsets in the
record refer to this extracted text, which `show` displays.

The publication date comes from the page's markup (meta tags, structured data, `<time>`): it
is a candidate for the document's own date, used when the text states none. The text itself
is not searched for a date here; the date rules do that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .reading import InputError, Source, read_source
from .textnorm import fold

WEB_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
SENTENCE_WORDS = 4
"""An article has a paragraph of at least this many words: on a page with no article, the
extractor falls back to what text there is, link labels ("Home", "World news") and the like."""
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2999-12-31"}
"""Publication dates from the markup only, never guessed from the text; and no bound from the
clock (trafilatura's default latest date is today)."""


@dataclass(frozen=True)
class Document:
    """What the pipeline reads of one input: its text and, for a web page, its publication date."""

    text: str
    published: str | None = None
    """ISO date (YYYY-MM-DD) a container gives the text: a candidate for the document's own date."""


def is_web_page(source: Source, text: str) -> bool:
    """A file named as a web page, or standard input that begins as one."""
    if source.path is not None:
        return source.path.suffix.lower() in WEB_PAGE_SUFFIXES
    return bool(_HTML_START.match(text[:4096]))


def page_document(html: str) -> Document:
    """The article of a saved page, or InputError when it has none."""
    import trafilatura

    found = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    body = (getattr(found, "text", None) or "") if found is not None else ""
    paragraphs = [p for p in (" ".join(line.split()) for line in body.splitlines()) if p]
    if not any(len(p.split()) >= SENTENCE_WORDS for p in paragraphs):
        raise InputError("web page with no article text")
    title = " ".join((getattr(found, "title", None) or "").split())
    if title and fold(title) != fold(paragraphs[0]):
        paragraphs.insert(0, title)
    return Document("\n\n".join(paragraphs) + "\n", _iso_day(getattr(found, "date", None)))


def _iso_day(value: str | None) -> str | None:
    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def read_document(source: Source, max_bytes: int) -> Document:
    """One input as the pipeline reads it: a text file's text, a web page's article."""
    text = read_source(source, max_bytes)
    if is_web_page(source, text):
        return page_document(text)
    return Document(text)
