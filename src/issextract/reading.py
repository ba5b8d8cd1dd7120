"""Inputs -> (source, text) or a per-file error: folders, globs, stdin, encodings, size limits."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"


class InputError(Exception):
    """A file that cannot be read as a text report; the message says why, in a few words."""


@dataclass(frozen=True)
class Source:
    """One input: its name as the user gave it (`<stdin>` for standard input) and its path."""

    name: str
    path: Path | None
    relative: str = ""
    """Where its output goes below --output-dir: its path below the folder given, or its name."""


def expand_inputs(inputs: Sequence[str], pattern: str = "*.txt") -> Iterator[Source | InputError]:
    """Files as given, folders as every file matching `pattern` below them, in sorted order."""
    for raw in inputs:
        if raw == STDIN:
            yield Source("<stdin>", None, "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            for found in sorted(p for p in path.rglob(pattern) if p.is_file() or p.is_symlink()):
                yield Source(str(found), found, found.relative_to(path).as_posix())
        elif path.exists() or path.is_symlink():
            yield Source(raw, path, path.name)
        else:
            yield InputError(f"{raw}: no such file or folder")


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 by BOM, else charset detection."""
    if not data.strip():
        raise InputError("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\0" in data[:8192]:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise InputError("binary file, not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("binary file or unknown text encoding")
    return str(best)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: half the bytes are NUL, on one side."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < len(sample) // 4:
        return None
    try:
        return data.decode("utf-16-be" if even > odd else "utf-16-le")
    except UnicodeDecodeError:
        return None


def read_source(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of one input, or InputError saying why it cannot be used."""
    try:
        if source.path is None:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            # One open and one bounded read: no separate checks (each a system call) first.
            with source.path.open("rb") as file:
                data = file.read(max_bytes + 1)
    except FileNotFoundError:
        if source.path is not None and source.path.is_symlink():
            raise InputError("broken symbolic link") from None
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a folder") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        what = "input" if source.path is None else "file"
        raise InputError(f"{what} larger than the {max_bytes // (1024 * 1024)} MB limit (--max-size)")
    text = decode(data)
    if "\0" in text:
        raise InputError("binary file, not text")
    return text
