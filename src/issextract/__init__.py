"""issextract: structured data from raw reports of incidents on the International Space Station."""

__version__ = "0.1.0"

CATEGORIES = ("modules", "vehicles", "agencies", "crew", "people", "media")
"""Entity categories of the output record, in output order (dates and incidents stand apart)."""

SINGULAR = {
    "dates": "date",
    "modules": "module",
    "vehicles": "vehicle",
    "agencies": "agency",
    "crew": "crew",
    "people": "person",
    "media": "medium",
    "incidents": "incident",
}
"""What one item of each output list is called, for people to read (tables, the HTML page)."""

__all__ = ["CATEGORIES", "SINGULAR", "Extractor", "__version__", "extract"]


def __getattr__(name: str) -> object:
    """`issextract.extract` and `issextract.Extractor`, imported on first use: `import issextract`
    (and so `issextract --help`) stays free of spaCy and of the API module."""
    if name in {"extract", "Extractor"}:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'issextract' has no attribute '{name}'")
