"""A build writes everything or nothing: a failed, interrupted or concurrent build never leaves a mix."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

FORMATS = ["--format", "html", "--format", "md"]


def output_state(out) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder in the output, hidden ones included."""
    return {str(p.relative_to(out)): (p.read_bytes() if p.is_file() else None) for p in sorted(out.rglob("*"))}


def leftovers(out) -> list[str]:
    """Staging folders left behind (the build cache, .sopgen-cache.json, is an output like the others)."""
    return [p.name for p in out.iterdir() if p.name.startswith(".sopgen-staging")]


@pytest.fixture
def built(make_project, run_cli, VALID_SOP):
    """A project with two SOPs and a finished build of its HTML and Markdown; returns (root, output state)."""
    root = make_project({"door/welcome.yaml": VALID_SOP,
                         "door/farewell.yaml": VALID_SOP.replace("door-welcome-arrivals", "door-farewell")})
    code, out, err = run_cli(["build", *FORMATS], cwd=root)
    assert code == 0, out + err
    (root / "sops" / "door" / "farewell.yaml").unlink()  # the next build differs: one page fewer
    return root, output_state(root / "build")


def fail_on_call(monkeypatch, target, name: str, number: int, error: BaseException) -> list[int]:
    """Make ``target.name`` raise ``error`` on its ``number``-th call; return the count of calls."""
    real, calls = getattr(target, name), [0]

    def failing(*args, **kwargs):
        calls[0] += 1
        if calls[0] == number:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, failing)
    return calls


def test_interrupt_while_rendering_leaves_the_previous_build(built, run_cli, monkeypatch):
    root, before = built

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("sopgen.render.handbook.markdown_files", interrupted)
    code, out, err = run_cli(["build", *FORMATS], cwd=root)

    assert code == 130 and "the previous output is unchanged" in err
    assert output_state(root / "build") == before


@pytest.mark.parametrize("number", [1, 2, 3, 4])
@pytest.mark.parametrize("error, exit_code", [(KeyboardInterrupt(), 130), (OSError(errno.EBUSY, "Device busy"), 2)],
                         ids=["ctrl-c", "oserror"])
def test_failure_at_any_step_of_the_swap_puts_the_previous_build_back(built, run_cli, monkeypatch, number, error,
                                                                      exit_code):
    # The swap moves html/ and md/ aside and the new ones in: four moves.
    root, before = built
    calls = fail_on_call(monkeypatch, os, "replace", number, error)

    code, out, err = run_cli(["build", *FORMATS], cwd=root)

    assert calls[0] >= number
    assert code == exit_code and "the previous output is unchanged" in err
    assert "Traceback" not in out + err
    assert output_state(root / "build") == before
    assert leftovers(root / "build") == []


@pytest.mark.parametrize("number", [1, 2])
def test_interrupted_first_build_leaves_no_files(make_project, run_cli, monkeypatch, number):
    root = make_project()
    fail_on_call(monkeypatch, os, "replace", number, KeyboardInterrupt())

    code, out, err = run_cli(["build", *FORMATS], cwd=root)

    assert code == 130
    assert not (root / "build").exists() or list((root / "build").iterdir()) == []


def test_full_disk_while_writing_leaves_the_previous_build(built, run_cli, monkeypatch):
    root, before = built
    fail_on_call(monkeypatch, os, "fsync", 2, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))

    code, out, err = run_cli(["build", *FORMATS], cwd=root)

    assert code == 2
    assert "No space left on device; the previous output is unchanged" in err
    assert "Traceback" not in out + err
    assert output_state(root / "build") == before
    assert leftovers(root / "build") == []


def test_template_error_leaves_the_previous_build(built, run_cli):
    root, before = built
    (root / "templates" / "md").mkdir(parents=True)
    (root / "templates" / "md" / "sop.md").write_text("{{ 1 / 0 }}", encoding="utf-8")

    code, out, err = run_cli(["build", *FORMATS], cwd=root)

    assert code == 2 and "ZeroDivisionError" in err
    assert output_state(root / "build") == before


def test_rebuild_replaces_generated_folders_whole_and_leaves_other_files(built, run_cli):
    root, before = built
    (root / "build" / "notes.txt").write_text("mine", encoding="utf-8")

    code, out, err = run_cli(["build", *FORMATS, "--keep-other-files"], cwd=root)

    assert code == 0, out + err
    after = output_state(root / "build")
    assert after["notes.txt"] == b"mine"
    assert "html/door-farewell.html" in before and "html/door-farewell.html" not in after
    assert "md/door-farewell.md" in before and "md/door-farewell.md" not in after
    assert leftovers(root / "build") == []


def test_links_in_the_output_folder_are_replaced_not_written_through(make_project, run_cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "html").mkdir(parents=True)
    (elsewhere / "html" / "keep.txt").write_text("keep", encoding="utf-8")
    (elsewhere / "handbook.md").write_text("keep", encoding="utf-8")
    root = make_project()
    (root / "build" / "md").mkdir(parents=True)
    try:
        os.symlink(elsewhere / "html", root / "build" / "html", target_is_directory=True)
        os.symlink(elsewhere / "handbook.md", root / "build" / "md" / "door-welcome-arrivals.md")
    except OSError:
        pytest.skip("symbolic links are not available here")

    for flag in ([], ["--keep-other-files"]):
        code, out, err = run_cli(["build", *FORMATS, *flag], cwd=root)

        # sopgen did not make the links, so it neither writes through them nor replaces them
        assert code == 2, out + err
        assert "sopgen did not write" in err
        assert [p.name for p in (elsewhere / "html").iterdir()] == ["keep.txt"]
        assert (elsewhere / "handbook.md").read_text(encoding="utf-8") == "keep"
        assert (root / "build" / "html").is_symlink() and (root / "build" / "md" / "door-welcome-arrivals.md").is_symlink()


# Each move of the swap is slowed down, so that builds running at once would
# interleave their swaps if nothing kept them apart.
SLOW_SWAP_BUILD = """
import os, sys, time
real = os.replace
def slow(*args, **kwargs):
    time.sleep(0.05)
    return real(*args, **kwargs)
os.replace = slow
from sopgen.cli import main
main()
"""


def test_builds_running_at_once_into_one_folder_leave_one_complete_build(built, run_cli):
    root, _ = built
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", "NO_COLOR": "1"}
    reference = subprocess.run([sys.executable, "-c", SLOW_SWAP_BUILD, "build", *FORMATS, "--out", "reference"],
                               cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert reference.returncode == 0, reference.stderr

    builds = [subprocess.Popen([sys.executable, "-c", SLOW_SWAP_BUILD, "build", *FORMATS], cwd=root, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(build.wait(timeout=120), build.stderr.read()) for build in builds]
    for build in builds:
        build.stdout.close()
        build.stderr.close()

    assert [code for code, _ in results] == [0, 0, 0, 0], results
    assert output_state(root / "build") == output_state(root / "reference")
    assert leftovers(root / "build") == []
