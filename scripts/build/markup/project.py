"""Project data the extensions read, loaded once per change of its files (cached loaders).

A serve rebuild sees an edited facts.yml or a new notebook: each loader's cache key holds the
modification times of the files it reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path
from urllib.parse import quote as urlquote
from urllib.parse import urljoin

from scripts.build import (
    facts,
    glossary,
    notebook_files,
    notebook_links,
    probe_report,
    resource_health,
    sections,
    time_budget,
    verified_badge,
)
from scripts.build.markup.generator import SiteUrls
from scripts.notebooks.notebook_meta import RUNS_REPORT, cached_notebook

# Files whose change changes the facts: the registry, Colab's package list, the notebooks
# (their minutes) and the nav (counts of sections).
FACT_INPUTS = ("docs/facts.yml", "requirements/colab", "notebooks", "mkdocs.yml", "docs")


def _stamp(root: Path, names) -> tuple:
    """Modification times of the named files and of the files directly inside named folders."""
    stamps = []
    for name in names:
        path = root / name
        paths = sorted(path.iterdir()) if path.is_dir() else [path]
        stamps += [(str(p), p.stat().st_mtime_ns) for p in paths if p.exists()]
    return tuple(stamps)


def cached_on(*inputs: str) -> Callable:
    """Cache a loader of the project at `root` until one of its input files changes."""
    def wrap(load: Callable[[Path], object]) -> Callable[[Path], object]:
        @lru_cache(maxsize=4)
        def cached(root: Path, stamp: tuple):
            return load(root)

        @wraps(load)
        def loader(root: Path):
            return cached(root, _stamp(root, inputs))
        loader.cache_clear = cached.cache_clear  # for tests that count what a build reads
        return loader
    return wrap


PAGES = ("docs", "notebooks", "mkdocs.yml")


@cached_on(*FACT_INPUTS)
def project_facts(root: Path) -> dict:
    """Every fact, registry and derived, as of the files now on disk."""
    return facts.all_facts(root)


@cached_on("notebooks")
def notebook_names(root: Path) -> tuple[str, ...]:
    return tuple(notebook_files.notebook_names(root))


@cached_on("mkdocs.yml")
def repository(root: Path) -> tuple[str, str]:
    """(repo_url, default branch) from mkdocs.yml, the one place they are written."""
    return notebook_links.repository(sections.read_config(root / "mkdocs.yml"))


@cached_on(str(probe_report.CHECK_REPORT))
def facts_check(root: Path) -> dict | None:
    """The last `make facts-check` report (each probe's result), or None when there is none."""
    return probe_report.load_check_report(root)


@cached_on(str(glossary.GLOSSARY_FILE))
def glossary_terms(root: Path) -> list:
    """The glossary's terms (docs/glossary-terms.md); a bad line fails, naming it."""
    return glossary.load_terms(root)


@cached_on(str(resource_health.REPORT))
def link_report(root: Path) -> dict | None:
    """reports/link-check.json, or None before the first link check."""
    return resource_health.load_report(root / resource_health.REPORT)


def _page_sort_key(path: Path) -> tuple:
    # MkDocs' own file order: a folder's index.md first, then by name.
    return (path.name != "index.md", path.name)


@cached_on(*PAGES)
def documentation_sources(root: Path) -> tuple[tuple[str, str], ...]:
    """(src, text) of every page MkDocs publishes, in its order: docs/*.md, then notebooks."""
    excluded = {line.strip().lstrip("/") for line in
                str(sections.read_config(root / "mkdocs.yml").get("exclude_docs") or "").split()}
    pages = sorted((p for p in (root / "docs").glob("*.md") if p.name not in excluded),
                   key=_page_sort_key)
    found = [(p.name, p.read_text(encoding="utf-8")) for p in pages]
    return tuple(found + [(f"{notebook_files.NOTEBOOK_FOLDER}/{p.name}",
                           p.read_text(encoding="utf-8"))
                          for p in notebook_files.notebook_sources(root)])


@cached_on(*PAGES)
def resource_inventory(root: Path) -> list:
    """Every typed resource of every page, for the Resource health page."""
    return [resource for src, text in documentation_sources(root)
            for resource in (resource_health.notebook_inventory(cached_notebook(root / src), src)
                             if src.endswith(".ipynb") else
                             resource_health.page_inventory(src, text))]


@cached_on(*FACT_INPUTS)
def section_resources(root: Path) -> dict:
    """Each section page's timed resources; a resource without its time fails, naming it."""
    minutes = facts.notebook_minutes(project_facts(root))
    pages = [(section.src, (root / "docs" / section.src).read_text(encoding="utf-8"))
             for section in sections.sections(sections.read_nav(root / "mkdocs.yml"))]
    return time_budget.section_resources(pages, minutes)


@cached_on("mkdocs.yml")
def section_sources(root: Path) -> frozenset[str]:
    """The section pages' files ("python.md"), from mkdocs.yml's nav."""
    return frozenset(s.src for s in sections.sections(sections.read_nav(root / "mkdocs.yml")))


@cached_on(str(resource_health.REPORT))
def health_index(root: Path) -> dict[str, dict]:
    """The link report's results by URL (with and without a trailing slash); {} without one."""
    return resource_health.results_by_url(link_report(root))


@cached_on(str(RUNS_REPORT))
def notebook_runs(root: Path) -> dict:
    """The notebook test runs by file name (reports/notebook-runs.json); {} without it."""
    return verified_badge.load_runs(root / RUNS_REPORT)


@cached_on(*FACT_INPUTS)
def map_totals(root: Path) -> dict[str, int]:
    """How many resources each section lists, by page slug ("python"), for the learning map."""
    return {src.removesuffix(".md"): len(found)
            for src, found in section_resources(root).items()}


@dataclass(frozen=True)
class PageAddress:
    title: str  # the nav title ("5 Python"), as MkDocs' page.title
    url: str  # as MkDocs' page.url: "python/" ("python.html" without directory URLs), "" home
    canonical_url: str  # site_url joined with url, as MkDocs' page.canonical_url; else url


def site_settings(root: Path) -> dict:
    """mkdocs.yml as plain data, `!ENV` values as sections.EnvSetting (read when asked)."""
    return sections.read_config(root / "mkdocs.yml")


def nav_titles(nav: list) -> dict[str, str]:
    """Page file -> its nav title, through nested nav sections."""
    titles: dict[str, str] = {}
    for entry in nav:
        if isinstance(entry, dict):
            (title, target), = entry.items()
            if isinstance(target, list):
                titles |= nav_titles(target)
            elif isinstance(target, str):
                titles[target] = str(title)
    return titles


def yml_site_urls(root: Path) -> SiteUrls:
    """site_url (its !ENV read now) and use_directory_urls as mkdocs.yml sets them."""
    settings = site_settings(root)
    site_url = settings.get("site_url")
    site_url = site_url.value() if isinstance(site_url, sections.EnvSetting) else site_url
    return SiteUrls(site_url or None, bool(settings.get("use_directory_urls", True)))


def page_address(root: Path, src: str, urls: SiteUrls | None = None) -> PageAddress:
    """Title and URLs of the docs/ page `src` ("python.md") as MkDocs gives them to its page;
    `urls`: the generator's own settings where it says (generator.site_urls), else mkdocs.yml's."""
    urls = urls or yml_site_urls(root)
    stem = src.removesuffix(".md")
    if not urls.use_directory_urls:
        url = f"{stem}.html"
    else:
        url = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") \
            else f"{stem}/"
    url = urlquote(url)
    base = urls.site_url
    canonical = urljoin(base if base.endswith("/") else f"{base}/", url) if base else url
    titles = nav_titles(site_settings(root).get("nav") or [])
    return PageAddress(titles.get(src, ""), url, canonical)
