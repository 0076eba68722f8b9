"""What the extensions need from the site generator and its theme: their part of the adapter
(the rest is scripts/build/adapter/; this part stays here, beside the extensions Zensical runs).

- Which file is being converted, for errors that name file and line. Python-Markdown does not
  know; under MkDocs 1.x the page's File is held by MkDocs' own `relpath` treeprocessor,
  registered before conversion starts. Elsewhere (Zensical) errors name the body's line.
- The site's URL settings as the generator applies them (the same treeprocessor's config);
  elsewhere they are read from mkdocs.yml.
- The theme's Material Design icons, shipped by Material for MkDocs (`material`) and by
  Zensical's theme (`zensical_ui`) in the same folder layout.

Contract tests: tests/build/test_pl_markup.py fails loudly when either changes.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import markdown

from scripts.build.front_matter import closing_line

DOCS = Path("docs")


@dataclass(frozen=True)
class Location:
    path: str  # as a contributor finds it: docs/python.md
    first_line: int  # the file line that the Markdown body starts on


UNKNOWN = Location("the page being built (line numbers count from the end of front matter)", 1)


def body_start(source: str) -> int:
    """The file line the body starts on: after front matter (as front_matter.py finds it) and
    the empty lines after it."""
    lines = source.splitlines()
    start = closing_line(source) or 0  # the index of the line after the closing fence
    while start < len(lines) and not lines[start]:
        start += 1
    return start + 1


def page_location(md: markdown.Markdown) -> Location:
    """The file and first body line of the page `md` is converting, where the generator says."""
    try:
        relpath = md.treeprocessors["relpath"]  # MkDocs 1.x's _RelativePathTreeprocessor
        file = relpath.file
        source = file.content_string
    except (KeyError, AttributeError):
        return UNKNOWN
    return Location(str(DOCS / file.src_uri), body_start(source))


@dataclass(frozen=True)
class SiteUrls:
    site_url: str | None
    use_directory_urls: bool


def site_urls(md: markdown.Markdown) -> SiteUrls | None:
    """The generator's own site_url and use_directory_urls, where it says (MkDocs: its config as
    plugins left it; the offline plugin turns directory URLs off), else None."""
    try:
        config = md.treeprocessors["relpath"].config  # MkDocs 1.x's _RelativePathTreeprocessor
        return SiteUrls(config.site_url or None, bool(config.use_directory_urls))
    except (KeyError, AttributeError):
        return None


# Theme packages that ship Material Design icons under templates/.icons/material/.
ICON_THEMES = ("material", "zensical_ui")


@cache
def icon_dir() -> Path:
    """The folder of Material Design icons of the installed theme."""
    for package in ICON_THEMES:
        spec = importlib.util.find_spec(package)
        if spec and spec.origin:
            folder = Path(spec.origin).parent / "templates" / ".icons" / "material"
            if folder.is_dir():
                return folder
    raise ValueError(f"no theme with Material Design icons is installed (looked for "
                     f"{', '.join(ICON_THEMES)}); install mkdocs-material (make install-docs)")


@cache
def icon_svg(name: str) -> str:
    """One icon's SVG markup, such as icon_svg("play-circle-outline")."""
    return (icon_dir() / f"{name}.svg").read_text(encoding="utf-8").strip()
