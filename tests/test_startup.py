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


LINT_THEN_MODULES = ("import sys\nsys.argv = ['sopgen', 'lint', 'sops/door/welcome-arrivals.yaml']\n"
                     "from sopgen.entry import main\n"
                     "try:\n    main()\nexcept SystemExit as stop:\n    print('exit', stop.code)\n"
                     "print(sorted(m for m in ('typer', 'click', 'pydantic', 'rich', 'sopgen.cli', 'jinja2', "
                     "'markdown', 'weasyprint', 'pygls') if m in sys.modules))")


def test_lint_runs_without_importing_typer_pydantic_or_the_renderers(make_project):
    output = subprocess.run([sys.executable, "-c", LINT_THEN_MODULES], capture_output=True, text=True,
                            cwd=make_project()).stdout
    assert output.splitlines()[-2:] == ["exit 0", "[]"], output


def test_lint_help_comes_from_the_same_parser_either_way(make_project):
    fast = subprocess.run([sys.executable, "-m", "sopgen", "lint", "--help"], capture_output=True, text=True)
    through_typer = subprocess.run([sys.executable, "-c", "from sopgen.cli import app\napp(['lint', '--help'])"],
                                   capture_output=True, text=True)
    assert fast.returncode == through_typer.returncode == 0
    assert fast.stdout == through_typer.stdout and "--stdin-filename PATH" in fast.stdout
