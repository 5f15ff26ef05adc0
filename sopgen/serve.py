"""`sopgen serve`: a local preview of the HTML site that rebuilds and reloads as you edit.

The site is rendered in memory and written to a temporary folder (never the
build folder), which the standard library's HTTP server serves. A watcher
thread polls the modification times of sopgen.yaml and the SOP and template
folders; each rebuild gets a new number, and a small script injected into every
page polls VERSION_PATH and reloads the page when the number changes. When the
library does not build, every page shows the problems instead; wording findings
are listed above the pages of a site that did build.
"""

from __future__ import annotations

import html
import ipaddress
import json
import os
import re
import shutil
import socket
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from .core.config import CONFIG_NAME
from .core.errors import SopgenError
from .core.figures import ASSETS
from .core.problems import Problem

POLL_SECONDS = 0.5
VERSION_PATH = "/__sopgen/version"
IDLE_SECONDS = 15          # a connection that sends nothing for this long is closed, freeing its thread

Log = Callable[[str], None]


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class BuildState:
    number: int
    ok: bool                        # the site was built; otherwise the problems say why not
    headline: str
    problems: tuple[Problem, ...]   # for a site that built: its wording findings


class Preview:
    """Builds the site into ``folder``/html and remembers the latest build."""

    def __init__(self, root: Path, folder: Path, log: Log = lambda message: None):
        self.root = root
        self.folder = folder
        self.log = log
        self.state = BuildState(0, False, "the site has not been built yet", ())
        self.watched = _watched_paths(root)  # before the first build, so that no change is missed
        self._lock = threading.Lock()

    @property
    def site(self) -> Path:
        return self.folder / "html"

    def rebuild(self) -> BuildState:
        with self._lock:
            started = time.perf_counter()
            state = self._build(self.state.number + 1)
            self.state = state  # published only once the files are in place
        took = f"{time.perf_counter() - started:.1f}s"
        if state.ok:
            self.log(f"build {state.number}: site rebuilt in {took}" +
                     (f", {len(state.problems)} wording finding(s) shown on the pages" if state.problems else ""))
        else:
            self.log(f"build {state.number}: {state.headline}; the pages show the problems")
        return state

    def _build(self, number: int) -> BuildState:
        """The site from one reading of the project: its wording findings, then its pages."""
        from .core.library import Library
        from .pipeline import lint, render_site
        from .render.write import write_outputs

        try:
            try:
                library = Library.open(self.root)
            except SopgenError:
                self.watched = _default_watched(self.root)
                raise
            self.watched = [self.root / CONFIG_NAME, library.config.sops_dir, library.config.templates_dir]
            linted = lint(self.root, library=library)
            if linted.invalid:
                errors = sum(not p.is_finding for p in linted.problems)
                return BuildState(number, False, f"{errors} problem(s) must be fixed before the site can be built",
                                  tuple(linted.problems))
            findings = tuple(linted.problems)
            files = render_site(library)
            write_outputs(self.folder, {name: inject(data, number, findings) if name.endswith(".html") else data
                                        for name, data in files.items()})
            return BuildState(number, True, "", findings)
        except SopgenError as error:
            return BuildState(number, False, str(error), tuple(error.problems))
        except Exception as error:  # a half-saved file must not stop the preview  # noqa: BLE001
            return BuildState(number, False, f"the build failed unexpectedly: {error!r}", ())


def _watched_paths(root: Path) -> list[Path]:
    from .core.project import load_config

    try:
        config = load_config(root)
    except SopgenError:
        return _default_watched(root)
    return [root / CONFIG_NAME, config.sops_dir, config.templates_dir, root / ASSETS]   # assets: the figures


def _default_watched(root: Path) -> list[Path]:
    """What to watch while sopgen.yaml cannot say which folders it names."""
    return [root / CONFIG_NAME, root / "sops", root / "templates", root / ASSETS]


def snapshot(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file under ``paths``, hidden files and editor backups aside."""
    seen: dict[str, tuple[int, int]] = {}

    def add(name: str) -> None:
        try:
            stat = os.stat(name)
        except OSError:
            return
        seen[name] = (stat.st_mtime_ns, stat.st_size)

    for path in paths:
        if path.is_dir():
            for folder, folders, files in os.walk(path):
                folders[:] = [name for name in folders if not name.startswith(".")]
                for name in files:
                    if not name.startswith(".") and not name.endswith("~"):
                        add(os.path.join(folder, name))
        else:
            add(str(path))
    return seen


# --------------------------------------------------------------------------- pages

_BANNER_STYLE = ("margin:0;padding:1rem 1.25rem;font:15px/1.45 system-ui,sans-serif;"
                 "background:#fff4e5;color:#3d2600;border-bottom:3px solid #c77700")


def reload_script(number: int) -> str:
    return (
        "<script>(function () {\n"
        f"  var built = {int(number)};\n"
        "  setInterval(function () {\n"
        f"    fetch({json.dumps(VERSION_PATH)}, {{cache: \"no-store\"}})\n"
        "      .then(function (response) { return response.json(); })\n"
        "      .then(function (state) { if (state.build !== built) location.reload(); })\n"
        "      .catch(function () {});\n"
        "  }, 500);\n"
        "})();</script>\n"
    )


def problems_banner(headline: str, problems: Iterable[Problem]) -> str:
    """The problems as ``file:line:col: code severity message`` lines, escaped."""
    items = []
    for p in problems:
        hint = f"<br><small>hint: {html.escape(p.hint)}</small>" if p.hint else ""
        items.append(f"<li><code>{html.escape(p.location())}</code>: {html.escape(p.code)} "
                     f"{p.severity.label} {html.escape(p.message)}{hint}</li>")
    listing = f"<ul>{''.join(items)}</ul>" if items else ""
    return (f'<aside id="sopgen-problems" role="alert" style="{_BANNER_STYLE}">'
            f"<strong>{html.escape(headline)}</strong>{listing}</aside>\n")


def inject(page: bytes, number: int, findings: tuple[Problem, ...]) -> bytes:
    """A built page with the wording findings above it and the reload script at its end."""
    text = page.decode("utf-8")
    if findings:
        banner = problems_banner(f"{len(findings)} wording finding(s) in the library", findings)
        opening = re.search(r"<body\b[^>]*>", text, re.IGNORECASE)
        at = opening.end() if opening else 0
        text = text[:at] + banner + text[at:]
    closing = text.lower().rfind("</body>")
    at = closing if closing >= 0 else len(text)
    return (text[:at] + reload_script(number) + text[at:]).encode("utf-8")


def problems_page(state: BuildState) -> bytes:
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>sopgen preview: the site did not build</title></head><body style=\"margin:0\">\n"
            + problems_banner(state.headline, state.problems)
            + reload_script(state.number) + "</body></html>\n").encode("utf-8")


# --------------------------------------------------------------------------- server


class _Handler(SimpleHTTPRequestHandler):
    """Serves the latest site, the build number, and the problems page while the site does not build."""

    def __init__(self, *args, preview: Preview, allow_remote: bool, **kwargs):
        self.preview = preview
        self.allow_remote = allow_remote
        self.timeout = IDLE_SECONDS
        super().__init__(*args, directory=str(preview.site), **kwargs)

    def do_GET(self) -> None:
        if not self._host_allowed():
            self.send_error(403, "the preview only answers requests for localhost")
            return
        if not self._path_allowed():
            return
        path = urlsplit(self.path).path
        state = self.preview.state
        if path == VERSION_PATH:
            self._send(json.dumps({"build": state.number, "ok": state.ok}).encode(), "application/json")
        elif not state.ok and (path.endswith("/") or path.endswith(".html")):
            self._send(problems_page(state), "text/html; charset=utf-8")
        else:
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._host_allowed():
            self.send_error(403, "the preview only answers requests for localhost")
            return
        if not self._path_allowed():
            return
        super().do_HEAD()

    def _path_allowed(self) -> bool:
        """A NUL or other control character in a path names no file; say so rather than fail."""
        from urllib.parse import unquote

        if any(ord(char) < 0x20 or ord(char) == 0x7F for char in unquote(urlsplit(self.path).path)):
            self.send_error(400, "the path holds a control character")
            return False
        return True

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _host_allowed(self) -> bool:
        """Refuse pages asked for under another name, so that a web page cannot rebind its name to us."""
        host = self.headers.get("Host")
        return self.allow_remote or not host or is_loopback(urlsplit(f"//{host}").hostname or "")


class _Server(ThreadingHTTPServer):
    """A deep listen queue, so that a burst of requests waits instead of being refused (the default is 5),
    and one line, not a traceback, for a request that fails."""

    request_queue_size = socket.SOMAXCONN
    log: Log = staticmethod(lambda message: None)

    def handle_error(self, request, client_address) -> None:
        import sys

        error = sys.exc_info()[1]
        self.log(f"a request from {client_address[0]} failed: {type(error).__name__}: {error}")


class _IPv6Server(_Server):
    address_family = socket.AF_INET6


class PreviewServer:
    """The preview: start() builds once, then serves and watches in threads until stop()."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 8000, *, allow_remote: bool = False,
                 poll: float = POLL_SECONDS, log: Log = lambda message: None):
        self.poll = poll
        self.folder = Path(tempfile.mkdtemp(prefix="sopgen-serve-"))
        self.preview = Preview(root, self.folder, log)
        server_class = _IPv6Server if ":" in host else _Server

        def handler(*args, **kwargs):
            return _Handler(*args, preview=self.preview, allow_remote=allow_remote, **kwargs)

        try:
            self.httpd = server_class((host.strip("[]"), port), handler)
            self.httpd.log = log
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"

    def start(self) -> "PreviewServer":
        seen = snapshot(self.preview.watched)
        self.preview.rebuild()
        self._threads = [
            threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2},
                             name="sopgen-serve", daemon=True),
            threading.Thread(target=self._watch, args=(seen,), name="sopgen-watch", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        return self

    def wait(self) -> None:
        """Block until the server stops (Ctrl+C raises KeyboardInterrupt here)."""
        while self._threads and self._threads[0].is_alive():
            self._threads[0].join(0.5)

    def stop(self) -> None:
        self._stopping.set()
        if self._threads:
            self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(5)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "PreviewServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _watch(self, seen: dict[str, tuple[int, int]]) -> None:
        while not self._stopping.wait(self.poll):
            current = snapshot(self.preview.watched)
            if current != seen:
                seen = current  # taken before the build, so that a save during it triggers another
                self.preview.rebuild()
