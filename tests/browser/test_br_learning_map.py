"""The learning map in real Chromium: readable at 360 px, enough contrast, no axe findings.

Clicking and tabbing through the map are tested in test_br_home.py and test_br_keyboard.py.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from br_helpers import settle
from support import sample_then_sweep

pytestmark = pytest.mark.browser


def open_home(make_context, site_url, width, scheme="light"):
    page = make_context(viewport={"width": width, "height": 800}, color_scheme=scheme).new_page()
    page.goto(site_url)
    settle(page)  # colours are read at rest: map nodes fade their fill (125 ms)
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_fits_360px_with_readable_text(make_context, site_url, scheme):
    page = open_home(make_context, site_url, 360, scheme)
    metrics = page.evaluate(
        """() => {
          const svg = document.querySelector('#learning-map svg');
          const texts = [...svg.querySelectorAll('text')];
          const px = t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
          return {page: document.documentElement.scrollWidth,
                  svg: svg.getBoundingClientRect().right,
                  smallest: Math.min(...texts.map(px))};
        }"""
    )
    assert metrics["page"] <= 360, f"page overflows horizontally: {metrics}"
    assert metrics["svg"] <= 360, f"map overflows: {metrics}"
    assert metrics["smallest"] >= 11.5, f"map text is smaller than 12px at 360px wide: {metrics}"


def luminance(rgb: str) -> float:
    """Relative luminance (WCAG 2) of a computed 'rgb(r, g, b)' or 'rgba(...)' colour."""
    parts = [float(v) for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [
        c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_text_and_borders_contrast_with_the_background(make_context, site_url, scheme):
    page = open_home(make_context, site_url, 1280, scheme)
    colours = page.evaluate(
        """() => {
          const node = document.querySelector('#learning-map svg a');
          const style = el => getComputedStyle(el);
          return {bg: style(document.body).backgroundColor,
                  box: style(node.querySelector('rect')).fill,
                  border: style(node.querySelector('rect')).stroke,
                  text: style(node.querySelector('text')).fill};
        }"""
    )
    assert contrast(colours["text"], colours["box"]) >= 4.5, colours
    assert contrast(colours["border"], colours["bg"]) >= 3, colours


@pytest.mark.parametrize("scheme", sample_then_sweep(["light", "dark"]))
def test_axe_finds_no_violations_in_the_map(make_context, site_url, scheme):
    axe = Axe()
    page = open_home(make_context, site_url, 1280, scheme)
    page.click("#learning-map details summary")  # check the text version too
    settle(page)
    violations = axe.run(page, context="#learning-map").response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
