"""One parsed lxml tree per page for the steps on HTML: notebook pages (mkdocs-jupyter's HTML)
and the offline copy's links; Markdown pages are edited on Python-Markdown's own tree.

lxml's parser (libxml2) is ~50x faster than BeautifulSoup with html.parser on notebook pages.
"""

from __future__ import annotations

import copy
import html
from functools import cache

from lxml import html as lxml_html

# Notebook pages hold base64 images of several MB: libxml2 refuses such text nodes by default.
PARSER = lxml_html.HTMLParser(huge_tree=True, remove_comments=False, remove_blank_text=False)


def parse(fragment: str):
    """The page content as children of one <div> that `serialize` leaves out again."""
    return lxml_html.fragment_fromstring(fragment or "", create_parent="div", parser=PARSER)


def serialize(root) -> str:
    """The content of `root` as HTML. Whitespace-only text before the first element is left
    out, as `parse` leaves it out: a page serialized once reads the same as one re-parsed."""
    text = root.text if (root.text or "").strip() else ""
    text = html.escape(text, quote=False)
    return text + "".join(
        lxml_html.tostring(child, encoding="unicode", method="html") for child in root
    )


@cache
def _parsed_snippet(snippet: str) -> tuple:
    root = parse(snippet)
    return root.text or "", tuple(root)


def elements(snippet: str) -> list:
    """Fresh copies of the elements of an HTML snippet (parsed once, copied on every use)."""
    return [copy.deepcopy(element) for element in _parsed_snippet(snippet)[1]]


def element(snippet: str):
    """The one element an HTML snippet holds."""
    found = elements(snippet)
    if len(found) != 1:
        raise ValueError(f"expected one element, got {len(found)}: {snippet[:60]!r}")
    return found[0]


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def has_class(element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def add_class(element, name: str) -> None:
    if not has_class(element, name):
        element.set("class", f"{element.get('class') or ''} {name}".strip())


def with_class(root, name: str, tag: str = "*") -> list:
    """Every descendant element carrying the class `name` (no cssselect dependency)."""
    return root.xpath(
        f"descendant::{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    )


def outermost_with_class(root, name: str, tag: str = "*") -> list:
    """`with_class`, leaving out those inside another of the same class (nbconvert nests them)."""
    return [element for element in with_class(root, name, tag)
            if not any(has_class(a, name) for a in element.iterancestors())]


def parent_map(root) -> dict:
    """Each element's parent, for trees without `getparent` (Python-Markdown's ElementTree)."""
    return {child: parent for parent in root.iter() for child in parent}


def insert_after(anchor, new) -> None:
    """Put `new` right after `anchor`, keeping the text that followed `anchor` after `new`."""
    new.tail, anchor.tail = anchor.tail, None
    anchor.addnext(new)


def append_text(element, text: str) -> None:
    """Add text at the very end of `element`'s content."""
    children = list(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def text_content(element) -> str:
    return element.text_content()
