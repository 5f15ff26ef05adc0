"""Mandated emotion: the SOP orders a smile, a mood or a personality on cue.

Looks for any instruction or standard that a colleague smile ("Smile.",
"greet with a smile", "Associate smiled and made eye contact"), laugh or beam;
for feelings and personality demanded of the person ("be cheerful", "a warm
and friendly welcome", "greet in a pleasant manner", "project a positive
attitude", "a bubbly personality", "sound enthusiastic"); and for a prescribed
expression or tone of voice. It reads every register: an order, a standard in
the third person ("Staff maintain a cheerful expression") or an audit item
("Guest was welcomed warmly"). Feelings of the guest ("so guests feel
welcome"), warm things (a warm towel) and a smile "when it feels natural" are
left alone.

Emotion on demand reads as fake, and it wears people out. Describe the
atmosphere you want and why (a guest should feel welcome, a caller should
hear that you have time for them), and hire and train for warmth.

Bad: Greet every guest with a warm, friendly smile.
Good: Look up and greet guests as they arrive, so they feel you are glad they came.
"""

from ..text import NOT_STAFF, Hit, Sentence, alternation, any_of, first, keywords, lazy, released, words

CODE = "SOP104"
NAME = "mandated-emotion"
SEVERITY = "warning"
KIND = "text"
MESSAGE = "mandated emotion or expression"
HINT = ("describe how the guest should feel and why; warmth comes from attention and care, "
        "not from an expression, a mood or a tone of voice worn on cue")


def _adverb(adjective: str) -> str:
    if adjective.endswith("ic"):
        return adjective + "ally"
    if adjective.endswith("y"):
        return adjective[:-1] + "ily"
    return adjective + "ly"


_AFFECT = any_of("affect-words")
_AFFECT_LY = alternation(_adverb(w) for w in words("affect-words")
                         if not w.endswith(("th", "ness", "ity", "ment", "ion", "joy", "cheer", "light", "ing")))
KEYWORDS = frozenset(words("affect-words")) | frozenset(_AFFECT_LY.split("|")) | keywords("""
    smile smiles smiled smiling smiley laugh laughs laughing giggle giggles giggling chuckle chuckles chuckling
    beam beams beaming grin grins grinning expression expressions facial face voice tone personality attitude
    demeanour demeanor disposition manner energy feel feeling compliment complimenting
""")

# What a feeling is demanded of: the greeting, the voice, the manner, the person.
_SOCIAL = (r"(?:greetings?|welcomes?|hellos?|goodbyes?|farewells?|salutations?|smiles?|tones?|voices?|manner|"
           r"attitudes?|demeanou?r|disposition|expressions?|face|faces|personality|personalities|energy|presence|"
           r"acknowledge?ments?|reception|approach|interactions?|service|greeter|host|hosts|self|impression|"
           r"telephone\s+manner|phone\s+manner|first\s+impression|hospitality|sense\s+of\s+humou?r)")
_ORDER = (r"(?:be|being|remain|remains|remained|stay|stays|stayed|appear|appears|appeared|look|looks|looked|sound|sounds|"
          r"sounded|act|acts|acted|seem|seems|seemed|come\s+across|came\s+across)")
_SHOW = (r"(?:show|shows|showing|shown|express|expresses|expressing|display|displays|displaying|convey|conveys|"
         r"conveying|demonstrate|demonstrates|demonstrating|project|projects|projecting|radiate|radiates|exude|"
         r"exudes|portray|portrays|maintain|maintains|maintaining|keep|keeps|wear|wears|present|presents|"
         r"offer|offers|offering|give|gives|with(?!\s+an?\b)|provide|provides|providing|use|uses|using|have|has|bring|brings)")
_GREETS = (r"(?:greet|greets|greeted|greeting|welcome|welcomes|welcomed|welcoming|acknowledge|acknowledges|"
           r"acknowledged|thank|thanks|thanked|answer|answers|answered|speak|speaks|spoke|talk|talks|say|says|"
           r"receive|receives|received|treat|treats|treated|serve|serves|served|assist|assists|assisted|bid|bids|"
           r"congratulate|congratulates|congratulated|farewell|farewells)")

_SMILE = lazy(r"\bsmil(?:e|es|ed|ing|ey)\b")
_LAUGH = lazy(r"\b(?:laugh|laughs|laughing|giggl\w*|chuckl\w*|beam|beams|beaming|grin|grins|grinning)\b")
_STAFF = any_of("staff-nouns")
_DEMANDED = lazy(
    rf"\b(?:{_STAFF})\s+(?:\w+\s+)?(?:is|are|was|were)\s+(?:(?:always|very|really|so|\w+ly)\s+)?(?:{_AFFECT})\b"
    r"|\bwhether\s+(?:we|you|they|i)\s+feel\s+like\s+it\b|\bregardless\s+of\s+how\s+(?:we|you|they)\s+(?:really\s+)?feel\b"
    r"|\b(?:leave|put|set)\s+(?:behind|aside)\s+how\s+(?:we|you|they)\s+(?:are\s+)?(?:really\s+)?feel\w*\b"
    r"|\bcompliment\w*\s+(?:the\s+|each\s+|every\s+)?(?:guest|diner|customer|client|member)s?\s+on\s+"
    r"(?:their|the|his|her)\s+(?:choice|selection|order)\b"
    r"|\bface\s+(?:light|lights|lit)\s+up\b|\b(?:show|shows|visible)\s+on\s+(?:[\w']+\s+){0,3}?faces?\b"
    r"|\b(?:high|positive|good|great|big)\s+energy\b|\benergy\s+(?:level|levels|high|up)\b|"
    rf"\b{_ORDER}\s+(?:(?:always|very|really|so|more|also|too|\w+ly)\s+)?(?:{_AFFECT})\b"
    rf"|\b(?:voice|tone|face|expression|manner|attitude|demeanou?r)\s+(?:\w+\s+){{0,3}}?(?:{_AFFECT})\b(?!\s+(?:and\s+)?{_SOCIAL})"
    r"|\b(?:display|displays|wear|wears|show|shows|adopt|adopts|put\s+on|keep|maintain|maintains|hold|holds|assume|"
    r"make)\s+(?:an?\s+|the\s+|your\s+)?(?:[\w-]+,?\s+){0,2}(?:facial\s+)?expressions?\b"
    rf"|\b(?:{_AFFECT})(?:[\s,]+(?:and\s+|or\s+)?(?:{_AFFECT}|polite|courteous|professional|helpful|attentive|"
    rf"genuine|sincere|personal|inviting|welcoming|approachable|caring|kind)){{0,4}}[\s,]+{_SOCIAL}\b"
    rf"|\b{_SHOW}\s+(?:(?:a|an|the|your|our|their|his|her|real|genuine|true|natural|some|lots\s+of|plenty\s+of)\s+)?"
    rf"(?:(?:\w+\s+){{0,2}}?\w+,?\s+and\s+)?(?:{_AFFECT})\b(?![\s-]+(?:{_STAFF}|shifts?|teams?|duty)\b)"
    r"|\b(?:facial\s+expressions?|tone\s+of\s+(?:your\s+)?voice|telephone\s+personality|phone\s+personality|"
    r"(?:bubbly|outgoing|sunny|vibrant|infectious|larger[\s-]than[\s-]life)\s+personality|"
    r"personality\s+(?:to\s+)?(?:shine|show)\w*)\b"
)
# A greeting or a welcome done in a manner, whoever is its subject: "Guest was welcomed warmly".
_MANNER = lazy(
    rf"\b{_GREETS}\s+(?:\w+\s+){{0,4}}?(?:in\s+an?\s+|with\s+an?\s+)(?:{_AFFECT})\b"
    rf"|\b(?:{_AFFECT_LY})\s+{_GREETS}\b|\b{_GREETS}\s+(?:\w+\s+){{0,3}}?(?:{_AFFECT_LY})\b"
)
# The feeling belongs to the guest, or is the aim rather than the order.
_FEEL = r"\b(?:feel|feels|feeling|felt)\s+(?:\w+\s+)?$"
_FEELS = lazy(_FEEL)
_GUEST_NOUNS = any_of("person-nouns")
_PEOPLE = rf"(?:{_GUEST_NOUNS}|them|him|her|everyone|they)"
_GUESTS_FEELING = lazy(
    _FEEL +
    rf"|\b(?:make|makes|making|made|leave|leaves|leaving|left)\s+(?:\w+\s+){{0,2}}(?:feel|feels|feeling|felt)\s+(?:\w+\s+)?$"
    rf"|\b(?:make|makes|making|made|leave|leaves|leaving|left|keep|keeps|keeping|see|sees)\s+"
    rf"(?:the\s+|our\s+|your\s+|every\s+|each\s+)?{_PEOPLE}\s+(?:\w+\s+)?$"
    rf"|{NOT_STAFF}\b{_PEOPLE}\s+(?:are|is|was|were|seem|seems|look|looks|stay|stays|remain|remains|"
    r"become|becomes|get|gets|appear|appears|sound|sounds)\s+(?:\w+\s+)?$"
)
_SUBJECT_GUEST = lazy(rf"{NOT_STAFF}\b(?:{_GUEST_NOUNS}|they|he|she|it|who|someone|anyone)\s+(?:\w+\s+)?$")
_MODAL_BEFORE = lazy(r"\b(?:must|should|shall|will|needs?\s+to|has\s+to|have\s+to|is\s+to|are\s+to)\s+(?:\w+\s+)?$")
_NOT_SOCIAL_WARMTH = lazy(r"[\s-]*(?:towels?|drinks?|water|food|meals?|rooms?|colours?|lights?|lighting|"
                                r"weather|day|days|oven|plates?|milk|with\s+(?:the|a)\s+(?:guest|idea))")
_GLAD_TO = lazy(r"(?:happy|glad|pleased)$")
_WILLING = lazy(r"\s+to\s+[a-z]")   # "happy to help", "glad to send": willing, not a mood on order
_GENUINE = lazy(r"\b(?:when|if|where|as)\s+(?:it\s+)?(?:feels?|comes?|is)\s+(?:natural|naturally|right|genuine)\b"
                      r"|\b(?:not|never|isn't|is\s+not|aren't)\s+(?:required|expected|compulsory|mandatory|necessary|needed)\b"
                      r"|\bis\s+not\s+(?:in\s+itself\s+)?a\s+(?:fault|problem)\b|\buse\s+your\s+(?:own\s+)?judge?ment\b"
                      r"|\bif\s+you\s+mean\s+it\b|\bwhen\s+you\s+mean\s+it\b|\bno\s+(?:need|one\s+needs)\s+to\s+smile\b")
_GUEST_SMILES = lazy(
    rf"{NOT_STAFF}\b(?:{_GUEST_NOUNS}|who)\s+(?:\w+\s+)?smil(?:e|es|ed|ing)\b"
    rf"|{NOT_STAFF}\b(?:{_GUEST_NOUNS})\s+(?:\w+\s+){{1,4}}?(?:was|were|is|are|kept|keeps)\s+smiling\b"
    r"|\b(?:make|makes|making|made|see|sees|seeing|bring|brings|put|puts|raise|raises|get|gets|leave|leaves|"
    r"leaving|left|earn|earns|return|returns|win|wins)\s+(?:\w+\s+){0,3}?(?:a\s+)?smil(?:e|es|ing)\b"
    r"|\ba\s+(?:\w+\s+)?smile\s+(?:goes|can|helps|is|makes|costs|says)\b"
    r"|\bsmil(?:e|es|ing)\s+(?:back|in\s+return)\b|\bwith\s+a\s+smile\s+on\s+(?:their|the\s+guest'?s?)\b"
    # the guest's own smile: "a guest's smile when they see the cabin", "a patient who hates their smile"
    rf"|{NOT_STAFF}\b(?:{_GUEST_NOUNS})['’]s?\s+(?:\w+\s+)?smiles?\b"
    rf"|{NOT_STAFF}\b(?:{_GUEST_NOUNS})\b[^.;]{{0,60}}?(?<!with\s)\btheir\s+(?:\w+\s+)?smiles?\b"
)


def check(sentence: Sentence):
    text = sentence.masked
    if _GENUINE.search(text):
        return
    for finder in (_smile, _laugh, _manner, _demanded):
        hit = finder(text)
        if hit:
            yield hit
            return


def _smile(text: str):
    if _GUEST_SMILES.search(text):
        return None
    match = first(_SMILE, text, released)
    if match:
        return Hit(match.start(), match.end(), "mandated emotion: a smile on demand")
    return None


def _laugh(text: str):
    match = first(_LAUGH, text, released)
    return Hit(match.start(), match.end()) if match else None


def _manner(text: str):
    for match in _MANNER.finditer(text):
        if not released(text, match.start()) and not _FEELS.search(text[max(0, match.start() - 40):match.start()]):
            return Hit(match.start(), match.end())
    return None


def _demanded(text: str):
    for match in _DEMANDED.finditer(text):
        before = text[max(0, match.start() - 40):match.start()]
        if released(text, match.start()) or _about_the_guest(before) or _NOT_SOCIAL_WARMTH.match(text, match.end()) \
                or _GLAD_TO.search(match.group(0)) and _WILLING.match(text, match.end()):
            continue
        return Hit(match.start(), match.end())
    return None


def _about_the_guest(before: str) -> bool:
    """The feeling is the guest's, or the aim ("so guests feel welcome"), not an order to the colleague."""
    if _GUESTS_FEELING.search(before):
        return True
    return bool(_SUBJECT_GUEST.search(before)) and not _MODAL_BEFORE.search(before)
