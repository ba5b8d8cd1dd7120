"""Run the pipeline over many inputs, in order, in one process or a pool of workers.

Only plain data crosses process boundaries: a worker gets a `Source` and gives back the record
dict (or the reason the input failed). Workers are forked after the pipeline is built, so they
start with it loaded. Documents are processed inside spaCy memory zones that are renewed every
ZONE_DOCS documents, so memory stays flat however many documents pass through.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .reading import DEFAULT_MAX_BYTES, InputError, Source
from .webpages import read_document

BIG_BATCH = 64
"""Below this many inputs a pool costs more to start than it saves."""


@dataclass(frozen=True)
class Outcome:
    """What became of one input: its record, or the one-line reason it failed."""

    source: Source | None
    record: dict[str, Any] | None = None
    error: str | None = None
    words: int = 0
    text: str | None = None
    """The text the record's offsets refer to, when `run` was asked to keep it."""
    saved: bool = False
    """The record is already in its own output file (written by a cluster worker), not here."""
    rendered: str | None = None
    """The record as the output format writes it (`writers.RENDERERS`), in its place: a cluster
    worker renders it so that the client only writes text."""


ZONE_DOCS = 500
"""Documents per spaCy memory zone: the strings, lexemes and tokenizer cache entries a zone
adds are freed when it closes, so memory stays flat; a zone per document would rebuild the
lexemes and cache entries of common words every time."""

WARMUP_DOCS = 50
"""Documents processed before the first memory zone: their words stay in the vocabulary for
good, so the common words of a collection are not rebuilt in every zone. A bounded cost: the
vocabulary of fifty reports."""

_NLP: Any = None
_MAX_BYTES = 0
_DEBUG = False
_KEEP_TEXT = False
_ZONE: Any = None
_ZONE_COUNT = 0
_WARMED = 0


def _in_memory_zone() -> None:
    """Keep this process inside a memory zone, opening a fresh one every ZONE_DOCS documents."""
    global _ZONE, _ZONE_COUNT, _WARMED
    if _WARMED < WARMUP_DOCS:
        _WARMED += 1
        return
    if _ZONE is not None and _ZONE_COUNT >= ZONE_DOCS:
        _ZONE.__exit__(None, None, None)
        _ZONE = None
    if _ZONE is None:
        _ZONE = _NLP.memory_zone()
        _ZONE.__enter__()
        _ZONE_COUNT = 0
    _ZONE_COUNT += 1


def hold(nlp: Any, max_bytes: int = DEFAULT_MAX_BYTES, debug: bool = False, keep_text: bool = False) -> None:
    """Make `nlp` the pipeline this process extracts with (`process_one`, `extract_text`).

    A process that switches pipelines (a cluster worker serving runs with other settings)
    first leaves the memory zone of the one it held.
    """
    global _NLP, _MAX_BYTES, _DEBUG, _KEEP_TEXT, _WARMED
    if nlp is not _NLP:
        release()
        _WARMED = 0
    _NLP, _MAX_BYTES, _DEBUG, _KEEP_TEXT = nlp, max_bytes, debug, keep_text


def release() -> None:
    """Leave the open memory zone, if any (at the end of a batch)."""
    global _ZONE
    if _ZONE is not None:
        _ZONE.__exit__(None, None, None)
        _ZONE = None


def extract_text(text: str, name: str, reference_date: str = "", candidate_date: str | None = None) -> dict[str, Any]:
    """The record of one text, extracted with the pipeline this process holds; `reference_date`
    (YYYY-MM-DD) replaces the pipeline's own for this text, `candidate_date` as for
    `pipeline.process`."""
    from .pipeline import process
    from .record import doc_to_record

    _in_memory_zone()
    return doc_to_record(process(_NLP, text, candidate_date, reference_date), name)


def process_one(source: Source | InputError) -> Outcome:
    """Read, extract and convert one input with the pipeline this process holds."""
    if isinstance(source, InputError):
        return Outcome(None, error=str(source))
    try:
        document = read_document(source, _MAX_BYTES)
        text = document.text
        record = extract_text(text, source.name, candidate_date=document.published)
    except InputError as exc:
        return Outcome(source, error=f"{source.name}: {exc}")
    except Exception as exc:
        if _DEBUG:
            raise
        return Outcome(source, error=f"{source.name}: internal error: {type(exc).__name__}: {exc} (use --debug)")
    return Outcome(source, record=record, words=len(text.split()), text=text if _KEEP_TEXT else None)


def default_workers(count: int) -> int:
    """One process for small runs; for big batches, one per CPU this process may use."""
    if count < BIG_BATCH:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 8))


def run(
    nlp: Any,
    sources: Iterable[Source | InputError],
    workers: int,
    max_bytes: int,
    debug: bool = False,
    keep_text: bool = False,
) -> Iterator[Outcome]:
    """Outcomes in input order, each yielded as soon as it (and all before it) is done; with
    `keep_text`, each with its text."""
    hold(nlp, max_bytes, debug, keep_text)
    try:
        if workers <= 1:
            yield from map(process_one, sources)
            return
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            yield from pool.imap(process_one, sources, chunksize=8)
    finally:
        release()
