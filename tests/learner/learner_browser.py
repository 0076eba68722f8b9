"""Browser helpers for the learner tests: launch Chromium, record what a page requests.

tests/learner/conftest.py wraps these in module-scoped fixtures, so this Playwright instance is
stopped before another folder's tests start theirs (the sync API allows one running instance
per thread).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking"]


def launch_chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` to install Chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RecordingPage:
    """A fresh browser context and page that remembers every request it makes."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

    def foreign_requests(self, allowed_prefix: str) -> list[str]:
        return [url for url in self.requests
                if not url.startswith((allowed_prefix, "blob:", "data:", "about:"))]


def recording_page(browser) -> Iterator[RecordingPage]:
    recorder = RecordingPage(browser, accept_downloads=True)
    yield recorder
    recorder.context.close()
