"""`sopgen build` with a programme: the trainer guide, the workbook and the competency matrix."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.training.matrix import (DUE_SOON, MISSING, OVERDUE, SIGNED_OFF, add_months, competency_matrix,
                                    matrix_csv)
from sopgen.training.programme import Activity, Assessment, Audience, Module, Programme
from sopgen.training.records import SignOff

from .kit import PROGRAMME, training_project

REPO = Path(__file__).resolve().parents[2]

RECORDS = """\
- trainee: Amara Okafor
  role: Receptionist
  sop: door-welcome-arrivals
  signed_off: 2026-01-05
  trainer: Jo Price
- trainee: "=HYPERLINK(\\"http://x\\")"
  sop: door-welcome-arrivals
  signed_off: 2024-01-05
  trainer: Jo Price
"""


def text_of(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The small project built once, with the date pinned so that the matrix is predictable."""
    from typer.testing import CliRunner

    from sopgen.cli import app
    from tests.conftest import VALID_CONFIG, VALID_SOP

    root = tmp_path_factory.mktemp("training")
    (root / "sops" / "door").mkdir(parents=True)
    (root / "sops" / "door" / "welcome.yaml").write_text(VALID_SOP, encoding="utf-8")
    (root / "sopgen.yaml").write_text(VALID_CONFIG + "programme: programme.yaml\n", encoding="utf-8")
    (root / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    (root / "records").mkdir()
    (root / "records" / "log.yaml").write_text(RECORDS, encoding="utf-8")
    epoch = str(int(dt.datetime(2026, 6, 1, 12, tzinfo=dt.timezone.utc).timestamp()))
    result = CliRunner().invoke(app, ["build", "--project", str(root)], env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 0, result.output
    return root / "build" / "programmes" / "starter"


def test_build_writes_guide_workbook_and_matrix_for_each_programme(built):
    assert sorted(p.name for p in built.iterdir()) == [
        "competency-matrix.csv", "competency-matrix.html", "trainer-guide.pdf", "workbook.pdf"]


def test_trainer_guide_holds_everything_needed_to_run_the_session(built):
    text = text_of(built / "trainer-guide.pdf")
    for expected in (
        "Greet an arriving guest and explain in their own words why we open the door early",  # objective
        "Session plan", "0:00–0:30", "Shadowing", "Role-play", "Quiz",                           # timings
        "Why do we do this?", "Watch the approach so you see guests before they reach the door",  # from a why
        "Opening the door as they arrive shows that they were expected",
        "What would you do if", "A regular guest arrives",                                        # from a cue
        "A guest has been kept waiting outside",                                                  # recovery
        "Apologise, bring them in straight away",
        "Why do we open the door before the guest reaches it?", "It shows that they were expected",  # answers
        "Before you sign off", "1 of 1", "80%",
    ):
        assert expected in text, expected


def test_workbook_asks_without_answering_and_has_a_sign_off_page_per_sop(built):
    reader = PdfReader(built / "workbook.pdf")
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    text = " ".join(pages)
    assert "Why do we open the door before the guest reaches it?" in text
    assert "It shows that they were expected" not in text
    assert "Looking back on the week" in text
    sign_offs = [page for page in pages if "SIGN-OFF" in page.upper() and "SIGNATURE" in page.upper()]
    assert len(sign_offs) == 1 and "Welcoming arriving guests" in sign_offs[0]
    assert all(word in sign_offs[0].upper() for word in ("TRAINEE", "TRAINER", "DATE"))


def test_matrix_shows_signed_off_overdue_and_a_formula_is_never_run(built):
    rows = list(csv.reader(io.StringIO((built / "competency-matrix.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["trainee", "role", "door-welcome-arrivals", "signed off", "overdue", "missing"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Amara Okafor"][2] == "signed off 2026-01-05"
    assert by_name["'=HYPERLINK(\"http://x\")"][2].startswith("overdue since 2025-01-05")
    html = (built / "competency-matrix.html").read_text(encoding="utf-8")
    assert "Amara Okafor" in html and "cell-overdue" in html and "<script" not in html


# --------------------------------------------------------------------------- matrix rules

def _programme(*sop_ids: str) -> Programme:
    module = Module("Week", tuple(sop_ids), ("Greet a guest.",), (Activity("shadowing", 10),), 10,
                    Assessment(observed_by="trainer"))
    return Programme("p", "P", Audience(roles=("Receptionist",)), [module])


def _sops(*ids: str) -> dict:
    from sopgen.core.models import Sop
    return {sop_id: Sop(id=sop_id, title=sop_id, status="approved") for sop_id in ids}


def _record(trainee: str, sop: str, day: dt.date, role: str | None = None) -> SignOff:
    return SignOff(trainee, sop, day, "Jo", role)


def test_each_cell_is_signed_off_due_soon_overdue_or_missing():
    today = dt.date(2026, 6, 1)
    records = [_record("Ann", "a", dt.date(2026, 1, 1)), _record("Ann", "b", dt.date(2025, 6, 20)),
               _record("Ann", "c", dt.date(2025, 6, 1))]
    matrix = competency_matrix(_programme("a", "b", "c", "d"), _sops("a", "b", "c", "d"), records, 12, today)
    [row] = matrix.trainees
    assert [cell.status for cell in row.cells] == [SIGNED_OFF, DUE_SOON, OVERDUE, MISSING]


def test_the_latest_sign_off_counts_so_a_refresher_clears_an_overdue_cell():
    records = [_record("Ann", "a", dt.date(2024, 1, 1)), _record("Ann", "a", dt.date(2026, 5, 1))]
    matrix = competency_matrix(_programme("a"), _sops("a"), records, 12, dt.date(2026, 6, 1))
    assert matrix.trainees[0].cells[0].status == SIGNED_OFF


def test_records_for_other_sops_do_not_add_trainees():
    matrix = competency_matrix(_programme("a"), _sops("a", "z"), [_record("Bo", "z", dt.date(2026, 1, 1))], 12,
                               dt.date(2026, 6, 1))
    assert matrix.trainees == []
    assert list(csv.reader(io.StringIO(matrix_csv(matrix)))) == [["trainee", "role", "a", "signed off", "overdue",
                                                                  "missing"]]


def test_refresher_months_count_calendar_months():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2025, 11, 15), 12) == dt.date(2026, 11, 15)
    assert add_months(dt.date(2025, 12, 1), 1) == dt.date(2026, 1, 1)


# --------------------------------------------------------------------------- templates and the example

def test_a_project_template_overrides_the_trainer_guide_by_name(make_project, VALID_CONFIG, run_cli):
    root = training_project(make_project, VALID_CONFIG)
    (root / "templates").mkdir()
    (root / "templates" / "trainer-guide.html").write_text(
        '{% extends "builtin/trainer-guide.html" %}{% block introduction %}<p>Our own welcome</p>{% endblock %}',
        encoding="utf-8")
    code, out, err = run_cli(["build", "--format", "pdf"], cwd=root)
    assert code == 0, err
    text = text_of(root / "build" / "programmes" / "starter" / "trainer-guide.pdf")
    assert "Our own welcome" in text and "Running this programme" not in text


def test_without_a_programme_the_build_writes_no_programme_files(make_project, run_cli):
    root = make_project()
    code, out, err = run_cli(["build", "--format", "html"], cwd=root)
    assert code == 0, err
    assert not (root / "build" / "programmes").exists()


def test_the_shipped_programme_covers_every_live_sop_over_eight_weeks(tmp_path):
    from sopgen.pipeline import build_date
    from sopgen.pipeline import load_project
    from sopgen.training.load import load_training

    for name in ("sopgen.yaml", "programme.yaml"):
        shutil.copy(REPO / name, tmp_path / name)
    for folder in ("sops", "records", "stories", "assets"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, tmp_path / folder)
    project = load_project(tmp_path)
    training = load_training(project.config, project.sops, build_date())
    assert training.problems == []
    [programme] = training.programme_file.programmes
    assert len(programme.modules) == 8
    live = {sop.id for sop in project.sops if sop.status != "retired"}
    assert sorted(programme.sop_ids()) == sorted(live)


def test_the_shipped_programme_is_lint_clean(run_cli):
    code, out, err = run_cli(["lint", "--select", "SOP114"], cwd=REPO)
    assert code == 0, out + err
    assert "programme.yaml" not in out


@pytest.mark.parametrize("name", [
    "Jo;=cmd|' /C calc'!A0", "＝HYPERLINK(\"http://x\")", "Jo | =1+1", " =1+1", "＋1", "Jo;@SUM(A1)",
    "\t=1", "Jo,-2+3",
])
def test_every_way_into_a_spreadsheet_formula_is_neutralised(name):
    from sopgen.training.matrix import _spreadsheet_safe

    assert _spreadsheet_safe(name) == "'" + name


def test_every_csv_value_is_quoted_so_a_semicolon_cannot_split_a_cell():
    matrix = competency_matrix(_programme("a"), _sops("a"), [_record("Jo;=cmd|' /C calc'!A0", "a", dt.date(2026, 1, 1))],
                               12, dt.date(2026, 6, 1))

    line = matrix_csv(matrix).splitlines()[1]

    assert line.startswith('"\'Jo;=cmd|\' /C calc\'!A0",')


@pytest.mark.parametrize("name", ["Amara Okafor", "Jo-Anne Smith", "Lee; front desk", "O'Brien"])
def test_ordinary_names_are_left_as_they_are(name):
    from sopgen.training.matrix import _spreadsheet_safe

    assert _spreadsheet_safe(name) == name
