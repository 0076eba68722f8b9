"""Dark mode: the palette toggle, its persistence, and plots that stay readable on slate."""

from __future__ import annotations

import io

import pytest
from br_helpers import (
    body_background,
    color_scheme,
    luminance,
    mark_document,
    same_document,
    switch_to_dark,
    wait_for_page,
)
from PIL import Image, ImageStat

pytestmark = pytest.mark.browser

PLOT = "article.md-content__inner .jp-RenderedImage img"


def test_toggle_switches_the_palette(page, site_url):
    page.goto(site_url)
    assert color_scheme(page) == "default"
    assert luminance(body_background(page)) > 0.8, "light scheme should have a light page"
    switch_to_dark(page)
    assert luminance(body_background(page)) < 0.1, "slate scheme should have a dark page"


def test_dark_choice_survives_reload_and_navigation(page, site_url):
    page.goto(site_url)
    switch_to_dark(page)
    page.reload()
    assert color_scheme(page) == "slate", "the choice was lost on reload"
    mark_document(page)
    page.locator('.md-sidebar--primary a.md-nav__link[href$="/python/"]').click()
    wait_for_page(page, f"{site_url}python/")
    assert same_document(page), "expected instant navigation"
    assert color_scheme(page) == "slate", "the choice was lost on instant navigation"
    page.goto(f"{site_url}contact/")
    assert color_scheme(page) == "slate", "the choice was lost on a full page load"
    assert luminance(body_background(page)) < 0.1


def test_system_preference_dark_gives_slate(dark_page, site_url):
    dark_page.goto(site_url)
    assert color_scheme(dark_page) == "slate", "the default palette should follow the system"


def plot_pages(site_pages) -> list[str]:
    """Notebook pages whose stored outputs include an image (a plot)."""
    return sorted(page.url_path for page in site_pages.under("notebooks")
                  if 'class="jp-RenderedImage' in page.html)


def background_brightness(png: bytes) -> float:
    """Median luminance (0..1) of a screenshot: a plot is mostly background."""
    image = Image.open(io.BytesIO(png)).convert("L")
    return ImageStat.Stat(image).median[0] / 255


def test_notebook_plots_stay_readable_in_dark_mode(dark_page, site_url, site_pages):
    page = dark_page
    pages = plot_pages(site_pages)
    assert pages, "no notebook page has a stored plot; notebooks 01, 02, 06-08 ship with outputs"
    for path in pages:
        page.goto(site_url + path)
        assert color_scheme(page) == "slate"
        plot = page.locator(PLOT).first
        plot.scroll_into_view_if_needed()
        brightness = background_brightness(plot.screenshot())
        assert brightness > 0.85, f"{path}: a plot's ground is dark ({brightness:.2f}) on slate"
