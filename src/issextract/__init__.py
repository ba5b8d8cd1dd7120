"""issextract: structured data from raw reports of incidents on the International Space Station."""

__version__ = "0.1.0"

CATEGORIES = ("modules", "vehicles", "agencies", "crew", "people", "media")
"""Entity categories of the output record, in output order (dates and incidents stand apart)."""
