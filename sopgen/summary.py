"""The few lines printed at the end of a build."""

from __future__ import annotations

from collections import Counter

from .core.project import display_path
from .pipeline import BuildResult


def build_summary(result: BuildResult) -> str:
    total = sum(result.sops_per_touchpoint.values())
    current = f", {len(result.unchanged)} of them already up to date" if result.unchanged else ""
    lines = [f"Built {len(result.written)} files in {display_path(result.out)} from {total} SOPs{current}:"]
    shown = {"handbook.pdf", "checklists.pdf", "html/index.html"}
    for path in result.written:
        relative = path.relative_to(result.out).as_posix()
        if relative in shown:
            lines.append(f"  {display_path(path)}")
    pages = sum(1 for p in result.written if p.parent.name == "html" and p.suffix == ".html")
    markdown = sum(1 for p in result.written if p.parent.name == "md")
    if pages:
        lines.append(f"  {display_path(result.out / 'html')}/  ({pages} pages)")
    if markdown:
        lines.append(f"  {display_path(result.out / 'md')}/  ({markdown} Markdown files)")
    programmes: dict[str, list[str]] = {}
    for path in result.written:
        parts = path.relative_to(result.out).parts
        if len(parts) == 3 and parts[0] == "programmes":
            programmes.setdefault(parts[1], []).append(parts[2])
    for programme, names in programmes.items():
        lines.append(f"  {display_path(result.out / 'programmes' / programme)}/  ({', '.join(names)})")
    lines.append("SOPs per touchpoint: " + ", ".join(f"{tp} {n}" for tp, n in result.sops_per_touchpoint.items()))
    if result.left_out:
        lines.append(f"Left out as retired: {', '.join(result.left_out)}")
    if result.drafts_left_out:
        lines.append(f"Left out as drafts: {', '.join(result.drafts_left_out)} (build with --review-copy to "
                     "include them, marked DRAFT)")
    if result.warnings:
        lines.append(f"{len(result.warnings)} warning(s):")
        lines += [f"  warning: {w}" for w in result.warnings]
    elif not result.findings:
        lines.append("No warnings.")
    if result.findings:
        lines.append(_findings_line(result.findings))
    return "\n".join(lines)


def _findings_line(findings) -> str:
    """How many wording findings the library has, by severity, and where to see them."""
    counts = Counter(problem.severity for problem in findings)
    parts = [f"{counts[severity]} {severity.label}{'s' if counts[severity] != 1 and severity.label != 'info' else ''}"
             for severity in sorted(counts, reverse=True)]
    total = len(findings)
    return (f"Wording: {total} finding{'' if total == 1 else 's'} in the library ({', '.join(parts)}); "
            "`sopgen check` shows where.")
