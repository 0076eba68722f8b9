"""Privacy: the request recorder behind every browser test does catch a foreign request."""

from __future__ import annotations

import pytest
from br_helpers import Recorder, open_context, origin_of

pytestmark = pytest.mark.browser


@pytest.mark.sweep  # guards the checker itself; CI runs it (make test-sweep)
def test_recorder_flags_a_request_to_another_origin(browser, site_url):
    recorder = Recorder({origin_of(site_url)})
    context = open_context(browser, recorder)
    # Never let it out: answer every foreign request locally with an error.
    context.route(lambda url: not url.startswith(site_url), lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url)
    # Wait for the request itself, not a delay that a loaded machine may outlast.
    with page.expect_request("https://cdn.example.invalid/lib.js"):
        page.evaluate("fetch('https://cdn.example.invalid/lib.js').catch(() => {})")
    context.close()
    assert recorder.foreign_requests() == ["https://cdn.example.invalid/lib.js"]
    assert any(url.startswith(site_url) for url in recorder.requests)


def test_home_page_and_search_load_only_from_the_site(page, site_url, recorder):
    # Every other test checks its own requests too; test_br_a11y.py visits every page.
    page.goto(site_url, wait_until="networkidle")
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially("network", delay=20)
    page.locator(".md-search-result__link").first.wait_for()
    origins = {origin_of(url) for url in recorder.requests if url.startswith("http")}
    assert origins == {origin_of(site_url)}
    assert any(url.endswith("search_index.json") for url in recorder.requests)
