"""Behaviour of the output formats: text, JSON, GitHub annotations and SARIF."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from sopgen.core.problems import Problem, Severity, Summary
from sopgen.formats.report import (
    FORMATS,
    RuleInfo,
    format_github,
    format_json,
    format_sarif,
    format_text,
    render,
)

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

ANSI_ESCAPE = "\x1b["


def problem(
    path: str = "sops/front-desk/check-in.yaml",
    line: int = 4,
    column: int = 3,
    code: str = "SOP101",
    rule: str = "vague-step",
    severity: Severity = Severity.WARNING,
    message: str = "step 2 says 'as needed' without saying when",
    hint: str = "",
    end_line: int = 0,
    end_column: int = 0,
) -> Problem:
    return Problem(
        path=path,
        line=line,
        column=column,
        code=code,
        rule=rule,
        severity=severity,
        message=message,
        hint=hint,
        end_line=end_line,
        end_column=end_column,
    )


def summary_of(problems: list[Problem], files: int = 3) -> Summary:
    return Summary.of(problems, files=files)


RULES = [
    RuleInfo(
        code="SOP101",
        name="vague-step",
        summary="Steps should say exactly what to do.",
        help="""Flags steps that use vague wording such as "as needed" or "if necessary".

        Staff follow SOPs under pressure; vague steps get skipped.

        Bad:

            - Restock the minibar as needed.

        Good:

            - Restock the minibar to the par list on every departure clean.
        """,
        severity=Severity.WARNING,
    ),
    RuleInfo(
        code="SOP102",
        name="missing-owner",
        summary="Every SOP names the role that owns it.",
        help="Looks for an owner role.\n\nWithout one nobody keeps the SOP up to date.",
        severity=Severity.ERROR,
    ),
    RuleInfo(
        code="SOP103",
        name="long-step",
        summary="Steps are short enough to read at a glance.",
        help="Flags steps longer than 40 words.",
        severity=Severity.INFO,
    ),
]


# --------------------------------------------------------------------------- text


def test_text_line_shows_location_code_severity_and_message():
    p = problem()
    out = format_text([p], summary_of([p]), color=False)
    assert out.splitlines()[0] == (
        "sops/front-desk/check-in.yaml:4:3: SOP101 warning step 2 says 'as needed' without saying when"
    )


def test_text_hint_appears_indented_on_the_next_line():
    p = problem(hint="name the trigger, e.g. 'when fewer than 5 remain'")
    lines = format_text([p], summary_of([p]), color=False).splitlines()
    assert lines[1] == "    hint: name the trigger, e.g. 'when fewer than 5 remain'"


def test_text_without_hint_has_no_hint_line():
    p = problem(hint="")
    out = format_text([p], summary_of([p]), color=False)
    assert "hint:" not in out
    assert len(out.splitlines()) == 2  # the problem and the summary


def test_text_whole_file_problem_has_no_line_or_column():
    p = problem(
        line=0,
        column=0,
        code="SOP001",
        rule="not-a-mapping",
        severity=Severity.ERROR,
        message="the file must be a mapping of keys to values",
    )
    first = format_text([p], summary_of([p]), color=False).splitlines()[0]
    assert first == "sops/front-desk/check-in.yaml: SOP001 error the file must be a mapping of keys to values"


def test_text_validation_problem_is_shown_like_a_lint_finding():
    p = problem(code="SOP003", rule="unknown-key", severity=Severity.ERROR, message="unknown key 'titel'")
    first = format_text([p], summary_of([p]), color=False).splitlines()[0]
    assert first == "sops/front-desk/check-in.yaml:4:3: SOP003 error unknown key 'titel'"


def test_text_summary_line_counts_each_severity_with_plurals():
    problems = [
        problem(severity=Severity.ERROR),
        problem(line=5, severity=Severity.WARNING),
        problem(line=6, severity=Severity.WARNING),
    ]
    out = format_text(problems, summary_of(problems, files=3), color=False)
    assert out.endswith("\n")
    assert out.splitlines()[-1] == "3 files checked: 1 error, 2 warnings, 0 info"


def test_text_summary_line_says_no_problems_found_when_clean():
    out = format_text([], summary_of([], files=5), color=False)
    assert out == "5 files checked: no problems found\n"


def test_text_summary_line_uses_singular_for_one_file():
    p = problem(severity=Severity.INFO)
    out = format_text([p], summary_of([p], files=1), color=False)
    assert out.splitlines()[-1] == "1 file checked: 0 errors, 0 warnings, 1 info"


def test_text_has_no_colour_codes_unless_asked():
    problems = [
        problem(severity=Severity.ERROR, hint="fix it"),
        problem(line=5, severity=Severity.WARNING),
        problem(line=6, severity=Severity.INFO),
    ]
    out = format_text(problems, summary_of(problems), color=False)
    assert ANSI_ESCAPE not in out


@pytest.mark.parametrize(
    ("severity", "colour"),
    [(Severity.ERROR, "\x1b[31m"), (Severity.WARNING, "\x1b[33m"), (Severity.INFO, "\x1b[36m")],
)
def test_text_colours_the_severity_word_when_asked(severity, colour):
    p = problem(severity=severity)
    first = format_text([p], summary_of([p]), color=True).splitlines()[0]
    assert f"{colour}{severity.label}\x1b[0m" in first


def test_text_makes_the_path_bold_when_asked():
    p = problem()
    first = format_text([p], summary_of([p]), color=True).splitlines()[0]
    assert first.startswith("\x1b[1msops/front-desk/check-in.yaml\x1b[0m:4:3: SOP101 ")


def test_text_with_colour_reads_the_same_once_codes_are_removed():
    import re

    p = problem(hint="say when")
    plain = format_text([p], summary_of([p]), color=False)
    coloured = format_text([p], summary_of([p]), color=True)
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


# --------------------------------------------------------------------------- json


def test_json_has_findings_with_the_documented_keys():
    p = problem(hint="say when", end_line=4, end_column=20)
    data = json.loads(format_json([p], summary_of([p])))
    assert set(data) == {"findings", "summary"}
    (finding,) = data["findings"]
    assert finding == {
        "path": "sops/front-desk/check-in.yaml",
        "line": 4,
        "column": 3,
        "end_line": 4,
        "end_column": 20,
        "rule": "SOP101",
        "name": "vague-step",
        "severity": "warning",
        "message": "step 2 says 'as needed' without saying when",
        "hint": "say when",
    }


def test_json_positions_are_one_based_as_given():
    p = problem(line=1, column=1)
    (finding,) = json.loads(format_json([p], summary_of([p])))["findings"]
    assert (finding["line"], finding["column"]) == (1, 1)


def test_json_summary_matches_summary_as_dict():
    problems = [problem(severity=Severity.ERROR), problem(line=9, severity=Severity.INFO)]
    summary = summary_of(problems, files=2)
    data = json.loads(format_json(problems, summary))
    assert data["summary"] == summary.as_dict()
    assert data["summary"] == {"files": 2, "errors": 1, "warnings": 0, "info": 1, "total": 2}


def test_json_is_pretty_printed_with_a_trailing_newline():
    p = problem()
    out = format_json([p], summary_of([p]))
    assert out.endswith("}\n")
    assert out.startswith('{\n  "findings": [')


def test_json_keeps_problem_order():
    problems = [problem(line=2), problem(line=10), problem(path="z.yaml", line=1)]
    data = json.loads(format_json(problems, summary_of(problems)))
    assert [(f["path"], f["line"]) for f in data["findings"]] == [(p.path, p.line) for p in problems]


def test_json_with_no_problems_has_empty_findings():
    data = json.loads(format_json([], summary_of([], files=4)))
    assert data["findings"] == []
    assert data["summary"]["files"] == 4


# --------------------------------------------------------------------------- github


@pytest.mark.parametrize(
    ("severity", "command"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice")],
)
def test_github_annotation_command_follows_severity(severity, command):
    p = problem(severity=severity)
    out = format_github([p], summary_of([p]))
    assert out.startswith(f"::{command} ")


def test_github_annotation_has_file_position_and_title():
    p = problem(end_line=4, end_column=12)
    out = format_github([p], summary_of([p]))
    assert out == (
        "::warning file=sops/front-desk/check-in.yaml,line=4,col=3,endLine=4,endColumn=12,"
        "title=SOP101 vague-step::step 2 says 'as needed' without saying when\n"
    )


def test_github_annotation_omits_zero_positions():
    p = problem(line=0, column=0, code="SOP001", rule="not-a-mapping", severity=Severity.ERROR, message="bad")
    out = format_github([p], summary_of([p]))
    assert out == "::error file=sops/front-desk/check-in.yaml,title=SOP001 not-a-mapping::bad\n"


def test_github_annotation_omits_column_when_only_line_is_known():
    p = problem(line=7, column=0)
    out = format_github([p], summary_of([p]))
    assert ",line=7," in out
    assert "col=" not in out
    assert "endLine=" not in out and "endColumn=" not in out


def test_github_annotation_escapes_newlines_in_message():
    p = problem(message="first line\nsecond line\r\nthird")
    out = format_github([p], summary_of([p]))
    assert out.count("\n") == 1  # only the line terminator
    assert out.rstrip("\n").endswith("::first line%0Asecond line%0Athird")


def test_github_annotation_escapes_percent_in_message():
    p = problem(message="occupancy above 95% for 3 nights")
    out = format_github([p], summary_of([p]))
    assert out.rstrip("\n").endswith("::occupancy above 95%25 for 3 nights")


def test_github_annotation_keeps_colons_and_commas_in_message():
    p = problem(message="use 24h time: 14:00, not 2pm")
    out = format_github([p], summary_of([p]))
    assert out.rstrip("\n").endswith("::use 24h time: 14:00, not 2pm")


def test_github_annotation_escapes_colon_comma_and_percent_in_file_name():
    p = problem(path="sops/a,b:c 100%.yaml")
    out = format_github([p], summary_of([p]))
    assert "file=sops/a%2Cb%3Ac 100%25.yaml,line=4" in out


def test_github_annotation_escapes_newline_in_file_name():
    p = problem(path="odd\nname.yaml")
    out = format_github([p], summary_of([p]))
    assert "file=odd\\nname.yaml," in out   # shown as its escape, like every control character in a name
    assert out.count("\n") == 1


def test_github_annotation_puts_hint_after_an_escaped_newline():
    p = problem(message="vague step", hint="say when: at 10% stock, restock")
    out = format_github([p], summary_of([p]))
    assert out.rstrip("\n").endswith("::vague step%0Ahint: say when: at 10%25 stock, restock")


def test_github_annotation_property_values_cannot_end_the_property_list_early():
    p = problem(path="a,line=1.yaml", code="SOP101", rule="vague-step")
    out = format_github([p], summary_of([p]))
    props = out.split("::")[1].split(" ", 1)[1]
    keys = [item.split("=", 1)[0] for item in props.split(",")]
    assert keys == ["file", "line", "col", "title"]


def test_github_output_has_one_line_per_problem():
    problems = [problem(line=i) for i in range(1, 5)]
    out = format_github(problems, summary_of(problems))
    assert len(out.splitlines()) == 4
    assert all(line.startswith("::warning ") for line in out.splitlines())


def test_github_output_is_empty_without_problems():
    assert format_github([], summary_of([])) == ""


# --------------------------------------------------------------------------- sarif


@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def assert_valid_sarif(validator, text: str) -> dict:
    log = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return log


def sample_problems() -> list[Problem]:
    return [
        problem(
            path="sops/front-desk/check-in.yaml",
            line=0,
            column=0,
            code="SOP001",
            rule="not-a-mapping",
            severity=Severity.ERROR,
            message="the file must be a mapping",
        ),
        problem(path="sops/housekeeping/turndown.yaml", line=3, column=1, code="SOP102", rule="missing-owner",
                severity=Severity.ERROR, message="no owner role", hint="add owner: housekeeping supervisor"),
        problem(path="sops/housekeeping/turndown.yaml", line=12, column=7, code="SOP101", rule="vague-step",
                severity=Severity.WARNING, message="'as needed'", end_line=12, end_column=30),
        problem(path="sops/housekeeping/turndown.yaml", line=20, column=0, code="SOP103", rule="long-step",
                severity=Severity.INFO, message="step has 52 words"),
        problem(path="sops/spa/treatment room.yaml", line=2, column=5, code="SOP003", rule="unknown-key",
                severity=Severity.ERROR, message="unknown key 'titel'", hint="did you mean 'title'?"),
    ]


def test_sarif_log_validates_against_the_sarif_2_1_0_schema(sarif_validator):
    problems = sample_problems()
    log = assert_valid_sarif(
        sarif_validator, format_sarif(problems, summary_of(problems), RULES, tool_version="0.1.0")
    )
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1


def test_sarif_schema_check_would_catch_an_out_of_spec_log(sarif_validator):
    p = problem(line=3, column=2)
    log = json.loads(format_sarif([p], summary_of([p]), RULES, tool_version="0"))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    log["runs"][0]["results"][0]["level"] = "info"
    bad = {tuple(e.absolute_path)[-1] for e in sarif_validator.iter_errors(log)}
    assert bad == {"startColumn", "level"}


def test_sarif_with_no_problems_is_still_a_valid_log(sarif_validator):
    log = assert_valid_sarif(sarif_validator, format_sarif([], summary_of([]), RULES, tool_version="0.1.0"))
    run = log["runs"][0]
    assert run["results"] == []
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["SOP101", "SOP102", "SOP103"]


def test_sarif_driver_describes_sopgen_and_its_rules(sarif_validator):
    log = assert_valid_sarif(
        sarif_validator,
        format_sarif([], summary_of([]), RULES, tool_version="1.2.3", information_uri="https://example.org/sopgen"),
    )
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "sopgen"
    assert driver["version"] == "1.2.3"
    assert driver["informationUri"] == "https://example.org/sopgen"
    vague = driver["rules"][0]
    assert vague["id"] == "SOP101"
    assert vague["name"] == "vague-step"
    assert vague["shortDescription"]["text"] == "Steps should say exactly what to do."
    assert vague["fullDescription"]["text"].startswith("Flags steps that use vague wording")
    assert "Bad:" in vague["help"]["text"] and "Good:" in vague["help"]["text"]
    assert "Restock the minibar to the par list" in vague["help"]["markdown"]
    assert vague["defaultConfiguration"]["level"] == "warning"
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels == {"SOP101": "warning", "SOP102": "error", "SOP103": "note"}


def test_sarif_default_information_uri_points_at_pypi():
    log = json.loads(format_sarif([], summary_of([]), RULES, tool_version="0.1.0"))
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == "https://pypi.org/project/sopgen/"


def test_sarif_rule_index_points_at_the_rule_with_the_same_id(sarif_validator):
    problems = sample_problems()
    log = assert_valid_sarif(
        sarif_validator, format_sarif(problems, summary_of(problems), RULES, tool_version="0.1.0")
    )
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(problems)
    for result, p in zip(run["results"], problems):
        assert result["ruleId"] == p.code
        assert rules[result["ruleIndex"]]["id"] == p.code


def test_sarif_validation_code_not_in_rules_gets_its_own_rule_entry(sarif_validator):
    p = problem(code="SOP003", rule="unknown-key", severity=Severity.ERROR, message="unknown key 'titel'")
    log = assert_valid_sarif(sarif_validator, format_sarif([p], summary_of([p]), RULES, tool_version="0"))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["SOP101", "SOP102", "SOP103", "SOP003"]
    added = rules[run["results"][0]["ruleIndex"]]
    assert added["id"] == "SOP003"
    assert added["name"] == "unknown-key"
    assert added["shortDescription"]["text"]
    assert added["defaultConfiguration"]["level"] == "error"


def test_sarif_adds_an_unknown_code_only_once(sarif_validator):
    problems = [
        problem(line=1, code="SOP003", rule="unknown-key", severity=Severity.ERROR),
        problem(line=2, code="SOP003", rule="unknown-key", severity=Severity.ERROR),
    ]
    log = assert_valid_sarif(sarif_validator, format_sarif(problems, summary_of(problems), [], tool_version="0"))
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["SOP003"]
    assert [r["ruleIndex"] for r in run["results"]] == [0, 0]


@pytest.mark.parametrize(
    ("severity", "level"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note")],
)
def test_sarif_result_level_follows_severity(severity, level):
    p = problem(severity=severity)
    log = json.loads(format_sarif([p], summary_of([p]), RULES, tool_version="0"))
    assert log["runs"][0]["results"][0]["level"] == level


def test_sarif_message_includes_the_hint():
    p = problem(message="no owner role", hint="add owner: housekeeping supervisor")
    log = json.loads(format_sarif([p], summary_of([p]), RULES, tool_version="0"))
    text = log["runs"][0]["results"][0]["message"]["text"]
    assert text.startswith("no owner role")
    assert "add owner: housekeeping supervisor" in text


def test_sarif_region_carries_start_and_end_positions():
    p = problem(line=12, column=7, end_line=13, end_column=4)
    log = json.loads(format_sarif([p], summary_of([p]), RULES, tool_version="0"))
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 12, "startColumn": 7, "endLine": 13, "endColumn": 4}


def test_sarif_region_omits_unknown_end_and_raises_column_zero_to_one(sarif_validator):
    p = problem(line=20, column=0)
    log = assert_valid_sarif(sarif_validator, format_sarif([p], summary_of([p]), RULES, tool_version="0"))
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 20, "startColumn": 1}


def test_sarif_whole_file_problem_has_a_location_without_region(sarif_validator):
    p = problem(line=0, column=0, code="SOP001", rule="not-a-mapping", severity=Severity.ERROR)
    log = assert_valid_sarif(sarif_validator, format_sarif([p], summary_of([p]), RULES, tool_version="0"))
    physical = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": "sops/front-desk/check-in.yaml"}}


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("sops/front-desk/check-in.yaml", "sops/front-desk/check-in.yaml"),
        ("sops\\spa\\massage.yaml", "sops/spa/massage.yaml"),
        ("./sops/bar/close.yaml", "sops/bar/close.yaml"),
        ("sops/spa/treatment room.yaml", "sops/spa/treatment%20room.yaml"),
        ("sops/bar/100%.yaml", "sops/bar/100%25.yaml"),
        ("sops/café/ouverture.yaml", "sops/caf%C3%A9/ouverture.yaml"),
        ("sops/a#b?.yaml", "sops/a%23b%3F.yaml"),
    ],
)
def test_sarif_artifact_uri_is_relative_with_forward_slashes_and_escaped(path, uri, sarif_validator):
    p = problem(path=path)
    log = assert_valid_sarif(sarif_validator, format_sarif([p], summary_of([p]), RULES, tool_version="0"))
    got = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert got == uri
    assert unquote(got) == path.replace("\\", "/").removeprefix("./")


def test_sarif_rules_array_has_no_duplicate_ids_when_rules_repeat(sarif_validator):
    log = assert_valid_sarif(
        sarif_validator, format_sarif([], summary_of([]), RULES + RULES[:1], tool_version="0")
    )
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == ["SOP101", "SOP102", "SOP103"]


# --------------------------------------------------------------------------- render


def test_formats_lists_every_format_in_order():
    assert FORMATS == ("text", "json", "github", "sarif")


def test_render_dispatches_to_each_format():
    problems = sample_problems()
    summary = summary_of(problems)
    assert render("text", problems, summary, RULES) == format_text(problems, summary, color=False)
    assert render("text", problems, summary, RULES, color=True) == format_text(problems, summary, color=True)
    assert render("json", problems, summary, RULES) == format_json(problems, summary)
    assert render("github", problems, summary, RULES) == format_github(problems, summary)
    assert render("sarif", problems, summary, RULES, tool_version="9.9") == format_sarif(
        problems, summary, RULES, tool_version="9.9"
    )


def test_render_accepts_a_one_shot_iterator_of_problems():
    problems = sample_problems()
    out = render("json", iter(problems), summary_of(problems), RULES)
    assert len(json.loads(out)["findings"]) == len(problems)


def test_render_rejects_an_unknown_format():
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        render("xml", [], summary_of([]), RULES)


def test_rule_info_has_exactly_the_documented_fields():
    from dataclasses import fields

    assert [f.name for f in fields(RuleInfo)] == ["code", "name", "summary", "help", "severity"]
