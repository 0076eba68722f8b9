"""MkDocs hook: give notebook pages their own <meta name="description">.

Markdown pages set `description` in front matter; notebook pages have none, so they would all
repeat site_description. This builds one from the notebook's title and "What you'll learn" list.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

MAX_LENGTH = 160
LEARN_HEADING = re.compile(r"^##\s+What you.ll learn", re.I | re.M)


def plain(markdown: str) -> str:
    """Markdown inline markup to plain text: links keep their text; code, emphasis lose marks."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[`*_]+", "", text)
    return " ".join(text.split())


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def notebook_description(notebook: dict) -> str | None:
    """'Title. A runnable notebook: bullet; bullet.' from the Markdown cells, or None."""
    markdown = "\n\n".join(
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in notebook.get("cells", [])
        if cell.get("cell_type") == "markdown"
    )
    title = re.search(r"^#\s+(.+)$", markdown, re.M)
    if title is None:
        return None
    learn = LEARN_HEADING.search(markdown)
    bullets = []
    if learn:
        section = markdown[learn.end() :].split("\n#", 1)[0]
        lines = section.splitlines()
        bullets = [plain(line[2:]).rstrip(".") for line in lines if line.startswith(("- ", "* "))]
    summary = f"{plain(title.group(1))}. A runnable notebook"
    if bullets:
        return shorten(f"{summary}: {'; '.join(bullets)}.")
    return shorten(f"{summary} from the guide, ready for Colab.")


def on_page_context(context, page, config, nav):
    source = page.file.abs_src_path
    if source and source.endswith(".ipynb") and not page.meta.get("description"):
        notebook = json.loads(Path(source).read_text(encoding="utf-8"))
        description = notebook_description(notebook)
        if description:
            page.meta["description"] = description
    return context
