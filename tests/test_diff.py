"""`sopgen diff REF`: what changed in each SOP, as Markdown safe to post as a pull-request comment."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from sopgen.review.changes import Item, match
from sopgen.review.markdown_diff import escape

STEP_2 = "  - do: Welcome each guest in your own words and open the door for them.\n"
STEP_2_REWORDED = "  - do: Welcome each guest warmly in your own words and hold the door open for them.\n"
NEW_STEP = ("  - do: Tell reception who has arrived before the guest reaches the desk.\n"
            "    why: The guest is expected at every step.\n")
HOSTILE = ('<script>alert(1)</script> <img src=x onerror=alert(1)> [click](https://evil.example) '
           '![x](https://evil.example/x.png) https://evil.example www.evil.example @octocat a@b.example '
           '**bold** `code` | cell | $x$ ~~gone~~ \\* &lt;')


def items(*texts: str) -> list[Item]:
    return [Item("step", number, (("", text), ("why", ""))) for number, text in enumerate(texts, start=1)]


def test_similar_items_are_reworded_and_the_rest_added_or_removed():
    before = items("Open the door for every guest as they arrive.", "Offer to carry bags.", "Say goodbye.")
    after = items("Offer to carry bags.", "Open the door for each guest as they arrive.", "Polish the brass.")
    added, removed, reworded = match(before, after)
    assert [(pair.old.number, pair.new.number) for pair in reworded] == [(1, 2)]
    assert [item.text for item in added] == ["Polish the brass."]
    assert [item.text for item in removed] == ["Say goodbye."]


def test_a_reworded_item_shows_only_the_parts_that_changed(repo, run_cli, VALID_SOP):
    repo.write("sops/door/welcome-arrivals.yaml", VALID_SOP.replace(
        "why: Nobody should have to search for where to go.", "why: Nobody should have to hunt for their way."))
    out = run_cli(["diff", "main"], cwd=repo.root)[1]
    assert "- Step 4, why: Nobody should have to search for where to go. **→** Nobody should have to hunt for " \
           "their way.\n" in out


def test_an_item_that_only_moved_is_not_a_change():
    assert match(items("A step.", "Another step."), items("Another step.", "A step.")) == ([], [], [])


def to_html(text: str) -> str:
    """Markdown as GitHub renders it: CommonMark with tables and strikethrough."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def render(text: str) -> str:
    return to_html(f"- Step 1: {escape(text)}")


def test_escaped_text_cannot_make_html_links_images_or_mentions():
    rendered = render(HOSTILE)
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert not re.search(r"<(strong|code|em|s|table)\b", rendered)
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered)).replace("\u200b", "")
    assert shown.strip() == f"Step 1: {HOSTILE}"
    escaped = escape(HOSTILE)
    assert "://" not in escaped and "www." not in escaped and "@o" not in escaped and "@b" not in escaped


def test_escaped_text_stays_on_its_line():
    text = "First line\n\n# Heading\n- item\n\n| a | b |\n|---|---|\n```\ncode"
    assert "\n" not in escape(text)
    rendered = render(text)
    assert rendered.count("<li>") == 1
    assert not re.search(r"<(h1|table|pre|code|p)\b", rendered)


@pytest.fixture
def repo(git_project):
    return git_project()


def test_a_changed_sop_lists_what_was_added_removed_and_reworded(repo, run_cli, VALID_SOP):
    changed = (VALID_SOP.replace(STEP_2, STEP_2_REWORDED)
               .replace("  - do: Ask who they are visiting", NEW_STEP + "  - do: Ask who they are visiting")
               .replace('version: "1.2"\nstatus: approved', 'version: "1.3"\nstatus: retired')
               .replace("recovery:\n  - when: A guest has been kept waiting outside.\n"
                        "    do: Apologise, bring them in straight away and let reception know they are coming.\n",
                        "recovery:\n  - when: The door jams.\n    do: Call maintenance and use the side door.\n")
               .replace("outcome: Every guest", "outcome: Each guest"))
    repo.write("sops/door/welcome-arrivals.yaml", changed)
    repo.commit("Rework the welcome")
    code, out, err = run_cli(["diff", "main"], cwd=repo.root)
    assert code == 0, err
    assert "#### door-welcome-arrivals: Welcoming arriving guests (1.2 → 1.3)" in out
    assert "status approved → retired" in out
    section = out.split("**Added**", 1)[1]
    assert "- Step 4: Tell reception who has arrived before the guest reaches the desk. — why: The guest is " \
           "expected at every step." in section
    assert "- Recovery 1: The door jams. — what to do: Call maintenance and use the side door." in section
    assert "- Recovery 1: A guest has been kept waiting outside. — what to do: Apologise" in out.split("**Removed**")[1]
    reworded = out.split("**Reworded**", 1)[1]
    assert ("- Step 2: Welcome each guest in your own words and open the door for them. **→** Welcome each guest "
            "warmly in your own words and hold the door open for them.\n") in reworded
    assert "Also changed: outcome." in out


def test_added_removed_and_moved_files(git_project, run_cli, VALID_SOP):
    other = VALID_SOP.replace("id: door-welcome-arrivals", "id: door-other").replace("title: Welcoming arriving guests",
                                                                                   "title: Another")
    repo = git_project({"door/welcome-arrivals.yaml": VALID_SOP, "door/other.yaml": other})
    repo("mv", "sops/door/welcome-arrivals.yaml", "sops/door/welcome.yaml")
    repo("rm", "-q", "sops/door/other.yaml")
    repo.write("sops/door/new.yaml", VALID_SOP.replace("id: door-welcome-arrivals", "id: door-new"))
    code, out, _ = run_cli(["diff", "main"], cwd=repo.root)
    assert code == 0
    assert "3 SOP files: 1 changed, 1 added, 1 removed." in out
    assert "#### door-other: Another (removed, was 1.2)" in out
    assert "#### door-new: Welcoming arriving guests (new, 1.2)" in out
    assert "#### door-welcome-arrivals: Welcoming arriving guests (1.2, unchanged)" in out
    assert "`sops/door/welcome.yaml` · moved from `sops/door/welcome-arrivals.yaml`" in out
    assert "Only comments or layout changed; the SOP says the same." in out
    assert out.count("- Step 1: Watch the approach") == 2  # all of the new SOP added, all of the removed one removed


def test_no_changes(repo, run_cli):
    code, out, _ = run_cli(["diff", "main"], cwd=repo.root)
    assert code == 0
    assert out == "<!-- sopgen diff -->\n### SOP changes against main\n\nNo SOP files changed.\n"


def test_sop_text_cannot_inject_html_or_links_into_the_comment(repo, run_cli, VALID_SOP):
    hostile = VALID_SOP.replace("Watch the approach so you see guests before they reach the door.",
                                "'" + HOSTILE.replace("'", "''") + "'")
    hostile = hostile.replace("title: Welcoming arriving guests", "title: '<b>Welcome</b> [x](https://evil.example)'")
    repo.write("sops/door/welcome-arrivals.yaml", hostile)
    code, out, _ = run_cli(["diff", "main"], cwd=repo.root)
    assert code == 0
    rendered = to_html(out)
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered and "<b>" not in rendered
    assert "&lt;b&gt;Welcome&lt;/b&gt;" in out


def test_a_missing_ref_in_a_shallow_clone_says_what_to_fetch(repo, run_cli, tmp_path):
    clone = tmp_path / "clone"
    repo("clone", "-q", "--depth", "1", "--branch", "change", f"file://{repo.root}", str(clone))
    code, out, err = run_cli(["diff", "origin/main"], cwd=clone)
    assert code == 2 and out == ""
    assert "git fetch --depth=1 origin main" in err and "shallow clone" in err


def test_only_markdown_is_offered(repo, run_cli):
    code, _, err = run_cli(["diff", "main", "--format", "html"], cwd=repo.root)
    assert code == 2 and "diff writes markdown" in err


def test_a_file_that_cannot_be_read_is_named_not_listed(repo, run_cli):
    repo.write("sops/door/welcome-arrivals.yaml", "id: [unclosed\n")
    code, out, _ = run_cli(["diff", "main"], cwd=repo.root)
    assert code == 0
    heading = "#### door-welcome-arrivals: Welcoming arriving guests (1.2 → ?)"
    assert f"{heading}\n\n`sops/door/welcome-arrivals.yaml`\n" in out
    assert "The file could not be read as an SOP; `sopgen check` says why." in out


# --------------------------------------------------------------------------- as GitHub would show it

REFERENCES = "Fixed in #123, see acme/widgets#2 and GH-45, commit 4f2a9c1e and 4f2a9c1e0b7d"
#: What GitHub links in comment text after rendering: issue and pull-request references and commit ids.
GITHUB_REFERENCE = re.compile(r"(?i)(?<![\w\u200b])(#\d|gh-\d|[\w.-]+/[\w.-]+#\d)|\b[0-9a-f]{7,40}\b")


def github_text(markdown: str) -> str:
    """The text of the comment as GitHub's own renderer (cmark-gfm) makes it, without markup."""
    cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmarkgfm (GitHub's cmark-gfm for Python) is not installed")
    rendered = cmarkgfm.github_flavored_markdown_to_html(markdown)
    assert "<a " not in rendered
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_issue_pull_request_and_commit_references_are_not_linked():
    text = github_text(f"- Step 1: {escape(REFERENCES)}")
    assert not GITHUB_REFERENCE.search(text), text
    assert text.replace("\u200b", "").strip() == f"Step 1: {REFERENCES}"


def test_the_reference_pattern_would_catch_an_unescaped_reference():
    assert GITHUB_REFERENCE.search(github_text(f"- {REFERENCES}"))


BIDI_AND_INVISIBLE = {"\u202e": "[U+202E]", "\u2066": "[U+2066]", "\u200b": "[U+200B]", "\u200f": "[U+200F]",
                      "\ufeff": "[U+FEFF]", "\u00ad": "[U+00AD]"}


@pytest.mark.parametrize("char, shown", BIDI_AND_INVISIBLE.items())
def test_bidirectional_and_invisible_characters_are_shown(char, shown):
    escaped = escape(f"Keep the key{char} safe")
    if char != "\u200b":  # the escaper adds zero-width spaces of its own, to break links
        assert char not in escaped
    assert f"Keep the key{shown} safe" in github_text(f"- {escaped}")


def test_a_path_with_a_bidirectional_override_is_shown_as_written(git_project, run_cli, VALID_SOP):
    repo = git_project()
    repo.write("sops/door/evil\u202eyaml.txt.yaml", VALID_SOP.replace("door-welcome-arrivals", "door-evil"))
    out = run_cli(["diff", "main"], cwd=repo.root)[1]
    assert "\u202e" not in out and "`sops/door/evil[U+202E]yaml.txt.yaml`" in out


def test_a_huge_change_is_cut_with_a_count_of_the_sops_left_out(git_project, run_cli, VALID_SOP):
    many = {f"door/sop-{n:03}.yaml": VALID_SOP.replace("door-welcome-arrivals", f"door-sop-{n:03}")
            for n in range(300)}
    repo = git_project(many)
    repo("rm", "-q", "-r", "sops/door")
    code, out, err = run_cli(["diff", "main"], cwd=repo.root)
    assert code == 0, err
    assert len(out) <= 60_000 < 65_536
    shown = out.count("\n#### ")
    left = int(re.search(r"… and (\d+) more SOPs changed\*\*", out).group(1))
    assert shown > 10 and shown + left == 300
    assert out.startswith("<!-- sopgen diff -->") and "300 SOP files: 300 removed." in out


def test_a_comment_within_the_limit_is_not_cut(repo, run_cli, VALID_SOP):
    repo.write("sops/door/welcome-arrivals.yaml", VALID_SOP.replace(STEP_2, STEP_2_REWORDED))
    out = run_cli(["diff", "main"], cwd=repo.root)[1]
    assert "more SOP" not in out


def test_diff_warns_of_characters_a_reviewer_cannot_see(repo, run_cli, VALID_SOP):
    repo.write("sops/door/welcome-arrivals.yaml", VALID_SOP.replace(
        "Offer help with bags", "Offer\u200b help with bags").replace("umbrellas or coats", "umbrellas or cоats"))

    out = run_cli(["diff", "main"], cwd=repo.root)[1]

    warning = next(line for line in out.splitlines() if "**Warning: hidden characters.**" in line)
    assert "a zero-width space (U+200B)" in warning.replace("\\", "")
    assert "mixes Cyrillic and Latin letters" in warning
