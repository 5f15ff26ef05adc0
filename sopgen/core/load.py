"""Read YAML files into node trees that remember where every value came from.

Only plain YAML is accepted: no anchors or aliases, no custom tags, one document
per file.  Nothing is ever constructed from a tag, so hostile files cannot run
code; aliases are refused, so they cannot multiply memory either.
"""

from __future__ import annotations

import bisect
import codecs
import os
import re
from array import array
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Mapping

import yaml

from .printable import CONTROL_CHARACTER
from .problems import Problem, Severity

# The base loaders resolve no implicit types: every plain scalar stays text, and
# the few fields that want null, true/false or a number read it themselves
# (see is_null and plain_bool). That keeps "1.10" as written and is about twice
# as fast as the safe loader's resolver.
try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

_UNTAGGED = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
             yaml.MappingNode: "tag:yaml.org,2002:map"}


class _Loader(_Parser, yaml.resolver.BaseResolver):
    """Composes nodes only; an untagged node is text, a list or a mapping, nothing more."""

    def __init__(self, stream):
        _Parser.__init__(self, stream)
        yaml.resolver.BaseResolver.__init__(self)

    def resolve(self, kind, value, implicit):
        return _UNTAGGED[kind]

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"}
_FALSE = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"}

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40

_ALIAS_MESSAGE = "YAML anchors and aliases (& and *) are not supported"
_ALIAS_HINT = "write the text out in full where it is needed"
_DEPTH_HINT = "SOP files need only a few levels; check the indentation"


@dataclass(frozen=True, slots=True)
class Limits:
    """How large a file may be and how deeply nested; sopgen.yaml's `limits:` sets them for SOP files."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_depth: int = MAX_DEPTH
    render_seconds: int = 60            # all template rendering of one command
    max_output_bytes: int = 50_000_000  # the most text one template may produce


# The characters YAML allows in a stream (YAML 1.1, section 5.1).
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


@dataclass(frozen=True, slots=True)
class Source:
    """A file's text, and the name it is shown by in messages."""

    path: Path
    display: str
    text: str

    def position(self, index: int) -> tuple[int, int]:
        """1-based line and column of a character index into the text."""
        starts = _line_starts(self.text)
        line = bisect.bisect_right(starts, index)
        return line, index - starts[line - 1] + 1


@lru_cache(maxsize=16)
def _line_starts(text: str) -> array:
    """Where each line begins: found once per file, so that placing many findings stays fast."""
    return array("q", [0, *(found.end() for found in re.finditer("\n", text))])


class LoadFailed(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def problem(source_display: str, line: int, column: int, code: str, rule: str,
            message: str, hint: str = "") -> Problem:
    return Problem(source_display, line, column, code, rule, Severity.ERROR, message, hint)


# Texts read instead of the files at these absolute paths: standard input for `sopgen lint -`,
# or an editor's unsaved buffers for `sopgen lsp`.
_UNSAVED: dict[str, bytes] = {}


@contextmanager
def unsaved_texts(texts: Mapping[Path, bytes]) -> Iterator[None]:
    """While inside, reading any of these paths gives the bytes given instead of what is on disk."""
    saved = dict(_UNSAVED)
    _UNSAVED.update({os.path.realpath(path): data for path, data in texts.items()})
    try:
        yield
    finally:
        _UNSAVED.clear()
        _UNSAVED.update(saved)


def is_unsaved(path: Path) -> bool:
    return bool(_UNSAVED) and os.path.realpath(path) in _UNSAVED


def read_source(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES) -> Source:
    """Read a file as UTF-8 text; a byte-order mark and Windows line endings are fine."""
    unsaved = _UNSAVED.get(os.path.realpath(path)) if _UNSAVED else None  # the same file, however it is named
    try:
        if unsaved is not None:
            data, size = unsaved[:max_bytes + 1], len(unsaved)
        elif path.is_dir():
            raise LoadFailed(problem(display, 0, 0, "SOP001", "unreadable-file",
                                     "is a directory, not a YAML file",
                                     "rename the directory so its name does not end in .yaml"))
        else:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)  # never more, not even from a device or a growing file
                size = os.fstat(handle.fileno()).st_size
        if len(data) > max_bytes:
            told = f"{size:,} bytes; " if size > max_bytes else ""
            raise LoadFailed(problem(
                display, 0, 0, "SOP001", "unreadable-file", f"file is too large ({told}the limit is {max_bytes:,})",
                "split the SOP into smaller ones, or raise 'limits: max_file_bytes' in sopgen.yaml"))
    except OSError as exc:
        raise LoadFailed(problem(display, 0, 0, "SOP001", "unreadable-file",
                                 f"cannot be read: {exc.strerror or exc}")) from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        raise LoadFailed(problem(
            display, line, column, "SOP001", "unreadable-file",
            f"is not valid UTF-8 text (byte 0x{data[exc.start]:02x})",
            "save the file as UTF-8 in your editor")) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Source(path, display, text)


def parse(source: Source, max_depth: int = MAX_DEPTH) -> tuple[yaml.Node, list[Problem]]:
    """Compose the file into a node tree, refusing everything but plain YAML.

    Fatal problems raise LoadFailed; duplicate keys are returned so that the
    rest of the file can still be checked.
    """
    if not source.text.strip():
        raise LoadFailed(problem(source.display, 1, 1, "SOP002", "yaml-syntax",
                                 "file is empty", "write its fields; an SOP file starts with 'id:', sopgen.yaml with 'organisation:'"))
    try:
        if "&" in source.text or _depth_bound(source.text) > _SAFE_COMPOSE_DEPTH:
            _check_events(source, max_depth)
        node = yaml.compose(source.text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise LoadFailed(_syntax_problem(source, exc)) from None
    except yaml.reader.ReaderError:
        raise LoadFailed(_character_problem(source)) from None
    except yaml.YAMLError as exc:
        raise LoadFailed(problem(source.display, 1, 1, "SOP002", "yaml-syntax",
                                 f"is not valid YAML: {exc}")) from None
    except RecursionError:
        raise LoadFailed(problem(source.display, 1, 1, "SOP002", "yaml-syntax",
                                 "is nested too deeply to read")) from None
    if node is None:
        raise LoadFailed(problem(source.display, 1, 1, "SOP002", "yaml-syntax",
                                 "file holds only comments", "write the SOP's fields"))
    return node, _check_plain(source, node, max_depth)


def is_null(node: yaml.Node) -> bool:
    """An empty value, `~` or `null` written without quotes."""
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS \
        or node.tag == "tag:yaml.org,2002:null"


def plain_bool(node: yaml.ScalarNode) -> bool | None:
    """True or False for an unquoted YAML boolean, None for anything else."""
    if node.style:
        return None
    return True if node.value in _TRUE else False if node.value in _FALSE else None


# libyaml's composer recurses once per level of nesting and does not stop at
# Python's recursion limit: a file nested 100,000 levels deep ("- - - - ...")
# crashes the interpreter.  Files that could nest deeper than this are read as
# events first, which stops at the depth limit (at most MAX_DEPTH_LIMIT).
_SAFE_COMPOSE_DEPTH = 2_000
MAX_DEPTH_LIMIT = 1_000


def _depth_bound(text: str) -> int:
    """A cheap upper bound on how deeply ``text`` can nest.

    Every level starts at a '[' or '{' (a flow mapping without braces needs a
    '[' around it), at a '-' or '?' indicator, or on a new line.
    """
    return (2 * (text.count("[") + text.count("{")) + text.count("-") + text.count("?")
            + text.count("\n") + 1)


def _check_events(source: Source, max_depth: int) -> None:
    """Refuse aliases and deep nesting from the event stream, before any tree is built.

    Composing a tree recurses once per level, so a hostile file nested
    hundreds of thousands of levels deep would crash the interpreter; parse()
    runs this pass for files that could nest that deeply (see _depth_bound),
    and for files that could hold an alias, so that it is reported where it
    is used rather than at its anchor.
    """
    depth = 0
    for event in yaml.parse(source.text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise LoadFailed(_at_mark(source, event.start_mark, "SOP003", "unsupported-yaml", _ALIAS_MESSAGE,
                                      _ALIAS_HINT))
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and depth > max_depth:
            # depth counts the collections around this node, as _check_plain does
            raise LoadFailed(_at_mark(source, event.start_mark, "SOP003", "unsupported-yaml",
                                      _depth_message(max_depth), _DEPTH_HINT))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _character_problem(source: Source) -> Problem:
    found = _NOT_PRINTABLE.search(source.text)
    if found is None:
        return problem(source.display, 1, 1, "SOP002", "yaml-syntax", "contains a character YAML does not allow")
    line, column = source.position(found.start())
    return problem(source.display, line, column, "SOP002", "yaml-syntax",
                   f"contains a control character (U+{ord(found.group()):04X}) that YAML does not allow",
                   "delete it; it often comes with text copied from another program")


def _syntax_problem(source: Source, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or "syntax error"
    hint = "check the indentation and that text containing ': ' is in quotes"
    if "'\\t'" in what or "\t" in what or " tab " in what or (mark and _indented_with_tab(source, mark.line)):
        what = "a tab character is used for indentation"
        hint = "indent with spaces, not tabs"
    elif "expected a single document" in (exc.context or "") + what:
        what = "holds more than one YAML document"
        hint = "put each SOP in a file of its own and remove the '---' line"
    elif exc.context:
        what = f"{exc.context}, {what}"
    return problem(source.display, line, column, "SOP002", "yaml-syntax",
                   f"YAML syntax error: {what}", hint)


def _indented_with_tab(source: Source, line_index: int) -> bool:
    lines = source.text.split("\n")
    if not 0 <= line_index < len(lines):
        return False
    line = lines[line_index]
    return "\t" in line[:len(line) - len(line.lstrip(" \t"))]


def _depth_message(max_depth: int) -> str:
    return f"the structure is nested more than {max_depth} levels deep"


def _check_plain(source: Source, root: yaml.Node, max_depth: int) -> list[Problem]:
    """Walk the tree once: aliases, custom tags, depth, duplicate keys and control characters."""
    duplicates: list[Problem] = []
    # Raw control characters are refused by the YAML reader; only an escape (\e, \x1b) or a
    # raw NEL (U+0085) can put one in a value.
    escapes = "\\" in source.text or "\x85" in source.text
    # Without an anchor (&) there can be no alias, so no node can be met twice.
    seen: set[int] | None = set() if "&" in source.text else None
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if seen is not None:
            if id(node) in seen:
                raise LoadFailed(_at(source, node, "SOP003", "unsupported-yaml", _ALIAS_MESSAGE, _ALIAS_HINT))
            seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            raise LoadFailed(_at(source, node, "SOP003", "unsupported-yaml",
                                 f"the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed",
                                 "remove the tag; SOP files hold plain text, lists and mappings"))
        if depth > max_depth:
            raise LoadFailed(_at(source, node, "SOP003", "unsupported-yaml", _depth_message(max_depth),
                                 _DEPTH_HINT))
        if escapes and isinstance(node, yaml.ScalarNode):
            control = CONTROL_CHARACTER.search(node.value)
            if control:
                duplicates.append(_at(
                    source, node, "SOP021", "control-character",
                    f"contains a control character (U+{ord(control.group()):04X}), which could act on the "
                    f"terminal or page of whoever reads it",
                    "remove it: in double-quoted text, escapes such as \\e, \\a, \\0 and \\b make control "
                    "characters; tabs and line breaks are fine"))
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        first = keys[key.value].start_mark.line + 1
                        duplicates.append(_at(
                            source, key, "SOP004", "duplicate-key",
                            f"duplicate key '{key.value}' (first used on line {first})",
                            "keep one of them; YAML would silently drop the other"))
                    else:
                        keys[key.value] = key
                stack.append((value, depth + 1))
                stack.append((key, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    return duplicates


def _at(source: Source, node: yaml.Node, code: str, rule: str, message: str, hint: str) -> Problem:
    return _at_mark(source, node.start_mark, code, rule, message, hint)


def _at_mark(source: Source, mark, code: str, rule: str, message: str, hint: str) -> Problem:
    return problem(source.display, mark.line + 1, mark.column + 1, code, rule, message, hint)


def load(path: Path, display: str, limits: Limits = Limits()) -> tuple[Source, yaml.Node, list[Problem]]:
    source = read_source(path, display, limits.max_file_bytes)
    node, problems = parse(source, limits.max_depth)
    return source, node, problems


@dataclass(frozen=True, slots=True)
class Span:
    """Where a scalar's text stands in its file, to point at words inside it."""

    source: Source
    start: int
    end: int

    @classmethod
    def of(cls, source: Source, node: yaml.Node) -> "Span":
        return cls(source, node.start_mark.index, node.end_mark.index)

    @property
    def line(self) -> int:
        return self.source.position(self.start)[0]

    @property
    def column(self) -> int:
        return self.source.position(self.start)[1]

    def locate_range(self, value: str, start: int, end: int) -> tuple[int, int, int, int]:
        """Line and column of ``value[start]``, and of the character just after ``value[end - 1]``.

        The value is what YAML made of the source text: quotes, indentation and
        folded line breaks are gone; see _alignment.
        """
        indices, found = _alignment(self, value)
        first = bisect.bisect_left(indices, start)
        last = bisect.bisect_left(indices, max(end - 1, start))
        first_at = found[first] if first < len(indices) else None
        last_at = found[last] if last < len(indices) else None
        if first_at is None:
            line, column = self.source.position(self.start)
            return line, column, 0, 0
        line, column = self.source.position(first_at)
        if last_at is None:
            return line, column, 0, 0
        end_line, end_column = self.source.position(last_at)
        return line, column, end_line, end_column + 1

    def locate(self, value: str, offset: int) -> tuple[int, int]:
        """Line and column in the file of ``value[offset]``."""
        line, column, _, _ = self.locate_range(value, offset, offset + 1)
        return line, column


@lru_cache(maxsize=16)
def _alignment(span: Span, value: str) -> tuple[array, array]:
    """Each non-blank character of ``value``: its index there, and in the file.

    Aligning the two character by character, skipping what YAML removed, takes
    one walk per value however many findings are then placed in it.
    """
    raw, i = span.source.text, span.start
    indices, found = array("q"), array("q")
    for j, char in enumerate(value):
        if char.isspace():
            continue
        at = raw.find(char, i, span.end)
        if at < 0:
            break
        indices.append(j)
        found.append(at)
        i = at + 1
    return indices, found
