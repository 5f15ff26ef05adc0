"""The pre-commit hooks in .pre-commit-hooks.yaml run real sopgen commands on the right files."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def test_hooks_are_declared_for_pre_commit():
    assert set(HOOKS) == {"sopgen-lint", "sopgen-validate"}
    for hook in HOOKS.values():
        assert hook["language"] == "python" and hook["entry"].startswith("sopgen ")
    assert HOOKS["sopgen-lint"]["pass_filenames"] is True
    assert HOOKS["sopgen-validate"]["pass_filenames"] is False


def test_hooks_match_sop_files_only():
    lint = re.compile(HOOKS["sopgen-lint"]["files"])
    validate = re.compile(HOOKS["sopgen-validate"]["files"])
    assert lint.search("sops/door/welcome.yaml") and lint.search("sops/door/welcome.yml")
    assert not lint.search("sopgen.yaml") and not lint.search("templates/site/x.yaml")
    assert validate.search("sopgen.yaml") and validate.search("sops/door/welcome.yaml")
    assert not validate.search(".github/workflows/sopgen.yml")


def test_lint_hook_fails_on_wording_and_passes_clean_files(make_project, run_cli, VALID_SOP):
    root = make_project({"door/welcome.yaml": VALID_SOP,
                         "door/robotic.yaml": VALID_SOP.replace("door-welcome-arrivals", "door-robotic")
                         .replace("Watch the approach", "Always watch the approach")})
    args = shlex.split(HOOKS["sopgen-lint"]["entry"])[1:]
    assert run_cli([*args, "sops/door/welcome.yaml"], cwd=root)[0] == 0
    assert run_cli([*args, "sops/door/robotic.yaml"], cwd=root)[0] == 1


def test_validate_hook_ignores_wording_but_fails_on_invalid_files(make_project, run_cli, VALID_SOP):
    args = shlex.split(HOOKS["sopgen-validate"]["entry"])[1:]
    robotic = VALID_SOP.replace("Watch the approach", "Always watch the approach")
    assert run_cli(args, cwd=make_project({"door/welcome.yaml": robotic}))[0] == 0
    duplicate = make_project({"door/a.yaml": VALID_SOP, "door/b.yaml": VALID_SOP})
    code, out, _ = run_cli(args, cwd=duplicate)
    assert code == 2 and "already used" in out
