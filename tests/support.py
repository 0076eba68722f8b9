"""Helpers shared by every test module: paths and a strict MkDocs build."""

from __future__ import annotations

from pathlib import Path

from local_site import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
# A committed copy of the 2021 seed, so the content tests run on any clone.
SEED = ROOT / "tests" / "data" / "seed"


def run_mkdocs_build(project: Path, site_dir: Path, site_url: str | None = None):
    """Run a strict `mkdocs build` of `project` and return the finished process."""
    return mkdocs_build(project, site_dir, {"SITE_URL": site_url} if site_url else None)


def apply_step(step, html: str, *args) -> str:
    """Run one pipeline content step on an HTML fragment and return the fragment's HTML."""
    from pipeline import document

    root = document.parse(html)
    step(root, *args)
    return document.serialize(root)
