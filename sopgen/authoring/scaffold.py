"""`sopgen init`: the files of a new project, from the templates in sopgen/starter/."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib.resources import files as package_files
from pathlib import Path
from string import Template
from typing import Iterable

from .. import __version__
from ..core.config import CONFIG_NAME, Touchpoint
from ..core.errors import UsageError
from ..core.schema import ID_PATTERN
from .schema_export import SCHEMA_DIR, schema_files

CI_CHOICES = ("github",)

# Actions the GitHub workflow uses, pinned to the commit of a release (a tag can be moved; a commit cannot).
GITHUB_ACTIONS = {
    "checkout": ("11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"),        # actions/checkout
    "setup_python": ("a26af69be951a213d495a4c3e4e4022e16d87065", "v5.6.0"),    # actions/setup-python
    "codeql": ("5d4e8d1aca955e8d8589aabd499c5cae939e33c7", "v4.31.9"),         # github/codeql-action
}

DEFAULT_JOURNEY = (
    Touchpoint("door", "Door concierge",
               "Where guests arrive and leave, and form their first and last impressions."),
    Touchpoint("concierge-desk", "Concierge desk",
               "Where guests come for advice, help and anything out of the ordinary."),
    Touchpoint("reception", "Reception", "Where visitors are met and staying guests check in and out."),
    Touchpoint("business-lounge", "Business lounge", "Somewhere for guests to work, meet and wait in comfort."),
    Touchpoint("client-lounge", "Client business lounge", "A private lounge where clients meet their hosts."),
    Touchpoint("floor-host", "Floor host", "The meeting floors, where hosts look after visitors and rooms."),
    Touchpoint("bookings", "Bookings", "Taking, changing and confirming bookings for rooms and meetings."),
)

# A touchpoint without an example of its own gets this one, with its name filled in.
GENERIC_EXAMPLE = "welcoming-guests.yaml"


def starter_template(name: str) -> str:
    """The text of a file in sopgen/starter/, read from the installed package."""
    return package_files("sopgen").joinpath("starter", *name.split("/")).read_text(encoding="utf-8")


_PLAIN_TEXT = re.compile(r"[^\W_][\w .,'’()&/!?+-]*")


def yaml_text(value: str) -> str:
    """``value`` as a YAML scalar that sopgen reads back unchanged: plain when that is safe."""
    if _PLAIN_TEXT.fullmatch(value) and value not in ("null", "Null", "NULL") and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)     # a JSON string is a YAML double-quoted scalar


def a_year_later(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:      # 29 February
        return day.replace(year=day.year + 1, day=28)


def init_project(directory: Path, touchpoint_ids: Iterable[str] = (), ci: str | None = None,
                 today: dt.date | None = None, install_spec: str | None = None) -> list[Path]:
    """Create a new project in ``directory``; refuse, writing nothing, if any of its files exists."""
    from ..render.write import create_files

    return create_files(directory, starter_files(touchpoint_ids, ci, today or dt.date.today(), install_spec))


def starter_files(touchpoint_ids: Iterable[str], ci: str | None, today: dt.date,
                  install_spec: str | None = None) -> dict[str, bytes]:
    """Every file of a new project, by its path inside the project."""
    if ci is not None and ci not in CI_CHOICES:
        raise UsageError(f"unknown CI '{ci}'; choose from {', '.join(CI_CHOICES)}")
    if install_spec is not None and ci is None:
        raise UsageError("--install-spec says how CI installs sopgen; use it with --ci github")
    journey = _journey(touchpoint_ids)
    dates = {"effective": today.isoformat(), "review_by": a_year_later(today).isoformat()}
    texts = {CONFIG_NAME: Template(starter_template("sopgen.yaml")).substitute(journey=_journey_yaml(journey))}
    for touchpoint in journey:
        name, text = _example_sop(touchpoint)
        texts[f"sops/{touchpoint.id}/{name}"] = Template(text).substitute(dates)
    texts[".gitignore"] = starter_template("gitignore")
    texts[".vscode/settings.json"] = starter_template("vscode-settings.json")
    texts[".vscode/extensions.json"] = starter_template("vscode-extensions.json")
    if ci == "github":
        texts[".github/workflows/sopgen.yml"] = github_workflow(_ci_install_spec(install_spec))
    files = {name: text.encode("utf-8") for name, text in texts.items()}
    files.update({f"{SCHEMA_DIR}/{name}": data for name, data in schema_files().items()})
    return files


def github_workflow(install_spec: str) -> str:
    """The workflow `init --ci github` writes, installing sopgen with the pip requirement ``install_spec``."""
    pins = {}
    for name, (sha, version) in GITHUB_ACTIONS.items():
        pins[f"{name}_sha"], pins[f"{name}_version"] = sha, version
    return Template(starter_template("github-workflow.yml")).substitute(
        install_spec=json.dumps(install_spec), **pins)   # a JSON string is a YAML double-quoted scalar


def _ci_install_spec(given: str | None) -> str:
    from .install_source import running_install_spec

    spec = given.strip() if given is not None else running_install_spec()
    if spec is None:
        raise UsageError(
            f"cannot tell where this sopgen {__version__} was installed from, so the workflow would not know "
            "how to install it; say so with --install-spec, for example "
            "--install-spec 'sopgen @ git+https://github.com/your-org/sopgen@v0.1.0'")
    if not spec or any(ord(char) < 32 or ord(char) == 127 for char in spec):
        raise UsageError("--install-spec must be one pip requirement on one line, such as "
                         "'sopgen @ git+https://github.com/your-org/sopgen@v0.1.0'")
    return spec


def _journey(touchpoint_ids: Iterable[str]) -> list[Touchpoint]:
    wanted = list(dict.fromkeys(touchpoint_ids))
    if not wanted:
        return list(DEFAULT_JOURNEY)
    invalid = [tid for tid in wanted if not ID_PATTERN.fullmatch(tid)]
    if invalid:
        raise UsageError(f"touchpoint id {', '.join(repr(t) for t in invalid)} is not valid; use lowercase "
                         "letters, digits and single hyphens, for example 'front-desk'")
    if "null" in wanted:
        raise UsageError("touchpoint id 'null' is not valid: YAML reads it as an empty value; choose another")
    known = {touchpoint.id: touchpoint for touchpoint in DEFAULT_JOURNEY}
    return [known.get(tid) or Touchpoint(tid, tid.replace("-", " ").capitalize()) for tid in wanted]


def _journey_yaml(journey: list[Touchpoint]) -> str:
    lines = []
    for touchpoint in journey:
        lines += [f"  - id: {touchpoint.id}", f"    name: {yaml_text(touchpoint.name)}"]
        if touchpoint.description:
            lines.append(f"    description: {yaml_text(touchpoint.description)}")
    return "\n".join(lines)


def _example_sop(touchpoint: Touchpoint) -> tuple[str, str]:
    """The file name and template text of the example SOP for a touchpoint."""
    examples = package_files("sopgen").joinpath("starter", "examples", touchpoint.id)
    if examples.is_dir():
        example = next(entry for entry in examples.iterdir() if entry.name.endswith(".yaml"))
        return example.name, example.read_text(encoding="utf-8")
    text = Template(starter_template(f"examples/{GENERIC_EXAMPLE}")).safe_substitute(
        touchpoint=touchpoint.id, place=touchpoint.name.lower())
    return GENERIC_EXAMPLE, text


def describe_init(directory: Path, created: list[Path]) -> str:
    sops = sum(1 for path in created if path.relative_to(directory).parts[0] == "sops")
    here = directory == Path(".")
    lines = [f"Created a sopgen project {'here' if here else f'in {directory}'} with {sops} example SOPs:"]
    lines += [f"  {path.relative_to(directory).as_posix()}" for path in created]
    lines.append("Next: adapt the examples to your house (or delete them), then run `sopgen lint` and "
                 "`sopgen build`" + ("" if here else f" inside {directory}") + ".")
    return "\n".join(lines)
