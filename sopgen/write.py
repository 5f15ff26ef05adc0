"""The one module that writes to disk: everything or nothing.

A build is rendered in memory, staged in a hidden folder inside the output
directory, and only then moved into place, so a failed or interrupted build
leaves the previous output as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import Iterator

from .errors import OutputError


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


def write_outputs(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Replace the named outputs in ``out`` with ``files``: all of them, or none.

    Top-level folders (html/, md/) are swapped whole, so pages of deleted SOPs
    do not linger; other files already in ``out`` are left alone.
    """
    names = {name: _safe_relative(name) for name in files}
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".sopgen-staging-", dir=out))
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {out}: {exc.strerror or exc}") from None
    try:
        new, old = staging / "new", staging / "old"
        for name, data in files.items():
            target = new / names[name]
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        old.mkdir()
        with _exclusive(out):
            _swap(sorted({path.parts[0] for path in names.values()}), out, new, old)
    except OSError as exc:
        raise OutputError(f"writing to {out} failed: {exc.strerror or exc}; the previous output is unchanged") \
            from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in files]


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
