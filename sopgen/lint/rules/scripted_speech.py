"""Scripted speech: the SOP dictates the exact words a colleague must say.

Looks for wording that mandates a script ("say exactly", "in the following
words", "verbatim", "and nothing else", "the approved greeting", "use the
same greeting for everyone", a tagline or the "proper verbiage"), for lines
to say with placeholders ("This is [your name] speaking"), for fixed forms of
address ("Sir / Ma'am"), and for a quoted line attached to a verb of speaking
in any register ("reply with 'My pleasure'", "Say: '…'", "Host stated '…'",
"call out 'Welcome in!'") that is not offered as an example ("for example",
"something like", "you might say", "or simply …", "in your own words").

Guests hear a recited line for what it is, and a colleague reading a script
stops listening to the person in front of them. Say what the words should
achieve and let people find their own; an example is welcome when it is
clearly offered as one.

Bad: Answer the phone in the following words: 'Thank you for calling reception, how may I help?'
Good: Answer the phone with your name and the desk's name, for example 'Reception, this is Sam.'
"""

from ..text import Hit, Sentence, any_of, first, keywords, lazy, phrase_pattern

CODE = "SOP101"
NAME = "scripted-speech"
SEVERITY = "warning"
KIND = "text"
MESSAGE = "scripted speech: the exact words are prescribed"
HINT = ("say what the words should achieve (make the guest feel expected, reassure a caller) and trust "
        "the person to say it in their own words; offer a line only as 'for example …'")
READS_QUOTES = True
KEYWORDS = keywords("""
    exactly exact words word wording phrase phrasing script scripted sentence line lines following verbatim
    perfect nothing more no other substitute change vary alter adapt reword paraphrase changing varying altering
    adapting rewording paraphrasing deviation approved standard official set mandatory company corporate brand
    branded house prescribed signature required sanctioned authorised authorized designated agreed greeting
    greetings welcome salutation farewell sign signoff closing opening response introduction pitch recite recites
    recited reciting recital read only written printed worded shown personalise personalize personalised
    personalized personalising personalizing same tagline taglines catchphrase catchphrases slogan slogans motto
    verbiage proper appropriate correct per according request open opens opening choosing opening closing spoken uttered appendix annex laminated poster say banned forbidden prohibited blacklisted vocabulary statement sir madam ma am mr mrs ms miss card cue prompt
    unedited unaltered spiel speech slang jargon followed acceptable permitted allowed refer morning afternoon evening instead emoji emojis emoticon emoticons slang upsell upselling template
""")

_MANDATE = lazy(
    r"\b(?:say|says|use|uses|reply|respond|answer|greet)\w*\s+exactly\b"
    r"|\bexact(?:ly)?\s+(?:the\s+)?(?:same\s+)?(?:\w+\s+(?:and|&)\s+)?(?:words?|wording|phrase|phrasing|script|sentence|line)\b"
    r"|\b(?:templates?|messages?|wording|script|text|emails?|replies|reply|responses?)\b[^.;]{0,40}?\b(?:unedited|unaltered)\b"
    r"|\b(?:hear\w*|deliver\w*|give|gives|giving|gets?|present\w*|run\s+through)\s+(?:the|our)\s+(?:[\w-]+\s+){0,2}?(?:statement|pitch|spiel|speech)\b"
    r"|\brefer\s+to\s+(?:[\w-]+\s+){0,6}?as\s+(?:an?\s+)?(?=[\"'“‘])"
    r"|\bwords?\s+(?:not\s+to|never\s+to|to\s+avoid|to\s+never)\s+(?:use|say)\b"
    r"|\bgood\s+(?:morning|afternoon|evening)\s+(?:before|until|till|after|from)\s+(?:\d|noon|midday)"

    r"|\bthose\s+(?:exact\s+)?words\b"
    r"|\b(?:in|with|using)\s+the\s+following\s+(?:words?|wording|phrase|script|greeting|sentence|lines?)\b"
    r"|\bverbatim\b|\bword[\s-]for[\s-]word\b|\bword[\s-]perfect\b"
    r"|\bno\s+other\s+(?:words?|wording|phras\w+|greeting|expression)s?\b"
    r"|\b(?:may|must|should|can)\s*(?:not|n't)\s+(?:substitute|change|vary|alter|adapt|reword|paraphrase)\b"
    r"|\bwithout\s+(?:changing|varying|altering|adapting|rewording|paraphrasing|deviation)\b"
    r"|\b(?:approved|standard|official|set|mandatory|scripted|company|corporate|brand|branded|house|prescribed|"
    r"signature|required|sanctioned|authori[sz]ed|designated|agreed|scripted)\s+(?:greeting|phrase|phrasing|wording|script|welcome|salutation|farewell|"
    r"sign[\s-]?off|closing\s+line|opening\s+line|words|response|introduction|pitch)s?\b"
    r"|\b(?:the|a|our|this|welcome|greeting|call|booking|sales|check-in)\s+script\b|\bscripted\b"
    r"|\brecite\w*\b|\bread\s+out\s+the\b"
    r"|\b(?:respond|reply|answer)\w*\s+only\s+with\b|\bonly\s+(?:ever\s+)?(?:say|use\s+the\s+words)\b"
    r"|\b(?:use|utili[sz]e|employ)\s+only\s+the\b"
    r"|\bexactly\s+as\s+(?:written|printed|worded|scripted|shown)\b"
    r"|\b(?:do\s+not|don't|never|without)\s+personali[sz]\w*\b"
    r"|\b(?:same|identical|one|single|uniform)\s+(?:greeting|welcome|words|wording|phrase|line|farewell|script|"
    r"opening|closing|sign[\s-]?off)\s+(?:for|to|with)\s+(?:every|each|all|any|everyone|everybody)\b"
    r"|\b(?:approved|standard|official|mandatory|company|corporate|brand|branded|prescribed|signature|required|"
    r"sanctioned|designated|agreed)\s+(?:[\w-]+\s+){1,2}(?:greeting|phrase|wording|script|welcome|salutation|"
    r"farewell|introduction|pitch|spiel|statement|response|line|opening|closing)s?\b"
    r"|\b(?:proper|appropriate|correct|right)\s+(?:greeting|verbiage|salutation|phrasing|wording|script|sign[\s-]?off)\b"
    r"|\bthank\w*\s+(?:the\s+|each\s+|every\s+)?\w+\s+for\s+choosing\b"
    r"|\b(?:wish|greet)\w*\s+(?:\w+\s+){0,3}?(?:according\s+to|as\s+per|appropriate\s+to)\s+the\s+time\s+of\s+(?:the\s+)?day\b"
    r"|\btime[\s-]appropriate\s+(?:greeting|phrase|salutation|wording)\b"
    r"|\bopen\w*\s+(?:every|each)\s+(?:conversation|call|interaction|chat)\s+with\b"
    r"|\b(?:welcome|opening|closing|greeting)\s+lines?\s+(?:from|in|on|printed)\b"
    r"|\brequest\s+(?:him|her|them|the\s+guest)\s+to\s+(?:visit|come|stay)\s+again\b"
    r"|\b(?:never|not|don't|do\s+not)\s+(?:use|say)\s+the\s+(?:words?|phrases?|expressions?)\b"
    r"|\bverbiage\b|\b(?:tag\s?lines?|catch\s?phrases?|slogans?|motto)\b"
    r"|\b(?:banned|forbidden|prohibited|blacklisted|approved)\s+(?:words?|phrases?|expressions?|terms?|vocabulary|emojis?|emoticons?)\b"
    r"|\bemojis?\b[^.;]{0,60}?\bapproved\s+list\b"
    r"|\b(?:never|not|don't|do\s+not|avoid|avoids)\s+(?:use|say|using|saying)\s+(?:any\s+|the\s+)?(?:[\w-]+\s+)?"
    r"(?:words?|phrases?|expressions?|terms?|slang|jargon)\s+(?:such\s+as|like|including)\b"
    r"|\bfollowed\s+by\s+(?=[\"'“‘])"
    r"|\b(?:acceptable|permitted|allowed)\s+(?:phrases?|wording|responses?|replies)\b"
    r"|\b(?:upsell\w*|sales|phone|telephone|greeting|welcome|closing|opening|booking|check-in|call|hold|transfer)\s+scripts?\b"
    r"|\b(?:respond|reply|replies|answer)\w*\s+to\s+(?:every|each|all|any)\b[^.;]{0,60}?\btemplate\b"
    r"|\b(?:standard|approved|official|set|company|brand)\s+(?:opening|closing)\s+(?:statement|line|remark|words)\b"
    r"|\bread\w*\s+(?:\w+\s+){0,4}?(?:from|off)\s+the\s+(?:card|script|sheet|prompt|cue\s+card|screen)\b"
    r"|\b(?:phrase|phrases|wording|words|script|greeting)\s+(?:\w+\s+){0,2}?(?:from|on|printed\s+on|written\s+on|in)\s+"
    r"(?:(?:the|a)\s+)?(?!business\b)(?:[\w-]+\s+){0,2}?(?:card|cards|sheet|poster|prompt|appendix|annex)\b"
    r"|\bsay\s+(?:good\s+(?:morning|afternoon|evening|night|day)|goodnight|goodbye|hello|thank\s+you|welcome)\b"
    r"(?=[^.;]*\b(?:every|each|all)\b)"
)
# One form of address for everyone: "Sir / Ma'am", "yes sir", "Mr./Ms.".
_ADDRESS = lazy(
    r"\b(?:as|use|using|with)\s+[\"']?(?:sir|madam|ma'?am)\b|\b(?:sir|madam|ma'?am)\s*(?:/|and|or)\s*(?:sir|madam|ma'?am)\b"
    r"|\byes\s+(?:sir|madam|ma'?am)\b|\bmr\.?\s*/\s*(?:mrs|ms|miss)\b"
)
# A line to say with blanks for the names: "This is [your name] speaking", "Mr./Ms. [Surname]".
_PLACEHOLDER = lazy(
    r"\b(?:mrs?|ms|miss|name\s+is|this\s+is|i\s+am)\.?\s*(?:/\s*(?:mrs?|ms|miss)\.?\s*)?_{3,}|"
    r"[\[(<{](?=[^\])>}\n]{0,40}\b(?:name|hotel|company|property|surname|title|department|restaurant|guest|"
    r"your|time\s+of\s+day|outlet|brand|city|business)\b)[a-z][^\])>}\n,]{0,40}[\])>}]"
)
# 'Say "certainly" rather than "sure"': one word prescribed in place of another.
_PREFERRED_WORD = lazy(r"\b(?:say|use|reply)\s+[\"'][^\"'\n]{1,30}[\"']\s*,?\s+(?:rather\s+than|instead\s+of|not|never)\s+[\"']"
                       r"|\binstead\s+of\s+[\"'“‘][^\"'”’\n]{1,40}[\"'”’]\s*,?\s+(?:say|use|reply)\s+[\"'“‘]")
# Lines that free the person to speak for themselves, whatever else the sentence mentions.
_FREEDOM = lazy(r"(?<!not\s)(?<!n't\s)\b(?:just\s+)?be\s+yourself\b|(?<!not\s)(?<!n't\s)\bin\s+your\s+own\s+(?:words|way)\b")
# Words the guest says, quoted so staff recognise them: 'If a guest says "I'm just looking", …'.
_GUEST_SPEAKS = lazy(rf"\b(?:{any_of('person-nouns')}|they|he|she|someone|anyone)\s+(?:\w+\s+)?"
                     r"(?:says?|said|asks?|asked|replies|replied|tells?\s+you|told\s+you|mentions?|writes?|wrote|"
                     r"complains?|complained|answers?)\s*(?:,|:|that)?\s*[\"'“‘]?$")
_SPEAKER_REACH = 120
# A line given to a role, as in a play: "Receptionist: 'Good morning …'".
_SPEAKER = lazy(rf"\b(?:{any_of('staff-nouns')})\s*:\s*[\"'“‘]?$")
# A short name in title case, such as a product's: 'the "Smile Pack" is handed to each family'.
_A_NAME = lazy(r"^(?:[A-Z][\w'’-]*\s?){1,3}$")
_PENALISED_WORD = lazy(r"\b(?:used?|uses|using|says?|said|saying)\s+(?:the\s+)?(?:words?|phrases?|expressions?|terms?)(?=\s*[\"'“‘])")
_PENALTY = lazy(r"\b(?:score\w*|deduct\w*|penal\w*|fail\w*|marked\s+down|lose\w*\s+(?:a\s+)?points?|zero)\b")
_NOTHING_ELSE = lazy(r"\band\s+nothing\s+else\b|\bnothing\s+more\b")
_NEVER_SPOKEN = lazy(r"\b(?:never|not)\s+(?:to\s+)?(?:be\s+)?(?:spoken|said|used|uttered|mentioned)\b")
_LOOSE_QUOTE = lazy(r"\b(?:or\s+simply|or\s+just|or\s+something\s+similar|whatever\s+(?:suits|feels|fits)|"
                          r"or\s+words\s+to\s+that\s+effect|in\s+your\s+own\s+way|if\s+you\s+like|"
                          r"(?:you|they)\s+(?:might|may|could|can)\s+(?:say|ask|try|offer|use)|respect\s+an?)\b")
_SPEECH = lazy(
    r"\b(?:say|says|said|saying|tell|tells|told|ask|asks|reply|replies|respond|responds|answer|answers|"
    r"greet|greets|greeted|announce|announces|repeat|repeats|wish|wishes|thank|thanks|introduce|"
    r"close|closes|end|ends|begin|begins|start|starts|open|opens|sign|signs|use|uses|using|state|states|"
    r"declare|declares|remark|utter|exclaim|pronounce|inform|informs|advise|advises|offer|offers|"
    r"phrase|words|wording|line|sentence|reply|greeting|with|stated|announced|replied|answered|asked|exclaimed|"
    r"called|calls?\s+out|calling\s+out|shout\w*|recited|saying|welcomed|welcoming|delivers?|delivered|"
    r"used|tagline|saying|script|card|farewell|goodbye|closing|opening|sign[\s-]?off)\b"
)
_EVERY = lazy(r"\b(?:every|each|all|any)\b")


def _spoken(quote) -> bool:
    """A quoted stretch that reads as speech, not a label such as a sign's 'Closed'."""
    return quote.word_count >= 2 or quote.text.rstrip()[-1:] in "!?.,"


def check(sentence: Sentence):
    hit = _scripted(sentence)
    if hit and not sentence.field_has("exact-wording"):     # the words of an alarm or a legal notice are meant to be exact
        yield hit


def _scripted(sentence: Sentence) -> Hit | None:
    if _FREEDOM.search(sentence.masked):
        return None
    mandate = first(_MANDATE, sentence.masked)
    if mandate:
        return Hit(mandate.start(), mandate.end())
    penalised = _PENALISED_WORD.search(sentence.masked)
    if penalised and sentence.quotes and _PENALTY.search(sentence.masked):
        return Hit(penalised.start(), penalised.end(), "scripted speech: words that must never be said")
    banned = _NEVER_SPOKEN.search(sentence.masked)
    if banned and sentence.quotes:
        return Hit(banned.start(), banned.end(), "scripted speech: words that must never be said")
    offered = phrase_pattern("example-markers").search(sentence.masked) or _LOOSE_QUOTE.search(sentence.masked)
    if offered:
        return None
    placeholder = _PLACEHOLDER.search(sentence.lower)
    if placeholder:
        return Hit(placeholder.start(), placeholder.end(), "scripted speech: a line with blanks to fill in")
    address = first(_ADDRESS, sentence.lower)
    if address:
        return Hit(address.start(), address.end(), "scripted speech: one form of address for everyone")
    nothing_else = _NOTHING_ELSE.search(sentence.masked)
    if nothing_else and (sentence.quotes or _SPEECH.search(sentence.masked, 0, nothing_else.start())):
        return Hit(nothing_else.start(), nothing_else.end())
    preferred = _PREFERRED_WORD.search(sentence.lower)
    if preferred and len(sentence.quotes) >= 2:
        return Hit(preferred.start(), preferred.end(), "scripted speech: words to use and words to avoid")
    # who speaks is said just before the quote, so only that stretch is read: a step of a thousand
    # quotes must not be read a thousand times over
    spoken = [q for q in sentence.quotes
              if _spoken(q) and not _GUEST_SPEAKS.search(sentence.masked, max(0, q.start - _SPEAKER_REACH), q.start)]
    if not spoken:
        return None
    before = sentence.masked[:spoken[0].start]
    if _SPEAKER.search(before):
        return Hit(spoken[0].start, spoken[0].end, "scripted speech: a dialogue to act out")
    if _SPEECH.search(before) or _EVERY.search(sentence.masked) and not _A_NAME.match(spoken[0].text):
        return Hit(spoken[0].start, spoken[0].end, "scripted speech: a line to recite")
    return None
