"""sopgen writes only into an output folder it owns, and never deletes or replaces a file it did not write."""

from __future__ import annotations

import json

import pytest

MD = ["--format", "md", "--format", "html"]


@pytest.fixture
def docs_project(make_project, VALID_CONFIG):
    root = make_project(config=VALID_CONFIG + "output: docs\n")
    (root / "docs" / "md").mkdir(parents=True)
    (root / "docs" / "md" / "team-guide.md").write_text("# Our team guide\n", encoding="utf-8")
    return root


def test_a_folder_holding_files_sopgen_did_not_write_is_refused(docs_project, run_cli):
    code, out, err = run_cli(["build", *MD], cwd=docs_project)

    assert code == 2
    assert "md/team-guide.md" in err and "--keep-other-files" in err and "Traceback" not in out + err
    assert (docs_project / "docs" / "md" / "team-guide.md").read_text(encoding="utf-8") == "# Our team guide\n"
    assert sorted(p.name for p in (docs_project / "docs").iterdir()) == ["md"]


def test_the_out_option_is_held_to_the_same_rule(make_project, run_cli, tmp_path):
    published = tmp_path / "published"
    (published / "html").mkdir(parents=True)
    (published / "html" / "landing.html").write_text("<p>ours</p>", encoding="utf-8")

    code, out, err = run_cli(["build", *MD, "--out", published], cwd=make_project())

    assert code == 2 and "html/landing.html" in err
    assert sorted(p.name for p in published.rglob("*")) == ["html", "landing.html"]


def test_with_the_flag_other_files_are_kept_through_every_rebuild(docs_project, run_cli, VALID_SOP):
    for rebuild in range(2):
        if rebuild:   # a changed SOP makes md/ and html/ be swapped again
            sop = docs_project / "sops" / "door" / "welcome-arrivals.yaml"
            sop.write_text(VALID_SOP.replace("Welcoming arriving guests", "Welcoming guests"), encoding="utf-8")
        code, out, err = run_cli(["build", *MD, "--keep-other-files"], cwd=docs_project)

        assert code == 0, out + err
        assert (docs_project / "docs" / "md" / "team-guide.md").read_text(encoding="utf-8") == "# Our team guide\n"
        assert (docs_project / "docs" / "md" / "door-welcome-arrivals.md").is_file()
    assert "Welcoming guests" in (docs_project / "docs" / "md" / "door-welcome-arrivals.md").read_text(encoding="utf-8")


def test_a_file_added_to_sopgens_folder_later_is_not_deleted(make_project, run_cli):
    root = make_project()
    assert run_cli(["build", *MD], cwd=root)[0] == 0
    notes = root / "build" / "md" / "notes.md"
    notes.write_text("mine", encoding="utf-8")

    refused = run_cli(["build", *MD, "--force"], cwd=root)
    kept = run_cli(["build", *MD, "--force", "--keep-other-files"], cwd=root)

    assert refused[0] == 2 and "md/notes.md" in refused[2]
    assert kept[0] == 0 and notes.read_text(encoding="utf-8") == "mine"


def test_a_file_sopgen_did_not_write_is_never_replaced_even_with_the_flag(make_project, run_cli):
    root = make_project()
    (root / "build" / "md").mkdir(parents=True)
    mine = root / "build" / "md" / "door-welcome-arrivals.md"
    mine.write_text("hand-written", encoding="utf-8")

    code, out, err = run_cli(["build", *MD, "--keep-other-files"], cwd=root)

    assert code == 2 and "refusing to replace md/door-welcome-arrivals.md" in err
    assert mine.read_text(encoding="utf-8") == "hand-written"
    assert not (root / "build" / "html").exists()


def test_the_marker_lists_what_sopgen_wrote_and_its_own_folder_rebuilds_freely(make_project, run_cli):
    root = make_project()

    first = run_cli(["build", *MD], cwd=root)
    second = run_cli(["build", *MD, "--force"], cwd=root)

    assert first[0] == 0 and second[0] == 0, first + second
    listed = json.loads((root / "build" / ".sopgen-output.json").read_text(encoding="utf-8"))["files"]
    assert "md/door-welcome-arrivals.md" in listed and "html/index.html" in listed


def test_a_folder_built_before_the_marker_is_taken_as_sopgens(make_project, run_cli):
    root = make_project()
    assert run_cli(["build", *MD], cwd=root)[0] == 0
    (root / "build" / ".sopgen-output.json").unlink()   # as an older sopgen left it: its cache, no marker

    code, out, err = run_cli(["build", *MD, "--force"], cwd=root)

    assert code == 0, out + err
    assert (root / "build" / ".sopgen-output.json").is_file()

