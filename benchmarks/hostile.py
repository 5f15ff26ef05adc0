"""Wording rules on hostile text: every pattern must stay linear in the length of a step.

Run:  python benchmarks/hostile.py [--size BYTES] [--rule CODE]

Each input repeats a fragment that starts a match and never finishes it (an
unclosed quote, a person noun with no verb, a number with no unit), the shapes
that make a backtracking pattern quadratic. Every text rule reads a step of
``--size`` bytes (default 1 MB, the default file limit) and a step a tenth
that size; the script prints the seconds for each and their ratio, which
stays near 10 for a linear rule. A ratio near 100 means a quadratic pattern.
"""

from __future__ import annotations

import argparse
import time

from sopgen.core.config import LintSettings
from sopgen.lint import Selection, lint_sop
from sopgen.lint.registry import RULES
from sopgen.core.models import Sop, Step

FRAGMENTS = {
    "unclosed single quotes": " 'a",
    "unclosed double quotes": ' "a',
    "unclosed curly quotes": " ‘a “b",
    "apostrophes": " guest's 'n",
    "open brackets": " [name (your <hotel",
    "people without verbs": " the guest visitors callers",
    "staff without verbs": " team member associate host",
    "numbers without units": " 10 ten 2-3",
    "distances without people": " 3 feet",
    "affect words": " warm friendly",
    "smiles": " smile",
    "absolutes": " always never at all times",
    "conditions": " if when where",
    "negations": " not never avoid",
    "sentence ends": ". A",
    "abbreviations": " e.g. Mr. Mrs.",
    "invisible characters": " s\u200bm\u00adi\u202el\u0435",
    "long word": "a",
}


def step_text(fragment: str, size: int) -> str:
    return (fragment * (size // len(fragment) + 1))[:size]


def lint_once(text: str, code: str) -> float:
    sop = Sop(id="hostile", title="t", touchpoint="door", version="1", status="draft", owner="o",
              purpose="p", steps=[Step(do=text, why="w")])
    settings = LintSettings()
    selection = Selection.from_settings(settings, select=(code,))
    start = time.perf_counter()
    lint_sop(sop, settings, selection)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--rule", action="append", help="only this rule (repeatable)")
    args = parser.parse_args()
    rules = [r for r in RULES if r.kind == "text" and (not args.rule or r.code in args.rule)]
    worst = 0.0
    print(f"{'rule':8} {'input':26} {args.size // 10:>9,} B {args.size:>11,} B  ratio")
    for rule in rules:
        for name, fragment in FRAGMENTS.items():
            small = lint_once(step_text(fragment, args.size // 10), rule.code)
            large = lint_once(step_text(fragment, args.size), rule.code)
            worst = max(worst, large)
            ratio = large / small if small > 0.001 else float("nan")
            print(f"{rule.code:8} {name:26} {small:9.3f} s {large:11.3f} s  {ratio:5.1f}")
    print(f"slowest step of {args.size:,} bytes: {worst:.2f} s")


if __name__ == "__main__":
    main()
