"""Small training projects for the tests: the conftest's SOP and journey, plus a programme file."""

from __future__ import annotations

from pathlib import Path

#: A valid one-week programme over conftest's VALID_SOP (door-welcome-arrivals).
PROGRAMME = """\
programmes:
  - id: starter
    name: Starter programme
    audience:
      roles: [Door Concierge]
      touchpoints: [door]
    modules:
      - title: The welcome
        sops: [door-welcome-arrivals]
        objectives:
          - Greet an arriving guest and explain in their own words why we open the door early.
        session_minutes: 60
        activities:
          - type: shadowing
            minutes: 30
          - type: role-play
            minutes: 15
          - type: quiz
            minutes: 10
        assessment:
          observed_by: trainer
          quiz_pass_mark: 80
"""


def with_programme(config: str, path: str = "programme.yaml") -> str:
    return config + f"programme: {path}\n"


def training_project(make_project, valid_config: str, programme: str = PROGRAMME, sops=None,
                     records: dict[str, str] | None = None) -> Path:
    root = make_project(sops, config=with_programme(valid_config))
    (root / "programme.yaml").write_text(programme, encoding="utf-8")
    for name, text in (records or {}).items():
        path = root / "records" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def line_of(text: str, needle: str) -> int:
    """The 1-based line on which ``needle`` first appears in ``text``."""
    return text[:text.index(needle)].count("\n") + 1


def column_of(text: str, needle: str) -> int:
    start = text.index(needle)
    return start - text.rfind("\n", 0, start)
