"""The printed packs as a trainer hands them out: what a reader would notice on paper.

The example project is built once as it ships and once as a review copy; the
PDFs are then read back page by page (poppler's pdftotext gives every word
with its box) to check drafts, page fill, file size and the printable area.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sopgen.cli import app

import json
import shutil
import subprocess

from sopgen.render.environment import builtin_templates_dir
from tests.printed.pages import have_pdftotext, read_pages, short_pages, text_lines
from tests.test_build import REPO, copy_example

pytestmark = pytest.mark.skipif(not have_pdftotext(), reason="needs pdftotext (apt-get install poppler-utils)")

PACKS = ("handbook.pdf", "checklists.pdf", "programmes/front-of-house/trainer-guide.pdf",
         "programmes/front-of-house/workbook.pdf")
BYTES_PER_PAGE = 12_000        # text and rules; a dotted rule drawn dot by dot costs 300 KB a page
BYTES_PER_FILE = 150_000       # the embedded font subsets and metadata


def _build(root: Path, *args: str) -> Path:
    result = CliRunner().invoke(app, ["build", "--project", str(root), "--format", "pdf", *args])
    assert result.exit_code == 0, result.output
    return root / "build"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    return _build(copy_example(tmp_path_factory.mktemp("shipped")))


@pytest.fixture(scope="module")
def review(tmp_path_factory) -> Path:
    return _build(copy_example(tmp_path_factory.mktemp("review")), "--review-copy")


def _draft() -> dict:
    sops = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "sops").rglob("*.yaml"))]
    return next(sop for sop in sops if sop["status"] == "draft")


@pytest.mark.parametrize("pack", PACKS)
def test_a_draft_sop_reaches_no_pack_that_people_work_or_train_from(shipped, pack):
    draft = _draft()
    text = " ".join(page.text for page in read_pages(shipped / pack))
    assert draft["id"] not in text
    if pack != "programmes/front-of-house/trainer-guide.pdf":  # the guide says which SOP is not taught yet
        assert draft["title"] not in text
    for item in draft.get("checklist", []):
        words = (item["text"] if isinstance(item, dict) else item).split()
        assert " ".join(words[:6]) not in text


def test_the_trainer_is_told_once_which_sop_of_the_week_is_not_taught_yet(shipped):
    pages = read_pages(shipped / "programmes/front-of-house/trainer-guide.pdf")
    mentions = [page for page in pages if _draft()["title"] in page.text]
    assert len(mentions) == 1 and "still a draft" in mentions[0].text


@pytest.mark.parametrize("pack", PACKS)
def test_every_page_of_a_review_copy_says_draft(review, pack):
    pages = read_pages(review / pack)
    assert pages
    assert [page.number for page in pages if "DRAFT" not in page.text] == []
    assert _draft()["title"] in " ".join(page.text for page in pages)


@pytest.mark.parametrize("pack", PACKS)
def test_every_pdf_stays_within_its_size_budget(shipped, pack):
    path = shipped / pack
    pages = len(read_pages(path))
    assert path.stat().st_size <= BYTES_PER_FILE + BYTES_PER_PAGE * pages, \
        f"{pack}: {path.stat().st_size:,} bytes for {pages} pages"


@pytest.mark.parametrize("pack", PACKS)
def test_no_page_is_left_nearly_empty(shipped, pack):
    """A page inside an SOP or a week is at least 30% full; the last page of one that runs on, 15%."""
    assert short_pages(read_pages(shipped / pack), mid_unit=0.30, unit_end=0.15) == []


@pytest.mark.parametrize("pack", PACKS)
def test_no_text_is_printed_closer_than_8_mm_to_the_paper_edge(shipped, pack):
    near = [(page.number, round(page.nearest_edge_mm(), 1)) for page in read_pages(shipped / pack)
            if page.nearest_edge_mm() < 8]
    assert near == []


@pytest.mark.parametrize("pack", PACKS)
def test_lines_of_text_stay_a_comfortable_length(shipped, pack):
    lengths = sorted(len(line) for page in read_pages(shipped / pack) for line in text_lines(page)
                     if len(line.split()) >= 6 and ". . ." not in line)   # not the contents' leaders
    assert lengths[int(0.9 * len(lengths))] <= 85, "nine lines in ten should hold at most 85 characters"


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs pdffonts (apt-get install poppler-utils)")
@pytest.mark.parametrize("pack", PACKS)
def test_text_is_set_in_the_shipped_typefaces_embedded_in_the_file(shipped, pack):
    listing = subprocess.run(["pdffonts", str(shipped / pack)], capture_output=True, text=True, check=True)
    fonts = [line.split() for line in listing.stdout.splitlines()[2:]]
    assert fonts and all(row[-5] == "yes" for row in fonts), listing.stdout          # the "emb" column
    names = {row[0].split("+")[-1] for row in fonts}
    assert all(name.startswith(("Source-Serif-4", "Source-Sans-3")) for name in names), names


def test_the_fonts_are_read_from_the_files_that_ship_with_sopgen(shipped):
    """The renderer notes what it reads (for the build cache): the font files inside the package."""
    shipped_fonts = sorted(str(path.resolve()) for path in (builtin_templates_dir() / "fonts").glob("*.ttf"))
    cache = json.loads((shipped / ".sopgen-cache.json").read_text(encoding="utf-8"))
    for pack in PACKS:
        read = set(cache["pdfs"][pack]["read"])
        assert {font for font in shipped_fonts if "Regular" in font} <= read, pack


WORKBOOK = "programmes/front-of-house/workbook.pdf"
GUIDE = "programmes/front-of-house/trainer-guide.pdf"


def _programme() -> dict:
    return yaml.safe_load((REPO / "programme.yaml").read_text(encoding="utf-8"))["programmes"][0]


def test_the_workbook_signs_off_each_week_on_one_page_with_the_quiz_score_once(shipped):
    pages = read_pages(shipped / WORKBOOK)
    weeks = len(_programme()["modules"])
    sign_offs = [page for page in pages if "· SIGN-OFF" in page.text]
    assert len(sign_offs) == weeks
    assert all(page.text.count("Score") == 1 for page in sign_offs)
    assert " ".join(page.text for page in pages).count("Score") == weeks


def test_each_sop_on_a_sign_off_page_lists_only_its_own_objectives(shipped):
    week = _programme()["modules"][0]
    page = next(p for p in read_pages(shipped / WORKBOOK) if "· SIGN-OFF" in p.text)
    text = " ".join(page.text.split())
    sops = {sop["id"]: sop for sop in (yaml.safe_load(p.read_text(encoding="utf-8"))
                                       for p in (REPO / "sops").rglob("*.yaml"))}
    titles = [sops[sop_id]["title"] for sop_id in week["sops"]]
    blocks = {}
    for title, after in zip(titles, titles[1:] + ["Across the week"]):
        blocks[title] = text[text.index(title + " version"):text.index(after)]
    for objective in week["objectives"]:
        if isinstance(objective, dict):
            words = " ".join(objective["text"].split()[:8])
            owner = sops[objective["sop"]]["title"]
            assert [title for title, block in blocks.items() if words in block] == [owner]


def test_objectives_of_a_draft_sop_are_left_out_with_it(shipped):
    draft_objectives = [o["text"] for m in _programme()["modules"] for o in m["objectives"]
                        if isinstance(o, dict) and o["sop"] == _draft()["id"]]
    assert draft_objectives
    for pack in (WORKBOOK, GUIDE):
        text = " ".join(" ".join(page.text for page in read_pages(shipped / pack)).split())
        assert not any(" ".join(o.split()[:8]) in text for o in draft_objectives)


def test_the_trainer_guide_prints_a_sign_off_sheet_a_week_instead_of_yaml(shipped):
    text = " ".join(page.text for page in read_pages(shipped / GUIDE))
    for week in range(1, len(_programme()["modules"]) + 1):
        assert f"Sign-off sheet · week {week}" in text
    assert "signed_off:" not in text and "YYYY-MM-DD" not in text


def _sheets(shipped: Path) -> dict[str, str]:
    """Each touchpoint's shift checklist as one text, from the touchpoint named in every page's footer."""
    config = yaml.safe_load((REPO / "sopgen.yaml").read_text(encoding="utf-8"))
    sheets: dict[str, str] = {}
    for page in read_pages(shipped / "checklists.pdf"):
        footer = " ".join(w.text for w in page.words if w.y0 > page.height - 17 * 72 / 25.4)
        name = next(t["name"] for t in config["journey"] if footer.startswith(t["name"] + " ·"))
        sheets[name] = sheets.get(name, "") + " " + page.text
    return sheets


def test_a_shift_checklist_is_laid_out_by_time_of_day(shipped):
    lounge = _sheets(shipped)["Business lounge"]
    opening, during, closing = (lounge.index(part) for part in ("Opening", "During the shift", "Closing"))
    assert opening < during < closing
    assert lounge.index("Alarm code and lounge keys collected") < during
    assert lounge.index("Bin bags and cleaning kit") > closing


def test_a_reading_has_room_for_its_value_with_unit_and_limits_and_a_conditional_item_allows_na(shipped):
    sheets = _sheets(shipped)
    assert "Fridge temperature, before any milk or food goes out" in sheets["Business lounge"]
    assert "Acceptable: 5 °C or below" in sheets["Business lounge"] and "°C" in sheets["Business lounge"]
    door = sheets["Door concierge"]
    rainy = door.index("Towels at reception on rainy days")
    assert "N/A" in door[rainy:rainy + 80]


def test_every_sheet_has_initials_and_time_a_problem_log_and_a_sign_off(shipped):
    for name, text in _sheets(shipped).items():
        for expected in ("INITIALS", "TIME", "PROBLEM FOUND", "ACTION TAKEN", "SUPERVISOR'S SIGNATURE"):
            assert expected in text, (name, expected)


def _pdfinfo(path: Path, *options: str) -> str:
    return subprocess.run(["pdfinfo", *options, str(path)], capture_output=True, text=True, check=True).stdout


def _structure(path: Path) -> str:
    return subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs pdfinfo (apt-get install poppler-utils)")
@pytest.mark.parametrize("pack", PACKS)
def test_every_pack_is_a_tagged_pdf_ua_file(shipped, pack):
    assert "Tagged:          yes" in _pdfinfo(shipped / pack)
    meta = _pdfinfo(shipped / pack, "-meta")
    assert 'pdfuaid:part="1"' in meta or "<pdfuaid:part>1</pdfuaid:part>" in meta
    structure = _structure(shipped / pack)
    assert "Document" in structure.splitlines()[0]


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="needs qpdf (apt-get install qpdf)")
def test_running_footers_and_the_draft_watermark_are_artifacts_not_text(review, tmp_path):
    """A screen reader reads the structure tree: page furniture and the watermark are left out of it."""
    path = review / "handbook.pdf"
    structure = _structure(path)
    assert "DRAFT · review copy" not in structure          # every page's footer
    assert "Page 2 of" not in structure
    assert _draft()["title"] in structure                               # the content is there
    number = next(page.number for page in read_pages(path) if _draft()["title"] in page.text
                  and "Purpose" in page.text)
    expanded = tmp_path / "page.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", "--empty", "--pages", str(path), str(number),
                    "--", str(expanded)], check=True)
    content = expanded.read_bytes()
    watermark = content.index(b" Do")                                   # the page background is painted first
    opened = max(content.rfind(b"BMC", 0, watermark), content.rfind(b"BDC", 0, watermark))
    assert content[:opened].rstrip().endswith(b"/Artifact")


def test_an_archived_copy_is_pdf_a_3a(tmp_path):
    from sopgen.render.pdf import ARCHIVAL, render_pdf

    html = "<html lang='en'><head><title>Archived</title></head><body><h1>Controlled copy</h1></body></html>"
    pdf, refused = render_pdf(html, tmp_path, [builtin_templates_dir()], variant=ARCHIVAL)
    path = tmp_path / "archived.pdf"
    path.write_bytes(pdf)
    meta = _pdfinfo(path, "-meta")
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="A"' in meta
    assert "Tagged:          yes" in _pdfinfo(path) and refused == []
