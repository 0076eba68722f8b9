"""Shared fixtures: one strict build of the site per session, served on 127.0.0.1; Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
import shared_site
from site_pages import SitePages
from support import ROOT, copy_project, run_mkdocs_build

from scripts.build.local_site import serve

SHARED = pytest.StashKey[shared_site.SharedServer]()
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def pytest_configure(config):
    # Under pytest-xdist the controller serves the one site that its workers build once.
    if shared_site.is_xdist_controller(config):
        config.stash[SHARED] = shared_site.SharedServer()


def pytest_unconfigure(config):
    if SHARED in config.stash:
        config.stash[SHARED].stop()


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """Serve an empty folder first, so the build can use the server's real port as site_url.

    Like GitHub Pages, the server answers unknown paths with the site's 404.html. Under xdist
    the controller's server is used (tests/shared_site.py).
    """
    if shared := shared_site.shared_server():
        yield shared
        return
    site_dir = tmp_path_factory.mktemp("served") / "site"
    site_dir.mkdir()
    with serve(site_dir) as base_url:
        yield base_url, site_dir


@pytest.fixture(scope="session")
def built_site(site_server) -> Path:
    """The site, built once with strict checks, at the folder the test server serves."""
    base_url, site_dir = site_server
    if shared_site.shared_server():
        status = shared_site.build_once(base_url, site_dir)
        assert status == "ok", f"mkdocs build --strict failed:\n{status}"
        return site_dir
    result = run_mkdocs_build(ROOT, site_dir, site_url=base_url)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-4000:]}"
    return site_dir


@pytest.fixture(scope="session")
def site_pages(built_site) -> SitePages:
    """Every built page, read once and parsed on first use, shared by the tests of this process
    (under xdist: of this worker). Read the parsed pages, never change them: tests/site_pages.py."""
    return SitePages(built_site)


@pytest.fixture(scope="session")
def site_url(site_server, built_site) -> str:
    """Base URL of the served, built site (ends with a slash)."""
    return site_server[0]


@pytest.fixture
def project_copy(tmp_path, built_site) -> Path:
    """A throwaway copy of the project's build inputs, for tests that break things on purpose.

    Made after the suite's own build (built_site), so that the caches it copies are complete.
    """
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="module")
def browser():
    """The suite's one Chromium fixture (Debian's build; never `playwright install`).

    Module-scoped, not session-scoped: a live sync Playwright keeps an asyncio loop running in
    the main thread, which would break asyncio.run in tests/links later in the same run.
    """
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` to install Chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
