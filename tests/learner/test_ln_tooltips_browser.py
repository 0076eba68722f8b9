"""Glossary tooltips (javascripts/tooltips.js) in Chromium: focus, hover, touch, Escape."""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from support import sample_then_sweep

pytestmark = pytest.mark.browser

TERM = "article abbr[tabindex='0']"
TIP = "#glossary-tip"
NOTEBOOK = "notebooks/03-image-classification/"


def first_term(page):
    term = page.locator(TERM).first
    term.scroll_into_view_if_needed()
    return term, term.get_attribute("title")


def assert_open_for(page, term, definition: str) -> None:
    tip = page.locator(TIP)
    tip.wait_for(state="visible")
    assert tip.inner_text().strip() == definition
    assert tip.get_attribute("role") == "tooltip"
    assert term.get_attribute("aria-describedby") == "glossary-tip"
    # While the tooltip shows, the title is parked so no native tooltip doubles it.
    assert term.get_attribute("title") is None


def assert_closed(page, term, definition: str) -> None:
    page.locator(TIP).wait_for(state="hidden")
    assert term.get_attribute("title") == definition
    assert term.get_attribute("aria-describedby") is None


def test_keyboard_focus_opens_and_escape_closes(learner, site_url):
    page = learner.page
    page.goto(site_url)
    term, definition = first_term(page)
    page.keyboard.press("Tab")  # keyboard mode, as for a real user
    term.focus()
    assert_open_for(page, term, definition)
    page.keyboard.press("Escape")
    assert_closed(page, term, definition)
    assert page.evaluate("document.activeElement.tagName") == "ABBR"  # focus stays put
    page.keyboard.press("Shift+Tab")
    assert_closed(page, term, definition)


def test_hover_opens_and_the_tooltip_itself_can_be_hovered(learner, site_url):
    page = learner.page
    page.goto(f"{site_url}neural-network-basics/")
    term, definition = first_term(page)
    term.hover()
    assert_open_for(page, term, definition)
    page.locator(TIP).hover()  # WCAG 1.4.13: moving onto the tooltip must not close it
    assert_open_for(page, term, definition)
    page.mouse.move(1, 1)
    assert_closed(page, term, definition)


def test_hovering_another_term_moves_the_tooltip(learner, site_url):
    page = learner.page
    page.goto(f"{site_url}neural-network-basics/")
    terms = page.locator(TERM)
    definitions = [terms.nth(i).get_attribute("title") for i in range(2)]
    terms.nth(0).hover()
    assert_open_for(page, terms.nth(0), definitions[0])
    terms.nth(1).hover()
    assert_open_for(page, terms.nth(1), definitions[1])
    assert terms.nth(0).get_attribute("title") == definitions[0]
    assert page.locator(TIP).count() == 1


def test_tap_on_a_phone_opens_it_inside_the_viewport(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True,
                                   is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}{NOTEBOOK}")
    term, definition = first_term(page)
    term.tap()
    assert_open_for(page, term, definition)
    box = page.locator(TIP).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    page.locator("article h1").tap()
    assert_closed(page, term, definition)
    context.close()


def test_terms_work_after_instant_navigation(learner, site_url):
    page = learner.page
    page.goto(site_url)
    page.wait_for_load_state("networkidle")  # instant navigation is ready once sitemap.xml is in
    page.evaluate("window.__sameDocument = true")
    old_title = page.locator("article h1").first.text_content()
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(lambda url: url.split("#")[0].endswith("math-background/"))
    page.wait_for_function("(old) => document.querySelector('article h1')?.textContent !== old",
                           arg=old_title)
    term, definition = first_term(page)
    term.hover()
    assert_open_for(page, term, definition)
    assert page.evaluate("window.__sameDocument === true")


@pytest.mark.parametrize("scheme", sample_then_sweep(["light", "dark"]))
def test_open_tooltip_has_no_axe_violations(learner, site_url, scheme):
    page = learner.page
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}neural-network-basics/")
    term, definition = first_term(page)
    term.focus()
    assert_open_for(page, term, definition)
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "() => axe.run({include: [['#glossary-tip'], ['article abbr[aria-describedby]']]},"
        " {resultTypes: ['violations']})"
    )
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    assert learner.foreign_requests(site_url) == []
