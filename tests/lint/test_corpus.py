"""Precision and recall of the wording rules on labelled corpora of step sentences.

dev.yaml was written alongside the rules; holdout.yaml and blind.yaml were
written separately, in other voices and settings, by an author who did not
see the rules, so they show how the rules generalise.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sopgen.lint import lint_sop, Selection
from sopgen.config import LintSettings
from sopgen.lint.registry import RULES
from sopgen.models import Sop, Step

CORPUS_DIR = Path(__file__).parent / "corpus"
WORDING_RULES = tuple(r.code for r in RULES if r.kind == "text")
MIN_PRECISION, MIN_RECALL = 0.90, 0.85


def flagged(text: str) -> bool:
    sop = Sop(id="corpus", title="t", touchpoint="door", version="1", status="draft", owner="o", purpose="p",
              steps=[Step(do=text, why="w")])
    settings = LintSettings()
    selection = Selection.from_settings(settings, select=WORDING_RULES)
    return bool(lint_sop(sop, settings, selection))


def scores(entries: list[dict]) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    misses = []
    for entry in entries:
        predicted = flagged(entry["text"])
        if predicted and entry["robotic"]:
            tp += 1
        elif predicted:
            fp += 1
            misses.append(f"false alarm: {entry['text']}")
        elif entry["robotic"]:
            fn += 1
            misses.append(f"missed: {entry['text']}")
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), misses


@pytest.mark.parametrize("name", sorted(p.stem for p in CORPUS_DIR.glob("*.yaml")))
def test_corpus_precision_and_recall(name):
    entries = yaml.safe_load((CORPUS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    assert len(entries) >= 100
    precision, recall, misses = scores(entries)
    print(f"{name}: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= MIN_PRECISION, misses
    assert recall >= MIN_RECALL, misses


def test_corpus_is_balanced_and_large_enough():
    entries = [e for p in CORPUS_DIR.glob("*.yaml") for e in yaml.safe_load(p.read_text(encoding="utf-8"))]
    robotic = sum(1 for e in entries if e["robotic"])
    assert len(entries) >= 150
    assert 0.4 <= robotic / len(entries) <= 0.6
