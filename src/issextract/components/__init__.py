"""spaCy components of issextract, each registered as a factory (see pyproject's spacy_factories)."""
