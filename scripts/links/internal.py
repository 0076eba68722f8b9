"""LinkChecker crawls the built site itself: every internal link and #anchor on every page.

It runs on a copy of the site served on 127.0.0.1, with --no-robots and the AnchorCheck plugin;
we read its CSV output, never its exit code (1 on any warning).
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

LINKCHECKER_RC = """[checking]
threads=10
maxrequestspersecond=200
[filtering]
checkextern=0
[AnchorCheck]
"""


@dataclass
class InternalIssue:
    url: str
    page: str
    line: int | None
    reason: str


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


def served(site: Path):
    """Serve `site` on an ephemeral 127.0.0.1 port; returns (server, base URL)."""
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # LinkChecker hangs up early on purpose
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def parse_csv(text: str, base: str) -> list[InternalIssue]:
    """Errors and anchor warnings from LinkChecker's CSV output (';'-separated, '#' comments)."""
    rows = csv.DictReader(io.StringIO("\n".join(
        line for line in text.splitlines() if line and not line.startswith("#"))), delimiter=";")
    issues = []
    for row in rows:
        anchor = "anchor" in (row.get("warningstring") or "").lower()
        if row.get("valid") == "True" and not anchor:
            continue
        reason = (row.get("result") if row.get("valid") != "True" else row.get("warningstring"))
        issues.append(InternalIssue(
            url=site_path(row.get("url") or row.get("urlname") or "", base),
            page=site_path(row.get("parentname") or "", base),
            line=int(row["line"]) if (row.get("line") or "").isdigit() else None,
            reason=(reason or "invalid").split(". Available anchors")[0].strip()))
    return issues


def site_path(url: str, base: str) -> str:
    """http://127.0.0.1:PORT/python/#x → /python/#x (other URLs unchanged)."""
    if not url.startswith(base):
        return url
    parts = urlsplit(url)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


def check_internal(site: Path, timeout: float = 600) -> list[InternalIssue]:
    """Crawl the built site with LinkChecker and return the broken internal links and anchors."""
    with tempfile.TemporaryDirectory(prefix="linkchecker-") as temp:
        rc_file = Path(temp) / "linkcheckerrc"
        rc_file.write_text(LINKCHECKER_RC)
        # Run as root, LinkChecker switches to `nobody`, who must still read its config.
        Path(temp).chmod(0o755)
        rc_file.chmod(0o644)
        server, base = served(site)
        try:
            command = [sys.executable, "-m", "linkcheck", "--no-robots", "--no-status",
                       "-f", str(rc_file), "-o", "csv", base]
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        finally:
            server.shutdown()
            server.server_close()
    if done.returncode not in (0, 1):
        raise RuntimeError(f"linkchecker failed (exit {done.returncode}): {done.stderr[-2000:]}")
    return parse_csv(done.stdout, base)
