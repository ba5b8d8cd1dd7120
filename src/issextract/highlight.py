"""Show a report with what was extracted from it: in the terminal (Rich) or as a standalone HTML
page (spaCy's displaCy for the text, the record beside it).

Drawn from the record alone: the text and each item's `spans`, the offsets the record gives
for its mentions, so what is shown is what a user of the output gets.
"""

from __future__ import annotations

import html
from typing import Any

from .record import DateItem, Record
from .registry import Registry, shipped_registry
from .writers import summary_rows


def colours(registry: Registry) -> dict[str, str]:
    """Each highlighted category's page colour, by its singular name (the label shown)."""
    return {c.singular: c.colour for c in registry if c.shape != "incidents"}


def terminal_styles(registry: Registry) -> dict[str, str]:
    """Each highlighted category's Rich style, by its singular name."""
    return {c.singular: c.style for c in registry if c.shape != "incidents"}


def marks(record: dict[str, Any], registry: Registry | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, label, name or value) for every mention the record gives, in text order, no overlaps."""
    registry = registry or shipped_registry()
    found = []
    for category, item, (start, end) in Record.read(record).spans():
        name = (item.value or item.text) if isinstance(item, DateItem) else item.name
        found.append((start, end, registry.singular(category), name))
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str, str]] = []
    for mark in found:
        if not kept or mark[0] >= kept[-1][1]:
            kept.append(mark)
    return kept


def terminal_text(text: str, found: list[tuple[int, int, str, str]], registry: Registry | None = None) -> Any:
    """The report as Rich Text, each mention in its category's colour."""
    from rich.text import Text

    styles = terminal_styles(registry or shipped_registry())
    out = Text(text)
    for start, end, label, _ in found:
        out.stylize(styles[label], start, end)
    return out


def legend(registry: Registry | None = None) -> Any:
    from rich.text import Text

    out = Text("key: ")
    for label, style in terminal_styles(registry or shipped_registry()).items():
        out.append(f" {label} ", style=style)
        out.append(" ")
    return out


def _record_html(record: dict[str, Any], registry: Registry) -> str:
    rows = summary_rows(record, registry)
    page_colours = colours(registry)
    body = "\n".join(
        f'<tr><td><span class="key" style="background:{page_colours.get(cat, "#eee")}">{html.escape(cat)}</span></td>'
        f"<td>{html.escape(name)}</td><td>{html.escape(details)}</td></tr>"
        for cat, name, details, _ in rows
    )
    return f"<table><thead><tr><th>category</th><th>name / value</th><th>details</th></tr></thead>{body}</table>"


def html_page(
    text: str, found: list[tuple[int, int, str, str]], record: dict[str, Any], registry: Registry | None = None
) -> str:
    """A standalone page: the text marked up by displaCy, the extracted record beside it."""
    from spacy import displacy

    registry = registry or shipped_registry()
    page_colours = colours(registry)
    marked = displacy.render(
        [{"text": text, "ents": [{"start": s, "end": e, "label": label} for s, e, label, _ in found]}],
        style="ent",
        manual=True,
        page=False,
        options={"colors": page_colours, "ents": list(page_colours)},
    )
    title = html.escape(Record.read(record).source)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>issextract: {title}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #222; }}
header {{ padding: 12px 24px; background: #1d2b3a; color: #fff; }}
header h1 {{ font-size: 18px; margin: 0; }}
main {{ display: flex; gap: 24px; padding: 16px 24px; align-items: flex-start; }}
#text {{ flex: 3; font-size: 15px; }}
#record {{ flex: 2; position: sticky; top: 0; }}
table {{ border-collapse: collapse; width: 100%; font-size: 13px; }}
th, td {{ text-align: left; padding: 4px 6px; border-bottom: 1px solid #ddd; vertical-align: top; }}
.key {{ padding: 1px 6px; border-radius: 4px; font-weight: bold; }}
</style>
</head>
<body>
<header><h1>issextract &middot; {title}</h1></header>
<main>
<section id="text">{marked}</section>
<section id="record"><h2>Extracted</h2>{_record_html(record, registry)}</section>
</main>
</body>
</html>
"""
