"""Wording-linter accuracy on a labelled corpus of sentences.

Run:  python benchmarks/accuracy.py --corpus PATH [--corpus PATH ...] [--quiet] [--by COLUMN]

A corpus is a tab-separated file, one sentence a line: ``label<TAB>sentence[<TAB>more ...]``,
where the label is R (robotic: the linter should flag it) or N (natural: it should not).
Lines starting with # are skipped. Each sentence becomes the last step of an otherwise clean
SOP, as a user would write it, and the whole library goes through `sopgen lint`. A sentence
counts as flagged when an error or warning lands on its line. Prints precision, recall and F1,
then every miss and false alarm with the rule codes that fired; ``--by 3`` also breaks the
figures down by the third column (a kind or register, say).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sopgen.pipeline import lint
from sopgen.core.problems import Severity

CONFIG = """organisation: Accuracy
title: Accuracy
journey:
  - id: reception
    name: Reception
"""

CLEAN_STEPS = [
    {"do": "Look up from the screen when someone comes to the desk.",
     "why": "Nobody should wonder whether they have been seen."},
    {"do": "Ask what brings them in today and listen to the answer.",
     "why": "What they need shapes everything that follows."},
]


@dataclass
class Entry:
    robotic: bool
    text: str
    columns: list[str]
    codes: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.codes)


def read_corpus(path: Path) -> list[Entry]:
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        label = columns[0].strip().upper()
        if label not in ("R", "N") or len(columns) < 2:
            sys.exit(f"{path}:{number}: expected 'R|N<TAB>sentence', got {line[:60]!r}")
        entries.append(Entry(label == "R", columns[1], columns))
    return entries


def sop_yaml(index: int, sentence: str) -> tuple[str, int]:
    """An SOP whose last step is ``sentence``, and the line that step's text starts on."""
    sop = {
        "id": f"reception-case-{index}", "title": f"Case {index}", "touchpoint": "reception",
        "version": "1.0", "status": "approved", "owner": "Front Office Manager",
        "approved_by": "General Manager", "effective": "2026-01-01", "review_by": "2027-01-01",
        "purpose": "Visitors are looked after from the moment they arrive.",
        "steps": CLEAN_STEPS + [{"do": sentence, "why": "The guest feels looked after and nothing is missed."}],
        "cues": [{"notice": "A visitor keeps checking the time.", "respond": "Ask whether they are in a hurry."}],
        "recovery": [{"when": "A visitor was kept waiting.", "do": "Apologise and see them straight away."}],
    }
    text = yaml.safe_dump(sop, sort_keys=False, allow_unicode=True, width=10**6)
    lines = text.splitlines()
    step_line = max(n for n, line in enumerate(lines, 1) if line.startswith("- do:"))
    return text, step_line


def lint_entries(entries: list[Entry]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "sopgen.yaml").write_text(CONFIG, encoding="utf-8")
        (root / "sops").mkdir()
        where = {}
        for index, entry in enumerate(entries):
            text, line = sop_yaml(index, entry.text)
            name = f"case-{index:04d}.yaml"
            (root / "sops" / name).write_text(text, encoding="utf-8")
            where[name] = (entry, line)
        result = lint(root)
        if result.invalid:
            bad = [p for p in result.problems if not p.is_lint]
            sys.exit("the corpus did not load: " + "; ".join(f"{p.location()} {p.message}" for p in bad[:5]))
        for problem in result.problems:
            if problem.severity not in (Severity.ERROR, Severity.WARNING):
                continue
            entry, line = where[Path(problem.path).name]
            if problem.line == line:
                entry.codes.append(problem.code)


def figures(entries: list[Entry]) -> tuple[int, int, int, float, float, float]:
    tp = sum(e.flagged and e.robotic for e in entries)
    fp = sum(e.flagged and not e.robotic for e in entries)
    fn = sum(not e.flagged and e.robotic for e in entries)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return tp, fp, fn, precision, recall, f1


def summary(name: str, entries: list[Entry]) -> str:
    tp, fp, fn, precision, recall, f1 = figures(entries)
    return (f"{name}: {len(entries)} sentences  precision {precision:.3f}  recall {recall:.3f}  "
            f"F1 {f1:.3f}  (hits {tp}, false alarms {fp}, misses {fn})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", required=True, type=Path)
    parser.add_argument("--quiet", action="store_true", help="figures only, no list of errors")
    parser.add_argument("--by", type=int, default=0, help="break figures down by this (1-based) column")
    args = parser.parse_args(argv)
    for path in args.corpus:
        entries = read_corpus(path)
        lint_entries(entries)
        print(summary(str(path), entries))
        if args.by:
            groups = defaultdict(list)
            for entry in entries:
                key = entry.columns[args.by - 1] if len(entry.columns) >= args.by else "-"
                groups[key].append(entry)
            for key in sorted(groups):
                print("   " + summary(key, groups[key]))
        if not args.quiet:
            for entry in entries:
                if entry.flagged != entry.robotic:
                    kind = "false alarm" if entry.flagged else "miss"
                    print(f"  {kind:11} {','.join(sorted(set(entry.codes))) or '-':15} {entry.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
