"""The Python API: `extract(text)` and `Extractor`, for notebooks, Dask, Ray or any worker pool.

An `Extractor` is only its settings: the reference date and the *contents* of the user's
gazetteer files, read when it is made. It pickles in a few bytes (plus those contents) and can
be sent to processes or machines that cannot see the files. Each process builds the pipeline
for a given set of settings once, on first use, and keeps it (`_PIPELINES`); extraction in a
process is serialised by one lock, since a pipeline and its memory zones are not thread-safe
(threads would gain nothing anyway: the work holds the GIL).

Importing this module does not import spaCy.
"""

from __future__ import annotations

import atexit
import datetime
import gc
import hashlib
import shutil
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .reading import DEFAULT_MAX_BYTES

_PIPELINES: dict[tuple[str, tuple[tuple[str, str], ...]], Any] = {}
"""This process's pipelines, by (reference date, gazetteer names and contents)."""

_LOCK = threading.RLock()
_COPIES: dict[str, Path] = {}
"""Gazetteer contents written to this process's temporary folder, by their digest."""
_COPY_DIR: list[Path] = []


def load_pipeline(
    gazetteers: Sequence[str | Path] = (), reference_date: str = "", max_chars: int = DEFAULT_MAX_BYTES
) -> Any:
    """The pipeline of the command line and of `Extractor` (no spans: both read the finds from
    the store, see components/spans.py), built with the garbage collector paused.

    Importing spaCy and building the pipeline makes a few million long-lived objects; left
    alone, the collector would walk them all several times (tens of milliseconds each), and
    again during a batch. They are moved out of its sight once built (`gc.freeze`).
    """
    gc.disable()
    try:
        from .pipeline import build_pipeline

        return build_pipeline(gazetteers, reference_date, spans=False, max_chars=max_chars)
    finally:
        gc.freeze()
        gc.enable()


def _iso_date(value: str | datetime.date | None) -> str:
    if not value:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"'{value}' is not a date in the form YYYY-MM-DD") from None


class Extractor:
    """Extracts records with fixed settings; cheap to make, to pickle and to send to workers.

    `gazetteers` are extra gazetteer files (same format as data/): they are read and checked
    now (a malformed one raises `GazetteerError` naming its path and line), and their contents
    travel with the extractor. `date` is when the reports were written (YYYY-MM-DD or a
    `datetime.date`): it resolves weekdays and relative dates.
    """

    def __init__(self, gazetteers: Sequence[str | Path] = (), date: str | datetime.date | None = None) -> None:
        from .gazetteers import load_gazetteer

        self.reference_date = _iso_date(date)
        load_gazetteer(gazetteers)  # the user's errors here, with their own paths
        self.gazetteers = tuple((str(p), Path(p).read_text(encoding="utf-8")) for p in gazetteers)

    @property
    def key(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        return (self.reference_date, self.gazetteers)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Extractor) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        names = [name for name, _ in self.gazetteers]
        return f"Extractor(gazetteers={names!r}, date={self.reference_date or None!r})"

    @property
    def nlp(self) -> Any:
        """This process's spaCy pipeline for these settings, built on first use (no `doc.spans`)."""
        with _LOCK:
            nlp = _PIPELINES.get(self.key)
            if nlp is None:
                nlp = _PIPELINES[self.key] = load_pipeline(self._gazetteer_files(), self.reference_date)
            return nlp

    @property
    def registry(self) -> Any:
        """The categories these settings extract: the shipped ones and those the gazetteer
        files declare (data/categories.yaml, `registry.Registry`)."""
        from .registry import load_registry

        return load_registry(tuple(self._gazetteer_files()))

    @contextmanager
    def held(self, max_bytes: int = DEFAULT_MAX_BYTES, debug: bool = False, keep_text: bool = False) -> Iterator[None]:
        """Inside: this process's `batch.process_one` and `batch.extract_text` use these settings
        (and the batch options, as for `batch.run`)."""
        from . import batch

        with _LOCK:
            batch.hold(self.nlp, max_bytes, debug, keep_text)
            yield

    def extract(self, text: str, source: str = "<text>", date: str | datetime.date | None = None) -> dict[str, Any]:
        """The record of one report: the same dict `issextract parse` writes, `source` as given.

        `date`, when given, is when this report was written, in place of the extractor's own
        (the same pipeline serves every date).
        """
        from . import batch

        own = _iso_date(date)
        with self.held():
            return batch.extract_text(text, source, own if own != self.reference_date else "")

    __call__ = extract

    def _gazetteer_files(self) -> list[str]:
        """Paths holding the gazetteer contents: the original file when this process sees it
        unchanged, else a copy in this process's temporary folder (a worker on another machine)."""
        paths = []
        for name, text in self.gazetteers:
            try:
                if Path(name).read_text(encoding="utf-8") == text:
                    paths.append(name)
                    continue
            except (OSError, UnicodeDecodeError):
                pass
            paths.append(str(_copy_of(name, text)))
        return paths


def _copy_of(name: str, text: str) -> Path:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    copy = _COPIES.get(digest)
    if copy is None:
        if not _COPY_DIR:
            _COPY_DIR.append(Path(tempfile.mkdtemp(prefix="issextract-gazetteers-")))
            atexit.register(shutil.rmtree, _COPY_DIR[0], True)
        copy = _COPY_DIR[0] / digest / Path(name).name
        copy.parent.mkdir(exist_ok=True)
        copy.write_text(text, encoding="utf-8")
        _COPIES[digest] = copy
    return copy


_DEFAULT: list[Extractor] = []


def extract(text: str, source: str = "<text>", date: str | datetime.date | None = None) -> dict[str, Any]:
    """The record of one report, with the shipped gazetteers; `date` is when it was written
    (YYYY-MM-DD or a `datetime.date`: weekdays and relative dates are resolved against it)."""
    if not _DEFAULT:
        _DEFAULT.append(Extractor())
    return _DEFAULT[0].extract(text, source, date)
