"""Under GitHub Actions, every line sopgen prints passes through one escaping path.

Standard output and standard error are replaced, for the length of a command,
by a stream that hands each complete line to report.defuse_workflow_commands,
so nothing read from a pull request (a key in sopgen.yaml, a message about an
SOP, a file name with a line break in it) can print a workflow command such as
``::error`` or ``::stop-commands::``. sopgen's own annotations, whose data is
already escaped by report.format_github, are the one thing written as they are
(write_commands).
"""

from __future__ import annotations

import io
import os
import sys

from .report import defuse_workflow_commands


def under_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


class DefusingStream(io.TextIOBase):
    """A text stream that writes whole lines, each made safe for a GitHub Actions log."""

    def __init__(self, raw):
        super().__init__()
        self.raw = raw
        self._pending = ""
        self._head_written = False   # part of the current line already went out, its start made safe

    @property
    def encoding(self):
        return getattr(self.raw, "encoding", "utf-8")

    @property
    def errors(self):
        return getattr(self.raw, "errors", "strict")

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        # A runner reads "\r" as the end of a line too.
        self._pending += text.replace("\r\n", "\n").replace("\r", "\n")
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self.raw.write(self._safe(line) + "\n")
            self._head_written = False
        return len(text)

    def write_commands(self, text: str) -> None:
        """Write workflow commands that sopgen made and escaped itself, as they are."""
        self._end_line()
        self.raw.write(text)

    def flush(self) -> None:
        # Blanks alone could still turn out to lead into "::"; they wait for the rest of their line.
        # So do trailing '#', which could turn out to start "##[".
        ready = self._pending.rstrip("#")
        if ready.strip():
            head = self._safe(ready)
            if not self._head_written and ready.strip() == ":":
                head = "\\" + head
            self.raw.write(head)
            self._pending, self._head_written = self._pending[len(ready):], True
        self.raw.flush()

    def _safe(self, line: str) -> str:
        return line.replace("##[", "##\\[") if self._head_written else defuse_workflow_commands(line)

    def _end_line(self) -> None:
        if self._pending or self._head_written:
            self.raw.write(self._safe(self._pending) + "\n")
            self._pending, self._head_written = "", False


def defuse_standard_streams() -> None:
    """Put standard output and error behind DefusingStream until restore_standard_streams."""
    if not isinstance(sys.stdout, DefusingStream):
        sys.stdout = DefusingStream(sys.stdout)
    if not isinstance(sys.stderr, DefusingStream):
        sys.stderr = DefusingStream(sys.stderr)


def restore_standard_streams() -> None:
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, DefusingStream):
            stream.flush()
            stream._end_line()
            setattr(sys, name, stream.raw)


def write_commands(stream, text: str) -> None:
    """Write sopgen's own annotations past the escaping stream, if there is one."""
    if isinstance(stream, DefusingStream):
        stream.write_commands(text)
    else:
        stream.write(text)
