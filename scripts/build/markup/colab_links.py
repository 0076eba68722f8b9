"""`](colab:NAME.ipynb)` links become the notebook's Colab URL, built from mkdocs.yml's
`repo_url` and `extra.default_branch` like the notebook pages' buttons."""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from scripts.build import colab_links, notebook_links
from scripts.build.markup.generator import page_location
from scripts.build.markup.project import notebook_names, repository

PRIORITY = 38


class ColabLinks(Preprocessor):
    def __init__(self, md: Markdown, root: Path):
        super().__init__(md)
        self.root = root

    def run(self, lines: list[str]) -> list[str]:
        if not any("colab:" in line for line in lines):
            return lines
        repo_url, branch = repository(self.root)
        where = page_location(self.md)
        text = colab_links.resolve_colab_links(
            "\n".join(lines), where.path, notebook_names(self.root),
            lambda name: notebook_links.colab_url(repo_url, branch, name), where.first_line)
        return text.split("\n")


class ColabLinksExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"root": [".", "The project root, where mkdocs.yml and notebooks/ are."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        root = Path(self.getConfig("root")).resolve()
        md.preprocessors.register(ColabLinks(md, root), "guide_colab_links", PRIORITY)


def makeExtension(**kwargs) -> ColabLinksExtension:  # noqa: N802 - Python-Markdown's name
    return ColabLinksExtension(**kwargs)
