"""Progress tracking in Chromium: marking, the map, reload, instant navigation, export/import."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from learner_browser import layout_shift
from support import sample_then_sweep

pytestmark = pytest.mark.browser

KEY = "gsnn-progress-v1"
SECTION = "python"
MAP_NODE = f'#learning-map a[data-section="{SECTION}"]'
TOGGLE = "article button[data-progress-toggle]"


def stored(page):
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else None


def assert_private(learner, site_url):
    assert learner.foreign_requests(site_url) == []
    assert learner.context.cookies() == []


def test_mark_done_persists_and_shows_on_the_map(learner, site_url):
    page = learner.page
    page.goto(f"{site_url}{SECTION}/")
    toggle = page.locator(TOGGLE)
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    page.reload()
    assert page.locator(TOGGLE).get_attribute("aria-pressed") == "true"
    assert stored(page)["pages"][SECTION]["done"] is True

    page.goto(site_url)
    node = page.locator(MAP_NODE)
    assert node.get_attribute("aria-label").endswith(", done")
    assert "progress--done" in node.get_attribute("class")
    assert node.locator(".progress-node-mark").text_content() == "\u2713"
    assert "1 page as done" in page.locator("[data-progress-summary]").text_content()
    assert_private(learner, site_url)


def test_resource_checkbox_counts_on_the_map(learner, site_url):
    page = learner.page
    page.goto(f"{site_url}math-background/")
    boxes = page.locator("article input[data-progress-resource]")
    assert boxes.count() >= 2
    boxes.nth(0).check()
    boxes.nth(1).check()
    boxes.nth(1).uncheck()
    page.reload()
    assert page.locator("article input[data-progress-resource]").nth(0).is_checked()
    page.goto(site_url)
    node = page.locator('#learning-map a[data-section="math-background"]')
    total = node.get_attribute("data-resource-total")
    assert node.get_attribute("aria-label").endswith(f", 1 of {total} resources done")
    assert node.locator(".progress-node-mark").text_content() == f"1/{total}"
    assert_private(learner, site_url)


def test_controls_follow_instant_navigation(learner, site_url):
    page = learner.page
    page.goto(f"{site_url}{SECTION}/")
    page.locator(TOGGLE).click()
    page.goto(site_url)
    page.evaluate("window.__sameDocument = true")
    page.locator(f'nav.md-nav--primary a[href$="{SECTION}/"]').first.click()
    page.wait_for_url(f"{site_url}{SECTION}/")
    assert page.evaluate("window.__sameDocument === true"), "navigation was not instant"
    toggle = page.locator(TOGGLE)
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    page.goto(site_url)
    assert page.locator(MAP_NODE).get_attribute("aria-label").endswith(", not started")
    assert_private(learner, site_url)


def test_export_reset_import_round_trip(learner, site_url, tmp_path):
    page = learner.page
    page.goto(f"{site_url}{SECTION}/")
    page.locator(TOGGLE).click()
    page.locator("article input[data-progress-resource]").first.check()
    before = stored(page)
    page.goto(site_url)
    with page.expect_download() as download:
        page.locator("[data-progress-export]").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["pages"] == before["pages"]

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("[data-progress-reset]").click()
    assert stored(page) == before
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-progress-reset]").click()
    assert stored(page) is None
    assert page.locator(MAP_NODE).get_attribute("aria-label").endswith(", not started")
    assert "reset" in page.locator("[data-progress-message]").text_content()

    page.locator("[data-progress-file]").set_input_files(exported)
    page.wait_for_function(f"localStorage.getItem('{KEY}') !== null")
    assert stored(page)["pages"] == before["pages"]
    assert page.locator(MAP_NODE).get_attribute("aria-label").endswith(", done")
    assert "Imported" in page.locator("[data-progress-message]").text_content()
    assert_private(learner, site_url)


@pytest.mark.parametrize(
    ("content", "reason"),
    sample_then_sweep([
        ("{not json", "not valid JSON"),
        ('{"version": 2, "pages": {}}', 'expected "version": 1'),
        ('{"version": 1, "pages": []}', '"pages" must be an object'),
        ('{"version": 1, "pages": {"python": {"done": "yes"}}}', "invalid entry"),
    ]),
    ids=["invalid-json", "wrong-version", "pages-not-object", "bad-entry"],
)
def test_bad_import_changes_nothing_and_says_why(learner, site_url, tmp_path, content, reason):
    page = learner.page
    page.goto(f"{site_url}{SECTION}/")
    page.locator(TOGGLE).click()
    page.goto(site_url)
    before = stored(page)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    page.locator("[data-progress-file]").set_input_files(bad)
    message = page.locator("[data-progress-message]")
    message.filter(has_text="Could not import").wait_for()
    assert reason in message.text_content()
    assert "not changed" in message.text_content()
    assert message.get_attribute("aria-live") == "polite"
    assert stored(page) == before


def test_without_javascript_the_controls_stay_hidden(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}{SECTION}/")
    assert page.locator(TOGGLE).count() == 1
    assert not page.locator(TOGGLE).is_visible()
    assert page.locator("article h1").is_visible()
    context.close()


@pytest.mark.parametrize(("path", "scheme"), sample_then_sweep([
    (f"{SECTION}/", "light"), (f"{SECTION}/", "dark"), ("", "light"), ("", "dark"),
    ("notebooks/01-first-neural-network/", "light"), ("notebooks/01-first-neural-network/", "dark"),
]))
def test_learner_ui_has_no_axe_violations(learner, site_url, path, scheme):
    page = learner.page
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}{path}")
    if path == SECTION + "/":
        page.locator(TOGGLE).click()  # the pressed state has its own colours
    page.evaluate(AXE_SCRIPT)
    selectors = [s for s in (".progress-ui", ".verified-badge", ".resource-health",
                             "article abbr[tabindex]", "#learning-map")
                 if page.locator(s).count()]
    assert selectors
    result = page.evaluate(
        "(include) => axe.run({include: include.map((s) => [s])}, {resultTypes: ['violations']})",
        selectors,
    )
    problems = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert problems == []


def test_stored_progress_causes_no_layout_shift(learner, site_url):
    page = learner.page
    page.goto(f"{site_url}{SECTION}/")
    page.locator(TOGGLE).click()
    page.locator("article input[data-progress-resource]").first.check()
    for path in ("", f"{SECTION}/"):
        page.goto(f"{site_url}{path}")
        assert layout_shift(page) == 0, f"layout shift on /{path}"


def test_the_layout_shift_measure_sees_a_late_shift(learner, site_url):
    """The measure above can fail: a box pushed in 1 s after load is counted once at rest."""
    page = learner.page
    page.goto(f"{site_url}{SECTION}/")
    page.evaluate("""() => setTimeout(() => {
      const box = document.createElement("div");
      box.id = "late-box";
      box.style.height = "300px";
      document.querySelector("article").prepend(box);
    }, 1000)""")
    page.wait_for_selector("#late-box", state="attached")
    assert layout_shift(page) > 0
