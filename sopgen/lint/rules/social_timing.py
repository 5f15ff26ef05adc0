"""Timings and quotas on social behaviour: seconds to greet, rings to answer, names said twice.

Looks for stopwatch measures of human contact (within a number of seconds,
by the second ring, "the phone should not ring more than three times", eye
contact held for two seconds), clock-timed visits to a guest ("check back
two minutes or two bites into the main course", "offer a drink exactly ten
minutes after the first"), and quotas for words and gestures ("say their
name twice", "use the guest's name throughout", "visit each table three
times", "be the last to speak"). Commitments of the operation ("luggage in
the room within ten minutes of check-in", "reply to email within one working
day") and schedules for things ("check the toilets every 30 minutes") are
real standards and are left alone.

A stopwatch turns a welcome into a task to tick off, and guests notice the
tick. Say what the timing protects (nobody waits unnoticed, a caller is not
left ringing) and let people judge the moment. A service level the operation
commits to (a call returned within the hour) is a real standard: write it
under the SOP's `standards:` as a measure, a target and why it matters, where
an audit can score it, not in a step as a stopwatch.

Bad: Make eye contact with every arriving guest within four seconds.
Good: Acknowledge arriving guests straight away, even with a nod while you finish a call, so nobody feels unnoticed.
"""

from ..text import COUNT, NUMBER, Hit, Sentence, any_of, keywords, lazy

CODE = "SOP103"
NAME = "social-timing"
SEVERITY = "warning"
KIND = "text"
MESSAGE = "timing or quota on social behaviour"
HINT = ("say what the timing protects (nobody waits unnoticed, the caller is not left ringing) "
        "instead of a stopwatch or a count; a measure an audit scores belongs under 'standards:' "
        "(measure, target, why), not in a step")


# Acts of contact with a person, whatever the grammar ("greet", "greeted", "was acknowledged").
_PEOPLE = any_of("person-nouns")
_CONTACT = lazy(
    rf"\b(?:greet\w*|acknowledg\w*|welcom\w*|eye\s+contact|smil\w*|nod\w*|bow\w*|speak\w*|spoke|talk\w*|chat\w*|"
    r"repl(?:y|ies|ied)|respond\w*|answer\w*|pick\w*\s+up|thank\w*|approach\w*|pause\w*|silence|look\w*\s+at|"
    r"ask\w*|check\w*[\s-]+(?:back|on|in\s+on|in\s+with|with)|visit(?:s|ed|ing)?\b|offer\w*|follow\w*\s+up|say\w*|said|mention\w*|"
    r"address\w*|compliment\w*|small\s+talk|engag\w*|reach\w*\s+the\s+(?:kerb|curb|car|guest|table)|return\w*\s+to\s+(?:the\s+)?"
    r"(?:table|guest|desk)|introduc\w*|serv(?:e|es|ed|ing)\s+(?:the\s+)?(?:guest|table|diner)|interrupt\w*|"
    rf"listen\w*|attention|contact|conversation\w*|response|calls?|(?:back\s+)?on\s+the\s+line|engag\w*|(?:updat|inform)\w*\s+(?:the\s+|each\s+|every\s+|waiting\s+)?(?:{_PEOPLE}|them)|chat|call\s+the\s+next|"
    rf"check\w*\s+(?:satisfaction|how|whether)|top\w*\s+up\s+(?:\w+\s+)?glasses|(?:top\w*\s+up|refill\w*)\s+(?:the\s+)?\w+'s)\b"
)
_SECONDS = lazy(rf"\b(?!an?\b){NUMBER}[\s-]*(?:seconds?|secs?)\b|\b(?:few|several|couple\s+of)\s+seconds\b"
                      r"|\b(?:within|in|for|after)\s+a\s+(?:split\s+)?second\b")
_CLOCKED = lazy(
    rf"\b(?:exactly|precisely|at)\s+(?:{NUMBER}\s+)?(?:minutes?|mins?)\b(?:\s+\d+)?"
    rf"|\bexactly\s+{NUMBER}[\s-]*(?:minutes?|mins?)\b"
    rf"|\b{NUMBER}[\s-]*(?:minutes?|mins?)\s+(?:after|into|before\s+(?:the\s+)?(?:end|guest|course))\b"
    rf"|\b(?:within|every|each|in\s+under|under|no\s+more\s+than|at\s+most|no\s+longer\s+than|longer\s+than)"
    rf"\s+(?:the\s+first\s+)?{NUMBER}[\s-]*(?:minutes?|mins?)\b"
    rf"|\bwithin\s+(?:the|their|his|her|your)\s+first\s+{NUMBER}[\s-]*(?:minutes?|mins?)\b"
    rf"|\b(?:talk|chat|small\s+talk|speak|convers|engag)\w*\s+(?:\w+\s+){{0,3}}?for\s+(?:at\s+least\s+|about\s+)?"
    rf"{NUMBER}[\s-]*(?:minutes?|mins?)\b"
    r"|\bevery\s+(?:quarter|half)[\s-]+(?:of\s+an\s+)?hour\b|\bat\s+minutes?\s+\d+|\bon\s+the\s+dot\b"
    rf"|\b{NUMBER}[\s-]*minute\s+intervals?\b|\bafter\s+{NUMBER}[\s-]*(?:minutes?|mins?)\b"
    rf"|\bwait\w*\s+(?:about\s+|around\s+|roughly\s+|at\s+least\s+)?{NUMBER}[\s-]*(?:minutes?|mins?)\s+before\b"
    r"|\b(?:after|once)\s+(?:the\s+)?(?:first|second|main|starter|entr[eé]e|each|every)\s+(?:course|bite|sip|plate|mouthful|drink)"
    r"(?:\s+(?:is|has\s+been)\s+(?:served|cleared|delivered))?\b"
)
_BITES = lazy(rf"\b{NUMBER}[\s-]*(?:bites?|sips?|mouthfuls?)\b")
_EYE_CONTACT = lazy(rf"\beye\s+contact\s+(?:for|lasting|of)\b|\bfor\s+a\s+count\s+of\b|\bcount\s+to\s+{NUMBER}\b")
_ORDINAL = r"(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))"
_RINGS = lazy(
    rf"\b(?:by|before|on|within|after|at)\s+(?:the\s+)?{_ORDINAL}\s+ring\b"
    rf"|\b(?:{COUNT}|a\s+maximum\s+of\s+{COUNT}|no\s+more\s+than\s+{COUNT}|max\.?\s+{COUNT})\s+rings\b"
    r"|\b(?:by|before|on|within|after)\s+ring\s+(?:\d|one|two|three|four|five)\b"
    rf"|\bring\w*\s+(?:more\s+than|over|beyond|longer\s+than)\s+(?:once|twice|thrice|{COUNT}\s+times)\b"
)
_TIMES = rf"(?:twice|thrice|{COUNT}(?:\s*-\s*{COUNT})?\s+times|x\s?\d+|\d+\s?x)"
_QUOTA = lazy(
    rf"\b(?:{_TIMES}|at\s+least\s+(?:once|twice|{COUNT}(?:\s+more)?\s+times)|"
    r"once\s+(?:per|every|each|a|in\s+every|in\s+each|for\s+each|for\s+every)\s+(?:conversation|call|visit|interaction|"
    r"stay|meal|course|check-?in|transaction|exchange|guest|table))\b"
    rf"|\b(?:{COUNT}|at\s+least\s+{COUNT})\s+(?:mentions?|references?|reminders?|compliments?|"
    r"thank[\s-]?yous?|uses\s+of|offers?\s+of|recommendations?|visits?)\b"
    rf"|\bat\s+least\s+{COUNT}\s+(?:\w+\s+)?(?:per|an|a|every)\s+(?:hour|shift|day|visit|call)\b"
    r"|\bno\s+more\s*(?:,|and|or)\s*no\s+(?:fewer|less)\b"
    r"|\b(?:a|one)[\s-]?(?:third|quarter)\s+(?:full|empty)\b|\bhalf[\s-](?:full|empty)\b"
    r"|\b(?:on|with|at)\s+(?:every|each)\s+(?:[\w-]+\s+)?(?:order|sale|transaction|checkout|booking)\b"
    r"|\b(?:ask|asks|asking)\s+(?:every|each|all)\s+(?:guests?|customers?|visitors?|diners?|shoppers?|callers?)\b[^.;]{0,40}?"
    r"\b(?:for\s+(?:their|a|an)|to\s+(?:leave|write|rate|review|sign|join|fill))\b"
    rf"|\b(?:a\s+)?minimum\s+of\s+{COUNT}\s+(?:[\w-]+\s+){{0,2}}?(?:features?|points?|things?|facts?|items?|"
    r"suggestions?|recommendations?|questions?|offers?|compliments?|benefits?|amenities|highlights?)\b"
    rf"|\b(?:second|third|another)\s+greeting\b"
    rf"|\bonce\s+at\s+the\s+(?:start|beginning|end)\b|\b(?:each|every)\s+(?:table|guest|visitor|room|member|diner)\s+once\b"
    rf"|\bat\s+least\s+{COUNT}\s+(?:jokes?|stories|compliments?|questions?|suggestions?)\b"
)
_SPARED = lazy(r"\b(?:nobody|no\s+one|never|not|don't|doesn't|won't)\s+(?:\w+\s+){0,2}?(?:has|have|needs?|having)\s+to\s+"
              r"(?:\w+\s+){0,3}$")
_QUOTA_ACTS = lazy(
    r"\b(?:say|said|use|using|repeat|mention|thank|nod|smile|knock|tap|greet|ask|offer|compliment|address|conversation|tell|joke|"
    r"name|names|recommend|suggest|upsell|promote|pitch|check|visit|call|return|approach|speak|explain|describe|"
    r"point|show|introduc|highlight|apolog|top|refill|pour)\w*\b"
)
# The guest's name, used as a quota: "use the guest's name throughout", "Name x3 per call".
_NAME = lazy(
    r"\b(?:use|uses|used|using|work|works|weave|weaves|say|says|repeat|repeats|repeated|mention|mentions)\s+"
    r"(?:(?:the|their|each|every|his|her)\s+)?(?:\w+(?:'s|s'|s)?\s+)?(?:(?:title|first|full)\s+(?:and\s+)?)?"
    r"(?:first\s+|sur|last\s+)?names?\b"
    r"|\b(?:name|title|surname)\s+(?:was|is|were|are|(?:must|should|shall|will|to)\s+be)\s+(?:\w+\s+)?(?:used|repeated|said|mentioned)\b"
    r"|\bkeep\w*\s+(?:the\s+)?(?:\w+(?:'s|s')\s+)?name\s+in\s+play\b"
    r"|^\s*names?\s+(?:x\s?\d|\d\s?x|-|:)"
    r"|\bby\s+(?:(?:their|his|her|the\s+guest'?s?)\s+)?(?:sur|first\s+|last\s+)?name\b"
)
_NAME_QUOTA = lazy(
    rf"\b(?:throughout|through\s+out|whenever|at\s+least|as\s+often\s+as|more\s+often|in\s+play|repeatedly|regularly|every|each|all|always|"
    rf"min|minimum|per\s+call|per\s+conversation|{_TIMES}|once)\b|^\s*names?\b"
    r"|\b(?:every|each)\s+(?:second|other|third)\s+(?:sentences?|sentances?|lines?|replies|reply|messages?|exchanges?)\b"
)
# "She prefers to be called by her first name" describes a guest.
_PREFERENCE = lazy(r"\b(?:prefers?|likes?|wants?|asks?|asked)\s+to\s+be\s+(?:called|addressed|known)\b[^.;]{0,25}$")
# "Use the guest's name" with no "if" or "when": a name said because the standard says so.
_USE_NAME = lazy(r"(?:use|uses|used|using|work|works|weave|weaves)\b")
_CONDITION = lazy(r"\b(?:if|when|whenever|once|where|unless|after)\b")
_LAST_WORD = lazy(r"\b(?:the\s+)?last\s+(?:one\s+)?to\s+(?:speak|hang\s+up)\b|\b(?:have|has|get|gets)\s+the\s+last\s+word\b"
                        r"|\b(?:let\w*|wait\w*\s+for|allow\w*)\s+(?:the\s+)?(?:guest|caller|customer|client|patient)\s+(?:to\s+)?"
                        r"hang\s+up\s+first\b")
# A share of all calls or visits ("80% of calls within 20 seconds") is a service level of the operation.
_SHARE = lazy(r"\b\d+(?:\.\d+)?\s*(?:%|per\s*cent)\s+of\b")
_THINGS = lazy(r"^\s*(?:clean\w*|restock\w*|refill\s+the|empty\w*|check\s+the|inspect\w*|wipe\w*|"
                     r"tidy\w*|count\w*|record\w*|log\s+the|print\w*|test\w*)\b")


def _rings(text: str, sentence: Sentence):
    if _SHARE.search(text):
        return None
    match = _RINGS.search(text)
    if match and sentence.has("safety"):
        return None     # an emergency line answered within two rings is a safety standard
    return Hit(match.start(), match.end()) if match else None


def _seconds(text: str, sentence: Sentence):
    match = _SECONDS.search(text) or _EYE_CONTACT.search(text)
    if match and _CONTACT.search(text) and not _SHARE.search(text) and not sentence.has("safety"):
        return Hit(match.start(), match.end())
    return None


def _clock(text: str, sentence: Sentence):
    """A visit to a guest on the clock or by the bite, rather than when the guest is ready."""
    match = _CLOCKED.search(text) or _BITES.search(text)
    if match and _CONTACT.search(sentence.lower) and not _THINGS.search(text) and not sentence.has("safety"):
        return Hit(match.start(), match.end(), "timing on social behaviour: a visit on the clock")
    return None


def _quota(text: str, sentence: Sentence):
    match = _QUOTA.search(text)
    if match and _SPARED.search(text[max(0, match.start() - 60):match.start()]):
        return None     # "so nobody has to ask twice" counts what the guest is spared, not what staff do
    if match and _QUOTA_ACTS.search(text) and not sentence.has("safety"):
        return Hit(match.start(), match.end(), "quota on social behaviour")
    return None


def _name(text: str, sentence: Sentence):
    match = _NAME.search(text)
    if match and _PREFERENCE.search(text[max(0, match.start() - 40):match.start()]):
        return None     # "prefers to be called by her first name" describes a guest
    if match and (_NAME_QUOTA.search(text) or _USE_NAME.match(match.group(0)) and not _CONDITION.search(text)):
        return Hit(match.start(), match.end(), "quota on social behaviour: the guest's name as a count")
    return None


def _last_word(text: str, sentence: Sentence):
    match = _LAST_WORD.search(text)
    return Hit(match.start(), match.end(), "quota on social behaviour: who speaks last") if match else None


# Each finder with the words one of its matches always contains.
_FINDERS = (
    (_rings, keywords("ring rings ringing")),
    (_seconds, keywords("second seconds secs sec eye count")),
    (_clock, keywords("minute minutes mins min hour dot course courses bite bites sip sips mouthful mouthfuls")),
    (_quota, keywords("""
        twice thrice times x once mention mentions minimum third quarter half every each all fewer less reference references reminder reminders compliment compliments
        thank yous uses offers recommendation recommendations visit visits least once greeting
    """)),
    (_name, keywords("name names surname surnames title")),
    (_last_word, keywords("last hang")),
)
KEYWORDS = frozenset().union(*(gate for _, gate in _FINDERS))


def check(sentence: Sentence):
    text = sentence.masked
    for finder, gate in _FINDERS:
        if gate.isdisjoint(sentence.words):
            continue
        hit = finder(text, sentence)
        if hit:
            yield hit
            return
