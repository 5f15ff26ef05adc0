"""Wording hidden by invisible characters, look-alike letters, quotes or capitals is still found,
and reported on the text as the author wrote it."""

from __future__ import annotations

import pytest

from sopgen.lint.normalise import plain

from .lintkit import findings, sop_with_step, write_project

ZERO_WIDTH_SPACE = "\u200b"
SOFT_HYPHEN = "\u00ad"
CYRILLIC_A = "\u0430"
CYRILLIC_E = "\u0435"
RIGHT_TO_LEFT_OVERRIDE = "\u202e"


def _codes(tmp_path, text):
    write_project(tmp_path, [sop_with_step(text)])
    return {p.code: p for p in findings(tmp_path)}


@pytest.mark.parametrize("text, code", [
    (f"Keep a sm{ZERO_WIDTH_SPACE}ile on your face at every table.", "SOP104"),
    (f"Say ex{SOFT_HYPHEN}actly: 'Welcome to Harbour House'.", "SOP101"),
    (f"{CYRILLIC_A}lw{CYRILLIC_A}ys wear your name badge at all times.", "SOP105"),
    (f"S{RIGHT_TO_LEFT_OVERRIDE}mil{CYRILLIC_E}.", "SOP104"),
    ("ＳＭＩＬＥ ａｔ ｅｖｅｒｙ ｇｕｅｓｔ.", "SOP104"),
    ("SAY “WELCOME BACK, WE MISSED YOU” TO EVERY RETURNING GUEST.", "SOP101"),
    ("Greet members with ‘Welcome back to the lounge’ and nothing else.", "SOP101"),
])
def test_disguised_robotic_wording_is_still_flagged(tmp_path, text, code):
    assert code in _codes(tmp_path, text)


def test_a_finding_quotes_and_points_at_the_original_characters(tmp_path):
    text = f"Look up from the desk. Al{ZERO_WIDTH_SPACE}ways wear your name badge at all times."
    problem = _codes(tmp_path, text)["SOP105"]
    assert f"'Al{ZERO_WIDTH_SPACE}ways'" in problem.message
    do_line = (tmp_path / "sops" / "sop-0.yaml").read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert do_line[problem.column - 1:].startswith(f"Al{ZERO_WIDTH_SPACE}ways")


def test_plain_text_maps_every_offset_back_to_the_original():
    original = f"Sm{ZERO_WIDTH_SPACE}ile, “please”, {CYRILLIC_A}lways"
    made_plain = plain(original)
    assert made_plain.text == 'Smile, "please", always'
    start = made_plain.text.index("always")
    assert made_plain.original_span(start, start + len("always")) == (original.index(CYRILLIC_A), len(original))
    assert made_plain.original_span(0, 5) == (0, 6)


def test_ascii_text_is_left_as_it_is():
    made_plain = plain("Offer water, so they can settle in.")
    assert made_plain.origin is None and made_plain.original_span(3, 8) == (3, 8)
