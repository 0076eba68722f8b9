"""Typed resource links such as ``[@video@Title](url)``: their types and how to read them.

A resource link names its type between two ``@`` signs. The Markdown extension
pipeline/markup/typed_links.py checks and renders them; later steps find rendered links by
RESOURCE_CLASS and read their titles with `resource_title`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
# The parts of a rendered link that are ours, not its title: icon and read-aloud type.
LINK_DECORATIONS = ("resource-link__icon", "resource-link__type")
FENCE = re.compile(r"^\s*(```|~~~)")


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


def check_typed_links(src_path: str, source: str) -> None:
    """Fail with every unknown type, file and line; scan the whole file for true line numbers."""
    problems = find_unknown_types(source)
    if problems:
        raise ValueError("\n".join(unknown_type_message(src_path, p) for p in problems))
