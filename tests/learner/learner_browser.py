"""Browser helpers for the learner tests: a page that records what it requests."""

from __future__ import annotations

from collections.abc import Iterator

# Total layout shift (CLS) in the first 800 ms, read in the page.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 800);
})"""


class RecordingPage:
    """A fresh browser context and page that remembers every request it makes."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(**context_options)
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
