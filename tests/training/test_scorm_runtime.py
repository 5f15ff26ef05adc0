"""The SCORM package in a real SCORM 1.2 runtime (scorm-again) in headless Chromium: score, pass or fail, time."""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"
CHOICES = """\
  - question: Who do you tell when a guest has been kept waiting?
    choices:
      - Nobody, as long as you apologise
      - text: Reception, so they can look after the guest
        correct: true
  - question: When do you open the door?
    choices:
      - text: Before the guest reaches it
        correct: true
      - When the guest knocks
      - When the guest asks
"""
PROGRAMME = """\
programmes:
  - id: door-training
    name: Door training
    audience:
      touchpoints: [door]
    modules:
      - title: The welcome
        sops: [door-welcome-arrivals]
        objectives:
          - Greet an arriving guest before they reach the door.
        session_minutes: 60
        activities:
          - type: quiz
            minutes: 10
        assessment:
          quiz_pass_mark: 60
"""
SESSION_TIME = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.skip("needs Chromium (apt-get install chromium)")


def _scorm_again() -> Path:
    npm = shutil.which("npm")
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True).stdout.strip() if npm else ""
    runtime = Path(root) / "scorm-again" / "dist" / "scorm12.js"
    if not root or not runtime.is_file():
        pytest.skip("needs the scorm-again SCORM runtime (npm install -g scorm-again)")
    return runtime


@pytest.fixture
def lms(tmp_path):
    """Serves the LMS page and a package over HTTP on this machine; returns a function that runs one SCO in
    headless Chromium, in real time, and returns what the page posts back when the SCO has finished."""
    chromium, runtime = _chromium(), _scorm_again()
    site = tmp_path / "lms"
    site.mkdir()
    shutil.copy(runtime, site / "scorm12.js")
    shutil.copy(TOOLS / "scorm-harness.html", site / "harness.html")
    results: queue.Queue = queue.Queue()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, results, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def run(package: Path, page: str, answers: str = "", scroll: bool = False) -> dict:
        with zipfile.ZipFile(package) as archive:
            archive.extractall(site)
        url = (f"http://127.0.0.1:{server.server_port}/harness.html?page={page}&answers={answers}"
               + ("&scroll=1" if scroll else ""))
        browser = subprocess.Popen([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                    f"--user-data-dir={tmp_path / 'profile'}", url],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            return json.loads(results.get(timeout=90))
        finally:
            browser.terminate()
            browser.wait(timeout=30)

    yield run
    server.shutdown()


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, results: queue.Queue, *args, **kwargs):
        self.results = results
        super().__init__(*args, **kwargs)

    def do_POST(self) -> None:  # noqa: N802 (the name http.server looks for)
        self.results.put(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def package(make_project, run_cli, VALID_SOP, tmp_path):
    """A SCORM package of a one-week programme: two multiple-choice questions and one open one, pass mark 60%."""
    def make(programme: str | None = PROGRAMME, questions: str = CHOICES) -> Path:
        root = make_project({"door/welcome-arrivals.yaml": VALID_SOP.replace("revisions:", questions + "revisions:")})
        if programme is not None:
            (root / "programme.yaml").write_text(programme, encoding="utf-8")
            with (root / "sopgen.yaml").open("a", encoding="utf-8") as config:
                config.write("programme: programme.yaml\n")
        out = tmp_path / f"package-{len(list(tmp_path.glob('package-*.zip')))}.zip"
        code, _, err = run_cli(["export", "scorm", "--out", out], cwd=root)
        assert code == 0, err
        return out
    return make


def values(result: dict, element: str) -> list[str]:
    return [call[1] for call in result["calls"] if call[0] == element]


def test_all_right_is_a_score_of_100_and_passed(lms, package):
    result = lms(package(), "module-01.html", "rr")
    assert (result["raw"], result["min"], result["max"], result["status"]) == ("100", "0", "100", "passed")
    assert values(result, "cmi.core.lesson_status") == ["incomplete", "passed"]
    (session_time,) = values(result, "cmi.core.session_time")
    assert SESSION_TIME.match(session_time)
    assert result["calls"][0] == ["LMSInitialize"] and result["calls"][-1] == ["LMSFinish"]


def test_below_the_pass_mark_is_failed_with_its_score(lms, package):
    result = lms(package(), "module-01.html", "rw")
    assert (result["raw"], result["status"]) == ("50", "failed")


def test_a_better_attempt_replaces_a_failed_one_and_a_worse_one_does_not(lms, package):
    made = package()
    retried = lms(made, "module-01.html", "ww,rr")
    assert (retried["raw"], retried["status"]) == ("100", "passed")
    assert values(retried, "cmi.core.score.raw") == ["0", "100"]
    slipped = lms(made, "module-01.html", "rr,ww")
    assert (slipped["raw"], slipped["status"]) == ("100", "passed")
    assert values(slipped, "cmi.core.score.raw") == ["100"]


def test_without_a_pass_mark_the_quiz_completes_the_module_with_its_score(lms, package):
    result = lms(package(programme=None), "module-01.html", "rw")
    assert (result["raw"], result["status"]) == ("50", "completed")


def test_a_module_without_multiple_choice_questions_completes_at_its_end(lms, package):
    result = lms(package(programme=None, questions=""), "module-01.html", scroll=True)
    assert result["status"] == "completed" and result["raw"] == ""
    assert values(result, "cmi.core.lesson_status") == ["incomplete", "completed"]
    assert values(result, "cmi.core.session_time")


def test_the_manifest_gives_the_pass_mark_as_the_mastery_score(package):
    with zipfile.ZipFile(package()) as archive:
        manifest = archive.read("imsmanifest.xml").decode("utf-8")
        page = archive.read("module-01.html").decode("utf-8")
    assert "<adlcp:masteryscore>60</adlcp:masteryscore>" in manifest
    assert page.count('class="quiz-question"') == 2 and 'data-pass-mark="60"' in page
    assert "Show the answer" in page  # the open question keeps its answer to reveal
