"""The coverage report of one import: what went where, what was kept as comments, what needs a person."""

from __future__ import annotations

from .draft import Draft


def coverage_report(source: str, target: str, sop_id: str, fields: dict, draft: Draft,
                    figure_files: list[str]) -> str:
    lines = [f"{source} -> {target} (id {sop_id}, status draft)"]
    width = max([len(name) for name, _ in draft.coverage] + [len("figures")])
    for name in _in_order(draft):
        origins = [origin for field_name, origin in draft.coverage if field_name == name]
        lines.append(f"  {name:<{width}}  {_count(name, fields)}from {'; '.join(origins)}")
    if figure_files:
        lines.append(f"  {'figures':<{width}}  {len(figure_files)}: {', '.join(figure_files)}")
    if draft.kept:
        kept = ", ".join(f'"{kept.heading}" ({_plural(len(kept.lines), "line")})' for kept in draft.kept)
        lines.append(f"  kept as comments at the end of the file: {kept}")
    attention = draft.attention + _missing_reasons(fields)
    if attention:
        lines.append("  needs your attention:")
        lines.extend(f"    - {item}" for item in attention)
    else:
        lines.append("  needs your attention: nothing found; still read it through against the document")
    return "\n".join(lines) + "\n"


def _in_order(draft: Draft) -> list[str]:
    from .yaml_text import ORDER

    named = {name for name, _ in draft.coverage}
    return [name for name in ORDER if name in named]


def _count(name: str, fields: dict) -> str:
    value = fields.get(name)
    if name == "steps" and isinstance(value, list):
        if value and "phase" in value[0]:
            total = sum(len(phase["steps"]) for phase in value)
            return f"{_plural(total, 'step')} in {_plural(len(value), 'phase')}, "
        return f"{_plural(len(value), 'step')}, "
    if isinstance(value, list) and name != "figures":
        return f"{len(value)}, "
    return ""


def _missing_reasons(fields: dict) -> list[str]:
    needs = []
    steps = fields.get("steps") or []
    flat = [step for phase in steps for step in phase["steps"]] if steps and "phase" in steps[0] else steps
    if flat and flat[0].get("do") != "TODO":
        missing = [number for number, step in enumerate(flat, start=1) if not step.get("why")]
        if missing:
            needs.append(f"needs a why: {_numbers('step', missing)} of {len(flat)} "
                         f"(say what each does for the guest, or what goes wrong without it)")
    for name, noun, wanted in (("safety", "safety note", ("why",)), ("standards", "standard", ("target", "why"))):
        for number, item in enumerate(fields.get(name) or [], start=1):
            absent = [key for key in wanted if not item.get(key)]
            if absent:
                needs.append(f"{noun} {number} needs {' and '.join(f'a {key}' for key in absent)}")
    return needs


def _numbers(noun: str, numbers: list[int]) -> str:
    shown = [str(number) for number in numbers]
    if len(shown) == 1:
        return f"{noun} {shown[0]}"
    return f"{noun}s {', '.join(shown[:-1])} and {shown[-1]}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
