"""Unobservable objectives: a learning objective that nobody could see being met.

Looks at the learning objectives in programme.yaml for verbs that describe a
state of mind rather than behaviour: understand, know, be aware of, appreciate,
learn about, be familiar with, grasp, and "demonstrate an understanding of".
It reads them where they are the objective's own verb: at the start, or after
"will", "can", "be able to", "and" or "or", so "let reception know" passes.

A trainer signs a colleague off on what they saw them do. "Understand the
welcome" cannot be watched, so it is either signed off on a hunch or never.
An objective written as behaviour, such as "greet an arriving guest and explain
in your own words why we open the door early", tells the trainee what good looks
like and gives the trainer something to observe.

Bad: Understand why we open the door before the guest reaches it.
Good: Greet an arriving guest and explain in their own words why we open the door early.
"""

from ..text import Hit, Sentence, keywords, lazy

CODE = "SOP114"
NAME = "unobservable-objective"
SEVERITY = "warning"
KIND = "objective"
MESSAGE = "a learning objective that cannot be observed"
HINT = ("write what the trainee will be seen or heard doing: explain in their own words, show, greet, find, "
        "choose, put right, hand over")
KEYWORDS = keywords("""
    understand know aware familiar appreciate learn grasp comprehend understanding awareness appreciation
    knowledge
""")

_SUGGESTIONS = {
    "understand": "explain in their own words",
    "know": "name, find or point out",
    "aware": "notice and respond to",
    "familiar": "find and use",
    "appreciate": "describe from the guest's point of view",
    "learn": "practise and then show",
    "grasp": "explain in their own words",
    "comprehend": "explain in their own words",
    "understanding": "explain in their own words",
    "awareness": "notice and respond to",
    "appreciation": "describe from the guest's point of view",
    "knowledge": "name, find or point out",
}

_LEAD = r"(?:^\W*|\b(?:will|shall|should|must|can|could|able\s+to|expected\s+to|and|or)\s+)"
_ADVERB = r"(?:(?:fully|really|clearly|properly|thoroughly|better|also|truly)\s+)?"
_VERB = (r"(understand|know|be\s+aware\s+of|be\s+familiar\s+with|appreciate|learn\s+about|grasp|comprehend|"
         r"(?:gain|have|develop|show|demonstrate)\s+(?:an?\s+|some\s+)?(?:good\s+|clear\s+|full\s+|basic\s+)?"
         r"(?:understanding|awareness|appreciation|knowledge)(?:\s+of)?)\b")
_UNOBSERVABLE = lazy(_LEAD + _ADVERB + _VERB)


def check(sentence: Sentence):
    match = _UNOBSERVABLE.search(sentence.masked)
    if match:
        phrase = " ".join(match.group(1).split())
        word = next(w for w in reversed(phrase.replace(" of", "").replace(" about", "").split())
                    if w in _SUGGESTIONS)
        yield Hit(match.start(1), match.end(1),
                  f"'{phrase}' cannot be observed; say what the trainee does, such as "
                  f"'{_SUGGESTIONS[word]}'")
