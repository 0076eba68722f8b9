"""Keyboard only: Tab reaches the skip link, search, map nodes and notebook buttons, visibly."""

from __future__ import annotations

import pytest
from br_helpers import notebook_names, section_slugs

pytestmark = pytest.mark.browser

TAB_LIMIT = 120
# What the focused element is, in the terms the tests care about.
DESCRIBE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const button = [...el.classList].find(c => c.startsWith('notebook-button--'));
  if (el.matches('a.md-skip')) return 'skip';
  if (el.matches('.md-search__input')) return 'search';
  if (el.matches('#learning-map a[data-section]')) return 'map:' + el.dataset.section;
  if (button) return 'button:' + button.slice('notebook-button--'.length);
  return 'other';
}"""
# Outline or box-shadow drawn while the element matches :focus-visible.
FOCUS_STYLE_JS = """() => {
  const el = document.activeElement, s = getComputedStyle(el);
  return {
    focusVisible: el.matches(':focus-visible'),
    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
    shadow: s.boxShadow !== 'none',
  };
}"""


def focus_region(page) -> dict:
    box = page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; })()"
    )
    pad = 8  # outlines are drawn outside the element's box
    return {
        "x": max(box["x"] - pad, 0),
        "y": max(box["y"] - pad, 0),
        "width": box["width"] + 2 * pad,
        "height": box["height"] + 2 * pad,
    }


def focus_is_visible(page) -> tuple[bool, dict]:
    """True when the focused element shows an outline/box-shadow, or looks different unfocused."""
    style = page.evaluate(FOCUS_STYLE_JS)
    if not style["focusVisible"]:
        return False, style
    if style["outline"] or style["shadow"]:
        return True, style
    # SVG map nodes mark focus on their shapes (stroke, underline): compare the pixels.
    region = focus_region(page)
    focused = page.screenshot(clip=region, animations="disabled")
    handle = page.evaluate_handle("document.activeElement")
    handle.evaluate("el => el.blur()")
    unfocused = page.screenshot(clip=region, animations="disabled")
    handle.evaluate("el => el.focus()")
    style["pixels_change"] = focused != unfocused
    return style["pixels_change"], style


def tab_through(page, wanted: set[str]) -> list[str]:
    """Press Tab until every wanted stop was reached; check each one's focus is visible."""
    stops, invisible = [], {}
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        stop = page.evaluate(DESCRIBE_JS)
        stops.append(stop)
        if stop in wanted:
            visible, style = focus_is_visible(page)
            if not visible:
                invisible[stop] = style
        if wanted <= set(stops):
            break
    assert not invisible, f"focus is not visible on: {invisible}"
    return stops


def test_tab_reaches_skip_link_search_and_every_map_node(page, site_url):
    page.goto(site_url)
    wanted = {"skip", "search"} | {f"map:{slug}" for slug in section_slugs()}
    stops = tab_through(page, wanted)
    assert stops[0] == "skip", f"the first Tab stop should be the skip link, got {stops[0]}"
    assert wanted <= set(stops), f"never reached: {sorted(wanted - set(stops))}"
    map_stops = [stop for stop in stops if stop.startswith("map:")]
    assert map_stops == [f"map:{slug}" for slug in section_slugs()], "map nodes out of order"


def test_skip_link_moves_focus_past_the_header(page, site_url):
    page.goto(f"{site_url}python/")
    page.keyboard.press("Tab")
    assert page.evaluate(DESCRIBE_JS) == "skip"
    page.keyboard.press("Enter")
    in_content = "document.activeElement.closest('.md-content') !== null"
    page.wait_for_function(in_content)  # fails when only the view scrolls
    page.keyboard.press("Tab")
    assert page.evaluate(in_content), "the Tab after the skip link should stay in the content"


def test_tab_reaches_notebook_buttons(page, site_url):
    page.goto(f"{site_url}notebooks/{notebook_names()[0]}/")
    wanted = {"button:colab", "button:download", "button:source"}
    stops = tab_through(page, wanted)
    assert wanted <= set(stops), f"never reached: {sorted(wanted - set(stops))}"
