"""Progress and health markup on resource lines and pages, on Markdown's own tree.

- Every resource line (a typed link that starts a list item or its first paragraph) gets a
  labelled "done" checkbox (scripts/build/progress.py) and, after the line's text, the link
  checker's latest verdict with a "report a problem" link to a pre-filled GitHub issue
  (scripts/build/resource_health.py; the verdict only where reports/link-check.json has one).
- Section pages (numbered nav titles) end with the "Mark as done" button.
- The home page gets the progress panel right after the learning map, and each map node the
  number of its section's resources (project.map_totals, the same count as the checkboxes).

Which page is converted comes from the generator where it says, else from the page's text
(page_bodies.identify); its title and URL from mkdocs.yml (project.page_address).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from scripts.build import progress, resource_health
from scripts.build.markup import project
from scripts.build.markup.base import ProjectExtension, ProjectPreprocessor
from scripts.build.markup.generator import site_urls
from scripts.build.markup.page_bodies import HOME, identify
from scripts.build.resource_links import report_problem_html
from scripts.build.typed_links import resource_links

# Before page_bodies (45) edits the text: the page is found by the text its author wrote.
IDENTIFY_PRIORITY = 46
# After `unescape` (0): resource titles read as the reader sees them, with no placeholders.
TREE_PRIORITY = -5
# After `raw_html` (30) puts the learning map's HTML back: its nodes are in that raw HTML.
TOTALS_PRIORITY = 25
LEARNING_MAP = 'id="learning-map"'


@dataclass
class PageState:
    """The page being converted, as the identifying preprocessor found it."""

    src: str | None = None


def raw_html(md: Markdown, html: str) -> etree.Element:
    """HTML of ours as one node of Markdown's tree: a tagless element (serialized as its text
    alone) holding the stash placeholder. Markdown's serializer sorts attributes; raw, ours
    keep their order, and boolean attributes, as the page has always had them."""
    node = etree.Element(None)  # type: ignore[arg-type] - Markdown's serializer allows it
    node.text = md.htmlStash.store(html)
    return node


class IdentifyPage(ProjectPreprocessor):
    def __init__(self, md: Markdown, root: Path, page: PageState):
        super().__init__(md, root)
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        self.page.src = identify(self.md, "\n".join(lines), self.root)[0]
        return lines


class PageMarkup(Treeprocessor):
    """Resource lines, "Mark as done" and the home page's progress panel."""

    def __init__(self, md: Markdown, root: Path, page: PageState):
        super().__init__(md)
        self.root, self.page = root, page

    def run(self, root: etree.Element) -> None:
        src = self.page.src
        address = (project.page_address(self.root, src, site_urls(self.md)) if src
                   else project.PageAddress("", "", ""))
        self.resource_lines(root, address)
        if src in project.section_sources(self.root):  # as page_bodies decides it
            append_at_end(root, [raw_html(self.md, progress.MARK_DONE)])
        if src == HOME:
            self.insert_panel(root)

    def resource_lines(self, root: etree.Element, address: project.PageAddress) -> None:
        if not resource_links(root):
            return
        repo_url = project.repository(self.root)[0]

        def report_link(url: str, title: str) -> str:
            return report_problem_html(
                repo_url, address.title, address.canonical_url or address.url, title, url)

        def parse(html: str) -> etree.Element:
            return raw_html(self.md, html)
        resource_health.annotate_resources(root, project.health_index(self.root), report_link,
                                           parse)
        progress.add_resource_checkboxes(root, parse)

    def insert_panel(self, root: etree.Element) -> None:
        """The panel right after the learning map, a raw HTML block Markdown holds in its
        stash (a placeholder paragraph in the tree), or at the end without one."""
        panel, stash = raw_html(self.md, progress.PANEL), self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(root):
            stashed = self.stash_index(block)
            if stashed is None or LEARNING_MAP not in str(stash[stashed]):
                continue
            # Right after the map's closing tag: its trailing line breaks follow the panel.
            raw = str(stash[stashed])
            stash[stashed] = raw.rstrip()
            panel.tail, block.tail = raw[len(raw.rstrip()):] + (block.tail or ""), None
            root.insert(index + 1, panel)
            return
        append_at_end(root, [panel])

    def stash_index(self, block: etree.Element) -> int | None:
        """The stash entry of a raw HTML block's placeholder paragraph, else None."""
        match = HTML_PLACEHOLDER_RE.fullmatch((block.text or "").strip()) \
            if block.tag == "p" and not len(block) else None
        return int(match.group(1)) if match else None


def append_at_end(root: etree.Element, new: list[etree.Element]) -> None:
    """`new` after everything, with no line break before it (as on the page's last block)."""
    if len(root):
        root[-1].tail = (root[-1].tail or "").rstrip()
    root.extend(new)


class MapTotals(Postprocessor):
    """Each learning-map node's resource count: the nodes are in the map's raw HTML, which
    only a postprocessor after `raw_html` sees."""

    def __init__(self, md: Markdown, root: Path, page: PageState):
        super().__init__(md)
        self.root, self.page = root, page

    def run(self, text: str) -> str:
        if self.page.src != HOME or not progress.MAP_NODE.search(text):
            return text
        return progress.add_map_totals(text, project.map_totals(self.root))


class ProgressMarkupExtension(ProjectExtension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        root, page = Path(self.getConfig("root")).resolve(), PageState()
        md.preprocessors.register(IdentifyPage(md, root, page), "guide_identify_page",
                                  IDENTIFY_PRIORITY)
        md.treeprocessors.register(PageMarkup(md, root, page), "guide_progress_markup",
                                   TREE_PRIORITY)
        md.postprocessors.register(MapTotals(md, root, page), "guide_map_totals",
                                   TOTALS_PRIORITY)


def makeExtension(**kwargs) -> ProgressMarkupExtension:  # noqa: N802 - Python-Markdown's name
    return ProgressMarkupExtension(**kwargs)
