"""Hostile input: text stays data, nothing is read from outside the project, nothing is written outside the output.

SOP repositories take pull requests from many hands and CI builds them, so every
field, folder and template is treated as written by someone hostile.
"""

from __future__ import annotations

import os
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background"}
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "img", "svg", "math", "form", "base"}


# --------------------------------------------------------------------------- checkers


class _Unsafe(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and url_scheme(value or "") not in (None, *SAFE_SCHEMES):
                self.found.append(f"{name}={value!r} on <{tag}>")
            elif name == "style" and re.search(r"url\(|expression\(", value or "", re.I):
                self.found.append(f"style={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see: leading blanks and controls dropped, tabs and line breaks removed."""
    url = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(0x21))))
    found = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    return found.group(1).lower() if found else None


def unsafe_html(html: str) -> list[str]:
    """Scripts, event handlers and links with schemes other than http, https and mailto."""
    parser = _Unsafe()
    parser.feed(html)
    parser.close()
    return parser.found


def unsafe_markdown(markdown: str) -> list[str]:
    """Raw HTML, or unsafe links, in Markdown as a CommonMark renderer that trusts its input would show it."""
    markdown_it = pytest.importorskip("markdown_it")
    renderer = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
    renderer.validateLink = lambda url: True
    tokens = renderer.parse(markdown)
    raw = [t.content for t in tokens if t.type == "html_block"]
    raw += [c.content for t in tokens for c in t.children or () if c.type == "html_inline"]
    return [f"raw HTML {r!r}" for r in raw] + unsafe_html(renderer.render(markdown))


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, tuple]:
    """Every file, link and folder under ``folder``: contents or link target, mode, and a file's modification time."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        stat = path.lstat()
        if path.is_symlink():
            found[str(path.relative_to(folder))] = (os.readlink(path), stat.st_mode, None)
        elif path.is_dir():
            found[str(path.relative_to(folder))] = (None, stat.st_mode, None)
        else:
            found[str(path.relative_to(folder))] = (path.read_bytes(), stat.st_mode, stat.st_mtime_ns)
    return found


def symlink(link: Path, target: Path) -> None:
    try:
        os.symlink(target, link, target_is_directory=target.is_dir())
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not available here")


def reported(out: str, err: str, prefix: str, message: str = "") -> list[str]:
    """The lines of output that start with ``prefix`` and hold ``message``, as lint and build print problems."""
    return [line for line in (out + err).splitlines() if line.startswith(prefix) and message in line]


# --------------------------------------------------------------------------- the corpus in tests/hostile/


def test_every_file_in_the_hostile_corpus_has_an_expected_outcome():
    files = {p.name for p in HOSTILE.glob("*.yaml")} - {"expected.yaml"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_is_reported_at_its_position_or_builds_into_safe_output(make_project, run_cli, name):
    root = make_project({f"door/{name}": (HOSTILE / name).read_bytes()})
    expected = EXPECTED[name]

    lint = run_cli(["lint"], cwd=root)
    build = run_cli(["build", "--format", "html", "--format", "md"], cwd=root)

    for code, out, err in (lint, build):
        assert "Traceback" not in out + err
    assert not (root / "sopgen-was-here").exists()
    if expected is not None:
        position, message = expected.split(": ", 1)
        for code, out, err in (lint, build):
            assert code == 2, out + err
            assert reported(out, err, f"sops/door/{name}:{position}: ", message), out + err
        assert not (root / "build").exists()
        return
    assert lint[0] in (0, 1), lint
    assert build[0] == 0, build
    for page in (root / "build" / "html").glob("*.html"):
        assert unsafe_html(page.read_text(encoding="utf-8")) == [], page.name
    for page in (root / "build" / "md").glob("*.md"):
        assert unsafe_markdown(page.read_text(encoding="utf-8")) == [], page.name


# --------------------------------------------------------------------------- text is data

PAYLOAD = "<script>{0}</script><img src=x onerror=alert('{0}')> [{0}](javascript:alert('{0}'))"
SOP_FIELDS = ["title", "version", "owner", "approved_by", "role", "purpose", "outcome", "do", "why", "notice",
              "respond", "when", "recovery-do", "item", "question", "answer", "choice", "right-choice", "reference",
              "revision-version", "by", "change"]
CONFIG_FIELDS = ["organisation", "handbook-title", "touchpoint-name", "touchpoint-description"]


def _payloads(fields: list[str]) -> dict[str, str]:
    return {field: PAYLOAD.format(field) for field in fields}


@pytest.fixture
def payload_project(make_project, VALID_CONFIG):
    """A project with the same script, event handler and javascript: link in every field it has."""
    p = _payloads(SOP_FIELDS)
    sop = {"id": "door-payload", "title": p["title"], "touchpoint": "door", "version": p["version"],
           "status": "approved", "owner": p["owner"], "approved_by": p["approved_by"], "roles": [p["role"]],
           "purpose": p["purpose"], "outcome": p["outcome"], "steps": [{"do": p["do"], "why": p["why"]}],
           "cues": [{"notice": p["notice"], "respond": p["respond"]}],
           "recovery": [{"when": p["when"], "do": p["recovery-do"]}], "checklist": [p["item"]],
           "knowledge_check": [{"question": p["question"], "answer": p["answer"]},
                               {"question": "Which?", "choices": [p["choice"], {"text": p["right-choice"],
                                                                                "correct": True}]}],
           "references": [p["reference"]],
           "revisions": [{"version": p["revision-version"], "date": "2026-10-01", "by": p["by"],
                          "change": p["change"]}]}
    c = _payloads(CONFIG_FIELDS)
    config = {"organisation": c["organisation"], "title": c["handbook-title"],
              "journey": [{"id": "door", "name": c["touchpoint-name"], "description": c["touchpoint-description"]}]}
    return make_project({"door/payload.yaml": yaml.safe_dump(sop)}, config=yaml.safe_dump(config))


def test_every_field_is_shown_as_text_in_html(payload_project, run_cli):
    assert run_cli(["build", "--format", "html"], cwd=payload_project)[0] == 0
    pages = {p.name: p.read_text(encoding="utf-8") for p in (payload_project / "build" / "html").glob("*.html")}

    for name, page in pages.items():
        assert unsafe_html(page) == [], name
    everything = "".join(pages.values())
    for field in SOP_FIELDS + CONFIG_FIELDS:
        assert f"&lt;script&gt;{field}&lt;/script&gt;" in everything, field


def test_every_field_is_shown_as_text_in_markdown(payload_project, run_cli):
    assert run_cli(["build", "--format", "md"], cwd=payload_project)[0] == 0
    markdown = (payload_project / "build" / "md" / "door-payload.md").read_text(encoding="utf-8")

    assert unsafe_markdown(markdown) == []
    assert "<" not in markdown and "javascript:" not in markdown
    for field in SOP_FIELDS + ["touchpoint-name"]:
        assert f"&lt;script&gt;{field}&lt;/script&gt;" in markdown, field


@pytest.mark.parametrize("text", [
    "[escaped](javascript\\:alert(1))",
    "[entity](&#106;avascript:alert(1))",
    "[hex entity](&#x6A;avascript&#x3A;alert(1))",
    "[tab](java&#x09;script:alert(1))",
    "[spaced](  javascript:alert(1))",
    "[on the next line](\njavascript:alert(1))",
    "[parens](javascript:alert((1)))",
    "[UPPER](JAVASCRIPT:alert(1))",
    "[reference][r]\n\n[r]: javascript:alert(1)",
    "[reference][r]\n\n> [r]:\n> javascript:alert(1)",
    "- [reference][r]\n\n  [r]: <javascript:alert(1)>",
    "[angle](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "![image](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    "[file](file:///etc/passwd)",
    "<a href='javascript:alert(1)'>a</a>",
    "<div onclick=alert(1)>a</div>",
    "`code` <script>alert(1)</script>",
])
def test_markdown_text_cannot_make_a_script_link_or_raw_html(text):
    from sopgen.render.markup import to_html, to_safe_markdown

    assert unsafe_markdown(to_safe_markdown(text)) == []
    assert unsafe_html(str(to_html(text))) == []


def test_safe_links_are_kept_in_html_and_markdown():
    from sopgen.render.markup import to_html, to_safe_markdown

    text = "See [the policy](https://example.com/policy_(v2)) or [mail us](mailto:door@example.com)."

    assert to_safe_markdown(text) == text
    html = str(to_html(text))
    assert 'href="https://example.com/policy_(v2)"' in html and 'href="mailto:door@example.com"' in html


def test_markup_in_a_code_span_is_shown_once_escaped():
    from sopgen.render.markup import to_html

    assert str(to_html("Type `<b>` for bold.")) == "Type <code>&lt;b&gt;</code> for bold."


def test_markdown_images_are_dropped_from_html():
    from sopgen.render.markup import to_html

    html = str(to_html("A ![door](file:///etc/passwd) and ![x](https://example.com/x.png) and ![y](../../y.png)."))

    assert "<img" not in html and "passwd" not in html


def test_every_builtin_html_template_autoescapes():
    from sopgen.render.environment import builtin_templates_dir, make_environment

    env = make_environment(None)
    names = [p.relative_to(builtin_templates_dir()).as_posix() for p in builtin_templates_dir().rglob("*.html")]
    assert names and all(env.autoescape(name) for name in names)


# --------------------------------------------------------------------------- the PDF renderer reads nothing outside


@pytest.fixture
def fetched(monkeypatch):
    """Every URL the PDF renderer asks for, allowed or not (in this process: build with --jobs 1)."""
    from sopgen.render import pdf

    requested: list[str] = []
    original = pdf._fetcher_class

    def spying():
        class Spy(original()):
            def fetch(self, url, headers=None):
                requested.append(url)
                return super().fetch(url, headers)
        return Spy

    monkeypatch.setattr(pdf, "_fetcher_class", spying)
    return requested


def test_files_and_urls_named_in_sop_text_are_never_fetched_for_the_pdf(make_project, run_cli, VALID_SOP, fetched):
    sop = VALID_SOP.replace("  - Umbrellas and luggage trolley ready by the door\n", (
        "  - \"![passwd](file:///etc/passwd) [link](file:///etc/passwd) ![up](../../../secret.png)\"\n"
        "  - \"![remote](http://127.0.0.1:9/x.png) <img src='file:///etc/hostname'>\"\n"
        "  - \"<link rel=attachment href='file:///etc/passwd'> [attach](../../../../etc/passwd)\"\n"))
    root = make_project({"door/welcome.yaml": sop})

    code, out, err = run_cli(["build", "--format", "pdf", "--jobs", "1"], cwd=root)

    assert code == 0, out + err
    assert not [url for url in fetched if re.search(r"passwd|hostname|secret|127\.0\.0\.1", url)]
    assert "refused" not in out + err


def test_css_urls_and_imports_in_a_template_override_are_refused_and_their_place_named(make_project, run_cli,
                                                                                       fetched):
    root = make_project()
    (root / "templates").mkdir()
    (root / "templates" / "handbook.css").write_text(
        '@import url("file:///etc/passwd");\n'
        "body { background: url(../../../../../../etc/hostname); }\n"
        "@font-face { font-family: x; src: url(https://example.com/font.woff); }\n", encoding="utf-8")

    code, out, err = run_cli(["build", "--format", "pdf", "--jobs", "1"], cwd=root)

    assert code == 0, out + err
    assert "handbook.pdf: refused to fetch file:///etc/passwd (written at templates/handbook.css:1:14)" in out
    assert "handbook.pdf: refused to fetch file:///etc/hostname (written at templates/handbook.css:2:46)" in out
    assert ("handbook.pdf: refused to fetch https://example.com/font.woff "
            "(written at templates/handbook.css:3:39)") in out


def test_a_link_inside_the_templates_folder_to_a_file_outside_stops_the_build(make_project, run_cli, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the handbook")
    root = make_project()
    (root / "templates").mkdir()
    (root / "templates" / "checklists.html").write_text(
        '<html><body><img src="templates/logo.png"><p>{{ project.title }}</p></body></html>', encoding="utf-8")
    symlink(root / "templates" / "logo.png", secret)

    code, out, err = run_cli(["build", "--format", "pdf"], cwd=root)

    assert code == 2
    assert "templates/logo.png: is a link to a file outside the templates folder" in err
    assert "Traceback" not in out + err


def test_the_fetcher_refuses_every_way_out_of_the_allowed_folders(tmp_path):
    from sopgen.render.pdf import BlockedResource, _fetcher_class

    allowed = tmp_path / "templates"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p {}", encoding="utf-8")
    (tmp_path / "secret.css").write_text("secret {}", encoding="utf-8")
    symlink(allowed / "linked.css", tmp_path / "secret.css")
    fetcher = _fetcher_class()([allowed])
    inside = allowed.as_uri()

    assert fetcher.fetch(f"{inside}/ok.css").read() == b"p {}"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in ("file:///etc/passwd", f"{inside}/../../../etc/passwd", f"{inside}/%2e%2e/%2e%2e/etc/passwd",
                "file://otherhost/etc/passwd", "http://127.0.0.1:9/x", "https://example.com/x.css",
                "ftp://example.com/x", f"FILE://{tmp_path.as_posix()}/secret.css", f"{inside}-evil/x.css",
                f"{inside}/linked.css"):
        with pytest.raises(BlockedResource):
            fetcher.fetch(url)
    assert len(fetcher.blocked) == 10


# --------------------------------------------------------------------------- links and folders leading out


@pytest.fixture
def outside(tmp_path, VALID_SOP) -> Path:
    """A folder beside the project holding an SOP whose title is a secret."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.yaml").write_text(VALID_SOP.replace("Welcoming arriving guests", "TOP-SECRET-TITLE")
                                        .replace("door-welcome-arrivals", "door-secret"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", [["lint"], ["build", "--format", "md"]])
def test_a_sop_file_linked_from_outside_the_project_is_not_read(make_project, run_cli, outside, command):
    root = make_project()
    symlink(root / "sops" / "door" / "linked.yaml", outside / "secret.yaml")

    code, out, err = run_cli(command, cwd=root)

    assert code == 2
    assert reported(out, err, "sops/door/linked.yaml: ", "is a link to a file outside the project")
    assert "TOP-SECRET" not in out + err and not (root / "build").exists()


@pytest.mark.parametrize("command", [["lint"], ["build", "--format", "md"]])
def test_a_sops_folder_linked_from_outside_the_project_is_not_read(make_project, run_cli, outside, command):
    root = make_project({})
    (root / "sops").rmdir()
    symlink(root / "sops", outside)

    code, out, err = run_cli(command, cwd=root)

    assert code == 2
    assert "sops: the sops folder is a link that leads outside the project" in err
    assert "TOP-SECRET" not in out + err and not (root / "build").exists()


def test_a_sop_named_on_the_command_line_through_a_linked_folder_is_not_read(make_project, run_cli, outside):
    root = make_project()
    symlink(root / "sops" / "elsewhere", outside)

    code, out, err = run_cli(["lint", "sops/elsewhere/secret.yaml"], cwd=root)
    assert code == 2
    assert reported(out, err, "sops/elsewhere/secret.yaml: ", "is a link to a file outside the project")
    code, out, err = run_cli(["lint", "sops/elsewhere"], cwd=root)
    assert code == 2 and "TOP-SECRET" not in out + err
    code, out, err = run_cli(["lint"], cwd=root)  # the linked folder is not followed
    assert code == 0 and "secret" not in out + err


def test_a_link_that_stays_inside_the_project_is_read(make_project, run_cli, VALID_SOP):
    root = make_project({})
    (root / "shared").mkdir()
    (root / "shared" / "welcome.yaml").write_text(VALID_SOP, encoding="utf-8")
    symlink(root / "sops" / "welcome.yaml", root / "shared" / "welcome.yaml")

    assert run_cli(["lint"], cwd=root)[0] == 0


@pytest.mark.parametrize("command", ["lint", "build"])
def test_sopgen_yaml_linked_from_outside_the_project_is_not_read(make_project, run_cli, tmp_path, VALID_CONFIG,
                                                                  command):
    shared = tmp_path / "shared.yaml"
    shared.write_text(VALID_CONFIG, encoding="utf-8")
    root = make_project(config=None)
    symlink(root / "sopgen.yaml", shared)

    code, out, err = run_cli([command], cwd=root)

    assert code == 2
    assert "sopgen.yaml: is a link to a file outside the project" in err


@pytest.mark.parametrize("key, value", [("sops", "../outside"), ("templates", ".."), ("output", "{elsewhere}"),
                                        ("output", "build/../../elsewhere")])
@pytest.mark.parametrize("command", ["lint", "build"])
def test_folders_named_in_sopgen_yaml_must_be_inside_the_project(make_project, run_cli, tmp_path, VALID_CONFIG,
                                                                  outside, key, value, command):
    value = value.format(elsewhere=tmp_path / "elsewhere")
    root = make_project(config=VALID_CONFIG + f"{key}: {value}\n")
    line = VALID_CONFIG.count("\n") + 1

    code, out, err = run_cli([command], cwd=root)

    assert code == 2
    assert f"sopgen.yaml:{line}:{len(key) + 3}: the {key} folder '{value}' is outside the project" in err
    assert not (tmp_path / "elsewhere").exists()


def test_build_out_option_may_still_name_any_folder(make_project, run_cli, tmp_path):
    root = make_project()

    code, out, err = run_cli(["build", "--format", "md", "--out", tmp_path / "published"], cwd=root)

    assert code == 0, out + err
    assert (tmp_path / "published" / "md" / "door-welcome-arrivals.md").is_file()


def test_a_template_linked_from_outside_the_templates_folder_is_not_rendered(make_project, run_cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TEXT", encoding="utf-8")
    root = make_project()
    (root / "templates" / "partials").mkdir(parents=True)
    (root / "templates" / "md").mkdir()
    symlink(root / "templates" / "partials" / "leak.html", secret)
    (root / "templates" / "md" / "sop.md").write_text('{% include "partials/leak.html" %}', encoding="utf-8")

    code, out, err = run_cli(["build", "--format", "md"], cwd=root)

    assert code == 2
    assert "templates/partials/leak.html: is a link to a file outside the templates folder" in err
    assert not (root / "build").exists()


# --------------------------------------------------------------------------- ids never become paths


@pytest.mark.parametrize("name", ["../escape.md", "/tmp/escape.md", "md/../../escape.md", "md\\..\\..\\escape.md",
                                  "", "."])
def test_output_names_that_would_leave_the_output_folder_are_refused(tmp_path, name):
    from sopgen.core.errors import OutputError
    from sopgen.render.write import write_outputs

    with pytest.raises(OutputError, match="must stay inside the output folder"):
        write_outputs(tmp_path / "out", {"md/ok.md": b"ok", name: b"escaped"})
    assert not (tmp_path / "out").exists() and not (tmp_path / "escape.md").exists()


def test_a_page_name_that_would_leave_the_output_folder_stops_the_real_build(make_project, run_cli, monkeypatch,
                                                                              tmp_path):
    from sopgen.render import context

    original = context.sop_context

    def escaping(*args, **kwargs):
        return {**original(*args, **kwargs), "html_name": "../../escape.html", "md_name": "../escape.md"}

    monkeypatch.setattr(context, "sop_context", escaping)
    root = make_project()
    before = snapshot(tmp_path)

    code, out, err = run_cli(["build", "--format", "html", "--format", "md"], cwd=root)

    assert code == 2
    assert "must stay inside the output folder" in err and "Traceback" not in out + err
    assert snapshot(tmp_path) == before


# --------------------------------------------------------------------------- sources are never modified


@pytest.mark.parametrize("command", [["build"], ["lint"], ["lint", "--format", "sarif"]])
def test_build_and_lint_modify_nothing_but_the_output_folder(make_project, run_cli, tmp_path, VALID_SOP, command):
    root = make_project({"door/welcome.yaml": VALID_SOP, "door/robotic.yaml": VALID_SOP.replace(
        "door-welcome-arrivals", "door-robotic").replace("Watch the approach", "Always smile and watch the approach")})
    (root / "templates" / "site").mkdir(parents=True)
    (root / "templates" / "site" / "index.html").write_text('{% extends "builtin/site/index.html" %}',
                                                            encoding="utf-8")
    os.utime(root / "sops" / "door" / "welcome.yaml", ns=(1_000_000_000, 1_000_000_000))
    before = snapshot(tmp_path)

    code, out, err = run_cli(command, cwd=root)

    assert code in (0, 1), out + err
    assert snapshot(tmp_path, skip=root / "build") == before


# --------------------------------------------------------------------------- size and depth limits


def _enormous_sop(VALID_SOP: str, size: int) -> str:
    sentence = "Always offer help with the bags within four seconds and say exactly 'hello'. "
    text = (sentence * (size // len(sentence) + 1))[:size]
    return VALID_SOP.replace("Watch the approach so you see guests before they reach the door.", text)


def test_an_enormous_string_near_the_size_limit_is_linted_and_built_quickly(make_project, run_cli, VALID_SOP):
    content = _enormous_sop(VALID_SOP, 990_000)
    assert 990_000 < len(content.encode()) <= 1_000_000
    root = make_project({"door/welcome.yaml": content})

    started = time.perf_counter()
    code, out, err = run_cli(["lint", "--quiet"], cwd=root)
    linted = time.perf_counter() - started

    assert code == 1 and linted < 30
    last = out.splitlines()[-1]
    assert last.startswith("sops/door/welcome.yaml:15:") and "SOP10" in last
    assert run_cli(["build", "--format", "html", "--format", "md"], cwd=root)[0] == 0


def test_a_file_just_over_the_size_limit_is_refused(make_project, run_cli, VALID_SOP):
    root = make_project({"door/welcome.yaml": _enormous_sop(VALID_SOP, 1_000_000)})

    code, out, err = run_cli(["lint"], cwd=root)

    assert code == 2
    assert re.search(r"sops/door/welcome\.yaml: SOP001 error file is too large \(1,00\d,\d+ bytes; "
                     r"the limit is 1,000,000\)", out), out


def test_a_device_named_on_the_command_line_is_read_only_up_to_the_limit(make_project, run_cli):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    root = make_project()

    code, out, err = run_cli(["lint", "/dev/zero"], cwd=root)

    assert code == 2
    assert "/dev/zero: SOP001 error file is too large (the limit is 1,000,000)" in out


def _nested(depth: int) -> str:
    return "steps:\n" + "".join("  " * i + "- \n" for i in range(1, depth)).rstrip() + " x\n"


def test_limits_in_sopgen_yaml_raise_the_size_and_depth_allowed(make_project, run_cli, VALID_CONFIG, VALID_SOP):
    big = _enormous_sop(VALID_SOP, 1_500_000)
    default = make_project({"door/welcome.yaml": big, "door/deep.yaml": _nested(60)})
    raised = make_project({"door/welcome.yaml": big, "door/deep.yaml": _nested(60)},
                          config=VALID_CONFIG + "limits:\n  max_file_bytes: 2000000\n  max_depth: 80\n")

    _, out, _ = run_cli(["lint", "--quiet"], cwd=default)
    assert "welcome.yaml: SOP001 error file is too large" in out
    assert "the structure is nested more than 40 levels deep" in out
    _, out, _ = run_cli(["lint", "--quiet"], cwd=raised)
    assert "too large" not in out and "nested more than" not in out
    assert "welcome.yaml:15:" in out


def test_a_lower_limit_in_sopgen_yaml_is_applied_and_named(make_project, run_cli, VALID_CONFIG):
    root = make_project(config=VALID_CONFIG + "limits: {max_file_bytes: 100, max_depth: 2}\n")

    code, out, err = run_cli(["lint"], cwd=root)

    assert code == 2
    assert re.search(r"welcome-arrivals\.yaml: SOP001 error file is too large \([\d,]+ bytes; the limit is 100\)", out)


@pytest.mark.parametrize("limits, message", [
    ("{max_file_bytes: 0}", "limits: max_file_bytes must be from 1 to 50,000,000"),
    ("{max_file_bytes: 50000001}", "limits: max_file_bytes must be from 1 to 50,000,000"),
    ("{max_file_bytes: ²}", "'max_file_bytes' in 'limits' must be a whole number, not '²'"),
    ("{max_depth: 1" + "0" * 5000 + "}", "'max_depth' in 'limits' is too large (5,001 digits)"),
    ("{max_depth: 5000}", "limits: max_depth must be from 1 to 1000"),
    ("{max_depth: 0}", "limits: max_depth must be from 1 to 1000"),
    ("{max_file_bytes: lots}", "'max_file_bytes' in 'limits' must be a whole number, not 'lots'"),
    ("{max_size: 10}", "unknown key 'max_size' in 'limits'"),
])
def test_invalid_limits_are_reported_at_their_position(make_project, run_cli, VALID_CONFIG, limits, message):
    root = make_project(config=VALID_CONFIG + f"limits: {limits}\n")
    line = VALID_CONFIG.count("\n") + 1

    code, out, err = run_cli(["lint"], cwd=root)

    assert code == 2
    assert re.search(rf"sopgen\.yaml:{line}:\d+: {re.escape(message)}", err), err


def test_sopgen_yaml_itself_is_read_with_the_default_limits(make_project, run_cli, VALID_CONFIG):
    deep = "x:" + "".join("\n" + "  " * i + "- " for i in range(1, 60)) + "y\n"
    root = make_project(config=VALID_CONFIG + "limits: {max_depth: 100}\n" + deep)

    code, out, err = run_cli(["lint"], cwd=root)

    assert code == 2 and "nested more than 40 levels deep" in err


# --------------------------------------------------------------------------- hostile templates


@pytest.mark.parametrize("template, message", [
    ("{{ 1 / 0 }}", "failed to render: ZeroDivisionError"),
    ('{% include "md/sop.md" %}', "includes or calls itself without end"),
    ("{{ sop.__class__.__mro__ }}", "failed to render"),
    ("{{ ''.__class__.__base__.__subclasses__() }}", "failed to render"),
])
def test_a_hostile_template_stops_the_build_cleanly(make_project, run_cli, template, message):
    root = make_project()
    (root / "templates" / "md").mkdir(parents=True)
    (root / "templates" / "md" / "sop.md").write_text(template, encoding="utf-8")

    code, out, err = run_cli(["build", "--format", "md"], cwd=root)

    assert code == 2, out
    assert message in err and "Traceback" not in out + err
    assert not (root / "build").exists()


def test_a_template_cannot_reach_the_environment_through_the_format_method(make_project, run_cli, monkeypatch):
    # Jinja2 3.1.5's sandbox let `attr("format")` hand out str.format unchecked,
    # which walks attributes freely: a pull request could copy CI secrets into
    # build/md. The floor in pyproject.toml (jinja2>=3.1.6) is what blocks it.
    monkeypatch.setenv("SOPGEN_TEST_SECRET", "hunter2-secret")
    root = make_project()
    (root / "templates" / "md").mkdir(parents=True)
    (root / "templates" / "md" / "sop.md").write_text(
        '{% set leak = "{0.__init__.__globals__[os].environ[SOPGEN_TEST_SECRET]}" | attr("format") %}'
        "{{ leak(cycler) }}\n", encoding="utf-8")

    code, out, err = run_cli(["build", "--format", "md"], cwd=root)

    assert code == 2, out
    assert "hunter2-secret" not in out + err and "Traceback" not in out + err
    assert not (root / "build").exists()


# --------------------------------------------------------------------------- control characters never printed raw

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("command", [["lint"], ["check"], ["build", "--format", "md"], ["status"],
                                     ["lint", "--format", "github"]], ids=" ".join)
@pytest.mark.parametrize("where", ["sop-field", "config-key", "file-name"])
def test_control_characters_are_refused_and_never_printed_raw(make_project, run_cli, VALID_SOP, VALID_CONFIG,
                                                              command, where):
    osc52 = "\\e]52;c;Y3VybCBldmlsLnNofHNo\\a"
    if where == "sop-field":
        root = make_project({"door/welcome-arrivals.yaml": VALID_SOP.replace(
            "owner: Head Door Concierge", f'owner: "Head Door{osc52}\\u202eConcierge"')})
    elif where == "config-key":
        root = make_project(config=VALID_CONFIG + f'"x{osc52}": 1\n')
    else:
        root = make_project({"door/welcome-arrivals.yaml": VALID_SOP, "door/a\x1b]52;c;eA==\x07.yaml": "id: [\n"})

    code, out, err = run_cli(command, cwd=root)

    assert code == 2, out + err
    assert RAW_CONTROL.findall(out + err) == [], out + err
    assert "\\x1b" in out + err or "(U+001B)" in out + err   # shown as its escape, or named
    assert not (root / "build").exists()


@given(st.text())
def test_no_problem_message_holds_a_raw_control_character(text):
    from sopgen.core.problems import Problem, Severity

    problem = Problem(text, 1, 1, "SOP006", "unknown-key", Severity.ERROR, f"unknown key '{text}'", text)

    assert not RAW_CONTROL.search(problem.path + problem.message + problem.hint)
    assert "\n" not in problem.path


# --------------------------------------------------------------------------- Markdown bombs


def test_a_reference_link_is_not_repeated_into_the_page(make_project, run_cli):
    # [x]: <2 KB URL> then [x] 250 times made a 500 KB page; a 0.9 MB SOP became a 144 MB page.
    root = make_project({"door/welcome.yaml": (HOSTILE / "reference-link-amplifier.yaml").read_bytes()})

    code, out, err = run_cli(["build", "--format", "html", "--format", "md"], cwd=root)

    assert code == 0, out + err
    source = (HOSTILE / "reference-link-amplifier.yaml").stat().st_size
    for page in [*(root / "build" / "html").glob("door-*.html"), *(root / "build" / "md").glob("*.md")]:
        assert page.stat().st_size < 2 * source + 20_000, page.name


@given(st.text(alphabet="ab()\\ \t]:[j&#;", max_size=40))
def test_link_destinations_end_where_a_scan_from_their_start_ends(text):
    from sopgen.render.markup import _destination_ends

    def scanned(start):   # the definition: to a blank or an unbalanced ')', skipping escaped characters
        depth, i = 0, start
        while i < len(text):
            if text[i] == "\\":
                i += 2
                continue
            if text[i].isspace() or (text[i] == ")" and depth == 0):
                break
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        return min(i, len(text))

    ends = _destination_ends(text)
    for start in range(len(text)):
        if start == 0 or text[start - 1] != "\\":
            assert ends[start] == scanned(start)


def test_a_scheme_hidden_behind_padding_is_still_blocked():
    from sopgen.render.markup import to_safe_markdown

    padded = to_safe_markdown("[z](" + "&#9;" * 100 + "javascript:alert(1))")

    assert "javascript" not in padded and "#blocked-" in padded


def test_markdown_nested_past_what_the_renderer_can_recurse_is_shown_as_text():
    from sopgen.render.markup import to_html

    deep = "".join("    " * i + "- level\n" for i in range(400))

    assert "level" in to_html(deep)   # a RecursionError traceback before
    assert to_html("It *is*") == "It <em>is</em>"   # and the renderer still works after it


def test_a_default_folder_linked_out_of_the_project_is_reported_at_the_link(make_project, run_cli, tmp_path):
    root = make_project()
    (tmp_path / "elsewhere").mkdir()
    symlink(root / "build", tmp_path / "elsewhere")

    code, out, err = run_cli(["lint"], cwd=root)

    assert code == 2
    assert "build: the output folder is a link that leads outside the project" in err
    assert "sopgen.yaml:1:1" not in err
