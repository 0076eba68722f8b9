"""What the build writes into pages at markers: time budgets, the Glossary and Resource health.

- `<!-- time-budget -->` on a section page becomes its time ("about 2 hours for Start here…")
  and each notebook link gets its minutes; under each suggested path on the home page it
  becomes the path's total.
- `<!-- glossary-terms -->` becomes every term of docs/glossary-terms.md with an anchor.
- `<!-- resource-health-table -->` becomes the table of every typed resource and its last check.

Runs first among our extensions: it reads the page as its author wrote it.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Markdown

from scripts.build import facts, glossary, resource_health, time_budget
from scripts.build.markup import project
from scripts.build.markup.base import ProjectExtension, ProjectPreprocessor
from scripts.build.markup.generator import UNKNOWN, Location, body_start, page_location

PRIORITY = 45
HOME = "index.md"


def identify(md: Markdown, text: str, root: Path) -> tuple[str | None, Location]:
    """(src below docs/, location) of the page being converted: from the generator where it
    says, else by finding the docs/ page whose body is this text (Zensical)."""
    where = page_location(md)
    if where != UNKNOWN:
        return where.path.removeprefix("docs/"), where
    for src, source in project.documentation_sources(root):
        start = body_start(source)
        if src.endswith(".md") and "\n".join(source.splitlines()[start - 1:]).strip() == \
                text.strip():
            return src, Location(f"docs/{src}", start)
    return None, where


class PageBodies(ProjectPreprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if glossary.PAGE_MARKER in text:
            text = glossary.glossary_page(text, project.glossary_terms(self.root))
        if resource_health.PAGE_MARKER in text:
            text = resource_health.health_page(text, project.resource_inventory(self.root),
                                               project.link_report(self.root))
        return self.time_budgets(text).split("\n")

    def time_budgets(self, text: str) -> str:
        src, where = identify(self.md, text, self.root)
        if src != HOME and src not in project.section_sources(self.root):
            return text  # only section pages and the home page have time budgets
        sections = project.section_resources(self.root)
        minutes = facts.notebook_minutes(project.project_facts(self.root))
        if src in sections:
            return time_budget.section_page(text, src, minutes, where.first_line)
        if src == HOME and time_budget.MARKER in text:
            return time_budget.home_page(text, src, sections, minutes, where.first_line)
        return text


class PageBodiesExtension(ProjectExtension):
    processor, name, priority = PageBodies, "guide_page_bodies", PRIORITY


def makeExtension(**kwargs) -> PageBodiesExtension:  # noqa: N802 - Python-Markdown's name
    return PageBodiesExtension(**kwargs)
