"""Show the link checker's latest verdict on every resource line.

Reads reports/link-check.json (written by ``python -m scripts.links.check_links --json``)
when it exists.
Each checked resource line gets a short note (working, moved with the new link, broken, could
not verify); a line the report has no result for gets none, because a note says "checked". The
table of every resource on docs/resource-health.md says "Not yet checked" for those.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scripts.build import typed_links
from scripts.build.document import append_text, element, parent_map
from scripts.build.reports import load_report as load_json_report
from scripts.build.resource_links import archive_link_html, archive_link_markdown
from scripts.build.typed_links import resource_links, resource_title
from scripts.notebooks.notebook_meta import cell_source, markdown_text

REPORT = Path("reports/link-check.json")  # relative to the project root
HEALTH_PAGE = "resource-health.md"
PAGE_MARKER = "<!-- resource-health-table -->"
HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)
LINE_CONTAINERS = ("li", "p")

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
    regenerate = "Regenerate it with python -m scripts.links.check_links --json"
    return load_json_report(path, "results", list, regenerate)


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
    """The short note after a resource line; empty without a result, so nothing claims a check."""
    if not result:
        return ""
    suffix, words = status_words(result)
    text = html.escape(words)
    checked = day(result.get("checked_at"))
    if checked:
        text += f", checked {checked}"
    target = new_location(result) if result.get("result") == "moved" else None
    if target:
        text += f': <a href="{html.escape(target)}">new address</a>'
    archived = archive_link_html(result)
    if archived:
        text += ("; " if target else ": ") + archived
    return f'<span class="resource-health resource-health--{suffix}">({text})</span>'


def line_of(anchor, parents: dict):
    """The element holding the anchor's line: its list item or paragraph, else None."""
    ancestor = parents.get(anchor)
    while ancestor is not None and ancestor.tag not in LINE_CONTAINERS:
        ancestor = parents.get(ancestor)
    return ancestor


def append_to_line(line, note) -> None:
    """Put `note` at the end of the line's own text, before any nested list."""
    children = list(line)
    nested = next((index for index, child in enumerate(children) if child.tag in ("ul", "ol")),
                  None)
    if nested is None:
        append_text(line, " ")
        line.append(note)
        return
    if nested == 0:
        line.text = (line.text or "") + " "
    else:
        children[nested - 1].tail = (children[nested - 1].tail or "") + " "
    line.insert(nested, note)
    note.tail = None


def place_after(first, second, parents: dict) -> None:
    """`second` right after `first`, one space between them."""
    second.tail, first.tail = first.tail, " "
    parent = parents[first]
    parent.insert(list(parent).index(first) + 1, second)
    parents[second] = parent


def annotate_resources(root, index: dict[str, dict], report_link=None, parse=element) -> None:
    """Append a health note to the line of every typed resource link (one note per line).

    `report_link(url, title)`, when given, returns HTML put after the note (report a problem).
    `parse` makes an element of the tree's kind from HTML: written to the ElementTree API, this
    edits Python-Markdown's tree and lxml's alike.
    """
    annotated, parents = set(), parent_map(root)
    for anchor in resource_links(root):
        line = line_of(anchor, parents)
        if line is not None and line in annotated:
            continue
        url = anchor.get("href", "")
        if line is not None:
            annotated.add(line)
        note_html = health_note(find_result(index, url))
        note = parse(note_html) if note_html else None  # an unchecked resource gets no note
        if note is not None:
            add_to_line(anchor, line, note, parents)
        report = report_link(url, resource_title(anchor)) if report_link else ""
        if not report:  # none without a repository to report to
            continue
        if note is None:
            add_to_line(anchor, line, parse(report), parents)
        else:
            place_after(note, parse(report), parents)


def add_to_line(anchor, line, item, parents: dict) -> None:
    """`item` at the end of the anchor's line, or right after the anchor when it has no line."""
    if line is None:
        place_after(anchor, item, parents)
    else:
        append_to_line(line, item)
        parents[item] = line


def page_title(markdown: str, page_src: str) -> str:
    title_match = HEADING.search(markdown)
    return title_match.group(1).strip() if title_match else page_src


def resources_in_markdown(markdown: str, page_src: str, title: str | None = None) -> list[Resource]:
    """Every typed link of a page, outside code, in order (typed_links.find_typed_links)."""
    title = title or page_title(markdown, page_src)
    return [Resource(link.url, link.title, link.type, page_src, title)
            for link in typed_links.find_typed_links(markdown)]


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
        archived = archive_link_markdown(result, res.title)
        if archived:
            status += ("; " if moved else ": ") + archived
        rows.append(
            f"| [{cell(res.title)}](<{res.url}>) | {res.type} | [{cell(res.page_title)}]"
            f"({res.page_src}) | {status} | {day(result.get('checked_at')) if result else ''} |"
        )
    tally = ", ".join(f"{n} {w.lower()}" for w, n in sorted(counts.items()))
    # Every typed link, one row each: a resource listed on two pages has two rows.
    links = f"{len(resources)} resource links (a resource linked from two pages counts twice)"
    if report:
        checked = day(report.get("generated_at")) or "date unknown"
        summary = f"Latest link check: {checked}. {links}: {tally}."
    else:
        summary = f"No link-check report yet, so none of the {links} has been checked."
    return summary + "\n\n" + "\n".join(rows) + "\n"


def page_inventory(src_uri: str, source: str) -> list[Resource]:
    """The typed links of one Markdown page (not the Resource health page itself)."""
    if src_uri.endswith(".md") and src_uri != HEALTH_PAGE:
        return resources_in_markdown(source, src_uri)
    return []


def notebook_inventory(notebook: dict, src_uri: str) -> list[Resource]:
    """The typed links of a parsed notebook's Markdown cells, each cell a Markdown text of its
    own (a fence left open in one cell does not hide the next)."""
    title = page_title(markdown_text(notebook), src_uri)
    return [resource for cell in notebook.get("cells", []) if cell.get("cell_type") == "markdown"
            for resource in resources_in_markdown(cell_source(cell), src_uri, title)]


def health_page(markdown: str, resources: list[Resource], report: dict | None) -> str:
    if PAGE_MARKER not in markdown:
        raise ValueError(f"docs/{HEALTH_PAGE}: add the line {PAGE_MARKER} where the table goes.")
    return markdown.replace(PAGE_MARKER, health_table(resources, report))
