"""Learner-feature fixtures: one Chromium per session, pages that record requests."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from support import ROOT

sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` to install Chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield browser
        browser.close()


class RecordingPage:
    """A fresh browser context and page that remembers every request and page error."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def foreign_requests(self, allowed_prefix: str) -> list[str]:
        return [url for url in self.requests
                if not url.startswith((allowed_prefix, "blob:", "data:", "about:"))]


@pytest.fixture
def learner(chromium):
    recorder = RecordingPage(chromium, accept_downloads=True)
    yield recorder
    recorder.context.close()


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory) -> Path:
    """`make offline`'s script run once into a temporary folder; returns the unzipped index.html."""
    import make_offline

    work = tmp_path_factory.mktemp("offline")
    zip_path = work / "getting-started-offline.zip"
    make_offline.main(["--project", str(ROOT), "--site-dir", str(work / "site"),
                       "--zip", str(zip_path)])
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / make_offline.FOLDER_IN_ZIP / "index.html"
