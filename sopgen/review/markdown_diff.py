"""The changes to SOPs as Markdown for a pull-request comment.

Everything taken from an SOP file, its name or the command line is untrusted
and passes through ``escape``, so that it shows as text: it cannot open HTML,
make a link or an image, mention a person, refer to an issue or a commit,
hide or reorder text with invisible characters, or break out of its list item.
The comment stays within GitHub's size limit, however many SOPs changed.
"""

from __future__ import annotations

import re
import unicodedata

from .changes import Item, SopChanges
from .gitrefs import ADDED, DELETED, RENAMED

MARKER = "<!-- sopgen diff -->"  # lets a CI job find and update its earlier comment

_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]()!|~$])")
_AUTOLINKS = re.compile(r"(?i)(://|\bwww\.|@|#(?=\d)|\bgh-(?=\d))")
# What GitHub may link to a commit: a run of 7 to 40 hex digits with a letter and a digit in it.
_COMMIT_LIKE = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\b", re.I)
_ZERO_WIDTH_SPACE = "\u200b"
#: GitHub's limit for a comment is 65,536 characters; this leaves room for a job to add to it.
MAX_COMMENT_CHARS = 60_000


def show_invisible(text: str) -> str:
    """Control and format characters (bidirectional overrides, zero-width spaces …) as a visible ``[U+202E]``."""
    return "".join(f"[U+{ord(char):04X}]" if unicodedata.category(char) in ("Cc", "Cf") else char
                   for char in text)


def escape(text: str) -> str:
    """Untrusted text as inline Markdown that renders as exactly that text, on one line."""
    text = show_invisible(" ".join(str(text).split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # GitHub turns bare URLs, www. names, e-mail addresses, @names, #123 and GH-123 issue
    # references and commit ids into links; a zero-width space inside the pattern stops that
    # and still reads the same.
    text = _AUTOLINKS.sub(lambda m: m.group(1)[:1] + _ZERO_WIDTH_SPACE + m.group(1)[1:], text)
    text = _COMMIT_LIKE.sub(lambda m: _ZERO_WIDTH_SPACE.join(re.findall(".{1,6}", m.group(0))), text)
    return _INLINE_SYNTAX.sub(r"\\\1", text)


def render_markdown(changes: list[SopChanges], ref: str, max_chars: int = MAX_COMMENT_CHARS) -> str:
    """The comment; SOPs that would take it past ``max_chars`` are counted in a last line instead."""
    lines = [MARKER, f"### SOP changes against {escape(ref)}", ""]
    if not changes:
        lines.append("No SOP files changed.")
        return "\n".join(lines) + "\n"
    lines += [_count_line(changes), ""]
    text = "\n".join(lines) + "\n"
    for shown, change in enumerate(changes):
        section = "\n".join(_sop_section(change)) + "\n"
        if len(text) + len(section) + len(_more_line(len(changes))) > max_chars:
            return text + _more_line(len(changes) - shown)
        text += section
    return text.rstrip("\n") + "\n"


def _more_line(left: int) -> str:
    sops = "SOP" if left == 1 else "SOPs"
    return (f"**… and {left} more {sops} changed**, left out to keep this comment within GitHub's size limit; "
            f"run `sopgen diff` locally to see them all.\n")


def _hidden_warning(change: SopChanges) -> list[str]:
    """A warning for characters in the new file that a reviewer of the text would not see."""
    from ..core.hidden_text import find_hidden

    source = change.new.source if change.new is not None else None
    hidden = find_hidden(source.text) if source is not None else []
    if not hidden:
        return []
    places = "; ".join(f"line {line}, column {column}: {escape(item.description)}"
                       for item in hidden[:10] for line, column in [source.position(item.index)])
    more = f" (and {len(hidden) - 10} more)" if len(hidden) > 10 else ""
    return [f"> **Warning: hidden characters.** {places}{more}.", ""]


def _count_line(changes: list[SopChanges]) -> str:
    words = [{ADDED: "added", DELETED: "removed"}.get(change.status, "changed") for change in changes]
    parts = ", ".join(f"{words.count(word)} {word}" for word in ("changed", "added", "removed") if word in words)
    total = len(changes)
    return f"{total} SOP file{'s' if total != 1 else ''}: {parts}."


def _sop_section(change: SopChanges) -> list[str]:
    lines = [f"#### {_heading(change)}", "", " · ".join(_facts(change)), ""]
    lines += _hidden_warning(change)
    unreadable = _unreadable(change)
    if unreadable:
        return lines + [unreadable, ""]
    if not change.content_changed:
        return lines + ["Only comments or layout changed; the SOP says the same.", ""]
    lines += _bullets("Added", [_item(item) for item in change.added])
    lines += _bullets("Removed", [_item(item) for item in change.removed])
    lines += _bullets("Reworded", [_reworded(pair.new, name, before, after) for pair in change.reworded
                                   for name, before, after in pair.changed_parts()])
    if change.other_fields:
        lines += ["Also changed: " + ", ".join(name.replace("_", " ") for name in change.other_fields) + ".", ""]
    return lines


def _heading(change: SopChanges) -> str:
    sop = change.sop
    name = escape(sop.id) if sop is not None and sop.id else f"`{_code(change.path)}`"
    title = f": {escape(sop.title)}" if sop is not None and sop.title else ""
    old_version = escape(change.old.version or "?") if change.old else "?"
    new_version = escape(change.new.version or "?") if change.new else "?"
    if change.status == ADDED:
        version = f"new, {new_version}"
    elif change.status == DELETED:
        version = f"removed, was {old_version}"
    elif old_version != new_version:
        version = f"{old_version} → {new_version}"
    else:
        version = f"{new_version}, unchanged"
    return f"{name}{title} ({version})"


def _facts(change: SopChanges) -> list[str]:
    facts = [f"`{_code(change.path)}`"]
    if change.status == RENAMED and change.old_path:
        facts.append(f"moved from `{_code(change.old_path)}`")
    old, new = change.old, change.new
    if old is not None and new is not None:
        if old.id and new.id and old.id != new.id:
            facts.append(f"id was {escape(old.id)}")
        if old.status != new.status:
            facts.append(f"status {escape(old.status or '?')} → {escape(new.status or '?')}")
    elif change.status in (ADDED, DELETED) and change.sop is not None and change.sop.status:
        facts.append(f"status {escape(change.sop.status)}")
    return facts


def _unreadable(change: SopChanges) -> str:
    if change.new is None and change.status != DELETED:
        return "The file could not be read as an SOP; `sopgen check` says why."
    if change.old is None and change.status != ADDED:
        return "The earlier version could not be read as an SOP, so its changes are not listed."
    return ""


def _bullets(label: str, entries: list[str]) -> list[str]:
    if not entries:
        return []
    return [f"**{label}**", "", *(f"- {entry}" for entry in entries), ""]


def _item(item: Item) -> str:
    return f"{_item_label(item)}: {escape(item.text)}"


def _reworded(item: Item, part: str, before: str, after: str) -> str:
    label = f"{_item_label(item)}, {part}" if part else _item_label(item)
    return f"{label}: {escape(before) or '(none)'} **→** {escape(after) or '(none)'}"


def _item_label(item: Item) -> str:
    return f"{item.kind.capitalize()} {item.number}"


def _code(path: str) -> str:
    """A path inside a code span: only backticks and line breaks could break out of it."""
    return show_invisible(" ".join(path.replace("`", "'").split()))
