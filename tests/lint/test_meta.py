"""Every rule documents itself, has a case file, and its own Bad example is flagged and Good is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopgen.lint.registry import RULES

from .lintkit import findings, sop_with_step, write_project

CASES_DIR = Path(__file__).parent / "cases"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_documentation_examples_and_a_case_file(rule):
    assert rule.summary and rule.summary != rule.name
    assert len(rule.doc.split("\n\n")) >= 3, "docstring: summary, what it looks for, why it matters"
    assert rule.example("Bad") and rule.example("Good")
    assert rule.hint and rule.message
    assert (CASES_DIR / f"{rule.code}.yaml").is_file()


def test_rule_codes_and_names_are_unique():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "text"], ids=lambda r: r.code)
def test_docstring_bad_example_is_flagged_and_good_is_not(tmp_path, rule):
    bad = tmp_path / "bad"
    good = tmp_path / "good"
    bad.mkdir()
    good.mkdir()
    write_project(bad, [sop_with_step(rule.example("Bad"))])
    write_project(good, [sop_with_step(rule.example("Good"))])
    assert any(p.code == rule.code for p in findings(bad))
    assert not any(p.code == rule.code for p in findings(good))


def _all_sentences():
    import yaml

    from sopgen.lint.text import sentences

    from .test_corpus import read_tsv

    corpus = Path(__file__).parent / "corpus"
    texts = [e["text"] for p in sorted(corpus.glob("*.yaml")) for e in yaml.safe_load(p.read_text(encoding="utf-8"))]
    texts += [e["text"] for p in sorted(corpus.glob("*.tsv")) for e in read_tsv(p)]
    for path in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += spec.get("fail", []) + spec.get("pass", [])
    texts += [r.example("Bad") for r in RULES] + [r.example("Good") for r in RULES]
    return [s for text in texts for s in sentences(text)]


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "text"], ids=lambda r: r.code)
def test_keyword_precheck_never_hides_a_finding(rule):
    """A rule's quick keyword check may only skip sentences its patterns would not flag anyway."""
    hidden = [s.text for s in _all_sentences() if not rule.applies(s) and next(iter(rule.check(s)), None)]
    assert hidden == []


def test_a_finder_gate_never_hides_what_its_pattern_would_find():
    """Rules search some patterns only when a sentence holds one of the words kept beside them."""
    from sopgen.lint.rules import choreography, social_timing

    hidden = []
    for sentence in _all_sentences():
        for message, pattern, gate in choreography._BODY_KINDS:
            if gate.isdisjoint(sentence.words) and pattern.search(sentence.masked):
                hidden.append((message, sentence.text))
        for finder, gate in social_timing._FINDERS:
            if gate.isdisjoint(sentence.words) and finder(sentence.masked, sentence):
                hidden.append((finder.__name__, sentence.text))
    assert hidden == []
