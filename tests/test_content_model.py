"""The content model for real SOPs: scope, when, definitions, equipment, safety, standards, records,
meta, step titles and detail, and phases, as authors write them and every output shows them."""

from __future__ import annotations

import json

import pytest

FILE = "sops/door/welcome-arrivals.yaml"

# The VALID_SOP's steps, regrouped in two phases, with titles and detail.
PHASED_STEPS = """\
steps:
  - phase: Before the guest reaches the door
    steps:
      - title: Watch the approach
        do: Watch the approach so you see guests before they reach the door.
        how: Stand where you can see the drop-off lane and the pavement.
        why: Opening the door as they arrive shows that they were expected.
      - do: Welcome each guest in your own words and open the door for them.
        why: A genuine welcome feels personal; a recited line does not.
  - phase: At the door
    steps:
      - do: Offer help with bags, umbrellas or coats when the guest has their hands full.
        why: Taking the load off the guest is the first thing we can do for them.
      - do: Ask who they are visiting and walk them to reception if they seem unsure.
        how: Walk a little ahead and to the side, so the guest can follow easily.
        why: Nobody should have to search for where to go.
"""

EXTRA_FIELDS = """\
meta:
  code: DC-WEL-001
  department: Front Office
scope:
  applies_to: Everyone on the door, including agency cover.
  excludes: Coach groups, which follow the groups SOP.
when:
  trigger: A guest approaches the entrance.
  frequency: Every arrival
definitions:
  - term: Drop-off lane
    meaning: The marked bay in front of the main entrance.
equipment:
  - Large golf umbrellas
  - Luggage trolley
safety:
  - note: Keep the revolving door on slow speed while a wheelchair user passes.
    why: A door at full speed can catch a wheel or a foot.
standards:
  - measure: Guests who reach the door before it is opened
    target: None on a mystery-guest visit
    why: A door opened in time is what tells a guest they were expected.
records:
  - name: Luggage tag log
    kept_by: Head Door Concierge
    retention: One month
"""


def steps_replaced(sop: str, steps: str) -> str:
    start = sop.index("steps:\n")
    end = sop.index("cues:\n")
    return sop[:start] + steps + sop[end:]


@pytest.fixture
def rich_sop(VALID_SOP):
    return steps_replaced(VALID_SOP, PHASED_STEPS).replace("cues:\n", EXTRA_FIELDS + "cues:\n", 1)


def shown(problems):
    return [f"{p.path}:{p.line}:{p.column}: {p.message}" for p in problems]


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


# --------------------------------------------------------------------------- reading and validating


def test_a_sop_with_every_new_field_is_valid_and_lint_clean(make_project, run_cli, rich_sop):
    root = make_project({"door/welcome-arrivals.yaml": rich_sop})
    code, out, err = run_cli(["check"], cwd=root)
    assert (code, err) == (0, ""), out
    assert "no problems found" in out


def test_steps_in_phases_are_one_list_numbered_across_the_phases(make_project, problems_of, rich_sop):
    from sopgen.pipeline import load_project

    root = make_project({"door/welcome-arrivals.yaml": rich_sop})
    assert problems_of(root) == []
    [sop] = load_project(root).sops
    assert [step.phase for step in sop.steps] == ["Before the guest reaches the door"] * 2 + ["At the door"] * 2
    assert sop.steps[0].title == "Watch the approach"
    assert sop.steps[3].how.startswith("Walk a little ahead")
    # The fourth step, the second of the second phase, is found where it is written.
    assert sop.span("steps[3].do").line == line_of(rich_sop, "Ask who they are visiting")


def test_the_linter_reads_a_steps_how_and_names_the_step_by_its_number_across_phases(make_project, run_cli,
                                                                                     rich_sop):
    text = rich_sop.replace("how: Walk a little ahead and to the side, so the guest can follow easily.",
                            "how: Smile warmly and greet them within 10 seconds.")
    root = make_project({"door/welcome-arrivals.yaml": text})
    code, out, _ = run_cli(["lint", "--format", "json"], cwd=root)
    findings = json.loads(out)["findings"]
    on_how = {f["rule"]: f for f in findings if "step 4 (how)" in f["message"]}
    assert {"SOP104", "SOP103"} <= set(on_how)
    assert on_how["SOP104"]["line"] == line_of(text, "Smile warmly")


def test_the_timing_rule_says_a_measure_belongs_in_standards(make_project, run_cli, VALID_SOP):
    text = VALID_SOP.replace("Watch the approach so you see guests before they reach the door.",
                             "Greet every guest within 10 seconds of arrival.")
    code, out, _ = run_cli(["lint"], cwd=make_project({"door/welcome-arrivals.yaml": text}))
    assert "SOP103" in out and "belongs under 'standards:'" in out


def test_an_allow_without_a_reason_inside_a_phase_is_reported_with_the_steps_number(make_project, problems_of,
                                                                                   rich_sop):
    text = rich_sop.replace("      - do: Offer help with bags",
                            "      - allow: [SOP103]\n        do: Offer help with bags")
    found = problems_of(make_project({"door/welcome-arrivals.yaml": text}))
    assert shown(found) == [f"{FILE}:{line_of(text, 'allow: [SOP103]')}:17: step 3 allows SOP103 without a reason"]


def test_a_mistake_inside_a_phase_names_the_phase(make_project, problems_of, rich_sop):
    text = rich_sop.replace("      - do: Offer help with bags", "      - wy: x\n        do: Offer help with bags")
    [problem] = problems_of(make_project({"door/welcome-arrivals.yaml": text}))
    assert problem.message == "unknown key 'wy' in step 1 of phase 2 (did you mean 'why'?)"
    assert problem.line == line_of(text, "wy: x")


def test_steps_may_not_mix_phases_and_plain_steps(make_project, problems_of, VALID_SOP):
    text = VALID_SOP.replace("steps:\n", "steps:\n  - phase: Arrival\n    steps:\n"
                             "      - do: Look up.\n        why: To see.\n", 1)
    found = problems_of(make_project({"door/welcome-arrivals.yaml": text}))
    assert shown(found) == [f"{FILE}:{line_of(text, '  - do: Watch the approach')}:5: 'steps' mixes a step with a "
                            "phase before it"]
    assert "every entry as a phase" in found[0].hint


@pytest.mark.parametrize("field, written, message", [
    ("equipment", "equipment: []\n", "'equipment' is an empty list"),
    ("equipment", "equipment:\n", "'equipment' is empty"),
    ("standards", "standards:\n", "'standards' is empty"),
    ("meta", "meta: {}\n", "'meta' is empty"),
    ("scope", "scope: {}\n", "'scope' says nothing"),
    ("when", "when:\n  trigger: ''\n", "'when' says nothing"),
])
def test_a_new_field_written_empty_is_reported_where_it_is(make_project, problems_of, VALID_SOP, field, written,
                                                            message):
    text = VALID_SOP.replace("cues:\n", written + "cues:\n", 1)
    found = problems_of(make_project({"door/welcome-arrivals.yaml": text}))
    assert [p.line for p in found] == [line_of(text, written)]
    assert found[0].message == message and found[0].code == "SOP007"


@pytest.mark.parametrize("written, message", [
    ("standards:\n  - measure: x\n    target: y\n    wy: z\n",
     "unknown key 'wy' in standard 1 (did you mean 'why'?)"),
    ("records:\n  - name: Key log\n    kept: FOM\n", "unknown key 'kept' in record 1"),
    ("safety:\n  - why: x\n", "missing required field 'note' in safety note 1"),
    ("definitions:\n  - term: Walk-in\n", "missing required field 'meaning' in definition 1"),
    ("equipment:\n  - one: two\n", "item 1 must be text, not a mapping"),
    ("meta:\n  code/x: DC-1\n", "the meta key 'code/x' is not a short name"),
    ("meta:\n  code: [a, b]\n", "'meta' for 'code' must be text, not a list"),
])
def test_bad_shapes_in_the_new_fields_are_reported_with_their_place(make_project, problems_of, VALID_SOP,
                                                                    written, message):
    text = VALID_SOP.replace("cues:\n", written + "cues:\n", 1)
    found = problems_of(make_project({"door/welcome-arrivals.yaml": text}))
    assert len(found) == 1 and found[0].message.startswith(message), shown(found)
    assert line_of(text, written) <= found[0].line <= line_of(text, written) + written.count("\n")


def test_did_you_mean_does_not_offer_a_distant_word(make_project, problems_of, VALID_SOP):
    # 'resources' shares letters with 'references' but is another word: difflib offered it.
    text = VALID_SOP.replace("cues:\n", "resources:\n  - The lost property log\ncues:\n", 1)
    [problem] = problems_of(make_project({"door/welcome-arrivals.yaml": text}))
    assert problem.message == "unknown key 'resources'"
    assert "did you mean" not in problem.message


def test_did_you_mean_still_offers_a_slip_of_the_keyboard(make_project, problems_of, VALID_SOP):
    text = VALID_SOP.replace("cues:\n", "equipmnet:\n  - Trolley\ncues:\n", 1)
    [problem] = problems_of(make_project({"door/welcome-arrivals.yaml": text}))
    assert problem.message == "unknown key 'equipmnet' (did you mean 'equipment'?)"


def test_definitions_is_a_field_now(make_project, problems_of, VALID_SOP):
    text = VALID_SOP.replace("cues:\n", "definitions:\n  - term: Regular\n    meaning: A guest who has stayed "
                             "three times or more.\ncues:\n", 1)
    assert problems_of(make_project({"door/welcome-arrivals.yaml": text})) == []


# --------------------------------------------------------------------------- consistent text


def test_a_markdown_table_in_step_text_is_refused_with_what_to_do(make_project, problems_of, VALID_SOP):
    table = ("    do: |\n      Set the room for the size of the group.\n\n      | Guests | Layout |\n"
             "      | --- | --- |\n      | 8 | Boardroom |\n")
    text = VALID_SOP.replace("  - do: Watch the approach so you see guests before they reach the door.\n",
                             "  -" + table[3:], 1)
    [problem] = problems_of(make_project({"door/welcome-arrivals.yaml": text}))
    assert problem.code == "SOP017" and problem.line == line_of(text, "do: |")
    assert "holds a Markdown table" in problem.message and "'standards'" in problem.hint


def test_a_picture_or_a_link_to_a_file_in_text_is_warned_about_where_it_is(make_project, run_cli, VALID_SOP):
    text = (VALID_SOP
            .replace("Watch the approach so you see guests", "Watch the approach ![plan](assets/door.png) so you see "
                     "guests")
            .replace("Nobody should have to search", "See [the map](docs/map.pdf); nobody should have to search")
            .replace("A genuine welcome feels personal", "See [our values](https://example.org/values), as a genuine "
                     "welcome feels personal")
            .replace("Offer help with bags", "Smile and offer help with bags"))
    code, out, err = run_cli(["lint"], cwd=make_project({"door/welcome-arrivals.yaml": text}))
    line = line_of(text, "![plan]")
    column = text.splitlines()[line - 1].index("![plan]") + 1
    assert f"{FILE}:{line}:{column}: SOP019 warning a picture written in the text is not shown by any output" in out
    assert "'docs/map.pdf' names a file, which breaks in the site and the PDF" in out
    assert "example.org" not in out
    assert "SOP104" in out   # the SOP's wording was still read
    assert code == 1         # findings, not invalid input (2)


def test_build_reports_the_wording_findings_check_reports(make_project, run_cli, VALID_SOP):
    text = VALID_SOP.replace("Watch the approach so you see guests before they reach the door.",
                             "Smile and greet every guest within 10 seconds.")
    root = make_project({"door/welcome-arrivals.yaml": text})
    code, out, err = run_cli(["build", "--format", "md"], cwd=root)
    assert code == 0, err
    assert "No warnings." not in out
    assert "Wording: 2 findings in the library (2 warnings); `sopgen check` shows where." in out


def test_build_of_a_clean_library_still_says_no_warnings(make_project, run_cli):
    code, out, _ = run_cli(["build", "--format", "md"], cwd=make_project())
    assert code == 0 and "No warnings." in out and "Wording" not in out


# --------------------------------------------------------------------------- outputs


def test_the_site_shows_the_new_sections_and_numbers_steps_across_phases(make_project, run_cli, rich_sop):
    root = make_project({"door/welcome-arrivals.yaml": rich_sop})
    code, _, err = run_cli(["build", "--format", "html"], cwd=root)
    assert code == 0, err
    page = (root / "build/html/door-welcome-arrivals.html").read_text(encoding="utf-8")
    assert '<h3 class="phase-title">At the door</h3>' in page
    assert '<ol class="steps" start="3">' in page and '<li class="step" value="4">' in page
    assert '<p class="step-title">Watch the approach</p>' in page
    assert "Stand where you can see the drop-off lane" in page
    for heading in ("Scope", "When", "Definitions", "Safety and legal", "What you need", "Service standards",
                    "Records kept"):
        assert f'class="section-title">{heading}</h2>' in page, heading
    assert "<td>None on a mystery-guest visit</td>" in page
    assert '<th scope="row">code</th><td colspan="3">DC-WEL-001</td>' in page


def test_markdown_shows_phases_as_headings_and_the_new_sections(make_project, run_cli, rich_sop):
    root = make_project({"door/welcome-arrivals.yaml": rich_sop})
    assert run_cli(["build", "--format", "md"], cwd=root)[0] == 0
    md = (root / "build/md/door-welcome-arrivals.md").read_text(encoding="utf-8")
    assert "### At the door\n\n3. Offer help with bags" in md
    assert "1. **Watch the approach**\n\n    Watch the approach" in md
    assert "    *How:* Stand where you can see" in md
    assert "| Guests who reach the door before it is opened | None on a mystery-guest visit |" in md
    assert "## What you need\n\n- Large golf umbrellas\n- Luggage trolley" in md
    assert "| department | Front Office |" in md


def test_the_shift_checklist_lists_what_you_need(make_project, run_cli, rich_sop):
    from sopgen.pipeline import load_valid_project
    from sopgen.render.context import handbook_context
    from sopgen.render.environment import make_environment
    import datetime as dt

    root = make_project({"door/welcome-arrivals.yaml": rich_sop})
    project = load_valid_project(root)
    env = make_environment(project.config.templates_dir)
    html = env.get_template("checklists.html").render(handbook_context(project, dt.date(2026, 12, 1)))
    assert "What you need" in html and "Large golf umbrellas; Luggage trolley" in html


def test_a_project_can_restyle_one_section_by_its_partials_name(make_project, run_cli, rich_sop):
    root = make_project({"door/welcome-arrivals.yaml": rich_sop})
    (root / "templates/partials").mkdir(parents=True)
    (root / "templates/partials/standards.html").write_text(
        "{% for s in sop.standards %}<p class='house-standard'>{{ s.measure }}: {{ s.target }}</p>{% endfor %}\n")
    assert run_cli(["build", "--format", "html"], cwd=root)[0] == 0
    page = (root / "build/html/door-welcome-arrivals.html").read_text(encoding="utf-8")
    assert "<p class='house-standard'>Guests who reach the door before it is opened: None" in page
    assert '<table class="standards">' not in page


def test_the_json_schema_accepts_phases_and_the_new_fields_and_rejects_a_misspelt_key(rich_sop):
    import jsonschema
    import yaml

    from sopgen.authoring.schema_export import sop_schema

    schema = sop_schema()
    # Read as an editor reads it: dates stay text (BaseLoader keeps every scalar as text).
    jsonschema.validate(yaml.load(rich_sop, Loader=yaml.BaseLoader), schema)   # raises if it is refused
    bad = yaml.load(rich_sop.replace("    target: None", "    targte: None"), Loader=yaml.BaseLoader)
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(bad)]
    assert any("'targte' was unexpected" in message for message in errors), errors
    assert "standards" in schema["properties"] and "figures" in schema["properties"]


def test_diff_shows_a_changed_how(make_project, rich_sop):
    from sopgen.pipeline import load_project
    from sopgen.review.changes import compare

    old = load_project(make_project({"door/welcome-arrivals.yaml": rich_sop})).sops[0]
    new = load_project(make_project({"door/welcome-arrivals.yaml": rich_sop.replace(
        "Stand where you can see the drop-off lane", "Stand by the lamp post where you can see the drop-off lane")})
    ).sops[0]
    changes = compare("modified", FILE, None, old, new)
    [reworded] = changes.reworded
    assert [name for name, *_ in reworded.changed_parts()] == ["how"]
