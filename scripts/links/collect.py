"""Collect every external URL of a built site, with the pages that link to it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

URL_ATTRS = {"href", "src", "poster", "data"}
SKIP_SCHEMES = {"mailto", "javascript", "tel", "data", "blob", "about"}
# Links the build makes from the report itself (an archived copy, "report a problem") carry
# data-linkcheck="skip": checking them would only send requests to the archive and to GitHub.
SKIP_MARK = ("data-linkcheck", "skip")


class CollectError(Exception):
    """A malformed URL in the site (the CLI turns it into exit code 2)."""


def page_path(site_dir: Path, html_file: Path) -> str:
    """URL path of a built file: python/index.html → /python/."""
    relative = html_file.relative_to(site_dir).as_posix()
    if relative == "index.html":
        return "/"
    return "/" + relative.removesuffix("index.html")


def srcset_urls(value: str) -> list[str]:
    """URLs of a srcset: comma-separated 'url [descriptor]' candidates."""
    return [part.split()[0] for part in value.split(",") if part.strip()]


class LinkParser(HTMLParser):
    """Gathers (url, line) for every href, src, poster, data and srcset candidate."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if SKIP_MARK in attrs:
            return
        for name, value in attrs:
            if not value:
                continue
            if name in URL_ATTRS:
                self.found.append((value.strip(), line))
            elif name in ("srcset", "imagesrcset"):
                self.found.extend((url, line) for url in srcset_urls(value))


def validate(url: str, where: str) -> None:
    """Raise CollectError naming the page and line when `url` cannot be requested."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        raise CollectError(f"{where}: malformed URL {url!r}: {error}") from None
    if not parts.hostname:
        raise CollectError(f"{where}: malformed URL {url!r}: no host name")
    if any(c.isspace() for c in url) or "\\" in parts.netloc:
        raise CollectError(f"{where}: malformed URL {url!r}: whitespace or backslash in the URL")


def is_external(url: str, own_prefixes: list[str]) -> bool:
    scheme = urlsplit(url).scheme.lower()
    if scheme in SKIP_SCHEMES or scheme not in ("http", "https", ""):
        return False
    if not scheme and not url.startswith("//"):
        return False  # relative link inside the site
    return not any(url.startswith(prefix) for prefix in own_prefixes if prefix)


def collect(site_dir: Path, own_prefixes: list[str]) -> dict[str, list[str]]:
    """{url: sorted pages} for every external URL in every HTML file under `site_dir`."""
    if not site_dir.is_dir():
        raise CollectError(f"{site_dir}: site directory not found; build it or pass --build")
    links: dict[str, set[str]] = {}
    for html_file in sorted(site_dir.rglob("*.html")):
        parser = LinkParser()
        parser.feed(html_file.read_text(encoding="utf-8", errors="replace"))
        page = page_path(site_dir, html_file)
        for url, line in parser.found:
            url = "https:" + url if url.startswith("//") else url
            if not is_external(url, own_prefixes):
                continue
            validate(url, f"{html_file.relative_to(site_dir)}:{line} (page {page})")
            links.setdefault(url, set()).add(page)
    return {url: sorted(pages) for url, pages in sorted(links.items())}


def with_fact_sources(links: dict[str, list[str]], project: Path) -> dict[str, list[str]]:
    """Add the source URLs of the fact registry (docs/facts.yml) as linked from /facts/."""
    from scripts.build.facts import source_urls  # the build's, on demand

    for url in source_urls(project):
        links.setdefault(url, [])
        if "/facts/" not in links[url]:
            links[url] = sorted([*links[url], "/facts/"])
    return dict(sorted(links.items()))


def links_to_check(site: Path, own: list[str], project: Path) -> dict[str, list[str]]:
    """The site's external links; for a build of this guide (it has a Facts page), also the
    fact registry's sources. Another site checked with our checker gets none of them."""
    links = collect(site, own)
    if (site / "facts" / "index.html").is_file():
        links = with_fact_sources(links, project)
    return links
