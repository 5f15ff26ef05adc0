"""SARIF uris and GitHub annotation files name paths from the top of the repository, wherever sopgen runs."""

from __future__ import annotations

import json
import re

import pytest


@pytest.fixture
def nested_repo(tmp_path, VALID_CONFIG, VALID_SOP):
    """A git repository whose sopgen project lives in standards/, with one SOP that has a wording finding."""
    top = tmp_path / "repo"
    project = top / "standards"
    (project / "sops" / "door").mkdir(parents=True)
    (project / "sopgen.yaml").write_text(VALID_CONFIG, encoding="utf-8")
    robotic = VALID_SOP.replace("Watch the approach", "Always watch the approach")
    (project / "sops" / "door" / "welcome.yaml").write_text(robotic, encoding="utf-8")
    (top / ".git").mkdir()  # what marks the top of a checkout; git itself is not needed to find it
    return top


PLACES = {
    "the repository's top": ("", ["--project", "standards"]),
    "the project folder": ("standards", []),
    "a folder below the project": ("standards/sops/door", []),
}


@pytest.mark.parametrize("command", ["lint", "check"])
@pytest.mark.parametrize("place", PLACES)
def test_sarif_uri_is_relative_to_the_repository_wherever_sopgen_runs(nested_repo, run_cli, place, command):
    folder, options = PLACES[place]
    code, out, err = run_cli([command, "--format", "sarif", *options], cwd=nested_repo / folder)
    assert code == 1, err
    uris = {location["physicalLocation"]["artifactLocation"]["uri"]
            for result in json.loads(out)["runs"][0]["results"] for location in result["locations"]}
    assert uris == {"standards/sops/door/welcome.yaml"}
    assert all((nested_repo / uri).is_file() for uri in uris)


@pytest.mark.parametrize("place", PLACES)
def test_github_annotation_file_is_relative_to_the_repository_wherever_sopgen_runs(nested_repo, run_cli, place):
    folder, options = PLACES[place]
    code, out, err = run_cli(["lint", "--format", "github", *options], cwd=nested_repo / folder)
    assert code == 1, err
    assert set(re.findall(r"file=([^,]+),", out)) == {"standards/sops/door/welcome.yaml"}


def test_text_output_still_names_paths_from_the_current_folder(nested_repo, run_cli):
    code, out, _ = run_cli(["lint"], cwd=nested_repo / "standards")
    assert code == 1 and out.startswith("sops/door/welcome.yaml:")


def test_outside_git_paths_are_relative_to_the_project(nested_repo, run_cli):
    (nested_repo / ".git").rmdir()
    code, out, _ = run_cli(["lint", "--format", "github"], cwd=nested_repo / "standards" / "sops")
    assert set(re.findall(r"file=([^,]+),", out)) == {"sops/door/welcome.yaml"}


def test_a_worktree_whose_git_is_a_file_counts_as_the_top(nested_repo, run_cli):
    (nested_repo / ".git").rmdir()
    (nested_repo / ".git").write_text("gitdir: /somewhere/else\n", encoding="utf-8")
    code, out, _ = run_cli(["lint", "--format", "github"], cwd=nested_repo / "standards")
    assert set(re.findall(r"file=([^,]+),", out)) == {"standards/sops/door/welcome.yaml"}
