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
