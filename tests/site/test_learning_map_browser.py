"""The map in real Chromium: keyboard reachable with a visible focus, readable at 360px wide."""

from __future__ import annotations

import pytest
from sitedata import SECTION_SLUGS

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield browser
        browser.close()


def open_home(browser, site_url, width, scheme="light"):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url)
    return context, page


def focused_section(page):
    return page.evaluate("document.activeElement.getAttribute('data-section')")


def test_tab_reaches_every_node_in_order_with_a_visible_focus(browser, site_url):
    context, page = open_home(browser, site_url, 1280)
    page.focus("#learning-map svg a")
    reached = [focused_section(page)]
    widths = [page.eval_on_selector(":focus rect", "r => getComputedStyle(r).strokeWidth")]
    for _ in SECTION_SLUGS[1:]:
        page.keyboard.press("Tab")
        reached.append(focused_section(page))
    unfocused = page.eval_on_selector(
        '#learning-map a[data-section="math-background"] rect',
        "r => getComputedStyle(r).strokeWidth",
    )
    context.close()
    assert reached == SECTION_SLUGS
    assert float(widths[0].rstrip("px")) > float(unfocused.rstrip("px")), "no visible focus style"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_fits_360px_with_readable_text(browser, site_url, scheme):
    context, page = open_home(browser, site_url, 360, scheme)
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
    context.close()
    assert metrics["page"] <= 360, f"page overflows horizontally: {metrics}"
    assert metrics["svg"] <= 360, f"map overflows: {metrics}"
    assert metrics["smallest"] >= 11.5, f"map text is smaller than 12px at 360px wide: {metrics}"


def test_clicking_a_node_opens_its_section(browser, site_url):
    context, page = open_home(browser, site_url, 1280)
    page.click('#learning-map a[data-section="python"]')
    page.wait_for_url("**/python/")
    title = page.text_content("article h1")
    context.close()
    assert "Python" in title


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
def test_map_text_and_borders_contrast_with_the_background(browser, site_url, scheme):
    context, page = open_home(browser, site_url, 1280, scheme)
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
    context.close()
    assert contrast(colours["text"], colours["box"]) >= 4.5, colours
    assert contrast(colours["border"], colours["bg"]) >= 3, colours


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_map(browser, site_url, scheme):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    context, page = open_home(browser, site_url, 1280, scheme)
    page.click("#learning-map details summary")  # check the text version too
    violations = axe.run(page, context="#learning-map").response["violations"]
    context.close()
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
