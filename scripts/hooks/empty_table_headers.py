"""MkDocs hook: an empty header cell in a notebook's output table becomes a plain cell.

pandas writes the corner above a DataFrame's row index (and the spacers of a column MultiIndex)
as `<th></th>`: a header that labels nothing, which screen readers announce as an empty column
header (axe: empty-table-header). A `<td>` is what that corner is.
"""

from __future__ import annotations

import re

EMPTY_HEADER = re.compile(r"<th(\s[^>]*)?>(\s|&nbsp;)*</th>")


def demote_empty_headers(html: str) -> str:
    return EMPTY_HEADER.sub(lambda match: f"<td{match.group(1) or ''}></td>", html)


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        return demote_empty_headers(html)
    return html
