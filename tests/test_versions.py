"""Comparing SOP versions as people write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopgen.core.versions import is_newer, next_version, same_version


@pytest.mark.parametrize("newer, older", [
    ("1.10", "1.9"), ("2", "1.9"), ("1.2.1", "1.2"), ("2.0", "1.10.3"), ("v1.3", "1.2"),
    ("1.2b", "1.2a"), ("10", "9"),
])
def test_newer_versions(newer, older):
    assert is_newer(newer, older)
    assert not is_newer(older, newer)


@pytest.mark.parametrize("a, b", [("2", "2.0"), ("1.2", "1.2.0"), ("1.2", " 1.2 "), ("v1.2", "1.2"), ("1.02", "1.2")])
def test_versions_that_are_the_same(a, b):
    assert same_version(a, b)
    assert not is_newer(a, b) and not is_newer(b, a)


@pytest.mark.parametrize("version, following", [("1.9", "1.10"), ("2", "3"), ("1.2.3", "1.2.4"), ("draft", "")])
def test_next_version_raises_the_last_number(version, following):
    assert next_version(version) == following


def test_versions_with_numbers_of_any_length_compare_and_step_without_failing():
    from sopgen.core.versions import is_newer, next_version, same_version

    huge = "1." + "9" * 5000

    assert is_newer("2.0", huge) and is_newer(huge, "1.10") and same_version(huge + ".0", huge)
    assert next_version(huge) == "1.1" + "0" * 5000
    assert next_version("1.٣") == "2.٣"   # a digit of another script is text, not a number to raise


@given(st.from_regex(r"[0-9]{1,30}(\.[0-9]{1,30}){0,3}", fullmatch=True),
       st.from_regex(r"[0-9]{1,30}(\.[0-9]{1,30}){0,3}", fullmatch=True))
def test_dotted_versions_compare_as_their_numbers(a, b):
    from sopgen.core.versions import is_newer

    def numbers(v):
        parts = [int(p) for p in v.split(".")]
        while len(parts) > 1 and parts[-1] == 0:
            parts.pop()
        return parts

    assert is_newer(a, b) == (numbers(a) > numbers(b))
