"""Absolutes and zero-discretion language on how to behave with guests.

Looks for always, never, at all times, every time, under no circumstances,
without exception, strictly, "unacceptable", "no matter what" and "must" in a
clause about behaviour towards guests: greetings, courtesy, manner, names, eye
contact, posture, words, phones, uniform and name badges. Absolutes about
safety, security, privacy, the law, money and fair treatment (fire doors, keys,
ID, allergies, alcohol, temperatures, cash, tips, discrimination) are exactly
right and are left alone, and so are commitments of the operation that do not
choreograph a person ("the desk is staffed at all times", "exits stay clear").

Service is a stream of exceptions: the guest who wants to carry their own
bag, the regular who hates being called "sir". An absolute tells people to
stop thinking. Keep absolutes for the few things that really are absolute,
and give the reason.

Bad: Always offer every guest a bottle of water at check-in.
Good: Offer water at check-in when a guest has come a long way or looks warm, so they can settle in.
"""

import bisect

from ..text import Hit, Sentence, any_of, keywords, lazy, phrase_pattern, released

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
    compulsory tolerance must unacceptable acceptable tolerated everyone everybody absolutely even right
""")

# Words that leave no room for judgement whatever they are about.
_STRICT = lazy(
    r"\b(?:under\s+no\s+circumstances?|in\s+no\s+circumstances?|not\s+under\s+any\s+circumstances?|"
    r"under\s+any\s+circumstances?|without\s+(?:any\s+)?exceptions?|no\s+exceptions?|"
    r"strictly\s+(?:follow|adhere|stick|observe|keep\s+to)\w*|absolutely\s+no|"
    r"do\s+not\s+deviate|don't\s+deviate|no\s+deviation|must\s+not\s+deviate|whatever\s+the\s+circumstances?|"
    r"no\s+matter\s+what|in\s+all\s+cases|in\s+every\s+(?:single\s+)?case|every\s+single|each\s+and\s+every|"
    r"on\s+no\s+account|regardless\s+of\s+(?:the\s+)?(?:circumstances?|situation|how\s+you|what|whether|fault|mood)|"
    r"(?:is|are)\s+(?:absolutely\s+)?(?:non-negotiable|compulsory)|"
    r"in\s+every\s+(?:conversation|interaction|call|encounter|exchange)|"
    r"zero\s+tolerance)\b"
)
# Words that are absolute only when they govern how someone behaves with guests.
_ALWAYS = lazy(
    r"\b(?:always|never|at\s+all\s+times|at\s+any\s+time|at\s+no\s+(?:time|point)|every\s+time|each\s+time|"
    r"all\s+the\s+time|"
    r"(?:is|are)\s+not\s+(?:permitted|allowed)|strictly|(?:is|are|was|were|be)\s+(?:totally\s+|completely\s+|simply\s+)?"
    r"(?:unacceptable|not\s+acceptable|not\s+tolerated)|(?:is|are)\s+(?:strictly\s+)?(?:forbidden|prohibited)|"
    r"(?:everyone|everybody|all\s+(?:staff|employees|colleagues|associates|team\s+members))\s+must)\b"
)
# A guest as a person, not as a word in front of a thing ("guest lifts", "visitor book").
_PEOPLE = lazy(rf"\b(?:{any_of('person-nouns')})\b(?!['’]s?\s|\s+(?:lifts?|elevators?|rooms?|areas?|"
                     r"toilets?|bathrooms?|facilities|corridors?|towels?|linen|wi-?fi|car\s+park|parking|entrance|"
                     r"lounge|lists?|book|register|records?|data|details|information|property|belongings|luggage|bags?|"
                     r"keys?|cards?|accounts?|files?)\b)")
# "The guest in 412 always asks for extra pillows": a guest's habit, not an order.
_GUEST_HABIT = lazy(rf"\b(?:the|this|that|our|a)\s+(?:{any_of('person-nouns')})\s+(?:[\w']+\s+){{0,3}}$")
# "If a guest tells you the room is not acceptable": someone's view reported, not a rule.
_REPORTED = lazy(r"\b(?:tells?\s+you|says?|said|complains?|feels?|thinks?|finds?)\b[^.;]*$")
# "so guests can always find someone": what the step makes possible, not an order
_PURPOSE = lazy(r"\bso\s+(?:that\s+)?(?:[\w'’]+\s+){0,3}(?:can|could|will|would|may|might)\s+$")
# No room left for judgement: a courtesy owed before leaving, a maxim, a push past the guest's own answer.
_ZERO_DISCRETION = lazy(
    r"\bnever\s+(?:leave|let|walk\s+away\s+from|pass|finish|end)\b[^.;]{0,50}?\bwithout\s+(?:asking|offering|saying|"
    r"thanking|greeting|checking|suggesting|recommending|mentioning)\b"
    r"|\bthe\s+(?:guest|customer|client|diner|patron)\s+is\s+always\s+right\b"
    r"|\b(?:every|each|all)\b[^.;]{0,60}?\beven\s+(?:if|when)\s+(?:they|the\s+(?:guests?|customers?|diners?|visitors?)|guests|customers)"
    r"\s+(?:say|says|said|decline|declines|refuse|refuses|seem|seems|look|looks)\b"
)
_QUALIFIED = lazy(r"\bbut\s+(?:also\s+)?$")
# A clause ends at a semicolon or colon, or where "but" or "however" turns the sentence.
_CLAUSE_BREAK = lazy(r"[;:]|\bbut\b|\bhowever\b|\bexcept\b|\bunless\b")
_MUST_SOCIAL = lazy(
    r"\b(?:everyone|everybody|all\s+staff|all\s+colleagues)\s+must\b(?=[^.;]*\b(?:at\s+all\s+times|always|never)\b)"
    r"|\bmust\s+(?:\w+\s+){0,2}(?:every|each|all)\s+(?:guests?|visitors?|callers?|customers?|clients?|members?|patients?|passengers?)\b"
    r"|\bmust\s+(?:\w+\s+)?(?:greet|welcome|thank|say|smile|offer|help|assist|serve|"
    r"address|escort|accompany|introduce|wish|compliment|use\s+the\s+guest|call\s+the\s+guest|stand|bow|"
    r"walk|open\s+the\s+door|carry|acknowledge|make\s+eye\s+contact|ask)\b"
)


def check(sentence: Sentence):
    if sentence.field_has("safety") or sentence.has("key-control"):
        return
    text = sentence.masked
    strict = _STRICT.search(text) or _ZERO_DISCRETION.search(text)
    if strict:
        yield Hit(strict.start(), strict.end())
        return
    behaviour = phrase_pattern("service-behaviour")
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    judged: dict[int, bool] = {}
    for match in _ALWAYS.finditer(text):
        if _QUALIFIED.search(text[max(0, match.start() - 12):match.start()]) or released(text, match.start()) \
                or _GUEST_HABIT.search(text[max(0, match.start() - 40):match.start()]) \
                or _REPORTED.search(text[max(0, match.start() - 60):match.start()]) \
                or _PURPOSE.search(text[max(0, match.start() - 50):match.start()]):
            continue    # "check in often, but never interrupt": a limit on judgement, not a script
        clause = bisect.bisect_left(breaks, match.start())
        if clause not in judged:
            start = breaks[clause - 1] if clause else 0
            end = breaks[clause] if clause < len(breaks) else len(text)
            judged[clause] = bool(behaviour.search(text, start, end) or _PEOPLE.search(text, start, end))
        if judged[clause]:
            yield Hit(match.start(), match.end())
            return
    match = _MUST_SOCIAL.search(text)
    if match:
        yield Hit(match.start(), match.end())

