"""Boxes that may scroll sideways join the tab order, decided here and not from layout.

A scroll box that no keyboard can reach cannot be scrolled without a mouse (axe:
scrollable-region-focusable). Which boxes overflow depends on the screen, and notebook cells
render lazily, so the build marks every box that *may* scroll; see notebook_page.py for the
notebook cells.
"""

from __future__ import annotations

from scripts.build.document import add_class, with_class

# pymdownx.tabbed (alternate style) puts the tab labels in one row that scrolls on a phone.
TAB_STRIP = "tabbed-labels"
# Our diagrams (scripts/figures/) are 640 px wide; on a phone extra.css keeps them at least
# 560 px wide so their labels stay readable (about 11 px, not 7), and their paragraph scrolls.
FIGURE_SRC = "images/figures/"
FIGURE_BOX = "figure-scroll"


def focusable_tab_strips(root) -> None:
    for strip in with_class(root, TAB_STRIP):
        if strip.get("tabindex") is None:
            strip.set("tabindex", "0")


def scrollable_figures(root) -> None:
    """A diagram alone in its paragraph: the paragraph becomes a keyboard-reachable scroll box."""
    for image in root.iter("img"):
        box = image.getparent()
        if FIGURE_SRC not in image.get("src", "") or box is None or box.tag != "p":
            continue
        if len(box) != 1 or (box.text or "").strip() or (image.tail or "").strip():
            continue  # an image inside running text stays as it is
        add_class(box, FIGURE_BOX)
        box.set("tabindex", "0")
