"""Progress markup from the hook, and the weight of the learner JavaScript."""

from __future__ import annotations

import gzip
import re

from bs4 import BeautifulSoup
from support import ROOT

from scripts.build import document
from scripts.build import progress as progress_controls

JS_FILES = ["assets/javascripts/progress.js", "assets/javascripts/vendor/iframe-worker-shim.js"]
JS_BUDGET_BYTES = 10 * 1024


def test_resource_lines_get_a_labelled_checkbox():
    page = ('<ul><li><a href="https://a.example/" class="resource-link" data-resource-type="book">'
            '<span class="resource-link__type">Book: </span>Deep &amp; wide</a>: text</li>'
            "<li><a href='/x/'>plain link</a></li></ul>")
    root = document.parse(page)
    count = progress_controls.add_resource_checkboxes(root)
    result = document.serialize(root)
    assert count == 1
    item = BeautifulSoup(result, "lxml").select_one("li.progress-resource-item")
    box = item.select_one("label > input[type=checkbox]")
    assert box["data-progress-resource"] == "https://a.example/"
    assert item.select_one("label").get_text() == "Done: Deep & wide"


def test_map_nodes_get_resource_totals():
    page = '<a href="python/" data-section="python">5 Python</a>'
    assert 'data-resource-total="7"' in progress_controls.add_map_totals(page, {"python": 7})


def section_slugs(site_pages) -> list[str]:
    """Pages whose nav title starts with a number ("5 Python") are sections."""
    nav = site_pages.soup("index.html").select_one("nav.md-nav--primary")
    return [a["href"].strip("./") for a in nav.select("a.md-nav__link[href]")
            if re.match(r"^\d+\s", a.get_text(" ", strip=True))]


def toggles(page):
    return page.soup.select("article button[data-progress-toggle][aria-pressed]")


def test_every_section_and_notebook_page_has_a_mark_done_button(site_pages):
    slugs = section_slugs(site_pages)
    assert len(slugs) == 10, slugs
    pages = [site_pages.section(slug) for slug in slugs]
    pages += site_pages.under("notebooks")
    assert len(pages) >= 18
    for page in pages:
        assert len(toggles(page)) == 1, f"{page.path}: expected one Mark as done button"
    for other in ("index.html", "contact/index.html", "glossary/index.html"):
        assert toggles(site_pages[other]) == [], f"{other} is not a section"


def test_every_resource_line_has_a_done_checkbox(site_pages):
    for page in site_pages.index_pages():
        selector = "article li > a.resource-link, article li > p > a.resource-link"
        links = page.soup.select(selector)
        for link in links:
            item = link.find_parent("li")
            assert item.select_one("input[type=checkbox][data-progress-resource]"), (
                f"{page.path}: no done checkbox for {link['href']}"
            )


def test_learner_javascript_is_under_10_kb_gzipped():
    total = sum(len(gzip.compress((ROOT / path).read_bytes(), 9)) for path in JS_FILES)
    assert total < JS_BUDGET_BYTES, f"learner JS is {total} bytes gzipped"
