"""Under GitHub Actions nothing from a pull request can print a workflow command of its own.

A runner treats a line starting with "::" (after blanks) as a command, and "##[" anywhere in a
line as an older-style one. Every line sopgen prints there must be plain text or one of its own
annotations, whatever is written in sopgen.yaml, an SOP or a file name.
"""

from __future__ import annotations

import io
import re

import pytest

FORGED = "\n::error::FORGED\n  ::stop-commands::FORGED\r::add-mask::FORGED ##[error]FORGED\n"
OURS = re.compile(r"::(error|warning|notice) file=[^:,]*(,line=\d+)?(,col=\d+)?(,endLine=\d+)?(,endColumn=\d+)?"
                  r",title=SOP\d{3} [a-z-]*::")


def commands_in(output: str) -> list[str]:
    """The lines a runner would act on, other than sopgen's own annotations."""
    lines = re.split(r"\r\n|\r|\n", output)
    return [line for line in lines
            if "##[" in line or (line.lstrip().startswith("::") and not OURS.match(line.lstrip()))]


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace('"', '\\"') + '"'


@pytest.fixture
def hostile_sops(make_project, VALID_SOP):
    """An SOP with an unknown key and a title carrying workflow commands, under a file name that does too."""
    sop = VALID_SOP.replace("title: Welcoming arriving guests", f"title: {quoted('Welcome' + FORGED)}")
    sop += f"{quoted('extra' + FORGED)}: 1\n"
    return make_project({"door/welcome-arrivals.yaml": sop, f"door/x{FORGED.replace('/', '')}.yaml": "id: [\n"})


@pytest.fixture
def hostile_config(make_project, VALID_CONFIG):
    return make_project(config=VALID_CONFIG + f"{quoted('key' + FORGED)}: 1\n")


COMMANDS = [["lint"], ["lint", "--format", "text"], ["check"], ["build", "--format", "md"], ["status"],
            ["report"], ["stories"], ["export", "quiz", "--out", "-"], ["lint", "--format", "github"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("project", ["hostile_sops", "hostile_config"])
def test_no_line_printed_under_github_actions_is_a_forged_command(run_cli, request, project, command):
    root = request.getfixturevalue(project)

    code, out, err = run_cli(command, cwd=root, env={"GITHUB_ACTIONS": "true"})

    assert code != 0, out + err
    assert "FORGED" in out + err   # the text is shown, as text
    assert commands_in(out) == [] and commands_in(err) == [], out + err


def test_forced_github_format_is_escaped_outside_github_actions_too(run_cli, hostile_sops):
    code, out, err = run_cli(["lint", "--format", "github"], cwd=hostile_sops)

    assert OURS.match(out)
    assert commands_in(out) == [] and commands_in(err) == []


@pytest.mark.parametrize("writes", [
    ["::error::x\n"], [":", ":error::x\n"], ["  ", "::error::x\n"], ["a\r::error::x\n"], ["#", "#[error]x\n"],
    ["ok\n", "  ::warning::y", "\n"], ["::set-output name=a::b"],
])
def test_the_stream_defuses_commands_however_the_writes_are_split(writes):
    from sopgen.formats.github_log import DefusingStream

    raw = io.StringIO()
    stream = DefusingStream(raw)
    for text in writes:
        stream.write(text)
        stream.flush()
    stream._end_line()

    assert commands_in(raw.getvalue()) == []
    assert raw.getvalue().replace("\\", "").replace("\n", "") == "".join(writes).replace("\r", "").replace("\n", "")
