"""The markup that assets/javascripts/progress.js brings to life.

The controls are part of the HTML (so nothing moves when the script runs) and are hidden while
the page has Material's ``no-js`` class. Section pages (numbered nav titles) and notebook pages
get a "Mark as done" button; every resource line gets a "done" checkbox; the home page gets
the number of resources per section on its map nodes, and the export/import/reset panel.

Markdown pages get them from the extension scripts/build/markup/progress_markup.py, notebook
pages ("Mark as done" only: they list no resources) from the hooks.
"""

from __future__ import annotations

import html
import re

from scripts.build.document import add_class, element, elements, parent_map
from scripts.build.typed_links import resource_links, resource_title

MAP_NODE = re.compile(r'(<a [^>]*data-section="(?P<slug>[^"]+)")')

MARK_DONE = (
    '<div class="progress-ui progress-mark">'
    '<button type="button" class="md-button progress-mark__button" aria-pressed="false" '
    'data-progress-toggle>Mark as done</button>'
    '<span class="progress-mark__note">Saved in this browser only.</span></div>'
)

PANEL = """<div class="progress-ui progress-panel" id="progress-panel">
<h3 id="your-progress">Your progress</h3>
<p data-progress-summary>You have not marked anything as done yet.</p>
<p class="progress-panel__note">Your progress is stored in this browser only: no account, no
cookies, nothing sent anywhere. Export it to keep a copy or to move it to another browser.</p>
<div class="progress-panel__actions">
<button type="button" class="md-button" data-progress-export>Export progress</button>
<button type="button" class="md-button" data-progress-import>Import progress</button>
<input type="file" accept=".json,application/json" data-progress-file hidden>
<button type="button" class="md-button" data-progress-reset>Reset progress</button>
</div>
<p class="progress-panel__message" role="status" aria-live="polite" data-progress-message></p>
</div>"""


def line_start_item(anchor, parents: dict):
    """The <li> that `anchor` starts (directly or in the item's first <p>), else None."""
    parent = parents.get(anchor)
    if not starts(parent, anchor):
        return None
    if parent.tag == "li":
        return parent
    item = parents.get(parent) if parent.tag == "p" else None
    return item if item is not None and item.tag == "li" and starts(item, parent) else None


def starts(container, child) -> bool:
    """Is `child` the first thing in `container`, with no text before it?"""
    return (container is not None and list(container).index(child) == 0
            and not (container.text or "").strip())


def checkbox_html(url: str, title: str) -> str:
    """The labelled "done" checkbox at the start of a resource line."""
    return (f'<label class="progress-ui progress-resource"><input type="checkbox" '
            f'data-progress-resource="{html.escape(url)}"><span class="visually-hidden">'
            f"Done: {html.escape(title, quote=False)}</span></label>")


def add_resource_checkboxes(root, parse=element) -> int:
    """Put a labelled "done" checkbox at the start of every resource line; return the count.

    `parse` makes an element of the tree's kind from HTML: written to the ElementTree API, this
    edits Python-Markdown's tree and lxml's alike.
    """
    count, parents = 0, parent_map(root)
    for anchor in resource_links(root):
        item = line_start_item(anchor, parents)
        if item is None:
            continue
        count += 1
        add_class(item, "progress-resource-item")
        parent = parents[anchor]
        parent.insert(list(parent).index(anchor),
                      parse(checkbox_html(anchor.get("href", ""), resource_title(anchor))))
    return count


def add_map_totals(page_html: str, totals: dict[str, int]) -> str:
    """Tell each learning-map node how many resources its section lists."""
    def total(match: re.Match[str]) -> str:
        count = totals.get(match["slug"], 0)
        return f'{match.group(1)} data-resource-total="{count}"'

    return MAP_NODE.sub(total, page_html)


def add_mark_done(root, parse=elements) -> None:
    """The "Mark as done" button at the page's end; `parse` makes elements of the tree's kind."""
    root.extend(parse(MARK_DONE))
