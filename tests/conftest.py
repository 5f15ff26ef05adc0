"""Shared fixtures: a throwaway project on disk, and the CLI run in-process.

    def test_something(make_project, run_cli, VALID_SOP):
        root = make_project({"door/welcome.yaml": VALID_SOP.replace("status: approved", "status: aproved")})
        code, out, err = run_cli(["build"], cwd=root)

Tests should take these as fixtures rather than import them: another conftest.py
further down would shadow this module's name.
"""

from __future__ import annotations

import contextlib
import json
import os
import traceback
from pathlib import Path
from typing import Mapping, Sequence

import pytest
from typer.testing import CliRunner

from sopgen.cli import app
from sopgen.core.problems import sorted_problems
from sopgen.pipeline import load_project

REPO_ROOT = Path(__file__).resolve().parent.parent

#: sopgen.yaml of the example project: its guest journey, in order.
VALID_CONFIG = """\
organisation: Harbour House
title: Guest Journey Service Standards
journey:
  - id: door
    name: Door concierge
  - id: concierge-desk
    name: Concierge desk
  - id: reception
    name: Reception
  - id: business-lounge
    name: Business lounge
  - id: client-lounge
    name: Client business lounge
  - id: floor-host
    name: Floor host
  - id: bookings
    name: Bookings
"""

#: A complete, valid SOP (a copy of sops/door/welcome-arrivals.yaml) with no
#: validation problems and no lint findings.
VALID_SOP = """\
id: door-welcome-arrivals
title: Welcoming arriving guests
touchpoint: door
version: "1.2"
status: approved              # draft | approved | retired
owner: Head Door Concierge
approved_by: Guest Services Manager
effective: 2026-10-01
review_by: 2027-10-01
purpose: >
  A guest's first moments at the door decide how they feel about the whole visit.
  This SOP describes how the door team makes every arrival feel expected.
outcome: Every guest is welcomed before they reach the door and knows where to go next.
steps:
  - do: Watch the approach so you see guests before they reach the door.
    why: Opening the door as they arrive shows that they were expected.
  - do: Welcome each guest in your own words and open the door for them.
    why: A genuine welcome feels personal; a recited line does not.
  - do: Offer help with bags, umbrellas or coats when the guest has their hands full.
    why: Taking the load off the guest is the first thing we can do for them.
  - do: Ask who they are visiting and walk them to reception if they seem unsure.
    why: Nobody should have to search for where to go.
cues:
  - notice: A guest arrives with young children and luggage.
    respond: Take the bags first so the parents have their hands free.
  - notice: A regular guest arrives.
    respond: Welcome them back by name and mention something you remember from their last visit.
recovery:
  - when: A guest has been kept waiting outside.
    do: Apologise, bring them in straight away and let reception know they are coming.
checklist:
  - Entrance, glass and handles clean before the doors open
  - Umbrellas and luggage trolley ready by the door
knowledge_check:
  - question: Why do we open the door before the guest reaches it?
    answer: It shows that they were expected.
revisions:
  - version: "1.2"
    date: 2026-10-01
    by: Head Door Concierge
    change: Added cues for guests with children.
"""


@pytest.fixture(name="VALID_SOP")
def _valid_sop() -> str:
    return VALID_SOP


@pytest.fixture(name="VALID_CONFIG")
def _valid_config() -> str:
    return VALID_CONFIG


@pytest.fixture
def make_project(tmp_path):
    """Factory: write a project into tmp_path and return its root folder.

    ``sops`` maps paths inside the sops/ folder to file contents (str, or bytes
    written as they are); by default the project holds VALID_SOP as
    sops/door/welcome-arrivals.yaml.  ``config`` is sopgen.yaml's text, or None
    for a folder without one.  Each call makes a new folder.
    """
    made = 0

    def make(sops: Mapping[str, str | bytes] | None = None, *, config: str | bytes | None = VALID_CONFIG) -> Path:
        nonlocal made
        made += 1
        root = tmp_path / ("project" if made == 1 else f"project-{made}")
        (root / "sops").mkdir(parents=True)
        if config is not None:
            _write(root / "sopgen.yaml", config)
        if sops is None:
            sops = {"door/welcome-arrivals.yaml": VALID_SOP}
        for name, content in sops.items():
            path = root / "sops" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            _write(path, content)
        return root

    return make


def _write(path: Path, content: str | bytes) -> None:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)  # bytes as given: no newline translation


@pytest.fixture
def problems_of(monkeypatch):
    """Load the project at ``root`` from inside it, as `sopgen build` there would.

    Returns every problem found, sorted; their paths are relative to the root
    (``sops/door/welcome.yaml``), as the CLI shows them.
    """
    def problems(root: Path):
        monkeypatch.chdir(root)
        return sorted_problems(load_project(root).problems)

    return problems


def run_cli(args: Sequence[str | os.PathLike], cwd: str | os.PathLike | None = None,
            env: Mapping[str, str | None] | None = None) -> tuple[int, str, str]:
    """Run ``sopgen ARGS`` in ``cwd``; return (exit code, stdout, stderr).

    Colour is off and GitHub Actions detection is cleared unless ``env`` says
    otherwise.  An exception that escaped the CLI is appended to stderr as the
    traceback a user would have seen, so `"Traceback" not in err` catches it.
    """
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()  # stderr is always kept apart
    environment = {"NO_COLOR": "1", "GITHUB_ACTIONS": None, **(env or {})}
    with contextlib.chdir(cwd if cwd is not None else os.getcwd()):
        result = runner.invoke(app, [str(arg) for arg in args], env=environment, catch_exceptions=True)
    try:
        stderr = result.stderr
    except ValueError:  # an old click with stderr mixed into stdout
        stderr = ""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(*result.exc_info))
    return result.exit_code, result.stdout, stderr


@pytest.fixture(name="run_cli")
def _run_cli():
    return run_cli


class GitRepo:
    """A throwaway git repository for tests of comparisons with a ref: commit, branch, clone."""

    def __init__(self, root: Path):
        self.root = root

    def __call__(self, *args: str, cwd: Path | None = None) -> str:
        import subprocess

        result = subprocess.run(["git", *args], cwd=cwd or self.root, capture_output=True, text=True,
                                env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})
        assert result.returncode == 0, f"git {' '.join(args)} failed: {result.stderr}"
        return result.stdout

    def write(self, name: str, content: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        return path

    def commit(self, message: str) -> str:
        self("add", "-A")
        self("commit", "-q", "-m", message)
        return self("rev-parse", "HEAD").strip()


@pytest.fixture
def git_project(make_project):
    """Factory: make_project's project as a git repository on branch main with one commit, then on branch 'change'."""
    def make(sops: Mapping[str, str] | None = None) -> GitRepo:
        repo = GitRepo(make_project(sops))
        repo("init", "-q", "-b", "main")
        repo("config", "user.name", "Sopgen Tests")
        repo("config", "user.email", "tests@example.invalid")
        repo("config", "commit.gpgsign", "false")
        repo.commit("Start the library")
        repo("checkout", "-q", "-b", "change")
        return repo

    return make


class StdioClient:
    """Just enough of an LSP client: Content-Length framing, requests with ids, notifications kept in order.

    ``configuration`` answers the server's workspace/configuration requests, one value per item asked for.
    """

    TIMEOUT = 30

    def __init__(self, command: Sequence[str], cwd: Path, configuration=lambda item: None):
        import queue
        import subprocess
        import threading

        self.process = subprocess.Popen(list(command), cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.incoming: queue.Queue = queue.Queue()
        self.notifications: list[dict] = []
        self.next_id = 0
        self.configuration = configuration
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            self.incoming.put(json.loads(stream.read(int(headers["content-length"]))))

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict):
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.incoming.get(timeout=self.TIMEOUT)
            if message.get("id") == self.next_id and "method" not in message:
                assert "error" not in message, message["error"]
                return message.get("result")
            self._keep(message)

    def _keep(self, message: dict) -> None:
        if "method" in message and "id" in message:  # a request from the server: answer it
            result = None
            if message["method"] == "workspace/configuration":
                result = [self.configuration(item) for item in message["params"]["items"]]
            self._send({"id": message["id"], "result": result})
        self.notifications.append(message)

    def notification(self, method: str, match=lambda params: True) -> dict:
        while True:
            for index, message in enumerate(self.notifications):
                if message.get("method") == method and match(message["params"]):
                    return self.notifications.pop(index)["params"]
            self._keep(self.incoming.get(timeout=self.TIMEOUT))

    def close(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.process.wait(timeout=self.TIMEOUT)
        finally:
            self.process.kill()


@pytest.fixture
def stdio_lsp():
    """Factory: start a language server (a command) in a folder and talk to it as an editor would."""
    started: list[StdioClient] = []

    def start(command: Sequence[str], cwd: Path, configuration=lambda item: None) -> StdioClient:
        client = StdioClient(command, cwd, configuration)
        started.append(client)
        return client

    yield start
    for client in started:
        if client.process.poll() is None:
            client.process.kill()
            client.process.wait()
