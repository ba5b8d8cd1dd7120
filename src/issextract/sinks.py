"""Where `parse` puts its records: one stream (standard output or `-o FILE`, written atomically),
one file per input (`--output-dir`), or tables (a database, table files: tablefiles.py). Each
answers the same three calls: `put` a record as soon as it is done, `finish` once every input
is, `abandon` when the run stops early."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .outputs import AtomicFile, OutputError, write_failure, write_record_file
from .reading import Source, quoted
from .writers import make_writer, record_text

if TYPE_CHECKING:
    from .batch import Outcome
    from .registry import Registry


class StreamSink:
    """Every record into one stream: standard output, or a file replaced only when complete."""

    def __init__(self, fmt: str, target: Path | None, given: str = "", registry: Registry | None = None) -> None:
        self.target, self.given = target, given or str(target)
        self.file = AtomicFile(target) if target is not None else None
        if self.file is None and sys.stdout is None:
            raise OutputError("standard output is closed")
        out: TextIO = self.file.open() if self.file is not None else sys.stdout
        self.writer = make_writer(fmt, out, registry)
        self.count = 0

    def put(self, outcome: Outcome) -> None:
        try:
            self.writer.write(outcome.record, outcome.rendered)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failure(exc) from None
        self.count += 1

    def finish(self) -> None:
        try:
            self.writer.close()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failure(exc) from None
        if self.file is not None:
            self.file.commit()

    def abandon(self) -> str:
        """Stop without finishing; what became of the output, for the message."""
        if self.file is not None:
            self.file.discard()
            return f"{quoted(self.given)} left as it was"
        return f"{self.count} records written"

    def _failure(self, exc: OSError) -> OutputError:
        error = write_failure(self.given if self.target else "<stdout>", exc)
        error.fatal = True  # one stream: nothing after a failed write can be trusted
        return error


class FolderSink:
    """One file per input below a folder, each written atomically."""

    def __init__(self, fmt: str, out_dir: Path, planned: dict[Source, Path]) -> None:
        self.fmt, self.out_dir, self.planned = fmt, out_dir, planned
        self.count = 0

    def put(self, outcome: Outcome) -> None:
        record, source = outcome.record, outcome.source
        assert record is not None and source is not None
        write_record_file(self.out_dir, self.planned[source], record_text(record, self.fmt))
        self.count += 1

    def finish(self) -> None:
        return None

    def abandon(self) -> str:
        return f"the {self.count} files written are complete"


class TableSink:
    """Every record's rows into a database (`-f sqlite -o FILE`) or table files (`-f csv` or
    `-f parquet` with `--output-dir`), which are written whole when the run finishes."""

    def __init__(self, tables: Any) -> None:
        self.tables = tables
        self.count = 0

    def put(self, outcome: Outcome) -> None:
        assert outcome.record is not None
        try:
            self.tables.write_document(outcome.record, outcome.text or "")
        except OSError as exc:
            raise _fatal(exc) from None
        self.count += 1

    def finish(self) -> None:
        from .database import DatabaseError

        try:
            self.tables.close()
        except OSError as exc:
            raise _fatal(exc) from None
        except DatabaseError as exc:
            raise OutputError(str(exc), fatal=True) from None

    def abandon(self) -> str:
        """Table files are dropped (the previous ones stay); a database keeps the batches it
        has committed, each whole."""
        discard = getattr(self.tables, "_discard", None)  # tablefiles._TableFiles: drop the temporary files
        if discard is not None:
            discard()
            return "the table files left as they were"
        return "the database keeps the documents of the batches already committed"


def _fatal(exc: OSError) -> OutputError:
    error = write_failure(getattr(exc, "filename", None) or "tables", exc)
    error.fatal = True
    return error
