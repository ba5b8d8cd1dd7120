"""`issextract parse --cluster ADDRESS`: the batch on an existing Dask (dask.distributed) scheduler.

The inputs are listed here, on the client, and cut into tasks of up to TASK_DOCS documents.
A task carries only the `Extractor` (settings and the user's gazetteer contents), the
sources (names and paths or URLs) and the options; it comes back with plain `batch.Outcome`s.
On the worker it runs the local batch's own code (`batch.process_one`) under the pipeline
that worker process built once for those settings (`Extractor.held`), so records and error
lines are those of a local run. With --output-dir the workers write each record themselves
with the local batch's `RecordFiles`, and only the outcome (no record) comes back; otherwise
they render each record in the output format (`writers.RENDERERS`) and the client only writes
the text: rendering YAML costs more than extracting, and unpickling a record several times
more than writing it, which on a large cluster would make the client the bottleneck.

Tasks are pure: the same task run twice gives the same outcomes and rewrites the same files
atomically, so Dask may rerun the tasks of a lost worker. At most WINDOW_PER_THREAD tasks per
worker thread are out at once, and outcomes are handed on in input order as soon as a task and
all before it are done: the client's memory stays bounded however long the batch.
"""

from __future__ import annotations

import functools
import importlib.metadata
import math
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import click

from . import __version__, batch
from .api import Extractor
from .reading import InputError, Source
from .remote import prefetch
from .writers import RENDERERS, RecordFiles

EXTRA = "issextract[dask]"
TASK_DOCS = 200
"""Documents per task, at most: a few tenths of a second of work, against about a
millisecond of scheduler time per task."""
WINDOW_PER_THREAD = 4
"""Tasks out at once per worker thread: enough that no worker waits for the next one."""
RETRIES = 2
"""Reruns of a task that raised (an internal error under --debug, a write that failed)."""


class ClusterError(click.ClickException):
    """The cluster cannot run the batch; the message says why in one line."""


class DaskMissing(ClusterError):
    exit_code = 2


def connect(address: str) -> Any:
    """A client of the scheduler at `address`, whose workers can run issextract."""
    try:
        from distributed import Client
    except ImportError:
        raise DaskMissing(f"--cluster needs Dask: pip install '{EXTRA}'") from None
    try:
        client = Client(address, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        versions = set(client.run(importlib.metadata.version, "issextract").values())
    except importlib.metadata.PackageNotFoundError:
        client.close()
        raise ClusterError(f"issextract is not installed on the Dask workers at {address}") from None
    if versions - {__version__}:
        others = ", ".join(sorted(versions - {__version__}))
        print(f"issextract: warning: the Dask workers run issextract {others}, not {__version__}", file=sys.stderr)
    return client


def task_size(count: int, threads: int) -> int:
    """Documents per task: TASK_DOCS, or fewer so that each worker thread gets a few tasks."""
    return max(1, min(TASK_DOCS, math.ceil(count / (WINDOW_PER_THREAD * max(1, threads)))))


def process_task(
    extractor: Extractor,
    sources: Sequence[Source | InputError],
    max_bytes: int,
    debug: bool,
    files: RecordFiles | None = None,
    render: Callable[[dict[str, Any]], str] | None = None,
    keep_text: bool = False,
) -> list[batch.Outcome]:
    """One task, on a worker: the outcomes of `sources`, each record written to `files`,
    rendered as text by `render`, or, with neither, as it is (with its text: `keep_text`)."""
    fetched = prefetch(sources, max_bytes)
    with extractor.held(max_bytes, debug, keep_text):
        outcomes = [batch.process_one(source) for source in fetched]
    if files is None and render is None:
        return outcomes
    done = []
    for outcome, source in zip(outcomes, sources, strict=True):
        if outcome.record is None or not isinstance(source, Source):
            done.append(outcome)
        elif files is not None:
            files.write(source.relative, outcome.record)
            done.append(batch.Outcome(source, words=outcome.words, saved=True))
        else:
            assert render is not None
            done.append(batch.Outcome(source, words=outcome.words, rendered=render(outcome.record)))
    return done


def run(
    client: Any,
    extractor: Extractor,
    sources: Sequence[Source | InputError],
    max_bytes: int,
    debug: bool = False,
    files: RecordFiles | None = None,
    render: Callable[[dict[str, Any]], str] | None = None,
    keep_text: bool = False,
) -> Iterator[batch.Outcome]:
    """Outcomes in input order, as `batch.run` gives them, from tasks run on the cluster."""
    from distributed import as_completed

    threads = max(1, sum(client.nthreads().values()))
    size = task_size(len(sources), threads)
    chunks = [list(sources[i : i + size]) for i in range(0, len(sources), size)]
    prefix = f"issextract-parse-{uuid.uuid4().hex[:12]}"
    running: dict[Any, int] = {}
    done: dict[int, list[batch.Outcome]] = {}
    waiting = as_completed(loop=client.loop)
    submitted = written = 0

    def submit_more() -> None:
        nonlocal submitted
        window = WINDOW_PER_THREAD * max(1, sum(client.nthreads().values()))
        while submitted < len(chunks) and len(running) + len(done) < window:
            future = client.submit(
                process_task,
                extractor,
                chunks[submitted],
                max_bytes,
                debug,
                files,
                render,
                keep_text,
                key=f"{prefix}-{submitted}",
                retries=RETRIES,
            )
            running[future] = submitted
            waiting.add(future)
            submitted += 1

    submit_more()
    try:
        for future in waiting:
            index = running.pop(future)
            done[index] = _result(future, debug)
            future.release()
            while written in done:
                yield from done.pop(written)
                written += 1
            submit_more()
    finally:
        waiting.clear()
        if running:
            client.cancel(list(running))


def _result(future: Any, debug: bool) -> list[batch.Outcome]:
    try:
        return future.result()
    except Exception as exc:
        if debug:
            raise
        raise ClusterError(f"a task failed on the cluster: {type(exc).__name__}: {exc} (use --debug)") from None


def outcomes(
    address: str,
    extractor: Extractor,
    sources: Sequence[Source | InputError],
    max_bytes: int,
    debug: bool = False,
    files: RecordFiles | None = None,
    fmt: str = "",
    keep_text: bool = False,
    announce: bool = False,
) -> Iterator[batch.Outcome]:
    """Connect now (a scheduler out of reach fails before any output is opened), then run
    the batch there; `announce` prints the scheduler's dashboard address on stderr.

    Without `files`, records in a stream format (`fmt`) come back rendered by the workers;
    with `keep_text` (the database and table writers), as records with their texts.
    """
    client = connect(address)
    if announce:
        print(f"issextract: Dask dashboard at {client.dashboard_link}", file=sys.stderr)

    def stream() -> Iterator[batch.Outcome]:
        try:
            render = None if files or keep_text else RENDERERS.get(fmt)
            if render is not None:  # a user's declared categories: their CSV columns
                render = functools.partial(render, registry=extractor.registry)
            yield from run(client, extractor, sources, max_bytes, debug, files, render, keep_text)
        finally:
            client.close()

    return stream()
