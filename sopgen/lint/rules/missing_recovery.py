"""Missing recovery: the SOP does not say how to put things right.

Looks for SOPs with no `recovery:` items.

No mistake is irreversible. Colleagues who know how to recover act quickly and
calmly when something goes wrong, and a guest who sees a problem put right
often trusts us more than one who never met a problem.

Bad: An SOP with steps and cues but no `recovery:` section.
Good: An SOP with `recovery:` saying, for example, what to do when a guest has been kept waiting.
"""

CODE = "SOP112"
NAME = "missing-recovery"
SEVERITY = "warning"
KIND = "sop"
MESSAGE = "no recovery"
HINT = "add 'recovery:' with at least one 'when:' (what went wrong) and 'do:' (how to put it right)"


def check(sop, settings):
    if not sop.recovery:
        yield "steps", "the SOP does not say how to recover when something goes wrong"
