"""A rebuild renders and writes only the outputs whose inputs changed; --force renders them all."""

from __future__ import annotations

import pytest

ALL = ["build", "--jobs", "1"]
TEXT_ONLY = ["build", "--format", "html,md"]
SECOND_SOP_ID = "reception-greeting"


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch):
    """The build date appears in every page; a build crossing midnight would otherwise change them all."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")


@pytest.fixture
def project(make_project, VALID_SOP):
    second = (VALID_SOP.replace("door-welcome-arrivals", SECOND_SOP_ID).replace("touchpoint: door", "touchpoint: reception")
              .replace("Welcoming arriving guests", "Greeting guests at reception"))
    return make_project({"door/welcome.yaml": VALID_SOP, "reception/greeting.yaml": second})


def stamps(out) -> dict[str, tuple[int, int]]:
    """Each output file by name, with what changes when it is written again: its inode and mtime."""
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*")) if p.is_file()}


def rewritten(before: dict, after: dict) -> set[str]:
    return {name for name in after if before.get(name) != after[name]}


def build_twice(run_cli, root, change, args=ALL) -> set[str]:
    """Build, apply ``change``, build again; return the names of the files the second build wrote."""
    code, out, err = run_cli(args, cwd=root)
    assert code == 0, out + err
    before = stamps(root / "build")
    change()
    code, out, err = run_cli(args, cwd=root)
    assert code == 0, out + err
    return rewritten(before, stamps(root / "build"))


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_rebuild_with_nothing_changed_writes_nothing(project, run_cli):
    code, out, err = run_cli(ALL, cwd=project)
    assert code == 0, out + err
    before = stamps(project / "build")

    code, out, err = run_cli(ALL, cwd=project)

    assert code == 0, out + err
    assert stamps(project / "build") == before
    assert {"handbook.pdf", "checklists.pdf", "html/index.html", ".sopgen-cache.json"} <= set(before)
    assert "already up to date" in out
    assert not list((project / "build").glob(".sopgen-staging-*"))


def test_changing_one_sop_rewrites_its_pages_and_the_handbook_only(project, run_cli):
    changed = build_twice(run_cli, project, lambda: edit(
        project / "sops" / "door" / "welcome.yaml", "why: Nobody should have to search for where to go.",
        "why: Nobody should have to look for where to go."))

    assert changed == {"handbook.pdf", "html/door-welcome-arrivals.html", "md/door-welcome-arrivals.md",
                       ".sopgen-cache.json"}


def test_changing_a_checklist_item_rewrites_the_checklists(project, run_cli):
    changed = build_twice(run_cli, project, lambda: edit(
        project / "sops" / "door" / "welcome.yaml", "Umbrellas and luggage trolley", "Umbrellas and trolley"))

    assert {"checklists.pdf", "handbook.pdf"} <= changed
    assert f"html/{SECOND_SOP_ID}.html" not in changed


def test_a_changed_config_value_rewrites_the_outputs_that_show_it(project, run_cli):
    changed = build_twice(run_cli, project, lambda: edit(project / "sopgen.yaml", "title: Guest Journey Service Standards",
                                                         "title: Our Service Standards"))

    assert {"handbook.pdf", "checklists.pdf", "html/index.html", f"html/{SECOND_SOP_ID}.html"} <= changed
    assert not {name for name in changed if name.startswith("md/")}   # the Markdown does not show the title


def test_a_changed_paper_size_renders_the_pdfs_again_but_leaves_the_markdown(project, run_cli):
    changed = build_twice(run_cli, project, lambda: (project / "sopgen.yaml").write_text(
        (project / "sopgen.yaml").read_text(encoding="utf-8") + "paper: Letter\n", encoding="utf-8"))

    assert {"handbook.pdf", "checklists.pdf"} <= changed
    assert not {name for name in changed if name.startswith("md/")}


def test_a_changed_markdown_template_rewrites_the_markdown_only(project, run_cli):
    def override_template():
        (project / "templates" / "md").mkdir(parents=True)
        (project / "templates" / "md" / "sop.md").write_text("# {{ sop.title }} (house layout)\n", encoding="utf-8")

    changed = build_twice(run_cli, project, override_template)

    assert changed == {"md/door-welcome-arrivals.md", f"md/{SECOND_SOP_ID}.md"}


def test_a_changed_pdf_template_renders_that_pdf_only(project, run_cli):
    def restyle_checklists():
        (project / "templates").mkdir()
        (project / "templates" / "checklists.html").write_text(
            '{% extends "builtin/checklists.html" %}'
            "{% block styles %}{{ super() }}<style>h1 { color: #7a1f3d; }</style>{% endblock %}", encoding="utf-8")

    changed = build_twice(run_cli, project, restyle_checklists)

    assert changed == {"checklists.pdf", ".sopgen-cache.json"}


def test_a_changed_file_that_a_pdf_shows_renders_that_pdf_again(project, run_cli):
    templates = project / "templates"
    templates.mkdir()
    (templates / "handbook.html").write_text(
        '{% extends "builtin/handbook.html" %}'
        '{% block styles %}{{ super() }}<style>body { background: url(templates/paper.svg); }</style>{% endblock %}',
        encoding="utf-8")
    logo = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="{}"/></svg>'
    (templates / "paper.svg").write_text(logo.format("#eee"), encoding="utf-8")

    changed = build_twice(run_cli, project, lambda: (templates / "paper.svg").write_text(logo.format("#ddd"),
                                                                                         encoding="utf-8"))

    assert changed == {"handbook.pdf", ".sopgen-cache.json"}


def test_a_deleted_sops_pages_disappear(project, run_cli):
    changed = build_twice(run_cli, project, lambda: (project / "sops" / "door" / "welcome.yaml").unlink(), TEXT_ONLY)

    out = project / "build"
    assert not (out / "html" / "door-welcome-arrivals.html").exists()
    assert not (out / "md" / "door-welcome-arrivals.md").exists()
    assert (out / "html" / f"{SECOND_SOP_ID}.html").is_file() and "html/index.html" in changed


def test_force_renders_and_rewrites_everything(project, run_cli):
    code, out, err = run_cli(ALL, cwd=project)
    assert code == 0, out + err
    before = stamps(project / "build")

    code, out, err = run_cli([*ALL, "--force"], cwd=project)

    assert code == 0, out + err
    assert rewritten(before, stamps(project / "build")) == set(before)
    assert "already up to date" not in out


def test_a_pdf_changed_by_hand_is_rendered_again(project, run_cli):
    handbook = project / "build" / "handbook.pdf"
    changed = build_twice(run_cli, project, lambda: handbook.write_bytes(b"%PDF-1.7 edited"))

    assert changed - {".sopgen-cache.json"} == {"handbook.pdf"}
    assert handbook.read_bytes() != b"%PDF-1.7 edited" and handbook.read_bytes().startswith(b"%PDF")


def test_an_unreadable_cache_only_costs_a_full_render(project, run_cli):
    changed = build_twice(run_cli, project, lambda: (project / "build" / ".sopgen-cache.json").write_text(
        "{not json", encoding="utf-8"))

    assert {"handbook.pdf", "checklists.pdf", ".sopgen-cache.json"} <= changed
    assert "html/index.html" not in changed


def test_a_text_only_build_keeps_the_pdfs_cached(project, run_cli):
    code, out, err = run_cli(ALL, cwd=project)
    assert code == 0, out + err
    before = stamps(project / "build")

    assert run_cli(TEXT_ONLY, cwd=project)[0] == 0
    code, out, err = run_cli(ALL, cwd=project)

    assert code == 0, out + err
    assert stamps(project / "build") == before


def test_refused_urls_are_reported_again_when_the_pdf_comes_from_the_cache(project, run_cli):
    (project / "templates").mkdir()
    (project / "templates" / "handbook.css").write_text('@import url("file:///etc/passwd");\n', encoding="utf-8")
    warning = "handbook.pdf: refused to fetch file:///etc/passwd (written at templates/handbook.css:1:14)"

    first = run_cli(["build", "--format", "pdf", "--jobs", "2"], cwd=project)
    again = run_cli(["build", "--format", "pdf", "--jobs", "2"], cwd=project)

    assert first[0] == 0 and warning in first[1]
    assert again[0] == 0 and warning in again[1] and "already up to date" in again[1]
