"""Pure checks on the guide's text and built site, shared by the tests.

* Copy detector: finds runs of 10+ words that a page shares with the 2021 seed guide.
* Origin scanner: finds resources that built HTML, CSS or JS would load from another origin.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from scripts.notebooks.notebook_meta import cell_source

RUN_LENGTH = 10
URL = re.compile(r"https?://[^\s)\]>\"']+")
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
WORD = re.compile(r"[a-z0-9']+")
BREAK = " \x00 "  # stands where a URL or a title of a work was, so no run spans it


def words_of(text: str) -> list[str]:
    """Lower-case words of `text`, with URLs and link texts (titles of works) cut out."""
    text = MARKDOWN_LINK.sub(BREAK, text)
    text = URL.sub(BREAK, text)
    tokens: list[str] = []
    for chunk in text.lower().split("\x00"):
        tokens.extend(WORD.findall(chunk))
        tokens.append("\x00")
    return tokens


def word_runs(words: list[str], n: int = RUN_LENGTH) -> set[str]:
    """Every run of `n` consecutive words that does not cross a break."""
    runs = set()
    for i in range(len(words) - n + 1):
        window = words[i : i + n]
        if "\x00" not in window:
            runs.add(" ".join(window))
    return runs


def text_of_file(path: Path) -> str:
    """Markdown as is; a notebook as the joined sources of its cells."""
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text(encoding="utf-8"))
        return "\n\n".join(cell_source(cell) for cell in notebook.get("cells", []))
    return path.read_text(encoding="utf-8", errors="replace")


def copied_runs(text: str, seed_runs: set[str]) -> list[str]:
    """The runs of `text` that also occur in the seed, sorted."""
    return sorted(word_runs(words_of(text)) & seed_runs)


# --- origin scanner -------------------------------------------------------------------------

RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),  # SVG
    "feimage": ("href", "xlink:href"),  # SVG
}
LOADING_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
    "mask-icon",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)
JS_IMPORT = re.compile(
    r"""(?:\bimport\s*\(\s*|\bimport\s[^;'"]*?\bfrom\s*|\bimport\s*|importScripts\s*\(\s*)"""
    r"""[`'"]((?:https?:)?//[^`'"]+)"""
)


@dataclass(frozen=True)
class ForeignLoad:
    file: str
    what: str
    url: str

    def __str__(self) -> str:
        return f"{self.file}: {self.what} loads {self.url}"


def is_foreign(url: str, own_origin: str | None = None) -> bool:
    """True for an absolute http(s) or protocol-relative URL outside `own_origin`."""
    url = url.strip()
    if not re.match(r"(?i)(https?:)?//", url):
        return False
    if own_origin is None:
        return True
    parts, own = urlsplit(url if "://" in url else "http:" + url), urlsplit(own_origin)
    return (parts.scheme, parts.netloc) != (own.scheme, own.netloc)


def srcset_urls(value: str) -> list[str]:
    return [item.strip().split()[0] for item in value.split(",") if item.strip()]


def scan_css(css: str, where: str, own_origin: str | None = None) -> list[ForeignLoad]:
    found = []
    for match in CSS_IMPORT.finditer(css):
        if is_foreign(match.group(1), own_origin):
            found.append(ForeignLoad(where, "CSS @import", match.group(1)))
    # url() inside an @import was reported above; the rest are fonts, images and the like
    for match in CSS_URL.finditer(CSS_IMPORT.sub("", css)):
        if is_foreign(match.group(1), own_origin):
            found.append(ForeignLoad(where, "CSS url()", match.group(1)))
    return found


def scan_js(js: str, where: str, own_origin: str | None = None) -> list[ForeignLoad]:
    return [
        ForeignLoad(where, "JS import", m.group(1))
        for m in JS_IMPORT.finditer(js)
        if is_foreign(m.group(1), own_origin)
    ]


class _ResourceParser(HTMLParser):
    def __init__(self, where: str, own_origin: str | None):
        super().__init__(convert_charrefs=True)
        self.where, self.own_origin = where, own_origin
        self.found: list[ForeignLoad] = []
        self._tags: list[str] = []
        self._text: list[str] = []

    def _add(self, what: str, url: str) -> None:
        if is_foreign(url, self.own_origin):
            self.found.append(ForeignLoad(self.where, what, url))

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        for name in RESOURCE_ATTRS.get(tag, ()):
            if name in attrs:
                urls = srcset_urls(attrs[name]) if name == "srcset" else [attrs[name]]
                for url in urls:
                    self._add(f"<{tag} {name}>", url)
        rels = set(attrs.get("rel", "").lower().split())
        if tag == "link" and rels & LOADING_RELS and "href" in attrs:
            self._add(f"<link rel={attrs['rel']}>", attrs["href"])
        if "style" in attrs:
            self.found += scan_css(attrs["style"], self.where, self.own_origin)
        self._tags.append(tag)

    def handle_endtag(self, tag):
        if self._tags and self._tags[-1] == tag:
            self._tags.pop()

    def handle_data(self, data):
        if self._tags and self._tags[-1] == "style":
            self.found += scan_css(data, self.where, self.own_origin)
        elif self._tags and self._tags[-1] == "script":
            self.found += scan_js(data, self.where, self.own_origin)


def scan_html(html: str, where: str, own_origin: str | None = None) -> list[ForeignLoad]:
    parser = _ResourceParser(where, own_origin)
    parser.feed(html)
    parser.close()
    return parser.found


def scan_site(site: Path, own_origin: str | None = None) -> list[ForeignLoad]:
    """Every foreign load in the built site's HTML, CSS and JS files."""
    scanners = {".html": scan_html, ".css": scan_css, ".js": scan_js, ".mjs": scan_js}
    found: list[ForeignLoad] = []
    for path in sorted(site.rglob("*")):
        scanner = scanners.get(path.suffix)
        if scanner and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            found += scanner(text, str(path.relative_to(site)), own_origin)
    return found
