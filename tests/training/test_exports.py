"""`sopgen export quiz` (GIFT, Aiken) and `sopgen export scorm`."""

from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from sopgen.core.models import Choice, Question, Sop
from sopgen.training.exports.aiken import aiken
from sopgen.training.exports.gift import escape, gift
from sopgen.training.exports.questions import QuizItem
from sopgen.training.exports.scorm import ADLCP, IMSCP

from .kit import training_project

REPO = Path(__file__).resolve().parents[2]
NS = {"cp": IMSCP, "adlcp": ADLCP}


def item(question: Question, number: int = 1) -> QuizItem:
    sop = Sop(id="door-test", title="A test", touchpoint="door", status="approved", knowledge_check=[question])
    return QuizItem(sop, number, question, "Door concierge")


MULTIPLE_CHOICE = Question("Which is right?", choices=(Choice("Wrong"), Choice("Right", correct=True),
                                                       Choice("Also wrong")))
OPEN = Question("Why do we open the door early?", answer="It shows that they were expected.")


# --------------------------------------------------------------------------- GIFT

@pytest.mark.parametrize("raw, escaped", [
    ("a~b", "a\\~b"), ("a=b", "a\\=b"), ("a#b", "a\\#b"), ("{a}", "\\{a\\}"), ("10:30", "10\\:30"),
    ("back\\slash", "back\\\\slash"), ("two\nlines", "two\\nlines"), ("\\=", "\\\\\\="),
])
def test_gift_escapes_its_special_characters_and_the_backslash(raw, escaped):
    assert escape(raw) == escaped


def test_gift_multiple_choice_marks_the_right_answer_with_equals_and_the_others_with_tilde():
    text = gift([item(MULTIPLE_CHOICE)], "Standards")
    assert "::door-test-q1::[markdown]Which is right?{\n\t~Wrong\n\t=Right\n\t~Also wrong\n}\n" in text
    assert "$CATEGORY: $course$/top/Standards/Door concierge" in text


def test_gift_open_questions_are_essays_with_the_answer_as_general_feedback():
    text = gift([item(OPEN)], "Standards")
    assert "::door-test-q1::[markdown]Why do we open the door early?{####It shows that they were expected.}" in text


def test_gift_escapes_question_choice_and_answer_text():
    question = Question("At 10:00, is 2+2=4 {really}?", choices=(Choice("Yes ~ sure", correct=True),
                                                                  Choice("No #1")))
    text = gift([item(question)], "Standards")
    assert "[markdown]At 10\\:00, is 2+2\\=4 \\{really\\}?{" in text
    assert "\t=Yes \\~ sure\n\t~No \\#1\n" in text


# --------------------------------------------------------------------------- Aiken

def test_aiken_lists_lettered_choices_and_names_the_right_one_on_the_answer_line():
    text, skipped = aiken([item(MULTIPLE_CHOICE)])
    assert text == "Which is right?\nA. Wrong\nB. Right\nC. Also wrong\nANSWER: B\n"
    assert skipped == []


def test_aiken_skips_open_questions_and_says_why():
    text, skipped = aiken([item(OPEN), item(MULTIPLE_CHOICE, 2)])
    assert text.startswith("Which is right?")
    [skip] = skipped
    assert str(skip) == "skipped door-test-q1: an open question; Aiken holds only multiple-choice questions"


def test_aiken_keeps_each_entry_to_one_plain_line():
    question = Question("Which is\n**right**?", choices=(Choice("It *is*", correct=True), Choice("Not\nthis")))
    text, _ = aiken([item(question)])
    assert text == "Which is right?\nA. It is\nB. Not this\nANSWER: A\n"


def test_export_quiz_prints_what_it_skipped_and_why(run_cli, tmp_path):
    code, out, err = run_cli(["export", "quiz", "--format", "aiken", "--out", tmp_path / "quiz.txt"], cwd=REPO)
    assert code == 0, err
    assert "skipped door-welcome-arrivals-q1: an open question" in err
    assert "skipped concierge-desk-parcels-and-deliveries-q1: the SOP is draft, not approved for training" in err
    assert "ANSWER: " in (tmp_path / "quiz.txt").read_text(encoding="utf-8")


def test_export_quiz_to_standard_output(make_project, run_cli):
    code, out, err = run_cli(["export", "quiz", "--out", "-"], cwd=make_project())
    assert code == 0, err
    assert out.startswith("// ") and "::door-welcome-arrivals-q1::" in out
    assert "Exported 1 questions to standard output" in err


def test_export_quiz_for_a_programme_files_questions_by_week(make_project, VALID_CONFIG, run_cli):
    root = training_project(make_project, VALID_CONFIG)
    code, out, err = run_cli(["export", "quiz", "--programme", "starter", "--out", "-"], cwd=root)
    assert code == 0, err
    assert "$CATEGORY: $course$/top/Starter programme/Week 1- The welcome" not in out  # ':' is kept, not '/'
    assert "$CATEGORY: $course$/top/Starter programme/Week 1: The welcome" in out
    code, out, err = run_cli(["export", "quiz", "--programme", "startr"], cwd=root)
    assert code == 2 and "did you mean 'starter'?" in err


def test_export_will_not_write_among_the_sources(make_project, run_cli):
    root = make_project()
    code, out, err = run_cli(["export", "quiz", "--out", root / "sops" / "quiz.gift"], cwd=root)
    assert code == 2 and "refusing" in err
    assert not (root / "sops" / "quiz.gift").exists()


# --------------------------------------------------------------------------- SCORM

@pytest.fixture(scope="module")
def scorm_zip(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from sopgen.cli import app

    out = tmp_path_factory.mktemp("scorm") / "course.zip"
    result = CliRunner().invoke(app, ["export", "scorm", "--project", str(REPO), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_scorm_manifest_parses_and_lists_exactly_the_files_in_the_zip(scorm_zip):
    with zipfile.ZipFile(scorm_zip) as archive:
        names = set(archive.namelist())
        root = ET.fromstring(archive.read("imsmanifest.xml"))
    assert root.tag == f"{{{IMSCP}}}manifest"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    listed = {file.get("href") for file in root.iterfind(".//cp:resource/cp:file", NS)}
    assert listed == names - {"imsmanifest.xml"}


def test_scorm_has_one_sco_per_module_each_launching_its_own_page(scorm_zip):
    with zipfile.ZipFile(scorm_zip) as archive:
        root = ET.fromstring(archive.read("imsmanifest.xml"))
        resources = {r.get("identifier"): r for r in root.iterfind(".//cp:resource", NS)}
        items = list(root.iterfind(".//cp:organization/cp:item", NS))
        assert len(items) == 8
        for entry in items:
            resource = resources[entry.get("identifierref")]
            assert resource.get(f"{{{ADLCP}}}scormtype") == "sco"
            page = archive.read(resource.get("href")).decode("utf-8")
            assert '<script src="scorm.js"' in page and 'id="module-end"' in page
        assert "Week 1: The first thirty seconds" in {entry.findtext("cp:title", namespaces=NS) for entry in items}


def test_scorm_script_finds_the_api_and_reports_completion(scorm_zip):
    with zipfile.ZipFile(scorm_zip) as archive:
        script = archive.read("scorm.js").decode("utf-8")
    for call in ("win.parent", "window.opener", 'LMSInitialize("")', '"cmi.core.lesson_status", "completed"',
                 'LMSCommit("")', 'LMSFinish("")'):
        assert call in script, call


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the script")
def test_scorm_script_completes_the_module_in_a_simulated_lms(scorm_zip):
    with zipfile.ZipFile(scorm_zip) as archive:
        script = archive.read("scorm.js").decode("utf-8")
    harness = """
const calls = [];
const api = {
  LMSInitialize: () => { calls.push("init"); return "true"; },
  LMSGetValue: () => "not attempted",
  LMSSetValue: (k, v) => { calls.push(k + "=" + v); return "true"; },
  LMSCommit: () => { calls.push("commit"); return "true"; },
  LMSFinish: () => { calls.push("finish"); return "true"; },
};
const lmsFrame = { API: api };
lmsFrame.parent = lmsFrame;
const listeners = {};
const status = { textContent: "" };
global.window = { parent: { parent: lmsFrame }, opener: null, top: null, innerHeight: 800,
                  addEventListener: (name, f) => { listeners[name] = f; }, removeEventListener: () => {} };
global.document = { getElementById: (id) => id === "module-end"
    ? { getBoundingClientRect: () => ({ top: 100 }) } : status };
""" + script + """
listeners.load();
listeners.pagehide();
console.log(JSON.stringify(calls));
"""
    output = subprocess.run(["node", "-e", harness], capture_output=True, text=True, timeout=30)
    assert output.returncode == 0, output.stderr
    assert output.stdout.strip() == (
        '["init","cmi.core.lesson_status=incomplete","commit","cmi.core.lesson_status=completed","commit",'
        '"cmi.core.session_time=00:00:00.00","commit","finish"]')


def test_scorm_without_a_programme_packages_the_library_by_touchpoint(make_project, run_cli, tmp_path):
    code, out, err = run_cli(["export", "scorm", "--out", tmp_path / "library.zip"], cwd=make_project())
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "library.zip") as archive:
        root = ET.fromstring(archive.read("imsmanifest.xml"))
        assert [i.findtext("cp:title", namespaces=NS) for i in root.iterfind(".//cp:item", NS)] == [
            "Part 1: Door concierge"]
        page = archive.read("module-01.html").decode("utf-8")
    assert "Welcoming arriving guests" in page and "<details" in page


def test_scorm_zip_is_reproducible(scorm_zip, run_cli, tmp_path):
    code, out, err = run_cli(["export", "scorm", "--out", tmp_path / "again.zip"], cwd=REPO)
    assert code == 0, err
    assert (tmp_path / "again.zip").read_bytes() == scorm_zip.read_bytes()
    assert zipfile.ZipFile(io.BytesIO(scorm_zip.read_bytes())).testzip() is None
