"""Plain record dicts -> YAML stream, JSON array, JSON lines, CSV rows or Rich tables.

Each writer streams: `write` is called once per document as soon as it is done, so a long
batch shows output as it goes and a crash loses nothing already written.

A format is one `Writer` subclass registered with `@register`: its `name` is what `--format`
takes (in any case), its `help` what `--format`'s help says of it, and its `renderer` (when a
record's text depends on that record alone) what cluster workers render with. The formats that
only write tables (sqlite, parquet) are tablefiles.py's.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TextIO

import yaml

from .record import DateItem, Item, Record
from .registry import Registry, shipped_registry
from .tablefiles import TABLE_FORMATS, csv_cell
from .tables import flat_columns, flat_rows

TABLE_FORMAT_HELP = {"sqlite": "a database (-o FILE)", "parquet": "one file per table (--output-dir DIR)"}


class _Dumper(yaml.SafeDumper):
    """Block-style YAML, keys in contract order."""


_EMITTER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter (in PyYAML's wheels), fed events by `to_yaml`. It writes what PyYAML's
emitter writes except double-quoted text: libyaml escapes characters beyond the Basic
Multilingual Plane (an emoji) and folds long escaped lines elsewhere, so a record with such
text (`_ESCAPED`) goes to PyYAML's emitter (a randomised test holds the two to the same bytes)."""


_ESCAPED = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
"""Characters that make a string double-quoted or escaped: control characters (tabs and carriage
returns too), NEL, the line and paragraph separators, surrogates, the byte-order mark and
everything beyond the BMP."""

_PLAIN_KEY = re.compile(r"[A-Za-z_][\w-]{0,63}\Z", re.ASCII)


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Multi-line text as a literal block; text holding YAML's other line breaks (NEL, U+2028,
    U+2029) double-quoted, where they are escaped: PyYAML writes them raw in plain and quoted
    scalars, and a reader folds a raw NEL into a space."""
    if "\x85" in value or "\u2028" in value or "\u2029" in value:
        style: str | None = '"'
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list_presenter(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    """Offsets ([start, end]) on one line each."""
    flow = bool(value) and all(type(v) is int for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str_presenter)
_Dumper.add_representer(list, _list_presenter)


def to_yaml(record: dict[str, Any]) -> str:
    """The record as block YAML: the events `yaml.dump` would emit, built here and handed to
    libyaml's emitter (PyYAML's representer and serializer, in Python, cost twice the
    emitting). A record holding text libyaml would write otherwise than PyYAML's
    emitter (see `_ESCAPED`), or values other than a record's own types, goes through
    `yaml.dump` with PyYAML's emitter."""
    events: list[yaml.Event] = [yaml.StreamStartEvent(), yaml.DocumentStartEvent(explicit=False)]
    try:
        _events(record, events)
    except _Unplain:
        return yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    events += [yaml.DocumentEndEvent(explicit=False), yaml.StreamEndEvent()]
    return yaml.emit(events, Dumper=_EMITTER, allow_unicode=True, width=100)


class _Unplain(Exception):
    """A value `_events` leaves to `yaml.dump`."""


_TAG = "tag:yaml.org,2002:"
_STR, _INT, _MAP, _SEQ = _TAG + "str", _TAG + "int", _TAG + "map", _TAG + "seq"
_RESOLVER = yaml.resolver.Resolver()
_NUMBER = (True, False)
_Scalar, _MapStart, _MapEnd = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
_SeqStart, _SeqEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent


@functools.lru_cache(maxsize=65536)
def _text_event(value: str) -> yaml.ScalarEvent:
    """A string's event (events are read, never changed, by the emitter: one per spelling).
    `implicit` says whether the string written plain reads back as text (not a number, a
    boolean, null...), which lets the emitter write it without quotes."""
    if _ESCAPED.search(value) or value == "\n" or value.endswith("\n\n"):
        raise _Unplain(value)  # escaped, or a block that keeps its final breaks ("|+")
    plain = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR
    return _Scalar(None, _STR, (plain, True), value, style="|" if "\n" in value else None)


@functools.lru_cache(maxsize=4096)
def _key_event(key: str) -> yaml.ScalarEvent:
    if not _PLAIN_KEY.match(key):
        raise _Unplain(key)
    return _text_event(key)


def _events(value: Any, out: list[yaml.Event]) -> None:
    """The events of one value, as SafeRepresenter with this module's presenters and the
    serializer make them (no anchors: a record shares no objects); _Unplain for what it
    leaves to `yaml.dump`."""
    kind = type(value)
    if kind is str:
        out.append(_text_event(value))
    elif kind is dict:
        out.append(_MapStart(None, _MAP, True, flow_style=False))
        for key, item in value.items():
            if type(key) is not str:
                raise _Unplain(key)
            out.append(_key_event(key))
            _events(item, out)
        out.append(_MapEnd())
    elif kind is list:
        if value and all(type(v) is int for v in value):  # offsets: [start, end] on one line
            out.append(_SeqStart(None, _SEQ, True, flow_style=True))
            out.extend(_Scalar(None, _INT, _NUMBER, str(v)) for v in value)
        else:
            out.append(_SeqStart(None, _SEQ, True, flow_style=False))
            for item in value:
                _events(item, out)
        out.append(_SeqEnd())
    elif kind is int:
        out.append(_Scalar(None, _INT, _NUMBER, str(value)))
    elif kind is bool:
        out.append(_Scalar(None, _TAG + "bool", _NUMBER, "true" if value else "false"))
    elif value is None:
        out.append(_Scalar(None, _TAG + "null", _NUMBER, "null"))
    else:
        raise _Unplain(kind.__name__)


class Writer:
    """Writes records to `out` in one format. `write` takes the record, and may also be given
    the record's text already rendered elsewhere (by a cluster worker) with `RENDERERS`.
    `registry` holds the categories a user declared (their columns, their names)."""

    name: ClassVar[str]
    help: ClassVar[str]

    @staticmethod
    def renderer() -> Callable[..., str] | None:
        """One record's text in this format, when it depends on that record alone."""
        return None

    def __init__(self, out: TextIO, registry: Registry | None = None) -> None:
        self.out = out
        self.registry = registry or shipped_registry()

    def write(self, record: dict[str, Any] | None, rendered: str | None = None) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


WRITERS: dict[str, type[Writer]] = {}


def register(writer: type[Writer]) -> type[Writer]:
    """Make `writer` the format of its `name`."""
    WRITERS[writer.name] = writer
    return writer


@register
class YamlWriter(Writer):
    name, help = "yaml", "one document per input"

    @staticmethod
    def renderer() -> Callable[..., str]:
        return render_yaml

    def __init__(self, out: TextIO, registry: Registry | None = None) -> None:
        super().__init__(out, registry)
        self.count = 0

    def write(self, record: dict[str, Any] | None, rendered: str | None = None) -> None:
        self.out.write(rendered if rendered is not None else render_yaml(record))
        self.out.flush()
        self.count += 1


@register
class JsonWriter(Writer):
    """One JSON array, written element by element."""

    name, help = "json", "one array"

    @staticmethod
    def renderer() -> Callable[..., str]:
        return render_json

    def __init__(self, out: TextIO, registry: Registry | None = None) -> None:
        super().__init__(out, registry)
        self.count = 0

    def write(self, record: dict[str, Any] | None, rendered: str | None = None) -> None:
        text = rendered if rendered is not None else render_json(record)
        self.out.write(("[\n" if self.count == 0 else ",\n") + text)
        self.out.flush()
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


_ONE_LINE = json.JSONEncoder(ensure_ascii=False)  # made once: json.dumps makes one per call


@register
class JsonLinesWriter(Writer):
    name, help = "jsonl", "one object per line"

    @staticmethod
    def renderer() -> Callable[..., str]:
        return render_jsonl

    def write(self, record: dict[str, Any] | None, rendered: str | None = None) -> None:
        self.out.write(rendered if rendered is not None else render_jsonl(record))
        self.out.flush()


def csv_rows(record: dict[str, Any], registry: Registry | None = None) -> list[dict[str, Any]]:
    """One row per extracted item, its own fields as columns (tables.flat_columns), empty where
    its category has no such field."""
    return [{key: csv_cell(value) for key, value in row.items()} for row in flat_rows(record, registry)]


def summary_rows(record: dict[str, Any], registry: Registry | None = None) -> list[tuple[str, str, str, int]]:
    """(category, name or value, details, mentions) per item, for people to read: the terminal
    table and the HTML page."""
    registry = registry or shipped_registry()
    rows = []
    for category, items in Record.read(record).lists():
        singular = registry.singular(category)
        for item in items:
            if isinstance(item, DateItem):
                rows.append((singular, item.value or "(unresolved)", item.text, item.mentions))
            elif isinstance(item, Item):
                details = ", ".join([*map(str, item.extras.values()), *(f"also '{a}'" for a in item.aliases)])
                rows.append((singular, item.name, details, item.mentions))
            else:
                facts = [item.date, item.location, item.crew_safety, item.status]
                rows.append((singular, item.type, ", ".join(f for f in facts if f), item.mentions))
    return rows


@register
class CsvWriter(Writer):
    name, help = "csv", "one row per item (with --output-dir: one file per table)"

    @staticmethod
    def renderer() -> Callable[..., str]:
        return render_csv

    def __init__(self, out: TextIO, registry: Registry | None = None) -> None:
        super().__init__(out, registry)
        csv.DictWriter(out, fieldnames=flat_columns(self.registry), lineterminator="\n").writeheader()

    def write(self, record: dict[str, Any] | None, rendered: str | None = None) -> None:
        self.out.write(rendered if rendered is not None else render_csv(record, self.registry))
        self.out.flush()


@register
class TableWriter(Writer):
    """Rich tables for people to read: one per document (laid out for the terminal they are
    shown on, so never rendered elsewhere)."""

    name, help = "table", "Rich tables"

    def __init__(self, out: TextIO, registry: Registry | None = None) -> None:
        super().__init__(out, registry)
        from rich.console import Console

        self.console = Console(file=out, soft_wrap=False)

    def write(self, record: dict[str, Any] | None, rendered: str | None = None) -> None:
        from rich.table import Table

        assert record is not None, "tables are laid out for the terminal they are shown on"

        table = Table(title=Record.read(record).source, title_justify="left", show_lines=False)
        table.add_column("category", style="bold cyan")
        table.add_column("name / value")
        table.add_column("details", style="dim")
        table.add_column("mentions", justify="right")
        for category, name, details, mentions in summary_rows(record, self.registry):
            table.add_row(category, name, details, str(mentions))
        self.console.print(table)


def render_yaml(record: Any, registry: Registry | None = None) -> str:
    return "---\n" + to_yaml(record)


def render_json(record: Any, registry: Registry | None = None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2)


def render_jsonl(record: Any, registry: Registry | None = None) -> str:
    return _ONE_LINE.encode(record) + "\n"


def render_csv(record: Any, registry: Registry | None = None) -> str:
    """A record's CSV rows; `registry` gives the columns (a declared category's fields too)."""
    registry = registry or shipped_registry()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=flat_columns(registry), lineterminator="\n")
    writer.writerows(csv_rows(record, registry))
    return buffer.getvalue()


RENDERERS = {name: render for name, writer in WRITERS.items() if (render := writer.renderer()) is not None}
"""Each stream format's text for one record, where it depends on that record alone (a table's
layout depends on the terminal): cluster workers render with these, and the client only writes
the text, which keeps it from being the bottleneck of a large cluster (rendering YAML takes
longer than extracting)."""

FORMATS = (*WRITERS, *TABLE_FORMATS)
"""What `parse --format` takes."""


def formats_help() -> str:
    """What `parse --format`'s help says of each format."""
    helps = {**{name: writer.help for name, writer in WRITERS.items()}, **TABLE_FORMAT_HELP}
    return "; ".join(f"{name}: {helps[name]}" for name in FORMATS) + "."


def make_writer(fmt: str, out: TextIO, registry: Registry | None = None) -> Writer:
    return WRITERS[fmt.lower()](out, registry)


def record_text(record: dict[str, Any], fmt: str) -> str:
    """One --output-dir file's text: pretty JSON with -f json, else YAML."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else to_yaml(record)


@dataclass(frozen=True)
class RecordFiles:
    """--output-dir: each input's record in a file of its own below `folder`, written atomically
    (`outputs.record_file`, `outputs.write_record_file`).

    Plain and picklable, so that cluster workers write their records with it exactly as the
    local batch does; another per-input output (a database, a dataset) can stand in for it.
    """

    folder: Path
    fmt: str

    def path(self, relative: str) -> Path:
        from .outputs import record_file

        return record_file(self.folder, relative, self.fmt)

    def write(self, relative: str, record: dict[str, Any]) -> None:
        from .outputs import write_record_file

        write_record_file(self.folder, self.path(relative), record_text(record, self.fmt))
