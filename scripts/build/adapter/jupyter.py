"""The internals of mkdocs-jupyter (0.26.3) and nbconvert (7.17.2) that the build depends on.

tests/build/test_pl_adapter.py converts a small notebook with the installed mkdocs-jupyter and
checks that each name here is still in what it writes.
"""

from __future__ import annotations

from pathlib import Path

import mkdocs_jupyter

ASSETS = Path(mkdocs_jupyter.__file__).parent / "templates" / "mkdocs_html" / "assets"
# The copy buttons' helper, which mkdocs-jupyter inlines into every notebook page; the build
# ships it once as javascripts/notebooks.js (scripts/build/notebook_page.py).
CLIPBOARD_JS = ASSETS / "clipboard.umd.js"


def clipboard_script() -> str:
    return CLIPBOARD_JS.read_text("utf-8")


def is_css_list_repr(style_text: str) -> bool:
    """mkdocs-jupyter also writes the Python repr of its CSS list into a <style>: not CSS."""
    return style_text.strip().startswith("[")


# --- nbconvert's lab template (with mkdocs-jupyter's renames): the classes our code reads.
# A cell's div; the lab template nests a second one of the same class inside each cell.
CELL = "jp-Cell"
CODE_CELL = "jp-CodeCell"
MARKDOWN_CELL = "jp-MarkdownCell"
RENDERED_MARKDOWN = "jp-RenderedMarkdown"
ANCHOR_LINK = "anchor-link"  # the "¶" link nbconvert adds to each heading
OUTPUT = "jp-OutputArea-output"
# mkdocs-jupyter renames Pygments' .highlight to this, for code cells.
CODE_BOX = "highlight-ipynb"
WRAPPER = "jupyter-wrapper"  # around the whole notebook
# mkdocs-jupyter's "Copied!" element beside each copy button (notebook_page.COPY_NOTICE_JS).
COPY_NOTICE = "notice"

# The classes our stylesheets select (assets/stylesheets/a11y.css, notebook-overrides.css).
STYLESHEET_CLASSES = frozenset({
    WRAPPER, CODE_BOX, CODE_CELL, "jp-Notebook", "jp-InputPrompt", "jp-OutputPrompt",
    "jp-RenderedHTML", "jp-RenderedHTMLCommon", "jp-RenderedImage", "jp-RenderedText",
    "celltoolbar", "tag-container", "cell-tag", "ansi-red-fg", "ansi-green-fg", "ansi-yellow-fg",
    "ansi-blue-fg", "ansi-magenta-fg", "ansi-cyan-fg",
})
