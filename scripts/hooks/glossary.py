"""MkDocs hook: glossary tooltips everywhere, and a Glossary page built from one file.

docs/glossary-terms.md holds every term as a Markdown abbreviation (``*[term]: definition``);
pymdownx.snippets appends it to each Markdown page. Notebook pages are rendered by
mkdocs-jupyter without Python-Markdown, so this hook wraps the terms in their HTML itself.
Every <abbr> outside a link gets tabindex="0" so its tooltip also opens on keyboard focus.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

GLOSSARY_FILE = Path("docs/glossary-terms.md")  # relative to the project root
GLOSSARY_PAGE = "glossary.md"
PAGE_MARKER = "<!-- glossary-terms -->"
TERM_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<definition>\S.*)$")
TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"^</?([a-zA-Z][a-zA-Z0-9-]*)")
# Text inside these elements is never wrapped: code, links, headings, existing abbreviations.
NO_WRAP = {"a", "abbr", "button", "code", "kbd", "pre", "samp", "script", "style", "svg",
           "math", "textarea", "title", "summary", "label", "h1", "h2", "h3", "h4", "h5", "h6"}
# Focusable <abbr> inside these would nest one interactive element in another.
INTERACTIVE = {"a", "button", "summary", "label"}
RAW_TEXT = {"script", "style"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


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
            raise PluginError(
                f"{source}:{number}: not a glossary line. Write '*[term]: one or two sentences.'"
            )
        term = Term(match["term"].strip(), match["definition"].strip(), number)
        key = term.term.casefold()
        if key in seen:
            raise PluginError(
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


def _walk(page_html: str):
    """Yield (token, is_tag, open_elements) over a page, skipping script/style bodies."""
    stack: list[str] = []
    raw_until = ""
    for token in TAG_OR_TEXT.split(page_html):
        if not token:
            continue
        is_tag = token.startswith("<") and token.endswith(">")
        if raw_until:
            if is_tag and token.lower().startswith(f"</{raw_until}"):
                raw_until = ""
                if stack:
                    stack.pop()
            yield token, True, stack
            continue
        if is_tag:
            name_match = TAG_NAME.match(token)
            name = name_match.group(1).lower() if name_match else ""
            if name and token.startswith("</"):
                if name in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(name):]
            elif name and name not in VOID and not token.endswith("/>"):
                stack.append(name)
                if name in RAW_TEXT:
                    raw_until = name
        yield token, is_tag, stack


def wrap_terms(page_html: str, terms: list[Term]) -> str:
    """Wrap glossary terms in <abbr title> in prose text, as the abbr extension does."""
    if not terms:
        return page_html
    pattern = term_pattern(terms)
    titles = {t.term: t.definition for t in terms}
    out: list[str] = []
    for token, is_tag, stack in _walk(page_html):
        # Math is typeset from the raw text in the browser: leave it alone.
        skip = is_tag or NO_WRAP.intersection(stack) or "$" in token or "\\(" in token
        if skip:
            out.append(token)
            continue
        out.append(pattern.sub(
            lambda m: f'<abbr title="{html.escape(titles[m.group(0)])}">{m.group(0)}</abbr>',
            token,
        ))
    return "".join(out)


def focusable_abbreviations(page_html: str) -> str:
    """Give every <abbr title> outside links and buttons tabindex="0", for keyboard tooltips."""
    out: list[str] = []
    for token, is_tag, stack in _walk(page_html):
        if (is_tag and token.startswith("<abbr ") and "title=" in token
                and "tabindex" not in token and not INTERACTIVE.intersection(stack[:-1])):
            token = '<abbr tabindex="0" ' + token[len("<abbr "):]
        out.append(token)
    return "".join(out)


def load_terms(config) -> list[Term]:
    path = Path(config.config_file_path).parent / GLOSSARY_FILE
    return parse_glossary(path.read_text(encoding="utf-8"), str(GLOSSARY_FILE))


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def on_config(config):
    load_terms(config)  # fail early, with file and line, on a bad glossary


def on_page_markdown(markdown, page, config, **kwargs):
    if page.file.src_uri == GLOSSARY_PAGE:
        if PAGE_MARKER not in markdown:
            raise PluginError(f"docs/{GLOSSARY_PAGE}: add the line {PAGE_MARKER} where the "
                              "terms should go.")
        return markdown.replace(PAGE_MARKER, glossary_page_html(load_terms(config)))
    return markdown


@event_priority(-80)  # after the other hooks changed the HTML
def on_page_content(html_text, page, config, **kwargs):
    if is_notebook(page):
        html_text = wrap_terms(html_text, load_terms(config))
    return focusable_abbreviations(html_text)
