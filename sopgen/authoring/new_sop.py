"""`sopgen new`: a draft SOP file to fill in, with a valid id made from its title."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from string import Template

from ..core.config import Config
from ..core.errors import UsageError
from ..core.schema import did_you_mean
from .scaffold import a_year_later, starter_template, yaml_text

MAX_SLUG_LENGTH = 60


@dataclass(frozen=True)
class NewSop:
    id: str
    path: Path


def slugify(title: str) -> str:
    """Lowercase ASCII words joined by hyphens: 'Café & bar: opening' -> 'cafe-bar-opening'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        cut = slug[:MAX_SLUG_LENGTH + 1]        # one more, to see whether the cut falls between words
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_SLUG_LENGTH]
    return slug


def create_new_sop(start: Path, touchpoint: str, title: str, today: dt.date | None = None) -> NewSop:
    """Write sops/<touchpoint>/<slug>.yaml in the project at or above ``start``."""
    from ..core.library import Library
    from ..render.write import create_files

    library = Library.open(start)
    config = library.config
    title = " ".join(title.split())
    _check_touchpoint(config, touchpoint)
    if not title.isprintable():
        raise UsageError("the title contains a control character; type it again without it")
    slug = slugify(title)
    if not slug:
        raise UsageError(f"the title '{title}' has no letters or digits to make a file name from")
    sop_id = f"{touchpoint}-{slug}"
    for sop in library.readable():
        if sop.id == sop_id:
            raise UsageError(f"the id '{sop_id}' is already used by {sop.path}; choose another title")
    text = new_sop_text(sop_id, title, touchpoint, today or dt.date.today())
    [path] = create_files(config.sops_dir, {f"{touchpoint}/{slug}.yaml": text.encode("utf-8")})
    return NewSop(sop_id, path)


def new_sop_text(sop_id: str, title: str, touchpoint: str, today: dt.date) -> str:
    return Template(starter_template("new-sop.yaml")).substitute(
        id=sop_id, title=yaml_text(title), touchpoint=yaml_text(touchpoint),
        effective=today.isoformat(), review_by=a_year_later(today).isoformat())


def _check_touchpoint(config: Config, touchpoint: str) -> None:
    if config.touchpoint(touchpoint) is None:
        known = [t.id for t in config.journey]
        raise UsageError(f"touchpoint '{touchpoint}' is not in the journey{did_you_mean(touchpoint, known)}; "
                         f"use one of: {', '.join(known)} (or add it to the journey in sopgen.yaml)")
