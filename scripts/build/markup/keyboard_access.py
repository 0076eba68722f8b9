"""Keyboard access on Markdown's own tree: what a mouse reaches, a keyboard reaches too.

- Glossary terms (<abbr title>, from the abbr extension and docs/glossary-terms.md) outside
  links and buttons get tabindex="0": their tooltip opens on focus (scripts/build/glossary.py).
- pymdownx.tabbed's tab strips, which scroll sideways on a phone, join the tab order, and so
  does the paragraph of a lone diagram of ours (scripts/build/keyboard.py).

The same functions edit notebook pages' HTML in the hooks: mkdocs-jupyter renders those.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from scripts.build import keyboard

# After abbr (7) marked the terms and pymdownx.tabbed built its strips (block stage).
PRIORITY = 4


class KeyboardAccess(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        keyboard.make_reachable(root)


class KeyboardAccessExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(KeyboardAccess(md), "guide_keyboard_access", PRIORITY)


def makeExtension(**kwargs) -> KeyboardAccessExtension:  # noqa: N802 - Python-Markdown's name
    return KeyboardAccessExtension(**kwargs)
