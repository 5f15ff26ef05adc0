"""Comparing SOP versions as people write them."""

from __future__ import annotations

import pytest

from sopgen.versions import is_newer, next_version, same_version


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
