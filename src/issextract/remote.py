"""Inputs named by fsspec URLs (s3://, gs://, file://...), beside local paths.

A URL input becomes a `Source` whose path is a `RemotePath`: it opens like a local path, so
`reading.read_source` reads it with the same size limit, decoding and one-line errors. A task
of many remote inputs fetches them all at once first (`prefetch`): object stores answer each
request in tens of milliseconds, far longer than a report takes to process, and their fsspec
backends fetch a list of objects concurrently. fsspec and the backend (s3fs, gcsfs...) are
needed only when a URL is given.
"""

from __future__ import annotations

import fnmatch
import io
import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from . import reading
from .reading import InputError, Source

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def is_url(raw: str) -> bool:
    return _URL.match(raw) is not None


@dataclass(frozen=True)
class RemotePath:
    """Where a URL input is read from; opened through fsspec in the process that reads it. It
    answers what the readers ask of a local `Path` (open, is_symlink, name, suffix)."""

    url: str

    def open(self, mode: str = "rb") -> IO[bytes]:
        import fsspec

        return fsspec.open(self.url, mode).open()

    def is_symlink(self) -> bool:
        return False

    @property
    def name(self) -> str:
        return posixpath.basename(self.url.split("?", 1)[0].rstrip("/"))

    @property
    def suffix(self) -> str:
        """As `Path.suffix`: what tells a web page from a text report."""
        return posixpath.splitext(self.name)[1]

    def __str__(self) -> str:
        return self.url


@dataclass(frozen=True)
class FetchedPath(RemotePath):
    """A remote input already fetched (up to the size limit), or the error fetching it gave."""

    data: bytes | None = None
    error: BaseException | None = None

    def open(self, mode: str = "rb") -> IO[bytes]:
        if self.error is not None:
            raise self.error
        return io.BytesIO(self.data or b"")


def expand_inputs(inputs: Sequence[str], pattern: str = "*.txt") -> Iterator[Source | InputError]:
    """`reading.expand_inputs`, where a URL names a file or a folder as a path does."""
    for raw in inputs:
        if is_url(raw):
            yield from _expand_url(raw, pattern)
        else:
            yield from reading.expand_inputs([raw], pattern)


def _expand_url(raw: str, pattern: str) -> Iterator[Source | InputError]:
    try:
        import fsspec
    except ImportError:
        yield InputError(f"{raw}: reading URLs needs fsspec: pip install 'issextract[dask]'")
        return
    try:
        fs, root = fsspec.core.url_to_fs(raw)
    except (ImportError, ValueError) as exc:  # "Install s3fs to access S3", "Protocol not known"
        yield InputError(f"{raw}: {exc}")
        return
    try:
        if fs.isdir(root):
            base = raw.rstrip("/")
            found = (posixpath.relpath(p, root) for p in fs.find(root))
            for relative in sorted(found, key=lambda r: r.split("/")):
                if fnmatch.fnmatchcase(posixpath.basename(relative), pattern):
                    url = f"{base}/{relative}"
                    yield Source(url, RemotePath(url), relative)  # type: ignore[arg-type]
        elif fs.exists(root):
            yield Source(raw, RemotePath(raw), posixpath.basename(root))  # type: ignore[arg-type]
        else:
            yield InputError(f"{raw}: no such file or folder")
    except OSError as exc:
        yield InputError(f"{raw}: {exc.strerror or exc}")


def prefetch(sources: Sequence[Source | InputError], max_bytes: int) -> list[Source | InputError]:
    """The same sources, each remote one fetched (at most `max_bytes` + 1 bytes, so that the
    size limit still tells), many at once per filesystem."""
    remote = [s for s in sources if isinstance(s, Source) and type(s.path) is RemotePath]
    if not remote:
        return list(sources)
    import fsspec

    fetched: dict[str, FetchedPath] = {}
    by_fs: dict[Any, list[tuple[str, str]]] = {}
    for source in remote:
        url = str(source.path)
        try:
            fs, path = fsspec.core.url_to_fs(url)
        except (ImportError, ValueError) as exc:
            fetched[url] = FetchedPath(url, error=OSError(str(exc)))
            continue
        by_fs.setdefault(fs, []).append((url, path))
    for fs, pairs in by_fs.items():
        paths = [path for _, path in pairs]
        results = fs.cat_ranges(paths, [0] * len(paths), [max_bytes + 1] * len(paths), on_error="return")
        for (url, _), result in zip(pairs, results, strict=True):
            if isinstance(result, BaseException):
                fetched[url] = FetchedPath(url, error=result)
            else:
                fetched[url] = FetchedPath(url, data=bytes(result))
    return [
        Source(s.name, fetched[str(s.path)], s.relative)  # type: ignore[arg-type]
        if isinstance(s, Source) and type(s.path) is RemotePath
        else s
        for s in sources
    ]
