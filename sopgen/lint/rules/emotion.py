"""Mandated emotion: the SOP orders a smile, a laugh or a feeling on cue.

Looks for instructions to smile continuously or at all times, to laugh at
jokes, to beam, to look happy or sound excited, and to show or express
delight, enthusiasm or warmth as a requirement. A smile offered "when it
feels natural" is fine.

Emotion on demand reads as fake, and it wears people out. Describe the
atmosphere you want and why (a guest should feel welcome, a caller should
hear that you have time for them), and hire and train for warmth.

Bad: Keep a smile visible at all times while guests are in the lobby.
Good: Be the friendly face a guest sees first: look up, greet them and let them feel you are glad they came.
"""

import re

from ..text import Hit, Sentence, first, keywords

CODE = "SOP104"
NAME = "mandated-emotion"
SEVERITY = "warning"
KIND = "text"
MESSAGE = "mandated emotion or expression"
HINT = ("describe how the guest should feel and why; warmth comes from attention and care, "
        "not from an expression worn on cue")
KEYWORDS = keywords("""
    laugh laughs laughing giggle giggles giggling giggled chuckle chuckles chuckling chuckled beam beams beaming
    grin grins grinning happy happier cheerful cheery delighted excited enthusiastic thrilled pleased glad upbeat
    positive bubbly energetic joyful joyous overjoyed ecstatic elated interested amazed surprised grateful sincere
    eager jolly enthusiasm delight surprise pleasure excitement warmth joy happiness gratitude positivity passion
    sincerity cheer cheerfulness friendliness admiration awe amazement fascination smile smiles smiling expression
    expressions facial face voice tone bright sunny
""")

_FEELINGS = (r"(?:happy|happier|cheerful|cheery|delighted|excited|enthusiastic|thrilled|pleased|glad|upbeat|"
             r"positive|bubbly|energetic|joyful|joyous|overjoyed|ecstatic|elated|interested|amazed|surprised|"
             r"grateful|sincere|eager|jolly)")
_EMOTION = re.compile(
    r"\b(?:laugh|laughs|laughing|giggl\w*|chuckl\w*|beam|beams|beaming|grin|grins|grinning)\b"
    rf"|(?<!\bguest\s)(?<!\bguests\s)(?<!\bthey\s)(?<!\bthey\s)(?<!\bwho\s)(?<!\bshe\s)(?<!\bhe\s)"
    rf"\b(?:look|looking|appear|appearing|sound|sounding|act|remain|stay)\s+(?:\w+\s+)?{_FEELINGS}\b"
    r"|\b(?:show|shows|showing|express|expresses|expressing|display|displays|displaying|convey|conveys|"
    r"demonstrate|demonstrates|project|projects|radiate|radiates|exude|exudes|portray)\s+(?:\w+\s+){0,2}"
    r"(?:enthusiasm|delight|surprise|pleasure|excitement|warmth|joy|happiness|gratitude|positivity|"
    r"passion|sincerity|cheer|cheerfulness|friendliness|admiration|awe|amazement|fascination)\b"
    r"|\b(?:keep|kept|maintain|maintains|wear|wears|hold|holds|fix|put\s+on)\s+(?:a|your|the)\s+"
    r"(?:\w+\s+)?(?:smile|grin|expression)\b"
    r"|\bsmiles?\s+(?:\w+\s+){0,3}(?:visible|on\s+your\s+face)\b"
    rf"|\b(?:voice|tone|face)\s+(?:\w+\s+){{0,3}}(?:{_FEELINGS}|bright|sunny|smiling)\b"
    rf"|(?<!\bguests\s)(?<!\bthey\s)(?<!\bwill\s)\bbe\s+(?:\w+ly\s+)?{_FEELINGS}\b(?!\s+to\b)"
    r"|\b(?:display|displays|wear|wears|show|shows|adopt|adopts|put\s+on|keep|maintain|hold|assume|make)\s+"
    r"(?:an?\s+|the\s+|your\s+)?(?:[\w-]+,?\s+){0,2}(?:facial\s+)?expressions?\b|\bfacial\s+expressions?\b"
    r"|\b(?:face|voice|tone|expression)\s+(?:must|shall|has\s+to|is\s+to)\b"
)
_SMILE = re.compile(r"\bsmil(?:e|es|ing)\b")
_SMILE_RIGID = re.compile(
    r"\b(?:continuously|constantly|continually|permanently|throughout|whenever|at\s+all\s+times|always|"
    r"every|each|all\s+the\s+time|on\s+every|the\s+whole|entire|non-stop|nonstop|before\s+(?:answering|"
    r"picking|you\s+answer|speaking)|so\s+(?:the|that\s+the)\s+(?:caller|guest)\s+(?:can\s+)?hears?|"
    r"must|shall|required|no\s+matter|regardless|even\s+(?:if|when))\b"
)
_GENUINE = re.compile(r"\b(?:feels?\s+(?:natural|right|genuine)|when\s+(?:it\s+is\s+)?genuine|if\s+you\s+mean\s+it|"
                      r"comes\s+naturally|when\s+you\s+mean\s+it)\b")


def check(sentence: Sentence):
    text = sentence.masked
    if _GENUINE.search(text):
        return
    match = first(_EMOTION, text)
    if match:
        yield Hit(match.start(), match.end())
        return
    smile = first(_SMILE, text)
    if smile and _SMILE_RIGID.search(text):
        yield Hit(smile.start(), smile.end(), "mandated emotion: a smile on demand")
