"""Property: arbitrary text never crashes the pipeline and always gives schema-valid output."""

from __future__ import annotations

import json

import jsonschema
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SCHEMA
from issextract.writers import csv_rows, to_yaml

VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
WORDS = st.sampled_from(
    [
        "Zvezda",
        "Soyuz",
        "MS-22",
        "Progress",
        "82",
        "and",
        "81",
        "Dec.",
        "15",
        "2022",
        "Wednesday",
        "NASA",
        "leak",
        "Cosmonaut",
        "Pyotr",
        "Dubrov",
        "Commander",
        "Hadfield",
        "smoke",
        ",",
        ".",
        "-",
        "\n",
        "(",
        ")",
        "CSA-CP",
        "©",
        "Sept.",
        "31",
        "February",
        "30",
        "2025-2026",
        "4/29",
        "9:50",
        "the",
        "same",
        "day",
        "yesterday",
        "PrK",
    ]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_any_text_gives_valid_output_in_every_format(extract, text):
    record = extract(text)
    VALIDATOR.validate(record)
    assert yaml.safe_load(to_yaml(record)) == record
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record
    for row in csv_rows(record):
        assert row["source"] == "test.txt"
