"""The issextract command line. spaCy is imported only inside the commands that need it, so
`issextract --help` and `--version` answer at once.

Exit codes: 0 every input done; 1 some input failed (each named on stderr, one line each) or
the output could not be written; 2 a usage error (nothing was read or written); 130 Ctrl-C;
143 SIGTERM. No traceback is printed without --debug.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import __version__
from .outputs import STDOUT, OutputError
from .reading import DEFAULT_MAX_BYTES, InputError, Source, quoted
from .remote import expand_inputs as expand_any_inputs
from .writers import FORMATS, formats_help

MAX_SIZE_MB = 64
"""The largest --max-size: the pipeline's memory grows with a report's length (about 80 times
its size: 845 MB for a report of 10 MB), so a single report stays within a machine's memory."""

_DEBUG = "issextract.debug"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main process as Ctrl-C is, so that the same clean-up runs."""


class Refused(click.ClickException):
    """A command line asking for something that must not be done (an output that would replace
    an input): a usage error, on one line."""

    exit_code = 2


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated()


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    if not value:
        return ""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in the form YYYY-MM-DD") from None


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    ctx.meta[_DEBUG] = ctx.meta.get(_DEBUG, False) or value
    return value


def _debug() -> bool:
    return bool(click.get_current_context().meta.get(_DEBUG))


def pipeline_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that runs the pipeline (with `input_options`)."""
    func = click.option(
        "--date",
        "reference_date",
        callback=_check_date,
        metavar="YYYY-MM-DD",
        help="When the reports were written: resolves weekdays and relative dates.",
    )(func)
    func = click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        callback=_set_debug,
        help="Show the traceback of an internal error.",
    )(func)
    return func


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """What every command reads, and how: INPUTS, --glob, --max-size, --workers, --gazetteer."""
    func = click.option(
        "--gazetteer",
        "gazetteers",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="Extra gazetteer YAML (same format as data/); may be repeated.",
    )(func)
    func = click.option(
        "--workers",
        "-j",
        type=click.IntRange(0),
        default=0,
        help="Processes to use; 0 (default) picks one per CPU for big batches and one otherwise.",
    )(func)
    func = click.option(
        "--max-size",
        "max_mb",
        type=click.IntRange(1, MAX_SIZE_MB),
        default=DEFAULT_MAX_BYTES // (1024 * 1024),
        show_default=True,
        help="Largest input to read, in MB.",
    )(func)
    func = click.option("--glob", "pattern", default="*.txt", show_default=True, help="Files to take from folders.")(
        func
    )
    return click.argument("inputs", nargs=-1, required=True)(func)


def output_options(formats: Sequence[str], default: str, help: str) -> Callable[[Callable[..., Any]], Any]:
    """Where and how a command writes: --format (any case: `-f JSON`), -o, --quiet."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        func = click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr.")(func)
        func = click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, allow_dash=True),
            help="Write here instead of stdout (- is stdout); the file is replaced only when complete.",
        )(func)
        return click.option(
            "--format",
            "-f",
            "fmt",
            type=click.Choice(formats, case_sensitive=False),
            default=default,
            show_default=True,
            help=help,
        )(func)

    return decorate


def _build(gazetteers: tuple[str, ...], reference_date: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """The pipeline (`api.load_pipeline`, as the Python API builds it), taking reports as long
    as `max_bytes` allows (a text has at most as many characters as its file has bytes)."""
    from .api import load_pipeline
    from .gazetteers import GazetteerError

    try:
        return load_pipeline(gazetteers, reference_date, max_bytes)
    except GazetteerError as exc:
        raise click.ClickException(str(exc)) from None


class _Main(click.Group):
    """The command group, turning Ctrl-C, SIGTERM and unexpected errors into one line each."""

    def invoke(self, ctx: click.Context) -> Any:
        in_main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _on_sigterm) if in_main_thread else None
        try:
            return super().invoke(ctx)
        except Terminated:
            _warn("terminated")
            raise click.exceptions.Exit(143) from None
        except KeyboardInterrupt:
            _warn("interrupted")
            raise click.exceptions.Exit(130) from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            _silence_stdout()
            raise click.exceptions.Exit(1) from None
        except Exception as exc:
            if ctx.meta.get(_DEBUG):
                raise
            message = " ".join(str(exc).split())
            _warn(f"internal error: {type(exc).__name__}: {message} (use --debug for the traceback)")
            raise click.exceptions.Exit(1) from None
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="issextract")
def main() -> None:
    """Extract dates, modules, vehicles, agencies, crew, people, media and incidents from
    raw text reports of incidents on the International Space Station."""


def _warn(message: str) -> None:
    click.echo(f"issextract: {message}", err=True)


@main.command()
@input_options
@output_options(FORMATS, "yaml", formats_help())
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False),
    help="Write one file per input here (NAME.txt.yaml, or NAME.txt.json with -f json), under the name of "
    "the folder given and mirroring the folders below it; with -f csv or -f parquet, one file per table.",
)
@click.option("--skip-existing", is_flag=True, help="With --output-dir: skip inputs whose output file exists.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first input that fails.")
@click.option(
    "--cluster",
    metavar="ADDRESS",
    envvar="ISSEXTRACT_CLUSTER",
    show_envvar=True,
    help="Run on the Dask scheduler at ADDRESS (tcp://host:8786); needs issextract[dask].",
)
@pipeline_options
def parse(
    inputs: tuple[str, ...],
    pattern: str,
    max_mb: int,
    workers: int,
    gazetteers: tuple[str, ...],
    fmt: str,
    output: str | None,
    quiet: bool,
    output_dir: str | None,
    skip_existing: bool,
    fail_fast: bool,
    cluster: str | None,
    reference_date: str,
) -> None:
    """Extract a structured record from each report.

    INPUTS are files, folders (every file matching --glob below them, in sorted order) or -
    for standard input. Records go to stdout (or --output, or one file each in --output-dir);
    errors go to stderr, one line per bad input, and the exit code is 1 if any input failed.
    """
    _check_parse_options(fmt, output, output_dir, skip_existing)
    sources = list(expand_any_inputs(inputs, pattern))
    uses_stdin = any(isinstance(s, Source) and s.path is None for s in sources)
    if cluster and uses_stdin:
        raise click.UsageError("--cluster reads inputs the workers can reach, not standard input.")
    registry = _registry(gazetteers)  # the categories a user's gazetteer declares: their columns
    todo, skipped, sink = _plan_outputs(sources, fmt, output, output_dir, skip_existing, registry)
    run = _ParseRun(sink, len(todo), skipped, quiet, fail_fast)
    job = _ParseJob(gazetteers, reference_date, max_mb * 1024 * 1024, fmt, output_dir, sink)
    with _stopping(run, sink, len(todo)):
        if cluster:
            outcomes = job.on_cluster(cluster, todo, announce=not quiet and _stderr_is_terminal())
        else:
            outcomes = job.locally(todo, 1 if uses_stdin else (workers or _default_workers(len(todo))))
        run.consume(outcomes)
    run.report()
    if run.summary.failed:
        sys.exit(1)


def _check_parse_options(fmt: str, output: str | None, output_dir: str | None, skip_existing: bool) -> None:
    """Options of `parse` that do not go together: a usage error before anything is read."""
    if output and output_dir:
        raise click.UsageError("--output and --output-dir cannot be used together.")
    if output_dir and fmt not in {"yaml", "json", "csv", "parquet", "sqlite"}:  # sqlite: said below
        raise click.UsageError(
            "--output-dir writes YAML or JSON files, or CSV or Parquet tables: use -f yaml, json, csv or parquet."
        )
    if skip_existing and not output_dir:
        raise click.UsageError("--skip-existing needs --output-dir: it skips inputs whose output file exists.")


def _default_workers(count: int) -> int:
    from .batch import default_workers

    return default_workers(count)


class _ParseJob:
    """Where `parse` runs its inputs: in this machine's processes or on a Dask cluster."""

    def __init__(
        self,
        gazetteers: tuple[str, ...],
        reference_date: str,
        max_bytes: int,
        fmt: str,
        output_dir: str | None,
        sink: Any,
    ) -> None:
        from . import sinks

        self.gazetteers, self.reference_date, self.max_bytes = gazetteers, reference_date, max_bytes
        self.fmt, self.output_dir, self.sink = fmt, output_dir, sink
        self.keep_text = isinstance(sink, sinks.TableSink)

    def locally(self, todo: list[Source | InputError], workers: int) -> Any:
        from . import batch

        nlp = _build(self.gazetteers, self.reference_date, self.max_bytes)
        return batch.run(nlp, todo, workers, self.max_bytes, _debug(), keep_text=self.keep_text)

    def on_cluster(self, address: str, todo: list[Source | InputError], announce: bool) -> Any:
        from . import sinks
        from .writers import RecordFiles

        files = RecordFiles(Path(self.output_dir), self.fmt) if isinstance(self.sink, sinks.FolderSink) else None
        return _on_cluster(
            address,
            self.gazetteers,
            self.reference_date,
            todo,
            self.max_bytes,
            _debug(),
            files,
            self.fmt,
            self.keep_text,
            announce,
        )


@contextlib.contextmanager
def _stopping(run: _ParseRun, sink: Any, total: int) -> Iterator[None]:
    """A run stopped by Ctrl-C, SIGTERM, a closed pipe or an output that cannot be written:
    one line saying how far it got and what was kept, and the exit code."""
    from .batch import PoolFailure

    try:
        yield
    except KeyboardInterrupt as exc:
        what = "terminated" if isinstance(exc, Terminated) else "interrupted"
        _warn(f"{what} after {run.summary.ok} of {total} inputs; {sink.abandon()}")
        raise click.exceptions.Exit(143 if isinstance(exc, Terminated) else 130) from None
    except BrokenPipeError:
        sink.abandon()
        _silence_stdout()
        _warn(f"standard output was closed (broken pipe) after {run.summary.ok} records")
        raise click.exceptions.Exit(1) from None
    except (OutputError, PoolFailure) as exc:
        kept = sink.abandon()
        _warn(f"{exc}; stopped after {run.summary.ok} of {total} inputs ({kept})")
        raise click.exceptions.Exit(1) from None


def _registry(gazetteers: tuple[str, ...]) -> Any:
    """The category registry with what the user's gazetteer files declare (the files checked)."""
    from .gazetteers import GazetteerError
    from .registry import load_registry

    try:
        return load_registry(gazetteers)
    except GazetteerError as exc:
        raise click.ClickException(str(exc)) from None


def _plan_outputs(
    sources: list[Source | InputError],
    fmt: str,
    output: str | None,
    output_dir: str | None,
    skip: bool,
    registry: Any = None,
) -> tuple[list[Source | InputError], int, Any]:
    """(inputs to process, inputs skipped, sink): every output checked before anything is
    opened for writing (OutputRefused is a usage error: nothing is written)."""
    from .outputs import OutputRefused, file_target, input_ids, plan_record_files, refuse_input_overwrite
    from .sinks import FolderSink, StreamSink, TableSink

    inputs = input_ids(sources)
    try:
        target = None
        if output and output != STDOUT:
            target = file_target(output, "-o")
            refuse_input_overwrite(output, target, inputs, "-o")
        tables = _table_writer(fmt, output, output_dir, skip, registry)  # a database or table files
        if tables is not None:
            return sources, 0, TableSink(tables)
        if output_dir:
            planned = plan_record_files(Path(output_dir), sources, fmt, inputs)
            todo = [s for s in sources if not (skip and isinstance(s, Source) and os.path.lexists(planned[s]))]
            return todo, len(sources) - len(todo), FolderSink(fmt, Path(output_dir), planned)
        return sources, 0, StreamSink(fmt, target, output or "", registry)
    except OutputRefused as exc:
        raise Refused(str(exc)) from None
    except OutputError as exc:
        raise click.ClickException(str(exc)) from None


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so that the interpreter's last flush
    does not fail again with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class _ParseRun:
    """One `parse` run's state: the sink, the counts, the progress bar."""

    def __init__(self, sink: Any, total: int, skipped: int, quiet: bool, fail_fast: bool) -> None:
        self.sink, self.total, self.fail_fast = sink, total, fail_fast
        self.summary = _Summary(skipped)
        self.show_summary = not quiet and (total > 1 or skipped > 0) and _stderr_is_terminal()
        self.progress = _progress(self.show_summary and total > 1)

    def consume(self, outcomes: Any) -> None:
        with self.progress:
            task = self.progress.add_task("parsing", total=self.total, words=0)
            for outcome in outcomes:
                self.progress.advance(task)
                if outcome.error is None and not outcome.saved:  # a cluster worker may have written it
                    outcome = self._put(outcome)
                if outcome.error is not None:
                    self.summary.failed += 1
                    self._error(str(outcome.error))
                    if self.fail_fast:
                        break
                    continue
                self.summary.ok += 1
                self.summary.words += outcome.words
                self.progress.update(task, words=self.summary.words)
        self.sink.finish()

    def _put(self, outcome: Any) -> Any:
        """Write one record; a write error that concerns this file alone (a bad name, a folder
        in the way) fails this input, one that concerns every file (a full disk) stops the run."""
        try:
            self.sink.put(outcome)
        except OutputError as exc:
            if exc.fatal:
                raise
            return outcome.__class__(outcome.source, error=str(exc))
        return outcome

    def _error(self, message: str) -> None:
        if isinstance(self.progress, _NoProgress):
            _warn(message)
        else:
            self.progress.console.print(f"issextract: {message}", markup=False, highlight=False)

    def report(self) -> None:
        if self.show_summary:
            click.echo(self.summary.line(), err=True)


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _on_cluster(
    address: str,
    gazetteers: tuple[str, ...],
    reference_date: str,
    sources: list[Source | InputError],
    max_bytes: int,
    debug: bool,
    files: Any,
    fmt: str,
    keep_text: bool,
    announce: bool,
) -> Any:
    """The batch's outcomes from the Dask scheduler at `address` (cluster.py)."""
    from . import cluster
    from .api import Extractor
    from .gazetteers import GazetteerError

    try:
        extractor = Extractor(gazetteers, reference_date)
    except GazetteerError as exc:
        raise click.ClickException(str(exc)) from None
    return cluster.outcomes(address, extractor, sources, max_bytes, debug, files, fmt, keep_text, announce)


def _table_writer(fmt: str, output: str | None, output_dir: str | None, skip_existing: bool, registry: Any) -> Any:
    """The writer of the database or table files these options ask for, or None; checked
    before any work, so a missing extra or an unusable database is said at once."""
    from .database import DatabaseError
    from .tablefiles import MissingExtra, OptionError, table_writer

    try:
        tables = table_writer(fmt, output, output_dir, registry)
    except OptionError as exc:
        raise click.UsageError(str(exc)) from None
    except MissingExtra as exc:
        error = click.ClickException(str(exc))
        error.exit_code = 2
        raise error from None
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from None
    if tables is not None and skip_existing:
        tables.close()
        raise click.UsageError("--skip-existing is for one file per input: tables are written whole.")
    return tables


class _Summary:
    def __init__(self, skipped: int = 0) -> None:
        self.ok, self.failed, self.words, self.skipped = 0, 0, 0, skipped
        self.started = time.perf_counter()

    def line(self) -> str:
        seconds = time.perf_counter() - self.started
        rate = self.words / seconds if seconds else 0.0
        skipped = f", {self.skipped} skipped (output exists)" if self.skipped else ""
        return (
            f"issextract: {self.ok} ok, {self.failed} failed{skipped}, {self.words:,} words in {seconds:.1f} s "
            f"({rate:,.0f} words/s)"
        )


class _NoProgress:
    """Stands in for the progress bar when it is off: a quiet or piped run builds no display."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, *args: Any, **kwargs: Any) -> int:
        return 0

    def advance(self, *args: Any) -> None:
        return None

    def update(self, *args: Any, **kwargs: Any) -> None:
        return None


def _progress(enabled: bool) -> Any:
    """A Rich progress bar on stderr (files, words per second, time left), or one that shows nothing."""
    if not enabled:
        return _NoProgress()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class WordsPerSecond(ProgressColumn):
        def render(self, task: Any) -> Text:
            elapsed = task.elapsed or 0.0
            rate = task.fields.get("words", 0) / elapsed if elapsed else 0.0
            return Text(f"{rate:,.0f} words/s")

    console = Console(stderr=True)
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[words]:,} words"),
        WordsPerSecond(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )


SHOW_FORMATS = ("terminal", "html")


@main.command()
@input_options
@output_options(
    SHOW_FORMATS,
    "terminal",
    "terminal: each report with its entities highlighted, then its record as a table; "
    "html: a standalone page (displaCy) of one report.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write a standalone HTML page (displaCy) instead of printing to the terminal (- is stdout): "
    "-f html -o HTML_PATH.",
)
@pipeline_options
def show(
    inputs: tuple[str, ...],
    pattern: str,
    max_mb: int,
    workers: int,
    gazetteers: tuple[str, ...],
    fmt: str,
    output: str | None,
    quiet: bool,
    html_path: str | None,
    reference_date: str,
) -> None:
    """Print each report (INPUTS as for parse) with every extracted entity highlighted, then its record."""
    if html_path is not None:
        if output is not None:
            raise click.UsageError("--html names the page's file already: drop -o.")
        fmt, output = "html", html_path
    sources = list(expand_any_inputs(inputs, pattern))
    if fmt == "html" and len(sources) != 1:
        raise click.UsageError(f"-f html makes the page of one report, not {len(sources)}.")
    target = _file_output(output, sources, "--html" if html_path is not None else "-o")
    max_bytes = max_mb * 1024 * 1024
    nlp = _build(gazetteers, reference_date, max_bytes)
    registry = _registry(gazetteers)
    console, buffer = _console(target)
    failed = 0
    progress = not quiet and len(sources) > 1 and (target is not None or not sys.stdout.isatty())
    for outcome in _with_progress(nlp, sources, workers, max_bytes, progress, keep_text=True):
        if outcome.record is None:
            failed += 1
            _warn(str(outcome.error))
        elif fmt == "html":
            _write_out(target, _html(outcome.text, outcome.record, registry))
        else:
            _show_in_terminal(console, outcome.text, outcome.record, registry)
    if buffer is not None and fmt != "html":
        _write_out(target, buffer.getvalue())
    if failed:
        sys.exit(1)


def _console(target: Path | None) -> tuple[Any, io.StringIO | None]:
    """A Rich console on stdout, or on a buffer written to `target` once complete."""
    from rich.console import Console

    if target is None:
        return Console(soft_wrap=False), None
    buffer = io.StringIO()
    return Console(file=buffer, soft_wrap=False), buffer


def _show_in_terminal(console: Any, text: str, record: dict[str, Any], registry: Any) -> None:
    from . import highlight
    from .writers import make_writer

    console.print(highlight.legend(registry))
    console.print(highlight.terminal_text(text, highlight.marks(record, registry), registry))
    make_writer("table", console.file, registry).write(record)


def _html(text: str, record: dict[str, Any], registry: Any) -> str:
    from . import highlight

    return highlight.html_page(text, highlight.marks(record, registry), record, registry)


def _write_out(target: Path | None, text: str) -> None:
    """Text to stdout, or to `target`, replaced only once complete."""
    from .outputs import write_text

    if target is None:
        click.echo(text, nl=False)
        return
    try:
        write_text(target, text)
    except OutputError as exc:
        raise click.ClickException(str(exc)) from None


def _with_progress(
    nlp: Any, sources: list[Source | InputError], workers: int, max_bytes: int, shown: bool, keep_text: bool = False
) -> Iterator[Any]:
    """The outcomes of a batch, in input order, with a progress bar on stderr when `shown`
    (and stderr is a terminal)."""
    from . import batch

    workers = workers or batch.default_workers(len(sources))
    with _progress(shown and len(sources) > 1 and _stderr_is_terminal()) as progress:
        task = progress.add_task("reading", total=len(sources), words=0)
        for outcome in batch.run(nlp, sources, workers, max_bytes, _debug(), keep_text=keep_text):
            progress.advance(task)
            yield outcome


def _file_output(given: str | None, sources: list[Source | InputError], option: str) -> Path | None:
    """The file an option names for a command's output (None: standard output), checked before
    any work: refused (exit 2) when it is not a regular file or is one of the inputs."""
    from .outputs import OutputRefused, file_target, input_ids, refuse_input_overwrite

    if not given or given == STDOUT:
        return None
    try:
        target = file_target(given, option)
        refuse_input_overwrite(given, target, input_ids(sources), option)
    except OutputRefused as exc:
        raise Refused(str(exc)) from None
    except OutputError as exc:
        raise click.ClickException(str(exc)) from None
    return target


def _check_period(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from .timeline import period

    try:
        period(value)
        if len(value) not in (4, 7, 10):
            raise ValueError(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return value


TIMELINE_FORMATS = ("table", "yaml", "json", "jsonl", "csv")


@main.command()
@input_options
@output_options(
    TIMELINE_FORMATS,
    "table",
    "table: Rich table; yaml, json: one list; jsonl: one row per line; csv: one row per incident.",
)
@click.option(
    "--since", callback=_check_period, help="Only incidents on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."
)
@click.option("--until", callback=_check_period, help="Only incidents on or before this date.")
@click.option("--type", "types", multiple=True, help="Only incidents of this type (repeatable).")
@pipeline_options
def timeline(
    inputs: tuple[str, ...],
    pattern: str,
    max_mb: int,
    workers: int,
    gazetteers: tuple[str, ...],
    fmt: str,
    output: str | None,
    quiet: bool,
    since: str | None,
    until: str | None,
    types: tuple[str, ...],
    reference_date: str,
) -> None:
    """Merge the incidents of many reports into one chronological table, one row per incident.

    Reports about the same incident (compatible types, places and dates) fold into one row;
    an undated row shows the date of its first report as a bound (<= date).
    """
    from .timeline import default_rules, merge, select

    sources = list(expand_any_inputs(inputs, pattern))
    target = _file_output(output, sources, "-o")
    max_bytes = max_mb * 1024 * 1024
    nlp = _build(gazetteers, reference_date, max_bytes)
    records, failed = [], 0
    for outcome in _with_progress(nlp, sources, workers, max_bytes, not quiet):
        if outcome.record is None:
            failed += 1
            _warn(str(outcome.error))
        else:
            records.append(outcome.record)
    rows = select(merge(records, default_rules(gazetteers)), since, until, [t.lower() for t in types])
    _write_timeline(rows, fmt, target)
    if failed:
        sys.exit(1)


def _write_timeline(rows: Any, fmt: str, target: Path | None) -> None:
    """The timeline to stdout, or to a file replaced only once complete."""
    from .outputs import write_text
    from .timeline import write_timeline

    if target is None:
        write_timeline(rows, fmt, sys.stdout)
        return
    buffer = io.StringIO()
    write_timeline(rows, fmt, buffer)
    try:
        write_text(target, buffer.getvalue())
    except OutputError as exc:
        raise click.ClickException(str(exc)) from None


@main.command(name="eval")
@input_options
@output_options(("table", "json"), "table", "table: Rich tables; json: one object (documents, categories, events).")
@click.option("--errors", is_flag=True, help="List every miss and false hit per document.")
@pipeline_options
def evaluate_command(
    inputs: tuple[str, ...],
    pattern: str,
    max_mb: int,
    workers: int,
    gazetteers: tuple[str, ...],
    fmt: str,
    output: str | None,
    quiet: bool,
    errors: bool,
    reference_date: str,
) -> None:
    """Score issextract against gold folders (INPUTS): in each, NAME.gold.yaml files beside their
    reports, NAME.txt (or the files --glob takes)."""
    from .event_scoring import score_folder

    started = time.perf_counter()
    pairs, missing = _gold_pairs(inputs, pattern)
    target = _file_output(output, [Source(str(p), p) for pair in pairs for p in pair], "-o")
    nlp = _build(gazetteers, reference_date, max_mb * 1024 * 1024)
    scored = _Scored.of(nlp, pairs, workers, max_mb * 1024 * 1024, not quiet, _registry(gazetteers))
    scored.failed += missing
    events = score_folder(scored.records, scored.golds, [r.doc for r in scored.results])
    if fmt == "json":
        _write_out(target, _eval_json(scored.results, events, errors))
    else:
        console, buffer = _console(target)
        what = f"{', '.join(inputs)} ({len(scored.results)} documents"
        _print_eval_tables(console, scored.results, events, errors, what, started)
        if buffer is not None:
            _write_out(target, buffer.getvalue())
    if scored.failed:
        sys.exit(1)


def _gold_pairs(inputs: tuple[str, ...], pattern: str) -> tuple[list[tuple[Path, Path]], int]:
    """Every (text, gold) pair of the folders given, in order, and how many gold files have no
    text: each is named on stderr."""
    from .evaluate import gold_pairs

    pairs: list[tuple[Path, Path]] = []
    missing = 0
    for given in inputs:
        folder = Path(given)
        if not folder.is_dir():
            raise click.BadParameter(f"{quoted(given)} is not a folder", param_hint="INPUTS")
        found, lines = gold_pairs(folder, pattern)
        for line in lines:
            _warn(line)
        missing += len(lines)
        if not found:
            raise click.ClickException(f"{quoted(str(folder))}: no NAME.txt + NAME.gold.yaml pairs found")
        pairs += found
    return pairs, missing


class _Scored:
    """Every document's scores, records and gold, and how many gold files (or their texts)
    could not be used: each is named on stderr, one line, and left out of the scores."""

    def __init__(self) -> None:
        self.results: list[Any] = []
        self.records: list[Any] = []
        self.golds: list[Any] = []
        self.failed = 0

    @classmethod
    def of(
        cls, nlp: Any, pairs: list[tuple[Path, Path]], workers: int, max_bytes: int, progress: bool, registry: Any
    ) -> _Scored:
        from .evaluate import GoldError, load_gold, score_document, scored_categories

        scored = cls()
        kept = []
        for text, gold_path in pairs:
            try:
                kept.append((text, load_gold(gold_path)))
            except GoldError as exc:
                _warn(str(exc))
                scored.failed += 1
        categories = scored_categories(registry, [gold for _, gold in kept])
        texts = [Source(str(text), text) for text, _ in kept]
        for (text, gold), outcome in zip(kept, _with_progress(nlp, texts, workers, max_bytes, progress), strict=True):
            if outcome.record is None:
                _warn(str(outcome.error))
                scored.failed += 1
                continue
            scored.results.append(score_document(outcome.record, gold, text.name, categories))
            scored.records.append(outcome.record)
            scored.golds.append(gold)
        return scored


def _eval_json(results: list[Any], events: Any, errors: bool) -> str:
    from .evaluate import scored_in, totals

    total = totals(results)
    payload: dict[str, Any] = {
        "documents": len(results),
        "categories": {c: total[c].as_dict() for c in scored_in(results)},
        "events": events.as_dict(),
    }
    if errors:
        payload["errors"] = {
            r.doc: {
                "misses": {c: v for c, v in r.misses.items() if v},
                "false_hits": {c: v for c, v in r.false_hits.items() if v},
                "events": events.per_document[r.doc].errors,
            }
            for r in results
        }
    return json.dumps(payload, indent=2) + "\n"


def _print_eval_tables(console: Any, results: list[Any], events: Any, errors: bool, what: str, started: float) -> None:
    from rich.table import Table

    from .evaluate import micro, scored_in, totals
    from .event_scoring import events_table

    total = totals(results)
    overall = micro(total)
    if errors:
        for r in results:
            lines = [f"  miss  {c}: {v}" for c, vs in r.misses.items() for v in vs]
            lines += [f"  false {c}: {v}" for c, vs in r.false_hits.items() for v in vs]
            lines += [f"  event {e}" for e in events.per_document[r.doc].errors]
            if lines:
                console.print(f"[bold]{r.doc}[/bold]")
                for line in lines:
                    console.print(line, markup=False, highlight=False)
    table = Table(title=f"issextract {__version__} on {what}, {time.perf_counter() - started:.1f}s)")
    for column in ("category", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for category in scored_in(results):
        s = total[category]
        table.add_row(category, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
    table.add_row(
        "all (micro)",
        *map(str, (overall.tp, overall.fp, overall.fn)),
        f"{overall.precision:.3f}",
        f"{overall.recall:.3f}",
        f"{overall.f1:.3f}",
        style="bold",
    )
    console.print(table)
    console.print(events_table(events))
