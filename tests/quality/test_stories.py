"""Stories of exceptional service: checked like SOPs, adopted into SOPs, summarised by `sopgen stories`.

STORY's lines: 1 id, 2 title, 3 date, 4 touchpoint, 5 sop, 6 happened, 7 exceptional.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sopgen.pipeline import load_project
from sopgen.quality.stories import adoptions

STORY = """\
id: umbrella-to-the-taxi
title: Walked to the taxi under the big umbrella
date: 2026-09-14
touchpoint: door
sop: door-welcome-arrivals
happened: A guest leaving in a downpour was walked all the way to her taxi.
exceptional: She reached her meeting dry.
"""
EPOCH_2026_11_23 = {"SOURCE_DATE_EPOCH": "1795392000"}


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} should appear once"
    return text.replace(old, new)


def add_files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def shown(make_project, problems_of, VALID_SOP):
    """The problems of a project with ``files`` added (and ``sop`` as its one SOP), as authors see them."""
    def run(files: dict[str, str], sop: str = VALID_SOP) -> list[str]:
        root = add_files(make_project({"door/welcome-arrivals.yaml": sop}), files)
        return [f"{p.location()}: {p.message}" for p in problems_of(root)]

    return run


def test_a_valid_story_is_read_with_the_project(make_project, monkeypatch):
    root = add_files(make_project(), {"stories/umbrella.yaml": STORY + "who: [Tomasz Nowak]\ntags: [weather]\n"})
    monkeypatch.chdir(root)

    project = load_project(root)

    assert project.problems == []
    [story] = project.stories
    assert (story.id, story.touchpoint, story.who, story.tags) == (
        "umbrella-to-the-taxi", "door", ["Tomasz Nowak"], ["weather"])
    assert story.path == "stories/umbrella.yaml"


def test_an_unknown_touchpoint_is_reported_with_its_position_and_a_suggestion(shown):
    assert shown({"stories/umbrella.yaml": edit(STORY, "touchpoint: door", "touchpoint: dor")}) == [
        "stories/umbrella.yaml:4:13: touchpoint 'dor' is not in the journey (did you mean 'door'?)"]


@pytest.mark.parametrize("key", ["sop", "adopted_in"])
def test_a_story_naming_an_sop_that_does_not_exist_is_reported(shown, key):
    text = edit(STORY, "sop: door-welcome-arrivals\n", f"{key}: door-welcome-arrival\n")
    assert shown({"stories/umbrella.yaml": text}) == [
        f"stories/umbrella.yaml:5:{len(key) + 3}: '{key}' names SOP 'door-welcome-arrival', which is not in the "
        "library (did you mean 'door-welcome-arrivals'?)"]


def test_a_misspelt_key_and_a_missing_field_are_reported_together(shown):
    text = edit(STORY, "happened:", "happend:").replace("exceptional: She reached her meeting dry.\n", "")
    assert shown({"stories/umbrella.yaml": text}) == [
        "stories/umbrella.yaml:1:1: missing required field 'exceptional'",
        "stories/umbrella.yaml:1:1: missing required field 'happened'",
        "stories/umbrella.yaml:6:1: unknown key 'happend' (did you mean 'happened'?)",
    ]


def test_a_bad_date_is_reported(shown):
    assert shown({"stories/umbrella.yaml": edit(STORY, "2026-09-14", "14/09/2026")}) == [
        "stories/umbrella.yaml:3:7: 'date' is not a valid date: '14/09/2026'"]


def test_two_stories_with_one_id_are_reported(shown):
    assert shown({"stories/a.yaml": STORY, "stories/b.yaml": STORY}) == [
        "stories/b.yaml:1:5: story id 'umbrella-to-the-taxi' is already used by stories/a.yaml"]


def test_a_cue_naming_a_story_that_does_not_exist_is_reported_in_the_sop(shown, VALID_SOP):
    sop = edit(VALID_SOP, "    respond: Take the bags first so the parents have their hands free.\n",
               "    respond: Take the bags first so the parents have their hands free.\n"
               "    story: umbrela-to-the-taxi\n")
    line = sop.splitlines().index("    story: umbrela-to-the-taxi") + 1
    assert shown({"stories/umbrella.yaml": STORY}, sop) == [
        f"sops/door/welcome-arrivals.yaml:{line}:12: cue 1 names story 'umbrela-to-the-taxi', which is not in "
        "stories/ (did you mean 'umbrella-to-the-taxi'?)"]


def test_a_step_may_name_a_story_and_an_sop_without_stories_stays_valid(shown, VALID_SOP):
    sop = edit(VALID_SOP, "    why: Nobody should have to search for where to go.\n",
               "    why: Nobody should have to search for where to go.\n    story: umbrella-to-the-taxi\n")
    assert shown({"stories/umbrella.yaml": STORY}, sop) == []
    assert shown({}) == []


def test_adoptions_come_from_adopted_in_and_from_steps_and_cues_naming_the_story(make_project, monkeypatch,
                                                                                 VALID_SOP):
    sop = edit(VALID_SOP, "    respond: Take the bags first so the parents have their hands free.\n",
               "    respond: Take the bags first so the parents have their hands free.\n"
               "    story: umbrella-to-the-taxi\n")
    adopted = STORY + "adopted_in: door-welcome-arrivals\n"
    waiting = edit(edit(STORY, "umbrella-to-the-taxi", "coffee-for-the-driver"), "title: Walked", "title: Coffee")
    root = add_files(make_project({"door/welcome-arrivals.yaml": sop}),
                     {"stories/umbrella.yaml": adopted, "stories/coffee.yaml": waiting})
    monkeypatch.chdir(root)
    project = load_project(root)

    found = adoptions(project.stories, project.sops)

    assert [(a.story.id, a.sop, a.places) for a in found] == [
        ("umbrella-to-the-taxi", "door-welcome-arrivals", ("cue 1",))]


# ---------------------------------------------------------------------------- sopgen stories

def story(story_id: str, date: str, touchpoint: str = "door", **extra: str) -> str:
    text = edit(edit(edit(STORY, "umbrella-to-the-taxi", story_id), "2026-09-14", date),
                "touchpoint: door", f"touchpoint: {touchpoint}")
    text = edit(text, "title: Walked to the taxi under the big umbrella", f"title: The {story_id} story")
    return text + "".join(f"{key}: {value}\n" for key, value in extra.items())


def test_stories_reports_each_touchpoint_with_its_adopted_practices_backlog_and_recognition(
        make_project, run_cli):
    root = add_files(make_project(), {
        "stories/a.yaml": story("newest", "2026-10-20", who="[Tomasz Nowak]"),
        "stories/b.yaml": story("oldest", "2026-08-01", who="[Tomasz Nowak, Grace Adeyemi]"),
        "stories/c.yaml": story("adopted", "2026-09-01", adopted_in="door-welcome-arrivals"),
        "stories/d.yaml": story("anonymous", "2026-09-05", touchpoint="reception"),
    })

    code, out, err = run_cli(["stories"], cwd=root, env=EPOCH_2026_11_23)

    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "4 stories collected, 1 practice adopted, 3 in the backlog"
    door = out.split("Door concierge:")[1].split("\n\n")[0]
    assert "3 stories, 1 practice adopted" in door
    assert "2026-09-01  The adopted story → door-welcome-arrivals" in door
    backlog = door.split("Backlog, oldest first:")[1]
    assert backlog.index("The oldest story (oldest, waiting 114 days)") < backlog.index("The newest story")
    assert "Recognition: Tomasz Nowak (2), Grace Adeyemi (1)" in door
    reception = out.split("Reception:")[1].split("\n\n")[0]
    assert "Recognition" not in reception
    assert "Bookings: no stories yet" in out


def test_stories_fails_with_the_problems_when_a_story_is_invalid(make_project, run_cli):
    root = add_files(make_project(), {"stories/umbrella.yaml": edit(STORY, "touchpoint: door", "touchpoint: dor")})

    code, out, err = run_cli(["stories"], cwd=root)

    assert code == 2
    assert "stories/umbrella.yaml:4:13: touchpoint 'dor' is not in the journey (did you mean 'door'?)" in err


# ---------------------------------------------------------------------------- in the handbook and on the site

def test_an_adopted_story_appears_as_a_moment_of_magic_on_its_sops_page_and_a_waiting_one_does_not(
        make_project, run_cli):
    root = add_files(make_project(), {
        "stories/adopted.yaml": story("adopted", "2026-09-01", adopted_in="door-welcome-arrivals",
                                      who="[Tomasz <b>Nowak</b>]"),
        "stories/waiting.yaml": story("waiting", "2026-09-02"),
    })

    code, out, err = run_cli(["build", "--format", "html", "--quiet"], cwd=root)

    assert (code, err) == (0, "")
    page = (root / "build" / "html" / "door-welcome-arrivals.html").read_text(encoding="utf-8")
    assert page.count('class="story"') == 1
    assert "Moment of magic · 1 September 2026" in page
    assert "The adopted story" in page and "The waiting story" not in page
    assert "With thanks to Tomasz &lt;b&gt;Nowak&lt;/b&gt;" in page
    assert page.index("section-recovery") < page.index("section-stories") < page.index("section-checklist")


def test_the_handbook_shows_an_adopted_story_inside_the_sop_it_shaped(make_project, monkeypatch):
    import datetime as dt

    from sopgen.render.context import handbook_context
    from sopgen.render.environment import make_environment

    root = add_files(make_project(), {
        "stories/adopted.yaml": story("adopted", "2026-09-01", adopted_in="door-welcome-arrivals")})
    monkeypatch.chdir(root)
    project = load_project(root)

    html = make_environment(None).get_template("handbook.html").render(
        **handbook_context(project, dt.date(2026, 11, 23)))

    article = html.split('id="sop-door-welcome-arrivals"')[1].split("</article>")[0]
    assert "Moments of magic" in article and "The adopted story" in article
