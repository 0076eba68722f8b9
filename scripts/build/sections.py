"""The ten guide sections, read from mkdocs.yml's nav: the one place their order is written."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.build.yaml_loader import SAFE_LOADER

# "5 Python"; at most two digits, so a title such as "2021 links" is never a section.
SECTION_TITLE = re.compile(r"^(?P<number>\d{1,2})\s+(?P<title>.+)$")


@dataclass(frozen=True)
class Section:
    number: int
    title: str  # without its number
    src: str  # e.g. "python.md"

    @property
    def slug(self) -> str:
        return self.src.removesuffix(".md")


@dataclass(frozen=True)
class EnvSetting:
    """A `!ENV [NAME, ..., default]` value of mkdocs.yml, read when asked (tests set SITE_URL)."""

    names: tuple

    def value(self):
        found = next((os.environ[name] for name in self.names
                      if isinstance(name, str) and name in os.environ), None)
        return found if found is not None or len(self.names) < 2 else self.names[-1]


class LenientLoader(SAFE_LOADER):
    """Reads mkdocs.yml without running its tags: `!ENV` becomes an EnvSetting, others None."""


LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)
LenientLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
LenientLoader.add_constructor("!ENV", lambda loader, node: EnvSetting(tuple(
    loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode)
    else [loader.construct_scalar(node)])))


def is_section_title(title: str | None) -> bool:
    return bool(title and SECTION_TITLE.match(str(title)))


def read_config(mkdocs_yml: Path) -> dict:
    """mkdocs.yml as plain data; `!ENV` values as EnvSetting, other tags (!!python/name) None.

    The one reader of mkdocs.yml in our code, the link checker's included (MkDocs and Zensical
    read it themselves): parsed
    once until the file changes (mtime, size). The dict is shared: read it, never change it.
    """
    stat = mkdocs_yml.stat()
    return _parse_config(str(mkdocs_yml.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _parse_config(path: str, mtime_ns: int, size: int) -> dict:
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=LenientLoader)


def read_nav(mkdocs_yml: Path) -> list:
    return read_config(mkdocs_yml)["nav"]


def sections(nav: list) -> list[Section]:
    """Nav entries titled "N Title" that point at a Markdown page, in nav order."""
    found = []
    for entry in nav:
        if not isinstance(entry, dict):
            continue
        (title, target), = entry.items()
        match = SECTION_TITLE.match(str(title))
        if match and isinstance(target, str) and target.endswith(".md"):
            found.append(Section(int(match["number"]), match["title"], target))
    return found


def section_slugs(mkdocs_yml: Path) -> list[str]:
    """The sections' page slugs ("python"), in nav order."""
    return [section.slug for section in sections(read_nav(mkdocs_yml))]
