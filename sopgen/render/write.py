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
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Mapping

from ..core.errors import OutputError


@dataclass(frozen=True)
class Unchanged:
    """An output already in the folder with this content (its sha256): kept as it is, mtime and all."""
    digest: str


@dataclass(frozen=True)
class _Kept(Unchanged):
    """A file sopgen did not write, in a folder it swaps: carried into the new folder as it is, link or file."""
    digest: str = ""


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


def check_output_file(path: Path, protected: list[Path]) -> None:
    """Refuse an output file that would replace one of the project's sources or sit among them."""
    target = path.resolve()
    if target.is_dir():
        raise OutputError(f"{path} is a folder; give --out a file name")
    if any(target == source.resolve() or target.is_relative_to(source.resolve()) for source in protected):
        raise OutputError(f"refusing to write {path}: it would overwrite or sit among the project's sources")


def write_file(path: Path, data: bytes, protected: list[Path]) -> list[Path]:
    """Write one file anywhere but over or among the ``protected`` sources."""
    check_output_file(path, protected)
    return write_outputs(path.parent, {path.name: data})


def write_outputs(out: Path, files: Mapping[str, bytes | Unchanged], *, owned: bool = False,
                  keep_other_files: bool = False, rewrite: bool = False) -> list[Path]:
    """Replace the named outputs in ``out`` with ``files``: all of them, or none.

    Top-level folders (html/, md/) are swapped whole, so pages of deleted SOPs
    do not linger; other files already in ``out`` are left alone. A top-level
    entry whose files are all ``Unchanged``, with nothing else in it, is not
    touched; an ``Unchanged`` file in a folder that is swapped is carried over
    as a hard link (a copy where links are not possible).

    ``owned``: ``out`` is an output folder of sopgen's, marked by OWNER_MARKER
    with every file sopgen wrote there. A file it did not write refuses the
    write, unless ``keep_other_files``; then such files are kept where they are,
    carried into a folder that is swapped, and never replaced. ``rewrite``
    writes the marker again even when it has not changed (as --force does).
    """
    files = dict(files)
    names = {name: _safe_relative(name) for name in files}
    tops: dict[str, list[str]] = {}
    for name, path in names.items():
        tops.setdefault(path.parts[0], []).append(name)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {out}: {exc.strerror or exc}") from None
    try:
        with _exclusive(out) as locked:
            if locked:
                recover_interrupted(out)
            others: list[str] = []
            if owned:
                others = _claim(out, files, names, keep_other_files, rewrite)
                tops.setdefault(OWNER_MARKER, [OWNER_MARKER])
                names[OWNER_MARKER] = PurePosixPath(OWNER_MARKER)
            changed = [top for top in sorted(tops) if not _is_current(out, top, {n: files[n] for n in tops[top]})]
            if changed:
                staged = {name: files[name] for top in changed for name in tops[top]}
                for name in others:   # files sopgen did not write, in a folder it swaps: kept, unchanged
                    if names.get(name) is None and PurePosixPath(name).parts[0] in changed:
                        staged[name] = _Kept()
                        names[name] = PurePosixPath(name)
                _stage_and_swap(out, changed, staged, names)
    except OSError as exc:
        raise OutputError(f"writing to {out} failed: {exc.strerror or exc}; the previous output is unchanged") \
            from None
    return [out / name for name in files if name != OWNER_MARKER]


OWNER_MARKER = ".sopgen-output.json"
# Kept in an output folder by sopgen itself: its marker, the build cache, staging folders, and the
# folders `sopgen brief` and `sopgen export` write into by default.
_SOPGEN_ENTRIES = (".sopgen-", "briefs", "exports")


def _claim(out: Path, files: dict[str, bytes | Unchanged], names: dict, keep_other_files: bool,
           rewrite: bool) -> list[str]:
    """Check that writing ``files`` replaces only files sopgen wrote, and add the marker listing them.

    Returns the files in ``out`` that sopgen did not write (only when
    ``keep_other_files``; otherwise there must be none).
    """
    present = _files_in(out)
    wrote = _read_marker(out)
    if wrote is None:
        from .cache import CACHE_FILE

        # A folder built before the marker existed is known by its build cache: all in it is sopgen's.
        wrote = set(present) if (out / CACHE_FILE).is_file() else set()
    others = sorted(set(present) - wrote)
    if others and not keep_other_files:
        listed = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        raise OutputError(
            f"the output folder {out} holds files sopgen did not write ({listed}); nothing was written. "
            f"Choose an empty folder or one of sopgen's own, or pass --keep-other-files to build beside "
            f"them: they are kept, never replaced")
    written_folders = {parent.as_posix() for name in files for parent in PurePosixPath(name).parents}
    clashes = [name for name in others if name in files or name in written_folders]
    if clashes:
        raise OutputError(f"refusing to replace {', '.join(clashes[:5])} in {out}: sopgen did not write it; "
                          f"move it away, or build into another folder. Nothing was written")
    kept = {name for name in wrote if name in present and PurePosixPath(name).parts[0] not in
            {names[n].parts[0] for n in files}}
    files[OWNER_MARKER] = json.dumps({"format": 1, "files": sorted(kept | set(files))}, indent=1).encode()
    marker = out / OWNER_MARKER
    if not rewrite and file_digest(marker) == hashlib.sha256(files[OWNER_MARKER]).hexdigest():
        files[OWNER_MARKER] = Unchanged(file_digest(marker))
    return others


def _files_in(out: Path) -> list[str]:
    """Every file and link under ``out``, by its name relative to it, but sopgen's own entries."""
    found = []
    for entry in sorted(os.listdir(out)) if out.is_dir() else ():
        if entry.startswith(_SOPGEN_ENTRIES[0]) or entry in _SOPGEN_ENTRIES[1:]:
            continue
        path = out / entry
        if path.is_dir() and not path.is_symlink():
            for folder, dirs, filenames in os.walk(path):
                for name in sorted(filenames) + [d for d in dirs if Path(folder, d).is_symlink()]:
                    found.append(Path(folder, name).relative_to(out).as_posix())
        else:
            found.append(entry)
    return found


def _read_marker(out: Path) -> set[str] | None:
    """The files sopgen wrote in ``out``, by its marker; None when there is no readable marker."""
    try:
        data = json.loads((out / OWNER_MARKER).read_text(encoding="utf-8"))
        listed = data["files"]
        if isinstance(listed, list) and all(isinstance(name, str) for name in listed):
            return set(listed)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


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
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        new, old = staging / "new", staging / "old"
        for name, data in files.items():
            target = new / names[name]
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, _Kept):
                _keep(out / names[name], target)
                continue
            if isinstance(data, Unchanged):
                _carry_over(out / names[name], target, data.digest)
                continue
            with open(target, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        old.mkdir()
        # The journal says a swap is under way: if this process dies before removing it (kill -9, power
        # loss), the next build into this folder rolls the swap back (recover_interrupted).
        _write_synced(staging / _JOURNAL, json.dumps({"tops": tops}).encode())
        _swap(tops, out, new, old)
        os.unlink(staging / _JOURNAL)   # the swap is complete: from here there is nothing to undo
    finally:
        with _signals_held():
            shutil.rmtree(staging, ignore_errors=True)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _carry_over(current: Path, target: Path, digest: str) -> None:
    """Stage the file already in the output, unchanged, as the same file where the system allows."""
    if file_digest(current) != digest:
        raise OutputError(f"{current} changed while this build was running; run the build again. "
                          f"The previous output is unchanged")
    try:
        os.link(current, target)
    except OSError:
        shutil.copy2(current, target)


def _keep(current: Path, target: Path) -> None:
    if current.is_symlink():
        os.symlink(os.readlink(current), target)
        return
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
        with _signals_held():   # a second Ctrl-C or SIGTERM must not stop the rollback half-way
            for top in reversed(started):
                if not os.path.lexists(new / top):  # the new entry was moved in: take it out again
                    os.replace(out / top, new / top)
                if os.path.lexists(old / top):
                    os.replace(old / top, out / top)
        raise


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP until the block is done (where the system allows it)."""
    import signal
    import threading

    held = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[bool]:
    """Let one build at a time swap its files into ``folder``, so that two at once cannot mix.

    Yields whether the lock is real: then a staging folder found while holding
    it belongs to a build that died holding it (the system releases the lock of
    a process that ends, however it ends).
    """
    try:
        import fcntl
    except ImportError:  # Windows has no advisory locks on folders; swaps there are not serialised
        yield False
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield True
    finally:
        os.close(descriptor)


STAGING_PREFIX = ".sopgen-staging-"
_JOURNAL = "swap.json"


def recover_interrupted(out: Path) -> list[str]:
    """Undo the swap of a build that was killed part-way, and remove the staging folders of dead builds.

    Call only while holding the folder's lock (see _exclusive). A staging folder
    holding a journal was swapping when its build died: every entry already
    moved is moved back, so the folder holds the previous build again. Returns
    the names of the folders removed.
    """
    removed = []
    for staging in sorted(out.glob(STAGING_PREFIX + "*")):
        if not staging.is_dir() or staging.is_symlink():
            continue
        journal = staging / _JOURNAL
        if journal.is_file():
            try:
                tops = json.loads(journal.read_text(encoding="utf-8"))["tops"]
            except (OSError, ValueError, KeyError, TypeError):
                tops = []
            _roll_back(out, [_safe_relative(top).as_posix() for top in tops], staging / "new", staging / "old",
                       staging / "discarded")
        shutil.rmtree(staging, ignore_errors=True)
        removed.append(staging.name)
    return removed


def _roll_back(out: Path, tops: list[str], new: Path, old: Path, discarded: Path) -> None:
    """Put back what ``old`` holds, taking out what was moved in from ``new``; works from any point of _swap."""
    discarded.mkdir(exist_ok=True)
    for top in reversed(tops):
        moved_in = not os.path.lexists(new / top)
        if moved_in and os.path.lexists(out / top):
            os.replace(out / top, discarded / top)
        if os.path.lexists(old / top) and not os.path.lexists(out / top):
            os.replace(old / top, out / top)


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


def create_file_atomically(root: Path, name: str, data: bytes) -> Path:
    """Create one new file under ``root``: written whole beside it first, then linked into place.

    The file appears complete or not at all, never replaces a file (not even one made meanwhile),
    and may not lead outside ``root``, not even through a linked folder. Used by `sopgen import`.
    """
    base = root.resolve()
    target = root / _safe_relative(name)
    existing = next(parent for parent in (target.parent, *target.parent.parents) if parent.exists())
    if not existing.resolve().is_relative_to(base) or target.is_symlink():
        raise OutputError(f"refusing to write {target}: it leads outside {root}")
    if target.exists():
        raise OutputError(f"refusing to overwrite {target}; it is left as it was")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.parent.resolve().is_relative_to(base):
            raise OutputError(f"refusing to write {target}: it leads outside {root}")
        descriptor, temporary = tempfile.mkstemp(prefix=".sopgen-new-", dir=target.parent)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(temporary, target)      # fails if the name exists: never replaces a file
            except FileExistsError:
                raise OutputError(f"refusing to overwrite {target}; it is left as it was") from None
            except OSError:                     # a file system without hard links
                if os.path.lexists(target):
                    raise OutputError(f"refusing to overwrite {target}; it is left as it was") from None
                os.replace(temporary, target)
        finally:
            if os.path.lexists(temporary):
                os.unlink(temporary)
    except OSError as exc:
        raise OutputError(f"writing {target} failed: {exc.strerror or exc}; nothing was written") from None
    return target
