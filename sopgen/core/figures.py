"""Pictures an SOP shows: raster images under the project's assets/ folder, checked before anything renders.

An SVG is markup that can carry script and fetch other files, so it is refused
rather than sanitised; a PNG exported from it shows the same set-up.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Callable

from .models import Sop

ASSETS = "assets"
MAX_FIGURE_BYTES = 5 * 1024 * 1024
_EXPORT = "export the drawing as a PNG (or JPEG) and name that file"

# What each kind of image starts with, by the extensions it is written with.
_SIGNATURES = {
    "PNG": ((".png",), lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "JPEG": ((".jpg", ".jpeg"), lambda head: head.startswith(b"\xff\xd8\xff")),
    "GIF": ((".gif",), lambda head: head[:6] in (b"GIF87a", b"GIF89a")),
    "WebP": ((".webp",), lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
}

Report = Callable[[str, str, str], None]   # (field key, message, hint)


def figure_path(root: Path, file: str) -> Path:
    return root / PurePosixPath(file)


def check_figures(sop: Sop, root: Path, indices: list[int], report: Report) -> None:
    for index, figure in zip(indices, sop.figures):
        key, subject = f"figures[{index}]", f"figure {index + 1}"
        problem = figure_problem(root, figure.file)
        if problem:
            report(f"{key}.file", f"{subject}: {problem[0]}", problem[1])
        if figure.step is not None and not 1 <= figure.step <= len(sop.steps):
            count = len(sop.steps)
            report(f"{key}.step", f"{subject} belongs to step {figure.step}, but the SOP has "
                                  f"{count} step{'' if count == 1 else 's'}",
                   "give the number of a step, counted across phases from 1, or remove 'step:' "
                   "to show the picture after the steps")


def figure_problem(root: Path, file: str) -> tuple[str, str] | None:
    """(message, hint) when ``file`` is not a picture sopgen may show; else None."""
    where = f"a file under the project's {ASSETS}/ folder, such as {ASSETS}/reception/desk.png"
    if "\\" in file:
        return f"'{file}' uses backslashes", f"write the path with forward slashes: {file.replace(chr(92), '/')}"
    written = PurePosixPath(file)
    if written.is_absolute() or (len(file) > 1 and file[1] == ":"):
        return f"'{file}' is an absolute path", f"name {where}, relative to the project folder"
    if ".." in written.parts:
        return f"'{file}' climbs out with '..'", f"name {where}"
    if not written.parts or written.parts[0] != ASSETS or len(written.parts) < 2:
        return f"'{file}' is not in the {ASSETS}/ folder", f"put the picture in {ASSETS}/ and name {where}"
    if written.suffix.lower() == ".svg":
        return f"'{file}' is an SVG drawing, which may hold script and links", _EXPORT
    path = figure_path(root, file)
    if not path.resolve().is_relative_to(root.resolve()):   # no '..' was written: a link leads out
        return f"'{file}' is a link to a file outside the project", f"copy the picture into {ASSETS}/ instead"
    if not path.is_file():
        return f"'{file}' does not exist", f"check the spelling, or add the picture to {ASSETS}/"
    size = path.stat().st_size
    if size > MAX_FIGURE_BYTES:
        return (f"'{file}' is {size / 1_048_576:.1f} MB; a picture may be at most {MAX_FIGURE_BYTES // 1_048_576} MB",
                "export it smaller: 1600 pixels across is plenty for a printed page")
    kind = _expected_kind(written.suffix.lower())
    if kind is None:
        return (f"'{file}' is not a PNG, JPEG, GIF or WebP picture",
                "export the picture as a PNG or JPEG; sopgen shows those, GIF and WebP")
    with path.open("rb") as image:
        head = image.read(16)
    if not _SIGNATURES[kind][1](head):
        if head.lstrip()[:1] == b"<":
            return f"'{file}' holds markup (SVG or HTML), not a {kind} picture", _EXPORT
        return (f"'{file}' is named as a {kind} picture but its content is not one",
                "export the picture again, or name it with the extension of its real type")
    return None


def _expected_kind(suffix: str) -> str | None:
    for kind, (suffixes, _) in _SIGNATURES.items():
        if suffix in suffixes:
            return kind
    return None
