"""Search in real Chromium: Material's worker-built index, typed queries, clickable results."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from support import sample_then_sweep

pytestmark = pytest.mark.browser

RESULT_LINKS = ".md-search-result__link"


def search(page, site_url: str, query: str) -> list[str]:
    """Type `query` into the header search box and return the result links' URLs."""
    page.goto(site_url)
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.locator(RESULT_LINKS).first.wait_for(timeout=10_000)
    # Only visible results: Material folds a page's further sections into a closed <details>.
    return page.locator(RESULT_LINKS).evaluate_all(
        "links => links.filter(a => a.checkVisibility()).map(a => a.href)"
    )


def page_of(url: str) -> str:
    """The page a result points at, without the ?h= highlight query or the #fragment."""
    return urlsplit(url)._replace(query="", fragment="").geturl()


def open_result(page, results: list[str], wanted: str) -> None:
    matching = [url for url in results if page_of(url) == wanted]
    assert matching, f"no search result leads to {wanted}; results: {results}"
    # Match by page, not the full href: results re-render while the worker catches up.
    page.locator(f'{RESULT_LINKS}[href^="{wanted}"]').filter(visible=True).first.click()
    page.wait_for_url(lambda url: page_of(url) == wanted)
    page.locator("article.md-content__inner h1").wait_for()


def test_backpropagation_leads_to_the_basics_page(page, site_url):
    results = search(page, site_url, "backpropagation")
    open_result(page, results, f"{site_url}neural-network-basics/")
    text = page.locator("article.md-content__inner").inner_text().lower()
    assert "backpropagation" in text


@pytest.mark.parametrize(
    ("query", "notebook"),
    sample_then_sweep([
        ("Fashion-MNIST", "03-image-classification"),
        ("Jena climate", "05-weather-forecasting"),
        ("Optuna", "07-research-experiments"),
    ]),
)
def test_notebook_topic_finds_the_notebook_page(page, site_url, query, notebook):
    results = search(page, site_url, query)
    open_result(page, results, f"{site_url}notebooks/{notebook}/")
    page.locator("article.md-content__inner .jupyter-wrapper").wait_for()


def test_unknown_word_finds_nothing(page, site_url):
    page.goto(site_url)
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially("zzyzxqvw", delay=20)
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="No matching documents").wait_for(timeout=10_000)
    assert page.locator(RESULT_LINKS).count() == 0
