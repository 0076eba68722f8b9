"""Typed resource links such as ``[@video@Title](url)``: checked in Markdown, rendered in HTML.

A resource link names its type between two ``@`` signs. The build fails on an
unknown type, naming the file and line. Rendered links get a type icon (hidden
from screen readers) and a visually hidden type label that screen readers read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import material
from lxml import html as lxml_html

from pipeline.document import add_class, element

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

MARKDOWN_TYPED_LINK = re.compile(r"\[@([^@\]\n]*)@[^\]\n]*\]\(")
TYPE_PREFIX = re.compile(r"^@(?P<type>[^@<]*)@")
RESOURCE_CLASS = "resource-link"  # the mark later steps select resource links by
FENCE = re.compile(r"^\s*(```|~~~)")
ICON_DIR = Path(material.__file__).parent / "templates" / ".icons" / "material"


@dataclass(frozen=True)
class UnknownType:
    line: int
    name: str


def find_unknown_types(markdown: str) -> list[UnknownType]:
    """Return every typed link whose type is not in RESOURCE_TYPES, skipping code blocks."""
    unknown: list[UnknownType] = []
    in_fence = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in MARKDOWN_TYPED_LINK.finditer(line):
            if match.group(1) not in RESOURCE_TYPES:
                unknown.append(UnknownType(number, match.group(1)))
    return unknown


def unknown_type_message(src_path: str, problem: UnknownType) -> str:
    known = ", ".join(RESOURCE_TYPES)
    return (
        f"{src_path}:{problem.line}: unknown resource type '@{problem.name}@'. "
        f"Use one of: {known}."
    )


@cache
def icon_svg(icon_name: str) -> str:
    return (ICON_DIR / f"{icon_name}.svg").read_text(encoding="utf-8").strip()


def render_typed_link(anchor) -> None:
    """``<a href>@type@Title</a>`` -> an icon, a label read aloud, the title; marked once."""
    match = TYPE_PREFIX.match(anchor.text or "")
    if not match or match["type"] not in RESOURCE_TYPES:
        return  # the Markdown check reports unknown types with a line number
    label, icon = RESOURCE_TYPES[match["type"]]
    anchor.text = anchor.text[match.end():]
    add_class(anchor, RESOURCE_CLASS)
    anchor.set("data-resource-type", match["type"])
    icon_span = element(
        f'<span class="resource-link__icon" aria-hidden="true">{icon_svg(icon)}</span>'
    )
    label_span = lxml_html.Element("span", {"class": "resource-link__type"})
    label_span.text = f"{label}: "
    label_span.tail, anchor.text = anchor.text, None
    anchor.insert(0, label_span)
    anchor.insert(0, icon_span)


def render_typed_links(root) -> None:
    for anchor in root.iter("a"):
        render_typed_link(anchor)


def resource_links(root) -> list:
    """The rendered resource links of a page, in document order."""
    return [a for a in root.iter("a") if RESOURCE_CLASS in (a.get("class") or "").split()]


def resource_title(anchor) -> str:
    """The title a reader sees, without the hidden type label."""
    label = anchor.find("span[@class='resource-link__type']")
    text = anchor.text_content()
    if label is not None:
        text = text.replace(label.text_content(), "", 1)
    return text.strip()


def check_typed_links(src_path: str, source: str) -> None:
    """Fail with every unknown type, file and line; scan the whole file for true line numbers."""
    problems = find_unknown_types(source)
    if problems:
        raise ValueError("\n".join(unknown_type_message(src_path, p) for p in problems))
