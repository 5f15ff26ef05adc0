"""Headings, columns and labels are matched whatever their case, numbering or trailing colon."""

from __future__ import annotations

import pytest

from sopgen.importing.mapping import Mapping


@pytest.mark.parametrize("heading, field", [
    ("1. Purpose:", "purpose"), ("PROCEDURE", "steps"), ("2.3 Scope", "scope"), ("Section 4: Equipment", "equipment"),
    ("A) Health & Safety", "safety"), ("What you need", "equipment"), ("Objective", "purpose"),
    ("Roles and responsibilities", "roles"), ("Revision History", "revisions"), ("Scope of this SOP", "scope"),
    ("Service standards:", "standards"), ("Forms", "records"), ("Definitions", "definitions"),
    ("Document control", "control"), ("Complaints about noise", None), ("Recording a complaint", None),
])
def test_a_heading_is_mapped_to_its_field(heading, field):
    assert Mapping().heading_field(heading) == field


def test_a_table_is_known_by_its_columns():
    mapping = Mapping()

    assert mapping.table_kind(("What", "How", "Why")) == "steps"
    assert mapping.table_kind(("Rev.", "Date", "Author", "Description of change")) == "revisions"
    assert mapping.table_kind(("Form", "Kept by", "Retention period")) == "records"
    assert mapping.table_kind(("Room", "Floor")) is None
