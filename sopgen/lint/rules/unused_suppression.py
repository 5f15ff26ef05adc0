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
