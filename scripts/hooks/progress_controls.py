"""MkDocs hook: the markup that assets/javascripts/progress.js brings to life.

The controls are part of the HTML (so nothing moves when the script runs) and are hidden while
the page has Material's ``no-js`` class. Section pages (numbered nav titles) and notebook pages
get a "Mark as done" button; every resource line gets a "done" checkbox; the home page gets
the number of resources per section on its map nodes, and the export/import/reset panel.
"""

from __future__ import annotations

import html
import re

from mkdocs.plugins import event_priority

RESOURCE_ITEM = re.compile(
    r"<li>(?P<lead>\s*(?:<p>)?\s*)(?P<anchor><a (?P<attrs>[^>]*class=\"resource-link\"[^>]*)>"
    r"(?P<inner>.*?)</a>)",
    re.DOTALL,
)
HREF = re.compile(r'href="([^"]*)"')
TAGS = re.compile(r"<[^>]+>")
HIDDEN_TYPE = re.compile(r'<span class="resource-link__type">.*?</span>', re.DOTALL)
SECTION_TITLE = re.compile(r"^\d+\s")
MAP_NODE = re.compile(r'(<a [^>]*data-section="(?P<slug>[^"]+)")')
MAP_START = re.compile(r'<div[^>]*id="learning-map"[^>]*>')
DIV_TAG = re.compile(r"<(/?)div\b[^>]*>")

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


def page_slug(url: str) -> str:
    """The key progress.js derives from a page URL: 'python/' or 'python.html' -> 'python'."""
    slug = url.split("#")[0].strip("/")
    slug = re.sub(r"(^|/)index\.html$", "", slug)
    return re.sub(r"\.html$", "", slug).strip("/")


def is_trackable(page) -> bool:
    """Section pages have numbered nav titles ("5 Python"); every notebook page counts too."""
    if page.file.src_uri.endswith(".ipynb"):
        return True
    return bool(page.title and SECTION_TITLE.match(str(page.title)))


def resource_title(inner_html: str) -> str:
    return html.unescape(TAGS.sub("", HIDDEN_TYPE.sub("", inner_html))).strip()


def add_resource_checkboxes(page_html: str) -> tuple[str, int]:
    """Put a labelled "done" checkbox at the start of every resource line; return the count."""
    count = 0

    def checkbox(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        href_match = HREF.search(match["attrs"])
        href = href_match.group(1) if href_match else ""
        title = html.escape(resource_title(match["inner"]), quote=False)
        return (
            f'<li class="progress-resource-item">{match["lead"]}'
            '<label class="progress-ui progress-resource">'
            f'<input type="checkbox" data-progress-resource="{href}">'
            f'<span class="visually-hidden">Done: {title}</span></label>{match["anchor"]}'
        )

    return RESOURCE_ITEM.sub(checkbox, page_html), count


def add_map_totals(page_html: str, totals: dict[str, int]) -> str:
    """Tell each learning-map node how many resources its section lists."""
    def total(match: re.Match[str]) -> str:
        count = totals.get(match["slug"], 0)
        return f'{match.group(1)} data-resource-total="{count}"'

    return MAP_NODE.sub(total, page_html)


def insert_panel(page_html: str, panel: str = PANEL) -> str:
    """Put the progress panel right after the learning map, or at the end without one."""
    start = MAP_START.search(page_html)
    if not start:
        return page_html + panel
    depth = 0
    for tag in DIV_TAG.finditer(page_html, start.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page_html[: tag.end()] + panel + page_html[tag.end():]
    return page_html + panel


_totals: dict[str, int] = {}


def on_pre_build(config):
    _totals.clear()


@event_priority(-50)  # after typed_links.py has rendered the resource links
def on_page_content(html_text, page, **kwargs):
    html_text, count = add_resource_checkboxes(html_text)
    _totals[page_slug(page.url)] = count
    if is_trackable(page):
        html_text += MARK_DONE
    if page.is_homepage:
        html_text = insert_panel(html_text)
    return html_text


def on_post_page(output, page, **kwargs):
    # Every page's content is rendered before the first on_post_page, so the totals are complete.
    if page.is_homepage:
        return add_map_totals(output, _totals)
    return output
