"""Browser helpers for the learner tests: a page that records what it requests."""

from __future__ import annotations

from collections.abc import Iterator

from browser.br_helpers import settle

# Every layout shift (CLS) of the document, counted from its first script on.
LAYOUT_SHIFT_RECORDER = """window.__layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});"""


def layout_shift(page) -> float:
    """The page's total layout shift once it is at rest: however late a shift comes on a loaded
    machine, it is counted (a fixed window would miss it)."""
    settle(page)
    return page.evaluate("window.__layoutShift")


class RecordingPage:
    """A fresh browser context and page that remembers every request it makes."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(**context_options)
        self.context.add_init_script(LAYOUT_SHIFT_RECORDER)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

    def foreign_requests(self, allowed_prefix: str) -> list[str]:
        return [url for url in self.requests
                if not url.startswith((allowed_prefix, "blob:", "data:", "about:"))]


def recording_page(browser) -> Iterator[RecordingPage]:
    recorder = RecordingPage(browser, accept_downloads=True)
    yield recorder
    recorder.context.close()
