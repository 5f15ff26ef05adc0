"""Start-up time of the `sopgen` command: --version, --help and lint of one file, against `python -c pass`.

Run:  python benchmarks/startup.py [--repeat N]
Each command runs in a fresh process; the best of N runs is shown, with its ratio to bare Python.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOPGEN = [sys.executable, "-m", "sopgen"]
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "sopgen --version": [*SOPGEN, "--version"],
    "sopgen --help": [*SOPGEN, "--help"],
    "sopgen lint <one file>": [*SOPGEN, "lint", "sops/door/welcome-arrivals.yaml"],
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
    timings = {name: best_of(args.repeat, command) for name, command in COMMANDS.items()}
    bare = timings["python -c pass"]
    for name, seconds in timings.items():
        print(f"{name:<30} {seconds * 1000:7.1f} ms  {seconds / bare:5.1f}x python -c pass")


if __name__ == "__main__":
    main()
