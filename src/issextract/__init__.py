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
