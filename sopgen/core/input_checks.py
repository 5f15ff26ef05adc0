"""The input checks: every code a problem with an input file can carry, what it means and what to do.

The wording rules and review checks are modules in sopgen/lint/rules/; these are the checks that
stop a file being read or built (SOP0xx), written here as data so that `sopgen rules`, `sopgen
explain` and the SARIF rule descriptions name them as the code that reports them does. A test
holds every code and name reported in sopgen/ to this list, so one code never means two things.
"""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Severity


@dataclass(frozen=True)
class InputCheck:
    code: str
    name: str
    summary: str
    why: str
    hint: str
    severity: Severity = Severity.ERROR

    @property
    def doc(self) -> str:
        return f"{self.summary}\n\n{self.why}"


INPUT_CHECKS: tuple[InputCheck, ...] = (
    InputCheck("SOP001", "unreadable-file", "A file that cannot be read: missing, not text, or larger than the limit.",
               "Nothing else about the file can be checked until it can be read. `limits` in sopgen.yaml set the "
               "largest file sopgen reads.",
               "check the path, save the file as UTF-8 text, or split a file past the size limit"),
    InputCheck("SOP002", "yaml-syntax", "YAML that does not parse.",
               "A missing colon, a tab for indentation or an unclosed quote stops the file being read at all; the "
               "position points where the parser gave up, which is often just after the real slip.",
               "fix the YAML at the position shown (indent with spaces, close quotes, put a space after ':')"),
    InputCheck("SOP003", "unsupported-yaml", "YAML sopgen refuses: anchors and aliases, tags, and nesting deeper than the limit.",
               "Aliases can multiply a small file into a huge one, tags can ask a loader to build objects and deep "
               "nesting can exhaust the reader; SOPs need none of them, so they are refused rather than trusted.",
               "write the value out in full where the alias was used"),
    InputCheck("SOP004", "duplicate-key", "The same key twice in one mapping.",
               "YAML would quietly keep only the last one, so half of what was written would vanish from every output.",
               "remove or rename one of the two keys"),
    InputCheck("SOP005", "wrong-type", "A value of the wrong kind: a list where text belongs, text where a list does.",
               "Each field has one shape (see `sopgen schema`); a value of another shape cannot be rendered.",
               "write the value in the shape the message names"),
    InputCheck("SOP006", "unknown-key", "A key the file's shape does not have, usually a misspelling.",
               "An unknown key would otherwise be dropped without a word, and what it held would never be printed.",
               "use the key the message suggests, or remove it; organisation-specific fields go under 'meta:'"),
    InputCheck("SOP007", "missing-field", "A required field is missing or empty.",
               "Every SOP needs an id, title, touchpoint, version, status, owner, purpose and steps, and every step "
               "something to do; without them the handbook would have gaps.",
               "add the field the message names"),
    InputCheck("SOP008", "bad-date", "A date that is not a real date in YYYY-MM-DD form.",
               "Review dates and effective dates are compared and sorted, which needs one unambiguous form.",
               "write the date as YYYY-MM-DD, such as 2026-03-02"),
    InputCheck("SOP009", "bad-id", "An id that is not lowercase letters, digits and single hyphens.",
               "Ids become file names and web addresses, and other files refer to them.",
               "use lowercase letters, digits and hyphens, such as door-welcome-arrivals"),
    InputCheck("SOP010", "bad-value", "A value outside what its field allows: a status, a number, a setting.",
               "The message says which values the field takes.",
               "use one of the values the message lists"),
    InputCheck("SOP011", "duplicate-id", "Two files with the same id.",
               "Links, training programmes and sign-off records name SOPs by id, so two with one id are ambiguous.",
               "give one of the SOPs a new id"),
    InputCheck("SOP012", "unknown-touchpoint", "A touchpoint that is not in sopgen.yaml's journey.",
               "The handbook is ordered by the journey; an SOP outside it would have no place.",
               "use a touchpoint id from sopgen.yaml, or add the touchpoint to the journey"),
    InputCheck("SOP013", "date-order", "Dates in the wrong order, such as a review date before the effective date.",
               "A document due for review before it takes effect is a typing slip that would mislead everyone.",
               "correct the dates so they follow one another"),
    InputCheck("SOP014", "allow-without-reason", "A step that allows a wording rule without saying why.",
               "An exception to a wording rule is for a reason (the law, safety); the reason is what a reviewer "
               "checks and a trainee learns.",
               "add 'reason:' to the step saying why the wording is needed"),
    InputCheck("SOP015", "bad-question", "A knowledge-check question whose answers do not work.",
               "A multiple-choice question needs exactly one right answer marked, or a quiz export cannot score it.",
               "mark one choice 'correct: true', or give the question an 'answer:' instead of choices"),
    InputCheck("SOP016", "bad-checklist-item", "A checklist item whose reading limits do not make sense.",
               "A minimum above the maximum, or limits on an item that is not a reading, would print a line "
               "nobody could fill in.",
               "give limits only to 'kind: reading' items, with min at or below max"),
    InputCheck("SOP017", "markdown-too-complex", "Text that asks more of the Markdown renderer than an SOP needs, or "
               "holds a table.", "Thousands of brackets or deep nesting can stall a build, and a table cannot be "
               "shown on a checklist or in a quiz export.",
               "simplify the text; put measures in 'standards:', kit in 'equipment:' and forms in 'records:'"),
    InputCheck("SOP018", "bad-figure", "A figure that is missing, outside assets/, too large or not a raster image.",
               "Pictures are copied into the site and read by the PDF renderer, so only files the project holds, of "
               "a kind that cannot carry script, are accepted.",
               "put a PNG, JPEG, GIF or WebP file under assets/ and name it relative to the project"),
    InputCheck("SOP019", "lost-in-output", "An image or a link to a file written in text, which an output would drop "
               "or break.", "Text is rendered into HTML, Markdown and PDF; a picture or a file link in it does not "
               "survive all three.", "use 'figures:' for pictures and name documents in 'references:'",
               Severity.WARNING),
    InputCheck("SOP020", "template-error", "A template that fails to render, or links outside its folder.",
               "Templates are overridden by file name; an error in one stops the output it makes.",
               "fix the template at the line shown, or remove the override to use the built-in one"),
    InputCheck("SOP021", "control-character", "A control character made by an escape in double-quoted text "
               "(\\e, \\x1b, \\0).", "A control character is invisible in an editor but can act on the terminal "
               "or page of whoever reads the text. (A raw one, typed into the file, is a YAML error, SOP002.)",
               "remove the escape; tabs and line breaks are fine"),
    InputCheck("SOP030", "unknown-sop", "A reference to an SOP id that does not exist.",
               "Programmes, records, stories and supersedes name SOPs by id; a wrong id points at nothing.",
               "use the 'id:' of an SOP file in the library"),
    InputCheck("SOP031", "retired-sop", "A training programme that still teaches a retired SOP.",
               "Trainees would learn a procedure the library no longer stands behind.",
               "teach the SOP that replaced it"),
    InputCheck("SOP032", "sop-covered-twice", "An SOP taught in two modules of one programme.",
               "Sign-offs are counted per SOP, so teaching one twice makes progress unclear.",
               "keep the SOP in one module"),
    InputCheck("SOP033", "session-overrun", "Activities that take longer than their session.",
               "A trainer given a plan that cannot fit its time will cut something at random.",
               "shorten the activities or lengthen the session"),
    InputCheck("SOP034", "quiz-without-questions", "A quiz over SOPs that have no knowledge-check questions.",
               "An export would produce an empty quiz.",
               "add 'knowledge_check:' questions to the SOPs, or drop the quiz"),
    InputCheck("SOP035", "bad-path", "A path that leaves the project or names something that is not there.",
               "sopgen reads and writes only inside the project, so a path outside it is refused.",
               "name a file or folder inside the project"),
    InputCheck("SOP036", "future-sign-off", "A sign-off dated in the future.",
               "A record of training that has not happened yet would count someone as trained who is not.",
               "record the sign-off on or after the day it happened"),
    InputCheck("SOP037", "bad-import", "A row of a sign-off import that cannot be read.",
               "Rows from a spreadsheet or an LMS export become sign-off records; an unreadable one is reported, "
               "not guessed at.",
               "fix the row the message names in the source file"),
    InputCheck("SOP040", "unknown-story", "A step or cue that names a story not in stories/.",
               "A story credited in an SOP should be one a reader can find.",
               "use the id of a story file in stories/, or remove 'story:'"),
)

_BY_CODE = {check.code: check for check in INPUT_CHECKS}


def input_check(code: str) -> InputCheck | None:
    return _BY_CODE.get(code)
