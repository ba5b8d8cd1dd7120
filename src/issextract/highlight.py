"""Show a report with what was extracted from it: in the terminal (Rich) or as a standalone HTML
page (spaCy's displaCy for the text, the record beside it).

Drawn from the record alone: the text and each item's `spans`, the offsets the record gives
for its mentions, so what is shown is what a user of the output gets.
"""

from __future__ import annotations

import html
from typing import Any

from . import CATEGORIES, SINGULAR
from .writers import summary_rows

COLOURS = {
    "date": "#ffe08a",
    "module": "#9fd4ff",
    "vehicle": "#b6e3a1",
    "agency": "#ffb3a7",
    "crew": "#d7b8ff",
    "person": "#f7c6e0",
    "medium": "#c9c9c9",
}
LABELS = {key: SINGULAR[key] for key in ("dates", *CATEGORIES)}
TERMINAL_STYLES = {
    "date": "black on yellow",
    "module": "black on bright_cyan",
    "vehicle": "black on green",
    "agency": "black on bright_red",
    "crew": "black on magenta",
    "person": "black on bright_magenta",
    "medium": "black on white",
}


def marks(record: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, label, name or value) for every mention the record gives, in text order, no overlaps."""
    found = []
    for key, label in LABELS.items():
        for item in record[key]:
            name = item.get("name") or item.get("value") or item.get("text", "")
            found.extend((start, end, label, name) for start, end in item["spans"])
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str, str]] = []
    for mark in found:
        if not kept or mark[0] >= kept[-1][1]:
            kept.append(mark)
    return kept


def terminal_text(text: str, found: list[tuple[int, int, str, str]]) -> Any:
    """The report as Rich Text, each mention in its category's colour."""
    from rich.text import Text

    out = Text(text)
    for start, end, label, _ in found:
        out.stylize(TERMINAL_STYLES[label], start, end)
    return out


def legend() -> Any:
    from rich.text import Text

    out = Text("key: ")
    for label, style in TERMINAL_STYLES.items():
        out.append(f" {label} ", style=style)
        out.append(" ")
    return out


def _record_html(record: dict[str, Any]) -> str:
    rows = summary_rows(record)
    body = "\n".join(
        f'<tr><td><span class="key" style="background:{COLOURS.get(cat, "#eee")}">{html.escape(cat)}</span></td>'
        f"<td>{html.escape(name)}</td><td>{html.escape(details)}</td></tr>"
        for cat, name, details, _ in rows
    )
    return f"<table><thead><tr><th>category</th><th>name / value</th><th>details</th></tr></thead>{body}</table>"


def html_page(text: str, found: list[tuple[int, int, str, str]], record: dict[str, Any]) -> str:
    """A standalone page: the text marked up by displaCy, the extracted record beside it."""
    from spacy import displacy

    marked = displacy.render(
        [{"text": text, "ents": [{"start": s, "end": e, "label": label} for s, e, label, _ in found]}],
        style="ent",
        manual=True,
        page=False,
        options={"colors": COLOURS, "ents": list(COLOURS)},
    )
    title = html.escape(record["source"])
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
<section id="record"><h2>Extracted</h2>{_record_html(record)}</section>
</main>
</body>
</html>
"""
