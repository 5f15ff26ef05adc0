"""Unused suppression: an `allow` or `lint: ignore` that suppresses nothing.

Looks for rule codes in a step's `allow:` list or an SOP's `lint: ignore:`
list that no finding needed.

A suppression left behind after the wording was fixed hides the next real
problem in the same place. Remove it.

Bad: A step with `allow: [SOP105]` whose text has no absolute in it any more.
Good: The same step with the `allow:` and `reason:` lines removed.
"""

CODE = "SOP111"
NAME = "unused-suppression"
SEVERITY = "warning"
KIND = "engine"
MESSAGE = "suppression suppresses nothing"
HINT = "remove the code from the allow or ignore list"


def check(sop, used, active):
    """Each suppression no finding needed: its key and the message.

    ``used`` holds the (scope, code) pairs that suppressed a finding; ``active`` says whether a code
    ran at all (a suppression of a rule switched off is not reported).
    """
    candidates = [("lint.ignore", f"lint.ignore[{i}]", code, "this SOP's lint ignore list")
                  for i, code in enumerate(sop.lint.ignore)]
    for s, step in enumerate(sop.steps):
        candidates += [(f"steps[{s}]", f"steps[{s}].allow[{i}]", code, f"step {s + 1}'s allow list")
                       for i, code in enumerate(step.allow)]
    for scope, key, code, where in candidates:
        if (scope, code) not in used and active(code):
            yield key, f"{code} in {where} suppresses nothing"
