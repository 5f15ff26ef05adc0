"""`sopgen records import`: sign-offs from a spreadsheet or an LMS export, checked row by row, never twice."""

from __future__ import annotations

import datetime as dt

import pytest

from sopgen.pipeline import load_project
from sopgen.training.load import load_training

from .kit import training_project

EXISTING = """\
- trainee: Amara Okafor
  sop: door-welcome-arrivals
  signed_off: 2026-01-05
  trainer: Jo Price
"""


@pytest.fixture
def project(make_project, VALID_CONFIG):
    return training_project(make_project, VALID_CONFIG, records={"log.yaml": EXISTING})


def records_of(root):
    project = load_project(root)
    training = load_training(project.config, project.sops, dt.date(2026, 12, 31))
    assert training.problems == []
    return sorted((r.trainee, r.sop, r.signed_off.isoformat(), r.trainer, r.role) for r in training.records)


def test_rows_become_records_that_the_matrix_reads(project, run_cli):
    (project / "lms.csv").write_text("trainee,role,sop,signed_off,trainer\n"
                                     "Leo Grant,Door Concierge,door-welcome-arrivals,2026-03-02,Jo Price\n"
                                     "Mia Chen,,Welcoming arriving guests,2026-03-03,\"Price, Jo\"\n",
                                     encoding="utf-8-sig")
    code, out, err = run_cli(["records", "import", "lms.csv"], cwd=project)
    assert code == 0, err
    assert "Imported 2 sign-off(s) to records/lms.yaml" in out
    assert ("Leo Grant", "door-welcome-arrivals", "2026-03-02", "Jo Price", "Door Concierge") in records_of(project)
    assert ("Mia Chen", "door-welcome-arrivals", "2026-03-03", "Price, Jo", None) in records_of(project)


def test_a_sign_off_already_recorded_or_repeated_in_the_file_is_never_recorded_twice(project, run_cli):
    (project / "lms.csv").write_text("trainee;sop;signed_off;trainer\n"          # a semicolon-separated export
                                     "amara  okafor;door-welcome-arrivals;2026-01-05;Jo Price\n"
                                     "Leo Grant;door-welcome-arrivals;2026-03-02;Jo Price\n"
                                     "Leo Grant;door-welcome-arrivals;2026-03-02;Jo Price\n", encoding="utf-8")
    code, out, err = run_cli(["records", "import", "lms.csv"], cwd=project)
    assert code == 0, err
    assert "lms.csv:2: amara okafor was already signed off on door-welcome-arrivals on 2026-01-05 " \
           "(records/log.yaml); skipped" in err
    assert "lms.csv:4: Leo Grant was already signed off" in err and "(lms.csv:3)" in err
    code, out, err = run_cli(["records", "import", "lms.csv"], cwd=project)     # the same file again
    assert code == 0 and "Imported 0 sign-off(s)" in out
    assert [r[:3] for r in records_of(project)] == [("Amara Okafor", "door-welcome-arrivals", "2026-01-05"),
                                                    ("Leo Grant", "door-welcome-arrivals", "2026-03-02")]


def test_every_bad_row_is_reported_with_line_and_column_and_nothing_is_written(project, run_cli):
    (project / "lms.csv").write_text("trainee,sop,signed_off,trainer\n"
                                     "Leo Grant,door-wellcome-arrivals,2026-03-02,Jo Price\n"
                                     "Mia Chen,door-welcome-arrivals,03/03/2026,Jo Price\n"
                                     ",door-welcome-arrivals,2026-03-02,Jo Price\n"
                                     "Ann Lee,door-welcome-arrivals,2099-01-01,Jo Price\n", encoding="utf-8")
    code, out, err = run_cli(["records", "import", "lms.csv"], cwd=project)
    assert code == 2
    assert "lms.csv:2:11: SOP 'door-wellcome-arrivals' does not exist (did you mean 'door-welcome-arrivals'?)" in err
    assert "lms.csv:3:32: '03/03/2026' is not a date" in err
    assert "lms.csv:4:1: 'trainee' is empty" in err
    assert "lms.csv:5:31: the sign-off date 2099-01-01 is in the future" in err
    assert "nothing was imported" in err and "Traceback" not in err
    assert not (project / "records" / "lms.yaml").exists()


def test_a_header_that_does_not_name_the_columns_is_reported(project, run_cli):
    (project / "lms.csv").write_text("learner,sop,date,trainer\nLeo Grant,door-welcome-arrivals,2026-03-02,Jo\n",
                                     encoding="utf-8")
    code, out, err = run_cli(["records", "import", "lms.csv"], cwd=project)
    assert code == 2
    assert "lms.csv:1:1: unknown column 'learner'" in err
    assert "lms.csv:1:13: unknown column 'date'" in err
    assert "missing column(s): trainee, signed_off" in err


def test_a_file_that_is_not_there_is_a_usage_error(project, run_cli):
    code, out, err = run_cli(["records", "import", "missing.csv"], cwd=project)
    assert code == 2 and "missing.csv does not exist" in err and "Traceback" not in err


def test_a_records_file_of_the_same_name_holding_one_record_is_left_alone(project, run_cli):
    one = EXISTING[2:].replace("\n  ", "\n")     # a single sign-off, not a list
    (project / "records" / "lms.yaml").write_text(one, encoding="utf-8")
    (project / "lms.csv").write_text("trainee,sop,signed_off,trainer\n"
                                     "Leo Grant,door-welcome-arrivals,2026-03-02,Jo Price\n", encoding="utf-8")

    code, out, err = run_cli(["records", "import", "lms.csv"], cwd=project)

    assert code == 2
    assert "records/lms.yaml exists and is not a list of sign-offs; rename the CSV file" in err
    assert (project / "records" / "lms.yaml").read_text(encoding="utf-8") == one
