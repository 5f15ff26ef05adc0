"""Start-up time of the `sopgen` command, side by side with yamllint on the same file.

Run:  python benchmarks/startup.py [--repeat N]
Each command runs in a fresh process, the way pre-commit and editors start it; the best of N runs
is shown, with its ratio to bare Python and, for lint, to yamllint on the same file (the aim:
within 1.5x). yamllint is left out, with a note, when it is not installed (pip install yamllint).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ONE_FILE = "sops/door/welcome-arrivals.yaml"
BIN = Path(sys.executable).parent
SOPGEN = [str(BIN / "sopgen")] if (BIN / "sopgen").exists() else [sys.executable, "-m", "sopgen"]
YAMLLINT = str(BIN / "yamllint") if (BIN / "yamllint").exists() else shutil.which("yamllint")
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "sopgen --version": [*SOPGEN, "--version"],
    "sopgen --help": [*SOPGEN, "--help"],
    "sopgen lint <one file>": [*SOPGEN, "lint", ONE_FILE],
    "yamllint <one file>": [YAMLLINT, ONE_FILE] if YAMLLINT else None,
    "import typer (for reference)": [sys.executable, "-c", "import typer"],
}


def best_of(repeat: int, command: list[str]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    timings = {name: best_of(args.repeat, command) for name, command in COMMANDS.items() if command}
    bare = timings["python -c pass"]
    for name, seconds in timings.items():
        print(f"{name:<30} {seconds * 1000:7.1f} ms  {seconds / bare:5.1f}x python -c pass")
    if "yamllint <one file>" in timings:
        ratio = timings["sopgen lint <one file>"] / timings["yamllint <one file>"]
        print(f"\nsopgen lint / yamllint on {ONE_FILE}: {ratio:.2f}x (aim: within 1.5x)")
    else:
        print("\nyamllint is not installed (pip install yamllint), so there is nothing to compare lint with")


if __name__ == "__main__":
    main()
