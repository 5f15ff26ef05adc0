"""The pre-commit hooks in .pre-commit-hooks.yaml run real sopgen commands on the right files."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def test_hooks_are_declared_for_pre_commit():
    assert set(HOOKS) == {"sopgen-lint", "sopgen-validate"}
    for hook in HOOKS.values():
        assert hook["language"] == "python" and hook["entry"].startswith("sopgen ")
    assert HOOKS["sopgen-lint"]["pass_filenames"] is True
    assert HOOKS["sopgen-validate"]["pass_filenames"] is False


def test_lint_hook_matches_sop_files_only_and_validate_runs_on_every_commit():
    lint = re.compile(HOOKS["sopgen-lint"]["files"])
    assert lint.search("sops/door/welcome.yaml") and lint.search("sops/door/welcome.yml")
    assert not lint.search("sopgen.yaml") and not lint.search("templates/site/x.yaml")
    assert HOOKS["sopgen-validate"]["always_run"] is True


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
    assert run_cli(args, cwd=make_project({"door/welcome.yaml": robotic})) == (0, "", "")
    duplicate = make_project({"door/a.yaml": robotic, "door/b.yaml": robotic})
    code, out, _ = run_cli(args, cwd=duplicate)
    assert code == 2 and "already used" in out and "SOP105" not in out


# --------------------------------------------------------------------------- with pre-commit itself

GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}
EXAMPLE = ["sopgen.yaml", "programme.yaml", "sops", "records", "stories", "audits", "assets"]


def _git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stderr
    return result.stdout


def _pre_commit() -> list[str]:
    found = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    return [found]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This checkout as it is now (uncommitted work included), committed into a repository pre-commit can clone."""
    if not (REPO / ".git").exists():
        pytest.skip("the hook repository is cloned by pre-commit, so it must come from a git checkout")
    files = _git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    copy = tmp_path_factory.mktemp("sopgen-hooks")
    for name in filter(None, files):
        if (REPO / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, copy / name)
    _git(copy, "init", "-q", "-b", "main")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-q", "-m", "sopgen as tested")
    return copy, _git(copy, "rev-parse", "HEAD").strip()


@pytest.fixture
def sop_repo(tmp_path, hook_repo, tmp_path_factory) -> Path:
    """A repository holding the example library, set up to use both hooks, with everything committed."""
    repo = tmp_path / "standards"
    repo.mkdir()
    for name in EXAMPLE:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, repo / name)
    source, rev = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: sopgen-lint\n"
        f"      - id: sopgen-validate\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "The library")
    return repo


def _run_hooks(repo: Path, tmp_path_factory) -> tuple[int, str]:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"  # one hook environment for every test
    result = subprocess.run([*_pre_commit(), "run", "--color", "never"], cwd=repo, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home)})
    return result.returncode, result.stdout + result.stderr


def _validate_section(output: str) -> str:
    return output[output.index("sopgen validate"):]


def test_pre_commit_validate_fails_a_commit_that_only_breaks_the_programme(sop_repo, tmp_path_factory):
    programme = sop_repo / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        "sops: [door-welcome-arrivals,", "sops: [door-welcome-arrivalz,"), encoding="utf-8")
    _git(sop_repo, "add", "programme.yaml")
    code, output = _run_hooks(sop_repo, tmp_path_factory)
    section = _validate_section(output)
    assert code == 1 and "Failed" in section.splitlines()[0], output
    assert "programme.yaml:" in section and "door-welcome-arrivalz" in section
    assert not re.search(r"SOP1\d\d", section), "wording findings belong to sopgen-lint, not to validate"


def test_pre_commit_validate_fails_when_an_sop_the_programme_uses_is_deleted(sop_repo, tmp_path_factory):
    _git(sop_repo, "rm", "-q", "sops/door/welcome-arrivals.yaml")
    code, output = _run_hooks(sop_repo, tmp_path_factory)
    section = _validate_section(output)
    assert code == 1 and "Failed" in section.splitlines()[0], output
    assert "door-welcome-arrivals" in section


@pytest.mark.parametrize("name", ["records/sign-offs.yaml", "sopgen.yaml"])
def test_pre_commit_validate_runs_when_records_or_config_change(sop_repo, tmp_path_factory, name):
    path = sop_repo / name
    path.write_text(path.read_text(encoding="utf-8") + "\nunexpected_key: 1\n", encoding="utf-8")
    _git(sop_repo, "add", name)
    code, output = _run_hooks(sop_repo, tmp_path_factory)
    assert code == 1 and "Failed" in _validate_section(output).splitlines()[0], output


def test_pre_commit_passes_a_harmless_change(sop_repo, tmp_path_factory):
    (sop_repo / "NOTES.md").write_text("Meeting notes\n", encoding="utf-8")
    _git(sop_repo, "add", "NOTES.md")
    code, output = _run_hooks(sop_repo, tmp_path_factory)
    assert code == 0 and "Passed" in _validate_section(output).splitlines()[0], output


@pytest.mark.parametrize("folder", ["stories", "audits"])
def test_validate_reads_stories_and_audits_too(make_project, run_cli, folder):
    root = make_project()
    (root / folder).mkdir()
    (root / folder / "broken.yaml").write_text("date: 2026-09-02\ntouchpoint: door\nmisspelt_key: 1\n",
                                               encoding="utf-8")
    code, out, err = run_cli(["validate"], cwd=root)
    assert code == 2 and f"{folder}/broken.yaml:" in out and "Traceback" not in err
