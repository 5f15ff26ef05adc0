"""How long the Markdown renderers take on hostile text, each at the largest size sopgen accepts.

    python benchmarks/markdown_bombs.py

Each line: the case, its size, and seconds for to_html (the site and PDFs) and
to_safe_markdown (build/md). Cases the validator refuses (see
sopgen/core/markdown_limits.py) are shown at the largest size it lets through.
"""

from __future__ import annotations

import time

from sopgen.core.markdown_limits import markdown_problem
from sopgen.render.markup import to_html, to_safe_markdown


def largest_accepted(unit: str, times: int) -> str:
    """``unit * n`` for the largest n up to ``times`` that the validator accepts."""
    low, high = 0, times
    while low < high:
        middle = (low + high + 1) // 2
        if markdown_problem(unit * middle) is None:
            low = middle
        else:
            high = middle - 1
    return unit * low


CASES = {
    "unclosed brackets": largest_accepted("[a ", 400_000),
    "unclosed link destinations": largest_accepted("[a](b ", 200_000),
    "'](' with no brackets": "](b" * 330_000,
    "']:' with no blanks": "]:a" * 330_000,
    "nested parentheses": "[a](" + "(" * 1_000_000,
    "2 brackets in 1 MB (the most)": "[a " * 2 + "x" * 999_000,
}


def main() -> None:
    for name, text in CASES.items():
        assert markdown_problem(text) is None or name.startswith("'"), name
        timings = []
        for render in (to_html, to_safe_markdown):
            started = time.perf_counter()
            render(text)
            timings.append(time.perf_counter() - started)
        print(f"{name:<30} {len(text):>9,} chars  to_html {timings[0]:6.2f}s  to_safe_markdown {timings[1]:6.2f}s")


if __name__ == "__main__":
    main()
