"""Fail the build on front matter that is not valid YAML.

MkDocs silently renders broken front matter as page text (an unquoted ': ' is enough).
"""

from __future__ import annotations

import yaml

from scripts.build import yaml_loader

FENCE = "---"


def closing_line(source: str) -> int | None:
    """The 1-based line of the fence (`---` or `...`) that closes the front matter, else None."""
    lines = source.splitlines()
    if not lines or lines[0].rstrip() != FENCE:
        return None
    return next((number for number, line in enumerate(lines[1:], start=2)
                 if line.rstrip() in (FENCE, "...")), None)


def front_matter_block(source: str) -> tuple[str, int] | None:
    """Return the YAML between the opening and closing fences and its first line number."""
    end = closing_line(source)
    if end is None:
        return None
    return "\n".join(source.splitlines()[1:end - 1]), 2


def front_matter_error(src_path: str, source: str) -> str | None:
    block = front_matter_block(source)
    if block is None:
        return None
    text, first_line = block
    try:
        data = yaml_loader.load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark else first_line
        return f"{src_path}:{line}: front matter is not valid YAML ({error.__class__.__name__}). " \
            "Quote values that contain ': ' or '#'."
    if not isinstance(data, dict):
        return f"{src_path}:{first_line}: front matter must be a mapping of 'key: value' lines."
    return None

