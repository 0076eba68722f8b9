"""MkDocs hook: show the link checker's latest verdict on every resource line.

Reads reports/link-check.json (written by ``scripts/check_links.py --json``) when it exists.
Each resource line gets a short note (working, moved with the new link, broken, could not
verify, or "Not yet checked"), and docs/resource-health.md gets a table of every resource.
"""

from __future__ import annotations

import html
import json
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if str(Path(__file__).resolve().parents[1]) not in sys.path:  # scripts/, for pipeline/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline import resource_links  # noqa: E402 - needs the path above

REPORT = Path("reports/link-check.json")  # relative to the project root
HEALTH_PAGE = "resource-health.md"
PAGE_MARKER = "<!-- resource-health-table -->"
TYPED_LINK = re.compile(r"\[@(?P<type>[a-z]+)@(?P<title>[^\]\n]*)\]\((?P<url>[^)\s]+)[^)]*\)")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)
RESOURCE_ANCHOR = re.compile(r'<a (?P<attrs>[^>]*class="resource-link"[^>]*)>.*?</a>', re.DOTALL)
HREF = re.compile(r'href="([^"]*)"')
LINE_END = re.compile(r"</li>|</p>|<ul>|<ol>")

LABELS = {  # result -> (class suffix, words read by everyone)
    "ok": ("ok", "working"),
    "moved": ("moved", "moved"),
    "broken": ("broken", "broken"),
    "unverifiable": ("unverifiable", "could not verify automatically"),
    "flaky": ("unverifiable", "answered inconsistently"),
}


@dataclass(frozen=True)
class Resource:
    url: str
    title: str
    type: str
    page_src: str
    page_title: str


def load_report(path: Path) -> dict | None:
    """The report as a dict, None when there is none; a broken report fails the build."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise PluginError(
            f"{path}:{error.lineno}: not valid JSON ({error.msg}). Regenerate it with "
            "scripts/check_links.py --json, or delete it."
        ) from error
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise PluginError(f'{path}: expected {{"results": [...]}}. Regenerate it.')
    return data


def results_by_url(report: dict | None) -> dict[str, dict]:
    """Index results by URL, also without a trailing slash, so small differences still match."""
    index: dict[str, dict] = {}
    for result in (report or {}).get("results", []):
        if isinstance(result, dict) and isinstance(result.get("url"), str):
            index[result["url"]] = result
            index.setdefault(result["url"].rstrip("/"), result)
    return index


def find_result(index: dict[str, dict], url: str) -> dict | None:
    return index.get(url) or index.get(url.rstrip("/"))


def day(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return f"{datetime.fromisoformat(iso.replace('Z', '+00:00')):%d %b %Y}"
    except ValueError:
        return ""


def new_location(result: dict) -> str | None:
    return result.get("suggestion") or result.get("final_url")


def status_words(result: dict | None) -> tuple[str, str]:
    """(css suffix, plain words) for a result; no result means not yet checked."""
    if not result:
        return "unchecked", "Not yet checked"
    suffix, words = LABELS.get(result.get("result"), ("unverifiable", "unknown result"))
    return suffix, words[0].upper() + words[1:]


def health_note(result: dict | None) -> str:
    """The short note after a resource line."""
    suffix, words = status_words(result)
    text = html.escape(words)
    checked = day(result.get("checked_at")) if result else ""
    if checked:
        text += f", checked {checked}"
    target = new_location(result) if result and result.get("result") == "moved" else None
    if target:
        text += f': <a href="{html.escape(target)}">new address</a>'
    archived = resource_links.archive_link_html(result)
    if archived:
        text += ("; " if target else ": ") + archived
    return f'<span class="resource-health resource-health--{suffix}">({text})</span>'


def annotate_resources(page_html: str, index: dict[str, dict], report_link=None) -> str:
    """Append a health note to the line of every typed resource link.

    `report_link(url, title)`, when given, adds the HTML after the note (report a problem).
    """
    out: list[str] = []
    position = 0
    for anchor in RESOURCE_ANCHOR.finditer(page_html):
        if anchor.start() < position:
            continue
        href = HREF.search(anchor["attrs"])
        end = LINE_END.search(page_html, anchor.end())
        insert_at = end.start() if end else anchor.end()
        out.append(page_html[position:insert_at])
        url = html.unescape(href.group(1)) if href else ""
        out.append(" " + health_note(find_result(index, url)))
        if report_link:
            out.append(" " + report_link(url, resource_links.anchor_text(anchor.group(0))))
        position = insert_at
    out.append(page_html[position:])
    return "".join(out)


def resources_in_markdown(markdown: str, page_src: str) -> list[Resource]:
    """Every typed link of a page, outside code blocks, in order."""
    title_match = HEADING.search(markdown)
    page_title = title_match.group(1).strip() if title_match else page_src
    found: list[Resource] = []
    in_fence = False
    for line in markdown.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            found.extend(
                Resource(m["url"], m["title"].strip(), m["type"], page_src, page_title)
                for m in TYPED_LINK.finditer(line)
            )
    return found


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def health_table(resources: list[Resource], report: dict | None) -> str:
    """The Resource health page body: a summary line and one table row per resource."""
    index = results_by_url(report)
    counts: dict[str, int] = {}
    rows = ["| Resource | Type | Page | Status | Checked |", "|---|---|---|---|---|"]
    for res in resources:
        result = find_result(index, res.url)
        _, words = status_words(result)
        counts[words] = counts.get(words, 0) + 1
        moved = new_location(result) if result and result.get("result") == "moved" else None
        status = f"{words}: [new address](<{moved}>)" if moved else words
        archived = resource_links.archive_link_markdown(result, res.title)
        if archived:
            status += ("; " if moved else ": ") + archived
        rows.append(
            f"| [{cell(res.title)}](<{res.url}>) | {res.type} | [{cell(res.page_title)}]"
            f"({res.page_src}) | {status} | {day(result.get('checked_at')) if result else ''} |"
        )
    tally = ", ".join(f"{n} {w.lower()}" for w, n in sorted(counts.items()))
    if report:
        checked = day(report.get("generated_at")) or "date unknown"
        summary = f"Latest link check: {checked}. {len(resources)} resources: {tally}."
    else:
        count = len(resources)
        summary = f"No link-check report yet, so all {count} resources are **not yet checked**."
    return summary + "\n\n" + "\n".join(rows) + "\n"


def project_root(config) -> Path:
    return Path(config.config_file_path).parent


_inventory: list[Resource] = []


def notebook_markdown(source: str) -> str:
    """The Markdown cells of a notebook, joined, so typed links in notebooks are listed too."""
    cells = json.loads(source).get("cells", [])
    return "\n\n".join(
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in cells if c.get("cell_type") == "markdown"
    )


def on_files(files, config):
    # Runs after notebooks.py (priority 100) has added the notebooks.
    _inventory.clear()
    for file in files.documentation_pages():
        if file.src_uri.endswith(".md") and file.src_uri != HEALTH_PAGE:
            _inventory.extend(resources_in_markdown(file.content_string, file.src_uri))
        elif file.src_uri.endswith(".ipynb"):
            markdown = notebook_markdown(file.content_string)
            _inventory.extend(resources_in_markdown(markdown, file.src_uri))
    return files


def on_page_markdown(markdown, page, config, **kwargs):
    if page.file.src_uri != HEALTH_PAGE:
        return markdown
    if PAGE_MARKER not in markdown:
        raise PluginError(f"docs/{HEALTH_PAGE}: add the line {PAGE_MARKER} where the table goes.")
    report = load_report(project_root(config) / REPORT)
    return markdown.replace(PAGE_MARKER, health_table(_inventory, report))


@event_priority(-40)  # after typed_links.py, before the progress checkboxes
def on_page_content(html_text, page, config, **kwargs):
    if page.file.src_uri == HEALTH_PAGE:
        return html_text
    index = results_by_url(load_report(project_root(config) / REPORT))
    repo, title, url = config.repo_url or "", page.title or "", page.canonical_url or page.url
    return annotate_resources(html_text, index, lambda resource_url, resource_title: (
        resource_links.report_problem_html(repo, title, url, resource_title, resource_url)))
