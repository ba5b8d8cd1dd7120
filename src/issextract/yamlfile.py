"""YAML files read with the line of every mapping and key, so that errors in the data files
(gazetteers, the category registry) name the file and the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .gazetteer_fields import fail
from .reading import InputError, read_regular

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"  # libyaml when present: 5x faster start-up
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})
"""Plain scalars beginning with a letter that YAML may read as something other than text."""
LINE = "__line__"
KEY_LINES = "__key_lines__"
META = (LINE, KEY_LINES)
MAX_BYTES = 16 * 1024 * 1024


class LineLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """A safe loader that records each mapping's line, for error messages.

    Most scalars in the gazetteers are plain words; PyYAML tries each against its implicit
    types (int, float, bool, null, timestamp...) in Python, which was the biggest single cost
    of loading them. A plain scalar that begins with a letter and is none of YAML's words is
    text, so it is settled at once.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0] and value[:1].isalpha() and value.lower() not in _YAML_WORDS:
            return _STR_TAG
        return super().resolve(kind, value, implicit)


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    mapping[KEY_LINES] = {
        key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)
    }
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def fields(mapping: dict[Any, Any]) -> dict[Any, Any]:
    """A mapping's own keys and values, without the lines the loader noted (a copy: an entry
    shared through a YAML anchor is read, never changed)."""
    return {k: v for k, v in mapping.items() if k not in META}


def key_line(mapping: dict[Any, Any], key: Any, default: int | None) -> int | None:
    """The line of a key, as written (`7:` is read as the number 7); else of its mapping."""
    lines = mapping.get(KEY_LINES, {})
    return lines.get(key) or lines.get(str(key)) or mapping.get(LINE, default)


def read_text(path: Path, what: str = "gazetteer") -> str:
    """A data file's text. Only a regular file is read, and at most MAX_BYTES of it: a FIFO or
    a device (/dev/zero) is refused at once."""
    try:
        return read_regular(path, MAX_BYTES, f"{what} files").decode("utf-8-sig")
    except InputError as exc:
        raise fail(path, None, f"cannot read {what}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise fail(path, None, f"cannot read {what}: not UTF-8 text (byte {exc.start})") from None


def read_mapping(path: Path, what: str = "gazetteer", text: str | None = None) -> dict[str, Any]:
    """A data file's top-level mapping: of `text` when given (a copy of the file saved with a
    pipeline; `path` then only names it in errors), else of the file (see `read_text`)."""
    if text is None:
        text = read_text(path, what)
    try:
        data = yaml.load(text, Loader=LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise fail(path, mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise fail(path, 1, f"a {what} must be a mapping of category: [entries]")
    return data
