"""`sopgen new`: a valid draft SOP to fill in, named after its title."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from sopgen.authoring.new_sop import MAX_SLUG_LENGTH, new_sop_text, slugify
from sopgen.core.problems import Severity


@pytest.mark.parametrize("title, slug", [
    ("Greeting taxis", "greeting-taxis"),
    ("Café & bar: opening up!", "cafe-bar-opening-up"),
    ("  Crème brûlée — serving at the Smørrebrød table ", "creme-brulee-serving-at-the-smrrebrd-table"),
    ("Step 2: Wi-Fi", "step-2-wi-fi"),
    ("日本語", ""),
])
def test_slugify_makes_lowercase_ascii_words_joined_by_hyphens(title, slug):
    assert slugify(title) == slug


def test_slugify_cuts_long_titles_between_words():
    slug = slugify("Welcoming " * 20)
    assert len(slug) <= MAX_SLUG_LENGTH and slug.endswith("welcoming") and "--" not in slug


def test_new_writes_a_valid_draft_under_its_touchpoint(make_project, run_cli, problems_of):
    root = make_project()
    code, out, err = run_cli(["new", "--touchpoint", "reception", "Café visitors: early arrivals"], cwd=root)
    assert code == 0, err
    path = root / "sops" / "reception" / "cafe-visitors-early-arrivals.yaml"
    assert "sops/reception/cafe-visitors-early-arrivals.yaml" in out
    assert "id reception-cafe-visitors-early-arrivals" in out

    text = path.read_text(encoding="utf-8")
    sop = yaml.safe_load(text)
    today = dt.date.today()
    assert sop["id"] == "reception-cafe-visitors-early-arrivals"
    assert sop["title"] == "Café visitors: early arrivals"
    assert (sop["touchpoint"], sop["status"], sop["version"]) == ("reception", "draft", "0.1")
    assert abs((sop["effective"] - today).days) <= 1
    assert sop["review_by"] == sop["effective"].replace(year=sop["effective"].year + 1)
    assert sop["steps"] == [{"do": "TODO", "why": "TODO"}]
    assert "owner: TODO" in text and "# TODO: the role that owns" in text
    assert [p for p in problems_of(root) if p.severity is Severity.ERROR] == []


def test_a_new_sop_passes_validation_and_lint_reminds_about_cues_and_recovery(make_project, run_cli):
    root = make_project()
    run_cli(["new", "-t", "door", "Greeting taxis"], cwd=root)
    code, out, _ = run_cli(["lint", "sops/door/greeting-taxis.yaml"], cwd=root)
    assert code == 1                    # warnings, not invalid input (2)
    assert "SOP112" in out and "SOP113" in out


def test_new_refuses_an_unknown_touchpoint_with_a_suggestion(make_project, run_cli):
    root = make_project()
    code, _, err = run_cli(["new", "-t", "recepton", "Greeting taxis"], cwd=root)
    assert code == 2
    assert "touchpoint 'recepton' is not in the journey (did you mean 'reception'?)" in err
    assert not list((root / "sops").glob("recep*"))


def test_new_refuses_to_overwrite_a_file(make_project, run_cli):
    root = make_project({"door/greeting-taxis.yaml": "not an SOP at all: [\n"})
    code, _, err = run_cli(["new", "-t", "door", "Greeting taxis"], cwd=root)
    assert code == 2 and "refusing to overwrite" in err and "greeting-taxis.yaml" in err
    assert (root / "sops/door/greeting-taxis.yaml").read_text() == "not an SOP at all: [\n"


def test_new_refuses_an_id_already_used_in_the_library(make_project, run_cli):
    root = make_project()   # sops/door/welcome-arrivals.yaml has the id door-welcome-arrivals
    (root / "sops/door/welcome-arrivals.yaml").rename(root / "sops/door/arrivals.yaml")
    code, _, err = run_cli(["new", "-t", "door", "Welcome arrivals"], cwd=root)
    assert code == 2
    assert "the id 'door-welcome-arrivals' is already used by sops/door/arrivals.yaml" in err
    assert not (root / "sops/door/welcome-arrivals.yaml").exists()


def test_new_refuses_a_title_without_letters_or_digits(make_project, run_cli):
    code, _, err = run_cli(["new", "-t", "door", "—!?"], cwd=make_project())
    assert code == 2 and "no letters or digits" in err


def test_new_outside_a_project_says_so(tmp_path, run_cli):
    code, _, err = run_cli(["new", "-t", "door", "Greeting taxis"], cwd=tmp_path)
    assert code == 2 and "no sopgen.yaml found" in err
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=80).filter(lambda t: " ".join(t.split()).isprintable() and slugify(t)))
def test_any_title_is_written_so_that_it_reads_back_unchanged(title):
    from sopgen.core.load import Source, parse
    from sopgen.core.models import SOP
    from sopgen.core.schema import Validator
    from pathlib import Path

    title = " ".join(title.split())
    text = new_sop_text(f"door-{slugify(title)}", title, "door", dt.date(2026, 10, 1))
    source = Source(Path("new.yaml"), "new.yaml", text)
    node, problems = parse(source)
    validator = Validator(source, problems)
    sop = validator.read(node, SOP)
    assert validator.problems == []
    assert sop.title == title
