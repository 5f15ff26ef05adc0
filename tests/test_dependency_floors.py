"""The lowest dependency versions pyproject.toml declares are the ones .ci/test-minimum-versions tests."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PINS = REPO / ".ci" / "minimum-versions.txt"


def _declared_floors() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    floors = {}
    for requirement in requirements:
        found = re.fullmatch(r"([A-Za-z0-9_.\-]+)>=([0-9][0-9.]*)", requirement.replace(" ", ""))
        assert found, f"{requirement!r} in pyproject.toml needs a floor written as 'name>=version'"
        floors[found.group(1).lower()] = found.group(2)
    return floors


def _pinned() -> dict[str, str]:
    pins = {}
    for line in PINS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def _release(version: str) -> tuple[int, ...]:
    numbers = [int(part) for part in version.split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def test_every_declared_floor_is_pinned_for_the_minimum_versions_run():
    floors, pins = _declared_floors(), _pinned()

    assert set(pins) == set(floors)
    assert {name: _release(version) for name, version in pins.items()} == \
        {name: _release(version) for name, version in floors.items()}


def test_the_floors_keep_out_the_releases_known_to_be_unsafe_or_broken():
    floors = {name: _release(version) for name, version in _declared_floors().items()}

    assert floors["jinja2"] >= (3, 1, 6)   # 3.1.5's sandbox lets attr("format") read os.environ
    assert floors["typer"] >= (0, 15, 4)   # older ones admit Click 8.2, under which --help and every
                                           # command of some releases fail or print only the version
