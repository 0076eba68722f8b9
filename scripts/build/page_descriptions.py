"""Give notebook pages their own <meta name="description">.

Markdown pages set `description` in front matter; notebook pages have none, so they would all
repeat site_description. This builds one from the notebook's title and "What you'll learn" list.
"""

from __future__ import annotations

import re

from scripts.build.text import markdown_to_text, shorten
from scripts.notebooks.notebook_meta import markdown_text

MAX_LENGTH = 160
LEARN_HEADING = re.compile(r"^##\s+What you.ll learn", re.I | re.M)


def notebook_description(notebook: dict) -> str | None:
    """'Title. A runnable notebook: bullet; bullet.' from the Markdown cells, or None."""
    markdown = markdown_text(notebook)
    title = re.search(r"^#\s+(.+)$", markdown, re.M)
    if title is None:
        return None
    learn = LEARN_HEADING.search(markdown)
    bullets = []
    if learn:
        section = markdown[learn.end() :].split("\n#", 1)[0]
        lines = section.splitlines()
        items = [line[2:] for line in lines if line.startswith(("- ", "* "))]
        bullets = [markdown_to_text(item).rstrip(".") for item in items]
    summary = f"{markdown_to_text(title.group(1))}. A runnable notebook"
    if bullets:
        return shorten(f"{summary}: {'; '.join(bullets)}.", MAX_LENGTH)
    return shorten(f"{summary} from the guide, ready for Colab.", MAX_LENGTH)

