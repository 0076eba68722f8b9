"""The built site's pages, each read once and parsed at most once per test process.

Tests that look at built pages share one SitePages (the session fixture `site_pages` in
tests/conftest.py) instead of each reading and parsing every file again. Under pytest-xdist each
worker is its own process with its own session, so each worker parses a page at most once, and
only the pages its own tests ask for.

BeautifulSoup (lxml parser), not lxml.html: lxml.html parsed the site's 27 pages in 0.07 s
against BeautifulSoup's 1.4 s (December 2026), but the tests select with CSS (soupsieve) and walk
up with find_parent; lxml would need cssselect or an XPath rewrite of every selector, to save
about 1.3 s per worker. Pages are parsed lazily, so a worker pays only for the pages it reads.

The parsed pages are shared: a test must never change one (no decompose, extract, insert or
attribute writes). A test that needs to change a page takes `fresh_soup(path)`, its own copy.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup


def parse(html: str) -> BeautifulSoup:
    """One page's HTML as the tests read it (lxml's parser, the one every site test used)."""
    return BeautifulSoup(html, "lxml")


@dataclass
class Page:
    """One built HTML file: its path in the site, its text, and (parsed on first use) its tree."""

    path: str  # in the site, "/"-separated: "index.html", "python/index.html", "404.html"
    html: str

    @functools.cached_property
    def soup(self) -> BeautifulSoup:
        """The parsed page, shared by every test of this process: read it, never change it."""
        return parse(self.html)

    @functools.cached_property
    def text(self) -> str:
        """The page's text content (BeautifulSoup's get_text: every text node, tags dropped)."""
        return self.soup.get_text()

    @property
    def url_path(self) -> str:
        """The page's URL path under the site: "" for home, "python/", "404.html"."""
        return self.path.removesuffix("index.html")


class SitePages(Mapping[str, Page]):
    """Every .html file of a built site, keyed by its "/"-separated path, in sorted order."""

    def __init__(self, site: Path):
        self.site = site
        self._pages = {
            path.relative_to(site).as_posix(): Page(path.relative_to(site).as_posix(),
                                                    path.read_text(encoding="utf-8"))
            for path in sorted(site.rglob("*.html"))
        }

    def __getitem__(self, path: str) -> Page:
        try:
            return self._pages[path]
        except KeyError:
            raise KeyError(f"{path}: no such page in the built site {self.site}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)

    def soup(self, path: str) -> BeautifulSoup:
        """The shared parsed page at `path` ("python/index.html"); read it, never change it."""
        return self[path].soup

    def fresh_soup(self, path: str) -> BeautifulSoup:
        """A parse of its own of the page at `path`, for a test that changes the tree."""
        return parse(self[path].html)

    def section(self, slug: str) -> Page:
        """The page at URL path `slug`/ ("" for home)."""
        return self[f"{slug}/index.html" if slug else "index.html"]

    def under(self, folder: str) -> list[Page]:
        """The index pages one level under `folder` ("notebooks": notebooks/<name>/index.html)."""
        prefix = folder.rstrip("/") + "/"
        return [page for path, page in self._pages.items()
                if path.startswith(prefix) and path.count("/") == prefix.count("/") + 1
                and path.endswith("/index.html")]

    def index_pages(self) -> list[Page]:
        """Every page served at a folder URL (every index.html): all pages but 404.html."""
        return [page for path, page in self._pages.items()
                if path == "index.html" or path.endswith("/index.html")]
