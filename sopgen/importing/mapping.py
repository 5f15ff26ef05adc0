"""Which heading, table column or document-control label feeds which field of an SOP.

The built-in mapping below covers the words real binders use; a mapping file given with
--mapping adds words or moves them to another field (see the README, "Bringing your
existing SOPs"). Words are compared after normalising: case, numbering ("1.", "2.3",
"A)", "Section 4:"), a trailing colon and "&" for "and" make no difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# What a heading's section can fill. "comment" keeps it as a comment on purpose;
# "control" reads it as document-control labels and values.
SECTION_FIELDS = ("purpose", "outcome", "scope", "excludes", "when", "roles", "equipment", "steps", "definitions",
                  "safety", "standards", "records", "revisions", "references", "control", "comment")

# The columns of each kind of table, by what they fill. "skip" drops a column, such as a step number.
TABLE_COLUMNS = {
    "steps": ("do", "how", "why", "title", "phase", "skip"),
    "revisions": ("version", "date", "by", "change", "skip"),
    "records": ("name", "kept_by", "retention", "skip"),
    "standards": ("measure", "target", "why", "skip"),
    "definitions": ("term", "meaning", "skip"),
    "roles": ("role", "responsibility", "skip"),
}
# A table is of a kind when it has these columns (any one of the sets).
TABLE_NEEDS = {
    "steps": ({"do", "why"}, {"do", "how"}),
    "revisions": ({"version", "change"}, {"date", "change"}, {"version", "date"}),
    "records": ({"name", "kept_by"}, {"name", "retention"}),
    "standards": ({"measure", "target"},),
    "definitions": ({"term", "meaning"},),
    "roles": ({"role", "responsibility"},),
}

# What a document-control label fills: a field of the SOP; department and code go to meta, and "meta"
# keeps any other label there under its own name.
CONTROL_FIELDS = ("title", "owner", "approved_by", "effective", "review_by", "version", "department", "code",
                  "meta", "skip")

BUILT_IN_HEADINGS = {
    "purpose": "purpose", "objective": "purpose", "objectives": "purpose", "aim": "purpose", "policy": "purpose",
    "purpose and scope": "purpose", "introduction": "purpose", "overview": "purpose",
    "outcome": "outcome", "expected outcome": "outcome", "expected result": "outcome", "desired outcome": "outcome",
    "scope": "scope", "applies to": "scope", "application": "scope", "who this applies to": "scope",
    "exclusions": "excludes", "excludes": "excludes", "out of scope": "excludes", "does not apply to": "excludes",
    "when": "when", "frequency": "when", "trigger": "when", "when to use": "when", "when this applies": "when",
    "responsibilities": "roles", "responsibility": "roles", "roles": "roles", "roles and responsibilities": "roles",
    "who": "roles", "accountability": "roles",
    "equipment": "equipment", "what you need": "equipment", "what you will need": "equipment",
    "materials": "equipment", "equipment and materials": "equipment", "resources": "equipment",
    "tools": "equipment", "supplies": "equipment",
    "procedure": "steps", "procedures": "steps", "steps": "steps", "method": "steps", "process": "steps",
    "instructions": "steps", "how to": "steps", "task": "steps", "tasks": "steps", "what to do": "steps",
    "definitions": "definitions", "glossary": "definitions", "terms": "definitions", "key terms": "definitions",
    "abbreviations": "definitions", "terms and definitions": "definitions",
    "safety": "safety", "health and safety": "safety", "safety notes": "safety", "warnings": "safety",
    "hazards": "safety", "safety and security": "safety", "food safety": "safety", "precautions": "safety",
    "records": "records", "forms": "records", "records and forms": "records", "forms and records": "records",
    "documentation": "records", "record keeping": "records",
    "standards": "standards", "service standards": "standards", "performance standards": "standards",
    "measures": "standards", "key performance indicators": "standards", "kpis": "standards",
    "revision history": "revisions", "revisions": "revisions", "change history": "revisions",
    "document history": "revisions", "version history": "revisions", "amendments": "revisions",
    "amendment record": "revisions", "change log": "revisions",
    "references": "references", "related documents": "references", "related sops": "references",
    "related procedures": "references", "see also": "references",
    "document control": "control", "document information": "control", "document details": "control",
    "approval": "control", "approvals": "control",
}

BUILT_IN_COLUMNS = {
    "steps": {"what": "do", "step": "do", "steps": "do", "action": "do", "task": "do", "do": "do",
              "what to do": "do", "activity": "do", "how": "how", "method": "how", "detail": "how",
              "details": "how", "how to do it": "how", "why": "why", "reason": "why", "rationale": "why",
              "why it matters": "why", "purpose": "why", "title": "title", "no": "skip", "number": "skip",
              "#": "skip", "step no": "skip", "step number": "skip", "phase": "phase", "stage": "phase"},
    "revisions": {"version": "version", "rev": "version", "revision": "version", "issue": "version",
                  "version no": "version", "issue no": "version", "date": "date", "effective date": "date",
                  "date of change": "date", "revision date": "date", "by": "by", "author": "by",
                  "changed by": "by", "amended by": "by", "updated by": "by", "approved by": "by",
                  "change": "change", "changes": "change", "description": "change",
                  "description of change": "change", "summary": "change", "details": "change",
                  "amendment": "change", "reason for change": "change", "comments": "change"},
    "records": {"record": "name", "records": "name", "form": "name", "name": "name", "document": "name",
                "record name": "name", "form name": "name", "kept by": "kept_by", "owner": "kept_by",
                "responsible": "kept_by", "held by": "kept_by", "who keeps it": "kept_by", "location": "skip",
                "retention": "retention", "retention period": "retention", "kept for": "retention",
                "how long": "retention", "keep for": "retention"},
    "standards": {"measure": "measure", "standard": "measure", "service standard": "measure", "kpi": "measure",
                  "indicator": "measure", "target": "target", "goal": "target", "level": "target",
                  "why": "why", "reason": "why", "why it matters": "why", "rationale": "why"},
    "definitions": {"term": "term", "word": "term", "abbreviation": "term", "acronym": "term",
                    "meaning": "meaning", "definition": "meaning", "description": "meaning",
                    "explanation": "meaning", "stands for": "meaning"},
    "roles": {"role": "role", "position": "role", "who": "role", "job title": "role", "title": "role",
              "responsibility": "responsibility", "responsibilities": "responsibility",
              "duties": "responsibility", "accountable for": "responsibility"},
}

BUILT_IN_CONTROL = {
    "title": "title", "sop title": "title", "document title": "title",
    "document code": "code", "document number": "code", "document no": "code", "doc no": "code",
    "doc ref": "code", "reference": "code", "ref": "code", "sop number": "code", "sop no": "code",
    "sop code": "code", "code": "code", "document id": "code",
    "department": "department", "dept": "department", "area": "department",
    "owner": "owner", "document owner": "owner", "sop owner": "owner", "process owner": "owner",
    "responsible": "owner",
    "approved by": "approved_by", "approver": "approved_by", "authorised by": "approved_by",
    "authorized by": "approved_by",
    "effective date": "effective", "effective": "effective", "effective from": "effective",
    "date effective": "effective", "issue date": "effective", "date of issue": "effective",
    "date issued": "effective", "implementation date": "effective",
    "review date": "review_by", "next review": "review_by", "next review date": "review_by",
    "review by": "review_by", "due for review": "review_by", "review due": "review_by",
    "version": "version", "version no": "version", "version number": "version", "revision": "version",
    "rev": "version", "issue no": "version", "issue number": "version",
}

_NUMBERING = re.compile(
    r"^(?:(?:section|part|step|appendix|annex|schedule)\s+)?"      # "Section 4:", "Appendix A."
    r"(?:\d+(?:\.\d+)*|[a-z]|[ivxlc]+)[.):]\s+"                    # "1.", "2.3.", "A)", "iv."
    r"|^\d+(?:\.\d+)+\s+"                                          # "2.3 Procedure"
    r"|^\d+\s+(?=[a-z])"                                           # "4 Procedure"
)


def normalise(label: str) -> str:
    """A heading or column label as it is compared: '1. Purpose:' and 'PURPOSE' are both 'purpose'."""
    text = " ".join(label.replace("&", " and ").replace("’", "'").split()).lower()
    text = _NUMBERING.sub("", text, count=1)
    text = re.sub(r"[\s:.;,\-–—]+$", "", text)
    text = re.sub(r"[^\w#' ]+", " ", text)
    return " ".join(text.split())


@dataclass
class Mapping:
    headings: dict[str, str] = field(default_factory=lambda: dict(BUILT_IN_HEADINGS))
    columns: dict[str, dict[str, str]] = field(
        default_factory=lambda: {kind: dict(names) for kind, names in BUILT_IN_COLUMNS.items()})
    control: dict[str, str] = field(default_factory=lambda: dict(BUILT_IN_CONTROL))

    def heading_field(self, heading: str) -> str | None:
        """The field a heading's section fills; a heading that starts with a known one counts ("Scope of this SOP")."""
        words = normalise(heading)
        if words in self.headings:
            return self.headings[words]
        best = max((known for known in self.headings if words.startswith(known + " ")), key=len, default=None)
        return self.headings[best] if best else None

    def column(self, kind: str, header: str) -> str | None:
        return self.columns.get(kind, {}).get(normalise(header))

    def control_field(self, label: str) -> str | None:
        """The field a document-control label fills, or None for a label the mapping does not know."""
        return self.control.get(normalise(label))

    def table_kind(self, header: tuple[str, ...], preferred: str | None = None) -> str | None:
        """Which kind of table a header row belongs to: ``preferred`` (the section's field) when it fits."""
        kinds = [preferred] if preferred in TABLE_NEEDS else []
        kinds += [kind for kind in TABLE_NEEDS if kind != preferred]
        for kind in kinds:
            found = {self.column(kind, cell) for cell in header}
            if any(need <= found for need in TABLE_NEEDS[kind]):
                return kind
        return None


def load_mapping(path: Path | None) -> Mapping:
    """The built-in mapping, extended and overridden by the mapping file at ``path``."""
    mapping = Mapping()
    if path is None:
        return mapping
    from .mapping_file import read_mapping_file

    extra = read_mapping_file(path)
    mapping.headings.update({normalise(words): target for words, target in extra.headings.items()})
    for kind, names in extra.columns.items():
        mapping.columns[kind].update({normalise(words): target for words, target in names.items()})
    mapping.control.update({normalise(words): target for words, target in extra.control.items()})
    return mapping
