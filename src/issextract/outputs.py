"""Where output goes, and how it gets there without losing anything.

Every file issextract writes (`-o FILE`, each file of `--output-dir`, `show --html`) is written
beside its target under a temporary name and renamed over it only once complete: a run that is
killed, interrupted or stopped by a full disk leaves the previous file, never half of a new one.
New files get the mode any program's would (0666 less the umask), a replaced file keeps its own.
Targets that are not regular files (a folder, a device, a FIFO) are refused, as is any output
that would replace one of the inputs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TextIO

from .reading import Source, file_kind, quoted

STDOUT = "-"

FATAL_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EIO})
"""Write errors every later write would meet too: the batch stops at the first."""


class OutputError(Exception):
    """An output that cannot be written; the message names the path and the reason."""

    def __init__(self, message: str, fatal: bool = False) -> None:
        super().__init__(message)
        self.fatal = fatal


class OutputRefused(Exception):
    """An output the command line asks for that must not be written at all (a usage error)."""


def write_failure(path: Path | str, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENAMETOOLONG:
        reason = "file name too long"
    return OutputError(f"{quoted(str(path))}: cannot write: {reason}", fatal=exc.errno in FATAL_ERRNOS)


_UMASK: int | None = None


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK


def _mode_for(target: Path) -> int:
    """The mode a new file gets from `open()` (0666 less the umask); a file being replaced
    keeps its own."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


_TEMP_NAME_CHARS = 64
"""Of the target's name, as much goes into the temporary name: with the random part and the
suffix it stays within the 255 bytes a name may have, however long the target's name is."""


class AtomicFile:
    """A text file written beside `target` and renamed over it by `commit()`; `discard()` (or
    any exception inside `with`) removes it and leaves the target as it was."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.temp: str | None = None
        self.stream: TextIO | None = None

    def open(self) -> TextIO:
        prefix = f".{self.target.name[:_TEMP_NAME_CHARS]}."
        try:
            handle, self.temp = tempfile.mkstemp(dir=self.target.parent, prefix=prefix, suffix=".tmp")
        except OSError as exc:
            raise write_failure(self.target, exc) from None
        with contextlib.suppress(OSError):  # a file system without modes (some mounts) still takes the data
            os.fchmod(handle, _mode_for(self.target))
        self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
        return self.stream

    def commit(self) -> None:
        assert self.stream is not None and self.temp is not None
        try:
            self.stream.close()
            os.replace(self.temp, self.target)
        except OSError as exc:
            self.discard()
            raise write_failure(self.target, exc) from None
        self.temp = None

    def discard(self) -> None:
        if self.stream is not None:
            with contextlib.suppress(OSError):
                self.stream.close()
        if self.temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.temp)
            self.temp = None

    def __enter__(self) -> TextIO:
        return self.open()

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def write_text(target: Path, text: str) -> None:
    """Write a whole file atomically (OutputError if it cannot be)."""
    with AtomicFile(target) as out:
        try:
            out.write(text)
        except OSError as exc:
            raise write_failure(target, exc) from None


def file_target(given: str, option: str) -> Path:
    """The file `-o FILE` or `--html FILE` writes: symbolic links followed, so that the file a
    link leads to is what gets replaced; refused (OutputRefused) when it is not a regular file."""
    real = Path(os.path.realpath(given))
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    except OSError as exc:  # a name too long, a folder that cannot be entered: as writing would fail
        raise write_failure(given, exc) from None
    if not stat.S_ISREG(mode):
        raise OutputRefused(
            f"{option} {quoted(given)}: {file_kind(mode)}, not a regular file; refusing to replace it "
            f"(use {option} - for standard output)"
        )
    return real


def file_ids(paths: Iterable[Path]) -> dict[tuple[int, int], Path]:
    """The identity (device, inode) of each file that exists, symbolic links followed."""
    ids = {}
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        ids.setdefault((info.st_dev, info.st_ino), path)
    return ids


def input_ids(sources: Iterable[object]) -> dict[tuple[int, int], Path]:
    """The identities of the local inputs (a URL's input is never a local file to overwrite)."""
    return file_ids(s.path for s in sources if isinstance(s, Source) and isinstance(s.path, os.PathLike))


def overwritten_input(target: Path, inputs: dict[tuple[int, int], Path]) -> Path | None:
    """The input `target` is (the same file, through a link or another name), if any."""
    same = next(iter(file_ids([target])), None)
    return inputs.get(same) if same is not None else None


def refuse_input_overwrite(given: str, target: Path, inputs: dict[tuple[int, int], Path], option: str) -> None:
    """OutputRefused if the file `option` (`-o`, `--html`) names is one of the inputs."""
    original = overwritten_input(target, inputs)
    if original is not None:
        raise OutputRefused(f"{option} {quoted(given)} is the input {quoted(str(original))}; refusing to overwrite it")


def record_file(out_dir: Path, relative: str, fmt: str) -> Path:
    """Where one input's record goes below `out_dir`: its path below the folder given, under
    that folder's own name, with `.yaml` or `.json` added to its whole name (so `r.txt` and
    `r.md` stay apart). `..` and absolute parts are dropped: never outside `out_dir`."""
    suffix = ".json" if fmt == "json" else ".yaml"
    parts = [p for p in PurePosixPath(relative).parts if p not in {"", ".", "..", "/"}] or ["stdin"]
    parts[-1] += suffix
    return out_dir.joinpath(*parts)


def plan_record_files(
    out_dir: Path, sources: Iterable[object], fmt: str, inputs: dict[tuple[int, int], Path]
) -> dict[Source, Path]:
    """Each input's output file, refused (OutputRefused) if two inputs would share one or one
    would replace an input."""
    planned: dict[Source, Path] = {}
    owners: dict[Path, Source] = {}
    for source in sources:
        if not isinstance(source, Source):
            continue
        target = record_file(out_dir, source.relative, fmt)
        other = owners.setdefault(target, source)
        if other is not source:
            raise OutputRefused(
                f"--output-dir: {quoted(other.name)} and {quoted(source.name)} would both be written to "
                f"{quoted(str(target))}; give them from different folders or run them separately"
            )
        original = overwritten_input(target, inputs)
        if original is not None:
            raise OutputRefused(
                f"--output-dir: the output of {quoted(source.name)} would be {quoted(str(target))}, "
                f"which is the input {quoted(str(original))}; refusing to overwrite it"
            )
        planned[source] = target
    return planned


def _inside(root: Path, folder: Path) -> bool:
    real_root, real = root.resolve(), folder.resolve()
    return real == real_root or real_root in real.parents


def write_record_file(out_dir: Path, target: Path, text: str) -> None:
    """One --output-dir file, atomically; never through a link leading out of `out_dir`, never
    over anything but a regular file."""
    if not _inside(out_dir, target.parent):
        raise OutputError(f"{quoted(str(target))}: refused: a symbolic link leads out of {quoted(str(out_dir))}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise write_failure(target, exc) from None
    if mode is not None and not stat.S_ISREG(mode):
        what = "a symbolic link" if stat.S_ISLNK(mode) else file_kind(mode)
        raise OutputError(f"{quoted(str(target))}: cannot write: {what} is in the way")
    if not _inside(out_dir, target.parent):  # the folders made just now: checked again, for a race
        raise OutputError(f"{quoted(str(target))}: refused: a symbolic link leads out of {quoted(str(out_dir))}")
    write_text(target, text)
