"""The one module that writes to disk: everything or nothing.

A build is rendered in memory, staged in a hidden folder inside the output
directory, and only then moved into place, so a failed or interrupted build
leaves the previous output as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from .errors import OutputError


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
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
    """Replace the named outputs in ``out`` with ``files``, atomically per top-level entry.

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
        for name, data in files.items():
            target = staging / names[name]
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        tops = sorted({path.parts[0] for path in names.values()})
        for top in tops:
            _swap_in(staging / top, out / top, staging)
    except OSError as exc:
        raise OutputError(f"writing to {out} failed: {exc.strerror or exc}; the previous output is unchanged") \
            from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in files]


def _swap_in(new: Path, target: Path, staging: Path) -> None:
    if new.is_dir():
        retired = staging / f".old-{target.name}"
        if target.exists():
            os.replace(target, retired)
        os.replace(new, target)
    else:
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(new, target)
