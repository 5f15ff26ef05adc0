"""Aiken: multiple-choice questions as plain text, one line each, for Moodle and most LMSs.

    What do you do with a room that has been cancelled?
    A. Keep it booked in case the host changes their mind
    B. Release it straight away and offer it to anyone on the waiting list
    ANSWER: B

Aiken holds nothing but multiple choice, so open questions are skipped (and
said so), as are questions with more choices than there are letters. Markdown
is reduced to plain text and every entry kept to one line.
"""

from __future__ import annotations

import string

from .questions import QuizItem, Skipped, plain_text

LETTERS = string.ascii_uppercase


def aiken(items: list[QuizItem]) -> tuple[str, list[Skipped]]:
    blocks, skipped = [], []
    for item in items:
        q = item.question
        if not q.choices:
            skipped.append(Skipped(item.name, "an open question; Aiken holds only multiple-choice questions"))
            continue
        if len(q.choices) > len(LETTERS):
            skipped.append(Skipped(item.name, f"{len(q.choices)} choices; Aiken letters stop at Z"))
            continue
        lines = [plain_text(q.question)]
        lines += [f"{LETTERS[i]}. {plain_text(choice.text)}" for i, choice in enumerate(q.choices)]
        correct = next(i for i, choice in enumerate(q.choices) if choice.correct)
        lines.append(f"ANSWER: {LETTERS[correct]}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks), skipped
