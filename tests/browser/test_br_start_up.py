"""Material's start-up restyles no more than it must: <html> is already marked as scripted when
the bundle runs, and transitions pause only while a reader switches the palette."""

from __future__ import annotations

import pytest
from br_helpers import PALETTE_TOGGLE, color_scheme, settle

pytestmark = pytest.mark.browser

# Runs before any page script; records <html> as the parser leaves it, before deferred scripts.
RECORD_HTML_AT_PARSE_END = """
window.__htmlState = () => {
  const root = document.documentElement;
  return [...root.attributes].map((a) => `${a.name}=${a.value.split(" ").sort().join(" ")}`).sort();
};
document.addEventListener("readystatechange", () => {
  if (document.readyState === "interactive") window.__htmlAtParseEnd = window.__htmlState();
});
"""


@pytest.mark.parametrize("path", ["", "notebooks/01-first-neural-network/"])
def test_material_start_up_changes_nothing_on_html(page, site_url, path):
    page.add_init_script(RECORD_HTML_AT_PARSE_END)
    page.goto(site_url + path)  # `load` comes after the deferred scripts, Material's bundle too
    before, after = page.evaluate("[window.__htmlAtParseEnd, window.__htmlState()]")
    assert "no-js" not in " ".join(after)
    assert before == after, (
        "Material's bundle changed <html> at start-up, which restyles every element; "
        f"set the same in assets/main.html (extrahead). Before: {before}, after: {after}"
    )


def click_toggle(page) -> None:
    # A script click, not a mouse one: a hover would start transitions of its own.
    page.evaluate(f"document.querySelector('{PALETTE_TOGGLE}').click()")


def test_switching_the_palette_runs_no_colour_transitions(page, site_url):
    page.goto(site_url + "python/")
    click_toggle(page)  # system preference → light: the same colours
    assert color_scheme(page) == "default"
    page.evaluate("""() => {
      window.__colourTransitions = [];
      document.addEventListener("transitionrun", (event) => {
        if (event.propertyName.includes("color")) {
          window.__colourTransitions.push(`${event.propertyName} on ${event.target.tagName}`);
        }
      });
    }""")
    click_toggle(page)  # light → dark: link, header and text colours all change
    assert color_scheme(page) == "slate"
    page.wait_for_function("!document.body.hasAttribute('data-palette-switching')")
    settle(page)  # a transition the switch started would have run (and been recorded) by now
    assert page.evaluate("window.__colourTransitions") == []


def test_the_switching_attribute_is_set_only_during_a_switch(page, site_url):
    page.goto(site_url + "python/")  # Material's bundle has run: `load` follows deferred scripts
    assert not page.evaluate("document.body.hasAttribute('data-palette-switching')")
    switching = page.evaluate(f"""() => {{
      document.querySelector('{PALETTE_TOGGLE}').click();
      return document.body.hasAttribute('data-palette-switching');
    }}""")
    assert switching, "a palette switch should pause transitions"
    page.wait_for_function("!document.body.hasAttribute('data-palette-switching')")
