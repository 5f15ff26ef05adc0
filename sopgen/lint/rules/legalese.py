"""Legalese and actorless passive: "shall", "is to be", "it is mandatory that", "visitors are to be greeted".

Looks for contract language (shall, hereby, it is mandatory that, are
required to, are obliged to) and for passive instructions that hide who acts
on a guest ("guests are to be greeted", "visitors must be escorted", "the
caller is offered").

An SOP is read by colleagues at the start of a shift, not by lawyers. A
passive sentence hides who does what, and legal words make service sound like
compliance. Write to the person doing it, in the active voice: "Greet guests
as they arrive, so they feel expected."

Bad: Arriving visitors are to be greeted by the receptionist on duty.
Good: Greet visitors as they arrive, so they know they have been seen.
"""

from ..text import Hit, Sentence, any_of, first, keywords, lazy, words

CODE = "SOP106"
NAME = "legalese"
SEVERITY = "warning"
KIND = "text"
MESSAGE = "legalese or an instruction in the passive voice"
HINT = ("write to the colleague doing it, in the active voice (\"Greet visitors as they arrive …\"), "
        "and give the reason rather than the rule")
KEYWORDS = keywords("""
    shall hereby henceforth hereinafter forthwith herewith is are be get gets pursuant undersigned aforementioned
    aforesaid
""") | frozenset(w for w in words("staff-nouns") if " " not in w)   # "Receptionist to thank …"

_STAFF = rf"you|{any_of('staff-nouns')}|the\s+host|the\s+team"
_LEGAL = lazy(
    r"\bshall\b|\bhereby\b|\bhenceforth\b|\bhereinafter\b|\bforthwith\b|\bherewith\b"
    r"|\b(?:is|are|be)\s+(?:not\s+)?to\s+be\b"

    rf"|\b(?:{_STAFF})\s+(?:is|are)\s+(?:always\s+)?to\s+(?!be\b)[a-z]+"
    r"|\bit\s+is\s+(?:mandatory|compulsory|obligatory|required|imperative|expected|incumbent)\s+(?:that|to|for|on|upon)\b"
    r"|\bpursuant\s+to\b|\bthe\s+(?:undersigned|aforementioned|aforesaid)\b"
)
_REQUIRED = lazy(
    r"\b(?:is|are)\s+(?:required|obliged|obligated|expected|mandated|instructed|directed)\s+to\b"
    r"|\b(?:is|are)\s+(?:responsible|accountable)\s+for\s+ensuring\b"
)
_PEOPLE = rf"(?:{any_of('person-nouns')}|everyone|each\s+person|they|he|she)"
_PARTICIPLE = (r"(?:greeted|welcomed|escorted|offered|thanked|informed|told|addressed|acknowledged|accompanied|"
               r"presented|seated|served|asked|processed|handled|shown|directed|received|met|assisted|helped|"
               r"given|called|contacted|notified|walked|taken|brought|introduced|advised|reminded|checked\s+in|"
               r"wished|invited|approached|made|kept|treated|provided|updated|offered|sent|asked|spoken\s+to|"
               r"attended\s+to|followed\s+up)")
_PASSIVE = lazy(
    rf"\b{_PEOPLE}\s+(?:(?!who\b|that\b|which\b|whose\b|where\b|how\b|what\b|when\b|why\b|if\b|or\b|and\b|not\b|rather\b)[\w'’-]+\s+){{0,4}}?(?:must|shall|should|will|are\s+to|is\s+to|need\s+to|needs\s+to|has\s+to|"
    rf"have\s+to)?\s*(?:be|are|is|get|gets)\s+(?:always\s+|then\s+|also\s+|promptly\s+|immediately\s+|"
    rf"personally\s+|courteously\s+)?{_PARTICIPLE}\b"
)
# The guest's own wish, not an order: "the patient prefers to be called Jo", "guests who ask to be woken".
_WISH = lazy(r"\b(?:prefers?|preferred|likes?|liked|wants?|wanted|wish(?:es|ed)?|asks?|asked|hopes?|expects?|chooses?|chose)"
             r"\s+(?:not\s+)?to\s+be\b")
_CONDITION_AFTER = lazy(r"[^.;]*\b(?:if|when|whenever|unless|where|once|in\s+case)\b")
_CONDITION = lazy(r"\b(?:if|when|whenever|where|once|until|unless|while|after|before|as\s+soon\s+as)\b[^,;]*$")


_LEGAL_WORDS = keywords("""
    shall hereby henceforth hereinafter forthwith herewith pursuant undersigned aforementioned aforesaid
    mandatory compulsory obligatory required imperative expected incumbent
""")
_IS_ARE_BE = keywords("is are be")
_STAFF_WORDS = frozenset(w for w in words("staff-nouns") if " " not in w)


def _opens_with_staff(text: str) -> bool:
    """Whether the sentence starts with a role, as in "Receptionist to thank the guest"."""
    opening = text.split(None, 2)[:2]
    return bool(opening) and (opening[0] in _STAFF_WORDS or opening[0] == "the" and opening[1:2] and opening[1] in _STAFF_WORDS)   # with "to": "are to be greeted", "staff are to wear"
_REQUIRED_WORDS = keywords("required obliged obligated expected mandated instructed directed responsible accountable")
_BE_WORDS = keywords("be is are get gets")
_PEOPLE_WORDS = frozenset(words("person-nouns")) | keywords("everyone person they he she")



# Instructions written as headlines: "Guest to be seen off", "Receptionist to thank the guest".
_TO_BE_DONE = lazy(rf"\b(?:{any_of('person-nouns')})\s+to\s+be\s+"
                   r"(?:\w+ed|seen|shown|given|taken|met|told|brought|sent|kept)\b")
_ROLE_TO = lazy(rf"^\s*(?:the\s+)?(?:{any_of('staff-nouns')})\s+to\s+(?!be\b)[a-z]+")


def may_apply(sentence: Sentence) -> bool:
    """Legal words, a required-to, a be-passive about people, or a sentence that opens with a role."""
    found = sentence.words
    return (not _LEGAL_WORDS.isdisjoint(found) or not _REQUIRED_WORDS.isdisjoint(found)
            or not _BE_WORDS.isdisjoint(found) and not _PEOPLE_WORDS.isdisjoint(found)
            or "to" in found and (not _IS_ARE_BE.isdisjoint(found) or _opens_with_staff(sentence.masked)))


def check(sentence: Sentence):
    text, found = sentence.masked, sentence.words
    may_be_legal = not _LEGAL_WORDS.isdisjoint(found) or ("to" in found and not _IS_ARE_BE.isdisjoint(found))
    match = first(_LEGAL, text) if may_be_legal else None
    if match is None and "to" in found and "be" in found and not _PEOPLE_WORDS.isdisjoint(found):
        match = _TO_BE_DONE.search(text)
    if match is None and "to" in found and _opens_with_staff(text):
        match = _ROLE_TO.search(text)
    if match is None and not _REQUIRED_WORDS.isdisjoint(found) and not sentence.field_has("safety"):
        match = first(_REQUIRED, text)
    if match is None and not _BE_WORDS.isdisjoint(found) and not _PEOPLE_WORDS.isdisjoint(found):
        passive = _PASSIVE.search(text)
        if passive and not _CONDITION.search(text[:passive.start()]) and not _CONDITION_AFTER.match(text, passive.end()) \
                and not _WISH.search(passive.group(0)) and not sentence.has("safety"):
            match = passive
    # "Room keys shall be issued only to registered guests" is a security rule, not service, and
    # "The licensee shall ensure …" is the licence's own wording
    if match and not sentence.has("key-control") and not sentence.has("statutory"):
        yield Hit(match.start(), match.end())
