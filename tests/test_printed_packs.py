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

from tests.printed.pages import have_pdftotext, read_pages
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
        assert " ".join(item.split()[:6]) not in text


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
