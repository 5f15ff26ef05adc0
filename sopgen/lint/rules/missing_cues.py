"""Missing cues: the SOP gives nothing to notice and anticipate.

Looks for SOPs with no `cues:` items.

Exceptional service is anticipation: a guest checking their watch, a visitor
arriving soaked, a parent juggling bags. Cues train people to notice and
respond before they are asked.

Bad: An SOP with steps and recovery but no `cues:` section.
Good: An SOP with `cues:` such as "notice: A guest keeps checking their watch" and how to respond.
"""

CODE = "SOP113"
NAME = "missing-cues"
SEVERITY = "info"
KIND = "sop"
MESSAGE = "no cues"
HINT = "add 'cues:' with a 'notice:' (a sign to look out for) and a 'respond:' (what to do about it)"


def check(sop, settings):
    if not sop.cues:
        yield "steps", "the SOP gives no cues to notice and anticipate"
