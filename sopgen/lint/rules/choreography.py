"""Micro-choreography: body positions, gestures, distances and angles for how to behave with a guest.

Looks for gestures and postures (palm up, arm extended, hands behind the back,
chin raised, which hand to use, a bow or a lean), for distances, paces and
angles that govern where a colleague stands or walks, and for counted physical
actions ("knock three times", "nod twice"). Measurements of things (a sign
one metre from a spill, a temperature in degrees) are not choreography and are
left alone.

People who follow choreography look stiff, and guests feel handled rather than
welcomed. Describe what the guest should experience (room to breathe, a clear
way ahead, someone attentive) and let the colleague read the moment.

Bad: Hand over the key card with your right hand, palm facing upwards.
Good: Hand over the key card and point out the lifts, so the guest knows where to go next.
"""

import re

from ..text import COUNT, NUMBER, Hit, Sentence, first, keywords

CODE = "SOP102"
NAME = "choreography"
SEVERITY = "warning"
KIND = "text"
MESSAGE = "choreography: prescribes body position, gesture, distance or angle"
HINT = ("describe the effect you want (the guest feels welcome, has space, can see the way) and "
        "why; leave posture, gestures and distances to the person's judgement")
KEYWORDS = keywords("""
    palm palms arm arms hand hands finger fingers outstretched extended stretched straight clasp fold cross chin
    head tilt tilted tilting tilts shoulder shoulders left right lean leans leaning leaned leant feet legs stand
    body torso hips toes diagonal posture bow bows bowed bowing curtsy knock knocks knocked knocking tap taps
    tapped tapping nod nods nodded nodding clap claps clapped clapping ring wave waves waved waving bang bangs rap
    raps step steps pace paces stride strides exactly degree degrees ° angle turn quarter metre metres meter meters
    m cm centimetre centimetres centimeter centimeters millimetre millimetres millimeter millimeters mm foot ft
    inch inches yard yards length lengths both slight facing
""")

_GESTURE = re.compile(
    r"\bpalms?\b(?:\s+\w+){0,2}\s+(?:up|upwards?|down|downwards?|out|open|facing|visible|flat)\b"
    r"|\b(?:arms?|hands?|fingers?)\s+(?:\w+\s+)?(?:extended|outstretched|stretched|straight)\b"
    r"|\boutstretched\s+(?:arm|hand)s?\b|\bfully\s+extended\b"
    r"|\bhands?\s+(?:\w+\s+){0,2}(?:clasped|folded|crossed|behind\s+(?:your|the)\s+back|"
    r"at\s+(?:your\s+)?(?:waist|sides?|hips?)|by\s+your\s+sides?|in\s+front\s+of\s+you|together)\b"
    r"|\b(?:clasp|fold|cross)\s+your\s+(?:hands|arms)\b"
    r"|\b(?:chin|head)\s+(?:\w+\s+)?(?:raised|up|level|high|lifted|tilted|held)\b"
    r"|\btilt\w*\s+(?:your\s+)?head\b|\bshoulders?\s+(?:back|down|square\w*|relaxed|turned|angled)\b|\bhands?\s+(?:kept\s+)?visible\b"
    r"|\bfingers?\s+(?:together|closed|pointing|extended)\b|\b(?:single|one|index)\s+finger\b"
    r"|\b(?:with|using|in)\s+(?:your|the)\s+(?:left|right)\s+hand\b|\b(?:left|right)[\s-]hand(?:ed)?\b"
    r"|\b(?:with\s+)?an?\s+open\s+hand\b"
    r"|\blean\w*\s+(?:slightly\s+)?(?:forward|forwards|in|back|towards)\b"
    r"|\b(?:feet|legs)\s+(?:together|apart|shoulder)\b|\bstand\s+(?:up\s+)?straight\b"
    r"|\b(?:rotate|turn|angle|square|orient|point)\w*\s+your\s+(?:body|torso|shoulders|hips|feet|toes)\b"
    r"|\bbody\s+(?:\w+\s+)?(?:angled|turned|facing|square|open|towards?)\b|\bat\s+a\s+diagonal\b"
    r"|\b(?:hand|hands|present|presents|give|gives|offer|offers|pass|passes|receive|receives|accept|accepts)"
    r"\b(?:\s+\S+){0,5}?\s+with\s+both\s+hands\b"
    r"|\bnod\s+of\s+(?:the|your)\s+head\b|\bslight\s+(?:nod|bow|incline)\b"
    r"|\bfacing\s+(?:towards?\s+)?(?:the\s+)?(?:guest|member|visitor|client|customer|patron|diner)s?\b"
    r"|\bposture\b|\bbow(?:s|ed|ing)?\b(?!\s*tie)|\bcurtsy\b"
)
_UNIT = (r"(?:metres?|meters?|m|cm|centimet(?:re|er)s?|millimet(?:re|er)s?|mm|feet|foot|ft|inch(?:es)?|"
         r"yards?|paces?|steps?|strides?|arm'?s?[\s-]lengths?)")
_DISTANCE = re.compile(rf"\b(?!an?\b){NUMBER}[\s-]*{_UNIT}\b(?!\s+(?:down|up)\b)")
_PEOPLE = r"(?:the\s+|each\s+|every\s+|your\s+)?(?:guests?|visitors?|callers?|diners?|members?|clients?|patrons?|customers?|them|him|her)"
_PERSONAL = re.compile(
    rf"(?<!host\s)(?<!display\s)(?<!coat\s)(?<!umbrella\s)(?<!the\s)(?<!a\s)\b(?:stand\w*|stay\w*|remain\w*|step\s+back|lean\w*|hover\w*|position\s+yourself|yourself|"
    rf"keep\s+(?:a|your)\s+distance|distance|closer|further|nearer|"
    rf"(?:ahead\s+of|behind|beside|next\s+to|away\s+from|in\s+front\s+of|towards?)\s+{_PEOPLE}|"
    rf"from\s+(?:the\s+|each\s+|every\s+)?(?:guests?|visitors?|table|desk|counter|door|chair|bed|lift|elevator)|"
    rf"pull\w*\s+out)\b"
)
_ARMS_LENGTH = re.compile(r"\b(?:at|within|beyond|an?)\s+arm['’]?s?[\s-]+length\b")
_OBJECT_PLACEMENT = re.compile(r"\b(?:place|put|set|store|mount|hang|fix|stack|park|leave)\b")
_ANGLE = re.compile(rf"\b{NUMBER}[\s-]*(?:degrees?|°)(?!\s*(?:c|f|celsius|fahrenheit|centigrade)\b)"
                    r"|\b(?:right|ninety[\s-]degree)\s+angle\b|\bquarter[\s-]turn\b|\bat\s+an\s+angle\b")
_MOVEMENT = re.compile(r"\b(?:turn\w*|rotat\w*|bow\w*|lean\w*|tilt\w*|angle\w*|fac(?:e|es|ing)|pivot\w*|"
                       r"inclin\w*|twist\w*|position\w*|stand\w*|body|head|degree\s+turn)\b")
_COUNTED = re.compile(
    rf"\b(?:knock|tap|nod|bow|clap|ring\s+the\s+bell|wave|bang|rap)\w*\s+(?:on\s+the\s+door\s+)?"
    rf"(?:once|twice|thrice|{COUNT}\s+times)\b"
    rf"|\b(?:take|takes|taking)\s+{COUNT}\s+(?:steps?|paces?|strides?)\b"
    rf"|\b{COUNT}\s+(?:knocks|taps|nods|bows|steps?\s+(?:towards|back|forward|ahead))\b"
    rf"|\b(?:more\s+than|within|after|before|at\s+most)\s+{COUNT}\s+(?:steps|paces|strides)\b"
)
_EXACTLY = re.compile(rf"\bexactly\s+{NUMBER}[\s-]*{_UNIT}\b")


def check(sentence: Sentence):
    hits = [_hit(sentence, finder) for finder in (_gesture, _angle, _distance)]
    found = [hit for hit in hits if hit is not None]
    if found:
        yield min(found)


def _hit(sentence: Sentence, finder):
    return finder(sentence.masked, sentence)


def _gesture(text: str, sentence: Sentence):
    matches = [first(pattern, text) for pattern in (_GESTURE, _COUNTED, _EXACTLY, _ARMS_LENGTH)]
    matches = [m for m in matches if m]
    if matches:
        match = min(matches, key=lambda m: m.start())
        return Hit(match.start(), match.end())
    return None


def _angle(text: str, sentence: Sentence):
    angle = _ANGLE.search(text)
    if angle and _MOVEMENT.search(text) and not sentence.has("safety"):
        return Hit(angle.start(), angle.end(), "choreography: prescribes an angle")
    return None


def _distance(text: str, sentence: Sentence):
    distance = _DISTANCE.search(text)
    if distance and _PERSONAL.search(text) and not _OBJECT_PLACEMENT.search(text[:distance.start()]) \
            and not sentence.has("safety") and not sentence.has("measured-things"):
        return Hit(distance.start(), distance.end(), "choreography: prescribes a distance")
    return None
