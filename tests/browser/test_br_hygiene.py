"""HTML hygiene over the built site: safe new-tab links, real alt text, title/description/
canonical on every page, a sitemap that lists them, and no duplicate ids."""

from __future__ import annotations

import collections
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from support import apply_step

from scripts.build.notebook_page import demote_empty_headers
from scripts.build.page_descriptions import MAX_LENGTH, notebook_description
from scripts.build.text import shorten

NO_ALT = "no description has been provided"
FILE_NAME = re.compile(r"^[\w.-]+\.(png|jpe?g|gif|svg|webp|avif)$", re.I)


@pytest.fixture(scope="session")
def soups(site_pages) -> dict[str, BeautifulSoup]:
    """Parsed HTML of every built page, keyed by URL path ("" for home, "404.html")."""
    return {page.url_path: page.soup for path, page in site_pages.items()
            if path.split("/", 1)[0] not in {"assets", "search"}}


def problems(soups, check) -> dict[str, list]:
    found = {path or "/": check(soup) for path, soup in soups.items()}
    return {path: issues for path, issues in found.items() if issues}


def test_new_tab_links_are_noopener(soups):
    def unsafe(soup):
        return [
            a.get("href")
            for a in soup.find_all("a", target="_blank")
            if "noopener" not in (a.get("rel") or [])
        ]

    assert not problems(soups, unsafe)


def test_images_have_meaningful_alt_text(soups):
    def bad_alt(soup):
        bad = []
        for img in soup.find_all("img"):
            alt = (img.get("alt") or "").strip()
            if not alt or NO_ALT in alt.lower() or FILE_NAME.match(alt):
                bad.append(f"{img.get('src', '')[:60]} alt={alt!r}")
        return bad

    assert not problems(soups, bad_alt)


def test_pages_have_title_description_and_canonical(soups, site_url):
    def missing(soup):
        lacks = []
        if not (soup.title and soup.title.get_text(strip=True)):
            lacks.append("title")
        description = soup.find("meta", attrs={"name": "description"})
        if not (description and description.get("content", "").strip()):
            lacks.append("description")
        canonical = soup.find("link", rel="canonical")
        if not (canonical and canonical.get("href", "").startswith(site_url)):
            lacks.append("canonical")
        return lacks

    pages = {path: soup for path, soup in soups.items() if path != "404.html"}
    assert not problems(pages, missing)


def test_every_page_has_its_own_description(soups):
    seen = collections.defaultdict(list)
    for path, soup in soups.items():
        if path != "404.html":
            seen[soup.find("meta", attrs={"name": "description"})["content"]].append(path or "/")
    shared = {text[:60]: paths for text, paths in seen.items() if len(paths) > 1}
    assert not shared, f"pages sharing one description (add `description:` front matter): {shared}"


def test_html_basics(soups):
    def invalid(soup):
        issues = []
        if not soup.html.get("lang"):
            issues.append("<html> lacks lang")
        if len(soup.find_all("h1")) != 1:
            issues.append(f"{len(soup.find_all('h1'))} h1 elements")
        ids = collections.Counter(tag["id"] for tag in soup.find_all(id=True))
        issues += [f"duplicate id {name!r}" for name, count in ids.items() if count > 1]
        return issues

    assert not problems(soups, invalid)


def test_sitemap_lists_every_page(built_site, site_url, soups):
    sitemap = built_site / "sitemap.xml"
    assert sitemap.is_file(), "the build wrote no sitemap.xml"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in ET.parse(sitemap).getroot().findall("s:url/s:loc", namespace)}
    pages = {site_url + path for path in soups if path != "404.html"}
    assert pages <= listed, f"missing from sitemap.xml: {sorted(pages - listed)}"


def test_notebook_description_from_title_and_learning_goals():
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["# A [first](x.md) `net`\n", "About 30 minutes."]},
            {
                "cell_type": "markdown",
                "source": "## What you'll learn\n\n- Forward passes.\n- *Loss*",
            },
            {"cell_type": "code", "source": "- not a bullet"},
        ]
    }
    assert notebook_description(notebook) == (
        "A first net. A runnable notebook: Forward passes; Loss."
    )
    assert (
        notebook_description({"cells": [{"cell_type": "markdown", "source": "no title"}]}) is None
    )


def test_long_descriptions_are_cut_on_a_word():
    text = shorten("word " * 60, MAX_LENGTH)
    assert len(text) <= MAX_LENGTH and text.endswith("word…")


def test_empty_header_cells_become_plain_cells():
    html = '<table><thead><tr><th></th><th class="x"> </th><th>a</th></tr></thead></table>'
    assert apply_step(demote_empty_headers, html) == (
        '<table><thead><tr><td></td><td class="x"> </td><th>a</th></tr></thead></table>'
    )
