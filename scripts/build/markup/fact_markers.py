"""`[[fact:id]]` markers become the fact registry's values (docs/facts.yml, plus derived facts).

Each page that uses a dated fact ends with "Facts on this page checked on <oldest date>",
linking the Facts page; on the Facts page, `<!-- facts-table -->` becomes the table of every
fact. An unknown id fails the build, naming the file and line.
"""

from __future__ import annotations

from scripts.build import facts
from scripts.build.markup.base import ProjectExtension, ProjectPreprocessor
from scripts.build.markup.generator import page_location
from scripts.build.markup.project import facts_check, project_facts

# Before every other preprocessor of ours: quizzes and Colab links may hold facts.
PRIORITY = 40


class FactMarkers(ProjectPreprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        registry = project_facts(self.root)
        if facts.FACTS_TABLE_MARKER in text:
            table = facts.facts_table(registry, facts_check(self.root))
            return text.replace(facts.FACTS_TABLE_MARKER, table).split("\n")
        if "[[fact:" not in text:
            return lines
        where = page_location(self.md)
        text, used = facts.resolve_markers(text, registry, where.path, where.first_line - 1)
        return (text + facts.page_footer(used, registry)).split("\n")


class FactMarkersExtension(ProjectExtension):
    processor, name, priority = FactMarkers, "guide_fact_markers", PRIORITY


def makeExtension(**kwargs) -> FactMarkersExtension:  # noqa: N802 - Python-Markdown's name
    return FactMarkersExtension(**kwargs)
