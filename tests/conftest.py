"""Shared fixtures: one strict build of the site per test session, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from support import ROOT, run_mkdocs_build


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """Serve an empty folder first, so the build can use the server's real port as site_url."""
    site_dir = tmp_path_factory.mktemp("served") / "site"
    site_dir.mkdir()
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    yield base_url, site_dir
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def built_site(site_server) -> Path:
    """The site, built once with strict checks, at the folder the test server serves."""
    base_url, site_dir = site_server
    result = run_mkdocs_build(ROOT, site_dir, site_url=base_url)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-4000:]}"
    return site_dir


@pytest.fixture(scope="session")
def site_url(site_server, built_site) -> str:
    """Base URL of the served, built site (ends with a slash)."""
    return site_server[0]


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project's build inputs, for tests that break things on purpose."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("mkdocs.yml", "docs", "notebooks", "assets", "scripts", "requirements"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, copy / name)
    return copy
