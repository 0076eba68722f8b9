"""Notebook cells render lazily (content-visibility) without losing keyboard access or anchors."""

from __future__ import annotations

import pytest
from br_helpers import render_all_cells, settle

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/06-training-tricks/"
# Every box notebook CSS lets scroll: code, text output, output areas (wide tables).
BOXES = ".jupyter-wrapper :is(.highlight-ipynb, pre, .jp-OutputArea-output)"
# A cell with content-visibility: auto is itself visible; its contents are what gets skipped.
RENDERED_JS = "(cell) => cell.firstElementChild.checkVisibility({contentVisibilityAuto: true})"
# Per box: does it scroll sideways, and can a keyboard reach it (itself or something inside)?
BOX_STATE_JS = f"""() => [...document.querySelectorAll('{BOXES}')].map((box) => ({{
  wide: box.scrollWidth > box.clientWidth,
  reachable: box.matches('[tabindex="0"]') || box.querySelector('[tabindex="0"]') !== null,
}}))"""
FOCUSABLE_JS = f"""() => [...document.querySelectorAll('{BOXES}')]
  .map((box) => box.getAttribute('tabindex'))"""


def box_states(page) -> list[dict]:
    return page.evaluate(BOX_STATE_JS)


def test_code_cells_far_down_are_skipped_until_scrolled_to(mobile_page, site_url):
    mobile_page.goto(site_url + NOTEBOOK)
    last_cell = mobile_page.locator(".jp-Notebook > .jp-CodeCell").last
    assert last_cell.evaluate(RENDERED_JS) is False
    last_cell.scroll_into_view_if_needed()
    mobile_page.wait_for_function(RENDERED_JS, arg=last_cell.element_handle())
    assert last_cell.is_visible()


def test_every_box_that_scrolls_sideways_is_reachable_by_keyboard(mobile_page, site_url):
    mobile_page.goto(site_url + NOTEBOOK)
    render_all_cells(mobile_page)
    states = box_states(mobile_page)
    assert any(state["wide"] for state in states), "no notebook box overflows at 360 px"
    unreachable = [i for i, state in enumerate(states) if state["wide"] and not state["reachable"]]
    assert not unreachable, f"boxes {unreachable} of {NOTEBOOK} scroll but take no focus at 360 px"


def test_focus_is_decided_by_the_build_not_by_layout(mobile_page, site_url):
    """Before scrolling, after rendering every cell, and at another width: the same tab stops."""
    mobile_page.goto(site_url + NOTEBOOK)
    at_load = mobile_page.evaluate(FOCUSABLE_JS)
    assert "0" in at_load, "no notebook box is focusable right after load"
    render_all_cells(mobile_page)
    assert mobile_page.evaluate(FOCUSABLE_JS) == at_load
    mobile_page.set_viewport_size({"width": 1600, "height": 900})
    assert mobile_page.evaluate(FOCUSABLE_JS) == at_load


def test_a_heading_far_down_is_reached_by_its_anchor(mobile_page, site_url):
    mobile_page.goto(site_url + NOTEBOOK)
    heading_id = mobile_page.locator("article .jp-MarkdownCell h2[id]").last.get_attribute("id")
    mobile_page.goto(f"{site_url}{NOTEBOOK}#{heading_id}")
    heading = mobile_page.locator(f"[id='{heading_id}']")
    settle(mobile_page)  # cells near the target render and the scroll position stops moving
    top = heading.evaluate("(el) => el.getBoundingClientRect().top")
    assert 0 <= top < 740 / 2, f"#{heading_id} is at {top}px after following its anchor"
