"""`!!! quiz "Question?"` blocks become quiz markup (scripts/build/quiz.py) that reveals nothing
until the reader answers; a malformed block fails the build, naming the file and line."""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from scripts.build import quiz
from scripts.build.markup.generator import page_location

# After fact markers (a quiz may state a fact), before admonition reads `!!!` blocks.
PRIORITY = 39


class Quizzes(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not any(quiz.HEADER_START.match(line) for line in lines):
            return lines
        where = page_location(self.md)
        text = quiz.render_quizzes(
            "\n".join(lines), where.path, where.first_line)
        return text.split("\n")


class QuizExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(Quizzes(md), "guide_quizzes", PRIORITY)


def makeExtension(**kwargs) -> QuizExtension:  # noqa: N802 - Python-Markdown's name
    return QuizExtension(**kwargs)
