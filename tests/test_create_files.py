"""write.create_files, which `init` and `new` use: new files only, inside the target, all or nothing."""

from __future__ import annotations

import os

import pytest

from sopgen.core.errors import OutputError
from sopgen.render.write import create_files


def test_creates_files_and_their_folders(tmp_path):
    created = create_files(tmp_path / "new", {"a.txt": b"a", "deep/er/b.txt": b"b"})
    assert created == [tmp_path / "new" / "a.txt", tmp_path / "new" / "deep/er/b.txt"]
    assert (tmp_path / "new/deep/er/b.txt").read_bytes() == b"b"


def test_refuses_every_existing_file_and_writes_nothing(tmp_path):
    (tmp_path / "b.txt").write_text("mine")
    (tmp_path / "c.txt").write_text("mine too")
    with pytest.raises(OutputError, match=r"refusing to overwrite .*b\.txt, .*c\.txt; nothing was written"):
        create_files(tmp_path, {"a/a.txt": b"a", "b.txt": b"b", "c.txt": b"c"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt", "c.txt"]
    assert (tmp_path / "b.txt").read_text() == "mine"


@pytest.mark.parametrize("name", ["../outside.txt", "/etc/outside.txt", "a/../../outside.txt"])
def test_refuses_names_leading_outside(tmp_path, name):
    with pytest.raises(OutputError):
        create_files(tmp_path / "root", {name: b"x"})
    assert not (tmp_path / "outside.txt").exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_refuses_to_write_through_a_link_to_a_folder_outside(tmp_path):
    (tmp_path / "root").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "root" / "sops").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(OutputError, match="leads outside"):
        create_files(tmp_path / "root", {"sops/x.yaml": b"x"})
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_dangling_link_counts_as_an_existing_file(tmp_path):
    (tmp_path / "x.yaml").symlink_to(tmp_path / "missing.yaml")
    with pytest.raises(OutputError, match="refusing to overwrite"):
        create_files(tmp_path, {"x.yaml": b"x"})
    assert not (tmp_path / "missing.yaml").exists()


def test_a_failure_part_way_removes_what_was_written(tmp_path):
    (tmp_path / "blocked").write_text("a file where a folder is needed")
    with pytest.raises(OutputError, match="nothing was written"):
        create_files(tmp_path, {"first/a.txt": b"a", "blocked/b.txt": b"b"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked"]
