"""MkDocs hook: render typed resource links such as ``[@video@Title](url)``.

A resource link names its type between two ``@`` signs. The build fails on an
unknown type, naming the file and line. Rendered links get a type icon (hidden
from screen readers) and a visually hidden type label that screen readers read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import material
from mkdocs.exceptions import PluginError

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
HTML_TYPED_LINK = re.compile(r"<a (?P<attrs>[^>]*)>@(?P<type>[^@<]*)@")
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
        f"{src_path}:{problem.line}: unknown resource type '@{problem.name}@'. Use one of: {known}."
    )


def icon_svg(icon_name: str) -> str:
    return (ICON_DIR / f"{icon_name}.svg").read_text(encoding="utf-8").strip()


def render_typed_link(match: re.Match[str]) -> str:
    kind = match.group("type")
    if kind not in RESOURCE_TYPES:
        return match.group(0)  # validation in on_page_markdown reports it with a line number
    label, icon = RESOURCE_TYPES[kind]
    return (
        f'<a {match.group("attrs")} class="resource-link" data-resource-type="{kind}">'
        f'<span class="resource-link__icon" aria-hidden="true">{icon_svg(icon)}</span>'
        f'<span class="resource-link__type">{html.escape(label)}: </span>'
    )


def render_typed_links(page_html: str) -> str:
    """Turn ``<a href=...>@type@Title</a>`` into an icon, a hidden label and the title."""
    return HTML_TYPED_LINK.sub(render_typed_link, page_html)


def on_page_markdown(markdown, page, **kwargs):
    # Scan the whole source file so line numbers count the front matter too.
    problems = find_unknown_types(page.file.content_string)
    if problems:
        raise PluginError("\n".join(unknown_type_message(page.file.src_uri, p) for p in problems))
    return markdown


def on_page_content(html_text, page, **kwargs):
    return render_typed_links(html_text)
