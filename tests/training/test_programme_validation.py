"""programme.yaml and records/ are checked as strictly as SOP files: positions, did-you-mean, exit 2."""

from __future__ import annotations

import datetime as dt

import pytest

from sopgen.pipeline import build_date, load_project
from sopgen.training.load import load_training

from .kit import PROGRAMME, column_of, line_of, training_project

RETIRED_SOP = """\
id: door-old-welcome
title: The old welcome
touchpoint: door
version: "1.0"
status: retired
owner: Head Door Concierge
purpose: Replaced by the new welcome.
steps:
  - do: Open the door.
    why: Guests feel expected.
"""


def problems(root, monkeypatch):
    monkeypatch.chdir(root)
    project = load_project(root)
    return load_training(project.config, project.sops, build_date()).problems


@pytest.fixture
def project_with(make_project, VALID_CONFIG):
    def make(programme: str, **kwargs):
        return training_project(make_project, VALID_CONFIG, programme, **kwargs)
    return make


def test_the_example_programme_is_valid(project_with, monkeypatch):
    assert problems(project_with(PROGRAMME), monkeypatch) == []


def test_unknown_sop_id_is_reported_at_its_line_and_column_with_a_suggestion(project_with, monkeypatch):
    text = PROGRAMME.replace("sops: [door-welcome-arrivals]", "sops: [door-welcome-arival]")
    [problem] = problems(project_with(text), monkeypatch)
    assert (problem.path, problem.line, problem.column) == (
        "programme.yaml", line_of(text, "door-welcome-arival"), column_of(text, "door-welcome-arival"))
    assert problem.code == "SOP030"
    assert "did you mean 'door-welcome-arrivals'?" in problem.message


def test_unknown_audience_touchpoint_is_reported_with_a_suggestion(project_with, monkeypatch):
    text = PROGRAMME.replace("touchpoints: [door]", "touchpoints: [dor]")
    [problem] = problems(project_with(text), monkeypatch)
    assert problem.code == "SOP012"
    assert problem.line == line_of(text, "[dor]")
    assert "did you mean 'door'?" in problem.message


def test_unknown_key_suggests_the_key_that_was_meant(project_with, monkeypatch):
    text = PROGRAMME.replace("        objectives:", "        objectivs:")
    found = problems(project_with(text), monkeypatch)
    unknown = [p for p in found if p.code == "SOP006"]
    assert unknown and "did you mean 'objectives'?" in unknown[0].message
    assert unknown[0].line == line_of(text, "objectivs")


def test_unknown_activity_type_suggests_one(project_with, monkeypatch):
    text = PROGRAMME.replace("type: role-play", "type: roleplay")
    [problem] = problems(project_with(text), monkeypatch)
    assert problem.code == "SOP010" and "did you mean 'role-play'?" in problem.message
    assert problem.line == line_of(text, "roleplay")


def test_activities_longer_than_the_session_are_an_error(project_with, monkeypatch):
    text = PROGRAMME.replace("session_minutes: 60", "session_minutes: 50")
    [problem] = problems(project_with(text), monkeypatch)
    assert problem.code == "SOP033"
    assert "take 55 minutes but the session lasts 50" in problem.message
    assert problem.line == line_of(text, "session_minutes")


@pytest.mark.parametrize("mark", ["0", "120"])
def test_a_pass_mark_must_be_a_percentage(project_with, monkeypatch, mark):
    text = PROGRAMME.replace("quiz_pass_mark: 80", f"quiz_pass_mark: {mark}")
    [problem] = problems(project_with(text), monkeypatch)
    assert problem.code == "SOP010" and f"is {mark}%" in problem.message


def test_an_assessment_needs_an_observer_or_a_pass_mark(project_with, monkeypatch):
    text = PROGRAMME.replace("          observed_by: trainer\n          quiz_pass_mark: 80\n",
                             "          observe: [Seen at a busy time]\n")
    codes = [p.code for p in problems(project_with(text), monkeypatch)]
    assert codes == ["SOP007"]


def test_a_retired_sop_points_at_the_sop_that_replaced_it(project_with, monkeypatch, VALID_SOP):
    replacement = VALID_SOP.replace("revisions:", "supersedes: [door-old-welcome]\nrevisions:")
    text = PROGRAMME.replace("sops: [door-welcome-arrivals]", "sops: [door-old-welcome]")
    root = project_with(text, sops={"door/welcome.yaml": replacement, "door/old.yaml": RETIRED_SOP})
    [problem] = problems(root, monkeypatch)
    assert problem.code == "SOP031"
    assert "door-welcome-arrivals" in problem.hint


def test_an_sop_is_taught_in_one_module(project_with, monkeypatch):
    text = PROGRAMME.replace("sops: [door-welcome-arrivals]", "sops: [door-welcome-arrivals, door-welcome-arrivals]")
    [problem] = problems(project_with(text), monkeypatch)
    assert problem.code == "SOP032" and "already covered in week 1" in problem.message


def test_a_quiz_needs_knowledge_check_questions(project_with, monkeypatch, VALID_SOP):
    no_questions = VALID_SOP.replace(
        "knowledge_check:\n  - question: Why do we open the door before the guest reaches it?\n"
        "    answer: It shows that they were expected.\n", "")
    [problem] = problems(project_with(PROGRAMME, sops={"door/welcome.yaml": no_questions}), monkeypatch)
    assert problem.code == "SOP034"


def test_duplicate_programme_ids_are_reported(project_with, monkeypatch):
    second = PROGRAMME.split("programmes:\n", 1)[1]
    [problem] = problems(project_with(PROGRAMME + second), monkeypatch)
    assert problem.code == "SOP011" and "'starter' is used twice" in problem.message


def test_a_programme_file_outside_the_project_is_refused(make_project, VALID_CONFIG, monkeypatch):
    root = make_project(config=VALID_CONFIG + "programme: ../elsewhere.yaml\n")
    [problem] = problems(root, monkeypatch)
    assert problem.code == "SOP035"


def test_a_missing_programme_file_is_reported(make_project, VALID_CONFIG, monkeypatch):
    root = make_project(config=VALID_CONFIG + "programme: programme.yaml\n")
    [problem] = problems(root, monkeypatch)
    assert problem.code == "SOP001" and "does not exist" in problem.message


def test_bad_programme_fails_the_build_with_exit_2_and_writes_nothing(project_with, run_cli):
    text = PROGRAMME.replace("sops: [door-welcome-arrivals]", "sops: [door-welcome-arival]")
    root = project_with(text)
    code, out, err = run_cli(["build"], cwd=root)
    assert code == 2, out + err
    assert f"programme.yaml:{line_of(text, 'door-welcome-arival')}:" in err
    assert "did you mean 'door-welcome-arrivals'?" in err
    assert not (root / "build").exists()
    assert "Traceback" not in err


def test_bad_programme_fails_lint_with_exit_2(project_with, run_cli):
    root = project_with(PROGRAMME.replace("type: quiz", "type: quizz"))
    code, out, err = run_cli(["lint"], cwd=root)
    assert code == 2
    assert "programme.yaml:" in out and "did you mean 'quiz'?" in out


# --------------------------------------------------------------------------- records

RECORD = """\
- trainee: Amara Okafor
  role: Receptionist
  sop: door-welcome-arrivals
  signed_off: 2026-03-02
  trainer: Jo Price
"""


def test_valid_records_are_read(project_with, monkeypatch):
    root = project_with(PROGRAMME, records={"log.yaml": RECORD})
    monkeypatch.chdir(root)
    project = load_project(root)
    training = load_training(project.config, project.sops, dt.date(2026, 6, 1))
    assert training.problems == []
    [record] = training.records
    assert (record.trainee, record.sop, record.signed_off) == ("Amara Okafor", "door-welcome-arrivals",
                                                              dt.date(2026, 3, 2))


def test_a_single_record_may_be_a_file_of_its_own(project_with, monkeypatch):
    single = "\n".join(line[2:] for line in RECORD.splitlines()) + "\n"
    root = project_with(PROGRAMME, records={"amara/welcome.yaml": single})
    monkeypatch.chdir(root)
    project = load_project(root)
    training = load_training(project.config, project.sops, dt.date(2026, 6, 1))
    assert training.problems == [] and len(training.records) == 1


def test_a_record_for_an_unknown_sop_is_reported_with_a_suggestion(project_with, monkeypatch):
    text = RECORD.replace("sop: door-welcome-arrivals", "sop: door-welcom-arrivals")
    [problem] = problems(project_with(PROGRAMME, records={"log.yaml": text}), monkeypatch)
    assert problem.path.endswith("log.yaml") and problem.line == line_of(text, "door-welcom")
    assert problem.code == "SOP030" and "did you mean 'door-welcome-arrivals'?" in problem.message


def test_a_sign_off_in_the_future_is_reported(project_with, monkeypatch):
    text = RECORD.replace("2026-03-02", (build_date() + dt.timedelta(days=3)).isoformat())
    [problem] = problems(project_with(PROGRAMME, records={"log.yaml": text}), monkeypatch)
    assert problem.code == "SOP036"


def test_records_with_unknown_keys_and_missing_fields_fail_the_build(project_with, run_cli):
    text = RECORD.replace("trainer: Jo Price", "trainor: Jo Price")
    code, out, err = run_cli(["build", "--format", "html"], cwd=project_with(PROGRAMME, records={"log.yaml": text}))
    assert code == 2
    assert "did you mean 'trainer'?" in err and "missing required field 'trainer'" in err


OBJECTIVE_LINE = "          - Greet an arriving guest and explain in their own words why we open the door early.\n"


def test_an_objective_can_name_the_sop_it_is_signed_off_with(project_with, monkeypatch):
    text = PROGRAMME.replace(OBJECTIVE_LINE, OBJECTIVE_LINE.replace("- Greet", "- text: Greet")
                             + "            sop: door-welcome-arrivals\n")
    root = project_with(text)
    assert problems(root, monkeypatch) == []
    project = load_project(root)
    module = load_training(project.config, project.sops, build_date()).programme_file.programmes[0].modules[0]
    assert module.objectives_for("door-welcome-arrivals") == [
        "Greet an arriving guest and explain in their own words why we open the door early."]
    assert module.objectives_for(None) == []


def test_an_objective_naming_an_sop_outside_its_week_is_reported_where_the_sop_is_written(project_with, monkeypatch):
    text = PROGRAMME.replace(OBJECTIVE_LINE, OBJECTIVE_LINE.replace("- Greet", "- text: Greet")
                             + "            sop: door-welcome-arival\n")
    [problem] = problems(project_with(text), monkeypatch)
    assert (problem.line, problem.column) == (line_of(text, "sop: door-welcome-arival"),
                                              column_of(text, "door-welcome-arival"))
    assert problem.code == "SOP030"
    assert "which the week does not cover (did you mean 'door-welcome-arrivals'?)" in problem.message


def test_a_misspelt_objective_key_is_reported_with_a_suggestion(project_with, monkeypatch):
    text = PROGRAMME.replace(OBJECTIVE_LINE, OBJECTIVE_LINE.replace("- Greet", "- text: Greet")
                             + "            sops: door-welcome-arrivals\n")
    [problem] = problems(project_with(text), monkeypatch)
    assert problem.code == "SOP006" and "did you mean 'sop'?" in problem.message
    assert problem.line == line_of(text, "sops: door-welcome-arrivals\n")
