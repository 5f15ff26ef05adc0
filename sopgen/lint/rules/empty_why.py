"""A why that gives no reason: "Standards.", "Company policy.", "Because it is required."

Looks for a step's `why` made only of appeals to authority or habit (policy,
brand standard, procedure, management, consistency, "because we say so")
and small words, with nothing about the guest, the colleague or what goes
wrong without the step. A why that names the law, safety or a real effect
("Guests with allergies are kept safe", "The next shift can see the
request") is a reason and is left alone.

People remember reasons, not rules. "Brand standard" can only be obeyed or
broken; "a guest who has been travelling all day wants to sit down" can be
adapted when the moment is unusual, and it is what makes the step worth doing.

Bad: A step with `do: Offer to store the guest's luggage.` and `why: Company policy.`
Good: A step with `do: Offer to store the guest's luggage.` and `why: They can enjoy the city unburdened until their room is ready.`
"""

import re

from ..normalise import plain
from ..text import phrase_pattern

CODE = "SOP115"
NAME = "why-without-reason"
SEVERITY = "warning"
KIND = "sop"
MESSAGE = "the why gives no reason"
HINT = ("say what the step does for the guest, or what goes wrong without it; 'policy' or 'brand standard' "
        "tells people to obey, a reason tells them what to aim for")

_LONGEST_EMPTY = 120     # a why made only of policy words is short; a longer one says something
_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
_SMALL = frozenset("""
    a an the it it's its is are was be been being this that these those to of for in on at by with and or
    we our us you your they their them all always every do does did done must should will would has have had
    because since just simply only also here there way how what things thing ensure ensures maintain maintains
    keep keeps follow follows following comply complies compliance meet meets met according accordance line
    part set out laid down upheld uphold adhere adheres adherence high level levels our own required by as
""".split())
_REASON_WORDS = re.compile(r"\b(?:law|laws|legal|legally|licen[cs]e|safe|safety|safely|secure|security|fire|hygiene|"
                           r"allerg\w*|privacy|data|insurance|regulation\w*)\b")


def check(sop, settings):
    authority = phrase_pattern("authority-words")
    for index, step in enumerate(sop.steps):
        if step.why and len(step.why) <= _LONGEST_EMPTY and _no_reason(step.why, authority):
            yield f"steps[{index}].why", f"step {index + 1}'s why gives no reason: '{' '.join(step.why.split())[:60]}'"


def _no_reason(why: str, authority: re.Pattern) -> bool:
    text = plain(why).text.lower()
    if _REASON_WORDS.search(text):
        return False
    rest = authority.sub(" ", text)
    content = [word for word in _WORD.findall(rest) if word not in _SMALL]
    return not content and bool(authority.search(text))
