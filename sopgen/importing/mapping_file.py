"""Read a mapping file (--mapping FILE) with the project's reader, so its mistakes name file:line:col.

    headings:                 # the words of a heading -> the field its section fills
      Service promise: purpose
      Appendix: comment
    columns:                  # per kind of table: a column header -> what the column fills
      steps:
        Action: do
        Rationale: why
    control:                  # document-control labels -> a field, or meta for the organisation's own
      Doc ref: code
      Prepared by: meta
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import UsageError
from ..core.schema import CHOICE, MAP, OBJECT, TEXT, Field, Shape
from .mapping import CONTROL_FIELDS, SECTION_FIELDS, TABLE_COLUMNS


@dataclass
class MappingFile:
    headings: dict[str, str] = field(default_factory=dict)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    control: dict[str, str] = field(default_factory=dict)


def _columns_of(kind: str) -> Field:
    return Field(kind, MAP, key=Field("column header", TEXT),
                 item=Field("column", CHOICE, choices=TABLE_COLUMNS[kind]),
                 description=f"the columns of a {kind} table: header -> one of {', '.join(TABLE_COLUMNS[kind])}")


COLUMNS = Shape("columns", tuple(_columns_of(kind) for kind in TABLE_COLUMNS),
                lambda values: {kind: names or {} for kind, names in values.items()})

MAPPING_FILE = Shape("mapping file", (
    Field("headings", MAP, key=Field("heading", TEXT), item=Field("field", CHOICE, choices=SECTION_FIELDS),
          description="the words of a heading -> the field its section fills"),
    Field("columns", OBJECT, shape=COLUMNS, description="per kind of table, its column headers"),
    Field("control", MAP, key=Field("label", TEXT), item=Field("field", CHOICE, choices=CONTROL_FIELDS),
          description="document-control labels -> the field they fill"),
), lambda values: MappingFile(values.get("headings") or {}, values.get("columns") or {}, values.get("control") or {}))


def read_mapping_file(path: Path) -> MappingFile:
    from ..core.errors import ContentError
    from ..core.reader import Reader, display_path

    if not path.is_file():
        raise UsageError(f"--mapping {display_path(path)} is not a file")
    # named on the command line, so read where it is, with the same limits and positions as any input
    mapping, _, problems = Reader(path.resolve().parent).shaped(path, MAPPING_FILE)
    if problems or mapping is None:
        raise ContentError(f"the mapping file {display_path(path)} has {len(problems)} problem(s)", problems)
    return mapping
