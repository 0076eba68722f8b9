"""Notebook cells render lazily (content-visibility) without losing keyboard access or anchors."""

from __future__ import annotations

import pytest
from br_helpers import render_all_cells

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/06-training-tricks/"
BOXES = ".jupyter-wrapper :is(.highlight-ipynb, pre)"
# A cell with content-visibility: auto is itself visible; its contents are what gets skipped.
RENDERED_JS = "(cell) => cell.firstElementChild.checkVisibility({contentVisibilityAuto: true})"
# Per box: does it scroll sideways, and does it take keyboard focus?
BOX_STATE_JS = f"""() => [...document.querySelectorAll('{BOXES}')].map((box) => ({{
  wide: box.scrollWidth > box.clientWidth,
  focusable: box.getAttribute('tabindex') === '0',
}}))"""


def box_states(page) -> list[dict]:
    return page.evaluate(BOX_STATE_JS)


def test_code_cells_far_down_are_skipped_until_scrolled_to(mobile_page, site_url):
    mobile_page.goto(site_url + NOTEBOOK)
    last_cell = mobile_page.locator(".jp-Notebook > .jp-CodeCell").last
    assert last_cell.evaluate(RENDERED_JS) is False
    last_cell.scroll_into_view_if_needed()
    mobile_page.wait_for_function(RENDERED_JS, arg=last_cell.element_handle())
    assert last_cell.is_visible()


def test_boxes_that_scroll_sideways_take_focus_and_only_they(mobile_page, site_url):
    mobile_page.goto(site_url + NOTEBOOK)
    render_all_cells(mobile_page)
    states = box_states(mobile_page)
    assert any(state["wide"] for state in states), "no notebook box overflows at 360 px"
    assert any(not state["wide"] for state in states)
    wrong = [i for i, state in enumerate(states) if state["wide"] != state["focusable"]]
    assert not wrong, f"boxes {wrong} of {NOTEBOOK}: tabindex does not match overflow at 360 px"


def test_focus_follows_the_width_when_the_viewport_grows(mobile_page, site_url):
    mobile_page.goto(site_url + NOTEBOOK)
    render_all_cells(mobile_page)
    wide_on_phone = sum(state["focusable"] for state in box_states(mobile_page))
    mobile_page.set_viewport_size({"width": 1600, "height": 900})
    mobile_page.wait_for_function(
        f"() => {BOX_STATE_JS}().every((s) => s.wide === s.focusable)"
    )
    assert sum(state["focusable"] for state in box_states(mobile_page)) < wide_on_phone


def test_a_heading_far_down_is_reached_by_its_anchor(mobile_page, site_url):
    mobile_page.goto(site_url + NOTEBOOK)
    heading_id = mobile_page.locator("article .jp-MarkdownCell h2[id]").last.get_attribute("id")
    mobile_page.goto(f"{site_url}{NOTEBOOK}#{heading_id}")
    heading = mobile_page.locator(f"[id='{heading_id}']")
    mobile_page.wait_for_timeout(300)  # let cells near the target render and settle
    top = heading.evaluate("(el) => el.getBoundingClientRect().top")
    assert 0 <= top < 740 / 2, f"#{heading_id} is at {top}px after following its anchor"
