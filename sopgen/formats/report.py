"""Turn problems into output: plain text, JSON, GitHub annotations or SARIF.

Everything here is a pure function of its arguments and returns a string; the
caller decides where it goes.  Problems are expected to arrive already sorted.
Only the standard library is used, and the heavier parts of it are imported
inside the functions that need them, so ``sopgen --help`` stays fast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..core.printable import printable
from ..core.problems import Problem, Severity, Summary

FORMATS = ("text", "json", "github", "sarif")

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
DEFAULT_INFORMATION_URI = "https://pypi.org/project/sopgen/"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What the output formats need to know about a rule.

    ``summary`` is one line; ``help`` is the rule's full docstring (what it looks
    for, why, and Bad/Good examples).
    """

    code: str
    name: str
    summary: str
    help: str
    severity: Severity


# --------------------------------------------------------------------------- text

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_SEVERITY_COLOURS = {
    Severity.ERROR: "\x1b[31m",  # red
    Severity.WARNING: "\x1b[33m",  # yellow
    Severity.INFO: "\x1b[36m",  # cyan
}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(summary: Summary) -> str:
    """``3 files checked: 1 error, 2 warnings, 0 info`` (or ``...: no problems found``)."""
    files = _plural(summary.files, "file")
    if not (summary.errors or summary.warnings or summary.infos):
        return f"{files} checked: no problems found"
    return (
        f"{files} checked: {_plural(summary.errors, 'error')}, "
        f"{_plural(summary.warnings, 'warning')}, {summary.infos} info"
    )


def format_text(problems: Iterable[Problem], summary: Summary, *, color: bool, quiet: bool = False) -> str:
    """One line per problem, an indented hint line where there is a hint, then a summary.

    ``quiet``: the problem lines alone, without colour, hints or summary (nothing at all when there are none).
    """
    color = color and not quiet
    lines: list[str] = []
    for p in problems:
        path = f"{_BOLD}{p.path}{_RESET}" if color else p.path
        where = f"{path}:{p.line}:{p.column}" if p.line else path
        severity = p.severity.label
        if color:
            severity = f"{_SEVERITY_COLOURS[p.severity]}{severity}{_RESET}"
        lines.append(f"{where}: {p.code} {severity} {p.message}")
        if p.hint and not quiet:
            lines.append(f"    hint: {p.hint}")
    if not quiet:
        lines.append(summary_line(summary))
    return "".join(f"{line}\n" for line in lines)


def format_errors(problems: Iterable[Problem], headline: str, *, color: bool) -> str:
    """Why a command stopped: the headline, then each problem as ``path:line:col: message``."""
    headline = printable(headline)
    lines = [f"{_SEVERITY_COLOURS[Severity.ERROR]}error{_RESET}: {headline}" if color else f"error: {headline}"]
    for p in problems:
        path = f"{_BOLD}{p.location()}{_RESET}" if color else p.location()
        lines.append(f"{path}: {p.message}")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- json


def format_json(problems: Iterable[Problem], summary: Summary) -> str:
    findings = [
        {
            "path": p.path,
            "line": p.line,
            "column": p.column,
            "end_line": p.end_line,
            "end_column": p.end_column,
            "rule": p.code,
            "name": p.rule,
            "severity": p.severity.label,
            "message": p.message,
            "hint": p.hint,
        }
        for p in problems
    ]
    return json.dumps({"findings": findings, "summary": summary.as_dict()}, indent=2) + "\n"


# --------------------------------------------------------------------------- github

_GITHUB_COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def escape_github_data(text: str) -> str:
    """Escape the message part of a workflow command (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace("##[", "##\\[")


def defuse_workflow_commands(line: str) -> str:
    """One line of log text that a GitHub Actions runner shows and never runs.

    The runner takes a line whose text (after leading blanks) starts with ``::``
    as a workflow command, and ``##[`` anywhere in a line as an older-style one.
    Such a line gets a leading backslash; ``##[`` becomes ``##\\[``.
    """
    line = line.replace("##[", "##\\[")
    return "\\" + line if line.lstrip().startswith("::") else line


def escape_github_property(text: str) -> str:
    """Escape a property value of a workflow command (``file=``, ``title=``...)."""
    return escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def _message_with_hint(p: Problem) -> str:
    return f"{p.message}\nhint: {p.hint}" if p.hint else p.message


def format_github(problems: Iterable[Problem], summary: Summary) -> str:
    """GitHub Actions workflow commands, one annotation per line."""
    lines: list[str] = []
    for p in problems:
        props = [f"file={escape_github_property(p.path)}"]
        if p.line:
            props.append(f"line={p.line}")
            if p.column:
                props.append(f"col={p.column}")
            if p.end_line:
                props.append(f"endLine={p.end_line}")
            if p.end_column:
                props.append(f"endColumn={p.end_column}")
        props.append(f"title={escape_github_property(f'{p.code} {p.rule}'.strip())}")
        command = _GITHUB_COMMANDS[p.severity]
        lines.append(f"::{command} {','.join(props)}::{escape_github_data(_message_with_hint(p))}")
    return "".join(line + "\n" for line in lines)


# --------------------------------------------------------------------------- sarif

_SARIF_LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


def sarif_uri(path: str) -> str:
    """A path as a SARIF ``artifactLocation.uri``: forward slashes, percent-escaped.

    Relative paths stay relative (a leading ``./`` is dropped) so that consumers
    such as GitHub code scanning resolve them against the checkout; absolute
    paths become ``file://`` URIs.
    """
    from urllib.parse import quote

    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    if len(posix) >= 2 and posix[1] == ":" and posix[0].isalpha():  # C:/...
        return "file:///" + posix[:2] + quote(posix[2:])
    if posix.startswith("/"):
        return "file://" + quote(posix)
    return quote(posix)


def _first_paragraph(text: str) -> str:
    paragraph: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            if paragraph:
                break
            continue
        paragraph.append(line.strip())
    return " ".join(paragraph)


def _rule_descriptor(rule: RuleInfo) -> dict:
    import inspect

    help_text = inspect.cleandoc(rule.help or "") or rule.summary or rule.name or rule.code
    short = rule.summary.strip() or rule.name or rule.code
    full = _first_paragraph(help_text) or short
    title = f" `{rule.name}`" if rule.name else ""
    descriptor: dict = {"id": rule.code}
    if rule.name:
        descriptor["name"] = rule.name
    descriptor.update(
        {
            "shortDescription": {"text": short},
            "fullDescription": {"text": full},
            "help": {
                "text": help_text,
                "markdown": f"**{rule.code}**{title}: {short}\n\n{help_text}",
            },
            "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
        }
    )
    return descriptor


def _fallback_rule(p: Problem) -> RuleInfo:
    """A rule entry for a code the caller gave no metadata for (e.g. validation codes)."""
    from ..core.input_checks import input_check

    known = input_check(p.code)
    if known is not None:
        return RuleInfo(p.code, p.rule or known.name, known.summary, known.doc, p.severity)
    words = p.rule.replace("-", " ").replace("_", " ").strip()
    short = (words[:1].upper() + words[1:]) if words else p.code
    kind = "lint rule" if p.is_finding else "validation check"
    return RuleInfo(
        code=p.code,
        name=p.rule,
        summary=short,
        help=f"{short}. Reported by the sopgen {kind} {p.code}"
        + (f" ({p.rule})." if p.rule else "."),
        severity=p.severity,
    )


def _region(p: Problem) -> dict | None:
    if p.line < 1:
        return None
    start_column = max(p.column, 1)
    region = {"startLine": p.line, "startColumn": start_column}
    end_line = p.end_line or p.line
    if p.end_line and p.end_line >= p.line:
        region["endLine"] = p.end_line
    if p.end_column >= 1 and (end_line > p.line or (end_line == p.line and p.end_column >= start_column)):
        region["endColumn"] = p.end_column
    return region


def format_sarif(
    problems: Iterable[Problem],
    summary: Summary,
    rules: Sequence[RuleInfo],
    *,
    tool_version: str,
    information_uri: str = DEFAULT_INFORMATION_URI,
) -> str:
    """A SARIF 2.1.0 log with one run, suitable for GitHub code scanning."""
    descriptors: list[dict] = []
    index: dict[str, int] = {}
    for rule in rules:
        if rule.code not in index:
            index[rule.code] = len(descriptors)
            descriptors.append(_rule_descriptor(rule))

    results: list[dict] = []
    for p in problems:
        if p.code not in index:
            index[p.code] = len(descriptors)
            descriptors.append(_rule_descriptor(_fallback_rule(p)))
        physical: dict = {"artifactLocation": {"uri": sarif_uri(p.path)}}
        region = _region(p)
        if region is not None:
            physical["region"] = region
        results.append(
            {
                "ruleId": p.code,
                "ruleIndex": index[p.code],
                "level": _SARIF_LEVELS[p.severity],
                "message": {"text": _message_with_hint(p)},
                "locations": [{"physicalLocation": physical}],
            }
        )

    log = {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sopgen",
                        "version": str(tool_version),
                        "informationUri": information_uri,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"summary": summary.as_dict()},
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"


# --------------------------------------------------------------------------- dispatch


def render(
    fmt: str,
    problems: Iterable[Problem],
    summary: Summary,
    rules: Sequence[RuleInfo],
    *,
    color: bool = False,
    tool_version: str = "0",
    quiet: bool = False,
) -> str:
    """Render ``problems`` in one of :data:`FORMATS`; ``quiet`` shortens the text format to the problem lines."""
    problems = list(problems)
    if fmt == "text":
        return format_text(problems, summary, color=color, quiet=quiet)
    if fmt == "json":
        return format_json(problems, summary)
    if fmt == "github":
        return format_github(problems, summary)
    if fmt == "sarif":
        return format_sarif(problems, summary, rules, tool_version=tool_version)
    raise ValueError(f"unknown output format {fmt!r}: use one of {', '.join(FORMATS)}")
