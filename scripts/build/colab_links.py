"""Colab links written in Markdown as `colab:NAME.ipynb`, resolved to the notebook's Colab URL.

A page links a notebook's Colab copy as `[Open in Colab](colab:01-first-neural-network.ipynb)`.
The URL itself comes from the function the notebook pages' buttons use (passed in as
`url_for`), so the repository and branch are written once, in mkdocs.yml.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from scripts.build.markup import blocks

MARKER = re.compile(r"\]\(colab:(?P<name>[^)\s]*)\)")


class ColabLinkError(ValueError):
    """A colab: link names no notebook of the site."""


def resolve_colab_links(
    markdown: str, where: str, notebooks: Iterable[str], url_for: Callable[[str], str],
    first_line: int = 1,
) -> str:
    """Replace each `](colab:NAME.ipynb)` outside fenced code with `](<Colab URL of NAME>)`.

    `where` names the page in error messages; `notebooks` are the notebook file names the
    site has (such as "01-first-neural-network.ipynb"); `first_line` is the file line the
    Markdown starts on (after front matter).
    """
    known = sorted(notebooks)
    lines = markdown.split("\n")
    for index, in_code in enumerate(blocks.code_mask(lines)):
        line = lines[index]
        if in_code or "colab:" not in line:
            continue

        def replace(match: re.Match[str], number: int = index + first_line) -> str:
            name = match["name"]
            if name not in known:
                raise ColabLinkError(
                    f"{where}:{number}: colab:{name} names no notebook; "
                    f"use one of: {', '.join(known) or '(none found in notebooks/)'}"
                )
            return f"]({url_for(name)})"

        lines[index] = MARKER.sub(replace, line)
    return "\n".join(lines)
