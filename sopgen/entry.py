"""The `sopgen` command's entry point: `sopgen --version` and `sopgen lint` run before the CLI (and typer,
with pydantic and click) is imported, since pre-commit and editors start them again and again."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        print(f"sopgen {__version__}")
        return
    if sys.argv[1:2] == ["lint"]:
        from .findings_cli import lint_main

        lint_main(sys.argv[2:])
    from .cli import main as run_cli

    run_cli()
