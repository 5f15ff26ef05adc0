"""The `sopgen` command's entry point: `sopgen --version` is answered before the CLI (and typer) is imported."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        print(f"sopgen {__version__}")
        return
    from .cli import main as run_cli

    run_cli()
