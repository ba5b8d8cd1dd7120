"""The issextract command line. spaCy is imported only inside the commands that need it, so
`issextract --help` and `--version` answer at once."""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import click

from . import __version__
from .reading import DEFAULT_MAX_BYTES, InputError, Source, expand_inputs
from .remote import expand_inputs as expand_any_inputs
from .writers import FORMATS, make_writer


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    if not value:
        return ""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in the form YYYY-MM-DD") from None


def pipeline_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that runs the pipeline."""
    func = click.option(
        "--gazetteer",
        "gazetteers",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="Extra gazetteer YAML (same format as data/); may be repeated.",
    )(func)
    func = click.option(
        "--date",
        "reference_date",
        callback=_check_date,
        metavar="YYYY-MM-DD",
        help="When the reports were written: resolves weekdays and relative dates.",
    )(func)
    return func


def _build(gazetteers: tuple[str, ...], reference_date: str) -> Any:
    """The pipeline (`api.load_pipeline`), or a one-line error for a bad gazetteer file."""
    from .api import load_pipeline
    from .gazetteers import GazetteerError

    try:
        return load_pipeline(gazetteers, reference_date)
    except GazetteerError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="issextract")
def main() -> None:
    """Extract dates, modules, vehicles, agencies, crew, people, media and incidents from
    raw text reports of incidents on the International Space Station."""


def _warn(message: str) -> None:
    click.echo(f"issextract: {message}", err=True)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    default="yaml",
    show_default=True,
    help="yaml: one document per input; json: one array; jsonl: one object per line; "
    "csv: one row per item (with --output-dir: one file per table); table: Rich tables; "
    "sqlite: a database (-o FILE); parquet: one file per table (--output-dir DIR).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False),
    help="Write one file per input here (NAME.yaml, or NAME.json with -f json), mirroring the input folders; "
    "with -f csv or -f parquet, one file per table.",
)
@click.option("--skip-existing", is_flag=True, help="With --output-dir: skip inputs whose output file exists.")
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Files to take from folders.")
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(0),
    default=0,
    help="Processes to use; 0 (default) picks one per CPU for big batches and one otherwise.",
)
@click.option(
    "--max-size",
    "max_mb",
    type=click.IntRange(1),
    default=DEFAULT_MAX_BYTES // (1024 * 1024),
    show_default=True,
    help="Largest input to read, in MB.",
)
@click.option("--fail-fast", is_flag=True, help="Stop at the first input that fails.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
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
    fmt: str,
    output: str | None,
    output_dir: str | None,
    skip_existing: bool,
    pattern: str,
    workers: int,
    max_mb: int,
    fail_fast: bool,
    quiet: bool,
    debug: bool,
    cluster: str | None,
    gazetteers: tuple[str, ...],
    reference_date: str,
) -> None:
    """Extract a structured record from each report.

    INPUTS are files, folders (every file matching --glob below them, in sorted order) or -
    for standard input. Records go to stdout (or --output, or one file each in --output-dir);
    errors go to stderr, one line per bad input, and the exit code is 1 if any input failed.
    """
    from . import batch
    from .writers import RecordFiles

    if output and output_dir:
        raise click.UsageError("--output and --output-dir cannot be used together.")
    if output_dir and fmt not in {"yaml", "json", "csv", "parquet", "sqlite"}:  # sqlite: said below
        raise click.UsageError(
            "--output-dir writes YAML or JSON files, or CSV or Parquet tables: use -f yaml, json, csv or parquet."
        )
    tables = _table_writer(fmt, output, output_dir, skip_existing)
    files = RecordFiles(Path(output_dir), fmt) if output_dir and tables is None else None
    sources = list(expand_any_inputs(inputs, pattern))
    if skip_existing and files:
        sources = [s for s in sources if isinstance(s, InputError) or not files.path(s.relative).exists()]
    uses_stdin = any(isinstance(s, Source) and s.path is None for s in sources)
    if cluster and uses_stdin:
        raise click.UsageError("--cluster reads inputs the workers can reach, not standard input.")
    workers = 1 if uses_stdin else (workers or batch.default_workers(len(sources)))
    max_bytes, keep_text = max_mb * 1024 * 1024, tables is not None
    if cluster:
        announce = not quiet and sys.stderr.isatty()
        outcomes = _on_cluster(
            cluster, gazetteers, reference_date, sources, max_bytes, debug, files, fmt, keep_text, announce
        )
    else:
        outcomes = batch.run(_build(gazetteers, reference_date), sources, workers, max_bytes, debug, keep_text)
    show_progress = not quiet and len(sources) > 1 and sys.stderr.isatty()
    summary = _Summary()
    out: TextIO | None = None
    writer = None
    if not output_dir and tables is None:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
        writer = make_writer(fmt, out)
    progress = _progress(show_progress)
    try:
        with progress:
            task = progress.add_task("parsing", total=len(sources), words=0)
            for outcome in outcomes:
                progress.advance(task)
                if outcome.error is not None:
                    summary.failed += 1
                    if show_progress:
                        progress.console.print(f"issextract: {outcome.error}", markup=False, highlight=False)
                    else:
                        _warn(str(outcome.error))
                    if fail_fast:
                        break
                    continue
                summary.ok += 1
                summary.words += outcome.words
                progress.update(task, words=summary.words)
                if tables is not None:
                    tables.write_document(outcome.record, outcome.text or "")
                elif writer is not None:
                    writer.write(outcome.record, outcome.rendered)
                elif not outcome.saved:  # a cluster worker has written it
                    assert outcome.source is not None and files is not None and outcome.record is not None
                    files.write(outcome.source.relative, outcome.record)
    finally:
        if writer is not None:
            writer.close()
        if output and out is not None:
            out.close()
        if tables is not None:
            _close_tables(tables)
    if not quiet and sys.stderr.isatty() and len(sources) > 1:
        click.echo(summary.line(), err=True)
    if summary.failed:
        sys.exit(1)


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


def _table_writer(fmt: str, output: str | None, output_dir: str | None, skip_existing: bool) -> Any:
    """The writer of the database or table files these options ask for, or None; checked
    before any work, so a missing extra or an unusable database is said at once."""
    from .database import DatabaseError
    from .tablefiles import MissingExtra, OptionError, table_writer

    try:
        tables = table_writer(fmt, output, output_dir)
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


def _close_tables(tables: Any) -> None:
    from .database import DatabaseError

    try:
        tables.close()
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from None


class _Summary:
    def __init__(self) -> None:
        self.ok, self.failed, self.words = 0, 0, 0
        self.started = time.perf_counter()

    def line(self) -> str:
        seconds = time.perf_counter() - self.started
        rate = self.words / seconds if seconds else 0.0
        return (
            f"issextract: {self.ok} ok, {self.failed} failed, {self.words:,} words in {seconds:.1f} s "
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


@main.command()
@click.argument("report")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write a standalone HTML page (displaCy) instead of printing to the terminal.",
)
@pipeline_options
def show(report: str, html_path: str | None, gazetteers: tuple[str, ...], reference_date: str) -> None:
    """Print REPORT with every extracted entity highlighted, then the record (- reads stdin)."""
    from . import highlight
    from .pipeline import process
    from .record import doc_to_record
    from .webpages import read_document

    if Path(report).is_dir():
        raise click.ClickException(f"{report}: a folder, not a report")
    source = next(iter(expand_inputs([report])))
    if isinstance(source, InputError):
        raise click.ClickException(str(source))
    try:
        document = read_document(source, DEFAULT_MAX_BYTES)  # a web page: its article's text
    except InputError as exc:
        raise click.ClickException(f"{source.name}: {exc}") from None
    text = document.text
    nlp = _build(gazetteers, reference_date)
    record = doc_to_record(process(nlp, text, document.published), source.name)
    found = highlight.marks(record)
    if html_path:
        from .writers import write_text_atomically

        write_text_atomically(Path(html_path), highlight.html_page(text, found, record))
        return
    from rich.console import Console

    console = Console(soft_wrap=False)
    console.print(highlight.legend())
    console.print(highlight.terminal_text(text, found))
    make_writer("table", sys.stdout).write(record)


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


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["table", "yaml", "json", "jsonl", "csv"], case_sensitive=False),
    default="table",
    show_default=True,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write there instead of stdout ('-': stdout).")
@click.option(
    "--since", callback=_check_period, help="Only incidents on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."
)
@click.option("--until", callback=_check_period, help="Only incidents on or before this date.")
@click.option("--type", "types", multiple=True, help="Only incidents of this type (repeatable).")
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Files to take from folders.")
@click.option("-j", "--workers", type=click.IntRange(0), default=0, help="Processes to use (0: automatic).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar on stderr.")
@pipeline_options
def timeline(
    inputs: tuple[str, ...],
    fmt: str,
    output: str | None,
    since: str | None,
    until: str | None,
    types: tuple[str, ...],
    pattern: str,
    workers: int,
    quiet: bool,
    gazetteers: tuple[str, ...],
    reference_date: str,
) -> None:
    """Merge the incidents of many reports into one chronological table, one row per incident.

    Reports about the same incident (compatible types, places and dates) fold into one row;
    an undated row shows the date of its first report as a bound (<= date).
    """
    from . import batch
    from .timeline import default_rules, merge, select, write_timeline
    from .writers import write_text_atomically

    sources = list(expand_inputs(inputs, pattern))
    nlp = _build(gazetteers, reference_date)
    workers = workers or batch.default_workers(len(sources))
    records, failed = [], 0
    show_progress = not quiet and len(sources) > 1 and sys.stderr.isatty()
    with _progress(show_progress) as progress:
        task = progress.add_task("reading", total=len(sources), words=0)
        for outcome in batch.run(nlp, sources, workers, DEFAULT_MAX_BYTES):
            progress.advance(task)
            if outcome.record is None:
                failed += 1
                _warn(str(outcome.error))
            else:
                records.append(outcome.record)
    rows = select(merge(records, default_rules(gazetteers)), since, until, [t.lower() for t in types])
    if output and output != "-":
        buffer = io.StringIO()
        write_timeline(rows, fmt.lower(), buffer)
        write_text_atomically(Path(output), buffer.getvalue())
    else:
        write_timeline(rows, fmt.lower(), sys.stdout)
    if failed:
        sys.exit(1)


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--errors", is_flag=True, help="List every miss and false hit per document.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pipeline_options
def evaluate_command(gold_dir: str, errors: bool, fmt: str, gazetteers: tuple[str, ...], reference_date: str) -> None:
    """Score issextract against GOLD_DIR: NAME.txt files beside NAME.gold.yaml files."""
    from .evaluate import SCORED, gold_pairs, load_gold, micro, score_document, totals
    from .event_scoring import events_table, score_folder

    pairs = gold_pairs(Path(gold_dir))
    if not pairs:
        raise click.ClickException(f"{gold_dir}: no NAME.txt + NAME.gold.yaml pairs found")
    from . import batch

    nlp = _build(gazetteers, reference_date)
    started = time.perf_counter()
    results, records, golds = [], [], []
    texts = [Source(str(text_path), text_path) for text_path, _ in pairs]
    for (text_path, gold_path), outcome in zip(pairs, batch.run(nlp, texts, 1, DEFAULT_MAX_BYTES), strict=True):
        if outcome.record is None:
            raise click.ClickException(str(outcome.error))
        gold = load_gold(gold_path)
        records.append(outcome.record)
        golds.append(gold)
        results.append(score_document(outcome.record, gold, text_path.name))
    events = score_folder(records, golds, [r.doc for r in results])
    total = totals(results)
    overall = micro(total)
    if fmt == "json":
        payload: dict[str, Any] = {
            "documents": len(results),
            "categories": {c: total[c].as_dict() for c in SCORED},
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
        click.echo(json.dumps(payload, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=False)
    if errors:
        for r in results:
            lines = [f"  miss  {c}: {v}" for c, vs in r.misses.items() for v in vs]
            lines += [f"  false {c}: {v}" for c, vs in r.false_hits.items() for v in vs]
            lines += [f"  event {e}" for e in events.per_document[r.doc].errors]
            if lines:
                console.print(f"[bold]{r.doc}[/bold]")
                for line in lines:
                    console.print(line, markup=False, highlight=False)
    table = Table(
        title=f"issextract {__version__} on {gold_dir} ({len(results)} documents, {time.perf_counter() - started:.1f}s)"
    )
    for column in ("category", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for category in SCORED:
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
