"""`](colab:NAME.ipynb)` links become the notebook's Colab URL, built from mkdocs.yml's
`repo_url` and `extra.default_branch` like the notebook pages' buttons."""

from __future__ import annotations

from scripts.build import colab_links, notebook_links
from scripts.build.markup.base import ProjectExtension, ProjectPreprocessor
from scripts.build.markup.generator import page_location
from scripts.build.markup.project import notebook_names, repository

PRIORITY = 38


class ColabLinks(ProjectPreprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not any("colab:" in line for line in lines):
            return lines
        repo_url, branch = repository(self.root)
        where = page_location(self.md)
        text = colab_links.resolve_colab_links(
            "\n".join(lines), where.path, notebook_names(self.root),
            lambda name: notebook_links.colab_url(repo_url, branch, name), where.first_line)
        return text.split("\n")


class ColabLinksExtension(ProjectExtension):
    processor, name, priority = ColabLinks, "guide_colab_links", PRIORITY


def makeExtension(**kwargs) -> ColabLinksExtension:  # noqa: N802 - Python-Markdown's name
    return ColabLinksExtension(**kwargs)
