"""Steps written in phases are read as one list numbered across the phases.

Every reader of steps (the linter, checklists, quizzes, diff) names a step by
its place in that list: "steps[4].do" is the fifth step, whichever phase it is
in. The validator records the positions of a phase's steps as written
("steps[1].steps[0].do"); this gives them their flat names too.
"""

from __future__ import annotations

import re

from .schema import Validator

_IN_PHASE = re.compile(r"^steps\[(\d+)\]\.steps\[(\d+)\]")


def number_steps_across_phases(validator: Validator) -> None:
    """Add the flat key of every position inside a phase, and the flat indices of the steps kept."""
    groups = [g for g in range(validator.sizes.get("steps", 0)) if f"steps[{g}].steps" in validator.sizes]
    if not groups:
        return
    first_number, running = {}, 0
    for g in range(validator.sizes["steps"]):
        first_number[g] = running
        running += validator.sizes.get(f"steps[{g}].steps", 0)
    for key, span in list(validator.spans.items()):
        found = _IN_PHASE.match(key)
        if found:
            flat = first_number[int(found[1])] + int(found[2])
            validator.spans[f"steps[{flat}]" + key[found.end():]] = span
    validator.indices["steps"] = [first_number[g] + j for g in validator.indices.get("steps", ())
                                  for j in validator.indices.get(f"steps[{g}].steps", ())]
