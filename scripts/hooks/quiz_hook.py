"""Temporary thin hook: turn ``!!! quiz`` blocks into quiz markup (scripts/pipeline/quiz.py)."""

import sys, pathlib; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))  # temporary until mkdocs_hooks.py  # noqa: E401, E702, I001, E501

from mkdocs.exceptions import PluginError  # noqa: E402
from pipeline.quiz import parse_quizzes, replace_quizzes  # noqa: E402


def body_first_line(source: str, markdown: str) -> int:
    """The source line on which the Markdown MkDocs hands over (after front matter) starts."""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n") + 1
    return 1


def on_page_markdown(markdown, page, **kwargs):
    first = body_first_line(page.file.content_string, markdown)
    questions, errors = parse_quizzes(markdown, first)
    if errors:
        raise PluginError("\n".join(e.format(f"docs/{page.file.src_uri}") for e in errors))
    return replace_quizzes(markdown, questions, first) if questions else markdown
