"""What an editor asks of sopgen, independent of the protocol: findings for an open file, ids to
complete, a rule's explanation, and the edit that allows a rule in one step.

Positions here are 0-based lines and columns counted in characters (code points); the
language server converts them to the editor's units.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .core.problems import Problem


@dataclass(frozen=True)
class Candidate:
    label: str
    detail: str


@dataclass(frozen=True)
class Insertion:
    line: int
    column: int
    text: str


def same_file(shown: str, path: Path) -> bool:
    """Whether a problem's path (as shown: relative to the current folder, or absolute) is ``path``."""
    return os.path.realpath(shown) == os.path.realpath(path)


def document_problems(path: Path, text: str) -> list[Problem]:
    """Validation problems and wording findings for the file at ``path`` holding ``text`` (perhaps unsaved).

    An SOP is validated and linted on its own; any other project file (sopgen.yaml, the
    programme, records, stories, audits) is validated with the whole project.
    """
    from .core.errors import SopgenError
    from .core.load import unsaved_texts
    from .core.project import SOP_SUFFIXES, find_root, load_config
    from .pipeline import lint, validate

    with unsaved_texts({path: text.encode("utf-8")}):
        try:
            root = find_root(path.parent)
        except SopgenError:
            return []  # not in a sopgen project: nothing to say
        try:
            config = load_config(root)
            in_sops = path.suffix in SOP_SUFFIXES and _inside(path, config.sops_dir)
            result = lint(root, [path]) if in_sops else validate(root)
            found = result.problems
        except SopgenError as error:
            found = error.problems
    return [problem for problem in found if same_file(problem.path, path)]


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


# --------------------------------------------------------------------------- explanations

def explanation(code: str) -> str | None:
    """A rule's or review check's documentation as Markdown, as `sopgen explain` prints it; None for other codes."""
    from .lint.registry import any_rule_code, rule_by_code

    if not any_rule_code(code):
        return None
    rule = rule_by_code(code)
    return (f"**{rule.code} {rule.name}** (default severity: {rule.severity.label})\n\n"
            f"{rule.doc}\n\n**How to fix:** {rule.hint}")


# --------------------------------------------------------------------------- completion

_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]+):\s*(.*)$")
_LIST_ITEM = re.compile(r"^(\s*)-\s*([\w-]*)$")
TOUCHPOINT_KEYS = {"touchpoint"}
SOP_KEYS = {"sop", "adopted_in", "supersedes", "sops"}


def completions(path: Path, text: str, line: int, column: int) -> list[Candidate]:
    """Touchpoint ids after ``touchpoint:``; SOP ids after ``sop:``, ``adopted_in:``, in ``supersedes`` and ``sops``."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return []
    wanted = _completion_kind(lines, line, lines[line][:column])
    if wanted is None:
        return []
    from .core.errors import SopgenError
    from .core.load import unsaved_texts
    from .core.project import find_root, load_config

    with unsaved_texts({path: text.encode("utf-8")}):
        try:
            config = load_config(find_root(path.parent))
        except SopgenError:
            return []
        if wanted == "touchpoint":
            return [Candidate(t.id, t.name) for t in config.journey]
        return _sop_candidates(config)


def _completion_kind(lines: list[str], line: int, before: str) -> str | None:
    """'touchpoint', 'sop' or None, from the text before the cursor and the keys above it."""
    pair = _KEY_VALUE.match(before)
    if pair:
        key, value = pair.groups()
        if key in TOUCHPOINT_KEYS and _is_word(value):
            return "touchpoint"
        if key in SOP_KEYS and (_is_word(value) or value.startswith("[")):
            return "sop"
        return None
    item = _LIST_ITEM.match(before)
    if item:
        parent = _parent_key(lines, line, len(item.group(1)))
        if parent in SOP_KEYS:
            return "sop"
        if parent == "touchpoints":
            return "touchpoint"
    return None


def _is_word(value: str) -> bool:
    return re.fullmatch(r"[\w-]*", value) is not None


def _parent_key(lines: list[str], line: int, indent: int) -> str | None:
    """The key of the block a list item at ``indent`` belongs to: the nearest line above with a key at or left of it."""
    for above in reversed(lines[:line]):
        stripped = above.strip()
        if not stripped or stripped.startswith("#"):
            continue
        above_indent = len(above) - len(above.lstrip())
        if above_indent < indent or (above_indent == indent and not stripped.startswith("-")):
            found = _KEY_VALUE.match(above)
            return found.group(1) if found and not found.group(2).strip() else None
    return None


def _sop_candidates(config) -> list[Candidate]:
    from .core.project import discover, load_sop
    from .core.reader import Reader

    found = {}
    reader = Reader(config.root, config.limits)
    for sop_path in discover(config, reader)[0]:
        sop, _ = load_sop(sop_path, config, reader)
        if sop is not None and sop.id:
            found.setdefault(sop.id, Candidate(sop.id, f"{sop.title} ({sop.status})" if sop.status else sop.title))
    return sorted(found.values(), key=lambda candidate: candidate.label)


# --------------------------------------------------------------------------- allowing a rule in a step

def allow_in_step(text: str, line: int, code: str) -> Insertion | None:
    """The edit that lets the step around ``line`` break rule ``code`` on purpose, asking for a reason.

    Adds ``allow: [CODE]`` and an empty ``reason:`` (which sopgen reports until it is written)
    to a step without ``allow``, or the code to a step's one-line ``allow: [...]``. None when
    ``line`` is not inside a step or the file cannot be parsed.
    """
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    steps = _mapping_value(root, "steps")
    if not isinstance(steps, yaml.SequenceNode):
        return None
    for item in steps.value:
        if isinstance(item, yaml.MappingNode) and item.value and item.start_mark.line <= line <= _last_line(item):
            in_phase = _mapping_value(item, "steps")
            if isinstance(in_phase, yaml.SequenceNode):   # a phase: the step is one of its steps
                return next((_allow_edit(text.split("\n"), step, code) for step in in_phase.value
                             if isinstance(step, yaml.MappingNode) and step.value
                             and step.start_mark.line <= line <= _last_line(step)), None)
            return _allow_edit(text.split("\n"), item, code)
    return None


def _mapping_value(node, key: str):
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value
    return None


def _last_line(step) -> int:
    """The last line holding part of a step: where its last value ends (a block scalar's end
    mark sits at the start of the line after it)."""
    end = step.value[-1][1].end_mark
    return end.line - 1 if end.column == 0 else end.line


def _allow_edit(lines: list[str], step, code: str) -> Insertion | None:
    import yaml

    allow = _mapping_value(step, "allow")
    if allow is not None:
        if not (isinstance(allow, yaml.SequenceNode) and allow.flow_style and allow.start_mark.line == allow.end_mark.line):
            return None
        if any(isinstance(entry, yaml.ScalarNode) and entry.value == code for entry in allow.value):
            return None
        separator = ", " if allow.value else ""
        return Insertion(allow.end_mark.line, allow.end_mark.column - 1, f"{separator}{code}")
    indent = " " * step.value[0][0].start_mark.column
    last = _last_line(step)
    reason = "" if _mapping_value(step, "reason") is not None else (
        f"\n{indent}reason:                 # say why this wording is needed here")
    return Insertion(last, len(lines[last]), f"\n{indent}allow: [{code}]{reason}")
