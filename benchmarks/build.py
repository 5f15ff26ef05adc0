"""Build speed: full, unchanged and one-SOP-changed builds; PDFs in parallel against one at a time;
sopgen's PDF build against WeasyPrint rendering the same HTML on its own; the HTML site of a large
generated library.

Run:  python benchmarks/build.py [--project DIR] [--site-sops N] [--skip-overhead]
"""

from __future__ import annotations

import argparse
import os
import shutil
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

    from sopgen.pipeline import build, build_date, load_project
    from sopgen.render.context import handbook_context
    from sopgen.render.renderer import Renderer

    loaded = load_project(project)
    renderer = Renderer(loaded.config)
    context = handbook_context(loaded, build_date())
    pages = [renderer.html(f"{name}.html", **context) for name in ("handbook", "checklists")]

    with tempfile.TemporaryDirectory() as out:
        whole = time_it(lambda: build(project, Path(out), ("pdf",), jobs=1))
    alone = time_it(lambda: [weasyprint.HTML(string=html, base_url=str(project)).write_pdf() for html in pages])
    print(f"PDF build of {len(loaded.sops)} SOPs (handbook + checklists): sopgen {whole:.2f} s, "
          f"WeasyPrint alone on the same HTML {alone:.2f} s, ratio {whole / alone:.2f}x")


def copy_project(project: Path, destination: Path) -> Path:
    """The project's own files, without its build folder, so the benchmark can change an SOP."""
    shutil.copytree(project, destination, ignore=shutil.ignore_patterns("build", ".git", "*.pyc", "__pycache__",
                                                                        ".venv", "venv", "benchmarks", "tests"))
    return destination


def incremental(project: Path) -> None:
    from sopgen.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        root = copy_project(project, Path(tmp) / "project")
        out = root / "build"
        serial = time_it(lambda: build(root, out, jobs=1, force=True))
        full = time_it(lambda: build(root, out, force=True))
        unchanged = time_it(lambda: build(root, out))
        sop = sorted((root / "sops").rglob("*.yaml"))[0]
        sop.write_text(sop.read_text(encoding="utf-8").replace("why: ", "why: Above all, ", 1), encoding="utf-8")
        results = []
        one_changed = time_it(lambda: results.append(build(root, out)))
        rewritten = sorted(str(path.relative_to(out)) for path in set(results[0].written) - set(results[0].unchanged))
    cores = os.cpu_count()
    print(f"Full build, --jobs 1: {serial:.2f} s; --jobs {cores} (default): {full:.2f} s; "
          f"speed-up {serial / full:.2f}x")
    print(f"Unchanged rebuild: {unchanged:.2f} s, {unchanged / full:.1%} of a full build")
    print(f"One SOP changed ({sop.name}): {one_changed:.2f} s, {one_changed / full:.1%} of a full build; "
          f"rewrote {', '.join(rewritten)}")


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
    parser.add_argument("--skip-overhead", action="store_true", help="skip the comparison with WeasyPrint alone")
    args = parser.parse_args()
    incremental(args.project)
    if not args.skip_overhead:
        pdf_overhead(args.project)
    site_speed(args.site_sops)


if __name__ == "__main__":
    main()
