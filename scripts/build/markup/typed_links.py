"""Typed resource links, `[@video@Title](url)`: the type is checked and the link rendered.

An unknown type fails the build, naming the file and line. A rendered link carries the
`resource-link` class (later steps select resource links by it), a type icon hidden from
screen readers and a visually hidden type label that screen readers read: "Video: Title".
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from scripts.build import typed_links
from scripts.build.markup.generator import icon_svg, page_location

CHECK_PRIORITY = 37
# After inline patterns made the links (20) and glossary abbreviations were marked (7): the
# label "Video: " is ours, not the author's text, and is never a glossary term.
RENDER_PRIORITY = 6


class TypedLinkCheck(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        problems = typed_links.find_unknown_types("\n".join(lines))
        if problems:
            where = page_location(self.md)
            offset = where.first_line - 1
            raise ValueError("\n".join(
                typed_links.unknown_type_message(where.path, typed_links.UnknownType(
                    p.line + offset, p.name)) for p in problems))
        return lines


class TypedLinkRenderer(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for anchor in root.iter("a"):
            match = typed_links.TYPE_PREFIX.match(anchor.text or "")
            if match and match["type"] in typed_links.RESOURCE_TYPES:
                self.render(anchor, match)

    def render(self, anchor: etree.Element, match) -> None:
        label, icon = typed_links.RESOURCE_TYPES[match["type"]]
        classes = (anchor.get("class") or "").split()
        anchor.set("class", " ".join([*classes, typed_links.RESOURCE_CLASS]))
        anchor.set("data-resource-type", match["type"])
        icon_span = etree.Element("span", {"class": "resource-link__icon",
                                           "aria-hidden": "true"})
        icon_span.text = self.md.htmlStash.store(icon_svg(icon))  # raw SVG, kept as written
        label_span = etree.Element("span", {"class": "resource-link__type"})
        label_span.text = f"{label}: "
        label_span.tail = anchor.text[match.end():]
        anchor.text = None
        anchor.insert(0, label_span)
        anchor.insert(0, icon_span)


class TypedLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(TypedLinkCheck(md), "guide_typed_link_check", CHECK_PRIORITY)
        md.treeprocessors.register(TypedLinkRenderer(md), "guide_typed_links", RENDER_PRIORITY)


def makeExtension(**kwargs) -> TypedLinksExtension:  # noqa: N802 - Python-Markdown's name
    return TypedLinksExtension(**kwargs)
