"""`sopgen lsp` over stdio, driven by a plain JSON-RPC client as an editor would drive it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (pip install 'sopgen[lsp]')")

ROBOTIC = ("Watch the approach", "Always watch the approach")


@pytest.fixture
def project(make_project, VALID_SOP):
    root = make_project({"door/welcome-arrivals.yaml": VALID_SOP,
                         "door/other.yaml": VALID_SOP.replace("door-welcome-arrivals", "door-other")})
    (root / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    with (root / "sopgen.yaml").open("a", encoding="utf-8") as config:
        config.write("programme: programme.yaml\n")
    return root


@pytest.fixture
def client(project, stdio_lsp):
    started = stdio_lsp([sys.executable, "-m", "sopgen", "lsp"], project)
    result = started.request("initialize", {"processId": None, "rootUri": project.as_uri(), "capabilities": {}})
    started.notify("initialized", {})
    started.capabilities = result["capabilities"]
    yield started
    if started.process.poll() is None:
        started.process.kill()


def open_document(client, path: Path, text: str, version: int = 1) -> list[dict]:
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": version,
                                                            "text": text}})
    return client.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)["diagnostics"]


def test_the_server_offers_hover_completion_and_code_actions(client):
    capabilities = client.capabilities
    assert capabilities["hoverProvider"] and capabilities["completionProvider"]
    assert capabilities["codeActionProvider"] and "sopgen.explain" in capabilities["executeCommandProvider"]["commands"]


def test_wording_findings_are_published_as_you_type_and_cleared_when_fixed(client, project, VALID_SOP):
    path = project / "sops/door/welcome-arrivals.yaml"
    diagnostics = open_document(client, path, VALID_SOP.replace(*ROBOTIC))
    assert [(d["code"], d["source"], d["severity"]) for d in diagnostics] == [("SOP105", "sopgen", 2)]
    assert diagnostics[0]["range"] == {"start": {"line": 14, "character": 8}, "end": {"line": 14, "character": 14}}
    client.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": 2},
                                             "contentChanges": [{"text": VALID_SOP}]})
    fixed = client.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == path.as_uri())
    assert fixed["diagnostics"] == []
    assert client.close() == 0


def test_validation_problems_are_published_for_unsaved_text(client, project, VALID_SOP):
    diagnostics = open_document(client, project / "sops/door/new.yaml",
                                VALID_SOP.replace("door-welcome-arrivals", "door-new").replace("touchpoint: door",
                                                                                            "touchpoint: dor"))
    assert [d["code"] for d in diagnostics] == ["SOP012"]
    assert "did you mean 'door'" in diagnostics[0]["message"]
    assert diagnostics[0]["range"]["start"] == {"line": 2, "character": 12}


def test_project_files_are_validated_with_the_whole_project(client, project):
    text = PROGRAMME.replace("sops: [door-welcome-arrivals]", "sops: [door-welcome-arrivalz]")
    diagnostics = open_document(client, project / "programme.yaml", text)
    assert [d["code"] for d in diagnostics] == ["SOP030"]
    assert diagnostics[0]["range"]["start"]["line"] == text.split("\n").index(
        "        sops: [door-welcome-arrivalz]")


def test_hover_on_a_finding_explains_its_rule(client, project, VALID_SOP):
    path = project / "sops/door/welcome-arrivals.yaml"
    open_document(client, path, VALID_SOP.replace(*ROBOTIC))
    hover = client.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()},
                                                  "position": {"line": 14, "character": 10}})
    assert hover["contents"]["kind"] == "markdown"
    assert hover["contents"]["value"].startswith("**SOP105 absolute-language**")
    assert "How to fix:" in hover["contents"]["value"]
    elsewhere = client.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()},
                                                      "position": {"line": 1, "character": 3}})
    assert elsewhere is None


def labels(result) -> list[str]:
    items = result["items"] if isinstance(result, dict) else result
    return [item["label"] for item in items]


def test_completion_offers_touchpoint_ids_and_sop_ids(client, project, VALID_SOP):
    path = project / "sops/door/new.yaml"
    text = VALID_SOP.replace("touchpoint: door", "touchpoint: ") + "supersedes:\n  - \n"
    open_document(client, path, text)
    touchpoints = client.request("textDocument/completion", {"textDocument": {"uri": path.as_uri()},
                                                             "position": {"line": 2, "character": 12}})
    assert labels(touchpoints)[:3] == ["door", "concierge-desk", "reception"]
    last = len(text.split("\n")) - 2
    sops = client.request("textDocument/completion", {"textDocument": {"uri": path.as_uri()},
                                                      "position": {"line": last, "character": 4}})
    assert labels(sops) == ["door-other", "door-welcome-arrivals"]
    programme = project / "programme.yaml"
    open_document(client, programme, PROGRAMME)
    line = PROGRAMME.split("\n").index("        sops: [door-welcome-arrivals]")
    in_programme = client.request("textDocument/completion", {"textDocument": {"uri": programme.as_uri()},
                                                              "position": {"line": line, "character": 15}})
    assert labels(in_programme) == ["door-other", "door-welcome-arrivals"]


def test_code_actions_allow_the_rule_with_a_reason_and_explain_it(client, project, VALID_SOP):
    path = project / "sops/door/welcome-arrivals.yaml"
    text = VALID_SOP.replace(*ROBOTIC)
    diagnostics = open_document(client, path, text)
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": path.as_uri()}, "range": diagnostics[0]["range"],
        "context": {"diagnostics": diagnostics}})
    by_title = {action["title"]: action for action in actions}
    allow = by_title["Allow SOP105 in this step (then write why under 'reason:')"]
    (edit,) = allow["edit"]["changes"][path.as_uri()]
    edited = apply(text, edit)
    assert ("Always watch the approach so you see guests before they reach the door.\n"
            "    why: Opening the door as they arrive shows that they were expected.\n"
            "    allow: [SOP105]\n    reason: ") in edited
    client.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": 2},
                                             "contentChanges": [{"text": edited}]})
    after = client.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == path.as_uri())
    assert [d["code"] for d in after["diagnostics"]] == ["SOP014"]  # until the reason is written
    written = edited.replace("    reason: ", "    reason: The habit matters more than the exception here. #", 1)
    client.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": 3},
                                             "contentChanges": [{"text": written}]})
    assert client.notification("textDocument/publishDiagnostics",
                               lambda p: p["uri"] == path.as_uri())["diagnostics"] == []

    explain = by_title["Explain SOP105"]["command"]
    result = client.request("workspace/executeCommand", {"command": explain["command"],
                                                         "arguments": explain["arguments"]})
    shown = client.notification("window/showMessage")
    assert shown["message"] == result and result.startswith("**SOP105 absolute-language**")


def apply(text: str, edit: dict) -> str:
    lines = text.split("\n")
    start, end = edit["range"]["start"], edit["range"]["end"]
    assert start == end
    line = lines[start["line"]]
    lines[start["line"]] = line[:start["character"]] + edit["newText"] + line[start["character"]:]
    return "\n".join(lines)


def test_a_file_outside_any_project_gets_no_diagnostics(client, tmp_path, VALID_SOP):
    outside = tmp_path / "elsewhere" / "x.yaml"
    outside.parent.mkdir()
    assert open_document(client, outside, VALID_SOP.replace(*ROBOTIC)) == []


PROGRAMME = """\
programmes:
  - id: front-of-house
    name: Front-of-house foundations
    audience:
      touchpoints: [door]
    modules:
      - title: The first thirty seconds
        sops: [door-welcome-arrivals]
        objectives:
          - Greet an arriving guest before they reach the door.
        session_minutes: 60
        activities:
          - type: shadowing
            minutes: 45
        assessment:
          observed_by: trainer
"""


def test_a_file_opened_through_a_linked_folder_is_read_from_the_editor(client, project, VALID_SOP, tmp_path):
    link = tmp_path / "linked"
    link.symlink_to(project, target_is_directory=True)
    diagnostics = open_document(client, link / "sops/door/welcome-arrivals.yaml", VALID_SOP.replace(*ROBOTIC))
    assert [d["code"] for d in diagnostics] == ["SOP105"]
