"""Absolutes and zero-discretion language outside safety, security and the law.

Looks for always, never, at all times, under no circumstances, without
exception, strictly, "do not deviate", "no matter what" and "must" attached to
a service gesture, unless the sentence is about safety, security, privacy or
the law (fire doors, keys, ID, allergies, alcohol, data protection), where an
absolute with a reason is exactly right.

Service is a stream of exceptions: the guest who wants to carry their own
bag, the regular who hates being called "sir". An absolute tells people to
stop thinking. Keep absolutes for the few things that really are absolute,
and give the reason.

Bad: Always offer every guest a bottle of water at check-in.
Good: Offer water at check-in when a guest has come a long way or looks warm, so they can settle in.
"""

import re

from ..text import Hit, Sentence, keywords

CODE = "SOP105"
NAME = "absolute-language"
SEVERITY = "warning"
KIND = "text"
MESSAGE = "absolute language outside safety, security or the law"
HINT = ("say when and why, and trust judgement for the exceptions; keep 'always' and 'never' for "
        "safety, security and legal rules, with the reason in the same step")
KEYWORDS = keywords("""
    always never times time circumstances circumstance exception exceptions strictly deviate deviation whatever
    matter cases case single every account point regardless forbidden prohibited permitted allowed negotiable
    compulsory tolerance must
""")

_ABSOLUTE = re.compile(
    r"\b(?:always|never|at\s+all\s+times|at\s+any\s+time|under\s+no\s+circumstances?|in\s+no\s+circumstances?|"
    r"not\s+under\s+any\s+circumstances?|under\s+any\s+circumstances?|without\s+(?:any\s+)?exceptions?|"
    r"no\s+exceptions?|strictly|do\s+not\s+deviate|don't\s+deviate|no\s+deviation|must\s+not\s+deviate|"
    r"whatever\s+the\s+circumstances?|no\s+matter\s+what|in\s+all\s+cases|in\s+every\s+(?:single\s+)?case|"
    r"every\s+single|each\s+and\s+every|on\s+no\s+account|at\s+no\s+(?:time|point)|"
    r"regardless\s+of\s+(?:the\s+)?(?:circumstances?|situation|how|what|whether)|"
    r"(?:is|are)\s+(?:strictly\s+)?(?:forbidden|prohibited|not\s+permitted|not\s+allowed)|"
    r"(?:is|are)\s+(?:absolutely\s+)?(?:non-negotiable|compulsory)|zero\s+tolerance)\b"
)
_MUST_SOCIAL = re.compile(
    r"\bmust\s+(?:\w+\s+)?(?:greet|welcome|thank|say|smile|offer|"
    r"address|escort|accompany|introduce|wish|compliment|use\s+the\s+guest|call\s+the\s+guest|stand|bow|"
    r"walk|open\s+the\s+door|carry|acknowledge|make\s+eye\s+contact|ask)\b"
)


def check(sentence: Sentence):
    if sentence.field_has("safety"):
        return
    text = sentence.masked
    match = _ABSOLUTE.search(text) or _MUST_SOCIAL.search(text)
    if match:
        yield Hit(match.start(), match.end())
