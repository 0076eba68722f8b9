"""A fault-injecting HTTP server on 127.0.0.1 for the link-checker tests."""

from __future__ import annotations

import contextlib
import html
import http.server
import json
import socket
import struct
import threading
import time
import uuid
from collections import Counter
from urllib.parse import parse_qs, urlsplit

HUGE = 50 * 1024 * 1024
CHUNK = 64 * 1024
PAGE = b"<!doctype html><html><head><title>t</title></head><body>%s</body></html>"


def key() -> str:
    """A fresh path segment, so the server's per-path hit counters start at zero."""
    return uuid.uuid4().hex[:8]


class State:
    """What the server saw: hits per path, request times, bytes sent per big body."""

    def __init__(self):
        self.hits: Counter = Counter()
        self.times: dict[str, list[float]] = {}
        self.sent: dict[str, int] = {}
        self.done: set[str] = set()
        self.github_files: set[str] = set()
        self.agents: set[str] = set()
        self.snapshots: dict[str, list[str]] = {}  # fake Wayback Machine: url -> timestamps
        self.archive_queries: list[dict[str, str]] = []
        self.lock = threading.Lock()

    def hit(self, path: str) -> int:
        with self.lock:
            self.hits[path] += 1
            self.times.setdefault(path, []).append(time.monotonic())
            return self.hits[path]


class FaultHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: State

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass

    def do_GET(self):  # noqa: N802 - name fixed by the base class
        parts = urlsplit(self.path)
        count = self.state.hit(parts.path)
        self.state.agents.add(self.headers.get("User-Agent", ""))
        route = parts.path.strip("/").split("/")[0].replace("-", "_").replace(".", "_")
        handler = getattr(self, "route_" + route, None) or self.route_default
        handler(parts, count)

    def send(self, status: int, body: bytes = b"", headers: dict | None = None,
             ctype: str = "text/html; charset=utf-8"):
        self.send_response(status)
        for key, value in {"Content-Type": ctype, **(headers or {})}.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def html(self, status: int, inner: str, headers: dict | None = None):
        self.send(status, PAGE % inner.encode(), headers)

    def redirect(self, status: int, location: str):
        self.send(status, b"", {"Location": location})

    def reset(self):
        """Abort the connection with a TCP RST."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def finish(self):
        with contextlib.suppress(OSError):  # the client may have hung up on purpose
            super().finish()

    def route_default(self, parts, count):
        self.html(200, "<h1>home</h1>" if parts.path == "/" else "<p>fine</p>")

    def route_status(self, parts, count):  # /status/404
        self.html(int(parts.path.split("/")[2]), "<p>status</p>")

    def route_fail_then_ok(self, parts, count):  # /fail-then-ok/<key>/<failures>
        failures = int(parts.path.split("/")[3])
        self.html(503 if count <= failures else 200, "<p>maybe</p>")

    def route_reset_then_ok(self, parts, count):  # /reset-then-ok/<key>/<failures>
        if count <= int(parts.path.split("/")[3]):
            return self.reset()
        self.html(200, "<p>back</p>")

    def route_slow_then_ok(self, parts, count):  # /slow-then-ok/<key>/<slow answers>
        if count <= int(parts.path.split("/")[3]):
            time.sleep(2.0)
        self.html(200, "<p>late</p>")

    def route_rate_limited(self, parts, count):  # /rate-limited/<key>/<retry-after>/<times>
        _, _, after, times = parts.path.strip("/").split("/")
        if count <= int(times):
            return self.html(429, "<p>slow down</p>", {"Retry-After": after})
        self.html(200, "<p>ok now</p>")

    def route_redirect(self, parts, count):  # /redirect/<status>?to=/target
        self.redirect(int(parts.path.split("/")[2]), parse_qs(parts.query)["to"][0])

    def route_titled(self, parts, count):  # /titled/<key>?title=T&h1=H: a live page
        query = parse_qs(parts.query)
        title = html.escape(query.get("title", ["A page"])[0])
        heading = html.escape(query.get("h1", ["A heading"])[0])
        body = (f"<!doctype html><html><head><title>{title}</title></head><body>"
                f"<svg><title>icon</title></svg><h1>{heading}</h1><p>text</p></body></html>")
        self.send(200, body.encode())

    def route_meta(self, parts, count):  # /meta?to=/target
        target = parse_qs(parts.query)["to"][0]
        self.html(200, f'<meta http-equiv="refresh" content="0; url={target}"><p>moved</p>')

    def route_loop(self, parts, count):  # /loop/a <-> /loop/b
        self.redirect(301, "/loop/b" if parts.path.endswith("/a") else "/loop/a")

    def route_cookie(self, parts, count):  # /cookie/<key>: bounce once to set a cookie
        if "seen=1" in (self.headers.get("Cookie") or ""):
            return self.html(200, "<p>welcome back</p>")
        bounce = {"Location": "/cookie-set" + parts.path, "Set-Cookie": "seen=1; Path=/"}
        self.send(302, b"", bounce)

    def route_cookie_set(self, parts, count):
        self.redirect(302, parts.path.removeprefix("/cookie-set"))

    def route_anchors(self, parts, count):
        ids = '<h2 id="intro">Intro</h2><a name="legacy"></a><h2 id="user-content-usage">x</h2>'
        self.html(200, ids)

    def route_robots_txt(self, parts, count):
        self.send(200, b"User-agent: *\nDisallow: /\n", ctype="text/plain")

    def route_huge(self, parts, count):  # /huge/<key>/<content type: bin|html>
        _, key, kind = parts.path.strip("/").split("/")
        ctype = "text/html" if kind == "html" else "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(HUGE))
        self.end_headers()
        self.stream(key, HUGE, CHUNK, 0.0)

    def route_trickle(self, parts, count):  # /trickle/<key>: one byte every 0.1 s
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.stream(parts.path.split("/")[2], 100000, 1, 0.1)

    def stream(self, key: str, total: int, size: int, pause: float):
        """Write a body generated on the fly, counting what actually left."""
        sent = 0
        try:
            while sent < total:
                self.wfile.write(b"<" + b"x" * (size - 1) if size > 1 else b"x")
                sent += size
                self.state.sent[key] = sent
                if pause:
                    time.sleep(pause)
        except OSError:
            self.close_connection = True
        finally:
            self.state.done.add(key)

    def route_forbidden(self, parts, count):  # /forbidden or /forbidden/cloudflare
        headers = {"Server": "cloudflare", "CF-RAY": "8a1b2c3d4e5f-FRA"} \
            if parts.path.endswith("cloudflare") else {}
        self.html(403, "<p>no</p>", headers)

    def route_oembed(self, parts, count):  # fake YouTube oEmbed
        url = parse_qs(parts.query)["url"][0]
        status = 401 if "private" in url else 200 if "alive" in url else 404
        self.send(status, json.dumps({"title": "v"}).encode(), ctype="application/json")

    def route_github(self, parts, count):  # fake Colab: a JS app, always 200
        self.html(200, "<div id='root'></div>")

    def route_raw(self, parts, count):  # fake raw.githubusercontent.com
        path = parts.path.removeprefix("/raw/")
        found = path in self.state.github_files
        self.send(200 if found else 404, b"{}" if found else b"404", ctype="text/plain")

    def route_questions(self, parts, count):  # a Stack Exchange page behind Cloudflare
        self.route_forbidden(urlsplit("/forbidden/cloudflare"), count)

    def route_api(self, parts, count):  # fake api.stackexchange.com/2.3/questions/<id>
        question = parts.path.rstrip("/").split("/")[-1]
        items = [{"question_id": int(question)}] if question == "1288672" else []
        self.send(200, json.dumps({"items": items}).encode(), ctype="application/json")


    def route_wayback(self, parts, count):  # fake availability API: /wayback/available
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with self.state.lock:
            self.state.archive_queries.append(query)
            stamps = sorted(self.state.snapshots.get(query["url"], []))
        answer = {"url": query["url"], "archived_snapshots": {}}
        if stamps:
            wanted = query.get("timestamp", "99999999999999").ljust(14, "0")
            stamp = min(stamps, key=lambda t: (abs(int(t) - int(wanted)), t))
            answer["archived_snapshots"]["closest"] = {
                "status": "200", "available": True, "timestamp": stamp,
                "url": f"http://web.archive.org/web/{stamp}/{query['url']}"}
        self.send(200, json.dumps(answer).encode(), ctype="application/json")

    def route_wayback_down(self, parts, count):  # an archive that is down
        self.send(503, b"<p>Service Unavailable</p>")


class FaultServer:
    """Runs FaultHandler on 127.0.0.1 (or another loopback address) on an ephemeral port."""

    def __init__(self):
        self.state = State()
        handler = type("Handler", (FaultHandler,), {"state": self.state})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.server.handle_error = lambda request, address: None
        self.netloc = f"127.0.0.1:{self.server.server_address[1]}"
        self.base = f"http://{self.netloc}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path
