"""Markdown to plain text, shortening and table cells: one copy of each."""

from __future__ import annotations

import re

LINK_OR_IMAGE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKUP = re.compile(r"[`*_#>]+")


def markdown_to_text(markdown: str) -> str:
    """Inline Markdown to plain text: links and images keep their text, markup signs go."""
    text = LINK_OR_IMAGE.sub(r"\1", markdown)
    return " ".join(MARKUP.sub("", text).split())


def shorten(text: str, limit: int, at_sentence: bool = False) -> str:
    """At most `limit` characters, cut at a word (or at a sentence end, when asked and near)."""
    if len(text) <= limit:
        return text
    sentence_end = text[:limit].rfind(". ")
    if at_sentence and sentence_end > 40:
        return text[: sentence_end + 1]
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def table_cell(text: str | None) -> str:
    """Text that stays in its Markdown table cell: pipes escaped, lines joined."""
    return (text or "").replace("|", "\\|").replace("\n", " ")
