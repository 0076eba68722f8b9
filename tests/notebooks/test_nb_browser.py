"""Real Chromium: notebook styles survive instant navigation; plots and prompts read well."""

import pytest
from playwright.sync_api import sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK = "notebooks/01-first-neural-network/"
# Material's header fetches repository facts from the GitHub API; that is site-wide, not ours.
ALLOWED_OTHER_ORIGINS = ("https://api.github.com/",)

CONTRAST_JS = """
(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => v / 255).map((v) =>
      v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const fg = lum(getComputedStyle(el).color);
  const bg = lum(getComputedStyle(document.querySelector(".md-main")).backgroundColor
              .includes("rgba(0, 0, 0, 0)") ? getComputedStyle(document.body).backgroundColor
              : getComputedStyle(document.querySelector(".md-main")).backgroundColor);
  return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
}
"""


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def open_page(browser, site_url, path, scheme="light"):
    page = browser.new_page(color_scheme=scheme, viewport={"width": 1200, "height": 900})
    foreign = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if not r.url.startswith((site_url, "data:", *ALLOWED_OTHER_ORIGINS))
            else None
        ),
    )
    # Instant navigation takes over links only once Material has fetched sitemap.xml.
    page.goto(site_url + path, wait_until="networkidle")
    return page, foreign


def test_notebook_styles_apply_after_instant_navigation(browser, site_url):
    page, foreign = open_page(browser, site_url, "")
    page.evaluate("window.__no_reload = true")
    page.evaluate(
        """(href) => { const a = document.createElement("a"); a.href = href;
           a.textContent = "go"; document.querySelector(".md-content").append(a); a.click(); }""",
        site_url + NOTEBOOK,
    )
    page.wait_for_selector(".jupyter-wrapper .jp-InputArea")
    assert page.evaluate("window.__no_reload === true"), "the click made a full page load"
    area = page.locator(".jp-CodeCell .jp-InputArea").first
    assert area.evaluate("el => getComputedStyle(el).display") == "flex"
    prompt = page.locator(".jp-InputPrompt").first
    assert prompt.evaluate("el => getComputedStyle(el).color") == "rgb(26, 90, 150)"
    assert not foreign, f"requests to other origins: {foreign}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_prompts_have_enough_contrast(browser, site_url, scheme):
    page, foreign = open_page(browser, site_url, NOTEBOOK, scheme)
    for selector in (".jp-InputPrompt", ".jp-OutputPrompt"):
        element = page.locator(selector).first
        assert element.evaluate(CONTRAST_JS) >= 4.5, f"{selector} in {scheme} mode"
        assert element.evaluate("el => getComputedStyle(el).opacity") == "1"
    assert not foreign, f"requests to other origins: {foreign}"


def test_plots_sit_on_white_in_dark_mode(browser, site_url):
    page, _ = open_page(browser, site_url, NOTEBOOK, "dark")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    image = page.locator(".jp-RenderedImage img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 255, 255)"


def test_button_bar_is_keyboard_reachable_with_visible_focus(browser, site_url):
    page, _ = open_page(browser, site_url, NOTEBOOK)
    colab = page.locator("a.notebook-button--colab")
    colab.focus()
    assert colab.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    assert colab.evaluate("el => getComputedStyle(el).outlineWidth") == "3px"
