"""Inputs -> (source, text) or a per-file error: folders, globs, stdin, encodings, size limits.

Only regular files are read (and standard input through `-`): a FIFO would block and a device
such as /dev/zero would never end, so both are refused from their `stat` before anything is
opened, and the size limit is enforced by the read itself, not trusted from `stat`.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    """Where its output goes below --output-dir: the name of the folder given (or of the file
    given) and its path below that folder."""


def display_name(raw: str) -> str:
    """A path as text that can be written anywhere: bytes of a file name that are not UTF-8
    (which Python keeps as lone surrogates) are written as \\xNN."""
    try:
        raw.encode("utf-8")
        return raw
    except UnicodeEncodeError:
        pass
    try:
        return raw.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return raw.encode("utf-8", "backslashreplace").decode("utf-8")


def quoted(name: str) -> str:
    """A name as messages show it: as it is when plain, else quoted with its line breaks,
    quotes and other invisible characters escaped, so that one message stays one line."""
    name = display_name(name)
    if name.isprintable() and name.strip() == name and not any(c in name for c in "'\"\\"):
        return name
    return repr(name)


def expand_inputs(inputs: Sequence[str], pattern: str = "*.txt") -> Iterator[Source | InputError]:
    """Files as given, folders as every file matching `pattern` below them, in sorted order.

    A folder holding no such file is an error of its own: a run given nothing to do says so.
    """
    for raw in inputs:
        if raw == STDIN:
            yield Source("<stdin>", None, "stdin")
            continue
        path = Path(raw)
        try:
            if path.is_dir():
                yield from _folder(path, display_name(raw), pattern)
            elif path.exists() or path.is_symlink():
                yield Source(display_name(raw), path, path.name)
            else:
                yield InputError(f"{quoted(raw)}: no such file or folder")
        except OSError as exc:
            yield InputError(f"{quoted(raw)}: {exc.strerror or exc}")


def _folder(path: Path, name: str, pattern: str) -> Iterator[Source | InputError]:
    with os.scandir(path):  # an unreadable folder is named as such, not as an empty one
        pass
    found = sorted(p for p in path.rglob(pattern) if p.is_file() or p.is_symlink())
    if not found:
        yield InputError(f"{quoted(name)}: no file in this folder matches --glob {pattern!r}")
        return
    root = root_name(path)
    for file in found:
        yield Source(display_name(str(file)), file, f"{root}/{file.relative_to(path).as_posix()}")


def root_name(path: Path) -> str:
    """The name a folder given on the command line is mirrored under in --output-dir: its own
    name, or for `.`, `..` and the like, the name of the folder they stand for."""
    return path.name if path.name not in {"", ".", ".."} else (path.resolve().name or "root")


_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(data: bytes) -> str:
    """Text from bytes: UTF-32 or UTF-16 by their byte-order mark, UTF-16 without one (NUL
    bytes on one side of each pair), UTF-8 (with or without BOM), else charset detection."""
    if not data.strip():
        raise InputError("empty file")
    if data.startswith(_UTF32_BOMS):
        return _strict(data, "utf-32", "UTF-32")
    if data.startswith(_UTF16_BOMS):
        return _strict(data, "utf-16", "UTF-16")
    if b"\0" in data[:8192]:
        # Text has no NUL bytes, except as half of a UTF-16 character; UTF-16 of Latin or
        # Cyrillic letters is also valid UTF-8, so this is looked at first.
        return _bomless_utf16(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("binary file or unknown text encoding")
    return str(best)


def _strict(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid {label}: {_decode_problem(exc, len(data))}") from None


def _decode_problem(exc: UnicodeDecodeError, size: int) -> str:
    if exc.end >= size and "truncated" in exc.reason:
        return f"odd number of bytes ({size})"
    if "surrogate" in exc.reason or (exc.reason == "illegal encoding" and exc.encoding.startswith("utf-16")):
        return f"lone surrogate at byte {exc.start}"  # "illegal encoding": a high one not followed by a low
    return f"{exc.reason} at byte {exc.start}"


def _bomless_utf16(data: bytes) -> str:
    """UTF-16 without a byte-order mark: the NUL bytes (of spaces and Latin letters) are all on
    one side of the pairs. Anything else holding NUL bytes is binary."""
    sample = data[:8192]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if min(even, odd) * 20 > max(even, odd) or max(even, odd) * 50 < len(sample) // 2:
        raise InputError("binary file, not text")
    text = _strict(data, "utf-16-be" if even > odd else "utf-16-le", "UTF-16 (no byte-order mark)")
    if _unprintable_share(text[:4096]) > 0.02:
        raise InputError("binary file, not text")
    return text


def _unprintable_share(text: str) -> float:
    """The share of characters no text holds: controls other than line breaks and tabs,
    unassigned code points, private use."""
    odd = sum(1 for c in text if c not in "\t\n\r\f" and unicodedata.category(c) in {"Cc", "Cn", "Co", "Cs"})
    return odd / max(1, len(text))


_KINDS = {
    stat.S_IFDIR: "is a folder",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def file_kind(mode: int) -> str:
    """What a non-regular file is, in a few words."""
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def _read_remote(path: Any, max_bytes: int, limit_hint: str) -> bytes:
    try:
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a folder") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise InputError(f"file larger than the {_megabytes(max_bytes)} limit ({limit_hint})")
    return data


def read_regular(path: Path, max_bytes: int, limit_hint: str = "--max-size") -> bytes:
    """The bytes of a regular file, at most `max_bytes`, or InputError saying why not.

    The file is stat'ed before it is opened, so a FIFO or a device is refused without being
    opened; it is opened without blocking and checked again (it may have been swapped since),
    and read with the limit, so a file growing while it is read cannot exceed it either.
    A URL's input (`remote.RemotePath`, no local path) is opened and read with the limit.
    """
    if not isinstance(path, os.PathLike):
        return _read_remote(path, max_bytes, limit_hint)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(_not_regular(mode))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("broken symbolic link" if path.is_symlink() else "no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    with open(fd, "rb", buffering=0) as file:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(_not_regular(mode))
        os.set_blocking(fd, True)
        try:
            data = _read_limited(file, os.fstat(fd).st_size, max_bytes)
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise InputError(f"file larger than the {_megabytes(max_bytes)} limit ({limit_hint})")
    return data


def _read_limited(file: Any, size: int, max_bytes: int) -> bytes:
    """At most `max_bytes` + 1 bytes of a file `size` bytes long when it was opened.

    The first read asks for the size and one byte more, not for the limit: a read allocates
    what it asks for, and ten megabytes allocated (and given back) for each report of a few
    kilobytes cost more than reading it. A file that grew, or reports no size (/proc), is read
    on up to the limit."""
    data = file.read(min(size, max_bytes) + 1)
    while size < len(data) <= max_bytes:
        more = file.read(min(max(len(data), 64 * 1024), max_bytes + 1 - len(data)))
        if not more:
            break
        data += more
    return data


def _not_regular(mode: int) -> str:
    kind = file_kind(mode)
    return kind if stat.S_ISDIR(mode) else f"not a regular file ({kind})"


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size:,} byte"


def _read_stdin(max_bytes: int) -> bytes:
    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        raise InputError("standard input is closed")
    try:
        data = stream.buffer.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read standard input: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > max_bytes:
        raise InputError(f"input larger than the {_megabytes(max_bytes)} limit (--max-size)")
    return data


def read_source(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of one input, or InputError saying why it cannot be used."""
    data = _read_stdin(max_bytes) if source.path is None else read_regular(source.path, max_bytes)
    text = decode(data)
    if "\0" in text:
        raise InputError("binary file, not text")
    return text
