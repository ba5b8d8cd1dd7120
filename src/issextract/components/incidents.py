"""spaCy component: the incident types a report describes, with the sentences that say so."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteers import Gazetteer, load_gazetteer
from .spans import set_span_attrs

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'\u201d\u2019)]*|\n|$)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Character bounds of sentences: enough for evidence, with no parser in the pipeline."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


class IncidentClassifier:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.rules = gazetteer.incident_rules

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        found: dict[str, list[tuple[int, int]]] = {}
        for start, end in sentences(text):
            sentence = text[start:end]
            for rule in self.rules.values():
                if any(p.search(sentence) for p in rule.patterns) and not any(p.search(sentence) for p in rule.exclude):
                    found.setdefault(rule.type, []).append((start, end))
        spans = []
        for type_, bounds in found.items():
            rule = self.rules[type_]
            if any(other in found for other in rule.symptom_of):
                continue
            for start, end in bounds:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                out = Span(doc, span.start, span.end, label="incidents", kb_id=type_)
                set_span_attrs(out, {"evidence": text[start:end].strip()})
                spans.append(out)
        doc.spans["incidents"] = sorted(spans, key=lambda s: (s.start, s.kb_id_))
        return doc


@Language.factory("issextract_incidents", default_config={"gazetteers": []})
def make_incident_classifier(nlp: Language, name: str, gazetteers: list[str]) -> IncidentClassifier:
    """Incident types from the report's wording (data/incidents.yaml)."""
    return IncidentClassifier(load_gazetteer(gazetteers))
