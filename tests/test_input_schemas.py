"""JSON Schemas for the programme, sign-off records, stories and audits, checked with check-jsonschema."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from sopgen.authoring.schema_export import audit_schema, programme_schema, record_schema, schema_files, story_schema

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "programme.schema.json": ["programme.yaml"],
    "record.schema.json": sorted(str(p.relative_to(REPO)) for p in (REPO / "records").rglob("*.yaml")),
    "story.schema.json": sorted(str(p.relative_to(REPO)) for p in (REPO / "stories").rglob("*.yaml")),
    "audit.schema.json": sorted(str(p.relative_to(REPO)) for p in (REPO / "audits").rglob("*.yaml")),
}
MISTAKES = {
    "programme.schema.json": ("programme.yaml", "session_minutes: 120", "session_minuets: 120"),
    "record.schema.json": ("records/sign-offs.yaml", "signed_off: 2026-09-14", "signed_off: 14/09/2026"),
    "story.schema.json": ("stories/water-for-juno.yaml", "touchpoint:", "touch_point:"),
    "audit.schema.json": ("audits/door/2026-09-02.yaml", "result: met", "result: mostly"),
}


@pytest.mark.parametrize("schema", [programme_schema(), record_schema(), story_schema(), audit_schema()],
                         ids=["programme", "record", "story", "audit"])
def test_schemas_are_valid_draft_07(schema):
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_schema_command_and_init_write_every_schema(tmp_path, run_cli):
    assert set(schema_files()) == {"sop.schema.json", "sopgen.schema.json", *EXAMPLES}
    run_cli(["init", tmp_path])
    for name, data in schema_files().items():
        assert (tmp_path / "schemas" / name).read_bytes() == data


def test_init_maps_every_schema_to_its_files_in_the_editor_settings(tmp_path, run_cli):
    run_cli(["init", tmp_path])
    mapping = json.loads((tmp_path / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert {Path(path).name for path in mapping} == set(schema_files())
    assert mapping["./schemas/programme.schema.json"] == ["programme.yaml"]
    assert mapping["./schemas/audit.schema.json"] == ["audits/**/*.yaml", "audits/**/*.yml"]


def test_the_readme_shows_the_editor_settings_init_writes():
    settings = (REPO / "sopgen/starter/vscode-settings.json").read_text(encoding="utf-8")
    assert f"```json\n{settings}```" in (REPO / "README.md").read_text(encoding="utf-8")


def _check_jsonschema() -> str:
    found = shutil.which("check-jsonschema", path=os.path.dirname(sys.executable)) or shutil.which("check-jsonschema")
    if found is None:
        pytest.skip("check-jsonschema is not installed (pip install check-jsonschema)")
    return found


@pytest.fixture(scope="module")
def schema_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("schemas")
    for name, data in schema_files().items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("name", EXAMPLES)
def test_check_jsonschema_accepts_the_example_project(schema_dir, name):
    run = subprocess.run([_check_jsonschema(), "--schemafile", str(schema_dir / name), *EXAMPLES[name]],
                         cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("name", MISTAKES)
def test_check_jsonschema_catches_a_mistake(schema_dir, tmp_path, name):
    source, right, wrong = MISTAKES[name]
    text = (REPO / source).read_text(encoding="utf-8")
    assert right in text
    broken = tmp_path / Path(source).name
    broken.write_text(text.replace(right, wrong, 1), encoding="utf-8")
    run = subprocess.run([_check_jsonschema(), "--schemafile", str(schema_dir / name), str(broken)],
                         capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr


# --------------------------------------------------------------------------- in yaml-language-server

@pytest.fixture
def yaml_server(tmp_path, run_cli, stdio_lsp):
    """yaml-language-server (the one VS Code's YAML extension runs) on a new project, with init's settings."""
    server = shutil.which("yaml-language-server")
    if server is None:
        pytest.skip("yaml-language-server is not installed (npm install -g yaml-language-server)")
    run_cli(["init", tmp_path])
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text(encoding="utf-8"))
    yaml_settings = {"schemas": settings["yaml.schemas"], "validate": True, "completion": True, "hover": True}
    sections = {"yaml": yaml_settings, "[yaml]": {}, "editor": {}, "files": {}, "http": {}}
    client = stdio_lsp([server, "--stdio"], tmp_path, lambda item: sections.get(item.get("section")))
    client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(),
                                  "workspaceFolders": [{"uri": tmp_path.as_uri(), "name": "project"}],
                                  "capabilities": {"workspace": {"configuration": True}}})
    client.notify("initialized", {})
    client.notify("workspace/didChangeConfiguration", {"settings": {"yaml": yaml_settings}})
    client.root = tmp_path
    return client


def _diagnostics(client, name: str, text: str) -> list[dict]:
    path = client.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "yaml",
                                                            "version": 1, "text": text}})
    return client.notification("textDocument/publishDiagnostics",
                               lambda params: params["uri"] == path.as_uri())["diagnostics"]


def _changed(client, name: str, text: str) -> list[dict]:
    uri = (client.root / name).as_uri()
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": text}]})
    return client.notification("textDocument/publishDiagnostics", lambda params: params["uri"] == uri)["diagnostics"]


@pytest.mark.parametrize("name", MISTAKES)
def test_the_editor_settings_init_writes_make_yaml_language_server_use_each_schema(yaml_server, name):
    source, right, wrong = MISTAKES[name]
    target = {"programme.schema.json": "programme.yaml", "record.schema.json": "records/sign-offs.yaml",
              "story.schema.json": "stories/a-story.yaml", "audit.schema.json": "audits/door/2026-09-02.yaml"}[name]
    text = (REPO / source).read_text(encoding="utf-8")
    assert _diagnostics(yaml_server, target, text) == []
    broken = _changed(yaml_server, target, text.replace(right, wrong, 1))
    assert broken, f"yaml-language-server found nothing wrong in {target} with {wrong!r}"
