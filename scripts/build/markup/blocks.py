"""The one code-block model of the guide's Markdown: which lines are prose, which fenced code.

Every step that reads our own syntax (typed links, quizzes, fact markers, `colab:` links, time
budgets, claims) skips fenced code, so a page can show the syntax in an example. They all ask
this module, so they all agree on where code starts and ends.

Fences follow pymdownx.superfences, which renders them: a fence opens with 3 or more
backticks or tildes (an info string may follow; after backticks it holds no backtick) and
closes only with the very same marker and nothing else on the line. (CommonMark would also
close on a longer marker; superfences does not, and what counts is what the page shows.) A
fence that never closes runs to the end. Any indentation is allowed: the pages nest fences in
tabs, admonitions and lists, 4 spaces a level. Fence lines count as code.

Lives in the markup package with the extensions: it is part of reading the guide's syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

OPENING = re.compile(r"^\s*(?P<marker>`{3,}|~{3,})(?P<info>.*)$")
CLOSING = re.compile(r"^\s*(?P<marker>`{3,}|~{3,})\s*$")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, counted from the `first_line` given
    text: str
    in_code: bool  # inside a fenced code block, its fence lines included


def opening_marker(line: str) -> str | None:
    """The fence marker ("```", "~~~~") that `line` opens a code block with, else None."""
    match = OPENING.match(line)
    if match is None or (match["marker"][0] == "`" and "`" in match["info"]):
        return None
    return match["marker"]


def closes(line: str, marker: str) -> bool:
    """Whether `line` closes the code block opened with `marker`: the very same marker."""
    match = CLOSING.match(line)
    return match is not None and match["marker"] == marker


def classify(lines: Iterable[str], first_line: int = 1) -> Iterator[Line]:
    """Each line with its number and whether it is fenced code."""
    marker: str | None = None
    for number, text in enumerate(lines, start=first_line):
        if marker is None:
            marker = opening_marker(text)
            yield Line(number, text, marker is not None)
        else:
            if closes(text, marker):
                marker = None
            yield Line(number, text, True)


def code_mask(lines: list[str]) -> list[bool]:
    """For each line, whether it is fenced code: for readers that walk lines by index."""
    return [line.in_code for line in classify(lines)]


def prose_lines(markdown: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(number, line) of every line outside fenced code, numbered from `first_line`."""
    for line in classify(markdown.splitlines(), first_line):
        if not line.in_code:
            yield line.number, line.text
