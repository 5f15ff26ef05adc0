"""The service-quality report and the daily brief as printed and as read on a phone."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.printed.pages import have_pdftotext, read_pages
from tests.test_build import REPO, copy_example

pytestmark = pytest.mark.skipif(not have_pdftotext(), reason="needs pdftotext (apt-get install poppler-utils)")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from sopgen.cli import app

    root = copy_example(tmp_path_factory.mktemp("report"))
    shutil.copytree(REPO / "audits", root / "audits")
    result = CliRunner().invoke(app, ["report", "--project", str(root), "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    return root / "out"


def test_every_chart_shares_one_score_scale(report):
    html = (report / "report.html").read_text(encoding="utf-8")
    floors = set()
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        labels = [t.text for t in ET.fromstring(svg).findall(f"{SVG}text") if t.text and t.text.isdigit()]
        floors.add(labels[-1])
    assert len(floors) == 1, floors


def test_the_milestones_show_a_trend_and_stay_on_one_page(report):
    pages = read_pages(report / "report.pdf")
    [page] = [p for p in pages if "Milestones" in p.text and "TREND A MONTH" in p.text]
    rows = re.findall(r"(Reception|Business lounge|Door concierge) \d+ \w+ 2026 \d+ [\d.]+ ([+−][\d.]+)", page.text)
    assert len(rows) == 3, page.text


def test_no_report_or_brief_text_is_closer_than_8_mm_to_the_paper_edge(report, run_cli, tmp_path):
    near = [(p.number, round(p.nearest_edge_mm(), 1)) for p in read_pages(report / "report.pdf")
            if p.nearest_edge_mm() < 8]
    assert near == []
    code, out, err = run_cli(["brief", "--date", "2026-11-23", "--out", tmp_path], cwd=REPO)
    assert code == 0, err
    [card] = read_pages(tmp_path / "brief-2026-11-23.pdf")
    assert card.nearest_edge_mm() >= 8


def test_on_a_phone_chart_labels_are_drawn_larger_and_tables_wrap(report):
    css = (report / "report.html").read_text(encoding="utf-8")
    phone = css[css.index("@media screen and (max-width: 600px)"):]
    assert re.search(r"\.axis-label[^{]*\{ font-size: (\d+)px", phone)
    size = int(re.search(r"font-size: (\d+)px", phone).group(1))
    assert size * 350 / 600 >= 10, "labels of a 600-unit chart shown 350 px wide should be at least 10 px"


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs pdffonts (apt-get install poppler-utils)")
def test_the_charts_are_set_in_the_shipped_typeface_not_a_fallback(report):
    import subprocess

    listing = subprocess.run(["pdffonts", str(report / "report.pdf")], capture_output=True, text=True, check=True)
    names = {line.split()[0].split("+")[-1] for line in listing.stdout.splitlines()[2:]}
    assert names and all(name.startswith(("Source-Serif-4", "Source-Sans-3")) for name in names), names
