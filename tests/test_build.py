"""`sopgen build` end to end: the handbook, checklists, site and Markdown a trainer would use."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from sopgen.cli import app

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


def build(root: Path, *args: str):
    return runner.invoke(app, ["build", "--project", str(root), *args])


def copy_example(destination: Path) -> Path:
    shutil.copy(REPO / "sopgen.yaml", destination / "sopgen.yaml")
    shutil.copytree(REPO / "sops", destination / "sops")
    shutil.copy(REPO / "programme.yaml", destination / "programme.yaml")   # sopgen.yaml names it
    shutil.copytree(REPO / "records", destination / "records")
    shutil.copytree(REPO / "stories", destination / "stories")   # the SOPs name some of them
    shutil.copytree(REPO / "assets", destination / "assets")     # and show a figure from it
    return destination


def pdf_pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def example_sops() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "sops").rglob("*.yaml"))]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("example"))
    result = build(root)
    assert result.exit_code == 0, result.output
    return root


def test_build_writes_handbook_checklists_site_and_markdown(built):
    out = built / "build"
    assert (out / "handbook.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "checklists.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "html" / "index.html").is_file()
    live = [s for s in example_sops() if s["status"] == "approved"]
    for sop in live:
        assert (out / "html" / f"{sop['id']}.html").is_file()
        assert (out / "md" / f"{sop['id']}.md").is_file()
    assert not list(out.glob(".sopgen-staging-*"))


def test_handbook_names_every_touchpoint_and_approved_sop_but_not_drafts_or_retired_ones(built):
    text = " ".join(pdf_pages(built / "build" / "handbook.pdf"))
    config = yaml.safe_load((REPO / "sopgen.yaml").read_text())
    for touchpoint in config["journey"]:
        assert touchpoint["name"] in text
    for sop in example_sops():
        if sop["status"] != "approved":
            assert sop["title"] not in text
        else:
            assert sop["title"] in text


def test_contents_page_numbers_point_at_the_pages_where_each_sop_starts(built):
    pages = pdf_pages(built / "build" / "handbook.pdf")
    contents = " ".join(p for p in pages[:4] if "Contents" in p or "...." in p or ". ." in p)
    checked = 0
    for sop in example_sops():
        if sop["status"] != "approved":
            continue
        match = re.search(re.escape(sop["title"]) + r"[\s.]*?(?:DRAFT)?[\s.]*(\d+)", contents)
        assert match, f"{sop['title']} is not in the contents"
        page = int(match.group(1))
        assert sop["title"] in pages[page - 1] and sop["id"] in pages[page - 1]
        checked += 1
    assert checked >= 13


def test_every_sop_page_carries_footer_and_running_header(built):
    pages = pdf_pages(built / "build" / "handbook.pdf")
    total = len(pages)
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in text
        assert "Uncontrolled when printed" in text
    welcome = next(p for p in pages if "Welcoming arriving guests" in p and "Purpose" in p)
    assert "door-welcome-arrivals" in welcome and "1.2" in welcome


def test_draft_sop_pages_of_a_review_copy_are_watermarked_and_approved_ones_are_not(built):
    result = build(built, "--review-copy", "--format", "pdf", "--out", str(built / "review"))
    assert result.exit_code == 0, result.output
    pages = pdf_pages(built / "review" / "handbook.pdf")
    draft = next(s for s in example_sops() if s["status"] == "draft")
    approved = next(s for s in example_sops() if s["status"] == "approved")
    draft_pages = [p for p in pages if draft["id"] in p and "Purpose" in p]
    approved_pages = [p for p in pages if approved["id"] in p and "Purpose" in p]
    # Every page of a review copy says DRAFT in its footer; a draft SOP's pages carry the watermark too.
    assert draft_pages and all(p.count("DRAFT") >= 2 for p in draft_pages)
    assert approved_pages and all(p.count("DRAFT") == 1 for p in approved_pages)


def test_checklists_give_each_touchpoint_its_items_with_sign_off_lines(built):
    pages = pdf_pages(built / "build" / "checklists.pdf")
    text = " ".join(pages)
    for item in yaml.safe_load((REPO / "sops/door/welcome-arrivals.yaml").read_text())["checklist"]:
        assert " ".join(item.split()) in text
    config = yaml.safe_load((REPO / "sopgen.yaml").read_text())
    for touchpoint in config["journey"]:
        assert any(touchpoint["name"] in p for p in pages)
    assert "supervisor" in text.lower() and "date" in text.lower()


def test_site_links_index_to_every_page_and_back(built):
    html = built / "build" / "html"
    index = (html / "index.html").read_text(encoding="utf-8")
    for page in html.glob("*.html"):
        if page.name == "index.html":
            continue
        assert f'href="{page.name}"' in index
        body = page.read_text(encoding="utf-8")
        assert 'href="index.html' in body
        assert 'name="viewport"' in body
    assert "@media print" in (html / "site.css").read_text(encoding="utf-8")


def test_build_summary_lists_outputs_and_sops_per_touchpoint(built):
    result = build(built, "--format", "md")
    assert result.exit_code == 0
    assert "SOPs per touchpoint: door 3" in result.output
    assert "Left out as retired: reception-visitor-book" in result.output
    assert "Left out as drafts: concierge-desk-parcels-and-deliveries (build with --review-copy" in result.output


HOSTILE_STEP = ('<script>alert("x")</script> Offer <img src=x onerror=alert(1)> a seat, '
                'see [the policy](javascript:alert(1)) and ![](file:///etc/passwd).')


@pytest.fixture
def hostile(tmp_path) -> Path:
    (tmp_path / "sopgen.yaml").write_text(
        "organisation: Test House\ntitle: Standards\njourney:\n  - id: door\n    name: Door\n", encoding="utf-8")
    (tmp_path / "sops").mkdir()
    sop = {"id": "door-hostile", "title": "<b>Bold</b> title", "touchpoint": "door", "version": "1",
           "status": "approved", "owner": "Owner", "purpose": "A *purpose* with <em>html</em>.",
           "steps": [{"do": HOSTILE_STEP, "why": "Because **guests** matter."}]}
    (tmp_path / "sops" / "hostile.yaml").write_text(yaml.safe_dump(sop), encoding="utf-8")
    return tmp_path


def test_html_shows_raw_html_as_text_and_drops_script_links(hostile):
    result = build(hostile, "--format", "html")
    assert result.exit_code == 0, result.output
    page = (hostile / "build" / "html" / "door-hostile.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "onerror=" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in page
    assert "javascript:" not in page
    assert "<img" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in page
    assert "<em>purpose</em>" in page and "<strong>guests</strong>" in page


def test_markdown_output_cannot_inject_html_or_script_links(hostile):
    assert build(hostile, "--format", "md").exit_code == 0
    markdown = (hostile / "build" / "md" / "door-hostile.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "javascript:" not in markdown


def test_pdf_renderer_refuses_files_outside_the_project(hostile):
    templates = hostile / "templates"
    templates.mkdir()
    (templates / "checklists.html").write_text(
        '<html><body><img src="file:///etc/passwd"><img src="http://example.com/x.png">'
        "<p>{{ project.title }}</p></body></html>", encoding="utf-8")
    result = build(hostile, "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert "refused to fetch file:///etc/passwd" in result.output
    assert "refused to fetch http://example.com/x.png" in result.output


def test_project_template_overrides_a_builtin_block(hostile):
    templates = hostile / "templates" / "site"
    templates.mkdir(parents=True)
    (templates / "index.html").write_text(
        '{% extends "builtin/site/index.html" %}{% block title %}Our own front page{% endblock %}',
        encoding="utf-8")
    assert build(hostile, "--format", "html").exit_code == 0
    index = (hostile / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Our own front page" in index
    assert 'href="door-hostile.html"' in index


def test_project_template_replaces_a_builtin_template_of_the_same_name(hostile):
    (hostile / "templates" / "md").mkdir(parents=True)
    (hostile / "templates" / "md" / "sop.md").write_text("# {{ sop.title }} (house layout)\n", encoding="utf-8")
    assert build(hostile, "--format", "md").exit_code == 0
    assert "(house layout)" in (hostile / "build" / "md" / "door-hostile.md").read_text(encoding="utf-8")


def test_failed_build_leaves_the_previous_output_untouched(hostile):
    assert build(hostile, "--format", "html").exit_code == 0
    index = hostile / "build" / "html" / "index.html"
    before = index.read_bytes()
    (hostile / "templates" / "site").mkdir(parents=True)
    (hostile / "templates" / "site" / "sop.html").write_text("{% block x %}unclosed", encoding="utf-8")
    result = build(hostile, "--format", "html")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "sop.html" in result.output
    assert index.read_bytes() == before
    assert not list((hostile / "build").glob(".sopgen-staging-*"))


def test_invalid_sop_stops_the_build_before_anything_is_written(hostile):
    (hostile / "sops" / "broken.yaml").write_text("id: door-broken\ntitle: [unclosed\n", encoding="utf-8")
    result = build(hostile)
    assert result.exit_code == 2
    assert re.search(r"broken\.yaml:\d+:\d+: YAML syntax error", result.output)
    assert not (hostile / "build").exists()


def test_output_folder_may_not_overlap_the_sources(hostile):
    result = build(hostile, "--out", str(hostile / "sops" / "out"), "--format", "md")
    assert result.exit_code == 2
    assert "overlaps" in result.output
    assert not (hostile / "sops" / "out").exists()


def test_letter_paper_setting_gives_letter_pages(hostile):
    config = hostile / "sopgen.yaml"
    config.write_text(config.read_text() + "paper: Letter\n", encoding="utf-8")
    assert build(hostile, "--format", "pdf").exit_code == 0
    box = PdfReader(hostile / "build" / "handbook.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


@pytest.mark.parametrize("args", [["--help"], ["lint", "--help"], ["rules"]])
def test_fast_paths_do_not_import_weasyprint(args):
    code = ("import sys\nfrom sopgen.cli import app\n"
            f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
            "print('WEASY' if 'weasyprint' in sys.modules else 'CLEAN')")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO).stdout
    assert output.strip().endswith("CLEAN")


def test_lint_does_not_import_weasyprint_or_jinja():
    code = ("import sys\nfrom sopgen.cli import app\n"
            "try:\n    app(['lint'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('weasyprint', 'jinja2', 'markdown') if m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO).stdout
    assert output.strip().endswith("[]")


def test_readme_example_of_extending_the_handbook_keeps_builtin_styles_and_adds_ours(hostile):
    from sopgen.pipeline import build_date
    from sopgen.pipeline import load_project
    from sopgen.render.context import handbook_context
    from sopgen.render.environment import make_environment

    (hostile / "templates").mkdir()
    (hostile / "templates" / "handbook.html").write_text(
        '{% extends "builtin/handbook.html" %}'
        "{% block styles %}{{ super() }}<style>:root { --accent: #7a1f3d; }</style>{% endblock %}",
        encoding="utf-8")
    project = load_project(hostile)
    html = make_environment(project.config.templates_dir).get_template("handbook.html").render(
        **handbook_context(project, build_date()))
    assert "--accent: #7a1f3d" in html
    assert "@page" in html and "Contents" in html


def test_formats_may_be_given_with_commas_and_unknown_ones_are_refused(hostile):
    assert build(hostile, "--format", "html,md").exit_code == 0
    assert (hostile / "build" / "html" / "index.html").is_file()
    assert (hostile / "build" / "md" / "door-hostile.md").is_file()
    assert not (hostile / "build" / "handbook.pdf").exists()
    result = build(hostile, "--format", "docx")
    assert result.exit_code == 2 and "unknown format docx" in result.output


def test_markdown_leaves_a_missing_revision_date_blank(hostile):
    sop_path = hostile / "sops" / "hostile.yaml"
    sop = yaml.safe_load(sop_path.read_text(encoding="utf-8"))
    sop["revisions"] = [{"version": "1", "change": "First version."}]
    sop_path.write_text(yaml.safe_dump(sop), encoding="utf-8")
    assert build(hostile, "--format", "md").exit_code == 0
    markdown = (hostile / "build" / "md" / "door-hostile.md").read_text(encoding="utf-8")
    assert "First version." in markdown and "None" not in markdown
