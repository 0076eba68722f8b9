"""Typed resource links such as ``[@video@Title](url)``: their types and how to read them.

A resource link names its type between two ``@`` signs. This module is the one definition of
that syntax: `find_typed_links` is what every reader uses (the unknown-type check, the Resource
health table, time budgets, the count of resources), so they all count the same links. It skips
fenced code (markup/blocks.py) and inline code. The Markdown extension
scripts/build/markup/typed_links.py checks and renders them; later steps find rendered links by
RESOURCE_CLASS and read their titles with `resource_title`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from scripts.build.markup import blocks

# type -> (label read aloud, Material Design icon name)
RESOURCE_TYPES: dict[str, tuple[str, str]] = {
    "video": ("Video", "play-circle-outline"),
    "course": ("Course", "school-outline"),
    "book": ("Book", "book-open-variant"),
    "paper": ("Paper", "file-document-outline"),
    "article": ("Article", "newspaper-variant-outline"),
    "docs": ("Documentation", "text-box-outline"),
    "tool": ("Tool", "tools"),
    "notebook": ("Notebook", "notebook-outline"),
}

TYPE_NAME = r"[^@\]\n]*"  # any name, so an unknown one can be reported
TYPED_LINK = re.compile(
    rf"\[@(?P<type>{TYPE_NAME})@(?P<title>[^\]\n]*)\]\((?P<url>[^)\s]*)[^)\n]*\)")
TYPE_PREFIX = re.compile(rf"^@(?P<type>{TYPE_NAME})@")  # a rendered link's text: "@video@Title"
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
RESOURCE_CLASS = "resource-link"  # the mark later steps select resource links by
# The parts of a rendered link that are ours, not its title: icon and read-aloud type.
LINK_DECORATIONS = ("resource-link__icon", "resource-link__type")


@dataclass(frozen=True)
class TypedLink:
    line: int  # 1-based, counted from the `first_line` given
    type: str  # as written: may be unknown
    title: str  # without surrounding spaces
    url: str
    start: int  # columns of the whole `[@type@title](url)` in its line
    end: int


@dataclass(frozen=True)
class UnknownType:
    line: int
    name: str


def links_in_line(line: str, number: int = 1) -> list[TypedLink]:
    """The typed links of one prose line, in order; none inside inline code."""
    code = [match.span() for match in INLINE_CODE.finditer(line)]
    return [TypedLink(number, m["type"], m["title"].strip(), m["url"], m.start(), m.end())
            for m in TYPED_LINK.finditer(line)
            if not any(start <= m.start() < end for start, end in code)]


def find_typed_links(markdown: str, first_line: int = 1) -> Iterator[TypedLink]:
    """Every typed link of a Markdown text, outside fenced and inline code, in order."""
    for number, line in blocks.prose_lines(markdown, first_line):
        if "[@" in line:
            yield from links_in_line(line, number)


def find_unknown_types(markdown: str) -> list[UnknownType]:
    """Return every typed link whose type is not in RESOURCE_TYPES, skipping code."""
    return [UnknownType(link.line, link.type) for link in find_typed_links(markdown)
            if link.type not in RESOURCE_TYPES]


def unknown_type_message(src_path: str, problem: UnknownType) -> str:
    known = ", ".join(RESOURCE_TYPES)
    return (
        f"{src_path}:{problem.line}: unknown resource type '@{problem.name}@'. "
        f"Use one of: {known}."
    )


def resource_links(root) -> list:
    """The rendered resource links of a page, in document order."""
    return [a for a in root.iter("a") if RESOURCE_CLASS in (a.get("class") or "").split()]


def resource_title(anchor) -> str:
    """The title a reader sees, without the hidden type label and the icon (ElementTree API,
    so Python-Markdown's tree, where the icon is a stash placeholder, reads as lxml's does)."""
    parts = [anchor.text or ""]
    for child in anchor:
        if (child.get("class") or "") not in LINK_DECORATIONS:
            parts.extend(child.itertext())
        parts.append(child.tail or "")
    return "".join(parts).strip()
