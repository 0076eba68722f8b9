"""Project data the extensions read, loaded once per change of its files (cached loaders).

A serve rebuild sees an edited facts.yml or a new notebook: each loader's cache key holds the
modification times of the files it reads.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from scripts.build import facts, notebook_files, notebook_links, probe_report, sections

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
