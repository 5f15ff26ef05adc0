"""Timings and quotas on social behaviour: seconds to greet, rings to answer, names said twice.

Looks for stopwatch measures of human contact (within a number of seconds,
by the second ring, eye contact held for two seconds, a check-in of no more
than 90 seconds), intervals for approaching people ("every ten minutes ask"),
and quotas for words and gestures ("say their name twice", "thank the guest
three times"). Operational commitments measured in hours or days ("reply to
email within one working day") and schedules for things ("change the
flowers every Monday") are real standards and are left alone.

A stopwatch turns a welcome into a task to tick off, and guests notice the
tick. Say what the timing protects (nobody waits unnoticed, a caller is not
left ringing) and let people judge the moment.

Bad: Make eye contact with every arriving guest within four seconds.
Good: Acknowledge arriving guests straight away, even with a nod while you finish a call, so nobody feels unnoticed.
"""

import re

from ..text import COUNT, NUMBER, Hit, Sentence, keywords

CODE = "SOP103"
NAME = "social-timing"
SEVERITY = "warning"
KIND = "text"
MESSAGE = "timing or quota on social behaviour"
HINT = ("say what the timing protects (nobody waits unnoticed, the caller is not left ringing) "
        "instead of a stopwatch or a count; keep hard timings for real service commitments")
KEYWORDS = keywords("""
    second seconds secs sec eye count ring rings minute minutes mins min hour twice thrice times once mention
    mentions reference references reminder reminders compliment compliments thank yous uses offer offers
    recommendation recommendations
""")

_SOCIAL = re.compile(
    r"\b(?:greet\w*|acknowledg\w*|welcom\w*|eye\s+contact|smil\w*|nod\w*|bow\w*|speak\w*|talk\w*|chat\w*|"
    r"repl\w*|respond\w*|answer\w*|conversation\w*|interaction\w*|thank\w*|knock\w*|enter\w*|approach\w*|"
    r"pause\w*|look\w*\s+at|ask\w*|check\w*\s+on|check\w*\s+in\s+on|visit\w*|offer\w*|follow\w*\s+up|"
    r"say\w*|use\w*|mention\w*|address\w*|small\s+talk|engage\w*|attention|contact|call\w*|"
    r"guests?|visitors?|callers?|diners?|members?|clients?|patrons?|customers?|passengers?|attendees?|"
    r"table|tables|seat|seats|queue|updat\w*|inform\w*|famil\w+|groups?|people|children|chat|on\s+the\s+dot)\b"
)
_SECONDS = re.compile(rf"\b(?!an?\b){NUMBER}[\s-]*(?:seconds?|secs?)\b|\b(?:within|in|for|after)\s+a\s+(?:split\s+)?second\b")
_MINUTES = re.compile(rf"\b(?:within|every|each|after|in\s+under|under|no\s+more\s+than|at\s+most|"
                      rf"no\s+longer\s+than|longer\s+than|inside)\s+(?:the\s+|their\s+|your\s+|its\s+)?(?:first\s+|next\s+)?"
                      rf"(?:{NUMBER}\s+)?(?:minutes?|mins?)\b"
                      rf"|\b(?:within|every|each|in\s+under|under|no\s+more\s+than|at\s+most|no\s+longer\s+than)"
                      rf"\s+{NUMBER}[\s-]*(?:minutes?|mins?)\b"
                      r"|\bevery\s+(?:quarter|half)[\s-]+(?:of\s+an\s+)?hour\b")
_EYE_CONTACT = re.compile(r"\beye\s+contact\s+(?:for|lasting|of)\b|\bfor\s+a\s+count\s+of\b")
_RINGS = re.compile(r"\b(?:by|before|on|within|after)\s+the\s+(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))"
                    r"\s+ring\b|\b" + COUNT + r"\s+rings\b"
                    r"|\b(?:by|before|on|within|after)\s+ring\s+(?:\d|one|two|three|four|five)\b")
_QUOTA = re.compile(rf"\b(?:twice|thrice|{COUNT}\s+times|at\s+least\s+(?:once|twice|{COUNT}\s+times)|"
                    r"once\s+(?:per|every|each|a|in\s+every|in\s+each)\s+(?:conversation|call|visit|interaction|"
                    r"stay|meal|course|check-?in|transaction|exchange|guest|table))\b"
                    rf"|\b(?:{COUNT}|at\s+least\s+{COUNT})\s+(?:mentions?|references?|reminders?|compliments?|"
                    r"thank[\s-]?yous?|uses\s+of|offers?\s+of|recommendations?)\b")
_QUOTA_ACTS = re.compile(
    r"\b(?:say|said|use|using|repeat|mention|thank|nod|smile|knock|tap|greet|ask|offer|compliment|address|"
    r"name|names|recommend|suggest|upsell|promote|pitch)\w*\b"
)
_THINGS = re.compile(r"^\s*(?:clean\w*|restock\w*|refill\s+the|empty\w*|check\s+the|inspect\w*|wipe\w*|"
                     r"tidy\w*|count\w*|record\w*|log\s+the|print\w*|test\w*)\b")


def check(sentence: Sentence):
    text = sentence.masked
    rings = _RINGS.search(text)
    if rings:
        yield Hit(rings.start(), rings.end())
        return
    match = _SECONDS.search(text) or _EYE_CONTACT.search(text)
    if match and _SOCIAL.search(text) and not sentence.has("safety"):
        yield Hit(match.start(), match.end())
        return
    minutes = _MINUTES.search(text)
    if minutes and _SOCIAL.search(text) and not _THINGS.search(text):
        yield Hit(minutes.start(), minutes.end())
        return
    quota = _QUOTA.search(text)
    if quota and _QUOTA_ACTS.search(text) and not sentence.has("safety"):
        yield Hit(quota.start(), quota.end(), "quota on social behaviour")
