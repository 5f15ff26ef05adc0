"""Build speed: sopgen's PDF build of a library against WeasyPrint rendering the same HTML on its own,
and the HTML site of a large generated library.

Run:  python benchmarks/build.py [--project DIR] [--site-sops N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def time_it(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def pdf_overhead(project: Path) -> None:
    import weasyprint

    from sopgen.pipeline import _render, build, build_date
    from sopgen.project import load_project
    from sopgen.render.context import handbook_context
    from sopgen.render.environment import make_environment

    loaded = load_project(project)
    env = make_environment(loaded.config.templates_dir)
    context = handbook_context(loaded, build_date())
    pages = [_render(env, f"{name}.html", **context) for name in ("handbook", "checklists")]

    with tempfile.TemporaryDirectory() as out:
        whole = time_it(lambda: build(project, Path(out), ("pdf",)))
    alone = time_it(lambda: [weasyprint.HTML(string=html, base_url=str(project)).write_pdf() for html in pages])
    print(f"PDF build of {len(loaded.sops)} SOPs (handbook + checklists): sopgen {whole:.2f} s, "
          f"WeasyPrint alone on the same HTML {alone:.2f} s, ratio {whole / alone:.2f}x")


def site_speed(count: int) -> None:
    from lint import write_library

    from sopgen.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_library(root, count, 12)
        seconds = time_it(lambda: build(root, root / "build", ("html",)))
    print(f"HTML site of {count} SOPs: {seconds:.2f} s ({seconds / count * 1000:.2f} ms per SOP)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--site-sops", type=int, default=1000)
    args = parser.parse_args()
    pdf_overhead(args.project)
    site_speed(args.site_sops)


if __name__ == "__main__":
    main()
