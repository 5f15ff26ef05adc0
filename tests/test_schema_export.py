"""`sopgen schema`: JSON Schemas for editors, generated from the Shape declarations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from sopgen.core.config import CONFIG
from sopgen.core.models import SOP
from sopgen.core.schema import LIST, OBJECT, Shape
from sopgen.authoring.schema_export import config_schema, sop_schema

REPO = Path(__file__).resolve().parent.parent
Validator = jsonschema.Draft7Validator


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as an editor's YAML 1.2 language server does: dates, yes and no are text.

    PyYAML follows YAML 1.1, which reads 2026-10-01 as a date and yes as true.
    """


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
EditorLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))


def errors(schema: dict, text: str) -> list[str]:
    validator = Validator(schema, format_checker=Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(yaml.load(text, Loader=EditorLoader))]


@pytest.mark.parametrize("schema", [sop_schema(), config_schema()], ids=["sop", "config"])
def test_schemas_are_valid_draft_07(schema):
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Validator.check_schema(schema)


@pytest.mark.parametrize("path", sorted((REPO / "sops").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_sop_in_the_library_matches_the_sop_schema(path):
    assert errors(sop_schema(), path.read_text(encoding="utf-8")) == []


def test_the_repositorys_sopgen_yaml_matches_the_config_schema():
    assert errors(config_schema(), (REPO / "sopgen.yaml").read_text(encoding="utf-8")) == []


def test_valid_sop_and_config_match(VALID_SOP, VALID_CONFIG):
    assert errors(sop_schema(), VALID_SOP) == []
    assert errors(config_schema(), VALID_CONFIG) == []


@pytest.mark.parametrize("change, expected", [
    (("why: Nobody should", "wy: Nobody should"), "'wy' was unexpected"),
    (("status: approved", "status: aproved"), "'aproved' is not one of"),
    (("effective: 2026-10-01", "effective: 2026-13-01"), "is not a 'date'"),
    (("id: door-welcome-arrivals", "id: Door_Welcome"), "does not match"),
    (("owner: Head Door Concierge\n", ""), "'owner' is a required property"),
])
def test_sop_schema_rejects_what_sopgen_rejects(VALID_SOP, change, expected):
    old, new = change
    assert old in VALID_SOP
    found = errors(sop_schema(), VALID_SOP.replace(old, new, 1))
    assert any(expected in message for message in found), found


def test_config_schema_rejects_an_unknown_key_and_a_bad_paper_size(VALID_CONFIG):
    assert any("'colour' was unexpected" in m for m in errors(config_schema(), VALID_CONFIG + "colour: red\n"))
    assert any("'A5' is not one of" in m for m in errors(config_schema(), VALID_CONFIG + "paper: A5\n"))


def test_values_sopgen_reads_as_written_are_not_marked_wrong(VALID_SOP, VALID_CONFIG):
    sop = (VALID_SOP.replace('version: "1.2"', "version: 1.2")
           .replace("approved_by: Guest Services Manager", "approved_by:")
           + "lint:\n  ignore: [sop113]\n"
           + "order: 2\n")
    sop = sop.replace("    answer: It shows that they were expected.",
                      "    choices:\n      - Because it is polite\n      - text: It shows they were expected\n"
                      "        correct: yes")
    assert errors(sop_schema(), sop) == []
    config = VALID_CONFIG + "lint:\n  severity: {SOP108: error}\n  flag:\n    - as per\n    - phrase: revert\n"
    assert errors(config_schema(), config) == []


def test_the_editor_loader_reads_dates_and_yes_as_text():
    assert yaml.load("a: 2026-10-01\nb: yes\nc: true\nd: 1.2", Loader=EditorLoader) == \
        {"a": "2026-10-01", "b": "yes", "c": True, "d": 1.2}


def test_every_field_is_described_with_its_description():
    def check(shape: Shape, schema: dict) -> None:
        schema = next((s for s in schema.get("anyOf", []) if s.get("type") == "object"), schema)
        assert set(schema["properties"]) == {spec.name for spec in shape.fields}
        assert schema["additionalProperties"] is False
        assert schema.get("required", []) == [spec.name for spec in shape.fields if spec.required]
        for spec in shape.fields:
            prop = schema["properties"][spec.name]
            assert prop["description"] == spec.description, spec.name
            if spec.kind == OBJECT:
                check(spec.shape, prop)
            elif spec.kind == LIST and isinstance(spec.item, Shape):
                check(spec.item, prop["items"])

    check(SOP, sop_schema())
    check(CONFIG, config_schema())


def test_schema_command_writes_both_schemas_into_the_project(make_project, run_cli):
    root = make_project()
    (root / "sops" / "door").mkdir(exist_ok=True)
    code, out, err = run_cli(["schema"], cwd=root / "sops" / "door")
    assert code == 0, err
    for name, expected in (("sop.schema.json", sop_schema()), ("sopgen.schema.json", config_schema())):
        assert json.loads((root / "schemas" / name).read_text(encoding="utf-8")) == expected
        assert name in out
    assert run_cli(["schema"], cwd=root)[0] == 0        # writing again replaces them


def test_schema_command_with_out_needs_no_project(tmp_path, run_cli):
    code, _, err = run_cli(["schema", "--out", tmp_path / "editor"], cwd=tmp_path)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "editor").iterdir()) == [
        "audit.schema.json", "programme.schema.json", "record.schema.json", "sop.schema.json", "sopgen.schema.json",
        "story.schema.json"]


def test_schema_command_outside_a_project_says_so(tmp_path, run_cli):
    code, _, err = run_cli(["schema"], cwd=tmp_path)
    assert code == 2
    assert "no sopgen.yaml found" in err and "Traceback" not in err
