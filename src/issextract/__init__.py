"""issextract: structured data from raw reports of incidents on the International Space Station."""

__version__ = "0.1.0"

__all__ = ["CATEGORIES", "SINGULAR", "Extractor", "__version__", "extract"]


def __getattr__(name: str) -> object:
    """`issextract.extract` and `issextract.Extractor`, imported on first use: `import issextract`
    (and so `issextract --help`) stays free of spaCy and of the API module.

    `CATEGORIES` (the categories of named things, in output order; dates and incidents stand
    apart) and `SINGULAR` (what one item of each output list is called) are read from the
    category registry, data/categories.yaml (`issextract.registry`)."""
    if name in {"extract", "Extractor"}:
        from . import api

        return getattr(api, name)
    if name in {"CATEGORIES", "SINGULAR"}:
        from .registry import shipped_registry

        registry = shipped_registry()
        return registry.items if name == "CATEGORIES" else {c.name: c.singular for c in registry}
    raise AttributeError(f"module 'issextract' has no attribute '{name}'")
