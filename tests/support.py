"""Helpers shared by every test module: paths and a strict MkDocs build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A committed copy of the 2021 seed, so the content tests run on any clone.
SEED = ROOT / "tests" / "data" / "seed"


def run_mkdocs_build(project: Path, site_dir: Path, site_url: str | None = None):
    """Run a strict `mkdocs build` of `project` and return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def apply_step(step, html: str, *args) -> str:
    """Run one pipeline content step on an HTML fragment and return the fragment's HTML."""
    from pipeline import document

    root = document.parse(html)
    step(root, *args)
    return document.serialize(root)
