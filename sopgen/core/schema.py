"""A small declarative schema for YAML node trees, and the validator that reads it.

Models declare their fields once (name, kind, required, description); the same
declaration drives validation with source positions, the messages authors see,
and (later) the JSON Schema for editors.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

from .load import Source, Span, is_null, plain_bool
from .markdown_limits import markdown_problem
from .problems import Problem, Severity

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODE_PATTERN = re.compile(r"^SOP\d{3}$")

TEXT = "text"
DATE = "date"
ID = "id"
INT = "int"
BOOL = "bool"
LIST = "list"
OBJECT = "object"
CHOICE = "choice"
MAP = "map"
NUMBER = "number"
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool = False
    description: str = ""
    item: "Field | Shape | None" = None     # for LIST, and the values of a MAP
    key: "Field | None" = None              # for MAP: how its keys are read
    shape: "Shape | None" = None            # for OBJECT
    choices: tuple[str, ...] = ()           # for CHOICE
    instruction: bool = False               # guest-facing instruction text the linter reads
    default: Any = None
    nonempty: bool = False                  # optional, but when the key is written it must hold something


@dataclass(frozen=True)
class Shape:
    """A mapping with known keys, turned into an object by ``build``."""

    noun: str                               # how messages name one of these: "step", "cue"
    fields: tuple[Field, ...]
    build: Callable[[dict], Any]
    scalar_field: str | None = None         # a bare string stands for this field
    label: str | None = None                # how findings name one of these, when not by its noun

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


@dataclass(frozen=True)
class OneOf:
    """A list item of one shape, or of another when it is a mapping holding one of ``keys``."""

    usual: Shape
    other: Shape
    keys: tuple[str, ...]

    def pick(self, node: yaml.Node) -> Shape:
        if isinstance(node, yaml.MappingNode) and any(
                isinstance(key, yaml.ScalarNode) and key.value in self.keys for key, _ in node.value):
            return self.other
        return self.usual


def did_you_mean(word: str, options) -> str:
    """A suggestion only when an option is a likely slip of the keyboard, or the word cut short.

    difflib alone pairs words by shared letters: it offered 'revisions' for 'definitions'.
    """
    options = list(options)
    close = [option for option in difflib.get_close_matches(word, options, n=5, cutoff=0.6)
             if _slip(word, option)]
    close += [option for option in options if option not in close and _cut_short(word, option)]
    return f" (did you mean '{close[0]}'?)" if close else ""


def _slip(word: str, option: str) -> bool:
    """Within a few typing mistakes (insert, delete, replace, swap), fewer for a short word."""
    allowed = 1 if len(word) <= 5 else 2 if len(word) <= 9 else 3
    return typing_distance(word.lower(), option.lower(), allowed) <= allowed


def _cut_short(word: str, option: str) -> bool:
    """'door-welcome' for 'door-welcome-arrivals': the first parts of an id, whole."""
    return len(word) >= 4 and option.startswith(word + "-")


def typing_distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from a to b; any value above ``limit`` means "too far"."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous, row = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if previous is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous[j - 2] + 1)
        previous, row = row, current
        if min(row) > limit:
            return limit + 1
    return row[-1]


def _kind_name(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "text"


@dataclass
class Validator:
    """Walks one file's nodes against a Shape, collecting every problem."""

    source: Source
    problems: list[Problem] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)
    # For each list read: the position in the file's list of every item kept,
    # so that later checks can name and find an item after invalid ones were dropped.
    indices: dict[str, list[int]] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)     # each list read: how many items it had in the file
    group: str | None = None                                # the group of items being read, such as "phase 2"

    def error(self, node: yaml.Node | None, code: str, rule: str, message: str, hint: str = "") -> None:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.problems.append(Problem(self.source.display, line, column, code, rule,
                                     Severity.ERROR, message, hint))

    def read(self, node: yaml.Node, shape: Shape, where: str = "", path: str = "",
             partial: bool = False) -> Any | None:
        """Validate a mapping node; return the built object, or None if it is unusable.

        With ``partial`` an object is built even when required fields are
        missing, so that checks across its other fields can still run.
        """
        if shape.scalar_field and isinstance(node, yaml.ScalarNode) and not is_null(node):
            node = yaml.MappingNode("tag:yaml.org,2002:map",
                                    [(yaml.ScalarNode("tag:yaml.org,2002:str", shape.scalar_field,
                                                      node.start_mark, node.start_mark), node)],
                                    node.start_mark, node.end_mark)
        if not isinstance(node, yaml.MappingNode):
            subject = where or "the file"
            self.error(node, "SOP005", "wrong-type",
                       f"{subject} must be a mapping of keys to values, not {_kind_name(node)}",
                       "write it as 'key: value' lines" if not where else
                       f"write each {shape.noun} as 'key: value' lines")
            return None
        values: dict[str, Any] = {}
        present: dict[str, yaml.Node] = {}
        known = [f.name for f in shape.fields]
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            spec = shape.field(key) if key is not None else None
            if spec is None:
                shown = key if key is not None else "(not text)"
                suggestion = did_you_mean(key, known) if key is not None else ""
                self.error(key_node, "SOP006", "unknown-key",
                           f"unknown key '{shown}'{_in(where)}{suggestion}",
                           "the keys allowed here are: " + ", ".join(known))
                continue
            present[key] = value_node
            value = self.value(value_node, spec, f"'{key}'{_in(where)}", _join(path, key))
            if value is not None:
                values[key] = value
        for spec in shape.fields:
            if spec.required and spec.name not in values and spec.name not in present:
                self.error(node, "SOP007", "missing-field",
                           f"missing required field '{spec.name}'{_in(where)}",
                           f"add '{spec.name}:' — {spec.description}" if spec.description else "")
        missing = [s.name for s in shape.fields if s.required and s.name not in values]
        if missing and not partial:
            return None
        for spec in shape.fields:
            if spec.name not in values:
                values[spec.name] = _empty(spec)
        return shape.build(values)

    def value(self, node: yaml.Node, spec: Field, subject: str, path: str) -> Any | None:
        if is_null(node):
            if spec.required:
                self.error(node, "SOP007", "missing-field", f"{subject} is empty",
                           f"write the {spec.name} after the colon" + (f": {spec.description}" if spec.description else ""))
            elif spec.nonempty:
                self.error(node, "SOP007", "missing-field", f"{subject} is empty",
                           f"write {spec.description} after the colon, or remove the key" if spec.description
                           else "write a value after the colon, or remove the key")
            return None
        if spec.kind == LIST:
            return self.list(node, spec, subject, path)
        if spec.kind == OBJECT:
            return self.read(node, spec.shape, subject, path)
        if spec.kind == MAP:
            return self.map(node, spec, subject, path)
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, "SOP005", "wrong-type", f"{subject} must be {_expected(spec)}, not {_kind_name(node)}",
                       _type_hint(spec))
            return None
        return self.scalar(node, spec, subject, path)

    def list(self, node: yaml.Node, spec: Field, subject: str, path: str) -> list | None:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "SOP005", "wrong-type", f"{subject} must be a list, not {_kind_name(node)}",
                       "start each entry on its own line with '- '")
            return None
        items = []
        kept = self.indices[path] = []
        self.sizes[path] = len(node.value)
        item = spec.item
        shapes_seen: dict[str, yaml.Node] = {}
        group = self.group
        of_group = f" of {group}" if group else ""
        for index, child in enumerate(node.value, start=1):
            child_path = f"{path}[{index - 1}]"
            shape = item.pick(child) if isinstance(item, OneOf) else item
            if isinstance(item, OneOf) and shape is item.other:
                self.group = f"{shape.noun} {index}"     # its items are named "step 2 of phase 3"
            if isinstance(shape, Shape):
                built = self.read(child, shape, f"{shape.noun} {index}{of_group}", child_path)
            else:
                built = self.value(child, item, f"{item.name} {index}{of_group}", child_path)
            self.group = group
            if built is not None:
                items.append(built)
                kept.append(index - 1)
            if isinstance(item, OneOf):
                shapes_seen.setdefault(shape.noun, child)
        if len(shapes_seen) > 1:
            first, *others = shapes_seen
            self.error(shapes_seen[others[0]], "SOP005", "wrong-type",
                       f"{subject} mixes a {others[0]} with a {first} before it",
                       f"write every entry as a {first}, or every entry as a {others[0]}")
        if (spec.required or spec.nonempty) and not node.value:
            remove = "" if spec.required else ", or remove the key"
            self.error(node, "SOP007", "missing-field", f"{subject} is an empty list",
                       (f"add at least one entry — {spec.description}" if spec.description
                        else "add at least one entry") + remove)
        return items

    def map(self, node: yaml.Node, spec: Field, subject: str, path: str) -> dict | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, "SOP005", "wrong-type", f"{subject} must be a mapping, not {_kind_name(node)}",
                       "write one 'key: value' line for each entry")
            return None
        if spec.nonempty and not node.value:
            self.error(node, "SOP007", "missing-field", f"{subject} is empty",
                       "write one 'key: value' line for each entry, or remove the key")
        result = {}
        for key_node, value_node in node.value:
            key = self.value(key_node, spec.key, f"key in {subject}",
                             _join(path, str(key_node.value)) + ".<key>")
            value = self.value(value_node, spec.item, f"{subject} for '{key_node.value}'",
                               _join(path, str(key_node.value)))
            if key is not None and value is not None:
                result[key] = value
        return result

    def scalar(self, node: yaml.ScalarNode, spec: Field, subject: str, path: str) -> Any | None:
        raw = node.value
        self.spans[path] = Span.of(self.source, node)
        if spec.kind == TEXT:
            text = raw.strip()
            if not text:
                if spec.required:
                    self.error(node, "SOP007", "missing-field", f"{subject} is empty", _type_hint(spec))
                return None
            too_much = markdown_problem(text)
            if too_much:
                self.error(node, "SOP017", "markdown-too-complex", f"{subject} {too_much[0]}", too_much[1])
                return None
            return text
        if spec.kind == DATE:
            try:
                if not _ISO_DATE.match(raw.strip()):
                    raise ValueError(raw)
                return dt.date.fromisoformat(raw.strip())
            except ValueError:
                self.error(node, "SOP008", "bad-date", f"{subject} is not a valid date: '{raw}'",
                           "write dates as YYYY-MM-DD, for example 2026-10-01")
                return None
        if spec.kind == ID:
            if not ID_PATTERN.fullmatch(raw):
                self.error(node, "SOP009", "bad-id",
                           f"{subject} '{raw}' is not a valid id",
                           "use lowercase letters, digits and single hyphens, for example 'door-welcome-arrivals'")
                return None
            return raw
        if spec.kind == CHOICE:
            if raw not in spec.choices:
                self.error(node, "SOP010", "bad-value",
                           f"{subject} is '{raw}', which is not one of: {', '.join(spec.choices)}"
                           + did_you_mean(raw, spec.choices),
                           f"choose one of {', '.join(spec.choices)}")
                return None
            return raw
        if spec.kind == BOOL:
            value = plain_bool(node)
            if value is None:
                self.error(node, "SOP005", "wrong-type", f"{subject} must be true or false, not '{raw}'",
                           "write true or false")
            return value
        if spec.kind == INT:
            # ASCII digits only: "²" and "٣" pass str.isdigit but are no number an author means.
            if node.style or not _WHOLE_NUMBER.fullmatch(raw):
                self.error(node, "SOP005", "wrong-type", f"{subject} must be a whole number, not '{_clip(raw)}'",
                           "write a number such as 12")
                return None
            if len(raw.lstrip("+0")) > _MAX_DIGITS:
                self.error(node, "SOP010", "bad-value", f"{subject} is too large ({len(raw.lstrip('+0')):,} digits)",
                           f"write a number of at most {_MAX_DIGITS} digits")
                return None
            return int(raw)
        if spec.kind == NUMBER:
            if node.style or not _NUMBER.match(raw.strip()):
                self.error(node, "SOP005", "wrong-type", f"{subject} must be a number, not '{raw}'",
                           "write a number such as 5, -18 or 63.5")
                return None
            number = float(raw)
            return int(number) if number.is_integer() else number
        if spec.kind == "code":
            code = raw.strip().upper()
            if not CODE_PATTERN.match(code):
                self.error(node, "SOP010", "bad-value", f"{subject} '{raw}' is not a rule code",
                           "rule codes look like SOP101; `sopgen rules` lists them")
                return None
            return code
        raise AssertionError(f"unknown field kind {spec.kind}")


_WHOLE_NUMBER = re.compile(r"\+?[0-9]+")
_MAX_DIGITS = 15


def _clip(text: str, keep: int = 40) -> str:
    """A value quoted in a message: a long one is cut, so that one field cannot fill the screen."""
    return text if len(text) <= keep else text[:keep] + f"… ({len(text):,} characters)"


def _in(where: str) -> str:
    return f" in {where}" if where else ""


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _empty(spec: Field) -> Any:
    if spec.default is not None:
        return spec.default
    return {LIST: [], MAP: {}}.get(spec.kind)


def _expected(spec: Field) -> str:
    return {TEXT: "text", DATE: "a date", ID: "an id", CHOICE: "one word", BOOL: "true or false",
            INT: "a whole number", NUMBER: "a number", "code": "a rule code"}.get(spec.kind, "a value")


def _type_hint(spec: Field) -> str:
    if spec.kind == TEXT:
        return "write the text on the same line after the colon, or on indented lines after '>'"
    return ""
