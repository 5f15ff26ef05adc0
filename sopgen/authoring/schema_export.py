"""JSON Schemas for every input (SOP files, sopgen.yaml, the programme, sign-off records, stories,
audits), generated from the Shape declarations.

Editors use them for completion, hover text and early warnings; sopgen's own
validator stays the authority. The schemas describe the files as an editor's
YAML language server reads them (YAML 1.2: dates are text, ``1.2`` is a
number, ``yes`` is text) and accept what sopgen accepts, so that the editor
does not mark a valid file as wrong. The one exception: a bare true or false
where text belongs, which sopgen reads as text. Checks across fields and files
(the touchpoint is in the journey, ids are unique) are left to sopgen.
Draft-07 is the newest draft the common YAML language servers fully support.
"""

from __future__ import annotations

import json

from ..core.config import CONFIG
from ..core.models import SOP
from ..core.schema import (BOOL, CHOICE, DATE, ID, ID_PATTERN, INT, LIST, MAP, NUMBER, OBJECT, TEXT, Field, OneOf,
                           Shape)

DRAFT = "http://json-schema.org/draft-07/schema#"
SOP_SCHEMA_NAME = "sop.schema.json"
CONFIG_SCHEMA_NAME = "sopgen.schema.json"
PROGRAMME_SCHEMA_NAME = "programme.schema.json"
RECORD_SCHEMA_NAME = "record.schema.json"
STORY_SCHEMA_NAME = "story.schema.json"
AUDIT_SCHEMA_NAME = "audit.schema.json"
SCHEMA_DIR = "schemas"               # where `sopgen schema` and `sopgen init` put them in a project

# What sopgen reads as true or false when written without quotes (see load.plain_bool);
# a YAML 1.2 editor sees the words other than true and false as text.
_BOOLEAN_WORDS = ("yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
                  "y", "Y", "n", "N", "True", "TRUE", "False", "FALSE")
_CODE_PATTERN = r"^\s*[Ss][Oo][Pp][0-9]{3}\s*$"


def sop_schema() -> dict:
    return document_schema(SOP, "sopgen SOP file",
                           "A standard operating procedure for one touchpoint of the guest journey.")


def config_schema() -> dict:
    return document_schema(CONFIG, "sopgen.yaml",
                           "A sopgen project's settings: its guest journey, paper and wording rules.")


def programme_schema() -> dict:
    from ..training.programme import PROGRAMME_FILE

    return document_schema(PROGRAMME_FILE, "sopgen programme file",
                           "Training programmes built on the SOPs: weekly modules with objectives, "
                           "activities and assessment.")


def record_schema() -> dict:
    from ..training.records import SIGN_OFF

    record = shape_schema(SIGN_OFF)
    return {"$schema": DRAFT, "title": "sopgen sign-off records",
            "description": "One sign-off record, or a list of them: a trainee signed off on an SOP.",
            "anyOf": [record, {"type": "array", "items": record}]}


def story_schema() -> dict:
    from ..quality.stories import STORY

    return document_schema(STORY, "sopgen story", "A moment of exceptional service worth learning from.")


def audit_schema() -> dict:
    from ..quality.audits import AUDIT

    return document_schema(AUDIT, "sopgen audit",
                           "One observation visit to a touchpoint, with a result for each standard observed.")


def schema_files() -> dict[str, bytes]:
    """The schema files `sopgen schema` and `sopgen init` write, by file name."""
    return {SOP_SCHEMA_NAME: to_json(sop_schema()), CONFIG_SCHEMA_NAME: to_json(config_schema()),
            PROGRAMME_SCHEMA_NAME: to_json(programme_schema()), RECORD_SCHEMA_NAME: to_json(record_schema()),
            STORY_SCHEMA_NAME: to_json(story_schema()), AUDIT_SCHEMA_NAME: to_json(audit_schema())}


def to_json(schema: dict) -> bytes:
    return (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def document_schema(shape: Shape, title: str, description: str) -> dict:
    return {"$schema": DRAFT, **shape_schema(shape), "title": title, "description": description}


def shape_schema(shape: Shape) -> dict:
    """An object with the shape's keys; a bare value too when the shape has a scalar_field."""
    properties = {spec.name: property_schema(spec) for spec in shape.fields}
    required = [spec.name for spec in shape.fields if spec.required]
    schema = {"type": "object", "title": shape.noun, "properties": properties}
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    if shape.scalar_field:
        bare = value_schema(shape.field(shape.scalar_field), required=True)
        return {"anyOf": [bare, schema]}
    return schema


def property_schema(spec: Field) -> dict:
    schema = value_schema(spec, spec.required or spec.nonempty)
    if spec.nonempty and spec.kind in (MAP, OBJECT):
        schema = {**schema, "minProperties": 1}
    if not spec.required and not spec.nonempty:
        schema = _or_null(schema)       # `key:` with nothing after it is accepted when optional
    if spec.description:
        schema = {"description": spec.description, **schema}
    return schema


def value_schema(spec: Field, required: bool = False) -> dict:
    """The schema for one value of a field, by its kind."""
    kind = spec.kind
    if kind == TEXT:
        # Scalars are read as written, so `version: 1.2` is the text "1.2".
        schema: dict = {"type": ["string", "number"]}
        if required:
            schema["pattern"] = r"\S"
        return schema
    if kind == DATE:
        return {"type": "string", "format": "date", "pattern": r"^\s*\d{4}-\d{2}-\d{2}\s*$"}
    if kind == ID:
        return {"type": "string", "pattern": ID_PATTERN.pattern}
    if kind == "code":
        return {"type": "string", "pattern": _CODE_PATTERN}
    if kind == CHOICE:
        return {"enum": list(spec.choices)}
    if kind == INT:
        return {"type": "integer", "minimum": 0}
    if kind == NUMBER:
        return {"type": "number"}
    if kind == BOOL:
        return {"enum": [True, False, *_BOOLEAN_WORDS]}
    if kind == LIST:
        schema = {"type": "array", "items": _item_schema(spec.item)}
        if required:
            schema["minItems"] = 1
        return schema
    if kind == OBJECT:
        return shape_schema(spec.shape)
    if kind == MAP:
        return {"type": "object", "propertyNames": value_schema(spec.key),
                "additionalProperties": _item_schema(spec.item)}
    raise ValueError(f"no JSON Schema for field kind '{kind}' (field '{spec.name}')")


def _item_schema(item: Field | Shape | OneOf) -> dict:
    if isinstance(item, OneOf):
        marked = {"anyOf": [{"required": [key]} for key in item.keys]}
        return {"if": marked, "then": shape_schema(item.other), "else": shape_schema(item.usual)}
    if isinstance(item, Shape):
        return shape_schema(item)
    schema = value_schema(item, item.required)
    return schema if item.required else _or_null(schema)   # sopgen drops an empty item


def _or_null(schema: dict) -> dict:
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": [*types, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}
