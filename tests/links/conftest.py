"""Fixtures for the link-checker tests: fault-injecting servers and a fast test config.

The config's timeouts are generous, so a loopback answer on a loaded machine is never taken
for a timeout; the tests that need timeouts to fire ask for `tight_check`.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from lc_server import FaultServer

from scripts.links.cli import main

FAST = """
user_agent = "linkcheck-tests/1.0 (+https://example.invalid/tests)"
concurrency = 16
per_host = 4
connect_timeout = 5.0
read_timeout = 5.0
attempt_deadline = 10.0
link_deadline = 30.0
retries = 2
backoff = 0.05
retry_after_cap = 2.0
max_body_bytes = 200000
max_redirects = 10
fragment_id_prefixes = ["user-content-"]
own_repo_url = "https://github.com/example-owner/our-guide"
archive_endpoint = "{plain}/wayback/available"

[[skip_fragment]]
pattern = "^scrollTo="
hosts = ["*"]
reason = "Colab scrolls to a cell in the browser"

[[skip_fragment]]
pattern = "="
hosts = ["*"]
reason = "key=value fragments are application state"

[[rule]]
name = "fake-medium"
kind = "bot-wall"
hosts = ["{walled}"]
reason = "stands in for medium.com's 403 to scripts"

[[rule]]
name = "cloudflare"
kind = "cloudflare"
hosts = ["*"]
reason = "a Cloudflare 403 is a bot challenge"

[[rule]]
name = "fake-colab"
kind = "colab-github"
hosts = ["{colab}"]
github_raw = "{plain}/raw"
reason = "Colab answers 200 for anything"

[[rule]]
name = "fake-youtube"
kind = "youtube-oembed"
hosts = ["{youtube}"]
endpoint = "{plain}/oembed"
reason = "removed videos still answer 200"

[[rule]]
name = "fake-tds"
kind = "suggest-on-404"
hosts = ["{tds}"]
suggest = "https://medium.com/towards-data-science{{path}}"
reason = "old TDS slugs live on at Medium"

[[rule]]
name = "fake-stack-exchange"
kind = "stackexchange-api"
hosts = ["{stack}"]
api = "{plain}/api"
reason = "Cloudflare blocks scripts; the API answers"

[[rule]]
name = "fake-arxiv"
kind = "polite"
hosts = ["{polite}"]
per_host = 1
min_interval = 0.3
reason = "arXiv asks for a gap between requests"
"""


@pytest.fixture(scope="session")
def servers():
    """Seven servers: one plain, the others stand in for hosts that carry a rule."""
    names = ["plain", "walled", "colab", "youtube", "tds", "stack", "polite"]
    running = {name: FaultServer().__enter__() for name in names}
    yield running
    for server in running.values():
        server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def plain(servers):
    return servers["plain"]


# For the timeout tests only: the slow routes answer after 2 s, the trickle never ends.
TIGHT = {"connect_timeout": "0.5", "read_timeout": "0.5", "attempt_deadline": "1.0",
         "link_deadline": "6.0"}


def write_project(folder: Path, servers, settings: dict[str, str] | None = None) -> Path:
    """A project: the test config (with `settings` replaced) and a notebooks/ folder."""
    (folder / "notebooks").mkdir()
    (folder / "notebooks" / "01-first.ipynb").write_text("{}")
    values = {name: server.netloc for name, server in servers.items()}
    values["plain"] = servers["plain"].base
    config = FAST.format(**values)
    for name, value in (settings or {}).items():
        config, found = re.subn(rf"(?m)^{name} = .*$", f"{name} = {value}", config)
        assert found == 1, name
    (folder / "linkcheck.toml").write_text(config)
    return folder


@pytest.fixture
def project(tmp_path, servers) -> Path:
    """A tmp project: the test config plus a notebooks/ folder standing in for our checkout."""
    return write_project(tmp_path, servers)


def write_site(site: Path, urls: list[str]) -> None:
    """A one-page built site that links every URL."""
    site.mkdir(parents=True, exist_ok=True)
    links = "".join(f'<a href="{html.escape(u)}">x</a>\n' for u in urls)
    (site / "index.html").write_text(f"<html><body>{links}</body></html>")


@pytest.fixture
def check(project):
    """Run the CLI on a site linking `urls`; return {url: JSON entry}."""
    return checker(project)


@pytest.fixture
def tight_check(tmp_path, servers):
    """`check` with timeouts short enough that the slow and trickling routes hit them."""
    return checker(write_project(tmp_path, servers, TIGHT))


def checker(project: Path):
    def run(*urls: str, extra: tuple[str, ...] = ()) -> dict[str, dict]:
        site, out = project / "site", project / "report.json"
        write_site(site, list(urls))
        code = main(["--site", str(site), "--config", str(project / "linkcheck.toml"),
                     "--json", str(out), "--fail-on", "none", *extra])
        assert code == 0
        return {e["url"]: e for e in json.loads(out.read_text())["results"]}

    return run


@pytest.fixture(scope="session")
def tls_server(tmp_path_factory):
    """An HTTPS server with a self-signed certificate (made with the openssl CLI)."""
    import http.server
    import shutil
    import ssl
    import subprocess
    import threading

    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.handle_error = lambda request, address: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
