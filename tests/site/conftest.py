"""Fixtures for the site-content tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def site_hrefs(site_pages) -> dict[str, set[str]]:
    """href -> pages of the built site that link it."""
    hrefs: dict[str, set[str]] = {}
    for path, page in site_pages.items():
        for anchor in page.soup.find_all("a", href=True):
            hrefs.setdefault(anchor["href"], set()).add(path)
    return hrefs
