"""Build the site and serve it on 127.0.0.1: the one copy used by scripts and tests alike.

`mkdocs_serve` runs MkDocs' own live server and lets a caller wait for lines of its log.

`serve` behaves like a static host such as GitHub Pages: an unknown path answers 404 with the
site's own 404.html, and text types are gzipped when the client asks (as Lighthouse does).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml")


def project_env(project: Path) -> dict[str, str]:
    """The environment a build of `project` runs in: the project itself first on the import path.

    mkdocs.yml names our Markdown extensions by module (scripts.build.markup.*), and MkDocs loads
    them before it reads the hooks; a copy of the project must import its own, not ours.
    """
    path = os.pathsep.join(filter(None, [str(Path(project).resolve()),
                                         os.environ.get("PYTHONPATH")]))
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}


def mkdocs_build(project: Path, site_dir: Path, env: dict[str, str] | None = None,
                 timeout: int = 600) -> subprocess.CompletedProcess:
    """A strict `mkdocs build` of `project` into `site_dir`; the finished process, output kept."""
    full_env = {**project_env(project), **(env or {})}
    for name, value in (env or {}).items():
        if value is None:
            full_env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=full_env, capture_output=True, text=True, timeout=timeout,
    )


class ServerLog:
    """The lines a `mkdocs serve` process writes, read in a thread so they can be waited for."""

    def __init__(self, process: subprocess.Popen):
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=lambda: [self.lines.put(line)
                                                       for line in process.stderr], daemon=True)
        self.reader.start()

    def wait_for(self, pattern: str | re.Pattern, timeout: float = 300) -> re.Match:
        """The next line matching `pattern`; TimeoutError naming it if none comes in time."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if match := re.search(pattern, line):
                return match
        raise TimeoutError(f"mkdocs serve printed no {getattr(pattern, 'pattern', pattern)!r} "
                           f"within {timeout:.0f} s; run it by hand to see why")


@contextmanager
def mkdocs_serve(project: Path, *args: str) -> Iterator[ServerLog]:
    """`mkdocs serve` of `project` (extra arguments: -f, --dev-addr), stopped on the way out."""
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *args], cwd=project,
                               env=project_env(project),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log = ServerLog(process)
    try:
        yield log
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.reader.join(timeout=30)  # the log ends with the process; then its pipe can close
        process.stderr.close()


@functools.lru_cache(maxsize=256)
def gzipped_body(body: bytes) -> bytes:
    """The gzip of a file's bytes, made once: browser tests load the same files many times."""
    return gzip.compress(body, compresslevel=6)


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Files as they are; 404.html for unknown paths; gzip for text when asked."""

    def do_GET(self):  # noqa: N802 - name fixed by the base class
        self.answer(send_body=True)

    def do_HEAD(self):  # noqa: N802 - name fixed by the base class
        self.answer(send_body=False)

    def answer(self, send_body: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return self.redirect_to_folder()
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                return self.send_error(404)
        body = path.read_bytes()
        content_type = self.guess_type(str(path))
        gzipped = content_type.startswith(COMPRESSIBLE) and "gzip" in self.headers.get(
            "Accept-Encoding", "")
        if gzipped:
            body = gzipped_body(body)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def redirect_to_folder(self) -> None:
        path, _, query = self.path.partition("?")
        self.send_response(301)
        self.send_header("Location", path + "/" + (f"?{query}" if query else ""))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL (ending in '/')."""
    handler = functools.partial(StaticHost, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
