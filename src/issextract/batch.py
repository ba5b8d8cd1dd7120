"""Run the pipeline over many inputs, in order, in one process or a pool of workers.

Only plain data crosses process boundaries: a worker gets a `Source` and gives back the record
dict (or the reason the input failed). Workers are forked after the pipeline is built, so they
start with it loaded. Documents are processed inside spaCy memory zones that are renewed every
ZONE_DOCS documents, and the memos of what the components read are emptied as each zone
closes (`memo.forget_all`), so memory stays flat however many documents pass through, however
new their words.

The pool is this module's own rather than `multiprocessing.Pool`, whose batch hangs for ever
when a worker dies (the out-of-memory killer, a `kill -9`). Each worker writes the number of
the input it is working on into shared memory before it starts on it; when a worker dies, that
input is reported lost (named, never silently dropped), the inputs it had been given but not
started go to the others, and a new worker takes its place. Workers ignore Ctrl-C, which the
main process handles for them (one message, not one traceback per worker).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from .memo import forget_all
from .reading import DEFAULT_MAX_BYTES, InputError, Source, quoted
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
        forget_all()  # the readings of the zone's words go with them
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
        return Outcome(source, error=f"{quoted(source.name)}: {exc}")
    except Exception as exc:
        if _DEBUG:
            raise
        message = " ".join(str(exc).split())  # one line, whatever the exception says
        error = f"{quoted(source.name)}: internal error: {type(exc).__name__}: {message} (use --debug)"
        return Outcome(source, error=error)
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


class PoolFailure(RuntimeError):
    """Worker processes cannot be started, or keep dying before taking any input."""


def run(
    nlp: Any,
    sources: Iterable[Source | InputError],
    workers: int,
    max_bytes: int,
    debug: bool = False,
    keep_text: bool = False,
) -> Iterator[Outcome]:
    """Outcomes in input order, each yielded as soon as it (and all before it) is done; with
    `keep_text`, each with its text.

    One worker runs in this process, unless the batch outlasts a worker's life (WORKER_DOCS):
    then it runs in a pool of one, renewed as the pool's workers are."""
    hold(nlp, max_bytes, debug, keep_text)
    sources = list(sources)
    try:
        if workers <= 1 and len(sources) <= WORKER_DOCS:
            yield from map(process_one, sources)
            return
        yield from _Pool(sources, max(1, workers)).outcomes()
    finally:
        release()


WORKER_DOCS = 10_000
"""Documents a worker process takes before it retires and a fresh one is forked in its place.
spaCy's memory zones free what their documents added, but the hash tables of its string store
and vocabulary keep a tombstone for every entry removed and double in size as tombstones fill
them: on text never seen before they grow by a few megabytes per thousand documents. A worker
forked afresh from the untouched pipeline starts from the tables as built."""


IDLE = -1


def _serve(conn: Connection, slot: int, current: Any, inherited: list[Connection]) -> None:
    """A worker: take lists of (number, input), answer each with its outcome."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for other in inherited:  # the main process's ends: held here, a dead main would never be seen
        other.close()
    served = 0
    try:
        while served < WORKER_DOCS:
            try:
                tasks = conn.recv()
            except EOFError:
                return
            if tasks is None:
                return
            for number, source in tasks:
                current[slot] = number
                conn.send((number, process_one(source)))
            current[slot] = IDLE
            served += len(tasks)
    except (BrokenPipeError, EOFError):
        return  # the main process is gone: nothing to report to
    except Exception as exc:  # pragma: no cover - process_one reports its own errors
        sys.stderr.write(f"issextract: worker failed: {type(exc).__name__}: {exc}\n")
        sys.stderr.flush()
        os._exit(70)


class _Worker:
    def __init__(self, context: Any, slot: int, current: Any, others: list[Connection]) -> None:
        self.slot = slot
        self.given: deque[tuple[int, Source | InputError]] = deque()
        parent, child = context.Pipe()
        for stream in (sys.stdout, sys.stderr):  # a forked child flushes what it inherits
            stream.flush()
        self.process = context.Process(target=_serve, args=(child, slot, current, [*others, parent]), daemon=True)
        try:
            self.process.start()
        except OSError as exc:
            parent.close()
            raise PoolFailure(f"cannot start a worker process: {exc.strerror or exc}") from None
        finally:
            child.close()
        self.conn = parent

    def stop(self, force: bool) -> None:
        if not force:
            try:
                self.conn.send(None)
            except OSError:
                force = True
        self.process.join(None if not force else 0)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
        self.conn.close()


CHUNK = 8
WINDOW_PER_WORKER = 64
"""How far past the first unfinished input work is handed out: bounds the finished records
held back to keep the output in input order."""
MAX_IDLE_DEATHS = 3


class _Pool:
    """Workers fed a few inputs at a time, replaced when they die."""

    def __init__(self, sources: list[Source | InputError], workers: int) -> None:
        self.sources = sources
        self.todo: deque[tuple[int, Source | InputError]] = deque(enumerate(sources))
        self.done: dict[int, Outcome] = {}
        self.context = multiprocessing.get_context("fork")
        self.size = max(1, min(workers, len(sources)))
        self.current = self.context.RawArray("q", [IDLE] * self.size)
        self.workers: list[_Worker] = []
        self.idle_deaths = 0

    def _start(self, slot: int) -> _Worker:
        return _Worker(self.context, slot, self.current, [w.conn for w in self.workers])

    def outcomes(self) -> Iterator[Outcome]:
        clean = False
        try:
            self.workers = []
            for slot in range(self.size):
                self.workers.append(self._start(slot))
            following = 0
            while following < len(self.sources):
                self._hand_out(following)
                self._collect()
                while following in self.done:
                    yield self.done.pop(following)
                    following += 1
            clean = True
        finally:
            for worker in self.workers:
                worker.stop(force=not clean)

    def _hand_out(self, following: int) -> None:
        limit = following + WINDOW_PER_WORKER * self.size
        size = max(1, min(CHUNK, len(self.todo) // (2 * self.size)))
        for worker in self.workers:
            if len(worker.given) > 1 or not self.todo or self.todo[0][0] >= limit:
                continue
            tasks = [self.todo.popleft() for _ in range(min(size, len(self.todo)))]
            worker.given.extend(tasks)
            with contextlib.suppress(OSError):  # if it died, _collect sees it and hands them out again
                worker.conn.send(tasks)

    def _collect(self) -> None:
        busy = [w for w in self.workers if w.given]
        if not busy:
            return
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
        for worker in busy:
            alive = self._receive(worker) if worker.conn in ready else True
            if not alive or worker.process.sentinel in ready:
                self._receive(worker)
                self._replace(worker)

    def _receive(self, worker: _Worker) -> bool:
        """Take every outcome waiting from a worker; False once it has gone."""
        try:
            while worker.conn.poll():
                number, outcome = worker.conn.recv()
                self.done[number] = outcome
                worker.given.remove(next(t for t in worker.given if t[0] == number))
        except (EOFError, OSError):
            return False
        return True

    def _replace(self, worker: _Worker) -> None:
        """A worker ended: retired (exit 0), or died. The input it was on is lost; the rest of
        its share goes back to be handed out again."""
        worker.process.join()
        lost = self.current[worker.slot]
        started = [t for t in worker.given if t[0] == lost]
        self.todo.extendleft(reversed([t for t in worker.given if t[0] != lost]))
        for number, source in started:
            self.done[number] = Outcome(
                source if isinstance(source, Source) else None,
                error=f"{_name(source)}: lost: {_death(worker.process.exitcode)} while processing it",
            )
        if worker.process.exitcode != 0 or started:
            self.idle_deaths = 0 if started else self.idle_deaths + 1
        if self.idle_deaths >= MAX_IDLE_DEATHS:
            raise PoolFailure(f"worker processes keep dying ({_death(worker.process.exitcode)})")
        worker.conn.close()
        self.current[worker.slot] = IDLE
        index = self.workers.index(worker)
        self.workers[index] = self._start(worker.slot)


def _name(source: Source | InputError) -> str:
    return quoted(source.name) if isinstance(source, Source) else str(source)


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if -exitcode == signal.SIGKILL else ""
        return f"its worker process was killed by {name}{hint}"
    return f"its worker process died (exit status {exitcode})"
