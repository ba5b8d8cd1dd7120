from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from issextract.pipeline import build_pipeline
from issextract.record import doc_to_record

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "schema" / "record.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp():
    return build_pipeline()


@pytest.fixture(scope="session")
def extract(nlp):
    """Text -> output record, through the shared default pipeline."""

    def run(text: str) -> dict[str, Any]:
        return doc_to_record(nlp(text), "test.txt")

    return run


def names(record: dict[str, Any], category: str) -> list[str]:
    return [item["name"] for item in record[category]]
