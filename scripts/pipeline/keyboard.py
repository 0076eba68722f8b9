"""Boxes that may scroll sideways join the tab order, decided here and not from layout.

A scroll box that no keyboard can reach cannot be scrolled without a mouse (axe:
scrollable-region-focusable). Which boxes overflow depends on the screen, and notebook cells
render lazily, so the build marks every box that *may* scroll; see notebook_page.py for the
notebook cells.
"""

from __future__ import annotations

from pipeline.document import with_class

# pymdownx.tabbed (alternate style) puts the tab labels in one row that scrolls on a phone.
TAB_STRIP = "tabbed-labels"


def focusable_tab_strips(root) -> None:
    for strip in with_class(root, TAB_STRIP):
        if strip.get("tabindex") is None:
            strip.set("tabindex", "0")
