"""`sopgen check --base/--changed-since` against real git repositories, shallow clones included."""

from __future__ import annotations

import hashlib
import re

import pytest

REWORDED = ("Welcome each guest in your own words and open the door for them.",
            "Welcome each guest in your own words and hold the door open for them, bags and all.")
REVISION_1_3 = """\
revisions:
  - version: "1.3"
    date: 2026-11-01
    by: Head Door Concierge
    change: Reworded the welcome.
"""


def reword(text: str) -> str:
    return text.replace(*REWORDED)


def bump(text: str, version: str = "1.3", revision: bool = True) -> str:
    text = text.replace('version: "1.2"\nstatus', f'version: "{version}"\nstatus', 1)
    return text.replace("revisions:\n", REVISION_1_3 if revision else "revisions:\n", 1)


def other(text: str, sop_id: str, *extra: str) -> str:
    return text.replace("id: door-welcome-arrivals", f"id: {sop_id}", 1) + "".join(extra)


@pytest.fixture
def repo(git_project):
    return git_project()


def test_changed_content_without_a_new_version_is_reported_at_the_version(repo, run_cli, VALID_SOP):
    repo.write("sops/door/welcome-arrivals.yaml", reword(VALID_SOP))
    repo.commit("Reword the welcome")
    code, out, err = run_cli(["check", "--base", "main"], cwd=repo.root)
    assert "sops/door/welcome-arrivals.yaml:4:10: SOP203 error the SOP changed since main but its version is " \
           "still '1.2'" in out, out + err
    assert 'hint: raise the version, for example to "1.3", and add a revisions entry for it' in out
    assert "SOP204" not in out  # the revisions still have an entry for 1.2
    assert code == 1


def test_a_new_version_needs_a_revisions_entry(repo, run_cli, VALID_SOP):
    repo.write("sops/door/welcome-arrivals.yaml", bump(reword(VALID_SOP), revision=False))
    repo.commit("Reword and bump")
    code, out, _ = run_cli(["check", "--base", "main"], cwd=repo.root)
    assert "sops/door/welcome-arrivals.yaml:4:10: SOP204 error the SOP changed since main but its revisions " \
           "have no entry for version '1.3'" in out
    assert "SOP203" not in out
    assert code == 1


def test_a_new_version_with_its_revision_passes(repo, run_cli, VALID_SOP):
    repo.write("sops/door/welcome-arrivals.yaml", bump(reword(VALID_SOP)))
    repo.commit("Reword, bump and record")
    code, out, _ = run_cli(["check", "--base", "main"], cwd=repo.root)
    assert code == 0, out


def test_versions_compare_as_numbers_so_1_10_follows_1_9(git_project, run_cli, VALID_SOP):
    at_1_9 = VALID_SOP.replace('"1.2"', '"1.9"')
    repo = git_project({"door/welcome-arrivals.yaml": at_1_9})
    repo.write("sops/door/welcome-arrivals.yaml", reword(at_1_9).replace('"1.9"', '"1.10"'))
    repo.commit("1.10")
    code, out, _ = run_cli(["check", "--base", "main"], cwd=repo.root)
    assert code == 0, out


def test_a_lower_version_is_reported(repo, run_cli, VALID_SOP):
    repo.write("sops/door/welcome-arrivals.yaml", reword(VALID_SOP).replace('"1.2"', '"1.1"'))
    code, out, _ = run_cli(["check", "--base", "main"], cwd=repo.root)
    assert "SOP203 error the SOP changed since main but its version '1.1' is not higher than '1.2'" in out
    assert code == 1


def test_comments_and_layout_are_not_a_change_of_content(repo, run_cli, VALID_SOP):
    relaid = VALID_SOP.replace("touchpoint: door", "touchpoint: 'door'").replace("cues:", "\n# Cues\ncues:")
    repo.write("sops/door/welcome-arrivals.yaml", "# Reviewed in November\n" + relaid)
    code, out, _ = run_cli(["check", "--base", "main"], cwd=repo.root)
    assert code == 0, out


def test_uncommitted_edits_are_compared_too_and_the_repository_is_left_alone(repo, run_cli, VALID_SOP):
    repo.write("sops/door/welcome-arrivals.yaml", reword(VALID_SOP))
    status = repo("status", "--porcelain")  # which also refreshes the index, so that only sopgen could change it
    index = repo.root / ".git" / "index"
    before = (index.stat().st_mtime_ns, hashlib.sha256(index.read_bytes()).hexdigest())
    code, out, _ = run_cli(["check", "--base", "main"], cwd=repo.root)
    assert "SOP203" in out and code == 1
    assert (index.stat().st_mtime_ns, hashlib.sha256(index.read_bytes()).hexdigest()) == before
    assert repo("status", "--porcelain") == status


def test_changed_since_reports_only_changed_sops_and_the_sops_they_relate_to(git_project, run_cli, VALID_SOP):
    wordy = other(VALID_SOP, "door-wordy").replace("Watch the approach", "Always watch the approach")
    successor = other(VALID_SOP, "door-welcome-v2", "supersedes:\n  - door-welcome-arrivals\n")
    repo = git_project({"door/welcome-arrivals.yaml": VALID_SOP, "door/wordy.yaml": wordy,
                        "door/welcome-v2.yaml": successor.replace("status: approved", "status: draft")})
    assert "SOP105" in run_cli(["check"], cwd=repo.root)[1]
    repo.write("sops/door/welcome-v2.yaml", bump(successor))   # approved now: the old SOP should be retired
    repo.commit("Approve the new welcome")
    code, out, _ = run_cli(["check", "--changed-since", "main"], cwd=repo.root)
    assert "SOP105" not in out                                   # door/wordy.yaml did not change
    assert "sops/door/welcome-arrivals.yaml:5:9: SOP202 warning" in out  # it is superseded by the changed SOP
    assert "2 files checked" in out
    assert code == 1


def test_changed_since_also_requires_new_versions(repo, run_cli, VALID_SOP):
    repo.write("sops/door/welcome-arrivals.yaml", reword(VALID_SOP))
    code, out, _ = run_cli(["check", "--changed-since", "main"], cwd=repo.root)
    assert "SOP203" in out and code == 1
    code, out, _ = run_cli(["check", "--changed-since", "main", "--ignore", "SOP203,SOP204"], cwd=repo.root)
    assert code == 0, out


def test_removing_an_sop_flags_the_sops_that_still_supersede_it(git_project, run_cli, VALID_SOP):
    successor = other(VALID_SOP, "door-welcome-v2", "supersedes:\n  - door-welcome-arrivals\n")
    repo = git_project({"door/welcome-arrivals.yaml": VALID_SOP.replace("status: approved", "status: retired"),
                        "door/welcome-v2.yaml": successor})
    (repo.root / "sops/door/welcome-arrivals.yaml").unlink()
    repo.commit("Remove the retired welcome")
    code, out, _ = run_cli(["check", "--changed-since", "main"], cwd=repo.root)
    assert "sops/door/welcome-v2.yaml:" in out and "SOP201 error supersedes 'door-welcome-arrivals'" in out
    assert code == 1


def test_new_untracked_sops_are_checked(repo, run_cli, VALID_SOP):
    repo.write("sops/door/new.yaml", other(VALID_SOP, "door-new").replace("Watch the approach",
                                                                           "Always watch the approach"))
    code, out, _ = run_cli(["check", "--changed-since", "main"], cwd=repo.root)
    assert "sops/door/new.yaml:" in out and "SOP105" in out
    assert "1 file checked" in out
    assert code == 1


def test_nothing_changed_means_nothing_to_check(repo, run_cli):
    code, out, _ = run_cli(["check", "--changed-since", "main"], cwd=repo.root)
    assert out.strip() == "0 files checked: no problems found"
    assert code == 0


def test_a_changed_sopgen_yaml_widens_the_check_to_every_sop(git_project, run_cli, VALID_SOP, VALID_CONFIG):
    wordy = other(VALID_SOP, "door-wordy").replace("Watch the approach", "Always watch the approach")
    repo = git_project({"door/welcome-arrivals.yaml": VALID_SOP, "door/wordy.yaml": wordy})
    repo.write("sopgen.yaml", VALID_CONFIG.replace("Harbour House", "Harbour Hall"))
    code, out, _ = run_cli(["check", "--changed-since", "main"], cwd=repo.root)
    assert "sops/door/wordy.yaml:" in out and "2 files checked" in out
    assert code == 1


def test_a_missing_ref_says_what_to_fetch(repo, run_cli):
    code, out, err = run_cli(["check", "--changed-since", "origin/main"], cwd=repo.root)
    assert code == 2
    assert "the git ref 'origin/main' is not in this repository" in err
    assert fetch_command(err) == ["fetch", "--depth=1", "origin", "main"]
    assert "Traceback" not in err


def test_outside_a_git_repository_comparisons_are_refused(make_project, run_cli):
    code, _, err = run_cli(["check", "--base", "main"], cwd=make_project())
    assert code == 2
    assert "is not inside a git repository" in err


def fetch_command(err: str) -> list[str]:
    """The git command that the error's hint says to run, as arguments."""
    match = re.search(r"for example: git (fetch [^,\n]+)", err)
    assert match, err
    return match.group(1).split()


def test_a_shallow_clone_asks_for_the_ref_then_works_once_it_is_fetched(repo, run_cli, VALID_SOP, tmp_path):
    repo.write("sops/door/welcome-arrivals.yaml", reword(VALID_SOP))
    repo.commit("Reword without a new version")
    clone = tmp_path / "clone"
    repo("clone", "-q", "--depth", "1", "--branch", "change", f"file://{repo.root}", str(clone))

    code, out, err = run_cli(["check", "--changed-since", "origin/main", "--format", "github"], cwd=clone)
    assert code == 2
    assert "the git ref 'origin/main' is not in this shallow clone" in err
    assert "git fetch --depth=1 origin main" in err
    assert out == ""

    repo(*fetch_command(err), cwd=clone)
    code, out, err = run_cli(["check", "--changed-since", "origin/main", "--format", "github"], cwd=clone)
    assert out.startswith("::error file=sops/door/welcome-arrivals.yaml,line=4,col=10,"), err
    assert "title=SOP203 version-not-bumped::" in out
    assert code == 1, err


def test_a_checkout_like_github_actions_makes_fetches_the_base_branch_as_suggested(repo, run_cli, VALID_SOP,
                                                                                   tmp_path):
    repo.write("sops/door/welcome-arrivals.yaml", reword(VALID_SOP))
    repo.commit("Reword without a new version")
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    repo("init", "-q", cwd=checkout)
    repo("remote", "add", "origin", f"file://{repo.root}", cwd=checkout)
    repo("fetch", "-q", "--depth=1", "origin", "+refs/heads/change:refs/remotes/origin/change", cwd=checkout)
    repo("checkout", "-q", "--detach", "origin/change", cwd=checkout)

    code, _, err = run_cli(["check", "--changed-since", "origin/main"], cwd=checkout)
    assert code == 2
    assert fetch_command(err) == ["fetch", "--depth=1", "origin", "main"]
    repo(*fetch_command(err), cwd=checkout)
    code, out, err = run_cli(["check", "--changed-since", "origin/main"], cwd=checkout)
    assert "SOP203" in out and code == 1, err
