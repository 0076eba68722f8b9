"""The shape our Markdown-in, Markdown-out extensions share: a preprocessor that reads the
project at `root` (default: the working directory, where every build runs)."""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor


class ProjectPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, root: Path):
        super().__init__(md)
        self.root = root


class ProjectExtension(Extension):
    """Registers `processor` as `name` at `priority`, given the project root."""

    processor: type[ProjectPreprocessor]
    name: str
    priority: int

    def __init__(self, **kwargs):
        self.config = {"root": [".", "The project root: docs/, notebooks/, mkdocs.yml."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        root = Path(self.getConfig("root")).resolve()
        md.preprocessors.register(self.processor(md, root), self.name, self.priority)
