"""A 360x740 phone: the drawer opens, the map is usable, no page scrolls sideways, diagrams
keep readable labels in a box that scrolls."""

from __future__ import annotations

import pytest
from br_helpers import (
    horizontal_overflow,
    mark_document,
    same_document,
    section_slugs,
    settle,
    wait_for_page,
)

pytestmark = pytest.mark.browser

MAP_NODES = "#learning-map svg a[data-section]"


def test_navigation_drawer_opens(mobile_page, site_url):
    page = mobile_page
    page.goto(site_url)
    drawer_link = page.locator('.md-sidebar--primary a.md-nav__link[href$="/python/"]').first
    closed = drawer_link.bounding_box()
    assert closed is None or closed["x"] + closed["width"] <= 0, "the drawer should start closed"
    page.locator('label.md-header__button[for="__drawer"]').click()
    assert page.locator("#__drawer").is_checked()
    settle(page)  # the drawer slides in: judge its box once the slide has ended
    opened = drawer_link.bounding_box()
    assert opened["x"] >= 0 and opened["x"] + opened["width"] <= 360, opened
    mark_document(page)
    drawer_link.click()
    wait_for_page(page, f"{site_url}python/")
    assert same_document(page)
    # Material closes the drawer once the new page is in place.
    page.wait_for_function("!document.getElementById('__drawer').checked")


def test_map_fits_and_its_nodes_can_be_tapped(mobile_page, site_url):
    page = mobile_page
    page.goto(site_url)
    nodes = page.locator(MAP_NODES)
    assert nodes.count() == len(section_slugs())
    for index in range(nodes.count()):
        nodes.nth(index).scroll_into_view_if_needed()
        box = nodes.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, f"map node {index} is cut off"
        assert min(box["width"], box["height"]) >= 24, f"map node {index} is too small to tap"
    slug = section_slugs()[-1]
    target = page.locator(f'{MAP_NODES}[data-section="{slug}"]')
    target.scroll_into_view_if_needed()
    target.tap()
    wait_for_page(page, f"{site_url}{slug}/")


@pytest.mark.sweep  # every page; make test checks the home page's map at 360 px (above)
def test_no_page_overflows_horizontally(mobile_page, site_url, all_paths):
    page = mobile_page
    wide = {}
    for path in all_paths:
        page.goto(site_url + path, wait_until="domcontentloaded")
        overflow = horizontal_overflow(page)
        if overflow > 0:
            wide[path or "/"] = overflow
    assert not wide, f"pages wider than the 360 px screen (extra px): {wide}"


FIGURE = 'article img[src*="images/figures/"]'


def test_diagrams_keep_readable_labels_and_scroll_by_keyboard(mobile_page, site_url):
    # Drawn 640 px wide with ~13 px labels: at 560 px or more the labels stay above 11 px.
    page = mobile_page
    page.goto(f"{site_url}python/")
    image = page.locator(FIGURE).first
    image.scroll_into_view_if_needed()
    image.evaluate("img => img.decode()")
    assert image.bounding_box()["width"] >= 560
    box = page.locator('article p.figure-scroll:has(> img[src*="images/figures/"])').first
    assert box.get_attribute("tabindex") == "0"
    assert box.evaluate("p => p.scrollWidth > p.clientWidth"), "the diagram's box should scroll"
    assert horizontal_overflow(page) == 0, "the page itself must not scroll sideways"
    box.focus()
    page.keyboard.press("ArrowRight")
    box.evaluate("p => new Promise(done => requestAnimationFrame(() => done()))")
    page.wait_for_function("p => p.scrollLeft > 0", arg=box.element_handle())


def test_diagrams_keep_their_drawn_size_on_a_desktop(page, site_url):
    page.goto(f"{site_url}python/")
    image = page.locator(FIGURE).first
    assert abs(image.bounding_box()["width"] - 640) <= 1
    assert not page.locator("p.figure-scroll").first.evaluate("p => p.scrollWidth > p.clientWidth")
