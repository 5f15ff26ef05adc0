"""Lint speed: 1,000 generated SOPs of 12 steps, against merely loading them with PyYAML's C loader.

Run:  python benchmarks/lint.py [--sops N] [--steps N] [--repeat N] [--robotic-share F]
Prints the best of N runs for each side and their ratio.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import yaml

CLEAN = [
    "Offer a seat if the wait looks long",
    "Walk a guest who seems lost to the lift when the desk is covered",
    "Check the fridge stays below 5 °C",
    "Set out water 30 minutes before the meeting starts",
    "Let the host know their visitor has arrived and offer a drink",
    "Explain how the room key works and which floors it opens",
    "Note special requests on the booking so the next shift can see them",
    "Ask who they are visiting and walk them to reception if they seem unsure",
]
ROBOTIC = [
    "Always offer the guest a bottle of water",
    "Greet every visitor within ten seconds",
    "Say exactly 'Welcome to Harbour House'",
    "Visitors are to be greeted by name",
    "Hand over the key card with your right hand, palm up",
    "Process each arrival as quickly as possible",
]
def write_library(root: Path, sops: int, steps: int, robotic_share: float = 0.1) -> None:
    rng = random.Random(7)
    (root / "sopgen.yaml").write_text(
        "organisation: Bench\ntitle: Bench\njourney:\n  - id: door\n    name: Door\n", encoding="utf-8")
    folder = root / "sops"
    folder.mkdir()
    for n in range(sops):
        lines = [f"id: door-sop-{n}", f"title: Generated SOP {n}", "touchpoint: door", 'version: "1.0"',
                 "status: approved", "owner: Head Door Concierge", "approved_by: Manager",
                 "effective: 2026-01-01", "review_by: 2027-01-01",
                 "purpose: >\n  Guests feel expected from the moment they arrive, and this SOP says how.", "steps:"]
        for _ in range(steps):
            phrases = ROBOTIC if rng.random() < robotic_share else CLEAN
            lines.append(f"  - do: {rng.choice(phrases)}, and tell the team.")
            lines.append("    why: The guest feels looked after and nobody waits unnoticed.")
        lines += ["cues:", "  - notice: A guest arrives with children.", "    respond: Take the bags first.",
                  "recovery:", "  - when: A guest waited.", "    do: Apologise and bring them in.",
                  "checklist:", "  - Umbrellas ready by the door"]
        (folder / f"sop-{n:04d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sops", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--robotic-share", type=float, default=0.1,
                        help="share of steps written in robotic wording (default 0.1)")
    args = parser.parse_args()

    from sopgen.pipeline import lint

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_library(root, args.sops, args.steps, args.robotic_share)
        files = sorted((root / "sops").glob("*.yaml"))

        def bare_load():
            for path in files:
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        findings = []

        def sopgen_lint():
            findings[:] = lint(root).problems

        load_time = best_of(args.repeat, bare_load)
        lint_time = best_of(args.repeat, sopgen_lint)
    print(f"SOPs: {args.sops} of {args.steps} steps, {args.robotic_share:.0%} of steps robotic; "
          f"findings: {len(findings)}")
    print(f"PyYAML C loader, load only: {load_time:.3f} s ({load_time / args.sops * 1000:.2f} ms per SOP)")
    print(f"sopgen lint (load, validate, lint): {lint_time:.3f} s ({lint_time / args.sops * 1000:.2f} ms per SOP)")
    print(f"ratio lint / bare load: {lint_time / load_time:.2f}x")


if __name__ == "__main__":
    main()
