"""`sopgen report`: report.html and report.pdf with scores against targets, trends, misses and milestones."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[2]
EPOCH_2026_11_23 = {"SOURCE_DATE_EPOCH": "1795392000"}
TARGETS = "targets:\n  door: 90\nmilestones:\n  - {touchpoint: door, date: 2026-12-31, target: 95}\n"


def audit(date: str, *results: str) -> str:
    lines = [f"date: {date}", "touchpoint: door", "observer: Helen Marsh", "results:"]
    for index, outcome in enumerate(results):
        critical = "\n    critical: true" if outcome.endswith("!") else ""
        lines.append(f"  - item: Standard {index + 1}\n    sop: door-welcome-arrivals{critical}\n"
                     f"    result: {outcome.rstrip('!')}")
    return "\n".join(lines) + "\n"


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


@pytest.fixture
def project_with_audits(make_project, VALID_CONFIG):
    def make(audits: dict[str, str], config_extra: str = TARGETS) -> Path:
        root = make_project(config=VALID_CONFIG + config_extra)
        for name, text in audits.items():
            path = root / "audits" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return make


def test_report_writes_html_and_pdf_with_scores_trends_misses_and_milestones(project_with_audits, run_cli):
    root = project_with_audits({
        "door/1.yaml": audit("2026-09-02", "met", "not met", "not met!", "met"),
        "door/2.yaml": audit("2026-10-28", "met", "not met", "met", "n/a"),
    })
    (root / "build").mkdir()
    (root / "build" / "keep.txt").write_text("mine")

    code, out, err = run_cli(["report"], cwd=root, env=EPOCH_2026_11_23)

    assert (code, err) == (0, "")
    assert "Wrote a report on 2 audit(s):" in out
    html = (root / "build" / "report.html").read_text(encoding="utf-8")
    assert (root / "build" / "keep.txt").read_text() == "mine", "only the report's own files are replaced"
    assert html.count("<svg") == 1, "one chart: the only touchpoint with audits"
    assert "No audits yet" in html
    text = pdf_text(root / "build" / "report.pdf")
    for expected in ("Service quality report", "Door concierge 28 October 2026 66.7 90 23.3 to go",
                     "Standards most often missed", "Standard 2", "2 of 2", "Milestones", "AT RISK",
                     "CRITICAL Standard 3"):
        assert expected in text, expected


def test_a_report_without_audits_says_so(project_with_audits, run_cli, tmp_path):
    root = project_with_audits({}, config_extra="")

    code, out, err = run_cli(["report", "--out", tmp_path / "out"], cwd=root, env=EPOCH_2026_11_23)

    assert (code, err) == (0, "")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "No audits yet · built 23 November 2026" in html
    assert "<svg" not in html and "Standards most often missed" not in html
    assert (tmp_path / "out" / "report.pdf").read_bytes().startswith(b"%PDF")


def test_an_invalid_audit_stops_the_report_with_its_position_and_writes_nothing(project_with_audits, run_cli):
    root = project_with_audits({"door/1.yaml": audit("2026-09-02", "met", "maybe")})

    code, out, err = run_cli(["report"], cwd=root)

    assert code == 2
    assert "error: 1 problem(s) in audits/ must be fixed before reporting" in err
    assert "audits/door/1.yaml:10:13: 'result' in result 2 is 'maybe'" in err
    assert not (root / "build").exists()


def test_report_refuses_to_write_into_the_audits_folder(project_with_audits, run_cli):
    root = project_with_audits({"door/1.yaml": audit("2026-09-02", "met")})

    code, _, err = run_cli(["report", "--out", root / "audits"], cwd=root)

    assert code == 2 and "overlaps" in err


def test_the_example_report_shows_a_milestone_met_one_at_risk_and_one_on_track(run_cli, tmp_path):
    code, _, err = run_cli(["report", "--project", REPO, "--out", tmp_path, "--quiet"], env=EPOCH_2026_11_23)

    assert (code, err) == (0, "")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 7, "a trend chart for every touchpoint"
    milestones = html.split("<h2 class=\"section-title\">Milestones</h2>")[1]
    assert [state in milestones for state in ("state-met", "state-at-risk", "state-on-track")] == [True] * 3
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".sopgen-output.json") == ["report.html", "report.pdf"]


def test_report_never_replaces_a_file_sopgen_did_not_write(project_with_audits, run_cli):
    root = project_with_audits({"door/1.yaml": audit("2026-09-02", "met", "not met", "met", "met")})
    (root / "build").mkdir()
    (root / "build" / "report.html").write_text("my own report", encoding="utf-8")

    code, out, err = run_cli(["report"], cwd=root, env=EPOCH_2026_11_23)

    assert code == 2 and "refusing to replace report.html" in err
    assert (root / "build" / "report.html").read_text(encoding="utf-8") == "my own report"
    assert not (root / "build" / "report.pdf").exists()
