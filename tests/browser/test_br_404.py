"""Errors: an unknown URL gets the site's own 404 page, as on GitHub Pages."""

from __future__ import annotations

import pytest
from br_helpers import horizontal_overflow, origin_of, wait_for_page
from support import sample_then_sweep

pytestmark = pytest.mark.browser


@pytest.fixture
def missing(recorder, site_url):
    """URL of an unknown path on the 404-serving host; its 404 status is the one expected error."""

    def url(path: str) -> str:
        recorder.allowed_origins.add(origin_of(site_url))
        recorder.expected_errors.append(f"status of 404 (Not Found) ({site_url}{path})")
        return site_url + path

    return url


@pytest.mark.parametrize("path", sample_then_sweep(["no-such-page/", "notebooks/99-missing/",
                                                    "python/extra/deep"]))
def test_unknown_url_shows_the_404_page(page, missing, path):
    response = page.goto(missing(path))
    assert response.status == 404
    heading = page.locator("article.md-content__inner h1").inner_text()
    assert "not found" in heading.lower(), f"not the site's 404 page: h1 is {heading!r}"
    # Styles and scripts load from the site root even at a nested unknown URL.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in {
        "sticky",
        "fixed",
    }, "the 404 page lost Material's stylesheet"


def test_404_page_leads_home(page, missing, site_url):
    page.goto(missing("missing/page/"))
    page.locator("article.md-content__inner a", has_text="home").first.click()
    wait_for_page(page, site_url)


def test_404_page_fits_a_phone(mobile_page, missing):
    mobile_page.goto(missing("missing/"))
    assert horizontal_overflow(mobile_page) <= 0
