"""Checking SOP files against the SOP shape: every mistake, where it is, and what to do.

Most tests start from MINIMAL, a valid SOP with only the required fields, so
that the line numbers in the expectations can be read off it:

    1 id   2 title   3 touchpoint   4 version   5 status   6 owner
    7 purpose   8 steps   9 - do   10 why
"""

from __future__ import annotations

import pytest

from sopgen.pipeline import load_project

FILE = "sops/door/welcome.yaml"

MINIMAL = """\
id: door-welcome
title: Welcoming guests
touchpoint: door
version: "1.0"
status: draft
owner: Head Door Concierge
purpose: Every arrival should feel expected.
steps:
  - do: Welcome each guest in your own words.
    why: A genuine welcome feels personal.
"""


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} should appear once"
    return text.replace(old, new)


def shown(problem) -> str:
    return f"{problem.location()}: {problem.message}"


@pytest.fixture
def check(make_project, problems_of):
    """Validate ``content`` as sops/door/welcome.yaml; return the problems as the author sees them."""
    def run(content: str) -> list[str]:
        return [shown(p) for p in problems_of(make_project({"door/welcome.yaml": content}))]

    return run


@pytest.fixture
def problems(make_project, problems_of):
    """Like ``check``, but the Problem objects, for their hints."""
    def run(content: str):
        return problems_of(make_project({"door/welcome.yaml": content}))

    return run


@pytest.fixture
def loaded(make_project, monkeypatch):
    """The SOP read from ``content``, which must be valid."""
    def run(content: str):
        root = make_project({"door/welcome.yaml": content})
        monkeypatch.chdir(root)
        project = load_project(root)
        assert project.problems == []
        [sop] = project.sops
        return sop

    return run


def test_minimal_sop_with_only_required_fields_is_valid(check):
    assert check(MINIMAL) == []


def test_complete_example_sop_is_valid(check, VALID_SOP):
    assert check(VALID_SOP) == []


# --------------------------------------------------------------------------- duplicate keys


def test_duplicate_key_is_reported_at_the_second_with_the_line_of_the_first(check, problems):
    content = MINIMAL + "title: Welcoming every guest\n"

    assert check(content) == [f"{FILE}:11:1: duplicate key 'title' (first used on line 2)"]
    assert "YAML would silently drop the other" in problems(content)[0].hint


def test_duplicate_key_inside_a_step_is_reported(check):
    content = edit(MINIMAL, "    why:", "    do: Open the door for them.\n    why:")

    assert check(content) == [f"{FILE}:10:5: duplicate key 'do' (first used on line 9)"]


def test_duplicate_key_does_not_hide_other_mistakes_in_the_file(check):
    content = edit(MINIMAL, "status: draft", "status: drafted") + "owner: Door team\n"

    assert check(content) == [
        f"{FILE}:5:9: 'status' is 'drafted', which is not one of: draft, approved, retired (did you mean 'draft'?)",
        f"{FILE}:11:1: duplicate key 'owner' (first used on line 6)",
    ]


# --------------------------------------------------------------------------- unknown keys


def test_misspelt_key_is_reported_with_its_line_and_a_suggestion(check, problems):
    content = MINIMAL + "outcom: Guests feel expected.\n"

    assert check(content) == [f"{FILE}:11:1: unknown key 'outcom' (did you mean 'outcome'?)"]
    assert "outcome" in problems(content)[0].hint and "knowledge_check" in problems(content)[0].hint


def test_misspelt_required_key_is_reported_as_unknown_and_the_field_as_missing(check):
    content = edit(MINIMAL, "title:", "titel:")

    assert check(content) == [
        f"{FILE}:1:1: missing required field 'title'",
        f"{FILE}:2:1: unknown key 'titel' (did you mean 'title'?)",
    ]


def test_unknown_key_in_a_step_names_the_step_and_suggests_the_key(check):
    content = edit(MINIMAL, "    why:", "    wyh:")

    assert check(content) == [f"{FILE}:10:5: unknown key 'wyh' in step 1 (did you mean 'why'?)"]


def test_unknown_key_with_nothing_like_it_gets_no_suggestion(check):
    assert check(MINIMAL + "colour: red\n") == [f"{FILE}:11:1: unknown key 'colour'"]


# --------------------------------------------------------------------------- wrong types


def test_list_where_text_is_expected_is_reported(check, problems):
    content = edit(MINIMAL, "title: Welcoming guests", "title: [Welcoming, guests]")

    assert check(content) == [f"{FILE}:2:8: 'title' must be text, not a list"]
    assert "after the colon" in problems(content)[0].hint


def test_mapping_where_text_is_expected_is_reported(check):
    content = edit(MINIMAL, "purpose: Every arrival should feel expected.",
                   "purpose:\n  guest: Every arrival should feel expected.")

    assert check(content) == [f"{FILE}:8:3: 'purpose' must be text, not a mapping"]


def test_mapping_for_steps_is_reported_as_not_a_list(check, problems):
    content = edit(MINIMAL, "  - do:", "    do:")

    assert check(content) == [f"{FILE}:9:5: 'steps' must be a list, not a mapping"]
    assert "'- '" in problems(content)[0].hint


def test_step_written_as_plain_text_is_reported(check):
    content = edit(MINIMAL, "  - do: Welcome each guest in your own words.\n    why: A genuine welcome feels personal.\n",
                   "  - Welcome each guest in your own words.\n")

    assert check(content) == [f"{FILE}:9:5: step 1 must be a mapping of keys to values, not text"]


def test_key_that_is_not_text_is_reported_without_a_made_up_suggestion(check):
    assert check(MINIMAL + "[a, b]: c\n") == [f"{FILE}:11:1: unknown key '(not text)'"]


def test_text_where_a_list_is_expected_is_reported(check):
    content = MINIMAL + "checklist: Umbrellas ready by the door\n"

    assert check(content) == [f"{FILE}:11:12: 'checklist' must be a list, not text"]


def test_word_where_true_or_false_is_expected_is_reported(check):
    content = MINIMAL + (
        "knowledge_check:\n"
        "  - question: Why do we open the door early?\n"
        "    choices:\n"
        "      - text: It shows they were expected.\n"
        "        correct: definitely\n"
    )

    assert f"{FILE}:15:18: 'correct' in choice 1 must be true or false, not 'definitely'" in check(content)


# --------------------------------------------------------------------------- numbers and other scalars read as text


@pytest.mark.parametrize("written, text", [("1.2", "1.2"), ("1.10", "1.10"), ("2.0", "2.0"), ("3", "3")])
def test_unquoted_version_number_is_kept_as_written(loaded, written, text):
    sop = loaded(edit(MINIMAL, 'version: "1.0"', f"version: {written}"))

    assert sop.version == text


def test_number_as_title_is_kept_as_written(loaded):
    sop = loaded(edit(MINIMAL, "title: Welcoming guests", "title: 2026"))

    assert sop.title == "2026"


def test_unquoted_revision_version_is_kept_as_written(loaded):
    sop = loaded(MINIMAL + "revisions:\n  - version: 1.10\n    date: 2026-10-01\n    change: First version.\n")

    assert sop.revisions[0].version == "1.10"


def test_yes_and_numbers_in_text_fields_stay_text(loaded):
    sop = loaded(edit(MINIMAL, "owner: Head Door Concierge", "owner: yes") + "checklist:\n  - 007\n  - 1e3\n")

    assert sop.owner == "yes"
    assert sop.checklist == ["007", "1e3"]


# --------------------------------------------------------------------------- required fields

REQUIRED = {
    "id": "id: door-welcome\n",
    "title": "title: Welcoming guests\n",
    "touchpoint": "touchpoint: door\n",
    "version": 'version: "1.0"\n',
    "status": "status: draft\n",
    "owner": "owner: Head Door Concierge\n",
    "purpose": "purpose: Every arrival should feel expected.\n",
    "steps": "steps:\n  - do: Welcome each guest in your own words.\n    why: A genuine welcome feels personal.\n",
}


@pytest.mark.parametrize("name", REQUIRED)
def test_missing_required_field_is_reported_with_how_to_add_it(check, problems, name):
    content = edit(MINIMAL, REQUIRED[name], "")

    assert check(content) == [f"{FILE}:1:1: missing required field '{name}'"]
    assert problems(content)[0].hint.startswith(f"add '{name}:' — ")


def test_every_missing_required_field_is_reported_at_once(check):
    content = "id: door-welcome\n"

    assert check(content) == [f"{FILE}:1:1: missing required field '{name}'"
                              for name in sorted(set(REQUIRED) - {"id"})]


@pytest.mark.parametrize("field, line, column", [("title", 2, 7), ("owner", 6, 7), ("purpose", 7, 9)])
def test_required_field_left_empty_is_reported_on_its_line(check, field, line, column):
    content = "".join(f"{field}:\n" if text.startswith(f"{field}:") else text + "\n"
                      for text in MINIMAL.splitlines())

    assert check(content) == [f"{FILE}:{line}:{column}: '{field}' is empty"]


def test_required_text_of_only_spaces_is_reported_as_empty(check):
    content = edit(MINIMAL, "title: Welcoming guests", 'title: "   "')

    assert check(content) == [f"{FILE}:2:8: 'title' is empty"]


def test_empty_list_of_steps_is_reported(check):
    content = edit(MINIMAL, REQUIRED["steps"], "steps: []\n")

    assert check(content) == [f"{FILE}:8:8: 'steps' is an empty list"]


def test_step_without_do_is_reported_at_the_step(check, problems):
    content = edit(MINIMAL, "  - do: Welcome each guest in your own words.\n    why:", "  - why:")

    assert check(content) == [f"{FILE}:9:5: missing required field 'do' in step 1"]
    assert "what to achieve" in problems(content)[0].hint


def test_cue_and_recovery_missing_their_halves_are_reported(check):
    content = MINIMAL + (
        "cues:\n"
        "  - notice: A guest arrives with luggage.\n"
        "recovery:\n"
        "  - do: Apologise and bring them in.\n"
    )

    assert check(content) == [
        f"{FILE}:12:5: missing required field 'respond' in cue 1",
        f"{FILE}:14:5: missing required field 'when' in recovery item 1",
    ]


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize("date", ["2026-13-01", "2026-02-30", "next week", "01/10/2026", "'2026-10-1'"])
def test_invalid_date_is_reported_with_its_position_and_the_expected_form(check, problems, date):
    content = MINIMAL + f"effective: {date}\n"
    raw = date.strip("'")

    assert check(content) == [f"{FILE}:11:12: 'effective' is not a valid date: '{raw}'"]
    assert problems(content)[0].hint == "write dates as YYYY-MM-DD, for example 2026-10-01"


def test_invalid_date_in_a_revision_names_the_revision(check):
    content = MINIMAL + "revisions:\n  - version: \"1.0\"\n    date: next week\n    change: First version.\n"

    assert check(content) == [f"{FILE}:13:11: 'date' in revision 1 is not a valid date: 'next week'"]


def test_dates_are_read_whether_quoted_or_not(loaded):
    sop = loaded(MINIMAL + "effective: 2026-10-01\nreview_by: \"2027-10-01\"\n")

    assert (sop.effective.isoformat(), sop.review_by.isoformat()) == ("2026-10-01", "2027-10-01")


def test_touchpoint_not_in_the_journey_is_reported_with_a_suggestion(check, problems):
    content = edit(MINIMAL, "touchpoint: door", "touchpoint: recepton")

    assert check(content) == [
        f"{FILE}:3:13: touchpoint 'recepton' is not in the journey (did you mean 'reception'?)"]
    hint = problems(content)[0].hint
    assert hint.startswith("use one of: door, concierge-desk, reception, ")
    assert "add it to the journey in sopgen.yaml" in hint


def test_touchpoint_unlike_any_in_the_journey_gets_no_suggestion(check):
    content = edit(MINIMAL, "touchpoint: door", "touchpoint: spa")

    assert check(content) == [f"{FILE}:3:13: touchpoint 'spa' is not in the journey"]


@pytest.mark.parametrize("sop_id", ["Door-Welcome", "door_welcome", "door welcome", "door--welcome",
                                    "-door", "door-", "dóor"])
def test_id_that_is_not_lowercase_letters_digits_and_hyphens_is_reported(check, problems, sop_id):
    content = edit(MINIMAL, "id: door-welcome", f'id: "{sop_id}"')

    assert check(content) == [f"{FILE}:1:5: 'id' '{sop_id}' is not a valid id"]
    assert "lowercase letters, digits and single hyphens" in problems(content)[0].hint


def test_id_with_a_trailing_line_break_is_not_valid(check):
    content = edit(MINIMAL, "id: door-welcome\n", "id: |\n  door-welcome\n")

    found = check(content)

    assert len(found) == 1
    assert found[0].startswith(f"{FILE}:1:5: 'id' 'door-welcome")
    assert found[0].endswith("is not a valid id")


@pytest.mark.parametrize("sop_id", ["door-welcome", "door2", "24h-desk", "a"])
def test_ids_of_lowercase_letters_digits_and_hyphens_are_accepted(check, sop_id):
    assert check(edit(MINIMAL, "id: door-welcome", f"id: {sop_id}")) == []


def test_touchpoint_that_is_not_a_valid_id_is_reported_as_such(check):
    content = edit(MINIMAL, "touchpoint: door", "touchpoint: Door")

    assert check(content) == [f"{FILE}:3:13: 'touchpoint' 'Door' is not a valid id"]


def test_review_by_before_effective_is_reported_at_review_by(check, problems):
    content = MINIMAL + "effective: 2026-10-01\nreview_by: 2026-09-01\n"

    assert check(content) == [f"{FILE}:12:12: review_by (2026-09-01) is not after effective (2026-10-01)"]
    assert "after the date the SOP takes effect" in problems(content)[0].hint


def test_review_by_on_the_effective_date_is_reported(check):
    content = MINIMAL + "effective: 2026-10-01\nreview_by: 2026-10-01\n"

    assert check(content) == [f"{FILE}:12:12: review_by (2026-10-01) is not after effective (2026-10-01)"]


@pytest.mark.parametrize("status, suggestion", [("aproved", " (did you mean 'approved'?)"),
                                                ("Draft", " (did you mean 'draft'?)"),
                                                ("published", "")])
def test_status_outside_draft_approved_retired_is_reported(check, problems, status, suggestion):
    content = edit(MINIMAL, "status: draft", f"status: {status}")

    assert check(content) == [
        f"{FILE}:5:9: 'status' is '{status}', which is not one of: draft, approved, retired{suggestion}"]
    assert problems(content)[0].hint == "choose one of draft, approved, retired"


@pytest.mark.parametrize("status", ["draft", "approved", "retired"])
def test_each_known_status_is_accepted(check, status):
    assert check(edit(MINIMAL, "status: draft", f"status: {status}")) == []


# --------------------------------------------------------------------------- knowledge check

QUESTION = "knowledge_check:\n  - question: Why do we open the door early?\n"


def choices(*correct: bool) -> str:
    lines = ["    choices:\n"]
    for number, is_correct in enumerate(correct, start=1):
        lines.append(f"      - text: Answer {number}\n")
        if is_correct:
            lines.append("        correct: true\n")
    return "".join(lines)


def test_question_with_no_correct_choice_is_reported_at_the_question(check, problems):
    content = MINIMAL + QUESTION + choices(False, False)

    assert check(content) == [f"{FILE}:12:15: knowledge check question 1 has 0 correct choices"]
    assert problems(content)[0].hint == "mark exactly one choice with 'correct: true'"


def test_question_with_two_correct_choices_is_reported_at_the_question(check):
    content = MINIMAL + QUESTION + choices(True, False, True)

    assert check(content) == [f"{FILE}:12:15: knowledge check question 1 has 2 correct choices"]


def test_question_with_neither_answer_nor_choices_is_reported(check, problems):
    content = MINIMAL + QUESTION

    assert check(content) == [f"{FILE}:12:15: knowledge check question 1 has neither an answer nor choices"]
    assert "add 'answer:'" in problems(content)[0].hint


def test_question_with_one_correct_choice_is_accepted(check):
    assert check(MINIMAL + QUESTION + choices(False, True, False)) == []


def test_choices_may_be_plain_text_beside_the_correct_one(loaded):
    sop = loaded(MINIMAL + QUESTION + "    choices: [To look busy, {text: It shows they were expected, correct: true}]\n")

    assert [(c.text, c.correct) for c in sop.knowledge_check[0].choices] == [
        ("To look busy", False), ("It shows they were expected", True)]


def test_question_problem_after_an_invalid_question_names_the_right_question(check):
    content = MINIMAL + "knowledge_check:\n  - answer: Nobody asked.\n" + \
        "  - question: Why do we open the door early?\n" + choices(True, True)

    assert check(content) == [
        f"{FILE}:12:5: missing required field 'question' in knowledge check question 1",
        f"{FILE}:13:15: knowledge check question 2 has 2 correct choices",
    ]


# --------------------------------------------------------------------------- allow and reason


def test_allow_without_reason_is_reported_at_the_allowed_code(check, problems):
    content = MINIMAL + "    allow: [SOP101]\n"

    assert check(content) == [f"{FILE}:11:13: step 1 allows SOP101 without a reason"]
    assert "add 'reason:'" in problems(content)[0].hint


def test_allow_with_reason_is_accepted(check):
    assert check(MINIMAL + "    allow: [SOP101]\n    reason: The house phrase is part of the brand.\n") == []


def test_allow_without_reason_after_an_invalid_step_names_the_right_step(check):
    content = edit(MINIMAL, "  - do: Welcome each guest in your own words.\n    why:", "  - why:") + \
        "  - do: Open the door.\n    allow: [SOP101]\n"

    assert check(content) == [
        f"{FILE}:9:5: missing required field 'do' in step 1",
        f"{FILE}:11:13: step 2 allows SOP101 without a reason",
    ]


def test_allow_entry_that_is_not_a_rule_code_is_reported(check):
    content = MINIMAL + "    allow: [be-vague]\n    reason: Needed here.\n"

    [found] = check(content)

    assert found.startswith(f"{FILE}:11:13: ")
    assert found.endswith("'be-vague' is not a rule code")


# --------------------------------------------------------------------------- across files


def test_duplicate_sop_id_in_two_files_names_the_other_file(make_project, problems_of, VALID_SOP):
    root = make_project({
        "door/welcome.yaml": VALID_SOP,
        "reception/welcome.yaml": edit(VALID_SOP, "touchpoint: door", "touchpoint: reception"),
    })

    problems = problems_of(root)

    assert [shown(p) for p in problems] == [
        "sops/reception/welcome.yaml:1:5: SOP id 'door-welcome-arrivals' is already used by sops/door/welcome.yaml"]
    assert problems[0].hint == "give every SOP its own id"


def test_duplicate_sop_id_is_found_even_when_the_files_have_other_mistakes(make_project, problems_of):
    root = make_project({
        "door/a.yaml": edit(MINIMAL, "status: draft", "status: done"),
        "door/b.yaml": "id: door-welcome\n",
    })

    found = [shown(p) for p in problems_of(root)]

    assert "sops/door/b.yaml:1:5: SOP id 'door-welcome' is already used by sops/door/a.yaml" in found


def test_every_copy_of_a_duplicate_id_is_reported(make_project, problems_of):
    root = make_project({"door/a.yaml": MINIMAL, "door/b.yaml": MINIMAL, "door/c.yaml": MINIMAL})

    assert [shown(p) for p in problems_of(root)] == [
        "sops/door/b.yaml:1:5: SOP id 'door-welcome' is already used by sops/door/a.yaml",
        "sops/door/c.yaml:1:5: SOP id 'door-welcome' is already used by sops/door/a.yaml",
    ]


# --------------------------------------------------------------------------- a library with many mistakes

MISTAKES = {
    "door/arrivals.yaml": (
        "id: Door_Arrivals\n"
        "title: [Welcoming, guests]\n"
        "touchpoint: dor\n"
        "version: 1.10\n"
        "status: aproved\n"
        "owner: Head Door Concierge\n"
        "purpose: Every arrival should feel expected.\n"
        "effective: 2026-13-01\n"
        "review_by: next week\n"
        "stpes: []\n"
        "steps:\n"
        "  do: Welcome each guest.\n"
    ),
    "reception/check-in.yaml": (
        "id: shared-id\n"
        "title: Checking in\n"
        "touchpoint: reception\n"
        "version: 1.2\n"
        "status: draft\n"
        "owner: Reception Manager\n"
        "purpose: Guests are in their rooms quickly.\n"
        "effective: 2026-10-01\n"
        "review_by: 2026-09-01\n"
        "steps:\n"
        "  - why: Nobody likes to wait.\n"
        "  - do: Hand over the key.\n"
        "    allow: [SOP101]\n"
        "knowledge_check:\n"
        "  - question: What comes first?\n"
    ),
    "reception/visitors.yaml": "id: shared-id\n",
    "bookings/taking.yaml": "id: bookings-taking\ntitle: [unclosed\n",
    "bookings/duplicate-keys.yaml": MINIMAL.replace("door-welcome", "bookings-dup") + "owner: Someone else\n",
}

EXPECTED = [
    "sops/bookings/duplicate-keys.yaml:11:1: duplicate key 'owner' (first used on line 6)",
    "sops/bookings/taking.yaml:3:1: YAML syntax error:",
    "sops/door/arrivals.yaml:1:5: 'id' 'Door_Arrivals' is not a valid id",
    "sops/door/arrivals.yaml:2:8: 'title' must be text, not a list",
    "sops/door/arrivals.yaml:3:13: touchpoint 'dor' is not in the journey (did you mean 'door'?)",
    "sops/door/arrivals.yaml:5:9: 'status' is 'aproved', which is not one of: draft, approved, retired"
    " (did you mean 'approved'?)",
    "sops/door/arrivals.yaml:8:12: 'effective' is not a valid date: '2026-13-01'",
    "sops/door/arrivals.yaml:9:12: 'review_by' is not a valid date: 'next week'",
    "sops/door/arrivals.yaml:10:1: unknown key 'stpes' (did you mean 'steps'?)",
    "sops/door/arrivals.yaml:12:3: 'steps' must be a list, not a mapping",
    "sops/reception/check-in.yaml:9:12: review_by (2026-09-01) is not after effective (2026-10-01)",
    "sops/reception/check-in.yaml:11:5: missing required field 'do' in step 1",
    "sops/reception/check-in.yaml:13:13: step 2 allows SOP101 without a reason",
    "sops/reception/check-in.yaml:15:15: knowledge check question 1 has neither an answer nor choices",
    "sops/reception/visitors.yaml:1:1: missing required field 'title'",
    "sops/reception/visitors.yaml:1:1: missing required field 'steps'",
    "sops/reception/visitors.yaml:1:5: SOP id 'shared-id' is already used by sops/reception/check-in.yaml",
]


def test_library_with_many_mistakes_reports_all_of_them_in_one_build(make_project, run_cli):
    root = make_project(MISTAKES)

    code, out, err = run_cli(["build"], cwd=root)

    assert code == 2
    assert "Traceback" not in out + err
    lines = err.splitlines()
    missing = [expected for expected in EXPECTED if not any(line.startswith(expected) for line in lines)]
    assert missing == [], err
    reported = [line for line in lines if line.startswith("sops/")]
    assert f"error: {len(reported)} problem(s) must be fixed before building" in err
    assert not (root / "build").exists()


def test_library_with_many_mistakes_reports_all_of_them_in_one_lint(make_project, run_cli):
    root = make_project(MISTAKES)

    code, out, err = run_cli(["lint"], cwd=root)

    assert code == 2
    assert "Traceback" not in out + err
    for expected in EXPECTED:
        location, message = expected.split(": ", 1)
        assert any(line.startswith(location + ": ") and message in line for line in out.splitlines()), expected


def test_valid_files_beside_invalid_ones_are_still_checked_but_nothing_is_built(make_project, run_cli, VALID_SOP):
    root = make_project({"door/welcome.yaml": VALID_SOP, "door/broken.yaml": "id: door-broken\n"})

    code, out, err = run_cli(["build"], cwd=root)

    assert code == 2
    assert "sops/door/broken.yaml:1:1: missing required field 'title'" in err
    assert "welcome.yaml" not in err
    assert not (root / "build").exists()


# --------------------------------------------------------------------------- through the CLI: never a traceback

# name: (content, line:column, message)
INVALID_SOPS = {
    "duplicate-key": (MINIMAL + "title: Again\n", "11:1", "duplicate key 'title'"),
    "unknown-key": (MINIMAL + "outcom: x\n", "11:1", "unknown key 'outcom' (did you mean 'outcome'?)"),
    "list-for-text": (edit(MINIMAL, "title: Welcoming guests", "title: [a, b]"), "2:8", "must be text, not a list"),
    "mapping-for-steps": (edit(MINIMAL, "  - do:", "    do:"), "9:5", "'steps' must be a list, not a mapping"),
    "missing-field": (edit(MINIMAL, "owner: Head Door Concierge\n", ""), "1:1", "missing required field 'owner'"),
    "step-without-do": (MINIMAL + "  - why: Because.\n", "11:5", "missing required field 'do' in step 2"),
    "bad-date": (MINIMAL + "effective: 2026-13-01\n", "11:12", "is not a valid date: '2026-13-01'"),
    "words-for-date": (MINIMAL + "review_by: next week\n", "11:12", "is not a valid date: 'next week'"),
    "unknown-touchpoint": (edit(MINIMAL, "touchpoint: door", "touchpoint: dor"), "3:13", "is not in the journey"),
    "bad-id": (edit(MINIMAL, "id: door-welcome", "id: Door Welcome"), "1:5", "is not a valid id"),
    "review-before-effective": (MINIMAL + "effective: 2026-10-01\nreview_by: 2026-01-01\n", "12:12",
                                "is not after effective"),
    "bad-status": (edit(MINIMAL, "status: draft", "status: live"), "5:9", "'status' is 'live'"),
    "no-correct-choice": (MINIMAL + QUESTION + choices(False), "12:15", "has 0 correct choices"),
    "two-correct-choices": (MINIMAL + QUESTION + choices(True, True), "12:15", "has 2 correct choices"),
    "question-without-answer": (MINIMAL + QUESTION, "12:15", "has neither an answer nor choices"),
    "allow-without-reason": (MINIMAL + "    allow: [SOP101]\n", "11:13", "allows SOP101 without a reason"),
    "non-text-key": (MINIMAL + "[a, b]: c\n", "11:1", "unknown key"),
    "null-step": (MINIMAL + "  -\n", "11:4", "step 2"),
}


@pytest.mark.parametrize("command", ["build", "lint"])
@pytest.mark.parametrize("name", INVALID_SOPS)
def test_invalid_sop_exits_2_with_its_position_and_no_traceback(make_project, run_cli, command, name):
    content, position, message = INVALID_SOPS[name]
    root = make_project({"door/welcome.yaml": content})

    code, out, err = run_cli([command], cwd=root)

    assert code == 2
    assert "Traceback" not in out + err
    reported = [line for line in (out + err).splitlines() if line.startswith(f"{FILE}:{position}: ")]
    assert len(reported) == 1 and message in reported[0], out + err
    assert not (root / "build").exists()
