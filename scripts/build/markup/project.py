"""Project data the extensions read, loaded once per change of its files (cached loaders).

A serve rebuild sees an edited facts.yml or a new notebook: each loader's cache key holds the
modification times of the files it reads.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from scripts.build import (
    facts,
    glossary,
    notebook_files,
    notebook_links,
    probe_report,
    resource_health,
    sections,
    time_budget,
)

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


@lru_cache(maxsize=4)
def _facts(root: Path, stamp: tuple) -> dict:
    return facts.all_facts(root)


def project_facts(root: Path) -> dict:
    """Every fact, registry and derived, as of the files now on disk."""
    return _facts(root, _stamp(root, FACT_INPUTS))


@lru_cache(maxsize=4)
def _notebooks(root: Path, stamp: tuple) -> tuple[str, ...]:
    return tuple(notebook_files.notebook_names(root))


def notebook_names(root: Path) -> tuple[str, ...]:
    return _notebooks(root, _stamp(root, ["notebooks"]))


@lru_cache(maxsize=4)
def _repository(root: Path, stamp: tuple) -> tuple[str, str]:
    return notebook_links.repository(sections.read_config(root / "mkdocs.yml"))


def repository(root: Path) -> tuple[str, str]:
    """(repo_url, default branch) from mkdocs.yml, the one place they are written."""
    return _repository(root, _stamp(root, ["mkdocs.yml"]))


@lru_cache(maxsize=4)
def _facts_check(root: Path, stamp: tuple) -> dict | None:
    return probe_report.load_check_report(root)


def facts_check(root: Path) -> dict | None:
    """The last `make facts-check` report (each probe's result), or None when there is none."""
    return _facts_check(root, _stamp(root, [str(probe_report.CHECK_REPORT)]))


@lru_cache(maxsize=4)
def _terms(root: Path, stamp: tuple) -> tuple:
    return tuple(glossary.load_terms(root))


def glossary_terms(root: Path) -> list:
    """The glossary's terms (docs/glossary-terms.md); a bad line fails, naming it."""
    return list(_terms(root, _stamp(root, [str(glossary.GLOSSARY_FILE)])))


@lru_cache(maxsize=4)
def _link_report(root: Path, stamp: tuple) -> dict | None:
    return resource_health.load_report(root / resource_health.REPORT)


def link_report(root: Path) -> dict | None:
    """reports/link-check.json, or None before the first link check."""
    return _link_report(root, _stamp(root, [str(resource_health.REPORT)]))


def _page_sort_key(path: Path) -> tuple:
    # MkDocs' own file order: a folder's index.md first, then by name.
    return (path.name != "index.md", path.name)


def documentation_sources(root: Path) -> tuple[tuple[str, str], ...]:
    """(src, text) of every page MkDocs publishes, in its order: docs/*.md, then notebooks."""
    return _sources(root, _stamp(root, ["docs", "notebooks", "mkdocs.yml"]))


@lru_cache(maxsize=4)
def _sources(root: Path, stamp: tuple) -> tuple[tuple[str, str], ...]:
    excluded = {line.strip().lstrip("/") for line in
                str(sections.read_config(root / "mkdocs.yml").get("exclude_docs") or "").split()}
    pages = sorted((p for p in (root / "docs").glob("*.md") if p.name not in excluded),
                   key=_page_sort_key)
    found = [(p.name, p.read_text(encoding="utf-8")) for p in pages]
    return tuple(found + [(f"{notebook_files.NOTEBOOK_FOLDER}/{p.name}",
                           p.read_text(encoding="utf-8"))
                          for p in notebook_files.notebook_sources(root)])


@lru_cache(maxsize=4)
def _inventory(root: Path, stamp: tuple) -> tuple:
    return tuple(resource for src, text in documentation_sources(root)
                 for resource in resource_health.page_inventory(src, text))


def resource_inventory(root: Path) -> list:
    """Every typed resource of every page, for the Resource health page."""
    return list(_inventory(root, _stamp(root, ["docs", "notebooks", "mkdocs.yml"])))


@lru_cache(maxsize=4)
def _section_resources(root: Path, stamp: tuple) -> dict:
    minutes = facts.notebook_minutes(project_facts(root))
    pages = [(section.src, (root / "docs" / section.src).read_text(encoding="utf-8"))
             for section in sections.sections(sections.read_nav(root / "mkdocs.yml"))]
    return time_budget.section_resources(pages, minutes)


def section_resources(root: Path) -> dict:
    """Each section page's timed resources; a resource without its time fails, naming it."""
    return _section_resources(root, _stamp(root, FACT_INPUTS))


@lru_cache(maxsize=4)
def _section_sources(root: Path, stamp: tuple) -> frozenset[str]:
    return frozenset(s.src for s in sections.sections(sections.read_nav(root / "mkdocs.yml")))


def section_sources(root: Path) -> frozenset[str]:
    """The section pages' files ("python.md"), from mkdocs.yml's nav."""
    return _section_sources(root, _stamp(root, ["mkdocs.yml"]))
