"""Saved web pages: their article's text is read, with the page's publication date."""

from __future__ import annotations

import html
import json
from pathlib import Path

from click.testing import CliRunner

from issextract.cli import main
from issextract.webpages import page_document

REPORT = """Crew Seals Small Air Leak on Space Station

MOSCOW, March 14, 2023 (Reuters) - Cosmonauts aboard the International Space Station found a slow \
air leak in the Poisk module on Monday, Russia's space agency Roscosmos said.

Commander Sergey Prokopyev and flight engineer Dmitri Petelin closed the hatch to Poisk while ground \
teams measured the pressure, and NASA said the crew was never in danger.

Prokopyev later applied sealant to a crack near the hatch. The agency said the Soyuz MS-23 \
spacecraft docked to the station was not affected.
"""


def saved_page(report: str, published: str | None = "2023-03-14T09:30:00Z") -> str:
    """A news site's page around a report: headline, paragraphs, and the site's own clutter."""
    headline, *paragraphs = report.strip().split("\n\n")
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(headline)} | Example News</title>{meta}
<script>var related = "Soyuz MS-99 and the Zarya module";</script></head>
<body><nav><a href="/">Home</a> | <a href="/space">Space</a> | <a href="/world">World news</a></nav>
<header><p>Subscribe to our newsletter for the latest from NASA and ESA</p></header>
<main><article><h1>{html.escape(headline)}</h1>
{body}
</article></main>
<footer><p>Copyright Example News. All rights reserved. Ask us about Zarya tours.</p></footer>
</body></html>"""


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def _record(path: Path, *options: str) -> dict:
    result = run("parse", str(path), "-f", "json", *options)
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    return record


def test_a_saved_page_gives_the_same_record_as_its_text(tmp_path: Path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "report.html").write_text(saved_page(REPORT), encoding="utf-8")
    from_text = _record(tmp_path / "report.txt")
    from_page = _record(tmp_path / "report.html")
    assert from_page.pop("source").endswith("report.html")
    from_text.pop("source")
    assert from_page == from_text  # offsets included: the article's text is the report's
    assert [c["name"] for c in from_page["crew"]] == ["Sergey Prokopyev", "Dmitri Petelin"]
    assert not any(v["name"] == "Soyuz MS-99" for v in from_page["vehicles"])  # the page's script is no text


def test_the_pages_date_dates_a_text_that_states_none(tmp_path: Path):
    undated = REPORT.replace("MOSCOW, March 14, 2023 (Reuters) - ", "")
    page = tmp_path / "undated.html"
    page.write_text(saved_page(undated, published="2023-03-14"), encoding="utf-8")
    record = _record(page)
    assert record["document_date"] == {"value": "2023-03-14", "source": "page"}
    monday = next(d for d in record["dates"] if d["text"] == "Monday")
    assert monday["value"] == "2023-03-13"  # the Monday before the page's date
    page.write_text(saved_page(undated, published=None), encoding="utf-8")
    record = _record(page)
    assert record["document_date"]["value"] is None
    assert next(d for d in record["dates"] if d["text"] == "Monday")["value"] is None


def test_a_page_with_no_article_is_a_bad_input_like_any_other(tmp_path: Path):
    (tmp_path / "a.html").write_text(saved_page(REPORT), encoding="utf-8")
    (tmp_path / "menu.htm").write_text(
        '<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>', encoding="utf-8"
    )
    result = run("parse", str(tmp_path), "--glob", "*.htm*", "-f", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(tmp_path / "a.html")]
    assert f"{tmp_path / 'menu.htm'}: web page with no article text" in result.stderr


def test_offsets_and_show_refer_to_the_extracted_text(tmp_path: Path):
    page = tmp_path / "report.html"
    page.write_text(saved_page(REPORT), encoding="utf-8")
    text = page_document(page.read_text(encoding="utf-8")).text
    record = _record(page)
    for item in record["crew"] + record["modules"]:
        for start, end in item["spans"]:
            assert text[start:end] in {item["name"], *item.get("aliases", [])}
    out = tmp_path / "show.html"
    assert run("show", str(page), "--html", str(out)).exit_code == 0
    shown = out.read_text(encoding="utf-8")
    assert "Cosmonauts aboard" in shown and "Subscribe" not in shown and "var related" not in shown
    result = run("show", str(page))
    assert result.exit_code == 0 and "Crew Seals Small Air Leak" in result.stdout and "<p>" not in result.stdout


def test_standard_input_that_is_a_page_is_read_as_one():
    result = run("parse", "-", "-f", "json", input=saved_page(REPORT))
    (record,) = json.loads(result.stdout)
    assert record["document_date"]["source"] == "dateline" and record["modules"][0]["name"] == "Poisk"
