"""Pictures of a set-up (`figures:`): checked before anything renders, shown at their step in the
handbook PDF, the site and the Markdown, and the only files the PDF renderer may read besides its own."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib

import pytest

FILE = "sops/door/welcome-arrivals.yaml"


def png(width: int = 40, height: int = 24) -> bytes:
    """A real, small PNG: red pixels."""
    rows = b"".join(b"\x00" + bytes([200, 40, 40]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def with_figures(sop: str, figures: str) -> str:
    return sop.replace("cues:\n", "figures:\n" + figures + "cues:\n", 1)


def figure(file: str, alt: str = "Plan of the entrance", extra: str = "") -> str:
    return f"  - file: {file}\n    alt: {alt}\n{extra}"


@pytest.fixture
def project_with_picture(make_project, VALID_SOP):
    def make(figures: str, files: dict[str, bytes] | None = None):
        root = make_project({"door/welcome-arrivals.yaml": with_figures(VALID_SOP, figures)})
        for name, data in (files if files is not None else {"assets/door/entrance.png": png()}).items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        return root
    return make


def messages(problems):
    return [f"{p.path}:{p.line}:{p.column}: {p.code} {p.message}" for p in problems]


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("file, files, message", [
    ("assets/door/plan.svg", {"assets/door/plan.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"},
     "'assets/door/plan.svg' is an SVG drawing, which may hold script and links"),
    ("assets/door/missing.png", {}, "'assets/door/missing.png' does not exist"),
    ("../outside.png", {}, "'../outside.png' climbs out with '..'"),
    ("/etc/hosts", {}, "'/etc/hosts' is an absolute path"),
    ("sops/door/entrance.png", {"sops/door/entrance.png": png()}, "'sops/door/entrance.png' is not in the assets/ folder"),
    ("assets/door/entrance.png", {"assets/door/entrance.png": b"<svg onload='alert(1)'/>"},
     "'assets/door/entrance.png' holds markup (SVG or HTML), not a PNG picture"),
    ("assets/door/entrance.jpg", {"assets/door/entrance.jpg": png()},
     "'assets/door/entrance.jpg' is named as a JPEG picture but its content is not one"),
    ("assets/door/entrance.bmp", {"assets/door/entrance.bmp": b"BM" + bytes(60)},
     "'assets/door/entrance.bmp' is not a PNG, JPEG, GIF or WebP picture"),
])
def test_a_figure_that_is_not_a_safe_picture_under_assets_is_refused_where_it_is_named(
        project_with_picture, problems_of, file, files, message):
    root = project_with_picture(figure(file), files)
    found = problems_of(root)
    text = (root / FILE).read_text()
    line = text[:text.index(f"file: {file}")].count("\n") + 1
    assert messages(found) == [f"{FILE}:{line}:11: SOP018 figure 1: {message}"]
    assert found[0].hint


def test_an_svg_is_refused_with_a_hint_to_export_a_png(project_with_picture, problems_of):
    [problem] = problems_of(project_with_picture(figure("assets/plan.svg"), {"assets/plan.svg": b"<svg/>"}))
    assert "export the drawing as a PNG" in problem.hint


def test_a_picture_over_five_megabytes_is_refused(project_with_picture, problems_of):
    big = png() + bytes(5 * 1024 * 1024)
    [problem] = problems_of(project_with_picture(figure("assets/big.png"), {"assets/big.png": big}))
    assert "'assets/big.png' is 5.0 MB; a picture may be at most 5 MB" in problem.message


def test_a_link_in_assets_to_a_file_outside_the_project_is_refused(project_with_picture, problems_of, tmp_path):
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(png())
    root = project_with_picture(figure("assets/linked.png"), {})
    (root / "assets").mkdir()
    os.symlink(outside, root / "assets/linked.png")
    [problem] = problems_of(root)
    assert problem.message == "figure 1: 'assets/linked.png' is a link to a file outside the project"


def test_a_figure_for_a_step_the_sop_does_not_have_is_refused(project_with_picture, problems_of):
    [problem] = problems_of(project_with_picture(figure("assets/door/entrance.png", extra="    step: 5\n")))
    assert problem.code == "SOP018"
    assert problem.message == "figure 1 belongs to step 5, but the SOP has 4 steps"


def test_a_figure_without_alt_text_is_refused(project_with_picture, problems_of):
    [problem] = problems_of(project_with_picture("  - file: assets/door/entrance.png\n"))
    assert problem.message == "missing required field 'alt' in figure 1"


def test_a_refused_figure_stops_the_build_and_leaves_the_previous_one(project_with_picture, run_cli):
    root = project_with_picture(figure("assets/door/entrance.png"))
    assert run_cli(["build", "--format", "html"], cwd=root)[0] == 0
    before = (root / "build/html/door-welcome-arrivals.html").read_bytes()
    (root / "assets/door/entrance.png").write_bytes(b"<svg/>")
    code, _, err = run_cli(["build", "--format", "html"], cwd=root)
    assert code == 2 and "not a PNG picture" in err and "Traceback" not in err
    assert (root / "build/html/door-welcome-arrivals.html").read_bytes() == before


# --------------------------------------------------------------------------- outputs


def test_the_site_copies_the_picture_and_shows_it_at_its_step_with_alt_text(project_with_picture, run_cli):
    root = project_with_picture(figure("assets/door/entrance.png", extra="    caption: The door set for a wet "
                                       "evening\n    step: 3\n"))
    code, _, err = run_cli(["build", "--format", "html"], cwd=root)
    assert code == 0, err
    assert (root / "build/html/assets/door/entrance.png").read_bytes() == png()
    page = (root / "build/html/door-welcome-arrivals.html").read_text(encoding="utf-8")
    image = '<img src="assets/door/entrance.png" alt="Plan of the entrance">'
    assert image in page
    step_3, step_4 = page.index('<li class="step" value="3">'), page.index('<li class="step" value="4">')
    assert step_3 < page.index(image) < step_4
    assert "<figcaption>The door set for a wet evening</figcaption>" in page


def test_a_figure_without_a_step_is_shown_at_the_end_of_the_sop(project_with_picture, run_cli):
    root = project_with_picture(figure("assets/door/entrance.png"))
    assert run_cli(["build", "--format", "html,md"], cwd=root)[0] == 0
    page = (root / "build/html/door-welcome-arrivals.html").read_text(encoding="utf-8")
    assert page.index('class="section-title">Pictures</h2>') > page.index('class="section-title">Knowledge check')
    md = (root / "build/md/door-welcome-arrivals.md").read_text(encoding="utf-8")
    assert "## Pictures\n\n![Plan of the entrance](assets/door/entrance.png)" in md
    assert (root / "build/md/assets/door/entrance.png").is_file()


def test_markdown_escapes_brackets_in_alt_text(project_with_picture, run_cli):
    root = project_with_picture(figure("assets/door/entrance.png", alt="'Plan [old] of the door'"))
    assert run_cli(["build", "--format", "md"], cwd=root)[0] == 0
    md = (root / "build/md/door-welcome-arrivals.md").read_text(encoding="utf-8")
    assert "![Plan \\[old\\] of the door](assets/door/entrance.png)" in md


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="pdfimages (poppler-utils) is not installed")
def test_the_handbook_pdf_holds_the_picture(project_with_picture, run_cli):
    root = project_with_picture(figure("assets/door/entrance.png", extra="    step: 1\n"))
    code, out, err = run_cli(["build", "--format", "pdf", "--jobs", "1"], cwd=root)
    assert code == 0, err
    assert "refused" not in out
    listing = subprocess.run(["pdfimages", "-list", str(root / "build/handbook.pdf")], capture_output=True,
                             text=True, check=True).stdout
    images = [line.split() for line in listing.splitlines()[2:]]
    assert any(row[3:5] == ["40", "24"] for row in images), listing


def test_the_pdf_renderer_may_read_the_figures_given_and_no_other_file_beside_them(tmp_path):
    from sopgen.render.pdf import render_pdf_noting_files

    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/shown.png").write_bytes(png())
    (tmp_path / "assets/other.png").write_bytes(png())
    html = '<img src="assets/shown.png" alt="a"><img src="assets/other.png" alt="b">'
    rendered = render_pdf_noting_files(html, tmp_path, [], allowed_files=(tmp_path / "assets/shown.png",))
    assert rendered.read == [(tmp_path / "assets/shown.png").resolve()]
    assert rendered.refused == [(tmp_path / "assets/other.png").as_uri()]
