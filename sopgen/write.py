"""The one module that writes to disk: everything or nothing.

A build is rendered in memory, staged in a hidden folder inside the output
directory, and only then moved into place, so a failed or interrupted build
leaves the previous output as it was. Outputs that a build found unchanged are
kept as the very same files, and folders in which nothing changed are not
touched at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Mapping

from .errors import OutputError


@dataclass(frozen=True)
class Unchanged:
    """An output already in the folder with this content (its sha256): kept as it is, mtime and all."""
    digest: str


def file_digest(path: Path) -> str | None:
    """The sha256 of a regular file's content; None for anything else (missing, a link, a folder)."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in name:
        raise OutputError(f"refusing to write '{name}': output names must stay inside the output folder")
    return path


def check_output_dir(out: Path, protected: list[Path]) -> None:
    """Refuse an output folder that would hold or overlap the project's own sources."""
    target = out.resolve()
    for source in protected:
        source = source.resolve()
        if target == source or source.is_relative_to(target) or target.is_relative_to(source):
            raise OutputError(
                f"the output folder {out} overlaps {source}; choose a folder of its own, such as build/")


def write_outputs(out: Path, files: Mapping[str, bytes | Unchanged]) -> list[Path]:
    """Replace the named outputs in ``out`` with ``files``: all of them, or none.

    Top-level folders (html/, md/) are swapped whole, so pages of deleted SOPs
    do not linger; other files already in ``out`` are left alone. A top-level
    entry whose files are all ``Unchanged``, with nothing else in it, is not
    touched; an ``Unchanged`` file in a folder that is swapped is carried over
    as a hard link (a copy where links are not possible).
    """
    names = {name: _safe_relative(name) for name in files}
    tops: dict[str, list[str]] = {}
    for name, path in names.items():
        tops.setdefault(path.parts[0], []).append(name)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {out}: {exc.strerror or exc}") from None
    try:
        with _exclusive(out):
            changed = [top for top in sorted(tops) if not _is_current(out, top, {n: files[n] for n in tops[top]})]
            if changed:
                _stage_and_swap(out, changed, {name: files[name] for top in changed for name in tops[top]}, names)
    except OSError as exc:
        raise OutputError(f"writing to {out} failed: {exc.strerror or exc}; the previous output is unchanged") \
            from None
    return [out / name for name in files]


def _is_current(out: Path, top: str, members: dict[str, bytes | Unchanged]) -> bool:
    """Whether ``out/top`` already holds exactly ``members``, each unchanged, and nothing else."""
    if not all(isinstance(data, Unchanged) for data in members.values()):
        return False
    if (out / top).is_symlink():
        return False
    if (out / top).is_dir():
        present = set()
        for folder, dirs, filenames in os.walk(out / top):
            for entry in dirs + filenames:
                path = Path(folder, entry)
                if path.is_symlink():
                    return False
                if entry in filenames:
                    present.add(path.relative_to(out).as_posix())
        if present != {PurePosixPath(name).as_posix() for name in members}:
            return False
    return all(file_digest(out / name) == data.digest for name, data in members.items())


def _stage_and_swap(out: Path, tops: list[str], files: dict[str, bytes | Unchanged],
                    names: dict[str, PurePosixPath]) -> None:
    staging = Path(tempfile.mkdtemp(prefix=".sopgen-staging-", dir=out))
    try:
        new, old = staging / "new", staging / "old"
        for name, data in files.items():
            target = new / names[name]
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, Unchanged):
                _carry_over(out / names[name], target, data.digest)
                continue
            with open(target, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        old.mkdir()
        _swap(tops, out, new, old)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _carry_over(current: Path, target: Path, digest: str) -> None:
    """Stage the file already in the output, unchanged, as the same file where the system allows."""
    if file_digest(current) != digest:
        raise OutputError(f"{current} changed while this build was running; run the build again. "
                          f"The previous output is unchanged")
    try:
        os.link(current, target)
    except OSError:
        shutil.copy2(current, target)


def _swap(tops: list[str], out: Path, new: Path, old: Path) -> None:
    """Move each entry from ``new`` into ``out``, keeping what it replaces in ``old``.

    If anything goes wrong part-way, Ctrl-C included, the entries already
    swapped are put back, so ``out`` never holds a mix of two builds.
    """
    started: list[str] = []
    try:
        for top in tops:
            started.append(top)
            if os.path.lexists(out / top):
                os.replace(out / top, old / top)
            os.replace(new / top, out / top)
    except BaseException:
        for top in reversed(started):
            if not os.path.lexists(new / top):  # the new entry was moved in: take it out again
                os.replace(out / top, new / top)
            if os.path.lexists(old / top):
                os.replace(old / top, out / top)
        raise


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """Let one build at a time swap its files into ``folder``, so that two at once cannot mix."""
    try:
        import fcntl
    except ImportError:  # Windows has no advisory locks on folders; swaps there are not serialised
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def create_files(root: Path, files: dict[str, bytes]) -> list[Path]:
    """Create new files under ``root``: all of them, or none if any already exists.

    Names are relative to ``root`` and may not lead outside it, not even through
    a linked folder. Used by `sopgen init` and `sopgen new`, which must never
    overwrite an author's work.
    """
    base = root.resolve()
    targets = [root / _safe_relative(name) for name in files]
    for target in targets:
        if not target.resolve().is_relative_to(base):
            raise OutputError(f"refusing to write {target}: it leads outside {root}")
    existing = [target for target in targets if target.exists() or target.is_symlink()]
    if existing:
        raise OutputError(f"refusing to overwrite {', '.join(str(path) for path in existing)}; nothing was written")
    created: list[Path] = []
    made_dirs: list[Path] = []
    try:
        for target, data in zip(targets, files.values()):
            missing = [parent for parent in reversed(target.parents) if not parent.exists()]
            for directory in missing:
                directory.mkdir()
                made_dirs.append(directory)
            with open(target, "xb") as handle:   # "x": fails rather than replace a file made meanwhile
                created.append(target)
                handle.write(data)
    except OSError as exc:
        for path in reversed(created):
            path.unlink(missing_ok=True)
        for directory in reversed(made_dirs):
            try:
                directory.rmdir()
            except OSError:
                pass
        raise OutputError(f"writing {exc.filename or root} failed: {exc.strerror or exc}; nothing was written") \
            from None
    return targets
