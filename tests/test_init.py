"""`sopgen init`: a new project that is valid, lint-clean and builds straight away."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from sopgen.authoring.scaffold import DEFAULT_JOURNEY, a_year_later, yaml_text
from sopgen.authoring.schema_export import config_schema, sop_schema

REPO = Path(__file__).resolve().parent.parent


def files_in(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_init_makes_a_project_that_lints_clean_and_builds(tmp_path, run_cli):
    root = tmp_path / "standards"
    code, out, err = run_cli(["init", root])
    assert code == 0, err
    sops = sorted(root.glob("sops/*/*.yaml"))
    assert [p.parent.name for p in sops] == sorted(t.id for t in DEFAULT_JOURNEY)
    assert "Created a sopgen project" in out and "sops/door/" in out

    code, out, err = run_cli(["lint"], cwd=root)
    assert (code, err) == (0, "")
    assert "7 files checked: no problems found" in out
    code, out, err = run_cli(["build", "--format", "html"], cwd=root)
    assert code == 0, err
    assert (root / "build" / "html" / "index.html").is_file()


def test_examples_follow_the_house_style(tmp_path, run_cli):
    run_cli(["init", tmp_path])
    for path in tmp_path.glob("sops/*/*.yaml"):
        sop = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert sop["id"] == f"{path.parent.name}-{path.stem}"
        assert len(sop["steps"]) == 5 and all(step.get("why") for step in sop["steps"])
        assert sop["cues"] and sop["recovery"] and sop["checklist"] and sop["knowledge_check"]


def test_init_with_touchpoints_makes_only_those_with_an_example_each(tmp_path, run_cli):
    code, _, err = run_cli(["init", tmp_path, "--touchpoint", "reception", "-t", "spa,pool-bar"])
    assert code == 0, err
    config = yaml.safe_load((tmp_path / "sopgen.yaml").read_text(encoding="utf-8"))
    assert [t["id"] for t in config["journey"]] == ["reception", "spa", "pool-bar"]
    assert config["journey"][2]["name"] == "Pool bar"
    assert {p.parent.name for p in tmp_path.glob("sops/*/*.yaml")} == {"reception", "spa", "pool-bar"}
    assert "Welcoming guests at the pool bar" in (tmp_path / "sops/pool-bar/welcoming-guests.yaml").read_text()
    assert run_cli(["lint"], cwd=tmp_path)[0] == 0


@pytest.mark.parametrize("touchpoint", ["Front Desk", "null", "front--desk"])
def test_init_refuses_a_touchpoint_that_is_not_an_id(tmp_path, run_cli, touchpoint):
    code, _, err = run_cli(["init", tmp_path / "p", "-t", touchpoint])
    assert code == 2
    assert "is not valid" in err and "Traceback" not in err
    assert not (tmp_path / "p").exists()


def test_init_writes_schemas_editor_settings_and_gitignore(tmp_path, run_cli):
    run_cli(["init", tmp_path])
    assert files_in(tmp_path) >= {"sopgen.yaml", ".gitignore", ".vscode/settings.json", ".vscode/extensions.json",
                                  "schemas/sop.schema.json", "schemas/sopgen.schema.json"}
    assert "build/" in (tmp_path / ".gitignore").read_text().splitlines()
    assert json.loads((tmp_path / "schemas/sop.schema.json").read_text()) == sop_schema()
    assert json.loads((tmp_path / "schemas/sopgen.schema.json").read_text()) == config_schema()
    mapping = json.loads((tmp_path / ".vscode/settings.json").read_text())["yaml.schemas"]
    for schema_path, globs in mapping.items():
        assert (tmp_path / schema_path).is_file()
        assert globs
    assert mapping["./schemas/sop.schema.json"] == ["sops/**/*.yaml", "sops/**/*.yml"]
    assert not (tmp_path / ".github").exists()


def test_the_new_projects_files_match_its_schemas(tmp_path, run_cli):
    run_cli(["init", tmp_path, "-t", "door,spa"])
    sop_validator = jsonschema.Draft7Validator(sop_schema())
    for path in tmp_path.glob("sops/*/*.yaml"):
        sop = yaml.safe_load(path.read_text(encoding="utf-8"))
        sop["effective"], sop["review_by"] = str(sop["effective"]), str(sop["review_by"])
        assert list(sop_validator.iter_errors(sop)) == []
    config = yaml.safe_load((tmp_path / "sopgen.yaml").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(config_schema()).iter_errors(config)) == []


def test_init_with_github_ci_writes_a_workflow_that_checks_and_uploads_sarif(tmp_path, run_cli):
    code, _, err = run_cli(["init", tmp_path, "--ci", "github", "--install-spec", "sopgen==0.1.0"])
    assert code == 0, err
    workflow = yaml.safe_load((tmp_path / ".github/workflows/sopgen.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert any(run.startswith("python -m pip install") for run in runs)
    assert "sopgen check --format github" in runs
    steps = workflow["jobs"]["code-scanning"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any(run.startswith("sopgen check --format sarif") and run.endswith("> sopgen.sarif") for run in runs)
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "sopgen.sarif"


def test_init_refuses_an_unknown_ci(tmp_path, run_cli):
    code, _, err = run_cli(["init", tmp_path / "p", "--ci", "gitlab"])
    assert code == 2 and "unknown CI 'gitlab'" in err
    assert not (tmp_path / "p").exists()


def test_init_refuses_when_sopgen_yaml_exists_and_writes_nothing(make_project, run_cli):
    root = make_project()
    before = files_in(root)
    code, out, err = run_cli(["init"], cwd=root)
    assert code == 2
    assert "sopgen.yaml" in err and "nothing was written" in err and "Traceback" not in err
    assert files_in(root) == before


def test_init_refuses_to_overwrite_any_file_and_names_it(tmp_path, run_cli):
    (tmp_path / ".gitignore").write_text("*.pdf\n")
    code, _, err = run_cli(["init", tmp_path])
    assert code == 2 and ".gitignore" in err
    assert files_in(tmp_path) == {".gitignore"}
    assert (tmp_path / ".gitignore").read_text() == "*.pdf\n"


def test_examples_have_this_years_dates(tmp_path, run_cli):
    import datetime as dt

    run_cli(["init", tmp_path, "-t", "door"])
    sop = yaml.safe_load(next(tmp_path.glob("sops/door/*.yaml")).read_text(encoding="utf-8"))
    assert sop["review_by"] == a_year_later(sop["effective"])
    assert abs((sop["effective"] - dt.date.today()).days) <= 1


def test_a_year_later_copes_with_a_leap_day():
    import datetime as dt

    assert a_year_later(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


@pytest.mark.parametrize("text", ["Pool bar", "null", "Café: the menu", "He said \"hi\"", "# not a comment",
                                  "- a list?", "1.10", "yes", "  padded"])
def test_yaml_text_is_read_back_unchanged_by_the_loader(tmp_path, text):
    from sopgen.core.load import is_null, load

    path = tmp_path / "value.yaml"
    path.write_text(f"value: {yaml_text(text)}\n", encoding="utf-8")
    _, node, _ = load(path, "value.yaml")
    [(_, value)] = node.value
    assert value.value == text and not is_null(value)


def test_starter_templates_ship_inside_the_package():
    """The templates live in sopgen/starter/, which hatch puts in the wheel with the package."""
    starter = REPO / "sopgen" / "starter"
    assert (starter / "new-sop.yaml").is_file()
    assert {p.name for p in (starter / "examples").iterdir() if p.is_dir()} == {t.id for t in DEFAULT_JOURNEY}
    assert not any(p.name.startswith(".") for p in starter.rglob("*"))     # hidden files are easily lost


def test_init_does_not_import_the_renderers(tmp_path):
    code = ("import sys\nfrom sopgen.cli import app\n"
            f"try:\n    app(['init', {str(tmp_path / 'p')!r}])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('weasyprint', 'jinja2', 'markdown') if m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO).stdout
    assert output.strip().endswith("[]")
    assert (tmp_path / "p" / "sopgen.yaml").is_file()
