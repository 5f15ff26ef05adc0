"""Reading SOP files: what an author sees when a file cannot be read as plain YAML.

Every problem is checked as the author reads it: ``path:line:col: message``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

FILE = "sops/door/welcome.yaml"


def shown(problem) -> str:
    return f"{problem.location()}: {problem.message}"


@pytest.fixture
def load_sop_file(make_project, problems_of):
    """Put ``content`` in a project as sops/door/welcome.yaml; return the problems found."""
    def load(content: str | bytes):
        return problems_of(make_project({"door/welcome.yaml": content}))

    return load


@pytest.fixture
def only_problem(load_sop_file):
    """The one problem a file that cannot be loaded produces."""
    def load(content: str | bytes):
        problems = load_sop_file(content)
        assert len(problems) == 1, [shown(p) for p in problems]
        return problems[0]

    return load


# --------------------------------------------------------------------------- syntax


def test_yaml_syntax_error_is_reported_at_its_line_and_column_with_a_hint(only_problem):
    problem = only_problem("id: door-welcome\ntitle: Note: guests first\n")

    assert shown(problem) == f"{FILE}:2:12: YAML syntax error: mapping values are not allowed in this context"
    assert "text containing ': ' is in quotes" in problem.hint


def test_unclosed_bracket_is_reported_where_yaml_gave_up(only_problem):
    problem = only_problem("id: door-welcome\ntitle: [Welcoming guests\nowner: Door team\n")

    assert shown(problem).startswith(f"{FILE}:3:6: YAML syntax error:")
    assert "did not find expected ',' or ']'" in problem.message


@pytest.mark.parametrize("content, line", [
    ("id: door-welcome\nsteps:\n\t- do: Welcome guests.\n", 3),
    ("id: door-welcome\nsteps:\n  - do: Welcome guests.\n\t  why: It feels personal.\n", 4),
    ("id: door-welcome\n\ttitle: Welcoming guests\n", 2),
    ("purpose: >\n\tWhy this SOP exists.\n", 2),
], ids=["list-item", "continuation", "top-level-key", "folded-text"])
def test_tab_indentation_gets_an_indent_with_spaces_hint(only_problem, content, line):
    problem = only_problem(content)

    assert shown(problem) == f"{FILE}:{line}:1: YAML syntax error: a tab character is used for indentation"
    assert problem.hint == "indent with spaces, not tabs"


def test_tab_inside_text_is_not_an_indentation_error(make_project, problems_of, VALID_SOP):
    sop = VALID_SOP.replace("title: Welcoming arriving guests", "title: Welcoming\tarriving guests")
    root = make_project({"door/welcome.yaml": sop})

    assert problems_of(root) == []


def test_control_character_is_reported_at_its_position(only_problem):
    problem = only_problem("id: door-welcome\ntitle: Welcoming\x07guests\n")

    assert shown(problem) == f"{FILE}:2:17: contains a control character (U+0007) that YAML does not allow"


# --------------------------------------------------------------------------- encodings


def test_byte_order_mark_and_windows_line_endings_load_without_problems(make_project, problems_of, VALID_SOP):
    content = b"\xef\xbb\xbf" + VALID_SOP.replace("\n", "\r\n").encode()
    root = make_project({"door/welcome.yaml": content})

    assert problems_of(root) == []


def test_byte_order_mark_and_windows_line_endings_keep_text_clean(make_project, VALID_SOP):
    from sopgen.pipeline import load_project

    content = b"\xef\xbb\xbf" + VALID_SOP.replace("\n", "\r\n").encode()
    sop = load_project(make_project({"door/welcome.yaml": content})).sops[0]

    assert sop.id == "door-welcome-arrivals"
    assert "\r" not in sop.purpose
    assert sop.purpose.startswith("A guest's first moments at the door decide how they feel about the whole visit. ")


def test_positions_are_right_in_a_file_with_byte_order_mark_and_windows_line_endings(load_sop_file, VALID_SOP):
    sop = VALID_SOP.replace("touchpoint: door", "touchpoint: dor").replace("status: approved", "status: aproved")
    content = b"\xef\xbb\xbf" + sop.replace("\n", "\r\n").encode()

    found = [shown(p) for p in load_sop_file(content)]

    assert found == [
        f"{FILE}:3:13: touchpoint 'dor' is not in the journey (did you mean 'door'?)",
        f"{FILE}:5:9: 'status' is 'aproved', which is not one of: draft, approved, retired (did you mean 'approved'?)",
    ]


def test_non_utf8_bytes_are_reported_with_line_and_column(only_problem):
    problem = only_problem("id: door-welcome\ntitle: Café au lait\n".encode("latin-1"))

    assert shown(problem) == f"{FILE}:2:11: is not valid UTF-8 text (byte 0xe9)"
    assert "save the file as UTF-8" in problem.hint


def test_non_utf8_column_counts_characters_not_bytes(only_problem):
    problem = only_problem("title: Café – caf".encode() + b"\xe9\n")

    assert problem.location() == f"{FILE}:1:18"


def test_non_utf8_position_after_a_byte_order_mark_is_right(only_problem):
    problem = only_problem(b"\xef\xbb\xbfid: door-welcome\n\xe9\n")

    assert shown(problem) == f"{FILE}:2:1: is not valid UTF-8 text (byte 0xe9)"


def test_file_larger_than_the_limit_is_refused(only_problem):
    problem = only_problem(b"# " + b"x" * 1_000_001 + b"\n")

    assert shown(problem).startswith(f"{FILE}: file is too large (1,000,004 bytes; the limit is 1,000,000)")


# --------------------------------------------------------------------------- nothing, or not a mapping


@pytest.mark.parametrize("content", ["", "\n\n", "   \n"], ids=["empty", "blank-lines", "spaces"])
def test_empty_file_is_reported(only_problem, content):
    problem = only_problem(content)

    assert shown(problem) == f"{FILE}:1:1: file is empty"
    assert "id:" in problem.hint


def test_file_with_only_comments_is_reported(only_problem):
    problem = only_problem("# Welcoming guests\n# to be written\n")

    assert shown(problem) == f"{FILE}:1:1: file holds only comments"


def test_file_holding_a_list_is_reported_as_not_a_mapping(only_problem):
    problem = only_problem("- do: Welcome guests.\n- do: Open the door.\n")

    assert shown(problem) == f"{FILE}:1:1: the file must be a mapping of keys to values, not a list"
    assert "'key: value'" in problem.hint


def test_file_holding_plain_text_is_reported_as_not_a_mapping(only_problem):
    problem = only_problem("Welcome every guest warmly.\n")

    assert shown(problem) == f"{FILE}:1:1: the file must be a mapping of keys to values, not text"


# --------------------------------------------------------------------------- YAML features that are refused

ALIAS_MESSAGE = "YAML anchors and aliases (& and *) are not supported"


def test_alias_is_refused_where_it_is_used(only_problem):
    problem = only_problem("id: door-welcome\nowner: &team Door team\napproved_by: *team\n")

    assert shown(problem) == f"{FILE}:3:14: {ALIAS_MESSAGE}"
    assert "write the text out in full" in problem.hint


def test_merge_key_is_refused(only_problem):
    problem = only_problem("base: &base\n  why: It matters.\nsteps:\n  - <<: *base\n    do: Welcome guests.\n")

    assert shown(problem) == f"{FILE}:4:9: {ALIAS_MESSAGE}"


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefghi", "bcdefghij"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_document_is_refused_quickly(only_problem):
    started = time.perf_counter()
    problem = only_problem(billion_laughs())
    elapsed = time.perf_counter() - started

    assert shown(problem) == f"{FILE}:2:8: {ALIAS_MESSAGE}"
    assert elapsed < 2


def test_billion_laughs_document_is_refused_by_the_cli(make_project, run_cli):
    root = make_project({"door/welcome.yaml": billion_laughs()})

    started = time.perf_counter()
    code, out, err = run_cli(["build"], cwd=root)

    assert code == 2
    assert f"{FILE}:2:8: {ALIAS_MESSAGE}" in err
    assert time.perf_counter() - started < 5


def test_python_object_tag_is_refused_and_never_run(make_project, run_cli, problems_of, tmp_path):
    marker = tmp_path / "was-run"
    root = make_project({"door/welcome.yaml": f"id: !!python/object/apply:os.system ['touch {marker}']\n"})

    problems = problems_of(root)
    code, out, err = run_cli(["build"], cwd=root)
    run_cli(["lint"], cwd=root)

    assert [shown(p) for p in problems] == [
        f"{FILE}:1:5: the YAML tag '!!python/object/apply:os.system' is not allowed"]
    assert code == 2
    assert f"{FILE}:1:5: the YAML tag '!!python/object/apply:os.system' is not allowed" in err
    assert not marker.exists()


@pytest.mark.parametrize("value, tag", [
    ("!secret manager", "!secret"),
    ("!!python/name:os.system", "!!python/name:os.system"),
    ("!!binary aGVsbG8=", "!!binary"),
    ("!!set {a, b}", "!!set"),
])
def test_custom_and_unsafe_tags_are_refused(only_problem, value, tag):
    problem = only_problem(f"id: door-welcome\nowner: {value}\n")

    assert shown(problem) == f"{FILE}:2:8: the YAML tag '{tag}' is not allowed"
    assert "remove the tag" in problem.hint


def test_standard_str_tag_is_allowed(make_project, problems_of, VALID_SOP):
    root = make_project({"door/welcome.yaml": VALID_SOP.replace('version: "1.2"', "version: !!str 1.2", 1)})

    assert problems_of(root) == []


def test_more_than_one_document_is_refused_at_the_second(only_problem, VALID_SOP):
    second = len(VALID_SOP.splitlines()) + 1
    problem = only_problem(VALID_SOP + "---\nid: door-farewell\n")

    assert shown(problem) == f"{FILE}:{second}:1: YAML syntax error: holds more than one YAML document"
    assert "remove the '---' line" in problem.hint


def test_single_document_with_start_and_end_markers_loads(make_project, problems_of, VALID_SOP):
    root = make_project({"door/welcome.yaml": "---\n" + VALID_SOP + "...\n"})

    assert problems_of(root) == []


def test_directory_named_like_a_yaml_file_is_reported_and_other_files_still_load(make_project, problems_of):
    root = make_project()
    (root / "sops" / "door" / "old.yaml").mkdir()

    problems = problems_of(root)

    assert [shown(p) for p in problems] == ["sops/door/old.yaml: is a directory, not a YAML file"]
    assert "rename the directory" in problems[0].hint


def nested(levels: int) -> str:
    return "steps: " + "[" * levels + "]" * levels + "\n"


def test_very_deep_nesting_is_refused_at_the_level_too_deep(only_problem):
    problem = only_problem(nested(50))

    assert shown(problem) == f"{FILE}:1:48: the structure is nested more than 40 levels deep"


def test_deep_block_indentation_is_refused(only_problem):
    content = "".join("  " * level + f"level{level}:\n" for level in range(45)) + "  " * 45 + "bottom\n"

    problem = only_problem(content)

    assert shown(problem).endswith(": the structure is nested more than 40 levels deep")
    assert problem.line == 41


def test_nesting_within_the_limit_is_accepted(make_project):
    from sopgen.core.load import load

    path = make_project({"door/welcome.yaml": nested(39)}) / "sops" / "door" / "welcome.yaml"

    source, node, duplicates = load(path, "welcome.yaml")

    assert duplicates == []


@pytest.mark.parametrize("content, line, columns", [
    ("a: " + "[" * 400_000 + "]" * 400_000 + "\n", 1, range(4, 400_004)),
    ("a:\n  " + "- " * 400_000 + "x\n", 2, range(3, 800_003)),
], ids=["flow-lists", "block-lists"])
def test_hostile_nesting_near_the_size_limit_is_refused_without_crashing(make_project, content, line, columns):
    # Composing 400,000 nested lists recursed in C until the interpreter crashed,
    # so this runs in a process of its own. Which of sopgen or libyaml stops the
    # nesting, and in which words, differs between PyYAML releases; the promise
    # is exit 2 at a place inside the nesting, and no traceback.
    root = make_project({"door/welcome.yaml": content})

    run = subprocess.run([sys.executable, "-c", "from sopgen.cli import main; main()", "build"],
                         cwd=root, capture_output=True, text=True, timeout=60,
                         env={"PATH": "", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})

    assert run.returncode == 2, run.stderr
    located = re.findall(rf"^{re.escape(FILE)}:(\d+):(\d+): \S", run.stderr, re.MULTILINE)
    assert len(located) == 1, run.stderr
    assert int(located[0][0]) == line and int(located[0][1]) in columns, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert not (root / "build").exists()


# --------------------------------------------------------------------------- through the CLI: never a traceback

# name: (content, line:column, message)
BAD_FILES = {
    "syntax-error": ("id: door-welcome\ntitle: Note: guests first\n", "2:12", "YAML syntax error"),
    "tab-indentation": ("steps:\n\t- do: Welcome guests.\n", "2:1", "YAML syntax error: a tab character"),
    "not-utf8": ("title: Café\n".encode("latin-1"), "1:11", "is not valid UTF-8 text"),
    "control-character": ("title: a\x00b\n", "1:9", "contains a control character (U+0000)"),
    "empty": ("", "1:1", "file is empty"),
    "only-comments": ("# nothing yet\n", "1:1", "file holds only comments"),
    "a-list": ("- one\n- two\n", "1:1", "the file must be a mapping of keys to values, not a list"),
    "alias": ("a: &x text\nb: *x\n", "2:4", "YAML anchors and aliases"),
    "billion-laughs": (billion_laughs(), "2:8", "YAML anchors and aliases"),
    "python-tag": ("id: !!python/object/apply:os.getcwd []\n", "1:5", "the YAML tag '!!python/object/apply:os.getcwd'"),
    "custom-tag": ("id: !door welcome\n", "1:5", "the YAML tag '!door' is not allowed"),
    "two-documents": ("id: a\n---\nid: b\n", "2:1", "YAML syntax error: holds more than one YAML document"),
    "deep-nesting": (nested(100), "1:48", "the structure is nested more than 40 levels deep"),
    "binary-junk": (bytes(range(256)), "2:118", "is not valid UTF-8 text (byte 0x80)"),
}


@pytest.mark.parametrize("command", ["build", "lint"])
@pytest.mark.parametrize("name", BAD_FILES)
def test_unloadable_file_exits_2_with_its_position_and_no_traceback(make_project, run_cli, command, name):
    content, position, message = BAD_FILES[name]
    root = make_project({"door/welcome.yaml": content})

    code, out, err = run_cli([command], cwd=root)

    assert code == 2
    reported = [line for line in (out + err).splitlines() if line.startswith(f"{FILE}:{position}: ")]
    assert len(reported) == 1 and message in reported[0], out + err
    assert "Traceback" not in out + err
    assert not (root / "build").exists()


def test_directory_named_like_a_yaml_file_makes_build_exit_2_without_a_traceback(make_project, run_cli):
    root = make_project()
    (root / "sops" / "door" / "old.yaml").mkdir()

    code, out, err = run_cli(["build"], cwd=root)

    assert code == 2
    assert "sops/door/old.yaml: is a directory, not a YAML file" in err
    assert "Traceback" not in out + err
