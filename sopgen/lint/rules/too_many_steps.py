"""Too many steps: an SOP long enough that it should be split.

Looks for SOPs with more steps than `lint: max_steps` in sopgen.yaml (12 by
default).

A colleague learns a handful of intents, not a long procedure. A long list
usually hides two or three jobs; each is easier to train, observe and improve
as an SOP of its own.

Bad: An SOP with 18 steps covering arrival, check-in, the room tour and luggage.
Good: Three SOPs (arrival, check-in, luggage) of five or six steps each.
"""

CODE = "SOP109"
NAME = "too-many-steps"
SEVERITY = "warning"
KIND = "sop"
MESSAGE = "too many steps"
HINT = "split the SOP into smaller ones, one job each, or raise lint: max_steps in sopgen.yaml"


def check(sop, settings):
    if len(sop.steps) > settings.max_steps:
        yield "steps", f"the SOP has {len(sop.steps)} steps; more than {settings.max_steps} is hard to train"
