"""Helpers shared by the browser tests: the site's sections, colours and page checks."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from support import ROOT

from scripts.build import sections

DESKTOP = {"width": 1280, "height": 900}
# The header's palette toggle: one label per scheme, only the next one visible.
PALETTE_TOGGLE = 'form[data-md-component="palette"] label:not([hidden])'
# Schemes that never reach the network.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-extension"}


class Recorder:
    """Collects every request and console error of one browser context."""

    def __init__(self, allowed_origins: set[str]):
        self.allowed_origins = set(allowed_origins)
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.expected_errors: list[str] = []

    def on_request(self, request) -> None:
        self.requests.append(request.url)

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_page_error(self, error) -> None:
        self.console_errors.append(f"uncaught: {error}")

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in LOCAL_SCHEMES
            and origin_of(url) not in self.allowed_origins
        ]

    def unexpected_errors(self) -> list[str]:
        return [
            error
            for error in self.console_errors
            if not any(expected in error for expected in self.expected_errors)
        ]


def open_context(browser, recorder: Recorder, **options):
    """A new context with the privacy recorder and console capture on every page."""
    context = browser.new_context(**{"viewport": DESKTOP, "color_scheme": "light", **options})
    context.set_default_timeout(10_000)
    context.on("request", recorder.on_request)

    def watch(page):
        page.on("console", recorder.on_console)
        page.on("pageerror", recorder.on_page_error)

    context.on("page", watch)
    return context


def check_recorder(recorder: Recorder) -> None:
    foreign = recorder.foreign_requests()
    assert not foreign, f"requests left the local origin {recorder.allowed_origins}: {foreign}"
    errors = recorder.unexpected_errors()
    assert not errors, f"console errors: {errors}"


REPO_URL = sections.read_config(ROOT / "mkdocs.yml")["repo_url"]


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def section_slugs() -> list[str]:
    """The ten numbered sections, in nav order, as the build reads them from mkdocs.yml."""
    return sections.section_slugs(ROOT / "mkdocs.yml")


def notebook_names() -> list[str]:
    return sorted(path.stem for path in (ROOT / "notebooks").glob("*.ipynb"))


def luminance(rgb: str) -> float:
    """Relative luminance (WCAG) of a computed CSS colour such as `rgb(12, 34, 56)`."""
    channels = [int(value) / 255 for value in re.findall(r"[\d.]+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def body_background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def color_scheme(page) -> str | None:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def mark_document(page) -> None:
    """Tag the live document; the tag survives instant navigation but not a full page load."""
    # Instant navigation takes over links only once Material has fetched sitemap.xml.
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")


def same_document(page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def horizontal_overflow(page) -> int:
    """Pixels the page is wider than the viewport (0 when nothing overflows)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


def default_branch() -> str:
    """The branch notebook buttons point at: mkdocs.yml `extra.default_branch`, else main."""
    extra = sections.read_config(ROOT / "mkdocs.yml").get("extra") or {}
    return extra.get("default_branch") or "main"


def wait_for_page(page, url: str) -> None:
    """Wait until `url` is shown, ignoring the #fragment that navigation.tracking may add."""
    page.wait_for_url(lambda current: current.split("#")[0] == url)
    page.locator("article.md-content__inner h1").first.wait_for()


RENDER_ALL_CELLS_JS = """async () => {
  const style = document.createElement('style');
  style.textContent = '.jupyter-wrapper .jp-Cell { content-visibility: visible !important; }';
  document.head.append(style);
  // Two frames: one to lay the cells out, one for the ResizeObserver callbacks that follow.
  for (let i = 0; i < 2; i++) await new Promise((done) => requestAnimationFrame(done));
}"""


def render_all_cells(page) -> None:
    """Lay out every notebook cell, as scrolling through the page would.

    Code cells off screen are skipped by content-visibility; checks that look at every element
    (axe after scrolling to the end) must see them rendered.
    """
    page.evaluate(RENDER_ALL_CELLS_JS)


def switch_to_dark(page) -> None:
    """Click the header toggle (system → light → dark) until the slate scheme is on."""
    for _ in range(3):
        if color_scheme(page) == "slate":
            break
        toggle = page.locator(PALETTE_TOGGLE)
        before = toggle.get_attribute("for")
        toggle.click()
        # Each click shows the next scheme's label (system → light may keep the colours).
        page.wait_for_function(
            "([selector, before]) => document.querySelector(selector).htmlFor !== before",
            arg=[PALETTE_TOGGLE, before])
    assert color_scheme(page) == "slate", "three clicks on the palette toggle never reached dark"
    settle(page)


# A page is at rest when, for QUIET_FRAMES frames in a row and at least QUIET_MS: no animation
# or transition runs or waits to start, none was started, fonts are loaded, and neither the
# scroll position nor the page's height moves. Frames, not a fixed delay: a loaded machine
# draws fewer frames and runs Material's scroll handlers later, and the count waits for both.
QUIET_FRAMES, QUIET_MS, SETTLE_TIMEOUT_MS = 6, 300, 20_000
SETTLE_JS = """async ([quietFrames, quietMs, timeoutMs]) => {
  await document.fonts.ready;
  let started = 0;
  const count = () => { started += 1; };
  const events = ['transitionrun', 'animationstart'];
  events.forEach((name) => document.addEventListener(name, count, true));
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  const moving = () => document.getAnimations().filter(
    (a) => a.pending || a.playState === 'running');
  const state = () => [scrollX, scrollY, document.documentElement.scrollHeight, started].join();
  const begin = performance.now();
  let quiet = 0, quietSince = begin, last = state();
  try {
    while (quiet < quietFrames || performance.now() - quietSince < quietMs) {
      await frame();
      const now = state(), busy = moving();
      if (busy.length || now !== last) { quiet = 0; quietSince = performance.now(); }
      else quiet += 1;
      last = now;
      if (performance.now() - begin > timeoutMs) {
        const names = busy.map((a) => (a.transitionProperty || a.animationName || a.id)
          + ' on ' + (a.effect && a.effect.target ? a.effect.target.className : '?'));
        throw new Error('the page never came to rest: ' + (names.join('; ') || 'scrolling'));
      }
    }
  } finally {
    events.forEach((name) => document.removeEventListener(name, count, true));
  }
}"""


def settle(page) -> None:
    """Wait until the page is at rest, so that colours and boxes are read at their end state.

    Material fades the header title on scroll and slides the drawer; a check that reads
    colour or layout mid-transition (axe's color-contrast, a bounding box) judges a frame
    that the reader only glimpses.
    """
    page.evaluate(SETTLE_JS, [QUIET_FRAMES, QUIET_MS, SETTLE_TIMEOUT_MS])


def scroll_to_end(page) -> None:
    """Scroll to the bottom as a reader would, then wait until the page is at rest."""
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    settle(page)
