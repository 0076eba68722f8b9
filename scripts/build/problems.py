"""One type for a problem found on a line of a source file, shared by the Markdown steps.

Steps that check a whole page collect every problem before failing, so an author fixes them all
in one go; `raise_all` then turns the list into one ValueError naming each file:line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LineProblem:
    line: int  # 1-based, counted from the top of the file (front matter included)
    message: str  # what is wrong and what to write instead

    def format(self, src_path: str) -> str:
        return f"{src_path}:{self.line}: {self.message}"

    def shifted(self, lines: int) -> LineProblem:
        return LineProblem(self.line + lines, self.message)


def raise_all(problems: list[LineProblem], src_path: str, error: type[ValueError]) -> None:
    """Raise `error` listing every problem as src_path:line; do nothing when there is none."""
    if problems:
        raise error("\n".join(problem.format(src_path) for problem in problems))
