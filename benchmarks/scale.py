"""How lint and the HTML site scale with the size of the library: 100, 1,000 and 10,000 generated SOPs.

Run:  python benchmarks/scale.py [--sizes 100,1000,10000] [--steps N]
Each measurement runs in a fresh process, which reports its time and peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(kind: str, root: Path) -> dict:
    """Run in the child process: one lint or one HTML build of the library at ``root``."""
    from sopgen.pipeline import build, lint

    start = time.perf_counter()
    if kind == "lint":
        lint(root)
    else:
        build(root, root / "build", ("html",), force=True)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss   # KiB on Linux
    return {"seconds": seconds, "peak_mib": peak_kib / 1024}


def in_child(kind: str, root: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", kind, str(root)], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], Path(args.child[1]))))
        return

    sys.path.insert(0, str(HERE))
    from lint import write_library

    print(f"{'SOPs':>6}  {'lint s':>8} {'ms/SOP':>7} {'peak MiB':>9}  {'html s':>8} {'ms/SOP':>7} {'peak MiB':>9}")
    for size in (int(n) for n in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_library(root, size, args.steps)
            linted, site = in_child("lint", root), in_child("html", root)
        print(f"{size:>6}  {linted['seconds']:8.2f} {linted['seconds'] / size * 1000:7.2f} {linted['peak_mib']:9.0f}  "
              f"{site['seconds']:8.2f} {site['seconds'] / size * 1000:7.2f} {site['peak_mib']:9.0f}")


if __name__ == "__main__":
    main()
