"""Generated input: whatever a file holds, sopgen answers with a result or a list of problems, and text stays text.

Each property runs a bounded number of examples so that the file stays within
a few seconds; hypothesis keeps the failing examples it finds in its database.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopgen.core.config import Config, Touchpoint
from sopgen.lint import Selection, lint_sop
from sopgen.core.problems import Problem
from sopgen.core.project import Project, load_sop
from test_security import unsafe_html, unsafe_markdown

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
JOURNEY = [Touchpoint("door", "Door")]
CONFIG = Config("House", "Standards", JOURNEY)
SOP = {
    "id": "door-welcome", "title": "Welcoming guests", "touchpoint": "door", "version": "1", "status": "approved",
    "owner": "Door team", "purpose": "Guests feel expected.",
    "steps": [{"do": "Open the door as guests arrive.", "why": "It shows they were expected."}],
}
SOP_KEYS = ["id", "title", "touchpoint", "version", "status", "owner", "approved_by", "effective", "review_by",
            "purpose", "outcome", "roles", "steps", "cues", "recovery", "checklist", "knowledge_check", "revisions",
            "references", "supersedes", "order", "lint", "do", "why", "allow", "reason", "notice", "respond",
            "when", "question", "answer", "choices", "text", "correct", "date", "by", "change", "ignore"]

# Text that is likely to mean something to YAML, Markdown, HTML or a browser.
FRAGMENTS = ["<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:", "JaVaScRiPt:", "vbscript:",
             "data:", "file:///etc/passwd", "](", "[", "]", "(", ")", "![", "]:", "<", ">", "&#106;", "&#x3A;",
             "&lt;", "&", "\\", "`", "*", "_", "|", "#", "\n", "\n\n", "    ", "\t", "'", '"', "onerror=", "{{", "}}",
             "{%", "%}", "\u202e", "\x00", "\x85", "\u2028", "https://example.com", "mailto:a@b.c", " "]


def _disguised(word: str):
    """``word`` with each letter as written, in capitals or as a character reference."""
    forms = [st.sampled_from([c, c.upper(), f"&#{ord(c)};", f"&#x{ord(c):x};"]) for c in word]
    return st.tuples(*forms).map("".join)


# Links whose scheme a renderer decodes from escapes and references before a browser reads it.
links = st.builds(
    lambda form, blank, scheme, colon: form.format(blank=blank, target=f"{scheme}{colon}alert(1)"),
    st.sampled_from(["[x]({blank}{target})", "![x]({blank}{target})", "[x][r]\n\n[r]:{blank}{target}",
                     "[x](<{target}>)", "<{target}>", "- [x][r]\n\n  > [r]:{blank}{target}"]),
    st.sampled_from(["", " ", "\n", "\t"]),
    st.sampled_from(["javascript", "vbscript", "data", "file"]).flatmap(_disguised),
    st.sampled_from([":", "\\:", "&#58;", "&colon;", "&#x3a;"]))
hostile_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6) | links, min_size=1, max_size=12) \
    .map("".join)
any_text = hostile_text | st.text(max_size=40)

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.dates() | any_text
keys = st.sampled_from(SOP_KEYS) | st.text(max_size=8)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                      max_leaves=16)
documents = st.dictionaries(keys, values, max_size=10) | values
# A valid SOP with some of its fields replaced by anything at all.
mutated_sops = st.builds(lambda changes: {**SOP, **changes}, st.dictionaries(keys, values, max_size=4))


@pytest.fixture(scope="module")
def sop_file():
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder) / "generated.yaml"


def load(path: Path, content: str | bytes):
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    sop, problems = load_sop(path, CONFIG)
    assert all(isinstance(p, Problem) and p.message and p.line >= 0 and p.column >= 0 for p in problems)
    return sop, problems


@lru_cache(maxsize=1)
def environment():
    from sopgen.render.environment import make_environment

    return make_environment(None)


def render(sop, config: Config = CONFIG) -> tuple[list[str], list[str]]:
    """The site's pages and the Markdown for one SOP, rendered as the build renders them."""
    from sopgen.render.context import handbook_context

    env = environment()
    project = Project(config, sops=[sop])
    site = handbook_context(project, dt.date(2026, 10, 1))
    markdown = handbook_context(project, dt.date(2026, 10, 1), markdown=True)
    pages = [env.get_template("site/index.html").render(**site)]
    pages += [env.get_template("site/sop.html").render(sop=entry, **site) for entry in site["sops"]]
    return pages, [env.get_template("md/sop.md").render(sop=entry, **markdown) for entry in markdown["sops"]]


def check_everything(sop, problems, config: Config = CONFIG) -> None:
    """Lint a valid SOP, and render it: its pages and Markdown must hold nothing active."""
    if sop is None or problems:
        return
    findings = lint_sop(sop, config.lint, Selection.from_settings(config.lint))
    assert all(isinstance(f, Problem) and f.is_lint for f in findings)
    pages, markdown = render(sop, config)
    for page in pages:
        assert unsafe_html(page) == []
    for text in markdown:
        assert unsafe_markdown(text) == []


@SETTINGS
@given(content=st.text() | st.binary())
def test_any_file_content_gives_an_sop_or_problems(sop_file, content):
    sop, problems = load(sop_file, content)
    check_everything(sop, problems)


@SETTINGS
@given(document=documents)
def test_any_yaml_document_gives_an_sop_or_problems(sop_file, document):
    sop, problems = load(sop_file, yaml.safe_dump(document, allow_unicode=True))
    check_everything(sop, problems)


@SETTINGS
@given(document=mutated_sops, flow=st.booleans())
def test_an_sop_with_any_field_changed_gives_an_sop_or_problems(sop_file, document, flow):
    sop, problems = load(sop_file, yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow))
    check_everything(sop, problems)


TEXT_FIELDS = ["title", "owner", "approved_by", "version", "purpose", "outcome", "roles", "references", "do",
               "why", "notice", "respond", "when", "recovery", "checklist", "question", "answer", "choice",
               "revision-version", "by", "change"]


def _sop_with(field: str, text: str) -> dict:
    sop = {**SOP, "steps": [dict(SOP["steps"][0])]}
    placed = {
        "roles": lambda: sop.update(roles=[text]), "references": lambda: sop.update(references=[text]),
        "checklist": lambda: sop.update(checklist=[text]),
        "do": lambda: sop["steps"][0].update(do=text), "why": lambda: sop["steps"][0].update(why=text),
        "notice": lambda: sop.update(cues=[{"notice": text, "respond": "Help."}]),
        "respond": lambda: sop.update(cues=[{"notice": "A guest waits.", "respond": text}]),
        "when": lambda: sop.update(recovery=[{"when": text, "do": "Apologise."}]),
        "recovery": lambda: sop.update(recovery=[{"when": "A wait.", "do": text}]),
        "question": lambda: sop.update(knowledge_check=[{"question": text, "answer": "Yes."}]),
        "answer": lambda: sop.update(knowledge_check=[{"question": "Why?", "answer": text}]),
        "choice": lambda: sop.update(knowledge_check=[{"question": "Which?", "choices": [
            text, {"text": "This one.", "correct": True}]}]),
        "revision-version": lambda: sop.update(revisions=[{"version": text, "date": "2026-10-01", "change": "New."}]),
        "by": lambda: sop.update(revisions=[{"version": "1", "date": "2026-10-01", "by": text, "change": "New."}]),
        "change": lambda: sop.update(revisions=[{"version": "1", "date": "2026-10-01", "change": text}]),
    }
    placed.get(field, lambda: sop.update({field: text}))()
    return sop


@SETTINGS
@given(field=st.sampled_from(TEXT_FIELDS), text=hostile_text)
def test_any_text_in_any_field_is_shown_as_text(sop_file, field, text):
    sop, problems = load(sop_file, yaml.safe_dump(_sop_with(field, text), allow_unicode=True))
    if text.strip() and not any("control character" in p.message for p in problems):
        assert problems == [] and sop is not None, [p.message for p in problems]
    check_everything(sop, problems)


@SETTINGS
@given(organisation=hostile_text, title=hostile_text, name=hostile_text, description=hostile_text)
def test_any_text_in_sopgen_yaml_is_shown_as_text(sop_file, organisation, title, name, description):
    config = Config(organisation, title, [Touchpoint("door", name, description)])
    sop, problems = load(sop_file, yaml.safe_dump(SOP))
    check_everything(sop, problems, config)
