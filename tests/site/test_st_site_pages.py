"""The shared parsed pages (tests/site_pages.py): keys, folders, URL paths and private copies."""

from __future__ import annotations

import re

import pytest
from site_pages import SitePages


@pytest.fixture
def pages(tmp_path) -> SitePages:
    for path, html in {"index.html": "<h1>Home</h1>", "404.html": "<p>Not found</p>",
                       "python/index.html": "<p>Py <b>thon</b></p>",
                       "notebooks/01-a/index.html": "<p>A</p>",
                       "notebooks/01-a/deeper/index.html": "<p>deep</p>"}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(html, encoding="utf-8")
    (tmp_path / "notebooks" / "01-a.ipynb").write_text("{}", encoding="utf-8")
    return SitePages(tmp_path)


def test_every_html_file_is_a_page_in_sorted_order(pages):
    assert list(pages) == ["404.html", "index.html", "notebooks/01-a/deeper/index.html",
                           "notebooks/01-a/index.html", "python/index.html"]
    assert [page.url_path for page in pages.values()] == [
        "404.html", "", "notebooks/01-a/deeper/", "notebooks/01-a/", "python/"]


def test_folders_sections_and_index_pages(pages):
    assert [page.path for page in pages.under("notebooks")] == ["notebooks/01-a/index.html"]
    assert pages.section("python").path == "python/index.html"
    assert pages.section("").path == "index.html"
    assert "404.html" not in [page.path for page in pages.index_pages()]
    assert len(pages.index_pages()) == 4


def test_a_page_is_parsed_once_and_a_fresh_soup_is_a_copy_of_its_own(pages):
    assert pages.soup("python/index.html") is pages.soup("python/index.html")
    assert pages["python/index.html"].text == "Py thon"
    fresh = pages.fresh_soup("python/index.html")
    fresh.b.decompose()
    assert pages.soup("python/index.html").b is not None


def test_an_unknown_page_names_the_site(pages, tmp_path):
    message = f"nothing.html: no such page in the built site {tmp_path}"
    with pytest.raises(KeyError, match=re.escape(message)):
        pages["nothing.html"]
