"""The internals of Material for MkDocs (9.8.2) that the build and assets/ depend on.

Each block says what we use it for and where; tests/build/test_pl_adapter.py checks that each
one is still in the installed Material.
"""

from __future__ import annotations

import re
from pathlib import Path

import material

TEMPLATES = Path(material.__file__).parent / "templates"
BUNDLE = "assets/javascripts/bundle.*.min.js"  # Material's one script, under TEMPLATES and site/

# --- Palette switching (scripts/build/palette_switching.py, assets/main.html) ------------------
# Material's palette CSS pauses transitions under this attribute, which its bundle sets and
# clears on <body> at every page load; we rename it in the built CSS.
SWITCHING_ATTRIBUTE = "data-md-color-switching"
PALETTE_CSS = "assets/stylesheets/palette.*.min.css"
# The name of the palette toggle's radio inputs (partials/palette.html): assets/main.html sets
# our attribute when one of them changes.
PALETTE_INPUT = "__palette"

# --- Instant navigation (assets/main.html, scripts/build/offline.py) ---------------------------
# Its resolve() self-assigns `el.href = el.href` on every [href] element, which throws on an
# SVG <a> (read-only href): main.html gives SVGAElement a setter first.
HREF_SELF_ASSIGN = re.compile(
    r'for\(let (\w+) of \w+\("\[href\], \[src\]",\w+\)\)for\(let (\w+) of\["href","src"\]\)'
    r".{0,120}?\1\[\2\]=\1\[\2\]")
INSTANT_FEATURES = ("navigation.instant", "navigation.instant.progress",
                    "navigation.instant.prefetch")

# --- Start-up classes (assets/main.html) -------------------------------------------------------
# base.html starts <html> as `no-js`; the bundle swaps it for `js` and its focus-visible polyfill
# adds a class and an attribute. main.html sets all of them before the page is styled.
NO_JS_CLASS = "no-js"
JS_CLASS = "js"
FOCUS_VISIBLE_CLASS = "js-focus-visible"
FOCUS_VISIBLE_ATTRIBUTE = "data-js-focus-visible"

# --- The offline plugin (scripts/build/offline.py) ---------------------------------------------
OFFLINE_PLUGIN = "material/offline"
# Undocumented: base.html loads each URL of config.extra["polyfills"] before the bundle; the
# offline plugin adds the iframe-worker shim (from unpkg.com) there unless one is listed.
POLYFILLS = "polyfills"
IFRAME_WORKER = "iframe-worker"


def offline_enabled(config) -> bool:
    plugin = config.plugins.get(OFFLINE_PLUGIN)
    return bool(plugin and plugin.config.enabled)


def polyfills(config) -> list[str]:
    return list(config.extra.get(POLYFILLS, []))


def set_polyfills(config, urls: list[str]) -> None:
    config.extra[POLYFILLS] = urls


# --- The search plugin (scripts/build/mkdocs_hooks.py on_page_context) -------------------------
# It indexes page.content in on_page_context at priority 0: the hooks swap a notebook page's
# content for its search view before (priority 50) and back after (priority -50).
SEARCH_PLUGIN_EVENT = "on_page_context"
SEARCH_PLUGIN_PRIORITY = 0

# --- Partials copied from Material 9.8.2 into assets/partials/, with the hash of the upstream
# file they were copied from: when upstream changes, copy it again and re-apply our change.
COPIED_PARTIALS = {
    # aria-label on the dialog (axe: aria-dialog-name)
    "search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    # without data-md-component="source", which calls api.github.com from every page
    "source.html": "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
    # aria-hidden instead of an unnamed progressbar (axe: aria-progressbar-name, region)
    "progress.html": "f7596002950a7d9f415e1d10d6da4e87af6039f854911875b680ea70522360f4",
}

# --- Material's undocumented classes that our stylesheets and scripts select, and where.
# Documented ones (.md-typeset, .md-button, data-md-color-scheme, --md-* colors) are public.
PUBLIC_CLASSES = frozenset({"md-typeset", "md-button", "md-button--primary"})
INTERNAL_CLASSES = {
    "md-code__nav": ("assets/javascripts/a11y.js",),
    "md-skip": ("assets/javascripts/a11y.js",),
    "md-search__input": ("assets/stylesheets/a11y.css",),
}
