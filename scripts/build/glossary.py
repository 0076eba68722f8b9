"""Glossary tooltips everywhere, and a Glossary page built from one file.

docs/glossary-terms.md holds every term as a Markdown abbreviation (``*[term]: definition``);
pymdownx.snippets appends it to each Markdown page. Notebook pages are rendered by
mkdocs-jupyter without Python-Markdown, so `wrap_terms` wraps the terms in their HTML itself.
Every <abbr> outside a link gets tabindex="0" so its tooltip also opens on keyboard focus.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html

GLOSSARY_FILE = Path("docs/glossary-terms.md")  # relative to the project root
GLOSSARY_PAGE = "glossary.md"
PAGE_MARKER = "<!-- glossary-terms -->"
TERM_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<definition>\S.*)$")
# Text inside these elements is never wrapped: code, links, headings, existing abbreviations.
NO_WRAP = {"a", "abbr", "button", "code", "kbd", "pre", "samp", "script", "style", "svg",
           "math", "textarea", "title", "summary", "label", "h1", "h2", "h3", "h4", "h5", "h6"}
# Focusable <abbr> inside these would nest one interactive element in another.
INTERACTIVE = {"a", "button", "summary", "label"}


class GlossaryError(ValueError):
    """A malformed glossary file or page; the message names the file and line."""


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    line: int

    @property
    def anchor(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")


def parse_glossary(text: str, source: str = str(GLOSSARY_FILE)) -> list[Term]:
    """Read ``*[term]: definition`` lines; fail on a malformed line or a repeated term."""
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("<!--") and stripped.endswith("-->")):
            continue
        match = TERM_LINE.match(stripped)
        if not match:
            raise GlossaryError(
                f"{source}:{number}: not a glossary line. Write '*[term]: one or two sentences.'"
            )
        term = Term(match["term"].strip(), match["definition"].strip(), number)
        key = term.term.casefold()
        if key in seen:
            raise GlossaryError(
                f"{source}:{number}: '{term.term}' is already defined on line {seen[key]}. "
                "Keep one definition per term."
            )
        seen[key] = number
        terms.append(term)
    return terms


def glossary_page_html(terms: list[Term]) -> str:
    """The Glossary page body: terms sorted A-Z under letter headings, each with an anchor."""
    parts: list[str] = []
    letter = ""
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        initial = term.term[0].upper()
        if initial != letter:
            if letter:
                parts.append("</dl>\n")
            letter = initial
            parts.append(f"\n## {letter}\n\n<dl class=\"glossary-list\">")
        parts.append(
            f'<dt id="{term.anchor}">{html.escape(term.term)}</dt>'
            f"<dd>{html.escape(term.definition)}</dd>"
        )
    if letter:
        parts.append("</dl>\n")
    return "\n".join(parts)


def term_pattern(terms: list[Term]) -> re.Pattern[str]:
    # Longest first, as Python-Markdown's abbr does, so "gradient descent" beats "gradient".
    names = sorted((t.term for t in terms), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def _abbr_pieces(text: str, pattern: re.Pattern[str], titles: dict[str, str]):
    """(leading text, [abbr elements with their tails]) for one text node."""
    pieces, position, lead = [], 0, None
    for match in pattern.finditer(text):
        before = text[position:match.start()]
        if lead is None:
            lead = before
        else:
            pieces[-1].tail = before
        abbr = lxml_html.Element("abbr", {"title": titles[match.group(0)]})
        abbr.text = match.group(0)
        pieces.append(abbr)
        position = match.end()
    if pieces:
        pieces[-1].tail = text[position:]
    return (text if lead is None else lead), pieces


def _skips(text: str | None) -> bool:
    # Math is typeset from the raw text in the browser: leave it alone.
    return not text or "$" in text or "\\(" in text


def _wrap_within(element, pattern, titles, blocked: bool) -> None:
    """Wrap terms in the text directly inside `element`, then recurse into its children."""
    blocked = blocked or str(element.tag) in NO_WRAP
    if not blocked and not _skips(element.text):
        element.text, pieces = _abbr_pieces(element.text, pattern, titles)
        for index, piece in enumerate(pieces):
            element.insert(index, piece)
    for child in list(element):
        if isinstance(child.tag, str):
            _wrap_within(child, pattern, titles, blocked)
        if not blocked and not _skips(child.tail):
            child.tail, pieces = _abbr_pieces(child.tail, pattern, titles)
            for piece in reversed(pieces):
                child.addnext(piece)


def wrap_terms(root, terms: list[Term]) -> None:
    """Wrap glossary terms in <abbr title> in prose text, as the abbr extension does."""
    if terms:
        _wrap_within(root, term_pattern(terms), {t.term: t.definition for t in terms}, False)


def focusable_abbreviations(root, inside_interactive: bool = False) -> None:
    """Give every <abbr title> outside links and buttons tabindex="0", for keyboard tooltips.

    Written to the ElementTree API: it edits Python-Markdown's tree and lxml's alike.
    """
    for child in root:
        if not isinstance(child.tag, str):
            continue  # a comment
        if child.tag == "abbr" and not inside_interactive and child.get("title") is not None \
                and child.get("tabindex") is None:
            attributes = dict(child.attrib)
            child.attrib.clear()
            child.attrib.update({"tabindex": "0", **attributes})
        focusable_abbreviations(child, inside_interactive or child.tag in INTERACTIVE)


def glossary_page(markdown: str, terms: list[Term]) -> str:
    """The Glossary page's Markdown with the term list at its marker."""
    if PAGE_MARKER not in markdown:
        raise GlossaryError(f"docs/{GLOSSARY_PAGE}: add the line {PAGE_MARKER} where the "
                            "terms should go.")
    return markdown.replace(PAGE_MARKER, glossary_page_html(terms))


def load_terms(project_root: Path) -> list[Term]:
    path = project_root / GLOSSARY_FILE
    return parse_glossary(path.read_text(encoding="utf-8"), str(GLOSSARY_FILE))
