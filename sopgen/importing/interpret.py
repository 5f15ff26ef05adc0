"""Turn an outline into a draft SOP: split it into sections by heading, then read each by its field.

Whatever a section's reader does not use is kept, with its heading, to be written as a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .dates import DateReader, DateRefused
from .draft import Draft, Figure
from .mapping import Mapping, normalise
from .outline import Block, Caption, Heading, Image, ListItem, Outline, Paragraph, Table, looks_like_heading

PREAMBLE = "(before the first heading)"
_LABELLED = re.compile(r"^\s*(?P<label>[^:]{1,60}?)\s*:\s+(?P<value>\S.*)$")
_SEPARATED = re.compile(r"^(?P<head>[^:–—]{1,80}?)\s*(?::|\s[–—-]\s)\s*(?P<rest>\S.*)$")
_INLINE_WHY = re.compile(r"\s*\b(?:why|reason)\s*:\s*", re.IGNORECASE)
_LEADING_LABEL = re.compile(r"^(?P<label>why|reason|because|how|note)\s*[:\-–]\s*", re.IGNORECASE)
_TYPED_NUMBER = re.compile(r"^(?:step\s+)?\d{1,3}[.)]\s+|^step\s+\d{1,3}\s*[:.\-–]\s*", re.IGNORECASE)
_STEP_NUMBER = re.compile(r"^(?:step\s*)?\d{1,3}[.)]?$", re.IGNORECASE)    # a "Step" column of numbers
_NOT_A_TITLE = re.compile(r"^(?:important|warning|caution|tip|remember|note|n\.?b\.?)$", re.IGNORECASE)
_VERSION_WORDS = re.compile(r"^(?:version|ver|rev(?:ision)?|issue|v)\.?\s*(?:no\.?\s*)?", re.IGNORECASE)
_FREQUENCY = re.compile(r"\b(?:daily|weekly|monthly|yearly|annually|hourly|every|each|once|twice|per)\b",
                        re.IGNORECASE)
_FIGURE_LABEL = re.compile(r"^(?:figure|fig\.|photo|picture|image|diagram)\s*\d+[a-z]?\s*(?:[:.\-–—]\s*|\s+|$)",
                           re.IGNORECASE)
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"))


@dataclass
class Section:
    name: str               # the field it fills, "unmapped", or "preamble"
    heading: str
    level: int
    where: str
    blocks: list[tuple[str | None, Block]] = field(default_factory=list)     # (phase heading, block)


def interpret(outline: Outline, mapping: Mapping, dates: DateReader) -> Draft:
    draft = Draft()
    reading = _Reading(outline, mapping, dates, draft)
    sections = reading.sections()
    for section in sections:
        reading.read(section)
    reading.finish()
    return draft


class _Reading:
    def __init__(self, outline: Outline, mapping: Mapping, dates: DateReader, draft: Draft):
        self.outline, self.mapping, self.dates, self.draft = outline, mapping, dates, draft
        self.source = outline.source.name
        self.groups: list[tuple[str | None, str, list[dict]]] = []    # (phase, section heading, steps)
        self.control: dict[str, tuple[str, str]] = {}                 # field -> (value, where)
        self.meta: dict[str, str] = {}
        self.figure_count = 0
        self.figure_steps: list[tuple[Figure, dict]] = []   # figures in a step, numbered once steps are known
        self.table_row_steps: dict[int, dict] = {}          # the last table read: its row index -> its step
        self.table_phases: list[tuple[str, list[dict]]] = []  # the last table's phases, for read_steps to take

    # ----------------------------------------------------------------- sections

    def sections(self) -> list[Section]:
        blocks = _with_captions(list(self.outline.blocks))
        self.draft.attention.extend(self.outline.unread)
        if not self.outline.title:
            headings = [block for block in blocks if isinstance(block, Heading)]
            first = next((block for block in headings if block.level), headings[0] if headings else None)
            if first is not None and self.mapping.heading_field(first.text) is None:
                self.outline.title = first.text
                self.draft.came_from("title", f'the first heading "{first.text}" ({first.where})')
                blocks.remove(first)
        elif blocks and isinstance(blocks[0], Heading) and blocks[0].text == self.outline.title:
            blocks.pop(0)
        if self.outline.title and not self.draft.coverage:
            self.draft.came_from("title", "the document's title")
        current = Section("preamble", PREAMBLE, 0, "the start")
        found = [current]
        phase: str | None = None
        top = min((block.level for block in blocks if isinstance(block, Heading) and block.level), default=1)
        for block in blocks:
            if self.numbered_section_title(block):     # "1. PURPOSE" as an item of a numbered list
                block = Heading(0, block.text, block.where)
            if isinstance(block, Heading):
                target = self.mapping.heading_field(block.text)
                if not block.level:         # a bold line: a section when its words name one, else a sub-heading
                    inside = target is None and current.name not in ("preamble", "unmapped")
                    block = replace(block, level=current.level + 1 if inside else top, bold_line=True)
                if current.name == "steps" and block.level > current.level and target in (None, "steps"):
                    phase = block.text
                    current.blocks.append((phase, block))
                    continue
                if target is None and current.name not in ("preamble", "unmapped") and block.level > current.level:
                    current.blocks.append((phase, block))      # a sub-heading: its content stays in the section
                    continue
                current = Section(target or "unmapped", block.text, block.level, block.where)
                found.append(current)
                phase = None
                continue
            current.blocks.append((phase, block))
        return found

    def numbered_section_title(self, block: Block) -> bool:
        """Templates often number their sections as a list ("1. PURPOSE", "2. SCOPE"): a top-level list item
        in bold or capitals whose words name a section is that section's heading."""
        return (isinstance(block, ListItem) and block.level == 0 and (block.bold or block.text.isupper())
                and looks_like_heading(block.text) and self.mapping.heading_field(block.text) is not None)

    def read(self, section: Section) -> None:
        if section.name == "steps":
            self.read_steps(section)
            return
        rest: list[Block] = []
        for _, block in section.blocks:
            if isinstance(block, Table) and self.read_table_anywhere(section, block):
                continue
            if isinstance(block, Image):
                self.figure(block, self.table_row_steps.get(block.row) if block.row is not None else None)
                continue
            rest.append(block)
        reader = getattr(self, f"read_{section.name}", None)
        self.keep(section, reader(section, rest) if reader else rest)

    def keep(self, section: Section, blocks: list[Block]) -> None:
        lines = [line for block in blocks for line in _as_lines(block)]
        label = section.heading if section.name != "preamble" else PREAMBLE
        self.draft.keep(label, section.where, lines)

    def where(self, section: Section, block: Block | None = None) -> str:
        if block is not None and block.where.startswith("the page header"):
            return block.where
        place = f" ({block.where})" if block is not None else f" ({section.where})"
        return (f'"{section.heading}"' if section.name != "preamble" else "the start of the document") + place

    # ----------------------------------------------------------------- tables

    def read_table_anywhere(self, section: Section, table: Table, steps: list[dict] | None = None) -> bool:
        """Read a table whose columns say what it is, wherever it stands; False if it is left to the section.

        The steps of a What/How/Why table join ``steps`` when given (the table is inside a procedure).
        """
        self.table_row_steps = {}
        if not table.rows:
            return True
        titled = self.mapping.heading_field(table.title) if table.title else None
        if self.read_control_table(section, table, titled == "control"):
            return True
        kinds = ("steps", "revisions", "records", "standards", "definitions", "roles")
        preferred = titled if titled in kinds else section.name if section.name in kinds else None
        kind = self.mapping.table_kind(table.rows[0], preferred)
        if kind is None or len(table.rows) < 2:
            return False
        columns = [self.mapping.column(kind, header) for header in table.rows[0]]
        records = []
        for number, row in enumerate(table.rows[1:], start=2):
            record, extra = {}, []
            leads = table.leads[number - 1] if len(table.leads) >= number else ()
            for column, (header, target, value) in enumerate(zip(table.rows[0], columns, row)):
                if not value or target == "skip" or (kind == "steps" and _STEP_NUMBER.match(value)):
                    continue
                if target == "do" and column < len(leads) and leads[column] and "do" not in record:
                    record["_lead"] = leads[column]
                if target is None:
                    extra.append(f"{header}: {value}")
                elif target in record:
                    record[target] += " " + value
                else:
                    record[target] = value
            records.append((number, record, extra))
        if kind == "steps":
            self.table_steps(section, table, records, steps)
        else:
            getattr(self, f"table_{kind}")(section, table, records)
        return True

    def table_steps(self, section: Section, table: Table, records, steps: list[dict] | None) -> None:
        """Steps from a table's rows. A Phase column (merged down over its rows, or written on the first row of
        each phase) groups them: those phases are left in ``table_phases`` for the procedure being read."""
        into = steps if steps is not None else []
        phases: list[tuple[str, list[dict]]] = []
        for number, record, extra in records:
            phase = record.pop("phase", None)
            if phase and (not phases or phases[-1][0] != phase):
                phases.append((phase, []))
            if phases:
                into = phases[-1][1]
            if "do" not in record:
                self.draft.keep(section.heading, table.where, [f"(table row {number}) " + "; ".join(
                    f"{k}: {v}" for k, v in record.items())] + extra)
                continue
            lead = record.pop("_lead", "")
            into.append(_step({**_titled(record["do"], lead), **{k: v for k, v in record.items() if k != "do"}}
                              if lead and "title" not in record else record))
            self.table_row_steps[number - 1] = into[-1]
            for line in extra:
                self.draft.keep(section.heading, table.where, [f"(step in table row {number}) {line}"])
        if phases and steps is None:
            self.groups.extend((phase, section.heading, rows) for phase, rows in phases if rows)
        elif phases:
            self.table_phases = [(phase, rows) for phase, rows in phases if rows]
        elif into and steps is None:
            self.groups.append((None, section.heading, into))
        if into or any(rows for _, rows in phases):
            self.draft.came_from("steps", f"the What/How/Why table under {self.where(section, table)}")

    def table_revisions(self, section: Section, table: Table, records) -> None:
        revisions = self.draft.fields.setdefault("revisions", [])
        for number, record, extra in records:
            entry: dict = {}
            if record.get("version"):
                entry["version"] = _version(record["version"])
            if record.get("date"):
                day = self.date(record["date"], f"{self.where(section, table)}, row {number}, column date")
                if day is not None:
                    entry["date"] = day
                else:
                    extra.append(f"date: {record['date']}")
            if record.get("by"):
                entry["by"] = record["by"]
            entry["change"] = record.get("change", "")
            if not entry["change"]:
                self.draft.attention.append(f"revision in row {number} has no description of the change; "
                                            f"write one in 'change'")
            if not entry.get("version"):
                self.draft.attention.append(f"revision in row {number} has no version; write the version it made")
            revisions.append(entry)
            if extra:
                self.draft.keep(section.heading, table.where, [f"(revision in row {number}) " + "; ".join(extra)])
        self.draft.came_from("revisions", f"the table under {self.where(section, table)}")

    def table_records(self, section: Section, table: Table, records) -> None:
        self._table_items("records", section, table, records, "name")

    def table_standards(self, section: Section, table: Table, records) -> None:
        self._table_items("standards", section, table, records, "measure")

    def table_definitions(self, section: Section, table: Table, records) -> None:
        self._table_items("definitions", section, table, records, "term")

    def table_roles(self, section: Section, table: Table, records) -> None:
        roles = self.draft.fields.setdefault("roles", [])
        for _, record, extra in records:
            if record.get("role"):
                roles.append(record["role"])
                if record.get("responsibility"):
                    self.draft.note("roles", f"{record['role']}: {record['responsibility']}")
            for line in extra:
                self.draft.note("roles", line)
        self.draft.came_from("roles", f"the table under {self.where(section, table)}")

    def _table_items(self, name: str, section: Section, table: Table, records, key: str) -> None:
        items = self.draft.fields.setdefault(name, [])
        for number, record, extra in records:
            if key not in record:
                self.draft.keep(section.heading, table.where, [f"(row {number}) " + "; ".join(
                    [f"{k}: {v}" for k, v in record.items()] + extra)])
                continue
            items.append(record)
            for line in extra:
                self.draft.keep(section.heading, table.where, [f"({name[:-1]} in row {number}) {line}"])
        self.draft.came_from(name, f"the table under {self.where(section, table)}")

    def read_control_table(self, section: Section, table: Table, titled: bool = False) -> bool:
        pairs = _label_pairs(table, lambda label: self.mapping.control_field(label) is not None)
        known = [label for label, _ in pairs if self.mapping.control_field(label)]
        if len(known) < 2 and not ((section.name == "control" or titled) and pairs):
            return False
        for label, value in pairs:
            self.control_value(label, value, f"{self.where(section, table)}", anything=True)
        return True

    # ----------------------------------------------------------------- document control

    def control_value(self, label: str, value: str, where: str, anything: bool) -> bool:
        """Use a document-control label and value; an unknown label goes to meta only when ``anything``."""
        target = self.mapping.control_field(label)
        if target == "skip" or not value:
            return target == "skip"
        if target is None and not anything:
            return False
        if target in ("code", "department") or target in (None, "meta"):
            key = target if target in ("code", "department") else _meta_key(label)
            if key:
                self.meta.setdefault(key, value)
                self.draft.came_from("meta", f"document control at {where}")
                return True
            return False
        self.control.setdefault(target, (value, where))
        return True

    def read_control(self, section: Section, blocks: list[Block]) -> list[Block]:
        return self._control_lines(section, blocks, anything=True)

    def read_preamble(self, section: Section, blocks: list[Block]) -> list[Block]:
        return self._control_lines(section, blocks, anything=False)

    def _control_lines(self, section: Section, blocks: list[Block], anything: bool) -> list[Block]:
        rest = []
        for block in blocks:
            found = _LABELLED.match(block.text) if isinstance(block, (Paragraph, ListItem)) else None
            if not (found and self.control_value(found["label"], found["value"].strip(),
                                                 self.where(section, block), anything)):
                rest.append(block)
        return rest

    # ----------------------------------------------------------------- text sections

    def read_purpose(self, section: Section, blocks: list[Block]) -> list[Block]:
        return self._text("purpose", section, blocks)

    def read_outcome(self, section: Section, blocks: list[Block]) -> list[Block]:
        return self._text("outcome", section, blocks)

    def _text(self, name: str, section: Section, blocks: list[Block]) -> list[Block]:
        texts = [block.text for block in blocks if isinstance(block, (Paragraph, ListItem))]
        if texts:
            previous = self.draft.fields.get(name)
            self.draft.fields[name] = "\n\n".join(([previous] if previous else []) + texts)
            self.draft.came_from(name, self.where(section))
        return [block for block in blocks if not isinstance(block, (Paragraph, ListItem))]

    def read_scope(self, section: Section, blocks: list[Block]) -> list[Block]:
        return self._labelled_parts("scope", section, blocks, "applies_to",
                                    {"applies to": "applies_to", "scope": "applies_to", "excludes": "excludes",
                                     "exclusions": "excludes", "does not apply to": "excludes",
                                     "not covered": "excludes", "out of scope": "excludes"})

    def read_excludes(self, section: Section, blocks: list[Block]) -> list[Block]:
        return self._labelled_parts("scope", section, blocks, "excludes", {})

    def read_when(self, section: Section, blocks: list[Block]) -> list[Block]:
        return self._labelled_parts("when", section, blocks, None,
                                    {"trigger": "trigger", "when": "trigger", "frequency": "frequency",
                                     "how often": "frequency"})

    def _labelled_parts(self, name: str, section: Section, blocks: list[Block], default: str | None,
                        labels: dict[str, str]) -> list[Block]:
        parts = self.draft.fields.setdefault(name, {})
        rest = []
        for block in blocks:
            if not isinstance(block, (Paragraph, ListItem)):
                rest.append(block)
                continue
            found = _LABELLED.match(block.text)
            part = labels.get(normalise(found["label"])) if found else None
            text = found["value"].strip() if part else block.text
            part = part or default or ("frequency" if _FREQUENCY.search(text) else "trigger")
            parts[part] = f"{parts[part]}; {text}" if part in parts else text
        if parts:
            self.draft.came_from(name, self.where(section))
        else:
            del self.draft.fields[name]
        return rest

    # ----------------------------------------------------------------- list sections

    def read_roles(self, section: Section, blocks: list[Block]) -> list[Block]:
        roles = self.draft.fields.setdefault("roles", [])
        before = len(roles), len(self.draft.notes.get("roles", []))
        rest = []
        for block in blocks:
            if not isinstance(block, (Paragraph, ListItem)):
                rest.append(block)
                continue
            found = _SEPARATED.match(block.text)
            if found and len(found["head"].split()) <= 6:
                roles.append(found["head"].strip())
                self.draft.note("roles", f"{found['head'].strip()}: {found['rest']}")
            elif len(block.text.split()) <= 6:
                roles.append(block.text.rstrip("."))
            else:
                self.draft.note("roles", block.text)
        if (len(roles), len(self.draft.notes.get("roles", []))) != before:
            self.draft.came_from("roles", self.where(section))
        if not roles:
            del self.draft.fields["roles"]
        return rest

    def read_equipment(self, section: Section, blocks: list[Block]) -> list[Block]:
        return self._items("equipment", section, blocks, lambda text: text)

    def read_references(self, section: Section, blocks: list[Block]) -> list[Block]:
        shown = [replace(block, text=f"{block.text} ({', '.join(block.links)})")
                 if isinstance(block, (Paragraph, ListItem)) and block.links else block for block in blocks]
        return self._items("references", section, shown, lambda text: text)

    def read_records(self, section: Section, blocks: list[Block]) -> list[Block]:
        return self._items("records", section, blocks, lambda text: {"name": text})

    def read_standards(self, section: Section, blocks: list[Block]) -> list[Block]:
        return self._items("standards", section, blocks, _with_why("measure"), follow="why")

    def read_safety(self, section: Section, blocks: list[Block]) -> list[Block]:
        return self._items("safety", section, blocks, _with_why("note"), follow="why")

    def read_definitions(self, section: Section, blocks: list[Block]) -> list[Block]:
        definitions = self.draft.fields.setdefault("definitions", [])
        before = len(definitions)
        rest = []
        for block in blocks:
            found = _SEPARATED.match(block.text) if isinstance(block, (Paragraph, ListItem)) else None
            if found:
                definitions.append({"term": found["head"].strip(), "meaning": found["rest"].strip()})
            else:
                rest.append(block)
        if len(definitions) > before:
            self.draft.came_from("definitions", self.where(section))
        if not definitions:
            del self.draft.fields["definitions"]
        return rest

    def _items(self, name: str, section: Section, blocks: list[Block], make, follow: str | None = None):
        items = self.draft.fields.setdefault(name, [])
        before = len(items)
        rest = []
        top = min((block.level for block in blocks if isinstance(block, ListItem)), default=0)
        for block in blocks:
            if not isinstance(block, (Paragraph, ListItem)):
                rest.append(block)
                continue
            label = _LEADING_LABEL.match(block.text)
            gives_reason = bool(label) and label["label"].lower() in ("why", "reason", "because")
            sub_item = isinstance(block, ListItem) and block.level > top
            if items and follow and isinstance(items[-1], dict) and gives_reason:
                text = _sentence(block.text[label.end():]) if label["label"].lower() != "because" else block.text
                items[-1][follow] = f"{items[-1][follow]} {text}" if follow in items[-1] else text
            elif items and sub_item:
                _extend(items, block.text)
            else:
                items.append(make(block.text))
        if len(items) > before:
            self.draft.came_from(name, self.where(section))
        if not items:
            del self.draft.fields[name]
        return rest

    # ----------------------------------------------------------------- steps

    def read_steps(self, section: Section) -> None:
        has_list = any(isinstance(block, ListItem) for _, block in section.blocks)
        top = min((block.level for _, block in section.blocks if isinstance(block, ListItem)), default=0)
        numbered = any((isinstance(block, ListItem) and block.level == top and block.numbered)
                       or (isinstance(block, Paragraph) and _TYPED_NUMBER.match(block.text))
                       for _, block in section.blocks)
        groups: list[tuple[str | None, list[dict]]] = [(None, [])]
        leftover: list[Block] = []
        step_titles = _step_title_lines([block for _, block in section.blocks])
        pending_title, titled_step = "", None
        for phase, block in section.blocks:
            if isinstance(block, Heading):
                titled_step = None
                if id(block) in step_titles:
                    pending_title = block.text
                    continue
                if groups[-1][1] or groups[-1][0] is not None:
                    groups.append((block.text, []))
                else:
                    groups[-1] = (block.text, [])
                continue
            steps = groups[-1][1]
            if isinstance(block, Table):
                if not self.read_table_anywhere(section, block, steps):
                    leftover.append(block)
                for table_phase in self.table_phases:
                    if groups[-1][1] or groups[-1][0] is not None:
                        groups.append(table_phase)
                    else:
                        groups[-1] = table_phase
                self.table_phases = []
                continue
            if isinstance(block, Image):
                if block.row is not None:
                    self.figure(block, self.table_row_steps.get(block.row))
                else:
                    self.figure(block, steps[-1] if steps else None)
                continue
            text = block.text
            label = _LEADING_LABEL.match(text)
            is_sub = isinstance(block, ListItem) and (block.level > top or (numbered and block.numbered is False))
            if steps and (is_sub or (label and isinstance(block, Paragraph))):
                _add_detail(steps[-1], text, label)
            elif pending_title and isinstance(block, Paragraph):
                steps.append(_step({"title": pending_title, "do": text}))
                pending_title, titled_step = "", steps[-1]
            elif titled_step is not None and isinstance(block, Paragraph):
                _add_detail(titled_step, text, None)
            elif isinstance(block, ListItem) or _TYPED_NUMBER.match(text) or not has_list:
                steps.append(_step(_titled(text, block.lead)))
            else:
                leftover.append(block)
        for phase, steps in groups:
            if steps:
                self.groups.append((phase, section.heading, steps))
            elif phase is not None:
                leftover.append(Paragraph(f"(a heading with no steps) {phase}", section.where))
        if any(steps for _, steps in groups):
            self.draft.came_from("steps", self.where(section))
        self.keep(section, leftover)

    def step_count(self) -> int:
        return sum(len(steps) for _, _, steps in self.groups)

    # ----------------------------------------------------------------- figures

    def figure(self, image: Image, step: dict | None) -> None:
        """Keep a picture as a figure; ``step`` is the step it belongs to, numbered when all steps are read."""
        self.figure_count += 1
        number = self.figure_count
        if image.data is None:
            self.draft.attention.append(f"picture {number} ({image.name}, {image.where}) was not imported: "
                                        f"{image.problem}")
            return
        extension = _image_type(image.data)
        if extension is None:
            self.draft.attention.append(f"picture {number} ({image.name}, {image.where}) is not a PNG, JPEG, GIF "
                                        f"or WebP image and was not imported; export it as PNG and add it to "
                                        f"'figures' yourself")
            return
        alt = image.alt
        if not alt:
            alt = f"Figure {number} from {self.source}"
            self.draft.attention.append(f"figure {len(self.draft.figures) + 1} has no description in the document; "
                                        f"replace its generated alt text with what the picture shows")
        figure = Figure(image.data, extension, alt, not image.alt, None, image.where, image.caption)
        self.draft.figures.append(figure)
        if step is not None:
            self.figure_steps.append((figure, step))

    # ----------------------------------------------------------------- the end

    def finish(self) -> None:
        draft = self.draft
        self.apply_control()
        title = self.outline.title or (self.control.get("title") or ("", ""))[0]
        if not self.outline.title and "title" in self.control:
            draft.came_from("title", f"document control at {self.control['title'][1]}")
        if not title:
            title = self.outline.source.stem.replace("_", " ").replace("-", " ").strip().capitalize()
            draft.came_from("title", "the file name")
            draft.attention.append("the document has no title or heading to take one from; the title was made "
                                   "from the file name")
        draft.fields["title"] = title
        if self.meta:
            draft.fields["meta"] = dict(self.meta)
        named = any(phase for phase, _, _ in self.groups)
        if named:
            draft.fields["steps"] = [{"phase": phase or heading, "steps": steps}
                                     for phase, heading, steps in self.groups]
        elif self.groups:
            draft.fields["steps"] = [step for _, _, steps in self.groups for step in steps]
        numbers = {id(step): number for number, step in enumerate(draft.steps_flat(), start=1)}
        for figure, step in self.figure_steps:
            figure.step = numbers.get(id(step))
        revisions = draft.fields.get("revisions")
        if revisions and len(revisions) > 1 and all("date" in entry for entry in revisions):
            dates = [entry["date"] for entry in revisions]
            if dates == sorted(dates) and dates[0] != dates[-1]:
                revisions.reverse()
                draft.attention.append("the revision history was oldest first; it is written newest first")

    def apply_control(self) -> None:
        for name in ("owner", "approved_by", "version", "effective", "review_by"):
            if name not in self.control:
                continue
            value, where = self.control[name]
            if name in ("effective", "review_by"):
                day = self.date(value, where)
                if day is None:
                    self.draft.keep("document control", where, [f"{name}: {value} (not read as a date)"])
                    continue
                self.draft.fields[name] = day
            elif name == "version":
                self.draft.fields[name] = _version(value)
            else:
                self.draft.fields[name] = value
            self.draft.came_from(name, f"document control at {where}")

    def date(self, text: str, where: str):
        try:
            day = self.dates.read(text)
        except DateRefused as refused:
            self.draft.refused.append(f"{self.source}, {where}: the date {refused}")
            return None
        if day is None:
            self.draft.attention.append(f"'{text}' at {where} is not a date sopgen can read; it was kept as a comment")
        return day


# --------------------------------------------------------------------------- helpers

def _step(record: dict) -> dict:
    step = {}
    if record.get("title"):
        step["title"] = record["title"]
    do = record.get("do", "")
    if "why" not in record:
        parts = _INLINE_WHY.split(do, maxsplit=1)
        if len(parts) == 2 and parts[0].strip() and parts[1].strip():
            do, record = parts[0].strip(), {**record, "why": _sentence(parts[1])}
    step["do"] = do
    for key in ("how", "why"):
        if record.get(key):
            step[key] = record[key]
    return step


def _titled(text: str, lead: str) -> dict:
    """A step whose paragraph starts with bold words ("**Greet the guest.** Look up …") has them as its title."""
    text = _TYPED_NUMBER.sub("", text, count=1)
    lead = _TYPED_NUMBER.sub("", lead, count=1)
    title = lead.strip(" .:–—-")
    if (not title or not text.startswith(lead) or _LEADING_LABEL.match(lead) or _NOT_A_TITLE.match(title)
            or len(title.split()) > 12):
        return {"do": text}
    rest = text[len(lead):].lstrip(" .:–—-")
    return {"title": title, "do": rest} if rest else {"do": text}


def _step_title_lines(blocks: list[Block]) -> set[int]:
    """The bold lines in a procedure that title the paragraph under them ("**Greet the guest**", then what
    to do), not a phase: nothing under them until the next heading is a list or a table."""
    titles = set()
    for number, block in enumerate(blocks):
        if not (isinstance(block, Heading) and block.bold_line):
            continue
        under = []
        for following in blocks[number + 1:]:
            if isinstance(following, Heading):
                break
            under.append(following)
        if (any(isinstance(item, Paragraph) for item in under)
                and not any(isinstance(item, (ListItem, Table)) for item in under)):
            titles.add(id(block))
    return titles


def _with_captions(blocks: list[Block]) -> list[Block]:
    """Join each caption to its picture: a caption paragraph, or one starting "Figure 2", just below a picture
    (or just above one, when none is below). A caption with no picture beside it is an ordinary paragraph."""
    joined: list[Block] = []
    for number, block in enumerate(blocks):
        labelled = isinstance(block, Paragraph) and _FIGURE_LABEL.match(block.text)
        if not (isinstance(block, Caption) or labelled):
            joined.append(block)
            continue
        before = joined[-1] if joined else None
        after = blocks[number + 1] if number + 1 < len(blocks) else None
        if isinstance(before, Image) and not before.caption:
            joined[-1] = replace(before, caption=_caption_text(block.text, before.alt))
        elif isinstance(after, Image) and not after.caption:
            blocks[number + 1] = replace(after, caption=_caption_text(block.text, after.alt))
        elif isinstance(block, Caption):
            joined.append(Paragraph(block.text, block.where))
        else:
            joined.append(block)
    return joined


def _caption_text(text: str, alt: str) -> str:
    """The caption without its "Figure 2:" label; nothing when it only repeats the picture's description."""
    caption = _FIGURE_LABEL.sub("", text, count=1).strip() or text
    return "" if caption.casefold() == alt.casefold() else caption


def _add_detail(step: dict, text: str, label) -> None:
    kind = label["label"].lower() if label else "how"
    key = "why" if kind in ("why", "reason", "because") else "how"
    detail = _sentence(text[label.end():]) if label and kind != "because" else text
    step[key] = f"{step[key]} {detail}" if key in step else detail
    if key == "how" and "why" in step:          # keep the keys in the order do, how, why
        step["why"] = step.pop("why")


def _sentence(text: str) -> str:
    """Text split off after a label ("Why: a key…") starts with a capital, as a sentence does."""
    text = text.strip()
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _extend(items: list, text: str) -> None:
    """A sub-item joins the item above it."""
    last = items[-1]
    if isinstance(last, str):
        items[-1] = f"{last} ({text})"
    else:
        key = next(iter(last))
        last[key] = f"{last[key]} ({text})"


def _with_why(key: str):
    def make(text: str) -> dict:
        parts = _INLINE_WHY.split(text, maxsplit=1)
        if len(parts) == 2 and parts[0].strip() and parts[1].strip():
            return {key: parts[0].strip(), "why": _sentence(parts[1])}
        return {key: text}
    return make


def _version(text: str) -> str:
    return _VERSION_WORDS.sub("", text.strip()).strip() or text.strip()


def _meta_key(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40]


def _label_pairs(table: Table, is_label) -> list[tuple[str, str]]:
    """A document-control table read as (label, value): label | value [| label | value] rows, or a header row
    of labels above one row of values, whichever reading finds more labels ``is_label`` knows."""
    rows = table.rows
    pairs = []
    for row in rows:
        if len(row) % 2:
            row = row + ("",)
        pairs.extend((row[i], row[i + 1]) for i in range(0, len(row), 2) if row[i])
    if len(rows) == 2 and len(rows[0]) == len(rows[1]) and len(rows[0]) > 2:
        over = [(label, value) for label, value in zip(rows[0], rows[1]) if label]
        if sum(map(is_label, (label for label, _ in over))) >= sum(map(is_label, (label for label, _ in pairs))):
            return over
    return pairs


def _image_type(data: bytes) -> str | None:
    for signature, extension in _SIGNATURES:
        if data.startswith(signature):
            return extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def _as_lines(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, ListItem):
        return ["  " * block.level + "- " + block.text]
    if isinstance(block, Heading):
        return [f"({'sub-' * (block.level > 1)}heading) {block.text}"]
    if isinstance(block, Table):
        return ["| " + " | ".join(row) + " |" for row in block.rows]
    if isinstance(block, Image):
        return [f"(picture {block.name}: {block.problem or 'kept'})"]
    return []
