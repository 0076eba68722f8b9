"""The extra links on a resource line: an archived copy, and "report a problem".

Pure functions over one link-check result (a dict from reports/link-check.json) and the page.
Both are plain links marked ``data-linkcheck="skip"`` (the link checker does not check them):
the reader's browser requests nothing from the archive or from GitHub until the reader clicks.
"""

from __future__ import annotations

import html
from urllib.parse import quote, urlencode

from scripts.build.text import shorten

ARCHIVED_RESULTS = ("broken", "moved")  # moved ones carry a copy only when flagged for review
TITLE_LIMIT = 120  # GitHub issue titles stay readable
# No Referer to the archive or to GitHub; `nofollow`: these are not endorsements.
REL = 'rel="nofollow noopener noreferrer" data-linkcheck="skip"'


def archive_url(result: dict | None) -> str | None:
    """The archived copy of a broken (or doubtfully moved) resource, if the check found one."""
    if not result or result.get("result") not in ARCHIVED_RESULTS:
        return None
    url = result.get("archive_url")
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


def hidden(text: str) -> str:
    """Words for screen readers only (the link's purpose out of context)."""
    return f'<span class="visually-hidden">{html.escape(text)}</span>' if text else ""


def archive_link_html(result: dict | None, resource_title: str = "") -> str:
    """'archived copy' as a plain link, or '' when there is none."""
    url = archive_url(result)
    if not url:
        return ""
    of = hidden(f" of {resource_title}") if resource_title else ""
    return f'<a class="resource-archive" href="{html.escape(url)}" {REL}>archived copy{of}</a>'


def archive_link_markdown(result: dict | None, resource_title: str = "") -> str:
    """The same link for a Markdown table cell (inline HTML, so it keeps its marks), or ''."""
    return archive_link_html(result, resource_title).replace("|", "&#124;")




def report_problem_url(repo_url: str, page_title: str, page_url: str, resource_title: str,
                       resource_url: str) -> str:
    """A pre-filled 'new issue' URL on GitHub naming the page, the resource and its URL."""
    title = f"Problem with a resource: {shorten(resource_title or resource_url, TITLE_LIMIT)}"
    body = "\n".join([
        f"**Page:** {page_title} ({page_url})",
        f"**Resource:** {resource_title}",
        f"**URL:** {resource_url}",
        "",
        "What is wrong? (The link is broken, it moved, the content changed, something else.)",
        "",
    ])
    query = urlencode({"title": title, "body": body}, quote_via=quote)
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def report_problem_html(repo_url: str, page_title: str, page_url: str, resource_title: str,
                        resource_url: str) -> str:
    """The small 'report a problem' link after a resource line's health note, or ''."""
    if not repo_url:
        return ""
    url = report_problem_url(repo_url, page_title, page_url, resource_title, resource_url)
    about = hidden(f": {resource_title}") if resource_title else ""
    return (f'<span class="resource-health resource-health--report">'
            f'<a class="resource-report" href="{html.escape(url)}" {REL}>'
            f"report a problem{about}</a></span>")
