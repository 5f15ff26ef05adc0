"""Read-only access to git: which files changed against a ref, and what they held there.

Every command here only reads. ``GIT_OPTIONAL_LOCKS=0`` stops even the index
refresh that `git diff` would otherwise write back, and old contents are read
with `git cat-file`, never by checking anything out. sopgen never fetches: when
a ref is missing it says what to fetch.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import GitError

ADDED, MODIFIED, RENAMED, DELETED = "added", "modified", "renamed", "deleted"
_COMMIT_ID = re.compile(r"[0-9a-fA-F]{7,64}")
_STATUSES = {"A": ADDED, "M": MODIFIED, "R": RENAMED, "D": DELETED}


@dataclass(frozen=True)
class FileChange:
    """A file that differs between the base commit and the working tree.

    Paths are relative to the repository's top folder, with forward slashes.
    ``old_path`` is where the file was at the base: None for an added file.
    """

    status: str
    path: str
    old_path: str | None


@dataclass(frozen=True)
class Comparison:
    """A ref, the commit it names, and the commit compared with: their merge base with HEAD, or the ref's."""

    ref: str
    commit: str
    base: str


class Git:
    """A git repository, run as a subprocess from its top folder."""

    def __init__(self, top: Path):
        self.top = top

    @classmethod
    def containing(cls, folder: Path) -> "Git":
        result = _run(folder, "rev-parse", "--show-toplevel")
        if result.returncode != 0:
            raise GitError(f"{folder} is not inside a git repository; comparing with a git ref needs one")
        return cls(Path(os.fsdecode(result.stdout.strip())))

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return _run(self.top, *args)

    def output(self, *args: str) -> bytes:
        result = self.run(*args)
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip()
            raise GitError(f"git {' '.join(args)} failed: {message}")
        return result.stdout

    def relative(self, path: Path) -> str:
        """``path`` as git names it: relative to the top folder, with forward slashes."""
        try:
            return path.resolve().relative_to(self.top.resolve()).as_posix()
        except ValueError:
            raise GitError(f"{path} is outside the git repository at {self.top}") from None

    def resolve(self, ref: str) -> str:
        """The commit ``ref`` names, or a GitError that says what to fetch."""
        if not ref or ref.startswith("-"):
            raise GitError(f"'{ref}' is not a git ref")
        result = self.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
        if result.returncode != 0:
            raise GitError(self._missing_ref_message(ref))
        return result.stdout.decode().strip()

    def compare_with(self, ref: str) -> Comparison:
        """Compare at the merge base of ``ref`` and HEAD, as ``git diff REF...HEAD`` does.

        A shallow clone often lacks the history that joins them; then the ref
        itself is the base, which on GitHub's pull-request merge checkout is
        exactly the pull request's change.
        """
        commit = self.resolve(ref)
        merge_base = self.run("merge-base", commit, "HEAD")
        if merge_base.returncode == 0:
            return Comparison(ref, commit, merge_base.stdout.decode().strip())
        return Comparison(ref, commit, commit)

    def changed_files(self, base: str, paths: list[str]) -> list[FileChange]:
        """Files under ``paths`` that differ between ``base`` and the working tree.

        That is every committed change since the base plus uncommitted ones, and
        new files git does not yet track (unless they are ignored).
        """
        diff = self.output("--literal-pathspecs", "diff", "--name-status", "-z", "-M", "--no-ext-diff",
                           base, "--", *paths)
        changes = _parse_name_status(diff)
        untracked = self.output("--literal-pathspecs", "ls-files", "--others", "--exclude-standard", "-z",
                                "--", *paths)
        changes += [FileChange(ADDED, os.fsdecode(name), None) for name in untracked.split(b"\0") if name]
        return changes

    def read_file(self, commit: str, path: str) -> bytes | None:
        """The file's bytes at ``commit``, or None if it did not exist there."""
        result = self.run("cat-file", "blob", f"{commit}:{path}")
        return result.stdout if result.returncode == 0 else None

    def _missing_ref_message(self, ref: str) -> str:
        remotes = self.run("remote").stdout.decode().split()
        remote, _, branch = ref.partition("/")
        if branch and (remote in remotes or not remotes):
            fetch, then = f"git fetch --depth=1 {remote} {branch}", ""
            if remote in remotes and not self._fetches_every_branch(remote):  # as in a single-branch clone
                fetch += f":refs/remotes/{remote}/{branch}"
        else:
            remote = "origin" if "origin" in remotes or not remotes else remotes[0]
            fetch = f"git fetch --depth=1 {remote} {ref}"
            then = "" if _COMMIT_ID.fullmatch(ref) else f", then compare with {remote}/{ref}"
        shallow = self.run("rev-parse", "--is-shallow-repository").stdout.decode().strip() == "true"
        where = "this shallow clone" if shallow else "this repository"
        return (f"the git ref '{ref}' is not in {where}\n"
                f"    hint: fetch it first, for example: {fetch}{then}")

    def _fetches_every_branch(self, remote: str) -> bool:
        """Whether `git fetch REMOTE BRANCH` also updates REMOTE/BRANCH (it does with the usual refspec)."""
        refspecs = self.run("config", "--get-all", f"remote.{remote}.fetch").stdout.decode().split()
        return any(spec.lstrip("+") == f"refs/heads/*:refs/remotes/{remote}/*" for spec in refspecs)


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=environment, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH; comparing with a git ref needs it") from None
    except NotADirectoryError:
        raise GitError(f"{cwd} is not a folder") from None


def _parse_name_status(output: bytes) -> list[FileChange]:
    """Parse ``git diff --name-status -z``: a status, then one path (two for a rename or copy)."""
    fields = [os.fsdecode(field) for field in output.split(b"\0")]
    changes: list[FileChange] = []
    index = 0
    while index < len(fields) and fields[index]:
        letter = fields[index][0]
        if letter in "RC":
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            changes.append(FileChange(RENAMED, new, old) if letter == "R" else FileChange(ADDED, new, None))
            continue
        path = fields[index + 1]
        index += 2
        status = _STATUSES.get(letter, MODIFIED)  # T (type change) and the like count as modified
        changes.append(FileChange(status, path, None if status == ADDED else path))
    return changes
