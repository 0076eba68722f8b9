"""Fixtures for the site-content tests."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup


@pytest.fixture(scope="session")
def site_hrefs(built_site) -> dict[str, set[str]]:
    """href -> pages of the built site that link it."""
    hrefs: dict[str, set[str]] = {}
    for page in built_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for anchor in soup.find_all("a", href=True):
            hrefs.setdefault(anchor["href"], set()).add(str(page.relative_to(built_site)))
    return hrefs
