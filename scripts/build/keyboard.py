"""Boxes that may scroll sideways join the tab order, decided here and not from layout.

A scroll box that no keyboard can reach cannot be scrolled without a mouse (axe:
scrollable-region-focusable). Which boxes overflow depends on the screen, and notebook cells
render lazily, so the build marks every box that *may* scroll; see notebook_page.py for the
notebook cells.
"""

from __future__ import annotations

from scripts.build import glossary
from scripts.build.document import add_class, has_class

# pymdownx.tabbed (alternate style) puts the tab labels in one row that scrolls on a phone.
TAB_STRIP = "tabbed-labels"
# Our diagrams (scripts/figures/) are 640 px wide; on a phone extra.css keeps them at least
# 560 px wide so their labels stay readable (about 11 px, not 7), and their paragraph scrolls.
FIGURE_SRC = "images/figures/"
FIGURE_BOX = "figure-scroll"


def focusable_tab_strips(root) -> None:
    """(ElementTree API: Python-Markdown's tree and lxml's alike.)"""
    for strip in root.iter():
        if has_class(strip, TAB_STRIP) and strip.get("tabindex") is None:
            strip.set("tabindex", "0")


def scrollable_figures(root) -> None:
    """A diagram alone in its paragraph: the paragraph becomes a keyboard-reachable scroll box."""
    for box in root.iter("p"):
        if len(box) != 1 or box[0].tag != "img" or FIGURE_SRC not in box[0].get("src", ""):
            continue
        if (box.text or "").strip() or (box[0].tail or "").strip():
            continue  # an image inside running text stays as it is
        add_class(box, FIGURE_BOX)
        box.set("tabindex", "0")


def make_reachable(root) -> None:
    """Every step above plus focusable glossary terms: what a mouse reaches, a keyboard reaches.

    One list for both trees: Markdown pages (markup/keyboard_access.py) and notebook pages."""
    glossary.focusable_abbreviations(root)
    focusable_tab_strips(root)
    scrollable_figures(root)
