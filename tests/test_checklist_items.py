"""Checklist items a 6 am shift can use: a tick, or a reading with its unit and limits; N/A where it is
fair; the time of day. Declared once, validated with line and column, and exported to the JSON Schema."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from sopgen.core.models import ChecklistItem
from sopgen.render.context import reading_limits
from sopgen.authoring.schema_export import sop_schema

from tests.test_validation import MINIMAL, shown

FILE = "sops/door/welcome.yaml"

READING = MINIMAL + """\
checklist:
  - Umbrellas ready by the door
  - text: Fridge temperature
    kind: reading
    unit: °C
    min: 1
    max: 5
    when: opening
  - text: Towels at reception on rainy days
    na: true
"""


@pytest.fixture
def sop_of(make_project, monkeypatch):
    def load(content: str):
        from sopgen.pipeline import load_project

        root = make_project({"door/welcome.yaml": content})
        monkeypatch.chdir(root)
        project = load_project(root)
        return project, [shown(p) for p in project.problems]
    return load


def test_items_keep_their_kind_unit_limits_na_and_time_of_day(sop_of):
    project, problems = sop_of(READING)
    assert problems == []
    [sop] = project.sops
    assert sop.checklist == ["Umbrellas ready by the door", "Fridge temperature", "Towels at reception on rainy days"]
    assert sop.checklist_items == [
        ChecklistItem("Umbrellas ready by the door"),
        ChecklistItem("Fridge temperature", kind="reading", unit="°C", min=1, max=5, when="opening"),
        ChecklistItem("Towels at reception on rainy days", na=True),
    ]


@pytest.mark.parametrize("old, new, expected", [
    ("  - Umbrellas ready by the door\n", "  - text: Umbrellas ready by the door\n    unit: °C\n",
     f"{FILE}:13:11: checklist item 1 has 'unit' but is not a reading"),
    ("    min: 1\n", "    min: 9\n", f"{FILE}:16:10: checklist item 2 has min 9 above max 5"),
    ("    max: 5\n", "    max: five\n", f"{FILE}:17:10: 'max' in checklist item 2 must be a number, not 'five'"),
    ("    when: opening\n", "    when: openning\n",
     f"{FILE}:18:11: 'when' in checklist item 2 is 'openning', which is not one of: opening, shift, closing "
     "(did you mean 'opening'?)"),
    ("    kind: reading\n", "    kind: temperature\n",
     f"{FILE}:14:11: 'kind' in checklist item 2 is 'temperature', which is not one of: tick, reading"),
    ("    na: true\n", "    n/a: true\n", f"{FILE}:20:5: unknown key 'n/a' in checklist item 3 (did you mean 'na'?)"),
])
def test_a_mistake_in_an_item_is_reported_where_it_is_written(sop_of, old, new, expected):
    assert READING.count(old) == 1
    _, problems = sop_of(READING.replace(old, new))
    assert problems == [expected]


def test_a_negative_or_decimal_limit_is_a_number(sop_of):
    project, problems = sop_of(READING.replace("    min: 1\n", "    min: -18.5\n").replace("    max: 5\n", "    max: -15\n"))
    assert problems == []
    assert project.sops[0].checklist_items[1].min == -18.5


@pytest.mark.parametrize("item, limits", [
    (ChecklistItem("Fridge", kind="reading", unit="°C", min=1, max=5), "1–5 °C"),
    (ChecklistItem("Fridge", kind="reading", unit="°C", max=5), "5 °C or below"),
    (ChecklistItem("Hot hold", kind="reading", unit="°C", min=63), "63 °C or above"),
    (ChecklistItem("Freezer", kind="reading", unit="°C", max=-18.0), "-18 °C or below"),
    (ChecklistItem("Guests in the lounge", kind="reading"), None),
])
def test_limits_are_printed_as_a_reader_says_them(item, limits):
    assert reading_limits(item) == limits


def test_the_json_schema_offers_the_item_fields_to_editors():
    schema = sop_schema()
    item = schema["properties"]["checklist"]["anyOf"][0]["items"] if "anyOf" in schema["properties"]["checklist"] \
        else schema["properties"]["checklist"]["items"]
    mapping = next(option for option in item["anyOf"] if option.get("type") == "object")
    assert set(mapping["properties"]) == {"text", "kind", "unit", "min", "max", "na", "when"}
    validator = jsonschema.Draft7Validator(schema)
    assert list(validator.iter_errors(yaml.safe_load(READING))) == []
    bad = yaml.safe_load(READING.replace("    max: 5\n", "    max: five\n"))
    reasons = [sub.message for error in validator.iter_errors(bad) for sub in error.context]
    assert any("'five' is not of type 'number'" in reason for reason in reasons), reasons
