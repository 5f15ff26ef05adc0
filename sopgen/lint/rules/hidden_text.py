"""Characters a reviewer cannot see, or letters of another script that look like Latin ones.

A zero-width space or soft hyphen inside a phrase hides it from a reader's
search and from the wording rules; a bidirectional override shows text in
another order than it is stored; a Cyrillic or Greek letter inside a Latin
word reads as the letter it resembles. Each may be a paste from elsewhere or
a trick in a pull request; a reviewer should know before approving.

Bad: "Ask for the guest's pаssport" (the "а" is Cyrillic)
Good: "Ask for the guest's passport"
"""

CODE = "SOP205"
NAME = "hidden-text"
SEVERITY = "warning"
KIND = "library"
MESSAGE = "hidden or look-alike characters"
HINT = "retype the text, or delete the character, unless it is meant to be there"

_MOST_HIDDEN = 20   # per file: enough to make the point


def check(sop, library):
    from ...core.hidden_text import find_hidden   # here, not above: `sopgen lint` never runs this rule

    if sop.source is None:
        return
    for hidden in find_hidden(sop.source.text)[:_MOST_HIDDEN]:
        yield sop, sop.source.position(hidden.index), f"contains {hidden.description}", None
