"""What every command shares: one way to read a date option, to stop on bad input, and to be --quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("command, option", [(["status", "--project", REPO], "--today"),
                                             (["brief", "--project", REPO], "--date")])
@pytest.mark.parametrize("written", ["20261001", "2026-10-1", "2026-W40-4", "1 October 2026"])
def test_status_and_brief_refuse_the_same_date_forms_with_the_same_message(run_cli, tmp_path, command, option,
                                                                           written):
    code, out, err = run_cli([*command, option, written, *(["--out", tmp_path] if option == "--date" else [])])
    assert code == 2, out + err
    assert err == f"error: {option} '{written}' is not a date; write it as YYYY-MM-DD, for example 2026-10-01\n"
    assert not any(tmp_path.iterdir())


def test_status_accepts_the_form_brief_accepts(run_cli):
    code, out, err = run_cli(["status", "--project", REPO, "--today", "2026-10-01"])
    assert code == 0, err
    assert "Drafts waiting for approval" in out


@pytest.mark.parametrize("command", [["stories"], ["status"], ["check"], ["validate"], ["report"], ["diff", "HEAD"],
                                     ["new", "--touchpoint", "door", "A title"]])
def test_a_command_outside_a_project_says_so_and_exits_2(run_cli, tmp_path, command):
    code, out, err = run_cli(command, cwd=tmp_path)
    assert code == 2
    assert err.startswith("error: ") and "sopgen.yaml" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_quiet_lint_prints_each_finding_on_one_line_and_nothing_else(make_project, run_cli, VALID_SOP):
    robotic = VALID_SOP.replace("Offer help", 'Always say exactly "Welcome to Harbour House" and offer help', 1)
    assert robotic != VALID_SOP
    root = make_project({"door/robotic.yaml": robotic})
    code, out, _ = run_cli(["lint", "--quiet"], cwd=root)
    assert code == 1
    assert out == ("sops/door/robotic.yaml:19:9: SOP105 warning absolute language outside safety, security or the "
                   "law in step 3: 'Always'\n"
                   "sops/door/robotic.yaml:19:16: SOP101 warning scripted speech: the exact words are prescribed in "
                   "step 3: 'say exactly'\n")


def test_quiet_check_without_findings_prints_nothing(make_project, run_cli, VALID_SOP):
    root = make_project({"door/welcome-arrivals.yaml": VALID_SOP})
    code, out, err = run_cli(["check", "-q"], cwd=root)
    assert (code, out) == (0, ""), err


@pytest.mark.parametrize("command, extra", [("lsp", "lsp"), ("import", "import")])
def test_help_keeps_the_bracketed_extra_in_an_install_command(run_cli, command, extra):
    """Help is drawn with rich markup, where an unescaped "[lsp]" is taken as a style and vanishes."""
    code, out, _ = run_cli([command, "--help"])
    assert code == 0
    assert f'pip install "sopgen[{extra}]"' in " ".join(out.split())
