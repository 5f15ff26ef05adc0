"""House phrase: wording your own organisation has chosen to avoid.

Looks for the phrases listed under `lint: flag:` in sopgen.yaml, each with its
own message, hint and severity. Nothing is flagged until a project lists some.

Every house has words it has outgrown ("as per", "the client", "sir/madam").
Listing them once lets every pull request catch them.

Bad: With `flag: [{phrase: "as per", hint: "say 'as in' or 'following'"}]`, a step saying "Set the room as per the booking."
Good: Set the room as the booking describes.
"""

import re

from ...core.problems import Severity

CODE = "SOP110"
NAME = "house-phrase"
SEVERITY = "warning"
KIND = "config"
MESSAGE = "house phrase"
HINT = "reword it as your house style guide suggests"


def check(ref, settings):
    """Each listed phrase in one instruction: its offsets, message, severity and hint (None for the rule's)."""
    for phrase in settings.flag:
        for match in re.finditer(rf"\b{re.escape(phrase.phrase)}\b", ref.text, re.IGNORECASE):
            message = phrase.message or f"the house style avoids {phrase.phrase!r}"
            yield (match.start(), match.end(), f"{message} in {ref.label}", Severity.parse(phrase.severity),
                   phrase.hint or None)
