"""axe-core on every built page at 360 and 1280 px, before and after scrolling, and on a few
pages in dark mode: zero violations. The sweep is marked `sweep` (make test-sweep, CI)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from br_helpers import color_scheme, render_all_cells, scroll_to_end, settle
from support import ROOT, sample_then_sweep

from scripts.build import sections

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


def nav_paths() -> list[str]:
    """URL paths of every page in mkdocs.yml's nav ("" for home); strict builds need them all."""
    paths = []

    def walk(entries) -> None:
        for entry in entries:
            target = next(iter(entry.values())) if isinstance(entry, dict) else entry
            if isinstance(target, list):
                walk(target)
            else:
                stem = target.rsplit(".", 1)[0]
                paths.append("" if stem == "index" else f"{stem}/")
    walk(sections.read_nav(ROOT / "mkdocs.yml"))
    return paths


PAGES = nav_paths()


def run_axe(page, preload: bool = True) -> list[dict]:
    """axe's violations on the page as it is now; axe is injected once per loaded document.

    preload=False skips re-fetching the stylesheets (only css-orientation-lock reads them):
    right for a second run on the same document, whose stylesheets cannot have changed.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.axe_script)
    options = {"resultTypes": ["violations"], "preload": preload}
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)


def axe_findings(violations: list[dict], path: str, entries: list[dict], used: set[int],
                 when: str) -> list[str]:
    """The violations as readable lines, minus listed exceptions (whose use is recorded)."""
    found = []
    for violation in violations:
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
    settle(page)  # axe judges colours: never mid-fade (Material animates on load and scroll)
    found = axe_findings(run_axe(page), path, entries, used, "after load")
    render_all_cells(page)  # as after scrolling to the end: every lazy cell laid out
    scroll_to_end(page)  # and at rest: the header's title fade-in has finished
    return found + axe_findings(run_axe(page, preload=False), path, entries, used,
                                "scrolled to the end")


def print_exceptions(entries: list[dict]) -> None:
    print(f"\naxe exceptions from {EXCEPTIONS_FILE.name}: {len(entries)}")
    for entry in entries:
        print(f"  {entry['rule']} on {entry['target']!r} ({entry['pages']}): {entry['reason']}")


def test_the_sweep_covers_every_built_page(all_paths):
    assert sorted(PAGES) == sorted(all_paths), "a built page is missing from mkdocs.yml's nav"


# One test per page and width, so that xdist spreads the sweep over the machine's cores.
# make test sweeps one section page (tabs, a quiz, a figure; the home page's map has its own axe
# test in test_br_learning_map.py); make test-sweep sweeps every page.
QUICK_PAGES = ["python/"]


@pytest.mark.parametrize("width", sample_then_sweep([360, 1280]))
@pytest.mark.parametrize("path", sample_then_sweep(
    QUICK_PAGES + [path for path in PAGES if path not in QUICK_PAGES], quick=len(QUICK_PAGES)),
    ids=lambda path: path.strip("/") or "home")
def test_page_has_no_axe_violations(make_context, site_url, path, width):
    page = make_context(viewport={"width": width, "height": 800}).new_page()
    entries = load_exceptions()
    print_exceptions(entries)
    used: set[int] = set()
    found = violations(page, site_url + path, path, entries, used)
    assert not found, f"{len(found)} axe violations at {width} px:\n" + "\n".join(found)
    # An exception must still be needed on every page its glob names: narrow `pages` if not.
    unused = [entry for number, entry in enumerate(entries) if number not in used
              and fnmatch.fnmatch(path or "/", entry["pages"])]
    assert not unused, f"exceptions that match nothing on /{path} any more: {unused}"


@pytest.mark.sweep
def test_dark_mode_pages_have_no_axe_violations(dark_page, site_url):
    entries = load_exceptions()
    found = []
    for path in DARK_SAMPLE:
        found += violations(dark_page, site_url + path, path, entries, set())
        assert color_scheme(dark_page) == "slate"
    assert not found, f"{len(found)} axe violations in dark mode:\n" + "\n".join(found)


@pytest.mark.sweep  # guards the checker itself; CI runs it (make test-sweep)
def test_axe_does_find_a_planted_violation(page, site_url):
    # Guards the harness: an image without alt text must be reported.
    page.goto(site_url)
    page.evaluate("document.querySelector('article').append(document.createElement('img'))")
    ids = [violation["id"] for violation in run_axe(page)]
    assert "image-alt" in ids


# Material's blue header (primary: indigo) with its title in a blue of nearly the same
# luminance: a contrast of about 1.3, far below 4.5.
LOW_CONTRAST_TITLE = ".md-header__topic .md-ellipsis { color: #5c6bc0 !important; }"


# The header shows the site name at load and the page title once the reader has scrolled past
# the h1; the other one is faded out (opacity 0), which axe rightly skips.
SITE_NAME, PAGE_TITLE = ".md-header__topic:nth-child(1)", 'data-md-component="header-topic"'


@pytest.mark.parametrize("scrolled, shown, hidden", [(False, SITE_NAME, PAGE_TITLE),
                                                     (True, PAGE_TITLE, SITE_NAME)],
                         ids=["at-load", "scrolled"])
def test_axe_flags_a_low_contrast_header_title_at_rest(page, site_url, scrolled, shown, hidden):
    """Waiting for rest must not hide a real failure: a dim title still fails once settled."""
    page.goto(site_url + "python/")
    page.add_style_tag(content=LOW_CONTRAST_TITLE)
    if scrolled:
        scroll_to_end(page)  # the page title replaces the site name, as in the sweep
    else:
        settle(page)
    flagged = [" ".join(map(str, node["target"]))
               for violation in run_axe(page) if violation["id"] == "color-contrast"
               for node in violation["nodes"]]
    assert any(shown in target for target in flagged), flagged
    assert not any(hidden in target for target in flagged), "judged a title faded out"


def test_settle_waits_for_a_running_transition_to_end(page, site_url):
    """A 600 ms fade started just before settle() has ended, at full opacity, when it returns."""
    page.goto(site_url + "python/")
    page.evaluate("""() => {
      const h1 = document.querySelector('article h1');
      h1.style.transition = 'opacity 600ms linear';
      h1.style.opacity = '0';
      h1.getBoundingClientRect();  // commit the start value so that the change transitions
      h1.style.opacity = '1';
    }""")
    settle(page)
    state = page.evaluate("""() => ({
      opacity: getComputedStyle(document.querySelector('article h1')).opacity,
      running: document.getAnimations().length,
    })""")
    assert state == {"opacity": "1", "running": 0}
