"""Import .docx files written by real tools from our own writing: pandoc (from Markdown) and LibreOffice
Writer (from HTML). Each test skips, saying which tool to install, when the tool is not on this machine."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest
import yaml

from .documents import tiny_png

pytest.importorskip("docx", reason="python-docx is in the test extra: pip install -e '.[test]'")

TOWELS_MD = """\
---
title: Pool towel service
---

# Purpose

Guests find fresh towels at the pool at any time.

# What you need

- Towel trolley
- Gloves
  - Nitrile, sizes M and L

# Procedure

1. **Open the station.** Unlock the cabinet at 07:00.
   - Use the key from the leisure desk.
   - Why: early swimmers come at 07:15.
2. Stack the towels by size.
3. Count the towels back at closing.

![Towel cabinet with three shelves](cabinet.png)

Figure 1: The cabinet stocked for a busy morning

| What | How | Why |
|------|-----|-----|
| Wipe the trolley | Use the blue cloth | A clean trolley keeps the towels clean |

# Definitions

Towel station
:   The cabinet and bin by the pool steps.

# Revision history

| Version | Date | Changed by | Change |
|---|---|---|---|
| 1.0 | 2026-01-04 | Leisure Manager | First issue. |
"""


def _import(run_cli, root, path):
    code, out, err = run_cli(["import", str(path), "--into", "reception"], cwd=root)
    assert code == 0, err + out
    return yaml.safe_load((root / "sops/reception/pool-towel-service.yaml").read_text(encoding="utf-8")), out


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (apt-get install pandoc)")
def test_a_docx_written_by_pandoc_imports_with_lists_titles_captions_and_tables(example_project, run_cli,
                                                                               tmp_path):
    (tmp_path / "cabinet.png").write_bytes(tiny_png(8, 6))
    (tmp_path / "towels.md").write_text(TOWELS_MD, encoding="utf-8")
    subprocess.run(["pandoc", "towels.md", "-o", "towels.docx"], cwd=tmp_path, check=True, timeout=120)

    sop, out = _import(run_cli, example_project, tmp_path / "towels.docx")

    assert sop["title"] == "Pool towel service"
    assert sop["purpose"] == "Guests find fresh towels at the pool at any time."
    assert sop["equipment"] == ["Towel trolley", "Gloves (Nitrile, sizes M and L)"]
    assert sop["steps"][0] == {"title": "Open the station", "do": "Unlock the cabinet at 07:00.",
                               "how": "Use the key from the leisure desk.", "why": "Early swimmers come at 07:15."}
    assert [step["do"] for step in sop["steps"][1:]] == [
        "Stack the towels by size.", "Count the towels back at closing.", "Wipe the trolley"]
    assert sop["figures"] == [{"file": "assets/reception/pool-towel-service-figure-1.png",
                               "alt": "Towel cabinet with three shelves",
                               "caption": "The cabinet stocked for a busy morning", "step": 3}]
    assert (example_project / sop["figures"][0]["file"]).read_bytes() == tiny_png(8, 6)
    assert sop["definitions"] == [{"term": "Towel station", "meaning": "The cabinet and bin by the pool steps."}]
    assert sop["revisions"][0]["version"] == "1.0" and str(sop["revisions"][0]["date"]) == "2026-01-04"
    assert "kept as comments" not in out


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


TOWELS_HTML = """\
<html><head><meta charset="utf-8"><title>Pool towel service</title></head><body>
<h1>Pool towel service</h1>
<table border="1"><tr><td>Document code</td><td>LEI-POOL-01</td></tr>
<tr><td>Owner</td><td>Leisure Manager</td></tr></table>
<h2>Purpose</h2><p>Guests find <a href="https://example.org/towels">fresh towels</a> at the pool at any time.</p>
<h2>Procedure</h2>
<ol><li><b>Open the station.</b> Unlock the cabinet at 07:00.<ul><li>Why: early swimmers come at 07:15.</li></ul></li>
<li>Stack the towels<br>by size.</li></ol>
<ul><li>Keep the large towels at eye level.</li></ul>
<p><img src="data:image/png;base64,{png}" alt="Towel cabinet"></p>
<p>Figure 1: The cabinet stocked for a busy morning</p>
<p><b>Closing</b></p>
<ol><li>Count the towels back.</li></ol>
<h2>Revision history</h2>
<table border="1"><tr><th colspan="3">Revision history</th></tr><tr><th>Version</th><th>Date</th><th>Change</th></tr>
<tr><td>1.0</td><td>4 January 2026</td><td>First issue.</td></tr></table>
</body></html>
"""


@pytest.mark.skipif(_soffice() is None,
                    reason="LibreOffice is not installed (apt-get install --no-install-recommends libreoffice-writer)")
def test_a_docx_written_by_libreoffice_imports_with_numbering_bold_phases_and_a_titled_table(
        example_project, run_cli, tmp_path):
    html = TOWELS_HTML.replace("{png}", base64.b64encode(tiny_png(8, 6)).decode("ascii"))
    (tmp_path / "towels.html").write_text(html, encoding="utf-8")
    profile = (tmp_path / "lo-profile").as_uri()        # its own profile: no lock shared with another run
    subprocess.run([_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "towels.html", "--outdir", str(tmp_path)],
                   cwd=tmp_path, check=True, timeout=300, capture_output=True)

    sop, out = _import(run_cli, example_project, tmp_path / "towels.docx")

    assert sop["owner"] == "Leisure Manager" and sop["meta"] == {"code": "LEI-POOL-01"}
    assert sop["purpose"] == "Guests find fresh towels at the pool at any time."
    opening, closing = sop["steps"]
    assert opening["steps"] == [
        {"title": "Open the station", "do": "Unlock the cabinet at 07:00.", "why": "Early swimmers come at 07:15."},
        {"do": "Stack the towels by size.", "how": "Keep the large towels at eye level."}]
    assert closing == {"phase": "Closing", "steps": [{"do": "Count the towels back."}]}
    assert sop["figures"][0]["caption"] == "The cabinet stocked for a busy morning"
    assert sop["figures"][0]["step"] == 2
    assert sop["revisions"] == [{"version": "1.0", "date": __import__("datetime").date(2026, 1, 4),
                                 "change": "First issue."}]


LINEN_FODT = """\
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:default-outline-level="1"/>
 <style:style style:name="Title" style:family="paragraph"/>
 <style:style style:name="Caption" style:family="paragraph"/>
 <style:style style:name="Figure" style:family="paragraph" style:parent-style-name="Caption"/>
 <text:list-style style:name="Numbering_20_123" style:display-name="Numbering 123">
  <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
  <text:list-level-style-bullet text:level="2" text:bullet-char="*"/>
 </text:list-style>
 <text:list-style style:name="List_20_1" style:display-name="List 1">
  <text:list-level-style-bullet text:level="1" text:bullet-char="*"/>
 </text:list-style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-weight="bold"/></style:style>
 <style:page-layout style:name="pm1"/>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header>
   <table:table table:name="Control"><table:table-column table:number-columns-repeated="4"/>
    <table:table-row><table:table-cell><text:p>Document code</text:p></table:table-cell>
     <table:table-cell><text:p>HK-LIN-02</text:p></table:table-cell>
     <table:table-cell><text:p>Owner</text:p></table:table-cell>
     <table:table-cell><text:p>Executive Housekeeper</text:p></table:table-cell></table:table-row>
    <table:table-row><table:table-cell><text:p>Approved by</text:p></table:table-cell>
     <table:table-cell><text:p>General Manager</text:p></table:table-cell>
     <table:table-cell><text:p>Effective date</text:p></table:table-cell>
     <table:table-cell><text:p>2026-02-01</text:p></table:table-cell></table:table-row>
   </table:table>
   <text:p>Page <text:page-number>1</text:page-number></text:p>
  </style:header>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
 <text:p text:style-name="Title">Linen change</text:p>
 <text:h text:style-name="Heading_20_1" text:outline-level="1">Purpose</text:h>
 <text:p>Guests sleep in fresh linen every night of a long stay.<office:annotation><dc:creator>Reviewer</dc:creator>
  <text:p>Every night, or every third?</text:p></office:annotation></text:p>
 <text:h text:style-name="Heading_20_1" text:outline-level="1">Procedure</text:h>
 <text:p text:style-name="P1">Stripping the bed</text:p>
 <text:list text:style-name="Numbering_20_123">
  <text:list-item><text:p><text:span text:style-name="T1">Strip the bed.</text:span> Take off all linen, pillowcases
   first.</text:p>
   <text:list><text:list-item><text:p>Why: loose pillowcases get lost in the duvet.</text:p></text:list-item></text:list>
  </text:list-item>
  <text:list-item><text:p>Check the mattress protector for stains.</text:p></text:list-item>
 </text:list>
 <text:list text:style-name="List_20_1"><text:list-item><text:p>Wear gloves for this.</text:p></text:list-item></text:list>
 <text:p><draw:frame draw:name="Image1" svg:width="2cm" svg:height="1cm" text:anchor-type="as-char"><draw:image>
  <office:binary-data>{png}</office:binary-data></draw:image></draw:frame></text:p>
 <text:p text:style-name="Figure">Figure <text:sequence text:ref-name="refFigure0" text:name="Figure"
  text:formula="ooow:Figure+1" style:num-format="1">1</text:sequence>: A bed ready to make</text:p>
 <text:p>Look at the note.<draw:frame draw:name="Box1" svg:width="4cm" svg:height="2cm" text:anchor-type="paragraph">
  <draw:text-box><text:p>Call the supervisor for any blood stain.</text:p></draw:text-box></draw:frame></text:p>
</office:text></office:body></office:document>
"""


@pytest.mark.skipif(_soffice() is None,
                    reason="LibreOffice is not installed (apt-get install --no-install-recommends libreoffice-writer)")
def test_a_docx_saved_by_libreoffice_from_odt_reads_its_page_header_and_names_the_text_box_and_comment(
        example_project, run_cli, tmp_path):
    (tmp_path / "linen.fodt").write_text(LINEN_FODT.replace("{png}", base64.b64encode(tiny_png(8, 6)).decode()),
                                         encoding="utf-8")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "linen.fodt", "--outdir", str(tmp_path)],
                   cwd=tmp_path, check=True, timeout=300, capture_output=True)

    code, out, err = run_cli(["import", str(tmp_path / "linen.docx"), "--into", "reception"], cwd=example_project)

    assert code == 0, err + out
    text = (example_project / "sops/reception/linen-change.yaml").read_text(encoding="utf-8")
    sop = yaml.safe_load(text)
    assert (sop["owner"], sop["approved_by"], str(sop["effective"])) == ("Executive Housekeeper", "General Manager",
                                                                         "2026-02-01")
    assert sop["meta"] == {"code": "HK-LIN-02"} and "Page" not in text
    assert sop["steps"] == [{"phase": "Stripping the bed", "steps": [
        {"title": "Strip the bed", "do": "Take off all linen, pillowcases first.",
         "why": "Loose pillowcases get lost in the duvet."},
        {"do": "Check the mattress protector for stains.", "how": "Wear gloves for this."}]}]
    assert sop["figures"][0]["caption"] == "A bed ready to make" and sop["figures"][0]["step"] == 2
    assert 'a text box (paragraph 12) was not imported: "Call the supervisor for any blood stain."' in out
    assert "1 comment(s) in the document were not imported" in out
    assert "blood stain" not in text.split("steps:")[1].split("figures:")[0]
