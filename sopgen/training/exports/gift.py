"""Moodle GIFT: every knowledge-check question, for import into a Moodle question bank.

Multiple-choice questions list the right answer with `=` and the others with
`~`. Open questions become *essay* questions, with the SOP's answer as general
feedback: the answers are written to be given in a colleague's own words, and
a short-answer question would mark anything but the exact wording wrong.

Text is Markdown, marked `[markdown]`. GIFT's special characters ~ = # { } :
and the backslash are escaped with a backslash, and line breaks written as \\n,
as Moodle's own exporter does.
"""

from __future__ import annotations

from .questions import QuizItem, one_line

_SPECIAL = str.maketrans({"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:",
                          "\n": "\\n", "\r": ""})


def escape(text: str) -> str:
    """Text made safe inside a GIFT question: special characters escaped, line breaks as \\n."""
    return text.strip().translate(_SPECIAL)


def category_name(text: str) -> str:
    """A category path segment: '/' separates levels in GIFT, so it cannot appear inside one."""
    return one_line(text).replace("/", "-")


def question(item: QuizItem) -> str:
    q = item.question
    head = f"::{escape(item.name)}::[markdown]{escape(q.question)}"
    if q.choices:
        answers = "".join(f"\t{'=' if choice.correct else '~'}{escape(choice.text)}\n" for choice in q.choices)
        return f"{head}{{\n{answers}}}\n"
    return f"{head}{{####{escape(q.answer or '')}}}\n"


def gift(items: list[QuizItem], course: str) -> str:
    lines = [
        f"// {one_line(course)}: knowledge-check questions exported by sopgen.",
        "// Open questions are essays for a trainer to mark; the SOP's answer is their general feedback.",
        "",
    ]
    category = None
    for item in items:
        if item.category != category:
            category = item.category
            lines += [f"$CATEGORY: $course$/top/{category_name(course)}/{category_name(category)}", ""]
        lines.append(f"// {item.sop.id}, question {item.number}: {one_line(item.sop.title)}")
        lines.append(question(item))
    return "\n".join(lines)
