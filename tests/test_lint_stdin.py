"""`sopgen lint - --stdin-filename PATH`: an editor's unsaved text, reported as the file it stands for."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

ROBOTIC = ("Watch the approach", "Always watch the approach")


def lint_stdin(text: str, *args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sopgen", "lint", *args], input=text.encode("utf-8"), cwd=cwd,
                          capture_output=True, env={"PATH": "", "NO_COLOR": "1", "SYSTEMROOT": ""})


def test_findings_name_the_stdin_filename_not_the_file_on_disk(make_project, VALID_SOP):
    root = make_project()  # sops/door/welcome-arrivals.yaml on disk is clean
    run = lint_stdin(VALID_SOP.replace(*ROBOTIC), "-", "--stdin-filename", "sops/door/welcome-arrivals.yaml",
                     cwd=root)
    assert run.returncode == 1, run.stderr
    assert run.stdout.decode().startswith("sops/door/welcome-arrivals.yaml:15:9: SOP105 warning ")


def test_the_project_is_found_from_the_stdin_filename(make_project, VALID_SOP, tmp_path):
    root = make_project(config=VALID_CONFIG_WITH_MAX_STEPS)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = lint_stdin(VALID_SOP, "-", "--stdin-filename", str(root / "sops/door/new.yaml"), "--format", "json",
                     cwd=elsewhere)
    found = json.loads(run.stdout)["findings"]
    assert [f["rule"] for f in found] == ["SOP109"]  # the project's own max_steps: 2
    assert found[0]["path"] == str(root / "sops/door/new.yaml")


def test_a_file_not_yet_saved_is_linted(make_project, VALID_SOP):
    root = make_project()
    run = lint_stdin(VALID_SOP.replace("status: approved", "status: aproved"), "-",
                     "--stdin-filename", "sops/door/draft.yaml", cwd=root)
    assert run.returncode == 2 and b"sops/door/draft.yaml:5:9:" in run.stdout
    assert not (root / "sops/door/draft.yaml").exists()


@pytest.mark.parametrize("args, message", [
    (["-"], b"needs --stdin-filename"),
    (["--stdin-filename", "x.yaml"], b"give '-' as the path"),
    (["-", "sops", "--stdin-filename", "x.yaml"], b"no other paths"),
])
def test_stdin_needs_its_filename_and_nothing_else(make_project, args, message):
    run = lint_stdin("", *args, cwd=make_project())
    assert run.returncode == 2 and message in run.stderr and b"Traceback" not in run.stderr


VALID_CONFIG_WITH_MAX_STEPS = """\
organisation: Harbour House
title: Guest Journey Service Standards
journey:
  - id: door
    name: Door concierge
lint:
  max_steps: 2
"""


def test_lsp_without_pygls_says_how_to_install_it(make_project):
    blocker = ("import sys\n"
               "class Block:\n"
               "    def find_spec(self, name, path=None, target=None):\n"
               "        if name.split('.')[0] in ('pygls', 'lsprotocol'):\n"
               "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
               "sys.meta_path.insert(0, Block())\n"
               "sys.argv = ['sopgen', 'lsp']\n"
               "from sopgen.entry import main\nmain()\n")
    run = subprocess.run([sys.executable, "-c", blocker], cwd=make_project(), capture_output=True, text=True)
    assert run.returncode == 2 and 'pip install "sopgen[lsp]"' in run.stderr and "Traceback" not in run.stderr
