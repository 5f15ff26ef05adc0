"""Step without a why: every step says what it is for.

Looks for steps that have a `do` but no `why`.

People remember reasons, not choreography. A step with its reason can be
adapted when the situation is unusual; a bare instruction can only be obeyed
or broken.

Bad: A step with `do: Offer to store the guest's luggage.` and no `why:` line.
Good: A step with `do: Offer to store the guest's luggage.` and `why: They can enjoy the city unburdened until their room is ready.`
"""

CODE = "SOP108"
NAME = "step-without-why"
SEVERITY = "warning"
KIND = "sop"
MESSAGE = "step has no why"
HINT = "add 'why:' to the step: what it does for the guest, or what goes wrong without it"


def check(sop, settings):
    for index, step in enumerate(sop.steps):
        if not step.why:
            yield f"steps[{index}].do", f"step {index + 1} has no why"
