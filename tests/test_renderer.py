"""render/: every command renders through one Renderer, and a build makes its template context once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

LEAK = "TOP-SECRET-TEXT"

# Each command that renders templates, with the template it renders first.
RENDERING_COMMANDS = {
    "report": (["report", "--out", "{out}"], "report.html"),
    "brief": (["brief", "--date", "2026-11-23", "--out", "{out}"], "brief.html"),
    "export scorm": (["export", "scorm", "--out", "{out}/course.zip"], "scorm/module.html"),
}


def with_leaking_template(make_project, tmp_path: Path, template: str) -> Path:
    """A project whose ``template`` includes a file that is a link to one outside the project."""
    secret = tmp_path / "secret.txt"
    secret.write_text(LEAK, encoding="utf-8")
    root = make_project()
    (root / "templates" / "partials").mkdir(parents=True)
    os.symlink(secret, root / "templates" / "partials" / "leak.html")
    (root / "templates" / template).parent.mkdir(parents=True, exist_ok=True)
    (root / "templates" / template).write_text('{% include "partials/leak.html" %}', encoding="utf-8")
    return root


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


@pytest.mark.parametrize("command", RENDERING_COMMANDS)
def test_every_rendering_command_refuses_a_template_linked_from_outside(make_project, run_cli, tmp_path, command):
    args, template = RENDERING_COMMANDS[command]
    root = with_leaking_template(make_project, tmp_path, template)
    out = tmp_path / "out"

    code, stdout, err = run_cli([arg.format(out=out) for arg in args], cwd=root)

    assert code == 2, stdout + err
    assert "templates/partials/leak.html: is a link to a file outside the templates folder" in err
    assert not any(LEAK.encode() in path.read_bytes() for path in files_under(out))


def test_the_preview_refuses_a_template_linked_from_outside(make_project, tmp_path, monkeypatch):
    from sopgen.core.errors import TemplateError
    from sopgen.pipeline import render_site

    root = with_leaking_template(make_project, tmp_path, "site/index.html")
    monkeypatch.chdir(root)
    with pytest.raises(TemplateError) as stopped:
        render_site(root)
    assert "lead outside" in str(stopped.value)


def test_a_build_makes_each_sops_context_once_for_html_and_once_for_markdown(make_project, run_cli, monkeypatch):
    """The handbook, the checklists and the site share one context; Markdown has its own text form."""
    import sopgen.render.context as context

    made: list[tuple[str, str]] = []
    real = context.sop_context

    def counted(sop, touchpoint, text, plain=str):
        made.append((sop.id, text.__name__))
        return real(sop, touchpoint, text, plain)

    monkeypatch.setattr(context, "sop_context", counted)
    root = make_project()

    code, _, err = run_cli(["build", "--format", "pdf,html,md", "--jobs", "1"], cwd=root)

    assert (code, err) == (0, "")
    assert sorted(made) == [("door-welcome-arrivals", "to_html"), ("door-welcome-arrivals", "to_safe_markdown")]


def test_a_site_only_build_makes_no_markdown_context(make_project, run_cli, monkeypatch):
    import sopgen.render.context as context

    made: list[str] = []
    real = context.sop_context
    monkeypatch.setattr(context, "sop_context",
                        lambda sop, touchpoint, text, plain=str: made.append(text.__name__) or real(
                            sop, touchpoint, text, plain))

    code, _, err = run_cli(["build", "--format", "html"], cwd=make_project())

    assert (code, err) == (0, "")
    assert made == ["to_html"]
