"""Make mkdocs-jupyter's notebook pages light, same-origin and accessible.

- Collects the ~590 KB of CSS inlined into every notebook page, for one pruned, shared
  stylesheet (stylesheets/notebooks.css, a few KB; see notebook_css.py), linked from every page
  so that it also applies after instant navigation, which does not load a new page's <head>.
- Drops nbconvert's scripts (MathJax/mermaid loaders from cdnjs, clipboard helper); the helper
  ships once as javascripts/notebooks.js instead.
- Writes output images as files next to the page, with width/height and real alt text taken from
  the cell's `metadata.alt` or else from the Markdown cell before it.
- Empty header cells of pandas tables become plain cells (axe: empty-table-header).
- Every code and output box that can scroll sideways takes keyboard focus, decided here and not
  from layout in the browser: cells render lazily, so layout is unknown until scrolled to.
- Takes the page's search view (notebook_search.py) before adding the buttons.
- Puts the Colab / download / source buttons and the "Verified" note under the title.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field

from scripts.build.adapter import jupyter
from scripts.build.document import (
    elements,
    insert_after,
    outermost_with_class,
    with_class,
)
from scripts.build.notebook_search import search_view
from scripts.build.text import markdown_to_text, shorten
from scripts.notebooks.notebook_meta import cell_source

STYLESHEET = "stylesheets/notebooks.css"  # written by the build
OVERRIDES = "stylesheets/notebook-overrides.css"  # ours, in assets/; must follow STYLESHEET
SCRIPT = "javascripts/notebooks.js"
DATA_URI = re.compile(r"^data:image/(png|jpeg|gif);base64,(.*)$", re.S)
NO_ALT = "No description has been provided"
FALLBACK_ALT = "Output figure of the code cell above"
ALT_LIMIT = 250


@dataclass
class NotebookPage:
    """What one notebook page hands to the build besides its HTML."""

    css: list[str] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)
    classes: set[str] = field(default_factory=set)
    search_html: str = ""  # what search indexes instead of the page (notebook_search.py)


def to_cache(found: NotebookPage, html: str) -> dict:
    """The page's HTML and everything it hands to the build, as JSON for disk_cache."""
    return {"html": html, "css": found.css, "classes": sorted(found.classes),
            "search_html": found.search_html,
            "images": {name: base64.b64encode(data).decode("ascii")
                       for name, data in found.images.items()}}


def from_cache(data: dict) -> tuple[NotebookPage, str]:
    found = NotebookPage(css=data["css"], classes=set(data["classes"]),
                         search_html=data["search_html"],
                         images={name: base64.b64decode(text)
                                 for name, text in data["images"].items()})
    return found, data["html"]


def is_notebook_page(src_uri: str) -> bool:
    return src_uri.startswith("notebooks/") and src_uri.endswith(".ipynb")


def pull_styles_and_scripts(root) -> list[str]:
    """Remove every <style>, <script> and <link> from the content; return the CSS texts."""
    css = []
    for tag in list(root.iter("style", "script", "link")):
        text = tag.text or ""
        if tag.tag == "style" and not jupyter.is_css_list_repr(text):
            css.append(text)
        tag.drop_tree()
    return css


def alt_texts(notebook: dict) -> list[str]:
    """One alt text per code cell: its metadata.alt, else the Markdown cell before it."""
    alts, previous_markdown = [], ""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            previous_markdown = markdown_to_text(cell_source(cell))
        elif cell.get("cell_type") == "code":
            own = cell.get("metadata", {}).get("alt")
            alts.append(own or shorten(previous_markdown, ALT_LIMIT, at_sentence=True))
    return alts


def png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return None


def move_images_out(root) -> dict[str, bytes]:
    """Replace data-URI images with files named by content hash (cacheable)."""
    files = {}
    for img in root.iter("img"):
        match = DATA_URI.match(img.get("src", ""))
        if not match:
            continue
        kind, payload = match.groups()
        data = base64.b64decode(payload)
        name = f"figure-{hashlib.sha256(data).hexdigest()[:12]}.{kind}"
        files[name] = data
        img.set("src", name)
        img.set("loading", "lazy")
        if size := png_size(data):
            img.set("width", str(size[0]))
            img.set("height", str(size[1]))
    return files


def code_cells(root) -> list:
    # nbconvert's lab template nests a code cell's div inside each cell's own one.
    return outermost_with_class(root, jupyter.CODE_CELL, "div")


def apply_alt_texts(root, alts: list[str]) -> None:
    for cell, alt in zip(code_cells(root), alts, strict=False):
        for img in cell.iter("img"):
            if not img.get("alt") or NO_ALT in img.get("alt"):
                img.set("alt", alt)
    # A cell with no usable text before it must still not say "no description".
    for img in root.iter("img"):
        if NO_ALT in img.get("alt", ""):
            img.set("alt", FALLBACK_ALT)


def demote_empty_headers(root) -> None:
    """pandas writes the corner above a row index as <th></th>: a header that labels nothing."""
    for cell in list(root.iter("th")):
        if len(cell) == 0 and not (cell.text or "").replace("\xa0", "").strip():
            cell.tag = "td"


def scroll_box_candidates(root) -> list:
    """Boxes that notebook CSS lets scroll (overflow: auto): code, text output, wide tables."""
    outputs = [box for box in with_class(root, jupyter.OUTPUT)
               if box.find(".//table") is not None or box.find(".//pre") is not None]
    return [*with_class(root, jupyter.CODE_BOX), *outputs, *root.iter("pre")]


def focusable_scroll_boxes(root) -> None:
    """The innermost box of each nest of scroll boxes joins the tab order.

    axe accepts a scroll box that is focusable or holds something focusable, so one tab stop
    per nest is enough wherever the browser ends up scrolling.
    """
    candidates = scroll_box_candidates(root)
    outer_ones = {id(a) for box in candidates for a in box.iterancestors()}
    for box in candidates:
        if id(box) not in outer_ones and box.get("tabindex") is None:
            box.set("tabindex", "0")


def insert_header(root, header_html: str) -> None:
    """The button bar and verified note go right under the page title."""
    heading = next(root.iter("h1"), None)
    parts = elements(header_html)
    if heading is None:
        for index, part in enumerate(parts):
            root.insert(index, part)
        return
    for part in reversed(parts):
        insert_after(heading, part)


def transform(root, notebook: dict, header_html: str) -> NotebookPage:
    """Edit one notebook page's tree in place; return its CSS, image files and classes."""
    found = NotebookPage(css=pull_styles_and_scripts(root), images=move_images_out(root))
    apply_alt_texts(root, alt_texts(notebook))
    demote_empty_headers(root)
    focusable_scroll_boxes(root)
    found.search_html = search_view(root)  # before the buttons join the title's cell
    insert_header(root, header_html)
    found.classes = {name for el in root.iter() if isinstance(el.tag, str)
                     for name in (el.get("class") or "").split()}
    return found


def notebook_script() -> str:
    """javascripts/notebooks.js: the clipboard helper once, plus the "Copied!" notice."""
    return jupyter.clipboard_script() + COPY_NOTICE_JS


# The "Copied!" notice next to each code cell's copy button (from mkdocs-jupyter's template).
COPY_NOTICE_JS = """
document.addEventListener("clipboard-copy", function (event) {
  const notice = event.target.querySelector(".notice");
  if (!notice) return;
  notice.hidden = false;
  setTimeout(function () { notice.hidden = true; }, 1000);
});
"""
