"""What the site search indexes for a notebook page: its headings, text and code, once each.

Material's search plugin indexes `page.content` as it is. On a notebook page that is about
120 KB of cells nested ten deep, with a <span> for every Pygments token, and indexing the eight
notebook pages took Material's parser about 1 s, most of a serve rebuild's extra time. What it
indexed was also noisy: "In [1]:" prompts, cell tags, "Copied!", every code cell twice (the copy
button keeps a hidden copy of the source), outputs such as training logs, a "¶" at the end of
every heading title, and code filed under the page's first entry instead of its own section,
because nbconvert nests each heading inside its cell.

The search view is what a reader searches for, flat and in page order: the rendered Markdown
of each Markdown cell (headings keep their ids, so results still open at the right section)
and the source of each code cell as one <pre>. Outputs, prompts and buttons are left out.
"""

from __future__ import annotations

import copy
import html

from scripts.build.adapter import jupyter
from scripts.build.document import has_class, outermost_with_class, serialize, with_class


def markdown_html(cell) -> str:
    """A Markdown cell's rendered HTML, without the "¶" links nbconvert adds to headings."""
    rendered = with_class(cell, jupyter.RENDERED_MARKDOWN)
    if not rendered:
        return ""
    rendered = copy.deepcopy(rendered[0])  # the page keeps its anchor links
    for link in with_class(rendered, jupyter.ANCHOR_LINK, "a"):
        link.drop_tree()
    return serialize(rendered)


def code_html(cell) -> str:
    """A code cell's source (not its outputs) as one <pre>."""
    pre = next((box.find(".//pre") for box in with_class(cell, jupyter.CODE_BOX)), None)
    if pre is None:
        return ""
    return f"<pre>{html.escape(pre.text_content(), quote=False)}</pre>"


def search_view(root) -> str:
    """The HTML that search indexes instead of the notebook page's content."""
    parts = []
    # Each cell once: nbconvert's lab template nests a cell's div inside another of its own.
    for cell in outermost_with_class(root, jupyter.CELL, "div"):
        if has_class(cell, jupyter.MARKDOWN_CELL):
            parts.append(markdown_html(cell))
        elif has_class(cell, jupyter.CODE_CELL):
            parts.append(code_html(cell))
    return "\n".join(part.strip() for part in parts if part.strip())
