"""A real HTTP server on 127.0.0.1 that answers the probes' requests from recorded answers.

Each answer is (status, body, content type) by request path; a test edits `answers` to make a
source change, vanish or answer garbage. `bases(server)` maps the probes' real origins to it.
"""

from __future__ import annotations

import http.server
import json
import threading
from contextlib import contextmanager

from support import free_port

Answer = tuple[int, str, str]


class ProbeServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.answers: dict[str, Answer] = {}
        self.cut_short: set[str] = set()  # paths whose answer stops before its Content-Length
        self.requests: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def text(self, path: str, body: str, status: int = 200, ctype: str = "text/plain"):
        self.answers[path] = (status, body, ctype)

    def json(self, path: str, data, status: int = 200):
        self.answers[path] = (status, json.dumps(data), "application/json")


class Handler(http.server.BaseHTTPRequestHandler):
    server: ProbeServer

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass

    def do_GET(self):  # noqa: N802 - name fixed by the base class
        self.server.requests.append(self.path)
        status, body, ctype = self.server.answers.get(self.path, (404, "not found", "text/plain"))
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        promised = len(data) + (1000 if self.path in self.server.cut_short else 0)
        self.send_header("Content-Length", str(promised))
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True


@contextmanager
def probe_server():
    server = ProbeServer()
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def bases(server: ProbeServer) -> dict[str, str]:
    """The probes' real origins, each under its own path on the local server."""
    return {"https://pypi.org": f"{server.url}/pypi.org",
            "https://raw.githubusercontent.com": f"{server.url}/raw",
            "https://endoflife.date": f"{server.url}/endoflife",
            "https://api.github.com": f"{server.url}/api.github",
            "https://docs.example": f"{server.url}/docs.example"}


def closed_port_url() -> str:
    """A 127.0.0.1 URL nothing listens on: a connection there is refused."""
    return f"http://127.0.0.1:{free_port()}"
