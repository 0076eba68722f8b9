"""axe-core on every built page at 360 and 1280 px, before and after scrolling, and on a few
pages in dark mode: zero violations."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from br_helpers import color_scheme, render_all_cells

pytestmark = pytest.mark.browser

EXCEPTIONS_FILE = Path(__file__).with_name("a11y-exceptions.toml")
DARK_SAMPLE = ("", "python/", "notebooks/01-first-neural-network/", "contact/")
AXE = Axe()


def load_exceptions() -> list[dict]:
    entries = tomllib.loads(EXCEPTIONS_FILE.read_text(encoding="utf-8")).get("exception", [])
    for number, entry in enumerate(entries, 1):
        missing = {"rule", "target", "pages", "reason"} - entry.keys()
        assert not missing, f"{EXCEPTIONS_FILE.name}: exception {number} lacks {sorted(missing)}"
        assert len(entry["reason"].split()) >= 5, f"{EXCEPTIONS_FILE.name}: give a real reason"
    return entries


def excused_by(entries: list[dict], path: str, rule: str, target: str) -> dict | None:
    for entry in entries:
        if (
            entry["rule"] == rule
            and entry["target"] in target
            and fnmatch.fnmatch(path or "/", entry["pages"])
        ):
            return entry
    return None


def axe_findings(page, path: str, entries: list[dict], used: set[int], when: str) -> list[str]:
    """axe's violations on the page as it is now, minus listed exceptions."""
    found = []
    for violation in AXE.run(page).response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            entry = excused_by(entries, path, violation["id"], target)
            if entry is not None:
                used.add(entries.index(entry))
                continue
            summary = node.get("failureSummary", "").replace("\n", " ")[:200]
            found.append(f"/{path} {when}: {violation['id']} ({violation['impact']}) {target}: "
                         f"{summary}")
    return found


def violations(page, url: str, path: str, entries: list[dict], used: set[int]) -> list[str]:
    """axe right after load, before any scrolling, then again after scrolling to the end.

    Notebook cells render lazily (content-visibility): whatever keyboards need from them must
    be in place before the reader scrolls, so both states are checked.
    """
    page.goto(url)  # Material's bundle runs before `load`, so the page is complete here
    found = axe_findings(page, path, entries, used, "after load")
    render_all_cells(page)  # as after scrolling to the end: every lazy cell laid out
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    # The header swaps the site name for the page title with a fade: judge colours after it.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    return found + axe_findings(page, path, entries, used, "scrolled to the end")


def print_exceptions(entries: list[dict]) -> None:
    print(f"\naxe exceptions from {EXCEPTIONS_FILE.name}: {len(entries)}")
    for entry in entries:
        print(f"  {entry['rule']} on {entry['target']!r} ({entry['pages']}): {entry['reason']}")


@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_has_no_axe_violations(make_context, site_url, all_paths, width):
    page = make_context(viewport={"width": width, "height": 800}).new_page()
    entries = load_exceptions()
    print_exceptions(entries)
    used: set[int] = set()
    found = []
    for path in all_paths:
        found += violations(page, site_url + path, path, entries, used)
    assert not found, f"{len(found)} axe violations at {width} px:\n" + "\n".join(found)
    unused = [entries[i] for i in range(len(entries)) if i not in used]
    assert not unused, f"exceptions that match nothing any more, remove them: {unused}"


def test_dark_mode_pages_have_no_axe_violations(dark_page, site_url):
    entries = load_exceptions()
    found = []
    for path in DARK_SAMPLE:
        found += violations(dark_page, site_url + path, path, entries, set())
        assert color_scheme(dark_page) == "slate"
    assert not found, f"{len(found)} axe violations in dark mode:\n" + "\n".join(found)


def test_axe_does_find_a_planted_violation(page, site_url):
    # Guards the harness: an image without alt text must be reported.
    page.goto(site_url)
    page.evaluate("document.querySelector('article').append(document.createElement('img'))")
    ids = [violation["id"] for violation in AXE.run(page).response["violations"]]
    assert "image-alt" in ids
