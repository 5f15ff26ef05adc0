"""Micro-choreography: body positions, gestures, distances and angles for how to behave with a guest.

Looks for gestures and postures (palm up, arm extended, hands behind the back,
chin raised, which hand to use, a bow or a lean), for distances, paces and
angles that govern where a colleague stands or walks, and for counted physical
actions ("knock three times", "nod twice"). Also for orders about posture
("stand up", "no slouching"), eye contact, the pitch or volume of a voice, the
side to serve or clear from, the direction to walk round a room and who goes
first, in any register ("Associate stood and made eye contact"). Measurements
of things (a sign one metre from a spill, a temperature in degrees) and a
guest's own posture ("if a guest is standing") are left alone.

People who follow choreography look stiff, and guests feel handled rather than
welcomed. Describe what the guest should experience (room to breathe, a clear
way ahead, someone attentive) and let the colleague read the moment.

Bad: Hand over the key card with your right hand, palm facing upwards.
Good: Hand over the key card and point out the lifts, so the guest knows where to go next.
"""

from ..text import COUNT, NOT_STAFF, NUMBER, Hit, Sentence, any_of, keywords, lazy, negated, released

CODE = "SOP102"
NAME = "choreography"
SEVERITY = "warning"
KIND = "text"
MESSAGE = "choreography: prescribes body position, gesture, distance or angle"
HINT = ("describe the effect you want (the guest feels welcome, has space, can see the way) and "
        "why; leave posture, gestures and distances to the person's judgement")
_FINDER_WORDS = keywords("""
    palm palms arm arms hand hands finger fingers outstretched extended stretched straight clasp fold cross chin
    head tilt tilted tilting tilts shoulder shoulders left right lean leans leaning leaned leant feet legs stand
    body torso hips toes diagonal posture bow bows bowed bowing curtsy knock knocks knocked knocking tap taps
    tapped tapping nod nods nodded nodding clap claps clapped clapping ring wave waves waved waving bang bangs rap
    raps step steps pace paces stride strides exactly degree degrees ° angle turn quarter metre metres meter meters
    m cm centimetre centimetres centimeter centimeters millimetre millimetres millimeter millimeters mm foot ft
    inch inches yard yards length lengths both slight facing stand stands standing stood sit sitting seated
    nod nods nodding slouch slouching slouched lean upright tall attention eye eyes contact stare staring voice voices pitch volume
    whisper tone loud loudly softly quietly clockwise anticlockwise counterclockwise precede ladies lady women eldest starting 
    crouch crouching kneel kneeling gesture gesturing gestures gestured squarely faced face faces pockets pocket
    weight legs feet shake handshake ladies women thumb thumbs elbow elbows
    enunciate enunciating point pointing pace paces ahead stood rose wave waved waving minute speaking talking speech turn turns turned turning rule hand hands arm arms finger fingers thumb palm palms knee
    knees leg chin body torso posture gaze shoulder shoulders foot
""")

# Courtesies done the same way for everyone: an object turned to face the guest, the door for every
# customer, every guest walked somewhere whatever they need.
_COURTESY_MOVE = lazy(
    r"\b(?:label|logo|handle|spine|crest)\s+facing\s+(?:them|the\s+(?:guest|host|customer|diner)|outwards?)\b"
    r"|\bopen\s+the\s+door\s+for\s+(?:every|each|all)\b"
    r"|^\W*(?:walk|escort)\s+(?:the\s+|every\s+|each\s+|all\s+)?(?:guests?|visitors?|shoppers?|customers?|diners?|members?|them)\s+"
    r"(?:\w+\s+)?to\s+(?:the|their|your)\b(?![^.;]*\b(?:if|when|unless)\b)"
)
_COURTESY_MOVE_WORDS = keywords("label logo handle spine crest door walk escort")
_GESTURE = lazy(
    r"\bpalms?\b(?:\s+\w+){0,2}\s+(?:up|upwards?|down|downwards?|out|open|facing|visible|flat)\b"
    r"|\b(?:arms?|hands?|fingers?)\s+(?:\w+\s+)?(?:extended|outstretched|stretched|straight)\b"
    r"|\boutstretched\s+(?:arm|hand)s?\b|\bfully\s+extended\b"
    r"|\bhands?\s+(?:\w+\s+){0,2}(?:clasped|folded|crossed|behind\s+(?:your\s+|the\s+|his\s+|her\s+)?back|"
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
    r"|\bposture\b(?!\s+(?:helps|matters|protects|reduces|can))|\bbow(?:s|ed|ing)?\b(?!\s*tie)|\bcurtsy\b"
)
_PERSON_NOUNS = any_of("person-nouns")
_BODY = (r"(?:hands?|arms?|fingers?|thumbs?|palms?|elbows?|shoulders?|feet|foot|legs?|knees?|chin|body|torso|"
         r"weight|posture|eyes|gaze)")
_POSTURE = lazy(
    r"\b(?:stand|stands|standing|stood)\s+(?:up\b|tall|straight|upright|still|evenly|to\s+attention|"
    r"(?:directly\s+)?(?:in\s+front\s+of|beside|next\s+to|at\s+the\s+side\s+of)|"
    r"when|whenever|while|as|for\s+(?:the|every|each|a)\s+(?:guest|visitor|client|customer|member)|with\s+(?:your|his|her)|"
    r"facing|(?:,\s*)?not\s+sit\w*)"
    r"|\b(?:always|never|should|must|please)\s+(?:\w+\s+)?(?:stand|sit)\b"
    r"|\b(?:do\s+not|don't|never)\s+sit(?:\s+down)?\b(?!\s+(?:guests?|them|him|her|people|customers|diners|visitors|anyone|the)\b)"
    r"|(?:^|[.,;:!]\s*)stand(?:ing)?\s*(?:[.,;:!]|$)|^\s*stand\b(?!\s+(?:by|out|orders?|for|in\s+for|up\s+for|where|near|somewhere|close)\b)"
    r"|\brise\w*\s+from\s+(?:the|your|his|her|their)\s+(?:seat|chair)\b|\b(?:rise|rises)\s+(?:when|whenever|as)\b"
    r"|\b(?:stay|stays|stayed|remain|remains|remained|keep|keeps|kept)\s+(?:\w+\s+)?(?:seated|standing|upright)\b"
    r"|\b(?:stood|stands?|rose|rises?|get\s+up|gets\s+up|got\s+up)\s+to\s+(?:greet|welcome|meet|receive|say)\b"
    r"|\bslouch\w*|\blean(?:s|ing|ed)?\s+(?:on|against|over|across)\b|\bno\s+leaning\b|\bleaning\b(?!\s+towards?\s+(?:the\s+)?(?:idea|option))"
    r"|\bcrouch\w*|\bkneel\w*|\b(?:at|to)\s+(?:the\s+)?(?:guest'?s?|their|eye)\s+eye[\s-]level\b|\beye[\s-]level\b"
)
_BODY_POSITION = lazy(
    rf"\b(?:your|his|her|their|one's|both|one|no|with\s+(?:the|your|his|her|an?)|keep|crossed|folded|clasped|inside|"
    rf"outside|open|whole)\s+(?:(?:left|right|inside|outside|free|open|whole|dominant|other|two|three|four|five)\s+)?{_BODY}\b"
    rf"(?!\s+(?:are\s+)?(?:full|free|tied))"
    rf"(?!\s+(?:office|door|chef|waiter|concierge|housekeeper|porter|luggage|bag|wash|"
    rf"hygiene|sanitis|sanitiz|gel))"
    rf"|^\s*(?:hands|arms|elbows|feet)\b|\b(?:crossed|folded|clasped)\s+(?:arms|hands|legs)\b"
    rf"|\bhands?\s+(?:out\s+of|in)\s+(?:your\s+|the\s+)?pockets?\b|\bopen[\s-]palm\w*|\bopen[\s-]hand(?:ed)?\s+(?:service|gesture)"
    rf"|\bgestur(?:e|es|ed|ing)\s+(?:with|towards?|to)\b|\bwith\s+an?\s+(?:\w+[\s-])?gesture\b"
    rf"|\b(?:shake|shakes|shaking|shook)\s+hands\b|\bhandshake\b"
    rf"|^\s*nod(?:s)?\b|\bnodding\b|\bnod\w*\s+(?:your|his|her|their)\s+head\b"
    rf"|\b(?:face|faces|faced|facing)\s+(?:the|each|every|your|their)\s+(?:{_PERSON_NOUNS})\b|\bsquarely\b"
    rf"|\bturn\w*\s+(?:your|his|her|their)\s+(?:whole\s+)?(?:body|head|torso|shoulders)\b"
    rf"|\b(?:your|his|her|their)\s+backs?\s+to\s+(?:the|a|any)\s+(?:{_PERSON_NOUNS})\b"
    rf"|\breach\w*\s+(?:over|across|in\s+front\s+of)\s+(?:a|the|any|one)\b"
    rf"|\bat\s+(?:chest|waist|shoulder|hip)\s+(?:height|level)\b|\bfist[\s-]?bumps?\b|\bhigh[\s-]?fives?\b"
    rf"|\btouch\w*\s+(?:the\s+|a\s+)?(?:{_PERSON_NOUNS}|them|him|her)\b(?:\s+\w+){{0,2}}\s+on\s+the\s+\w+"
    rf"|\b(?:do\s+not|don't|never|no)\s+point(?:ing)?\b|\b(?:clap|claps|clapping|applaud\w*)\b"
    rf"|\bpull\w*\s+out\s+(?:the\s+|a\s+|their\s+|his\s+|her\s+)?chairs?\b"
    rf"|\bturn\w*\s+(?:your|his|her|their)\s+backs?\b|\bwav(?:e|es|ed|ing)\s+(?:goodbye|good-?bye|farewell|off|to\s+(?:the|each|every|departing))\b"
)
_EYES = lazy(
    r"\beye\s+contact\b(?!\s+(?:isn't|is\s+not|can|may|might|feels|makes|helps|matters|is\s+(?:uncomfortable|hard|difficult|rude)))"
    r"|\bcatch\w*\s+(?:the\s+)?eyes?\b|\blook\w*\s+(?:\w+\s+){0,2}in\s+the\s+eyes?\b|\bstar(?:e|es|ing)\s+(?:at|down)\b"
)
_VOICE = lazy(
    r"\b(?:pitch|volume)\s+of\s+(?:your|his|her|their|the)\s+voice\b"
    r"|\b(?:raise|raises|raising|lower|lowers|lowering|drop|drops|dropping|keep|keeps|kept|modulate\w*)\s+"
    r"(?:the\s+(?:pitch|volume)\s+of\s+)?(?:your|his|her|their|the)\s+voice\b"
    r"|\bvoice\s+(?:\w+\s+){0,3}?(?:low|lowered|soft|quiet|even|level|down|raised|at\s+an?\s+\w+(?:,?\s+\w+)?\s+volume)\b"
    r"|\b(?:above|below|beyond)\s+(?:a\s+|normal\s+|conversational\s+)*(?:volume|level)\b|^\s*(?:tone|voice)\s*[:–—-]"
    r"|\benunciat\w*|\bat\s+an?\s+(?:moderate|steady|slow|measured|even|calm)\s+(?:pace|speed|rate)\b"
    r"|\bpitch\w*\s+(?:your|his|her|their|the)\s+voice\b|\bwords\s+(?:per|a|an)\s+minute\b|"
    r"\b(?:speaking|talking)\s+(?:pace|speed|rate)\b|\bpace\s+of\s+(?:your\s+|their\s+)?speech\b"
    r"|\b(?:intonation|inflection)\b|\bmirror\w*\s+(?:the\s+guest'?s?\s+|their\s+|a\s+guest'?s?\s+)?(?:body\s+language|posture|gestures?)\b"
    r"|\b(?:near[\s-])?whisper\w*|\b(?:soft|low|even|moderate|quiet|loud|slow|hushed)"
    r"(?:,?\s+(?:and\s+)?(?:soft|low|even|moderate|quiet|loud|slow|hushed|calm|gentle|steady|clear)){0,3},?\s+(?:even\s+)?(?:volume|voice|pitch)\b"
    r"|\b(?:speak|speaks|speaking|talk|talks|talking)\s+(?:\w+\s+){0,2}?(?:softly|quietly|loudly|slowly|in\s+a\s+(?:low|soft|quiet|hushed|raised))\b"
)
_SIDE = lazy(
    r"\bfrom\s+(?:the\s+)?(?:guest'?s?\s+|customer'?s?\s+|diner'?s?\s+|their\s+|his\s+|her\s+)?(?:left|right)"
    r"(?:[\s-]hand)?(?:\s+side)?\b"
    r"(?=\s*(?:[.,;:!)]|$|and\b|or\b|side\b|hand\b|of\s+(?:the\s+|each\s+|every\s+)?(?:guest|customer|diner|host|passenger|client)|"
    r"when\b|while\b|as\b|using\b|with\b))"
    r"|\b(?:on|to|at)\s+(?:the\s+)?(?:guest'?s?|customer'?s?|diner'?s?|client'?s?|their|his|her)\s+(?:left|right)\b"
    r"|\b(?:left|right)[\s-]hand\s+side\s+of\s+(?:the\s+|each\s+|every\s+)?(?:guest|customer|diner|client|passenger)"
    r"|\b(?:anti|counter)?[\s-]?clockwise\b"
    rf"|\b(?:{_PERSON_NOUNS}|person|lady|gentleman)\s+(?:on|to)\s+your\s+(?:left|right)\b"
    r"|\b(?:ladies|women|the\s+eldest)\s+first\b|\bstarting\s+with\s+(?:the\s+)?(?:ladies|lady|women|eldest)\b"
    r"|\bprecede\s+you\b|\b(?:one|a|two|half\s+a)\s+(?:pace|step)s?\s+(?:ahead|behind)\b"
)
# A fixed order of offers or courtesies: "upgrade, then waiver, then fuel", "in that order".
_SEQUENCE = lazy(
    r"\bin\s+(?:that|this|the\s+following|exactly\s+this|the\s+same)\s+order\b|\bin\s+any\s+other\s+order\b"
    r"|\bone\s+after\s+the\s+other\b|\bthen\b[^.;]{1,60}?\bthen\b"
)
_SERVICE_ACTS = lazy(r"\b(?:offer\w*|pitch\w*|present\w*|suggest\w*|sell\w*|upsell\w*|serv(?:e|es|ed|ing)|pour\w*|"
                     r"greet\w*|introduc\w*|thank\w*|say|says|mention\w*|recommend\w*|drink|drinks|coffee|tea|water)\b")
# The guest leads and the colleague follows: "shake hands only if the guest offers".
_GUEST_LED = lazy(r"\b(?:only\s+)?(?:if|when|unless)\s+(?:the\s+)?(?:guest|guests|they|visitor|customer|client)s?\s+"
                  r"(?:\w+\s+)?(?:offers?|asks?|initiates?|wants?|reaches?|holds?\s+out)\b")
# The sentence itself lifts the demand: "keep eye contact natural; don't force it".
_LIFTED = lazy(r"\b(?:don't|do\s+not|never)\s+force\s+it\b|\b(?:isn't|is\s+not)\s+a\s+rule\b|\bup\s+to\s+you\b")
_HYGIENE_BEFORE = lazy(r"\b(?:on|off|wash|washing|washed|clean|cleaning|sanitis\w*|sanitiz\w*|scrub\w*|dry|drying|"
                             r"disinfect\w*|gel|glove|gloves)\s+$")
# The guest is the one standing or looking: "if a guest is standing", "guests who avoid eye contact".
_GUEST_BEFORE = lazy(rf"{NOT_STAFF}\b(?:{_PERSON_NOUNS}|they|they're|who)\s+"
                           r"(?:(?:is|are|was|were|who|that|seems?|looks?|appears?|gets?|starts?|begins?|keeps?|"
                           r"avoids?|prefers?|wants?|likes?|seem\s+to|needs?|can't|cannot)\s+)?$"
                           rf"|\b(?:{_PERSON_NOUNS}|they)\s+(?:[\w']+\s+){{1,3}}?(?:is|are|was|were)\s+$")

_UNIT = (r"(?:metres?|meters?|m|cm|centimet(?:re|er)s?|millimet(?:re|er)s?|mm|feet|foot|ft|inch(?:es)?|"
         r"yards?|paces?|steps?|strides?|arm'?s?[\s-]lengths?)")
_DISTANCE = lazy(rf"\b(?!an?\b){NUMBER}[\s-]*{_UNIT}\b(?!\s+(?:down|up)\b)")
_PEOPLE = rf"(?:the\s+|each\s+|every\s+|your\s+)?(?:{_PERSON_NOUNS}|them|him|her)"
_PERSONAL = lazy(
    rf"(?<!host\s)(?<!display\s)(?<!coat\s)(?<!umbrella\s)(?<!the\s)(?<!a\s)\b(?:stand\w*|stay\w*|remain\w*|step\s+back|lean\w*|hover\w*|position\s+yourself|yourself|"
    rf"keep\s+(?:a|your)\s+distance|distance|closer|further|nearer|"
    rf"(?:ahead\s+of|behind|beside|next\s+to|away\s+from|in\s+front\s+of|towards?)\s+{_PEOPLE}|"
    rf"from\s+(?:the\s+|each\s+|every\s+)?(?:guests?|visitors?|table|desk|counter|door|chair|bed|lift|elevator)|"
    rf"pull\w*\s+out)\b"
)
# A distance that governs contact with people: "greet guests within ten feet", "At 10 feet: make eye contact".
_NEAR_PEOPLE = lazy(rf"\b(?:greet\w*|acknowledg\w*|welcom\w*|smil\w*|eye\s+contact|approach\w*|speak\w*|"
                          rf"meet|meets|step\w*\s+(?:forward|out)|"
                          rf"escort\w*|walk\w*|{_PERSON_NOUNS}|anyone|someone|everyone)\b")
# A rule for where guests may go ("Visitors must stay behind the rope"), not how staff stand.
_GUESTS_KEEP_BACK = lazy(
    rf"^\W*(?:all\s+|the\s+|our\s+)?(?:{_PERSON_NOUNS})\s+(?:must|should|need\s+to|are\s+to|have\s+to|may\s+not|"
    r"must\s+not|cannot|can't)\s+(?:\w+\s+)?(?:stay|keep|remain|wait|stand|be)\b"
    rf"|\b(?:ask|asks|asking|tell|tells|telling|remind|reminds|reminding)\s+(?:the\s+|all\s+|our\s+)?(?:{_PERSON_NOUNS}|them)\s+"
    r"to\s+(?:stay|keep|remain|wait|stand)\b"
)
_ARMS_LENGTH = lazy(r"\b(?:at|within|beyond|an?|one|two)\s+(?:one\s+)?arm['’]?s?[\s-]+lengths?\b")
_OBJECT_PLACEMENT = lazy(r"\b(?:place|put|set|store|mount|hang|fix|stack|park|leave)\b")
_ANGLE = lazy(rf"\b{NUMBER}[\s-]*(?:degrees?|°)(?!\s*(?:c|f|celsius|fahrenheit|centigrade)\b)"
                    r"|\b(?:right|ninety[\s-]degree)\s+angle\b|\bquarter[\s-]turn\b|\bat\s+an\s+angle\b")
_MOVEMENT = lazy(r"\b(?:turn\w*|rotat\w*|bow\w*|lean\w*|tilt\w*|angle\w*|fac(?:e|es|ing)|pivot\w*|"
                       r"inclin\w*|twist\w*|position\w*|stand\w*|body|head|degree\s+turn)\b")
_COUNTED = lazy(
    rf"\b(?:knock|tap|nod|bow|clap|ring\s+the\s+bell|wave|bang|rap)\w*\s+(?:on\s+the\s+door\s+)?"
    rf"(?:once|twice|thrice|{COUNT}\s+times)\b"
    rf"|\b(?:take|takes|taking)\s+{COUNT}\s+(?:steps?|paces?|strides?)\b"
    rf"|\b{COUNT}\s+(?:knocks|taps|nods|bows|steps?\s+(?:towards|back|forward|ahead))\b"
    rf"|\b(?:more\s+than|within|after|before|at\s+most)\s+{COUNT}\s+(?:steps|paces|strides)\b"
)
_NAMED_RULE = lazy(rf"\b{NUMBER}[\s-]*(?:foot|feet|ft|metre|meter|step|second)[\s-]+rule\b"
                         r"|\b\d+\s*/\s*\d+\s+rule\b")
_EXACTLY = lazy(rf"\bexactly\s+{NUMBER}[\s-]*{_UNIT}\b")

# Each kind of body language with the words one of its matches always contains: a sentence without
# any of them is not searched for that kind.
_BODY_KINDS = (
    ("choreography: prescribes a posture", _POSTURE, keywords("""
        stand stands standing stood sit sits sitting seated slouch slouching slouched slouches lean leans leaning
        leaned leant upright tall straight crouch crouching crouches kneel kneeling kneels level rose rise rises get
        gets got attention evenly still rise rises
    """)),
    ("choreography: prescribes a body position or gesture", _BODY_POSITION, keywords("""
        hand hands arm arms finger fingers thumb thumbs palm palms elbow elbows shoulder shoulders feet foot leg legs
        knee knees chin body torso weight posture eyes gaze shake shakes shaking shook handshake nod nods nodding
        face faces faced facing squarely turn turns turned turning reach reaches reached reaching point pointing
        wave waves waved waving gesture gestures gestured gesturing back backs pocket pockets clap claps clapping
        applaud applauds applauding pull pulls pulling touch touches touching chest waist hip height fist bump bumps high five fives
    """)),
    ("choreography: a rule about eye contact", _EYES, keywords("eye eyes stare stares staring")),
    ("choreography: prescribes the pitch or volume of a voice", _VOICE, keywords("""
        intonation inflection mirror mirroring mirrors
        voice voices pitch volume whisper whispers whispering softly quietly loudly slowly soft low loud quiet
        moderate even enunciate enunciating enunciation pace speed rate speech words above below beyond tone
    """)),
    ("choreography: prescribes a fixed order of offers or courtesies", _SEQUENCE, keywords("order other then")),
    ("choreography: prescribes sides, direction or order", _SIDE, keywords("""
        your left right clockwise anticlockwise counterclockwise counter ladies lady women eldest starting precede pace
        step ahead behind
    """)),
)
KEYWORDS = _FINDER_WORDS.union(_COURTESY_MOVE_WORDS, *(gate for _, _, gate in _BODY_KINDS))
_GESTURES = lazy("|".join(p.pattern for p in (_GESTURE, _COUNTED, _EXACTLY, _ARMS_LENGTH, _NAMED_RULE)))


def check(sentence: Sentence):
    words = sentence.words
    finders = [_body]   # each kind of body language keeps its own gate
    if not _FINDER_WORDS.isdisjoint(words):
        finders += (_gesture, _angle, _distance)
    if not _COURTESY_MOVE_WORDS.isdisjoint(words):
        finders.append(_courtesy_move)
    hits = [_hit(sentence, finder) for finder in finders]
    found = [hit for hit in hits if hit is not None]
    if found and _GUEST_LED.search(sentence.masked):
        return      # "shake hands only if the guest offers": the guest leads, the colleague follows
    if found:
        yield min(found)


def _hit(sentence: Sentence, finder):
    return finder(sentence.masked, sentence)


def _gesture(text: str, sentence: Sentence):
    for match in _GESTURES.finditer(text):
        if negated(text, match.start()) or _GUEST_BEFORE.search(text[max(0, match.start() - 40):match.start()]):
            continue
        return Hit(match.start(), match.end())
    return None


def _courtesy_move(text: str, sentence: Sentence):
    match = _COURTESY_MOVE.search(text)
    return Hit(match.start(), match.end()) if match and not negated(text, match.start()) else None


def _angle(text: str, sentence: Sentence):
    angle = _ANGLE.search(text)
    if angle and _MOVEMENT.search(text) and not sentence.has("safety"):
        return Hit(angle.start(), angle.end(), "choreography: prescribes an angle")
    return None


def _distance(text: str, sentence: Sentence):
    distance = _DISTANCE.search(text)
    if distance and _GUESTS_KEEP_BACK.search(text[:distance.start()]):
        return None
    if distance and (_PERSONAL.search(text) or _NEAR_PEOPLE.search(text)) and not _OBJECT_PLACEMENT.search(text[:distance.start()]) \
            and not sentence.has("safety") and not sentence.has("measured-things"):
        return Hit(distance.start(), distance.end(), "choreography: prescribes a distance")
    return None


def _body(text: str, sentence: Sentence):
    """Posture, body positions, eye contact, voice and sides: the colleague's, not the guest's."""
    if _LIFTED.search(text):
        return None
    hits = []
    for message, pattern, gate in _BODY_KINDS:
        if gate.isdisjoint(sentence.words):
            continue
        if pattern is _SEQUENCE and not _SERVICE_ACTS.search(text):
            continue
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 40):match.start()]
            if released(text, match.start()) or _GUEST_BEFORE.search(before) or _HYGIENE_BEFORE.search(before):
                continue
            start = match.start() + len(match.group(0)) - len(match.group(0).lstrip(" ,.;:!"))
            hits.append(Hit(start, match.end(), message))
            break
    if hits and not sentence.has("safety"):
        return min(hits)
    return None
