"""`sopgen --version` is answered before typer (and pydantic with it) is imported."""

from __future__ import annotations

import subprocess
import sys

from sopgen import __version__

VERSION_THEN_MODULES = ("import sys\nsys.argv = ['sopgen', '--version']\nfrom sopgen.entry import main\nmain()\n"
                        "print(sorted(m for m in ('typer', 'click', 'pydantic', 'sopgen.cli') if m in sys.modules))")


def test_version_is_answered_without_importing_the_cli():
    output = subprocess.run([sys.executable, "-c", VERSION_THEN_MODULES], capture_output=True, text=True).stdout
    assert output.splitlines() == [f"sopgen {__version__}", "[]"]


def test_python_dash_m_sopgen_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "sopgen", "rules"], capture_output=True, text=True)
    assert result.returncode == 0 and "SOP101" in result.stdout
