"""`sopgen import PATH…`: each document read, mapped and written as a draft SOP, with its report.

A file that cannot be imported (unreadable, ambiguous dates, its SOP file or id already there)
is refused with a message naming it; the others are still imported, and the command exits 2
at the end. Nothing is ever overwritten, and nothing is written outside the project.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import OutputError, UsageError

DOCX, MARKDOWN = (".docx",), (".md", ".markdown")
READABLE = DOCX + MARKDOWN
INSTALL = 'pip install "sopgen[import]"'
_CONVERT = {
    ".pdf": "PDF files are not imported: a PDF keeps no headings, lists or tables to map to fields. Open the "
            "original in Word or Google Docs and save it as .docx (File > Download > Microsoft Word), or open the "
            "PDF in Word, which converts it, and save that as .docx; then import the .docx",
    ".doc": "old Word files (.doc) are not read; open it in Word and save it as a Word Document (.docx), "
            "then import the .docx",
    ".odt": "OpenDocument files are not read; save it as .docx (File > Save As > Word), then import the .docx",
    ".rtf": "RTF files are not read; save it as .docx, then import the .docx",
    ".txt": "plain text files are not read; rename it to .md if it is Markdown, or save it as .docx",
}


@dataclass
class ImportOutcome:
    reports: list[str] = field(default_factory=list)       # one per file imported, in order
    refused: list[str] = field(default_factory=list)       # one message per file refused
    imported: int = 0
    failed: int = 0
    folder: Path | None = None

    def refuse(self, *messages: str) -> None:
        """One document (or path) not imported, for the reasons given."""
        self.refused.extend(messages)
        self.failed += 1


def run_import(start: Path, paths: list[Path], into: str | None = None, mapping_file: Path | None = None,
               date_format: str | None = None, today: dt.date | None = None, lint: bool = True,
               echo=lambda text: None) -> ImportOutcome:
    """Import each document in ``paths`` (files, or folders searched for .docx and .md) into the project."""
    from ..core.project import find_root, load_config
    from .dates import DateReader
    from .mapping import load_mapping

    config = load_config(find_root(start))
    touchpoint, folder = _target_folder(config, into)
    mapping = load_mapping(mapping_file)
    dates = DateReader(_checked_format(date_format))
    outcome = ImportOutcome(folder=folder)
    documents = _documents(paths, outcome)
    _require_readers(documents)
    taken_ids = _ids_in_use(config)
    for document in documents:
        report = _import_one(document, config, touchpoint, folder, mapping, dates, taken_ids,
                             today or dt.date.today(), lint, outcome)
        if report:
            outcome.reports.append(report)
            echo(report)
    return outcome


def _target_folder(config, into: str | None) -> tuple[str, Path]:
    from ..core.schema import did_you_mean

    known = [t.id for t in config.journey]
    sops = config.sops_dir
    if into is None:
        if len(known) == 1:
            return known[0], sops / known[0]
        raise UsageError(f"say which touchpoint the SOPs belong to with --into {config.sops}/TOUCHPOINT "
                         f"(one of: {', '.join(known)})")
    given = Path(into)
    if not given.is_absolute() and len(given.parts) == 1 and config.touchpoint(into):
        folder = sops / into
    else:
        folder = given if given.is_absolute() else Path.cwd() / given
        if not folder.resolve().is_relative_to(sops.resolve()) or folder.resolve() == sops.resolve():
            raise UsageError(f"--into {into} is not a touchpoint's folder under {config.sops}/; "
                             f"write it as {config.sops}/TOUCHPOINT (one of: {', '.join(known)})")
    touchpoint = folder.resolve().relative_to(sops.resolve()).parts[0] if folder.resolve() != sops.resolve() else into
    if config.touchpoint(touchpoint) is None:
        raise UsageError(f"--into {into}: touchpoint '{touchpoint}' is not in the journey"
                         f"{did_you_mean(touchpoint, known)}; use one of: {', '.join(known)} "
                         f"(or add it to the journey in sopgen.yaml)")
    return touchpoint, sops / folder.resolve().relative_to(sops.resolve())


def _checked_format(date_format: str | None) -> str | None:
    if date_format is None:
        return None
    sample = dt.date(2026, 3, 14)
    try:
        if dt.datetime.strptime(sample.strftime(date_format), date_format).date() != sample:
            raise ValueError(date_format)
    except ValueError:
        raise UsageError(f"--date-format '{date_format}' does not name a day, a month and a year; write it "
                         f"like %d/%m/%Y (day first) or %m/%d/%Y (month first)") from None
    return date_format


def _documents(paths: list[Path], outcome: ImportOutcome) -> list[Path]:
    from ..core.project import display_path

    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix.lower() in READABLE and p.is_file()
                            and not p.name.startswith(("~$", ".")))
            if not inside:
                outcome.refuse(f"{display_path(path)}: no .docx or .md files in this folder")
            found.extend(inside)
        elif not path.is_file():
            outcome.refuse(f"{display_path(path)}: no such file")
        elif path.suffix.lower() in READABLE:
            found.append(path)
        else:
            advice = _CONVERT.get(path.suffix.lower(), "only Word (.docx) and Markdown (.md) files are imported; "
                                                       "save it as .docx, then import the .docx")
            outcome.refuse(f"{display_path(path)}: {advice}")
    return list(dict.fromkeys(found))


def _require_readers(documents: list[Path]) -> None:
    """Stop before anything is written when a reader the documents need is not installed."""
    suffixes = {path.suffix.lower() for path in documents}
    if suffixes & set(DOCX):
        try:
            import docx  # noqa: F401
        except ImportError:
            raise UsageError(f"reading Word files needs python-docx, which is not installed; install it with "
                             f"{INSTALL}, then run the import again") from None
    if suffixes & set(MARKDOWN):
        try:
            import markdown_it  # noqa: F401
        except ImportError:
            raise UsageError(f"reading Markdown files needs markdown-it-py, which is not installed; install it "
                             f"with {INSTALL}, then run the import again") from None


def _ids_in_use(config) -> dict[str, Path]:
    from ..core.project import discover, load_sop

    taken = {}
    for path in discover(config)[0]:
        sop, _ = load_sop(path, config)
        if sop is not None and sop.id:
            taken[sop.id] = path
    return taken


def _import_one(document: Path, config, touchpoint: str, folder: Path, mapping, dates, taken_ids: dict,
                today: dt.date, lint: bool, outcome: ImportOutcome) -> str | None:
    from ..authoring.new_sop import slugify
    from ..core.project import display_path
    from .coverage import coverage_report
    from .interpret import interpret

    shown = display_path(document)
    try:
        outline = _read(document)
    except _Unreadable as unreadable:
        outcome.refuse(f"{shown}: {unreadable}")
        return None
    draft = interpret(outline, mapping, dates)
    if draft.refused:
        outcome.refuse(*draft.refused, f"{shown}: not imported because of the date(s) above; nothing was written "
                                       f"for it")
        return None
    slug = slugify(draft.fields["title"]) or slugify(document.stem) or "imported"
    sop_id = f"{touchpoint}-{slug}"
    target = folder / f"{slug}.yaml"
    if target.exists() or target.is_symlink():
        outcome.refuse(f"{shown}: {display_path(target)} already exists; it was left as it was. Move it "
                               f"away or rename it to import this document again")
        return None
    if sop_id in taken_ids:
        outcome.refuse(f"{shown}: the id '{sop_id}' is already used by {display_path(taken_ids[sop_id])}; "
                               f"change the document's title or that SOP's id, then import it again")
        return None
    try:
        figure_files, written = _write_figures(config.root, touchpoint, slug, draft)
    except OutputError as error:
        outcome.refuse(f"{shown}: {error}")
        return None
    fields = _fields(draft, sop_id, touchpoint, figure_files)
    from .yaml_text import sop_yaml
    header = [f"Imported by `sopgen import` from {document.name} on {today.isoformat()}.",
              "A draft: check every field against the document, replace each TODO, then run `sopgen check`."]
    text = sop_yaml(fields, draft, header)
    relative = target.relative_to(config.root).as_posix()
    try:
        from ..render.write import create_file_atomically

        create_file_atomically(config.root, relative, text.encode("utf-8"))
    except OutputError as error:
        _remove(config.root, written)
        outcome.refuse(f"{shown}: {error}")
        return None
    taken_ids[sop_id] = target
    outcome.imported += 1
    report = coverage_report(shown, display_path(target), sop_id, fields, draft, figure_files)
    if lint:
        report += _lint_findings(config.root, target)
    return report


class _Unreadable(Exception):
    pass


def _read(document: Path):
    suffix = document.suffix.lower()
    try:
        if suffix in DOCX:
            from .docx_reader import UnreadableDocument, read_docx
            try:
                return read_docx(document)
            except UnreadableDocument as error:
                raise _Unreadable(str(error)) from None
        from .markdown_reader import UnreadableMarkdown, read_markdown
        try:
            return read_markdown(document)
        except UnreadableMarkdown as error:
            raise _Unreadable(str(error)) from None
    except OSError as error:
        raise _Unreadable(f"cannot be read: {error.strerror or error}") from None


def _fields(draft, sop_id: str, touchpoint: str, figure_files: list[str]) -> dict:
    from .yaml_text import PLACEHOLDER

    found = draft.fields
    fields = dict(found)
    fields.update(id=sop_id, touchpoint=touchpoint, status="draft")
    fields["version"] = found.get("version") or "0.1"
    if not found.get("owner"):
        fields["owner"] = PLACEHOLDER
        draft.attention.insert(0, "owner: not found in the document; written as TODO. Write the role that owns "
                                  "this SOP")
    if not found.get("purpose"):
        fields["purpose"] = PLACEHOLDER
        draft.attention.insert(0, "purpose: not found in the document; written as TODO. Say why this SOP exists, "
                                  "for the guest")
    if not found.get("steps"):
        fields["steps"] = [{"do": PLACEHOLDER, "_todo": "TODO: no steps were found in the document; write them"}]
        draft.attention.insert(0, "steps: none found in the document (no list or What/How/Why table under a "
                                  "procedure heading); written as one TODO step")
    else:
        for step in draft.steps_flat():
            if not step.get("why"):
                step["_todo"] = "why: TODO (the document gives no reason for this step)"
    if figure_files:
        fields["figures"] = []
        for figure, file in zip(draft.figures, figure_files):
            entry = {"file": file, "alt": figure.alt}
            if figure.caption:
                entry["caption"] = figure.caption
            if figure.step:
                entry["step"] = figure.step
            if figure.alt_generated:
                entry["_todo"] = "TODO: the alt text above was generated; describe what the picture shows"
            fields["figures"].append(entry)
    return fields


def _write_figures(root: Path, touchpoint: str, slug: str, draft) -> tuple[list[str], list[str]]:
    """Write each figure to assets/<touchpoint>/: the names of all, and of those written now.

    A file already there with the same picture is used as it is; one with another refuses the document.
    """
    from ..render.write import create_file_atomically

    names = [f"assets/{touchpoint}/{slug}-figure-{number}.{figure.extension}"
             for number, figure in enumerate(draft.figures, start=1)]
    for name, figure in zip(names, draft.figures):
        existing = root / name
        if (existing.exists() or existing.is_symlink()) and (existing.is_symlink() or
                                                             existing.read_bytes() != figure.data):
            raise OutputError(f"{name} already exists with another picture; it was left as it was. Move it away "
                              f"to import this document again")
    written = []
    try:
        for name, figure in zip(names, draft.figures):
            if not (root / name).exists():
                create_file_atomically(root, name, figure.data)
                written.append(name)
    except OutputError:
        _remove(root, written)
        raise
    return names, written


def _remove(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).unlink(missing_ok=True)


def _lint_findings(root: Path, target: Path) -> str:
    from ..pipeline import lint
    from ..core.problems import Summary
    from ..formats.report import format_text

    result = lint(root, [target])
    text = format_text(result.problems, Summary.of(result.problems, result.files), color=False)
    return "  lint:\n" + "".join(f"    {line}\n" for line in text.splitlines())
